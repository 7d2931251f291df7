"""Case split: on the order of the two arguments of a Max/Min (the kernel builds the three cases
and the re-parametrisation b = a - D, b = a + D, b = a; each case proved by rewriting or monotony)."""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, Rejected, after_reparam, goal_of
from .monotone import monotone_certs, sides
from .search import first, simple


def pairs(e: sp.Basic) -> list[tuple[sp.Expr, sp.Symbol]]:
    """(a, b) from each two-argument Max/Min with b a symbol (the one re-parametrised)."""
    out = []
    for m in sorted(e.atoms(sp.Max, sp.Min), key=sp.default_sort_key):
        if len(m.args) != 2:
            continue
        x, y = m.args
        if isinstance(y, sp.Symbol):
            out.append((x, y))
        elif isinstance(x, sp.Symbol):
            out.append((y, x))
    return out


def case_goal(goal: Goal, var, rel, other) -> tuple | None:
    """One case of a split: the hypothesis ``rel`` (var against other) used by the kernel's Reparam.
    (fresh D or None for an equation, the re-parametrised goal, the value var takes), or None."""
    fresh = None
    if not isinstance(rel, sp.Equality):
        fresh = sp.Dummy("D", positive=True)
        if var.is_integer and other.is_integer:
            fresh = sp.Dummy("D", integer=True, nonnegative=True)
    case = Goal(goal.kind, goal.expr, goal.hyps + (rel,), goal.ranges)
    try:
        inner = after_reparam(case, var, fresh, rel)
    except Rejected:
        return None
    if fresh is None:
        return None, inner, other
    below = isinstance(rel, sp.StrictGreaterThan) and rel.rhs == var or \
        isinstance(rel, sp.StrictLessThan) and rel.lhs == var
    step = (1 if var.is_integer and other.is_integer else 0) + fresh
    return fresh, inner, other - step if below else other + step


def branch(goal: Goal, var, rel, other, ab, extra=()) -> C.Certificate | None:
    """A Reparam certificate for one case (hypothesis ``rel``), or None."""
    made = case_goal(goal, var, rel, other)
    if made is None:
        return None
    fresh, inner, value = made
    a, b = (sp.sympify(x).xreplace({var: value}) for x in ab)
    cands = list(simple(inner)) + list(monotone_certs(inner, a, b)) + list(extra)
    c = first(inner, cands)
    return None if c is None else C.Reparam(var, fresh, c, rel)


def s_cases(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if isinstance(lhs, sp.Limit):
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    ab = sides(lhs, rel, rhs)
    for a, b in pairs(sp.sympify(goal.expr))[:2]:
        if not (a.is_real and b.is_real):
            continue
        gt = branch(goal, b, sp.Gt(a, b), a, ab)
        lt = gt and branch(goal, b, sp.Lt(a, b), a, ab)
        eq = lt and branch(goal, b, sp.Eq(a, b), a, ab)
        if eq:
            yield C.Cases(a, b, gt, lt, eq)
