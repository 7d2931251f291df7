"""Interval charts: a symbol bounded on both sides by the goal's hypotheses (a declared Unit()
domain, or ``y >= 0, y <= 1``) is re-parametrised onto its interval (the kernel's chart, a
``Reparam`` over two hypotheses), and the goal's sign is read off the chart's fresh symbol."""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, Rejected, after_reparam, goal_of
from .search import first

_MAX_VARS = 4


def _bounds(goal: Goal, v: sp.Symbol) -> tuple[list, list]:
    """The hypotheses bounding v from below and from above by expressions free of v."""
    lower, upper = [], []
    for h in goal.hyps:
        if not isinstance(h, (sp.GreaterThan, sp.StrictGreaterThan, sp.LessThan, sp.StrictLessThan)):
            continue
        big, small = (h.lhs, h.rhs) if isinstance(h, (sp.GreaterThan, sp.StrictGreaterThan)) else (h.rhs, h.lhs)
        if big == v and v not in small.free_symbols:
            lower.append(h)
        elif small == v and v not in big.free_symbols:
            upper.append(h)
    return lower, upper


def _strict(h) -> bool:
    return isinstance(h, (sp.StrictGreaterThan, sp.StrictLessThan))


def _upper_value(h, v):
    return h.rhs if h.lhs == v else h.lhs


def _fresh(both_strict: bool) -> sp.Dummy:
    return sp.Dummy("D", positive=True) if both_strict else sp.Dummy("D", nonnegative=True)


def _chart(goal: Goal, v, lo, hi, rest) -> C.Certificate | None:
    fresh = _fresh(_strict(lo) and _strict(hi))
    try:
        inner = after_reparam(goal, v, fresh, (lo, hi))
    except Rejected:
        return None
    c = charts(inner, rest)
    return None if c is None else C.Reparam(v, fresh, c, (lo, hi))


def charts(goal: Goal, vars_: list) -> C.Certificate | None:
    """A certificate charting each of vars_ in turn onto its interval, then a simple leaf."""
    if not vars_:  # the sign from SymPy's assumptions on the charts' fresh symbols (fast to fail)
        return first(goal, [C.Leaf()])
    v, rest = vars_[0], vars_[1:]
    lower, upper = _bounds(goal, v)
    for lo in lower:
        for hi in upper:
            if _strict(lo) or _strict(hi):
                c = _chart(goal, v, lo, hi, rest)
                if c is not None:
                    return c
                continue
            # [lo, hi]: the kernel splits on v vs hi; v > hi contradicts hi, v < hi is a chart
            top = _upper_value(hi, v)
            lt, eq = sp.Lt(v, top), sp.Eq(v, top)
            if lt is sp.true or lt is sp.false or eq is sp.false or eq is sp.true:
                continue
            c_lt = _chart(Goal(goal.kind, goal.expr, goal.hyps + (lt,), goal.ranges), v, lo, lt, rest)
            if c_lt is None:
                continue
            try:
                at = after_reparam(Goal(goal.kind, goal.expr, goal.hyps + (eq,), goal.ranges), v, None, eq)
            except Rejected:
                continue
            c_eq = charts(at, rest)
            if c_eq is not None:
                return C.Cases(v, top, C.Leaf(), c_lt, C.Reparam(v, None, c_eq, eq))
    return None


def s_charts(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if rel == "=" or isinstance(lhs, sp.Limit):
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    vars_ = sorted((s for s in sp.sympify(goal.expr).free_symbols
                    if isinstance(s, sp.Symbol) and s.is_real and all(_bounds(goal, s))),
                   key=sp.default_sort_key)
    if not vars_ or len(vars_) > _MAX_VARS:
        return
    c = charts(goal, vars_)
    if c is not None:
        yield c
