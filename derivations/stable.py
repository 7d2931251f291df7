"""Numerically stable float64 softmax, log-sum-exp and softmax cross-entropy.

Every function here is a direct transcription of an identity derived elsewhere
in the project:

* softmax(z)_i = exp(z_i) / sum_j exp(z_j)                (Deep Learning eq. 6.29)
* log softmax(z)_i = z_i - log sum_j exp(z_j)              (Deep Learning eq. 6.30)
* softmax(z) = softmax(z - max_i z_i)                      (Deep Learning eq. 6.33)
* LSE(z) = max z + log sum_j exp(z_j - max z)              (Deep Learning §6.2.2.3)
* d/dz [-sum_j y_j log softmax(z)_j] = softmax(z) sum_j y_j - y
                                        (blog "softmax+交叉熵" eq. 15; = a - y when
                                         sum y = 1, eq. 16)

After the shift by m = max z, the argmax term of sum_j exp(z_j - m) is exactly
exp(0) = 1.  We leave ONE argmax entry out of the sum, s = sum_{j != argmax}
exp(z_j - m), and use log1p(s) instead of log(1 + s): when one entry dominates,
s is tiny and log(1 + s) would round 1 + s to 1 and lose every digit of the
result.  Other entries tied with the maximum stay in s (each contributes 1).

All functions accept a 1-D array, or an N-D array reduced along ``axis``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "logsumexp",
    "softmax",
    "log_softmax",
    "softmax_cross_entropy",
    "softmax_cross_entropy_grad",
]

Float = np.float64 | NDArray[np.float64]


def _split_max(z: ArrayLike, axis: int):
    """Return (m, d, e, s, i, mask) with d = z - m, e = exp(d), s = sum of e
    without one argmax entry i (mask marks it).  m, s, i keep the reduced axis."""
    z = np.asarray(z, dtype=np.float64)
    i = np.expand_dims(np.argmax(z, axis=axis), axis)  # NaN wins argmax, so NaN propagates
    m = np.take_along_axis(z, i, axis)
    mask = np.zeros(z.shape, dtype=bool)
    np.put_along_axis(mask, i, True, axis)
    # inf - inf = nan when the max is infinite; callers patch those cases.
    with np.errstate(invalid="ignore"):
        d = z - m
        e = np.exp(d)
    s = np.sum(np.where(mask, 0.0, e), axis=axis, keepdims=True)
    return m, d, e, s, i, mask


def _drop(x: NDArray[np.float64], axis: int) -> Float:
    """Remove the kept reduction axis; 0-d results become numpy scalars."""
    return np.squeeze(x, axis=axis)[()]


def logsumexp(z: ArrayLike, axis: int = -1) -> Float:
    """log sum_j exp(z_j) = m + log1p(sum_{j != argmax} exp(z_j - m)), m = max z.

    Stable form of the LSE (Deep Learning §6.2.2.3, shift of eq. 6.33).  All -inf
    gives -inf, any +inf gives +inf, NaN propagates.
    """
    m, _, _, s, _, _ = _split_max(z, axis)
    with np.errstate(invalid="ignore"):
        out = m + np.log1p(s)
    out = np.where(np.isinf(m), m, out)  # infinite max: the shift was inf - inf
    return _drop(out, axis)


def softmax(z: ArrayLike, axis: int = -1) -> NDArray[np.float64]:
    """softmax(z) = exp(z - m) / sum_j exp(z_j - m), m = max z (DL eqs. 6.29, 6.33).

    The shift keeps every exponent <= 0, so nothing overflows and the
    denominator is >= 1.  An infinite max gives NaN (the limit is not taken).
    """
    _, _, e, s, _, _ = _split_max(z, axis)
    return e / (1.0 + s)


def log_softmax(z: ArrayLike, axis: int = -1) -> NDArray[np.float64]:
    """log softmax(z) = (z - m) - log1p(sum_{j != argmax} exp(z_j - m)) (DL eq. 6.30).

    For the entry whose probability is near 1 this is -log1p(s) with s tiny, which
    stays accurate to a few ulps relative; (z - m) - log(1 + s) would return 0.
    """
    _, d, _, s, _, _ = _split_max(z, axis)
    return d - np.log1p(s)


def softmax_cross_entropy(z: ArrayLike, y: ArrayLike, axis: int = -1) -> Float:
    """-sum_j y_j log softmax(z)_j for a target distribution y (one-hot or soft).

    Entries with y_j = 0 contribute exactly 0, even where log softmax is -inf.
    All terms have the same sign, so the sum itself cannot cancel.
    """
    ls = log_softmax(z, axis)
    y = np.broadcast_to(np.asarray(y, dtype=np.float64), ls.shape)
    with np.errstate(invalid="ignore"):  # 0 * -inf, discarded by the where
        terms = np.where(y == 0, 0.0, y * ls)
    return _drop(-np.sum(terms, axis=axis, keepdims=True), axis)


def softmax_cross_entropy_grad(z: ArrayLike, y: ArrayLike, axis: int = -1) -> NDArray[np.float64]:
    """d/dz softmax_cross_entropy = softmax(z) * sum_j y_j - y (blog eq. 15; eq. 16: a - y).

    At the argmax a, p_a * sum y - y_a cancels badly when y is (nearly) one-hot at
    a and p_a ~ 1, so that entry uses the exact rewrite
    p_a * Y - y_a = (sum_{k != a} y_k - y_a * s) / (1 + s), with p_a = 1 / (1 + s).
    """
    _, _, e, s, i, mask = _split_max(z, axis)
    y = np.broadcast_to(np.asarray(y, dtype=np.float64), e.shape)
    total = np.sum(y, axis=axis, keepdims=True)
    grad = e / (1.0 + s) * total - y
    rest = np.sum(np.where(mask, 0.0, y), axis=axis, keepdims=True)
    y_a = np.take_along_axis(y, i, axis)
    np.put_along_axis(grad, i, (rest - y_a * s) / (1.0 + s), axis)
    return grad
