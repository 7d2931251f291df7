"""What a check may assume: symbol assumptions, extra relations, sampling domains, sizes.

A :class:`Context` travels with every goal. It is data only; the kernel reads it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy as sp


@dataclass(frozen=True)
class Domain:
    """Where numeric sampling draws a symbol's (or an IndexedBase's entries') values.

    kind: "real" (interval [lo, hi]), "positive" ((0, hi]), "unit" ((0, 1) open),
    "simplex" (an IndexedBase whose n entries are >= 0 and sum to 1), "onehot"
    (an IndexedBase with a single 1), "integer" ([lo, hi]), "function" (an undefined
    SymPy Function, instantiated with a few concrete smooth functions).
    """

    kind: str
    lo: float = -10.0
    hi: float = 10.0


def Real(lo: float = -10.0, hi: float = 10.0) -> Domain:
    return Domain("real", lo, hi)


def Positive(hi: float = 10.0) -> Domain:
    return Domain("positive", 0.0, hi)


def Unit() -> Domain:
    return Domain("unit", 0.0, 1.0)


def Simplex() -> Domain:
    return Domain("simplex", 0.0, 1.0)


def OneHot() -> Domain:
    return Domain("onehot", 0.0, 1.0)


def Integer(lo: int, hi: int) -> Domain:
    return Domain("integer", lo, hi)


def AnyFunction() -> Domain:
    return Domain("function")


@dataclass
class Context:
    """The hypotheses of a goal.

    assuming: relations that hold (``Eq`` are also used as rewrite rules lhs -> rhs,
        ``Ne(i, j)`` makes free indices distinct, inequalities restrict sampling).
    domain: sampling domain per Symbol / IndexedBase / undefined Function class.
    n: the size symbol of a "for all n" statement (an integer Symbol), or None.
    n_min: the smallest size the statement is about.
    definitions: named definitions (:mod:`proofs.definitions`) the kernel unfolds before deciding.
    """

    assuming: tuple[sp.Basic, ...] = ()
    domain: dict[Any, Domain] = field(default_factory=dict)
    n: sp.Symbol | None = None
    n_min: int = 2
    definitions: tuple = ()

    def rewrite_rules(self) -> list[tuple[sp.Basic, sp.Basic]]:
        """``Eq(lhs, rhs)`` assumptions as substitution rules lhs -> rhs."""
        return [(a.lhs, a.rhs) for a in self.assuming if isinstance(a, sp.Equality)]

    def distinct(self) -> list[tuple[sp.Symbol, sp.Symbol]]:
        return [(a.lhs, a.rhs) for a in self.assuming if isinstance(a, sp.Unequality)]

    def inequalities(self) -> list[sp.Basic]:
        return [a for a in self.assuming
                if isinstance(a, (sp.StrictLessThan, sp.LessThan, sp.StrictGreaterThan, sp.GreaterThan))]
