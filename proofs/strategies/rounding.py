"""Rounding bounds: ceiling(x) >= x (the kernel's lemma "ceiling_ge"), after multiplying by a
positive symbol of the goal. (ceiling(x) < x + 1 needs a strict lemma the kernel lacks.)"""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import LEMMAS, Goal, check_goal, goal_of
from ..normal_forms import evaluate


def s_rounding(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if isinstance(lhs, sp.Limit) or rel == "=":
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    e = evaluate(goal.expr, goal.ranges)
    rounds = sorted((f for f in e.atoms(sp.ceiling) if f.args[0].is_real), key=sp.default_sort_key)
    if not rounds:
        return
    scales = [sp.Integer(1)] + sorted((s for s in e.free_symbols if s.is_positive), key=sp.default_sort_key)
    for c in scales:
        for f in rounds[:3]:
            x = f.args[0]
            rest = Goal(goal.kind, c * e - LEMMAS["ceiling_ge"][0](x), goal.hyps, goal.ranges)
            if check_goal(rest, C.Leaf()) is not None:
                lem = C.Lemma("ceiling_ge", (x,), C.Leaf())
                yield lem if c == 1 else C.Scale(c, lem)
