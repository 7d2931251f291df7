"""The rewrite strategy: normal forms, simplify (named), the context's equations."""
import sympy as sp

from proofs import certificates as C
from proofs.context import Context
from proofs.kernel import check_certificate, goal_of, check_goal
from proofs.strategies.rewrite import s_rewrite
from strategy_checks import proves as _proves  # the shared search, under a CPU budget

x = sp.Symbol("x", real=True)
n = sp.Symbol("n", integer=True, positive=True)
j = sp.Symbol("j", integer=True)
y = sp.IndexedBase("y", real=True)
sig = 1 / (1 + sp.exp(-x))


def proves(lhs, rel, rhs, ctx=Context()):
    return _proves(s_rewrite, lhs, rel, rhs, ctx)


def test_true_and_false():
    assert proves(sp.Derivative(sig, x), "=", sig * (1 - sig))
    assert proves(sig - sp.Rational(1, 2), "=", sp.tanh(x / 2) / 2)
    assert not proves(sp.Derivative(sig, x), "=", sig * (1 + sig))
    assert not proves(sp.exp(-500) * sig, "=", sp.exp(-500) * (1 - sig))


def test_uses_the_equations_of_the_context():
    rule = sp.Eq(sp.Sum(y[j], (j, 1, n)), 1)
    ctx = Context(assuming=(rule,), n=n)
    assert proves(x * sp.Sum(y[j], (j, 1, n)), "=", x, ctx)
    assert not proves(x * sp.Sum(y[j], (j, 1, n)), "=", 2 * x, ctx)
    assert not proves(x * sp.Sum(y[j], (j, 1, n)), "=", x, Context(n=n))  # without the rule


def test_simplify_is_named_when_the_kernel_cannot_recheck():
    lhs, rhs = sp.sin(x) ** 2 + sp.cos(x) ** 2, 1
    cert = next(c for c in s_rewrite(lhs, "=", rhs, Context())
                if check_goal(goal_of(lhs, "=", rhs, Context()), c) is not None)
    assert check_certificate(lhs, "=", rhs, Context(), cert) == ("sympy.simplify",)
