"""Limits: SymPy's limit (an Oracle the kernel runs itself and names), directly, after the order
hypotheses between parameters (z1 > z2) re-parametrised, or per case of the
order of two parameters, with each log-sum-exp's dominant exponential factored out first; limits
through finite sums over the limit variable by the kernel's termwise rule, after dividing by the
dominant exponential."""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, OtherLimit, Rejected, after_reparam, goal_of
from ..normal_forms import evaluate  # memoized there: the goals' evaluation is shared
from .search import first


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


def split_quotient_logs(f: sp.Expr) -> sp.Expr:
    """log(u) -> log(N) - log(D) for u = N/D over a common denominator (N, D positive)."""
    def rw(lg):
        num, den = sp.fraction(sp.together(lg.args[0]))
        if den == 1 or not (num.is_positive and den.is_positive):
            return lg
        return sp.log(sp.expand(num, power_exp=False)) - sp.log(sp.expand(den, power_exp=False))
    return f.replace(lambda x: isinstance(x, sp.log), rw)


def _exp_sum(lg) -> tuple[list, list] | None:
    """The terms c_k e^{u_k} (c_k > 0) of a log's argument and their exponents u_k, or None."""
    terms = [sp.powsimp(t) for t in sp.Add.make_args(sp.expand(lg.args[0], power_exp=False))]
    ups = []
    for t in terms:
        c, rest = t.as_coeff_Mul()
        if not (c.is_positive and isinstance(rest, sp.exp)):
            return None
        ups.append(sp.expand(rest.args[0]))
    return terms, ups


def _dominant(ups: list):
    return next((top for top in ups if all(sp.expand(top - u).is_nonnegative for u in ups)), None)


def factor_each_log(f: sp.Expr) -> sp.Expr:
    """log(sum_k c_k e^{u_k}) -> u* + log(sum_k c_k e^{u_k - u*}) with u* an exponent SymPy knows
    to dominate the others (u* - u_k >= 0): the dominant term of each log factored out."""
    def rw(lg):
        found = _exp_sum(lg)
        top = None if found is None else _dominant(found[1])
        if top is None:
            return lg
        return top + sp.log(sp.Add(*[sp.powsimp(t * sp.exp(-top)) for t in found[0]]))
    return sp.expand(f.replace(lambda x: isinstance(x, sp.log), rw))


def _order_open(f: sp.Expr) -> bool:
    """Some log of a sum of exponentials has no exponent known to dominate the others."""
    return any((found := _exp_sum(lg)) is not None and len(set(found[1])) > 1 and _dominant(found[1]) is None
               for lg in f.atoms(sp.log))


def _times(u: sp.Expr, w: sp.Expr) -> sp.Expr:
    """u*w with w pushed into every term and every sum's summand (exponentials combined)."""
    out = []
    for t in sp.Add.make_args(sp.expand(u, power_exp=False)):
        if isinstance(t, sp.Sum):
            out.append(sp.Sum(sp.powsimp(sp.expand(t.function * w, power_exp=False)), *t.limits))
        else:
            out.append(sp.powsimp(t * w))
    return sp.Add(*out)


def factor_log_top(f: sp.Expr, top: sp.Expr) -> sp.Expr:
    """log(u) -> top + log(u e^{-top}) for every log holding a sum: an identity for real top."""
    def rw(lg):
        if not lg.args[0].has(sp.Sum):
            return lg
        return top + sp.log(_times(lg.args[0], sp.exp(-top)))
    return sp.expand(f.replace(lambda y: isinstance(y, sp.log), rw), power_exp=False, log=False)


def scale_ratio(f: sp.Expr, top: sp.Expr) -> sp.Expr:
    """N/D -> (N e^{-top}) / (D e^{-top}), each expanded: an identity that shows the dominant term."""
    num, den = sp.fraction(sp.together(f))
    w = sp.exp(-top)
    return sp.powsimp(sp.expand(num * w)) / sp.powsimp(sp.expand(den * w))


def _limit_certs(goal: Goal, lim: sp.Limit, value) -> Iterator[C.Certificate]:
    f = lim.args[0]
    if f.has(sp.log) and f.has(sp.exp):  # each log's dominant exponential out: the quick case
        yield C.Limit(lim, value, C.Leaf(), factor_each_log(split_quotient_logs(f)))
    yield C.Limit(lim, value)
    if any(s.has(lim.args[1]) for s in f.atoms(sp.Sum)):
        # finite sums over the limit variable: the kernel takes their limits termwise; dividing
        # above and below by the dominant exponential (outside the sums) leaves finite coefficients
        f = evaluate(f, goal.ranges)
        for top in sorted({sp.Integer(0)} | {e.args[0] for e in f.atoms(sp.exp) if not any(
                e in s.atoms(sp.exp) for s in f.atoms(sp.Sum))}, key=sp.default_sort_key):
            yield C.Limit(lim, value, C.Leaf(), scale_ratio(f, top))
            if f.has(sp.log):
                yield C.Limit(lim, value, C.Leaf(), factor_log_top(f, top))
        return
    for top in sorted({e.args[0] for e in f.atoms(sp.exp)}, key=sp.default_sort_key):
        yield C.Limit(lim, value, C.Leaf(), factor_log_sums(f, top))
        yield C.Limit(lim, value, C.Leaf(), scale_ratio(f, top))


def _params(f, x) -> list:
    return sorted({s for e in f.atoms(sp.exp) for s in e.args[0].free_symbols if s != x}, key=str)


def _order_hyps(goal: Goal, params: set) -> list:
    """The hypotheses a < b (<=, >, >=) between the limit function's parameters (one side a
    parameter, the other free of it): each decides the sign of a difference in an exponent."""
    out = []
    for h in goal.hyps:
        if isinstance(h, (sp.StrictGreaterThan, sp.StrictLessThan, sp.GreaterThan, sp.LessThan)) and \
                h.free_symbols <= params and any(s in params for s in (h.lhs, h.rhs)):
            out.append(h)
    return out


def _reparams(goal: Goal, params: set, depth: int = 3) -> Iterator[tuple]:
    """(wrap, goal) after each order hypothesis is used as var := other ± D (the kernel's Reparam,
    D > 0 for a strict bound): the smaller side re-parametrised first (z2 := z1 − D for z1 > z2),
    so that the limit's exponents show differences of known sign."""
    hyps = _order_hyps(goal, params)
    if not hyps or depth == 0:
        yield (lambda c: c), goal
        return
    h = hyps[0]
    big, small = (h.lhs, h.rhs) if isinstance(h, (sp.StrictGreaterThan, sp.GreaterThan)) else (h.rhs, h.lhs)
    strict = isinstance(h, (sp.StrictGreaterThan, sp.StrictLessThan))
    for var in (small, big):
        if var not in params:
            continue
        d = sp.Dummy("D", positive=True) if strict else sp.Dummy("D", nonnegative=True)
        try:
            inner = after_reparam(goal, var, d, h)
        except Rejected:
            continue
        for wrap, last in _reparams(inner, params - {var}, depth - 1):
            yield (lambda c, wrap=wrap, var=var, d=d: C.Reparam(var, d, wrap(c), h)), last


def _by_order(goal: Goal, x) -> Iterator[C.Certificate]:
    """The order hypotheses used first (z1 > z2, z1 > z3 for lim_{T→0+} softmax(z/T)_1 = 1, where
    sympy.limit alone answers that the result depends on the sign of z2 − z1), then the limit."""
    lims = sorted(sp.sympify(goal.expr).atoms(sp.Limit), key=sp.default_sort_key)
    if len(lims) != 1:
        return
    params = {s for s in lims[0].args[0].free_symbols if s != x and isinstance(s, sp.Symbol)}
    if not _order_hyps(goal, params):
        return
    for k, (wrap, inner) in enumerate(_reparams(goal, params)):
        if k >= 4:
            return
        lims = sorted(sp.sympify(inner.expr).atoms(sp.Limit), key=sp.default_sort_key)
        if len(lims) != 1:
            continue
        value = -evaluate(sp.sympify(inner.expr) - lims[0], inner.ranges)
        for c in _limit_certs(inner, lims[0], value):
            yield wrap(c)


def _other_value(why: Rejected | None) -> bool:
    """The kernel found the limit and it is another number (1, not 1/3): every other form of
    the same limit gives that number too, so the search stops (a value with parameters may
    still be shown equal through another form or case)."""
    if not isinstance(why, OtherLimit):
        return False
    d = sp.sympify(why.got - why.value)
    return not d.free_symbols and d.is_zero is False


def s_limit(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    """Each candidate is checked here first (the kernel remembers the answer, so its own check
    of the one yielded costs nothing more): a false value stops the search at its first form."""
    if not isinstance(lhs, sp.Limit) or rel != "=":
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    found = first(goal, _candidates(goal, lhs, rhs), _other_value)
    if found is not None:
        yield found


def _candidates(goal: Goal, lhs, rhs) -> Iterator[C.Certificate]:
    yield from _by_order(goal, lhs.args[1])
    f, x = lhs.args[0], lhs.args[1]
    # a log whose dominant exponential depends on the order of two parameters: cases first
    open_ = f.has(sp.log) and _order_open(split_quotient_logs(f))
    if not open_:
        yield from _limit_certs(goal, lhs, rhs)
    yield from _by_cases(goal, lhs, rhs, f, x)
    if open_:
        yield from _limit_certs(goal, lhs, rhs)


def _by_cases(goal: Goal, lhs, rhs, f, x) -> Iterator[C.Certificate]:
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
            found = first(inner, _limit_certs(inner, lim, value), _other_value)
            if found is None:
                break
            branches.append(C.Reparam(b, fresh, found, rel_))
        if len(branches) == 3:
            yield C.Cases(a, b, *branches)
