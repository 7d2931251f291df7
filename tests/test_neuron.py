"""The NNDL ch. 3 single-neuron simulation."""

from __future__ import annotations

import math

import numpy as np
import pytest

from derivations import neuron as N

POINTS = [(0.6, 0.9), (2.0, 2.0), (-1.5, 0.3), (0.0, 0.0), (3.0, -4.0)]


def cost_at(w, b, cost, x, y):
    return N.cost_value(N.sigmoid(w * x + b), y, cost)


@pytest.mark.parametrize("cost", N.COSTS)
@pytest.mark.parametrize("w,b", POINTS)
@pytest.mark.parametrize("x,y", [(1.0, 0.0), (0.7, 1.0), (-2.0, 0.3)])
def test_gradients_match_central_differences(cost, w, b, x, y):
    h = 1e-6
    fd_w = (cost_at(w + h, b, cost, x, y) - cost_at(w - h, b, cost, x, y)) / (2 * h)
    fd_b = (cost_at(w, b + h, cost, x, y) - cost_at(w, b - h, cost, x, y)) / (2 * h)
    gw, gb = N.gradients(w, b, cost, x, y)
    assert gw == pytest.approx(fd_w, rel=1e-6, abs=1e-9)
    assert gb == pytest.approx(fd_b, rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("cost", N.COSTS)
@pytest.mark.parametrize("w0,b0", POINTS)
def test_simulate_steps_along_finite_difference_gradient(cost, w0, b0):
    eta = 0.1
    run = N.simulate(w0, b0, cost, eta, epochs=3)
    h = 1e-6
    for t in range(3):
        w, b = run["w"][t], run["b"][t]
        fd_w = (cost_at(w + h, b, cost, 1.0, 0.0) - cost_at(w - h, b, cost, 1.0, 0.0)) / (2 * h)
        fd_b = (cost_at(w, b + h, cost, 1.0, 0.0) - cost_at(w, b - h, cost, 1.0, 0.0)) / (2 * h)
        assert (run["w"][t] - run["w"][t + 1]) / eta == pytest.approx(fd_w, rel=1e-6, abs=1e-10)
        assert (run["b"][t] - run["b"][t + 1]) / eta == pytest.approx(fd_b, rel=1e-6, abs=1e-10)


def test_gradient_formulas_are_the_book_ones():
    w, b = 0.6, 0.9
    z = w + b
    a = N.sigmoid(z)
    sp = a * (1 - a)
    assert N.gradients(w, b, "quadratic") == pytest.approx((a * sp, a * sp))  # eqs. (55)-(56), y=0, x=1
    assert N.gradients(w, b, "cross-entropy") == pytest.approx((a, a))  # eqs. (61)-(62)


def test_simulate_shapes_and_initial_state():
    run = N.simulate(0.6, 0.9, "quadratic", 0.15, epochs=300)
    for key in ("epoch", "w", "b", "a", "cost"):
        assert isinstance(run[key], np.ndarray)
        assert run[key].shape == (301,)
    assert run["w"][0] == 0.6 and run["b"][0] == 0.9
    assert run["a"][0] == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert run["a"][0] == pytest.approx(0.82, abs=0.005)  # the book's starting output
    assert run["cost"][0] == pytest.approx(0.5 * run["a"][0] ** 2)
    assert N.simulate(2.0, 2.0, "cross-entropy", 0.005, epochs=0)["w"].shape == (1,)


@pytest.mark.parametrize("cost,eta", [("quadratic", 0.05), ("cross-entropy", 0.005)])
@pytest.mark.parametrize("w0,b0", POINTS)
def test_cost_monotone_and_output_decreasing_for_small_eta(cost, eta, w0, b0):
    run = N.simulate(w0, b0, cost, eta, epochs=400)
    assert np.all(np.diff(run["cost"]) <= 1e-15)
    assert np.all(np.diff(run["a"]) < 0)  # y = 0: the output is pushed down every step
    assert run["cost"][-1] < run["cost"][0]


def test_target_one_pushes_output_up():
    run = N.simulate(-2.0, -1.0, "cross-entropy", 0.05, epochs=200, x=1.0, y=1.0)
    assert np.all(np.diff(run["a"]) > 0)
    assert np.all(np.diff(run["cost"]) <= 1e-15)


def test_book_runs_regression():
    """Numbers of the four book runs (300 epochs); see derivations/neuron.py."""
    runs = N.book_runs()
    q1 = runs[("quadratic", (0.6, 0.9))]
    q2 = runs[("quadratic", (2.0, 2.0))]
    c1 = runs[("cross-entropy", (0.6, 0.9))]
    c2 = runs[("cross-entropy", (2.0, 2.0))]
    # NNDL: quadratic from (0.6, 0.9) ends near 0.09.
    assert q1["a"][-1] == pytest.approx(0.094, abs=0.002)
    # From (2, 2) the quadratic cost hardly falls for ~150 epochs, then drops.
    assert q2["cost"][150] > 0.85 * q2["cost"][0]
    assert 150 < N.steepest_epoch(q2) < 260
    assert q2["a"][-1] == pytest.approx(0.203, abs=0.002)
    # Cross-entropy: steepest fall at the very first epoch, no initial slow phase.
    assert N.steepest_epoch(c1) == 1
    assert N.steepest_epoch(c2) == 1
    assert c1["a"][-1] == pytest.approx(0.418, abs=0.002)
    assert c2["a"][-1] == pytest.approx(0.780, abs=0.002)


def _fake_run(w, b, cost=None):
    w = np.asarray(w, dtype=float)
    b = np.asarray(b, dtype=float)
    return {"w": w, "b": b, "cost": np.asarray(cost if cost is not None else np.zeros_like(w), dtype=float)}


def test_plateau_length_criterion():
    run = _fake_run([1.0, 1.01, 1.03, 1.06, 1.2], [0.0, -0.01, -0.02, -0.05, -0.1])
    # cumulative |dw| + |db|: 0, 0.02, 0.05, 0.11, 0.3
    assert N.plateau_length(run, 0.1) == 3
    assert N.plateau_length(run, 0.04) == 2
    assert N.plateau_length(run, 0.3) == 5  # never strictly exceeded -> len
    assert N.plateau_length(run, 1.0) == 5
    with pytest.raises(ValueError):
        N.plateau_length(run, 0.0)


def test_plateau_length_uses_distance_from_start_not_path_length():
    # Goes out by 0.08 and back: never more than 0.08 from the start.
    run = _fake_run([0.0, 0.08, 0.0, 0.08, 0.0], [0.0] * 5)
    assert N.plateau_length(run, 0.1) == 5


def test_steepest_epoch():
    run = _fake_run([0] * 5, [0] * 5, cost=[1.0, 0.9, 0.5, 0.45, 0.44])
    assert N.steepest_epoch(run) == 2
    with pytest.raises(ValueError):
        N.steepest_epoch(_fake_run([0], [0], cost=[1.0]))


def test_bad_cost_name():
    with pytest.raises(ValueError):
        N.simulate(0.6, 0.9, "hinge", 0.1)
