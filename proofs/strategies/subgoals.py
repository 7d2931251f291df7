"""Goal-level search for the content mechanisms: a certificate for a derived goal (a term of a sum,
a goal divided by a positive factor) from a short list of searchers, each pre-checked by the kernel."""
from __future__ import annotations

from typing import Callable, Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, check_goal, goal_of
from ..normal_forms import evaluate  # memoized there: the goals' evaluation is shared
from .search import simple

GoalSearch = Callable[[Goal], Iterator[C.Certificate]]
_DEPTH = [0]
MAX_DEPTH = 2  # sub-proofs of sub-proofs: enough for "divide, then compare termwise, then a lemma"


def sides_of(e: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """e = a - b with a the terms of positive numeric coefficient, b the negated others."""
    a, b = sp.Integer(0), sp.Integer(0)
    for t in sp.Add.make_args(sp.expand(e, mul=True, multinomial=False, power_exp=False, log=False)):
        if t.as_coeff_Mul()[0].is_negative:
            b -= t
        else:
            a += t
    return a, b


def monotone_split(goal: Goal) -> Iterator[C.Certificate]:
    """exp or log of both parts of the goal's difference (split by the sign of the coefficients),
    by the normal forms: SymPy's simplify proved none of these in the whole test suite and cost
    3 CPU seconds failing."""
    from .monotone import monotone_certs
    if goal.kind == "zero":
        return
    a, b = sides_of(evaluate(goal.expr, goal.ranges))
    if a != 0 and b != 0:
        yield from monotone_certs(goal, a, b, oracle=False)


def first_of(goal: Goal, searchers: list[GoalSearch], limit: int = 60) -> C.Certificate | None:
    """The first certificate of the searchers that the kernel's checker accepts for the goal."""
    if _DEPTH[0] >= MAX_DEPTH:
        return None
    _DEPTH[0] += 1
    try:
        tried = 0
        for search in searchers:
            try:
                for c in search(goal):
                    tried += 1
                    if check_goal(goal, c) is not None:
                        return c
                    if tried >= limit:
                        return None
            except (TypeError, ValueError, NotImplementedError, AttributeError, RecursionError,
                    sp.PolynomialError):
                continue
    finally:
        _DEPTH[0] -= 1
    return None


def prove(lhs, rel: str, rhs, ctx: Context, skip: tuple[str, ...] = (),
          prefer: tuple[str, ...] = ()) -> C.Certificate | None:
    """A certificate for ``lhs rel rhs`` from the registry's strategies (other than ``skip``;
    those in ``prefer`` first), re-expressed as a Rewrite so that it can certify an equal goal
    (the kernel re-checks it)."""
    from . import CERTIFIED
    CERTIFIED = sorted(CERTIFIED, key=lambda ns: prefer.index(ns[0]) if ns[0] in prefer else len(prefer))
    if _DEPTH[0] >= MAX_DEPTH:
        return None
    goal = goal_of(lhs, rel, rhs, ctx)
    _DEPTH[0] += 1
    try:
        for name, strat in CERTIFIED:
            if name in skip:
                continue
            try:
                for c in strat(lhs, rel, rhs, ctx) or ():
                    if isinstance(c, C.Certificate) and check_goal(goal, c) is not None:
                        return C.Rewrite(goal.expr, c)
            except (TypeError, ValueError, NotImplementedError, AttributeError, RecursionError,
                    sp.PolynomialError, KeyError, IndexError):
                continue
    finally:
        _DEPTH[0] -= 1
    return None


def basic(goal: Goal) -> Iterator[C.Certificate]:
    yield from simple(goal)
