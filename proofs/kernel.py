"""The trusted kernel: the only code that turns a goal into a verdict.

Habits borrowed from small proof kernels (HOL Light's ``fusion.ml``, Knuckledragger's
``kernel.py``): verdict objects can only be built here (a private key guards their
constructors); strategies elsewhere *propose* a reduction of a goal to atomic obligations,
and the kernel *decides* each atom itself with SymPy; a refutation always carries the point and
both sides' values, re-checked at higher precision.

Verdicts:
  proven     a symbolic argument SymPy carried out (every atom of one reduction discharged);
  refuted    a point where the relation fails, confirmed at 2 x DPS digits (or exactly);
  numeric    sampled agreement only (evidence, not proof), or exact checks at concrete n only;
  undecided  the time budget ran out or no strategy applies and nothing could be sampled.

Trust boundary: a strategy's rewriting (doit, substitution, case split, limit) is SymPy code
run outside the kernel; the kernel checks the atoms it yields and, for every "proven", that
numeric sampling of the *original* goal agrees. A disagreement raises :class:`KernelBug`.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any, Callable, Iterable

import mpmath
import sympy as sp

from . import numeric
from .budget import BudgetExceeded, budget
from .context import Context
from .definitions import unfold

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


# ---------------------------------------------------------------- atoms a strategy may propose
@dataclass(frozen=True)
class Atom:
    """An obligation the kernel decides itself.

    kind "zero": expr is identically 0 (SymPy's ``expand`` yields 0, or ``is_zero`` is True);
    kind "pos" / "nonneg": SymPy's assumptions system says expr > 0 / >= 0;
    kind "true": expr is a SymPy boolean that evaluated to ``true``.
    """

    kind: str
    expr: Any
    note: str = ""


def Zero(e, note: str = "") -> Atom:
    return Atom("zero", sp.sympify(e), note)


def Pos(e, note: str = "") -> Atom:
    return Atom("pos", sp.sympify(e), note)


def Nonneg(e, note: str = "") -> Atom:
    return Atom("nonneg", sp.sympify(e), note)


def TrueAtom(e, note: str = "") -> Atom:
    return Atom("true", sp.sympify(e), note)


@dataclass(frozen=True)
class Reduction:
    """A strategy's proposal: the goal holds if every atom holds. ``scope`` says for what."""

    atoms: tuple[Atom, ...]
    note: str = ""
    scope: str = ""  # "" = as stated; otherwise e.g. "n = 5 (exact)"


def discharge(atom: Atom) -> bool:
    """Decide one atom. This and :func:`decide` are the whole of the trusted core."""
    e = atom.expr
    if atom.kind == "zero":
        return e == 0 or e.is_zero is True or sp.expand(e) == 0
    if atom.kind == "pos":
        return e.is_positive is True
    if atom.kind == "nonneg":
        return e.is_nonnegative is True
    if atom.kind == "true":
        return e is sp.true
    raise ValueError(f"unknown atom kind {atom.kind!r}")


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

    def as_dict(self) -> dict:
        return {"relation": self.relation, "lhs": str(self.lhs), "rhs": str(self.rhs),
                "verdict": str(self.status), "strategy": self.strategy, "reason": self.reason,
                "seconds": round(self.seconds, 3), "scope": self.scope, "evidence": self.evidence,
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
Strategy = Callable[[Any, str, Any, Context], "Reduction | list[Reduction] | None"]


def _numeric_evidence(lhs, rel: str, rhs, ctx: Context, seconds: float,
                      light: bool = False) -> tuple[dict, Counterexample | None]:
    """Sample the goal; return evidence and a confirmed counterexample if one exists.

    ``light``: the goal already has a symbolic proof, and sampling is its cross-check (fewer
    points, still every size class up to n = 1000); otherwise sampling searches for a refutation.
    """
    ev: dict = {"points": 0, "worst_deviation": None, "sizes": []}
    worst_dev = mpmath.mpf(0)
    sizes: list[int | None] = [None]
    if ctx.n is not None:
        sizes = list(numeric.SIZES_LIGHT if light else numeric.SIZES_NUMERIC)
        if numeric.nested_sums(lhs, rhs):
            sizes = sorted({min(s, numeric.NESTED_CAP) for s in sizes})
            ev["note"] = f"nested sums: sampled up to n = {numeric.NESTED_CAP}"
    start = time.monotonic()
    try:
        with budget(seconds):
            for n in sizes:
                count = (6 if light else 12) if n is None else \
                    (2 if light else 6) if n <= 10 else 1 if light else 2
                for p in numeric.sample_points([lhs, rhs], ctx, count, n=n):
                    try:
                        lv, rv = _sides(lhs, rhs, p)
                    except numeric.NotNumeric as exc:
                        ev.setdefault("skipped", str(exc))
                        continue
                    if isinstance(lv, mpmath.mpc) or isinstance(rv, mpmath.mpc):
                        ev.setdefault("skipped", "complex value")
                        continue
                    if mpmath.isnan(lv) or mpmath.isnan(rv):  # 50 digits were not enough: no evidence
                        ev.setdefault("skipped", "no value at working precision (nan)")
                        continue
                    ev["points"] += 1
                    if n is not None and n not in ev["sizes"]:
                        ev["sizes"].append(n)
                    dev = abs(lv - rv)
                    if rel == "=" and dev > worst_dev:
                        worst_dev = dev
                    ok = _holds(lhs, lv, rel, rv)
                    if ok is False or (ok is None and _exactly_equal(lhs, rhs, p)):
                        cx = _confirm(lhs, rel, rhs, p)
                        if cx is not None:
                            ev["worst_deviation"] = mpmath.nstr(worst_dev, 5)
                            return ev, cx
    except BudgetExceeded:
        ev["budget"] = f"numeric sampling stopped after {time.monotonic() - start:.2f} s"
    ev["worst_deviation"] = mpmath.nstr(worst_dev, 5) if rel == "=" else None
    return ev, None


def _sides(lhs, rhs, p):
    if isinstance(lhs, sp.Limit):
        seq = numeric.limit_sequence(lhs, p)
        est = _LimitEstimate(seq[-1][1], abs(seq[-1][1] - seq[-2][1]))
        est.tail = [v for _, v in seq[-4:]]
        return est, numeric.value(rhs, p)
    return numeric.value(lhs, p), numeric.value(rhs, p)


class _LimitEstimate(mpmath.mpf):
    """The last term of a sequence towards a limit, with the last step as its error estimate."""

    def __new__(cls, value, step):
        obj = mpmath.mpf.__new__(cls, value)
        obj.step = step
        return obj


def _holds(lhs, lv, rel: str, rv):
    """numeric.holds, except that a limit is compared at the accuracy its sequence reached:
    it agrees when within 1e-6 of the claimed value, and disagrees only when it has settled
    (last step 1000 x smaller than the gap) away from it; otherwise the point says nothing."""
    if not isinstance(lv, _LimitEstimate):
        return numeric.holds(lv, rel, rv)
    if mpmath.isinf(rv):  # a claimed infinite limit: the sequence must run away, not settle
        if rel != "=":
            return None
        tail = getattr(lv, "tail", [])
        growing = len(tail) == 4 and all(abs(b) > abs(a) + 1 for a, b in zip(tail, tail[1:])) \
            and len({mpmath.sign(v) for v in tail}) == 1
        if growing:  # steadily running away (even as slowly as a log): to which infinity?
            return bool(mpmath.sign(lv) == mpmath.sign(rv))
        return False if lv.step <= mpmath.mpf(10) ** -6 * max(1, abs(lv)) else None
    gap, scale = abs(lv - rv), max(1, abs(rv))
    if gap <= mpmath.mpf(10) ** -6 * scale:
        return True if rel in ("=", "<=", ">=") else None
    if gap > 1000 * lv.step:
        return numeric.holds(mpmath.mpf(lv), rel, rv)
    return None


def _exactly_equal(lhs, rhs, p) -> bool:
    """A tie at a sampled point, confirmed exactly by SymPy (needed to refute a strict '<')."""
    if isinstance(lhs, sp.Limit):
        return False
    try:
        with budget(2.0):
            ints = {k: v for k, v in p.scalars.items() if k.is_integer}
            d = numeric.instantiate(lhs - rhs, p).xreplace(ints).doit()  # sizes, indices; then d/dx
            d = d.xreplace({k: v for k, v in p.scalars.items() if k not in ints})
            for b, vec in p.vectors.items():
                d = d.replace(lambda e: isinstance(e, sp.Indexed) and e.base == b,
                              lambda e: vec[int(e.indices[0])] if len(e.indices) == 1
                              else vec[tuple(int(x) for x in e.indices)])
            return sp.simplify(d.doit()) == 0
    except BudgetExceeded:
        return False


def _confirm(lhs, rel, rhs, p) -> Counterexample | None:
    """Re-evaluate at twice the precision; keep the counterexample only if it still fails."""
    with mpmath.workdps(2 * numeric.DPS):
        old = numeric.DPS
        numeric.DPS = 2 * old
        try:
            lv, rv = _sides(lhs, rhs, p)
        except numeric.NotNumeric:
            return None
        finally:
            numeric.DPS = old
        ok = _holds(lhs, lv, rel, rv)
        if ok is True or (ok is None and not _exactly_equal(lhs, rhs, p)):
            return None
        note = "exact tie (strict relation fails)" if ok is None else ""
        if isinstance(lhs, sp.Limit):
            note = f"value at {lhs.args[1]} = {numeric.limit_sequence(lhs, p)[-1][0]} (sequence settled)"
        return Counterexample(p.describe(), rel, str(lhs), str(rhs), mpmath.nstr(lv, 25),
                              mpmath.nstr(rv, 25), note, _key=_KEY)


def decide(lhs, rel: str, rhs, ctx: Context, strategies: list[tuple[str, Strategy]],
           reason: str = "", seconds: float = 10.0, numeric_only: bool = False) -> LinkVerdict:
    """Decide ``lhs rel rhs`` under ``ctx``: sample it, then try each strategy under the budget."""
    if ctx.definitions:  # the named definitions are unfolded first; the verdict keeps the sides as written
        (ul, u1), (ur, u2) = unfold(lhs, ctx.definitions), unfold(rhs, ctx.definitions)
        used = [d.name() for d in ctx.definitions if d in u1 + u2]
        if used:
            v = decide(ul, rel, ur, replace(ctx, definitions=()), strategies, reason, seconds, numeric_only)
            cx = v.counterexample and replace(v.counterexample, lhs=str(lhs), rhs=str(rhs))
            return LinkVerdict(rel, lhs, rhs, v.status, f"by the definitions of {', '.join(used)}; "
                               f"{v.strategy}", reason, v.seconds, v.scope, {**v.evidence, "unfolded": used},
                               cx, _key=_KEY)
    if rel not in RELATIONS:
        raise ValueError(f"unsupported relation {rel!r}; use one of {', '.join(RELATIONS)}")
    t0 = time.monotonic()
    proof: tuple[str, Reduction] | None = None
    tried: list[str] = []
    note = None
    # a quick probe first: a wrong step is usually refuted at the first points, and a refuted
    # link has no proof to look for
    ev, cx = _numeric_evidence(lhs, rel, rhs, ctx, seconds=max(0.3, seconds / 5), light=True)
    if cx is not None:
        # a short symbolic attempt all the same: a strategy that "proves" a refuted step is a bug
        if not numeric_only:
            try:
                with budget(min(1.0, seconds / 10)):
                    liar = _first_proof(lhs, rel, rhs, ctx, strategies, [])
                if liar is not None:
                    raise KernelBug(f"{liar[0]} proved {lhs} {rel} {rhs} but {cx.as_dict()} contradicts it")
            except BudgetExceeded:
                pass
        return LinkVerdict(rel, lhs, rhs, Status.REFUTED, "numeric search", reason,
                           time.monotonic() - t0, _scope(ctx, ev), ev, cx, _key=_KEY)
    if not numeric_only:
        try:
            with budget(max(0.05, seconds * 2 / 3)):
                proof = _first_proof(lhs, rel, rhs, ctx, strategies, tried)
        except BudgetExceeded:
            note = f"symbolic budget of {seconds * 2 / 3:.3g} s exhausted (tried: {', '.join(tried)})"
    if proof is None and not note and any("out of time" in t for t in tried):
        note = f"symbolic budget exhausted by strategies: {', '.join(tried)}"
    left = seconds - (time.monotonic() - t0)
    if proof is None:  # no proof: search the domain harder for a counterexample
        ev, cx = _numeric_evidence(lhs, rel, rhs, ctx, seconds=max(0.3, 0.6 * left))
    if note:
        ev["budget"] = note
    exact_ok = False
    if ctx.n is not None and not numeric_only and cx is None:
        left = max(0.2, seconds - (time.monotonic() - t0))
        # with a proof in hand the concrete sizes are corroboration: a smaller share of the budget
        ev["exact_n"], exact_ok = _concrete_sizes(lhs, rel, rhs, ctx, strategies,
                                                  min(left, seconds / 3) if proof else left)
    dt = time.monotonic() - t0
    fails = [k for k, v in ev.get("exact_n", {}).items() if str(v).startswith("fails")]
    if proof is not None and fails:
        raise KernelBug(f"{proof[0]} proved {lhs} {rel} {rhs} but it fails exactly at n = {fails}")
    if proof is not None and cx is not None:
        raise KernelBug(f"{proof[0]} proved {lhs} {rel} {rhs} but {cx.as_dict()} contradicts it")
    if cx is not None:
        return LinkVerdict(rel, lhs, rhs, Status.REFUTED, "numeric search", reason, dt,
                           _scope(ctx, ev), ev, cx, _key=_KEY)
    if proof is not None:
        name, red = proof
        ev["reduction"] = red.note
        scope = red.scope or ("symbolic n" if ctx.n is not None else "symbolic")
        if ctx.n is not None and ev.get("exact_n"):
            scope += f"; exact for n = {_span({k: 1 for k, v in ev['exact_n'].items() if v == 'holds'})}"
        if ctx.n is not None and ev.get("sizes"):
            scope += f"; sampled to n = {max(ev['sizes'])}"
        status = Status.PROVEN if not red.scope else Status.NUMERIC
        return LinkVerdict(rel, lhs, rhs, status, name, reason, dt, scope, ev, None, _key=_KEY)
    ev["tried"] = tried
    if exact_ok:
        return LinkVerdict(rel, lhs, rhs, Status.NUMERIC, "exact at concrete n", reason, dt,
                           f"exact for n = {_span(ev['exact_n'])} only, not for symbolic n", ev, None,
                           _key=_KEY)
    status = Status.NUMERIC if ev["points"] > 0 else Status.UNDECIDED
    return LinkVerdict(rel, lhs, rhs, status, "numeric sampling" if ev["points"] else "none", reason,
                       dt, _scope(ctx, ev), ev, None, _key=_KEY)


def _span(sizes: dict) -> str:
    ks = sorted(k for k in sizes if isinstance(k, int))
    return f"{ks[0]}..{ks[-1]}" if ks else "none"


def index_tuples(idx: list, n: int, distinct: list) -> list[tuple]:
    """Index values to check at size n: all tuples for n <= 3, else first, last and spread ones."""
    import itertools
    pos = {s: k for k, s in enumerate(idx)}
    tuples = [t for t in itertools.product(range(1, n + 1), repeat=len(idx))
              if all(t[pos[a]] != t[pos[b]] for a, b in distinct if a in pos and b in pos)]
    if n <= 3 or len(tuples) <= 3:
        return tuples
    return sorted({tuples[0], tuples[len(tuples) // 2], tuples[-1]})


def _concrete_sizes(lhs, rel, rhs, ctx: Context, strategies, seconds: float) -> tuple[dict, bool]:
    """Decide the goal exactly at n = 2..8, each index tuple separately: evidence, not proof
    for symbolic n. Equalities in the rational/exp fragment are tested over GF(p) (exact,
    probabilistic, bound recorded); the rest by the fixed-size strategies (symbolic)."""
    from . import exact
    out: dict = {}
    methods: set[str] = set()
    worst_bound = 0.0
    idx = sorted(numeric.parts([lhs, rhs], ctx)[1], key=str)
    fixed = [(nm, s) for nm, s in strategies if nm != "general n"]
    try:
        with budget(seconds):
            for n in numeric.SIZES_EXACT:
                if n < ctx.n_min:
                    continue
                verdict = "holds"
                for t in index_tuples(idx, n, ctx.distinct()):
                    sub = {ctx.n: sp.Integer(n), **dict(zip(idx, map(sp.Integer, t)))}
                    l, r = sp.sympify(lhs).xreplace(sub), sp.sympify(rhs).xreplace(sub)
                    rules = [(a.lhs.xreplace(sub), a.rhs.xreplace(sub)) for a in ctx.assuming
                             if isinstance(a, sp.Equality)]
                    if rel == "=":
                        try:
                            res, deg = exact.identity_at_size(l, r, rules, f"{n}:{t}:{l}")
                            if any(res):
                                verdict = "fails (non-zero residue mod p)"
                                break
                            methods.add("GF(p) identity test")
                            worst_bound = max(worst_bound, (deg / exact.P) ** len(res))
                            continue
                        except (exact.Unknown, ZeroDivisionError, TypeError, ValueError):
                            pass
                    c = Context(tuple(a.xreplace(sub) for a in ctx.assuming
                                      if not isinstance(a, sp.Unequality)), ctx.domain, None)
                    if _first_proof(l, rel, r, c, fixed, []) is None:
                        verdict = "not decided"
                        break
                    methods.add("symbolic at fixed n")
                out[n] = verdict
    except BudgetExceeded:
        out["budget"] = "ran out"
    out["indices"] = "every index tuple for n <= 3; first, middle and last tuple for larger n"
    out["method"] = ", ".join(sorted(methods)) + (
        f" (error probability <= {worst_bound:.1e})" if "GF(p) identity test" in methods else "")
    sizes = [k for k in numeric.SIZES_EXACT if k >= ctx.n_min]
    held = [k for k in sizes if out.get(k) == "holds"]
    return out, bool(held) and held == sizes


def _scope(ctx: Context, ev: dict) -> str:
    if ctx.n is not None and ev.get("sizes"):
        return f"sampled at n = {', '.join(map(str, ev['sizes']))}"
    return "sampled" if ev.get("points") else "none"


def _first_proof(lhs, rel, rhs, ctx, strategies, tried) -> tuple[str, Reduction] | None:
    """The first reduction whose atoms all discharge. Strategies that raise are skipped; each
    strategy gets at most 40 % of what is left, so a slow one cannot starve those after it."""
    from .budget import remaining
    for name, strat in strategies:
        tried.append(name)
        left = remaining()
        slice_ = max(0.5, 0.4 * left) if left != float("inf") else 60.0
        try:
            with budget(slice_):
                out = strat(lhs, rel, rhs, ctx)
                for red in ([out] if isinstance(out, Reduction) else (out or [])):
                    if red.atoms and all(discharge(a) for a in red.atoms):
                        return name, red
        except BudgetExceeded:
            if remaining() <= 0.01:
                raise  # the whole budget is gone, not just this strategy's slice
            tried[-1] = f"{name} (out of time after {slice_:.2g} s)"
            continue
        except Exception:  # a strategy that breaks (now or while iterating) proposes nothing
            continue
    return None


def conclude(links: list[LinkVerdict], conclusion: LinkVerdict | None, seconds: float,
             notes: tuple[str, ...] = ()) -> Verdict:
    """A chain's verdict: its conclusion holds by transitivity iff every link holds."""
    rel = compose(l.relation for l in links)
    status = worst(l.status for l in links)
    failed = next((k for k, l in enumerate(links) if l.status == Status.REFUTED), None)
    scopes = sorted({l.scope for l in links})
    steps = tuple(links) + ((conclusion,) if conclusion is not None else ())
    if failed is not None and conclusion is not None:
        notes = notes + (f"link {failed + 1} fails; the conclusion itself is {conclusion.status}",)
    return Verdict(status, steps, rel, "; ".join(scopes), seconds, failed, notes, _key=_KEY)


def stated_number(exact: sp.Expr, stated: str, places: int | None = None, label: str = "") -> LinkVerdict:
    """A number printed in a document, under the one rounding rule of :func:`numeric.rounds_to`.

    Proven when SymPy decides, on exact numbers, that the exact value rounds to the stated one;
    refuted (counterexample: the exact value) when it does not.
    """
    t0 = time.monotonic()
    ok, ev = numeric.rounds_to(exact, stated, places)
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
    from .exact import P
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
