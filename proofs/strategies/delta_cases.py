"""Kronecker delta cases: δ_ab decided by the trichotomy a > b, a < b, a = b (the kernel's Cases,
b re-parametrised in each case by the kernel's Reparam: b = a ∓ (1 + D) with an integer D ≥ 0, or
b = a), where SymPy evaluates δ to 0 or 1 (Szegedy et al.'s smoothed target (1 − ε)δ_ky + ε/K ≥ ε/K)."""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import goal_of
from ..normal_forms import evaluate
from .cases import branch
from .monotone import sides


def pairs(e: sp.Basic) -> list[tuple[sp.Expr, sp.Symbol]]:
    """(a, b) from each δ_ab with b an integer symbol (the one re-parametrised) and a an integer."""
    out = []
    for d in sorted(e.atoms(sp.KroneckerDelta), key=sp.default_sort_key):
        x, y = d.args
        for a, b in ((x, y), (y, x)):
            if isinstance(b, sp.Symbol) and b.is_integer and a.is_integer:
                out.append((a, b))
                break
    return out


def s_delta_cases(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if isinstance(lhs, sp.Limit):
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    e = evaluate(goal.expr, goal.ranges)
    if not e.has(sp.KroneckerDelta):
        return
    ab = sides(lhs, rel, rhs)
    for a, b in pairs(e)[:2]:
        gt = branch(goal, b, sp.Gt(a, b), a, ab)
        lt = gt and branch(goal, b, sp.Lt(a, b), a, ab)
        eq = lt and branch(goal, b, sp.Eq(a, b), a, ab)
        if eq:
            yield C.Cases(a, b, gt, lt, eq)
