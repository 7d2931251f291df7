"""Derivative sign: f(v) >= f(c) on an interval when f' <= 0 left of c and f' >= 0 right of it.

For an inequality f >= 0 (or > 0) and a real variable v that the hypotheses bound (or not), the
strategy proposes the kernel's ``Slope`` certificate at each split point c among the roots of f'
that SymPy's factor shows (linear factors of the numerator) and the interval's closed ends; the
kernel recomputes f', and each sign it leaves (f(c), f' on each side, c in the interval, the
smoothness conditions) is certified with every bounded variable re-parametrised onto its interval
(the kernel's ``Reparam``). Pinsker's inequality for two Bernoullis, D(p || q) >= 2 (p - q)^2
(f' = (q - p)(1 - 2q)^2 / (q (1 - q)), minimum 0 at q = p), log(1 + x) >= x - x^2/2 for x >= 0.
"""
from __future__ import annotations

import itertools
from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, Rejected, after_reparam, check_goal, goal_of, slope_goals
from ..normal_forms import evaluate
from .charts import _bounds

_MAX_VARS = 3
_MAX_POINTS = 4
_SOLVE_OPS = 6
_NOT_SMOOTH = (sp.Sum, sp.Product, sp.Limit, sp.Integral, sp.Abs, sp.Max, sp.Min, sp.Piecewise,
               sp.Heaviside, sp.sign, sp.floor, sp.ceiling, sp.KroneckerDelta)


def _strict(h) -> bool:
    return isinstance(h, (sp.StrictGreaterThan, sp.StrictLessThan))


def _end(h, v):
    return h.rhs if h.lhs == v else h.lhs


def signed(goal: Goal) -> C.Certificate | None:
    """A certificate of the goal's sign: each real symbol the hypotheses bound re-parametrised in
    turn (both bounds: an interval chart, one: v = end ± D; fresh symbols first), then the normal
    forms on the result. The charts are onto, so a sampled point of the wrong sign after them is
    a point of the wrong sign of the goal: then no sign test is tried."""
    syms = [s for s in sp.sympify(goal.expr).free_symbols | {s for h in goal.hyps for s in h.free_symbols}
            if isinstance(s, sp.Symbol) and s.is_real and any(_bounds(goal, s))]
    syms.sort(key=lambda s: (not isinstance(s, sp.Dummy), sp.default_sort_key(s)))
    steps, g = [], goal
    for v in syms:
        lower, upper = _bounds(g, v)
        pairs = [(lo, hi) for lo in lower for hi in upper if _strict(lo) or _strict(hi)]
        for opt in (pairs + lower + upper)[:1]:
            strict = all(_strict(h) for h in (opt if isinstance(opt, tuple) else (opt,)))
            d = sp.Dummy("D", positive=True) if strict else sp.Dummy("D", nonnegative=True)
            try:
                g = after_reparam(g, v, d, opt)
            except Rejected:
                continue
            steps.append((v, d, opt))
    if _sampled_sign_fails(g) or check_goal(g, C.Leaf()) is None:
        return None
    cert: C.Certificate = C.Leaf()
    for v, d, opt in reversed(steps):
        cert = C.Reparam(v, d, cert, opt)
    return cert


_POSITIVE_SAMPLES = (sp.Rational(1, 10), sp.Integer(1), sp.Integer(7))
_REAL_SAMPLES = (-sp.Integer(2), sp.Rational(1, 10), sp.Integer(3))
_MAX_SAMPLES = 32


def _sampled_sign_fails(goal: Goal) -> bool:
    """Is the goal's value negative at some sample point (a nonnegative symbol at 1/10, 1 or 7, any
    other at −2, 1/10 or 3)? A cheap filter before the kernel's sign test, which can take seconds
    to fail on a large expression; a point where the value is undefined says nothing."""
    e = sp.sympify(goal.expr)
    syms = sorted(e.free_symbols, key=sp.default_sort_key)
    if not syms:
        return False
    values = [_POSITIVE_SAMPLES if s.is_nonnegative else _REAL_SAMPLES for s in syms]
    for vals in itertools.islice(itertools.product(*values), _MAX_SAMPLES):
        try:
            val = complex(e.evalf(15, subs=dict(zip(syms, vals))))
        except (TypeError, ValueError, ZeroDivisionError):
            continue
        if abs(val.imag) < 1e-9 and val.real < -1e-9:  # evalf keeps 15 significant digits
            return True
    return False


def _points(f: sp.Expr, v, ends: list) -> list:
    """Candidate minima: real roots c (free of v) of the linear factors of f's derivative's
    numerator, then the interval's closed ends."""
    out: list = []
    try:
        num = sp.fraction(sp.factor(sp.together(sp.diff(f, v))))[0]
        for fac in sp.Mul.make_args(num):
            base = fac.base if isinstance(fac, sp.Pow) and fac.exp.is_Integer and fac.exp > 0 else fac
            poly = sp.Poly(base, v) if base.has(v) and base.is_polynomial(v) else None
            if poly is not None and poly.degree() == 1:
                out.append(sp.cancel(-poly.coeff_monomial(1) / poly.coeff_monomial(v)))
            elif base.has(v) and poly is None and sp.count_ops(base) <= _SOLVE_OPS:
                out += sp.solve(base, v)  # small transcendental factors only (e^x - 1): solve is slow
    except (TypeError, ValueError, NotImplementedError, sp.PolynomialError, RecursionError):
        pass
    out = [c for c in out if c.is_real is True and not c.has(v)] + ends
    return list(dict.fromkeys(out))[:_MAX_POINTS]


def _intervals(goal: Goal, v) -> list[tuple]:
    lower, upper = _bounds(goal, v)
    return [(lo, hi) for lo in (lower or [None]) for hi in (upper or [None])][:4]


def slope_certs(goal: Goal) -> Iterator[C.Certificate]:
    e = evaluate(goal.expr, goal.ranges)
    if goal.kind == "zero" or e.has(*_NOT_SMOOTH) or e.atoms(sp.core.function.AppliedUndef):
        return
    vars_ = sorted((s for s in e.free_symbols if isinstance(s, sp.Symbol) and s.is_real),
                   key=sp.default_sort_key)[:_MAX_VARS]
    for v in vars_:
        for interval in _intervals(goal, v):
            ends = [_end(h, v) for h in interval if h is not None and not _strict(h)]
            for c in _points(e, v, ends):
                w = sp.Dummy("w", real=True)
                try:
                    sides, at, left, right = slope_goals(goal, v, c, w, interval)
                except Rejected:
                    continue
                at_c = signed(at)  # the value at a minimum: usually a number or 0
                if at_c is None:
                    continue
                found = [at_c] + [None if g is None else signed(g) for g in (left, right)]
                if any(x is None for x, g in zip(found[1:], (left, right)) if g is not None):
                    continue
                side = [signed(g) for g in sides]
                if any(x is None for x in side):
                    continue
                yield C.Slope(v, c, w, interval, found[0], found[1] or C.Leaf(), found[2] or C.Leaf(),
                              tuple(side))


def s_derivative_sign(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if isinstance(lhs, sp.Limit) or rel == "=":
        return
    yield from slope_certs(goal_of(lhs, rel, rhs, ctx))
