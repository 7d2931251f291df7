"""Positive factors: c*X rel r as X rel r/c (relation flipped for a negative number c), the new
goal proved by the registry's other strategies and carried back by Scale(1/|c|) (the kernel
emits |c| > 0 itself) and a Rewrite it checks by its normal forms."""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from .subgoals import prove

_FLIP = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "="}


def factors(e: sp.Expr) -> list[sp.Expr]:
    """The product of the positive factors of e, and its negative numeric factor, if any."""
    if not isinstance(e, sp.Mul):
        return []
    pos = sp.Mul(*[f for f in e.args if f.is_positive is True])
    out = [pos] if pos != 1 and pos != e else []
    neg = [f for f in e.args if f.is_Number and f.is_negative]
    if neg:
        out.append(neg[0])
    return out


def s_scaling(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if isinstance(lhs, sp.Limit):
        return
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    for side in (lhs, rhs):
        for c in factors(side):
            rel2 = rel if c.is_positive else _FLIP[rel]
            # the cheap, targeted strategies first: the slow rewrites already failed on the goal
            found = prove(lhs / c, rel2, rhs / c, ctx, skip=("scaling",),
                          prefer=("case split", "exp of both sides", "termwise", "convexity"))
            if found is not None:
                yield C.Scale(1 / abs(c), found)
