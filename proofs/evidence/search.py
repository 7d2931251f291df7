"""The search for a counterexample: sample the goal, confirm a failing point at higher precision.

Returns plain data (evidence, a :class:`Candidate`); the kernel alone turns a candidate into a
counterexample and a verdict.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import mpmath
import sympy as sp

from ..budget import BudgetExceeded, budget
from ..context import Context
from . import limits, sampling


@dataclass(frozen=True)
class Candidate:
    """A point where ``lhs relation rhs`` fails, confirmed; the kernel wraps it in a Counterexample."""

    point: dict
    relation: str
    lhs_value: str
    rhs_value: str
    note: str = ""


def numeric_evidence(lhs, rel: str, rhs, ctx: Context, seconds: float,
                     light: bool = False) -> tuple[dict, Candidate | None]:
    """Sample the goal; return evidence and a confirmed counterexample candidate if one exists.

    ``light``: the goal already has a symbolic proof, and sampling is its cross-check (fewer
    points, still every size class up to n = 1000); otherwise sampling searches for a refutation.
    """
    ev: dict = {"points": 0, "worst_deviation": None, "sizes": []}
    worst_dev = mpmath.mpf(0)
    sizes: list[int | None] = [None]
    if ctx.n is not None:
        sizes = list(sampling.SIZES_LIGHT if light else sampling.SIZES_NUMERIC)
        if sampling.nested_sums(lhs, rhs):
            sizes = sorted({min(s, sampling.NESTED_CAP) for s in sizes})
            ev["note"] = f"nested sums: sampled up to n = {sampling.NESTED_CAP}"
    start = time.monotonic()
    try:
        with budget(seconds):
            for n in sizes:
                count = (6 if light else 12) if n is None else \
                    (2 if light else 6) if n <= 10 else 1 if light else 2
                for p in sampling.sample_points([lhs, rhs], ctx, count, n=n):
                    try:
                        lv, rv = sides(lhs, rhs, p)
                    except sampling.NotNumeric as exc:
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
                    ok = limits.holds(lv, rel, rv)
                    if ok is False or (ok is None and exactly_equal(lhs, rhs, p)):
                        cx = confirm(lhs, rel, rhs, p)
                        if cx is not None:
                            ev["worst_deviation"] = mpmath.nstr(worst_dev, 5)
                            return ev, cx
    except BudgetExceeded:
        ev["budget"] = f"numeric sampling stopped after {time.monotonic() - start:.2f} s"
    ev["worst_deviation"] = mpmath.nstr(worst_dev, 5) if rel == "=" else None
    return ev, None


def sides(lhs, rhs, p):
    if isinstance(lhs, sp.Limit):
        return limits.estimate(lhs, p), sampling.value(rhs, p)
    return sampling.value(lhs, p), sampling.value(rhs, p)


def exactly_equal(lhs, rhs, p) -> bool:
    """A tie at a sampled point, confirmed exactly by SymPy (needed to refute a strict '<')."""
    if isinstance(lhs, sp.Limit):
        return False
    try:
        with budget(2.0):
            ints = {k: v for k, v in p.scalars.items() if k.is_integer}
            d = sampling.instantiate(lhs - rhs, p).xreplace(ints).doit()  # sizes, indices; then d/dx
            d = d.xreplace({k: v for k, v in p.scalars.items() if k not in ints})
            for b, vec in p.vectors.items():
                d = d.replace(lambda e: isinstance(e, sp.Indexed) and e.base == b,
                              lambda e: vec[int(e.indices[0])] if len(e.indices) == 1
                              else vec[tuple(int(x) for x in e.indices)])
            return sp.simplify(d.doit()) == 0
    except BudgetExceeded:
        return False


def confirm(lhs, rel, rhs, p) -> Candidate | None:
    """Re-evaluate at twice the precision; keep the counterexample only if it still fails."""
    with mpmath.workdps(2 * sampling.DPS):
        old = sampling.DPS
        sampling.DPS = 2 * old
        try:
            lv, rv = sides(lhs, rhs, p)
        except sampling.NotNumeric:
            return None
        finally:
            sampling.DPS = old
        ok = limits.holds(lv, rel, rv)
        if ok is True or (ok is None and not exactly_equal(lhs, rhs, p)):
            return None
        note = "exact tie (strict relation fails)" if ok is None else ""
        if isinstance(lhs, sp.Limit):
            note = f"value at {lhs.args[1]} = {limits.limit_sequence(lhs, p)[-1][0]} (sequence settled)"
        return Candidate(p.describe(), rel, mpmath.nstr(lv, 25), mpmath.nstr(rv, 25), note)


def span(sizes: dict) -> str:
    ks = sorted(k for k in sizes if isinstance(k, int))
    return f"{ks[0]}..{ks[-1]}" if ks else "none"


def scope(ctx: Context, ev: dict) -> str:
    if ctx.n is not None and ev.get("sizes"):
        return f"sampled at n = {', '.join(map(str, ev['sizes']))}"
    return "sampled" if ev.get("points") else "none"
