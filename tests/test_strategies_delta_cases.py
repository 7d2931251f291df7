"""The Kronecker-delta case split: δ_ab decided in each of a > b, a < b, a = b."""
import sympy as sp

from proofs.context import Context
from proofs.strategies.delta_cases import s_delta_cases
from strategy_checks import proves as _proves

k, l, n = sp.symbols("k l n", integer=True, positive=True)
eps = sp.Symbol("epsilon", positive=True)
D = sp.KroneckerDelta(k, l)
SMOOTHED = (1 - eps) * D + eps / n  # Szegedy et al. (2016), §7: the smoothed target q'(k)


def proves(lhs, rel, rhs, hyps=(sp.Lt(eps, 1),)):
    return _proves(s_delta_cases, lhs, rel, rhs, Context(assuming=hyps))


def test_smoothed_target_bounds():
    assert proves(SMOOTHED, ">=", eps / n)
    assert proves(SMOOTHED, "<=", 1 - eps + eps / n)
    assert not proves(SMOOTHED, ">=", eps)                 # δ = 0, n = 2
    assert not proves(SMOOTHED, ">=", eps / n, hyps=())    # ε = 2, δ = 1: 1 − ε + ε/n < ε/n
    assert not proves(sp.exp(-500) * SMOOTHED, ">=", sp.exp(-500) * (eps / n + eps ** 2))


def test_delta_is_between_0_and_1_and_vanishes_off_the_diagonal():
    assert proves(D, ">=", 0, hyps=())
    assert proves(D, "<=", 1, hyps=())
    assert proves((k - l) * D * sp.exp(k), "=", 0, hyps=())
    assert not proves(D, ">=", 1, hyps=())
    assert not proves((k - l + 1) * D, "=", 0, hyps=())
