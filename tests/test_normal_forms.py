"""The identity test's rewrites (proofs/normal_forms.py): each an equivalence, none proves a wrong step."""
import sympy as sp
from sympy.codegen.cfunctions import expm1, log1p

from proofs.normal_forms import Ranges, evaluate, is_zero, kronecker_substitute, log_of_product

x = sp.Symbol("x", real=True)
n = sp.Symbol("n", integer=True, positive=True)
i, j, k = sp.symbols("i j k", integer=True, positive=True)
P = sp.IndexedBase("p", positive=True)
Z = sp.IndexedBase("z", real=True)
f = sp.Function("f")


def test_log1p_and_expm1_are_their_definitions():
    assert is_zero(log1p(sp.exp(x)) - sp.log(1 + sp.exp(x)))
    assert is_zero(log1p(expm1(x)) - x)
    assert is_zero(expm1(2 * x) - (sp.exp(x) - 1) * (sp.exp(x) + 1))
    assert not is_zero(log1p(expm1(x)) - x - 1)
    assert not is_zero(log1p(sp.exp(x)) - sp.log(sp.exp(x)))


def test_log_of_a_product_of_positives_is_a_sum_of_logs():
    lp = sp.log(sp.Product(P[j], (j, 1, n)))
    assert log_of_product(lp) == sp.Sum(sp.log(P[j]), (j, 1, n))
    assert is_zero(evaluate(lp - sp.Sum(sp.log(P[j]), (j, 1, n)), Ranges(n=n)))
    assert not is_zero(evaluate(lp - sp.Sum(sp.log(P[j]), (j, 1, n)) - sp.log(n), Ranges(n=n)))


def test_log_of_a_product_of_reals_is_left_alone():
    # log(z_1 z_2) = log z_1 + log z_2 fails for z_1 = z_2 = -1: no split without positivity
    lz = sp.log(sp.Product(Z[j], (j, 1, n)))
    assert log_of_product(lz) == lz
    assert not is_zero(evaluate(lz - sp.Sum(sp.log(Z[j]), (j, 1, n)), Ranges(n=n)))


def test_kronecker_substitution_both_directions_reach_one_form():
    assert is_zero(sp.KroneckerDelta(i, k) * f(i) - sp.KroneckerDelta(i, k) * f(k))
    assert is_zero(sp.KroneckerDelta(k, i) * sp.exp(Z[k]) - sp.KroneckerDelta(i, k) * sp.exp(Z[i]))
    assert not is_zero(sp.KroneckerDelta(i, k) * f(i) - f(k))
    assert not is_zero(sp.KroneckerDelta(i, k) * f(i) - sp.KroneckerDelta(i, k) * f(k + 1))


def test_kronecker_substitution_respects_bound_variables():
    # δ_ik Σ_i z_i: the i under the sum is another variable, it must not become k
    e = sp.KroneckerDelta(i, k) * sp.Sum(Z[i] * Z[k], (i, 1, n))
    assert kronecker_substitute(e) == sp.expand(e)


def test_kronecker_substitution_needs_integer_symbols():
    a, b = sp.symbols("a b", real=True)
    e = sp.KroneckerDelta(a, b) * f(a)
    assert kronecker_substitute(e) == e


def test_a_large_softmax_identity_by_cancel_on_exponential_symbols():
    # a row of the softmax Jacobian at n = 16 sums to 0 (Wikipedia, Softmax function): decided
    # by cancel on E_k = e^{z_k} without together; a wrong sign stays nonzero
    zs = sp.symbols("z0:16", real=True)
    s = sum(sp.exp(v) for v in zs)
    row = sp.exp(zs[0]) / s - sum(sp.exp(zs[0]) * sp.exp(v) / s ** 2 for v in zs)
    assert is_zero(row)
    assert not is_zero(row + 2 * sp.exp(zs[0]) * sp.exp(zs[1]) / s ** 2)
    assert not is_zero(sp.exp(-500) * (row - sp.exp(zs[0]) / s))


# ---------------------------------------------------------------- the numeric probe
def test_probe_rejects_wrong_identities_also_when_scaled():
    from proofs.normal_forms import clearly_nonzero
    tiny, huge = sp.exp(-500), sp.Integer(10) ** 5000
    E0 = sp.Symbol("E0", positive=True)   # a user's symbol named like exp_atoms_to_symbols' Dummy
    for wrong in (tiny * (sp.exp(x) - E0), huge * sp.exp(-x) * tiny, sp.Abs(x) - x,
                  tiny * (sp.log(P[i] ** 2) - sp.log(P[i])), sp.exp(2 * x) - sp.exp(x) ** 2 + tiny):
        assert clearly_nonzero(wrong), wrong
        assert not is_zero(wrong), wrong


def test_probe_never_rejects_an_identity():
    from proofs.normal_forms import clearly_nonzero, probe_values
    assert not clearly_nonzero(sp.log(6) - sp.log(2) - sp.log(3))
    # a complex value is no evidence: log(z²) − 2 log z is 0 for z > 0 only
    assert not clearly_nonzero(sp.log(Z[i] ** 2) - 2 * sp.log(Z[i]))
    for same in (sp.log(P[i] ** 2) - 2 * sp.log(P[i]),
                 (x ** 2 - 1) / (x - 1) - x - 1, sp.exp(-500) * (sp.exp(x) ** 2 - sp.exp(2 * x)),
                 sp.tanh(x) - (sp.exp(2 * x) - 1) / (sp.exp(2 * x) + 1)):
        assert not clearly_nonzero(same), same
        assert is_zero(same), same
    # nothing the values depend on beyond plain symbols is probed: sums, deltas, Piecewise, f(x)
    for opaque in (sp.Sum(Z[j], (j, 1, n)) - 1, sp.KroneckerDelta(i, j) - 1,
                   sp.Piecewise((1, x > 0), (0, True)), f(x) - 1, sp.Derivative(f(x), x)):
        assert probe_values(opaque, wide=True) == [], opaque


def test_probe_points_respect_the_assumptions():
    from proofs.normal_forms import probe_values
    odd = sp.Symbol("m", odd=True)
    assert all(v < 0 for v in probe_values((-1) ** odd + 0 * x))   # (-1)^m = -1 for every odd m
    assert probe_values(sp.Symbol("q", polar=True) + 1) == []      # no rational is polar: no point
    assert all(v > 0 for v in probe_values(sp.Symbol("r", positive=True) + sp.Integer(10) ** -300, wide=True))
