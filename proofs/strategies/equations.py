"""Equations of the context used inside functions: the goal reduced modulo lhs - rhs by polynomial
division in lhs (its logs as further variables), so the multiplier is a polynomial, defined wherever
the goal is; a log the equation fixes (log A with A = c) then goes by exp of both sides.

Source: blog "softmax+交叉熵" §2.1, −Σ_j p_j log(Σ_k p_k) = −log 1 = 0 when Σ_k p_k = 1.
"""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, check_goal, goal_of
from ..normal_forms import evaluate  # memoized there: the goals' evaluation is shared
from .search import simple
from .subgoals import sides_of


def reduce_by(goal: Goal, e: sp.Expr, h: sp.Equality) -> tuple[sp.Expr, sp.Expr] | None:
    """e = form + m (lhs - rhs) with m a polynomial in lhs and log(lhs): (form, m), or None."""
    a, c = evaluate(h.lhs, goal.ranges), sp.sympify(h.rhs)
    x, lg = sp.Dummy("X"), sp.Dummy("L")
    p = e.xreplace({sp.log(a): lg}).xreplace({a: x})
    if x not in p.free_symbols or p.has(a):
        return None
    try:
        poly = sp.Poly(sp.expand(p), x)
        q, r = sp.div(poly, sp.Poly(x - c, x))
    except (sp.PolynomialError, sp.GeneratorsNeeded, TypeError, ValueError):
        return None
    back = {x: a, lg: sp.log(a)}
    return r.as_expr().xreplace(back), q.as_expr().xreplace(back)


def reduced(goal: Goal, e: sp.Expr) -> Iterator[tuple[sp.Expr, tuple]]:
    """(form, using) for each equation of the goal that occurs in e."""
    for h in goal.hyps:
        if isinstance(h, sp.Equality):
            out = reduce_by(goal, e, h)
            if out is not None:
                yield out[0], ((h, out[1]),)


def _positive(goal: Goal, x: sp.Expr) -> C.Certificate | None:
    from .termwise import positive
    return positive(goal, x)


def _exp_sides(goal: Goal, e: sp.Expr) -> Iterator[C.Certificate]:
    """e = a - b with logs: exp of both sides (increasing, injective; the kernel asks the logs'
    arguments to be positive), then the equations again."""
    a, b = sides_of(e)
    sides = []
    for x in (a, b):
        c = C.Leaf() if x.is_real else _positive(goal, x.args[0]) if isinstance(x, sp.log) else None
        if c is None:
            return
        sides.append(c)
    inner = Goal(goal.kind, sp.exp(a) - sp.exp(b), goal.hyps, goal.ranges)
    ie = evaluate(inner.expr, inner.ranges)
    for form, using in reduced(inner, ie):
        for c in simple(Goal(goal.kind, form, goal.hyps, goal.ranges)):
            yield C.Rewrite(a - b, C.Monotone("exp", a, b, C.Rewrite(form, c, using), tuple(sides)))


def equation_certs(goal: Goal) -> Iterator[C.Certificate]:
    e = evaluate(goal.expr, goal.ranges)
    for form, using in reduced(goal, e):
        sub = Goal(goal.kind, form, goal.hyps, goal.ranges)
        for c in simple(sub):
            yield C.Rewrite(form, c, using)
        if form.has(sp.log):
            for c in _exp_sides(sub, evaluate(form, goal.ranges)):
                if check_goal(sub, c) is not None:
                    yield C.Rewrite(form, c, using)
                    return


def s_equations(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if isinstance(lhs, sp.Limit) or not any(isinstance(h, sp.Equality) for h in ctx.assuming):
        return
    yield from equation_certs(goal_of(lhs, rel, rhs, ctx))
