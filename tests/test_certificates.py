"""The kernel's certificate checker: each kind proves a true goal, and a forged certificate of each
kind for a false goal is rejected (a strategy can fail, but cannot make a false "proven")."""
from __future__ import annotations

import pytest
import sympy as sp

from proofs import Chain, Status, check
from proofs import certificates as C
from proofs.context import Context
from proofs.kernel import Rejected, check_certificate

x, a, b = sp.symbols("x a b", real=True)
t = sp.Symbol("t", positive=True)
E0 = sp.Symbol("E0", positive=True)  # a user's symbol named like a strategy's fresh one
n = sp.Symbol("n", integer=True, positive=True)
i, j, k = sp.symbols("i j k", integer=True)
z = sp.IndexedBase("z", real=True)
p = sp.IndexedBase("p", positive=True)
tiny = sp.exp(-500)
sig = 1 / (1 + sp.exp(-x))
E = sp.Dummy("E", positive=True)
D = sp.Dummy("D", positive=True)
LSE = sp.log(sp.exp(a) + sp.exp(b))


def accepts(lhs, rel, rhs, cert, ctx=Context()):
    check_certificate(lhs, rel, rhs, ctx, cert)
    return True


def rejects(lhs, rel, rhs, cert, ctx=Context()):
    with pytest.raises(Rejected):
        check_certificate(lhs, rel, rhs, ctx, cert)
    return True


def gen(n_min=2, **kw):
    return Context(n=n, n_min=n_min, **kw)


# ---------------------------------------------------------------- Leaf and the normal forms
def test_leaf():
    assert accepts(sp.Derivative(sig, x), "=", sig * (1 - sig), C.Leaf())
    assert rejects(tiny * sp.exp(x), "=", tiny * E0, C.Leaf())
    assert rejects(sp.Derivative(sig, x), "=", sig * (1 + sig) * tiny + sig * (1 - sig), C.Leaf())


def test_empty_range_is_zero():
    """Σ_{j=1}^{n-2} 1 = n - 2 holds for n >= 2 only: at n = 1 the range is empty (0, not -1)."""
    s = sp.Sum(1, (j, 1, n - 2))
    assert rejects(s, "=", n - 2, C.Leaf(), gen(n_min=1))
    assert accepts(s, "=", n - 2, C.Leaf(), gen(n_min=2))


# ---------------------------------------------------------------- Rewrite, Oracle
def test_rewrite_and_hypotheses():
    y = sp.IndexedBase("y", real=True)
    rule = sp.Eq(sp.Sum(y[j], (j, 1, n)), 1)
    ctx = gen(assuming=(rule,))
    lhs = sp.Sum(y[j], (j, 1, n)) * x
    assert accepts(lhs, "=", x, C.Rewrite(0, C.Leaf(), ((rule, x),)), ctx)
    assert rejects(lhs, "=", 2 * x, C.Rewrite(2 * x, C.Leaf(), ((rule, x),)), ctx)  # wrong form
    other = sp.Eq(sp.Sum(y[j], (j, 1, n)), 2)  # not a hypothesis of the goal
    assert rejects(lhs, "=", 2 * x, C.Rewrite(2 * x, C.Leaf(), ((other, x),)), ctx)
    # an inequality hypothesis only with a nonnegative multiplier
    ctx2 = Context(assuming=(sp.Gt(a, b),))
    assert accepts(a, ">", b, C.Leaf(), ctx2)  # the goal is a hypothesis
    assert accepts(a + x**2, ">=", b, C.Rewrite(x**2, C.Leaf(), ((sp.Gt(a, b), 1),)), ctx2)
    assert rejects(b, ">", a, C.Rewrite(0, C.Leaf(), ((sp.Gt(a, b), -1),)), ctx2)


def test_oracle_is_run_by_the_kernel():
    th = sp.tanh(x / 2) / 2
    assert accepts(sig - sp.Rational(1, 2), "=", th, C.Oracle("simplify", 0))
    assert rejects(sig, "=", th, C.Oracle("simplify", 0))          # false: simplify says no
    assert rejects(sig, "=", th, C.Oracle("trust_me", 0))          # unknown operation


# ---------------------------------------------------------------- Instance
def test_instance_fresh_symbols():
    true = C.instance(E / (1 + E) - 1 + 1 / (1 + E), {E: sp.exp(x)})
    assert accepts(sp.exp(x) / (1 + sp.exp(x)), "=", 1 - 1 / (1 + sp.exp(x)), true)
    # the user's E0 is not the strategy's fresh symbol: substituting exp(x) for "E0" is no proof
    assert rejects(tiny * sp.exp(x), "=", tiny * E0, C.instance(tiny * E - tiny * E, {E: sp.exp(x)}))
    assert rejects(tiny * sp.exp(x), "=", tiny * E0, C.Instance(0, ((E0, sp.exp(x)),)))
    # a positive fresh symbol for a value that is not known positive: the side condition fails
    assert rejects(x, ">", 0, C.instance(E, {E: x}))
    # assumptions the kernel cannot emit conditions for (negative) are refused
    N = sp.Dummy("N", negative=True)
    assert rejects(-x * x - 1, "<", 0, C.instance(N, {N: -x * x - 1}))


# ---------------------------------------------------------------- Cases and Reparam
def _lse_gt_max():
    from proofs.strategies.cases import s_cases
    return next(iter(s_cases(LSE, ">", sp.Max(a, b), Context())))


def test_cases_and_reparam():
    assert accepts(LSE, ">", sp.Max(a, b), _lse_gt_max())
    assert rejects(LSE, "<", sp.Max(a, b), _lse_gt_max())
    # a case split never substitutes inside a partial derivative with respect to a
    d = sp.Derivative(tiny * sp.Max(a, b), a)
    assert rejects(d, "=", tiny, _lse_gt_max())
    # the fresh symbol must be a new positive Dummy for a strict bound
    bad = C.Cases(a, b, C.Reparam(b, sp.Dummy("D"), C.Leaf(), sp.Gt(a, b)),
                  C.Leaf(), C.Leaf())
    assert rejects(LSE, ">", sp.Max(a, b), bad)
    assert rejects(sp.I * a, ">", 0, C.Cases(sp.I * a, b, C.Leaf(), C.Leaf(), C.Leaf()))


def test_reparam_refuses_ranged_index():
    ctx = gen(assuming=(sp.Gt(i, 1),))
    assert rejects(z[i], "=", z[i] + tiny, C.Reparam(i, sp.Dummy("D", integer=True, nonnegative=True)), ctx)


# ---------------------------------------------------------------- Termwise
def test_termwise_respects_the_range():
    s = sp.Sum(tiny * sp.KroneckerDelta(j, 0), (j, 0, n))
    assert rejects(s, "<=", 0, C.Termwise(C.Leaf()), gen())            # the j = 0 term is e^-500
    assert accepts(sp.Sum(p[j], (j, 1, n)), ">", 0, C.Termwise(C.Leaf()), gen())
    # a strict bound needs a non-empty range for every n >= n_min
    assert rejects(sp.Sum(p[j], (j, 1, n - 2)), ">", 0, C.Termwise(C.Leaf()), gen(n_min=2))
    assert accepts(sp.Sum(p[j], (j, 1, n - 2)), ">", 0, C.Termwise(C.Leaf()), gen(n_min=3))


def test_termwise_index_named_by_the_strategy_must_be_fresh():
    # Σ_j p_j (log(p_j/q_j) - 1 + q_j/p_j) >= 0: the term's certificate names the index K
    q = sp.IndexedBase("q", positive=True)
    K = sp.Dummy("K", integer=True)
    s = sp.Sum(p[j] * (sp.log(p[j]) - sp.log(q[j]) - 1) + q[j], (j, 1, n))
    term = C.Scale(1 / p[K], C.Lemma("log_ge_1_sub_inv", (p[K] / q[K],)))
    assert accepts(s, ">=", 0, C.Termwise(term, K), gen())
    assert rejects(s, ">=", 0, C.Termwise(term), gen())                   # the kernel's own index: p[K] is another entry
    assert rejects(s, ">=", 0, C.Termwise(C.Scale(1 / p[i], C.Lemma("log_ge_1_sub_inv", (p[i] / q[i],))), i),
                   gen(assuming=[sp.Ge(i, 1)]))                            # not a Dummy (a user's i)
    assert rejects(s, ">=", 0, C.Termwise(term, K), gen(assuming=[sp.Gt(z[K], 0)]))  # not fresh: K in a hypothesis
    assert rejects(s, ">=", 0, C.Termwise(term, sp.Dummy("K", integer=True, positive=True)), gen())
    # a wrong term with the named index stays rejected (log t <= t - 1 is not log t >= t - 1)
    bad = sp.Sum(p[j] * (sp.log(p[j]) - sp.log(q[j])) - q[j] + p[j], (j, 1, n))
    assert rejects(bad, ">=", 0, C.Termwise(term, K), gen())


# ---------------------------------------------------------------- Monotone, Scale, Split, Lemma
def test_monotone():
    m = sp.Max(a, b)
    ok = C.Monotone("exp", LSE, a, C.Leaf())
    assert accepts(LSE, ">", a, ok)
    assert rejects(LSE, ">", b + 1, ok)                                   # not the goal's sides
    assert rejects(x, ">", x - 1, C.Monotone("log", x, x - 1, C.Leaf()))  # log needs x > 0
    assert rejects(LSE, ">", m, C.Monotone("sqrt", LSE, m))


def test_scale_and_split():
    assert accepts(t * (x - 1) ** 2, ">=", 0, C.Scale(1 / t, C.Leaf()))
    assert rejects(-(x ** 2) - 1, ">", 0, C.Scale(-1, C.Leaf()))           # c must be > 0
    assert accepts(x ** 2 + t, ">", 0, C.Split((t, x ** 2), (C.Leaf(), C.Leaf())))
    assert rejects(x ** 2 - t, ">", 0, C.Split((t, x ** 2), (C.Leaf(), C.Leaf())))


def test_lemma():
    assert accepts(t - 1, ">=", sp.log(t), C.Lemma("log_le_sub1", (t,), C.Leaf()))
    assert rejects(x - 1, ">=", sp.log(x), C.Lemma("log_le_sub1", (x,), C.Leaf()))   # x may be <= 0
    assert rejects(t - 1, ">", sp.log(t), C.Lemma("log_le_sub1", (t,), C.Leaf()))   # equality at 1
    assert rejects(t - 1, ">=", sp.log(t), C.Lemma("anything_goes", (t,), C.Leaf()))


# ---------------------------------------------------------------- Limit (named), Peel
def test_limit_is_named_and_checked():
    lam = sp.Symbol("lambda", positive=True)
    L = sp.Limit(sig.subs(x, lam), lam, sp.oo)
    assert check_certificate(L, "=", 1, Context(), C.Limit(L, 1)) == ("sympy.limit",)
    assert rejects(L, "=", 1 - sp.Rational(1, 10**7), C.Limit(L, 1 - sp.Rational(1, 10**7)))
    assert rejects(L, "=", 0, C.Limit(L, 0, C.Leaf(), sig.subs(x, -lam)))  # form not identical


def test_peel():
    S = sp.Sum(sp.exp(z[j]), (j, 1, n))
    R = sp.Dummy("R", positive=True)
    from proofs.normal_forms import Ranges, evaluate
    canon = evaluate(S, Ranges())  # the sum as the kernel's normal form writes it
    ok = C.Peel(canon, (i,), R)
    assert accepts(sp.exp(z[i]) / S, "<", 1, ok, gen())
    assert rejects(sp.exp(z[i]) / S, "<", 1, ok, gen(n_min=1))   # n = 1: nothing else in the sum
    assert rejects(sp.exp(z[i]) / S, "<", 1, C.Peel(ok.sum, (k, i), R), gen())  # k, i may coincide


# ---------------------------------------------------------------- a lying strategy
def test_a_lying_strategy_cannot_make_proven():
    def liar(lhs, rel, rhs, ctx):
        yield C.Leaf()
        yield C.Oracle("simplify", 0)
        yield C.instance(0, {E: sp.exp(x)})
        yield "proven, trust me"
    v = check(Chain(tiny * sp.exp(x)).eq(tiny * E0), seconds=5, strategies=[("liar", liar)])
    assert v.status != Status.PROVEN


# ---------------------------------------------------------------- found by an adversarial review
# Each was accepted once; each names the mechanism that now rejects it.
def test_multiplier_that_divides_by_the_hypothesis():
    """x² > 0 "proven" by turning x = 0 into 1 = 0 with the multiplier −1/x."""
    Dp = sp.Dummy("D", positive=True)
    cert = C.Cases(x, 0, C.Reparam(x, Dp), C.Reparam(x, Dp),
                   C.Rewrite(x ** 2 + 1, C.Leaf(), ((sp.Eq(x, 0), -1 / x),)))
    assert rejects(x ** 2, ">", 0, cert)
    assert rejects(0, ">", 1, C.Rewrite(1, C.Leaf(), ((sp.Eq(x, 0), -2 / x),)),
                   Context(assuming=(sp.Eq(x, 0),)))


def test_integer_points_bounds_and_deltas():
    q = sp.Symbol("q", positive=True)  # real, not an integer
    R = sp.Dummy("R", nonnegative=True)
    s = sp.Sum(sp.exp(-10 * (2 * j - 1) ** 2), (j, -1, n))
    assert rejects(s, ">=", 1, C.Peel(s, (sp.Rational(1, 2),), R, C.Leaf()), gen(n_min=1))
    assert rejects(sp.Sum(sp.KroneckerDelta(j, q), (j, 0, n)), "=",
                   sp.Piecewise((1, q <= n), (0, True)), C.Leaf(), gen(n_min=1))
    assert rejects(sp.Sum(1, (j, 0, sp.Rational(1, 2))), "=", sp.Rational(3, 2), C.Leaf())
    assert rejects(sp.Sum(1, (j, sp.Rational(1, 3), sp.Rational(2, 3))), ">", 0, C.Termwise(C.Leaf()))


def test_derivative_never_captures_a_bound_index():
    xv = sp.IndexedBase("x", real=True)
    lhs = sp.Derivative(sp.Sum(xv[j] ** 2, (j, 1, n)), xv[j])
    assert rejects(lhs, "=", sp.Sum(2 * xv[k], (k, 1, n)), C.Leaf(), gen(n_min=1))


def test_numbers_are_equal_only_when_sympy_decides():
    a_, b_ = sp.log(6) - sp.log(2), sp.log(3)  # equal, though not by shape
    assert rejects(sp.KroneckerDelta(a_, b_), "=", 0, C.Leaf())
    assert rejects(x * sp.KroneckerDelta(a_, b_), "=", 0, C.Leaf())


def test_no_decision_under_a_binder_that_rebinds_a_ranged_index():
    xv = sp.IndexedBase("x", real=True)
    ctx = Context(assuming=(xv[i] > 0,), n=n, n_min=1)  # i is a free index, ranging over 1..n
    P = sp.Product(sp.Piecewise((2, i <= n), (1, True)), (i, n + 1, 2 * n))
    assert rejects(P, "=", sp.Product(2, (i, n + 1, 2 * n)), C.Leaf(), ctx)


def test_instance_value_captured_by_the_body():
    Dd = sp.Dummy("D")
    lhs = sp.Sum(sp.KroneckerDelta(j, 1) * j, (j, 1, 2))
    rhs = sp.Sum(sp.KroneckerDelta(j, 2) * j, (j, 1, 2))
    body = sp.Sum(sp.KroneckerDelta(j, 1) * Dd, (j, 1, 2)) - sp.Sum(sp.KroneckerDelta(j, 2) * Dd, (j, 1, 2))
    assert rejects(lhs, "=", rhs, C.instance(body, {Dd: j}))
