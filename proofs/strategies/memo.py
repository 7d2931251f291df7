"""Memoized pure SymPy work shared by the strategies: the same goal is simplified by several
strategies (and again inside scaling's sub-searches), so each result is computed once (the
goals' evaluation is memoized by normal_forms.evaluate itself).

A SymPy expression is immutable and hashable, and a symbol's assumptions are part of its identity,
so the arguments are the whole key. The caches are bounded (least recently used dropped). Only the
search uses them: the kernel computes everything it checks itself.
"""
from __future__ import annotations

from functools import lru_cache

import sympy as sp


_ERRORS = (TypeError, ValueError, NotImplementedError, sp.PolynomialError, RecursionError, AttributeError)


@lru_cache(maxsize=512)
def simplified(e: sp.Basic) -> sp.Basic | None:
    """SymPy's simplify of e, or None when it fails."""
    try:
        return sp.simplify(e)
    except _ERRORS:
        return None
