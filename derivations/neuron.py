"""The single-neuron experiment of Nielsen, *Neural Networks and Deep
Learning*, ch. 3 ("The cross-entropy cost function").

One sigmoid neuron with one input: input x = 1, target y = 0, output
a = sigma(w x + b).  Full-batch gradient descent on one training sample with
the exact gradients

* quadratic cost      C = (y - a)^2 / 2                        (NNDL eq. (54))
      dC/dw = (a - y) sigma'(z) x                              (eq. (55))
      dC/db = (a - y) sigma'(z)                                (eq. (56))
* cross-entropy cost  C = -[y ln a + (1 - y) ln(1 - a)]        (eq. (57), n = 1)
      dC/dw = x (a - y)                                        (eq. (61))
      dC/db = a - y                                            (eq. (62))

Learning rates as in the book: eta = 0.15 for the quadratic cost and
eta = 0.005 for the cross-entropy cost (the original book uses 0.005 for the
cross-entropy runs; the book says the rates are not comparable and that the
shape of the curves, not their speed, is the point).  Starting points:
(w, b) = (0.6, 0.9) and (2, 2).

Everything is computed in float64 with numpy; the neuron never saturates
far enough for that to matter here (|z| <= 4).
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np

__all__ = [
    "BOOK_ETA",
    "BOOK_STARTS",
    "COSTS",
    "sigmoid",
    "sigmoid_prime",
    "cost_value",
    "gradients",
    "simulate",
    "plateau_length",
    "steepest_epoch",
    "book_runs",
]

Cost = Literal["quadratic", "cross-entropy"]
COSTS: tuple[str, ...] = ("quadratic", "cross-entropy")

#: Learning rates used in NNDL ch. 3 for this experiment.
BOOK_ETA: dict[str, float] = {"quadratic": 0.15, "cross-entropy": 0.005}
#: Initial (w, b) used in NNDL ch. 3.
BOOK_STARTS: tuple[tuple[float, float], ...] = ((0.6, 0.9), (2.0, 2.0))


def sigmoid(z: float) -> float:
    """sigma(z) = 1 / (1 + e^{-z}), evaluated without overflow for large |z|."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def sigmoid_prime(z: float) -> float:
    """sigma'(z) = sigma(z) (1 - sigma(z))."""
    s = sigmoid(z)
    return s * (1.0 - s)


def _check_cost(cost: str) -> None:
    if cost not in COSTS:
        raise ValueError(f"cost must be one of {COSTS}, got {cost!r}")


def cost_value(a: float, y: float, cost: Cost) -> float:
    """C(a, y) for one sample: eq. (54) or eq. (57) with n = 1."""
    _check_cost(cost)
    if cost == "quadratic":
        return 0.5 * (y - a) ** 2
    # y ln a + (1-y) ln(1-a), with 0 ln 0 taken as 0.
    total = 0.0
    if y != 0.0:
        total += y * math.log(a)
    if y != 1.0:
        total += (1.0 - y) * math.log1p(-a)
    return -total


def gradients(w: float, b: float, cost: Cost, x: float = 1.0, y: float = 0.0) -> tuple[float, float]:
    """(dC/dw, dC/db) at (w, b): eqs. (55)-(56) or (61)-(62)."""
    _check_cost(cost)
    z = w * x + b
    a = sigmoid(z)
    if cost == "quadratic":
        delta = (a - y) * sigmoid_prime(z)
    else:
        delta = a - y
    return delta * x, delta


def simulate(
    w0: float,
    b0: float,
    cost: Cost,
    eta: float,
    epochs: int = 300,
    x: float = 1.0,
    y: float = 0.0,
) -> dict:
    """Run ``epochs`` steps of gradient descent from (w0, b0).

    Returns a dict with numpy arrays ``w``, ``b``, ``a`` (output sigma(wx+b))
    and ``cost``, each of length ``epochs + 1`` (index 0 is the initial
    state, index t the state after t updates), plus ``epoch`` (0..epochs)
    and the scalar settings ``cost_name``, ``eta``, ``x``, ``y``, ``w0``,
    ``b0``.
    """
    _check_cost(cost)
    if epochs < 0:
        raise ValueError("epochs must be >= 0")
    w = np.empty(epochs + 1)
    b = np.empty(epochs + 1)
    w[0], b[0] = float(w0), float(b0)
    for t in range(epochs):
        gw, gb = gradients(w[t], b[t], cost, x, y)
        w[t + 1] = w[t] - eta * gw
        b[t + 1] = b[t] - eta * gb
    a = np.array([sigmoid(wi * x + bi) for wi, bi in zip(w, b)])
    c = np.array([cost_value(ai, y, cost) for ai in a])
    return {
        "epoch": np.arange(epochs + 1),
        "w": w,
        "b": b,
        "a": a,
        "cost": c,
        "cost_name": cost,
        "eta": float(eta),
        "x": float(x),
        "y": float(y),
        "w0": float(w0),
        "b0": float(b0),
    }


def plateau_length(run: dict, threshold: float = 0.1) -> int:
    """Length of the initial phase in which the weight and bias barely change.

    Criterion: the first epoch t at which the cumulative parameter change
    since the start, |w_t - w_0| + |b_t - b_0|, exceeds ``threshold``.  The
    returned t is the number of updates the neuron needed before its
    parameters had moved by more than ``threshold`` in total.  If that never
    happens within the run, ``len(run["w"])`` (one past the last epoch) is
    returned, meaning "at least the whole run".

    A small value (0 or 1) means no plateau.  The number depends on
    ``threshold`` and on the learning rate, so it compares starting points
    under one cost and one eta, not the two costs with each other.
    """
    if threshold <= 0:
        raise ValueError("threshold must be > 0")
    w = np.asarray(run["w"], dtype=float)
    b = np.asarray(run["b"], dtype=float)
    moved = np.abs(w - w[0]) + np.abs(b - b[0])
    over = np.nonzero(moved > threshold)[0]
    return int(over[0]) if over.size else int(len(w))


def steepest_epoch(run: dict) -> int:
    """Epoch t (1..epochs) with the largest per-epoch cost decrease C_{t-1} - C_t."""
    c = np.asarray(run["cost"], dtype=float)
    if c.size < 2:
        raise ValueError("run has no epochs")
    drop = c[:-1] - c[1:]
    return int(np.argmax(drop)) + 1


def book_runs(epochs: int = 300) -> dict[tuple[str, tuple[float, float]], dict]:
    """The four runs of NNDL ch. 3: both costs x both starting points, book etas."""
    return {
        (cost, start): simulate(start[0], start[1], cost, BOOK_ETA[cost], epochs)
        for cost in COSTS
        for start in BOOK_STARTS
    }


if __name__ == "__main__":  # pragma: no cover - manual report
    for (cost, (w0, b0)), run in book_runs().items():
        print(
            f"{cost:13s} ({w0}, {b0}) eta={run['eta']}: a0={run['a'][0]:.4f} "
            f"a300={run['a'][-1]:.4f} C0={run['cost'][0]:.4f} C300={run['cost'][-1]:.4f} "
            f"w300={run['w'][-1]:.4f} b300={run['b'][-1]:.4f} "
            f"plateau(0.1)={plateau_length(run, 0.1)} steepest={steepest_epoch(run)}"
        )
