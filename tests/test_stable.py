"""Accuracy and behaviour of derivations.stable against an mpmath reference."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest

from derivations.stable import (
    log_softmax,
    logsumexp,
    softmax,
    softmax_cross_entropy,
    softmax_cross_entropy_grad,
)

TOL = 4.0  # ulps

HARD = {
    "ties": [3.0, 3.0, 3.0, 1.0],
    "ties_at_zero": [0.0, 0.0, -1.0],
    "dominant": [0.0, -40.0, -40.0],
    "dominant_spread": [-45.0, 0.0, -60.0, -80.0, -41.5],
    "scale_1e300": [1e300, -1e300, 3e299, -7e-300],
    "naive_overflow": [1000.0, 999.0, 0.0],
    "naive_underflow": [-1000.0, -1001.0, -1050.0],
}


def ref(z):
    """60-digit (lse, softmax, log_softmax) with an exact shift by the max.

    log(S) with S = 1 + tiny keeps ~60 digits absolute, i.e. far more than the
    17 needed relative even for results near 1e-18.
    """
    with mpmath.workdps(60):
        zs = [mpmath.mpf(float(v)) for v in z]
        m = max(zs)
        d = [mpmath.fsub(v, m, exact=True) for v in zs]
        big_s = mpmath.fsum(mpmath.exp(x) for x in d)
        log_s = mpmath.log(big_s)
        return m + log_s, [mpmath.exp(x) / big_s for x in d], [x - log_s for x in d]


def ulps(computed, exact) -> float:
    """Worst |computed - exact| / ulp(exact) over entries."""
    worst = 0.0
    with mpmath.workdps(60):
        for c, e in zip(np.atleast_1d(computed), np.atleast_1d(exact)):
            assert np.isfinite(c), f"non-finite {c} for exact {e}"
            worst = max(worst, float(abs(mpmath.mpf(float(c)) - e)) / np.spacing(abs(float(e))))
    return worst


def assert_accurate_lse(fn):
    for name, z in HARD.items():
        err = ulps(fn(np.array(z)), ref(z)[0])
        assert err <= TOL, f"{name}: {err:.3g} ulps"


@pytest.mark.parametrize("z", HARD.values(), ids=HARD.keys())
def test_matches_mpmath_on_hard_inputs(z):
    lse, p, ls = ref(z)
    assert ulps(logsumexp(z), lse) <= TOL
    assert ulps(softmax(z), p) <= TOL
    assert ulps(log_softmax(z), ls) <= TOL
    onehot = np.eye(len(z))[int(np.argmax(z))]
    assert ulps(softmax_cross_entropy(z, onehot), [-x for x in ls][int(np.argmax(z))]) <= TOL


def test_our_logsumexp_passes_the_check():
    assert_accurate_lse(logsumexp)


def test_check_rejects_log_without_log1p():
    """The same check must fail a plausible wrong implementation."""

    def lse_without_log1p(z):
        m = np.max(z)
        return m + np.log(np.sum(np.exp(z - m)))  # 1 + 2e-40 rounds to 1 -> returns 0

    with pytest.raises(AssertionError, match="^dominant: "):
        assert_accurate_lse(lse_without_log1p)


def test_naive_formula_overflows_ours_stays_finite():
    z = np.array([1000.0, 999.0, 0.0])
    with np.errstate(over="ignore", invalid="ignore"):
        assert np.isinf(np.log(np.sum(np.exp(z))))  # naive LSE really overflows here
        assert np.isnan(np.exp(z) / np.sum(np.exp(z))).any()
    assert np.isfinite(logsumexp(z))
    assert np.all(np.isfinite(softmax(z))) and np.all(np.isfinite(log_softmax(z)))
    assert abs(logsumexp(z) - (1000 + np.log1p(np.exp(-1.0) + np.exp(-1000.0)))) < 1e-12


def test_log_softmax_of_probability_near_one_is_relatively_accurate():
    z = np.array([0.0, -40.0, -40.0])
    exact = ref(z)[2][0]  # about -2 e^-40 = -8.5e-18
    assert ulps(log_softmax(z)[0], exact) <= TOL
    # Meaningfulness check: z - lse with lse = m + log(sum exp(z - m)), no log1p, gives 0.
    naive = z - (z.max() + np.log(np.sum(np.exp(z - z.max()))))
    assert naive[0] == 0.0 and ulps(naive[0], exact) > 1e15


def test_cross_entropy_and_grad_dominant_onehot():
    z, y = np.array([0.0, -40.0, -40.0]), np.array([1.0, 0.0, 0.0])
    _, p, ls = ref(z)
    assert ulps(softmax_cross_entropy(z, y), -ls[0]) <= TOL
    # eq. (16): grad = a - y; the argmax entry a_0 - 1 = -(1 - a_0) needs no cancellation.
    with mpmath.workdps(60):
        exact = [-(p[1] + p[2]), p[1], p[2]]
    assert ulps(softmax_cross_entropy_grad(z, y), exact) <= TOL


@pytest.mark.parametrize("seed", range(5))
def test_grad_sums_to_zero_for_any_y(seed):
    rng = np.random.default_rng(seed)
    z, y = rng.normal(0, 5, 20), rng.uniform(0, 3, 20)  # y not normalised on purpose
    g = softmax_cross_entropy_grad(z, y)
    # sum_i (p_i sum y - y_i) = sum y - sum y = 0
    assert abs(g.sum()) <= 1e-13 * np.abs(y).sum()
    np.testing.assert_allclose(g, softmax(z) * y.sum() - y, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("shape,axis", [((4, 5), -1), ((4, 5), 0), ((2, 3, 4), 1)])
def test_axis_matches_1d(shape, axis):
    rng = np.random.default_rng(1)
    z = rng.normal(0, 50, shape)
    y = rng.dirichlet(np.ones(shape[axis]), size=np.prod(shape) // shape[axis])
    y = np.moveaxis(y.reshape(np.delete(shape, axis).tolist() + [shape[axis]]), -1, axis)
    z1, y1 = np.moveaxis(z, axis, -1), np.moveaxis(y, axis, -1)
    rows = z1.reshape(-1, shape[axis]), y1.reshape(-1, shape[axis])
    out_shape = z1.shape[:-1]

    def rowwise(f):
        return np.array([f(a, b) for a, b in zip(*rows)])

    np.testing.assert_array_equal(logsumexp(z, axis), rowwise(lambda a, b: logsumexp(a)).reshape(out_shape))
    np.testing.assert_array_equal(
        softmax_cross_entropy(z, y, axis), rowwise(softmax_cross_entropy).reshape(out_shape)
    )
    for f in (softmax, log_softmax):
        got = np.moveaxis(f(z, axis), axis, -1)
        np.testing.assert_array_equal(got, rowwise(lambda a, b: f(a)).reshape(z1.shape))
    got = np.moveaxis(softmax_cross_entropy_grad(z, y, axis), axis, -1)
    np.testing.assert_array_equal(got, rowwise(softmax_cross_entropy_grad).reshape(z1.shape))
    np.testing.assert_allclose(softmax(z, axis).sum(axis), 1.0, rtol=1e-15)


def test_special_values():
    inf, nan = np.inf, np.nan
    assert logsumexp([-inf, -inf]) == -inf
    assert logsumexp([1.0, inf, -inf]) == inf
    assert np.isnan(logsumexp([1.0, nan, inf]))
    assert logsumexp([0.0, -inf]) == 0.0
    # ties: only one argmax is left out of s, the other contributes exp(0) = 1
    assert logsumexp([0.0, 0.0]) == np.log1p(1.0)
    assert softmax_cross_entropy([0.0, -inf], [1.0, 0.0]) == 0.0  # 0 * -inf ignored
