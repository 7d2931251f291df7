"""Sampling honours every hypothesis: assumptions, declared domains, inequalities, equations."""
import sympy as sp

from proofs import Chain, Real, Simplex, Status, check
from proofs.context import Context
from proofs.evidence import sampling
from proofs.evidence.hypotheses import Hypotheses, exact_instance

n = sp.Symbol("n", integer=True, positive=True)
j = sp.Symbol("j", integer=True, positive=True)
x = sp.Symbol("x", real=True)
y = sp.IndexedBase("y", real=True)


def sigma(t):
    return 1 / (1 + sp.exp(-t))


def _points(exprs, ctx, count=12, n_=None):
    syms, idx, bases, _ = sampling.parts(exprs, ctx)
    hyp = Hypotheses.build(ctx, syms, bases)
    return list(sampling.sample_points(exprs, ctx, count, n=n_, hyp=hyp)), hyp


def test_symbol_assumptions_bound_every_draw():
    for kw, ok in [({"nonnegative": True}, lambda v: v >= 0), ({"positive": True}, lambda v: v > 0),
                   ({"negative": True}, lambda v: v < 0), ({"nonpositive": True}, lambda v: v <= 0)]:
        s = sp.Symbol("s", real=True, **kw)
        pts, _ = _points([sp.log(1 + sp.exp(s))], Context())
        assert len(pts) == 12 and all(ok(p.scalars[s]) for p in pts), kw


def test_softplus_bound_with_x_nonnegative_is_not_refuted():
    # softplus(x) <= x + log 2 holds for x >= 0 only; it was refuted at x = -10
    xn = sp.Symbol("x", nonnegative=True)
    v = check(Chain(sp.log(1 + sp.exp(xn))).le(xn + sp.log(2)), seconds=5, strategies=[])
    assert v.status == Status.NUMERIC, v.as_dict()
    # the same bound without the hypothesis is false (x = -10: softplus > x + log 2)
    assert check(Chain(sp.log(1 + sp.exp(x))).le(x + sp.log(2)), seconds=5,
                 strategies=[]).status == Status.REFUTED


def test_indexedbase_assumptions_bound_every_entry():
    v = sp.IndexedBase("v", positive=True)
    ctx = Context(n=n)
    pts, _ = _points([sp.Sum(sigma(v[j]), (j, 1, n))], ctx, 8, n_=5)
    assert pts and all(e > 0 for p in pts for e in p.vectors[v][1:])
    ch = Chain(sp.Sum(sigma(v[j]), (j, 1, n)), n=n).ge(n / 2)
    assert check(ch, seconds=2, strategies=[]).status == Status.NUMERIC
    w = sp.IndexedBase("w", real=True)  # the same statement for real entries is false
    assert check(Chain(sp.Sum(sigma(w[j]), (j, 1, n)), n=n).ge(n / 2), seconds=5,
                 strategies=[]).status == Status.REFUTED


def test_equation_is_solved_for_one_symbol():
    p, q = sp.symbols("p q", positive=True)
    ctx = Context(assuming=(sp.Eq(p + q, 1),))
    pts, hyp = _points([p * sp.log(p) + q * sp.log(q)], ctx)
    assert len(pts) == 12 and all(pt.scalars[p] + pt.scalars[q] == 1 for pt in pts)
    assert all(pt.scalars[p] > 0 and pt.scalars[q] > 0 for pt in pts)
    assert any("solving for q" in s for s in hyp.notes)
    ch = Chain(p * sp.log(p) + q * sp.log(q), assuming=[sp.Eq(p + q, 1)]).le(0)
    v = check(ch, seconds=5, strategies=[])
    assert v.status == Status.NUMERIC and "solving for q" in " ".join(v.steps[0].evidence["hypotheses"])
    # a variant that is false under the same hypothesis is still refuted
    assert check(Chain(p * sp.log(p) + q * sp.log(q), assuming=[sp.Eq(p + q, 1)]).le(-1), seconds=5,
                 strategies=[]).status == Status.REFUTED


def test_sum_equal_to_one_is_enforced_at_every_size():
    eq = sp.Eq(sp.Sum(y[j], (j, 1, n)), 1)
    ctx = Context(assuming=(eq,), n=n)
    for size in (1, 2, 7, 100):
        pts, hyp = _points([sp.Sum(2 * y[j], (j, 1, n))], ctx, 6, n_=size)
        assert len(pts) == 6 and all(sum(pt.vectors[y][1:]) == 1 for pt in pts), size
    assert any("enforced by" in s for s in hyp.notes)
    # positive entries: rescaling keeps them positive
    yp = sp.IndexedBase("yp", positive=True)
    ctx = Context(assuming=(sp.Eq(sp.Sum(yp[j], (j, 1, n)), 1),), n=n)
    pts, hyp = _points([sp.Sum(yp[j], (j, 1, n))], ctx, 6, n_=5)
    assert all(sum(pt.vectors[yp][1:]) == 1 and min(pt.vectors[yp][1:]) > 0 for pt in pts)
    assert any("rescaling yp" in s for s in hyp.notes)


def test_a_true_step_under_sum_y_is_1_is_not_contradicted():
    # this raised KernelBug: the sampler drew y that do not sum to 1
    ch = Chain(sp.Sum(2 * y[j], (j, 1, n)), n=n, assuming=[sp.Eq(sp.Sum(y[j], (j, 1, n)), 1)]).eq(2)
    assert check(ch, seconds=10).status in (Status.PROVEN, Status.NUMERIC)
    assert check(ch, seconds=2, strategies=[]).status == Status.NUMERIC
    wrong = Chain(sp.Sum(2 * y[j], (j, 1, n)), n=n, assuming=[sp.Eq(sp.Sum(y[j], (j, 1, n)), 1)]).eq(3)
    assert check(wrong, seconds=5, strategies=[]).status == Status.REFUTED


def test_inequalities_steer_the_draws():
    a, b = sp.symbols("a b", real=True)
    ctx = Context(assuming=(a > b + 200,))
    pts, _ = _points([a, b], ctx)
    assert len(pts) == 12 and all(pt.scalars[a] > pt.scalars[b] + 200 for pt in pts)


def test_declared_domain_bounds_every_draw():
    ctx = Context(domain={x: Real(2, 3), y: Real(0, 1)}, n=n)
    pts, _ = _points([x * sp.Sum(y[j], (j, 1, n))], ctx, 10, n_=4)
    assert all(2 <= pt.scalars[x] <= 3 for pt in pts)
    assert all(0 <= e <= 1 for pt in pts for e in pt.vectors[y][1:])


def test_a_point_outside_the_hypotheses_is_never_a_counterexample():
    # |x| = x holds exactly when x >= 0: true under the hypothesis, whatever the draws
    ch = Chain(sp.Abs(x), assuming=[x >= 0]).eq(x)
    assert check(ch, seconds=2, strategies=[]).status == Status.NUMERIC
    ch = Chain(sp.Abs(x), assuming=[x >= 0]).eq(-x)
    assert check(ch, seconds=5, strategies=[]).status == Status.REFUTED
    # a simplex stays a simplex
    ctx = Context(domain={y: Simplex()}, n=n)
    pts, _ = _points([y[1]], ctx, 6, n_=3)
    assert all(sum(pt.vectors[y][1:]) == 1 for pt in pts)


def test_exact_instance_uses_empty_ranges():
    pt = sampling.Point(scalars={n: sp.Integer(1)}, n=1)
    assert exact_instance(sp.Sum(1, (j, 1, n - 2)), pt) == 0
    assert exact_instance(sp.Product(2, (j, 1, n - 2)), pt) == 1


def test_a_hypothesis_sympy_cannot_instantiate_is_decided_numerically():
    f = sp.exp(x) - 2 * x
    ch = Chain(sp.exp(x), assuming=[sp.Derivative(f, x) > 0]).gt(3)  # x > log 2, false below log 3
    v = check(ch, seconds=5, strategies=[])
    assert v.status == Status.REFUTED and sp.sympify(v.counterexample.point["x"]) > sp.log(2)
    ch = Chain(sp.exp(x), assuming=[sp.Derivative(f, x) > 0]).gt(2)
    assert check(ch, seconds=2, strategies=[]).status == Status.NUMERIC


def test_integer_entries_are_integers():
    c = sp.IndexedBase("c", integer=True, nonnegative=True)
    pts, _ = _points([sp.Sum(c[j], (j, 1, n))], Context(n=n), 6, n_=4)
    assert len(pts) == 6 and all(e.is_Integer and e >= 0 for pt in pts for e in pt.vectors[c][1:])
    ch = Chain(sp.Sum((-1) ** c[j], (j, 1, n)), n=n).le(n)
    assert check(ch, seconds=2, strategies=[]).status == Status.NUMERIC
    assert check(Chain(sp.Sum((-1) ** c[j], (j, 1, n)), n=n).eq(n), seconds=5,
                 strategies=[]).status == Status.REFUTED


def test_constant_bounds_on_one_symbol_spread_its_draws_over_the_interval():
    """0 < p < 1 as hypotheses: the draws cover the middle of the interval as well as its ends
    (repaired one bound at a time they stayed within 1/10 of an end), so the quick probe refutes
    a goal false only in the middle: KL(p ‖ q) ≥ 3 (p − q)², scaled by e^{-500}."""
    from proofs.evidence import search
    p, q = sp.symbols("p q", real=True)
    ctx = Context(assuming=(sp.Gt(p, 0), sp.Lt(p, 1), sp.Gt(q, 0), sp.Lt(q, 1)))
    pts, hyp = _points([p + q], ctx)
    assert all(0 < pt.scalars[s] < 1 for pt in pts for s in (p, q))
    assert any(sp.Rational(1, 5) < pt.scalars[p] < sp.Rational(4, 5) for pt in pts)
    assert any(pt.scalars[p] < sp.Rational(1, 100) for pt in pts)  # just inside an open end
    kl = p * sp.log(p / q) + (1 - p) * sp.log((1 - p) / (1 - q))
    tiny = sp.exp(-500)
    ev, cand = search.numeric_evidence(tiny * kl, ">=", tiny * 3 * (p - q) ** 2, ctx, 2.0, light=True)
    assert cand is not None
    ev, cand = search.numeric_evidence(tiny * kl, ">=", tiny * 2 * (p - q) ** 2, ctx, 2.0, light=True)
    assert cand is None  # Pinsker's bound holds
