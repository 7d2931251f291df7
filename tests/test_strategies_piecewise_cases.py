"""The Piecewise case split: nested splits on a Piecewise's conditions x ≶ c and on Max/Min."""
import sympy as sp

from proofs.context import Context
from proofs.strategies.piecewise_cases import s_piecewise_cases
from strategy_checks import proves as _proves

x = sp.Symbol("x", real=True)
HARD = sp.Piecewise((0, x <= -3), (1, x >= 3), (x / 6 + sp.Rational(1, 2), True))  # torch.nn.Hardsigmoid
RELU6 = sp.Min(sp.Max(0, x + 3), 6) / 6


def proves(lhs, rel, rhs, hyps=()):
    return _proves(s_piecewise_cases, lhs, rel, rhs, Context(assuming=hyps))


def test_hardsigmoid_is_relu6_shifted():
    assert proves(HARD, "=", RELU6)
    assert not proves(HARD, "=", sp.Min(sp.Max(0, x + 3), 6) / 3)
    assert not proves(HARD, "=", sp.Min(sp.Max(0, x + 3), 6) / 6 + sp.exp(-500))


def test_piecewise_bounds():
    assert proves(HARD, ">=", 0)
    assert proves(HARD, "<=", 1)
    assert not proves(HARD, "<", 1)      # = 1 for x ≥ 3
    relu = sp.Piecewise((0, x < 0), (x, True))
    assert proves(relu, "=", sp.Max(x, 0))
    assert not proves(relu, "=", sp.Max(x, 0) + sp.Heaviside(x) * sp.exp(-500))
