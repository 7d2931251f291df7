"""Strategies for sigmoid statements (registered on import by ``derivations.sigmoid``).

A strategy only PROPOSES atoms; the kernel discharges them and cross-checks numerically.

* ``limit after doit``: a Limit whose function holds an unevaluated Derivative / Sum / Integral
  (e.g. ``Limit(Derivative(σ(z), z), z, oo)``) is evaluated by ``doit()`` first, then
  ``sympy.limit``. SymPy's ``limit`` returns such a function unchanged, so the built-in limit
  strategy cannot use it. The result is accepted only if it is free of the limit variable and
  of unevaluated operators.
"""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from ..context import Context
from ..kernel import Reduction, Zero
from .legacy import register

_OPS = (sp.Derivative, sp.Sum, sp.Integral)


@register("limit after doit")
def s_limit_doit(lhs, rel, rhs, ctx: Context) -> Iterator[Reduction]:
    if not isinstance(lhs, sp.Limit) or rel != "=":
        return
    f, x, x0, dr = lhs.args
    if not f.has(*_OPS):
        return
    g = f.doit()
    if g.has(*_OPS):
        return
    try:
        v = sp.limit(g, x, x0, str(dr))
    except (NotImplementedError, ValueError, TypeError):
        return
    if v.has(sp.Limit, *_OPS) or x in v.free_symbols or v.has(sp.AccumBounds):
        return
    yield Reduction((Zero(sp.simplify(v - rhs), f"doit, then sympy.limit = {v}"),),
                    "doit, then sympy.limit")

