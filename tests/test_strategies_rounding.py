"""Rounding strategy: ceiling(x) >= x (the kernel's lemma), after a positive factor."""
from __future__ import annotations

import sympy as sp

from proofs.context import Context

from strategy_checks import proves
from proofs.strategies.rounding import s_rounding

N = sp.Symbol("N", integer=True, positive=True)
x = sp.Symbol("x", real=True)
X = N * sp.log(3) / sp.log(2)
tiny = sp.exp(-500)


def proved(lhs, rel, rhs, ctx=Context()) -> bool:
    return proves(s_rounding, lhs, rel, rhs, ctx)


def test_ceiling_ge():
    assert proved(sp.ceiling(X) / N, ">=", sp.log(3) / sp.log(2))
    assert proved(sp.ceiling(x), ">=", x)
    assert not proved(sp.ceiling(x), ">=", x + tiny)  # false at integer x
    assert not proved(sp.ceiling(x), ">", x)
