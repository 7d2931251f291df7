"""Where the sides of a one-variable goal meet: roots, midpoints, ends — found, exact, in bounds."""
import sympy as sp

from proofs import Chain, Status, check
from proofs.evidence.hypotheses import Bounds
from proofs.evidence.roots import meeting_points

x = sp.Symbol("x", real=True)
third = sp.Rational(1, 3)


def _status(ch):
    return check(ch, seconds=5, strategies=[]).status


def test_roots_and_midpoints():
    pts = meeting_points((x - third) ** 2, sp.Rational(1, 10**4), x, Bounds())
    assert third + sp.Rational(1, 100) in pts and third - sp.Rational(1, 100) in pts and third in pts
    assert third in meeting_points((x - third) ** 2, 0, x, Bounds())  # a double root
    assert all(p > 0 for p in meeting_points(x ** 2 - 4, 0, x, Bounds(lo=0, lo_open=True)))


def test_transcendental_roots_come_from_the_grid():
    pts = meeting_points(sp.exp(x) - 3, 0, x, Bounds())
    assert any(abs(float(p) - float(sp.log(3))) < 1e-12 for p in pts)


def test_a_goal_false_at_one_point_or_on_a_tiny_interval_is_refuted():
    v = check(Chain((x - third) ** 2).gt(0), seconds=5, strategies=[])
    assert v.status == Status.REFUTED and v.counterexample.point == {"x": "1/3"}
    assert _status(Chain((x - third) ** 2).ge(sp.Rational(1, 10**4))) == Status.REFUTED
    assert _status(Chain(sp.exp(-500) * (x - sp.sqrt(2)) ** 2).gt(0)) == Status.REFUTED
    assert _status(Chain(sp.exp(x)).gt(1 + x)) == Status.REFUTED
    assert _status(Chain(sp.exp(x)).ge(1 + x)) == Status.NUMERIC
    assert _status(Chain((x - third) ** 2).ge(0)) == Status.NUMERIC
