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

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, Rejected, after_reparam, check_goal, goal_of, slope_goals
from ..normal_forms import evaluate
from .charts import _bounds
from .search import first

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
    """A certificate of the goal's sign: the normal forms, else each real symbol bounded by the
    hypotheses re-parametrised in turn (both bounds: an interval chart, one: v = end ± D), fresh
    and most bounded symbols first, then the normal forms on the result."""
    syms = [s for s in sp.sympify(goal.expr).free_symbols | {s for h in goal.hyps for s in h.free_symbols}
            if isinstance(s, sp.Symbol) and s.is_real and any(_bounds(goal, s))]
    syms.sort(key=lambda s: (not isinstance(s, sp.Dummy), sp.default_sort_key(s)))
    found = _charted(goal, syms) if syms else None
    return found if found is not None else first(goal, [C.Leaf()])


def _charted(goal: Goal, syms: list) -> C.Certificate | None:
    if not syms:
        return first(goal, [C.Leaf()])
    v, rest = syms[0], syms[1:]
    lower, upper = _bounds(goal, v)
    options: list = [(lo, hi) for lo in lower for hi in upper if _strict(lo) or _strict(hi)][:1]
    options += (lower + upper)[:1] if not options else []
    for opt in options:
        strict = all(_strict(h) for h in (opt if isinstance(opt, tuple) else (opt,)))
        d = sp.Dummy("D", positive=True) if strict else sp.Dummy("D", nonnegative=True)
        try:
            inner = after_reparam(goal, v, d, opt)
        except Rejected:
            continue
        c = _charted(inner, rest)
        if c is not None:
            return C.Reparam(v, d, c, opt)
    return _charted(goal, rest)  # v left as it is


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
                at_c = first(at, [C.Leaf()])  # the value at a minimum is usually a number or 0
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
