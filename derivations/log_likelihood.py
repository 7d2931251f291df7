"""Softmax + negative log-likelihood: log-softmax, the NLL and its gradient, saturation, ML.

Sources:
  * DL §6.2.2.3 (seed 000, study notes on Goodfellow, Bengio & Courville): the notes' four steps
    from scores to the cross-entropy, log softmax(z)_i = z_i − log Σ_j exp(z_j) (6.30), the
    back-propagated gradient, why the first term never saturates, why a correct confident answer
    costs almost nothing, the maximum-likelihood frequencies (6.31), why squared error fails;
  * NNDL ch. 3 (seed 001): the log-likelihood cost C ≡ −ln a_y^L (80), its gradients (81)–(82)
    and δ_j^L = a_j^L − y_j (84);
  * blog “初探softmax” (seed 002): the cross-entropy L = −Σ_i t_i ln y_i, its gradient
    y_i − 1 / y_j, and the worked example softmax(2, 3, 4).

Importable objects (general n: ``IndexedBase`` vectors, sums over 1..n):

* :func:`log_softmax` — z_i − log Σ_j e^{z_j} (DL eq. 6.30);
* :func:`nll` — −log softmax(z)_y for the target class y (DL eq. 6.30 negated; NNDL eq. 80);
* :func:`nll_gradient` — ∂ nll / ∂z_k = softmax(z)_k − δ_ki (DL §6.2.2.3; NNDL eq. 84;
  blog “初探softmax”, step c);
* :func:`ce` — −Σ_j y_j log softmax(z)_j (the cross-entropy of a target distribution y);
* :func:`ce_gradient` — ∂ ce / ∂z_i = softmax(z)_i − y_i when Σ_j y_j = 1 (NNDL eq. 84).

Encoding choices (read with the claims):
  * a one-hot target at class i is written y_j = δ_ji with a free index i where the hot class
    must be named (−Σ_j δ_ji log p_j = −log p_i), and as a vector ``Y`` with domain OneHot() and
    the assumption Σ_j y_j = 1 where only the normalisation matters (the gradient a_j − y_j);
  * NNDL (81)–(82): z_r = w_rk a_k^{L−1} + ρ_r + b_r with ρ_r = Σ_{q≠k} w_rq a_q^{L−1} (the rest of
    the weighted sum, free of w_jk and of b). For each fixed k this is exactly z_r = Σ_q w_rq a_q
    + b_r, and k is arbitrary; it keeps one index per vector, so the kernel can sample every
    quantity numerically (it cannot sample a two-index ``w``) and SymPy's derivative of the
    composite cost needs no nested sums.
"""
from __future__ import annotations

import sympy as sp

from derivations.common import SOFTMAX_DEF, SOFTMAX_Z, A, Y, Z, define, i, j, k, l, m, n, softmax_def, softmax_i, softmax_vec, symbols_vec
from proofs import Chain, OneHot, Positive, Simplex
from proofs.claims import Part, Stated, claim

__all__ = ["log_softmax", "nll", "nll_gradient", "ce", "ce_gradient", "V", "T", "counts",
           "ml_objective", "ml_gradient", "ml_hessian_entry"]

delta = sp.KroneckerDelta
oo = sp.oo

V = sp.IndexedBase("V", real=True)        # blog “初探softmax”: the scores V_1 … V_C
T = sp.IndexedBase("t", real=True)        # blog “初探softmax”: the true distribution t_i
counts = sp.IndexedBase("c", positive=True)   # DL (6.31): class counts c_1 … c_n > 0
P = sp.IndexedBase("p", positive=True)    # a probability vector (p = softmax(z) in the claims)
U = sp.IndexedBase("u", real=True)        # a direction in R^n (the quadratic form vᵀHv)
W = sp.IndexedBase("w", real=True)        # NNDL: W[r] = w_rk^L for the fixed input index k
RHO = sp.IndexedBase("rho", real=True)    # NNDL: ρ_r = Σ_{q≠k} w_rq^L a_q^{L−1}
B = sp.IndexedBase("b", real=True)        # NNDL: biases b_r^L
a_prev_k = sp.Symbol("a_k", real=True)    # NNDL: a_k^{L−1}
t_pos = sp.Symbol("t", positive=True)     # a margin / saturation parameter t → ∞
a_y = sp.Symbol("a_y", positive=True)     # NNDL (80): the output for the true class


# ---------------------------------------------------------------- importable expressions
def log_softmax(zv=Z, r=i, size=n):
    """log softmax(z)_r = z_r − log Σ_m e^{z_m} (DL eq. 6.30)."""
    return zv[r] - sp.log(sp.Sum(sp.exp(zv[m]), (m, 1, size)))


def nll(zv=Z, target_index=i, size=n):
    """The negative log-likelihood of class ``target_index``: −log softmax(z)_y
    = −z_y + log Σ_m e^{z_m} (DL eq. 6.30 negated; NNDL eq. 80, C = −ln a_y^L)."""
    return -sp.log(softmax_i(zv, target_index, size))


def nll_gradient(k_=k, i_=i, zv=Z, size=n):
    """∂(−log softmax(z)_i)/∂z_k = softmax(z)_k − δ_ki (DL §6.2.2.3 back-propagation;
    NNDL eq. 84 with y one-hot at i; blog “初探softmax”: y_i − 1 and y_j)."""
    return softmax_i(zv, k_, size) - delta(k_, i_)


def ce(zv=Z, yv=Y, size=n):
    """The cross-entropy −Σ_j y_j log softmax(z)_j (DL §6.2.2.3 step (4); blog “初探softmax”
    L = −Σ_i t_i ln y_i; NNDL eq. 80 when y is one-hot).

    ``zv``/``yv`` are IndexedBases (symbolic size) or equal-length lists (concrete n)."""
    if isinstance(zv, (list, tuple)):
        return -sum(yq * sp.log(pq) for yq, pq in zip(yv, softmax_vec(list(zv))))
    return -sp.Sum(yv[l] * sp.log(softmax_i(zv, l, size)), (l, 1, size))


def ce_gradient(i_=i, zv=Z, yv=Y, size=n):
    """∂ ce(z, y)/∂z_i = softmax(z)_i − y_i, valid when Σ_j y_j = 1 (NNDL eq. 84, δ_j = a_j − y_j;
    in general it is softmax(z)_i Σ_j y_j − y_i)."""
    return softmax_i(zv, i_, size) - yv[i_]


def ml_objective(zv=Z, cv=counts, size=n):
    """Σ_r c_r log softmax(z)_r: the log-likelihood of one input seen c_r times with class r
    (DL eq. 6.31's setting)."""
    return sp.Sum(cv[l] * sp.log(softmax_i(zv, l, size)), (l, 1, size))


def ml_gradient(k_=k, zv=Z, cv=counts, size=n):
    """∂/∂z_k Σ_r c_r log softmax(z)_r = c_k − softmax(z)_k Σ_r c_r."""
    return cv[k_] - softmax_i(zv, k_, size) * sp.Sum(cv[l], (l, 1, size))


def ml_hessian_entry(r, c, zv=Z, cv=counts, size=n):
    """∂²/∂z_r∂z_c Σ_q c_q log softmax(z)_q = −(Σ_q c_q)(p_r δ_rc − p_r p_c), p = softmax(z)."""
    p = lambda q: softmax_i(zv, q, size)  # noqa: E731
    return -sp.Sum(cv[l], (l, 1, size)) * (p(r) * delta(r, c) - p(r) * p(c))


_one_hot = [sp.Eq(sp.Sum(Y[l], (l, 1, n)), 1)]

# the documents' names as definitions: NNDL's C, a_j^L; blog “初探softmax”'s L, y_i = softmax(V)_i
C_sym, L_sym = sp.Symbol("C"), sp.Symbol("L")
A_DEF = softmax_def(A, dummy=m, label="softmax (78)")
C_DEF = define(C_sym, -sp.Sum(Y[l] * sp.log(A[l]), (l, 1, n)), "log-likelihood cost (80)")
YB = sp.IndexedBase("y", real=True)           # blog 1: y = softmax(V) (its targets are t)
YB_DEF = softmax_def(YB, V, dummy=m, label="softmax y_i")


# ---------------------------------------------------------------- DL §6.2.2.3
@claim("dl.softmax-from-scores", source="000", cite="DL §6.2.2.3, eqs. (6.28)–(6.30) (the notes' "
       "four steps)", kind="derivation",
       statement="(1) log P̃(y=i) = z_i; (2) P̃(y=i) = exp(z_i); (3) normalise: P(y=i) = "
                 "exp(z_i)/Σ_j exp(z_j); (4) cross-entropy of a one-hot target at i: "
                 "−log P(y=i) = −z_i + log Σ_j exp(z_j).",
       notes=["(1)→(2): exponentiating the linear scores; the check is that P̃ = exp(z_i) has "
              "log P̃ = z_i. (3): the normalised values form a distribution (sum 1, for all n). "
              "(4): the one-hot target at i is y_j = δ_ji, so the cross-entropy −Σ_j y_j log P(y=j) "
              "keeps only the term j = i; then the log of the quotient."])
def _softmax_from_scores() -> list[Part]:
    p = lambda q: softmax_i(Z, q)  # noqa: E731
    return [
        Part("(1)→(2): P̃(y=i) = exp(z_i) has log P̃(y=i) = z_i",
             Chain(sp.log(sp.exp(Z[i])), n=n).eq(Z[i], by="(1) log P̃(y=i) = z_i, (2) P̃ = exp(z_i)")),
        Part("(3) normalising: Σ_i P(y=i) = 1",
             Chain(sp.Sum(p(j), (j, 1, n)), n=n).eq(1, by="(3) P(y=i) = exp(z_i)/Σ_j exp(z_j)")),
        Part("(4) cross-entropy of a one-hot target at i",
             Chain(-sp.Sum(delta(j, i) * sp.log(p(j)), (j, 1, n)), n=n)
             .eq(-sp.log(p(i)), by="one-hot target y_j = δ_ji: only j = i survives")
             .eq(-Z[i] + sp.log(sp.Sum(sp.exp(Z[j]), (j, 1, n))),
                 by="(4) log of a quotient: −log P(y=i) = −z_i + log Σ_j exp(z_j)")),
    ]


@claim("dl.log-softmax", source="000", cite="DL §6.2.2.3, eq. (6.30)", kind="identity",
       statement="log softmax(z)_i = z_i − log Σ_j exp(z_j) (6.30), for all n.")
def _log_softmax() -> list[Part]:
    return [Part("(6.30)", Chain(sp.log(SOFTMAX_Z[i]), n=n, define=[SOFTMAX_DEF])
                 .eq(log_softmax(Z, i), by="log of a quotient, log exp(z_i) = z_i"))]


@claim("dl.nll-gradient", source="000", cite="DL §6.2.2.3, eq. (6.30) and the notes' back-propagation "
       "step", kind="derivation",
       statement="With a one-hot target at i the cross-entropy reduces to −log softmax(z)_i, and for "
                 "back-propagation ∂/∂z_k = softmax(z)_k − 1[k=i], for all n.",
       notes=["1[k=i] is the Kronecker delta δ_ki; the derivative is taken of the unevaluated "
              "−log softmax(z)_i (checked numerically by finite differences, symbolically for n)."])
def _nll_gradient() -> list[Part]:
    return [
        Part("one-hot target at i: −Σ_j y_j log softmax_j = −log softmax_i",
             Chain(-sp.Sum(delta(j, i) * sp.log(SOFTMAX_Z[j]), (j, 1, n)), n=n, define=[SOFTMAX_DEF])
             .eq(-sp.log(SOFTMAX_Z[i]), by="y_j = δ_ji: only j = i survives")),
        Part("∂/∂z_k (−log softmax(z)_i) = softmax(z)_k − δ_ki",
             Chain(sp.Derivative(-sp.log(SOFTMAX_Z[i]), Z[k]), n=n, define=[SOFTMAX_DEF])
             .eq(SOFTMAX_Z[k] - delta(k, i),
                 by="−∂z_i/∂z_k + ∂/∂z_k log Σ_j e^{z_j} = −δ_ki + e^{z_k}/Σ_j e^{z_j}")),
    ]


@claim("dl.first-term-no-saturation", source="000", cite="DL §6.2.2.3, the remark after eq. (6.30)",
       kind="property",
       statement="The first term z_i of (6.30) contributes ∂/∂z_i = 1 whatever z is: it never saturates "
                 "(it is unbounded).",
       notes=["Checked: the first term's derivative is the constant 1 for every z and n (it does not "
              "tend to 0 anywhere, unlike σ' or the softmax outputs), and the term itself has no "
              "upper bound (z_i → ∞ as z_i → ∞), the notes' own gloss “不会饱和的意思是这一项的值没有上限”."])
def _first_term_no_saturation() -> list[Part]:
    zi = sp.Symbol("z_i", real=True)
    return [
        Part("∂z_i/∂z_i = 1 for every z (for all n)",
             Chain(sp.Derivative(Z[i], Z[i]), n=n).eq(1, by="the first term of (6.30) is z_i itself")),
        Part("the term is unbounded: z_i → ∞ as z_i → ∞",
             Chain(sp.Limit(zi, zi, oo)).eq(oo, by="no upper bound")),
    ]


@claim("dl.correct-max-cancels", source="000", cite="DL §6.2.2.3, the paragraph after eq. (6.30)",
       kind="limit",
       statement="If z_i is the largest input by a wide margin, −z_i + log Σ_j exp(z_j) → 0: a correctly "
                 "and confidently classified example adds almost nothing to the cost.",
       notes=["The margin: z = u + t·e_i (class i raised by t, the others fixed). Every z whose entry i "
              "exceeds the others by t has this form, and the margin z_i − max_{j≠i} z_j grows "
              "without bound as t → ∞. The sum is split at j = i: Σ_j e^{z_j} = e^{z_i} + "
              "Σ_j (1 − δ_ji) e^{z_j}, for symbolic n."])
def _correct_max_cancels() -> list[Part]:
    others = sp.Sum((1 - delta(m, i)) * sp.exp(Z[m]), (m, 1, n))
    return [
        Part("−z_i + LSE(z) = log(1 + Σ_{j≠i} e^{z_j − z_i}) (for all n)",
             Chain(-Z[i] + sp.log(sp.Sum(sp.exp(Z[m]), (m, 1, n))), n=n)
             .eq(sp.log(1 + sp.Sum((1 - delta(m, i)) * sp.exp(Z[m] - Z[i]), (m, 1, n))),
                 by="split Σ_j at j = i and factor e^{z_i} out of the log")),
        Part("z_i = u_i + t, others fixed, t → ∞: −z_i + LSE(z) → 0 (for all n)",
             Chain(sp.Limit(-(Z[i] + t_pos) + sp.log(sp.exp(Z[i] + t_pos) + others), t_pos, oo), n=n)
             .eq(0, by="log(e^{z_i} + R) − z_i = log(1 + R e^{−z_i}) → log 1 with R fixed")),
    ]


@claim("dl.ml-frequencies", source="000", cite="DL §6.2.2.3, eq. (6.31)", kind="derivation",
       statement="Unregularised maximum likelihood drives softmax(z(x))_i to Σ_j 1[y⁽ʲ⁾=i, x⁽ʲ⁾=x] / "
                 "Σ_j 1[x⁽ʲ⁾=x] (6.31): for one input seen with class counts c_1…c_n, the maximiser of "
                 "Σ_i c_i log softmax(z)_i has softmax(z)_i = c_i/Σ_k c_k.",
       notes=["Stationarity: the gradient is c_k − p_k Σc with p = softmax(z), so "
              "p_k − c_k/Σc = −(∂L/∂z_k)/Σc: the gradient vanishes exactly where softmax(z) = c/Σc, "
              "and z = log c attains it. Concavity: the Hessian is −(Σc)(diag(p) − ppᵀ); for every "
              "direction v, vᵀHv = −(Σc)(Σ p_k v_k² − (Σ p_k v_k)²) = −(Σc) Σ_k p_k (v_k − μ)² ≤ 0 with "
              "μ = Σ p_k v_k (a variance; the chain divides by −Σc < 0). A concave function's "
              "stationary points are its maximisers.",
              "The Hessian is checked on and off the diagonal separately (j = k, then j ≠ k), which "
              "together give −(Σc)(p_k δ_kj − p_k p_j) for all k, j.",
              "The quadratic form is checked for every probability vector p (p_k > 0, Σ p = 1), of "
              "which softmax(z) is one (dl.softmax-def). All for symbolic n."])
def _ml_frequencies() -> list[Part]:
    S = sp.Sum(counts[l], (l, 1, n))
    p = lambda q: softmax_i(Z, q)  # noqa: E731
    dom = {counts: Positive()}
    mu = sp.Sum(P[j] * U[j], (j, 1, n))
    Hp = lambda r, c: -S * (P[r] * delta(r, c) - P[r] * P[c])  # noqa: E731
    simplex = dict(domain={counts: Positive(), P: Simplex()}, n=n,
                   assuming=[sp.Eq(sp.Sum(P[j], (j, 1, n)), 1)])
    return [
        Part("gradient: ∂/∂z_k Σ_i c_i log softmax_i = c_k − softmax_k Σ_i c_i",
             Chain(sp.Derivative(ml_objective(), Z[k]), domain=dom, n=n)
             .eq(ml_gradient(k), by="Σ_i c_i (δ_ik − softmax_k)")),
        Part("stationary ⇔ softmax(z)_k = c_k/Σc: softmax_k − c_k/Σc = −(gradient_k)/Σc",
             Chain(p(k) - counts[k] / S, domain=dom, n=n)
             .eq(-ml_gradient(k) / S, by="divide the gradient by Σ_i c_i > 0")),
        Part("attained: at z = log c, softmax(z)_k = c_k/Σc",
             Chain(sp.exp(sp.log(counts[k])) / sp.Sum(sp.exp(sp.log(counts[m])), (m, 1, n)), domain=dom, n=n)
             .eq(counts[k] / S, by="e^{log c} = c")),
        Part("Hessian, diagonal: ∂²/∂z_k² = −(Σc) p_k (1 − p_k)",
             Chain(sp.Derivative(ml_objective(), (Z[k], 2)), domain=dom, n=n)
             .eq(ml_hessian_entry(k, k), by="differentiate c_k − p_k Σc by z_k: ∂p_k/∂z_k = p_k(1 − p_k)")),
        Part("Hessian, off the diagonal: ∂²/∂z_k∂z_j = (Σc) p_k p_j (j ≠ k)",
             Chain(sp.Derivative(ml_objective(), Z[k], Z[j]), assuming=[sp.Ne(j, k)], domain=dom, n=n)
             .eq(ml_hessian_entry(k, j), by="differentiate c_k − p_k Σc by z_j: ∂p_k/∂z_j = −p_k p_j")),
        Part("(Hv)_k = Σ_j H_kj v_j = −(Σc) p_k (v_k − μ), H_kj = −(Σc)(p_k δ_kj − p_k p_j)",
             Chain(sp.Sum(Hp(k, j) * U[j], (j, 1, n)), **simplex)
             .eq(-S * P[k] * (U[k] - mu), by="the δ_kj term keeps j = k")),
        Part("concave: −vᵀHv/Σc = Σ p v² − μ² = Σ p (v − μ)² ≥ 0, so vᵀHv ≤ 0",
             Chain(-sp.Sum(U[k] * (-S * P[k] * (U[k] - mu)), (k, 1, n)) / S, **simplex)
             .eq(sp.Sum(P[k] * (U[k] - mu) ** 2, (k, 1, n)),
                 by="Σ_k v_k p_k (v_k − μ) = Σ p v² − μ² = Σ p (v − μ)² (a variance; Σ p = 1)")
             .ge(0, by="a sum of p_k (v_k − μ)² ≥ 0 (Cauchy–Schwarz); Σc > 0 turns it into vᵀHv ≤ 0")),
    ]


@claim("dl.mse-saturates", source="000", cite="DL §6.2.2.3 (squared error and softmax), answering the "
       "notes' question why MSE “does not work”", kind="property",
       statement="Squared error is a poor loss for a softmax unit: when softmax saturates on a wrong class "
                 "(e.g. z = (t, 0, 0), target class 2, t → ∞) the gradient of ‖softmax(z) − y‖² with respect "
                 "to z tends to 0 while the loss stays large, whereas the gradient of −log softmax(z)_2 "
                 "tends to a non-zero vector.",
       notes=["n = 3, as the example states. A gradient vector g is checked through uᵀg with fresh real "
              "u_1, u_2, u_3 (u = e_k recovers component k): uᵀ∇ = uᵀ(formula) proves the formula, "
              "lim uᵀg = 0 for all u says every component tends to 0, lim uᵀg = u_1 − u_2 says the "
              "cross-entropy gradient tends to (1, −1, 0).",
              "The squared-error gradient, component k: 2 s_k ((s_k − y_k) − Σ_j (s_j − y_j) s_j), from "
              "∂s_j/∂z_k = s_j(δ_jk − s_k)."])
def _mse_saturates() -> list[Part]:
    zs = symbols_vec("z", 3)
    us = symbols_vec("u", 3)
    ys = [0, 1, 0]
    s = softmax_vec(zs)
    mse = sum((s[q] - ys[q]) ** 2 for q in range(3))
    inner = sum((s[q] - ys[q]) * s[q] for q in range(3))
    g_mse = [2 * s[q] * ((s[q] - ys[q]) - inner) for q in range(3)]
    nll2 = -sp.log(s[1])
    g_nll = [s[q] - ys[q] for q in range(3)]
    path = {zs[0]: t_pos, zs[1]: 0, zs[2]: 0}
    dot = lambda g: sum(uq * gq for uq, gq in zip(us, g))  # noqa: E731
    return [
        Part("∇‖softmax(z) − y‖²: the formula",
             Chain(sum(uq * sp.Derivative(mse, zq) for uq, zq in zip(us, zs)))
             .eq(dot(g_mse), by="chain rule with ∂s_j/∂z_k = s_j(δ_jk − s_k)")),
        Part("squared error: every gradient component → 0 at z = (t, 0, 0), t → ∞",
             Chain(sp.Limit(dot(g_mse).xreplace(path), t_pos, oo))
             .eq(0, by="s → (1, 0, 0): each term has a factor s_k(…) → 0")),
        Part("squared error: the loss → 2 (stays large)",
             Chain(sp.Limit(mse.xreplace(path), t_pos, oo)).eq(2, by="‖(1, 0, 0) − (0, 1, 0)‖² = 2")),
        Part("∇(−log softmax(z)_2) = softmax(z) − e_2",
             Chain(sum(uq * sp.Derivative(nll2, zq) for uq, zq in zip(us, zs)))
             .eq(dot(g_nll), by="dl.nll-gradient at n = 3, i = 2")),
        Part("log-likelihood: the gradient → (1, −1, 0) ≠ 0",
             Chain(sp.Limit(dot(g_nll).xreplace(path), t_pos, oo)).eq(us[0] - us[1], by="softmax → (1, 0, 0)")),
    ]


# ---------------------------------------------------------------- NNDL ch. 3
@claim("nndl.log-likelihood", source="001", cite="NNDL ch. 3, eq. (80)", kind="definition",
       statement="C ≡ −ln a_y^L (80), e.g. −ln a_7^L for an image of a 7: near 0 when a_y^L → 1, large "
                 "when a_y^L → 0.",
       notes=["A definition; what is checked is the behaviour the text reads off it: C → 0 as a_y → 1⁻ "
              "and C → ∞ as a_y → 0⁺."])
def _log_likelihood() -> list[Part]:
    d = [define(C_sym, -sp.log(a_y), "log-likelihood cost (80)")]
    return [
        Part("a_y → 1: C → 0", Chain(sp.Limit(C_sym, a_y, 1, "-"), define=d).eq(0, by="ln 1 = 0")),
        Part("a_y → 0⁺: C → ∞", Chain(sp.Limit(C_sym, a_y, 0, "+"), define=d)
             .eq(oo, by="ln a → −∞ as a → 0⁺")),
    ]


def _nndl_layer():
    """z_r = w_rk a_k + ρ_r + b_r, a_r = softmax(z)_r, C = −Σ_r y_r ln a_r."""
    zr = lambda r: W[r] * a_prev_k + RHO[r] + B[r]  # noqa: E731
    ar = lambda r: sp.exp(zr(r)) / sp.Sum(sp.exp(zr(m)), (m, 1, n))  # noqa: E731
    C = -sp.Sum(Y[l] * sp.log(ar(l)), (l, 1, n))
    return ar, C


@claim("nndl.ll-grads", source="001", cite="NNDL ch. 3, eqs. (81), (82)", kind="derivation",
       statement="Softmax output + log-likelihood, one-hot y: ∂C/∂b_j^L = a_j^L − y_j (81); "
                 "∂C/∂w_jk^L = a_k^{L−1}(a_j^L − y_j) (82).",
       notes=["C = −Σ_r y_r ln a_r^L, which is −ln a_y^L (80) for the one-hot y; only Σ_r y_r = 1 is "
              "used. z_r^L = w_rk a_k^{L−1} + ρ_r + b_r with ρ_r = Σ_{q≠k} w_rq a_q^{L−1}: for the fixed "
              "(arbitrary) k this is z_r^L = Σ_q w_rq a_q^{L−1} + b_r exactly, ρ being free of w_jk and "
              "b_j. Both derivatives are of the composite cost, for symbolic n."])
def _ll_grads() -> list[Part]:
    # the book's names: C = −Σ_r y_r ln a_r, a_r = softmax(z)_r, z_r = w_rk a_k^{L−1} + ρ_r + b_r
    q = sp.Symbol("q", integer=True, positive=True)
    z_def = define(Z[q], W[q] * a_prev_k + RHO[q] + B[q], "weighted input")
    kw = dict(assuming=_one_hot, domain={Y: OneHot()}, n=n, define=[C_DEF, A_DEF, z_def])
    return [
        Part("(81) ∂C/∂b_j = a_j − y_j",
             Chain(sp.Derivative(C_sym, B[j]), **kw).eq(A[j] - Y[j], by="∂z_r/∂b_j = δ_rj, then (84)")),
        Part("(82) ∂C/∂w_jk = a_k^{L−1}(a_j − y_j)",
             Chain(sp.Derivative(C_sym, W[j]), **kw)
             .eq(a_prev_k * (A[j] - Y[j]), by="∂z_r/∂w_jk = δ_rj a_k^{L−1}, then (84)")),
    ]


@claim("nndl.softmax-ll-delta", source="001", cite="NNDL ch. 3, eq. (84)", kind="derivation",
       statement="δ_j^L ≡ ∂C/∂z_j^L = a_j^L − y_j (84), for all n.",
       notes=["C = −Σ_r y_r ln a_r (= −ln a_y for one-hot y, (80)); in general the derivative is "
              "a_j Σ_r y_r − y_j, and Σ_r y_r = 1 gives (84)."])
def _softmax_ll_delta() -> list[Part]:
    return [Part("(84)", Chain(sp.Derivative(C_sym, Z[j]), assuming=_one_hot, domain={Y: OneHot()}, n=n,
                               define=[C_DEF, A_DEF])
                 .eq(A[j] - Y[j], by="Σ_r y_r(δ_rj − a_j) = a_j Σ_r y_r − y_j, Σ_r y_r = 1"))]


# ---------------------------------------------------------------- blog “初探softmax”
@claim("blog1.ce-loss", source="002", cite="blog “初探softmax”, the cross-entropy formula", kind="definition",
       statement="L = −Σ_i t_i ln y_i, t the true distribution, y = softmax(V).",
       notes=["A definition; checked: for a one-hot t at i it is −ln y_i (the blog's step a), and for "
              "any t with Σ t = 1 it is LSE(V) − Σ_i t_i V_i."])
def _ce_loss() -> list[Part]:
    names = [define(L_sym, -sp.Sum(T[l] * sp.log(YB[l]), (l, 1, n)), "cross-entropy"), YB_DEF]
    return [
        Part("one-hot t at i: L = −ln y_i",
             Chain(-sp.Sum(delta(j, i) * sp.log(YB[j]), (j, 1, n)), n=n, define=[YB_DEF])
             .eq(-sp.log(YB[i]), by="t_j = δ_ji")),
        Part("Σ t = 1: L = log Σ_j e^{V_j} − Σ_i t_i V_i",
             Chain(L_sym, assuming=[sp.Eq(sp.Sum(T[l], (l, 1, n)), 1)], domain={T: Simplex()}, n=n,
                   define=names)
             .eq(sp.log(sp.Sum(sp.exp(V[m]), (m, 1, n))) - sp.Sum(T[l] * V[l], (l, 1, n)),
                 by="ln y_i = V_i − log Σ_j e^{V_j}")),
    ]


@claim("blog1.ce-grad", source="002", cite="blog “初探softmax”, steps a–c of the derivative", kind="derivation",
       statement="With t one-hot at i: L = −ln y_i; ∂L/∂V_i = y_i − 1 and ∂L/∂V_j = y_j for j ≠ i "
                 "(“the softmax probability minus 1”).")
def _ce_grad() -> list[Part]:
    names = [define(L_sym, -sp.log(YB[i]), "cross-entropy, t one-hot at i"), YB_DEF]
    return [
        Part("a. t_i = 1: L = −ln y_i",
             Chain(-sp.Sum(delta(j, i) * sp.log(YB[j]), (j, 1, n)), n=n, define=names)
             .eq(L_sym, by="t_j = δ_ji")),
        Part("c. ∂L/∂V_i = y_i − 1",
             Chain(sp.Derivative(L_sym, V[i]), n=n, define=names).eq(YB[i] - 1, by="−1 + e^{V_i}/Σ_j e^{V_j}")),
        Part("c. ∂L/∂V_j = y_j (j ≠ i)",
             Chain(sp.Derivative(L_sym, V[j]), assuming=[sp.Ne(i, j)], n=n, define=names)
             .eq(YB[j], by="∂V_i/∂V_j = 0 for j ≠ i")),
    ]


@claim("blog1.example-2-3-4", source="002", cite="blog “初探softmax”, the worked example", kind="numeric, as stated",
       statement="softmax(2, 3, 4) = (0.0903, 0.2447, 0.665); with the second class correct the gradient is "
                 "(0.0903, −0.7553, 0.665).",
       corrected="softmax(2, 3, 4) = (0.0900, 0.2447, 0.6652) (0.09003, 0.24473, 0.66524); the gradient "
                 "softmax − e_2 = (0.0900, −0.7553, 0.6652).",
       notes=["Each printed number is judged at its own printed places under the one rounding rule. "
              "The gradient's exact value is softmax(2, 3, 4) − (0, 1, 0) (blog1.ce-grad, dl.nll-gradient)."])
def _example_2_3_4() -> list[Part]:
    s = softmax_vec([sp.Integer(2), sp.Integer(3), sp.Integer(4)])
    g = [s[0], s[1] - 1, s[2]]
    parts = [Part(f"softmax(2, 3, 4)_{q + 1} ≈ {txt}", Stated(s[q], txt))
             for q, txt in enumerate(("0.0903", "0.2447", "0.665"))]
    parts += [Part(f"gradient component {q + 1} ≈ {txt}", Stated(g[q], txt))
              for q, txt in enumerate(("0.0903", "-0.7553", "0.665"))]
    parts += [Part("corrected: softmax(2, 3, 4)_1 ≈ 0.0900", Stated(s[0], "0.0900"), counts=False),
              Part("corrected: gradient component 1 ≈ 0.0900", Stated(g[0], "0.0900"), counts=False)]
    return parts
