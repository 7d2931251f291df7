"""Termwise strategy: sums merged by linearity and compared term by term (the kernel checks the
merge, the range and each term)."""
from __future__ import annotations

import sympy as sp

from proofs import Chain, Status, check
from proofs.context import Context
from proofs.strategies.termwise import merge, s_termwise
from strategy_checks import proves

n = sp.Symbol("n", integer=True, positive=True)
j, k = sp.symbols("j k", integer=True)
a = sp.IndexedBase("a", positive=True)
y = sp.IndexedBase("y", real=True)
p = sp.IndexedBase("p", positive=True)
q = sp.IndexedBase("q", positive=True)
tiny = sp.exp(-500)


def proved(lhs, rel, rhs, ctx) -> bool:
    """Some certificate of the strategy passes the kernel's check (the shared search, 10 CPU s)."""
    return proves(s_termwise, lhs, rel, rhs, ctx)


def test_merge_keeps_the_rest():
    s, rest = merge(sp.Sum(a[j], (j, 1, n)) - sp.Sum(y[j], (j, 1, n)) + 3)
    assert isinstance(s, sp.Sum) and rest == 3
    assert merge(sp.Sum(a[j], (j, 1, n)) - sp.Sum(y[j], (j, 0, n))) is None  # two ranges


def test_equality_of_sums_termwise():
    lhs = sp.Sum((1 - a[j]) * (-y[j] / a[j] + (1 - y[j]) / (1 - a[j])) * a[j], (j, 1, n)) / n
    ctx = Context(n=n)
    assert proved(lhs, "=", sp.Sum(a[j] - y[j], (j, 1, n)) / n, ctx)
    assert not proved(lhs, "=", sp.Sum(a[j] - y[j] + tiny, (j, 1, n)) / n, ctx)


def test_a_lone_term_folded_through_an_equation():
    z = sp.IndexedBase("z", real=True)
    S = sp.Sum(sp.exp(z[k]), (k, 1, n))
    lhs = -sp.Sum(sp.log(sp.exp(z[j]) / S) * y[j], (j, 1, n))
    ctx = Context(assuming=(sp.Eq(sp.Sum(y[j], (j, 1, n)), 1),), n=n)
    assert proved(lhs, "=", sp.log(S) - sp.Sum(y[j] * z[j], (j, 1, n)), ctx)
    assert not proved(lhs, "=", sp.log(S) - sp.Sum(y[j] * z[j], (j, 1, n)), Context(n=n))  # needs Σy = 1
    assert not proved(lhs, "=", (1 + tiny) * sp.log(S) - sp.Sum(y[j] * z[j], (j, 1, n)), ctx)


def test_inequality_termwise():
    """Σ (a_j² + 1) >= Σ 2 a_j: each term is (a_j - 1)² >= 0; not so with e^{-500} more."""
    ctx = Context(n=n)
    lhs = sp.Sum(a[j] ** 2 + 1, (j, 1, n))
    assert proved(lhs, ">=", sp.Sum(2 * a[j], (j, 1, n)), ctx)
    assert not proved(lhs, ">=", sp.Sum(2 * a[j] + tiny, (j, 1, n)), ctx)
    assert not proved(lhs, ">", sp.Sum(2 * a[j], (j, 1, n)), ctx)  # equality at a_j = 1


def test_range_is_checked():
    """Σ_{j=0}^{n} e^{-500} δ_{j,0} <= 0 is false (the j = 0 term): never proven termwise."""
    s = sp.Sum(tiny * sp.KroneckerDelta(j, 0), (j, 0, n))
    assert not proved(s, "<=", 0, Context(n=n))
    assert check(Chain(s, n=n).le(0), seconds=8).status != Status.PROVEN
    # a strict bound needs a non-empty range at every n >= n_min
    assert proved(sp.Sum(p[j], (j, 1, n - 1)), ">", 0, Context(n=n, n_min=2))
    assert not proved(sp.Sum(p[j], (j, 1, n - 1)), ">", 0, Context(n=n, n_min=1))


def test_through_check():
    ch = Chain(sp.Sum(a[j] * (1 + a[j]) - a[j] ** 2, (j, 1, n)), n=n).eq(sp.Sum(a[j], (j, 1, n)))
    assert check(ch, seconds=10).status == Status.PROVEN


# ---------------------------------------------------------------- the named index: lemmas, peeling, logs
u = sp.IndexedBase("u", positive=True)
k_user = sp.Symbol("_k", integer=True)  # a user's index named like the strategy's Dummy k


def test_gibbs_termwise_by_a_lemma_at_the_index():
    """Σ p log(q/p) <= Σ p (q/p − 1): log t <= t − 1 at t = q_j/p_j (blog2 §2.2, eq. (4))."""
    ctx = Context(n=n)
    lhs = sp.Sum(p[j] * sp.log(q[j] / p[j]), (j, 1, n))
    rhs = sp.Sum(p[j] * (q[j] / p[j] - 1), (j, 1, n))
    assert proved(lhs, "<=", rhs, ctx)
    assert not proved(lhs, "<=", sp.Sum(p[j] * (q[j] / p[j] - 1 - tiny), (j, 1, n)), ctx)
    assert not proved(lhs, "<", rhs, ctx)  # equality at p = q


def test_a_term_bounded_through_a_peeled_sum():
    """Σ_j p_j log p_j <= Σ_j p_j log(Σ_k p_k): p_j <= Σ_k p_k, log increasing (the entropy bound)."""
    ctx = Context(n=n)
    S = sp.Sum(p[k], (k, 1, n))
    lhs = -sp.Sum(p[j] * sp.log(p[j]), (j, 1, n))
    assert proved(lhs, ">=", -sp.Sum(p[j] * sp.log(S), (j, 1, n)), ctx)
    assert not proved(lhs, ">=", -sp.Sum(p[j] * sp.log(S * (1 - tiny)), (j, 1, n)), ctx)
    assert not proved(lhs, ">", -sp.Sum(p[j] * sp.log(S), (j, 1, n)), Context(n=n, n_min=1))  # n = 1


def test_log_of_sums_by_exp_of_both_sides():
    """LSE(z) <= max z + log n: log(1 + Σ_{j<n} e^{−u_j}) <= log(1 + Σ_{j<n} 1) (DL §6.2.2.3)."""
    ctx = Context(n=n)
    lhs = sp.log(1 + sp.Sum(sp.exp(-u[j]), (j, 1, n - 1)))
    assert proved(lhs, "<=", sp.log(1 + sp.Sum(1, (j, 1, n - 1))), ctx)
    assert not proved(lhs, "<=", sp.log(1 + sp.Sum(1 - tiny, (j, 1, n - 1))), ctx)
    assert proved(lhs, "<", sp.log(1 + sp.Sum(1, (j, 1, n - 1))), ctx)  # u_j > 0: e^{-u_j} < 1
    w = sp.IndexedBase("w", nonnegative=True)                             # w_j = 0 allowed: equal
    lw = sp.log(1 + sp.Sum(sp.exp(-w[j]), (j, 1, n - 1)))
    assert proved(lw, "<=", sp.log(1 + sp.Sum(1, (j, 1, n - 1))), ctx)
    assert not proved(lw, "<", sp.log(1 + sp.Sum(1, (j, 1, n - 1))), ctx)
    # n = 1: both sums are empty, log 1 = log 1; the strict bound has no term to rest on
    assert not proved(lhs, "<", sp.log(1 + sp.Sum(1, (j, 1, n - 1))), Context(n=n, n_min=1))


def test_a_users_index_named_like_the_strategys():
    """The user's _k is not the strategy's Dummy k: Σ_j (p_j − p_{_k}) >= 0 is false."""
    ctx = Context(n=n)
    assert not proved(sp.Sum(p[j] - p[k_user], (j, 1, n)), ">=", 0, ctx)
    assert proved(sp.Sum(p[j] * sp.log(q[j] / p[j]) + p[k_user], (j, 1, n)), "<=",
                  sp.Sum(p[j] * (q[j] / p[j] - 1) + p[k_user], (j, 1, n)), ctx)


def test_ties_termwise_by_exp_lemma():
    """u e^{−u/T} <= T/e termwise (e^x >= e·x), the soft max's tie bound (DL §6.2.2.3)."""
    T = sp.Symbol("T", positive=True)
    ctx = Context(n=n)
    lhs = sp.Sum(u[j] * sp.exp(-u[j] / T), (j, 1, n - 1))
    assert proved(lhs, "<=", sp.Sum(T / sp.E, (j, 1, n - 1)), ctx)
    assert not proved(lhs, "<=", sp.Sum(T / sp.E * (1 - tiny), (j, 1, n - 1)), ctx)
