"""The quadratic cost and its gradients (NNDL ch. 3, eqs. (54)–(56), (65), (68)–(70)).

Importable objects:

* :func:`quadratic_cost` — C = (y − a)²/2 (NNDL eq. 54);
* ``a_out`` — a = σ(z) with z = wx + b, the toy neuron's output; ``z_in`` = wx + b;
* ``C`` — the cost of the toy neuron as a function of w and b: (y − σ(wx + b))²/2;
* ``dC_dw`` — ∂C/∂w = (a − y)σ'(z)x (eq. 55, first form);
* ``dC_db`` — ∂C/∂b = (a − y)σ'(z) (eq. 56, first form);
* :func:`output_weight_grad` — one training example's (a_j − y_j)σ'(z_j)·a_k^{L−1}, the summand
  of eq. (65); :func:`linear_output_weight_grad` — the same for a linear output layer (eq. 69).

Layer notation for the general-n parts: weights, activations and targets are IndexedBases.
Because the numeric side samples vectors (one index), a weight matrix enters through the one
row or column the derivative involves, and the rest of the weighted input is a free quantity
that does not depend on the weight being varied (the notes of each claim say which).
"""
from __future__ import annotations

import sympy as sp

from derivations.common import (SIGMA, SIGMA_PRIME, Y, Z, b, define, j, m, n, sigma, sigma_f, sigma_prime_f,
                                w, x, y)
from derivations.sigmoid import sigma_prime
from proofs import Chain
from proofs.claims import Part, claim

__all__ = ["quadratic_cost", "z_in", "a_out", "C", "dC_dw", "dC_db", "output_weight_grad",
           "linear_output_weight_grad"]

a = sp.Symbol("a", real=True)


def quadratic_cost(a_: sp.Expr, y_: sp.Expr) -> sp.Expr:
    """C = (y − a)²/2 (NNDL eq. 54)."""
    return (y_ - a_) ** 2 / 2


z_in = w * x + b                      #: z = wx + b
a_out = sigma(z_in)                   #: a = σ(z)
C = quadratic_cost(a_out, y)          #: C(w, b) = (y − σ(wx + b))²/2
dC_dw = (a_out - y) * sigma_prime(z_in) * x   #: eq. (55): (a − y)σ'(z)x
dC_db = (a_out - y) * sigma_prime(z_in)       #: eq. (56): (a − y)σ'(z)


def output_weight_grad(a_prev_k: sp.Expr, z_j: sp.Expr, y_j: sp.Expr) -> sp.Expr:
    """a_k^{L−1}(a_j^L − y_j)σ'(z_j^L): one training example's term of NNDL eq. (65)."""
    return a_prev_k * (sigma(z_j) - y_j) * sigma_prime(z_j)


def linear_output_weight_grad(a_prev_k: sp.Expr, z_j: sp.Expr, y_j: sp.Expr) -> sp.Expr:
    """a_k^{L−1}(a_j^L − y_j) with a_j^L = z_j^L: one training example's term of NNDL eq. (69)."""
    return a_prev_k * (z_j - y_j)


# symbols of the layer-level parts
_t = sp.Symbol("t", integer=True, positive=True)      # training example x_t, t = 1..n
_Wk = sp.IndexedBase("wk", real=True)                 # column k of W^L: wk[j'] = w_{j'k}
_R = sp.IndexedBase("r", real=True)                   # the rest of z_{j'}: Σ_{k'≠k} w_{j'k'} a_{k'} + b_{j'}
_ak = sp.Symbol("a_k", real=True)                     # a_k^{L−1} for one training example
_wjk = sp.Symbol("w_jk", real=True)                   # the one weight w_{jk}^L
_bj = sp.Symbol("b_j", real=True)                     # the one bias b_j^L
_AK = sp.IndexedBase("a_k", real=True)                # a_k^{L−1}(x_t) over training examples
_YJ = sp.IndexedBase("y_j", real=True)                # y_j(x_t)
_S = sp.IndexedBase("s", real=True)                   # Σ_k w_jk a_k(x_t): z_j(x_t) − b_j


def _book_names(xv=x, yv=y):
    """The book's names for the toy neuron: C := (y − a)²/2, a := σ(z), z := wx + b."""
    return [define(_C, quadratic_cost(a, yv), "quadratic cost (54)"), define(a, sigma_f(_z), "output"),
            define(_z, w * xv + b, "weighted input"), SIGMA, SIGMA_PRIME]


_C, _z = sp.Symbol("C"), sp.Symbol("z", real=True)


@claim("nndl.quadratic-cost", source="001", cite="NNDL ch. 3, eq. (54)", kind="definition",
       statement="C = (y − a)²/2 (54), a = σ(z), z = wx + b.",
       notes=["A definition holds by fiat; what is checked is what it is used for: the ½ makes "
              "∂C/∂a = a − y, the cost is ≥ 0 and 0 at a = y, and composed with a = σ(wx + b) its "
              "chain rule ∂C/∂z = (a − y)σ'(z) is the common factor of (55) and (56)."])
def _quadratic_cost() -> list[Part]:
    cost = [define(_C, quadratic_cost(a, y), "quadratic cost (54)")]
    with_sigma = cost + [define(a, sigma_f(_z), "output"), SIGMA, SIGMA_PRIME]
    return [
        Part("∂C/∂a = a − y (why the ½)",
             Chain(sp.Derivative(_C, a), define=cost).eq(a - y, by="d/da (y − a)²/2")),
        Part("C ≥ 0", Chain(_C, define=cost).eq(quadratic_cost(a, y), by="(54)")
             .ge(0, by="a square, halved")),
        Part("C = 0 at a = y", Chain(quadratic_cost(a, y).subs(a, y)).eq(0)),
        Part("with a = σ(z): ∂C/∂z = (a − y)σ'(z)",
             Chain(sp.Derivative(_C, _z), define=with_sigma)
             .eq((a - y) * sigma_prime_f(_z), by="chain rule, ∂C/∂a · ∂a/∂z")),
    ]


@claim("nndl.quadratic-grads", source="001", cite="NNDL ch. 3, eqs. (55), (56)", kind="derivation",
       statement="∂C/∂w = (a − y)σ'(z)x = aσ'(z) (55); ∂C/∂b = (a − y)σ'(z) = aσ'(z) (56), the "
                 "second forms with x = 1, y = 0.",
       notes=["The first forms are checked for symbolic x, y; the second forms (aσ'(z)) on the cost "
              "with the toy neuron's x = 1, y = 0 substituted, where z = w + b.",
              "Written in the book's names C, a = σ(z), z = wx + b (named definitions the checker "
              "unfolds)."])
def _quadratic_grads() -> list[Part]:
    names, toy = _book_names(), _book_names(sp.Integer(1), sp.Integer(0))
    sp_z = sigma_prime_f(_z)
    return [
        Part("(55) ∂C/∂w = (a − y)σ'(z)x",
             Chain(sp.Derivative(_C, w), define=names)
             .eq((a - y) * sp_z * x, by="chain rule: ∂C/∂a · σ'(z) · ∂z/∂w, ∂z/∂w = x")),
        Part("(55) with x = 1, y = 0: ∂C/∂w = aσ'(z)",
             Chain(sp.Derivative(_C, w), define=toy).eq(a * sp_z, by="(a − 0)σ'(z)·1")),
        Part("(56) ∂C/∂b = (a − y)σ'(z)",
             Chain(sp.Derivative(_C, b), define=names).eq((a - y) * sp_z, by="chain rule, ∂z/∂b = 1")),
        Part("(56) with x = 1, y = 0: ∂C/∂b = aσ'(z)",
             Chain(sp.Derivative(_C, b), define=toy).eq(a * sp_z, by="(a − 0)σ'(z)")),
    ]


@claim("nndl.multilayer-quadratic", source="001", cite="NNDL ch. 3, problem “many-layer multi-neuron "
       "networks”, eq. (65)", kind="derivation",
       statement="Quadratic cost, sigmoid output layer: ∂C/∂w_jk^L = (1/n) Σ_x a_k^{L−1} (a_j^L − y_j) "
                 "σ'(z_j^L) (65).",
       notes=["Two general-n chains. (i) One training example, n output neurons (here n counts "
              "neurons): C_x = ½Σ_{j'}(a_{j'} − y_{j'})², a_{j'} = σ(z_{j'}), "
              "z_{j'} = w_{j'k}a_k + r_{j'} with r_{j'} = Σ_{k'≠k} w_{j'k'}a_{k'} + b_{j'} (free of "
              "column k of W); differentiating with respect to w_{jk} leaves only the j-th term.",
              "(ii) n training examples (the book's n): C = (1/n)Σ_x C_x, where at example x_t only "
              "½(a_j − y_j)² involves w_jk (by (i)), z_j(x_t) = w_jk a_k(x_t) + r_t. The other "
              "neurons' terms of C_x do not involve w_jk (their derivative is 0, as (i) shows) and "
              "are left out of this chain: each extra summand costs SymPy's symbolic summation "
              "seconds.",
              "Weight matrices enter through one column / one entry because the numeric side samples "
              "one-index vectors only."])
def _multilayer_quadratic() -> list[Part]:
    zq = _Wk[m] * _ak + _R[m]
    zj = _Wk[j] * _ak + _R[j]
    cx = sp.Sum(quadratic_cost(sigma(zq), Y[m]), (m, 1, n))
    zt = _wjk * _AK[_t] + _R[_t]
    cost = sp.Sum(quadratic_cost(sigma(zt), _YJ[_t]), (_t, 1, n)) / n
    return [
        Part("(i) one example, n output neurons: ∂C_x/∂w_jk = a_k(a_j − y_j)σ'(z_j)",
             Chain(sp.Derivative(cx, _Wk[j]), n=n, n_min=1, label="n output neurons")
             .eq(output_weight_grad(_ak, zj, Y[j]),
                 by="only the j-th term depends on w_jk; chain rule, ∂z_j/∂w_jk = a_k")),
        Part("(ii) n training examples: ∂C/∂w_jk = (1/n)Σ_x a_k(a_j − y_j)σ'(z_j)  (65)",
             Chain(sp.Derivative(cost, _wjk), n=n, n_min=1, label="n training examples")
             .eq(sp.Sum(output_weight_grad(_AK[_t], zt, _YJ[_t]), (_t, 1, n)) / n,
                 by="linearity of the average, then (i) at each example")),
    ]


@claim("nndl.linear-quadratic", source="001", cite="NNDL ch. 3, problem “using the quadratic cost "
       "when we have linear neurons in the output layer”, eqs. (68)–(70)", kind="derivation",
       statement="Linear output layer a_j^L = z_j^L with quadratic cost: δ^L = a^L − y (68); "
                 "∂C/∂w_jk^L = (1/n) Σ_x a_k^{L−1}(a_j^L − y_j) (69); ∂C/∂b_j^L = (1/n) Σ_x (a_j^L − y_j) "
                 "(70).",
       notes=["(68) for one training example and n output neurons (n counts neurons): "
              "δ_j = ∂C_x/∂z_j with C_x = ½Σ_{j'}(z_{j'} − y_{j'})².",
              "(69), (70) over n training examples (the book's n), with z_j(x_t) = w_jk a_k(x_t) + r_t "
              "resp. b_j + s_t, s_t = Σ_k w_jk a_k(x_t). The other neurons' terms of C_x do not "
              "involve w_jk or b_j ((68) differentiates the whole sum) and are left out of these "
              "two chains."])
def _linear_quadratic() -> list[Part]:
    zt_w = _wjk * _AK[_t] + _R[_t]
    zt_b = _bj + _S[_t]
    cost_w = sp.Sum(quadratic_cost(zt_w, _YJ[_t]), (_t, 1, n)) / n
    cost_b = sp.Sum(quadratic_cost(zt_b, _YJ[_t]), (_t, 1, n)) / n
    return [
        Part("(68) δ_j = ∂C_x/∂z_j = a_j − y_j",
             Chain(sp.Derivative(sp.Sum(quadratic_cost(Z[m], Y[m]), (m, 1, n)), Z[j]), n=n, n_min=1,
                   label="n output neurons, a = z")
             .eq(Z[j] - Y[j], by="only the j-th term depends on z_j; a_j = z_j")),
        Part("(69) ∂C/∂w_jk = (1/n)Σ_x a_k(a_j − y_j)",
             Chain(sp.Derivative(cost_w, _wjk), n=n, n_min=1, label="n training examples")
             .eq(sp.Sum(linear_output_weight_grad(_AK[_t], zt_w, _YJ[_t]), (_t, 1, n)) / n,
                 by="δ_j (68) times ∂z_j/∂w_jk = a_k, averaged")),
        Part("(70) ∂C/∂b_j = (1/n)Σ_x (a_j − y_j)",
             Chain(sp.Derivative(cost_b, _bj), n=n, n_min=1, label="n training examples")
             .eq(sp.Sum(zt_b - _YJ[_t], (_t, 1, n)) / n, by="δ_j (68) times ∂z_j/∂b_j = 1, averaged")),
    ]
