"""The binary cross-entropy of NNDL ch. 3 (derivations.cross_entropy): verdicts, and wrong steps.

Every claim's verdict is asserted after reading its evidence; each wrong step (sign flip, dropped
factor, wrong limit value, false inequality, wrong minimiser, wrong rounding) must be refuted by the
kernel with a counterexample whose two sides differ.
"""
from __future__ import annotations

import functools

import pytest
import sympy as sp

import derivations.cross_entropy as ce
from derivations.common import a, b, j, m, n, sigma, w, x, y, z
from claim_verdicts import verdict as cached_verdict
from proofs import AnyFunction, Chain, Positive, Real, Unit, check
from proofs.claims import Exact, Part, check_part
from proofs.evidence.rounding import nearest_unit_fraction

FAST = 3  # seconds per link for the wrong-step chains (the refutation comes from sampling)


@functools.lru_cache(maxsize=None)
def verdict(cid):
    return cached_verdict(cid)  # one check per claim per session, shared with the other files


def refuted(v):
    assert v.status == "refuted", v.as_dict()
    cx = v.counterexample
    assert cx is not None
    assert cx.lhs_value != cx.rhs_value or "tie" in cx.note  # a tie refutes a strict relation
    return cx


# ---------------------------------------------------------------- the claims
PROVEN = ["nndl.ce-cost", "nndl.ce-positive", "nndl.ce-near-target", "nndl.ce-grad-w",
          "nndl.ce-grad-b", "nndl.ce-multi", "nndl.ce-role-swap", "nndl.ce-min-at-target",
          "nndl.multilayer-ce", "nndl.ce-from-desired-grads", "nndl.xj-unremovable"]


@pytest.mark.parametrize("cid", PROVEN)
def test_claim_proven(cid):
    v = verdict(cid)
    assert v.status == "proven", v.as_dict()
    assert all(pv.status == "proven" for _, counts, pv in v.parts if counts)


@pytest.mark.parametrize("cid", ["nndl.ce-cost", "nndl.ce-positive", "nndl.ce-grad-w", "nndl.ce-grad-b",
                                 "nndl.ce-multi", "nndl.multilayer-ce", "nndl.ce-from-desired-grads",
                                 "nndl.xj-unremovable"])
def test_general_n_parts_are_for_symbolic_n(cid):
    assert "symbolic n" in verdict(cid).scope


def test_grad_w_has_the_four_steps_of_the_book():
    v = verdict("nndl.ce-grad-w")
    label, _, one = v.parts[0]
    assert label.startswith("(58)→(61)")
    assert [s.reason[:4] for s in one.steps] == ["(58)", "(59)", "(60)", "(61)"]
    assert isinstance(one.steps[0].lhs, sp.Derivative)
    assert all(s.status == "proven" for s in one.steps)


def test_mnist_error_share_is_refuted_nearest_is_one_in_fifteen():
    v = verdict("nndl.mnist-error-share")
    cx = refuted(v)
    assert (cx.lhs_value, cx.rhs_value) == ("15", "14")
    share = [pv for label, _, pv in v.parts if label.startswith("exact share")][0]
    assert share.status == "proven"
    assert ce._error_share() == sp.Rational(23, 341)
    assert nearest_unit_fraction(sp.Rational(23, 341)) == 15


def test_about_one_in_fifteen_holds_under_the_rule():
    p = Part("about one in fifteen", Exact(compute=lambda: sp.Integer(nearest_unit_fraction(ce._error_share())),
                                           expected=15))
    assert check_part(p).status == "proven"


def test_no_refuted_claim_without_correction():
    from proofs.claims import lookup
    assert lookup("nndl.mnist-error-share").corrected
    for cid in PROVEN:
        assert not lookup(cid).corrected


# ---------------------------------------------------------------- importable objects
def test_importable_objects():
    h = sp.Rational(1, 2)
    assert sp.simplify(ce.binary_cross_entropy(h, h) - sp.log(2)) == 0
    assert sp.simplify(ce.binary_entropy(h) - sp.log(2)) == 0
    assert sp.simplify(sp.diff(ce.binary_cross_entropy(a, y), a) - ce.binary_cross_entropy_grad_a(a, y)) == 0
    zz = w * x + b
    C = ce.binary_cross_entropy(sigma(zz), y)
    assert sp.simplify(sp.diff(C, w) - ce.binary_cross_entropy_grad_w(x, zz, y)) == 0
    assert sp.simplify(sp.diff(C, b) - ce.binary_cross_entropy_grad_b(zz, y)) == 0
    assert sp.simplify(sp.diff(ce.binary_cross_entropy(sigma(z), y), z)
                       - ce.binary_cross_entropy_grad_z(z, y)) == 0
    assert sp.simplify(ce.sigma_prime(z) - sigma(z) * (1 - sigma(z))) == 0
    cost = ce.cross_entropy_cost(ce._AT, ce._YT, 2).doit()
    assert sp.simplify(cost - (ce.binary_cross_entropy(ce._AT[1], ce._YT[1])
                               + ce.binary_cross_entropy(ce._AT[2], ce._YT[2])) / 2) == 0


# ---------------------------------------------------------------- wrong steps: refuted
def _one_example():
    """One example, z = Σ_{q=1}^n w_q x_q + b, as in the claim's chain."""
    zz = sp.Sum(ce._W[ce._q] * ce._X[ce._q], (ce._q, 1, n)) + b
    s = sigma(zz)
    dom = {ce._W: Positive(0.05), ce._X: Unit(), y: Real(0, 1)}
    return zz, s, dom


def test_sign_flip_in_60_refuted():
    zz, s, dom = _one_example()
    ch = (Chain(-(y / s - (1 - y) / (1 - s)) * ce.sigma_prime(zz) * ce._X[j], domain=dom, n=n, n_min=1)
          .eq(-ce.sigma_prime(zz) * ce._X[j] * (s - y) / (s * (1 - s)), by="(60) with the sign flipped"))
    refuted(check(ch, seconds=FAST))


def test_dropping_sigma_prime_in_59_refuted():
    zz, s, dom = _one_example()
    ch = (Chain(-(y / s - (1 - y) / (1 - s)) * sp.Derivative(s, ce._W[j]), domain=dom, n=n, n_min=1)
          .eq(-(y / s - (1 - y) / (1 - s)) * ce._X[j], by="(59) with σ'(z) dropped"))
    refuted(check(ch, seconds=FAST))


def test_grad_b_sign_flip_refuted():
    sx = sp.Symbol("s", real=True)
    zz = b + sx
    ch = (Chain(sp.Derivative(ce.binary_cross_entropy(sigma(zz), y), b),
                domain={b: Real(-5, 5), sx: Real(-5, 5), y: Real(0, 1)})
          .eq(y - sigma(zz), by="(62) with the sign flipped"))
    refuted(check(ch, seconds=FAST))


def test_averaged_61_sign_flip_and_dropped_xj_refuted():
    A_, Y_, X_, t = ce._AT[ce._t], ce._YT[ce._t], ce._XJ[ce._t], ce._t
    dom = {ce._AT: Unit(), ce._YT: Unit(), ce._XJ: Unit()}
    start = sp.Sum(ce._dC_da(A_, Y_) * A_ * (1 - A_) * X_, (t, 1, n)) / n
    for wrong in (sp.Sum(X_ * (Y_ - A_), (t, 1, n)) / n, sp.Sum(A_ - Y_, (t, 1, n)) / n):
        refuted(check(Chain(start, domain=dom, n=n, n_min=1).eq(wrong), seconds=FAST))


def test_quadratic_delta_for_cross_entropy_refuted():
    """(66) with the quadratic cost's σ'(z_j) kept: δ_j = (a_j − y_j)σ'(z_j) is wrong for (63)."""
    Z, Yv = ce._ZL, ce._YT
    cost = -sp.Sum(Yv[m] * sp.log(sigma(Z[m])) + (1 - Yv[m]) * sp.log(1 - sigma(Z[m])), (m, 1, n))
    ch = (Chain(sp.Derivative(cost, Z[j]), domain={Z: Positive(10), Yv: Unit()}, n=n, n_min=1)
          .eq((sigma(Z[j]) - Yv[j]) * ce.sigma_prime(Z[j]), by="σ'(z_j) not cancelled"))
    refuted(check(ch, seconds=FAST))


def test_cost_negative_refuted():
    ch = Chain(ce.binary_cross_entropy(a, y), assuming=[y >= 0, y <= 1],
               domain={a: Unit(), y: Real(0, 1)}).lt(0, by="C < 0")
    refuted(check(ch, seconds=FAST))


def test_positivity_needs_targets_in_0_1():
    """Without y ∈ [0, 1] the term can be negative (y = 2, a near 1): the hypothesis matters."""
    ch = Chain(ce.binary_cross_entropy(a, y), domain={a: Unit(), y: Real(-2, 3)}).gt(0)
    refuted(check(ch, seconds=FAST))


def test_interval_charts_do_not_prove_a_false_strict_inequality():
    """y(1 − y) > 0 fails at the closed ends of [0, 1]; y(1 − y) ≥ 0 holds (by the charts)."""
    hyp, dom = [y >= 0, y <= 1], {y: Real(0, 1)}
    refuted(check(Chain(y * (1 - y), assuming=hyp, domain=dom).gt(0), seconds=FAST))
    v = check(Chain(y * (1 - y), assuming=hyp, domain=dom).ge(0), seconds=FAST)
    assert v.status == "proven" and v.steps[0].strategy == "interval charts"


def test_wrong_limit_value_refuted():
    ch = Chain(sp.Limit(ce.binary_cross_entropy(a, sp.Integer(0)), a, 0, "+")).eq(sp.log(2))
    refuted(check(ch, seconds=FAST))
    ch = Chain(sp.Limit(ce.binary_cross_entropy(a, sp.Integer(1)), a, 1, "-")).eq(1)
    refuted(check(ch, seconds=FAST))


def test_minimum_at_one_minus_y_refuted():
    f = ce.binary_cross_entropy(a, y)
    ch = Chain(sp.diff(f, a).subs(a, 1 - y), assuming=[y > 0, y < 1], domain={y: Unit()}).eq(
        0, by="stationary at a = 1 − y")
    refuted(check(ch, seconds=FAST))
    p = Part("root at 1 − y", Exact(compute=lambda: ce._only_root(sp.diff(f, a), a), expected=1 - y))
    assert check_part(p).status == "refuted"


def test_minimum_value_sign_flip_refuted():
    f = ce.binary_cross_entropy(a, y)
    ch = Chain(f.subs(a, y), assuming=[y > 0, y < 1], domain={y: Unit()}).eq(-ce.binary_entropy(y))
    refuted(check(ch, seconds=FAST))


def test_wrong_75_refuted():
    ch = Chain(sp.Derivative(ce.binary_cross_entropy(a, y), a), domain={a: Unit(), y: Real(0, 1)}).eq(
        (a - y) / a, by="(75) without 1 − a")
    refuted(check(ch, seconds=FAST))


def test_wrong_74_refuted():
    """(74) with σ'(z) replaced by a instead of a(1 − a)."""
    Cf = sp.Function("C")
    dC = sp.Derivative(Cf(a), a)
    ch = Chain(dC * ce.sigma_prime(sp.log(a / (1 - a))), domain={a: Unit(), Cf: AnyFunction()}).eq(
        dC * a, by="σ'(z) = a")
    refuted(check(ch, seconds=FAST))


def test_dropping_xj_refuted():
    G = sp.Function("G")
    zz = sp.Sum(ce._W[ce._q] * ce._X[ce._q], (ce._q, 1, n)) + b
    ch = Chain(sp.Derivative(G(zz), ce._W[j]), domain={G: AnyFunction(), ce._W: Unit(), ce._X: Unit()},
               n=n, n_min=1).eq(sp.Derivative(G(zz), b), by="x_j removed")
    refuted(check(ch, seconds=FAST))


def test_role_swap_wrong_readings_refuted():
    ap = sp.Symbol("a", positive=True)
    sw = -(ap * sp.log(y) + (1 - ap) * sp.log(1 - y))
    refuted(check(Chain(sp.Limit(sw / (-sp.log(y)), y, 0, "+"), domain={ap: Unit()}).eq(0), seconds=FAST))
    au = 1 / (1 + sp.Symbol("u", positive=True))
    p = Part("right form at y = 0 not finite",
             Exact(compute=lambda: ce._finite(ce.binary_cross_entropy(au, sp.Integer(0))), expected=0))
    assert check_part(p).status == "refuted"


def test_wrong_y1_term_refuted():
    ch = Chain(ce.binary_cross_entropy(a, sp.Integer(1)), domain={a: Unit()}).eq(-sp.log(1 - a))
    refuted(check(ch, seconds=FAST))
