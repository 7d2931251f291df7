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
