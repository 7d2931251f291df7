"""Rounding strategy: ceiling(x) >= x (the kernel's lemma), after a positive factor; ceiling(x) = x + θ,
floor(x) = x − θ with θ ∈ [0, 1) (the kernel's re-parametrisation of a rounding)."""
from __future__ import annotations

import sympy as sp

from proofs.context import Context

from strategy_checks import proves
from proofs.strategies.rounding import s_rounding

N = sp.Symbol("N", integer=True, positive=True)
x = sp.Symbol("x", real=True)
X = N * sp.log(3) / sp.log(2)
tiny = sp.exp(-500)


def proved(lhs, rel, rhs, ctx=Context(), seconds: float = 10) -> bool:
    return proves(s_rounding, lhs, rel, rhs, ctx, seconds)


def unproved(lhs, rel, rhs, ctx=Context()) -> bool:
    """No certificate within 8 s (SymPy's factor is slow on e^-500; a false one would be quick)."""
    return not proved(lhs, rel, rhs, ctx, seconds=8)


def test_ceiling_ge():
    assert proved(sp.ceiling(X) / N, ">=", sp.log(3) / sp.log(2))
    assert proved(sp.ceiling(x), ">=", x)
    assert unproved(sp.ceiling(x), ">=", x + tiny)  # false at integer x
    assert not proved(sp.ceiling(x), ">", x)


def test_ceiling_as_x_plus_theta():
    """⌈x⌉ = x + θ, θ ∈ [0, 1) (the kernel's re-parametrisation of a rounding): d2l's code length."""
    L = sp.log(3) / sp.log(2)
    assert proved(sp.ceiling(N * L) / N - L, "<", 1 / N)
    assert unproved(sp.ceiling(N * L) / N - L, "<", 1 / N - tiny)
    assert unproved(tiny * sp.ceiling(x), "<", tiny * x + tiny * (1 - tiny))
    assert proved(sp.floor(x), ">", x - 1)
    assert unproved(sp.floor(x), ">", x - 1 + tiny)
    theta = sp.Symbol("theta", real=True)  # a user's symbol named like the offset's Dummy
    assert proved(sp.ceiling(x) + theta, "<", x + theta + 1)
    assert unproved(sp.ceiling(x) + theta, "<", x + 1)


def test_at_n_1():
    """⌈n log₂3⌉ − n log₂3 < 1 for every n >= 1; ⌈n log₂3⌉ >= 2n holds at n = 1, 2 only (n = 3: 5 < 6)."""
    L = sp.log(3) / sp.log(2)
    assert proved(sp.ceiling(N * L) - N * L, "<", 1)
    assert unproved(sp.ceiling(N * L), ">=", 2 * N)
