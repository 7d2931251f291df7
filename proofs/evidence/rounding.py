"""The one rounding rule for numbers stated in a document; every "as stated" row uses it."""
from __future__ import annotations

import math
from fractions import Fraction

import sympy as sp


def rounds_to(exact: sp.Expr, stated: str, places: int | None = None) -> tuple[bool, dict]:
    """The one rounding rule: a decimal stated with k places holds iff the exact value rounds to it.

    That is |exact - stated| <= 5 * 10^-(k+1), decided by SymPy on exact numbers. ``places``
    overrides k when the document prints a whole vector to k places (e.g. "0" among "0.88, 0.12").
    """
    k = places if places is not None else (len(stated.split(".")[1]) if "." in stated else 0)
    s = sp.Rational(stated)
    half = sp.Rational(5, 10 ** (k + 1))
    ok = bool(sp.Abs(exact - s) <= half)
    return ok, {"stated": stated, "places": k, "exact": str(sp.N(exact, 20)),
                "rounded": str(sp.N(exact, 20).round(k) if k else sp.N(exact, 20).round())}


def nearest_unit_fraction(x: sp.Expr) -> int:
    """k such that 1/k is the unit fraction nearest to x (0 < x <= 1)."""
    xv = Fraction(str(sp.N(x, 30)))
    k = max(1, math.floor(1 / xv))
    return min((k, k + 1), key=lambda m: abs(xv - Fraction(1, m)))
