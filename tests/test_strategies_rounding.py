"""Rounding strategy: ceiling(x) >= x (the kernel's lemma), after a positive factor."""
from __future__ import annotations

import sympy as sp

from proofs.budget import BudgetExceeded, budget
from proofs.context import Context
from proofs.kernel import Rejected, check_certificate
from proofs.strategies.rounding import s_rounding

N = sp.Symbol("N", integer=True, positive=True)
x = sp.Symbol("x", real=True)
X = N * sp.log(3) / sp.log(2)
tiny = sp.exp(-500)


def proved(lhs, rel, rhs, ctx=Context()) -> bool:
    """Some certificate of the strategy passes the kernel's check (within 30 s: a false goal makes
    the search try every candidate)."""
    try:
        with budget(30):
            for c in s_rounding(lhs, rel, rhs, ctx):
                try:
                    check_certificate(lhs, rel, rhs, ctx, c)
                    return True
                except Rejected:
                    continue
    except BudgetExceeded:
        pass
    return False


def test_ceiling_ge():
    assert proved(sp.ceiling(X) / N, ">=", sp.log(3) / sp.log(2))
    assert proved(sp.ceiling(x), ">=", x)
    assert not proved(sp.ceiling(x), ">=", x + tiny)  # false at integer x
    assert not proved(sp.ceiling(x), ">", x)
