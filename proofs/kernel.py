"""The trusted kernel: the only code that turns a goal into a verdict.

Habits borrowed from small proof kernels (HOL Light's ``fusion.ml``, Knuckledragger's
``kernel.py``, Mathlib's linarith): verdict objects can only be built here (a private key guards
their constructors); strategies elsewhere are untrusted oracles that return a *certificate*
(:mod:`proofs.certificates`); the kernel builds the goal itself from the link (its oriented
difference, the context's hypotheses, the index ranges 1..n and n >= n_min), checks the certificate
against it and emits every side condition. A refutation always carries the point and both sides'
values, re-checked at higher precision.

Verdicts:
  proven     a checked certificate (a symbolic argument SymPy carried out); any SymPy operation the
             kernel could not re-check (sympy.simplify, sympy.limit) is named in the verdict;
  refuted    a point where the relation fails, confirmed at 2 x DPS digits (or exactly);
  numeric    sampled agreement only (evidence, not proof), or exact checks at concrete n only;
  undecided  the time budget ran out or no strategy applies and nothing could be sampled.

Trusted: this module's certificate checker, :mod:`proofs.normal_forms` (derivatives, linearity of
sums under the empty-range convention, Kronecker deltas and Piecewise residues decided on the index
ranges, the identity test) and SymPy's expand/cancel/factor/diff and assumptions. A strategy only
proposes certificates; numeric sampling of the original goal cross-checks every proof and raises
:class:`KernelBug` on a disagreement.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from typing import Any, Callable, Iterable

import sympy as sp

from .budget import BudgetExceeded, budget, clock
from .context import Context
from .definitions import unfold
from .evidence import concrete_n, rounding, search
from .evidence.modp import P as MODP_PRIME

_KEY = object()  # only this module holds it: verdicts cannot be built elsewhere


class KernelBug(AssertionError):
    """A symbolic proof that numeric sampling contradicts: never silently accepted."""


class Status(str, Enum):
    PROVEN = "proven"
    REFUTED = "refuted"
    NUMERIC = "numeric"
    UNDECIDED = "undecided"

    def __str__(self) -> str:
        return self.value


RELATIONS = ("=", "<", "<=", ">", ">=")


# ---------------------------------------------------------------- verdict objects
@dataclass(frozen=True)
class Counterexample:
    """Where a relation fails: the point (exact values) and both sides' values there."""

    point: dict
    relation: str
    lhs: str
    rhs: str
    lhs_value: str
    rhs_value: str
    note: str = ""
    _key: object = field(default=None, repr=False, compare=False)

    def __post_init__(self):
        if self._key is not _KEY:
            raise TypeError("counterexamples are built by the kernel only")

    def as_dict(self) -> dict:
        return {"point": self.point, "relation": self.relation, "lhs": self.lhs, "rhs": self.rhs,
                "lhs_value": self.lhs_value, "rhs_value": self.rhs_value, "note": self.note}


@dataclass(frozen=True)
class LinkVerdict:
    """The verdict on one relation ``lhs rel rhs`` (a link of a chain, or a whole check)."""

    relation: str
    lhs: Any
    rhs: Any
    status: Status
    strategy: str
    reason: str
    seconds: float
    scope: str
    evidence: dict
    counterexample: Counterexample | None
    _key: object = field(default=None, repr=False, compare=False)

    def __post_init__(self):
        if self._key is not _KEY:
            raise TypeError("verdicts are built by the kernel only")

    def _repr_latex_(self) -> str:  # Jupyter: the link typeset with its mark and reason
        from .display import link_latex
        return link_latex(self)

    def as_dict(self) -> dict:
        return {"relation": self.relation, "lhs": str(self.lhs), "rhs": str(self.rhs),
                "verdict": str(self.status), "strategy": self.strategy, "reason": self.reason,
                "seconds": round(self.seconds, 3), "scope": self.scope,
                "trusting": list(self.evidence.get("trusted", [])), "evidence": self.evidence,
                "counterexample": self.counterexample.as_dict() if self.counterexample else None}


@dataclass(frozen=True)
class Verdict:
    """The verdict on a chain (or a claim part): status, one verdict per link, the conclusion."""

    status: Status
    steps: tuple[LinkVerdict, ...]
    conclusion: str
    scope: str
    seconds: float
    failed_link: int | None
    notes: tuple[str, ...] = ()
    _key: object = field(default=None, repr=False, compare=False)

    def __post_init__(self):
        if self._key is not _KEY:
            raise TypeError("verdicts are built by the kernel only")

    @property
    def counterexample(self) -> Counterexample | None:
        for s in self.steps:
            if s.counterexample is not None:
                return s.counterexample
        return None

    def _repr_latex_(self) -> str:  # Jupyter: the chain typeset, a mark per link
        from .display import verdict_latex
        return verdict_latex(self)

    def as_dict(self) -> dict:
        return {"verdict": str(self.status), "conclusion": self.conclusion, "scope": self.scope,
                "seconds": round(self.seconds, 3), "failed_link": self.failed_link,
                "notes": list(self.notes), "steps": [s.as_dict() for s in self.steps],
                "counterexample": self.counterexample.as_dict() if self.counterexample else None}


# ---------------------------------------------------------------- combining statuses
_RANK = {Status.REFUTED: 3, Status.UNDECIDED: 2, Status.NUMERIC: 1, Status.PROVEN: 0}


def worst(statuses: Iterable[Status]) -> Status:
    """A conjunction is as strong as its weakest part (refuted beats undecided beats numeric)."""
    return max(statuses, key=_RANK.__getitem__, default=Status.PROVEN)


def compose(relations: Iterable[str]) -> str:
    """The relation a chain concludes by transitivity: '=' then '<' then '<=' ... (a < b = c => a < c)."""
    rels = [r for r in relations if r in RELATIONS and r != "="]
    if not rels:
        return "="
    up = {r for r in rels if r in ("<", "<=")}
    down = {r for r in rels if r in (">", ">=")}
    if up and down:
        raise ValueError("a chain mixes < and >: it concludes nothing")
    strict = any(r in ("<", ">") for r in rels)
    return ("<" if strict else "<=") if up else (">" if strict else ">=")


# ---------------------------------------------------------------- the decision
Strategy = Callable[[Any, str, Any, Context], "Iterable[C.Certificate] | C.Certificate | None"]


def _counterexample(lhs, rhs, cand: search.Candidate | None) -> Counterexample | None:
    """The kernel's seal on a candidate the evidence search confirmed."""
    if cand is None:
        return None
    return Counterexample(cand.point, cand.relation, str(lhs), str(rhs), cand.lhs_value,
                          cand.rhs_value, cand.note, _key=_KEY)


def decide(lhs, rel: str, rhs, ctx: Context, strategies: list[tuple[str, Strategy]],
           reason: str = "", seconds: float = 10.0, numeric_only: bool = False) -> LinkVerdict:
    """Decide ``lhs rel rhs`` under ``ctx``: sample it, then try each strategy under the budget."""
    # named definitions and notation (Σ_{j≠i}) are unfolded first; the verdict keeps the sides as written
    (ul, u1), (ur, u2) = unfold(lhs, ctx.definitions), unfold(rhs, ctx.definitions)
    used = list(dict.fromkeys(d.name() for d in u1 + u2))
    if used:
        v = decide(ul, rel, ur, replace(ctx, definitions=()), strategies, reason, seconds, numeric_only)
        cx = v.counterexample and replace(v.counterexample, lhs=str(lhs), rhs=str(rhs))
        return LinkVerdict(rel, lhs, rhs, v.status, f"by the definitions of {', '.join(used)}; "
                           f"{v.strategy}", reason, v.seconds, v.scope, {**v.evidence, "unfolded": used},
                           cx, _key=_KEY)
    if rel not in RELATIONS:
        raise ValueError(f"unsupported relation {rel!r}; use one of {', '.join(RELATIONS)}")
    t0, c0 = time.monotonic(), clock()  # wall time is reported; the budget is CPU time
    proof: tuple[str, Proof] | None = None
    tried: list[str] = []
    note = None
    # a quick probe first: a wrong step is usually refuted at the first points, and a refuted
    # link has no proof to look for
    ev, cand = search.numeric_evidence(lhs, rel, rhs, ctx, seconds=max(0.3, seconds / 5), light=True)
    cx = _counterexample(lhs, rhs, cand)
    if cx is not None:
        # the kernel's Leaf rule all the same (its normal forms and the assumptions' signs, the
        # rule every proof ends in): if it accepts a refuted step the kernel has a bug. Only this
        # rule, not a slice of the proof search: 0.1 s of search was 27 of the test suite's 225
        # CPU seconds and reached further on a faster machine; `benchmarks.outside --wrong
        # --search` gives the wrong steps the whole search
        if not numeric_only:
            try:
                with budget(min(0.1, seconds / 20)):  # a refuted claim stays cheap
                    check_certificate(lhs, rel, rhs, ctx, C.Leaf())
                raise KernelBug(f"the kernel's Leaf proved {lhs} {rel} {rhs} but {cx.as_dict()} contradicts it")
            except (Rejected, BudgetExceeded):
                pass
            except (TypeError, ValueError, NotImplementedError, RecursionError, AttributeError,
                    sp.PolynomialError):
                pass  # the goal cannot be built or normalised: no proof, nothing contradicts
        return LinkVerdict(rel, lhs, rhs, Status.REFUTED, "numeric search", reason,
                           time.monotonic() - t0, search.scope(ctx, ev), ev, cx, _key=_KEY)
    if not numeric_only:
        try:
            with budget(max(0.05, seconds * 2 / 3)):
                proof = _first_proof(lhs, rel, rhs, ctx, strategies, tried)
        except BudgetExceeded:
            note = f"symbolic budget of {seconds * 2 / 3:.3g} s exhausted (tried: {', '.join(tried)})"
    if proof is None and not note and any("out of time" in t for t in tried):
        note = f"symbolic budget exhausted by strategies: {', '.join(tried)}"
    left = seconds - (clock() - c0)
    if proof is None:  # no proof: search the domain harder for a counterexample
        ev, cand = search.numeric_evidence(lhs, rel, rhs, ctx, seconds=max(0.3, 0.6 * left))
        cx = _counterexample(lhs, rhs, cand)
    if note:
        ev["budget"] = note
    exact_ok = False
    if ctx.n is not None and not numeric_only and cx is None:
        left = max(0.2, seconds - (clock() - c0))
        def prove(l, r, h, c) -> bool:
            return _first_proof(l, r, h, c, strategies, []) is not None
        # with a symbolic proof in hand the concrete sizes are only a cross-check against a kernel
        # bug: the exact GF(p) test of an equation (cheap), not a proof search at every size, which
        # cost two thirds of `derive check` and changes no verdict
        ev["exact_n"], exact_ok = concrete_n.concrete_sizes(
            lhs, rel, rhs, ctx, None if proof else prove, min(left, 2.0, seconds / 5) if proof else left)
    dt = time.monotonic() - t0
    fails = [k for k, v in ev.get("exact_n", {}).items() if str(v).startswith("fails")]
    if proof is not None and fails:
        raise KernelBug(f"{proof[0]} proved {lhs} {rel} {rhs} but it fails exactly at n = {fails}")
    if proof is not None and cx is not None:
        raise KernelBug(f"{proof[0]} proved {lhs} {rel} {rhs} but {cx.as_dict()} contradicts it")
    if cx is not None:
        return LinkVerdict(rel, lhs, rhs, Status.REFUTED, "numeric search", reason, dt,
                           search.scope(ctx, ev), ev, cx, _key=_KEY)
    if proof is not None:
        name, pf = proof
        ev["reduction"] = pf.note
        if pf.trusted:
            ev["trusted"] = list(pf.trusted)
            name = f"{name}, trusting {', '.join(pf.trusted)}"
        scope = "symbolic n" if ctx.n is not None else "symbolic"
        held = {k: 1 for k, v in ev.get("exact_n", {}).items() if v == "holds"}
        if ctx.n is not None and held:
            scope += f"; exact for n = {search.span(held)}"
        if ctx.n is not None and ev.get("sizes"):
            scope += f"; sampled to n = {max(ev['sizes'])}"
        status = Status.PROVEN
        if not ev.get("points") and any(not isinstance(a, sp.Unequality) for a in ctx.assuming):
            # a proof under hypotheses no sampled point satisfies may be vacuous: say so
            ev["vacuous?"] = "no sampled point satisfies the hypotheses: they may be contradictory"
            scope += "; no sampled point satisfies the hypotheses (contradictory?)"
        return LinkVerdict(rel, lhs, rhs, status, name, reason, dt, scope, ev, None, _key=_KEY)
    ev["tried"] = tried
    if exact_ok:
        return LinkVerdict(rel, lhs, rhs, Status.NUMERIC, "exact at concrete n", reason, dt,
                           f"exact for n = {search.span(ev['exact_n'])} only, not for symbolic n", ev, None,
                           _key=_KEY)
    status = Status.NUMERIC if ev["points"] > 0 else Status.UNDECIDED
    return LinkVerdict(rel, lhs, rhs, status, "numeric sampling" if ev["points"] else "none", reason,
                       dt, search.scope(ctx, ev), ev, None, _key=_KEY)


def _first_proof(lhs, rel, rhs, ctx, strategies, tried) -> tuple[str, Any] | None:
    """The first certificate the kernel accepts, checked against the goal it builds itself (the
    proof's trusted SymPy operations are kept); anything else a strategy yields is ignored.
    Strategies that raise are skipped; each strategy gets at most 40 % of what is left, so a slow
    one cannot starve those after it."""
    from .budget import remaining
    for name, strat in strategies:
        left = remaining()
        slice_ = max(0.5, 0.4 * left) if left != float("inf") else 60.0
        try:
            with budget(slice_):
                out = strat(lhs, rel, rhs, ctx)
                if out is None:
                    continue  # the strategy does not apply (a shape guard said no): not "tried"
                if name not in tried:  # a strategy listed twice (before and after others) once
                    tried.append(name)
                for cert in ([out] if isinstance(out, C.Certificate) else (out or [])):
                    if not isinstance(cert, C.Certificate):
                        continue  # only the closed set of certificates can make a proof
                    try:
                        trusted = check_certificate(lhs, rel, rhs, ctx, cert)
                    except Rejected:
                        continue
                    return name, Proof(cert, trusted)
        except BudgetExceeded:
            if remaining() <= 0.01:
                raise  # the whole budget is gone, not just this strategy's slice
            label = f"{name} (out of time after {slice_:.2g} s)"
            if name in tried:
                tried[tried.index(name)] = label
            else:
                tried.append(label)
            continue
        except Exception:  # a strategy that breaks (now or while iterating) proposes nothing
            continue
    return None


@dataclass(frozen=True)
class Proof:
    """A checked certificate and the SymPy operations it trusted (named in the verdict)."""

    certificate: Any
    trusted: tuple[str, ...]

    @property
    def note(self) -> str:
        return describe(self.certificate)


def describe(cert) -> str:
    """A certificate in a few words, for the verdict ("case split a > b / a < b / a = b: …")."""
    name = type(cert).__name__
    if name == "Leaf":
        return "normal forms"
    if name == "Cases":
        return f"cases {cert.a} vs {cert.b}: " + " / ".join(describe(b) for b in (cert.gt, cert.lt, cert.eq))
    if name in ("Instance",):
        return "fresh symbols for " + ", ".join(str(v) for _, v in cert.subst)[:80] + "; " + describe(cert.then)
    if name == "Oracle":
        return f"sympy.{cert.op}; " + describe(cert.then)
    if name == "Limit":
        return "sympy.limit" + (" (dominant term factored out)" if cert.form is not None else "")
    if name == "Monotone":
        return f"{cert.fn} of both sides; " + describe(cert.then)
    if name == "Antiderivative":
        return f"an antiderivative of the integrand: {cert.F}; " + describe(cert.then)
    if name == "Slope":
        return f"the derivative in {cert.var} changes sign at {cert.var} = {cert.point}: the minimum there"
    if name == "Rewrite":
        return ("the hypotheses " + ", ".join(str(h) for h, _ in cert.using) + "; " if cert.using else "") \
            + describe(cert.then)
    then = getattr(cert, "then", None)
    return name.lower() + ("; " + describe(then) if then is not None else "")


def conclude(links: list[LinkVerdict], conclusion: LinkVerdict | None, seconds: float,
             notes: tuple[str, ...] = (), transfers: bool = True) -> Verdict:
    """A chain's verdict: its conclusion holds by transitivity iff every link holds — when the
    links quantify as the conclusion does (``transfers``); else the conclusion's own verdict counts too."""
    rel = compose(l.relation for l in links)
    status = worst([l.status for l in links] + ([conclusion.status] if conclusion and not transfers else []))
    failed = next((k for k, l in enumerate(links) if l.status == Status.REFUTED), None)
    scopes = sorted({l.scope for l in links})
    steps = tuple(links) + ((conclusion,) if conclusion is not None else ())
    if failed is not None and conclusion is not None:
        notes = notes + (f"link {failed + 1} fails; the conclusion itself is {conclusion.status}",)
    return Verdict(status, steps, rel, "; ".join(scopes), seconds, failed, notes, _key=_KEY)


def stated_number(exact: sp.Expr, stated: str, places: int | None = None, label: str = "") -> LinkVerdict:
    """A number printed in a document, under the one rounding rule of :func:`rounding.rounds_to`.

    Proven when SymPy decides, on exact numbers, that the exact value rounds to the stated one;
    refuted (counterexample: the exact value) when it does not.
    """
    t0 = time.monotonic()
    ok, ev = rounding.rounds_to(exact, stated, places)
    cx = None if ok else Counterexample({}, "≈", str(exact), stated, ev["exact"], stated,
                                        f"rounds to {ev['rounded']}, not {stated}", _key=_KEY)
    return LinkVerdict("≈", exact, sp.Rational(stated), Status.PROVEN if ok else Status.REFUTED,
                       "rounding rule", label, time.monotonic() - t0, "exact", ev, cx, _key=_KEY)


def measured(label: str, observed: dict, ok: bool, criterion: str, seconds: float) -> LinkVerdict:
    """A statement about a computation (a simulation, a code): numeric evidence, never proof."""
    cx = None
    if not ok:
        cx = Counterexample(observed, "criterion", label, criterion, str(observed), criterion,
                            "the computation does not meet the stated criterion", _key=_KEY)
    return LinkVerdict("criterion", label, criterion, Status.NUMERIC if ok else Status.REFUTED,
                       "computation", criterion, seconds, "computed", {"observed": observed}, cx, _key=_KEY)


def exact_fact(label: str, value: sp.Basic, expected: sp.Basic, seconds: float = 0.0) -> LinkVerdict:
    """An exactly computed fact (a count, a code length): proven iff SymPy finds them equal."""
    diff = sp.simplify(sp.sympify(value) - sp.sympify(expected))
    ok = diff.is_zero_matrix if isinstance(diff, sp.MatrixBase) else diff == 0
    cx = None if ok else Counterexample({}, "=", label, str(expected), str(value), str(expected),
                                        "computed exactly", _key=_KEY)
    return LinkVerdict("=", value, expected, Status.PROVEN if ok else Status.REFUTED, "exact computation",
                       label, seconds, "exact", {}, cx, _key=_KEY)


@dataclass(frozen=True)
class ClaimVerdict:
    """A catalogue claim's verdict: the weakest of its counted parts; notes reported beside."""

    id: str
    status: Status
    parts: tuple[tuple[str, bool, Verdict], ...]
    seconds: float
    _key: object = field(default=None, repr=False, compare=False)

    def __post_init__(self):
        if self._key is not _KEY:
            raise TypeError("verdicts are built by the kernel only")

    @property
    def steps(self) -> tuple[LinkVerdict, ...]:
        return tuple(s for _, counts, v in self.parts if counts for s in v.steps)

    @property
    def counterexample(self) -> Counterexample | None:
        for _, counts, v in self.parts:
            if counts and v.counterexample is not None:
                return v.counterexample
        return None

    @property
    def scope(self) -> str:
        return "; ".join(sorted({v.scope for _, c, v in self.parts if c and v.scope}))

    def _repr_latex_(self) -> str:  # Jupyter: the statement, then each part's chain with marks
        from .display import claim_latex
        return claim_latex(self)

    def as_dict(self) -> dict:
        return {"id": self.id, "verdict": str(self.status), "seconds": round(self.seconds, 3),
                "scope": self.scope,
                "parts": [{"label": l, "counts": c, **v.as_dict()} for l, c, v in self.parts],
                "steps": [s.as_dict() for s in self.steps],
                "counterexample": self.counterexample.as_dict() if self.counterexample else None}


def claim_verdict(cid: str, parts: list[tuple[str, bool, Verdict]], seconds: float) -> ClaimVerdict:
    """Combine the parts' verdicts: the claim is as strong as its weakest counted part."""
    status = worst(v.status for _, counts, v in parts if counts) if any(c for _, c, _ in parts) \
        else Status.UNDECIDED
    return ClaimVerdict(cid, status, tuple(parts), seconds, _key=_KEY)


def identity_mod_p(label: str, residues: list[int], points: int, degree_bound: int, n: int,
                   seconds: float) -> LinkVerdict:
    """An identity at concrete size n tested exactly over GF(p) at random points.

    All residues zero: numeric status (exact arithmetic, yet probabilistic, not a symbolic proof),
    with the Schwartz–Zippel error bound (degree_bound / p)^points in the scope. A non-zero
    residue is certain: the two sides are different rational functions — refuted.
    """
    P = MODP_PRIME
    ok = all(r == 0 for r in residues)
    bound = (degree_bound / P) ** points
    scope = (f"n = {n}: exact randomized identity test over GF(2^61-1) at {points} random points, "
             f"error probability <= {bound:.1e}")
    cx = None
    if not ok:
        bad = next(k for k, r in enumerate(residues) if r)
        cx = Counterexample({"n": n, "entry": bad}, "=", label, "0", str(residues[bad]), "0",
                            "non-zero residue mod p: the sides differ as rational functions", _key=_KEY)
    return LinkVerdict("=", label, 0, Status.NUMERIC if ok else Status.REFUTED, "identity mod p", label,
                       seconds, scope, {"entries": len(residues), "points": points}, cx, _key=_KEY)


def timed_out(label: str, seconds: float) -> LinkVerdict:
    """A part whose own computation (building it, a simulation, an exact count) ran past its budget."""
    return LinkVerdict("criterion", label, "", Status.UNDECIDED, "none", label, seconds,
                       "none", {"budget": f"the computation ran past {seconds:.3g} s"}, None, _key=_KEY)


def errored(lhs, rel: str, rhs, message: str, seconds: float, reason: str = "") -> LinkVerdict:
    """A link whose decision raised (a checker defect, not a finding): undecided, the error kept."""
    return LinkVerdict(rel, lhs, rhs, Status.UNDECIDED, "none", reason, seconds, "none",
                       {"points": 0, "error": message}, None, _key=_KEY)


def entrywise(lhs: sp.MatrixBase, rhs: sp.MatrixBase, entries: list[tuple[tuple[int, int], LinkVerdict]],
              seconds: float, reason: str = "") -> LinkVerdict:
    """A matrix equation from its entries' verdicts: as strong as the weakest entry, which is
    named (row, column, counted from 1) in the evidence and in the counterexample."""
    status = worst(v.status for _, v in entries)
    (r, c), weak = next(((rc, v) for rc, v in entries if v.status == status), entries[0])
    at = f"entry ({r + 1}, {c + 1}) (row, column)"
    cx = weak.counterexample
    if cx is not None:
        cx = Counterexample(cx.point, "=", str(weak.lhs), str(weak.rhs), cx.lhs_value, cx.rhs_value,
                            f"at {at}" + (f"; {cx.note}" if cx.note else ""), _key=_KEY)
    ev = {"shape": [lhs.rows, lhs.cols], "points": sum(v.evidence.get("points", 0) for _, v in entries),
          "entries": {f"({i + 1}, {j + 1})": str(v.status) for (i, j), v in entries}}
    if status != Status.PROVEN:
        ev["weakest_entry"] = [r + 1, c + 1]
        ev["weakest_evidence"] = weak.evidence
    strategies = sorted({v.strategy for _, v in entries})
    scope = "; ".join(sorted({v.scope for _, v in entries if v.scope}))
    return LinkVerdict("=", lhs, rhs, status, "entrywise: " + ", ".join(strategies), reason, seconds,
                       scope, ev, cx, _key=_KEY)


# ================================================================ certificates: the checker
# A strategy returns a certificate (proofs/certificates.py); this section checks it against the
# goal, which the kernel builds itself from the link. Side conditions are emitted here, never
# asserted by a strategy. What the kernel may do without a certificate is proofs/normal_forms.py.
from . import certificates as C  # noqa: E402
from .normal_forms import (Ranges, evaluate, exp_atoms_to_symbols, free_indices, fresh, is_zero,
                           nonneg_on_ranges, numeric_exps, probe_values)  # noqa: E402

_KINDS = ("zero", "pos", "nonneg")
# the assumptions a fresh symbol may carry, and the side conditions each demands of its value
_FRESH = {spec: sp.Dummy(**{a: True for a in spec if a != "pos" and a != "nonneg"},
                         **({"positive": True} if "pos" in spec else {}),
                         **({"nonnegative": True} if "nonneg" in spec else {})).assumptions0
          for spec in [(), ("real",), ("pos",), ("nonneg",), ("integer",), ("pos", "integer"),
                       ("nonneg", "integer")]}
_MAX_DEPTH = 40


class Rejected(Exception):
    """A certificate that does not prove its goal (the strategy was wrong: no verdict from it)."""


class OtherLimit(Rejected):
    """sympy.limit gave a value the kernel could not show equal to the certificate's."""

    def __init__(self, message: str, got=None, value=None):
        super().__init__(message)
        self.got, self.value = got, value


@dataclass(frozen=True)
class Goal:
    """kind(expr) under hypotheses: kind 'zero' (expr = 0), 'pos' (> 0) or 'nonneg' (>= 0)."""

    kind: str
    expr: Any
    hyps: tuple = ()
    ranges: Ranges = Ranges()


def _exact(e):
    """Each Float as the exact rational it stands for: SymPy's arithmetic on a Float rounds to
    its precision (Float('0.3', 3) - 3/10 came out 0, and 0.300 >= 3/10 passed the Leaf, though
    the Float is 4915/16384 = 0.29998...)."""
    e = sp.sympify(e)
    floats = e.atoms(sp.Float) if isinstance(e, sp.Basic) else set()
    return e.xreplace({f: sp.Rational(f) for f in floats}) if floats else e


def _oriented(lhs, rel: str, rhs):
    lhs, rhs = _exact(lhs), _exact(rhs)
    return lhs - rhs if rel in ("=", ">", ">=") else rhs - lhs


def goal_of(lhs, rel: str, rhs, ctx: Context) -> Goal:
    """The kernel's own goal for ``lhs rel rhs``: the oriented difference, the context's relations
    as hypotheses, and (for "for all n") every free index ranging over 1..n with n >= n_min."""
    kind = "zero" if rel == "=" else "pos" if rel in ("<", ">") else "nonneg"
    expr = _oriented(lhs, rel, rhs)
    hyps = tuple(_exact(a) for a in ctx.assuming if a is not sp.true) + domain_hypotheses(expr, ctx)
    ranges = Ranges(n=ctx.n, n_min=ctx.n_min)
    if ctx.n is not None:
        for i in free_indices([lhs, rhs, *ctx.assuming], ctx.n):
            ranges = ranges.with_var(i, sp.Integer(1), ctx.n)
    # the free indices' pairs known to differ (set after with_var, which forgets them for a binder)
    ranges = replace(ranges, distinct=frozenset(frozenset((a.lhs, a.rhs)) for a in ctx.assuming
                                                if isinstance(a, sp.Unequality)))
    return Goal(kind, expr, hyps, ranges)


def domain_hypotheses(expr, ctx: Context) -> tuple:
    """The declared domains as hypotheses: Unit() is 0 < x < 1, Positive() is x > 0 (its hi only
    bounds sampling), for a symbol or each entry v_i of an IndexedBase in the goal; Simplex() and
    OneHot() give 0 <= v_i <= 1 for each entry (Real() and Integer() bound sampling only)."""
    out: list = []
    entries = sp.sympify(expr).atoms(sp.Indexed)
    for key, dom in sorted(ctx.domain.items(), key=lambda kv: sp.default_sort_key(kv[0])):
        if isinstance(key, sp.Symbol) and dom.kind == "unit":
            out += [sp.Gt(key, 0), sp.Lt(key, 1)]
        elif isinstance(key, sp.Symbol) and dom.kind == "positive":
            out.append(sp.Gt(key, 0))
        elif isinstance(key, sp.IndexedBase) and dom.kind in ("simplex", "onehot", "unit", "positive"):
            for x in sorted({x for x in entries if x.base == key}, key=sp.default_sort_key):
                out += ([sp.Gt(x, 0)] if dom.kind == "positive" else
                        [sp.Gt(x, 0), sp.Lt(x, 1)] if dom.kind == "unit" else [sp.Ge(x, 0), sp.Le(x, 1)])
    return tuple(h for h in out if isinstance(h, sp.core.relational.Relational))


def _fixed(goal: Goal, *more) -> set:
    """Every symbol the goal mentions, free or bound, in its expression, hypotheses and ranges (a
    ranged index that cancelled out of the expression, a pair known to differ): a fresh symbol of
    a certificate must be none of them (an Instance key i of a ranged i was read under 1 <= i <= n)."""
    out = {x for h in [goal.expr, *goal.hyps, *more] for x in sp.sympify(h).atoms(sp.Symbol)}
    for v, lo, hi in goal.ranges.bounds:
        out |= {v} | sp.sympify(lo).atoms(sp.Symbol) | sp.sympify(hi).atoms(sp.Symbol)
    for pair in goal.ranges.distinct:
        out |= {x for y in pair for x in sp.sympify(y).atoms(sp.Symbol)}
    if goal.ranges.n is not None:
        out.add(goal.ranges.n)
    return out


def _substituted(goal: Goal, rep: dict, hyps) -> Goal:
    """The goal after var := value in its expression, the given hypotheses and the pairs known to
    differ (i := m keeps i != j as m != j: a stale pair {i, j} made δ(i, j) 0 after i was gone)."""
    distinct = frozenset(frozenset(sp.sympify(y).xreplace(rep) for y in pair) for pair in goal.ranges.distinct)
    return Goal(goal.kind, sp.sympify(goal.expr).xreplace(rep), tuple(x.xreplace(rep) for x in hyps),
                replace(goal.ranges, distinct=frozenset(p for p in distinct if len(p) == 2)))


def _sub(goal: Goal, kind: str, expr) -> Goal:
    return Goal(kind, sp.sympify(expr), goal.hyps, goal.ranges)


def _nonneg_part(h) -> tuple[sp.Expr, bool] | None:
    """A hypothesis as (e, strict) with e >= 0 (or > 0); None for anything else."""
    if isinstance(h, (sp.GreaterThan, sp.StrictGreaterThan)):
        return h.lhs - h.rhs, isinstance(h, sp.StrictGreaterThan)
    if isinstance(h, (sp.LessThan, sp.StrictLessThan)):
        return h.rhs - h.lhs, isinstance(h, sp.StrictLessThan)
    return None


_BINDERS = (sp.Derivative, sp.Limit, sp.Integral, sp.Subs, sp.Sum, sp.Product)


def _bound_symbols(e: sp.Basic) -> set:
    """Every variable some binder inside e binds (normal_forms.bound_by, over all binders)."""
    from .normal_forms import bound_by
    return {v for b in (e.atoms(*_BINDERS) if isinstance(e, sp.Basic) else ()) for v in bound_by(b)}


# A short fixed list of named inequalities: name -> (F(args) >= 0, conditions on the args).
LEMMAS: dict[str, tuple[Callable, Callable]] = {
    # log t <= t - 1 for t > 0
    "log_le_sub1": (lambda t: t - 1 - sp.log(t), lambda t: [("pos", t)]),
    # log t >= 1 - 1/t for t > 0
    "log_ge_1_sub_inv": (lambda t: sp.log(t) - 1 + 1 / t, lambda t: [("pos", t)]),
    # e^t >= 1 + t for real t
    "exp_ge_1_add": (lambda t: sp.exp(t) - 1 - t, lambda t: [("real", t)]),
    # ceiling(x) >= x for real x
    "ceiling_ge": (lambda x: sp.ceiling(x) - x, lambda x: [("real", x)]),
}


def _exp_beyond_one(e):
    """exp(t) = 1 + P for t > 0 and 1/(1 + P) for t < 0, P a positive Dummy (exp is increasing,
    exp(0) = 1): a sign that holds for every P > 0 holds for the exponential."""
    rep = {}
    for x in e.atoms(sp.exp):
        t = x.args[0]
        if t.is_positive:
            rep[x] = 1 + fresh("P", (e,), positive=True)
        elif t.is_negative:
            rep[x] = 1 / (1 + fresh("P", (e,), positive=True))
    return e.xreplace(rep) if rep else None


def _numeric_exps_opaque(e):
    """e^c for a real number c as a positive Dummy before factoring (normal_forms.numeric_exps)."""
    rep = numeric_exps(e)
    return e.xreplace(rep) if rep else e


def _sign_forms(e):
    """Sound re-expressions of e (equal as functions, or instances of a more general expression)
    whose sign SymPy's assumptions may see."""
    yield e
    if e.has(sp.tanh, sp.sinh, sp.cosh, sp.sech):
        e = e.rewrite(sp.exp)
        yield e
    transforms = (lambda x: sp.cancel(sp.together(x)),
                  lambda x: sp.factor(sp.cancel(sp.together(_numeric_exps_opaque(x)))),
                  lambda x: sp.cancel(sp.together(sp.expand(sp.expand_log(_numeric_exps_opaque(x), force=False)))))
    variants = [e]
    try:
        body, _ = exp_atoms_to_symbols(sp.powsimp(e))
        if body is not e:  # exp(t) > 0 for real t: a sign for every positive E is a sign here
            variants.append(body)
        for v in (e, sp.expand(e, power_exp=True)):
            beyond = _exp_beyond_one(v)
            if beyond is not None:
                variants.append(beyond)
    except (TypeError, ValueError, NotImplementedError, sp.PolynomialError, RecursionError):
        pass
    for v in variants:
        for f in transforms:
            try:
                yield f(v)
            except (TypeError, ValueError, NotImplementedError, sp.PolynomialError, RecursionError):
                continue


def _leaf(goal: Goal) -> bool:
    e = evaluate(goal.expr, goal.ranges)
    if goal.kind == "zero":
        return is_zero(e)
    # early rejection: every sign form is e itself or an instance of it, so none can be positive
    # (or nonnegative) for all values of its symbols when e is clearly negative at a point of
    # their domain; SymPy's assumptions spent a minute factoring e^{-500} on such false goals
    if not any(v < 0 for v in probe_values(e, wide=True)):
        for f in _sign_forms(e):
            if (f.is_positive if goal.kind == "pos" else f.is_nonnegative) is True:
                return True
    for h in goal.hyps:  # the goal is one of the hypotheses, up to normal forms
        part = _nonneg_part(h)
        if part is None or not (part[1] or goal.kind == "nonneg"):
            continue
        # only a hypothesis in the goal's own free symbols is compared (a filter: it can only
        # make this rule accept less): on the general-n links it missed on every hypothesis, and
        # those identity tests took 0.55 of the 8.5 CPU seconds
        if evaluate(part[0], goal.ranges).free_symbols == e.free_symbols and \
                is_zero(evaluate(e - part[0], goal.ranges)):
            return True
    return False


def _side(goal: Goal, kind: str, expr, cert, trusted: list[str], depth: int) -> None:
    if kind == "real":
        x = sp.sympify(expr)
        if isinstance(x, sp.log) and x.is_real is not True and cert is not None:
            _check(_sub(goal, "pos", x.args[0]), cert, trusted, depth + 1)  # log x is real for x > 0
            return
        if x.is_real is not True:
            raise Rejected(f"side condition: {expr} is not known to be real")
        return
    if kind == "integer":
        if sp.sympify(expr).is_integer is not True:
            raise Rejected(f"side condition: {expr} is not known to be an integer")
        return
    _check(_sub(goal, kind, expr), cert if cert is not None else C.Leaf(), trusted, depth + 1)


_FINITE = (sp.exp, sp.sin, sp.cos, sp.tanh, sp.sinh, sp.cosh, sp.Abs, sp.KroneckerDelta, sp.Max, sp.Min,
           sp.floor, sp.ceiling, sp.sign)  # finite wherever their arguments are


def _defined_everywhere(m: sp.Expr) -> bool:
    """A multiplier of a hypothesis must have a finite value wherever the hypothesis holds (else
    m·0 is not 0): checked on its evaluated form (−∂/∂x log x hid the pole of −1/x). Allowed:
    rational functions whose denominator SymPy knows is non-zero, functions finite wherever their
    arguments are (exp, KroneckerDelta, …), log of what SymPy knows is positive, finite sums and
    products of such terms — each argument again so; nothing unevaluated."""
    if m.atoms(sp.Derivative, sp.Integral, sp.Limit, sp.Subs, sp.Piecewise, sp.Lambda):
        return False
    for f in m.atoms(sp.Function):
        ok = isinstance(f, _FINITE) or (isinstance(f, sp.log) and f.args[0].is_positive is True)
        if not ok or not all(_defined_everywhere(x) for x in f.args):
            return False
    for b in m.atoms(sp.Sum, sp.Product):
        if not all(lim[1].is_integer and lim[2].is_integer for lim in b.limits) or \
                not _defined_everywhere(b.function):
            return False
    den = sp.fraction(sp.together(m))[1]
    return not den.free_symbols or den.is_zero is False


def _same(goal: Goal, a, b) -> bool:
    return is_zero(evaluate(sp.sympify(a) - sp.sympify(b), goal.ranges))


_CHECKED: dict = {}  # (goal, cert) -> (height, trusted names) accepted, or (depth, Rejected)
_DEEPEST = [0]  # the deepest level the check in progress has reached


def _check(goal: Goal, cert, trusted: list[str], depth: int = 0) -> None:
    """Check ``cert`` against ``goal``; raise Rejected when it does not prove it.

    Remembered: a strategy pre-checks the parts of a compound certificate (a leaf of a case split)
    with ``check_goal``, then the kernel checks the whole, and several strategies offer the same
    Leaf for the same goal. The answer is a function of the goal and the certificate (equal as
    SymPy trees: 0.1 and 1/10, x and a positive x are different keys) and of the depth, which only
    bounds the nesting: a check accepted with nesting h holds wherever depth + h is within the
    bound, a rejection at depth d holds at every larger depth. A budget interrupt or a SymPy error
    is never remembered."""
    try:
        key = (goal, cert)
        got = _CHECKED.get(key)
    except TypeError:  # an unhashable part (a list in a forged certificate): no memo
        key, got = None, None
    if got is not None:
        n, out = got
        if isinstance(out, Rejected) and depth >= n:
            raise out.with_traceback(None)  # the same exception: its kind and fields kept
        if not isinstance(out, Rejected) and depth + n <= _MAX_DEPTH:
            _DEEPEST[0] = max(_DEEPEST[0], depth + n)
            trusted.extend(out)
            return
    mark, outer = len(trusted), _DEEPEST[0]
    _DEEPEST[0] = depth
    try:
        _check_once(goal, cert, trusted, depth)
        if key is not None:
            _remember(key, (_DEEPEST[0] - depth, tuple(trusted[mark:])))
    except Rejected as exc:
        if key is not None:
            _remember(key, (depth, exc))
        raise
    finally:
        _DEEPEST[0] = max(outer, _DEEPEST[0])


def _remember(key, value) -> None:
    if len(_CHECKED) > 8192:
        _CHECKED.clear()
    _CHECKED[key] = value


def _check_once(goal: Goal, cert, trusted: list[str], depth: int = 0) -> None:
    if depth > _MAX_DEPTH:
        raise Rejected("certificate too deep")
    if goal.kind not in _KINDS:
        raise Rejected(f"unknown goal kind {goal.kind}")
    e = goal.expr
    if type(cert) is C.Leaf:
        if not _leaf(goal):
            raise Rejected(f"{goal.kind}({e}) is not decided by the normal forms or assumptions")
    elif type(cert) is C.Rewrite:
        comb = sp.Integer(0)
        for h, m in cert.using:
            if h not in goal.hyps:
                raise Rejected(f"{h} is not a hypothesis of the goal")
            m = evaluate(sp.sympify(m), goal.ranges)
            if not _defined_everywhere(m):
                # a multiplier like 1/x would turn x = 0 into 1 = 0: only ones defined everywhere
                raise Rejected(f"the multiplier {m} may be undefined where {h} holds")
            if isinstance(h, sp.Equality):
                comb += m * (h.lhs - h.rhs)
                continue
            part = _nonneg_part(h)
            if part is None or goal.kind == "zero" or m.is_nonnegative is not True:
                raise Rejected(f"{h} cannot be used with multiplier {m} for a {goal.kind} goal")
            comb += m * part[0]
        if not _same(goal, e - comb, cert.form):
            raise Rejected("the rewritten form differs from the goal")
        _check(_sub(goal, goal.kind, cert.form), cert.then, trusted, depth + 1)
    elif type(cert) is C.Oracle:
        if cert.op != "simplify":
            raise Rejected(f"unknown oracle {cert.op!r}")
        d = evaluate(e - sp.sympify(cert.form), goal.ranges)
        if not (is_zero(d) or sp.simplify(opaque_sums(d)) == 0):
            raise Rejected("sympy.simplify does not find the form equal to the goal")
        if not is_zero(d):
            trusted.append("sympy.simplify")
        _check(_sub(goal, goal.kind, cert.form), cert.then, trusted, depth + 1)
    elif type(cert) is C.Instance:
        subst = dict(cert.subst)
        fixed = _fixed(goal)
        for s in subst:
            if not isinstance(s, sp.Dummy) or s in fixed:
                raise Rejected(f"{s} is not a fresh symbol")
        inner = _bound_symbols(sp.sympify(cert.body))
        if any(sp.sympify(v).free_symbols & inner for v in subst.values()):
            raise Rejected("a substituted value would be captured by a bound variable of the body")
        if not _same(goal, sp.sympify(cert.body).xreplace(subst), e):
            raise Rejected("the instance differs from the goal")
        sides: list[tuple[str, Any]] = []
        for s in sorted(subst, key=sp.default_sort_key):
            spec = next((k for k, a in _FRESH.items() if s.assumptions0 == a), None)
            if spec is None:
                raise Rejected(f"fresh symbol {s} has assumptions the kernel cannot emit conditions for")
            sides += [(kind, subst[s]) for kind in spec]
        certs = list(cert.side) + [None] * (len(sides) - len(cert.side))
        for (kind, v), c in zip(sides, certs):
            _side(goal, kind, v, c, trusted, depth)
        _check(_sub(goal, goal.kind, cert.body), cert.then, trusted, depth + 1)
    elif type(cert) is C.Cases:
        a, b = sp.sympify(cert.a), sp.sympify(cert.b)
        if a.is_real is not True or b.is_real is not True:
            raise Rejected(f"a case split needs real {a}, {b}")
        for rel, branch in ((sp.Gt(a, b), cert.gt), (sp.Lt(a, b), cert.lt), (sp.Eq(a, b), cert.eq)):
            if rel is sp.false or rel.negated in goal.hyps or rel.negated.reversed in goal.hyps:
                continue  # this case cannot happen (a hypothesis excludes it)
            hyps = goal.hyps + ((rel,) if rel is not sp.true else ())
            _check(Goal(goal.kind, e, hyps, goal.ranges), branch, trusted, depth + 1)
    elif type(cert) is C.Reparam:
        _check(_reparam(goal, cert), cert.then, trusted, depth + 1)
    elif type(cert) is C.Termwise:
        if not isinstance(e, sp.Sum) or len(e.limits) != 1:
            raise Rejected("termwise needs the goal to be one sum")
        (v, lo, hi), = e.limits
        if lo.is_integer is not True or hi.is_integer is not True:
            raise Rejected(f"termwise needs integer bounds, not {lo}..{hi}")
        if goal.kind == "pos" and not nonneg_on_ranges(hi - lo, goal.ranges):
            raise Rejected(f"the range {lo}..{hi} may be empty: no strict bound from the terms")
        k = _fresh_index(goal, cert.index)
        term = e.function.xreplace({v: k})
        _check(Goal(goal.kind, term, goal.hyps + (sp.Ge(k, lo), sp.Le(k, hi)),
                    goal.ranges.with_var(k, lo, hi)), cert.then, trusted, depth + 1)
    elif type(cert) is C.Monotone:
        a, b = sp.sympify(cert.a), sp.sympify(cert.b)
        if not _same(goal, e, a - b):
            raise Rejected("the goal is not the difference of the two sides")
        if cert.fn == "exp":
            sides = [("real", a), ("real", b)]
            new = sp.exp(a) - sp.exp(b)
        elif cert.fn == "log":
            sides = [("pos", a), ("pos", b)]
            new = sp.log(a) - sp.log(b)
        else:
            raise Rejected(f"unknown monotone function {cert.fn!r}")
        certs = list(cert.side) + [None] * (len(sides) - len(cert.side))
        for (kind, v), c in zip(sides, certs):
            _side(goal, kind, v, c, trusted, depth)
        _check(_sub(goal, goal.kind, new), cert.then, trusted, depth + 1)
    elif type(cert) is C.Scale:
        _side(goal, "pos", cert.c, cert.side, trusted, depth)
        _check(_sub(goal, goal.kind, sp.sympify(cert.c) * e), cert.then, trusted, depth + 1)
    elif type(cert) is C.Split:
        parts = [sp.sympify(p) for p in cert.parts]
        if not parts or len(cert.certs) != len(parts) or not _same(goal, e, sp.Add(*parts)):
            raise Rejected("the parts do not add up to the goal")
        rest = "zero" if goal.kind == "zero" else "nonneg"
        for k, (p, c) in enumerate(zip(parts, cert.certs)):
            _check(_sub(goal, goal.kind if k == 0 else rest, p), c, trusted, depth + 1)
    elif type(cert) is C.Lemma:
        if cert.name not in LEMMAS or goal.kind == "zero":
            raise Rejected(f"no lemma {cert.name!r} for a {goal.kind} goal")
        fact, conds = LEMMAS[cert.name]
        args = tuple(sp.sympify(a) for a in cert.args)
        sides = conds(*args)
        certs = list(cert.side) + [None] * (len(sides) - len(cert.side))
        for (kind, v), c in zip(sides, certs):
            _side(goal, kind, v, c, trusted, depth)
        _check(_sub(goal, goal.kind, e - fact(*args)), cert.then, trusted, depth + 1)
    elif type(cert) is C.Limit:
        _check(_limit(goal, cert, trusted), cert.then, trusted, depth + 1)
    elif type(cert) is C.Peel:
        _check(_peel(goal, cert, trusted), cert.then, trusted, depth + 1)
    elif type(cert) is C.Antiderivative:
        sides, rest = antiderivative_goals(goal, cert.target, cert.F, cert.index)
        certs = list(cert.side) + [C.Leaf()] * (len(sides) - len(cert.side))
        for g, c in zip(sides, certs):
            _check(g, c, trusted, depth + 1)
        _check(rest, cert.then, trusted, depth + 1)
    elif type(cert) is C.Slope:
        sides, at, left, right = slope_goals(goal, cert.var, cert.point, cert.index, cert.interval)
        certs = list(cert.side) + [C.Leaf()] * (len(sides) - len(cert.side))
        for g, c in [*zip(sides, certs), (at, cert.at), (left, cert.left), (right, cert.right)]:
            if g is not None:
                _check(g, c, trusted, depth + 1)
    else:
        raise Rejected(f"not a certificate: {type(cert).__name__}")


_SMOOTH = (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh, sp.tanh)  # smooth on the whole real line


def _smooth_conditions(f, w) -> list:
    """Expressions u whose positivity makes f smooth in w: log u needs u > 0, b^k needs b^2 > 0
    (b != 0) for an integer k < 0 and b > 0 for any other real exponent; +, *, positive integer
    powers and the functions of _SMOOTH need nothing. Anything else in w (Abs, Max, floor, a sum,
    an undefined function) is not known to be differentiable: Rejected."""
    out: list = []

    def walk(e) -> None:
        if not e.has(w) or e == w:
            return
        if isinstance(e, (sp.Add, sp.Mul)) or isinstance(e, _SMOOTH):
            for a in e.args:
                walk(a)
            return
        if isinstance(e, sp.log):
            out.append(e.args[0])
        elif isinstance(e, sp.Pow) and e.exp.is_Integer and not e.exp.has(w):
            if e.exp < 0:
                out.append(e.base ** 2)
        elif isinstance(e, sp.Pow) and e.exp.is_real is True:
            out.append(e.base)  # b^k = exp(k log b)
        else:
            raise Rejected(f"{type(e).__name__} in {w}: not known to be differentiable")
        for a in e.args:
            walk(a)
    walk(sp.sympify(f))
    return list(dict.fromkeys(out))


def _end(goal: Goal, h, var, which: str) -> tuple[Any, bool] | None:
    """(end, strict) for a hypothesis of the goal bounding var from below (which = "lo") or above
    by an expression free of var; None for no bound; Rejected for anything else."""
    if h is None:
        return None
    part = _nonneg_part(h)
    if h not in goal.hyps or part is None:
        raise Rejected(f"{h} is not a bound among the goal's hypotheses")
    big, small = (h.lhs, h.rhs) if isinstance(h, (sp.GreaterThan, sp.StrictGreaterThan)) else (h.rhs, h.lhs)
    end = small if which == "lo" else big
    if (big if which == "lo" else small) != var or var in end.free_symbols:
        raise Rejected(f"{h} does not bound {var} from {'below' if which == 'lo' else 'above'}")
    return end, part[1]


def slope_goals(goal: Goal, var, point, index, interval) -> tuple:
    """The goals a Slope certificate leaves (also for strategies): (sides, at, left, right) with
    sides = [point in I, each smoothness condition > 0 on I], at = kind(f(point)), left =
    -f'(w) >= 0 on lo < w < point, right = f'(w) >= 0 on point < w < hi (None for an empty side).
    f(v) >= f(c) then holds on I by the mean value theorem. Raises Rejected."""
    if goal.kind not in ("pos", "nonneg"):
        raise Rejected("a derivative-sign bound is an inequality")
    if not isinstance(var, sp.Symbol) or var.is_real is not True or var == goal.ranges.n or \
            any(var == v or lo.has(var) or hi.has(var) for v, lo, hi in goal.ranges.bounds):
        raise Rejected(f"{var} is not a free real variable")
    e = evaluate(goal.expr, goal.ranges)
    used = {x for h in [e, *goal.hyps] for x in sp.sympify(h).atoms(sp.Symbol)}
    if not isinstance(index, sp.Dummy) or index.assumptions0 != _FRESH[("real",)] or index in used:
        raise Rejected(f"the point {index} is not a fresh real Dummy")
    c = sp.sympify(point)
    if c.has(var, index) or c.is_real is not True:
        raise Rejected(f"the split point {c} is not a real expression free of {var}")
    if not isinstance(interval, tuple) or len(interval) != 2:
        raise Rejected("the interval is (lower, upper)")
    lo, hi = _end(goal, interval[0], var, "lo"), _end(goal, interval[1], var, "hi")
    if var in _bound_symbols(e):
        raise Rejected(f"{var} is bound inside the goal")
    w = index
    f = e.xreplace({var: w})
    base = tuple(h for h in goal.hyps if var not in h.free_symbols)  # the others only restrict var

    def rel(r, a, b):
        try:
            x = r(a, b)
        except TypeError:  # SymPy refuses to compare with a non-real end
            x = None
        if not isinstance(x, sp.core.relational.Relational):
            raise Rejected(f"the interval end {b} is not a real expression")
        return x
    above, below, on_i, sides = (), (), base, []  # (lo, hi) open, I with its closed ends, c in I
    if lo:
        above, on_i = (rel(sp.Gt, w, lo[0]),), on_i + (rel(sp.Gt if lo[1] else sp.Ge, w, lo[0]),)
        sides.append(Goal("pos" if lo[1] else "nonneg", c - lo[0], base, goal.ranges))
    if hi:
        below, on_i = (rel(sp.Lt, w, hi[0]),), on_i + (rel(sp.Lt if hi[1] else sp.Le, w, hi[0]),)
        sides.append(Goal("pos" if hi[1] else "nonneg", hi[0] - c, base, goal.ranges))
    sides += [Goal("pos", u, on_i, goal.ranges) for u in _smooth_conditions(f, w)]
    at = Goal(goal.kind, e.xreplace({var: c}), base, goal.ranges)
    d = sp.diff(f, w)
    # c a closed end: that side of it is empty
    left = None if lo and not lo[1] and _same(goal, c, lo[0]) else \
        Goal("nonneg", -d, base + above + (rel(sp.Lt, w, c),), goal.ranges)
    right = None if hi and not hi[1] and _same(goal, c, hi[0]) else \
        Goal("nonneg", d, base + (rel(sp.Gt, w, c),) + below, goal.ranges)
    return sides, at, left, right


def antiderivative_goals(goal: Goal, target, F, index) -> tuple[list, Goal]:
    """The goals an Antiderivative certificate leaves (also for strategies): (sides, rest). The
    integral of f over [a, b] is F(b) - F(a) when F' = f (checked here, identically in the real
    index w) and F is continuously differentiable between a and b (every smoothness condition of
    F in w, as for Slope, > 0 for a <= w <= b and for b <= w <= a: either order of the ends);
    rest is the goal with the integral replaced by F(b) - F(a). Raises Rejected."""
    e = sp.sympify(goal.expr)
    if not isinstance(target, sp.Integral) or target not in e.atoms(sp.Integral):
        raise Rejected("the target is not an integral in the goal")
    if len(target.limits) != 1 or len(target.limits[0]) != 3:
        raise Rejected("an antiderivative is for a definite integral over one variable")
    f, (x, a, b) = target.function, target.limits[0]
    for end in (a, b):
        if end.has(x) or end.is_real is not True or end.is_finite is not True:
            raise Rejected(f"the integral's end {end} is not a finite real expression free of {x}")
    used = {s for h in [e, *goal.hyps] for s in sp.sympify(h).atoms(sp.Symbol)}
    if not isinstance(index, sp.Dummy) or index.assumptions0 != _FRESH[("real",)] or index in used:
        raise Rejected(f"the point {index} is not a fresh real Dummy")
    F = sp.sympify(F)
    if F.has(x) or _bound_symbols(F) & {index} or x in _bound_symbols(f):
        raise Rejected(f"the antiderivative must be a function of {index}, not of {x}")
    w = index
    if not is_zero(evaluate(sp.diff(F, w) - f.xreplace({x: w}), goal.ranges)):
        raise Rejected("the derivative of the antiderivative is not the integrand")
    sides = [Goal("pos", u, goal.hyps + order, goal.ranges)
             for u in _smooth_conditions(F, w)  # Rejected for anything not known to be C^1
             for order in ((sp.Ge(w, a), sp.Le(w, b)), (sp.Ge(w, b), sp.Le(w, a)))]
    value = F.xreplace({w: b}) - F.xreplace({w: a})
    return sides, _sub(goal, goal.kind, e.xreplace({target: value}))


def _reparam(goal: Goal, cert) -> Goal:
    """var > e (or >=, <, <=, =) used as var := e + D: the kernel picks the hypothesis and D."""
    var = cert.var
    if isinstance(var, (sp.ceiling, sp.floor)):
        return _rounding(goal, var, cert.fresh)
    if not isinstance(var, sp.Symbol) or var == goal.ranges.n or \
            any(var == v or lo.has(var) or hi.has(var) for v, lo, hi in goal.ranges.bounds):
        raise Rejected(f"{var} cannot be re-parametrised (not a free scalar symbol)")
    if isinstance(cert.hypothesis, tuple):
        return _chart(goal, var, cert)
    for h in goal.hyps:
        if cert.hypothesis is not None and h != cert.hypothesis:
            continue
        if isinstance(h, sp.Equality):
            side, strict, sign = (h.rhs if h.lhs == var else h.lhs if h.rhs == var else None), None, 0
        else:
            part = _nonneg_part(h)
            if part is None:
                continue
            big, small = (h.lhs, h.rhs) if isinstance(h, (sp.GreaterThan, sp.StrictGreaterThan)) else (h.rhs, h.lhs)
            strict = part[1]
            side, sign = (small, 1) if big == var else (big, -1) if small == var else (None, 0)
        if side is None or var in side.free_symbols:
            continue
        blocked = set(side.free_symbols) | {var}
        others = [x for x in goal.hyps if x != h]
        for x in [goal.expr, *others]:
            if _bound_symbols(sp.sympify(x)) & blocked:
                raise Rejected(f"{var} := … would substitute inside a derivative, limit, integral or sum "
                               f"over a variable it depends on")
        value = side
        if sign != 0:
            d = cert.fresh
            integral = bool(var.is_integer and side.is_integer)
            want = _FRESH[("nonneg", "integer")] if integral else _FRESH[("pos",) if strict else ("nonneg",)]
            if not isinstance(d, sp.Dummy) or d.assumptions0 != want or d in _fixed(goal):
                raise Rejected(f"Reparam needs a fresh Dummy with assumptions {sorted(k for k, v in want.items() if v)}")
            value = side + sign * ((1 if integral and strict else 0) + d)
        return _substituted(goal, {var: value}, others)
    raise Rejected(f"no hypothesis bounds {var}")


def _rounding(goal: Goal, r, th) -> Goal:
    """ceiling(x) = x + th, floor(x) = x - th for a fresh real th with the hypotheses 0 <= th < 1
    (th = ceiling(x) - x, resp. x - floor(x), for real x)."""
    x = r.args[0]
    fixed = _fixed(goal)
    if x.is_real is not True:
        raise Rejected(f"rounding needs a real argument, not {x}")
    if not isinstance(th, sp.Dummy) or th.assumptions0 != _FRESH[("real",)] or th in fixed:
        raise Rejected("rounding needs a fresh real Dummy")
    for y in (goal.expr, *goal.hyps):
        if _bound_symbols(sp.sympify(y)) & x.free_symbols:
            raise Rejected(f"{r} := … would substitute inside a binder over a variable it depends on")
    out = _substituted(goal, {r: x + th if isinstance(r, sp.ceiling) else x - th}, goal.hyps)
    return replace(out, hyps=out.hyps + (sp.Ge(th, 0), sp.Lt(th, 1)))


def _chart(goal: Goal, var, cert) -> Goal:
    """Hypotheses lo < var < hi (or with <= at one end) used as an interval chart onto the interval:
    (lo, hi) as lo + (hi - lo)/(1 + D), D > 0; [lo, hi) as lo + (hi - lo) D/(1 + D) and (lo, hi]
    as hi - (hi - lo) D/(1 + D), D >= 0. Each is onto: D = (hi - var)/(var - lo), resp.
    (var - lo)/(hi - var) >= 0. [lo, hi] is two cases (var < hi, var = hi)."""
    if len(cert.hypothesis) != 2 or any(h not in goal.hyps for h in cert.hypothesis):
        raise Rejected("an interval chart needs two hypotheses of the goal")
    ends = []
    for h in cert.hypothesis:
        part = _nonneg_part(h)
        if part is None:
            raise Rejected(f"{h} is not a bound")
        big, small = (h.lhs, h.rhs) if isinstance(h, (sp.GreaterThan, sp.StrictGreaterThan)) else (h.rhs, h.lhs)
        if big == var and var not in small.free_symbols:
            ends.append(("lo", small, part[1]))
        elif small == var and var not in big.free_symbols:
            ends.append(("hi", big, part[1]))
        else:
            raise Rejected(f"{h} does not bound {var} by an expression free of it")
    ends.sort(key=lambda t: t[0] != "lo")
    if [t[0] for t in ends] != ["lo", "hi"]:
        raise Rejected("an interval chart needs a lower and an upper bound")
    (_, lo, lo_s), (_, hi, hi_s) = ends
    if not (lo_s or hi_s):
        raise Rejected("a closed interval is two charts: split on var < hi, var = hi first")
    d = cert.fresh
    want = _FRESH[("pos",) if lo_s and hi_s else ("nonneg",)]
    if not isinstance(d, sp.Dummy) or d.assumptions0 != want or d in _fixed(goal):
        raise Rejected(f"an interval chart needs a fresh Dummy with assumptions {sorted(k for k, v in want.items() if v)}")
    for x in goal.hyps + (goal.expr,):
        if _bound_symbols(sp.sympify(x)) & ({var} | lo.free_symbols | hi.free_symbols):
            raise Rejected(f"{var} := … would substitute inside a binder over a variable it depends on")
    value = lo + (hi - lo) / (1 + d) if lo_s and hi_s else \
        lo + (hi - lo) * d / (1 + d) if hi_s else hi - (hi - lo) * d / (1 + d)
    return _substituted(goal, {var: value}, [x for x in goal.hyps if x not in cert.hypothesis])


def _fresh_index(goal: Goal, k, more: tuple = ()) -> sp.Dummy:
    """A term's index: the certificate's, when it is an integer Dummy that occurs nowhere in the
    goal or ``more`` (not even bound) and is no ranged variable; the kernel's own when None."""
    if k is None:
        return fresh("k", (goal.expr, *goal.hyps, *more), integer=True)
    used = {x for h in [goal.expr, *goal.hyps, *more] for x in sp.sympify(h).atoms(sp.Symbol)}
    used |= {v for v, _, _ in goal.ranges.bounds} | {goal.ranges.n}
    if not isinstance(k, sp.Dummy) or k.assumptions0 != _FRESH[("integer",)] or k in used:
        raise Rejected(f"the index {k} is not a fresh integer Dummy")
    return k


def _peel(goal: Goal, cert, trusted: list[str] | None = None) -> Goal:
    """sum_j f(j) = f(p_1) + ... + f(p_k) + R: R is what the kernel can justify about the rest."""
    from .normal_forms import count, decide_condition, decide_relation
    s, pts, r = cert.sum, tuple(sp.sympify(p) for p in cert.points), cert.fresh
    e = evaluate(goal.expr, goal.ranges)
    if not isinstance(s, sp.Sum) or len(s.limits) != 1 or not pts:
        raise Rejected("peel needs a sum and at least one point")
    if _bound_symbols(e) & s.free_symbols:
        # under lim_x (or Σ_i) a sum of terms in x has a rest that moves with x: R would be a constant
        raise Rejected(f"{s} lies under a binder of one of its variables: its rest is not one number")
    (v, lo, hi), = s.limits
    for p in pts:
        if p.is_integer is not True or lo.is_integer is not True or hi.is_integer is not True:
            raise Rejected(f"peel needs integer points and bounds ({p} in {lo}..{hi})")
        if decide_condition(sp.And(sp.Ge(p, lo), sp.Le(p, hi)), goal.ranges) is not sp.true:
            raise Rejected(f"{p} is not known to lie in {lo}..{hi}")
    for k, p in enumerate(pts):
        for q in pts[k + 1:]:
            if decide_relation(sp.Ne(p, q, evaluate=False), goal.ranges) is not sp.true:
                raise Rejected(f"{p} and {q} are not known to differ")
    fixed = {x for h in [e, *goal.hyps, s, *pts] for x in sp.sympify(h).atoms(sp.Symbol)}
    if not isinstance(r, sp.Dummy) or r in fixed:
        raise Rejected("peel needs a fresh Dummy for the rest")
    sign = getattr(cert, "sign", None)
    k_ = _fresh_index(goal, getattr(cert, "index", None) if sign is not None else None, (s, *pts, r))
    term = Goal("pos", s.function.xreplace({v: k_}), goal.hyps + (sp.Ge(k_, lo), sp.Le(k_, hi)),
                goal.ranges.with_var(k_, lo, hi))
    n_terms = count(lo, hi, goal.ranges)
    more = n_terms is not None and nonneg_on_ranges(n_terms - len(pts) - 1, goal.ranges)
    sign = C.Leaf() if sign is None else sign
    if r.assumptions0 in (_FRESH[("pos",)], _FRESH[("nonneg",)]):
        pos = r.assumptions0 == _FRESH[("pos",)]
        named = check_goal(term if pos else Goal("nonneg", term.expr, term.hyps, term.ranges), sign) \
            if more or not pos else None
        ok = named is not None
        if ok and trusted is not None:
            trusted.extend(named)  # the sign's SymPy operations are named in the verdict too
    elif r.assumptions0 == _FRESH[("real",)]:
        ok = sp.sympify(term.expr).is_real is True
    else:
        ok = False
    if not ok:
        raise Rejected(f"the rest of the sum cannot be assumed as {r.assumptions0.get('positive') and 'positive' or 'given'}")
    rep = sp.Add(*[s.function.xreplace({v: p}) for p in pts]) + r
    if s in e.atoms(sp.Sum):
        return _sub(goal, goal.kind, e.xreplace({s: rep}))
    # a sum the normal forms split (Σ (f + g) is Σ f + Σ g): e = e − nf(s) + s, s peeled
    return _sub(goal, goal.kind, e - evaluate(s, goal.ranges) + rep)


def _limit(goal: Goal, cert, trusted: list[str]) -> Goal:
    """Limit(target, value): the kernel computes sympy.limit of target itself and substitutes."""
    t = cert.target
    e = sp.sympify(goal.expr)
    if not isinstance(t, sp.Limit) or t not in e.atoms(sp.Limit):
        raise Rejected("the target is not a limit in the goal")
    f, x, x0, dr = t.args
    form = getattr(cert, "form", None)
    orig = f
    if form is not None:  # its identity with the goal's function is checked after the value:
        f = sp.sympify(form)  # a false goal's forms are rejected without that costlier test
    generic = not any(s.has(x) for s in f.atoms(sp.Sum, sp.Product))
    _no_binder_over(f if not f.has(sp.Derivative) else evaluate(f, goal.ranges), x)
    try:
        if not generic:
            v = _limit_of_sums(goal, f, x, x0, str(dr), trusted)
        else:
            f = opaque_sums(f, goal.hyps)  # its symbols none the hypotheses speak of
            if f.has(sp.Derivative):
                f = evaluate(f, goal.ranges)
            v = _sympy_limit(f, x, x0, str(dr))
    except (NotImplementedError, ValueError, TypeError, sp.PolynomialError) as exc:
        raise Rejected(f"sympy.limit failed: {exc}") from None
    if v.has(sp.Limit, sp.Derivative, sp.AccumBounds) or x in v.free_symbols:
        raise Rejected("sympy.limit gave no value")
    if any(k.free_symbols for k in v.atoms(sp.sign, sp.Heaviside)) or v.has(sp.nan, sp.zoo):
        # exp(oo·sign(a)): SymPy's answer by the parameter's sign, nan where the sign is 0
        raise Rejected(f"sympy.limit gave {v}, which depends on a parameter's sign")
    if v.free_symbols - (f.free_symbols | sp.sympify(x0).free_symbols):
        # a symbol of SymPy's own (its _w of a series) leaked into the answer
        raise Rejected(f"sympy.limit gave {v}, with symbols the limit does not have")
    value = sp.sympify(cert.value)
    infinite = bool(v.is_infinite or value.is_infinite)
    if infinite:
        # the goal must be exactly Limit - value (oo - oo is nan: compared structurally)
        x_ = sp.Dummy("L")
        if v != value or goal.kind != "zero" or e.xreplace({t: x_}) != x_ - value:
            raise Rejected("an infinite limit must be the whole of one side")
    elif not is_zero(evaluate(v - value, goal.ranges)) and sp.simplify(v - value) != 0:
        raise OtherLimit(f"sympy.limit gives {v}, not {value}", v, value)
    if form is not None:
        diff = evaluate(orig - sp.sympify(form), goal.ranges)
        # log(u) = log(factor(together(u))): u as a product, which expand_log may then split
        if not (is_zero(diff) or is_zero(diff.replace(lambda y: isinstance(y, sp.log), lambda y: sp.log(
                sp.factor(sp.together(sp.expand(y.args[0], power_exp=True))))))):
            raise Rejected("the rewritten limit function differs")
    if generic:  # after the value: a wrong value is rejected without the costlier genericity test
        try:
            _generic_limit_holds(goal, f, x, x0, str(dr))
        except (NotImplementedError, ValueError, TypeError, sp.PolynomialError) as exc:
            raise Rejected(f"sympy.limit failed: {exc}") from None
    trusted.append("sympy.limit")
    if infinite:
        return _sub(goal, "zero", sp.Integer(0))
    return _sub(goal, goal.kind, e.xreplace({t: value}))


_LIMITS: dict = {}


def _sympy_limit(f, x, x0, dr: str):
    """sympy.limit, remembered: the certificates a strategy offers for one goal share their
    denominators' and dominant parts' limits (a budget interrupt is never remembered)."""
    key = (f, x, x0, dr)
    if key not in _LIMITS:
        if len(_LIMITS) > 4096:
            _LIMITS.clear()
        try:
            _LIMITS[key] = sp.limit(f, x, x0, dr)
        except (NotImplementedError, ValueError, TypeError, sp.PolynomialError) as exc:
            _LIMITS[key] = exc
    got = _LIMITS[key]
    if isinstance(got, Exception):
        raise type(got)(*got.args)
    return got


_KINKS = (sp.Heaviside, sp.sign, sp.Abs, sp.Piecewise, sp.floor, sp.ceiling, sp.frac, sp.Max, sp.Min, sp.Mod)


def _generic_limit_holds(goal: Goal, f, x, x0, dr: str) -> None:
    """sympy.limit treats every other symbol as generic: its answer can be wrong at the parameter
    values where the function's form changes. lim_{x->0+} (a - c)/(a - c + x) is 1 for a != c
    and 0 at a = c; lim_{x->0+} Heaviside(D x) is 1/2 to SymPy for D >= 0, 1 for every D > 0.
    So (1) a kink (Heaviside, sign, Abs, Piecewise, floor, Max, ...) may hold only the limit
    variable; (2) every denominator, root and power base holding x and a parameter (at the top,
    inside exp, log or a root) has a dominant part at the point whose coefficient is nonzero under
    the goal's hypotheses (the kernel's sign test of c^2 > 0); the top denominator may instead tend
    to a nonzero number no parameter enters. Raises Rejected."""
    x0 = sp.sympify(x0)
    if x0.free_symbols:
        # a point with a parameter is a parameter of the function: x = a + t, t -> 0 (from the
        # side the limit comes from); lim_{x->a} (x - a)/x is 0, but 1 at a = 0
        if x0.is_finite is not True:
            raise Rejected(f"the limit point {x0} depends on a parameter and may be infinite")
        t = fresh("t", (f, x0, *goal.hyps), positive=True) if dr in ("+", "-") else fresh("t", (f, x0, *goal.hyps), real=True)
        shifted = f.xreplace({x: x0 - t if dr == "-" else x0 + t})
        return _generic_limit_holds(goal, shifted, t, sp.Integer(0), "+" if dr == "-" else dr)
    for k in f.atoms(*_KINKS):
        if k.free_symbols - {x}:
            raise Rejected(f"{k} in a limit depends on a parameter: SymPy's limit is generic in it")
    # only exp, log and powers are vetted below: any other function of x and a parameter (Γ(c + x),
    # asinh(c e^x), acot(c e^x)) SymPy treats as generic in the parameter unseen
    for g in f.atoms(sp.Function):
        if not isinstance(g, (sp.exp, sp.log)) and g.has(x) and g.free_symbols - {x}:
            raise Rejected(f"{g} in a limit holds {x} and a parameter: SymPy's limit is generic in it")
    # an exponent with a parameter changes the form where it is 0: x·x^c -> 0 but 1 at c = -1
    # (a known-nonzero exponent passes); a power with x in its exponent is e^{exponent · log
    # base}, tested as the exponentials are: (1 + a/x)^{x^2} ~ e^{a x}, a^x
    exponents = [g.args[0] for g in f.atoms(sp.exp)]
    for pw in f.atoms(sp.Pow):
        if pw.exp.has(x):
            exponents.append(pw.exp * sp.log(pw.base))
        elif pw.base.has(x) and pw.exp.free_symbols and \
                not _leaf(Goal("pos", pw.exp ** 2, goal.hyps, goal.ranges)):
            raise Rejected(f"{pw}: its exponent {pw.exp} may be 0 (SymPy's limit is generic in it)")
    # e^u with u holding a parameter: e^{c log x} like x^c, e^{λa} where a = 0
    for u in sorted(exponents, key=sp.default_sort_key):
        if u.has(x) and u.free_symbols - {x}:
            try:  # an exponent with a finite limit: e^u is continuous there (e^{z/T}, T -> oo)
                u0 = _sympy_limit(u, x, x0, dr)
                if u0.is_finite is True and x not in u0.free_symbols and not u0.has(sp.AccumBounds):
                    continue
            except (NotImplementedError, ValueError, TypeError, sp.PolynomialError):
                pass
            _dominant_coefficient_nonzero(goal, u, x, x0, dr, every_part=True)
    # every denominator, root and power base that holds x and a parameter, inside exp, log or a
    # root as well as at the top (a fraction inside exp(u/(u + x)) is generic in u just the same)
    den = sp.fraction(sp.together(f))[1]
    bases = {p.base for p in f.atoms(sp.Pow) if p.exp.is_Integer is not True or p.exp < 0} | \
        {sp.fraction(sp.together(g.args[0]))[1] for g in f.atoms(sp.Function) if g.args}
    for b in sorted(bases - {den}, key=sp.default_sort_key):
        if b.has(x) and b.free_symbols - {x}:
            _dominant_coefficient_nonzero(goal, b, x, x0, dr)
    # a log's argument too: log((a - 1/7)^2 x + 1)/log x -> 1 for generic a, 0 at a = 1/7
    for g in sorted(f.atoms(sp.log), key=sp.default_sort_key):
        u = sp.fraction(sp.together(g.args[0]))[0]
        if u.has(x) and u.free_symbols - {x}:
            _dominant_coefficient_nonzero(goal, u, x, x0, dr, every_part=True)
    if not den.has(x) or not (den.free_symbols - {x}):
        return
    try:  # with every inner base checked: a denominator tending to a nonzero number no parameter
        d0 = _sympy_limit(den, x, x0, dr)  # enters (e^{z/T} -> 1 each as T -> oo)
        if d0.is_number and d0.is_finite and d0.is_zero is False:
            return
    except (NotImplementedError, ValueError, TypeError, sp.PolynomialError):
        pass
    _dominant_coefficient_nonzero(goal, den, x, x0, dr)


def _dominant_coefficient_nonzero(goal: Goal, den, x, x0, dr: str, every_part: bool = False) -> None:
    """den = sum of c_k g_k(x), c_k free of x: the part g that dominates every other at the point
    (lim g_j/g = 0) fixes den ~ c g; its coefficient c must be nonzero under the hypotheses.
    every_part: it is enough that every c_k and every g_k is known positive (a log of
    e^{λa} + e^{λb}, whichever term dominates): positive parts that meet at a special parameter
    value add, they cannot cancel (e^{ax} − 1 + x² is x² at a = 0: its log's leading part changes)."""
    parts: dict = {}
    for term in sp.Add.make_args(sp.expand(den, power_exp=True)):
        c, g = term.as_independent(x, as_Add=False)
        parts[g] = parts.get(g, 0) + c
    parts = {g: c for g, c in parts.items() if c != 0}
    if every_part and all(not any(not isinstance(q, sp.exp) and q.free_symbols - {x} for q in sp.Mul.make_args(g))
                          and g.is_positive is True
                          and (c.is_positive is True or _leaf(Goal("pos", c, goal.hyps, goal.ranges)))
                          for g, c in parts.items()):
        return
    top = None
    for g in parts:
        try:
            if all(_sympy_limit(o / g, x, x0, dr) == 0 for o in parts if o != g):
                top = g
                break
        except (NotImplementedError, ValueError, TypeError, sp.PolynomialError):
            continue
    if top is None:
        raise Rejected(f"no part of {den} is known to dominate at {x0}")
    c = parts[top]
    # a parameter in the dominant part only through exponentials (never 0; their growth rates
    # compared by sympy.limit under the parameters' assumptions): a root or a power of a sum that
    # holds a parameter may vanish with it
    if any(not isinstance(q, sp.exp) and q.free_symbols - {x} for q in sp.Mul.make_args(top)):
        raise Rejected(f"the dominant part {top} of {den} near {x0} holds a parameter")
    if c.free_symbols and not _leaf(Goal("pos", c ** 2, goal.hyps, goal.ranges)):
        raise Rejected(f"{den} ~ ({c})·{top} near {x0}: {c} != 0 is not known; "
                       f"SymPy's limit holds for generic parameters only")


def _finite_limit(e, x, x0, dr: str):
    v = _sympy_limit(e, x, x0, dr) if e.has(x) else e
    if v.has(sp.Limit, sp.AccumBounds) or x in v.free_symbols or v.is_finite is not True:
        raise Rejected(f"the limit of {e} is not known to be finite ({v})")
    return v


def _limit_of_sums(goal: Goal, f, x, x0, dr: str, trusted: list[str]):
    """The limit of f, with finite sums over the limit variable, by the algebra of limits (sums,
    products, integer powers, log and exp at points of continuity). A sum tends to the sum of its
    terms' limits when each is finite (finitely many terms for every n); a sum of terms e^w with
    w <= 0 that has no termwise limit is only bounded, in [0, count]: bounded times a factor that
    tends to 0 tends to 0 (the squeeze), bounds pass through sums, log and exp (increasing)."""
    trusted.append("sympy.limit")
    got = _lim(goal, evaluate(f, goal.ranges), x, x0, dr)
    if got[0] != "lim":
        raise Rejected("the limit's function is only known to stay bounded")
    return got[1]


def _pos(goal: Goal, v) -> bool:
    return check_goal(_sub(goal, "pos", v), C.Leaf()) is not None


def _lim(goal: Goal, e, x, x0, dr: str) -> tuple:
    """("lim", value) or ("bounded", lo, hi) for e as x -> x0 (Rejected when neither is known)."""
    from .normal_forms import count
    if not any(s.has(x) for s in e.atoms(sp.Sum, sp.Product)):
        _no_binder_over(e, x)
        part = opaque_sums(e, goal.hyps)
        _generic_limit_holds(goal, part, x, x0, dr)  # a part beside a sum is as generic as any limit
        return "lim", _finite_limit(part, x, x0, dr)
    if isinstance(e, sp.Sum):
        if len(e.limits) != 1:
            raise Rejected(f"{e}: only single sums")
        (k, lo, hi), = e.limits
        if e.function.has(sp.Sum, sp.Product) or lo.has(x) or hi.has(x):
            raise Rejected(f"{e}: only single sums of terms without sums, bounds free of {x}")
        if lo.is_integer is not True or hi.is_integer is not True:
            # Σ_{k=1}^{∞} x e^{−kx} → 1 as x → 0+ though every term → 0: only finite sums swap
            raise Rejected(f"{e}: the limit passes through finite sums only (integer bounds)")
        kd = fresh("k", (e, *goal.hyps), integer=True)  # a hypothesis about an index d is none about it
        term = e.function.xreplace({k: kd})
        try:
            # the term's limit is taken at a generic index: sound only when the index enters as
            # the label of entries z_k (each a parameter like any other); as a number (sign(x + k − 1))
            # a particular k can behave otherwise
            if term.xreplace({v: fresh("v", (term,)) for v in term.atoms(sp.Indexed)}).has(kd):
                raise Rejected(f"{e}: the index enters the term as a number")
            # a term is as generic in its entries as any limit: z_k^2/(z_k^2 + x) -> 1 but 0 at z_k = 0
            at_k = Goal(goal.kind, term, goal.hyps + (sp.Ge(kd, lo), sp.Le(kd, hi)), goal.ranges.with_var(kd, lo, hi))
            _generic_limit_holds(at_k, opaque_sums(term, goal.hyps), x, x0, dr)
            t = _finite_limit(term, x, x0, dr)
            return "lim", evaluate(sp.Sum(t.xreplace({kd: k}), (k, lo, hi)), goal.ranges)
        except (Rejected, NotImplementedError, ValueError, TypeError):
            pass
        m = count(lo, hi, goal.ranges)
        if isinstance(term, sp.exp) and term.args[0].is_nonpositive is True and m is not None and \
                nonneg_on_ranges(m, goal.ranges):
            return "bounded", sp.Integer(0), m
        raise Rejected(f"no termwise limit or bound for {e}")
    if isinstance(e, sp.Product):
        raise Rejected("products over the limit variable are not taken termwise")
    parts = [_lim(goal, a, x, x0, dr) for a in e.args] if isinstance(e, (sp.Add, sp.Mul, sp.log, sp.exp)) else None
    if isinstance(e, sp.Add):
        if all(p[0] == "lim" for p in parts):
            return "lim", sp.Add(*[p[1] for p in parts])
        lo = sp.Add(*[p[1] for p in parts])
        return "bounded", lo, sp.Add(*[p[-1] for p in parts])
    if isinstance(e, sp.Mul):
        if all(p[0] == "lim" for p in parts):
            return "lim", sp.Mul(*[p[1] for p in parts])
        if any(p[0] == "lim" and p[1] == 0 for p in parts):
            return "lim", sp.Integer(0)  # a factor tending to 0 times bounded ones
        raise Rejected("a product of bounded factors without one tending to 0")
    if isinstance(e, sp.log):
        (p,) = parts
        if not _pos(goal, p[1]):
            raise Rejected(f"log at {p[1]}: not known to be positive")
        return ("lim", sp.log(p[1])) if p[0] == "lim" else ("bounded", sp.log(p[1]), sp.log(p[2]))
    if isinstance(e, sp.exp):
        (p,) = parts
        return ("lim", sp.exp(p[1])) if p[0] == "lim" else ("bounded", sp.exp(p[1]), sp.exp(p[2]))
    if isinstance(e, sp.Pow) and e.exp.is_Integer and not e.exp.has(x):
        p = _lim(goal, e.base, x, x0, dr)
        if p[0] == "lim" and (e.exp > 0 or _pos(goal, p[1] ** 2)):
            return "lim", p[1] ** e.exp
        if p[0] == "bounded" and _pos(goal, p[1]):  # positive bounds: x^k is monotone there
            b1, b2 = p[1] ** e.exp, p[2] ** e.exp
            return ("bounded", b1, b2) if e.exp > 0 else ("bounded", b2, b1)
        raise Rejected(f"{e}: the base's limit may be 0")
    raise Rejected(f"{type(e).__name__} is not taken through the algebra of limits")


def _no_binder_over(f, x) -> None:
    """A limit's function may hold integrals, limits and sums only where they do not depend on
    the limit variable: as an opaque symbol x ∫_x^1 t^{-2} dt would tend to 0 (it is 1 - x)."""
    for b in sp.sympify(f).atoms(sp.Integral, sp.Limit, sp.Derivative, sp.Subs):
        if x in b.free_symbols:
            raise Rejected(f"{b} depends on {x}: its limit is not taken")


def opaque_sums(e: sp.Basic, avoid: tuple = ()) -> sp.Basic:
    """Sums, products, limits and integrals as opaque symbols, so that a SymPy operation the kernel
    trusts (simplify, limit) cannot evaluate them its own way (a sum under Karr's convention, a
    limit for a generic index: Σ_k lim_{x->0+} k/(k + x) is not n + 1 at k = 0): what holds for
    any value of the symbol holds for the sum's value."""
    rep = {s: (fresh("S", (e, *avoid), real=True) if s.is_real else fresh("S", (e, *avoid)))
           for s in sp.sympify(e).atoms(sp.Sum, sp.Product, sp.Limit, sp.Integral)}
    return sp.sympify(e).xreplace(rep) if rep else e


def _exact_cert(cert):
    """The certificate with each Float in its fields as the exact rational it stands for: a
    Float('1.41421', 4) form or limit value compared with a Rational rounds their difference
    to 0 at 4 digits (141421/100000 > √2 and lim sin x / x = 1000001/1000000 passed so)."""
    if isinstance(cert, C.Certificate):
        return type(cert)(**{f.name: _exact_cert(getattr(cert, f.name)) for f in fields(cert)})
    if isinstance(cert, tuple):
        return tuple(_exact_cert(v) for v in cert)
    if isinstance(cert, sp.Basic):
        return _exact(cert)
    return cert


def check_certificate(lhs, rel: str, rhs, ctx: Context, cert) -> tuple[str, ...]:
    """Check a strategy's certificate against the goal the kernel builds from ``lhs rel rhs``.

    Returns the SymPy operations the proof trusted (named in the verdict); raises Rejected."""
    if not isinstance(cert, C.Certificate):
        raise Rejected(f"not a certificate: {type(cert).__name__}")
    trusted: list[str] = []
    _check(goal_of(lhs, rel, rhs, ctx), _exact_cert(cert), trusted)
    return tuple(dict.fromkeys(trusted))


def rejection(goal: Goal, cert, trusted: list[str] | None = None) -> Rejected | None:
    """For strategies: why ``cert`` does not prove ``goal`` (None: it does; ``trusted`` collects
    the SymPy operations it trusted). No verdict."""
    try:
        _check(goal, _exact_cert(cert), [] if trusted is None else trusted)
    except Rejected as exc:
        return exc
    return None


def check_goal(goal: Goal, cert) -> tuple[str, ...] | None:
    """For strategies: would ``cert`` prove ``goal``? (the trusted names, or None). No verdict."""
    trusted: list[str] = []
    return None if rejection(goal, cert, trusted) is not None else tuple(dict.fromkeys(trusted))


def after_reparam(goal: Goal, var, fresh, hypothesis=None) -> Goal:
    """For strategies: the goal the kernel will check after ``Reparam(var, fresh)`` (or Rejected)."""
    return _reparam(goal, C.Reparam(var, fresh, C.Leaf(), hypothesis))
