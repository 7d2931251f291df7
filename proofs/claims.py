"""The claim model: every catalogue row is data — ID, statement, citation, parts to check.

Content modules in ``derivations/`` declare claims with :func:`claim`; a claim's parts are built
lazily (only when checked or shown), so listing the registry and serving cached results is fast.

A part is one of:
  * a :class:`~proofs.chain.Chain` (steps with reasons; the kernel decides each link);
  * :class:`Stated` — a number printed in the document, under the one rounding rule;
  * :class:`Measured` — a computation (simulation, code) and a stated criterion: evidence only;
  * :class:`Exact` — an exactly computed quantity compared with the stated one.
A part with ``counts=False`` is a note with its own verdict (e.g. another reading of the
wording); it is reported but does not enter the claim's verdict.
"""
from __future__ import annotations

import hashlib
import importlib
import inspect
import pkgutil
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import sympy as sp

from . import kernel
from .budget import BudgetExceeded, budget
from .chain import Chain, InputError, check_chain
from .definitions import Definition, define



@dataclass
class Stated:
    """A number as the document prints it; ``places`` overrides the digits counted in ``stated``."""

    exact: sp.Expr
    stated: str
    places: int | None = None


@dataclass
class Measured:
    """run() -> observations (a dict of plain numbers); criterion(observations) -> bool."""

    run: Callable[[], dict]
    criterion: Callable[[dict], bool]
    criterion_text: str


@dataclass
class Exact:
    """compute() -> an exact SymPy number, compared with ``expected`` (what the document says)."""

    compute: Callable[[], Any]
    expected: Any


@dataclass
class Part:
    label: str
    check: Any  # Chain | Stated | Measured | Exact
    counts: bool = True
    note: str = ""


@dataclass
class Claim:
    id: str
    source: str                 # "000" … "004"
    cite: str                   # book/post, section, equation
    kind: str
    statement: str              # the document's statement, as the catalogue gives it
    topic: str                  # the derivations module it lives in
    build: Callable[[], list[Part]]
    title: str = ""
    corrected: str = ""         # the corrected statement, where the document is wrong
    notes: list[str] = field(default_factory=list)
    _parts: list[Part] | None = field(default=None, repr=False)

    @property
    def parts(self) -> list[Part]:
        if self._parts is None:
            self._parts = self.build()
        return self._parts

    def fingerprint(self) -> str:
        """Hash of what the claim is made of: its module's source text and its metadata."""
        mod = inspect.getmodule(self.build)
        src = inspect.getsource(mod) if mod else ""
        meta = repr((self.id, self.source, self.cite, self.kind, self.statement, self.corrected))
        return hashlib.sha256((src + meta).encode()).hexdigest()[:16]


_REGISTRY: dict[str, Claim] = {}
_ALIASES: dict[str, str] = {}


def claim(id: str, *, source: str, cite: str, kind: str, statement: str, title: str = "",
          corrected: str = "", notes: list[str] | None = None, also: tuple[str, ...] = ()):
    """Decorator for a function that returns the claim's parts.

    ``also`` lists other catalogue IDs that state the same fact in another document: one
    derivation serves them, each keeping its own ID, source and citation via :func:`same_as`.
    """
    def deco(fn: Callable[[], list[Part]]):
        topic = fn.__module__.rsplit(".", 1)[-1]
        if id in _REGISTRY:
            raise ValueError(f"claim {id} registered twice")
        _REGISTRY[id] = Claim(id, source, cite, kind, statement, topic, fn, title, corrected,
                              list(notes or []))
        return fn
    return deco


CONTENT = "derivations"  # the package that declares the claims (content: sources, catalogue order)


def registry() -> dict[str, Claim]:
    """All claims, importing every module of the content package once; in the content's order
    (its ``catalogue.catalogue_order``). The kernel, strategies and evidence never import content."""
    pkg = importlib.import_module(CONTENT)
    for m in pkgutil.iter_modules(pkg.__path__):
        try:
            importlib.import_module(f"{CONTENT}.{m.name}")
        except Exception as exc:  # a broken content module: one clear line, not a traceback
            raise InputError(f"could not load {CONTENT}.{m.name}: {type(exc).__name__}: {exc}") from None
    order = importlib.import_module(f"{CONTENT}.catalogue").catalogue_order
    return dict(sorted(_REGISTRY.items(), key=lambda kv: (kv[1].source, order(kv[0]))))


def lookup(cid: str) -> Claim:
    reg = registry()
    if cid not in reg:
        raise InputError(f"unknown claim ID {cid!r} (see `derive list`)")
    return reg[cid]


def check_part(part: Part, seconds: float | None = None) -> kernel.Verdict:
    """The kernel's verdict on one part."""
    c = part.check
    t0 = time.monotonic()
    if isinstance(c, Chain):
        return check_chain(c, seconds=seconds)
    limit = 6 * (seconds or 10.0)  # computations outside the kernel get a budget too
    try:
        with budget(limit):
            return _check_computed(part, c, t0)
    except BudgetExceeded:
        return kernel.conclude([kernel.timed_out(part.label, limit)], None, time.monotonic() - t0)


def _check_computed(part: Part, c: Any, t0: float) -> kernel.Verdict:
    if isinstance(c, Stated):
        lv = kernel.stated_number(sp.sympify(c.exact), c.stated, c.places, part.label)
    elif isinstance(c, Measured):
        obs = c.run()
        lv = kernel.measured(part.label, obs, bool(c.criterion(obs)), c.criterion_text,
                             time.monotonic() - t0)
    elif isinstance(c, Exact):
        lv = kernel.exact_fact(part.label, c.compute(), c.expected, time.monotonic() - t0)
    else:
        raise InputError(f"part {part.label!r}: unsupported check {type(c).__name__}")
    return kernel.conclude([lv], None, time.monotonic() - t0)


def check_claim(cl: Claim, seconds: float | None = None, n: int | None = None) -> kernel.ClaimVerdict:
    """Check every part; ``n`` runs a "for all n" claim at that concrete size instead."""
    if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 1):
        raise InputError(f"n is a concrete size (an integer >= 1), not {n!r}")
    t0 = time.monotonic()
    results = []
    try:
        with budget(120.0):  # building the parts is content code: it gets a budget as well
            parts = cl.parts
    except BudgetExceeded:
        return kernel.claim_verdict(cl.id, [("building the claim", True, kernel.conclude(
            [kernel.timed_out("building the claim", 120.0)], None, time.monotonic() - t0))],
            time.monotonic() - t0)
    sized = [_at_size(part, n) if n is not None else part for part in parts]  # a bad n fails first
    for p in sized:
        results.append((p.label, p.counts, check_part(p, seconds)))
    return kernel.claim_verdict(cl.id, results, time.monotonic() - t0)


def _at_size(part: Part, n: int) -> Part:
    """The same part with its size symbol fixed to n (a concrete-size check, said as such)."""
    c = part.check
    if not isinstance(c, Chain) or c.size_symbol is None:
        return part
    if n < c.n_min:
        raise InputError(f"n = {n} is below the smallest size this claim covers (n >= {c.n_min}, "
                         f"part {part.label!r})")
    sub = {c.size_symbol: sp.Integer(n)}
    ch = Chain(c.start.xreplace(sub), [a.xreplace(sub) for a in c.assuming], c.domain, None,
               c.n_min, c.label, define=[_def_at(d, sub) for d in c.define])
    for l in c.links:
        ch.rel(l.relation, l.rhs.xreplace(sub), l.by)
    return Part(f"{part.label} [n = {n}]", ch, part.counts, part.note)


def _def_at(d: Definition, sub: dict) -> Definition:
    return define(d.head, d.body.xreplace(sub), d.label)
