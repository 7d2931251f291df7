"""Squares: a goal that, with its exponentials as positive symbols, factors into a visibly
nonnegative form (a square times positive factors), also after exp of k times both sides.

LogSumExp is convex (Wikipedia, LogSumExp): at the midpoint, n = 2, 2 LSE((a + b)/2) ≤ LSE(a) + LSE(b)
is, after exp (increasing) of both sides, Cauchy–Schwarz (A1 X1 + A2 X2)² ≤ (A1² + A2²)(X1² + X2²),
whose difference factors as (A1 X2 − A2 X1)² with A_i = e^{a_i/2}, X_i = e^{x_i/2}.
"""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, goal_of
from ..normal_forms import evaluate, exp_atoms_to_symbols, numeric_exps
from .monotone import sides
from .search import first

SCALES = (1, 2)  # exp(k a) ≤ exp(k b): k = 2 clears the square roots of a midpoint


def _integral_powers(body: sp.Expr, subst: dict) -> tuple[sp.Expr, dict]:
    """E = F^d (F = e^{t/d} > 0) for each E that appears with powers of denominator d: sqrt(E0 E2)
    becomes F0 F2, so that factor sees polynomials."""
    out = dict(subst)
    for s, v in subst.items():
        ds = [sp.fraction(sp.Rational(x.exp))[1] for x in body.atoms(sp.Pow) if x.base == s and x.exp.is_Rational]
        d = sp.ilcm(1, 1, *ds)
        if d == 1:
            continue
        f = sp.Dummy(f"F{s.name}", positive=True)
        body = sp.powdenest(body.xreplace({s: f ** d}), force=False)
        del out[s]
        out[f] = sp.exp(v.args[0] / d) if isinstance(v, sp.exp) else v ** sp.Rational(1, d)
    return body, out


def square_cert(goal: Goal) -> C.Certificate | None:
    """Instance(the factored goal in positive symbols E_k = e^{t_k}) when SymPy sees its sign."""
    e = evaluate(goal.expr, goal.ranges)
    body, subst = _integral_powers(*exp_atoms_to_symbols(sp.powsimp(e)))
    nums = numeric_exps(body)  # e^{-500} as one more positive symbol, as the kernel's sign forms do
    if nums:
        body = body.xreplace(nums)
        subst = {**subst, **{d: x for x, d in nums.items()}}
    try:
        f = sp.factor(sp.cancel(sp.together(body)))
    except (TypeError, ValueError, NotImplementedError, sp.PolynomialError, RecursionError):
        return None
    sign = f.is_positive if goal.kind == "pos" else f.is_nonnegative
    if sign is not True:
        return None
    cert = C.instance(f, subst) if subst else C.Rewrite(f)
    return first(goal, [cert])


def s_squares(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if isinstance(lhs, sp.Limit) or rel == "=":
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    if goal.kind not in ("pos", "nonneg"):
        return
    c = square_cert(goal)
    if c is not None:
        yield c
        return
    a, b = sides(lhs, rel, rhs)
    a, b = evaluate(sp.sympify(a), goal.ranges), evaluate(sp.sympify(b), goal.ranges)
    if not (a.is_real and b.is_real) or not (a.has(sp.log) or b.has(sp.log)):
        return
    for k in SCALES:
        inner = Goal(goal.kind, sp.exp(k * a) - sp.exp(k * b), goal.hyps, goal.ranges)
        c = square_cert(inner)
        if c is not None:
            mono = C.Monotone("exp", k * a, k * b, c)
            yield mono if k == 1 else C.Scale(k, mono)
