"""The user's API: a chain of relations, each link with the reason a document gives for it.

    from proofs import Chain, check
    s = 1 / (1 + sp.exp(-x))
    v = check(Chain(sp.diff(s, x)).eq(s * (1 - s), by="quotient rule"))

Limits, derivatives and integrals are SymPy's own unevaluated objects
(``Chain(Limit(f, lam, oo)).eq(Max(a, b))``), so users need no new vocabulary.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Iterable

import sympy as sp

from . import kernel
from .context import Context, Domain
from .definitions import validate

DEFAULT_SECONDS = 20.0  # per link; a proven link stops early, so only unproven ones pay for it


class InputError(ValueError):
    """Malformed input to the checker: reported as one clear line, never a traceback."""


def _expr(x: Any) -> sp.Basic:
    if isinstance(x, str):
        try:
            return sp.sympify(x)
        except (sp.SympifyError, SyntaxError, TypeError) as exc:
            raise InputError(f"malformed expression {x!r}: {exc}") from None
    try:
        return sp.sympify(x)
    except sp.SympifyError as exc:
        raise InputError(f"not a SymPy expression: {x!r}") from exc


@dataclass(frozen=True)
class Link:
    relation: str
    rhs: sp.Basic
    by: str = ""


@dataclass
class Chain:
    """``start rel1 e1 rel2 e2 ...`` under assumptions; concludes by transitivity.

    assuming: relations that hold (Eq rules, Ne(i, j) for distinct indices, inequalities);
    domain: sampling domains (see :mod:`proofs.context`); n: the size symbol of a "for all n"
    statement; n_min: smallest n the statement covers; label: what this chain shows;
    define: named definitions (:func:`proofs.definitions.define`) the steps are written with.
    """

    start: Any
    assuming: Iterable[Any] = ()
    domain: dict | None = None
    n: sp.Symbol | None = None
    n_min: int = 2
    label: str = ""
    links: list[Link] = field(default_factory=list)
    define: Iterable[Any] = ()

    def __post_init__(self):
        self.define = validate(self.define)
        self.start = _expr(self.start)
        self.assuming = tuple(_expr(a) for a in self.assuming)
        for a in self.assuming:
            if not isinstance(a, (sp.Rel, sp.Unequality)):
                raise InputError(f"an assumption must be a relation, got {a}")

    def _add(self, rel: str, rhs: Any, by: str) -> "Chain":
        if rel not in kernel.RELATIONS:
            raise InputError(f"unsupported relation {rel!r}")
        self.links.append(Link(rel, _expr(rhs), by))
        kernel.compose(l.relation for l in self.links) if len(self.links) > 1 else None
        return self

    def eq(self, rhs: Any, by: str = "") -> "Chain":
        return self._add("=", rhs, by)

    def lt(self, rhs: Any, by: str = "") -> "Chain":
        return self._add("<", rhs, by)

    def le(self, rhs: Any, by: str = "") -> "Chain":
        return self._add("<=", rhs, by)

    def gt(self, rhs: Any, by: str = "") -> "Chain":
        return self._add(">", rhs, by)

    def ge(self, rhs: Any, by: str = "") -> "Chain":
        return self._add(">=", rhs, by)

    def rel(self, relation: str, rhs: Any, by: str = "") -> "Chain":
        """Add a link by its relation's symbol ('=', '<', '<=', '>', '>=')."""
        return self._add(relation, rhs, by)

    @property
    def context(self) -> Context:
        return Context(tuple(self.assuming), dict(self.domain or {}), self.n, self.n_min, self.define)

    @property
    def conclusion(self) -> str:
        return kernel.compose(l.relation for l in self.links)

    def expressions(self) -> list[sp.Basic]:
        return [self.start] + [l.rhs for l in self.links]


def check(obj: Any, seconds: float | None = None, strategies=None, **kw):
    """Check a Chain (returns a kernel Verdict) or a catalogue claim by ID (a ClaimVerdict)."""
    if isinstance(obj, str):
        from .claims import check_claim, registry
        reg = registry()
        if obj not in reg:
            raise InputError(f"unknown claim ID {obj!r} (see `derive list`)")
        return check_claim(reg[obj], seconds=seconds, **kw)
    if not isinstance(obj, Chain):
        raise InputError(f"check() takes a Chain or a claim ID, not {type(obj).__name__}")
    return check_chain(obj, seconds=seconds, strategies=strategies)


def check_chain(chain: Chain, seconds: float | None = None, strategies=None) -> kernel.Verdict:
    """Every link decided by the kernel; when a link fails, the conclusion is decided directly too."""
    from .strategies import all_strategies
    if not chain.links:
        raise InputError("a chain needs at least one relation (.eq/.lt/.le/.gt/.ge)")
    strategies = strategies if strategies is not None else all_strategies()
    budget = seconds if seconds is not None else DEFAULT_SECONDS
    ctx = chain.context
    t0 = time.monotonic()
    verdicts = []
    prev = chain.start
    for link in chain.links:
        verdicts.append(kernel.decide(prev, link.relation, link.rhs, ctx, strategies, link.by, budget))
        prev = link.rhs
    conclusion = None
    if len(chain.links) > 1 and any(v.status != kernel.Status.PROVEN for v in verdicts):
        conclusion = kernel.decide(chain.start, chain.conclusion, prev, ctx, strategies,
                                   "conclusion, checked directly", budget)
    return kernel.conclude(verdicts, conclusion, time.monotonic() - t0)
