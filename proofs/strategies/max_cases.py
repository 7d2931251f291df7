"""Max/Min of three or more arguments: a tournament of case splits (the kernel's Cases), each case
re-parametrising the loser (b = a − D, a = b − D or b = a: the kernel's Reparam), until SymPy sees
which argument is the largest; each leaf by rewriting or monotony (LSE bounds at n = 3)."""
from __future__ import annotations

import itertools
from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, Rejected, after_reparam, goal_of
from .monotone import monotone_certs, sides
from .search import first, simple

MAX_ARGS = 4  # 3^(k-1) leaves: 27 at four arguments


def _tournament(goal: Goal, args: list, ab: tuple, least: bool = False) -> C.Certificate | None:
    """Cases(a, b) on the first two arguments, the loser re-parametrised (for a Min, least: the
    larger loses), then the winner against the rest; at the end (one argument left) the goal by
    the rewrites or monotony."""
    if len(args) < 2:
        a, b = ab
        # lazily: monotony (exp of both sides decides LSE against a max), the normal forms, simplify
        return first(goal, itertools.chain(monotone_certs(goal, a, b), simple(goal)))
    a, b, rest = args[0], args[1], args[2:]
    certs = []
    cases = ((sp.Gt(a, b), a, b), (sp.Lt(a, b), b, a)) if least else ((sp.Gt(a, b), b, a), (sp.Lt(a, b), a, b))
    for rel, var, other in cases + ((sp.Eq(a, b), b, a),):
        fresh = None if isinstance(rel, sp.Equality) else sp.Dummy("D", positive=True)
        below = not least  # the loser lies below the winner for a Max, above it for a Min
        case = Goal(goal.kind, goal.expr, goal.hyps + (rel,), goal.ranges)
        try:
            inner = after_reparam(case, var, fresh, rel)
        except Rejected:
            return None
        value = other if fresh is None else other - fresh if below else other + fresh
        sub = _tournament(inner, [other] + list(rest),
                          tuple(sp.sympify(x).xreplace({var: value}) for x in ab), least)
        if sub is None:
            return None
        certs.append(C.Reparam(var, fresh, sub, rel))
    return C.Cases(a, b, *certs)


def s_max_cases(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if isinstance(lhs, sp.Limit):
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    for m in sorted(sp.sympify(goal.expr).atoms(sp.Max, sp.Min), key=sp.default_sort_key):
        args = sorted(m.args, key=sp.default_sort_key)
        if not 3 <= len(args) <= MAX_ARGS or not all(isinstance(x, sp.Symbol) and x.is_real for x in args):
            continue
        c = _tournament(goal, args, sides(lhs, rel, rhs), isinstance(m, sp.Min))
        if c is not None:
            yield c
