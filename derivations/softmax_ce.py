"""Softmax + cross-entropy: the loss, its gradient and Hessian, and the categorical covariance.

Sources:
  * blog “softmax+交叉熵” (seed 004), eqs. (7)–(16): the loss L = −Σ_i y_i ln a_i (7),
    a_i = e^{z_i}/Σ_j e^{z_j} (8), z_i = Σ_j w_ij x_ij + b (9), the chain rule (10)–(11),
    ∂L_j/∂a_j = −y_j/a_j (12), the gradient a_i Σ_j y_j − y_i (15) and a_i − y_i (16);
  * d2l §4.1 exercise 1 and “the answer text” (seed 003): the Hessian of the softmax
    cross-entropy, the answer text's gradient and Hessian formulas, and the covariance of the
    one-hot vector of Y ~ Categorical(softmax(o)).

General-n statements use ``IndexedBase``/``Sum``/``KroneckerDelta`` with the size symbol n;
the Hessian rows are also checked as explicit n × n matrices for n = 3 and 4.

A matrix identity H = M for concrete n is a chain of matrices (∇²l, (Σy)(diag(p) − ppᵀ)), decided
entry by entry by the kernel. At n = 3 the Hessian is written with every entry an unevaluated
``Derivative``, so the numeric side checks it by finite differences.
"""
from __future__ import annotations

import sympy as sp

from proofs import Chain, Integer, Simplex, Unit
from proofs.claims import Part, claim
from derivations.common import (A, Y, Z, SumOver, define, i, j, k, m, n, softmax_def, softmax_i,
                                softmax_vec, symbols_vec)

__all__ = ["O", "loss", "softmax_entry", "gradient", "hessian_entry", "hessian",
           "categorical_covariance", "covariance_entry", "delta"]

delta = sp.KroneckerDelta
O = sp.IndexedBase("o", real=True)      # d2l's logits o_1 … o_n
q = sp.Symbol("q", integer=True, positive=True)   # a spare summation index

# eq. (9) and (10) for a fixed input index j of the document: for neuron r,
#   W[r] = w_rj, X[r] = x_rj, R[r] = Σ_{j' ≠ j} w_rj' x_rj' (the rest of the weighted sum),
#   B[r] = b_r (per-neuron bias, as (10) writes ∂L/∂b_i).  One index per base keeps every
#   quantity numerically samplable for any n.
W = sp.IndexedBase("w", real=True)
X = sp.IndexedBase("x", real=True)
R = sp.IndexedBase("r", real=True)
B = sp.IndexedBase("b", real=True)
b_shared = sp.Symbol("b", real=True)      # eq. (9)'s single bias b, shared by every neuron

# the blog's names (eqs. (7), (8), (11)): a_j, L, L_j — printed as written, unfolded by the kernel
L_sym = sp.Symbol("L")
L_j = sp.IndexedBase("L")
A_DEF = softmax_def(A, label="softmax (8)")
L_DEF = define(L_sym, -sp.Sum(Y[k] * sp.log(A[k]), (k, 1, n)), "cross-entropy loss (7)")
LJ_DEF = define(L_j[j], -Y[j] * sp.log(A[j]), "the j-th term of L")
BLOG2 = (A_DEF, L_DEF, LJ_DEF)


# ---------------------------------------------------------------- importable expressions
def softmax_entry(r, zv=Z, size=n):
    """a_r = softmax(z)_r = e^{z_r} / Σ_m e^{z_m} (blog eq. (8); d2l's σ(z_r), ŷ_r)."""
    return softmax_i(zv, r, size)


def loss(zv=Z, yv=Y, size=n):
    """L = −Σ_k y_k ln a_k with a = softmax(z) (blog eq. (7)–(8); d2l's l(y, ŷ); the answer
    text's L = −Σ_{i=1}^C y_i log σ(z_i)).

    ``zv``/``yv`` are IndexedBases (symbolic size ``size``) or equal-length lists (concrete n).
    """
    if isinstance(zv, (list, tuple, sp.MatrixBase)):
        p = softmax_vec(list(zv))
        return -sum(yq * sp.log(pq) for yq, pq in zip(yv, p))
    return -sp.Sum(yv[k] * sp.log(softmax_i(zv, k, size)), (k, 1, size))


def gradient(r, zv=Z, yv=Y, size=n):
    """∂L/∂z_r = a_r Σ_k y_k − y_r (blog eq. (15)); = a_r − y_r when Σ_k y_k = 1 (eq. (16))."""
    return softmax_i(zv, r, size) * sp.Sum(yv[k], (k, 1, size)) - yv[r]


def hessian_entry(r, c, zv=Z, yv=Y, size=n):
    """∂²L/∂z_r∂z_c = (Σ_k y_k) a_r (δ_rc − a_c); = a_r(δ_rc − a_c) when Σ_k y_k = 1
    (d2l §4.1 ex. 1a)."""
    return sp.Sum(yv[k], (k, 1, size)) * softmax_i(zv, r, size) * (delta(r, c) - softmax_i(zv, c, size))


def hessian(size: int, name: str = "o", ys=None) -> sp.Matrix:
    """The explicit size × size Hessian of l(y, softmax(o)) = −Σ_r y_r log softmax(o)_r,
    computed by ``sympy.hessian`` in the symbols o1…o_size, y1…y_size (d2l §4.1 ex. 1a).

    It equals (Σ_r y_r)(diag(p) − ppᵀ), p = softmax(o) (checked in d2l.ce-hessian)."""
    os = symbols_vec(name, size)
    ys = symbols_vec("y", size) if ys is None else ys
    return sp.hessian(loss(os, ys), os)


def categorical_covariance(size: int, ps=None) -> sp.Matrix:
    """Cov(e_Y) for Y ~ Categorical(p), computed from the definition (d2l §4.1 ex. 1b):
    E[e_Y] = Σ_k p_k e_k, E[e_Y e_Yᵀ] = Σ_k p_k e_k e_kᵀ, Cov = E[e_Y e_Yᵀ] − E[e_Y] E[e_Y]ᵀ.
    ``ps`` defaults to p = softmax(o1, …, o_size)."""
    ps = softmax_vec(symbols_vec("o", size)) if ps is None else list(ps)
    e = [sp.eye(size)[:, r] for r in range(size)]
    mean = sp.zeros(size, 1)
    second = sp.zeros(size, size)
    for pk, ek in zip(ps, e):
        mean += pk * ek
        second += pk * ek * ek.T
    return second - mean * mean.T


def covariance_entry(r, c, pv=None, size=n):
    """Cov(e_Y)_rc from the definition, for symbolic n: E[(e_Y)_r (e_Y)_c] − E[(e_Y)_r] E[(e_Y)_c]
    = Σ_k p_k δ_rk δ_ck − (Σ_k p_k δ_rk)(Σ_k p_k δ_ck), since (e_k)_r = δ_rk (d2l §4.1 ex. 1b).
    ``pv(k)`` gives p_k; default p = softmax(o)."""
    pv = pv or (lambda s: softmax_i(O, s, size))
    return (sp.Sum(pv(k) * delta(r, k) * delta(c, k), (k, 1, size))
            - sp.Sum(pv(k) * delta(r, k), (k, 1, size)) * sp.Sum(pv(k) * delta(c, k), (k, 1, size)))


# ---------------------------------------------------------------- helpers
def _sum_y(size=n):
    return sp.Sum(Y[k], (k, 1, size))


def _sum_y_is_1():
    return sp.Eq(sp.Sum(Y[k], (k, 1, n)), 1)


def _dL_dz(r, zv=Z):
    """∂L/∂z_r as SymPy differentiates (7)–(8) (no result of the document used)."""
    return sp.diff(loss(zv, Y), zv[r])


def _at(expr, zfun):
    """Replace every z_r in expr by zfun(r) (evaluate a function of z at z = z(w, x, b))."""
    return expr.replace(lambda e: isinstance(e, sp.Indexed) and e.base == Z,
                        lambda e: zfun(e.indices[0]))


def _split_exp(expr):
    """e^{u + v + …} → e^u e^v … (an identity). Used where z_r = w_r x_r + r_r + b_r sits in an
    exponent: the kernel's general-n linearity step no longer expands exponentials, and SymPy
    does not cancel e^{−(u+v)} e^{u+v} by itself, so the unsplit form stays unproven in budget."""
    return expr.replace(lambda e: isinstance(e, sp.exp) and isinstance(e.args[0], sp.Add),
                        lambda e: sp.Mul(*[sp.exp(t) for t in e.args[0].args]))


def _bilinear(M, size: int):
    """uᵀ M v in fresh real symbols u_r, v_c (a matrix identity as one scalar identity)."""
    us, vs = symbols_vec("u", size), symbols_vec("v", size)
    return sp.Add(*[us[r] * M[r, c] * vs[c] for r in range(size) for c in range(size)])


def _uv_domain(size: int) -> dict:
    """Sample u, v in {0, 1}^size: uᵀMv = uᵀM'v on {0,1}^size already forces M = M' (u = e_r,
    v = e_c picks entry (r, c)), and a counterexample then names the entries that differ.
    The symbolic proof is for all real u, v."""
    return {s: Integer(0, 1) for s in symbols_vec("u", size) + symbols_vec("v", size)}


def _derivative_hessian(expr, xs) -> sp.Matrix:
    """The Hessian with every entry an unevaluated Derivative (checked by finite differences)."""
    return sp.Matrix(len(xs), len(xs), lambda r, c: sp.Derivative(expr, xs[r], xs[c]))


def _y_on_simplex_plane(size: int):
    """y_1, …, y_{size−1} free, y_size = 1 − Σ_{r<size} y_r: Σ_r y_r = 1 written out."""
    ys = symbols_vec("y", size)
    return ys[:-1] + [1 - sp.Add(*ys[:-1])]


# ================================================================ 004 — blog “softmax+交叉熵”
def _z9(r):
    """z_r per (9) read literally: Σ_j w_rj x_rj + b = w_rj x_rj + (rest) + b, one shared b."""
    return W[r] * X[r] + R[r] + b_shared


def _z10(r):
    """z_r with a per-neuron bias b_r, as (10) writes ∂L/∂b_i."""
    return W[r] * X[r] + R[r] + B[r]


@claim("blog2.loss", source="004", cite="blog “softmax+交叉熵”, eqs. (7)–(9)", kind="definition",
       statement="L = −Σ_i y_i ln a_i (7); a_i = e^{z_i}/Σ_j e^{z_j} (8); z_i = Σ_j w_ij x_ij + b (9).",
       notes=["A definition: the checks are that (7)–(8) compose into the log-sum-exp form "
              "L = −Σ_i y_i z_i + (Σ_i y_i) ln Σ_j e^{z_j} and that (8) is a probability vector, "
              "for symbolic n.",
              "Eq. (9) has ONE bias b for all neurons (the LaTeX is \\sum_j {w_ij x_ij + b}; "
              "whether b sits inside the sum or not, it is one shared number). Softmax is "
              "shift-invariant, so a shared b cancels from every a_i and from L: the note part "
              "shows a_i does not depend on b. Eq. (10) then writes ∂L/∂b_i, i.e. a per-neuron "
              "b_i — see blog2.chain-w-b.",
              "Σ_j w_ij x_ij is written w_ij x_ij + r_i for a fixed input j (r_i = the other "
              "terms), so every quantity is a one-index vector the checker can sample for any n."])
def _blog2_loss() -> list[Part]:
    return [
        Part("(7)–(8): L = −Σ_i y_i ln a_i = −Σ_i y_i z_i + (Σ_i y_i) ln Σ_j e^{z_j}",
             Chain(L_sym, n=n, define=BLOG2).eq(-sp.Sum(Y[k] * Z[k], (k, 1, n)) + _sum_y() * sp.log(
                 sp.Sum(sp.exp(Z[m]), (m, 1, n))), by="ln(e^{z_i}/Σ_j e^{z_j}) = z_i − ln Σ_j e^{z_j}")),
        Part("(8): the a_i sum to 1 (a is a predicted distribution, as (7) needs)",
             Chain(sp.Sum(A[q], (q, 1, n)), n=n, define=[A_DEF]).eq(1, by="Σ_i e^{z_i} / Σ_j e^{z_j}")),
        Part("(9) literally (one shared b): a_i(z(w, x, b)) = a_i(z(w, x, 0)) — b has no effect",
             Chain(sp.exp(_z9(i)) / sp.Sum(sp.exp(_z9(m)), (m, 1, n)), n=n)
             .eq(sp.exp(_z9(i) - b_shared) / sp.Sum(sp.exp(_z9(m) - b_shared), (m, 1, n)),
                 by="e^{b} cancels from numerator and denominator"),
             counts=False, note="why (10) must mean a per-neuron bias b_i"),
    ]


@claim("blog2.chain-w-b", source="004", cite="blog “softmax+交叉熵”, eq. (10)", kind="identity",
       statement="∂L/∂w_ij = (∂L/∂z_i) x_ij and ∂L/∂b_i = ∂L/∂z_i (10).",
       notes=["Encoded with a per-neuron bias b_i, z_i = Σ_j w_ij x_ij + b_i, as (10) writes "
              "∂L/∂b_i. Eq. (9) literally has one shared b; then ∂L/∂b = Σ_i ∂L/∂z_i, not "
              "∂L/∂z_i, and it is 0 (softmax is shift-invariant): shown in a note part.",
              "∂L/∂z_i on the right is SymPy's derivative of (7)–(8) in z_i, evaluated at "
              "z = z(w, x, b); the left side is an unevaluated Derivative in w_ij (or b_i), "
              "checked numerically by finite differences.",
              "w_ij, x_ij for the fixed j are the vectors w_i, x_i; r_i = Σ_{j'≠j} w_ij' x_ij'. "
              "e^{z_i} is written e^{w_ij x_ij} e^{r_i} e^{b_i} (the same number), which the "
              "checker's general-n step handles within its time budget."])
def _blog2_chain_w_b() -> list[Part]:
    Lw = _split_exp(_at(loss(Z, Y), _z10))     # L(w, x, b_1 … b_n)
    Lb = _split_exp(_at(loss(Z, Y), _z9))      # L(w, x, b), (9) read literally
    dLdz = _split_exp(_at(_dL_dz(i), _z10))
    return [
        Part("∂L/∂w_ij = (∂L/∂z_i)(∂z_i/∂w_ij) = (∂L/∂z_i) x_ij",
             Chain(sp.Derivative(Lw, W[i]), n=n)
             .eq(dLdz * sp.Derivative(_z10(i), W[i]), by="chain rule: only z_i contains w_ij")
             .eq(dLdz * X[i], by="∂z_i/∂w_ij = x_ij")),
        Part("∂L/∂b_i = (∂L/∂z_i)(∂z_i/∂b_i) = ∂L/∂z_i",
             Chain(sp.Derivative(Lw, B[i]), n=n)
             .eq(dLdz * sp.Derivative(_z10(i), B[i]), by="chain rule: only z_i contains b_i")
             .eq(dLdz, by="∂z_i/∂b_i = 1")),
        Part("(9) literally, one shared b: ∂L/∂b = Σ_i ∂L/∂z_i = 0 (not ∂L/∂z_i)",
             Chain(sp.Derivative(Lb, b_shared), n=n)
             .eq(0, by="every z_i contains b: Σ_i ∂L/∂z_i = Σ_i (a_i Σ_j y_j − y_i) = 0"),
             counts=False, note="the shared b of (9) gets zero gradient: it cancels from softmax"),
    ]


def _dLj_daj(r):
    """∂L_r/∂a_r with L_r = −y_r ln a_r, differentiated by SymPy in a_r, at a = softmax(z)."""
    return sp.diff(-Y[r] * sp.log(A[r]), A[r]).xreplace({A[r]: softmax_entry(r)})


def _daj_dzi(r):
    """∂a_r/∂z_i, differentiated by SymPy (sums and Kronecker deltas, any n)."""
    return sp.diff(softmax_entry(r), Z[i])


@claim("blog2.chain-sum", source="004", cite="blog “softmax+交叉熵”, eq. (11)", kind="identity",
       statement="∂L/∂z_i = Σ_j (∂L_j/∂a_j)(∂a_j/∂z_i) (11), L = Σ_j L_j, L_j = −y_j ln a_j, for all n.",
       notes=["The right side's factors are SymPy's partial derivatives (∂L_j/∂a_j in the variable "
              "a_j, then a = softmax(z); ∂a_j/∂z_i of (8)); the left side is an unevaluated "
              "Derivative of L = Σ_j L_j in z_i. Every a_j depends on z_i (the blog's own remark "
              "after (11)), so the sum over all j is needed: a wrong single-term version is "
              "refuted in the tests."])
def _blog2_chain_sum() -> list[Part]:
    # L = Σ_j L_j, and each factor as the blog writes it: ∂L_j/∂a_j (a_j the variable), ∂a_j/∂z_i
    return [Part("(11) for symbolic n",
                 Chain(sp.Derivative(L_sym, Z[i]), n=n, define=BLOG2)
                 .eq(sp.Sum(sp.Derivative(L_j[j], A[j]) * sp.Derivative(A[j], Z[i]), (j, 1, n)),
                     by="chain rule through a_1 … a_n; L_j depends on z only through a_j"))]


@claim("blog2.dlj-daj", source="004", cite="blog “softmax+交叉熵”, eq. (12)", kind="identity",
       statement="∂L_j/∂a_j = −y_j/a_j (12).",
       notes=["a_j is the variable here (a_j ∈ (0, 1)); y_j any real."])
def _blog2_dlj_daj() -> list[Part]:
    return [Part("(12)",
                 Chain(sp.Derivative(L_j[j], A[j]), domain={A: Unit()}, define=[LJ_DEF])
                 .eq(sp.Derivative(-Y[j] * sp.log(A[j]), A[j]), by="L_j = −y_j ln a_j")
                 .eq(sp.Mul(-Y[j], 1 / A[j], evaluate=False), by="d(ln a)/da = 1/a"))]


@claim("blog2.grad-general", source="004", cite="blog “softmax+交叉熵”, eq. (15)", kind="derivation",
       statement="(15): ∂L/∂z_i = Σ_j (∂L_j/∂a_j)(∂a_j/∂z_i) = Σ_{j=i}(…) + Σ_{j≠i}(…) "
                 "= −y_i (1/a_i) a_i(1 − a_i) + Σ_{j≠i} y_j (1/a_j) a_j a_i = −y_i(1 − a_i) + "
                 "Σ_{j≠i} y_j a_i = Σ_{j≠i} y_j a_i + y_i a_i − y_i = a_i Σ_j y_j − y_i, for all n.",
       notes=["A restricted sum is a full sum with an indicator: Σ_{j=i} f(j) = Σ_{j=1}^n δ_ij f(j) "
              "and Σ_{j≠i} f(j) = Σ_{j=1}^n (1 − δ_ij) f(j). This is the definition of a sum over "
              "an index set, so the split Σ_j = Σ_{j=i} + Σ_{j≠i} is the sum identity "
              "Σ_j f(j) = Σ_j δ_ij f(j) + Σ_j (1 − δ_ij) f(j) (linearity), for symbolic n. "
              "(Σ_j f(j) − f(i) would already use that the j = i term exists, i.e. 1 ≤ i ≤ n, "
              "which the δ form leaves to the checker's index ranges.)",
              "Σ_{j=i}(…) has the single term j = i; the third line writes it as "
              "−y_i (1/a_i) a_i(1 − a_i), as the blog does.",
              "Each displayed step is one link; the first line's factors are SymPy's partial "
              "derivatives as in blog2.chain-sum."])
def _blog2_grad_general() -> list[Part]:
    a = lambda r: A[r]
    term = sp.Derivative(L_j[j], A[j]) * sp.Derivative(A[j], Z[i])   # (∂L_j/∂a_j)(∂a_j/∂z_i)
    not_i = lambda e: SumOver(e, (j, 1, n), i)                          # Σ_{j≠i} e
    with sp.evaluate(False):   # the steps as written: SymPy must not cancel (1/a_i) a_i before the check
        third = -(Y[i] * (1 / a(i)) * a(i) * (1 - a(i))) + not_i(Y[j] * (1 / a(j)) * a(j) * a(i))
    ch = (Chain(sp.Derivative(L_sym, Z[i]), n=n, define=BLOG2)
          .eq(sp.Sum(term, (j, 1, n)), by="(11)")
          .eq(SumOver(term, (j, 1, n), i, equal=True) + not_i(term), by="split the sum: j = i and j ≠ i")
          .eq(third, by="(12), (13) for j = i, (14) for j ≠ i")
          .eq(-Y[i] * (1 - a(i)) + not_i(Y[j] * a(i)), by="cancel a_i and a_j")
          .eq(not_i(Y[j] * a(i)) + Y[i] * a(i) - Y[i], by="expand")
          .eq(a(i) * sp.Sum(Y[j], (j, 1, n)) - Y[i], by="Σ_{j≠i} y_j + y_i = Σ_j y_j"))
    return [Part("(15), every displayed step", ch)]


@claim("blog2.grad-onehot", source="004", cite="blog “softmax+交叉熵”, eq. (16)", kind="identity",
       statement="When Σ_j y_j = 1 (classification): ∂L/∂z_i = a_i − y_i (16), for all n.",
       notes=["The blog's hypothesis is a one-hot y; the step uses only Σ_j y_j = 1, so y is "
              "sampled on the simplex (one-hot vectors are its corners)."])
def _blog2_grad_onehot() -> list[Part]:
    return [Part("(16) for symbolic n",
                 Chain(sp.Derivative(L_sym, Z[i]), assuming=[_sum_y_is_1()], domain={Y: Simplex()}, n=n,
                       define=BLOG2)
                 .eq(A[i] * _sum_y() - Y[i], by="(15)")
                 .eq(A[i] - Y[i], by="Σ_j y_j = 1"))]


# ================================================================ 003 — d2l §4.1 and the answer text
def _p(r):
    return softmax_i(O, r)


P_ = sp.IndexedBase("p", real=True)   # d2l's p = softmax(o) (ŷ), a named definition
P_DEF = softmax_def(P_, O, label="softmax p = ŷ")


def _matrix_named(size: int, derivatives: bool = True) -> Chain:
    """d2l.ce-hessian at concrete n as matrices, in d2l's names: ∇²l = (Σ_r y_r)(diag(p) − ppᵀ)
    with l := −Σ_r y_r log p_r and p_r := softmax(o)_r; the matrices are checked entrywise.
    Without ``derivatives`` the left side is ``sympy.hessian`` of l (at n = 4 the unevaluated
    Derivative entries, sampled by finite differences, do not fit the time budget under load)."""
    os, ys = symbols_vec("o", size), symbols_vec("y", size)
    ps = list(sp.symbols(f"p_1:{size + 1}", positive=True))
    lo = sp.Symbol("l")
    names = [define(lo, -sp.Add(*[yr * sp.log(pr) for yr, pr in zip(ys, ps)]), "cross-entropy l(y, ŷ)")]
    names += [define(pr, sr, "softmax") for pr, sr in zip(ps, softmax_vec(os))]
    hess = sp.ImmutableMatrix(size, size, lambda r, c: sp.Derivative(lo, os[r], os[c])) if derivatives \
        else hessian(size)
    pv = sp.ImmutableMatrix(ps)
    closed = sp.MatMul(sp.Add(*ys), sp.MatAdd(sp.ImmutableMatrix(sp.diag(*ps)), sp.MatMul(-1, pv, pv.T)))
    return (Chain((hess), define=names)
            .eq((closed), by="(Σ_r y_r)(diag(p) − ppᵀ), p = softmax(o); entrywise"))


@claim("d2l.ce-hessian", source="003", cite="d2l §4.1 ex. 1a", kind="derivation",
       statement="∂²l/∂o_i∂o_j = softmax(o)_i (δ_ij − softmax(o)_j) for l(y, ŷ) = −Σ_j y_j log "
                 "softmax(o)_j when Σ_j y_j = 1, for all n.",
       notes=["For any y the Hessian is (Σ_k y_k) p_i(δ_ij − p_j); Σ_j y_j = 1 gives the stated form.",
              "Also as explicit matrices for n = 3 and n = 4: the Hessian with unevaluated Derivative "
              "entries = (Σ_r y_r)(diag(p) − ppᵀ), in d2l's names l and p = softmax(o), decided entry "
              "by entry."])
def _d2l_ce_hessian() -> list[Part]:
    lo = sp.Symbol("l")
    names = [define(lo, -sp.Sum(Y[k] * sp.log(P_[k]), (k, 1, n)), "cross-entropy l(y, ŷ)"), P_DEF]
    return [
        Part("∂²l/∂o_i∂o_j for symbolic n",
             Chain(sp.Derivative(lo, O[i], O[j]), assuming=[_sum_y_is_1()], domain={Y: Simplex()}, n=n,
                   define=names)
             .eq(_sum_y() * P_[i] * (delta(i, j) - P_[j]),
                 by="differentiate ∂l/∂o_i = p_i Σ_k y_k − y_i in o_j")
             .eq(P_[i] * (delta(i, j) - P_[j]), by="Σ_k y_k = 1")),
        Part("n = 3 as matrices: ∇²l = (Σy)(diag(p) − ppᵀ)", _matrix_named(3)),
        Part("n = 4 as matrices: ∇²l = (Σy)(diag(p) − ppᵀ)", _matrix_named(4, derivatives=True)),
    ]


@claim("d2l.answer-gradient", source="003", cite="the answer text (d2l §4.1 ex. 1)",
       kind="identity, as stated",
       statement="The answer text: ∂L/∂z_i = −Σ_j y_j (δ_ij − σ(z_j)), σ = softmax.",
       corrected="∂L/∂z_i = −Σ_j y_j (δ_ij − σ(z_i)) = σ(z_i) Σ_j y_j − y_i (= σ(z_i) − y_i when "
                 "Σ_j y_j = 1): the answer text has σ(z_j) where σ(z_i) belongs.",
       notes=["L = −Σ_{i=1}^C y_i log σ(z_i) with y a target probability distribution (Σ_j y_j = 1), "
              "as the answer text sets up.",
              "As stated the right side is −y_i + Σ_j y_j σ(z_j), which does not depend on i except "
              "through y_i; the true gradient is σ(z_i) − y_i. They agree only when Σ_j y_j σ(z_j) = "
              "σ(z_i) (e.g. all z equal)."])
def _d2l_answer_gradient() -> list[Part]:
    s = softmax_entry
    hyp = dict(assuming=[_sum_y_is_1()], domain={Y: Simplex()}, n=n)
    return [
        Part("as stated", Chain(sp.Derivative(loss(Z, Y), Z[i]), **hyp)
             .eq(-sp.Sum(Y[j] * (delta(i, j) - s(j)), (j, 1, n)), by="the answer text")),
        Part("corrected: σ(z_i) in place of σ(z_j)", Chain(sp.Derivative(loss(Z, Y), Z[i]), **hyp)
             .eq(-sp.Sum(Y[j] * (delta(i, j) - s(i)), (j, 1, n)), by="∂ log σ(z_j)/∂z_i = δ_ij − σ(z_i)")
             .eq(s(i) - Y[i], by="Σ_j y_j = 1"), counts=False),
    ]


def _answer_hessian_matrix(size: int):
    """As stated, at concrete n, as matrices: ∇²L vs [Σ_k σ_k(δ_rk δ_ck − σ_k δ_rc)]."""
    zs = symbols_vec("z", size)
    ys = _y_on_simplex_plane(size)
    s = softmax_vec(zs)
    d = lambda r, c: 1 if r == c else 0
    stated = sp.Matrix(size, size, lambda r, c: sp.Add(*[s[t] * (d(r, t) * d(c, t) - s[t] * d(r, c))
                                                           for t in range(size)]))
    Ls = sp.Symbol("L")
    hess = sp.ImmutableMatrix(size, size, lambda r, c: sp.Derivative(Ls, zs[r], zs[c]))
    return Chain((hess), define=[define(Ls, loss(zs, ys), "cross-entropy")]) \
        .eq((stated), by="the answer text, entry (i, j) = Σ_k σ(z_k)(δ_ik δ_jk − σ(z_k) δ_ij)")


@claim("d2l.answer-hessian", source="003", cite="the answer text (d2l §4.1 ex. 1)",
       kind="identity, as stated",
       statement="The answer text: ∂²L/∂z_i∂z_j = Σ_k σ(z_k)(δ_ik δ_jk − σ(z_k) δ_ij), σ = softmax.",
       corrected="∂²L/∂z_i∂z_j = σ(z_i)(δ_ij − σ(z_j)) (times Σ_k y_k for a general y), i.e. "
                 "Σ_k σ(z_k)(δ_ik δ_jk − δ_ik σ(z_j)): the answer text's δ_ij σ(z_k) should be "
                 "δ_ik σ(z_j).",
       notes=["As stated the right side is δ_ij (σ(z_i) − Σ_k σ(z_k)²): it vanishes off the "
              "diagonal, where the true Hessian is −σ(z_i)σ(z_j) ≠ 0, and on the diagonal it has "
              "Σ_k σ(z_k)² where σ(z_i)² belongs.",
              "Checked for symbolic n (target y with Σ_j y_j = 1, as the answer text sets up) and "
              "as explicit 3 × 3 matrices (y_3 = 1 − y_1 − y_2)."])
def _d2l_answer_hessian() -> list[Part]:
    s = softmax_entry
    hyp = dict(assuming=[_sum_y_is_1()], domain={Y: Simplex()}, n=n)
    L = loss(Z, Y)
    return [
        Part("as stated, symbolic n", Chain(sp.Derivative(L, Z[i], Z[j]), **hyp)
             .eq(sp.Sum(s(k) * (delta(i, k) * delta(j, k) - s(k) * delta(i, j)), (k, 1, n)),
                 by="the answer text")),
        Part("as stated, n = 3 as matrices", _answer_hessian_matrix(3)),
        Part("corrected: δ_ik σ(z_j) in place of σ(z_k) δ_ij", Chain(sp.Derivative(L, Z[i], Z[j]), **hyp)
             .eq(sp.Sum(s(k) * (delta(i, k) * delta(j, k) - delta(i, k) * s(j)), (k, 1, n)),
                 by="= σ(z_i)(δ_ij − σ(z_j))"), counts=False),
    ]


def _covariance_matrix_part(size: int, derivatives: bool) -> Chain:
    """Cov(e_Y) from the definition = the Hessian of l with Σ_r y_r = 1, as size × size matrices
    (the Hessian as unevaluated Derivatives with ``derivatives``, else ``sympy.hessian``)."""
    os = symbols_vec("o", size)
    ys = _y_on_simplex_plane(size)
    ps = list(sp.symbols(f"p_1:{size + 1}", positive=True))
    lo = sp.Symbol("l")
    names = [define(lo, loss(os, ys), "cross-entropy l(y, ŷ), Σ_r y_r = 1")]
    names += [define(pr, sr, "softmax") for pr, sr in zip(ps, softmax_vec(os))]
    if derivatives:
        H = (sp.ImmutableMatrix(size, size, lambda r, c: sp.Derivative(lo, os[r], os[c])))
    else:
        H = (hessian(size, ys=ys))
    return Chain((categorical_covariance(size, ps)), define=names) \
        .eq(H, by="d2l.ce-hessian: ∇²l with y_n = 1 − Σ_{r<n} y_r")


@claim("d2l.variance-matches-hessian", source="003", cite="d2l §4.1 ex. 1b; the answer text",
       kind="identity",
       statement="For Y ~ Categorical(softmax(o)) and its one-hot vector e_Y: Cov(e_Y) = diag(p) − ppᵀ "
                 "with p = softmax(o), equal to the Hessian of d2l.ce-hessian; on the diagonal "
                 "Var = p_i(1 − p_i) (the answer text's formula), off the diagonal −p_i p_j.",
       notes=["Cov(e_Y) is computed from the definition, not typed in: E[(e_Y)_i] = Σ_k p_k δ_ik, "
              "E[(e_Y)_i (e_Y)_j] = Σ_k p_k δ_ik δ_jk, Cov_ij = E[(e_Y)_i (e_Y)_j] − E[(e_Y)_i] E[(e_Y)_j].",
              "The answer text writes the diagonal as Var[σ(z_i)] = σ(z_i)(1 − σ(z_i)); σ(z_i) itself "
              "is a number, so this is read as the variance of the indicator (e_Y)_i = 1[Y = i].",
              "The answer text also says the off-diagonal covariances are negative: checked "
              "(−p_i p_j < 0)."])
def _d2l_variance() -> list[Part]:
    p = _p
    cov = covariance_entry
    return [
        Part("Cov(e_Y)_ij = p_i δ_ij − p_i p_j = ∂²l/∂o_i∂o_j, symbolic n",
             Chain(cov(i, j), assuming=[_sum_y_is_1()], domain={Y: Simplex()}, n=n)
             .eq(p(i) * delta(i, j) - p(i) * p(j), by="Σ_k p_k δ_ik δ_jk = p_i δ_ij, Σ_k p_k δ_ik = p_i")
             .eq(sp.Derivative(loss(O, Y), O[i], O[j]), by="d2l.ce-hessian, Σ_k y_k = 1")),
        Part("diagonal: Var((e_Y)_i) = p_i(1 − p_i)",
             Chain(cov(i, i), n=n).eq(p(i) * (1 - p(i)), by="δ_ii = 1")),
        Part("off the diagonal: Cov_ij = −p_i p_j < 0 (i ≠ j)",
             Chain(cov(i, j), assuming=[sp.Ne(i, j)], n=n)
             .eq(-p(i) * p(j), by="δ_ij = 0").lt(0, by="p_i, p_j > 0")),
        Part("n = 3 as matrices: Cov(e_Y) = ∇²l", _covariance_matrix_part(3, derivatives=True)),
        Part("n = 4 as matrices: Cov(e_Y) = ∇²l", _covariance_matrix_part(4, derivatives=True)),
    ]
