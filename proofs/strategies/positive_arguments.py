"""Positive arguments: a hypothesis u > 0 on an expression u (not one symbol) decides the
Heaviside, sign, Abs, Max and Min of u, by solving u = U for one of its symbols.

The sign hypotheses strategy needs a hypothesis on one symbol (x > c); users state margins
(CS231n's multiclass SVM: s_j − s_y + Δ > 0). Here a symbol v that u is linear in is written
v := (U − (u − c v))/c with a fresh positive Dummy U, in an Instance: the kernel checks that the
body with U := u is the goal, emits the side condition u > 0 and discharges it from the
hypothesis. The kernel's normal forms then evaluate Heaviside(U) = sign(U) = 1, Abs(U) = U.
"""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, goal_of
from ..normal_forms import bound_by, evaluate
from .positive_parts import positive_parts
from .search import first, simple

_DECIDED = (sp.Heaviside, sp.sign, sp.Abs, sp.Max, sp.Min)
_BINDERS = (sp.Derivative, sp.Limit, sp.Integral, sp.Subs, sp.Sum, sp.Product)


def solved(e: sp.Basic, parts: dict) -> tuple[sp.Basic, dict]:
    """(e with each part u solved for one of its symbols as u = U, {U: u} for the parts used)."""
    bound = {s for b in e.atoms(*_BINDERS) for s in bound_by(b)}
    body, used, rep = e, {}, {}
    for u, d in parts.items():
        cur = sp.expand(u.xreplace(rep))
        for v in sorted(cur.free_symbols, key=sp.default_sort_key):
            if not isinstance(v, sp.Symbol) or isinstance(v, sp.Dummy) or v in bound or v in rep \
                    or v.is_real is not True or v.is_integer:
                continue
            c = cur.coeff(v)
            if not c.is_number or c == 0 or (cur - c * v).has(v):
                continue
            sol = sp.expand((d - (cur - c * v)) / c)
            rep = {k: sp.expand(x.xreplace({v: sol})) for k, x in rep.items()}
            rep[v] = sol
            with sp.evaluate(False):  # kept unevaluated: with U := u put back, the body is the goal
                body = body.xreplace({v: sol})
            used[d] = u
            break
    return body, used


def s_positive_arguments(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if isinstance(lhs, sp.Limit):
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    e = evaluate(goal.expr, goal.ranges)
    if not e.has(*_DECIDED):
        return
    parts = {u: d for u, d in positive_parts(goal).items() if len(u.free_symbols) > 1}
    if not parts:
        return
    body, used = solved(e, parts)
    if not used or body == e:
        return
    inner = Goal(goal.kind, body, goal.hyps, goal.ranges)
    c = first(inner, simple(inner))
    if c is not None:
        yield C.instance(body, used, c)
