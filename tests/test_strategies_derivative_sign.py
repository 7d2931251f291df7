"""Derivative-sign strategy: f >= f(c) on an interval from the sign of f' on each side of c
(the kernel's Slope), at the roots of f' and the interval's closed ends."""
from __future__ import annotations

import sympy as sp

from proofs import Chain, check
from proofs.context import Context
from proofs.strategies.derivative_sign import s_derivative_sign

from strategy_checks import proves

x = sp.Symbol("x", real=True)
p, q = sp.symbols("p q", real=True)
w = sp.Symbol("w", real=True)  # a user's symbol named like the strategy's fresh point
tiny = sp.exp(-500)
UNIT_PQ = Context(assuming=(sp.Gt(p, 0), sp.Lt(p, 1), sp.Gt(q, 0), sp.Lt(q, 1)))
KL = p * sp.log(p / q) + (1 - p) * sp.log((1 - p) / (1 - q))  # Wikipedia, KL divergence of Bernoullis


def proved(lhs, rel, rhs, ctx=Context()) -> bool:
    return proves(s_derivative_sign, lhs, rel, rhs, ctx)


def test_pinsker_for_two_bernoullis():
    """Wikipedia, Pinsker's inequality (nats): D(p ‖ q) ≥ 2 (p − q)² for 0 < p, q < 1."""
    assert proved(KL, ">=", 2 * (p - q) ** 2, UNIT_PQ)
    assert proved(KL, ">=", 0, UNIT_PQ)                              # Gibbs, by the same argument
    assert not proved(KL, ">=", 4 * (p - q) ** 2, UNIT_PQ)           # false near q = 1/2
    assert not proved(KL, ">=", 2 * (p - q) ** 2 + tiny, UNIT_PQ)    # false at q = p
    assert not proved(KL, ">", 2 * (p - q) ** 2, UNIT_PQ)            # equal at q = p
    assert not proved(KL, ">=", 2 * (p - q) ** 2)                    # no interval, logs undefined


def test_log1p_bounds():
    """log(1 + x) ≥ x − x²/2 for x ≥ 0 (Taylor), x ≥ log(1 + x) for x > −1."""
    assert proved(sp.log(1 + x), ">=", x - x ** 2 / 2, Context(assuming=(sp.Ge(x, 0),)))
    assert not proved(sp.log(1 + x), ">=", x - x ** 2 / 2, Context(assuming=(sp.Ge(x, -sp.Rational(1, 2)),)))
    assert proved(x, ">=", sp.log(1 + x), Context(assuming=(sp.Gt(x, -1),)))
    assert not proved(x, ">", sp.log(1 + x), Context(assuming=(sp.Gt(x, -1),)))  # equal at 0
    assert proved(w, ">=", sp.log(1 + w), Context(assuming=(sp.Gt(w, -1),)))


def test_on_the_whole_line():
    """e^x ≥ 1 + x; softplus(x) ≥ x/2 + log 2 (log(1 + e^x) − x/2 = log(2 cosh(x/2)))."""
    assert proved(sp.exp(x), ">=", 1 + x)
    assert not proved(sp.exp(x), ">", 1 + x)
    assert proved(sp.log(1 + sp.exp(x)), ">=", x / 2 + sp.log(2))
    assert not proved(sp.log(1 + sp.exp(x)), ">=", x / 2 + sp.log(3))
    assert not proved(x ** 3, ">=", 0)  # f' ≥ 0 everywhere, but no minimum: false for x < 0


def test_the_verdict():
    v = check(Chain(KL, assuming=list(UNIT_PQ.assuming)).ge(2 * (p - q) ** 2), seconds=10)
    assert v.status == "proven" and v.steps[0].strategy == "derivative sign"
    assert "changes sign at q = p" in v.steps[0].evidence["reduction"]
    v = check(Chain(tiny * KL, assuming=list(UNIT_PQ.assuming)).ge(tiny * 3 * (p - q) ** 2), seconds=10)
    assert v.status == "refuted"
