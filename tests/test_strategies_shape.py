"""The goal shapes the strategies admit, the registry's guards, and the memoized SymPy work."""
from __future__ import annotations

import sympy as sp

from proofs import Chain, Status, check
from proofs.context import Context
from proofs.strategies import REGISTRY, all_strategies, guarded
from proofs.normal_forms import evaluate  # memoized there
from proofs.strategies.memo import simplified
from proofs.strategies.shape import shape_of
from proofs.normal_forms import Ranges

n = sp.Symbol("n", integer=True, positive=True)
j, m = sp.symbols("j m", integer=True)
u = sp.IndexedBase("u", positive=True)
x = sp.Symbol("x", real=True)
S = sp.Sum(u[j], (j, 1, n))
T = sp.Sum(sp.exp(-u[m]), (m, 1, n))
GEN = Context((), {}, n, 1)


def test_shape_features():
    s = shape_of(S / (T + 1), "<=", S, GEN)
    assert s.sums and s.sum_below and s.inequality and s.general_n and not s.limit
    s = shape_of(S, "=", sp.Sum(u[m], (m, 1, n)), GEN)
    assert s.sums and not s.sum_below and not s.inequality and not s.functions
    # a log of a product is evaluated to a sum of logs: a product counts as a sum
    assert shape_of(sp.log(sp.Product(u[j], (j, 1, n))), "=", S, GEN).sums
    assert shape_of(sp.Limit(sp.exp(-x), x, sp.oo), "=", 0, Context()).limit
    assert shape_of(sp.ceiling(x), ">=", x, Context()).rounding
    assert not shape_of(x ** 2 + 1, ">", 0, Context()).functions
    assert shape_of(x ** x, ">", 0, Context()).functions  # a symbolic exponent: a log once differentiated
    # a derivative may bring out Heaviside or sign (d/dx max(x, 0)): the sign strategies stay admitted
    assert shape_of(sp.Derivative(x ** 3, x), ">=", 0, Context()).signs
    assert shape_of(2 * sp.exp(x) * x, ">", 0, Context()).scalable  # x > 0 after dividing by 2 e^x
    assert not shape_of(sp.exp(x) + 1, ">", 0, Context()).scalable


def test_a_guard_keeps_the_strategy_from_running():
    calls = []

    def spy(lhs, rel, rhs, ctx):
        calls.append(rel)
        return iter(())

    only_sums = guarded(spy, lambda s: s.sums)
    assert only_sums(x, "=", x, Context()) is None and calls == []
    assert list(only_sums(S, "=", S, GEN)) == [] and calls == ["="]


def test_every_shape_runs_simplify_once():
    """'simplify' is listed twice, early for goals without sums and late for goals with sums."""
    guards = [admits for name, _, admits in REGISTRY if name == "simplify"]
    assert len(guards) == 2
    for lhs, rhs, ctx in ((x, x + 1, Context()), (S, T, GEN), (sp.Limit(x, x, 0), 0, Context())):
        shape = shape_of(lhs, "=", rhs, ctx)
        assert sum(g(shape) for g in guards) == (0 if shape.limit else 1)
    assert len({name for name, _ in all_strategies()}) == len(REGISTRY) - 1


def test_memoized_work_is_shared_and_equal_to_the_kernels():
    r = Ranges(n=n)
    e = sp.Derivative(sp.log(sp.exp(x) + 1), x)
    assert evaluate(e, r) is evaluate(e, r)
    assert sp.simplify(evaluate(e, r) - sp.exp(x) / (sp.exp(x) + 1)) == 0
    assert simplified(sp.sin(x) ** 2 + sp.cos(x) ** 2) == 1


def test_wrong_steps_of_the_reordered_shapes_are_refuted():
    """The guards and the order only choose what to try: a false step stays false, also scaled by
    e^{-500} or 10^300, at n = 1, with a user's symbol named like the strategies' fresh ones."""
    S_user = sp.Symbol("S", positive=True)  # the sums strategy names its fresh symbols S
    assert check(Chain(S / (T + 1), n=n).le(S)).status == Status.PROVEN
    assert check(Chain(S / (T + 1), n=n).ge(S)).status == Status.REFUTED
    assert check(Chain(sp.exp(-500) * S / (T + 1), n=n).ge(sp.exp(-500) * S)).status == Status.REFUTED
    assert check(Chain(10 ** 300 * S, n=n).eq(10 ** 300 * sp.Sum(u[m] + 1, (m, 1, n)))).status == Status.REFUTED
    assert check(Chain(S_user * S / (T + 1), n=n).ge(S_user * S)).status == Status.REFUTED
    assert check(Chain(sp.Sum(u[j] ** 2, (j, 1, n)), n=n).eq(S ** 2)).status == Status.REFUTED  # false at n = 2
