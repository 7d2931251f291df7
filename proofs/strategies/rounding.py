"""Rounding bounds: ceiling(x) = x + th, floor(x) = x - th with 0 <= th < 1 (the kernel's
re-parametrisation of a rounding, then th charted onto [0, 1)), or ceiling(x) >= x (the kernel's
lemma "ceiling_ge") after multiplying by a positive symbol of the goal."""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import LEMMAS, Goal, Rejected, after_reparam, check_goal, goal_of
from ..normal_forms import evaluate  # memoized there: the goals' evaluation is shared
from .search import first


def as_offsets(goal: Goal, rounds: list) -> C.Certificate | None:
    """Each rounding replaced by its argument plus / minus th in [0, 1), th = D/(1 + D), D >= 0."""
    if not rounds:  # the sign from SymPy's assumptions on the fresh symbols (fast to fail)
        return first(goal, [C.Leaf()])
    r, rest = rounds[0], rounds[1:]
    th, d = sp.Dummy("theta", real=True), sp.Dummy("D", nonnegative=True)
    try:
        inner = after_reparam(goal, r, th)
        lo, hi = inner.hyps[-2:]
        charted = after_reparam(inner, th, d, (lo, hi))
    except Rejected:
        return None
    c = as_offsets(charted, rest)
    return None if c is None else C.Reparam(r, th, C.Reparam(th, d, c, (lo, hi)))


def s_rounding(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if isinstance(lhs, sp.Limit) or rel == "=":
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    e = evaluate(goal.expr, goal.ranges)
    rounds = sorted((f for f in e.atoms(sp.ceiling, sp.floor) if f.args[0].is_real), key=sp.default_sort_key)
    if not rounds:
        return
    scales = [sp.Integer(1)] + sorted((s for s in e.free_symbols if s.is_positive), key=sp.default_sort_key)
    ceilings = [f for f in rounds if isinstance(f, sp.ceiling)]
    for c in scales:
        for f in ceilings[:3]:
            x = f.args[0]
            rest = Goal(goal.kind, c * e - LEMMAS["ceiling_ge"][0](x), goal.hyps, goal.ranges)
            if check_goal(rest, C.Leaf()) is not None:
                lem = C.Lemma("ceiling_ge", (x,), C.Leaf())
                yield lem if c == 1 else C.Scale(c, lem)
    if len(rounds) <= 3:
        found = as_offsets(Goal(goal.kind, e, goal.hyps, goal.ranges), rounds)
        if found is not None:
            yield found
