"""The monotone strategy: exp (log) of both sides."""
import sympy as sp

from proofs.context import Context
from proofs.kernel import check_goal, goal_of
from proofs.strategies.monotone import s_monotone

a, b = sp.symbols("a b", real=True)
LSE = sp.log(sp.exp(a) + sp.exp(b))


def proves(lhs, rel, rhs):
    g = goal_of(lhs, rel, rhs, Context())
    return any(check_goal(g, c) is not None for c in s_monotone(lhs, rel, rhs, Context()))


def test_exp_of_both_sides():
    assert proves(LSE, ">", a)
    assert proves(b, "<", LSE)
    assert not proves(LSE, "<", a)
    assert not proves(LSE, ">", a + sp.exp(-500))  # false when b << a: e^a + e^b < e^{a + e^-500}
