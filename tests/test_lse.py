"""derivations.lse: the claims' verdicts, and wrong steps that must be refuted."""
from __future__ import annotations

import pytest
import sympy as sp

from derivations.common import A, Z, a, b, j, k, lam, n, softmax_i
from derivations.lse import (M, U, V, answer_soft_min, lse, real_softmax, soft_max_value, soft_min,
                             sum_below_max)
from claim_verdicts import assert_verdict, verdict
from proofs import Chain, Positive, check

T = sp.Symbol("T", positive=True)

# ---------------------------------------------------------------- the claims
EXPECTED = {
    "dl.lse-approx-max": "proven",
    "dl.soft-max-value": "proven",
    "d2l.rsm-gt-max": "proven",
    "d2l.rsm-lambda-gt-max": "proven",
    "d2l.rsm-limit": "proven",
    "d2l.softmin": "proven",
    "d2l.answer-softmin": "refuted",
    "d2l.rsm-n": "proven",
}



@pytest.mark.parametrize("cid", EXPECTED)
def test_claim_verdict(cid):
    assert_verdict(cid, EXPECTED[cid])


@pytest.mark.parametrize("cid", ["dl.lse-approx-max", "dl.soft-max-value", "d2l.rsm-n"])
def test_general_n_claims_are_proven_for_symbolic_n(cid):
    v = verdict(cid)
    for label, counts, pv in v.parts:
        if "for all n" in label:
            assert pv.status == "proven", label
            assert all("symbolic n" in s.scope for s in pv.steps), label


def test_answer_softmin_tends_to_zero_not_min():
    v = verdict("d2l.answer-softmin")
    parts = {label: pv for label, _, pv in v.parts}
    hand = next(pv for label, pv in parts.items() if "by hand" in label)
    assert hand.status == "refuted"
    cx = hand.counterexample
    assert abs(float(cx.lhs_value)) < 1e-6 and float(cx.rhs_value) == 1.0
    assert parts["what it is: Soft-min(z) = LSE(2z) − 2 LSE(z)"].status == "proven"
    assert parts["corrected: −λ⁻¹ log(e^{−λa} + e^{−λb}) → min(a, b)"].status == "proven"


def test_importables():
    assert real_softmax(a, b) == sp.log(sp.exp(a) + sp.exp(b))
    assert soft_min(a, b) == -sp.log(sp.exp(-a) + sp.exp(-b))
    assert real_softmax(A) == lse(A)
    assert sp.N(answer_soft_min(0, 0) + sp.log(2)) == 0  # (0, 0): −log 2, min is 0
    assert soft_max_value().has(sp.Sum)


# ---------------------------------------------------------------- wrong steps: refuted
def refuted(chain):
    v = check(chain)
    assert v.status == "refuted", v.as_dict()
    cx = v.counterexample
    assert cx is not None and cx.lhs_value != cx.rhs_value
    return v


def test_wrong_lse_below_max():
    refuted(Chain(real_softmax(a, b)).lt(sp.Max(a, b)))


def test_wrong_rsm_at_least_max_plus_log2():
    refuted(Chain(real_softmax(a, b)).ge(sp.Max(a, b) + sp.log(2)))


def test_wrong_limit_min_instead_of_max():
    refuted(Chain(sp.Limit(real_softmax(lam * a, lam * b) / lam, lam, sp.oo)).eq(sp.Min(a, b)))


def test_wrong_softmin_above_min():
    refuted(Chain(soft_min(a, b)).gt(sp.Min(a, b)))


def test_wrong_answer_step_dropped_lambda():
    refuted(Chain(real_softmax(lam * a, lam * b) / lam).eq(a + sp.log(1 + sp.exp(lam * b - lam * a))))


def test_wrong_general_n_lower_bound_plus_log_n():
    L = sp.log(sum_below_max(sp.exp))
    refuted(Chain(L, domain={U: Positive()}, n=n).gt(M + sp.log(n)))


def test_wrong_general_n_bound_log_n_minus_one():
    L = sp.log(sum_below_max(sp.exp))
    refuted(Chain(L, domain={U: Positive()}, n=n).le(M + sp.log(n - 1)))


def test_wrong_recursion_drops_last_term():
    inner = sp.log(sp.Sum(sp.exp(A[j]), (j, 1, n - 1)))
    last = sp.Sum(sp.exp(A[j]), (j, n, n))
    refuted(Chain(sp.log(sp.exp(inner, evaluate=False) + last), n=n)
            .eq(sp.log(sp.Sum(sp.exp(A[j]), (j, 1, n - 1)))))


def test_wrong_gradient_drops_denominator():
    refuted(Chain(sp.Derivative(lse(), Z[k]), n=n).eq(sp.exp(Z[k])))


def test_wrong_soft_max_value_above_max():
    upper = soft_max_value().replace(lambda e: isinstance(e, sp.Indexed) and e.base == Z,
                                     lambda e: M - U[e.indices[0]])
    refuted(Chain(upper, domain={U: Positive()}, n=n).ge(M))


def test_wrong_high_temperature_limit_is_not_max():
    s = [sp.exp(a / T), sp.exp(b / T)]
    refuted(Chain(sp.Limit((a * s[0] + b * s[1]) / (s[0] + s[1]), T, sp.oo)).eq(sp.Max(a, b)))


def test_wrong_answer_softmin_is_not_the_true_softmin():
    refuted(Chain(answer_soft_min(a, b)).eq(soft_min(a, b)))


def test_wrong_lambda_limit_general_n_off_by_one():
    Llam = sp.log(sum_below_max(lambda x: sp.exp(lam * x)))
    refuted(Chain(sp.Limit(Llam / lam, lam, sp.oo), domain={U: Positive()}, n=n).eq(M + 1))


def test_wrong_unique_max_limit_is_not_the_mean():
    num = sum_below_max(lambda x: x * sp.exp(x / T), gaps=V)
    den = sum_below_max(lambda x: sp.exp(x / T), gaps=V)
    mean = (M + sp.Sum(M - V[j], (j, 1, n - 1))) / n
    refuted(Chain(sp.Limit(num / den, T, 0, "+"), domain={V: Positive()}, n=n).eq(mean))


# ---------------------------------------------------------------- true steps (for contrast)
def test_true_steps_hold():
    assert check(Chain(real_softmax(a, a)).eq(a + sp.log(2))).status == "proven"   # ties: max + log 2
    assert check(Chain(sp.Derivative(lse(), Z[k]), n=n).eq(softmax_i(Z, k))).status == "proven"
