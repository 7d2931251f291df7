"""The limit strategy: sympy.limit run by the kernel (named), per case with the dominant term out."""
import sympy as sp

from proofs import Chain, check
from proofs.context import Context
from proofs.kernel import check_goal, goal_of
from proofs.strategies.limits import s_limit

a, b = sp.symbols("a b", real=True)
lam = sp.Symbol("lambda", positive=True)
RSM = sp.log(sp.exp(lam * a) + sp.exp(lam * b)) / lam


def proves(lhs, rhs):
    g = goal_of(lhs, "=", rhs, Context())
    return any(check_goal(g, c) is not None for c in s_limit(lhs, "=", rhs, Context()))


def test_real_softmax_tends_to_max():
    assert proves(sp.Limit(RSM, lam, sp.oo), sp.Max(a, b))
    assert not proves(sp.Limit(RSM, lam, sp.oo), sp.Min(a, b))
    assert not proves(sp.Limit(RSM, lam, sp.oo), sp.Max(a, b) + sp.Rational(1, 10**7))


def test_the_verdict_names_sympy_limit():
    v = check(Chain(sp.Limit(1 / (1 + sp.exp(-lam)), lam, sp.oo)).eq(1), seconds=10)
    assert v.status == "proven" and "sympy.limit" in v.steps[0].strategy
