"""derivations.log_likelihood: the claims' verdicts, and wrong steps that must be refuted."""
from __future__ import annotations

import functools

import pytest
import sympy as sp

from derivations.common import Y, Z, i, j, k, l, m, n, softmax_i, softmax_vec, symbols_vec
from derivations.log_likelihood import (V, ce, ce_gradient, counts, log_softmax, ml_gradient,
                                        ml_hessian_entry, ml_objective, nll, nll_gradient)
from claim_verdicts import verdict as cached_verdict
from proofs import Chain, OneHot, Positive, Simplex, check
from proofs.claims import Part, Stated, check_part

KD = sp.KroneckerDelta
oo = sp.oo
t = sp.Symbol("t", positive=True)
a_y = sp.Symbol("a_y", positive=True)
ONE_HOT = dict(assuming=[sp.Eq(sp.Sum(Y[l], (l, 1, n)), 1)], domain={Y: OneHot()}, n=n)
S_c = sp.Sum(counts[l], (l, 1, n))


# ---------------------------------------------------------------- the claims
EXPECTED = {
    "dl.softmax-from-scores": "proven",
    "dl.log-softmax": "proven",
    "dl.nll-gradient": "proven",
    "dl.first-term-no-saturation": "proven",
    "dl.correct-max-cancels": "proven",
    "dl.ml-frequencies": "proven",
    "dl.mse-saturates": "proven",
    "nndl.log-likelihood": "proven",
    "nndl.ll-grads": "proven",
    "nndl.softmax-ll-delta": "proven",
    "blog1.ce-loss": "proven",
    "blog1.ce-grad": "proven",
    "blog1.example-2-3-4": "refuted",
}
GENERAL_N = {"dl.softmax-from-scores", "dl.log-softmax", "dl.nll-gradient", "dl.correct-max-cancels",
             "dl.ml-frequencies", "nndl.ll-grads", "nndl.softmax-ll-delta", "blog1.ce-loss",
             "blog1.ce-grad"}


@functools.lru_cache(maxsize=None)
def verdict(cid):
    return cached_verdict(cid)  # one check per claim per session, shared with the other files


@pytest.mark.parametrize("cid", EXPECTED)
def test_claim_verdict(cid):
    v = verdict(cid)
    assert v.status == EXPECTED[cid], v.as_dict()
    if v.status == "refuted":
        cx = v.counterexample
        assert cx is not None and cx.lhs_value != cx.rhs_value
    if cid in GENERAL_N:  # "for all n" rows: every counted chain is proven for symbolic n
        for label, counts_, pv in v.parts:
            if counts_ and pv.steps and pv.steps[0].relation != "≈":
                assert "symbolic n" in pv.scope, (label, pv.scope)


def test_example_2_3_4_only_the_first_entry_is_misprinted():
    v = verdict("blog1.example-2-3-4")
    counted = [(lab, pv) for lab, c, pv in v.parts if c]
    bad = [lab for lab, pv in counted if pv.status == "refuted"]
    assert bad == ["softmax(2, 3, 4)_1 ≈ 0.0903", "gradient component 1 ≈ 0.0903"]
    assert all(pv.status == "proven" for lab, pv in counted if lab not in bad)
    cx = v.counterexample
    assert cx.lhs_value.startswith("0.0900305731") and cx.rhs_value == "0.0903"
    notes = [pv for _, c, pv in v.parts if not c]
    assert notes and all(pv.status == "proven" for pv in notes)   # the corrected 0.0900


def test_ml_frequencies_concavity_uses_the_variance_form():
    v = verdict("dl.ml-frequencies")
    (_, _, concave), = [(lab, c, pv) for lab, c, pv in v.parts if lab.startswith("concave")]
    assert concave.conclusion == ">=" and all(s.status == "proven" for s in concave.steps)


# ---------------------------------------------------------------- importable objects
def test_importable_objects():
    assert log_softmax(Z, i) == Z[i] - sp.log(sp.Sum(sp.exp(Z[m]), (m, 1, n)))
    assert nll(Z, i) == -sp.log(softmax_i(Z, i))
    assert nll_gradient(k, i) == softmax_i(Z, k) - KD(k, i)
    assert ce_gradient(j) == softmax_i(Z, j) - Y[j]
    # concrete n: the list forms agree with the explicit softmax
    zs = [sp.Integer(2), sp.Integer(3), sp.Integer(4)]
    s = softmax_vec(zs)
    assert sp.simplify(ce(zs, [0, 1, 0]) + sp.log(s[1])) == 0
    # the ML objective's gradient and Hessian at n = 2, against sympy.diff
    z1, z2 = symbols_vec("z", 2)
    c1, c2 = sp.symbols("c1 c2", positive=True)
    sub = lambda e: e.subs(n, 2).doit().subs({Z[1]: z1, Z[2]: z2, counts[1]: c1, counts[2]: c2})  # noqa: E731
    L2 = sub(ml_objective())
    assert sp.simplify(sp.diff(L2, z1) - sub(ml_gradient(1))) == 0
    assert sp.simplify(sp.diff(L2, z1, z2) - sub(ml_hessian_entry(1, 2))) == 0


# ---------------------------------------------------------------- wrong steps: refuted
p = lambda q: softmax_i(Z, q)  # noqa: E731
LSE = sp.log(sp.Sum(sp.exp(Z[m]), (m, 1, n)))
others = sp.Sum((1 - KD(m, i)) * sp.exp(Z[m]), (m, 1, n))
zs3, us3 = symbols_vec("z", 3), symbols_vec("u", 3)
s3 = softmax_vec(zs3)
path = {zs3[0]: t, zs3[1]: 0, zs3[2]: 0}
mse = (s3[0] ** 2 + (s3[1] - 1) ** 2 + s3[2] ** 2).xreplace(path)
g_nll = sum(u * (sq - yq) for u, sq, yq in zip(us3, s3, (0, 1, 0))).xreplace(path)
W, RHO, B = (sp.IndexedBase(s_, real=True) for s_ in ("w", "rho", "b"))
a_k = sp.Symbol("a_k", real=True)
zr = lambda r: W[r] * a_k + RHO[r] + B[r]  # noqa: E731
ar = lambda r: sp.exp(zr(r)) / sp.Sum(sp.exp(zr(m)), (m, 1, n))  # noqa: E731
C_layer = -sp.Sum(Y[l] * sp.log(ar(l)), (l, 1, n))
P_, U_ = sp.IndexedBase("p", positive=True), sp.IndexedBase("u", real=True)
mu = sp.Sum(P_[j] * U_[j], (j, 1, n))

WRONG = {
    "log-softmax with + sign": Chain(sp.log(p(i)), n=n).eq(Z[i] + LSE),
    "NLL gradient softmax_k + δ_ki": Chain(sp.Derivative(nll(Z, i), Z[k]), n=n).eq(p(k) + KD(k, i)),
    "NLL gradient, swapped index softmax_i − δ_ki": Chain(sp.Derivative(nll(Z, i), Z[k]), n=n).eq(p(i) - KD(k, i)),
    "−log P(y=i) = z_i − LSE (sign)": Chain(-sp.log(p(i)), n=n).eq(Z[i] - LSE),
    "one-hot CE = +log softmax_i (sign flip)": Chain(-sp.Sum(KD(j, i) * sp.log(p(j)), (j, 1, n)), n=n)
    .eq(sp.log(p(i))),
    "first term: ∂z_i/∂z_k = 1 for k ≠ i": Chain(sp.Derivative(Z[i], Z[k]), assuming=[sp.Ne(i, k)], n=n).eq(1),
    "correct max: limit log 2 (wrong value)": Chain(sp.Limit(-(Z[i] + t) + sp.log(sp.exp(Z[i] + t) + others), t, oo),
                                                    n=n).eq(sp.log(2)),
    "ML gradient c_k + softmax_k Σc": Chain(sp.Derivative(ml_objective(), Z[k]), domain={counts: Positive()}, n=n)
    .eq(counts[k] + p(k) * S_c),
    "ML Hessian off-diagonal −(Σc) p_k p_j (sign flip)": Chain(sp.Derivative(ml_objective(), Z[k], Z[j]),
                                                                assuming=[sp.Ne(j, k)], domain={counts: Positive()},
                                                                n=n).eq(-S_c * p(k) * p(j)),
    "ML Hessian diagonal −(Σc) p_k (1 + p_k)": Chain(sp.Derivative(ml_objective(), (Z[k], 2)),
                                                      domain={counts: Positive()}, n=n)
    .eq(-S_c * p(k) * (1 + p(k))),
    "vᵀHv ≥ 0 (false inequality)": Chain(-S_c * sp.Sum(P_[k] * (U_[k] - mu) ** 2, (k, 1, n)),
                                         domain={counts: Positive(), P_: Simplex()}, n=n,
                                         assuming=[sp.Eq(sp.Sum(P_[j], (j, 1, n)), 1)]).ge(0),
    "MSE loss → 0 (wrong limit)": Chain(sp.Limit(mse, t, oo)).eq(0),
    "CE gradient → 0 (wrong limit)": Chain(sp.Limit(g_nll, t, oo)).eq(0),
    "C = −ln a_y → 1 as a_y → 1 (wrong limit)": Chain(sp.Limit(-sp.log(a_y), a_y, 1, "-")).eq(1),
    "(82) without a_k^{L−1} (dropped factor)": Chain(sp.Derivative(C_layer, W[j]), **ONE_HOT).eq(ar(j) - Y[j]),
    "(81) a_j + y_j (sign flip)": Chain(sp.Derivative(C_layer, B[j]), **ONE_HOT).eq(ar(j) + Y[j]),
    "(84) δ_j = y_j − a_j (sign flip)": Chain(sp.Derivative(ce(Z, Y), Z[j]), **ONE_HOT).eq(Y[j] - p(j)),
    "blog: ∂L/∂V_j = y_j − 1 for j ≠ i": Chain(sp.Derivative(-sp.log(softmax_i(V, i)), V[j]),
                                                assuming=[sp.Ne(i, j)], n=n).eq(softmax_i(V, j) - 1),
}


@pytest.mark.parametrize("name", WRONG)
def test_wrong_step_refuted(name):
    v = check(WRONG[name], seconds=3)
    assert v.status == "refuted", (name, v.as_dict())
    cx = v.counterexample
    assert cx is not None and cx.lhs_value != cx.rhs_value


S234 = softmax_vec([sp.Integer(2), sp.Integer(3), sp.Integer(4)])


@pytest.mark.parametrize("exact, stated, ok", [
    (S234[2], "0.665", True),      # 0.66524… to 3 places
    (S234[2], "0.6652", True),
    (S234[2], "0.6653", False),    # wrongly rounded
    (S234[2], "0.666", False),
    (S234[1], "0.2447", True),
    (S234[1], "0.2448", False),
    (S234[1] - 1, "-0.7553", True),
    (S234[1] - 1, "-0.7552", False),
    (S234[0], "0.0900", True),
    (S234[0], "0.0903", False),
])
def test_example_rounding(exact, stated, ok):
    v = check_part(Part("x", Stated(exact, stated)))
    assert (v.status == "proven") is ok and (v.status == "refuted") is (not ok)
