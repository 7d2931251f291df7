"""Equations strategy: an equation of the context used inside a function (polynomial division in
its lhs, then exp of both sides for a log it fixes); the kernel checks the multipliers."""
from __future__ import annotations

import sympy as sp

from proofs import Chain, Status, check
from proofs.context import Context
from proofs.strategies.equations import reduce_by, s_equations

from strategy_checks import proves

n = sp.Symbol("n", integer=True, positive=True)
j, k = sp.symbols("j k", integer=True)
p = sp.IndexedBase("p", positive=True)
tiny = sp.exp(-500)
S = sp.Sum(p[k], (k, 1, n))
ONE = sp.Eq(sp.Sum(p[j], (j, 1, n)), 1)


def proved(lhs, rel, rhs, ctx) -> bool:
    return proves(s_equations, lhs, rel, rhs, ctx)


def test_log_of_a_sum_that_is_one():
    """−Σ_j p_j log(Σ_k p_k) = 0 when Σ p = 1 (blog2 §2.1, the entropy's lower bound)."""
    ctx = Context(assuming=(ONE,), n=n)
    lhs = -sp.Sum(p[j] * sp.log(S), (j, 1, n))
    assert proved(lhs, "=", 0, ctx)
    assert not proved(lhs, "=", tiny, ctx)
    assert not proved(lhs, "=", 0, Context(n=n))              # needs Σ p = 1
    assert not proved(-sp.Sum(p[j] * sp.log(2 * S), (j, 1, n)), "=", 0, ctx)  # log 2 ≠ 0


def test_the_multiplier_is_a_polynomial():
    from proofs.kernel import goal_of
    from proofs.normal_forms import evaluate
    g = goal_of(S ** 2 * sp.log(S), "=", 0, Context(assuming=(ONE,), n=n))
    form, m = reduce_by(g, evaluate(g.expr, g.ranges), ONE)
    assert isinstance(form, sp.log)                          # S² log S = log S + m (S − 1)
    assert sp.fraction(sp.together(m))[1] == 1               # no division by Σ p − 1


def test_through_check():
    ch = Chain(-sp.Sum(p[j] * sp.log(S), (j, 1, n)), assuming=[ONE], n=n).eq(0)
    assert check(ch, seconds=20).status == Status.PROVEN
    bad = Chain(-sp.Sum(p[j] * sp.log(S), (j, 1, n)), assuming=[ONE], n=n).eq(tiny)
    assert check(bad, seconds=20).status != Status.PROVEN
