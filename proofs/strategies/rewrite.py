"""Rewrite: the kernel's normal forms, SymPy's simplify (named), the context's equations."""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import goal_of
from .search import simple, with_rules


def s_rewrite(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if isinstance(lhs, sp.Limit):
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    yield from simple(goal)
    yield from with_rules(goal)
