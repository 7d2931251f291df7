"""Termwise strategy: sums merged by linearity and compared term by term (the kernel checks the
merge, the range and each term)."""
from __future__ import annotations

import sympy as sp

from proofs import Chain, Status, check
from proofs.budget import BudgetExceeded, budget
from proofs.context import Context
from proofs.kernel import Rejected, check_certificate
from proofs.strategies.termwise import merge, s_termwise

n = sp.Symbol("n", integer=True, positive=True)
j, k = sp.symbols("j k", integer=True)
a = sp.IndexedBase("a", positive=True)
y = sp.IndexedBase("y", real=True)
p = sp.IndexedBase("p", positive=True)
q = sp.IndexedBase("q", positive=True)
tiny = sp.exp(-500)


def proved(lhs, rel, rhs, ctx) -> bool:
    """Some certificate of the strategy passes the kernel's check (within 30 s: a false goal makes
    the search try every candidate)."""
    try:
        with budget(30):
            for c in s_termwise(lhs, rel, rhs, ctx):
                try:
                    check_certificate(lhs, rel, rhs, ctx, c)
                    return True
                except Rejected:
                    continue
    except BudgetExceeded:
        pass
    return False


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
