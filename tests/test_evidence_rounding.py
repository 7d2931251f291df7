"""The rounding rule for numbers stated in a document."""
import sympy as sp

from proofs.evidence import rounding


def test_rounding_rule():
    assert rounding.rounds_to(sp.Rational(8789, 10000), "0.88")[0]
    assert not rounding.rounds_to(sp.Rational(8789, 10000), "0.87")[0]
    assert rounding.rounds_to(sp.Rational(21, 10000), "0", places=2)[0]
    assert not rounding.rounds_to(sp.Rational(51, 10000), "0", places=2)[0]


def test_nearest_unit_fraction():
    assert rounding.nearest_unit_fraction(sp.Rational(23, 341)) == 15
    assert rounding.nearest_unit_fraction(sp.Rational(1, 14)) == 14
