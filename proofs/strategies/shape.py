"""What a goal's shape admits: a cheap look at ``lhs rel rhs`` (no evaluation, no simplify) that
lets the search skip strategies which could only return nothing, and order the others.

Each test is a necessary condition of the strategy it guards, read off that strategy's own early
returns (a Sum strategy needs a Sum, a limit a Limit, a rounding bound a floor or a ceiling); a
Derivative counts for everything its evaluation can bring out (logs, exponentials, signs).
Untrusted advice: a wrong test can only lose a proof, never make one.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from ..context import Context

_SIGNS = (sp.Abs, sp.Heaviside, sp.Max, sp.Min, sp.sign, sp.Piecewise)


@dataclass(frozen=True)
class Shape:
    """The features of a goal the strategies' guards read."""

    rel: str
    limit: bool  # the left side is a Limit
    sums: bool  # a Sum, or a Product (a log of a product is evaluated to a sum of logs)
    sum_below: bool  # a Sum in a denominator (S/(T + 1))
    functions: bool  # an applied function, a power with a symbolic exponent or a Derivative
    signs: bool  # Abs, Heaviside, Max, Min, sign, Piecewise, or a Derivative (that may bring them out)
    maxmin: bool
    rounding: bool  # floor or ceiling
    scalable: bool  # a side is a product with a positive factor or a negative number
    equations: bool  # the context states an equation
    hypotheses: bool  # the context states relations or domains
    general_n: bool  # stated for a symbolic size n

    @property
    def inequality(self) -> bool:
        return self.rel != "="


def _scalable(side: sp.Basic) -> bool:
    from .scaling import factors
    return isinstance(side, sp.Mul) and bool(factors(side))


def _functions(e: sp.Basic) -> bool:
    if e.atoms(sp.Function, sp.Derivative, sp.Integral):
        return True
    return any(not p.exp.is_number for p in e.atoms(sp.Pow))


@lru_cache(maxsize=256)
def _features(lhs: sp.Basic, rhs: sp.Basic) -> tuple[bool, ...]:
    e = sp.Tuple(lhs, rhs)
    below = any(p.exp.is_negative and p.base.has(sp.Sum) for p in e.atoms(sp.Pow))
    return (isinstance(lhs, sp.Limit), e.has(sp.Sum, sp.Product), below, _functions(e), e.has(*_SIGNS, sp.Derivative),
            e.has(sp.Max, sp.Min),
            e.has(sp.floor, sp.ceiling), _scalable(lhs) or _scalable(rhs))


def shape_of(lhs, rel: str, rhs, ctx: Context) -> Shape:
    """The goal's shape (its features memoized on the two sides, which are immutable)."""
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    try:
        feats = _features(lhs, rhs)
    except TypeError:  # an unhashable side (a mutable matrix): computed afresh
        feats = _features.__wrapped__(lhs, rhs)
    return Shape(rel, *feats, equations=any(isinstance(a, sp.Equality) for a in ctx.assuming),
                 hypotheses=bool(ctx.assuming or ctx.domain), general_n=ctx.n is not None)
