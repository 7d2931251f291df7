"""Monotone: compare exp (or log, for positive sides) of both sides; exp and log are increasing."""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, goal_of
from ..normal_forms import evaluate  # memoized there: the goals' evaluation is shared
from .search import simple


def sides(lhs, rel: str, rhs) -> tuple:
    """(a, b) with the goal's difference a - b."""
    return (lhs, rhs) if rel in ("=", ">", ">=") else (rhs, lhs)


def monotone_certs(goal: Goal, a, b, oracle: bool = True) -> Iterator[C.Certificate]:
    """exp(a) - exp(b), or log(a) - log(b), by the normal forms (and SymPy's simplify: ``oracle``)."""
    a, b = evaluate(a, goal.ranges), evaluate(b, goal.ranges)
    if a.is_real and b.is_real:
        for c in simple(Goal(goal.kind, sp.exp(a) - sp.exp(b), goal.hyps, goal.ranges), oracle=oracle):
            yield C.Monotone("exp", a, b, c)
    if a.is_positive and b.is_positive:
        for c in simple(Goal(goal.kind, sp.log(a) - sp.log(b), goal.hyps, goal.ranges), oracle=oracle):
            yield C.Monotone("log", a, b, c)


def s_monotone(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if isinstance(lhs, sp.Limit) or rel == "=":
        return
    a, b = sides(lhs, rel, rhs)
    yield from monotone_certs(goal_of(lhs, rel, rhs, ctx), a, b)
