"""Piecewise cases: a Piecewise side decided by case splits on its conditions x ≶ c (x a real
symbol, c a number) and on two-argument Max/Min, nested (each case re-parametrises x by the
kernel's Reparam, x = c ∓ D or x = c, and the next split is on what is left undecided).

PyTorch's Hardsigmoid, written piecewise (0 for x ≤ −3, 1 for x ≥ 3, x/6 + 1/2 between), is
ReLU6(x + 3)/6 = min(max(0, x + 3), 6)/6: split at −3, then the remaining D ≷ 6.
"""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, goal_of
from ..normal_forms import evaluate
from .cases import case_goal
from .cases import pairs as max_pairs
from .search import first, simple

DEPTH = 3  # nested splits: 3^3 leaves at most


def pairs(e: sp.Basic) -> list[tuple[sp.Expr, sp.Symbol]]:
    """(c, x) from each condition x ≶ c of a Piecewise, then the Max/Min pairs (a, symbol)."""
    out: list = []
    for pw in sorted(e.atoms(sp.Piecewise), key=sp.default_sort_key):
        for _, cond in pw.args:
            if not isinstance(cond, sp.Basic):
                continue
            for r in sorted(cond.atoms(sp.core.relational.Relational), key=sp.default_sort_key):
                if isinstance(r, (sp.Eq, sp.Ne)):
                    continue
                for x, c in ((r.lhs, r.rhs), (r.rhs, r.lhs)):
                    if isinstance(x, sp.Symbol) and x.is_real and c.is_number and c.is_real:
                        out.append((c, x))
    out += [(a, b) for a, b in max_pairs(e) if b.is_real and sp.sympify(a).is_real]
    return list(dict.fromkeys(out))


def _prove(goal: Goal, depth: int) -> C.Certificate | None:
    c = first(goal, simple(goal))
    e = evaluate(goal.expr, goal.ranges)
    if c is not None or depth == 0 or not e.has(sp.Piecewise, sp.Max, sp.Min):
        return c
    for a, b in pairs(e)[:2]:
        certs = []
        for rel in (sp.Gt(a, b), sp.Lt(a, b), sp.Eq(a, b)):
            made = case_goal(goal, b, rel, a)
            if made is None:
                break
            fresh, inner, _ = made
            sub = _prove(inner, depth - 1)
            if sub is None:
                break
            certs.append(C.Reparam(b, fresh, sub, rel))
        else:
            return C.Cases(a, b, *certs)
    return None


def s_piecewise_cases(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if isinstance(lhs, sp.Limit):
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    if not evaluate(goal.expr, goal.ranges).has(sp.Piecewise):
        return
    c = _prove(goal, DEPTH)
    if c is not None:
        yield c
