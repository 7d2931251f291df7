"""Antiderivatives: a definite integral of one variable replaced by F(b) − F(a), with F found by
SymPy's ``integrate`` (untrusted: the kernel differentiates F and compares it with the integrand).

Wikipedia, Logistic function: the logistic function's antiderivative is the softplus,
∫₀ᵗ σ(x) dx = log(1 + eᵗ) − log 2.
"""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..normal_forms import fresh


def _integrals(e: sp.Basic) -> list[sp.Integral]:
    return sorted((i for i in e.atoms(sp.Integral) if len(i.limits) == 1 and len(i.limits[0]) == 3),
                  key=sp.default_sort_key)


def s_antiderivative(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    """For each definite integral of the goal, SymPy's antiderivative of its integrand; the goal
    then goes on with F(b) − F(a) in its place (the kernel's normal forms decide it)."""
    goal = sp.sympify(lhs) - sp.sympify(rhs)
    for target in _integrals(goal):
        f, (x, _, _) = target.function, target.limits[0]
        w = fresh("w", [goal, *ctx.assuming], real=True)
        try:
            F = sp.integrate(f.xreplace({x: w}), w)
        except (NotImplementedError, ValueError, TypeError, sp.PolynomialError):
            continue
        if F.has(sp.Integral):
            continue
        yield C.Antiderivative(target, F, w)
        simpler = sp.simplify(F)
        if simpler != F:
            yield C.Antiderivative(target, simpler, w)
