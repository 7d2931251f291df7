"""Limit evidence: sequences run far enough, 'not yet moving' says nothing, both sides sampled."""
import mpmath
import sympy as sp

from proofs import Chain, Status, check
from proofs.evidence import limits, sampling

x = sp.Symbol("x", real=True)
a, b = sp.symbols("a b", real=True)
T = sp.Symbol("T", positive=True)
lam = sp.Symbol("lambda", positive=True)
RSM = sp.log(sp.exp(lam * a) + sp.exp(lam * b)) / lam


def sigma(t):
    return 1 / (1 + sp.exp(-t))


def _numeric(ch):
    return check(ch, seconds=5, strategies=[]).status


def test_a_sequence_that_has_not_started_moving_is_not_settled():
    # σ(10^-20 / T) is still 1/2 at T = 10^-16; it reaches 1 only beyond: this raised KernelBug
    lim = sp.Limit(sigma(sp.Rational(1, 10**20) / T), T, 0, "+")
    est = limits.estimate(lim, sampling.Point())
    assert est.settled and abs(est.value - 1) < mpmath.mpf(10) ** -30
    assert _numeric(Chain(lim).eq(1)) == Status.NUMERIC
    assert _numeric(Chain(lim).eq(sp.Rational(1, 2))) == Status.REFUTED
    assert check(Chain(lim).eq(1), seconds=10).status in (Status.PROVEN, Status.NUMERIC)


def test_still_accelerating_sequence_says_nothing():
    lim = sp.Limit(sigma(sp.Rational(1, 10**300) / T), T, 0, "+")  # moves only past T = 10^-256
    assert _numeric(Chain(lim).eq(1)) != Status.REFUTED


def test_a_limit_off_by_1e_minus_7_is_refuted():
    off = sp.Rational(1, 10**7)
    assert _numeric(Chain(sp.Limit(RSM, lam, sp.oo)).eq(sp.Max(a, b) + off)) == Status.REFUTED
    assert _numeric(Chain(sp.Limit(RSM, lam, sp.oo)).eq(sp.Max(a, b) - off / 1000)) == Status.REFUTED
    assert _numeric(Chain(sp.Limit(RSM, lam, sp.oo)).eq(sp.Max(a, b))) == Status.NUMERIC


def test_slowly_converging_limit_is_not_refuted():
    t = sp.Symbol("t", positive=True)
    assert _numeric(Chain(sp.Limit((1 + 1 / t) ** t, t, sp.oo)).eq(sp.E)) == Status.NUMERIC
    assert _numeric(Chain(sp.Limit((1 + 1 / t) ** t, t, sp.oo)).eq(sp.E + sp.Rational(1, 10**9))) \
        == Status.REFUTED
    assert _numeric(Chain(sp.Limit(sp.sin(x) / x, x, 0, "+")).eq(1)) == Status.NUMERIC


def test_two_sided_limits_are_sampled_from_both_sides():
    two = sp.Limit(sp.Abs(x) / x, x, 0, "+-")
    assert _numeric(Chain(two).eq(1)) == Status.REFUTED   # from the left it is -1
    assert _numeric(Chain(two).eq(-1)) == Status.REFUTED
    assert _numeric(Chain(sp.Limit(sp.Abs(x) / x, x, 0, "+")).eq(1)) == Status.NUMERIC
    assert _numeric(Chain(sp.Limit(x * sp.sin(1 / x) + 1, x, 0, "+-")).eq(1)) == Status.NUMERIC
    v = check(Chain(two).eq(1), seconds=5, strategies=[])
    assert "side -" in v.counterexample.note


def test_infinite_limits():
    t = sp.Symbol("t", positive=True)
    assert _numeric(Chain(sp.Limit(-sp.log(t), t, 0, "+")).eq(sp.oo)) == Status.NUMERIC
    assert _numeric(Chain(sp.Limit(-sp.log(t), t, 0, "+")).eq(-sp.oo)) == Status.REFUTED
    assert _numeric(Chain(sp.Limit(sp.atan(t), t, sp.oo)).eq(sp.oo)) == Status.REFUTED


def test_a_limit_that_cannot_be_sampled_is_not_counted_as_agreement():
    """Third review: an unevaluable limit's points were counted, so any value came back numeric."""
    from proofs.evidence.search import numeric_evidence
    from proofs.context import Context
    xx = sp.Symbol("x", positive=True)
    kk = sp.Symbol("k", integer=True, positive=True)
    L = sp.Limit(sp.Sum(xx * sp.exp(-kk * xx), (kk, 1, sp.oo)), xx, 0, "+")
    ev, cand = numeric_evidence(L, "=", 5, Context(), seconds=5)
    assert ev["points"] == 0 and cand is None
