"""The monotone strategy: exp (log) of both sides."""
import sympy as sp

from proofs.context import Context
from proofs.strategies.monotone import s_monotone
from strategy_checks import proves as _proves  # the shared search, under a CPU budget

a, b = sp.symbols("a b", real=True)
LSE = sp.log(sp.exp(a) + sp.exp(b))


def proves(lhs, rel, rhs):
    return _proves(s_monotone, lhs, rel, rhs, Context())


def test_exp_of_both_sides():
    assert proves(LSE, ">", a)
    assert proves(b, "<", LSE)
    assert not proves(LSE, "<", a)
    assert not proves(LSE, ">", a + sp.exp(-500))  # false when b << a: e^a + e^b < e^{a + e^-500}
