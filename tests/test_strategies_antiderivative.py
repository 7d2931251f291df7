"""Antiderivative strategy: a definite integral replaced by F(b) − F(a), F from SymPy's integrate
and checked by the kernel (F' = f, F smooth between the ends)."""
from __future__ import annotations

import sympy as sp

from proofs import Chain, Status, check
from proofs.strategies.antiderivative import s_antiderivative

from strategy_checks import proves

x = sp.Symbol("x", real=True)
t, a, b = sp.symbols("t a b", real=True)
w = sp.Symbol("w", real=True)  # a user's symbol named like the strategy's fresh point
tiny = sp.exp(-500)
sig = 1 / (1 + sp.exp(-x))


def proved(lhs, rel, rhs) -> bool:
    return proves(s_antiderivative, lhs, rel, rhs)


def test_the_logistic_integrates_to_softplus():
    """Wikipedia, Logistic function: ∫₀ᵗ σ(x) dx = log(1 + eᵗ) − log 2."""
    integral = sp.Integral(sig, (x, 0, t))
    assert proved(integral, "=", sp.log(1 + sp.exp(t)) - sp.log(2))
    assert not proved(integral, "=", sp.log(1 + sp.exp(t)))
    assert not proved(integral, "=", tiny * (sp.log(1 + sp.exp(t)) - sp.log(2)))
    assert not proved(integral, "=", sp.Integer(10) ** 300 * (sp.log(1 + sp.exp(t)) - sp.log(2)))


def test_polynomials_and_a_users_w():
    assert proved(sp.Integral(x ** 2, (x, 0, 1)), "=", sp.Rational(1, 3))
    assert proved(sp.Integral(2 * x * w, (x, a, b)), "=", w * (b ** 2 - a ** 2))
    assert not proved(sp.Integral(2 * x * w, (x, a, b)), "=", w * (b ** 2 + a ** 2))
    assert not proved(sp.Integral(x ** 2, (x, 0, 1)), "=", sp.Rational(1, 2))


def test_no_proof_across_a_pole():
    # ∫_{-1}^{1} x^{-2} dx diverges; SymPy's antiderivative -1/x would give -2
    assert not proved(sp.Integral(x ** -2, (x, -1, 1)), "=", -2)
    assert check(Chain(sp.Integral(x ** -2, (x, -1, 1))).eq(-2)).status is not Status.PROVEN


def test_through_check():
    v = check(Chain(sp.Integral(sig, (x, 0, t))).eq(sp.log(1 + sp.exp(t)) - sp.log(2)))
    assert v.status is Status.PROVEN and v.steps[0].strategy == "antiderivative"
    assert check(Chain(sp.Integral(sig, (x, 0, t))).eq(sp.log(1 + sp.exp(t)))).status is Status.REFUTED
