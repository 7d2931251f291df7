"""Limits: SymPy's limit (an Oracle the kernel runs itself and names), directly or per case of the
order of two parameters, with each log-sum-exp's dominant exponential factored out first; limits
through finite sums over the limit variable by the kernel's termwise rule, after dividing by the
dominant exponential."""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, Rejected, after_reparam, check_goal, goal_of
from ..normal_forms import evaluate


def _exp_term(t) -> bool:
    c, rest = t.as_coeff_Mul()
    return c.is_positive and isinstance(rest, sp.exp)


def factor_log_sums(f: sp.Expr, top: sp.Expr) -> sp.Expr:
    """log(sum_k e^{u_k}) -> top + log(sum_k e^{u_k - top}): an identity for any real top."""
    def rw(lg):
        inner = lg.args[0]
        if not isinstance(inner, sp.Add) or not all(_exp_term(t) for t in inner.args):
            return lg
        return top + sp.log(sp.Add(*[sp.powsimp(t * sp.exp(-top)) for t in inner.args]))
    return sp.expand(f.replace(lambda x: isinstance(x, sp.log), rw))


def scale_ratio(f: sp.Expr, top: sp.Expr) -> sp.Expr:
    """N/D -> (N e^{-top}) / (D e^{-top}), each expanded: an identity that shows the dominant term."""
    num, den = sp.fraction(sp.together(f))
    w = sp.exp(-top)
    return sp.powsimp(sp.expand(num * w)) / sp.powsimp(sp.expand(den * w))


def _limit_certs(goal: Goal, lim: sp.Limit, value) -> Iterator[C.Certificate]:
    f = lim.args[0]
    yield C.Limit(lim, value)
    if any(s.has(lim.args[1]) for s in f.atoms(sp.Sum)):
        # finite sums over the limit variable: the kernel takes their limits termwise; dividing
        # above and below by the dominant exponential (outside the sums) leaves finite coefficients
        f = evaluate(f, goal.ranges)
        for top in sorted({sp.Integer(0)} | {e.args[0] for e in f.atoms(sp.exp) if not any(
                e in s.atoms(sp.exp) for s in f.atoms(sp.Sum))}, key=sp.default_sort_key):
            yield C.Limit(lim, value, C.Leaf(), scale_ratio(f, top))
        return
    for top in sorted({e.args[0] for e in f.atoms(sp.exp)}, key=sp.default_sort_key):
        yield C.Limit(lim, value, C.Leaf(), factor_log_sums(f, top))
        yield C.Limit(lim, value, C.Leaf(), scale_ratio(f, top))


def _params(f, x) -> list:
    return sorted({s for e in f.atoms(sp.exp) for s in e.args[0].free_symbols if s != x}, key=str)


def s_limit(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if not isinstance(lhs, sp.Limit) or rel != "=":
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    yield from _limit_certs(goal, lhs, rhs)
    f, x = lhs.args[0], lhs.args[1]
    from .cases import pairs
    cand = pairs(sp.sympify(rhs)) or ([tuple(_params(f, x))] if len(_params(f, x)) == 2 else [])
    for a, b in cand[:1]:
        if not (a.is_real and b.is_real and isinstance(b, sp.Symbol)):
            continue
        branches = []
        for rel_ in (sp.Gt(a, b), sp.Lt(a, b), sp.Eq(a, b)):
            fresh = None if isinstance(rel_, sp.Equality) else sp.Dummy("D", positive=True)
            try:
                inner = after_reparam(Goal(goal.kind, goal.expr, goal.hyps + (rel_,), goal.ranges), b, fresh, rel_)
            except Rejected:
                break
            lims = sorted(sp.sympify(inner.expr).atoms(sp.Limit), key=sp.default_sort_key)
            if len(lims) != 1:
                break
            lim = lims[0]
            value = evaluate(sp.sympify(inner.expr) - lim, inner.ranges) * -1
            found = next((c for c in _limit_certs(inner, lim, value) if check_goal(inner, c) is not None), None)
            if found is None:
                break
            branches.append(C.Reparam(b, fresh, found, rel_))
        if len(branches) == 3:
            yield C.Cases(a, b, *branches)
