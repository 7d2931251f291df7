"""Numeric evidence for a limit: a sequence towards the limit point, and when it has settled."""
from __future__ import annotations

from typing import Any

import mpmath
import sympy as sp

from . import sampling
from .sampling import Point, _eval_plain, _with_values, instantiate


def limit_sequence(lim: sp.Limit, p: Point) -> list[tuple[Any, Any]]:
    """(parameter, value) pairs approaching the limit point, for numeric evidence."""
    f, x, x0, d = lim.args
    if x0 in (sp.oo, -sp.oo):
        xs = [sp.Integer(10) ** k * (1 if x0 == sp.oo else -1) for k in range(1, 9)]
    else:
        sgn = -1 if str(d) == "-" else 1
        xs = [x0 + sgn * sp.Rational(1, 10**k) for k in range(2, 12)]
    out = []
    with mpmath.workdps(sampling.DPS):
        for xv in xs:
            q = _with_values(p, {})
            q.scalars[x] = xv
            out.append((xv, _eval_plain(instantiate(f, q), q)))
    return out


class LimitEstimate(mpmath.mpf):
    """The last term of a sequence towards a limit, with the last step as its error estimate."""

    def __new__(cls, value, step):
        obj = mpmath.mpf.__new__(cls, value)
        obj.step = step
        return obj


def estimate(lim: sp.Limit, p: Point) -> LimitEstimate:
    seq = limit_sequence(lim, p)
    est = LimitEstimate(seq[-1][1], abs(seq[-1][1] - seq[-2][1]))
    est.tail = [v for _, v in seq[-4:]]
    return est


def holds(lv, rel: str, rv):
    """sampling.holds, except that a limit is compared at the accuracy its sequence reached:
    it agrees when within 1e-6 of the claimed value, and disagrees only when it has settled
    (last step 1000 x smaller than the gap) away from it; otherwise the point says nothing."""
    if not isinstance(lv, LimitEstimate):
        return sampling.holds(lv, rel, rv)
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
        return sampling.holds(mpmath.mpf(lv), rel, rv)
    return None
