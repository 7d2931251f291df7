"""Interval charts: a symbol bounded on both sides (a declared Unit() domain, or y >= 0, y <= 1)
re-parametrised onto its interval by the kernel's chart; closed intervals split at the top."""
from __future__ import annotations

import sympy as sp

from proofs.context import Context, Unit

from strategy_checks import proves
from proofs.strategies.charts import s_charts

a, y, s = sp.symbols("a y s", real=True)
tiny = sp.exp(-500)
CE = -y * sp.log(a) - (1 - y) * sp.log(1 - a)       # one term of NNDL (57)
UNIT_A = Context(assuming=(y >= 0, y <= 1), domain={a: Unit()})


def proved(lhs, rel, rhs, ctx, seconds: float = 10) -> bool:
    return proves(s_charts, lhs, rel, rhs, ctx, seconds)


def unproved(lhs, rel, rhs, ctx) -> bool:
    """No certificate within 8 s (SymPy's factor is slow on e^-500; a false one would be quick)."""
    return not proved(lhs, rel, rhs, ctx, seconds=8)


def test_cross_entropy_term_positive():
    assert proved(CE, ">", 0, UNIT_A)
    assert unproved(CE, ">", tiny, UNIT_A)              # y = 0, a -> 0: the term -> 0
    assert unproved(CE, ">", 0, Context(assuming=(y >= 0, y <= 1)))   # a unbounded
    assert proved(CE, "<=", -sp.log(a) - sp.log(1 - a), UNIT_A)
    assert unproved(CE, "<=", -sp.log(a) - sp.log(1 - a) - tiny, UNIT_A)


def test_open_interval_and_scaled_false_steps():
    unit = Context(domain={a: Unit()})
    assert proved(a * (1 - a), ">", 0, unit)
    assert unproved(a * (1 - a), ">", sp.Rational(1, 4), unit)     # = 1/4 at a = 1/2
    assert unproved(tiny * a * (1 - a), ">", tiny * sp.Rational(1, 4), unit)
    assert unproved(10**50 * a * (1 - a), ">", 10**50 * sp.Rational(1, 4), unit)
    # f'(a) < 0 on (0, y), NNDL (64): a = y s with s in (0, 1)
    fp = (a - y) / (a * (1 - a))
    both = Context(assuming=(y > 0, y < 1, s > 0, s < 1))
    assert proved(fp.subs(a, y * s), "<", 0, both)
    assert unproved(fp.subs(a, y * s), "<", -tiny, Context(assuming=(y > 0, y < 1, s > 0, s <= 1)))


def test_a_users_symbol_named_like_the_chart():
    D = sp.Symbol("D", positive=True)   # the chart's Dummy is also called D
    unit = Context(domain={a: Unit()})
    assert proved(a * (1 - a) * D, ">", 0, unit)
    assert unproved(a * (1 - a) - D, ">", 0, unit)


def test_closed_interval_needs_both_ends():
    closed = Context(assuming=(y >= 0, y <= 1))
    assert proved(1 - y, ">=", 0, closed)
    assert unproved(1 - y, ">", 0, closed)              # y = 1
    assert unproved(y * (1 - y), ">", 0, closed)        # y = 0


def test_the_checker_refutes_the_scaled_false_step():
    from proofs import Chain, check
    v = check(Chain(tiny * a * (1 - a), domain={a: Unit()}).gt(tiny / 4), seconds=10)
    assert v.status == "refuted"
    v = check(Chain(a * (1 - a), domain={a: Unit()}).gt(0), seconds=10)
    assert v.status == "proven" and v.steps[0].strategy == "interval charts"
