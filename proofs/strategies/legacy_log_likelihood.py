"""Legacy (kept until the kernel's Limit certificate handles an infinite value: today its check
computes (Limit - oo) - Limit + oo = nan and rejects every infinite limit).

* ``infinite limit``: ``Limit(f, x, x0) = oo`` (or −oo) by SymPy's limit compared with ``Eq``; the
  default limit strategy subtracts the claimed value, and ``oo − oo`` is nan.
"""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from ..context import Context
from ..kernel import Reduction, TrueAtom
from .legacy import register


def _safe(gen) -> list[Reduction]:
    """Run a strategy body eagerly: an exception inside it means "no proposal" (the kernel's
    try/except around a strategy call does not see errors raised while a generator is iterated)."""
    try:
        return list(gen)
    except Exception:  # BudgetExceeded is a BaseException and still propagates
        return []


@register("infinite limit")
def s_infinite_limit(lhs, rel, rhs, ctx: Context) -> list[Reduction]:
    """``Limit(f, x, x0) = ±oo``: SymPy's limit, compared with Eq (``oo - oo`` is nan, so the
    default limit strategy, which subtracts, can never confirm a divergent limit)."""
    return _safe(_infinite_limit(lhs, rel, rhs, ctx))


def _infinite_limit(lhs, rel, rhs, ctx: Context) -> Iterator[Reduction]:
    if not isinstance(lhs, sp.Limit) or rel != "=" or rhs not in (sp.oo, -sp.oo):
        return
    f, x, x0, dr = lhs.args
    v = sp.limit(f, x, x0, str(dr))
    if v.has(sp.Limit):
        return
    yield Reduction((TrueAtom(sp.Eq(v, rhs), f"sympy.limit = {v}"),), f"sympy.limit = {v}")
