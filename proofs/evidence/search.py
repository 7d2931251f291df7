"""The search for a counterexample: sample the goal, confirm a failing point at higher precision.

Returns plain data (evidence, a :class:`Candidate`); the kernel alone turns a candidate into a
counterexample and a verdict.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass

import mpmath
import sympy as sp

from ..budget import BudgetExceeded, budget, clock
from ..context import Context
from . import concrete_n, limits, roots, sampling
from .hypotheses import Hypotheses, exact_instance, expand_finite_sums, free_xreplace


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
    A goal in n alone is first evaluated exactly at every n from n_min to 1000.
    """
    ev: dict = {"points": 0, "worst_deviation": None, "sizes": []}
    worst_dev = mpmath.mpf(0)
    complex_cand: Candidate | None = None  # a complex counterexample is kept as a last resort
    sizes: list[int | None] = [None]
    syms, idx, bases, funcs = sampling.parts([lhs, rhs], ctx)
    hyp = Hypotheses.build(ctx, syms, bases)
    if ctx.n is not None:
        sizes = list(sampling.sizes_to_sample(ctx.n_min, light))
        if sampling.nested_sums(lhs, rhs):
            cap = max(sampling.NESTED_CAP_LIGHT if light else sampling.NESTED_CAP, ctx.n_min)
            sizes = list(dict.fromkeys(min(s, cap) for s in sizes))
            ev["note"] = f"nested sums: sampled up to n = {cap}"
    start = clock()  # the budget counts CPU seconds (proofs/budget.py)
    # CPU seconds for the exact order of tied sides, in the search without a proof only and at
    # points without a size (a sum of 1000 terms at 400 digits is what made it cost): before
    # every proof, and at every size, it cost the test suite ~14 CPU seconds
    exact_left = 0.0 if light else 0.5
    try:
        with budget(seconds):
            if ctx.n is not None and concrete_n.in_n_only(lhs, rhs, ctx):
                hit = concrete_n.scan(lhs, rel, rhs, ctx, ev)
                if hit is not None:
                    m, lv, rv, note = hit
                    return _finish(ev, hyp, worst_dev, rel), Candidate({"n": m}, rel, lv, rv, note)
            for n in sizes:
                count = (6 if light else 12) if n is None else \
                    (2 if light else 6) if n <= 10 else 1 if light else 2
                if light and n is not None and n <= ctx.n_min + 1:
                    count = 4  # the smallest sizes cost least to evaluate and hold the edge cases
                if n is not None and n > ctx.n_min + 2 and n <= 12 and n != 10:
                    count = 1 if light else 2  # the in-between small sizes: a couple of points each
                pts = sampling.sample_points([lhs, rhs], ctx, count, n=n, hyp=hyp)
                if n is None and not light:
                    pts = itertools.chain(_meeting_points(lhs, rhs, ctx, hyp, syms, idx, bases, funcs), pts)
                for p in pts:
                    # the quick probe reads an equation's sides equal once they agree at the
                    # working precision: a difference it misses there (below 10^-35 relative)
                    # is the full search's, which runs whenever no proof is found
                    ok, lv, rv, why = _judge(lhs, rel, rhs, p, quick=light and rel == "=")
                    if why:
                        ev.setdefault("skipped", why)
                        continue
                    ev["points"] += 1
                    if n is not None and n not in ev["sizes"]:
                        ev["sizes"].append(n)
                    if rel == "=" and lv is not None and rv is not None and not mpmath.isinf(lv - rv):
                        worst_dev = max(worst_dev, abs(lv - rv))
                    # a tie's exact test (SymPy's simplify) gets little time in the quick probe: a
                    # tie the probe cannot settle is the full search's (a 2 s test took 2.4 s
                    # of a 2.7 s proof: a_k(1 - a_k) at z_k - z_j = 350 reads 0 at 50 digits)
                    tie_s = 0.3 if light else 2.0
                    if rel != "=" and ok is not False and exact_left > 0 and n is None and _reads_equal(lv, rv):
                        # the sides agree to the working precision: their exact difference
                        # decides (x + 2 cos 2 > x at x = 10^100 read as a tie at 100 digits);
                        # a budget for all such points of the goal (σ(e^{e^x}) ≤ 1 at x = 40 reads
                        # equal at every point, and each exact difference took seconds)
                        t_exact = clock()
                        cand = _exact_order(lhs, rel, rhs, p, hyp, min(tie_s, exact_left))
                        exact_left -= clock() - t_exact
                        if cand is not None:
                            return _finish(ev, hyp, worst_dev, rel), cand
                    if ok is False or (ok is None and exactly_equal(lhs, rhs, p, tie_s)):
                        cand = confirm(lhs, rel, rhs, p, hyp, tie_s)
                        if cand is not None and "j" in cand.lhs_value + cand.rhs_value:
                            complex_cand = complex_cand or cand  # keep looking for a real one
                        elif cand is not None:
                            return _finish(ev, hyp, worst_dev, rel), cand
                        if complex_cand is not None and ev["points"] >= 24:
                            break
    except BudgetExceeded:
        ev["budget"] = f"numeric sampling stopped after {clock() - start:.2f} s"
    return _finish(ev, hyp, worst_dev, rel), complex_cand


def _meeting_points(lhs, rhs, ctx, hyp, syms, idx, bases, funcs):
    """For a goal in one real variable: where its sides meet and between (see :mod:`roots`)."""
    if isinstance(lhs, sp.Limit) or isinstance(rhs, sp.Limit) or idx or bases or funcs \
            or len(syms) != 1 or hyp.scalars != syms or syms[0].is_integer:
        return
    x = syms[0]
    for v in roots.meeting_points(lhs, rhs, x, hyp.bounds[x]):
        p = sampling.Point(scalars={x: v})
        if hyp.holds_at(p):
            yield p


def _finish(ev: dict, hyp: Hypotheses, worst_dev, rel: str) -> dict:
    ev["worst_deviation"] = mpmath.nstr(worst_dev, 5) if rel == "=" else None
    ev["sizes"] = sorted(ev["sizes"])
    if hyp.notes:
        ev["hypotheses"] = list(hyp.notes)
    return ev


def _judge(lhs, rel, rhs, p, levels=sampling.LEVELS, quick: bool = False):
    """(holds?, lhs value, rhs value, why skipped) at one point (``quick``: see sampling.compare)."""
    if isinstance(rhs, sp.Limit) and not isinstance(lhs, sp.Limit):  # a = lim …: read it as lim … = a
        ok, lv, rv, why = _judge(rhs, _FLIP[rel], lhs, p, levels, quick)
        return ok, rv, lv, why
    try:
        if isinstance(lhs, sp.Limit):
            ok, info = limits.check(lhs, rel, rhs, p, levels[0])
            if ok is True:  # agreement counts once the next level agrees too (as for values)
                ok, info = limits.check(lhs, rel, rhs, p, levels[1])
            est = info.get(info.get("failed", "sequence")) or next(
                (v for k, v in info.items() if k.startswith("side")), None)
            if ok is None:  # no value or no settled sequence: not a point of agreement
                return None, None, None, "the limit's sequence could not be evaluated or did not settle"
            return ok, (est.value if est else None), info["rhs"], ""
        rd = sampling.compare(lhs, rhs, p, levels, quick)
    except sampling.NotNumeric as exc:
        return None, None, None, str(exc)
    except (TypeError, ValueError, ArithmeticError) as exc:  # e.g. a matrix value
        return None, None, None, f"{type(exc).__name__}: {str(exc)[:120]}"
    if rd.status == "unknown":
        return None, None, None, rd.note
    ok = sampling.holds(rd, rel)
    if ok is None and (isinstance(rd.lhs, mpmath.mpc) or isinstance(rd.rhs, mpmath.mpc)):
        return None, None, None, "complex value"  # an order between complex numbers means nothing
    return ok, rd.lhs, rd.rhs, ""


_FLIP = {"=": "=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


def exactly_equal(lhs, rhs, p, seconds: float = 2.0) -> bool:
    """A tie at a sampled point, confirmed exactly by SymPy (needed to refute a strict '<').
    Sums are written out with empty ranges = 0 (never SymPy's reversed-range convention)."""
    if isinstance(lhs, sp.Limit) or isinstance(rhs, sp.Limit):
        return False
    try:
        with budget(seconds):
            return _exact_difference(lhs, rhs, p) == 0
    except BudgetExceeded:
        return False
    except (TypeError, ValueError, ArithmeticError, MemoryError, RecursionError, AttributeError,
            KeyError, NotImplementedError):
        return False


def _exact_difference(lhs, rhs, p) -> sp.Expr:
    """lhs - rhs at the point, exactly, simplified by SymPy (sums written out, empty ranges 0)."""
    ints = {k: v for k, v in p.scalars.items() if k.is_integer}
    d = expand_finite_sums(free_xreplace(sampling.instantiate(lhs - rhs, p), ints)).doit()
    return sp.simplify(exact_instance(d, p).doit())


def _reads_equal(lv, rv) -> bool:
    """Two real values that agree to 35 digits (what compare reads as equal at 50)."""
    if not isinstance(lv, mpmath.mpf) or not isinstance(rv, mpmath.mpf):
        return False
    with mpmath.workdps(60):
        return abs(lv - rv) <= mpmath.mpf(10) ** -35 * max(abs(lv), abs(rv))


def _exact_order(lhs, rel, rhs, p, hyp: Hypotheses, seconds: float) -> Candidate | None:
    """A point where the sides read as equal at the working precision but not at 200 and 400
    digits, where lhs - rhs is a stable number whose sign breaks the relation, confirmed by the
    sign (a strict evalf) of the exact difference SymPy simplifies at the point: a
    counterexample, its sides printed to the digits that show the difference. Both are needed:
    SymPy's evalf of cot and csc at a 100-digit argument had the wrong sign (and |cot x| >= 0
    was refuted), and a tie at 400 digits is left alone. None whenever in doubt."""
    if isinstance(lhs, sp.Limit) or isinstance(rhs, sp.Limit) or not hyp.holds_at(p):
        return None
    want = {"<": -1, "<=": -1, ">": 1, ">=": 1}[rel]  # the sign of lhs - rhs the relation asks for
    try:
        with budget(seconds):
            vals = []
            for dps in (200, 400):
                lv, rv = (sampling._real(sampling.value(e, p, dps), dps) for e in (lhs, rhs))
                if lv is None or rv is None:
                    return None
                vals.append((lv, rv, dps))
            with mpmath.workdps(400):
                d1, d2 = (lv - rv for lv, rv, _ in vals)
                if d2 == 0 or mpmath.sign(d1) != mpmath.sign(d2) or mpmath.sign(d2) == want or \
                        abs(d1 - d2) > mpmath.mpf(10) ** -6 * abs(d2):
                    return None  # a tie at 400 digits, an unstable difference, or the right order
            d = _exact_difference(lhs, rhs, p)
            if d == 0 or d.free_symbols or not d.is_number:
                return None
            dv = d.evalf(30, strict=True)
            if not (dv.is_real and dv.is_Float) or dv == 0 or (1 if dv > 0 else -1) != mpmath.sign(d2):
                return None
            lv, rv, _ = vals[1]
            show = _digits_to_differ(lv, rv, digits=390)
            return Candidate(p.describe(), rel, mpmath.nstr(lv, show), mpmath.nstr(rv, show),
                             f"the sides agree to the working precision; their exact difference "
                             f"at the point is {sp.sstr(d)[:80]} ≈ {mpmath.nstr(mpmath.mpf(str(dv)), 6)}")
    except BudgetExceeded:
        return None
    except (TypeError, ValueError, ArithmeticError, MemoryError, RecursionError, AttributeError,
            KeyError, NotImplementedError, sampling.NotNumeric, sp.PrecisionExhausted):
        return None


def confirm(lhs, rel, rhs, p, hyp: Hypotheses | None = None, tie_s: float = 2.0) -> Candidate | None:
    """Re-decide the point from twice the precision up; keep it only if it still fails (and every
    hypothesis holds there: a point outside the hypotheses is never a counterexample)."""
    if hyp is not None and not hyp.holds_at(p):
        return None
    if not sampling.smooth_at([lhs, rhs], p):  # a kink: the finite difference is no derivative
        return None
    ok, lv, rv, why = _judge(lhs, rel, rhs, p, tuple(2 * d for d in sampling.LEVELS[:3]))
    if why or ok is True:
        return None
    if ok is None and not exactly_equal(lhs, rhs, p, tie_s):
        return None
    note = "exact tie (strict relation fails)" if ok is None else ""
    if isinstance(lhs, sp.Limit):
        _, info = limits.check(lhs, rel, rhs, p, 2 * sampling.DPS)
        key = info.get("failed", "sequence")
        est = info.get(key)
        note = f"{key} of {lhs.args[1]} -> {lhs.args[2]}: settled at {mpmath.nstr(est.value, 6)} " \
               f"(last term at {lhs.args[1]} = {est.at})" if est else "sequence settled elsewhere"
    digits = _digits_to_differ(lv, rv)
    return Candidate(p.describe(), rel, mpmath.nstr(lv, digits) if lv is not None else "?",
                     mpmath.nstr(rv, digits) if rv is not None else "?", note)


def _digits_to_differ(lv, rv, least: int = 25, digits: int = 3 * sampling.DPS) -> int:
    """Enough significant digits for the two printed values to show their difference (a
    counterexample whose sides print alike convinces nobody), at most ``digits``."""
    try:
        if lv is None or rv is None or lv == rv:
            return least
        scale = max(abs(lv), abs(rv))
        rel = abs(lv - rv) / scale if scale else 1
        return int(min(max(least, -mpmath.log10(rel) + 6), digits))
    except (TypeError, ValueError):
        return least


def span(sizes: dict) -> str:
    ks = sorted(k for k in sizes if isinstance(k, int))
    return f"{ks[0]}..{ks[-1]}" if ks else "none"


def scope(ctx: Context, ev: dict) -> str:
    if ctx.n is not None and ev.get("sizes"):
        return f"sampled at n = {', '.join(map(str, ev['sizes']))}"
    if ctx.n is not None and ev.get("every_n"):
        return f"evaluated at every n = {ev['every_n']}"
    return "sampled" if ev.get("points") else "none"
