"""Sampling and evaluation: values at 50 digits, derivatives by finite differences, domains."""
import mpmath
import sympy as sp

from proofs.evidence import sampling
from proofs.context import Context, Simplex

n = sp.Symbol("n", integer=True, positive=True)
i, j = sp.symbols("i j", integer=True, positive=True)
z = sp.IndexedBase("z", real=True)
y = sp.IndexedBase("y", real=True)
x = sp.Symbol("x", real=True)


def test_mixed_second_derivative_at_equal_indices_is_the_second_derivative():
    # regression: ∂²/∂z_i∂z_j at i = j once came out 0 (two variables set on one entry)
    f = sp.exp(3 * z[i] * z[j])
    p = sampling.Point(scalars={n: sp.Integer(2), i: sp.Integer(1), j: sp.Integer(1)},
                      vectors={z: [None, sp.Rational(1, 2), sp.Integer(0)]}, n=2)
    got = sampling.value(sp.Derivative(f, z[i], z[j]), p)
    with mpmath.workdps(50):
        t = mpmath.mpf(1) / 2  # f = exp(3 t^2): f'' = (6 + 36 t^2) exp(3 t^2)
        assert abs(got - (6 + 36 * t**2) * mpmath.exp(3 * t**2)) < mpmath.mpf(10) ** -20


def test_derivative_is_evaluated_by_finite_differences_not_symbolically():
    p = sampling.Point(scalars={x: sp.Rational(1, 3)})
    got = sampling.value(sp.Derivative(sp.sin(x) ** 2, x), p)
    with mpmath.workdps(50):
        assert abs(got - mpmath.sin(2 * mpmath.mpf(1) / 3)) < mpmath.mpf(10) ** -30


def test_general_n_sum_evaluates_at_n_1000():
    p = sampling.Point(scalars={n: sp.Integer(1000)}, vectors={z: [None] + [sp.Integer(0)] * 1000}, n=1000)
    assert sampling.value(sp.Sum(sp.exp(z[j]), (j, 1, n)), p) == 1000


def test_sampling_respects_distinct_indices_and_simplex():
    ctx = Context(assuming=(sp.Ne(i, j),), domain={y: Simplex()}, n=n)
    pts = list(sampling.sample_points([z[i] * y[j]], ctx, 8, n=4))
    assert len(pts) == 8
    assert all(p.scalars[i] != p.scalars[j] for p in pts)
    assert all(sum(p.vectors[y][1:]) == 1 for p in pts)


def test_one_over_n_keeps_working_precision():
    # regression: 1/n with n a Python int was a float64 and faked a counterexample at a tie
    p = sampling.Point(scalars={n: sp.Integer(3)}, n=3)
    with mpmath.workdps(50):
        assert abs(sampling.value(1 / n, p) - mpmath.mpf(1) / 3) < mpmath.mpf(10) ** -45


def test_derivative_under_a_sum_is_sampled():
    e = sp.Sum(sp.Derivative(sp.exp(z[j]) * z[i], z[j]), (j, 1, n))
    p = sampling.Point(scalars={n: sp.Integer(2), i: sp.Integer(1)},
                      vectors={z: [None, sp.Integer(0), sp.Integer(0)]}, n=2)
    # d/dz_j [e^{z_j} z_i] = e^{z_j} z_i + δ_ij e^{z_j}; at z = 0, i = 1: (0 + 1) + (0 + 0) = 1
    assert abs(sampling.value(e, p) - 1) < mpmath.mpf(10) ** -20
