"""Positive parts: a hypothesis u > 0 (0 < p, p < 1 gives p and 1 - p) lets logs of u split.

The strategy proposes an Instance: inside every log, each such u becomes a fresh positive Dummy U
(the kernel emits the side condition u > 0 and discharges it from the hypothesis). With positive
U the kernel's normal forms expand log(U/V) = log U − log V, which SymPy refuses for a real p
(e.g. the binary-entropy derivative −log p + log(1 − p) = log((1 − p)/p), Wikipedia).
"""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, _nonneg_part, goal_of
from ..normal_forms import evaluate  # memoized there: the goals' evaluation is shared
from .search import simple


def positive_parts(goal: Goal) -> dict:
    """{u: U} for the strictly positive expressions u that the hypotheses state (u > 0), not
    already positive by SymPy's assumptions, each with a fresh positive Dummy U."""
    out: dict = {}
    for h in goal.hyps:
        part = _nonneg_part(h)
        if part is None or not part[1]:
            continue
        u = sp.expand(part[0])
        if u.is_positive is True or u.is_number or u in out:
            continue
        out[u] = sp.Dummy("U", positive=True)
    return out


def in_logs(e: sp.Basic, parts: dict) -> sp.Basic:
    """e with each positive part (or its negative) replaced by its Dummy inside log arguments,
    the argument first brought to one fraction so that the parts appear as factors."""
    rep = {**parts, **{sp.expand(-u): -d for u, d in parts.items()}}

    def sub(x):
        arg = sp.factor(sp.cancel(sp.together(x.args[0])))
        return sp.log(arg.xreplace(rep))
    return e.replace(lambda x: isinstance(x, sp.log), sub)


def instance_certs(goal: Goal) -> Iterator[C.Certificate]:
    """Instance(the goal with positive Dummies inside its logs), then the rewrites."""
    parts = positive_parts(goal)
    if not parts:
        return
    e = evaluate(goal.expr, goal.ranges)
    if not e.has(sp.log):
        return
    body = in_logs(e, parts)
    used = {d: u for u, d in parts.items() if body.has(d)}
    if not used or body == e:
        return
    for c in simple(Goal(goal.kind, body, goal.hyps, goal.ranges)):
        yield C.instance(body, used, c)


def s_positive_parts(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if isinstance(lhs, sp.Limit):
        return
    yield from instance_certs(goal_of(lhs, rel, rhs, ctx))


def s_sign_hypotheses(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    """A sign hypothesis x > c (or <, >=, <=; c a number) used as x := c ± D with a fresh D > 0
    (the kernel's Reparam) after the derivatives are evaluated (a Rewrite the kernel checks):
    SymPy then decides Abs, Heaviside, Max and sign of x itself (d/dx max(x, 0) = 1 for x > 0)."""
    from ..kernel import after_reparam
    if isinstance(lhs, sp.Limit):
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    e = evaluate(goal.expr, goal.ranges)
    if not e.has(sp.Abs, sp.Heaviside, sp.Max, sp.Min, sp.sign, sp.Piecewise):
        return
    flat = Goal(goal.kind, e, goal.hyps, goal.ranges)
    for h in goal.hyps:
        part = _nonneg_part(h)
        if part is None:
            continue
        syms = [s for s in (h.lhs, h.rhs) if isinstance(s, sp.Symbol)]
        if len(syms) != 1 or not (h.rhs if syms[0] == h.lhs else h.lhs).is_number:
            continue
        var = syms[0]
        fresh = sp.Dummy("D", positive=True) if part[1] else sp.Dummy("D", nonnegative=True)
        try:
            inner = after_reparam(flat, var, fresh, h)
        except Exception:  # the kernel refuses this re-parametrisation: nothing to propose
            continue
        for c in simple(inner):
            yield C.Rewrite(e, C.Reparam(var, fresh, c, h))
