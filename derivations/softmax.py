"""Softmax itself: definition, range, normalisation, shift invariance, saturation, Jacobian, limits.

Sources (catalogue rows ``dl.*``, ``nndl.*``, ``blog1.*``, ``blog2.*`` about softmax itself):

* DL  — Goodfellow, Bengio & Courville, *Deep Learning*, §6.2.2.3, eqs. (6.28)–(6.33);
* NNDL — Nielsen, *Neural Networks and Deep Learning*, ch. 3, eqs. (78), (79), (83) and exercises;
* blog “初探softmax” (S_i = e^{V_i}/Σ_j e^{V_j}, the example (3, 1, −3), the overflow fix);
* blog “softmax+交叉熵”, eqs. (1), (13), (14).

Importable objects: :func:`softmax` (indexed, general n), :func:`jacobian_entry` (general n, with
a Kronecker delta), :func:`jacobian` and :func:`softmax_vector` (explicit, concrete n),
:func:`softmax_temperature` (NNDL eq. 83).

General-n statements use ``IndexedBase`` entries and ``Sum`` over 1..n with ``n=n`` on the Chain.
Statements about "the maximum" use a parametrisation in which the maximum is explicit: the
maximal entries equal a real M and every other entry is M − d_k with a gap d_k > 0
(``d = IndexedBase('d', positive=True)``); every real vector with its maximal entries at the
stated positions has this form. Limits of such expressions with symbolic n are decided by the
strategy in :mod:`proofs.strategies_softmax` (termwise limits of finite sums); the same module
splits e^{z_j + c} = e^c e^{z_j} inside sums for the kernel's general-n strategy.
"""
from __future__ import annotations

import mpmath
import numpy as np
import sympy as sp

from derivations.common import (SOFTMAX_DEF, SOFTMAX_Z, T, Z, define, i, j, k, l, m, n, softmax_def, softmax_i, softmax_vec,
                                symbols_vec, t)
from proofs import Chain, Integer, Positive
from proofs.claims import Measured, Part, Stated, claim

E = sp.exp

# the maximum of a vector, made explicit (see the module docstring)
M = sp.Symbol("M", real=True)                 # the (common) value of the maximal entries
d = sp.IndexedBase("d", positive=True)        # gaps below the maximum: z_k = M − d_k
c = sp.Symbol("c", positive=True)             # NNDL's constant in eq. (83)
cr = sp.Symbol("c", real=True)                # DL's shift constant in eq. (6.32)
A = sp.IndexedBase("a", real=True)            # blog “softmax+交叉熵”: the input vector [a_1 … a_k]
V = sp.IndexedBase("V", real=True)            # blog “初探softmax”: classifier outputs V_i

# each document's letter for softmax, as a named definition (printed so, unfolded by the kernel)
_q = sp.Symbol("q", integer=True, positive=True)
AL = sp.IndexedBase("a", real=True)           # NNDL's a_j^L (eq. 78), blog 2's a_i (eq. 8)
S_ = sp.IndexedBase("S", real=True)           # blog “初探softmax”: S_i
A_NNDL = softmax_def(AL, dummy=k, label="softmax (78)")       # a_j := e^{z_j}/Σ_k e^{z_k}
S_DEF = softmax_def(S_, V, dummy=m, label="softmax S_i")      # S_j := e^{V_j}/Σ_m e^{V_m}


_A_M = softmax_def(AL, dummy=m, label="softmax (78)")       # the same, summed over m


def _blog2_a(dummy):
    """blog 2's a_q := e^{z_q}/Σ_dummy e^{z_dummy} (8), with the sum index each equation uses."""
    return define(AL[_q], E(Z[_q]) / sp.Sum(E(Z[dummy]), (dummy, 1, n)), "softmax (8)")


# ---------------------------------------------------------------- importable expressions
def softmax(zv: sp.IndexedBase = Z, i: sp.Expr = i, size: sp.Expr = n, dummy: sp.Symbol | None = None):
    """softmax(z)_i = e^{z_i} / Σ_{j=1}^{size} e^{z_j}.

    DL eq. (6.29); NNDL eq. (78) (a_j^L); blog “初探softmax” S_i; blog “softmax+交叉熵” eqs. (1), (8).
    ``size`` may be the symbol n (general n) or an integer; the summation dummy is chosen free
    of ``i`` unless given.
    """
    if dummy is None:
        dummy = next(s for s in (m, l, k, j) if not sp.sympify(i).has(s))
    return softmax_i(zv, i, size, dummy)


def jacobian_entry(i: sp.Expr, j: sp.Expr, zv: sp.IndexedBase = Z, size: sp.Expr = n):
    """∂ softmax(z)_i / ∂z_j = a_i (δ_ij − a_j), a = softmax(z).

    Blog “softmax+交叉熵” eq. (13) (i = j: a_i(1 − a_i)) and eq. (14) (i ≠ j: −a_i a_j); NNDL ch. 3
    exercise on monotonicity. General n, with a Kronecker delta.
    """
    return softmax(zv, i, size) * (sp.KroneckerDelta(i, j) - softmax(zv, j, size))


def softmax_vector(size: int, zs: list | None = None) -> sp.Matrix:
    """The column (softmax(z)_1, …, softmax(z)_size) in symbols z1 … z_size (DL eq. 6.29)."""
    zs = list(zs) if zs is not None else symbols_vec("z", size)
    return sp.Matrix(softmax_vec(zs))


def jacobian(size: int, zs: list | None = None) -> sp.Matrix:
    """The explicit Jacobian J[p, q] = ∂a_p/∂z_q = a_p(δ_pq − a_q) = diag(a) − a aᵀ for concrete n.

    Blog “softmax+交叉熵” eqs. (13)–(14), in symbols z1 … z_size.
    """
    zs = list(zs) if zs is not None else symbols_vec("z", size)
    a = softmax_vec(zs)
    return sp.Matrix(size, size, lambda p, q: a[p] * (sp.KroneckerDelta(p, q) - a[q]))


def softmax_temperature(zv: sp.IndexedBase = Z, j: sp.Expr = j, c: sp.Expr = c, size: sp.Expr = n):
    """a_j = e^{c z_j} / Σ_k e^{c z_k} (NNDL ch. 3, eq. 83); c = 1 is softmax."""
    dummy = next(s for s in (k, l, m) if not sp.sympify(j).has(s))
    return E(c * zv[j]) / sp.Sum(E(c * zv[dummy]), (dummy, 1, size))


# ---------------------------------------------------------------- helpers for the limit rows
def _raised_denominator(q, amount):
    """Σ_j e^{z'_j} for z' = z with z_q raised by ``amount``: e^{z_q + amount} + (Σ_j e^{z_j} − e^{z_q})."""
    return E(Z[q] + amount) + sp.Sum(E(Z[m]), (m, 1, n)) - E(Z[q])


def _argmax_denominator(q, scale):
    """Σ_j e^{scale·z_j} for z_q = M (the unique maximum) and z_j = M − d_j (j ≠ q)."""
    return E(scale * M) + sp.Sum(E(scale * (M - d[l])), (l, 1, n)) - E(scale * (M - d[q]))


def _tied_denominator(scale):
    """Σ_j e^{scale·z_j} for z_1 = … = z_m = M (m tied maxima) and z_j = M − d_j (j > m)."""
    return m * E(scale * M) + sp.Sum(E(scale * (M - d[l])), (l, m + 1, n))


def _overflow_run(values):
    """float64: the naive formula e^{z}/Σe^{z} against derivations.stable.softmax (max subtracted),
    both compared with a 60-digit mpmath reference."""
    from derivations.stable import softmax as stable_softmax

    def run() -> dict:
        z = np.array(values, dtype=np.float64)
        with np.errstate(over="ignore", invalid="ignore"):
            ez = np.exp(z)
            naive = ez / np.sum(ez)
        shifted = stable_softmax(z)
        with mpmath.workdps(60):
            zs = [mpmath.mpf(v) for v in values]
            total = mpmath.fsum(mpmath.exp(v) for v in zs)
            exact = [mpmath.exp(v) / total for v in zs]
            ulps = [float(abs(mpmath.mpf(float(s)) - e) / np.spacing(abs(float(e))))
                    for s, e in zip(shifted, exact)]
        obs = {"z": ", ".join(f"{v:g}" for v in values),
               "exp_overflows_to_inf": int(np.sum(np.isinf(ez))),
               "naive_nonfinite_outputs": int(np.sum(~np.isfinite(naive))),
               "naive": ", ".join(repr(float(v)) for v in naive),
               "shifted": ", ".join(repr(float(v)) for v in shifted),
               "exact": ", ".join(mpmath.nstr(e, 17) for e in exact),
               "shifted_worst_ulps": max(ulps)}
        return obs
    return run


_OVERFLOW_CRITERION = ("the naive float64 formula overflows (some e^{z_j} = inf, some output not "
                       "finite) while the max-subtracted form is within 4 ulps of the exact value "
                       "in every entry")


def _overflow_ok(obs: dict) -> bool:
    return (obs["exp_overflows_to_inf"] >= 1 and obs["naive_nonfinite_outputs"] >= 1
            and obs["shifted_worst_ulps"] <= 4)


# ================================================================ 000 — Deep Learning
@claim("dl.softmax-def", source="000", cite="DL §6.2.2.3, eqs. (6.28)–(6.29)", kind="definition",
       statement="z = Wᵀh + b, z_i = log P̃(y=i∣x) (6.28); softmax(z)_i = exp(z_i)/Σ_j exp(z_j) "
                 "(6.29): every output in (0,1), outputs sum to 1, for all n.",
       notes=["(0, 1) needs n ≥ 2: for n = 1 the single output is exactly 1 (n_min = 2).",
              "(6.28) (the scores as unnormalised log-probabilities) is the row "
              "dl.softmax-from-scores."])
def _dl_softmax_def() -> list[Part]:
    sm, d_ = SOFTMAX_Z, [SOFTMAX_DEF]
    return [
        Part("0 < softmax(z)_i < 1 for every i, n ≥ 2",
             Chain(0, n=n, label="every output in (0, 1)", define=d_)
             .lt(sm[i], by="e^{z_i} > 0 and Σ_j e^{z_j} > 0")
             .lt(1, by="Σ_j e^{z_j} = e^{z_i} + Σ_{j≠i} e^{z_j} > e^{z_i} (n ≥ 2)")),
        Part("Σ_i softmax(z)_i = 1",
             Chain(sp.Sum(sm[j], (j, 1, n)), n=n, define=d_)
             .eq(1, by="common denominator Σ_m e^{z_m}")),
    ]


@claim("dl.shift-invariance", source="000", cite="DL §6.2.2.3, eq. (6.32)", kind="identity",
       statement="softmax(z) = softmax(z + c) for every scalar c (6.32), for all n.")
def _dl_shift_invariance() -> list[Part]:
    shifted = E(Z[i] + cr) / sp.Sum(E(Z[m] + cr), (m, 1, n))
    return [Part("softmax(z + c)_i = softmax(z)_i",
                 Chain(shifted, n=n)
                 .eq(E(cr) * E(Z[i]) / (E(cr) * sp.Sum(E(Z[m]), (m, 1, n))),
                     by="e^{z_j + c} = e^c e^{z_j}, and e^c leaves the sum")
                 .eq(softmax(Z, i), by="e^c > 0 cancels"))]


@claim("dl.stable-softmax", source="000", cite="DL §6.2.2.3, eq. (6.33)", kind="identity + numeric",
       statement="softmax(z) = softmax(z − max_i z_i) (6.33); in float64 the left side overflows for "
                 "large inputs (e.g. z = (1000, 999, 0)) while the right side stays accurate.",
       notes=["For symbolic n the maximum is named M: the identity holds for every real M "
              "(it is (6.32) with c = −M), in particular for M = max_i z_i.",
              "The literal max is used at n = 3 (SymPy's Max of three symbols)."])
def _dl_stable_softmax() -> list[Part]:
    zs = symbols_vec("z", 3)
    top = sp.Max(*zs)
    lhs3, rhs3 = softmax_vec([u - top for u in zs]), softmax_vec(zs)
    return [
        Part("softmax(z − M·1)_i = softmax(z)_i, M = max_i z_i (any real M), general n",
             Chain(E(Z[i] - M) / sp.Sum(E(Z[m] - M), (m, 1, n)), n=n)
             .eq(softmax(Z, i), by="(6.32) with c = −M: e^{−M} cancels")),
        Part("n = 3 with the literal max: every component of softmax(z − max z) equals softmax(z)",
             Chain(sum((p - q) ** 2 for p, q in zip(lhs3, rhs3)))
             .eq(0, by="e^{−max z} cancels in each component")),
        Part("float64 at z = (1000, 999, 0): naive overflows, shifted accurate",
             Measured(_overflow_run([1000.0, 999.0, 0.0]), _overflow_ok, _OVERFLOW_CRITERION)),
    ]


@claim("dl.saturation", source="000", cite="DL §6.2.2.3 (saturation, after eq. (6.33))", kind="limit",
       statement="If z_i is the maximum and exceeds every other input by a margin t → ∞, "
                 "softmax(z)_i → 1 and every other output → 0.",
       notes=["Encoded with z_i raised by t (z'_i = z_i + t, z'_j = z_j for j ≠ i): the margin "
              "z'_i − max_{j≠i} z_j grows without bound as t → ∞. The denominator is split as "
              "Σ_j e^{z'_j} = e^{z_i + t} + R, R = Σ_j e^{z_j} − e^{z_i} = Σ_{j≠i} e^{z_j}, "
              "which does not depend on t."])
def _dl_saturation() -> list[Part]:
    den = _raised_denominator(i, t)
    return [
        Part("the maximal output → 1",
             Chain(sp.Limit(E(Z[i] + t) / den, t, sp.oo), n=n)
             .eq(1, by="e^{z_i+t}/(e^{z_i+t} + R) = 1/(1 + R e^{−z_i−t}) → 1")),
        Part("every other output → 0",
             Chain(sp.Limit(E(Z[k]) / den, t, sp.oo), assuming=[sp.Ne(i, k)], n=n)
             .eq(0, by="fixed numerator e^{z_k}, denominator → ∞")),
    ]


@claim("dl.overparam-fix-last", source="000", cite="DL §6.2.2.3 (over-parametrisation; z_n = 0)",
       kind="identity",
       statement="n−1 free scores suffice: softmax(z) = softmax(z − z_n·1), so one may require z_n = 0 "
                 "without changing the distribution, for all n.",
       notes=["The shifted vector z − z_n·1 has last entry z_n − z_n = 0, so the identity is the "
              "statement that fixing z_n = 0 loses nothing."])
def _dl_overparam_fix_last() -> list[Part]:
    shifted = E(Z[i] - Z[n]) / sp.Sum(E(Z[m] - Z[n]), (m, 1, n))
    return [Part("softmax(z − z_n·1)_i = softmax(z)_i",
                 Chain(shifted, n=n).eq(softmax(Z, i), by="(6.32) with c = −z_n: e^{−z_n} cancels"))]


@claim("dl.lateral-inhibition", source="000", cite="DL §6.2.2.3 (lateral inhibition)", kind="property",
       statement="Σ_j ∂softmax(z)_j/∂z_k = 0: raising one output lowers the others by the same total, "
                 "for all n.",
       notes=["The first part is the literal Σ_j ∂a_j/∂z_k; the kernel's numeric sampling cannot "
              "evaluate a Sum of Derivatives over a bound index, so its first link has symbolic "
              "evidence only. The second part is the same quantity as ∂(Σ_j a_j)/∂z_k (finite sum: "
              "linearity), which is sampled by finite differences."])
def _dl_lateral_inhibition() -> list[Part]:
    return [
        Part("Σ_j ∂a_j/∂z_k = Σ_j a_j(δ_jk − a_k) = 0",
             Chain(sp.Sum(sp.Derivative(SOFTMAX_Z[j], Z[k]), (j, 1, n)), n=n, define=[SOFTMAX_DEF])
             .eq(sp.Sum(SOFTMAX_Z[j] * (sp.KroneckerDelta(j, k) - SOFTMAX_Z[k]), (j, 1, n)),
                 by="∂a_j/∂z_k = a_j(δ_jk − a_k)")
             .eq(0, by="Σ_j a_j δ_jk = a_k and Σ_j a_j = 1")),
        Part("∂(Σ_j a_j)/∂z_k = 0 (outputs always sum to 1)",
             Chain(sp.Derivative(sp.Sum(SOFTMAX_Z[j], (j, 1, n)), Z[k]), n=n, define=[SOFTMAX_DEF])
             .eq(0, by="Σ_j a_j = 1 for every z")),
    ]


@claim("dl.soft-argmax", source="000", cite="DL §6.2.2.3 (the name “softmax”; softargmax)", kind="limit",
       statement="softmax(z/T) → the one-hot vector of argmax z as T → 0⁺ (unique maximum); argmax "
                 "itself is not continuous. “softargmax” would be the better name.",
       notes=["Unique maximum at position i: z_i = M, z_k = M − d_k with d_k > 0 for k ≠ i (every "
              "vector with a unique maximum at i has this form).",
              "Discontinuity of argmax: for z = (t, 0) the first entry of one-hot(argmax z) is 1 for "
              "t > 0 and 0 for t < 0, i.e. the Heaviside step H(t) for t ≠ 0 (the tie at t = 0 "
              "does not matter for one-sided limits); its one-sided limits at 0 differ (1 and 0), "
              "while softmax(z)_1 = e^t/(e^t + 1) tends to 1/2 = its value at 0 from both sides.",
              "Which name is better is not checkable."])
def _dl_soft_argmax() -> list[Part]:
    den = _argmax_denominator(i, 1 / T)
    onehot1 = sp.Heaviside(t)  # first entry of one-hot(argmax((t, 0))) for t ≠ 0
    soft1 = E(t) / (E(t) + E(0))
    return [
        Part("softmax(z/T)_argmax → 1 as T → 0⁺ (unique maximum), general n",
             Chain(sp.Limit(E(M / T) / den, T, 0, "+"), domain={d: Positive()}, n=n)
             .eq(1, by="divide by e^{M/T}: 1/(1 + Σ_{k≠i} e^{−d_k/T}) and e^{−d_k/T} → 0")),
        Part("softmax(z/T)_k → 0 for k ≠ argmax, general n",
             Chain(sp.Limit(E((M - d[k]) / T) / den, T, 0, "+"), assuming=[sp.Ne(i, k)],
                   domain={d: Positive()}, n=n)
             .eq(0, by="e^{−d_k/T}/(1 + Σ_{j≠i} e^{−d_j/T}) → 0")),
        Part("argmax((t, 0)) as one-hot, first entry: limit 1 from the right",
             Chain(sp.Limit(onehot1, t, 0, "+")).eq(1, by="t > 0: the first entry is the maximum")),
        Part("argmax((t, 0)) as one-hot, first entry: limit 0 from the left (a jump: not continuous)",
             Chain(sp.Limit(onehot1, t, 0, "-")).eq(0, by="t < 0: the second entry is the maximum")),
        Part("softmax((t, 0))_1 is continuous at 0: two-sided limit = value 1/2",
             Chain(sp.Limit(soft1, t, 0, "+-")).eq(soft1.subs(t, 0), by="e^t is continuous")),
    ]


# ================================================================ 001 — NNDL ch. 3
def _a(q, dummy=None):
    """NNDL's a_q^L = e^{z_q}/Σ_k e^{z_k} (eq. 78)."""
    return softmax(Z, q, n, dummy)


@claim("nndl.softmax-def", source="001", cite="NNDL ch. 3, eq. (78)", kind="definition",
       statement="a_j^L = e^{z_j^L} / Σ_k e^{z_k^L} (78).",
       notes=["A definition: checked to be the same function as DL (6.29) (the layer index L "
              "dropped; the denominator runs over all output neurons k = 1..n)."])
def _nndl_softmax_def() -> list[Part]:
    return [Part("(78) is DL's softmax (6.29)",
                 Chain(AL[j], n=n, define=[A_NNDL])
                 .eq(E(Z[j]) / sp.Sum(E(Z[k]), (k, 1, n)), by="(78)")
                 .eq(softmax(Z, j), by="same formula, summation index renamed"))]


@claim("nndl.softmax-sums-to-one", source="001", cite="NNDL ch. 3, eq. (79)", kind="identity",
       statement="Σ_j a_j^L = 1 (79), and every a_j^L > 0, for all n.")
def _nndl_softmax_sums_to_one() -> list[Part]:
    return [
        Part("Σ_j a_j = Σ_j e^{z_j}/Σ_k e^{z_k} = 1 (79)",
             Chain(sp.Sum(AL[j], (j, 1, n)), n=n, define=[A_NNDL])
             .eq(sp.Sum(E(Z[j]), (j, 1, n)) / sp.Sum(E(Z[k]), (k, 1, n)), by="(78), common denominator")
             .eq(1, by="the same sum above and below")),
        Part("a_j > 0", Chain(AL[j], n=n, define=[A_NNDL]).gt(0, by="the exponential is positive")),
    ]


@claim("nndl.softmax-monotone", source="001", cite="NNDL ch. 3, exercise “softmax monotonicity”",
       kind="property",
       statement="∂a_j^L/∂z_k^L > 0 if j = k and < 0 if j ≠ k, for all n.",
       notes=["n ≥ 2 (n_min = 2): for n = 1, a_1 ≡ 1 and ∂a_1/∂z_1 = 0."])
def _nndl_softmax_monotone() -> list[Part]:
    return [
        Part("j = k: ∂a_k/∂z_k = a_k(1 − a_k) > 0",
             Chain(sp.Derivative(AL[k], Z[k]), n=n, define=[_A_M])
             .eq(AL[k] * (1 - AL[k]), by="quotient rule")
             .gt(0, by="0 < a_k < 1 for n ≥ 2")),
        Part("j ≠ k: ∂a_j/∂z_k = −a_j a_k < 0",
             Chain(sp.Derivative(AL[j], Z[k]), assuming=[sp.Ne(j, k)], n=n, define=[_A_M])
             .eq(-AL[j] * AL[k], by="quotient rule; the numerator e^{z_j} does not depend on z_k")
             .lt(0, by="a_j, a_k > 0")),
    ]


@claim("nndl.softmax-nonlocal", source="001", cite="NNDL ch. 3, exercise “non-locality of softmax”",
       kind="property",
       statement="Each a_j^L depends on every weighted input: ∂a_j^L/∂z_k^L ≠ 0 for all j, k.",
       notes=["≠ 0 is encoded by its sign in the two exhaustive cases j = k (> 0) and j ≠ k (< 0); "
              "n ≥ 2 (for n = 1 the single output is constant)."])
def _nndl_softmax_nonlocal() -> list[Part]:
    return [
        Part("j = k: ∂a_k/∂z_k > 0 (hence ≠ 0)",
             Chain(sp.Derivative(AL[k], Z[k]), n=n, define=[_A_M]).gt(0, by="= a_k(1 − a_k), 0 < a_k < 1")),
        Part("j ≠ k: ∂a_j/∂z_k < 0 (hence ≠ 0)",
             Chain(sp.Derivative(AL[j], Z[k]), assuming=[sp.Ne(j, k)], n=n, define=[_A_M])
             .lt(0, by="= −a_j a_k, both positive")),
    ]


@claim("nndl.softmax-inverse", source="001", cite="NNDL ch. 3, problem “inverting the softmax layer”",
       kind="identity",
       statement="If a^L = softmax(z^L) then z_j^L = ln a_j^L + C with C independent of j, for all n.",
       notes=["C = ln Σ_k e^{z_k} (the log-sum-exp); it has no j in it, and the second part checks "
              "z_j − ln a_j = z_k − ln a_k for any two distinct indices."])
def _nndl_softmax_inverse() -> list[Part]:
    C = sp.Symbol("C")
    names = [_A_M, define(C, sp.log(sp.Sum(E(Z[m]), (m, 1, n))), "the constant")]
    return [
        Part("z_j = ln a_j + C, C = ln Σ_k e^{z_k}",
             Chain(sp.log(AL[j]) + C, n=n, define=names).eq(Z[j], by="ln a_j = z_j − ln Σ_k e^{z_k}")),
        Part("C does not depend on j: z_j − ln a_j = z_k − ln a_k",
             Chain(Z[j] - sp.log(AL[j]), assuming=[sp.Ne(j, k)], n=n, define=names)
             .eq(Z[k] - sp.log(AL[k]), by="both equal ln Σ_m e^{z_m}")),
    ]


@claim("nndl.softmax-temperature", source="001",
       cite="NNDL ch. 3, eq. (83) (problem “where does the name softmax come from”)",
       kind="property + limit",
       statement="a_j^L = e^{c z_j^L} / Σ_k e^{c z_k^L} (83), c > 0: the outputs are positive and sum "
                 "to 1; as c → ∞, a_j^L → 1 for the largest z_j^L and → 0 for the others (unique "
                 "maximum; with m tied maxima each tends to 1/m).",
       notes=["Limits for symbolic n: the m maximal entries (m ≥ 1; m = 1 is the unique maximum) "
              "are put first, z_1 = … = z_m = M, and z_k = M − d_k with d_k > 0 for k > m. Every "
              "vector is of this form after a permutation of the indices, and (83) commutes with "
              "permutations; that relabelling step is argued here, not checked by the kernel.",
              "n = 2 with symbolic z_1, z_2 is decided in all three order cases (z_1 > z_2, "
              "z_1 < z_2, z_1 = z_2) without any parametrisation."])
def _nndl_softmax_temperature() -> list[Part]:
    den = _tied_denominator(c)
    z1, z2 = symbols_vec("z", 2)
    a1 = E(c * z1) / (E(c * z1) + E(c * z2))
    onehot_or_half = sp.Piecewise((1, z1 > z2), (sp.S.Half, sp.Eq(z1, z2)), (0, True))
    ties = dict(assuming=[sp.Le(m, n)], domain={d: Positive(), m: Integer(1, 4)}, n=n)
    return [
        Part("(83) outputs positive, c > 0",
             Chain(0, n=n).lt(softmax_temperature(Z, j, c), by="exponentials are positive")),
        Part("(83) outputs sum to 1",
             Chain(sp.Sum(softmax_temperature(Z, j, c), (j, 1, n)), n=n)
             .eq(1, by="common denominator")),
        Part("c → ∞: each of the m tied maxima → 1/m (m = 1: the unique maximum → 1)",
             Chain(sp.Limit(E(c * M) / den, c, sp.oo), **ties)
             .eq(1 / m, by="divide by e^{cM}: 1/(m + Σ_{k>m} e^{−c d_k}), e^{−c d_k} → 0")),
        Part("c → ∞: every non-maximal output → 0",
             Chain(sp.Limit(E(c * (M - d[k])) / den, c, sp.oo),
                   assuming=[sp.Le(m, n), sp.Gt(k, m)], domain={d: Positive(), m: Integer(1, 4)},
                   n=n)
             .eq(0, by="e^{−c d_k}/(m + Σ_{j>m} e^{−c d_j}) → 0")),
        Part("n = 2, symbolic z: a_1 → 1, 1/2 or 0 as z_1 >, =, < z_2",
             Chain(sp.Limit(a1, c, sp.oo)).eq(onehot_or_half, by="case split on the order of z_1, z_2")),
    ]


# ================================================================ 002 — blog “初探softmax”
@claim("blog1.softmax-def", source="002", cite="blog “初探softmax”, definition of S_i", kind="definition",
       statement="S_i = e^{V_i} / Σ_j e^{V_j}, C classes.",
       notes=["C classes = the size symbol n. The blog's gloss of the definition (outputs mapped "
              "into (0, 1), normalised to sum to 1) is checked; (0, 1) needs C ≥ 2."])
def _blog1_softmax_def() -> list[Part]:
    return [
        Part("0 < S_i < 1 (C ≥ 2)",
             Chain(0, n=n, define=[S_DEF]).lt(S_[i], by="exponentials are positive")
             .lt(1, by="the other classes add a positive amount to the denominator")),
        Part("Σ_i S_i = 1", Chain(sp.Sum(S_[j], (j, 1, n)), n=n, define=[S_DEF]).eq(1, by="normalisation")),
    ]


@claim("blog1.example-3-1-m3", source="002", cite="blog “初探softmax”, figure: (3, 1, −3)",
       kind="numeric, as stated",
       statement="softmax(3, 1, −3) = (0.88, 0.12, 0).",
       notes=["The whole vector is printed to 2 places, so “0” is read as 0.00 (places = 2)."])
def _blog1_example() -> list[Part]:
    s = softmax_vec([sp.Integer(3), sp.Integer(1), sp.Integer(-3)])
    return [Part(f"softmax(3, 1, −3)_{q + 1} ≈ {v}", Stated(s[q], v, places=2))
            for q, v in enumerate(["0.88", "0.12", "0"])]


@claim("blog1.overflow-fix", source="002", cite="blog “初探softmax”, 补充 (numeric overflow)",
       kind="identity + numeric",
       statement="Subtracting max(V) from every V_i leaves S unchanged and avoids overflow.",
       notes=["max(V) is named M for symbolic n (the identity holds for every real M).",
              "Overflow example: V = (710, 700, 690); e^710 exceeds the float64 range (≈ e^709.78)."])
def _blog1_overflow_fix() -> list[Part]:
    return [
        Part("S_i(V − M·1) = S_i(V), M = max(V), general n",
             Chain(E(V[i] - M) / sp.Sum(E(V[m] - M), (m, 1, n)), n=n)
             .eq(softmax(V, i), by="e^{−M} cancels above and below")),
        Part("float64 at V = (710, 700, 690): naive overflows, max-subtracted accurate",
             Measured(_overflow_run([710.0, 700.0, 690.0]), _overflow_ok, _OVERFLOW_CRITERION)),
    ]


# ================================================================ 004 — blog “softmax+交叉熵”
@claim("blog2.softmax-range", source="004", cite="blog “softmax+交叉熵”, eq. (1)", kind="property",
       statement="softmax(x)_i = e^{x_i}/Σ_j e^{x_j} (1) takes values in [0, 1] and the values sum to 1.",
       notes=["The closed range [0, 1] holds for every n ≥ 1 (n_min = 1)."])
def _blog2_softmax_range() -> list[Part]:
    return [
        Part("0 ≤ softmax(x)_i ≤ 1",
             Chain(0, n=n, n_min=1).le(softmax(Z, i), by="exponentials are positive")
             .le(1, by="the numerator is one of the denominator's terms")),
        Part("Σ_i softmax(x)_i = 1",
             Chain(sp.Sum(softmax(Z, j), (j, 1, n)), n=n, n_min=1).eq(1, by="normalisation")),
    ]


@claim("blog2.sum-claim", source="004", cite="blog “softmax+交叉熵”, §1 (after eq. (2))",
       kind="claim, as stated",
       statement="Softmax maps [a_1 … a_k] to [b_1 … b_k] with “Σ a_i = Σ b_i = 1”.",
       corrected="Σ_i b_i = 1 for every input a; Σ_i a_i is arbitrary (e.g. a = (1, 1) gives Σ a_i = 2).",
       notes=["Encoded literally with a the input vector and b = softmax(a): Σ_i a_i = Σ_i b_i = 1.",
              "The blog's k is the size symbol n."])
def _blog2_sum_claim() -> list[Part]:
    sum_a = sp.Sum(A[j], (j, 1, n))
    sum_b = sp.Sum(softmax(A, j), (j, 1, n))
    return [
        Part("Σ a_i = Σ b_i = 1 (as stated)",
             Chain(sum_a, n=n).eq(sum_b, by="blog: Σ a_i = Σ b_i").eq(1, by="blog: = 1")),
        Part("corrected: Σ b_i = 1 for every input",
             Chain(sum_b, n=n).eq(1, by="normalisation"), counts=False),
    ]


@claim("blog2.jacobian-diag", source="004", cite="blog “softmax+交叉熵”, eq. (13)", kind="derivation",
       statement="i = j: ∂a_i/∂z_i = (e^{z_i} Σ_j e^{z_j} − (e^{z_i})²)/(Σ_j e^{z_j})² = "
                 "e^{z_i}(Σ_j e^{z_j} − e^{z_i})/(Σ_j e^{z_j})² = (e^{z_i}/Σ_j e^{z_j})"
                 "(1 − e^{z_i}/Σ_j e^{z_j}) = a_i(1 − a_i) (13), for all n.")
def _blog2_jacobian_diag() -> list[Part]:
    ez = E(Z[i])
    S = sp.Sum(E(Z[j]), (j, 1, n))
    return [Part("(13), every displayed step",
                 Chain(sp.Derivative(AL[i], Z[i]), n=n, define=[_blog2_a(j)])
                 .eq(sp.Derivative(ez / S, Z[i]), by="(8)")
                 .eq((ez * S - ez ** 2) / S ** 2, by="quotient rule; ∂Σ_j e^{z_j}/∂z_i = e^{z_i}")
                 .eq(ez * (S - ez) / S ** 2, by="factor e^{z_i} out of the numerator")
                 .eq((ez / S) * (1 - ez / S), by="split the fraction")
                 .eq(AL[i] * (1 - AL[i]), by="a_i = e^{z_i}/Σ_j e^{z_j} (8)"))]


@claim("blog2.jacobian-offdiag", source="004", cite="blog “softmax+交叉熵”, eq. (14)", kind="derivation",
       statement="i ≠ j: ∂a_j/∂z_i = −e^{z_j} e^{z_i}/(Σ_k e^{z_k})² = −a_j a_i (14), for all n.")
def _blog2_jacobian_offdiag() -> list[Part]:
    S = sp.Sum(E(Z[k]), (k, 1, n))
    return [Part("(14), every displayed step",
                 Chain(sp.Derivative(AL[j], Z[i]), assuming=[sp.Ne(i, j)], n=n, define=[_blog2_a(k)])
                 .eq(sp.Derivative(E(Z[j]) / S, Z[i]), by="(8)")
                 .eq(-E(Z[j]) * E(Z[i]) / S ** 2, by="quotient rule; e^{z_j} does not depend on z_i")
                 .eq(-AL[j] * AL[i], by="a_j a_i = e^{z_j} e^{z_i}/(Σ_k e^{z_k})²"))]
