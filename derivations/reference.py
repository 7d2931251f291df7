"""Plain-Python numeric reference functions.

Two jobs at once:

* they are the numeric ground truth the symbolic derivations are checked
  against, evaluated with :mod:`mpmath` at any working precision
  (``mpmath.mp.dps = 50``); ``exp``/``log`` below are mpmath's, so every
  function accepts ``mpf`` (and plain ``int``/``float``, which mpmath
  converts) and returns ``mpf``;
* latexify-py renders their *source* as the formulas printed on the sheets
  (see :mod:`render.latexify_refs`).

Because of the second job the bodies are written in a restricted style that
latexify-py 0.4.4 renders cleanly: one ``return`` expression (the stable
variants add one assignment ``m = max(z)``, which latexify substitutes back
into the expression with ``reduce_assignments=True``), single-letter names (``z``, ``a``, ``y``, ``i``, ``j``,
``m``), ``z[i]`` for components (renders as ``z_i``), and sums written as
``sum(... for j in range(len(z)))`` (renders as
``\\sum_{j=0}^{len(z)-1}``; indices are 0-based as in Python).  No lambdas,
loops, ``math.``-prefixed names or helper variables with long names.

Vectors are plain sequences (lists/tuples) of numbers; ``i``/``j``/``y`` as
indices are 0-based.

Sources:
  NNDL = M. Nielsen, *Neural Networks and Deep Learning*, ch. 1 and 3;
  DL   = Goodfellow, Bengio, Courville, *Deep Learning*, sec. 6.2.2.
"""

from __future__ import annotations

from mpmath import exp, log

__all__ = [
    "sigmoid",
    "sigmoid_prime",
    "softmax",
    "stable_softmax",
    "log_softmax",
    "logsumexp",
    "stable_logsumexp",
    "quadratic_cost",
    "cross_entropy_cost",
    "log_likelihood_cost",
    "softmax_cross_entropy",
    "REFERENCE_FUNCTIONS",
]


def sigmoid(z):
    """Logistic sigmoid sigma(z) = 1 / (1 + e^{-z})  (NNDL ch. 1, eq. (3))."""
    return 1 / (1 + exp(-z))


def sigmoid_prime(z):
    """Derivative sigma'(z) = sigma(z) (1 - sigma(z)), the factor in NNDL eqs. (55)-(56)
    and in the cross-entropy derivation of NNDL ch. 3; its maximum is sigma'(0) = 1/4."""
    return sigmoid(z) * (1 - sigmoid(z))


def softmax(z, i):
    """i-th softmax output softmax(z)_i = e^{z_i} / sum_j e^{z_j}
    (DL eq. (6.29); NNDL eq. (78), a^L_j = e^{z^L_j} / sum_k e^{z^L_k})."""
    return exp(z[i]) / sum(exp(z[j]) for j in range(len(z)))


def stable_softmax(z, i):
    """Numerically stable softmax: softmax(z) = softmax(z - max_j z_j)  (DL eq. (6.33)).

    Mathematically identical to :func:`softmax`; every exponent is <= 0, so
    no term overflows in fixed-range arithmetic."""
    m = max(z)
    return exp(z[i] - m) / sum(exp(z[j] - m) for j in range(len(z)))


def log_softmax(z, i):
    """log softmax(z)_i = z_i - log sum_j exp(z_j)  (DL eq. (6.30))."""
    return z[i] - log(sum(exp(z[j]) for j in range(len(z))))


def logsumexp(z):
    """LSE(z) = log sum_j exp(z_j), the second term of DL eq. (6.30)."""
    return log(sum(exp(z[j]) for j in range(len(z))))


def stable_logsumexp(z):
    """LSE(z) = m + log sum_j exp(z_j - m) with m = max_j z_j
    (the max-shift of DL eq. (6.33) applied to the log-sum-exp)."""
    m = max(z)
    return m + log(sum(exp(z[j] - m) for j in range(len(z))))


def quadratic_cost(a, y):
    """Quadratic cost of one neuron on one sample, C = (y - a)^2 / 2  (NNDL eq. (54))."""
    return (y - a) ** 2 / 2


def cross_entropy_cost(a, y):
    """Cross-entropy cost of one sigmoid neuron on one sample,
    C = -[y ln a + (1 - y) ln(1 - a)]  (NNDL eq. (57) with n = 1)."""
    return -(y * log(a) + (1 - y) * log(1 - a))


def log_likelihood_cost(a, y):
    """Log-likelihood cost C = -ln a_y of a softmax output layer a for the
    true class index y  (NNDL eq. (80))."""
    return -log(a[y])


def softmax_cross_entropy(z, y):
    """Cross-entropy of the softmax of logits z against a target distribution y,
    -sum_j y_j log softmax(z)_j  (DL eq. (6.30) summed against y; for one-hot y
    this is NNDL eq. (80) with a = softmax(z))."""
    return -sum(y[j] * log(softmax(z, j)) for j in range(len(z)))


#: Name -> function, in sheet order.
REFERENCE_FUNCTIONS = {
    f.__name__: f
    for f in (
        sigmoid,
        sigmoid_prime,
        softmax,
        stable_softmax,
        log_softmax,
        logsumexp,
        stable_logsumexp,
        quadratic_cost,
        cross_entropy_cost,
        log_likelihood_cost,
        softmax_cross_entropy,
    )
}
