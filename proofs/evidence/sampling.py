"""Points on a goal's domain and the goal's value there, computed with mpmath at >= 50 digits.

Nothing here decides a verdict; it gathers evidence that the kernel turns into one.
"""
from __future__ import annotations

import functools
import random
from dataclasses import dataclass, field
from typing import Any, Iterator

import mpmath
import sympy as sp
from sympy.core.function import AppliedUndef

from ..context import Context, Domain

DPS = 50                      # working precision of every numeric check
TOL = mpmath.mpf(10) ** -30   # relative tolerance for "equal" at DPS digits
SIZES_NUMERIC = (2, 3, 5, 10, 100, 1000)  # concrete n sampled numerically
SIZES_LIGHT = (2, 3, 10, 100, 1000)           # ... when a symbolic proof exists (its cross-check)
NESTED_CAP = 30  # nested sums cost n^2 per evaluation: sampled up to this n (said in the evidence)


def nested_sums(*exprs) -> bool:
    return any(s.function.has(sp.Sum) for e in exprs for s in sp.sympify(e).atoms(sp.Sum))

# Concrete stand-ins for an undefined Function f(x): smooth, distinct, defined on all reals.
_FUNCTION_INSTANCES = (
    lambda t: sp.sin(t) + t**2 / 3,
    lambda t: sp.exp(t / 4) - t,
    lambda t: sp.atan(t) + t**3 / 10,
)


class NotNumeric(Exception):
    """The expression cannot be evaluated numerically at a point (unsupported construct)."""


@dataclass
class Point:
    """A point of the domain: scalar values, vectors (1-based lists), size n, function instances."""

    scalars: dict[sp.Symbol, sp.Rational] = field(default_factory=dict)
    vectors: dict[sp.IndexedBase, list] = field(default_factory=dict)
    funcs: dict[Any, Any] = field(default_factory=dict)
    n: int | None = None

    def describe(self) -> dict[str, Any]:
        """A plain, recomputable description: exact rationals as strings."""
        out: dict[str, Any] = {}
        if self.n is not None:
            out["n"] = self.n
        for s, v in self.scalars.items():
            out.setdefault(str(s), str(v))
        for b, vec in self.vectors.items():
            out[str(b)] = ({f"{r},{c}": str(v) for (r, c), v in vec.items()} if isinstance(vec, dict)
                           else [str(v) for v in vec[1:]])
        for f, k in self.funcs.items():
            out[str(f)] = str(_FUNCTION_INSTANCES[k](sp.Symbol("t")))
        return out


# ---------------------------------------------------------------- what an expression mentions
def _index_symbols(expr: sp.Basic) -> set[sp.Symbol]:
    """Free integer symbols used as indices of Indexed objects (not bound by a Sum)."""
    out: set[sp.Symbol] = set()
    for ind in expr.atoms(sp.Indexed):
        for idx in ind.indices:
            out |= {s for s in idx.free_symbols if s.is_integer}
    for kd in expr.atoms(sp.KroneckerDelta):  # an index may appear only inside a delta
        out |= {s for a in kd.args for s in a.free_symbols if s.is_integer}
    bound = {lim[0] for s in expr.atoms(sp.Sum, sp.Product) for lim in s.limits}
    return out - bound  # (a Derivative's variable z[k] counts: k is free there)


def parts(exprs: list[sp.Basic], ctx: Context):
    """(scalar symbols, index symbols, IndexedBases, undefined functions) the goal mentions."""
    syms: set[sp.Symbol] = set()
    idx: set[sp.Symbol] = set()
    bases: set[sp.IndexedBase] = set()
    funcs: set[Any] = set()
    for e in exprs:
        e = sp.sympify(e)
        idx |= _index_symbols(e)
        bases |= {i.base for i in e.atoms(sp.Indexed)}
        funcs |= {f.func for f in e.atoms(AppliedUndef)}
        syms |= {s for s in e.free_symbols if isinstance(s, sp.Symbol)}
        for d in e.atoms(sp.Derivative):  # a Derivative's variables are not in its free_symbols
            for v, _ in d.variable_count:
                if isinstance(v, sp.Symbol):
                    syms.add(v)
                elif isinstance(v, sp.Indexed):
                    bases.add(v.base)
                    idx |= {s for s in v.indices[0].free_symbols if s.is_integer}
    for a in ctx.assuming:
        idx |= _index_symbols(a)
        bases |= {i.base for i in a.atoms(sp.Indexed)}
    if ctx.n is not None:  # z[n] is the last entry, not a free index
        idx.discard(ctx.n)
        syms.discard(ctx.n)
    syms -= idx
    syms -= {b.label for b in bases}
    return sorted(syms, key=str), sorted(idx, key=str), sorted(bases, key=str), sorted(funcs, key=str)


# ---------------------------------------------------------------- sampling
def _rat(x: float, digits: int = 3) -> sp.Rational:
    """An exact rational near x, so that a counterexample can be recomputed exactly."""
    return sp.Rational(round(x * 10**digits), 10**digits)


def _scalar_default(sym: sp.Symbol) -> Domain:
    if sym.is_integer:
        return Domain("integer", 1 if sym.is_positive else -5, 5)
    if sym.is_positive:
        return Domain("positive", 0.0, 10.0)
    return Domain("real", -10.0, 10.0)


def _draw_scalar(d: Domain, rng: random.Random, k: int) -> sp.Rational:
    """k-th draw: the first few are adversarial (ends, zero, large), the rest random."""
    if d.kind == "integer":
        return sp.Integer(rng.randint(int(d.lo), int(d.hi)))
    if d.kind == "unit":
        special = [sp.Rational(1, 2), sp.Rational(1, 1000), sp.Rational(999, 1000)]
        return special[k] if k < len(special) else _rat(rng.uniform(0.001, 0.999)) or sp.Rational(1, 7)
    if d.kind == "positive":
        special = [sp.Integer(1), sp.Rational(1, 1000), sp.Integer(50)]
        return special[k] if k < len(special) else _rat(rng.uniform(0.001, d.hi)) or sp.Rational(1, 3)
    special = [sp.Integer(0), _rat(d.hi), _rat(d.lo), sp.Integer(40), sp.Integer(-40)]
    # the default domain [-10, 10] also gets the large points ±40; a declared one never leaves its bounds
    wide = 5 if d == Domain("real") else 1
    if k < len(special) and d.lo * wide <= special[k] <= d.hi * wide:
        return special[k]
    return _rat(rng.uniform(d.lo, d.hi))


def _draw_vector(d: Domain, n: int, rng: random.Random, k: int, declared: bool = False) -> list:
    """1-based vector of n exact rationals; early draws are ties, a dominant entry, large spread."""
    if d.kind == "simplex":
        w = [rng.randint(1, 9) for _ in range(n)] if k % 3 else [1] * n
        tot = sum(w)
        return [None] + [sp.Rational(x, tot) for x in w]
    if d.kind == "onehot":
        hot = rng.randint(1, n)
        return [None] + [sp.Integer(int(m == hot)) for m in range(1, n + 1)]
    if d.kind == "positive":
        return [None] + [_rat(rng.uniform(0.01, d.hi)) for _ in range(n)]
    if d.kind == "unit":
        return [None] + [_rat(rng.uniform(0.01, 0.99)) for _ in range(n)]
    lo, hi = (d.lo, d.hi) if declared else (-300.0, 300.0)  # a declared domain bounds every draw
    if k == 0:  # all tied
        return [None] + [_rat(min(max(1.0, d.lo), d.hi))] * n
    if k == 1:  # one dominant maximum, others far below
        top = min(30.0, hi)
        return [None] + [_rat(top)] + [_rat(rng.uniform(max(lo, top - 40), top - (top - lo) / 4))
                                       for _ in range(n - 1)]
    if k == 2:  # large magnitudes
        return [None] + [_rat(rng.uniform(lo, hi)) for _ in range(n)]
    return [None] + [_rat(rng.uniform(d.lo, d.hi)) for _ in range(n)]


def sample_points(exprs: list[sp.Basic], ctx: Context, count: int, n: int | None = None,
                  seed: int = 20261122) -> Iterator[Point]:
    """Seeded points of the goal's domain satisfying the context's inequalities and Ne's."""
    syms, idx, bases, funcs = parts(exprs, ctx)
    ranks = {i.base: len(i.indices) for e in exprs for i in sp.sympify(e).atoms(sp.Indexed)}
    rng = random.Random(f"{seed}:{n}:{[str(e) for e in exprs]}")
    size = n if n is not None else None
    tries = 0
    k = 0
    while k < count and tries < 20 * count + 20:
        tries += 1
        p = Point(n=size)
        if ctx.n is not None and size is not None:
            p.scalars[ctx.n] = sp.Integer(size)
        for s in syms:  # adversarial specials only until one is rejected by the assumptions
            p.scalars[s] = _draw_scalar(ctx.domain.get(s, _scalar_default(s)), rng,
                                        k if tries == k + 1 else 99)
        top = size if size is not None else 3
        for i in idx:
            p.scalars[i] = sp.Integer(rng.randint(1, top) if tries > 1 else 1)
        for b in bases:
            if b in ranks and ranks[b] == 2:  # a matrix such as w_jk: entries keyed by (j, k)
                d = ctx.domain.get(b, Domain("real"))
                p.vectors[b] = {(r, c): _draw_scalar(d, rng, 99) for r in range(1, top + 1)
                                for c in range(1, top + 1)}
            else:
                p.vectors[b] = _draw_vector(ctx.domain.get(b, Domain("real")), top, rng, k, b in ctx.domain)
        for f in funcs:
            p.funcs[f] = k % len(_FUNCTION_INSTANCES)
        if _satisfies(p, ctx):
            k += 1
            yield p


def _satisfies(p: Point, ctx: Context) -> bool:
    for a, b in ctx.distinct():
        if p.scalars.get(a) == p.scalars.get(b):
            return False
    for rel in ctx.inequalities():
        try:
            ok = bool(rel.func(value(rel.lhs, p), value(rel.rhs, p)))
        except NotNumeric:
            return False
        if not ok:
            return False
    return True


# ---------------------------------------------------------------- evaluation
def instantiate(expr: sp.Basic, p: Point) -> sp.Basic:
    """Substitute concrete functions for undefined ones; the size and indices stay symbolic
    (they are passed as arguments, so one compiled function serves every point)."""
    e = sp.sympify(expr)
    if any(x.function.has(sp.Derivative) for x in e.atoms(sp.Sum)):
        # a derivative under a sum depends on the dummy: write such sums out at this size
        ints = {s: v for s, v in p.scalars.items() if s.is_integer}
        e = e.xreplace(ints).replace(
            lambda x: isinstance(x, sp.Sum) and x.function.has(sp.Derivative) and len(x.limits) == 1
            and all(b.is_Integer for b in x.limits[0][1:]),
            lambda x: sp.Add(*[x.function.xreplace({x.limits[0][0]: sp.Integer(q)})
                               for q in range(int(x.limits[0][1]), int(x.limits[0][2]) + 1)]))
    for f, k in p.funcs.items():
        t = sp.Dummy("t")
        e = e.replace(f, sp.Lambda(t, _FUNCTION_INSTANCES[k](t)))
    return e


def _outer_derivatives(expr: sp.Basic) -> list[sp.Derivative]:
    ders = expr.atoms(sp.Derivative)
    inner = {d2 for d in ders for d2 in d.expr.atoms(sp.Derivative)}
    return sorted(ders - inner, key=sp.default_sort_key)


@functools.lru_cache(maxsize=4096)
def _plan(expr: sp.Basic):
    """Compile expr once: Derivative nodes become placeholder arguments (valued per point by
    numerical differentiation), integer symbols (size, indices) become integer arguments."""
    if expr.has(sp.Limit, sp.Integral):
        return None
    ders = _outer_derivatives(expr)
    holders = {d: sp.Symbol(f"_deriv{k}") for k, d in enumerate(ders)}
    body = expr.xreplace(holders)
    bases = tuple(sorted({i.base for i in body.atoms(sp.Indexed)}, key=str))
    labels = {b.label for b in bases}
    bound = {lim[0] for x in body.atoms(sp.Sum, sp.Product) for lim in x.limits}
    scal = tuple(sorted((x for x in body.free_symbols if x not in labels and x not in bound
                         and not isinstance(x, sp.Indexed)), key=str))
    try:
        # δ_ij as a function, not rewritten to Piecewise: the rewrite pulls conditions on bound
        # variables out of their sums
        fn = sp.lambdify(list(scal) + list(bases), body,
                         modules=[{"KroneckerDelta": lambda a, b: int(a == b)}, "mpmath"])
    except (SyntaxError, NameError, TypeError, ValueError):  # e.g. a symbol named "y'"
        return None
    return fn, scal, bases, tuple(holders.items())


class _Int(int):
    """An integer argument (a size, an index) that still divides in mpmath, not in float64:
    it must index lists and bound ranges, yet 1/n must keep 50 digits."""

    def __truediv__(self, o):
        return mpmath.mpf(int(self)) / o

    def __rtruediv__(self, o):
        return o / mpmath.mpf(int(self))

    def __pow__(self, e, mod=None):
        return mpmath.mpf(int(self)) ** e if mod is None else int.__pow__(self, e, mod)

    def __rpow__(self, b):
        return b ** mpmath.mpf(int(self))


def _scalar_arg(x: sp.Symbol, p: Point):
    v = p.scalars.get(x)
    if v is None:
        raise NotNumeric(f"no value for {x}")
    return _Int(int(v)) if x.is_integer else mpmath.mpf(v.p) / v.q


def _eval_plain(expr: sp.Basic, p: Point) -> Any:
    plan = _plan(expr)
    if plan is None:
        raise NotNumeric("not evaluable numerically (a Limit or Integral inside, or a name "
                         "Python cannot compile)")
    fn, scal, bases, holders = plan
    vals = {h: _numeric_derivative(d, p) for d, h in holders}
    args = [vals[x] if x in vals else _scalar_arg(x, p) for x in scal]
    for b in bases:
        vec = p.vectors.get(b)
        if vec is None:
            raise NotNumeric(f"no values for {b}")
        if isinstance(vec, dict):
            args.append({key: mpmath.mpf(v.p) / v.q for key, v in vec.items()})
        else:
            args.append([None] + [mpmath.mpf(v.p) / v.q for v in vec[1:]])
    try:
        return fn(*args)
    except (ZeroDivisionError, ValueError, TypeError, IndexError, OverflowError, KeyError,
            NameError) as exc:
        raise NotNumeric(str(exc)) from exc


def _numeric_derivative(d: sp.Derivative, p: Point):
    """A Derivative node's value by mpmath's high-precision numerical differentiation.

    This is the finite-difference check of a derivative claim: the symbolic derivative is
    never used to evaluate the left side.
    """
    # z[i] and z[j] are one variable when i = j at this point: merge them (∂²/∂z_1² not ∂z_1∂z_1')
    merged: dict = {}
    for v, c in d.variable_count:
        key = (v.base, _entry(v, p)) if isinstance(v, sp.Indexed) else v
        var, cnt = merged.get(key, (v, 0))
        merged[key] = (var, cnt + int(c))
    vars_ = [v for v, _ in merged.values()]
    orders = [c for _, c in merged.values()]
    x0 = [_value_of(v, p) for v in vars_]

    def f(*xs):
        return _eval_plain(d.expr, _with_values(p, dict(zip(vars_, xs))))
    return mpmath.diff(f, x0 if len(x0) > 1 else x0[0], orders if len(orders) > 1 else orders[0])


def _entry(v: sp.Indexed, p: Point):
    ks = [int(x.xreplace(p.scalars)) for x in v.indices]
    return ks[0] if len(ks) == 1 else tuple(ks)


def _value_of(v: sp.Basic, p: Point):
    try:
        r = p.vectors[v.base][_entry(v, p)] if isinstance(v, sp.Indexed) else p.scalars[v]
    except (KeyError, IndexError, TypeError) as exc:
        raise NotNumeric(f"no value for the variable {v}") from exc
    return mpmath.mpf(r.p) / r.q


def _with_values(p: Point, vals: dict) -> Point:
    """A copy of p with some scalars / vector entries overridden (values may be mpf)."""
    q = Point(dict(p.scalars), {b: (dict(v) if isinstance(v, dict) else list(v))
                                for b, v in p.vectors.items()}, p.funcs, p.n)
    for v, x in vals.items():
        r = _to_rational(x)
        if isinstance(v, sp.Indexed):
            q.vectors[v.base][_entry(v, p)] = r
        else:
            q.scalars[v] = r
    return q


def _to_rational(x) -> sp.Rational:
    sign, man, exp, _ = mpmath.mpf(x)._mpf_  # exact binary value: (-1)^sign * man * 2^exp
    m = -int(man) if sign else int(man)
    return sp.Integer(m) * sp.Integer(2) ** exp if exp >= 0 else sp.Rational(m, 2 ** (-exp))


def value(expr: sp.Basic, p: Point) -> Any:
    """The value of expr at p, computed with mpmath at DPS digits."""
    with mpmath.workdps(DPS):
        return _eval_plain(instantiate(expr, p), p)


# ---------------------------------------------------------------- comparison
def close(a, b, tol=TOL) -> bool:
    if mpmath.isinf(a) or mpmath.isinf(b):
        return a == b  # ∞ is close only to the same ∞
    return abs(a - b) <= tol * max(1, abs(a), abs(b))


def holds(a, rel: str, b) -> bool | None:
    """Does ``a rel b`` hold numerically? None when too close to tell a strict relation."""
    if rel == "=":
        return bool(close(a, b))
    if close(a, b):
        return None if rel in ("<", ">") else True
    return {"<": a < b, "<=": a < b, ">": a > b, ">=": a > b}[rel]
