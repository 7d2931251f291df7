"""Shared notation for every topic module: the symbols and the functions the documents use.

Catalogue notation: σ(z) = 1/(1+e^{−z}); softmax(z)_i = e^{z_i}/Σ_j e^{z_j}; LSE(z) = log Σ_j e^{z_j};
n classes; δ_ij the Kronecker delta. General-n statements use SymPy's ``IndexedBase`` and ``Sum``
with an integer size symbol ``n``; indices are plain integer symbols (not ``Idx``, which prints
its range).
"""
from __future__ import annotations

import sympy as sp

# sizes and indices
n = sp.Symbol("n", integer=True, positive=True)
i, j, k, l, m = sp.symbols("i j k l m", integer=True, positive=True)

# scalars
x, w, b, y, a, t, c = sp.symbols("x w b y a t c", real=True)
z = sp.Symbol("z", real=True)
lam = sp.Symbol("lambda", positive=True)
T = sp.Symbol("T", positive=True)

# vectors of length n (entries real)
Z = sp.IndexedBase("z", real=True)      # weighted inputs / logits z_1 … z_n
Y = sp.IndexedBase("y", real=True)      # targets y_1 … y_n
A = sp.IndexedBase("a", real=True)      # activations a_1 … a_n


def sigma(u: sp.Expr) -> sp.Expr:
    """The logistic sigmoid σ(u) = 1/(1 + e^{−u})."""
    return 1 / (1 + sp.exp(-u))


def softmax_i(zv: sp.IndexedBase, q: sp.Expr, size: sp.Expr = n, dummy: sp.Symbol = m) -> sp.Expr:
    """softmax(z)_q = e^{z_q} / Σ_{dummy=1}^{size} e^{z_dummy} (DL eq. 6.29, NNDL eq. 78)."""
    return sp.exp(zv[q]) / sp.Sum(sp.exp(zv[dummy]), (dummy, 1, size))


def lse(zv: sp.IndexedBase, size: sp.Expr = n, dummy: sp.Symbol = m) -> sp.Expr:
    """LSE(z) = log Σ_j e^{z_j} (DL §6.2.2.3; d2l's RealSoftMax)."""
    return sp.log(sp.Sum(sp.exp(zv[dummy]), (dummy, 1, size)))


def softmax_vec(zs: list[sp.Expr]) -> list[sp.Expr]:
    """softmax of an explicit list (concrete n)."""
    s = sum(sp.exp(u) for u in zs)
    return [sp.exp(u) / s for u in zs]


def symbols_vec(name: str, size: int, **assumptions) -> list[sp.Symbol]:
    """z_1 … z_size as plain symbols (for explicit concrete-n matrices)."""
    return list(sp.symbols(f"{name}1:{size + 1}", **(assumptions or {"real": True})))


# ---------------------------------------------------------------- named definitions (the documents' notation)
# Chains written with these print σ(z), a_j, L as the documents do; the kernel unfolds them
# before deciding (proofs.definitions). Each document's own letters: a_j (NNDL, blog 2),
# S_i (blog 1), p_i (d2l), softmax(z)_i (DL).
from proofs.definitions import SumOver, define  # noqa: E402

_u = sp.Symbol("u", real=True)
sigma_f = sp.Function("sigma")              # σ(u), printed σ
sigma_prime_f = sp.Function("σ'")           # σ'(u), printed σ′
SIGMA = define(sigma_f(_u), 1 / (1 + sp.exp(-_u)), "logistic sigmoid")
SIGMA_PRIME = define(sigma_prime_f(_u), sp.exp(-_u) / (1 + sp.exp(-_u)) ** 2, "derivative of σ")


def softmax_def(base: sp.IndexedBase, zv: sp.IndexedBase = Z, size: sp.Expr = n, dummy: sp.Symbol = m,
                label: str = "softmax"):
    """base_j := e^{z_j}/Σ_m e^{z_m}: softmax under the document's letter (a_j, S_i, y_i, p_i)."""
    return define(base[j], softmax_i(zv, j, size, dummy), label)



# DL's own writing: softmax(z)_i, an indexed name (printed softmax(z)_i, unfolded by the kernel)
SOFTMAX_Z = sp.IndexedBase("softmax(z)", real=True)
SOFTMAX_DEF = softmax_def(SOFTMAX_Z, label="softmax (6.29)")
