"""The user's API: a chain of relations, each link with the reason a document gives for it.

    from proofs import Chain, check
    s = 1 / (1 + sp.exp(-x))
    v = check(Chain(sp.diff(s, x)).eq(s * (1 - s), by="quotient rule"))

Limits, derivatives and integrals are SymPy's own unevaluated objects
(``Chain(Limit(f, lam, oo)).eq(Max(a, b))``), so users need no new vocabulary.
"""
from __future__ import annotations

import math
import numbers
import time
from dataclasses import dataclass, field
from typing import Any, Iterable

import sympy as sp
from sympy.core.function import UndefinedFunction

from . import kernel
from .budget import BudgetExceeded, remaining
from .context import Context, Domain
from .errors import InputError
from .parse import guard, parse, symbol_table
from .definitions import unfold, validate
from .normal_forms import free_indices

DEFAULT_SECONDS = 20.0  # per link; a proven link stops early, so only unproven ones pay for it
MAX_SECONDS = 1e6       # an interval timer cannot be armed much further out; no check needs it


def _is_matrix(e: Any) -> bool:
    return isinstance(e, (sp.MatrixBase, sp.MatrixExpr))


def _explicit(e: Any) -> sp.ImmutableMatrix:
    """A matrix side's entries (a matrix expression such as (Σy)(diag(p) − ppᵀ) is kept as
    written for printing and written out only to be decided)."""
    if isinstance(e, sp.MatrixBase):
        return sp.ImmutableMatrix(e)
    return sp.ImmutableMatrix(e.as_explicit())  # no doit: a Derivative inside waits for unfolding


def _side(x: Any, table: dict) -> sp.Basic:
    """One side of a link: an expression or an explicit matrix, never a relation or a code string."""
    try:
        return _side_of(x, table)
    except RecursionError:  # SymPy recursed while building or inspecting it
        raise InputError(f"an expression nested too deeply for SymPy: {type(x).__name__}") from None


def _side_of(x: Any, table: dict) -> sp.Basic:
    if isinstance(x, str):
        e = parse(x, table)
    elif isinstance(x, bool):
        raise InputError(f"a side is an expression, not a truth value ({x})")
    elif isinstance(x, sp.MatrixBase):
        e = sp.ImmutableMatrix(x)
    elif type(x).__module__ == "numpy" and getattr(x, "ndim", None) in (1, 2):
        rows = x.tolist() if x.ndim == 2 else [[v] for v in x.tolist()]
        try:  # entry by entry and strictly: an object array may hold strings, never parsed by sympify
            e = sp.ImmutableMatrix([[sp.sympify(v, strict=True) for v in row] for row in rows])
        except (sp.SympifyError, TypeError, ValueError) as exc:
            raise InputError(f"a NumPy array side must hold numbers: {exc}") from None
    elif isinstance(x, sp.MatrixExpr):
        if not all(isinstance(d, (int, sp.Integer)) for d in x.shape):
            raise InputError(f"a matrix side needs a concrete size, not {x.shape[0]}×{x.shape[1]}")
        _explicit(x)  # it must write out at that size
        e = x  # kept as written: printed as the document writes it, decided entrywise
    else:
        try:  # strict: an arbitrary object's str() is never parsed (sympify would eval it)
            e = sp.sympify(x, strict=True)
        except (sp.SympifyError, TypeError, ValueError) as exc:
            raise InputError(f"not a SymPy expression: {type(x).__name__} {str(x)[:60]!r}") from exc
    if isinstance(e, sp.NDimArray):  # sp.derive_by_array, a NumPy array: rank 1 or 2 only
        if e.rank() not in (1, 2):
            raise InputError(f"an array side must have rank 1 or 2, not {e.rank()}")
        e = sp.ImmutableMatrix(e.tolist())  # rank 1: a column
    if isinstance(e, (sp.Rel, sp.logic.boolalg.BooleanAtom, sp.logic.boolalg.BooleanFunction)):
        raise InputError(f"a side is an expression, not a relation: {str(e)[:80]}")
    if not isinstance(e, (sp.Expr, sp.MatrixBase)):
        raise InputError(f"a side must be an expression, not a {type(e).__name__}: {str(e)[:80]}")
    if isinstance(e, sp.MatrixBase) and 0 in e.shape:
        raise InputError(f"an empty {e.rows}×{e.cols} matrix is not a side")
    entries = list(e) if isinstance(e, sp.MatrixBase) else [e]
    if any(v.has(sp.zoo, sp.nan) for v in entries):
        raise InputError(f"{str(e)[:80]} is not a finite value (it holds zoo or nan)")
    return guard(e)


def _hypotheses(items: Iterable[Any], table: dict) -> tuple[sp.Basic, ...]:
    """Assumptions as relations: And split into its parts, SymPy's folded True dropped, False refused."""
    if isinstance(items, (str, sp.Basic)):
        items = [items]
    out: list[sp.Basic] = []
    todo = list(items)
    while todo:
        a = todo.pop(0)
        if isinstance(a, str):
            a = parse(a, table, relation=True)
        elif isinstance(a, bool):
            a = sp.true if a else sp.false
        elif not isinstance(a, sp.Basic):
            raise InputError(f"an assumption must be a relation, got {type(a).__name__} {str(a)[:60]!r}")
        if isinstance(a, sp.And):
            todo[:0] = list(a.args)
            continue
        if a is sp.true:  # SymPy already decided it (1 <= i for a positive integer i): nothing to add
            continue
        if a is sp.false:
            raise InputError("contradictory hypotheses: an assumption is False (SymPy evaluated it "
                             "from the symbols' own assumptions)")
        if not isinstance(a, (sp.Rel, sp.Unequality)):
            raise InputError(f"an assumption must be a relation, got {str(a)[:80]}")
        out.append(guard(a))
    return tuple(out)


def _listed(items: Any) -> list:
    try:
        return list(items)
    except TypeError:
        raise InputError(f"assuming= takes a list of relations, not {type(items).__name__}") from None


def _check_domain(domain: Any) -> dict:
    if domain is None:
        return {}
    if not isinstance(domain, dict):
        raise InputError(f"domain= takes a dict {{symbol: Domain}}, not {type(domain).__name__}")
    for k, v in domain.items():
        if not isinstance(k, (sp.Symbol, sp.IndexedBase, UndefinedFunction)):
            raise InputError(f"domain key {k!r} must be a Symbol, an IndexedBase or an undefined "
                             f"Function, not {type(k).__name__}")
        if not isinstance(v, Domain):
            raise InputError(f"domain value for {k} must be a domain (Real(), Positive(), Unit(), "
                             f"Simplex(), OneHot(), Integer(lo, hi), AnyFunction()), not {v!r}")
        if v.kind not in _DOMAIN_KINDS:
            raise InputError(f"domain for {k}: unknown kind {v.kind!r}")
        bounds = (v.lo, v.hi)
        if not all(isinstance(b, numbers.Real) and not isinstance(b, bool) and math.isfinite(b)
                   for b in bounds):
            raise InputError(f"domain for {k}: bounds must be finite numbers, not {v.lo!r}, {v.hi!r}")
        empty = v.lo > v.hi if v.kind == "integer" else v.lo >= v.hi
        if v.kind in ("real", "positive", "integer") and empty:
            raise InputError(f"domain for {k}: an empty range [{v.lo}, {v.hi}]")
        if v.kind == "integer" and not (float(v.lo).is_integer() and float(v.hi).is_integer()):
            raise InputError(f"domain for {k}: Integer(lo, hi) takes whole numbers, "
                             f"not {v.lo!r}, {v.hi!r}")
    return domain


_DOMAIN_KINDS = ("real", "positive", "unit", "simplex", "onehot", "integer", "function")


def _check_size(n: Any, n_min: Any) -> None:
    if n is not None and not (isinstance(n, sp.Symbol) and n.is_integer):
        raise InputError(f"n is the size *symbol* of a 'for all n' statement (an integer Symbol), "
                         f"not {n!r}; to check one size, substitute it into the expressions")
    if isinstance(n_min, bool) or not isinstance(n_min, (int, sp.Integer)) or n_min < 1:
        raise InputError(f"n_min is the smallest size (an integer >= 1), not {n_min!r}")


def check_seconds(seconds: Any) -> float | None:
    """The time budget per link: a positive finite number of seconds (None: the default)."""
    if seconds is None:
        return None
    if isinstance(seconds, bool) or not isinstance(seconds, numbers.Real):
        raise InputError(f"seconds must be a number, not {seconds!r}")
    s = float(seconds)
    if not math.isfinite(s) or s <= 0 or s > MAX_SECONDS:
        raise InputError(f"seconds must be a positive finite number up to {MAX_SECONDS:g}, not {seconds!r}")
    return s


def infer_size(exprs: Iterable[Any]) -> sp.Symbol | None:
    """The size symbol of a chain given without ``n=``: the one integer Symbol that Sums or
    Products run up to (free in the expression, so not an outer bound index), if there is exactly one."""
    found: set[sp.Symbol] = set()
    for e in exprs:
        for v in (list(e) if isinstance(e, sp.MatrixBase) else [e]):
            if not isinstance(v, sp.Basic):
                continue
            free = v.free_symbols
            for s in v.atoms(sp.Sum, sp.Product):
                for lim in s.limits:
                    if len(lim) == 3:
                        found |= {t for t in lim[2].free_symbols
                                  if isinstance(t, sp.Symbol) and t.is_integer and t in free}
    return found.pop() if len(found) == 1 else None


@dataclass(frozen=True)
class Link:
    relation: str
    rhs: sp.Basic
    by: str = ""


@dataclass
class Chain:
    """``start rel1 e1 rel2 e2 ...`` under assumptions; concludes by transitivity.

    Sides are SymPy expressions, explicit matrices (``Matrix``, ``ImmutableMatrix``,
    ``sp.hessian(...)``, ``M.jacobian(...)``, matrix expressions that ``doit()`` to a concrete
    size; ``=`` only, decided entrywise) or strings. A string is parsed by :mod:`proofs.parse`,
    never evaluated; its names are looked up in ``symbols`` (name -> SymPy object) and then
    among the symbols already in the chain (the start, the assumptions, the domain's keys, n,
    earlier links), by name; other names become new real Symbols (integer ones for indices).

    assuming: relations that hold (Eq rules, Ne(i, j) for distinct indices, inequalities;
    ``And`` is split; SymPy's already-folded ``True`` is dropped, ``False`` is refused);
    domain: sampling domains (see :mod:`proofs.context`); n: the size symbol of a "for all n"
    statement — when not given, it is inferred as the one integer Symbol that the chain's Sums
    and Products run up to (none or several: no size symbol); n_min: smallest n the statement
    covers; label: what this chain shows;
    define: named definitions (:func:`proofs.definitions.define`) the steps are written with.
    """

    start: Any
    assuming: Iterable[Any] = ()
    domain: dict | None = None
    n: sp.Symbol | None = None
    n_min: int = 2
    label: str = ""
    links: list[Link] = field(default_factory=list)
    symbols: dict | None = field(default=None, repr=False)
    define: Iterable[Any] = ()

    def __post_init__(self):
        _check_size(self.n, self.n_min)
        self.define = validate(self.define)
        self.domain = _check_domain(self.domain)
        a = () if self.assuming is None else self.assuming
        assuming = list(a) if isinstance(a, (list, tuple, set, frozenset)) else \
            [a] if isinstance(a, (str, sp.Basic, bool)) else _listed(a)
        given = [x for x in [self.start, *assuming, self.n, *self.domain]
                 if isinstance(x, (sp.Basic, UndefinedFunction))]
        self.start = _side(self.start, self._table(given))
        self.assuming = _hypotheses(assuming, self._table(given + [self.start]))

    def _table(self, exprs: list) -> dict:
        flat = [v for e in exprs for v in (list(e) if isinstance(e, sp.MatrixBase) else [e])]
        return symbol_table(flat, self.symbols)

    def _known(self) -> list:
        return [self.start, *self.assuming, *([self.n] if self.n is not None else []),
                *self.domain, *(l.rhs for l in self.links)]

    def _add(self, rel: str, rhs: Any, by: str) -> "Chain":
        if rel not in kernel.RELATIONS:
            raise InputError(f"unsupported relation {rel!r}; use one of {', '.join(kernel.RELATIONS)}")
        if not isinstance(by, str):
            raise InputError(f"by= is the reason a document gives (a string), not {type(by).__name__}")
        rhs = _side(rhs, self._table(self._known()))
        prev = self.links[-1].rhs if self.links else self.start
        if _is_matrix(prev) or _is_matrix(rhs):
            if not (_is_matrix(prev) and _is_matrix(rhs)):
                shape = lambda e: f"{e.rows}×{e.cols} matrix" if _is_matrix(e) else "scalar"
                raise InputError(f"a matrix is related only to a matrix: {shape(prev)} {rel} {shape(rhs)}")
            if prev.shape != rhs.shape:
                raise InputError(f"the shapes differ: {prev.rows}×{prev.cols} {rel} {rhs.rows}×{rhs.cols}")
            if rel != "=":
                raise InputError(f"matrices are compared by '=' only, not {rel!r}")
        try:
            kernel.compose([*(l.relation for l in self.links), rel])
        except ValueError as exc:
            raise InputError(f"{exc} (link {len(self.links) + 1}: {rel})") from None
        self.links.append(Link(rel, rhs, by))
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
    def size_symbol(self) -> sp.Symbol | None:
        """``n`` as given, else inferred from the Sums' upper limits (see the class docstring)."""
        return self.n if self.n is not None else infer_size([*self.expressions(), *self.assuming])

    @property
    def context(self) -> Context:
        return Context(tuple(self.assuming), dict(self.domain or {}), self.size_symbol, self.n_min,
                       self.define)

    @property
    def conclusion(self) -> str:
        return kernel.compose(l.relation for l in self.links)

    def _repr_latex_(self) -> str:  # Jupyter: the chain typeset with its reasons
        from .display import chain_latex
        return chain_latex(self)

    def expressions(self) -> list[sp.Basic]:
        return [self.start] + [l.rhs for l in self.links]


def check_chain(chain: Chain, seconds: float | None = None, strategies=None) -> kernel.Verdict:
    """Every link decided by the kernel; when a link fails, the conclusion is decided directly too.

    Nothing but a verdict leaves: an unexpected exception while deciding a link makes that link
    ``undecided`` with the error in its evidence and in the verdict's notes (a KernelBug as
    "KernelBug: …", so that it is never silent).
    """
    from .strategies import all_strategies
    if not chain.links:
        raise InputError("a chain needs at least one relation (.eq/.lt/.le/.gt/.ge)")
    strategies = strategies if strategies is not None else all_strategies()
    budget = check_seconds(seconds) or DEFAULT_SECONDS
    ctx = chain.context
    t0 = time.monotonic()
    notes: list[str] = []
    verdicts = []
    prev = chain.start
    for k, link in enumerate(chain.links, 1):
        verdicts.append(_decide(prev, link.relation, link.rhs, ctx, strategies, link.by, budget,
                                notes, f"link {k}"))
        prev = link.rhs
    conclusion = None
    wider = _wider_links(chain)
    if wider:
        notes.append(f"a link ranges the index {', '.join(map(str, wider))} over 1..{ctx.n} and the "
                     "conclusion does not: the conclusion is decided directly")
    if len(chain.links) > 1 and (wider or any(v.status != kernel.Status.PROVEN for v in verdicts)):
        conclusion = _decide(chain.start, chain.conclusion, prev, ctx, strategies,
                             "conclusion, checked directly", budget, notes, "the conclusion")
    return kernel.conclude(verdicts, conclusion, time.monotonic() - t0, tuple(notes), transfers=not wider)


def _wider_links(chain: Chain) -> list:
    """Indices some link ranges over 1..n (they occur as an index in its expressions) while the
    conclusion leaves them free: transitivity would turn "for i in 1..n" into "for every i"."""
    ctx = chain.context
    if ctx.n is None or len(chain.links) < 2:
        return []
    # as the kernel sees them: definitions unfolded (Cov(i, j) := … names its indices only inside)
    exprs = [unfold(e, ctx.definitions)[0] for e in chain.expressions()]
    own = set(free_indices([exprs[0], exprs[-1], *ctx.assuming], ctx.n))
    links = set(free_indices([*exprs, *ctx.assuming], ctx.n))
    return sorted(links - own, key=sp.default_sort_key)


def _decide(lhs, rel: str, rhs, ctx: Context, strategies, reason: str, seconds: float,
            notes: list[str], where: str) -> kernel.LinkVerdict:
    """kernel.decide on one link (entrywise for matrices); an exception becomes an undecided verdict."""
    if _is_matrix(lhs):
        return _decide_matrix(lhs, rhs, ctx, strategies, reason, seconds, notes, where)
    t0 = time.monotonic()
    try:
        try:
            return kernel.decide(lhs, rel, rhs, ctx, strategies, reason, seconds)
        except BudgetExceeded:
            if remaining() <= 0.01:
                raise  # an enclosing budget ran out: that is its caller's business
            raise RuntimeError("an inner time budget's interrupt escaped the kernel") from None
    except Exception as exc:  # noqa: BLE001 - the API boundary: a verdict, never a traceback
        msg = " ".join(f"{type(exc).__name__}: {exc}".split())
        notes.append(f"KernelBug: {where}: {exc}" if isinstance(exc, kernel.KernelBug)
                     else f"{where}: error while deciding it: {msg}")
        return kernel.errored(lhs, rel, rhs, msg, time.monotonic() - t0, reason)


def _decide_matrix(lhs: sp.MatrixBase, rhs: sp.MatrixBase, ctx: Context, strategies, reason: str,
                   seconds: float, notes: list[str], where: str) -> kernel.LinkVerdict:
    """Each entry decided by the kernel; equal entry pairs once. Every entry is a goal of its own
    with the link's budget (a proven entry stops early; a shared budget left hard entries numeric)."""
    t0 = time.monotonic()
    each = seconds
    done: dict = {}
    entries = []
    L, R = _explicit(lhs), _explicit(rhs)
    for r in range(L.rows):
        for c in range(L.cols):
            pair = (L[r, c], R[r, c])
            if pair not in done:
                done[pair] = _decide(pair[0], "=", pair[1], ctx, strategies, reason, each, notes,
                                     f"{where}, entry ({r + 1}, {c + 1})")
            entries.append(((r, c), done[pair]))
            if done[pair].status is kernel.Status.REFUTED:
                # one refuted entry refutes the matrix equation: the rest are not decided (the
                # evidence lists the entries that were)
                return kernel.entrywise(lhs, rhs, entries, time.monotonic() - t0, reason)
    return kernel.entrywise(lhs, rhs, entries, time.monotonic() - t0, reason)
