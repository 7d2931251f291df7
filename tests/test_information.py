"""derivations.information: the claims' verdicts, the Huffman code, and wrong steps refuted."""
from __future__ import annotations

import pytest
import sympy as sp

from derivations.common import j, k, n
from derivations.information import (LOG2_3, THIRDS, P, Q, Y, Yhat, average_length, block_bits,
                                     cross_entropy, entropy, huffman_code, huffman_lengths, kl)
from claim_verdicts import assert_verdict, verdict
from proofs import Chain, Simplex, check
from proofs.claims import Exact, Part, Stated, check_part

SUMS = [sp.Eq(sp.Sum(P[j], (j, 1, n)), 1), sp.Eq(sp.Sum(Q[j], (j, 1, n)), 1)]
DOM = {P: Simplex(), Q: Simplex()}

# ---------------------------------------------------------------- the claims
EXPECTED = {
    "blog2.entropy": "refuted",
    "blog2.kl-def": "proven",
    "blog2.kl-decomposition": "proven",
    "blog2.cross-entropy": "proven",
    "d2l.uniform3-code": "proven",
    "d2l.answer-code": "refuted",
}



@pytest.mark.parametrize("cid", EXPECTED)
def test_claim_verdict(cid):
    assert_verdict(cid, EXPECTED[cid])


def test_entropy_notes_prove_the_corrected_range():
    v = verdict("blog2.entropy")
    notes = [(label, pv) for label, counts, pv in v.parts if not counts]
    assert notes and all(pv.status == "proven" for _, pv in notes), [(l, str(p.status)) for l, p in notes]
    hand = next(pv for label, counts, pv in v.parts if "two distributions" in label)
    assert hand.status == "refuted"
    assert float(hand.counterexample.lhs_value) < float(hand.counterexample.rhs_value)


def test_kl_def_gibbs_is_proven_for_symbolic_n():
    v = verdict("blog2.kl-def")
    gibbs = next(pv for label, _, pv in v.parts if label.startswith("D_KL(p‖q) ≥ 0"))
    assert gibbs.status == "proven"
    assert all("symbolic n" in s.scope for s in gibbs.steps)


def test_kl_strict_parts_are_sampled():
    v = verdict("blog2.kl-def")
    for label, _, pv in v.parts:
        if "t > 1" in label or "0 < t < 1" in label:
            assert pv.status == "proven", label
            assert pv.steps[-1].evidence["points"] > 0, label


def test_answer_code_numbers():
    v = verdict("d2l.answer-code")
    for label, counts, pv in v.parts:
        if counts:
            assert pv.status == "refuted", label
    prob = next(pv for label, _, pv in v.parts if "1/8" in label)
    assert prob.counterexample.lhs_value == "1/3"


# ---------------------------------------------------------------- the code, computed
def test_huffman_thirds():
    code = huffman_code(THIRDS)
    assert sorted(huffman_lengths(THIRDS)) == [1, 2, 2]
    assert average_length(THIRDS, code) == sp.Rational(5, 3)
    assert not any(a != b and b.startswith(a) for a in code for b in code)


def test_huffman_dyadic_reaches_entropy():
    probs = [sp.Rational(1, 2), sp.Rational(1, 4), sp.Rational(1, 8), sp.Rational(1, 8)]
    avg = average_length(probs, huffman_code(probs))
    assert avg == -sum(p * sp.log(p, 2) for p in probs).simplify() == sp.Rational(7, 4)


def test_block_bits():
    assert block_bits(5) == 8 and block_bits(1) == 2 and block_bits(2) == 4
    for m in range(1, 13):
        L = block_bits(m)
        assert 3 ** m <= 2 ** L < 2 * 3 ** m


def test_importables():
    assert entropy([sp.Rational(1, 2)] * 2) == sp.log(2)
    assert kl(P, P).doit() == 0
    assert cross_entropy([1, 0], [sp.Rational(1, 2), sp.Rational(1, 2)]) == sp.log(2)


# ---------------------------------------------------------------- wrong steps: refuted
def refuted(obj, tie=False):
    v = check(obj) if isinstance(obj, Chain) else check_part(Part("wrong", obj))
    assert v.status == "refuted", v.as_dict()
    cx = v.counterexample
    assert cx is not None
    if tie:   # a strict relation failing at an exact tie
        assert cx.lhs_value == cx.rhs_value and "tie" in cx.note
    else:
        assert cx.lhs_value != cx.rhs_value
    return v


def test_wrong_kl_nonpositive():
    refuted(Chain(kl(), assuming=SUMS, domain=DOM, n=n).le(0))


def test_wrong_kl_decomposition_sign_flip():
    refuted(Chain(kl(), domain=DOM, n=n).eq(sp.Sum(P[j] * sp.log(P[j]), (j, 1, n))
                                            + sp.Sum(P[j] * sp.log(Q[j]), (j, 1, n))))


def test_wrong_huffman_average():
    refuted(Exact(compute=lambda: average_length(THIRDS, huffman_code(THIRDS)), expected=sp.Rational(3, 2)))


def test_wrong_block_rate_stated():
    refuted(Stated(sp.Rational(block_bits(5), 5), "1.5"))


def test_wrong_cross_entropy_gradient_swapped():
    refuted(Chain(sp.Derivative(cross_entropy(Y, Yhat), Yhat[k]), domain={Y: Simplex(), Yhat: Simplex()},
                  n=n).eq(-Yhat[k] / Y[k]))


def test_wrong_kl_gradient_sign():
    refuted(Chain(sp.Derivative(kl(Y, Yhat), Yhat[k]), domain={Y: Simplex(), Yhat: Simplex()},
                  n=n).eq(Y[k] / Yhat[k]))


def test_wrong_log_bound_direction():
    t = sp.Symbol("t", positive=True)
    refuted(Chain(sp.log(t)).ge(t - 1))


def test_wrong_strict_log_bound_without_hypothesis():
    t = sp.Symbol("t", positive=True)
    refuted(Chain(sp.log(t)).lt(t - 1), tie=True)   # fails at t = 1 (a tie)


def test_wrong_gibbs_termwise_direction():
    refuted(Chain(sp.Sum(P[j] * sp.log(Q[j] / P[j]), (j, 1, n)), assuming=SUMS, domain=DOM, n=n)
            .ge(sp.Sum(P[j] * (Q[j] / P[j] - 1), (j, 1, n))))


def test_wrong_sum_at_least_one_signed_term():
    refuted(Chain(kl(), assuming=SUMS, domain=DOM, n=n).ge(P[k] * sp.log(P[k] / Q[k])))


def test_wrong_entropy_at_least_log_n():
    refuted(Chain(entropy(), assuming=SUMS[:1], domain={P: Simplex()}, n=n).ge(sp.log(n)))


def test_wrong_entropy_nonpositive():
    refuted(Chain(entropy(), assuming=SUMS[:1], domain={P: Simplex()}, n=n).lt(0))


def test_wrong_huffman_reaches_entropy():
    refuted(Chain(sp.Rational(5, 3)).le(LOG2_3))


# ---------------------------------------------------------------- true steps (for contrast)
def test_true_steps_hold():
    t = sp.Symbol("t", positive=True)
    assert check(Chain(t * sp.log(t)).ge(t - 1)).status == "proven"   # ln t ≥ 1 − 1/t, times t
    assert check(Chain(kl(P, P), domain={P: Simplex()}, n=n).eq(0)).status == "proven"
