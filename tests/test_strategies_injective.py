"""exp of both sides on an equality: l = r from e^l = e^r (the kernel emits realness)."""
from __future__ import annotations

import sympy as sp

from proofs.budget import BudgetExceeded, budget
from proofs.context import Context
from proofs.kernel import Rejected, check_certificate
from proofs.strategies.injective import s_exp_eq

a, b = sp.symbols("a b", real=True)
lam = sp.Symbol("lambda", positive=True)
c = sp.Symbol("c")  # not known to be real
tiny = sp.exp(-500)


def proved(lhs, rel, rhs, ctx=Context()) -> bool:
    """Some certificate of the strategy passes the kernel's check (within 10 CPU s: a false goal makes
    the search try every candidate)."""
    try:
        with budget(10):
            for cert in s_exp_eq(lhs, rel, rhs, ctx):
                try:
                    check_certificate(lhs, rel, rhs, ctx, cert)
                    return True
                except Rejected:
                    continue
    except BudgetExceeded:
        pass
    return False


def test_log_sum_exp_factored():
    lhs = sp.log(sp.exp(a * lam) + sp.exp(b * lam))
    assert proved(lhs, "=", a * lam + sp.log(sp.exp((b - a) * lam) + 1))
    assert not proved(lhs, "=", a * lam + sp.log(sp.exp((b - a) * lam) + 1) + tiny)


def test_needs_real_sides():
    assert not proved(sp.log(sp.exp(c)), "=", c)  # log(e^c) = c fails for complex c
