"""Convexity strategy: the kernel's named lemmas (log t <= t - 1, log t >= 1 - 1/t,
e^s >= 1 + s) at the goal's logs and exponentials, after a positive factor."""
from __future__ import annotations

import sympy as sp

from proofs.context import Context

from strategy_checks import proves
from proofs.strategies.convexity import s_convexity

t = sp.Symbol("t", positive=True)
p = sp.Symbol("p", positive=True)
u = sp.Symbol("u", positive=True)
T = sp.Symbol("T", positive=True)
tiny = sp.exp(-500)


def proved(lhs, rel, rhs, ctx=Context()) -> bool:
    return proves(s_convexity, lhs, rel, rhs, ctx)


def test_log_le_t_minus_1():
    assert proved(sp.log(t), "<=", t - 1)
    assert not proved(sp.log(t), "<=", t - 1 - tiny)  # false at t = 1


def test_strict_only_away_from_1():
    assert proved(sp.log(t), "<", t - 1, Context(assuming=(t > 1,)))
    assert proved(sp.log(t), "<", t - 1, Context(assuming=(t < 1,)))
    assert not proved(sp.log(t), "<", t - 1)  # false at t = 1
    assert proved(p * (t - 1 - sp.log(t)), ">", 0, Context(assuming=(t < 1,)))
    assert not proved(p * (t - 1 - sp.log(t)) - tiny * p, ">", 0, Context(assuming=(t < 1,)))


def test_exp_bound_after_a_positive_factor():
    """u e^{-u/T} <= T/e (e^{s} >= 1 + s at s = u/T - 1, times T e^{-u/T} > 0)."""
    assert proved(u * sp.exp(-u / T), "<=", T * sp.exp(-1))
    assert not proved(u * sp.exp(-u / T), "<=", T * sp.exp(-1) * (1 - tiny))  # false at u = T
