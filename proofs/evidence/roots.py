"""Points where the two sides of a one-variable goal meet, and one point between each two of them.

Random draws never hit x = 1/3, where (x − 1/3)² > 0 fails, nor the interval of width 0.02 where
(x − 1/3)² ≥ 10⁻⁴ fails. The sign of lhs − rhs changes only where it vanishes (or has a pole),
so the roots, the midpoints between consecutive roots and a point beyond each end decide an
inequality of a continuous one-variable difference. Roots come from SymPy's solver when it
answers within a short budget, else from a grid refined by mpmath's root finder and made exact
(``nsimplify``) so that a tie is confirmed exactly.
"""
from __future__ import annotations

import mpmath
import sympy as sp

from ..budget import BudgetExceeded, budget
from .hypotheses import INF, Bounds

GRID = 400


def meeting_points(lhs, rhs, x: sp.Symbol, bd: Bounds, lo: float = -50.0, hi: float = 50.0,
                   seconds: float = 1.0) -> list[sp.Expr]:
    """Exact values of x to test: roots of lhs − rhs in the bounds, midpoints, points beyond."""
    d = sp.sympify(lhs) - sp.sympify(rhs)
    if d.free_symbols != {x} or d.has(sp.Derivative, sp.Limit, sp.Integral, sp.Sum):
        return []
    lo = bd.lo if bd.lo > -INF else lo
    hi = bd.hi if bd.hi < INF else hi
    roots: set[sp.Expr] = set()
    try:
        with budget(seconds):
            try:
                for r in sp.solve(d, x):
                    if r.is_real and lo <= r <= hi:
                        roots.add(r)
            except BudgetExceeded:
                raise
            except Exception:  # SymPy's solver may raise anything: fall back to the grid
                pass
            roots |= _grid_roots(d, x, lo, hi)
    except BudgetExceeded:
        pass
    pts = sorted(roots, key=lambda r: float(r))
    out = list(pts)
    for a, b in zip(pts, pts[1:]):
        out.append(_rational((a + b) / 2))
    if pts:
        out += [_rational(pts[0] - 1), _rational(pts[-1] + 1)]
    return [v for v in out if bd.admits(v)]


def _rational(v: sp.Expr) -> sp.Rational:
    return v if v.is_Rational else sp.nsimplify(sp.Float(v.evalf(30), 30), rational=True)


def _grid_roots(d: sp.Expr, x: sp.Symbol, lo: float, hi: float) -> set[sp.Expr]:
    """Sign changes and local minima of |d| on a grid, refined by findroot, made exact."""
    try:
        f = sp.lambdify(x, d, "mpmath")
    except Exception:
        return set()
    out: set[sp.Expr] = set()
    with mpmath.workdps(30):
        xs = [mpmath.mpf(lo) + (mpmath.mpf(hi) - lo) * k / GRID for k in range(GRID + 1)]
        ys = []
        for t in xs:
            try:
                v = f(t)
                ys.append(v if isinstance(v, mpmath.mpf) and mpmath.isfinite(v) else None)
            except Exception:
                ys.append(None)
        starts = []
        for k in range(1, GRID):
            a, b, c = ys[k - 1], ys[k], ys[k + 1]
            if a is None or b is None or c is None:
                continue
            if a * b <= 0 or (abs(b) <= abs(a) and abs(b) <= abs(c)):
                starts.append(xs[k])
        for s in starts[:20]:
            try:
                r = mpmath.findroot(f, s, tol=mpmath.mpf(10) ** -25)
            except Exception:
                continue
            if not isinstance(r, mpmath.mpf) or not (lo <= r <= hi):
                continue
            cand = sp.nsimplify(sp.Float(r, 25), rational=True, tolerance=1e-15)
            out.add(cand if sp.simplify(d.subs(x, cand)) == 0 else sp.Rational(str(sp.Float(r, 25))))
    return out
