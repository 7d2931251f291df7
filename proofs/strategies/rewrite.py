"""Rewrite: the kernel's normal forms, SymPy's simplify (named), the context's equations; also in
two stages (normal forms first, simplify later) for the registry."""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import goal_of
from .search import simple, with_rules


def s_rewrite(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    """Both stages, normal forms first (the registry lists them apart)."""
    yield from s_normal_forms(lhs, rel, rhs, ctx)
    yield from s_simplify(lhs, rel, rhs, ctx)


def s_normal_forms(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    """The rewrites by the kernel's normal forms alone (cheap: tried first)."""
    if isinstance(lhs, sp.Limit):
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    yield from simple(goal, oracle=False)
    yield from with_rules(goal, oracle=False)


def s_simplify(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    """The rewrites by SymPy's simplify (an Oracle the kernel runs and names): costly when it
    fails, so tried after the cheaper mechanisms on goals with sums."""
    if isinstance(lhs, sp.Limit):
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    yield from simple(goal, leaf=False)
    yield from with_rules(goal, leaf=False)
