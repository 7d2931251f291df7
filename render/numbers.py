r"""How a number is printed on a sheet: about six significant digits, exact rationals as fractions.

The checker's values arrive as strings with up to 28 digits (``"0.00004539786870243439450477623"``),
as exact rationals (``"3/2"``), as floats of a simulation, or as SymPy numbers. A sheet prints:

* exact integers and rationals exactly (``\tfrac{5}{3}``), also when a long decimal is a rational
  with a small denominator to all its digits (``1.666666666666666666666667`` is 5/3);
* anything else to :data:`SIG` significant digits with ``\approx`` (a reader who wants every digit
  finds them in the JSON of ``derive check --json``);
* values that are 0 at the checker's working precision (below 10^-:data:`ZERO_EXP` relative to the
  numbers they are compared with) as 0, never as ``-1.7859e-102``;
* no exponent of more than three digits and no ``inf``/``nan``: such values are said in words.

:func:`number` returns LaTeX maths (no ``$``) and whether the printed value is exact.
"""
from __future__ import annotations

import re
from fractions import Fraction

import mpmath
import sympy as sp

__all__ = ["SIG", "ZERO_EXP", "parse", "number", "deviation", "approx"]

SIG = 6                 # significant digits printed
ZERO_EXP = 40           # |v| < 10^-40 · scale is 0 at the checker's 50-digit working precision
MAX_EXP = 999           # 10^-999 … 10^999: exponents of at most three digits
SMALL_DENOMINATOR = 1000

_RATIONAL = re.compile(r"^\s*([-+]?[0-9]+)\s*/\s*([0-9]+)\s*$")
_DECIMAL = re.compile(r"^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$")
_INFINITE = re.compile(r"^\s*([-+]?)(inf|infinity|oo)\s*$", re.I)


def parse(v) -> Fraction | mpmath.mpf | str | None:
    """A value as an exact Fraction, an mpf (60 digits), 'inf'/'-inf'/'nan', or None (not a number)."""
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return Fraction(v)
    if isinstance(v, Fraction):
        return v
    if isinstance(v, sp.Basic):
        if v.is_Rational:
            return Fraction(int(v.p), int(v.q))
        if v in (sp.oo, -sp.oo):
            return "inf" if v == sp.oo else "-inf"
        if v is sp.nan:
            return "nan"
        if v.is_number and v.is_real is not False:
            try:
                with mpmath.workdps(60):
                    return mpmath.mpf(sp.N(v, 60))
            except (TypeError, ValueError):
                return None
        return None
    if isinstance(v, float):
        if v != v:
            return "nan"
        if v in (float("inf"), float("-inf")):
            return "inf" if v > 0 else "-inf"
        return mpmath.mpf(v)
    if isinstance(v, mpmath.mpf):
        return v
    s = str(v).replace("−", "-")
    m = _RATIONAL.match(s)
    if m:
        return Fraction(int(m.group(1)), int(m.group(2))) if int(m.group(2)) else None
    m = _INFINITE.match(s)
    if m:
        return "-inf" if m.group(1) == "-" else "inf"
    if s.strip().lower() == "nan":
        return "nan"
    if _DECIMAL.match(s):
        digits = len(re.sub(r"[^0-9]", "", s.split("e")[0].split("E")[0]).lstrip("0"))
        if "e" not in s.lower() and "." not in s:
            return Fraction(int(s))
        with mpmath.workdps(60):
            x = mpmath.mpf(s.strip())
        if digits >= 15:                      # a long decimal: a small-denominator rational?
            f = Fraction(s.strip()).limit_denominator(SMALL_DENOMINATOR)
            if f.denominator > 1 and abs(Fraction(s.strip()) - f) <= abs(f) * Fraction(1, 10 ** (digits - 2)):
                return f
        return x
    return None


def _fixed(x: mpmath.mpf, sig: int = SIG) -> str:
    """x to sig significant digits: plain decimals for 1e-4 <= |x| < 1e6, else a × 10^{e}."""
    if x == 0:
        return "0"
    e = int(mpmath.floor(mpmath.log10(abs(x))))
    if e > MAX_EXP:
        return ("-" if x < 0 else "") + rf"\text{{more than }}10^{{{MAX_EXP}}}"
    if e < -MAX_EXP:
        return ("-" if x < 0 else "") + rf"\text{{less than }}10^{{-{MAX_EXP}}}"
    with mpmath.workdps(max(30, sig + 10)):
        if -4 <= e < 6:
            q = mpmath.nstr(x, sig, min_fixed=-5, max_fixed=7, strip_zeros=True)
            if "e" not in q:
                return q[:-2] if q.endswith(".0") else q
        mant = x / mpmath.mpf(10) ** e
        m = mpmath.nstr(mant, sig, strip_zeros=True)
        if m.lstrip("-").startswith("10"):       # rounding carried: 9.999995 -> 10
            e += 1
            m = mpmath.nstr(mant / 10, sig, strip_zeros=True)
        m = m[:-2] if m.endswith(".0") else m
    head = "" if m in ("1", "1.0") else ("-" if m in ("-1", "-1.0") else rf"{m} \times ")
    return rf"{head}10^{{{e}}}"


def number(v, scale=None, sig: int = SIG) -> tuple[str, bool]:
    r"""(LaTeX maths, exact?) for one value; ``scale``: the magnitude it is compared with, so a
    value below 10^-ZERO_EXP of it prints as 0. A non-number is returned as None-free text."""
    x = parse(v)
    if x is None:
        return "", False
    if isinstance(x, str):
        return {"inf": r"\infty", "-inf": r"-\infty"}.get(x, r"\text{undefined}"), True
    if isinstance(x, Fraction):
        if x.denominator == 1:
            n = x.numerator
            if abs(n) < 10 ** 10:
                return str(n), True
            return _fixed(mpmath.mpf(n), sig), False
        if len(str(abs(x.numerator))) + len(str(x.denominator)) <= 10:
            sign = "-" if x < 0 else ""
            return rf"{sign}\tfrac{{{abs(x.numerator)}}}{{{x.denominator}}}", True
        x = mpmath.mpf(x.numerator) / x.denominator
    sc = parse(scale) if scale is not None else None
    if isinstance(sc, Fraction):
        sc = mpmath.mpf(sc.numerator) / sc.denominator
    if isinstance(sc, mpmath.mpf) and sc != 0 and abs(x) < abs(sc) * mpmath.mpf(10) ** -ZERO_EXP:
        return "0", False
    if x == 0:
        return "0", True
    out = _fixed(x, sig)
    exact = _exactly(out, x)
    return out, exact


def _exactly(printed: str, x: mpmath.mpf) -> bool:
    try:
        return "\\" not in printed and Fraction(printed) == Fraction(mpmath.nstr(x, 50))
    except (ValueError, ZeroDivisionError):
        return False


def approx(v, scale=None) -> str:
    r"""``= 5/3`` or ``\approx 1.46212`` (the relation included), '' for a non-number."""
    tex, exact = number(v, scale)
    if not tex:
        return ""
    return ("= " if exact or tex == "0" else r"\approx ") + tex


def deviation(v) -> str:
    """A worst deviation between two sides (a plain-text phrase for the evidence appendix)."""
    x = parse(v)
    if x is None or isinstance(x, str):
        return ""
    if isinstance(x, Fraction):
        x = mpmath.mpf(x.numerator) / x.denominator
    if x == 0:
        return "0"
    if abs(x) < mpmath.mpf(10) ** -ZERO_EXP:
        return rf"below $10^{{-{ZERO_EXP}}}$"
    return "$" + _fixed(x, 2) + "$"
