"""Points on a goal's domain and the goal's value there, computed with mpmath at >= 50 digits.

Nothing here decides a verdict; it gathers evidence that the kernel turns into one. Values are
compared at escalating precision (:func:`compare`): a difference that stays as the precision
grows is real, one that shrinks is rounding.
"""
from __future__ import annotations

import functools
from fractions import Fraction
import hashlib
import random
import sys
from dataclasses import dataclass, field
from typing import Any, Iterator

import mpmath
import sympy as sp
from sympy.printing.pycode import MpmathPrinter
from sympy.core.function import AppliedUndef

from ..context import Context, Domain
from ..normal_forms import free_indices
from .hypotheses import INF, Bounds, Hypotheses, free_xreplace

# a goal may hold integer literals of any size (10^5000 · e^{-x}); Python's guard against
# converting huge ints to text is for untrusted network input, and would break printing them
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)

DPS = 50                      # working precision of every numeric check (the first level)
LEVELS = (50, 100, 200, 400)  # precision escalation: a point counts only once two levels agree
SIZES_NUMERIC = (10, 100, 1000)  # concrete n sampled numerically, besides n_min .. 12
SIZES_LIGHT = (10, 64)  # the quick probe before a proof (its cross-check): a sum of 1000 terms at
# 50 digits cost a fifth of `derive check`; the full search (no proof) still goes to n = 1000
SIZES_SPREAD = (20, 37, 50, 200, 500, 15, 30, 64, 75, 128, 150, 256, 300, 400, 512, 600, 750, 900, 999)
# ... more sizes between, when no proof is found (the budget may stop the list)
NESTED_CAP = 30  # nested sums cost n^2 per evaluation: sampled up to this n (said in the evidence)
NESTED_CAP_LIGHT = 12  # ... and in the quick probe, which runs before every proof: a point at n = 30
# cost 50 ms, a tenth of `derive check`'s sampling, and the full search (no proof) still goes to 30


def sizes_to_sample(n_min: int, light: bool) -> list[int]:
    """n_min always (also n_min = 1), its neighbours, the big sizes, then every n up to 12 and
    a spread up to 1000 (most informative first: the budget may stop the list)."""
    first = [n_min, n_min + 1] + ([] if light else [n_min + 2])
    rest = list(SIZES_LIGHT if light else SIZES_NUMERIC)
    # a proof's cross-check leaves the sizes in between to the exact checks (n_min..8); the
    # search for a counterexample visits every n up to 12 and a spread up to 1000
    rest += [] if light else list(range(n_min, 13)) + list(SIZES_SPREAD)
    out: list[int] = []
    for k in first + rest:
        if k >= n_min and k not in out:
            out.append(k)
    return out


def nested_sums(*exprs) -> bool:
    """A sum inside a sum, or one sum over two ranges (Σ_{i,j}): n^2 terms per evaluation."""
    return any(s.function.has(sp.Sum) or len(s.limits) > 1 for e in exprs for s in sp.sympify(e).atoms(sp.Sum))

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
    """A point of the domain: scalar values, vectors (1-based lists), size n, function instances.

    Values are exact SymPy numbers (rationals, or algebraic numbers solved from an equation)."""

    scalars: dict[sp.Symbol, sp.Expr] = field(default_factory=dict)
    vectors: dict[sp.IndexedBase, list] = field(default_factory=dict)
    funcs: dict[Any, Any] = field(default_factory=dict)
    n: int | None = None

    def describe(self) -> dict[str, Any]:
        """A plain, recomputable description: exact values as strings."""
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
def _key(s) -> tuple:
    """A sort key that never depends on hashing: two symbols printed alike differ in srepr."""
    return (str(s), sp.srepr(s))


def parts(exprs: list[sp.Basic], ctx: Context):
    """(scalar symbols, index symbols, IndexedBases, undefined functions) the goal and its
    hypotheses mention."""
    key = (tuple(exprs), tuple(ctx.assuming), ctx.n)
    try:
        found = _parts(*key)  # memoized: asked again at every size a goal is sampled at
    except TypeError:  # an unhashable side (a mutable matrix)
        found = _parts.__wrapped__(*key)
    return tuple(list(x) for x in found)  # the caller's own lists


@functools.lru_cache(maxsize=1024)
def _parts(exprs: tuple, assuming: tuple, n):
    syms: set[sp.Symbol] = set()
    idx: set[sp.Symbol] = set()
    bases: set[sp.IndexedBase] = set()
    funcs: set[Any] = set()
    for e in list(exprs) + list(assuming):
        e = sp.sympify(e)
        idx |= set(free_indices([e]))  # the kernel's own notion of a free index
        bases |= {i.base for i in e.atoms(sp.Indexed)}
        funcs |= {f.func for f in e.atoms(AppliedUndef)}
        syms |= {s for s in e.free_symbols if isinstance(s, sp.Symbol)}
        # Subs(f'(p), p, 1/2) binds p: it is not a variable to draw (drawn, it made f'(p) at p = 10)
        subs_bound = {s for b in e.atoms(sp.Subs) for s in b.variables} - e.free_symbols
        for d in e.atoms(sp.Derivative):  # a Derivative's variables are not in its free_symbols
            for v, _ in d.variable_count:
                if isinstance(v, sp.Symbol) and v not in subs_bound:
                    syms.add(v)
                elif isinstance(v, sp.Indexed):
                    bases.add(v.base)
                    idx |= {s for s in v.indices[0].free_symbols if s.is_integer}
    if n is not None:  # z[n] is the last entry, not a free index
        idx.discard(n)
        syms.discard(n)
    syms -= idx
    syms -= {b.label for b in bases}
    return sorted(syms, key=_key), sorted(idx, key=_key), sorted(bases, key=_key), sorted(funcs, key=_key)


# ---------------------------------------------------------------- seeding
def canonical(expr: sp.Basic, depth: int = 0) -> sp.Basic:
    """expr with every bound variable renamed by its nesting depth, so that the name a user
    gives a summation index never changes the draws (Σ_i p_i ln p_i and Σ_k p_k ln p_k alike)."""
    expr = sp.sympify(expr)
    if isinstance(expr, (sp.Sum, sp.Product)) and expr.limits:
        limits, body, k = [], expr.function, depth
        for v, *bnds in expr.limits:
            new = sp.Symbol(f"_bound{k}", integer=True)  # its name and assumptions are the range's
            body = body.xreplace({v: new})
            limits.append((new, *[canonical(b, depth) for b in bnds]))
            k += 1
        return expr.func(canonical(body, k), *limits)
    if not expr.args or isinstance(expr, (sp.Indexed, sp.IndexedBase)):
        return expr
    try:
        if isinstance(expr, sp.Derivative):
            return sp.Derivative(canonical(expr.expr, depth), *expr.variable_count)
        return expr.func(*[canonical(a, depth) for a in expr.args])
    except (TypeError, ValueError, AttributeError):
        return expr


def seed_of(exprs: list[sp.Basic], ctx: Context, n: int | None, salt: int = 20261122) -> int:
    """A seed from a canonical form of the goal and its context (srepr, never str() or hash())."""
    try:
        text = "|".join([str(salt), str(n), str(ctx.n_min)] + [_canonical_text(e) for e in exprs]
                        + [_canonical_text(a) for a in ctx.assuming])
    except (TypeError, ValueError, RecursionError):
        text = f"{salt}|{n}"
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def _canonical_text(e) -> str:
    try:
        return _canonical_srepr(e)  # memoized: the same sides are seeded again at every size
    except TypeError:  # unhashable (a mutable matrix)
        return sp.srepr(canonical(e))


@functools.lru_cache(maxsize=4096)
def _canonical_srepr(e) -> str:
    return sp.srepr(canonical(e))


# ---------------------------------------------------------------- sampling
def _rat(x: float, digits: int = 3) -> sp.Rational:
    """An exact rational near x, so that a counterexample can be recomputed exactly."""
    return sp.Rational(round(x * 10**digits), 10**digits)


def _soft(bd: Bounds, lo: float, hi: float) -> tuple[float, float]:
    """The range random draws prefer, inside the hard bounds."""
    a = bd.lo if bd.lo > -INF else (min(lo, bd.hi - (hi - lo)) if bd.hi < INF else lo)
    b = bd.hi if bd.hi < INF else max(hi, a + (hi - lo))
    if bd.lo > -INF and bd.hi == INF:
        b = max(bd.lo + (hi - max(lo, 0.0)), bd.lo + 1)
    return a, b


def _draw_scalar(d: Domain | None, bd: Bounds, rng: random.Random, k: int) -> sp.Expr:
    """k-th draw: the first few are adversarial (ends, zero, large), the rest random, all inside bd."""
    kind = d.kind if d is not None else ("integer" if bd.integer else "positive" if bd.lo == 0 and
                                         bd.lo_open and bd.hi == INF else "real")
    if kind == "integer":
        lo = int(max(bd.lo, d.lo if d else (1 if bd.lo >= 0 else -5)))
        hi = int(min(bd.hi, d.hi if d else 5))
        lo += int(bd.lo_open and lo == bd.lo)
        hi -= int(bd.hi_open and hi == bd.hi)
        return sp.Integer(rng.randint(lo, max(lo, hi)))
    if kind == "unit":
        special = [sp.Rational(1, 2), sp.Rational(1, 1000), sp.Rational(999, 1000)]
        return special[k] if k < len(special) else _rat(rng.uniform(0.001, 0.999)) or sp.Rational(1, 7)
    if kind == "positive":
        top = d.hi if d is not None else 10.0
        special = [v for v in (sp.Integer(1), sp.Rational(1, 1000), sp.Integer(50)) if bd.admits(v)
                   and (d is None or v <= d.hi)]
        return special[k] if k < len(special) else _rat(rng.uniform(0.001, top)) or sp.Rational(1, 3)
    lo, hi, special = _real_specials(d, bd)
    if k < len(special):
        return special[k]
    for _ in range(20):
        v = _rat(rng.uniform(lo, hi))
        if bd.admits(v):
            return v
    return _rat((lo + hi) / 2)


@functools.lru_cache(maxsize=1024)
def _real_specials(d: Domain | None, bd: Bounds) -> tuple[float, float, tuple]:
    """The soft range of a real draw and its adversarial first values (a function of the domain
    and the bounds only: a 16 x 16 Jacobian draws 13,000 scalars of a few kinds)."""
    lo, hi = (d.lo, d.hi) if d is not None else (-10.0, 10.0)
    lo, hi = _soft(bd, lo, hi)
    special = [sp.Integer(0), _rat(hi), _rat(lo), sp.Integer(40), sp.Integer(-40)]
    # the default domain [-10, 10] also gets the large points ±40; a declared one never leaves its bounds
    wide = 5 if d is None or d == Domain("real") else 1
    # compared as Fractions: exact against the float ends, as SymPy's comparison is
    special = [v for v in special if lo * wide <= Fraction(v.p, v.q) <= hi * wide and bd.admits(v)]
    if bd.lo_open and bd.hi_open and bd.lo > -INF and bd.hi < INF:  # 0 < p < 1: just inside each end
        special += [v for v in (_rat(lo + (hi - lo) / 1000), _rat(hi - (hi - lo) / 1000)) if bd.admits(v)]
    return lo, hi, tuple(special)


def _draw_vector(d: Domain, n: int, rng: random.Random, k: int, declared: bool, bd: Bounds) -> list:
    """1-based vector of n exact rationals; early draws are ties, a dominant entry, large spread,
    then (for entries of any sign) all-positive entries, so that logs of them are real too."""
    if bd.integer or d.kind == "integer":  # integer entries: small integers inside the bounds
        lo = int(max(bd.lo + int(bd.lo_open), -5 if bd.lo == -INF else bd.lo, d.lo if declared else -5))
        hi = int(min(bd.hi - int(bd.hi_open), 5 if bd.hi == INF else bd.hi, d.hi if declared else 5))
        return [None] + [sp.Integer(rng.randint(lo, max(lo, hi))) for _ in range(n)]
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
    if not declared and (bd.lo >= 0 or bd.hi <= 0):  # signed entries by assumption: mirror if ≤ 0
        sgn = -1 if bd.lo < 0 else 1
        zero_ok = not (bd.lo_open or bd.hi_open)
        return [None] + [sgn * v for v in _positive_pattern(n, rng, k, zero_ok)]
    lo, hi = (d.lo, d.hi) if declared else (-300.0, 300.0)  # a declared domain bounds every draw
    if k == 0:  # all tied
        return [None] + [_rat(min(max(1.0, d.lo), d.hi))] * n
    if k == 1:  # one dominant maximum, others far below
        top = min(30.0, hi)
        return [None] + [_rat(top)] + [_rat(rng.uniform(max(lo, top - 40), top - (top - lo) / 4))
                                       for _ in range(n - 1)]
    if k == 2:  # large magnitudes
        return [None] + [_rat(rng.uniform(lo, hi)) for _ in range(n)]
    if k % 3 == 0 and not declared:  # positive entries (log p_j is real)
        return [None] + _positive_pattern(n, rng, 3 + k // 3, zero_ok=False)
    return [None] + [_rat(rng.uniform(d.lo, d.hi)) for _ in range(n)]


def _positive_pattern(n: int, rng: random.Random, k: int, zero_ok: bool) -> list:
    """Positive entries: ties, one dominant, a wide spread, small ones (and zeros when allowed)."""
    pick = k % 5
    if pick == 0:
        return [sp.Integer(1)] * n
    if pick == 1:
        return [sp.Integer(30)] + [_rat(rng.uniform(0.01, 1)) or sp.Rational(1, 100) for _ in range(n - 1)]
    if pick == 2:
        return [_rat(10 ** rng.uniform(-3, 2.5)) or sp.Rational(1, 1000) for _ in range(n)]
    if pick == 3:
        return [_rat(rng.uniform(0.001, 1)) or sp.Rational(1, 1000) for _ in range(n)]
    vals = [_rat(rng.uniform(0.01, 10)) or sp.Rational(1, 100) for _ in range(n)]
    if zero_ok and n > 1:
        vals[rng.randrange(n)] = sp.Integer(0)
    return vals


def sample_points(exprs: list[sp.Basic], ctx: Context, count: int, n: int | None = None,
                  hyp: Hypotheses | None = None) -> Iterator[Point]:
    """Seeded points of the goal's domain on which every hypothesis holds (checked exactly)."""
    syms, idx, bases, funcs = parts(exprs, ctx)
    hyp = hyp if hyp is not None else Hypotheses.build(ctx, syms, bases)
    ranks = {i.base: len(i.indices) for e in exprs for i in sp.sympify(e).atoms(sp.Indexed)}
    rng = random.Random(seed_of(exprs, ctx, n))
    size = n if n is not None else None
    tries = 0
    k = 0
    while k < count and tries < 20 * count + 20:
        tries += 1
        p = Point(n=size)
        if ctx.n is not None and size is not None:
            p.scalars[ctx.n] = sp.Integer(size)
        for s in hyp.scalars:  # adversarial specials only until one is rejected by the assumptions
            p.scalars[s] = _draw_scalar(ctx.domain.get(s), hyp.bounds[s], rng, k if tries == k + 1 else 99)
        top = size if size is not None else 3
        if idx and top < 1:
            return  # no index can take a value at this size: nothing to sample (vacuously true)
        for i in idx:
            p.scalars[i] = sp.Integer(rng.randint(1, top) if tries > 1 else 1)
        for b in bases:
            if b in ranks and ranks[b] == 2:  # a matrix such as w_jk: entries keyed by (j, k)
                d = ctx.domain.get(b)
                p.vectors[b] = {(r, c): _draw_scalar(d, hyp.bounds[b], rng, 99) for r in range(1, top + 1)
                                for c in range(1, top + 1)}
            else:
                p.vectors[b] = _draw_vector(ctx.domain.get(b, Domain("real")), top, rng, k,
                                            b in ctx.domain, hyp.bounds[b])
        for f in funcs:
            p.funcs[f] = k % len(_FUNCTION_INSTANCES)
        try:
            hyp.repair(p, rng)
            if not hyp.solve(p) or not hyp.holds_at(p):
                continue
        except (TypeError, ValueError, ZeroDivisionError, ArithmeticError, RecursionError):
            continue  # a hypothesis that cannot be decided at this point: the point is not used
        k += 1
        yield p


# ---------------------------------------------------------------- evaluation
def instantiate(expr: sp.Basic, p: Point) -> sp.Basic:
    """Substitute concrete functions for undefined ones; the size and indices stay symbolic
    (they are passed as arguments, so one compiled function serves every point)."""
    e = sp.sympify(expr)
    if any(x.function.has(sp.Derivative) for x in e.atoms(sp.Sum)):
        # a derivative under a sum depends on the dummy: write such sums out at this size
        ints = {s: v for s, v in p.scalars.items() if s.is_integer}
        e = free_xreplace(e, ints).replace(
            lambda x: isinstance(x, sp.Sum) and x.function.has(sp.Derivative) and len(x.limits) == 1
            and all(b.is_Integer for b in x.limits[0][1:]),
            lambda x: sp.Add(*[x.function.xreplace({x.limits[0][0]: sp.Integer(q)})
                               for q in range(int(x.limits[0][1]), int(x.limits[0][2]) + 1)]))
    for f, k in p.funcs.items():
        t = sp.Dummy("t")
        e = e.replace(f, sp.Lambda(t, _FUNCTION_INSTANCES[k](t)))
    return e


def _definite(i: sp.Basic) -> bool:
    return isinstance(i, sp.Integral) and len(i.limits) == 1 and len(i.limits[0]) == 3


def _outer_derivatives(expr: sp.Basic) -> list[sp.Derivative]:
    """The outermost Derivative, Subs and definite one-variable Integral nodes (valued per point)."""
    ders = {d for d in expr.atoms(sp.Derivative, sp.Subs, sp.Integral) if not isinstance(d, sp.Integral) or _definite(d)}
    inner = {d2 for d in ders for d2 in d.args[0].atoms(sp.Derivative, sp.Subs, sp.Integral)}
    return sorted(ders - inner, key=sp.default_sort_key)


@functools.lru_cache(maxsize=4096)
def _plan(expr: sp.Basic):
    """Compile expr once: Derivative nodes become placeholder arguments (valued per point by
    numerical differentiation), integer symbols (size, indices) become integer arguments."""
    ders = _outer_derivatives(expr)
    if expr.has(sp.Limit) or expr.xreplace({d: sp.Integer(0) for d in ders}).has(sp.Integral):
        return None
    holders = {d: sp.Symbol(f"_deriv{k}") for k, d in enumerate(ders)}
    body = expr.xreplace(holders)
    bases = tuple(sorted({i.base for i in body.atoms(sp.Indexed)}, key=_key))
    labels = {b.label for b in bases}
    # free_symbols is scoped: in z_i + Σ_i z_i the first i is an argument, the second is not
    scal = tuple(sorted((x for x in body.free_symbols if x not in labels
                         and not isinstance(x, sp.Indexed)), key=_key))
    try:
        # δ_ij as a function, not rewritten to Piecewise: the rewrite pulls conditions on bound
        # variables out of their sums
        fn = sp.lambdify(list(scal) + list(bases), body, printer=_ProductPrinter({
                             "fully_qualified_modules": False, "inline": True, "allow_unknown_functions": True,
                             "user_functions": {"KroneckerDelta": "KroneckerDelta"}}),
                         modules=[{"KroneckerDelta": lambda a, b: int(a == b), "_prod": _prod}, "mpmath"])
    except (SyntaxError, NameError, TypeError, ValueError, KeyError, AttributeError,
            RecursionError):  # e.g. a symbol named "y'", zoo (no printer for it)
        return None
    return fn, scal, bases, tuple(holders.items())


def _prod(terms) -> Any:
    """A finite product of the values (an empty range is 1, as in hypotheses.expand_finite_sums)."""
    out: Any = 1
    for v in terms:
        out = out * v
    return out


class _ProductPrinter(MpmathPrinter):
    """mpmath code that also prints a finite Product (SymPy's printer has no method for it); made
    with the settings lambdify gives its own printer."""

    def _print_Product(self, expr):
        loops = " ".join(f"for {self._print(i)} in range({self._print(a)}, {self._print(b)}+1)"
                         for i, a, b in expr.limits[::-1])
        return f"(_prod({self._print(expr.function)} {loops}))"


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


def _mp(v: sp.Expr):
    """An exact value at the working precision (a rational exactly rounded, anything else by evalf)."""
    return _mp_at(v, mpmath.mp.prec)


@functools.lru_cache(maxsize=65536)
def _mp_at(v: sp.Expr, prec: int):
    # memoized per precision: a point's n entries were converted again for every evaluation (each
    # step of a numerical derivative, each level); an mpf is immutable, so sharing it is safe
    with mpmath.workprec(prec):
        if v.is_Rational:
            return mpmath.mpf(v.p) / v.q
        return mpmath.mpf(sp.Float(v.evalf(mpmath.mp.dps + 10), mpmath.mp.dps + 10)._mpf_)


def _scalar_arg(x: sp.Symbol, p: Point):
    v = p.scalars.get(x)
    if v is None:
        raise NotNumeric(f"no value for {x}")
    return _Int(int(v)) if x.is_integer else _mp(v)


def _eval_plain(expr: sp.Basic, p: Point) -> Any:
    plan = _plan(expr)
    if plan is None:
        raise NotNumeric("not evaluable numerically (a Limit or Integral inside, or a name "
                         "Python cannot compile)")
    fn, scal, bases, holders = plan
    vals = {h: _subs_value(d, p) if isinstance(d, sp.Subs) else _integral_value(d, p)
            if isinstance(d, sp.Integral) else _numeric_derivative(d, p) for d, h in holders}
    args = [vals[x] if x in vals else _scalar_arg(x, p) for x in scal]
    for b in bases:
        vec = p.vectors.get(b)
        if vec is None:
            raise NotNumeric(f"no values for {b}")
        if isinstance(vec, dict):
            args.append({key: _mp(v) for key, v in vec.items()})
        else:
            args.append([None] + [_mp(v) for v in vec[1:]])
    try:
        return fn(*args)
    except MemoryError as exc:  # e.g. σ(e^{e^x}) at x = 40: the number does not fit in memory
        raise NotNumeric("the value does not fit in memory at this point") from exc
    except (ArithmeticError, ValueError, TypeError, IndexError, KeyError, NameError, AttributeError,
            RecursionError) as exc:
        raise NotNumeric(f"{type(exc).__name__}: {str(exc)[:120]}") from exc


def _subs_value(s: sp.Subs, p: Point):
    """Subs(f, x, a) (what ``Derivative(...).subs(x, a)`` gives): f evaluated where x = a."""
    if not all(isinstance(v, sp.Symbol) for v in s.variables):
        raise NotNumeric(f"a Subs of {s.variables} is not evaluable numerically")
    at = {v: _eval_plain(a, p) for v, a in zip(s.variables, s.point)}
    return _eval_plain(s.expr, _with_values(p, at))


def _integral_value(i: sp.Integral, p: Point):
    """∫_a^b f(x) dx by mpmath's quadrature (tanh-sinh) at the working precision: numeric
    evidence only, the antiderivative is never used to value it."""
    (x, a, b), = i.limits
    lo, hi = _eval_plain(a, p), _eval_plain(b, p)
    try:
        return mpmath.quad(lambda t: _eval_plain(i.function, _with_values(p, {x: t})), [lo, hi])
    except (ArithmeticError, ValueError, TypeError) as exc:
        raise NotNumeric(f"{type(exc).__name__}: {str(exc)[:120]}") from exc


def _numeric_derivative(d: sp.Derivative, p: Point, direction: int = 0):
    """A Derivative node's value by mpmath's high-precision numerical differentiation
    (``direction`` ±1: one-sided differences, to tell a kink from a derivative).

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
    try:
        return mpmath.diff(f, x0 if len(x0) > 1 else x0[0], orders if len(orders) > 1 else orders[0],
                           direction=direction)
    except MemoryError as exc:
        raise NotNumeric("the value does not fit in memory at this point") from exc
    except (ArithmeticError, ValueError, TypeError) as exc:
        raise NotNumeric(f"{type(exc).__name__}: {str(exc)[:120]}") from exc


def smooth_at(exprs: list, p: Point) -> bool:
    """Do the one-sided derivatives agree at p for every single-variable Derivative node? At a kink
    (∂/∂a max(a, b) at a = b) the central difference averages both sides: no value, no evidence."""
    for e in exprs:
        e = instantiate(e, p)
        for d in _outer_derivatives(e):
            if not isinstance(d, sp.Derivative) or len(d.variable_count) != 1:
                continue
            try:
                with mpmath.workdps(DPS):
                    lo, hi = _numeric_derivative(d, p, -1), _numeric_derivative(d, p, 1)
                    if abs(hi - lo) > mpmath.mpf(10) ** -20 * max(abs(lo), abs(hi), mpmath.mpf(10) ** -300):
                        return False
            except (NotNumeric, TypeError, ValueError):
                continue
    return True


def _entry(v: sp.Indexed, p: Point):
    ks = [int(x.xreplace(p.scalars)) for x in v.indices]
    return ks[0] if len(ks) == 1 else tuple(ks)


def _value_of(v: sp.Basic, p: Point):
    try:
        r = p.vectors[v.base][_entry(v, p)] if isinstance(v, sp.Indexed) else p.scalars[v]
    except (KeyError, IndexError, TypeError) as exc:
        raise NotNumeric(f"no value for the variable {v}") from exc
    return _mp(r)


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


def value(expr: sp.Basic, p: Point, dps: int | None = None) -> Any:
    """The value of expr at p, computed with mpmath at ``dps`` (default DPS) digits."""
    with mpmath.workdps(dps or DPS):
        try:
            v = _eval_plain(instantiate(expr, p), p)
            # a constant such as mpmath.e, or a Python number: an mpf at this precision, now
            return v if isinstance(v, (mpmath.mpf, mpmath.mpc)) else mpmath.mpmathify(v) * 1
        except NotNumeric:
            raise
        except MemoryError as exc:
            raise NotNumeric("the value does not fit in memory at this point") from exc
        except (ArithmeticError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            raise NotNumeric(f"{type(exc).__name__}: {str(exc)[:120]}") from exc


# ---------------------------------------------------------------- comparison
@dataclass(frozen=True)
class Reading:
    """Two sides compared at escalating precision.

    status "equal": the difference vanished at two levels (or kept shrinking: rounding);
    "differs": it stayed, to 6 digits, from one level to the next (sign: of lhs − rhs);
    "unknown": no stable value up to the last level (note says why)."""

    status: str
    sign: int = 0
    lhs: Any = None
    rhs: Any = None
    dps: int = 0
    note: str = ""


def _real(v, dps: int):
    """A real mpf, or None: complex values count only when the imaginary part is rounding."""
    if isinstance(v, mpmath.mpc):
        if abs(v.imag) <= mpmath.mpf(10) ** (15 - dps) * max(abs(v.real), 1):
            return v.real
        return None
    if isinstance(v, (int, float)):
        return mpmath.mpf(v)
    try:
        return v if isinstance(v, mpmath.mpf) else mpmath.mpf(v)
    except (TypeError, ValueError) as exc:  # a matrix, a tuple, a boolean: not a number
        raise NotNumeric(f"not a real number: {type(v).__name__}") from exc


def compare(lhs, rhs, p: Point, levels: tuple[int, ...] = LEVELS, quick: bool = False) -> Reading:
    """lhs against rhs at p, escalating precision until two levels agree on what the difference is.

    A tolerance relative to the sides' size at the working precision (10^(15 − dps)); a
    difference that shrinks by at least half the added digits from one level to the next is
    rounding (true identities with cancellation, e.g. log(1 − σ(219)) at 50 digits), one that
    stays is real (a wrong step scaled by e^{−500} stays). Exact zero on one side is no special
    case: its rounding noise shrinks. ``quick`` (a proof's cross-check): sides that agree within
    the tolerance at the first level are read as equal without the second level."""
    prev_d, prev_settled = None, False
    ref, ref_dps = None, 0  # the last non-zero difference seen, and its level
    note = ""
    for dps in levels:
        try:
            lc, rc = value(lhs, p, dps), value(rhs, p, dps)
            l, r = _real(lc, dps), _real(rc, dps)
        except NotNumeric as exc:
            return Reading("unknown", note=str(exc))
        with mpmath.workdps(dps):
            if l is None or r is None:  # a complex side: compared as complex numbers (only '=' uses it)
                l, r = (x if isinstance(x, mpmath.mpc) else mpmath.mpc(x) for x in (lc, rc))
            if mpmath.isnan(l) or mpmath.isnan(r):
                prev_d, prev_settled, note = None, False, "no value (nan)"
                continue
            if mpmath.isinf(l) or mpmath.isinf(r):
                if isinstance(l, mpmath.mpc) or isinstance(r, mpmath.mpc):
                    return Reading("unknown", note="complex infinity")
                d = mpmath.inf if l == r else mpmath.sign(l - r) if mpmath.isinf(l - r) else None
                cur = ("inf", l == r, d)
                if prev_d == cur:
                    return Reading("equal" if l == r else "differs", 0 if l == r else int(d), l, r, dps)
                prev_d, prev_settled = cur, False
                continue
            d = l - r
            zero = d == 0 or abs(d) <= mpmath.mpf(10) ** (15 - dps) * max(abs(l), abs(r))
            if isinstance(prev_d, (mpmath.mpf, mpmath.mpc)) and not zero and \
                    abs(d - prev_d) <= mpmath.mpf(10) ** -6 * abs(d):
                if _below_terms(lhs, rhs, p, dps, d):
                    return Reading("unknown", note="the difference is below the precision of the "
                                                   "terms that cancel in it")
                if _below_derivative(lhs, rhs, p, dps, d):
                    return Reading("unknown", note="the difference is below the accuracy of a "
                                                   "numeric derivative at this point")
                if isinstance(d, mpmath.mpc):
                    return Reading("differs", 0, l, r, dps, "complex value")
                return Reading("differs", int(mpmath.sign(d)), l, r, dps)
            # rounding: the difference fell by at least half the digits added since it was last seen
            shrunk = d == 0 or (ref is not None and abs(d) <= ref * mpmath.mpf(10) ** (-(dps - ref_dps) // 2))
            settled = zero or shrunk
            if (settled and prev_settled) or (quick and zero and dps == levels[0]):
                return Reading("equal", 0, l, r, dps)
            if d != 0:
                ref, ref_dps = abs(d), dps
            prev_d, prev_settled = d, settled
    return Reading("unknown", note=note or f"no stable value up to {levels[-1]} digits")


def _below_derivative(lhs, rhs, p: Point, dps: int, d) -> bool:
    """A derivative taken by finite differences is accurate to about half the working digits of
    the function it differentiates (counted here as a quarter of them, to be safe), not of its
    (maybe tiny) value: d/dw (y − σ(wx + b))²/2 at
    w = x = b = 40 is about e^{−1640}, far below what differences of values near 760 resolve."""
    ders = [x for e in (lhs, rhs) for x in sp.sympify(e).atoms(sp.Derivative)]
    if not ders:
        return False
    # the error of each derivative term is about the size of the term with the derivative
    # replaced by the function it differentiates (its coefficient outside included)
    plain = {x: x.expr for x in ders}
    try:
        scale = max(abs(value(t.xreplace(plain), p, dps))
                    for e in (lhs, rhs) for t in sp.Add.make_args(sp.sympify(e)) if t.has(sp.Derivative))
    except (NotNumeric, TypeError, ValueError):
        return True  # the function has no value here: the derivative's accuracy is unknown
    with mpmath.workdps(dps):
        # at least an absolute 10^(−dps/2): a function that is tiny because its terms cancel
        # (−log softmax_1 ≈ e^{−418} from terms near 330) has no accurate difference quotient
        return abs(d) <= mpmath.mpf(10) ** (-(dps // 2)) * max(scale, 1)


def _below_terms(lhs, rhs, p: Point, dps: int, d) -> bool:
    """Is d within rounding of the sides' terms? M − (M e^{M/T} + …)/(e^{M/T} + …) is exactly 0 at
    every level up to thousands of digits while the true value is e^{−9738}: the scale of a
    difference is its largest term, not the sides' values (which may cancel to 0)."""
    terms = list(sp.Add.make_args(sp.sympify(lhs))) + list(sp.Add.make_args(sp.sympify(rhs)))
    if len(terms) <= 2:
        return False
    try:
        scale = max(abs(_real(value(t, p, dps), dps) or 0) for t in terms)
    except NotNumeric:
        return False
    with mpmath.workdps(dps):
        return abs(d) <= mpmath.mpf(10) ** (15 - dps) * scale


def holds(reading: Reading, rel: str) -> bool | None:
    """Does ``lhs rel rhs`` hold at the reading? None: a tie against a strict relation (to be
    settled exactly) or no reading at all."""
    if reading.status == "unknown":
        return None
    if reading.status == "equal":
        if reading.note == "complex value" or isinstance(reading.lhs, mpmath.mpc):
            return True if rel == "=" else None
        return None if rel in ("<", ">") else True
    if reading.note == "complex value":  # two different complex numbers: only '=' is decided
        return False if rel == "=" else None
    s = reading.sign
    return {"=": False, "<": s < 0, "<=": s < 0, ">": s > 0, ">=": s > 0}[rel]
