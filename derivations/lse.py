"""Log-sum-exp, RealSoftMax, soft max and soft min.

Sources:
  * DL §6.2.2.3 (seed 000, notes on Goodfellow, Bengio & Courville): log Σ_j exp(z_j) ≈ max_j z_j
    (the approximation behind eq. 6.30), and the notes' question how the soft version of max is
    computed (softmax(z)ᵀz; ∇ LSE = softmax);
  * d2l §4.1 exercise 3 (seed 003): RealSoftMax(a, b) = log(exp(a) + exp(b)), its bounds and limits,
    soft-min, n arguments; and the answer text that follows the exercises.

Importable objects:

* :func:`lse` — LSE(z) = log Σ_j e^{z_j} (DL §6.2.2.3), general n;
* :func:`real_softmax` — RealSoftMax(a, b) = log(exp(a) + exp(b)) (d2l §4.1 ex. 3), any number of
  arguments, or an ``IndexedBase`` for general n;
* :func:`soft_min` — −RealSoftMax(−a, −b) (d2l §4.1 ex. 3d), any number of arguments;
* :func:`answer_soft_min` — the answer text's Soft-min(p) = log Σ_i p_i e^{z_i} − log Σ_i e^{z_i},
  p = softmax(z) (refuted as a soft min: see ``d2l.answer-softmin``);
* :func:`soft_max_value` — softmax(z)ᵀz, the soft version of max (DL §6.2.2.3 notes' question);
* :func:`sum_below_max` — Σ_j g(z_j) for z = (M − u_1, …, M − u_{n−1}, M), u_j ≥ 0 (see below).

Encoding choices (read with the claims):
  * "max_j z_j" for symbolic n: SymPy has no max over a symbolic number of entries, so the vector
    is parametrised by its maximum M and the gaps below it, z = (M − u_1, …, M − u_{n−1}, M) with
    u_j ≥ 0 (``U``, nonnegative; ties allowed). Every real vector is a permutation of one such
    vector and all quantities here are symmetric in the entries, so nothing is lost. Then
    Σ_j e^{z_j} = e^M (1 + R) with R = Σ_{j<n} e^{−u_j} ∈ (0, n − 1];
  * "softmax(z)ᵀz ≤ max_j z_j" is proven in the stronger form "≤ M for every upper bound M of the
    entries" (z_j = M − u_j for all j, u_j ≥ 0), and "≥ min" as "≥ μ for every lower bound μ";
  * the limit softmax(z/T)ᵀz → max as T → 0⁺ is proven as a Limit for a unique maximum
    (gaps v_j > 0), and with ties allowed through the proven bounds
    M − (n − 1)T/e ≤ softmax(z/T)ᵀz ≤ M, which squeeze it to M.
"""
from __future__ import annotations

import sympy as sp

from derivations.common import A, Z, a, b, define, j, k, lam, m, n, softmax_i, T
from derivations.common import lse as _lse
from proofs import Chain, Positive
from proofs.claims import Part, claim

__all__ = ["lse", "real_softmax", "soft_min", "answer_soft_min", "soft_max_value", "sum_below_max",
           "M", "mu", "U", "V", "W"]

oo = sp.oo
M = sp.Symbol("M", real=True)                  # the maximum (or an upper bound) of the entries
mu = sp.Symbol("mu", real=True)                # a lower bound of the entries
U = sp.IndexedBase("u", nonnegative=True)      # gaps below the maximum, u_j ≥ 0 (ties allowed)
V = sp.IndexedBase("v", positive=True)         # gaps below a unique maximum, v_j > 0
W = sp.IndexedBase("w", nonnegative=True)      # gaps above a lower bound, w_j ≥ 0
d = sp.Symbol("d", positive=True)              # a margin a − b > 0
t_pos = sp.Symbol("t", positive=True)          # how far the other entries fall below the max


# ---------------------------------------------------------------- importable expressions
def lse(zv=Z, size=n, dummy=m) -> sp.Expr:
    """LSE(z) = log Σ_{j=1}^{size} e^{z_j} (DL §6.2.2.3; d2l §4.1 ex. 3's RealSoftMax for n numbers)."""
    return _lse(zv, size, dummy)


def real_softmax(*args) -> sp.Expr:
    """RealSoftMax(a, b) = log(exp(a) + exp(b)) (d2l §4.1 ex. 3); with n arguments
    log Σ_i exp(a_i) (ex. 3e); a single ``IndexedBase`` argument gives the general-n LSE."""
    if len(args) == 1 and isinstance(args[0], sp.IndexedBase):
        return lse(args[0])
    return sp.log(sp.Add(*[sp.exp(x) for x in args]))


def soft_min(*args) -> sp.Expr:
    """soft-min(a, b) = −RealSoftMax(−a, −b) = −log(exp(−a) + exp(−b)) (d2l §4.1 ex. 3d)."""
    if len(args) == 1 and isinstance(args[0], sp.IndexedBase):
        zv = args[0]
        return -sp.log(sp.Sum(sp.exp(-zv[m]), (m, 1, n)))
    return -real_softmax(*[-x for x in args])


def answer_soft_min(*zs) -> sp.Expr:
    """The answer text's Soft-min(p) = log(Σ_i p_i e^{z_i}) − log(Σ_i e^{z_i}), p = softmax(z)
    (d2l §4.1 ex. 3, "the answer text", item 4), for an explicit list z_1 … z_r."""
    s = sp.Add(*[sp.exp(x) for x in zs])
    p = [sp.exp(x) / s for x in zs]
    return sp.log(sp.Add(*[pi * sp.exp(x) for pi, x in zip(p, zs)])) - sp.log(s)


def soft_max_value(zv=Z, size=n) -> sp.Expr:
    """softmax(z)ᵀz = Σ_j softmax(z)_j z_j, "the soft version of max" (DL §6.2.2.3)."""
    return sp.Sum(softmax_i(zv, j, size) * zv[j], (j, 1, size))


def sum_below_max(g, top=M, gaps=U, size=n) -> sp.Expr:
    """Σ_j g(z_j) for z = (top − u_1, …, top − u_{size−1}, top): g(top) + Σ_{j<size} g(top − u_j)."""
    return g(top) + sp.Sum(g(top - gaps[j]), (j, 1, size - 1))


def _sub(expr, zv, f):
    """Replace every entry zv[q] of expr by f(q) (a parametrisation of the vector)."""
    return expr.replace(lambda e: isinstance(e, sp.Indexed) and e.base == zv,
                        lambda e: f(e.indices[0]))


def _R(gaps=U, scale=1):
    """R = Σ_{j<n} e^{−scale·u_j}: Σ_j e^{scale·z_j} = e^{scale·M} (1 + R)."""
    return sp.Sum(sp.exp(-scale * gaps[j]), (j, 1, n - 1))


# ---------------------------------------------------------------- DL §6.2.2.3
@claim("dl.lse-approx-max", source="000", cite="DL §6.2.2.3 (after eq. (6.30))",
       kind="inequality + limit",
       statement="log Σ_j exp(z_j) ≈ max_j z_j. Precisely: max_j z_j < LSE(z) ≤ max_j z_j + log n, "
                 "and LSE(z) − max_j z_j → 0 when every other z_k falls far below the maximum.",
       notes=["General n: z = (M − u_1, …, M − u_{n−1}, M) with u_j ≥ 0 — M is max_j z_j and every "
              "real vector is a permutation of such a vector (LSE is symmetric). Then "
              "Σ_j e^{z_j} = e^M (1 + R), R = Σ_{j<n} e^{−u_j}, and 0 < R ≤ n − 1 (n ≥ 2).",
              "The upper bound is attained when all entries are equal (R = n − 1).",
              "'Far below': the other entries are at most M − t (z_j = M − t − u_j), t → ∞."])
def _lse_approx_max() -> list[Part]:
    L = sp.log(sum_below_max(sp.exp))
    factored = M + sp.log(1 + _R())
    dom = {U: Positive()}
    return [
        Part("max_j z_j < LSE(z) (for all n ≥ 2)",
             Chain(L, domain=dom, n=n)
             .eq(factored, by="Σ_j e^{z_j} = e^M (1 + R), R = Σ_{j<n} e^{−u_j}; log of a product")
             .gt(M, by="R > 0, so log(1 + R) > 0")),
        Part("LSE(z) ≤ max_j z_j + log n (for all n ≥ 2)",
             Chain(factored, domain=dom, n=n)
             .le(M + sp.log(1 + sp.Sum(1, (j, 1, n - 1))),
                 by="e^{−u_j} ≤ 1 for u_j ≥ 0, termwise; log increasing")
             .eq(M + sp.log(n), by="1 + (n − 1) = n")),
        Part("LSE(z) − max_j z_j → 0 when the others are ≤ M − t, t → ∞ (for all n)",
             Chain(sp.Limit(sp.log(sp.exp(M) + sp.Sum(sp.exp(M - t_pos - U[j]), (j, 1, n - 1))) - M,
                            t_pos, oo), domain=dom, n=n)
             .eq(0, by="= log(1 + e^{−t} Σ_{j<n} e^{−u_j}) with the sum fixed → log 1")),
    ]


@claim("dl.soft-max-value", source="000", cite="DL §6.2.2.3 (the notes' question how the soft "
       "version of max is computed)", kind="property + limit",
       statement="The soft version of max is softmax(z)ᵀz: min_i z_i ≤ softmax(z)ᵀz ≤ max_i z_i and "
                 "softmax(z/T)ᵀz → max_i z_i as T → 0⁺. Also ∇_z LSE(z) = softmax(z).",
       notes=["≤ max is proven in the stronger form ≤ M for every upper bound M of the entries "
              "(z_j = M − u_j, u_j ≥ 0, all j); ≥ min as ≥ μ for every lower bound (z_j = μ + w_j).",
              "The limit: as a Limit object for a unique maximum (z = (M − v_1, …, M − v_{n−1}, M), "
              "v_j > 0); with ties allowed (u_j ≥ 0) through the proven bounds "
              "M − (n − 1)T/e ≤ softmax(z/T)ᵀz ≤ M, which squeeze it to M as T → 0⁺ "
              "(u e^{−u/T} ≤ T/e is e^x ≥ e·x at x = u/T)."])
def _soft_max_value() -> list[Part]:
    smv = soft_max_value()
    upper = _sub(smv, Z, lambda q: M - U[q])
    lower = _sub(smv, Z, lambda q: mu + W[q])
    # softmax(z/T)ᵀz with z = (M − g_1, …, M − g_{n−1}, M)
    def scaled(gaps):
        num = sum_below_max(lambda x: x * sp.exp(x / T), gaps=gaps)
        den = sum_below_max(lambda x: sp.exp(x / T), gaps=gaps)
        return num / den
    gap_sum = sp.Sum(U[j] * sp.exp(-U[j] / T), (j, 1, n - 1))
    return [
        Part("softmax(z)ᵀz ≤ M for every upper bound M of the entries, so ≤ max_i z_i (for all n)",
             Chain(upper, domain={U: Positive()}, n=n)
             .le(M, by="M − softmax(z)ᵀz = Σ_j softmax(z)_j u_j ≥ 0")),
        Part("softmax(z)ᵀz ≥ μ for every lower bound μ of the entries, so ≥ min_i z_i (for all n)",
             Chain(lower, domain={W: Positive()}, n=n)
             .ge(mu, by="softmax(z)ᵀz − μ = Σ_j softmax(z)_j w_j ≥ 0")),
        Part("softmax(z/T)ᵀz → max_i z_i as T → 0⁺, unique maximum (for all n)",
             Chain(sp.Limit(scaled(V), T, 0, "+"), domain={V: Positive()}, n=n)
             .eq(M, by="divide by e^{M/T}: every e^{−v_j/T} → 0 and v_j e^{−v_j/T} → 0")),
        Part("ties allowed: M − softmax(z/T)ᵀz ≤ (n − 1)T/e, so the limit is M (for all n)",
             Chain(M - scaled(U), domain={U: Positive()}, n=n)
             .eq(gap_sum / (1 + _R(scale=1 / T)),
                 by="divide by e^{M/T}: M − sᵀz = Σ_j u_j e^{−u_j/T} / (1 + Σ_j e^{−u_j/T})")
             .le(gap_sum, by="the denominator is ≥ 1")
             .le(sp.Sum(T / sp.E, (j, 1, n - 1)), by="u e^{−u/T} ≤ T/e (e^x ≥ e·x), termwise")
             .eq((n - 1) * T / sp.E)),
        Part("∇_z LSE(z) = softmax(z): ∂LSE/∂z_k = softmax(z)_k (for all n)",
             Chain(sp.Derivative(lse(), Z[k]), n=n)
             .eq(softmax_i(Z, k), by="chain rule: (1/Σ_j e^{z_j}) · e^{z_k}")),
    ]


# ---------------------------------------------------------------- d2l §4.1 exercise 3
RSM = sp.Function("RealSoftMax")      # d2l's name, a named definition (printed, unfolded by the kernel)
RSM_DEF = define(RSM(a, b), sp.log(sp.exp(a) + sp.exp(b)), "RealSoftMax (d2l ex. 3)")
@claim("d2l.rsm-gt-max", source="003", cite="d2l §4.1 ex. 3a; the answer text, item 1",
       kind="inequality",
       statement="RealSoftMax(a, b) = log(exp(a) + exp(b)) > max(a, b) for all real a, b.")
def _rsm_gt_max() -> list[Part]:
    return [
        Part("the answer's step: exp(a) + exp(b) > exp(max(a, b))",
             Chain(sp.exp(a) + sp.exp(b)).gt(sp.exp(sp.Max(a, b)),
                                             by="both terms positive, one of them is exp(max(a, b))")),
        Part("RealSoftMax(a, b) > max(a, b)",
             Chain(RSM(a, b), define=[RSM_DEF])
             .gt(sp.log(sp.exp(sp.Max(a, b))), by="log strictly increasing")
             .eq(sp.Max(a, b), by="log(exp(x)) = x")),
    ]


@claim("d2l.rsm-lambda-gt-max", source="003", cite="d2l §4.1 ex. 3b; the answer text, item 2",
       kind="inequality",
       statement="λ⁻¹ RealSoftMax(λa, λb) > max(a, b) for all real a, b and λ > 0; the answer text's "
                 "steps: RealSoftMax(λa, λb) = λa + log(1 + exp(λb − λa)), and "
                 "log(1 + exp(λb − λa)) > 0.",
       notes=["The answer justifies log(1 + exp(λb − λa)) > 0 by 'log(1 + x) is strictly increasing'; "
              "the reason that makes it hold is exp(·) > 0, so 1 + exp(·) > 1."])
def _rsm_lambda_gt_max() -> list[Part]:
    R = RSM(lam * a, lam * b)
    d_ = [RSM_DEF]
    return [
        Part("λ⁻¹ RealSoftMax(λa, λb) > max(a, b), λ > 0",
             Chain(R / lam, define=d_).gt(sp.Max(a, b), by="multiply by λ > 0; RealSoftMax > max (ex. 3a)")),
        Part("the answer's step: RealSoftMax(λa, λb) = λa + log(1 + exp(λb − λa))",
             Chain(R, define=d_).eq(lam * a + sp.log(1 + sp.exp(lam * b - lam * a)),
                                   by="factor exp(λa) out of the sum")),
        Part("the answer's step: log(1 + exp(λb − λa)) > 0",
             Chain(sp.log(1 + sp.exp(lam * b - lam * a))).gt(0, by="1 + exp(·) > 1")),
        Part("the answer's step: hence λ⁻¹ RealSoftMax(λa, λb) > a",
             Chain(R / lam, define=d_).eq(a + sp.log(1 + sp.exp(lam * b - lam * a)) / lam, by="divide by λ")
             .gt(a, by="log(1 + exp(λb − λa)) > 0 and λ > 0")),
        Part("the answer's step: 'likewise' > b",
             Chain(R / lam, define=d_).eq(b + sp.log(1 + sp.exp(lam * a - lam * b)) / lam, by="factor exp(λb)")
             .gt(b, by="log(1 + exp(λa − λb)) > 0 and λ > 0")),
    ]


@claim("d2l.rsm-limit", source="003", cite="d2l §4.1 ex. 3c; the answer text, item 3", kind="limit",
       statement="λ⁻¹ RealSoftMax(λa, λb) → max(a, b) as λ → ∞, for all real a, b (a = b included).")
def _rsm_limit() -> list[Part]:
    f = lambda u, v: RSM(lam * u, lam * v) / lam  # noqa: E731
    d_ = [RSM_DEF]
    return [
        Part("λ⁻¹ RealSoftMax(λa, λb) → max(a, b), all real a, b",
             Chain(sp.Limit(f(a, b), lam, oo), define=d_)
             .eq(sp.Max(a, b), by="factor out the dominant exponential (case split)")),
        Part("the answer's case a > b (b = a − d, d > 0): → a",
             Chain(sp.Limit(f(a, a - d), lam, oo), define=d_)
             .eq(a, by="exp(λa) ≫ exp(λb): RealSoftMax ≈ λa")),
        Part("the case a = b, which the answer does not treat separately: → a",
             Chain(sp.Limit(f(a, a), lam, oo), define=d_).eq(a, by="λ⁻¹ log(2 e^{λa}) = a + log(2)/λ")),
    ]


@claim("d2l.softmin", source="003", cite="d2l §4.1 ex. 3d", kind="identity + inequality + limit",
       statement="Soft-min: −RealSoftMax(−a, −b) = −log(exp(−a) + exp(−b)) < min(a, b), and "
                 "−λ⁻¹ RealSoftMax(−λa, −λb) → min(a, b) as λ → ∞.")
def _softmin() -> list[Part]:
    return [
        Part("−RealSoftMax(−a, −b) < min(a, b)",
             Chain(-RSM(-a, -b), define=[RSM_DEF]).eq(-sp.log(sp.exp(-a) + sp.exp(-b)), by="definition")
             .lt(sp.Min(a, b), by="RealSoftMax(−a, −b) > max(−a, −b) = −min(a, b)")),
        Part("−λ⁻¹ RealSoftMax(−λa, −λb) → min(a, b) as λ → ∞",
             Chain(sp.Limit(-RSM(-lam * a, -lam * b) / lam, lam, oo), define=[RSM_DEF])
             .eq(sp.Min(a, b), by="ex. 3c applied to −a, −b: → −max(−a, −b) = min(a, b)")),
    ]


@claim("d2l.answer-softmin", source="003", cite="d2l §4.1 ex. 3d; the answer text, item 4",
       kind="claim, as stated",
       statement="The answer text's soft-min: Soft-min(p) = log(Σ_i p_i e^{z_i}) − log(Σ_i e^{z_i}), "
                 "p = softmax(z), offered as the soft version of min.",
       corrected="A soft min is −RealSoftMax(−z) = −log Σ_i e^{−z_i} (< min z, and "
                 "−λ⁻¹ log Σ_i e^{−λ z_i} → min z as λ → ∞). The answer's expression equals "
                 "LSE(2z) − 2 LSE(z) ≤ 0 whatever z is, and its λ-scaled version tends to 0.",
       notes=["Test used: a soft version of min must approach min when the inputs are scaled, as "
              "λ⁻¹ RealSoftMax(λa, λb) approaches max (ex. 3c). With z = λ(a, b): "
              "Soft-min = LSE(2λz) − 2 LSE(λz), and λ⁻¹ Soft-min → 2 max − 2 max = 0. By hand for "
              "(a, b) = (1, 2): λ⁻¹[log(e^{2λ} + e^{4λ}) − 2 log(e^{λ} + e^{2λ})] = "
              "λ⁻¹[log(1 + e^{−2λ}) − 2 log(1 + e^{−λ})] → 0, while min(1, 2) = 1.",
              "The answer also calls it the inverse of softmax, turning p back into z; it returns a "
              "single number, not a vector, so it cannot be that either."])
def _answer_softmin() -> list[Part]:
    sm = lambda u, v: answer_soft_min(lam * u, lam * v) / lam  # noqa: E731
    return [
        Part("as stated: λ⁻¹ Soft-min(λa, λb) → min(a, b) as λ → ∞",
             Chain(sp.Limit(sm(a, b), lam, oo)).eq(sp.Min(a, b), by="what a soft min must do")),
        Part("as stated, two numbers by hand: z = λ(1, 2), λ⁻¹ Soft-min → min(1, 2) = 1",
             Chain(sp.Limit(sm(1, 2), lam, oo)).eq(1, by="what a soft min must do")),
        Part("what it is: Soft-min(z) = LSE(2z) − 2 LSE(z)",
             Chain(answer_soft_min(a, b))
             .eq(sp.log(sp.exp(2 * a) + sp.exp(2 * b)) - 2 * sp.log(sp.exp(a) + sp.exp(b)),
                 by="Σ_i p_i e^{z_i} = Σ_i e^{2z_i} / Σ_i e^{z_i}")),
        Part("it is negative whatever z is (so it does not track min z)",
             Chain(answer_soft_min(a, b)).lt(0, by="Σ e^{2z_i} < (Σ e^{z_i})²"), counts=False),
        Part("its λ-scaled limit is 0 for every (a, b)",
             Chain(sp.Limit(sm(a, b), lam, oo)).eq(0, by="LSE(2λz) − 2 LSE(λz) stays bounded"),
             counts=False),
        Part("corrected: −λ⁻¹ log(e^{−λa} + e^{−λb}) → min(a, b)",
             Chain(sp.Limit(soft_min(lam * a, lam * b) / lam, lam, oo)).eq(sp.Min(a, b)),
             counts=False),
    ]


@claim("d2l.rsm-n", source="003", cite="d2l §4.1 ex. 3e; the answer text, item 5",
       kind="inequality + limit + identity",
       statement="RealSoftMax(a_1, …, a_n) = log Σ_i exp(a_i) > max_i a_i; λ⁻¹ RealSoftMax(λa) > "
                 "max_i a_i for λ > 0; → max_i a_i as λ → ∞; and the answer text's 'recursive "
                 "definition': RealSoftMax(a_1, …, a_n) = RealSoftMax(RealSoftMax(a_1, …, a_{n−1}), "
                 "a_n), for all n.",
       notes=["General n: a = (M − u_1, …, M − u_{n−1}, M), u_j ≥ 0 (ties allowed), M = max_i a_i; "
              "every real vector is a permutation of such a vector and RealSoftMax is symmetric.",
              "The limit squeezes R(λ) = Σ_{j<n} e^{−λu_j} between 0 and n − 1: "
              "M ≤ λ⁻¹ RealSoftMax(λa) ≤ M + log(n)/λ.",
              "The answer writes the formula log Σ_i exp(a_i) and calls it a recursive definition; "
              "the recursion RealSoftMax(RealSoftMax(a_1..a_{n−1}), a_n) is checked as an identity.",
              "In the recursion e^{a_n} is written as the one-term sum Σ_{j=n}^{n} e^{a_j}: the "
              "kernel's sampler would take the size symbol n in a[n] for a free index."])
def _rsm_n() -> list[Part]:
    dom = {U: Positive()}
    L = sp.log(sum_below_max(sp.exp))
    Llam = sp.log(sum_below_max(lambda x: sp.exp(lam * x)))
    inner = sp.log(sp.Sum(sp.exp(A[j]), (j, 1, n - 1)))
    last = sp.Sum(sp.exp(A[j]), (j, n, n))   # = e^{a_n}, written as a one-term sum (see notes)
    return [
        Part("RealSoftMax(a_1, …, a_n) > max_i a_i (for all n ≥ 2)",
             Chain(L, domain=dom, n=n).gt(M, by="Σ_i e^{a_i} = e^M (1 + R) with R > 0")),
        Part("λ⁻¹ RealSoftMax(λa_1, …, λa_n) > max_i a_i, λ > 0 (for all n ≥ 2)",
             Chain(Llam / lam, domain=dom, n=n).gt(M, by="multiply by λ > 0: Σ_i e^{λa_i} = "
                                                        "e^{λM}(1 + R(λ)), R(λ) > 0")),
        Part("λ⁻¹ RealSoftMax(λa_1, …, λa_n) → max_i a_i as λ → ∞ (for all n, ties allowed)",
             Chain(sp.Limit(Llam / lam, lam, oo), domain=dom, n=n)
             .eq(M, by="M ≤ λ⁻¹ RealSoftMax(λa) ≤ M + log(n)/λ")),
        Part("the answer's recursion: RealSoftMax(RealSoftMax(a_1..a_{n−1}), a_n) = "
             "RealSoftMax(a_1..a_n) (for all n ≥ 2)",
             Chain(sp.log(sp.exp(inner, evaluate=False) + last), n=n)
             .eq(sp.log(sp.Sum(sp.exp(A[j]), (j, 1, n))),
                 by="exp(log S) = S; Σ_{i≤n} = Σ_{i<n} + (i = n)")),
    ]
