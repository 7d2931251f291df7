"""Concrete n: sizes cover n_min (also 1), every relation refuted exactly, every n to 1000 for goals in n."""
import sympy as sp

from proofs import Chain, Status, check
from proofs.context import Context
from proofs.evidence import concrete_n, search

n = sp.Symbol("n", integer=True, positive=True)
j = sp.Symbol("j", integer=True, positive=True)
z = sp.IndexedBase("z", real=True)


def _verdict(ch, seconds=5):
    return check(ch, seconds=seconds, strategies=[])


def test_exact_sizes_cover_n_min():
    assert concrete_n.exact_sizes(1)[0] == 1 and concrete_n.exact_sizes(2)[0] == 2
    assert concrete_n.exact_sizes(20) == [20, 21, 22]
    assert 8 in concrete_n.exact_sizes(1)
    assert concrete_n.exact_sizes(2, cross_check=True) == [2, 3, 4]  # a proof's cross-check


def test_every_relation_is_refuted_at_the_one_bad_size():
    assert _verdict(Chain((n - 4) ** 2, n=n).gt(0)).counterexample.point == {"n": 4}
    assert _verdict(Chain((n - 37) ** 2, n=n).gt(0)).counterexample.point == {"n": 37}
    assert _verdict(Chain((n - 999) ** 2, n=n).gt(0)).counterexample.point == {"n": 999}
    assert _verdict(Chain(-(n - 5) ** 2, n=n).lt(0)).status == Status.REFUTED
    assert _verdict(Chain((n - 6) ** 2, n=n).ge(1)).counterexample.point == {"n": 6}
    assert _verdict(Chain(n ** 2 - 10 * n + 24, n=n).ge(-1)).status == Status.NUMERIC  # tie at n = 5
    assert _verdict(Chain(n ** 2 - 10 * n + 24, n=n).gt(-1)).counterexample.point == {"n": 5}
    v = _verdict(Chain((n - 4) ** 2, n=n).gt(0))
    assert "tie" in v.counterexample.note and v.counterexample.lhs_value == "0"


def test_n_min_1_is_checked_and_empty_ranges_are_zero():
    # Σ_{j=1}^{n-2} 1 = n - 2 is false at n = 1 (the range is empty: 0, not SymPy's -1)
    ev, cand = search.numeric_evidence(sp.Sum(1, (j, 1, n - 2)), "=", n - 2, Context(n=n, n_min=1), 5.0)
    assert cand is not None and cand.point == {"n": 1} and cand.lhs_value == "0"
    ev, cand = search.numeric_evidence(sp.Sum(1, (j, 1, n - 2)), "=", n - 2, Context(n=n, n_min=2), 5.0)
    assert cand is None and ev["every_n"] == "2..1000"
    assert _verdict(Chain(n * (n - 1), n=n, n_min=1).gt(0)).counterexample.point == {"n": 1}
    assert _verdict(Chain(n * (n - 1), n=n, n_min=2).gt(0)).status == Status.NUMERIC


def test_goals_with_vectors_are_sampled_at_every_small_size():
    # false only at n = 7: Σ_j z_j^2 (n - 7)^2 >= ... caught by sampling n = 7 exactly
    ch = Chain(sp.Sum(sp.exp(z[j]), (j, 1, n)) * (n - 7) ** 2, n=n).gt(0)
    v = _verdict(ch, seconds=10)
    assert v.status == Status.REFUTED and v.counterexample.point["n"] == 7
    ch = Chain(sp.Sum(sp.exp(z[j]), (j, 1, n)) * (n - 11) ** 2, n=n, n_min=3).gt(0)
    assert _verdict(ch, seconds=10).counterexample.point["n"] == 11


def test_a_large_sum_is_checked_at_n_1():
    ch = Chain(sp.Sum(z[j] ** 2, (j, 1, n - 1)), n=n, n_min=1).gt(0)  # empty at n = 1
    v = _verdict(ch)
    assert v.status == Status.REFUTED and v.counterexample.point["n"] == 1
