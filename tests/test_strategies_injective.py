"""exp of both sides on an equality: l = r from e^l = e^r (the kernel emits realness)."""
from __future__ import annotations

import sympy as sp

from proofs.context import Context
from proofs.strategies.injective import s_exp_eq
from strategy_checks import proves

a, b = sp.symbols("a b", real=True)
lam = sp.Symbol("lambda", positive=True)
c = sp.Symbol("c")  # not known to be real
tiny = sp.exp(-500)


def proved(lhs, rel, rhs, ctx=Context()) -> bool:
    """Some certificate of the strategy passes the kernel's check (the shared search, 10 CPU s)."""
    return proves(s_exp_eq, lhs, rel, rhs, ctx)


def test_log_sum_exp_factored():
    lhs = sp.log(sp.exp(a * lam) + sp.exp(b * lam))
    assert proved(lhs, "=", a * lam + sp.log(sp.exp((b - a) * lam) + 1))
    assert not proved(lhs, "=", a * lam + sp.log(sp.exp((b - a) * lam) + 1) + tiny)


def test_needs_real_sides():
    assert not proved(sp.log(sp.exp(c)), "=", c)  # log(e^c) = c fails for complex c
