"""Turn a document's relations into chains and check each with the kernel.

A relation whose left side is a name not defined yet (z_i, L, \\sigma(x)) is a definition:
recorded, used later, verdict "definition".  Every other relation becomes a one-link
:class:`~proofs.chain.Chain` under the notation's hypotheses, and the kernel decides it.

Unfolding a defined name: functions (\\sigma(z_i)) and constants (\\eta := 0.15) always; a name N when its definition
depends (transitively) on a variable the relation differentiates by or mentions.  So in
∂L_j/∂a_j the name a_j stays a variable, in ∂L/∂z_i it is unfolded to softmax(z), and z_i of
eq. (9) stays a variable wherever w, x, b do not occur.  Keeping a name is a stronger statement:
a proof of it holds after unfolding; anything short of a proof is checked again with every
definition unfolded except such "leaves" (whose own variables occur nowhere in the relation, so
keeping them assumes only that they range over all values), and that verdict is reported.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from .. import kernel
from ..chain import Chain, InputError, check_chain
from ..context import OneHot, Positive, Real, Simplex, Unit
from ..definitions import Definition, define
from .displays import Relation
from .notation import Notation
from .parser import RSUM, ReadError, Scope, parse_side

DOMAIN = {"real": Real, "positive": Positive, "unit": Unit, "simplex": Simplex, "onehot": OneHot}
MAX_NODES = 50_000     # an unfolded relation larger than this is refused (definitions that explode)
MAX_DEPTH = 40         # definitions unfolded inside each other


@dataclass
class Result:
    """One relation's outcome, as ``derive check-tex`` prints it."""

    line: int
    tag: str
    latex: str
    relation: str = ""
    verdict: str = "error"
    strategy: str = ""
    counterexample: dict | None = None
    message: str = ""
    seconds: float = 0.0
    sides: tuple = ()   # (lhs, relation, rhs) as read, in SymPy, for the sheet; not in as_dict

    def as_dict(self) -> dict:
        return {"line": self.line, "tag": self.tag, "latex": self.latex, "relation": self.relation,
                "verdict": self.verdict, "strategy": self.strategy, "counterexample": self.counterexample,
                "message": self.message, "seconds": round(self.seconds, 3)}


# ---------------------------------------------------------------- definitions
def key_of(e: sp.Basic):
    if isinstance(e, sp.Symbol):
        return ("sym", e.name)
    if isinstance(e, sp.Indexed):
        return ("idx", str(e.base.label), len(e.indices))
    if isinstance(e, AppliedUndef) and e.func is not RSUM:
        return ("fn", e.func.__name__, len(e.args))
    return None


def names_in(e: sp.Basic) -> set[str]:
    """Names of the variables, vectors and functions in e (indices and the size excluded)."""
    out = {s.name for s in e.atoms(sp.Symbol) if not s.is_integer}
    out |= {str(b.label) for b in e.atoms(sp.IndexedBase)}
    out |= {f.func.__name__ for f in e.atoms(AppliedUndef) if f.func is not RSUM}
    return out


@dataclass
class Book:
    """The definitions made so far, as :class:`proofs.definitions.Definition` objects keyed by
    kind, name and arity (L and L_j coexist)."""

    defs: dict[Any, Definition] = field(default_factory=dict)

    def is_new_name(self, e: sp.Basic, scope: Scope) -> bool:
        k = key_of(e)
        if k is None or k in self.defs:
            return False
        if k[0] == "sym":
            return e.name not in scope.indices and e.name != scope.size and not e.is_integer
        if k[0] == "idx":
            return all(isinstance(i, sp.Symbol) for i in e.indices) and len(set(e.indices)) == len(e.indices)
        return all(isinstance(a, (sp.Symbol, sp.Indexed)) for a in e.args)

    def define(self, head: sp.Basic, body: sp.Basic, label: str = "") -> None:
        k = key_of(head)
        if isinstance(head, AppliedUndef) and any(isinstance(a, sp.Indexed) for a in head.args):
            d = Definition(head, body, label)   # σ(z_i) := …: an entry as the parameter (not in define())
            if d.mentions(body):
                raise ReadError(f"{head} is defined in terms of itself")
        else:
            d = define(head, body, label)
        self.defs[k] = d

    def functions(self) -> set[str]:
        return {k[1] for k in self.defs if k[0] == "fn"}

    def deps(self, k, seen=None) -> set[str]:
        """Every name the definition of k uses, through other definitions."""
        seen = set() if seen is None else seen
        if k in seen:
            return set()
        seen.add(k)
        out = names_in(self.defs[k].body) - {k[1]}
        for k2 in self.defs:
            if k2[1] in out:
                out |= self.deps(k2, seen)
        return out


def _fresh(avoid: set[str], base: str) -> sp.Symbol:
    base = base.rstrip("0123456789")
    for cand in (f"{base}{q}" for q in range(1, 1000)):   # a name lambdify can compile (no primes)
        if cand not in avoid:
            avoid.add(cand)
            return sp.Symbol(cand, integer=True, positive=True)
    raise ReadError("no fresh index name left")


def _instantiate(head: sp.Basic, body: sp.Basic, actual: sp.Basic, avoid: set[str]) -> sp.Basic:
    """body with the head's pattern variables replaced by the actual arguments, bound indices
    renamed so that nothing is captured."""
    sub: dict = {}
    if isinstance(head, sp.Indexed):
        sub = dict(zip(head.indices, actual.indices))
    elif isinstance(head, AppliedUndef):
        for p, a in zip(head.args, actual.args):
            if isinstance(p, sp.Indexed):
                if not isinstance(a, sp.Indexed) or a.base != p.base:
                    raise ReadError(f"{actual} does not match the definition {head}")
                sub.update(zip(p.indices, a.indices))
            elif isinstance(p, sp.Symbol):
                sub[p] = a
                if isinstance(a, sp.Symbol):
                    for b in body.atoms(sp.IndexedBase):
                        if str(b.label) == p.name:
                            sub[b] = b.func(a.name, **b.assumptions0)
    from ..normal_forms import bound_by
    renames = {}
    for s in body.atoms(sp.Sum, sp.Product):
        for lim in s.limits:
            v = lim[0]
            if v not in renames:
                renames[v] = _fresh(avoid, v.name)
    # every other binder's variable too (a limit's t in G(x) := lim_{t→0} (x+t)/(1+t) would capture
    # the argument of G(t)), renamed with its own assumptions
    for b in body.atoms(sp.Integral, sp.Limit, sp.Derivative, sp.Subs, sp.Lambda):
        for v in bound_by(b):
            # a derivative's variable is also the point it is taken at: d/dx σ(x) with x a
            # parameter is a function of x, and stays one
            if isinstance(b, sp.Derivative) and v in sub:
                continue
            if isinstance(v, sp.Symbol) and v not in renames:
                renames[v] = sp.Symbol(_fresh(avoid, v.name).name, **v.assumptions0)
    body = body.xreplace(renames)
    return body.xreplace(sub)


def unfold(e: sp.Basic, book: Book, active: set, avoid: set[str], depth: int = 0,
           used: list | None = None, memo: dict | None = None) -> sp.Basic:
    """e with the active definitions replaced by their bodies (∂f/∂v with v active: f is
    unfolded with v kept, differentiated, then v is unfolded).  ``depth`` counts definitions
    inside definitions; ``memo`` makes shared subexpressions cost once (a := b + sin b, …)."""
    if depth > MAX_DEPTH:
        raise ReadError("definitions nested too deeply (or a definition refers to itself)")
    memo = {} if memo is None else memo
    key = (e, frozenset(active))
    if key in memo:
        return memo[key]
    if isinstance(e, sp.Derivative):
        kv = {key_of(v) for v, _ in e.variable_count} & active
        if kv:
            inner = unfold(e.expr, book, active - kv, avoid, depth, used, memo)
            _size_guard(inner)
            out = unfold(sp.diff(inner, *e.variable_count), book, active, avoid, depth, used, memo)
        else:
            out = sp.Derivative(unfold(e.expr, book, active, avoid, depth, used, memo), *e.variable_count)
    elif (k := key_of(e)) is not None and k in active and k in book.defs:
        if used is not None and k not in used:
            used.append(k)
        body = _instantiate(book.defs[k].head, book.defs[k].body, e, avoid)
        out = unfold(body, book, active, avoid, depth + 1, used, memo)
    elif e.is_Atom or isinstance(e, (sp.Indexed, sp.IndexedBase)):
        out = e
    else:
        args = [unfold(a, book, active, avoid, depth, used, memo) for a in e.args]
        out = e.func(*args) if any(a is not b for a, b in zip(args, e.args)) else e
    memo[key] = out
    return out


def estimate(e: sp.Basic, book: Book, active: set, memo: dict | None = None) -> int:
    """Nodes of e's tree once its active definitions are unfolded, computed without unfolding
    (a := x + y, b := a + sin a, … doubles at each step: refused before SymPy builds it)."""
    memo = {} if memo is None else memo
    total = 0
    for node in sp.preorder_traversal(e):
        k = key_of(node)
        if k is not None and k in active and k in book.defs:
            if k not in memo:
                memo[k] = MAX_NODES + 1     # a cycle counts as too large
                memo[k] = estimate(book.defs[k].body, book, active, memo)
            total += memo[k]
        else:
            total += 1
        if total > MAX_NODES:
            return total
    return total


def _derivative_names(exprs) -> set[str]:
    out = set()
    for e in exprs:
        for d in e.atoms(sp.Derivative):
            for v, _ in d.variable_count:
                out |= {str(v.base.label)} if isinstance(v, sp.Indexed) else {str(v)}
    return out


def active_set(book: Book, exprs: list[sp.Basic], full: bool) -> set:
    """Which definitions a relation unfolds (see the module docstring)."""
    mentioned = set().union(*(names_in(e) for e in exprs)) | _derivative_names(exprs)
    # functions and constants (η := 0.15: nothing it could range over) are always unfolded
    act = {k for k in book.defs if k[0] == "fn" or not book.deps(k)}
    changed = True
    while changed:
        changed = False
        for k in book.defs:
            if k in act:
                continue
            d = book.deps(k)
            leaf = not (d & {h[1] for h in book.defs})
            if (d & mentioned) or (full and not leaf and k[1] in mentioned):
                act.add(k)
                mentioned |= names_in(book.defs[k].body)   # what its body brings into the relation
                changed = True
    return act


def separate_bound(exprs: list[sp.Basic], extra: set = frozenset()) -> list[sp.Basic]:
    """Rename a summation index that is also free in the relation (Σ_j a_j + y_j): the kernel
    substitutes free indices by numbers, which must not reach a bound one."""
    free = set(extra)
    for e in exprs:
        free |= {s for s in e.free_symbols if isinstance(s, sp.Symbol)}
        for ix in e.atoms(sp.Indexed):
            free |= ix.free_symbols
    avoid = set().union(*(names_in(e) for e in exprs)) | {s.name for e in exprs for s in e.atoms(sp.Symbol)}
    out = []
    for e in exprs:
        def rename(s):
            vs = [lim[0] for lim in s.limits if lim[0] in free]
            return s.xreplace({v: _fresh(avoid, v.name) for v in vs}) if vs else s
        out.append(e.replace(lambda x: isinstance(x, (sp.Sum, sp.Product)), rename))
    return out


def _terms(e: sp.Basic) -> int:
    """Terms a full expansion of e's sums over concrete ranges would write (nested: multiplied)."""
    if isinstance(e, (sp.Sum, sp.Product)):
        k = 1
        for lim in e.limits:
            lo, hi = lim[1], lim[2]
            if lo.is_Number and hi.is_Number:
                k *= max(0, int(hi - lo + 1))
        return k * _terms(e.function)
    return max((_terms(a) for a in e.args), default=1)


def _size_guard(*exprs: sp.Basic) -> None:
    from .parser import MAX_TERMS
    for e in exprs:
        if _terms(e) > MAX_TERMS:
            raise ReadError(f"nested sums of {_terms(e)} terms in all (the limit is {MAX_TERMS})")
    count = 0
    for e in exprs:
        for _ in sp.preorder_traversal(e):
            count += 1
            if count > MAX_NODES:
                raise ReadError(f"the relation grows beyond {MAX_NODES} nodes when its definitions are unfolded")


# ---------------------------------------------------------------- restricted sums
def free_indices(e: sp.Basic) -> set[sp.Symbol]:
    """Symbols free in e, counting a derivative's variables (∂/∂z_i makes i free) and
    respecting the sums that bind them (SymPy's free_symbols omits the former)."""
    if isinstance(e, sp.Symbol):
        return {e}
    if isinstance(e, (sp.Sum, sp.Product)):
        bound = {lim[0] for lim in e.limits}
        out = free_indices(e.function) - bound
        for lim in e.limits:
            for x in lim[1:]:
                out |= free_indices(x)
        return out
    if isinstance(e, sp.Derivative):
        out = free_indices(e.expr)
        for v, _ in e.variable_count:
            out |= free_indices(v)
        return out
    if isinstance(e, sp.Indexed):
        return set().union(*(free_indices(x) for x in e.indices))
    if isinstance(e, sp.IndexedBase) or e.is_Atom:
        return set()
    return set().union(*(free_indices(a) for a in e.args)) if e.args else set()


def resolve_restricted(lhs: sp.Basic, rhs: sp.Basic, n: sp.Symbol) -> tuple[sp.Basic, sp.Basic]:
    """Σ_{j≠i} f -> Σ_j (1 − δ_ij) f and Σ_{i=j} f -> Σ_j δ_ij f; the fixed index is the one
    free elsewhere in the relation, the other is summed (both or neither: ambiguous, refused)."""
    hole = sp.Symbol("_hole")
    outside = set()
    for side in (lhs, rhs):
        bare = side.replace(lambda x: isinstance(x, AppliedUndef) and x.func is RSUM, lambda *a: hole)
        outside |= free_indices(bare)

    def rsum(body, u, v, kind):
        fu, fv = u in outside, v in outside
        if fu == fv:
            raise ReadError(f"ambiguous sum under {u} {'=' if kind == 0 else '≠'} {v}: "
                            f"{'both' if fu else 'neither'} index is free elsewhere")
        fixed, bound = (u, v) if fu else (v, u)
        w = sp.KroneckerDelta(fixed, bound)
        return sp.Sum(body * (w if kind == 0 else 1 - w), (bound, 1, n))

    def go(e):
        return e.replace(lambda x: isinstance(x, AppliedUndef) and x.func is RSUM, lambda x: rsum(*x.args))
    return go(lhs), go(rhs)


# ---------------------------------------------------------------- the document
@dataclass
class Document:
    """The state of a document's check: its notation and the definitions made so far."""

    notation: Notation
    book: Book = field(default_factory=Book)
    cache: dict = field(default_factory=dict)

    def scope(self) -> Scope:
        return self.notation.scope(self.book.functions())

    def read(self, tex: str) -> sp.Basic:
        for a, b in self.notation.replace:
            tex = tex.replace(a, b)
        tex = self.expand_macros(tex)
        sc = self.scope()
        key = (tex, sc)
        if key not in self.cache:
            try:
                self.cache[key] = parse_side(tex, sc)
            except InputError as exc:   # the parser's ReadError and the normaliser's size limits
                self.cache[key] = exc
        v = self.cache[key]
        if isinstance(v, InputError):
            raise v
        return v

    def expand_macros(self, tex: str) -> str:
        """The document's argument-free ``\\newcommand``s, expanded (a few rounds, bounded size)."""
        macros = self.notation.macros
        if not macros:
            return tex
        pat = re.compile(r"\\(%s)(?![a-zA-Z])" % "|".join(map(re.escape, sorted(macros, key=len, reverse=True))))
        for _ in range(5):
            new = pat.sub(lambda m: " " + macros[m.group(1)] + " ", tex)
            if new == tex:
                break
            if len(new) > 4 * len(tex) + 1000:
                raise ReadError("macros expand to a text too large")
            tex = new
        return tex

    def read_relation(self, tex: str) -> sp.Basic:
        from .displays import REL_NAME, _REL, _top_level
        cuts = _top_level(tex, _REL)
        if len(cuts) != 1:
            raise ReadError(f"`{tex}` is not one relation")
        s, e, sym = cuts[0]
        lhs, rhs, rel = self.read(tex[:s]), self.read(tex[e:]), REL_NAME[sym]
        lhs, rhs = resolve_restricted(lhs, rhs, self.scope().n())
        return {"=": sp.Eq, "!=": sp.Ne, "<": sp.Lt, "<=": sp.Le, ">": sp.Gt, ">=": sp.Ge}[rel](
            lhs, rhs, evaluate=False)

    def load_definitions(self) -> None:
        """The notation's ``define:`` lines, in order."""
        for head_tex, body_tex, where in self.notation.defines:
            m = re.match(r"\s*\\?(?:operatorname\{)?([A-Za-z]+)\}?\s*(?:_\{?([A-Za-z]+)\}?)?\s*\(", head_tex)
            if m:   # H(p) := …: H is a function
                self.notation.functions.add(m.group(1) + (f"_{m.group(2)}" if m.group(2) else ""))
            try:
                head, body = self.read(head_tex), self.read(body_tex)
            except ReadError as exc:
                raise InputError(f"{where}: cannot read the definition `{head_tex} := {body_tex}`: {exc}") from None
            if not self.book.is_new_name(head, self.scope()):
                raise InputError(f"{where}: `{head_tex}` is not a name that can be defined")
            self.book.define(head, body)

    def condition(self, cond: str) -> sp.Basic | None:
        """A row's side condition (``\\quad \\text{for } i \\ne j``) as a hypothesis, when it is one
        relation between two index letters; None otherwise (it is then only reported)."""
        t = re.sub(r"\\(?:text|mbox|textrm|textup|mathrm)\s*\{[^{}]*\}|\\q?quad(?![a-zA-Z])|[,;.()]", " ", cond)
        t = t.strip()
        if not re.fullmatch(r"[a-z]\s*(=|\\neq?(?![a-zA-Z]))\s*[a-z]", t):
            return None
        try:
            h = self.read_relation(t)
        except InputError:
            return None
        if all(isinstance(x, sp.Symbol) and x.is_integer for x in h.args):
            return h
        return None

    def hypotheses(self, tag: str, cond: str = ""):
        """(substitution, assumptions, domains) for a relation with this tag and side condition."""
        sub, assuming, dom = {}, [], {}
        items = list(self.notation.assume) + list(self.notation.where.get(tag, []))
        h = self.condition(cond) if cond else None
        if h is not None:
            if isinstance(h, sp.Eq):
                sub[h.rhs] = h.lhs
            else:
                assuming.append(h)
        for tex, where in items:
            try:
                h = self.read_relation(tex)
            except ReadError as exc:
                raise InputError(f"{where}: cannot read the hypothesis `{tex}`: {exc}") from None
            if isinstance(h, sp.Eq) and all(isinstance(s, sp.Symbol) and s.is_integer for s in h.args):
                sub[h.rhs] = h.lhs    # i = j: j is written i
            else:
                assuming.append(h)
        sc = self.scope()
        kinds = dict(self.notation.domains)
        kinds.update(self.notation.where_domains.get(tag, {}))
        for name, kind in kinds.items():
            dom[sc.base(name)] = DOMAIN[kind]()
            dom[sc.scalar(name)] = DOMAIN[kind]() if kind in ("real", "positive", "unit") else None
        return sub, assuming, {k: v for k, v in dom.items() if v is not None}


def _rel_str(lhs, rel, rhs) -> str:
    return f"{sp.sstr(lhs)} {rel} {sp.sstr(rhs)}"


@dataclass
class Job:
    """A relation ready for the kernel: its result so far and the chains to decide, in order
    (the second, with more definitions unfolded, only when the first is not proven)."""

    result: Result
    chains: list[Chain]
    unfolded: list[str] = field(default_factory=list)   # per chain: "by the definitions of …"


def _guard_names(exprs: list[sp.Basic], doc: Document) -> None:
    whole = {str(x) for e in exprs for x in free_indices(e)} & doc.notation.distributions
    if whole:
        raise ReadError(f"{', '.join(sorted(whole))}(x), a distribution as a whole, is used as a number "
                        f"(write its entries, {min(whole)}(x_i))")
    scalars = {str(x) for e in exprs for x in free_indices(e) if not x.is_integer}
    declared = scalars & doc.notation.vectors
    if declared:
        name = min(declared)
        raise ReadError(f"{name} is declared a vector but used as a number here (write its entries, {name}_i)")
    vectors = {str(b.label) for e in exprs for b in e.atoms(sp.IndexedBase)}
    both = scalars & vectors
    if both:
        name = min(both)
        raise ReadError(f"{name} is both a number and a vector ({name}_i) in this relation "
                        f"(after unfolding the definitions it uses)")


def plan_relation(rel: Relation, doc: Document) -> Result | Job:
    """Read one relation; record it if it is a definition, else build its chains.  Never raises
    for a bad relation: the result says what could not be read."""
    t0 = time.monotonic()
    res = Result(rel.line, rel.tag, rel.latex)
    try:
        side = rel.lhs
        lhs = doc.read(rel.lhs.tex)
        side = rel.rhs
        rhs = doc.read(rel.rhs.tex)
    except InputError as exc:
        res.message = f"line {side.line}: cannot read `{side.tex[:120]}`: {exc}"
        res.seconds = time.monotonic() - t0
        return res
    try:
        if rel.link == 0 and rel.rel in ("=", ":=") and doc.book.is_new_name(lhs, doc.scope()) \
                and not (names_in(lhs) & doc.notation.variables):
            lhs_r, rhs_r = resolve_restricted(lhs, rhs, doc.scope().n())
            doc.book.define(lhs_r, rhs_r)
            res.relation, res.verdict = _rel_str(lhs_r, ":=", rhs_r), "definition"
            res.sides = (lhs_r, ":=", rhs_r)
            res.message = f"defines {lhs_r}"
            return res
        if rel.rel == ":=":
            raise ReadError(f"{lhs} is already defined (or is not a name)")
        lhs, rhs = resolve_restricted(lhs, rhs, doc.scope().n())
        sub, assuming, domain = doc.hypotheses(rel.tag, rel.condition)
        if rel.condition and doc.condition(rel.condition) is None:
            res.message = f"side condition `{rel.condition[:80]}` not used; "
        if sub:   # i = j: rename bound indices first, so that only free ones are substituted
            lhs, rhs = separate_bound([lhs, rhs], set(sub) | set(sub.values()))
            lhs, rhs = lhs.xreplace(sub), rhs.xreplace(sub)
        res.relation = _rel_str(lhs, rel.rel, rhs)
        res.sides = (lhs, rel.rel, rhs)
        if rel.rel == "!=":
            res.verdict, res.message = "error", "≠ is read but not checked (the kernel decides =, <, ≤, >, ≥, ≈)"
            return res
        if rel.rel == "≈":
            return _approx(res, lhs, rel.rhs.tex, doc, t0)
        chains, seen, notes = [], [], []
        for full in (False, True):
            act = active_set(doc.book, [lhs, rhs], full)
            avoid = {s.name for e in (lhs, rhs) for s in e.atoms(sp.Symbol)}
            used: list = []
            if sum(estimate(e, doc.book, act) for e in (lhs, rhs)) > MAX_NODES:
                raise ReadError(f"the relation grows beyond {MAX_NODES} nodes when its definitions are unfolded")
            exprs = [unfold(e, doc.book, act, avoid, used=used) for e in (lhs, rhs)]
            if exprs in seen:
                continue
            seen.append(exprs)
            _size_guard(*exprs)
            _guard_names(exprs, doc)
            exprs = separate_bound(exprs)
            size = doc.scope().n()
            general = any(e.has(sp.Sum, sp.Product, sp.Indexed, size) for e in exprs + list(assuming))
            ch = Chain(exprs[0], assuming=assuming, domain=domain, n=size if general else None,
                       n_min=doc.notation.n_min)
            chains.append(ch.rel(rel.rel, exprs[1], by=f"line {rel.line}"))
            notes.append(f"by the definitions of {', '.join(sp.sstr(doc.book.defs[k].head) for k in used)}; "
                         if used else "")
        res.seconds = time.monotonic() - t0
        return Job(res, chains, notes)
    except InputError as exc:
        res.verdict, res.message = "error", f"line {rel.line}: {exc}"
    except (RecursionError, MemoryError):
        res.verdict, res.message = "error", f"line {rel.line}: the relation is too large to check"
    except Exception as exc:  # noqa: BLE001 - a crash inside SymPy on one relation; the file goes on
        res.verdict, res.message = "error", f"line {rel.line}: {type(exc).__name__}: {exc}"
    res.seconds = time.monotonic() - t0
    return res


def run_job(job: Job, seconds: float) -> Result:
    """The kernel's verdict on a planned relation (the first proven chain, else the last one's)."""
    res = job.result
    t0 = time.monotonic()
    try:
        verdict, note = None, ""
        for ch, note in zip(job.chains, job.unfolded):
            verdict = check_chain(ch, seconds=seconds)
            if verdict.status == kernel.Status.PROVEN:
                break
        step = verdict.steps[0]
        res.verdict, res.strategy = str(verdict.status), note + step.strategy
        res.counterexample = step.counterexample.as_dict() if step.counterexample else None
        res.message += step.scope + ("" if ch is job.chains[0] else "; with every definition unfolded")
    except InputError as exc:
        res.verdict, res.message = "error", f"line {res.line}: {exc}"
    except kernel.KernelBug as exc:
        res.verdict, res.message = "error", f"line {res.line}: kernel bug: {exc}"
    except (RecursionError, MemoryError):
        res.verdict, res.message = "error", f"line {res.line}: the relation is too large to check"
    except Exception as exc:  # noqa: BLE001 - a crash inside SymPy on one relation; the file goes on
        res.verdict, res.message = "error", f"line {res.line}: {type(exc).__name__}: {exc}"
    res.seconds += time.monotonic() - t0
    return res


def check_relation(rel: Relation, doc: Document, seconds: float) -> Result:
    """plan_relation, then run_job: one relation, in this process."""
    planned = plan_relation(rel, doc)
    return run_job(planned, seconds) if isinstance(planned, Job) else planned


def _approx(res: Result, lhs, rhs_tex: str, doc: Document, t0: float) -> Result:
    """``x \\approx 0.73``: a stated number under the one rounding rule."""
    exact = unfold(lhs, doc.book, set(doc.book.defs), set())
    stated = rhs_tex.strip().strip("{}").strip()
    if exact.free_symbols or not re.fullmatch(r"-?\d{1,30}(\.\d{1,30})?", stated):
        res.verdict, res.message = "error", "≈ is checked when the left side is a number and the right a decimal"
        return res
    v = kernel.stated_number(exact, stated, None, res.latex)
    res.verdict, res.strategy = str(v.status), v.strategy
    res.counterexample = v.counterexample.as_dict() if v.counterexample else None
    res.seconds = time.monotonic() - t0
    return res
