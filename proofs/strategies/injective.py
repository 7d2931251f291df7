"""Injective functions: l = r from e^l = e^r for real l, r (Monotone("exp") on an equality; the
kernel emits the realness of both sides), the new identity by the rewrites, sums or termwise."""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, goal_of
from ..normal_forms import evaluate  # memoized there: the goals' evaluation is shared
from .search import simple
from .sums import as_atoms
from .termwise import termwise_certs


def s_exp_eq(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if isinstance(lhs, sp.Limit) or rel != "=":
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    a, b = evaluate(lhs, goal.ranges), evaluate(rhs, goal.ranges)
    if not (a.has(sp.log) or b.has(sp.log)) or not (a.is_real and b.is_real):
        return
    new = sp.expand(sp.exp(a), mul=False, multinomial=False) - sp.expand(sp.exp(b), mul=False, multinomial=False)
    inner = Goal("zero", new, goal.hyps, goal.ranges)
    for c in simple(inner):
        yield C.Monotone("exp", a, b, c)
    if new.has(sp.Sum):
        for c in as_atoms(inner, evaluate(new, goal.ranges)):
            yield C.Monotone("exp", a, b, c)
        for c in termwise_certs(inner):
            yield C.Monotone("exp", a, b, c)
