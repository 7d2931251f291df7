"""derivations.quadratic: the claims' verdicts, and wrong steps that must be refuted."""
from __future__ import annotations

import pytest
import sympy as sp

from derivations import quadratic as q
from derivations.common import Y, Z, b, j, m, n, w, x, y
from derivations.sigmoid import sigma, sigma_prime
from proofs import Chain, check
from claim_verdicts import verdict  # each catalogue claim checked once per session

EXPECTED = {
    "nndl.quadratic-cost": "proven",
    "nndl.quadratic-grads": "proven",
    "nndl.multilayer-quadratic": "proven",
    "nndl.linear-quadratic": "proven",
}


@pytest.mark.parametrize("cid", EXPECTED)
def test_claim_verdict(cid):
    v = verdict(cid)
    assert v.status == EXPECTED[cid], v.as_dict()
    if cid in ("nndl.multilayer-quadratic", "nndl.linear-quadratic"):
        assert "symbolic n" in v.scope  # (how many concrete n were also done depends on load)


def test_importable_objects_are_the_derivatives():
    assert sp.simplify(sp.diff(q.C, w) - q.dC_dw) == 0
    assert sp.simplify(sp.diff(q.C, b) - q.dC_db) == 0
    assert q.quadratic_cost(sp.Integer(3), sp.Integer(1)) == 2


# ---------------------------------------------------------------- wrong steps
z1 = q.z_in.xreplace({x: 1, y: 0})
C1 = q.C.xreplace({x: 1, y: 0})
a = sp.Symbol("a", real=True)

_t, _wjk, _bj = q._t, q._wjk, q._bj
_Wk, _R, _ak, _AK, _YJ, _S = q._Wk, q._R, q._ak, q._AK, q._YJ, q._S
zj = _Wk[j] * _ak + _R[j]
cx = sp.Sum(q.quadratic_cost(sigma(_Wk[m] * _ak + _R[m]), Y[m]), (m, 1, n))
zt = _wjk * _AK[_t] + _R[_t]
cost_sig = sp.Sum(q.quadratic_cost(sigma(zt), _YJ[_t]), (_t, 1, n)) / n
cost_lin = sp.Sum(q.quadratic_cost(zt, _YJ[_t]), (_t, 1, n)) / n
cost_b = sp.Sum(q.quadratic_cost(_bj + _S[_t], _YJ[_t]), (_t, 1, n)) / n

WRONG = {
    "(55) in the book's names, σ'(z) dropped": Chain(sp.Derivative(q._C, w), define=q._book_names())
    .eq((q.a - y) * x),
    "(55) x = 1, y = 0 in the book's names, a σ(z) for a σ'(z)": Chain(
        sp.Derivative(q._C, w), define=q._book_names(sp.Integer(1), sp.Integer(0))).eq(q.a * sigma(q._z)),
    "∂C/∂a = y − a (sign flip)": Chain(sp.Derivative(q.quadratic_cost(a, y), a)).eq(y - a),
    "∂C/∂a = 2(a − y) (the ½ ignored)": Chain(sp.Derivative(q.quadratic_cost(a, y), a)).eq(2 * (a - y)),
    "(55) without x": Chain(sp.Derivative(q.C, w)).eq(q.dC_db),
    "(55) with (y − a)": Chain(sp.Derivative(q.C, w)).eq(-q.dC_dw),
    "(55) with σ for σ'": Chain(sp.Derivative(q.C, w)).eq((q.a_out - y) * q.a_out * x),
    "(56) with an extra x": Chain(sp.Derivative(q.C, b)).eq(q.dC_dw),
    "(56) at x = 1, y = 0 as −aσ'(z)": Chain(sp.Derivative(C1, b)).eq(-sigma(z1) * sigma_prime(z1)),
    "(55) at x = 1, y = 0 as (1 − a)σ'(z)": Chain(sp.Derivative(C1, w)).eq((1 - sigma(z1)) * sigma_prime(z1)),
    "(65, one example) without a_k (dropped factor)": Chain(sp.Derivative(cx, _Wk[j]), n=n, n_min=1)
    .eq((sigma(zj) - Y[j]) * sigma_prime(zj)),
    "(65) without 1/n": Chain(sp.Derivative(cost_sig, _wjk), n=n, n_min=1)
    .eq(sp.Sum(q.output_weight_grad(_AK[_t], zt, _YJ[_t]), (_t, 1, n))),
    "(68) δ = a + y (sign flip)": Chain(sp.Derivative(sp.Sum(q.quadratic_cost(Z[m], Y[m]), (m, 1, n)), Z[j]),
                                       n=n, n_min=1).eq(Z[j] + Y[j]),
    "(69) keeping σ'(z) for a linear layer": Chain(sp.Derivative(cost_lin, _wjk), n=n, n_min=1)
    .eq(sp.Sum(_AK[_t] * (zt - _YJ[_t]) * sigma_prime(zt), (_t, 1, n)) / n),
    "(70) with a_k (swapped weight/bias form)": Chain(sp.Derivative(cost_b, _bj), n=n, n_min=1)
    .eq(sp.Sum(_AK[_t] * (_bj + _S[_t] - _YJ[_t]), (_t, 1, n)) / n),
}


@pytest.mark.parametrize("name", WRONG)
def test_wrong_step_refuted(name):
    v = check(WRONG[name], seconds=2)  # refutations come from sampling; a small budget suffices
    assert v.status == "refuted", v.as_dict()
    cx_ = v.counterexample
    assert cx_ is not None and cx_.lhs_value != cx_.rhs_value


def test_missing_x_refuted_at_x_not_1():
    v = check(WRONG["(55) without x"])
    assert sp.Rational(v.counterexample.point["x"]) != 1
