"""Numeric evidence for a limit: sequences towards the limit point, and when they have settled.

The parameter runs over 10^±1, 10^±2, 10^±4, ... 10^±256 (x0 ± 10^-k for a finite point), each
term at k more digits than the working precision so that x0 + 10^-k is not rounded to x0. A
sequence has settled when its steps shrink at least tenfold at the end; a sequence that has
not started moving (steps that grow: σ(10^-20/T) as T → 0+ is still 1/2 at T = 10^-16) says
nothing. A two-sided limit (dir "+-") is sampled from both sides.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import mpmath
import sympy as sp

from . import sampling
from .sampling import NotNumeric, Point, _eval_plain, _real, _with_values, instantiate

EXPONENTS = (1, 2, 4, 8, 16, 32, 64, 128, 256)
TOL_DIGITS = 15  # agreement: within 10^(15 − dps) of the claimed value (relative), or the last step


def limit_sequence(lim: sp.Limit, p: Point, side: str | None = None,
                   dps: int | None = None) -> list[tuple[Any, Any]]:
    """(parameter, value) pairs approaching the limit point from ``side`` ("+" or "-")."""
    f, x, x0, d = lim.args
    base = dps or sampling.DPS
    if x0 in (sp.oo, -sp.oo):
        xs = [sp.Integer(10) ** k * (1 if x0 == sp.oo else -1) for k in EXPONENTS]
    else:
        sgn = -1 if (side or str(d)) == "-" else 1
        xs = [x0 + sgn * sp.Rational(1, 10**k) for k in EXPONENTS]
    out = []
    g = None
    for k, xv in zip(EXPONENTS, xs):
        with mpmath.workdps(base + k):
            q = _with_values(p, {})
            q.scalars[x] = xv
            if g is None:
                g = instantiate(f, q)
            try:
                v = _real(_eval_plain(g, q), base + k)
            except NotNumeric:
                break  # farther terms cannot be evaluated: use what we have
            except MemoryError:
                break
            if v is None or mpmath.isnan(v):
                break
            out.append((xv, +v))
            if len(out) >= 6 and any(w != out[0][1] for _, w in out) and \
                    _converged([w for _, w in out[-3:]], base):
                break  # settled far below the working precision: farther terms only cost time
    return out


def _converged(tail: list, dps: int) -> bool:
    a, b, c = tail
    s1, s2 = abs(b - a), abs(c - b)
    return s2 <= s1 / 10 and s2 <= mpmath.mpf(10) ** (-dps // 2) * max(abs(c), 1)


@dataclass(frozen=True)
class Estimate:
    """Where a sequence went: its last term, last step, whether it settled or ran away."""

    value: Any
    step: Any
    settled: bool
    running: int  # +1 / -1: steadily running away to ±∞; 0 otherwise
    at: Any


def estimate(lim: sp.Limit, p: Point, side: str | None = None, dps: int | None = None) -> Estimate | None:
    seq = limit_sequence(lim, p, side, dps)
    if len(seq) < 4:
        return None
    with mpmath.workdps(dps or sampling.DPS):
        est = _estimate(seq, dps or sampling.DPS)
    if all(v == seq[0][1] for _, v in seq) and not _flat(lim, p, seq, dps or sampling.DPS):
        # not one digit moved from 10^±1 to 10^±256, yet the function is not flat there: it has
        # not started moving (σ(10^-300/T) as T → 0+), or moves below the precision
        est = Estimate(est.value, est.step, False, 0, est.at)
    return est


def _flat(lim: sp.Limit, p: Point, seq: list, dps: int) -> bool:
    """Is f flat at the last two terms (|f'| · step negligible)? |x|/x is; σ(10^-300/T) is not."""
    f, x = lim.args[0], lim.args[1]
    if x not in f.free_symbols:
        return True
    (x1, _), (x2, v2) = seq[-2], seq[-1]
    k = EXPONENTS[len(seq) - 1]
    try:
        q = _with_values(p, {})
        q.scalars[x] = x2
        with mpmath.workdps(dps + k):
            # numerically (sign(x) has no symbolic derivative mpmath could evaluate)
            slope = _real(sampling.value(sp.Derivative(f, x), q, dps + k), dps + k)
            if slope is None:
                return False
            change = abs(slope) * abs(sampling._mp(sp.sympify(x2 - x1)))
            return change <= mpmath.mpf(10) ** (-dps) * max(abs(v2), 1)
    except (NotNumeric, TypeError, ValueError, ArithmeticError):
        return False


def _estimate(seq: list, dps: int) -> Estimate:
    vals = [v for _, v in seq]
    steps = [abs(b - a) for a, b in zip(vals, vals[1:])]
    last, prev = steps[-1], steps[-2]
    scale = max(abs(vals[-1]), 1)
    tiny = mpmath.mpf(10) ** (-dps + 5) * scale
    settled = (last <= tiny and prev <= tiny) or (last <= prev / 10 and not mpmath.isinf(vals[-1]))
    tail = vals[-4:]
    growing = all(abs(b) > abs(a) + 1 for a, b in zip(tail, tail[1:])) and \
        len({mpmath.sign(v) for v in tail}) == 1
    return Estimate(vals[-1], last, settled, int(mpmath.sign(vals[-1])) if growing else 0, seq[-1][0])


def _one_side(est: Estimate | None, rel: str, rv, cancels: bool = False) -> bool | None:
    if est is None:
        return None
    if mpmath.isinf(rv):  # a claimed infinite limit: the sequence must run away, not settle
        if rel != "=":
            return None
        if est.running:
            return est.running == int(mpmath.sign(rv))
        return False if est.settled else None
    if not est.settled:
        return None
    gap = abs(est.value - rv)
    # terms of the size of the limit variable may cancel in the function (−t + log(e^{t+z} + C)
    # at t = 10^32): when several terms of a sum move with it, their rounding is part of the scale
    try:
        at = mpmath.mpf(est.at) if cancels else 0
        at = at if mpmath.isfinite(at) else 0
    except (TypeError, ValueError):
        at = 0
    tol = mpmath.mpf(10) ** (TOL_DIGITS - mpmath.mp.dps) * max(abs(rv), abs(est.value), abs(at))
    if gap <= tol + 10 * est.step:
        return True if rel in ("=", "<=", ">=") else None
    if gap > 1000 * est.step:
        s = mpmath.sign(est.value - rv)
        return {"=": False, "<": s < 0, "<=": s < 0, ">": s > 0, ">=": s > 0}[rel]
    return None


def check(lim: sp.Limit, rel: str, rhs, p: Point, dps: int | None = None) -> tuple[bool | None, dict]:
    """Does ``lim rel rhs`` hold at p by the sequences? Also what each side's sequence reached."""
    rv = _real(sampling.value(rhs, p, dps), dps or sampling.DPS)
    if rv is None:
        raise NotNumeric("complex value")
    sides = ["+", "-"] if str(lim.args[3]) == "+-" and lim.args[2] not in (sp.oo, -sp.oo) else [None]
    oks, info = [], {"rhs": rv}
    f, var = lim.args[0], lim.args[1]
    cancels = isinstance(f, sp.Add) and sum(1 for t in f.args if t.has(var)) >= 2
    for side in sides:
        est = estimate(lim, p, side, dps)
        with mpmath.workdps(dps or sampling.DPS):
            ok = _one_side(est, rel, rv, cancels)
        oks.append(ok)
        key = f"side {side}" if side else "sequence"
        info[key] = est
        if ok is False:
            info["failed"] = key
            return False, info
    return (True if all(o is True for o in oks) else None), info
