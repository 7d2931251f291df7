"""Outside steps: derivation steps from public references nobody here wrote, as a user writes them.

Each step is data: where it comes from (page or file and formula), the ``Chain`` a user would
write for it, and a wrong variant of it (a sign, a factor, a swapped argument) that the checker
must refute. Used by ``tests/test_outside.py`` and ``benchmarks/outside.py``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sympy as sp
from sympy.codegen.cfunctions import expm1, log1p

from proofs import Chain

x, y, c, t = sp.symbols("x y c t", real=True)
beta, gamma, eps, alpha = sp.symbols("beta gamma epsilon alpha", positive=True)
lam, T = sp.symbols("lambda T", positive=True)
p, q = sp.symbols("p q", real=True)
m1, m2 = sp.symbols("mu1 mu2", real=True)
s1, s2 = sp.symbols("sigma1 sigma2", positive=True)
z1, z2, z3 = sp.symbols("z1 z2 z3", real=True)
a1, a2, a3, x1, x2, x3 = sp.symbols("a1 a2 a3 x1 x2 x3", real=True)
n = sp.Symbol("n", integer=True, positive=True)
i, j, k = sp.symbols("i j k", integer=True, positive=True)
Z, Y, P, Q = sp.IndexedBase("z", real=True), sp.IndexedBase("y", real=True), \
    sp.IndexedBase("p", positive=True), sp.IndexedBase("q", positive=True)
f = sp.Function("f")

UNIT_PQ = [sp.Gt(p, 0), sp.Lt(p, 1), sp.Gt(q, 0), sp.Lt(q, 1)]
UNIT_P = [sp.Gt(p, 0), sp.Lt(p, 1)]


def sig(u):
    """σ(u) = 1/(1 + e^{−u}) (Wikipedia, Logistic function, 'standard logistic function')."""
    return 1 / (1 + sp.exp(-u))


def softplus(u):
    """softplus(u) = log(1 + e^u) (Wikipedia, Softplus; PyTorch torch.nn.Softplus with β = 1)."""
    return sp.log(1 + sp.exp(u))


def H2(u):
    """Binary entropy in nats, H(p) = −p log p − (1 − p) log(1 − p) (Wikipedia, Binary entropy function)."""
    return -u * sp.log(u) - (1 - u) * sp.log(1 - u)


def kl2(u, v):
    """KL divergence of Bernoulli(u) from Bernoulli(v) (Wikipedia, Kullback–Leibler divergence, discrete)."""
    return u * sp.log(u / v) + (1 - u) * sp.log((1 - u) / (1 - v))


def lse3(*zs):
    return sp.log(sum(sp.exp(v) for v in zs))


SUM_E = sp.Sum(sp.exp(Z[j]), (j, 1, n))
Z3 = sp.Matrix([z1, z2, z3])
S3 = sp.exp(z1) + sp.exp(z2) + sp.exp(z3)
P3 = sp.Matrix([sp.exp(v) / S3 for v in (z1, z2, z3)])
A3 = sp.Matrix(3, 3, sp.symbols("A11 A12 A13 A21 A22 A23 A31 A32 A33", real=True))
X3 = sp.Matrix([x1, x2, x3])
AV3 = sp.Matrix([a1, a2, a3])


@dataclass(frozen=True)
class Step:
    name: str
    source: str
    true: Callable[[], Chain]
    wrong: Callable[[], Chain]
    xfail: str = ""  # why the true step is not proven yet (empty: it must be proven)


STEPS: list[Step] = [
    # ---------------------------------------------------------------- logistic function
    Step("logistic-exp-form", "Wikipedia, Logistic function: σ(x) = e^x/(e^x + 1)",
         lambda: Chain(sig(x)).eq(sp.exp(x) / (sp.exp(x) + 1)),
         lambda: Chain(sig(x)).eq(sp.exp(x) / (sp.exp(-x) + 1))),
    Step("logistic-tanh", "Wikipedia, Logistic function: f(x) = 1/2 + 1/2 tanh(x/2)",
         lambda: Chain(sig(x)).eq((1 + sp.tanh(x / 2)) / 2),
         lambda: Chain(sig(x)).eq((1 + sp.tanh(x)) / 2)),
    Step("logistic-symmetry", "Wikipedia, Logistic function: 1 − f(x) = f(−x)",
         lambda: Chain(1 - sig(x)).eq(sig(-x)),
         lambda: Chain(1 - sig(x)).eq(sig(x))),
    Step("logistic-derivative", "Wikipedia, Logistic function, Derivative: f'(x) = f(x)(1 − f(x))",
         lambda: Chain(sp.Derivative(sig(x), x)).eq(sig(x) * (1 - sig(x))),
         lambda: Chain(sp.Derivative(sig(x), x)).eq(sig(x) * (1 + sig(x)))),
    Step("logistic-derivative-sech", "Wikipedia, Logistic function, Derivative: f'(x) = 1/4 sech²(x/2)",
         lambda: Chain(sp.Derivative(sig(x), x)).eq(sp.sech(x / 2) ** 2 / 4),
         lambda: Chain(sp.Derivative(sig(x), x)).eq(sp.sech(x) ** 2 / 4)),
    Step("logistic-derivative-symmetric", "Wikipedia, Logistic function: f'(x) = f(x) f(−x)",
         lambda: Chain(sp.diff(sig(x), x)).eq(sig(x) * sig(-x)),
         lambda: Chain(sp.diff(sig(x), x)).eq(sig(x) * sig(x))),
    Step("tanh-logistic", "Wikipedia, Hyperbolic functions: tanh x = 2σ(2x) − 1",
         lambda: Chain(sp.tanh(x)).eq(2 * sig(2 * x) - 1),
         lambda: Chain(sp.tanh(x)).eq(2 * sig(x) - 1)),
    Step("tanh-derivative", "Wikipedia, Hyperbolic functions, Derivatives: d/dx tanh x = 1 − tanh² x = sech² x",
         lambda: Chain(sp.Derivative(sp.tanh(x), x)).eq(1 - sp.tanh(x) ** 2).eq(sp.sech(x) ** 2),
         lambda: Chain(sp.Derivative(sp.tanh(x), x)).eq(1 + sp.tanh(x) ** 2)),
    Step("tanh-exp", "Wikipedia, Hyperbolic functions: tanh x = (e^{2x} − 1)/(e^{2x} + 1)",
         lambda: Chain(sp.tanh(x)).eq((sp.exp(2 * x) - 1) / (sp.exp(2 * x) + 1)),
         lambda: Chain(sp.tanh(x)).eq((sp.exp(x) - 1) / (sp.exp(2 * x) + 1))),
    # ---------------------------------------------------------------- logit, softplus, log1p, expm1
    Step("logit-inverse", "Wikipedia, Logit: logit(σ(x)) = x with logit(p) = log(p/(1 − p))",
         lambda: Chain(sp.log(sig(x) / (1 - sig(x)))).eq(x),
         lambda: Chain(sp.log(sig(x) / (1 - sig(x)))).eq(-x)),
    Step("logit-derivative", "Wikipedia, Logit: d/dp logit(p) = 1/(p(1 − p)) for 0 < p < 1",
         lambda: Chain(sp.Derivative(sp.log(p / (1 - p)), p), assuming=UNIT_P).eq(1 / (p * (1 - p))),
         lambda: Chain(sp.Derivative(sp.log(p / (1 - p)), p), assuming=UNIT_P).eq(1 / p)),
    Step("softplus-derivative", "Wikipedia, Softplus: the derivative of softplus is the logistic function",
         lambda: Chain(sp.Derivative(softplus(x), x)).eq(sig(x)),
         lambda: Chain(sp.Derivative(softplus(x), x)).eq(sig(-x))),
    Step("softplus-difference", "Wikipedia, Softplus: softplus(x) − softplus(−x) = x (LogSumExp of (0, x))",
         lambda: Chain(softplus(x) - softplus(-x)).eq(x),
         lambda: Chain(softplus(x) - softplus(-x)).eq(2 * x)),
    Step("softplus-beta-derivative", "PyTorch torch.nn.Softplus: Softplus(x) = 1/β log(1 + exp(βx)); its derivative σ(βx)",
         lambda: Chain(sp.Derivative(sp.log(1 + sp.exp(beta * x)) / beta, x)).eq(sig(beta * x)),
         lambda: Chain(sp.Derivative(sp.log(1 + sp.exp(beta * x)) / beta, x)).eq(sig(x))),
    Step("logsigmoid", "PyTorch torch.nn.LogSigmoid: LogSigmoid(x) = log(1/(1 + exp(−x))) = −softplus(−x)",
         lambda: Chain(sp.log(sig(x))).eq(-softplus(-x)),
         lambda: Chain(sp.log(sig(x))).eq(-softplus(x))),
    Step("softplus-log1p", "PyTorch torch.nn.functional.softplus / TensorFlow tf.math.softplus: log(exp(x) + 1) = log1p(exp(x))",
         lambda: Chain(softplus(x)).eq(log1p(sp.exp(x))),
         lambda: Chain(softplus(x)).eq(log1p(sp.exp(-x)))),
    Step("log1p-expm1", "C99 / numpy log1p, expm1 (sympy.codegen.cfunctions): log1p(expm1(x)) = x",
         lambda: Chain(log1p(expm1(x))).eq(x),
         lambda: Chain(log1p(expm1(x))).eq(x + 1)),
    Step("expm1-tanh", "Wikipedia, Hyperbolic functions: tanh(x/2) = expm1(x)/(exp(x) + 1)",
         lambda: Chain(sp.tanh(x / 2)).eq(expm1(x) / (sp.exp(x) + 1)),
         lambda: Chain(sp.tanh(x / 2)).eq(expm1(x) / (sp.exp(x) - 1 + 3))),
    # ---------------------------------------------------------------- BCE with logits
    Step("bce-logits-form", "TensorFlow tf.nn.sigmoid_cross_entropy_with_logits: z·−log σ(x) + (1 − z)·−log(1 − σ(x)) = x − x z + log(1 + exp(−x))",
         lambda: Chain(-y * sp.log(sig(x)) - (1 - y) * sp.log(1 - sig(x))).eq(x - x * y + sp.log(1 + sp.exp(-x))),
         lambda: Chain(-y * sp.log(sig(x)) - (1 - y) * sp.log(1 - sig(x))).eq(x + x * y + sp.log(1 + sp.exp(-x)))),
    Step("bce-logits-negative", "TensorFlow tf.nn.sigmoid_cross_entropy_with_logits: for x < 0, = −x z + log(1 + exp(x))",
         lambda: Chain(x - x * y + sp.log(1 + sp.exp(-x))).eq(-x * y + sp.log(1 + sp.exp(x))),
         lambda: Chain(x - x * y + sp.log(1 + sp.exp(-x))).eq(x * y + sp.log(1 + sp.exp(x)))),
    Step("bce-logits-stable", "TensorFlow tf.nn.sigmoid_cross_entropy_with_logits: = max(x, 0) − x z + log(1 + exp(−|x|)), here for x > 0",
         lambda: Chain(x - x * y + sp.log(1 + sp.exp(-x)), assuming=[sp.Gt(x, 0)]).eq(
             sp.Max(x, 0) - x * y + sp.log(1 + sp.exp(-sp.Abs(x)))),
         lambda: Chain(x - x * y + sp.log(1 + sp.exp(-x)), assuming=[sp.Gt(x, 0)]).eq(
             sp.Max(x, 0) - x * y + sp.log(1 + sp.exp(sp.Abs(x))))),
    Step("bce-logits-stable-neg", "TensorFlow tf.nn.sigmoid_cross_entropy_with_logits: = max(x, 0) − x z + log(1 + exp(−|x|)), here for x < 0",
         lambda: Chain(-x * y + sp.log(1 + sp.exp(x)), assuming=[sp.Lt(x, 0)]).eq(
             sp.Max(x, 0) - x * y + sp.log(1 + sp.exp(-sp.Abs(x)))),
         lambda: Chain(-x * y + sp.log(1 + sp.exp(x)), assuming=[sp.Lt(x, 0)]).eq(
             x - x * y + sp.log(1 + sp.exp(-sp.Abs(x))))),
    Step("bce-logits-gradient", "PyTorch torch.nn.BCEWithLogitsLoss: ∂ℓ/∂x = σ(x) − y",
         lambda: Chain(sp.Derivative(-y * sp.log(sig(x)) - (1 - y) * sp.log(1 - sig(x)), x)).eq(sig(x) - y),
         lambda: Chain(sp.Derivative(-y * sp.log(sig(x)) - (1 - y) * sp.log(1 - sig(x)), x)).eq(y - sig(x))),
    Step("relu-heaviside", "Wikipedia, Rectifier (neural networks): ReLU(x) = x H(x), = x for x > 0",
         lambda: Chain(x * sp.Heaviside(x), assuming=[sp.Gt(x, 0)]).eq(sp.Max(x, 0)),
         lambda: Chain(x * sp.Heaviside(x), assuming=[sp.Gt(x, 0)]).eq(sp.Max(x, 0) + 1)),
    # ---------------------------------------------------------------- binary entropy, KL, cross-entropy
    Step("binary-entropy-derivative", "Wikipedia, Binary entropy function, Derivative: d/dp H(p) = log((1 − p)/p)",
         lambda: Chain(sp.Derivative(H2(p), p), assuming=UNIT_P).eq(sp.log((1 - p) / p)),
         lambda: Chain(sp.Derivative(H2(p), p), assuming=UNIT_P).eq(sp.log(p / (1 - p)))),
    Step("binary-entropy-second", "Wikipedia, Binary entropy function, Derivative: H''(p) = −1/(p(1 − p))",
         lambda: Chain(sp.Derivative(H2(p), (p, 2)), assuming=UNIT_P).eq(-1 / (p * (1 - p))),
         lambda: Chain(sp.Derivative(H2(p), (p, 2)), assuming=UNIT_P).eq(1 / (p * (1 - p)))),
    Step("binary-entropy-symmetric", "Wikipedia, Binary entropy function: H(p) = H(1 − p)",
         lambda: Chain(H2(p), assuming=UNIT_P).eq(H2(1 - p)),
         lambda: Chain(H2(p), assuming=UNIT_P).eq(H2(p / 2))),
    Step("binary-entropy-max", "Wikipedia, Binary entropy function: H(p) ≤ log 2 (its maximum, at p = 1/2), 0 < p < 1",
         lambda: Chain(H2(p), assuming=UNIT_P).le(sp.log(2)),
         lambda: Chain(H2(p), assuming=UNIT_P).le(sp.log(2) / 2)),
    Step("pinsker-bernoulli", "Wikipedia, Pinsker's inequality for two Bernoullis (nats): D(p ‖ q) ≥ 2(p − q)²",
         lambda: Chain(kl2(p, q), assuming=UNIT_PQ).ge(2 * (p - q) ** 2),
         lambda: Chain(kl2(p, q), assuming=UNIT_PQ).ge(4 * (p - q) ** 2)),
    Step("kl-bernoulli-nonneg", "Wikipedia, Kullback–Leibler divergence (Gibbs' inequality) for Bernoulli(p), Bernoulli(q): D ≥ 0",
         lambda: Chain(kl2(p, q), assuming=UNIT_PQ).ge(0),
         lambda: Chain(kl2(p, q), assuming=UNIT_PQ).le(0)),
    Step("kl-normals-nonneg", "Wikipedia, Kullback–Leibler divergence, multivariate normal (1-D): log(σ2/σ1) + (σ1² + (μ1 − μ2)²)/(2σ2²) − 1/2 ≥ 0",
         lambda: Chain(sp.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - sp.Rational(1, 2)).ge(0),
         lambda: Chain(sp.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 1).ge(0)),
    Step("cross-entropy-decomposition", "Wikipedia, Cross-entropy: H(p, q) = H(p) + D_KL(p ‖ q) (Bernoulli)",
         lambda: Chain(-p * sp.log(q) - (1 - p) * sp.log(1 - q), assuming=UNIT_PQ).eq(H2(p) + kl2(p, q)),
         lambda: Chain(-p * sp.log(q) - (1 - p) * sp.log(1 - q), assuming=UNIT_PQ).eq(H2(p) - kl2(p, q))),
    Step("focal-below-ce", "Lin et al., Focal Loss (2017), eq. (4): FL(p_t) = −(1 − p_t)^γ log p_t ≤ CE = −log p_t (γ = 2)",
         lambda: Chain(-(1 - p) ** 2 * sp.log(p), assuming=UNIT_P).le(-sp.log(p)),
         lambda: Chain(-(1 - p) ** 2 * sp.log(p), assuming=UNIT_P).ge(-sp.log(p))),
    Step("focal-gradient", "Lin et al., Focal Loss (2017), Appendix B: dFL/dx = y(1 − p_t)^γ(γ p_t log p_t + p_t − 1), y = 1",
         lambda: Chain(sp.Derivative(-(1 - sig(x)) ** gamma * sp.log(sig(x)), x)).eq(
             (1 - sig(x)) ** gamma * (gamma * sig(x) * sp.log(sig(x)) + sig(x) - 1)),
         lambda: Chain(sp.Derivative(-(1 - sig(x)) ** gamma * sp.log(sig(x)), x)).eq(
             (1 - sig(x)) ** gamma * (gamma * sig(x) * sp.log(sig(x)) - sig(x) + 1))),
    # ---------------------------------------------------------------- softmax, LogSumExp
    Step("softmax-two-logistic", "Wikipedia, Softmax function: for two classes softmax is the logistic of z1 − z2",
         lambda: Chain(sp.exp(z1) / (sp.exp(z1) + sp.exp(z2))).eq(sig(z1 - z2)),
         lambda: Chain(sp.exp(z1) / (sp.exp(z1) + sp.exp(z2))).eq(sig(z2 - z1))),
    Step("softmax-translation", "Wikipedia, Softmax function: σ(z + c)_i = σ(z)_i (general n)",
         lambda: Chain(sp.exp(Z[i] + c) / sp.Sum(sp.exp(Z[j] + c), (j, 1, n))).eq(sp.exp(Z[i]) / SUM_E),
         lambda: Chain(sp.exp(Z[i] + c) / sp.Sum(sp.exp(Z[j] + c), (j, 1, n))).eq(sp.exp(Z[i] + c) / SUM_E)),
    Step("log-softmax", "PyTorch torch.nn.LogSoftmax: log(exp(x_i)/Σ_j exp(x_j)) = x_i − log Σ_j exp(x_j)",
         lambda: Chain(sp.log(sp.exp(Z[i]) / SUM_E)).eq(Z[i] - sp.log(SUM_E)),
         lambda: Chain(sp.log(sp.exp(Z[i]) / SUM_E)).eq(Z[i] + sp.log(SUM_E))),
    Step("lse-translation", "Wikipedia, LogSumExp: LSE(x + c) = LSE(x) + c",
         lambda: Chain(sp.log(sp.Sum(sp.exp(Z[j] + c), (j, 1, n)))).eq(sp.log(SUM_E) + c),
         lambda: Chain(sp.log(sp.Sum(sp.exp(Z[j] + c), (j, 1, n)))).eq(sp.log(SUM_E) + 2 * c)),
    Step("lse-gradient", "Wikipedia, LogSumExp: ∂LSE/∂x_i = exp(x_i)/Σ_j exp(x_j)",
         lambda: Chain(sp.Derivative(sp.log(SUM_E), Z[k])).eq(sp.exp(Z[k]) / SUM_E),
         lambda: Chain(sp.Derivative(sp.log(SUM_E), Z[k])).eq(sp.exp(Z[k]))),
    Step("lse-bounds-3", "Wikipedia, LogSumExp: max{x1, …, xn} ≤ LSE(x) ≤ max{x1, …, xn} + log n, at n = 3",
         lambda: Chain(sp.Max(z1, z2, z3)).le(lse3(z1, z2, z3)).le(sp.Max(z1, z2, z3) + sp.log(3)),
         lambda: Chain(lse3(z1, z2, z3)).le(sp.Max(z1, z2, z3))),
    Step("lse-temperature-bound", "Wikipedia, LogSumExp / Smooth maximum: λ⁻¹ log(e^{λa} + e^{λb}) ≤ max(a, b) + λ⁻¹ log 2, λ > 0",
         lambda: Chain(sp.log(sp.exp(lam * z1) + sp.exp(lam * z2)) / lam).le(sp.Max(z1, z2) + sp.log(2) / lam),
         lambda: Chain(sp.log(sp.exp(lam * z1) + sp.exp(lam * z2)) / lam).le(sp.Max(z1, z2))),
    Step("softmax-low-temperature-3", "Wikipedia, Softmax function (temperature): as T → 0+ softmax(z/T) → the one-hot of the arg max (n = 3)",
         lambda: Chain(sp.Limit(sp.exp(z1 / T) / (sp.exp(z1 / T) + sp.exp(z2 / T) + sp.exp(z3 / T)), T, 0, "+"),
                       assuming=[sp.Gt(z1, z2), sp.Gt(z1, z3)]).eq(1),
         lambda: Chain(sp.Limit(sp.exp(z1 / T) / (sp.exp(z1 / T) + sp.exp(z2 / T) + sp.exp(z3 / T)), T, 0, "+"),
                       assuming=[sp.Gt(z1, z2), sp.Gt(z1, z3)]).eq(sp.Rational(1, 3))),
    Step("softmax-order-3", "Wikipedia, Softmax function: softmax preserves the order of its arguments (z1 > z2, n = 3)",
         lambda: Chain(sp.exp(z1) / S3, assuming=[sp.Gt(z1, z2)]).gt(sp.exp(z2) / S3),
         lambda: Chain(sp.exp(z1) / S3, assuming=[sp.Gt(z1, z2)]).lt(sp.exp(z2) / S3)),
    Step("softmax-jacobian-entry", "CS231n notes / Wikipedia, Softmax function: ∂σ_i/∂z_k = σ_i(δ_ik − σ_k)",
         lambda: Chain(sp.Derivative(sp.exp(Z[i]) / SUM_E, Z[k])).eq(
             sp.exp(Z[i]) / SUM_E * (sp.KroneckerDelta(i, k) - sp.exp(Z[k]) / SUM_E)),
         lambda: Chain(sp.Derivative(sp.exp(Z[i]) / SUM_E, Z[k])).eq(
             sp.exp(Z[i]) / SUM_E * (sp.KroneckerDelta(i, k) - sp.exp(Z[i]) / SUM_E))),
    Step("softmax-jacobian-3", "Wikipedia, Softmax function: the Jacobian is diag(σ) − σσᵀ (n = 3, Matrix sides)",
         lambda: Chain(P3.jacobian(Z3)).eq(sp.diag(*P3) - P3 * P3.T),
         lambda: Chain(P3.jacobian(Z3)).eq(sp.diag(*P3) + P3 * P3.T)),
    Step("softmax-jacobian-ones", "Wikipedia, Softmax function: the rows of the Jacobian sum to 0 (J·1 = 0, n = 3)",
         lambda: Chain(P3.jacobian(Z3) * sp.ones(3, 1)).eq(sp.zeros(3, 1)),
         lambda: Chain(P3.jacobian(Z3) * sp.ones(3, 1)).eq(P3)),
    Step("lse-hessian-3", "Wikipedia, LogSumExp: the Hessian of LSE is diag(σ) − σσᵀ (n = 3)",
         lambda: Chain(sp.hessian(sp.log(S3), (z1, z2, z3))).eq(sp.diag(*P3) - P3 * P3.T),
         lambda: Chain(sp.hessian(sp.log(S3), (z1, z2, z3))).eq(sp.diag(*P3))),
    Step("ce-gradient", "CS231n notes, Softmax classifier: ∂L/∂z_k = p_k − y_k for L = −Σ_j y_j log p_j, Σ_j y_j = 1",
         lambda: Chain(sp.Derivative(-sp.Sum(Y[j] * sp.log(sp.exp(Z[j]) / SUM_E), (j, 1, n)), Z[k]),
                       assuming=[sp.Eq(sp.Sum(Y[j], (j, 1, n)), 1)]).eq(sp.exp(Z[k]) / SUM_E - Y[k]),
         lambda: Chain(sp.Derivative(-sp.Sum(Y[j] * sp.log(sp.exp(Z[j]) / SUM_E), (j, 1, n)), Z[k]),
                       assuming=[sp.Eq(sp.Sum(Y[j], (j, 1, n)), 1)]).eq(Y[k] - sp.exp(Z[k]) / SUM_E)),
    Step("label-smoothing", "PyTorch torch.nn.CrossEntropyLoss(label_smoothing=ε): targets (1 − ε)y + ε/C, loss split in two",
         lambda: Chain(-sp.Sum(((1 - eps) * Y[j] + eps / n) * sp.log(P[j]), (j, 1, n))).eq(
             (1 - eps) * -sp.Sum(Y[j] * sp.log(P[j]), (j, 1, n)) - eps / n * sp.Sum(sp.log(P[j]), (j, 1, n))),
         lambda: Chain(-sp.Sum(((1 - eps) * Y[j] + eps / n) * sp.log(P[j]), (j, 1, n))).eq(
             (1 - eps) * -sp.Sum(Y[j] * sp.log(P[j]), (j, 1, n)) - eps * sp.Sum(sp.log(P[j]), (j, 1, n)))),
    # ---------------------------------------------------------------- Matrix Cookbook
    Step("cookbook-grad-ax", "Matrix Cookbook (2012), eq. (69): ∂(aᵀx)/∂x = a (n = 3)",
         lambda: Chain((AV3.T * X3)[0].diff(X3)).eq(AV3),
         lambda: Chain((AV3.T * X3)[0].diff(X3)).eq(AV3 + X3)),
    Step("cookbook-grad-xAx", "Matrix Cookbook (2012), eq. (81): ∂(xᵀAx)/∂x = (A + Aᵀ)x (n = 3)",
         lambda: Chain((X3.T * A3 * X3)[0].diff(X3)).eq((A3 + A3.T) * X3),
         lambda: Chain((X3.T * A3 * X3)[0].diff(X3)).eq(2 * A3 * X3)),
    # ---------------------------------------------------------------- products, Kronecker delta
    Step("log-product", "Wikipedia, Likelihood function (log-likelihood): log Π_j p_j = Σ_j log p_j",
         lambda: Chain(sp.log(sp.Product(P[j], (j, 1, n)))).eq(sp.Sum(sp.log(P[j]), (j, 1, n))),
         lambda: Chain(sp.log(sp.Product(P[j], (j, 1, n)))).eq(sp.Sum(sp.log(P[j]), (j, 1, n)) + sp.log(n))),
    Step("log-likelihood-logistic", "Wikipedia, Logistic regression (log-likelihood): log Π_j σ(z_j) = −Σ_j log(1 + e^{−z_j})",
         lambda: Chain(sp.log(sp.Product(sig(Z[j]), (j, 1, n)))).eq(-sp.Sum(sp.log(1 + sp.exp(-Z[j])), (j, 1, n))),
         lambda: Chain(sp.log(sp.Product(sig(Z[j]), (j, 1, n)))).eq(-sp.Sum(sp.log(1 + sp.exp(Z[j])), (j, 1, n)))),
    Step("relu-gradient", "PyTorch torch.nn.ReLU: ReLU(x) = max(0, x), its derivative 1 for x > 0",
         lambda: Chain(sp.Derivative(sp.Max(x, 0), x), assuming=[sp.Gt(x, 0)]).eq(1),
         lambda: Chain(sp.Derivative(sp.Max(x, 0), x), assuming=[sp.Gt(x, 0)]).eq(0)),
    Step("lse-bounds-2", "Wikipedia, LogSumExp: max{x1, x2} ≤ LSE(x1, x2) ≤ max{x1, x2} + log 2",
         lambda: Chain(sp.Max(z1, z2)).le(lse3(z1, z2)).le(sp.Max(z1, z2) + sp.log(2)),
         lambda: Chain(lse3(z1, z2)).le(sp.Max(z1, z2) + sp.log(2) / 2)),
    Step("kronecker-substitution", "Wikipedia, Kronecker delta, properties: δ_ik f(i) = δ_ik f(k)",
         lambda: Chain(sp.KroneckerDelta(i, k) * f(i)).eq(sp.KroneckerDelta(i, k) * f(k)),
         lambda: Chain(sp.KroneckerDelta(i, k) * f(i)).eq(f(k))),
    Step("softmax-jacobian-symmetric", "Wikipedia, Softmax function: σ_i(δ_ik − σ_k) = σ_k(δ_ki − σ_i) (the Jacobian is symmetric)",
         lambda: Chain(sp.exp(Z[i]) / SUM_E * (sp.KroneckerDelta(i, k) - sp.exp(Z[k]) / SUM_E)).eq(
             sp.exp(Z[k]) / SUM_E * (sp.KroneckerDelta(k, i) - sp.exp(Z[i]) / SUM_E)),
         lambda: Chain(sp.exp(Z[i]) / SUM_E * (sp.KroneckerDelta(i, k) - sp.exp(Z[k]) / SUM_E)).eq(
             sp.exp(Z[k]) / SUM_E * (sp.KroneckerDelta(k, i) - sp.exp(Z[k]) / SUM_E))),
    # ---------------------------------------------------------------- Jensen / Gibbs for symbolic n
    Step("gibbs-inequality", "Wikipedia, Gibbs' inequality: −Σ p_i log p_i ≤ −Σ p_i log q_i, Σp = Σq = 1",
         lambda: Chain(-sp.Sum(P[j] * sp.log(P[j]), (j, 1, n)),
                       assuming=[sp.Eq(sp.Sum(P[j], (j, 1, n)), 1), sp.Eq(sp.Sum(Q[j], (j, 1, n)), 1)]).le(
             -sp.Sum(P[j] * sp.log(Q[j]), (j, 1, n))),
         lambda: Chain(-sp.Sum(P[j] * sp.log(P[j]), (j, 1, n)),
                       assuming=[sp.Eq(sp.Sum(P[j], (j, 1, n)), 1), sp.Eq(sp.Sum(Q[j], (j, 1, n)), 1)]).ge(
             -sp.Sum(P[j] * sp.log(Q[j]), (j, 1, n)))),
    Step("entropy-le-log-n", "Wikipedia, Entropy (information theory): H(p) ≤ log n, Σp = 1",
         lambda: Chain(-sp.Sum(P[j] * sp.log(P[j]), (j, 1, n)),
                       assuming=[sp.Eq(sp.Sum(P[j], (j, 1, n)), 1)]).le(sp.log(n)),
         lambda: Chain(-sp.Sum(P[j] * sp.log(P[j]), (j, 1, n)),
                       assuming=[sp.Eq(sp.Sum(P[j], (j, 1, n)), 1)]).le(sp.log(n) / 2)),
    Step("lse-ge-mean", "Wikipedia, LogSumExp: LSE(x) ≥ (1/n) Σ x_i + log n (Jensen)",
         lambda: Chain(sp.log(SUM_E)).ge(sp.Sum(Z[j], (j, 1, n)) / n + sp.log(n)),
         lambda: Chain(sp.log(SUM_E)).le(sp.Sum(Z[j], (j, 1, n)) / n + sp.log(n))),
]

# ================================================================ issue 10: thirty more outside steps
# (d2l, label smoothing, TensorFlow, PyTorch, Wikipedia, CS231n, the Matrix Cookbook), written as a
# user writes them, each true step checked at 40 digits with mpmath before it was added.
O = sp.IndexedBase("o", real=True)  # d2l names the logits o
SUM_O = sp.Sum(sp.exp(O[j]), (j, 1, n))
l = sp.Symbol("l", integer=True, positive=True)  # the true class (Szegedy et al.'s y)
r, v, l1, l2 = sp.symbols("r v lambda1 lambda2", positive=True)  # pos_weight, variance, rates
p2, q2 = sp.symbols("p2 q2", real=True)
z4, w1, w2, w3, u1, u2 = sp.symbols("z4 w1 w2 w3 u1 u2", real=True)
sc1, sc2, sc3 = sp.symbols("s1 s2 s3", real=True)  # CS231n's class scores
y1, y2 = sp.symbols("y1 y2", real=True)
B3 = sp.Matrix(3, 3, sp.symbols("B11 B12 B13 B21 B22 B23 B31 B32 B33", real=True))
X33 = sp.Matrix(3, 3, sp.symbols("X11 X12 X13 X21 X22 X23 X31 X32 X33", real=True))
BV3 = sp.Matrix(sp.symbols("b1 b2 b3", real=True))
W3 = sp.Matrix([w1, w2, w3])
XD = sp.Matrix(2, 3, sp.symbols("d11 d12 d13 d21 d22 d23", real=True))  # 2 samples, 3 features
W32 = sp.Matrix(3, 2, sp.symbols("W11 W12 W21 W22 W31 W32", real=True))
UV = sp.Matrix([u1, u2])
A16 = sp.Matrix(16, 16, lambda a, b: sp.Symbol(f"A{a}_{b}", real=True))
X16 = sp.Matrix(sp.symbols("x0:16", real=True))
Z16 = sp.Matrix(sp.symbols("z0:16", real=True))
P16 = sp.Matrix([sp.exp(e) / sum(sp.exp(w) for w in Z16) for e in Z16])
UNIT_PQ2 = UNIT_PQ + [sp.Gt(p2, 0), sp.Lt(p2, 1), sp.Gt(q2, 0), sp.Lt(q2, 1)]


def hardsigmoid(u):
    """PyTorch torch.nn.Hardsigmoid: 0 if u ≤ −3, 1 if u ≥ 3, u/6 + 1/2 otherwise."""
    return sp.Piecewise((0, u <= -3), (1, u >= 3), (u / 6 + sp.Rational(1, 2), True))


def bernoulli_pair(u, u2, w, w2):
    """D(Bern(u)⊗Bern(u2) ‖ Bern(w)⊗Bern(w2)), the four outcomes written out."""
    pu, pw = [(u, w), (1 - u, 1 - w)], [(u2, w2), (1 - u2, 1 - w2)]
    return sum(a * b * sp.log(a * b / (c * d)) for a, c in pu for b, d in pw)


def _logreg_loss():
    s = XD * W3
    return sum(-yy * sp.log(sig(si)) - (1 - yy) * sp.log(1 - sig(si)) for yy, si in zip((y1, y2), s))


def _cs231n_loss():
    f3 = W32 * UV
    return -sp.log(sp.exp(f3[0]) / sum(sp.exp(e) for e in f3))


def _cs231n_p():
    f3 = W32 * UV
    return sp.Matrix([sp.exp(e) / sum(sp.exp(w) for w in f3) for e in f3])


SVM = sp.Max(0, sc2 - sc1 + 1) + sp.Max(0, sc3 - sc1 + 1)
SVM_HYP = [sp.Gt(sc2 - sc1 + 1, 0), sp.Gt(sc3 - sc1 + 1, 0)]
SMOOTH = -sp.Sum(((1 - eps) * sp.KroneckerDelta(j, l) + eps / n) * sp.log(P[j]), (j, 1, n))
T3 = sp.exp(z1 / T) + sp.exp(z2 / T) + sp.exp(z3 / T)

STEPS += [
    # ---------------------------------------------------------------- d2l, label smoothing
    Step("d2l-log-softmax-shift", "d2l, 4.5 Concise implementation of softmax regression (LogSumExp trick): "
         "log ŷ_j = o_j − ō − log Σ_k exp(o_k − ō)",
         lambda: Chain(sp.log(sp.exp(O[i]) / SUM_O)).eq(O[i] - c - sp.log(sp.Sum(sp.exp(O[j] - c), (j, 1, n)))),
         lambda: Chain(sp.log(sp.exp(O[i]) / SUM_O)).eq(O[i] - sp.log(sp.Sum(sp.exp(O[j] - c), (j, 1, n))))),
    Step("d2l-ce-gradient", "d2l, 4.1.2.2 Loss function, softmax and its derivatives: "
         "∂_{o_j} l = softmax(o)_j − y_j for l = log Σ_k exp(o_k) − Σ_j y_j o_j",
         lambda: Chain(sp.Derivative(sp.log(SUM_O) - sp.Sum(Y[j] * O[j], (j, 1, n)), O[k])).eq(
             sp.exp(O[k]) / SUM_O - Y[k]),
         lambda: Chain(sp.Derivative(sp.log(SUM_O) - sp.Sum(Y[j] * O[j], (j, 1, n)), O[k])).eq(
             sp.exp(O[k]) / SUM_O + Y[k])),
    Step("label-smoothing-decomposition", "Szegedy et al., Rethinking the Inception Architecture (2016), §7: "
         "q'(k) = (1 − ε)δ_{k,y} + ε/K gives H(q', p) = (1 − ε)H(q, p) + εH(u, p)",
         lambda: Chain(SMOOTH, assuming=[sp.Le(l, n)]).eq(
             (1 - eps) * -sp.log(P[l]) + eps * -sp.Sum(sp.log(P[j]), (j, 1, n)) / n),
         lambda: Chain(SMOOTH, assuming=[sp.Le(l, n)]).eq(
             (1 - eps) * -sp.log(P[l]) - eps * sp.Sum(sp.log(P[j]), (j, 1, n)))),
    Step("label-smoothing-floor", "Szegedy et al. (2016), §7: every smoothed target (1 − ε)δ_{k,y} + ε/K is ≥ ε/K",
         lambda: Chain((1 - eps) * sp.KroneckerDelta(k, l) + eps / n, assuming=[sp.Lt(eps, 1)]).ge(eps / n),
         lambda: Chain((1 - eps) * sp.KroneckerDelta(k, l) + eps / n, assuming=[sp.Lt(eps, 1)]).ge(eps)),
    # ---------------------------------------------------------------- TensorFlow, PyTorch
    Step("weighted-ce-logits", "TensorFlow tf.nn.weighted_cross_entropy_with_logits / PyTorch BCEWithLogitsLoss(pos_weight): "
         "q z·−log σ(x) + (1 − z)·−log(1 − σ(x)) = (1 − z) x + (1 + (q − 1) z) log(1 + exp(−x))",
         lambda: Chain(-r * y * sp.log(sig(x)) - (1 - y) * sp.log(1 - sig(x))).eq(
             (1 - y) * x + (1 + (r - 1) * y) * sp.log(1 + sp.exp(-x))),
         lambda: Chain(-r * y * sp.log(sig(x)) - (1 - y) * sp.log(1 - sig(x))).eq(
             (1 - y) * x + (1 + (r + 1) * y) * sp.log(1 + sp.exp(-x)))),
    Step("softplus-stable", "TensorFlow tf.math.softplus (the stable form): log(exp(x) + 1) = max(x, 0) + log1p(exp(−|x|))",
         lambda: Chain(softplus(x)).eq(sp.Max(x, 0) + log1p(sp.exp(-sp.Abs(x)))),
         lambda: Chain(softplus(x)).eq(sp.Max(x, 0) + log1p(sp.exp(sp.Abs(x))))),
    Step("logsigmoid-negative", "PyTorch torch.nn.LogSigmoid: log σ(x) < 0 (its range is (−∞, 0))",
         lambda: Chain(sp.log(sig(x))).lt(0),
         lambda: Chain(sp.log(sig(x))).lt(-sp.log(2))),
    Step("gaussian-nll", "PyTorch torch.nn.GaussianNLLLoss (full=True): ½(log var + (input − target)²/var) + ½ log 2π "
         "= −log N(target; input, var)",
         lambda: Chain(-sp.log(sp.exp(-(y - m1) ** 2 / (2 * v)) / sp.sqrt(2 * sp.pi * v))).eq(
             (sp.log(v) + (y - m1) ** 2 / v) / 2 + sp.log(2 * sp.pi) / 2),
         lambda: Chain(-sp.log(sp.exp(-(y - m1) ** 2 / (2 * v)) / sp.sqrt(2 * sp.pi * v))).eq(
             (sp.log(v) + (y - m1) ** 2 / v) / 2 + sp.log(2 * sp.pi))),
    Step("hardsigmoid-relu6", "PyTorch torch.nn.Hardsigmoid / Hardswish (ReLU6 form): Hardsigmoid(x) = ReLU6(x + 3)/6",
         lambda: Chain(hardsigmoid(x)).eq(sp.Min(sp.Max(0, x + 3), 6) / 6),
         lambda: Chain(hardsigmoid(x)).eq(sp.Min(sp.Max(0, x + 3), 6) / 3)),
    # ---------------------------------------------------------------- Wikipedia: logistic, softplus
    Step("softplus-above-relu", "Wikipedia, Softplus / Rectifier: softplus is a smooth approximation of ReLU, log(1 + e^x) > max(0, x)",
         lambda: Chain(softplus(x)).gt(sp.Max(0, x)),
         lambda: Chain(softplus(x)).gt(sp.Max(0, x) + sp.log(2))),
    Step("softplus-below-relu-log2", "Wikipedia, Softplus: log(1 + e^x) ≤ max(0, x) + log 2 (LogSumExp bound for (0, x))",
         lambda: Chain(softplus(x)).le(sp.Max(0, x) + sp.log(2)),
         lambda: Chain(softplus(x)).le(sp.Max(0, x) + sp.log(2) / 2)),
    Step("logistic-derivative-quarter", "Wikipedia, Logistic function: f'(x) = f(x)(1 − f(x)) ≤ 1/4 (its value at x = 0)",
         lambda: Chain(sp.Derivative(sig(x), x)).le(sp.Rational(1, 4)),
         lambda: Chain(sp.Derivative(sig(x), x)).le(sp.Rational(1, 5))),
    Step("logistic-integral", "Wikipedia, Logistic function: its antiderivative is softplus, ∫₀ᵗ σ(x) dx = log(1 + e^t) − log 2",
         lambda: Chain(sp.Integral(sig(x), (x, 0, t))).eq(softplus(t) - sp.log(2)),
         lambda: Chain(sp.Integral(sig(x), (x, 0, t))).eq(softplus(t))),
    # ---------------------------------------------------------------- Wikipedia: softmax, LogSumExp
    Step("softmax-high-temperature-3", "Wikipedia, Softmax function (temperature): as T → ∞ softmax(z/T) → uniform (n = 3)",
         lambda: Chain(sp.Limit(sp.exp(z1 / T) / T3, T, sp.oo)).eq(sp.Rational(1, 3)),
         lambda: Chain(sp.Limit(sp.exp(z1 / T) / T3, T, sp.oo)).eq(sp.Rational(1, 2))),
    Step("lse-bounds-4", "Wikipedia, LogSumExp: max{x1, …, xn} ≤ LSE(x) ≤ max{x1, …, xn} + log n, at n = 4",
         lambda: Chain(sp.Max(z1, z2, z3, z4)).le(lse3(z1, z2, z3, z4)).le(sp.Max(z1, z2, z3, z4) + sp.log(4)),
         lambda: Chain(lse3(z1, z2, z3, z4)).le(sp.Max(z1, z2, z3, z4) + sp.log(3))),
    Step("lse-convex-midpoint-2", "Wikipedia, LogSumExp: LSE is convex; at the midpoint, n = 2: "
         "LSE((a + b)/2) ≤ (LSE(a) + LSE(b))/2",
         lambda: Chain(lse3((a1 + x1) / 2, (a2 + x2) / 2)).le((lse3(a1, a2) + lse3(x1, x2)) / 2),
         lambda: Chain(lse3((a1 + x1) / 2, (a2 + x2) / 2)).ge((lse3(a1, a2) + lse3(x1, x2)) / 2)),
    Step("softmax-jacobian-colsum", "CS231n notes / Wikipedia, Softmax function: Σ_i ∂σ_i/∂z_k = Σ_i σ_i(δ_ik − σ_k) = 0",
         lambda: Chain(sp.Sum(sp.exp(Z[i]) / SUM_E * (sp.KroneckerDelta(i, k) - sp.exp(Z[k]) / SUM_E), (i, 1, n)),
                       assuming=[sp.Le(k, n)]).eq(0),
         lambda: Chain(sp.Sum(sp.exp(Z[i]) / SUM_E * (sp.KroneckerDelta(i, k) - sp.exp(Z[k]) / SUM_E), (i, 1, n)),
                       assuming=[sp.Le(k, n)]).eq(sp.exp(Z[k]) / SUM_E)),
    Step("softmax-jacobian-rows-16", "Wikipedia, Softmax function: the rows of the Jacobian sum to 0 (J·1 = 0, n = 16)",
         lambda: Chain(P16.jacobian(Z16) * sp.ones(16, 1)).eq(sp.zeros(16, 1)),
         lambda: Chain(P16.jacobian(Z16) * sp.ones(16, 1)).eq(P16)),
    # ---------------------------------------------------------------- Wikipedia: KL, entropy, cross-entropy
    Step("kl-exponential-nonneg", "Wikipedia, Exponential distribution (KL divergence): "
         "D(Exp(λ0) ‖ Exp(λ)) = log(λ0/λ) + λ/λ0 − 1 ≥ 0",
         lambda: Chain(sp.log(l1 / l2) + l2 / l1 - 1).ge(0),
         lambda: Chain(sp.log(l1 / l2) + l1 / l2 - 1).ge(0)),
    Step("kl-poisson-nonneg", "Wikipedia, Poisson distribution (KL divergence): D(Pois(λ1) ‖ Pois(λ2)) = λ1 log(λ1/λ2) + λ2 − λ1 ≥ 0",
         lambda: Chain(l1 * sp.log(l1 / l2) + l2 - l1).ge(0),
         lambda: Chain(l1 * sp.log(l1 / l2) - l2 + l1).ge(0)),
    Step("kl-additive-independent", "Wikipedia, Kullback–Leibler divergence, Properties (additive for independent distributions): "
         "D(P1⊗P2 ‖ Q1⊗Q2) = D(P1 ‖ Q1) + D(P2 ‖ Q2), two Bernoullis",
         lambda: Chain(bernoulli_pair(p, p2, q, q2), assuming=UNIT_PQ2).eq(kl2(p, q) + kl2(p2, q2)),
         lambda: Chain(bernoulli_pair(p, p2, q, q2), assuming=UNIT_PQ2).eq(kl2(p, q) + kl2(p2, q))),
    Step("cross-entropy-ge-entropy", "Wikipedia, Cross-entropy (Gibbs' inequality): H(p, q) ≥ H(p), Bernoulli",
         lambda: Chain(-p * sp.log(q) - (1 - p) * sp.log(1 - q), assuming=UNIT_PQ).ge(H2(p)),
         lambda: Chain(-p * sp.log(q) - (1 - p) * sp.log(1 - q), assuming=UNIT_PQ).le(H2(p))),
    Step("binary-entropy-topsoe", "Wikipedia, Binary entropy function, Bounds (Topsøe 2001): 4p(1 − p) ≤ H_b(p) bits, "
         "i.e. 4 log 2 · p(1 − p) ≤ H(p) nats",
         lambda: Chain(4 * sp.log(2) * p * (1 - p), assuming=UNIT_P).le(H2(p)),
         lambda: Chain(4 * p * (1 - p), assuming=UNIT_P).le(H2(p)),
         xfail="numeric: a one-variable bound that needs the sign of a derivative (no certificate for it)"),
    Step("binary-entropy-stationary", "Wikipedia, Binary entropy function: the maximum is at p = 1/2, where H'(1/2) = 0",
         lambda: Chain(sp.Derivative(H2(p), p).subs(p, sp.Rational(1, 2))).eq(0),
         lambda: Chain(sp.Derivative(H2(p), p).subs(p, sp.Rational(1, 2))).eq(sp.log(2))),
    Step("logreg-gradient", "Wikipedia, Cross-entropy (logistic regression): ∇_w L = Xᵀ(σ(Xw) − y) (2 samples, 3 features)",
         lambda: Chain(sp.Matrix([_logreg_loss()]).jacobian(W3).T).eq(XD.T * ((XD * W3).applyfunc(sig) - sp.Matrix([y1, y2]))),
         lambda: Chain(sp.Matrix([_logreg_loss()]).jacobian(W3).T).eq(XD.T * (sp.Matrix([y1, y2]) - (XD * W3).applyfunc(sig)))),
    # ---------------------------------------------------------------- CS231n
    Step("cs231n-svm-gradient", "CS231n notes, Optimization (multiclass SVM): ∂L_i/∂s_{y_i} = −#{j ≠ y_i: s_j − s_{y_i} + Δ > 0} "
         "(3 classes, Δ = 1, both margins positive)",
         lambda: Chain(sp.Derivative(SVM, sc1), assuming=SVM_HYP).eq(-2),
         lambda: Chain(sp.Derivative(SVM, sc1), assuming=SVM_HYP).eq(-1)),
    Step("cs231n-softmax-weight-gradient", "CS231n notes, Softmax classifier: ∂L_i/∂W = (p − e_{y_i}) x_iᵀ for f = W x "
         "(3 classes, 2 features, y_i = 1)",
         lambda: Chain(_cs231n_loss().diff(W32)).eq((_cs231n_p() - sp.Matrix([1, 0, 0])) * UV.T),
         lambda: Chain(_cs231n_loss().diff(W32)).eq((_cs231n_p() + sp.Matrix([1, 0, 0])) * UV.T)),
    # ---------------------------------------------------------------- Matrix Cookbook
    Step("cookbook-grad-aXb", "Matrix Cookbook (2012), eq. (70): ∂(aᵀXb)/∂X = abᵀ (n = 3)",
         lambda: Chain((AV3.T * X33 * BV3)[0].diff(X33)).eq(AV3 * BV3.T),
         lambda: Chain((AV3.T * X33 * BV3)[0].diff(X33)).eq(BV3 * AV3.T)),
    Step("cookbook-grad-trace-AXB", "Matrix Cookbook (2012), eq. (102): ∂Tr(AXB)/∂X = AᵀBᵀ (n = 3)",
         lambda: Chain((A3 * X33 * B3).trace().diff(X33)).eq(A3.T * B3.T),
         lambda: Chain((A3 * X33 * B3).trace().diff(X33)).eq(B3.T * A3.T)),
    Step("cookbook-trace-cyclic", "Matrix Cookbook (2012), eq. (16): Tr(ABC) = Tr(BCA) (n = 3)",
         lambda: Chain((A3 * B3 * X33).trace()).eq((B3 * X33 * A3).trace()),
         lambda: Chain((A3 * B3 * X33).trace()).eq((B3 * A3 * X33).trace())),
    Step("cookbook-grad-xAx-16", "Matrix Cookbook (2012), eq. (81): ∂(xᵀAx)/∂x = (A + Aᵀ)x (n = 16)",
         lambda: Chain((X16.T * A16 * X16)[0].diff(X16)).eq((A16 + A16.T) * X16),
         lambda: Chain((X16.T * A16 * X16)[0].diff(X16)).eq(2 * A16 * X16)),
]
