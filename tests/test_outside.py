"""The outside suite (tests/outside_steps.py): each true step proven, each wrong variant refuted."""
from __future__ import annotations

import pytest
import sympy as sp

from proofs import Chain, check

from outside_steps import STEPS, Z, j, n, sig, x

SECONDS = 10.0  # per link for the wrong variants; the true steps get the default budget a user gets


def _true_params():
    for st in STEPS:
        marks = [pytest.mark.xfail(strict=True, reason=st.xfail)] if st.xfail else []
        yield pytest.param(st, id=st.name, marks=marks)


@pytest.mark.parametrize("st", list(_true_params()))
def test_true_step_is_proven(st):
    v = check(st.true())
    assert v.status.value == "proven", [(s.status.value, s.strategy) for s in v.steps]


@pytest.mark.parametrize("st", STEPS, ids=[s.name for s in STEPS])
def test_wrong_variant_is_refuted(st):
    chain = st.wrong()
    v = check(chain, seconds=SECONDS)
    assert v.status.value == "refuted"
    # a point, unless the step has no variable to take one (H'(1/2) = log 2 is two numbers)
    constant = not any(sp.sympify(e).free_symbols for e in chain.expressions())
    assert v.counterexample is not None and (v.counterexample.point or constant)


E0 = sp.Symbol("E0", positive=True)  # named like the identity test's exponential symbols
k0 = sp.Symbol("k0", integer=True, positive=True)  # named like a canonical bound variable
TINY, HUGE = sp.exp(-500), sp.Integer(10) ** 300


@pytest.mark.parametrize("chain", [
    lambda: Chain(TINY * (1 - sig(x))).eq(TINY * sig(x)),
    lambda: Chain(HUGE * sp.Derivative(sp.log(1 + sp.exp(x)), x)).eq(HUGE * sig(-x)),
    lambda: Chain(TINY * sp.log(sp.Sum(sp.exp(Z[j] + E0), (j, 1, n)))).eq(
        TINY * (sp.log(sp.Sum(sp.exp(Z[j]), (j, 1, n))) + n * E0)),  # equal at n = 1 only
    lambda: Chain(sp.KroneckerDelta(k0, j) * sp.exp(Z[k0])).eq(sp.exp(Z[j])),
], ids=["tiny-logistic", "huge-softplus", "lse-n-equal-at-1", "delta-strategy-name"])
def test_scaled_and_renamed_wrong_steps_are_refuted(chain):
    v = check(chain(), seconds=SECONDS)
    assert v.status.value == "refuted"
    assert v.counterexample is not None
