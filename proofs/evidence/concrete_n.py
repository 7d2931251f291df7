"""Exact checks of a "for all n" goal at concrete sizes n (evidence, not proof for symbolic n)."""
from __future__ import annotations

import itertools

import mpmath
from typing import Callable

import sympy as sp

from ..budget import BudgetExceeded, budget
from ..context import Context
from . import modp, sampling
from .hypotheses import Hypotheses, _decide, exact_instance, free_xreplace

TOP = 1000  # a goal in n alone is evaluated at every n from n_min to TOP


def exact_sizes(n_min: int, cross_check: bool = False) -> list[int]:
    """The sizes decided exactly: n_min always (also n_min = 1), up to 8; as the cross-check of a
    symbolic proof in hand, n_min and the two sizes after it (the proof covers every n; the
    cross-check is there to catch a kernel bug, and the sizes above cost most of it)."""
    return list(range(n_min, n_min + 3 if cross_check else max(n_min + 2, 8) + 1))

class _Stop(Exception):
    """The GF(p)-only cross-check met a size it cannot decide."""


# the kernel's symbolic proof at a fixed size: prove(lhs, rel, rhs, ctx) -> proven?
Prover = Callable[[sp.Basic, str, sp.Basic, Context], bool]


def index_tuples(idx: list, n: int, distinct: list) -> list[tuple]:
    """Index values to check at size n: all tuples for n <= 3, else first, last and spread ones."""
    pos = {s: k for k, s in enumerate(idx)}
    tuples = [t for t in itertools.product(range(1, n + 1), repeat=len(idx))
              if all(t[pos[a]] != t[pos[b]] for a, b in distinct if a in pos and b in pos)]
    if n <= 3 or len(tuples) <= 3:
        return tuples
    return sorted({tuples[0], tuples[len(tuples) // 2], tuples[-1]})


def concrete_sizes(lhs, rel, rhs, ctx: Context, prove: Prover | None,
                   seconds: float) -> tuple[dict, bool]:
    """Decide the goal exactly at n = n_min..8, each index tuple separately: evidence, not proof
    for symbolic n. Equalities in the rational/exp fragment are tested over GF(p) (exact,
    probabilistic, bound recorded); the rest by ``prove``, the kernel's fixed-size proof search
    (``None``: the GF(p) test only; where it does not apply the check stops and says so)."""
    if prove is None and rel != "=":
        return {"skipped": "a symbolic proof is in hand; only equations get the GF(p) cross-check"}, False
    out: dict = {}
    methods: set[str] = set()
    worst_bound = 0.0
    idx = sorted(sampling.parts([lhs, rhs], ctx)[1], key=str)
    try:
        with budget(seconds):
            for n in exact_sizes(ctx.n_min, prove is None):
                verdict = "holds"
                for t in index_tuples(idx, n, ctx.distinct()):
                    sub = {ctx.n: sp.Integer(n), **dict(zip(idx, map(sp.Integer, t)))}
                    l, r = free_xreplace(lhs, sub), free_xreplace(rhs, sub)
                    rules = [(free_xreplace(a.lhs, sub), free_xreplace(a.rhs, sub)) for a in ctx.assuming
                             if isinstance(a, sp.Equality)]
                    if rel == "=":
                        try:
                            res, deg = modp.identity_at_size(l, r, rules, f"{n}:{t}:{l}")
                            if any(res):
                                verdict = "fails (non-zero residue mod p)"
                                break
                            methods.add("GF(p) identity test")
                            worst_bound = max(worst_bound, (deg / modp.P) ** len(res))
                            continue
                        except (modp.Unknown, ZeroDivisionError, TypeError, ValueError):
                            pass
                    c = Context(tuple(free_xreplace(a, sub) for a in ctx.assuming
                                      if not isinstance(a, sp.Unequality)), ctx.domain, None)
                    if prove is None:
                        out["skipped"] = "the GF(p) test does not apply here; a symbolic proof is in hand"
                        raise _Stop
                    if not prove(l, rel, r, c):
                        verdict = "not decided"
                        break
                    methods.add("symbolic at fixed n")
                out[n] = verdict
    except BudgetExceeded:
        out["budget"] = "ran out"
    except _Stop:
        pass
    out["indices"] = "every index tuple for n <= 3; first, middle and last tuple for larger n"
    out["method"] = ", ".join(sorted(methods)) + (
        f" (error probability <= {worst_bound:.1e})" if "GF(p) identity test" in methods else "")
    sizes = exact_sizes(ctx.n_min, prove is None)
    held = [k for k in sizes if out.get(k) == "holds"]
    return out, bool(held) and held == sizes


_RELATIONS = {"=": sp.Eq, "<": sp.Lt, "<=": sp.Le, ">": sp.Gt, ">=": sp.Ge}


def in_n_only(lhs, rhs, ctx: Context) -> bool:
    """Does the goal depend on the size n alone (no other symbol, vector, function, limit)?"""
    e = sp.Tuple(sp.sympify(lhs), sp.sympify(rhs))  # not lhs − rhs: M − M cancels, yet M needs a value
    if e.has(sp.Indexed, sp.Derivative, sp.Limit, sp.Integral) or e.atoms(sp.core.function.AppliedUndef):
        return False
    free = set(e.free_symbols).union(*[a.free_symbols for a in ctx.assuming])
    return free <= {ctx.n}


def scan(lhs, rel: str, rhs, ctx: Context, ev: dict, top: int = TOP) -> tuple | None:
    """Evaluate a goal in n alone at every n from n_min to ``top`` (cheaply at 50 digits; escalated
    and then decided exactly wherever it looks false or tied). Returns (n, lhs, rhs, note) at the
    first n where the relation fails exactly, else None; ev["every_n"] says how far it got."""
    hyp = Hypotheses.build(ctx, [], [])
    tol = mpmath.mpf(10) ** (15 - sampling.DPS)
    for m in range(ctx.n_min, max(ctx.n_min, top) + 1):
        p = sampling.Point(scalars={ctx.n: sp.Integer(m)}, n=m)
        ev["every_n"] = f"{ctx.n_min}..{m}"
        if not hyp.holds_at(p):
            continue
        try:
            with mpmath.workdps(sampling.DPS):
                l, r = sampling.value(lhs, p), sampling.value(rhs, p)
                d = l - r
                margin = abs(d) > tol * max(abs(l), abs(r))
                if isinstance(d, mpmath.mpf) and not mpmath.isnan(d) and (
                        (rel == "=" and not margin) or (margin and rel != "=" and
                                                        (d < 0) == (rel in ("<", "<=")))):
                    continue  # clearly holds at this n
        except (sampling.NotNumeric, TypeError, ValueError):
            pass
        rd = sampling.compare(lhs, rhs, p)
        if rd.status == "unknown" or sampling.holds(rd, rel) is True:
            continue
        exact = _decide(_RELATIONS[rel](exact_instance(lhs, p), exact_instance(rhs, p), evaluate=False))
        if exact is False:
            lv, rv = exact_instance(lhs, p), exact_instance(rhs, p)
            tie = rel in ("<", ">") and sp.simplify(lv - rv) == 0
            return m, str(lv), str(rv), ("exact tie (strict relation fails)" if tie else
                                        f"decided exactly at n = {m} (empty ranges are 0)")
    return None
