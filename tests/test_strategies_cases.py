"""The case-split strategy: trichotomy on a two-argument Max/Min, never inside a derivative."""
import sympy as sp

from proofs.context import Context
from proofs.strategies.cases import s_cases
from strategy_checks import proves as _proves  # the shared search, under a CPU budget

a, b = sp.symbols("a b", real=True)
LSE = sp.log(sp.exp(a) + sp.exp(b))


def proves(lhs, rel, rhs):
    return _proves(s_cases, lhs, rel, rhs, Context())


def test_lse_bounds():
    assert proves(LSE, ">", sp.Max(a, b))
    assert proves(LSE, "<=", sp.Max(a, b) + sp.log(2))
    assert not proves(LSE, "<", sp.Max(a, b))
    assert not proves(LSE, "<=", sp.Max(a, b) + sp.log(2) - sp.exp(-500))


def test_not_inside_a_partial_derivative():
    d = sp.Derivative(sp.exp(-500) * sp.Max(a, b), a)
    assert not proves(d, "=", sp.exp(-500))
