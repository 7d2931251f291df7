"""Convexity bounds: the kernel's named lemmas (log t <= t - 1, log t >= 1 - 1/t, e^s >= 1 + s)
instantiated at the goal's logs and exponentials, after dividing out a positive factor.

Strict bounds (log t < t - 1 for t != 1) split the difference into a part that is positive by a
hypothesis t > 1 or t < 1 and a rest bounded by the lemma at sqrt(t):
t - 1 - log t = (t - 1)^2 / (sqrt(t) + 1)^2 + 2 (sqrt(t) - 1 - log sqrt(t)).
"""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, _nonneg_part, goal_of
from ..normal_forms import evaluate  # memoized there: the goals' evaluation is shared
from .search import first

_LOG_LEMMAS = ("log_le_sub1", "log_ge_1_sub_inv")
_MAX_ARGS = 4


def _sub(goal: Goal, kind: str, e) -> Goal:
    return Goal(kind, sp.sympify(e), goal.hyps, goal.ranges)


def scales(goal: Goal, e: sp.Expr) -> list[sp.Expr]:
    """Positive factors to multiply the goal by: 1, 1/x for positive atoms x, e^{-s} for the
    exponentials e^s of the goal (and their products): dividing them out exposes a lemma's form."""
    labels = {x.base.label for x in e.atoms(sp.Indexed)}
    atoms = sorted({x for x in e.atoms(sp.Symbol, sp.Indexed) if x.is_positive
                    and x not in labels and x != goal.ranges.n}, key=sp.default_sort_key)[:3]
    exps = sorted({x for x in e.atoms(sp.exp) if x.args[0].is_real}, key=sp.default_sort_key)[:2]
    out = [sp.Integer(1)]
    for x in atoms:
        out.append(1 / x)
    for x in exps:
        out.append(1 / x)
        out += [1 / (x * y) for y in atoms]
    return out


def _args(e: sp.Expr) -> list[tuple[str, sp.Expr]]:
    """(lemma, argument) pairs from the logs and exponentials of e."""
    out: list[tuple[str, sp.Expr]] = []
    logs = [lg.args[0] for lg in sorted(e.atoms(sp.log), key=sp.default_sort_key)[:_MAX_ARGS]
            if lg.args[0].is_positive]
    # log a - log b is log(a/b): the ratios are candidates too
    for t in logs + [a / b for a in logs for b in logs if a != b]:
        out += [(name, t) for name in _LOG_LEMMAS]
    for ex in sorted(e.atoms(sp.exp), key=sp.default_sort_key)[:_MAX_ARGS]:
        if ex.args[0].is_real:
            out.append(("exp_ge_1_add", ex.args[0]))
    return out


def _scaled(c: sp.Expr, e: sp.Expr) -> sp.Expr:
    return sp.powsimp(sp.expand(c * e, power_exp=False, log=False))


def _rest(goal: Goal) -> C.Certificate | None:
    """The lemma's remainder by the normal forms alone (quick: many candidates are tried)."""
    return first(goal, [C.Leaf()])


def _transcendental(e: sp.Expr) -> int:
    """How many logs and exponentials e has, its logs of products split (cheap: no cancel)."""
    try:
        return len(sp.expand_log(sp.expand(e), force=False).atoms(sp.log, sp.exp))
    except (TypeError, ValueError, NotImplementedError, RecursionError):
        return 0


def lemma_certs(goal: Goal) -> Iterator[C.Certificate]:
    """Scale(c, Lemma(name, arg)) with the rest certified by the kernel's normal forms; only
    lemmas that remove a log or an exponential of the goal are tried (the others leave a rest
    the normal forms would decide no better, and each try costs a sign test)."""
    if goal.kind == "zero":
        return
    from ..kernel import LEMMAS
    e = evaluate(goal.expr, goal.ranges)
    for c in scales(goal, e):
        ce = _scaled(c, e)
        before = _transcendental(ce)
        for name, arg in _args(ce):
            if _transcendental(ce - LEMMAS[name][0](arg)) >= before:
                continue
            rest = _sub(goal, goal.kind, c * e - LEMMAS[name][0](arg))
            inner = _rest(rest)
            if inner is not None:
                lem = C.Lemma(name, (arg,), inner)
                yield lem if c == 1 else C.Scale(c, lem)
        if goal.kind == "pos":
            yield from _strict(goal, c, ce)


def _strict(goal: Goal, c: sp.Expr, ce: sp.Expr) -> Iterator[C.Certificate]:
    """log t < t - 1 under a hypothesis t > 1 or t < 1 (see the module docstring)."""
    for lg in sorted(ce.atoms(sp.log), key=sp.default_sort_key)[:_MAX_ARGS]:
        t = lg.args[0]
        if not t.is_positive:
            continue
        for h in goal.hyps:
            part = _nonneg_part(h)
            if part is None or not part[1]:
                continue
            d = sp.expand(part[0])  # d > 0 is the hypothesis
            if sp.expand(d - (t - 1)) != 0 and sp.expand(d + (t - 1)) != 0:
                continue
            u = sp.Dummy("u", positive=True)
            r = sp.sqrt(t)
            sq = (t - 1) ** 2 / (r + 1) ** 2
            pos = C.instance(u ** 2 / (r + 1) ** 2, {u: d})
            rest = _sub(goal, "nonneg", sp.Rational(1, 2) * (c * goal.expr - sq)
                        - (r - 1 - sp.log(r)))
            inner = _rest(rest)
            if inner is None:
                continue
            split = C.Split((sq, c * goal.expr - sq),
                            (pos, C.Scale(sp.Rational(1, 2), C.Lemma("log_le_sub1", (r,), inner))))
            yield split if c == 1 else C.Scale(c, split)


def s_convexity(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if isinstance(lhs, sp.Limit) or rel == "=":
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    if sp.sympify(goal.expr).has(sp.Sum, sp.Max, sp.Min, sp.Integral):
        return
    yield from lemma_certs(goal)
