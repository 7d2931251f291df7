"""derivations.sigmoid: the claims' verdicts, and wrong steps that must be refuted."""
from __future__ import annotations

import pytest
import sympy as sp

from derivations.common import Z, m, n, softmax_vec, x, z
from derivations.sigmoid import bernoulli_p, sigma, sigma_prime
from proofs import Chain, Real, check
from claim_verdicts import verdict  # each catalogue claim checked once per session
from proofs.claims import Part, Stated, check_part

s = sigma(z)
zp = sp.Symbol("z", positive=True)
zn = sp.Symbol("z", negative=True)
z1, z2 = sp.symbols("z1 z2", real=True)
p1, p2 = sp.symbols("z1 z2", positive=True)


# ---------------------------------------------------------------- the claims
EXPECTED = {
    "dl.bernoulli-sigmoid": "proven",
    "dl.sigmoid-as-softmax": "refuted",
    "nndl.initial-outputs": "proven",
    "nndl.sigmoid-prime": "proven",
    "nndl.sigma-prime-small": "proven",
    "nndl.sigmoid-no-sum": "proven",
    "blog2.sigmoid-def": "proven",
}


@pytest.mark.parametrize("cid", EXPECTED)
def test_claim_verdict(cid):
    v = verdict(cid)
    assert v.status == EXPECTED[cid], v.as_dict()
    if v.status == "refuted":
        cx = v.counterexample
        assert cx is not None and cx.lhs_value != cx.rhs_value


def test_sigmoid_as_softmax_fails_at_the_stated_link_and_readings_hold():
    v = verdict("dl.sigmoid-as-softmax")
    (label, counts, literal), *notes = v.parts
    assert counts and literal.status == "refuted"
    assert literal.failed_link == 1           # e^0/(e^0 + e^z) is right; "= σ(z)" is the wrong step
    assert literal.steps[0].status == "proven"
    assert all(not c and pv.status == "proven" for _, c, pv in notes)
    # at the counterexample the two sides are σ(−z) and σ(z)
    z0 = sp.Rational(literal.counterexample.point["z"])
    assert z0 != 0
    assert abs(float(sigma(-z0)) - float(literal.counterexample.lhs_value)) < 1e-12
    assert abs(float(sigma(z0)) - float(literal.counterexample.rhs_value)) < 1e-12


def test_sigmoid_no_sum_note_refutes_the_general_equation():
    v = verdict("nndl.sigmoid-no-sum")
    notes = [(l, pv) for l, c, pv in v.parts if not c]
    assert len(notes) == 1 and notes[0][1].status == "refuted"
    cx = notes[0][1].counterexample
    assert cx.lhs_value != cx.rhs_value


def test_sigma_prime_small_every_part_symbolic():
    v = verdict("nndl.sigma-prime-small")
    assert len([c for _, c, _ in v.parts if c]) == 6
    assert all(pv.status == "proven" for _, c, pv in v.parts if c)


# ---------------------------------------------------------------- importable objects
def test_importable_objects():
    assert sp.simplify(sigma_prime(z) - s * (1 - s)) == 0
    assert sp.simplify(bernoulli_p(sp.Integer(1)).doit() - s) == 0
    assert sp.simplify(bernoulli_p(sp.Integer(0)).doit() - sigma(-z)) == 0


# ---------------------------------------------------------------- wrong steps: refuted
WRONG = {
    "σ' = σ(1 + σ)": Chain(sp.Derivative(s, z)).eq(s * (1 + s)),
    "σ' = −σ(1 − σ) (sign flip)": Chain(sp.Derivative(s, z)).eq(-s * (1 - s)),
    "σ' = σ (dropped factor)": Chain(sp.Derivative(s, z)).eq(s),
    "quotient rule with e^{+z}": Chain(sp.Derivative(s, z)).eq(sp.exp(z) / (1 + sp.exp(-z)) ** 2),
    "(6.23) at y = 1 with σ(−z) (sign flip)": Chain(bernoulli_p(sp.Integer(1))).eq(sigma(-z)),
    "(6.23) at y = 0 with σ(z)": Chain(bernoulli_p(sp.Integer(0))).eq(sigma(z)),
    "softmax((z, 0))_2 = σ(z) (swapped index)": Chain(softmax_vec([z, sp.Integer(0)])[1]).eq(sigma(z)),
    "σ'(z) ≥ 1/4": Chain(sp.Derivative(s, z)).ge(sp.Rational(1, 4)),
    "σ'(z) ≤ 1/5 for z > 0": Chain(sp.Derivative(sigma(zp), zp)).le(sp.Rational(1, 5)),
    "σ'(z) → 1/4 as z → ∞ (wrong limit)": Chain(sp.Limit(sp.Derivative(s, z), z, sp.oo)).eq(sp.Rational(1, 4)),
    "σ'(z) → 1 as z → −∞ (wrong limit)": Chain(sp.Limit(sp.Derivative(s, z), z, -sp.oo)).eq(1),
    "σ(x) ≥ 1/2 for all x": Chain(sigma(x)).ge(sp.Rational(1, 2)),
    "σ(z) > 1/2 for z < 0": Chain(sigma(zn), domain={zn: Real(-10, -0.001)}).gt(sp.Rational(1, 2)),
    "σ(z1) + σ(z2) > 1 for all real z": Chain(sigma(z1) + sigma(z2)).gt(1),
    "σ(z1) + σ(z2) < 1 for positive z": Chain(sigma(p1) + sigma(p2)).lt(1),
    "Σ_j σ(z_j) = 1, all n": Chain(sp.Sum(sigma(Z[m]), (m, 1, n)), n=n).eq(1),
    "2σ(t) → 1 as t → ∞ (wrong limit)": Chain(sp.Limit(2 * sigma(z), z, sp.oo)).eq(1),
}


@pytest.mark.parametrize("name", WRONG)
def test_wrong_step_refuted(name):
    v = check(WRONG[name])
    assert v.status == "refuted", v.as_dict()
    cx = v.counterexample
    # the values differ, or the sides tie exactly where a strict relation needs them apart
    # (σ(0) + σ(0) = 1 is not > 1)
    assert cx is not None and (cx.lhs_value != cx.rhs_value or "exact tie" in cx.note)


def test_strict_bound_refuted_at_the_tie():
    """σ'(z) < 1/4 for ALL z fails exactly at z = 0 (equality there)."""
    v = check(Chain(sp.Derivative(s, z)).lt(sp.Rational(1, 4)))
    assert v.status == "refuted"
    assert v.counterexample.point == {"z": "0"} and "tie" in v.counterexample.note


@pytest.mark.parametrize("stated", ["0.81", "0.83", "0.817", "0.9"])
def test_wrong_stated_output_refuted(stated):
    v = check_part(Part("σ(1.5)", Stated(sigma(sp.Rational(3, 2)), stated)))
    assert v.status == "refuted"


def test_wrong_stated_second_output_refuted():
    assert check_part(Part("σ(4)", Stated(sigma(sp.Integer(4)), "0.99"))).status == "refuted"


# ---------------------------------------------------------------- the strategy file
def test_termwise_positive_pair_and_its_wrong_twin():
    assert check(Chain(sigma(p1) + sigma(p2)).gt(sp.Rational(1, 2) + sigma(p2)).gt(1)).status == "proven"
    assert check(Chain(sigma(p1) + sigma(p2)).gt(sp.Rational(3, 2))).status == "refuted"


def test_limit_after_doit_strategy():
    v = check(Chain(sp.Limit(sp.Derivative(s, z), z, -sp.oo)).eq(0))
    assert v.status == "proven" and "sympy.limit" in v.steps[0].strategy  # the kernel evaluates the derivative
