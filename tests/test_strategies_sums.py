"""The sums strategy: sums as fresh symbols, peeled at free indices, compared termwise."""
import sympy as sp

from proofs.context import Context
from proofs.strategies.sums import s_sums
from strategy_checks import proves as _proves  # the shared search, under a CPU budget

n = sp.Symbol("n", integer=True, positive=True)
i, j, m = sp.symbols("i j m", integer=True)
z = sp.IndexedBase("z", real=True)
p = sp.IndexedBase("p", positive=True)
S = sp.Sum(sp.exp(z[m]), (m, 1, n))


def proves(lhs, rel, rhs, n_min=2, assuming=()):
    return _proves(s_sums, lhs, rel, rhs, Context(tuple(assuming), {}, n, n_min))


def test_softmax_below_one():
    assert proves(sp.exp(z[i]) / S, "<", 1)
    assert not proves(sp.exp(z[i]) / S, "<", 1, n_min=1)  # n = 1: the softmax is 1
    assert proves(sp.exp(z[i]) / S, "<=", 1, n_min=1)
    assert not proves(sp.exp(z[i]) / S, ">", 1)


def test_termwise_and_ranges():
    assert proves(sp.Sum(p[j] ** 2, (j, 1, n)), "<=", sp.Sum(p[j] ** 2 + p[j], (j, 1, n)))
    assert not proves(sp.Sum(sp.exp(-500) * sp.KroneckerDelta(j, 0), (j, 0, n)), "<=", 0)
    assert not proves(sp.Sum(1, (j, 1, n - 2)), "=", n - 2, n_min=1)


q = sp.IndexedBase("q", positive=True)
k = sp.Symbol("k", integer=True)
tiny = sp.exp(-500)


def test_a_sum_of_nonnegative_terms_is_at_least_one_of_them():
    """Σ_j h_j >= h_k, h_j = p_j log(p_j/q_j) − p_j + q_j >= 0 by log t >= 1 − 1/t (the only-if of
    Gibbs' inequality, blog2 §2.2): the peeled rest is nonnegative by a lemma at the index."""
    h = lambda m_: p[m_] * sp.log(p[m_] / q[m_]) - p[m_] + q[m_]  # noqa: E731
    S = sp.Sum(h(j), (j, 1, n))
    assert proves(S, ">=", h(k))
    assert not proves(S, ">=", h(k) + tiny)
    assert not proves(S, ">", h(k))                      # the other terms may all be 0 (p = q)
    assert not proves(sp.Sum(p[j] - q[j], (j, 1, n)), ">=", p[k] - q[k])  # terms of either sign
