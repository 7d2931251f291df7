"""derivations.softmax_ce: verdicts of the loss / gradient / Hessian / covariance rows, the
importable objects, and wrong steps that must be refuted."""
from __future__ import annotations

import functools

import mpmath
import pytest
import sympy as sp

from derivations import softmax_ce as ce
from derivations.common import A, Y, Z, i, j, k, n, symbols_vec
from claim_verdicts import verdict as cached_verdict
from proofs import Chain, Integer, Simplex, Unit, check
from proofs.definitions import SumOver

d = sp.KroneckerDelta
a = ce.softmax_entry
p = lambda r: ce.softmax_entry(r, ce.O)
SUM_Y_1 = sp.Eq(sp.Sum(Y[k], (k, 1, n)), 1)
ON_SIMPLEX = dict(assuming=[SUM_Y_1], domain={Y: Simplex()}, n=n)

EXPECTED = {
    "blog2.loss": "proven",
    "blog2.chain-w-b": "proven",
    "blog2.chain-sum": "proven",
    "blog2.dlj-daj": "proven",
    "blog2.grad-general": "proven",
    "blog2.grad-onehot": "proven",
    "d2l.ce-hessian": "proven",
    "d2l.answer-gradient": "refuted",
    "d2l.answer-hessian": "refuted",
    "d2l.variance-matches-hessian": "proven",
}
NOT_GENERAL_N = {"blog2.dlj-daj"}


@functools.lru_cache(maxsize=None)
def verdict(cid):
    return cached_verdict(cid)  # one check per claim per session, shared with the other files


def _num(s: str):
    return mpmath.mpf(s)


def assert_refuted(v):
    assert v.status == "refuted", v.as_dict()
    cx = v.counterexample
    assert cx is not None
    with mpmath.workdps(200):  # the printed values differ visibly (relative to their size)
        lv, rv = _num(cx.lhs_value), _num(cx.rhs_value)
        assert lv != rv, cx.as_dict()
    return cx


@pytest.mark.parametrize("cid", EXPECTED)
def test_claim_verdict(cid):
    v = verdict(cid)
    assert v.status == EXPECTED[cid], v.as_dict()
    if cid not in NOT_GENERAL_N and EXPECTED[cid] == "proven":
        assert "symbolic n" in v.scope, v.scope
    if EXPECTED[cid] == "refuted":            # a concrete size and point
        assert "n" in assert_refuted(v).point
    for label, counts, pv in v.parts:
        if not counts:            # notes: the corrected statements and the shared-b reading
            assert pv.status == "proven", (label, pv.as_dict())


def test_grad_general_every_step_is_a_proven_link():
    v = verdict("blog2.grad-general")
    (_, _, pv), = v.parts
    assert len(pv.steps) == 6
    assert all(s.status == "proven" and "symbolic n" in s.scope for s in pv.steps)


def test_hessian_rows_also_checked_as_concrete_matrices():
    for cid in ("d2l.ce-hessian", "d2l.variance-matches-hessian"):
        labels = [l for l, c, pv in verdict(cid).parts if c and pv.status == "proven"]
        assert any("n = 3 as matrices" in l for l in labels)
        assert any("n = 4 as matrices" in l for l in labels)


def test_hessian_is_shown_as_a_matrix_in_d2l_names():
    from proofs.display import pretty
    ch = ce._matrix_named(3)
    assert isinstance(ch.start, sp.MatrixBase) and isinstance(ch.links[0].rhs, sp.MatrixExpr)
    shown = pretty(ch.links[0].rhs)
    assert "p₁" in shown and "⎡" in shown and "u₁" not in shown and "ℯ" not in shown


def test_wrong_matrix_in_d2l_names_refuted():
    ch = ce._matrix_named(3)
    ps = list(sp.symbols("p_1:4", positive=True))
    pv = sp.ImmutableMatrix(ps)
    plus = sp.MatMul(sum(symbols_vec("y", 3)), sp.MatAdd(sp.ImmutableMatrix(sp.diag(*ps)), sp.MatMul(pv, pv.T)))
    wrong = Chain(ch.start, domain=ch.domain, define=ch.define).eq(plus)
    assert_refuted(check(wrong, seconds=6))


def test_answer_hessian_counterexample_is_recomputable():
    v = verdict("d2l.answer-hessian")
    cx = v.counterexample
    assert cx.point["n"] >= 2 and {"i", "j", "z", "y"} <= set(cx.point)
    # recompute it here exactly, from the point alone
    nn = cx.point["n"]
    zs = [sp.Rational(x) for x in cx.point["z"]]
    ys = [sp.Rational(x) for x in cx.point["y"]]
    r, c = int(cx.point["i"]) - 1, int(cx.point["j"]) - 1
    zsym = symbols_vec("z", nn)
    true = sp.diff(ce.loss(zsym, ys), zsym[r], zsym[c]).subs(dict(zip(zsym, zs)))
    s = [sp.exp(x) / sum(sp.exp(u) for u in zs) for x in zs]
    stated = sum(s[t] * (int(r == t and c == t) - s[t] * int(r == c)) for t in range(nn))
    assert sp.simplify(true - stated) != 0
    # the matrix part (decided entry by entry) is refuted too, naming the entry that differs
    (_, _, mat), = [(l, c_, pv) for l, c_, pv in v.parts if "as matrices" in l]
    cxm = assert_refuted(mat)
    assert "(row, column)" in cxm.note


def test_answer_gradient_counterexample():
    cx = verdict("d2l.answer-gradient").counterexample
    assert cx is not None and cx.point["n"] >= 2
    assert abs(_num(cx.lhs_value) - _num(cx.rhs_value)) > 0.01


# ---------------------------------------------------------------- importable objects
def _at_point(expr, zs, ys, zv, yv):
    return expr.xreplace({s: v for s, v in zip(zs, zv)}).xreplace({s: v for s, v in zip(ys, yv)})


def test_hessian_matrix_matches_closed_form_at_a_point():
    size = 4
    H = ce.hessian(size)
    os, ys = symbols_vec("o", size), symbols_vec("y", size)
    ov = [sp.Rational(1, 2), -1, 2, 0]
    yv = [sp.Rational(1, 5), sp.Rational(3, 10), 0, sp.Rational(7, 10)]
    Hv = H.xreplace(dict(zip(os, ov))).xreplace(dict(zip(ys, yv)))
    pv = sp.Matrix([sp.exp(x) for x in ov]) / sum(sp.exp(x) for x in ov)
    M = sum(yv) * (sp.diag(*pv) - pv * pv.T)
    assert all(abs(sp.N(e, 60)) < 1e-45 for e in (Hv - M))
    assert abs(sp.N((Hv - sum(yv) * (sp.diag(*pv) + pv * pv.T))[0, 1], 60)) > 1e-3


def test_categorical_covariance_is_computed_from_the_definition():
    ps = sp.symbols("p1:4", positive=True)
    C = ce.categorical_covariance(3, ps)
    assert sp.simplify(C[0, 0] - ps[0] * (1 - ps[0])) == 0
    assert sp.simplify(C[0, 1] + ps[0] * ps[1]) == 0
    assert C.is_symmetric()


def test_gradient_and_hessian_entry_at_concrete_n():
    g = ce.gradient(2).subs(n, 3).doit()
    L = ce.loss(Z, Y, 3).doit()
    pt = {Z[1]: 1, Z[2]: -2, Z[3]: sp.Rational(1, 3), Y[1]: 2, Y[2]: -1, Y[3]: sp.Rational(1, 2)}
    assert sp.simplify((sp.diff(L, Z[2]) - g).xreplace(pt)) == 0
    h = ce.hessian_entry(1, 3).subs(n, 3).doit()
    assert sp.simplify((sp.diff(L, Z[1], Z[3]) - h).xreplace(pt)) == 0


# ---------------------------------------------------------------- wrong steps, each refuted
L = ce.loss(Z, Y)
LO = ce.loss(ce.O, Y)
sum_y = sp.Sum(Y[k], (k, 1, n))
not_i = lambda e: sp.Sum(e * (1 - d(i, j)), (j, 1, n))


def _z10(r):
    return ce.W[r] * ce.X[r] + ce.R[r] + ce.B[r]


def _z9(r):
    return ce.W[r] * ce.X[r] + ce.R[r] + ce.b_shared


def _sub_z(expr, zfun):
    return expr.replace(lambda e: isinstance(e, sp.Indexed) and e.base == Z, lambda e: zfun(e.indices[0]))


def _wrong():
    dLdz = sp.diff(L, Z[i])
    os = symbols_vec("o", 3)
    ys3 = symbols_vec("y", 3)
    pv = sp.Matrix(ce.softmax_vec(os))
    uv = {s: Integer(0, 1) for s in symbols_vec("u", 3) + symbols_vec("v", 3)}
    return {
        # (15), third line with the sign of (14) flipped: ∂a_j/∂z_i = +a_j a_i
        "(14) sign flipped in (15)": Chain(sp.Derivative(L, Z[i]), n=n)
        .eq(-Y[i] * (1 - a(i)) - not_i(Y[j] * a(i))),
        # (15) with the Σ_{j≠i} term dropped
        "(15) without the j ≠ i sum": Chain(sp.Derivative(L, Z[i]), domain={Y: Simplex()}, n=n)
        .eq(-Y[i] * (1 - a(i))),
        # (15)'s result with the wrong sign of y_i
        "a_i Σy + y_i": Chain(sp.Derivative(L, Z[i]), n=n).eq(a(i) * sum_y + Y[i]),
        # the split Σ_j = Σ_{j=i} + Σ_{j≠i} with the j = i term counted twice
        "split counts j = i twice": Chain(sp.Sum(Y[j] * a(j), (j, 1, n)), n=n)
        .eq(Y[i] * a(i) + sp.Sum(Y[j] * a(j), (j, 1, n))),
        # (11) with the single term j = i (the blog explains why all a_j are needed)
        "(11) single term": Chain(sp.Derivative(L, Z[i]), domain={Y: Simplex()}, n=n)
        .eq(-Y[i] / a(i) * sp.diff(a(i), Z[i])),
        # (12) with the sign lost
        "(12) sign": Chain(sp.Derivative(-Y[j] * sp.log(A[j]), A[j]), domain={A: Unit()})
        .eq(Y[j] / A[j]),
        # (16) without its hypothesis Σ_j y_j = 1
        "(16) without Σy = 1": Chain(sp.Derivative(L, Z[i]), n=n).eq(a(i) - Y[i]),
        # (10) with w_ij where x_ij belongs
        "(10) w in place of x": Chain(sp.Derivative(_sub_z(L, _z10), ce.W[i]), n=n)
        .eq(_sub_z(dLdz, _z10) * ce.W[i]),
        # (10) with (9)'s single shared b: ∂L/∂b is not ∂L/∂z_i (= a_i Σy − y_i by (15)).
        # (The right side is written with y_i, a_i so that i is sampled as an index: an index
        # that occurs only inside KroneckerDelta is sampled as a real number — a checker bug.)
        "(10) with the shared b of (9)": Chain(sp.Derivative(_sub_z(L, _z9), ce.b_shared), n=n)
        .eq(_sub_z(ce.gradient(i), _z9)),
        # Hessian with δ_ij dropped
        "Hessian p_i(1 − p_j)": Chain(sp.Derivative(LO, ce.O[i], ce.O[j]), **ON_SIMPLEX)
        .eq(p(i) * (1 - p(j))),
        # Hessian with its sign flipped
        "Hessian p_i(p_j − δ_ij)": Chain(sp.Derivative(LO, ce.O[i], ce.O[j]), **ON_SIMPLEX)
        .eq(p(i) * (p(j) - d(i, j))),
        # Hessian with p_j swapped for p_i inside the bracket
        "Hessian p_i(δ_ij − p_i)": Chain(sp.Derivative(LO, ce.O[i], ce.O[j]), **ON_SIMPLEX)
        .eq(p(i) * (d(i, j) - p(i))),
        # diagonal variance with the wrong sign
        "Var p_i(1 + p_i)": Chain(ce.covariance_entry(i, i), n=n).eq(p(i) * (1 + p(i))),
        # off-diagonal covariance positive
        "Cov +p_i p_j": Chain(ce.covariance_entry(i, j), assuming=[sp.Ne(i, j)], n=n).eq(p(i) * p(j)),
        # covariance without subtracting E[e]E[e]ᵀ
        "second moment as covariance": Chain(
            sp.Sum(p(k) * d(i, k) * d(j, k), (k, 1, n)), **ON_SIMPLEX)
        .eq(sp.Derivative(LO, ce.O[i], ce.O[j])),
        # written in the blog's notation (a_i, L, L_j, Σ_{j≠i}; unfolded by the kernel)
        "(15) in the blog's notation, (14) sign flipped": Chain(
            sp.Derivative(ce.L_sym, Z[i]), n=n, define=ce.BLOG2)
        .eq(-Y[i] * (1 - A[i]) - SumOver(Y[j] * A[i], (j, 1, n), i)),
        "(12) in the blog's notation, sign lost": Chain(
            sp.Derivative(ce.L_j[j], A[j]), domain={A: Unit()}, define=[ce.LJ_DEF]).eq(Y[j] / A[j]),
        "(11) in the blog's notation, single term": Chain(
            sp.Derivative(ce.L_sym, Z[i]), domain={Y: Simplex()}, n=n, define=ce.BLOG2)
        .eq(sp.Derivative(ce.L_j[i], A[i]) * sp.Derivative(A[i], Z[i])),
        # concrete n = 3: (Σy)(diag p + ppᵀ)
        "n = 3 matrix with + ppᵀ": Chain(ce._bilinear(ce.hessian(3), 3), domain=uv)
        .eq(ce._bilinear(sum(ys3) * (sp.diag(*pv) + pv * pv.T), 3)),
    }


WRONG = _wrong()
SLOW_TO_SAMPLE = {"n = 3 matrix with + ppᵀ": 6}   # the first sampled point is u = v = 0


@pytest.mark.parametrize("name", WRONG)
def test_wrong_step_refuted(name):
    assert_refuted(check(WRONG[name], seconds=SLOW_TO_SAMPLE.get(name, 3)))


def test_hessian_is_symmetric_so_the_swapped_form_is_true():
    """p_j(δ_ij − p_i) = p_i(δ_ij − p_j): swapping i and j is NOT an error. The difference is
    δ_ij(p_i − p_j); the general-n strategy treats δ_ij as opaque, so the case i ≠ j is checked
    separately (for i = j both sides coincide), and the whole must not be refuted."""
    whole = check(Chain(p(i) * (d(i, j) - p(j)), n=n).eq(p(j) * (d(i, j) - p(i))), seconds=4)
    assert whole.status in ("proven", "numeric") and whole.counterexample is None
    apart = check(Chain(p(i) * (d(i, j) - p(j)), assuming=[sp.Ne(i, j)], n=n)
                  .eq(p(j) * (d(i, j) - p(i))), seconds=6)
    assert apart.status == "proven"   # (for i = j both sides are the same expression)


def test_other_split_encoding_agrees():
    """Σ_{j≠i} f(j) as Σ_j f(j) − f(i) gives the same value as the δ encoding."""
    v = check(Chain(not_i(Y[j] * a(i)), n=n).eq(sp.Sum(Y[j] * a(i), (j, 1, n)) - Y[i] * a(i)), seconds=6)
    assert v.status == "proven", v.as_dict()
