"""The hypotheses of a goal as constraints on every draw: bounds, inequalities, equations.

A point that violates a hypothesis is never evidence: :meth:`Hypotheses.holds_at` is the last
gate of every sampled point. Before that gate, draws are steered into the hypotheses where that
is cheap and exact: a linear inequality is repaired by redrawing one symbol on the right side of
its bound, a scalar equation is solved for one symbol, and a linear equation in a vector's
entries (Σ_j y_j = 1) is enforced by rescaling the vector or by solving for its last entry.
Everything else is rejection. :attr:`Hypotheses.notes` says which was done.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

import sympy as sp

from ..budget import BudgetExceeded, budget
from ..context import Context, Domain

INF = float("inf")


# ---------------------------------------------------------------- bounds of one symbol / entry
@dataclass(frozen=True)
class Bounds:
    """Hard bounds a value must satisfy (from assumptions and a declared domain)."""

    lo: float = -INF
    hi: float = INF
    lo_open: bool = False
    hi_open: bool = False
    integer: bool = False
    nonzero: bool = False

    def admits(self, v: sp.Expr) -> bool:
        """Exact check of one value (a SymPy number)."""
        if self.integer and not (v.is_Integer or (v.is_number and v == int(v))):
            return False
        if self.nonzero and v == 0:
            return False
        if isinstance(v, sp.Rational):
            # exact, as SymPy's Rational-vs-Float comparison is (a Fraction compares with a float
            # exactly), without building a SymPy relation per entry
            x = Fraction(v.p, v.q)
            return (self.lo == -INF or (x > self.lo if self.lo_open else x >= self.lo)) and \
                (self.hi == INF or (x < self.hi if self.hi_open else x <= self.hi))
        if self.lo > -INF and not (v > self.lo if self.lo_open else v >= self.lo):
            return False
        if self.hi < INF and not (v < self.hi if self.hi_open else v <= self.hi):
            return False
        return True


def bounds_of(obj: Any, domain: Domain | None) -> Bounds:
    """Bounds from SymPy assumptions of ``obj`` (a Symbol or an Indexed entry) and a declared domain."""
    lo, hi, lo_open, hi_open = -INF, INF, False, False
    if obj.is_positive:
        lo, lo_open = 0.0, True
    elif obj.is_nonnegative:
        lo = 0.0
    if obj.is_negative:
        hi, hi_open = 0.0, True
    elif obj.is_nonpositive:
        hi = 0.0
    if domain is not None and domain.kind in ("real", "integer"):
        if domain.lo > lo:
            lo, lo_open = domain.lo, False
        if domain.hi < hi:
            hi, hi_open = domain.hi, False
    elif domain is not None and domain.kind in ("positive", "unit"):
        if lo < 0 or (lo == 0 and not lo_open):
            lo, lo_open = 0.0, True
        top = domain.hi if domain.kind == "positive" else 1.0
        if top < hi:
            hi, hi_open = top, domain.kind == "unit"
    elif domain is not None and domain.kind in ("simplex", "onehot"):
        lo, hi = max(lo, 0.0), min(hi, 1.0)
    integer = bool(obj.is_integer) or (domain is not None and domain.kind == "integer")
    return Bounds(lo, hi, lo_open, hi_open, integer, bool(obj.is_nonzero) and not obj.is_positive
                  and not obj.is_negative)


# ---------------------------------------------------------------- exact instances at a point
def expand_finite_sums(e: sp.Basic, p=None) -> sp.Basic:
    """Sums and products with integer bounds written out; an empty range is 0 (1 for a product),
    never SymPy's reversed-range (Karr) convention. With a point ``p``, an entry y_j of a sum's
    term is put in as the point's value while the term is made (what exact_instance does after,
    without building the n entries y_1 … y_n first)."""
    def out(x):
        if not all(lim[1].is_Integer and lim[2].is_Integer for lim in x.limits):
            return x
        (v, lo, hi), rest = x.limits[0], x.limits[1:]
        inner = x.func(x.function, *rest) if rest else x.function
        direct = {} if p is None else {
            i: p.vectors[i.base] for i in inner.atoms(sp.Indexed)
            if i.indices == (v,) and isinstance(p.vectors.get(i.base), list)}

        def term(q: int):
            rep = {v: sp.Integer(q)}
            rep.update({i: vec[q] for i, vec in direct.items() if 1 <= q < len(vec)})
            return inner.xreplace(rep)
        terms = [term(q) for q in range(int(lo), int(hi) + 1)]
        return sp.Add(*terms) if isinstance(x, sp.Sum) else sp.Mul(*terms)
    prev = None
    e = sp.sympify(e)
    while prev != e:  # inner bounds become integers once the outer sum is written out
        prev = e
        e = e.replace(lambda x: isinstance(x, (sp.Sum, sp.Product)), out)
    return e


def free_xreplace(expr: sp.Basic, sub: dict) -> sp.Basic:
    """xreplace of free occurrences only: a bound variable named like a free one (z_i + Σ_i z_i)
    is renamed to a fresh Dummy inside its sum first."""
    e = sp.sympify(expr)
    if any(lim[0] in sub for x in e.atoms(sp.Sum, sp.Product) for lim in x.limits):
        e = e.replace(lambda x: isinstance(x, (sp.Sum, sp.Product)) and any(l[0] in sub for l in x.limits),
                      lambda x: x.xreplace({l[0]: sp.Dummy(str(l[0]), **l[0].assumptions0)
                                            for l in x.limits if l[0] in sub}))
    return e.xreplace(sub)


def exact_instance(expr: sp.Basic, p) -> sp.Basic:
    """expr at point p as an exact SymPy number expression (sizes, indices, entries, scalars)."""
    if isinstance(expr, sp.Rel):
        # each side on its own: a relation rebuilt with a written-out symbolic sum on one side
        # asked SymPy's assumptions whether p_1 + … + p_1000 = 1 (seconds) before any value was in
        return expr.func(exact_instance(expr.lhs, p), exact_instance(expr.rhs, p))
    ints = {k: v for k, v in p.scalars.items() if k.is_integer}
    e = expand_finite_sums(free_xreplace(expr, ints), p)
    e = free_xreplace(e, {k: v for k, v in p.scalars.items() if k not in ints})

    def entry(x: sp.Indexed):
        vec = p.vectors.get(x.base)
        if vec is None or not all(i.is_Integer for i in x.indices):
            return x
        try:
            return vec[int(x.indices[0])] if len(x.indices) == 1 else \
                vec[tuple(int(i) for i in x.indices)]
        except (IndexError, KeyError):
            return x
    return e.replace(lambda x: isinstance(x, sp.Indexed), entry)


def _decide(rel: sp.Basic) -> bool | None:
    """An instantiated relation decided exactly where possible, else by SymPy's evalf (None: unknown)."""
    if rel is sp.true or rel is sp.false:
        return bool(rel)
    if not isinstance(rel, (sp.Rel, sp.Unequality)):
        return None
    try:
        d = sp.sympify(rel.lhs - rel.rhs)
        if d.free_symbols or d.has(sp.Indexed):
            return None
        if not d.is_Rational:
            v = d.evalf(60)
            if not v.is_real:
                return None
            if abs(v) < sp.Float(10) ** -50 * (1 + max(abs(rel.lhs.evalf(60)), abs(rel.rhs.evalf(60)))):
                d = sp.Integer(0) if sp.simplify(d) == 0 else v  # a tie is settled exactly
            else:
                d = v
        if isinstance(rel, sp.Equality):
            return d == 0
        if isinstance(rel, sp.Unequality):
            return d != 0
        return bool({sp.StrictLessThan: d < 0, sp.LessThan: d <= 0, sp.StrictGreaterThan: d > 0,
                     sp.GreaterThan: d >= 0}[type(rel)])
    except (TypeError, ValueError, ZeroDivisionError, ArithmeticError, MemoryError, KeyError,
            RecursionError, AttributeError):
        return None


# ---------------------------------------------------------------- the plan
@dataclass
class _Repair:
    """A linear inequality c*s + rest (op) 0 repaired by redrawing s on the right side."""

    rel: sp.Basic
    sym: sp.Symbol
    coeff: sp.Expr
    rest: sp.Expr


@dataclass
class Hypotheses:
    """Every hypothesis of a goal, as a plan for drawing points and a gate that checks them."""

    ctx: Context
    scalars: list  # symbols drawn freely (in this order)
    solved: list[tuple[sp.Symbol, sp.Expr, sp.Basic]] = field(default_factory=list)
    repairs: list[_Repair] = field(default_factory=list)
    vector_eqs: list[sp.Basic] = field(default_factory=list)
    bounds: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, ctx: Context, syms: list, bases: list) -> "Hypotheses":
        h = cls(ctx, list(syms))
        for s in syms:
            h.bounds[s] = bounds_of(s, ctx.domain.get(s))
        for b in bases:
            h.bounds[b] = bounds_of(b[sp.Symbol("_k", integer=True, positive=True)], ctx.domain.get(b))
        solved: set = set()
        for a in ctx.assuming:
            if not isinstance(a, sp.Equality):
                continue
            if a.has(sp.Indexed, sp.Sum, sp.Product):
                h.vector_eqs.append(a)
                continue
            for s in sorted(a.free_symbols & set(h.scalars) - solved, key=_order, reverse=True):
                if s.is_integer:
                    continue
                try:
                    with budget(3.0):  # (the first call imports SymPy's solvers)
                        sols = [v for v in sp.solve(a, s) if not v.has(s)]
                except BudgetExceeded:
                    sols = []
                except Exception:  # SymPy's solver may raise anything: then rejection
                    sols = []
                if len(sols) == 1:
                    h.solved.append((s, sols[0], a))
                    h.scalars.remove(s)
                    solved.add(s)
                    h.notes.append(f"{a.lhs} = {a.rhs} enforced by solving for {s}")
                    break
            else:
                h.notes.append(f"{a.lhs} = {a.rhs} enforced by rejection")
        # a solved symbol's own bounds become inequalities on the free ones (q = 1 - p > 0)
        derived = []
        for s, sol, _ in h.solved:
            bd = h.bounds[s]
            lo, hi = sp.nsimplify(bd.lo), sp.nsimplify(bd.hi)
            if bd.lo > -INF:
                derived.append(sp.StrictGreaterThan(sol, lo) if bd.lo_open else sp.GreaterThan(sol, lo))
            if bd.hi < INF:
                derived.append(sp.StrictLessThan(sol, hi) if bd.hi_open else sp.LessThan(sol, hi))
        derived = [r for r in derived if isinstance(r, sp.Rel)]  # (1 > 0 is no constraint)
        for rel in list(ctx.inequalities()) + derived:
            rep = _linear_repair(rel, h.scalars)
            if rep is not None:
                h.repairs.append(rep)
                h._tighten(rep)
        if any(r.rel not in derived for r in h.repairs):
            h.notes.append("inequalities enforced by redrawing " +
                           ", ".join(sorted({str(r.sym) for r in h.repairs if r.rel not in derived})))
        if len(h.repairs) < len(ctx.inequalities()):
            h.notes.append("other inequalities enforced by rejection")
        return h

    def _tighten(self, rep: _Repair) -> None:
        """A constant bound (0 < p, p < 1) narrows the symbol's draw itself: repaired one
        inequality at a time, 0 < p < 1 drew p only at 1/1000 ... 10 from one end, and a
        goal false in the middle of the interval (KL(p, q) >= 3 (p - q)^2) went unrefuted by the
        quick probe. The repair stays (a no-op once the draw is inside)."""
        if not rep.rest.is_Rational or not rep.coeff.is_Rational:
            return
        edge = -rep.rest / rep.coeff
        bd = self.bounds.get(rep.sym, Bounds())
        strict = isinstance(rep.rel, (sp.StrictGreaterThan, sp.StrictLessThan))
        v = float(edge)
        if sp.Rational(v) != edge:
            return  # not exact as a float (p > 1/3): the bound stays a repair only
        if _points_up(rep) and (v > bd.lo or (v == bd.lo and strict)):
            self.bounds[rep.sym] = replace(bd, lo=v, lo_open=strict)
        elif not _points_up(rep) and (v < bd.hi or (v == bd.hi and strict)):
            self.bounds[rep.sym] = replace(bd, hi=v, hi_open=strict)

    # ---- steering a draw into the hypotheses
    def repair(self, p, rng: random.Random) -> None:
        """Redraw repair symbols whose inequality fails (each repair looks at the current values)."""
        for rep in self.repairs:
            if _decide(exact_instance(rep.rel, p)) is not False:
                continue
            try:
                edge = -exact_instance(rep.rest, p) / rep.coeff
                edge = edge if edge.is_Rational else sp.Rational(str(sp.N(edge, 30)))
            except (TypeError, ValueError, ZeroDivisionError, ArithmeticError):
                continue
            up = _points_up(rep)
            bd = self.bounds.get(rep.sym, Bounds())
            lo = edge if up else None  # the feasible interval: the half-line within the bounds
            hi = None if up else edge
            if bd.lo > -INF:
                lo = sp.Rational(str(bd.lo)) if lo is None else max(lo, sp.Rational(str(bd.lo)))
            if bd.hi < INF:
                hi = sp.Rational(str(bd.hi)) if hi is None else min(hi, sp.Rational(str(bd.hi)))
            gap = sp.Rational(rng.choice([1, 10, 100, 1000, 10**4]), 1000) * rng.choice([1, 3, 7])
            if lo is not None and hi is not None:
                if hi < lo:
                    continue
                v = lo + (hi - lo) * sp.Rational(rng.randint(1, 999), 1000)
            else:
                v = lo + gap if lo is not None else hi - gap
            if bd.integer:
                v = sp.Integer(sp.ceiling(v) if up else sp.floor(v))
            p.scalars[rep.sym] = v

    def solve(self, p) -> bool:
        """Set solved symbols; enforce vector equations by rescaling or solving the last entry."""
        for s, sol, _ in self.solved:
            v = exact_instance(sol, p)
            if v.free_symbols or not v.is_real:
                return False
            p.scalars[s] = v
        for eq in self.vector_eqs:
            if _decide(exact_instance(eq, p)) is True:
                continue
            if not self._enforce_vector(eq, p):
                return False
        return True

    def _enforce_vector(self, eq: sp.Basic, p) -> bool:
        """Σ_j a_j y_j = c at this size: rescale y (keeps the entries' signs) or solve for its last entry."""
        for b in sorted({x.base for x in eq.atoms(sp.Indexed)}, key=_order):
            if not isinstance(p.vectors.get(b), list):
                continue
            form = sp.expand(exact_instance(eq.lhs - eq.rhs, _Unset(p, b)))
            ent = sorted({x for x in form.atoms(sp.Indexed) if x.base == b
                          and all(i.is_Integer for i in x.indices)}, key=sp.default_sort_key)
            if not ent or form.free_symbols - {x.base.label for x in ent} - set(ent):
                continue
            const = form.xreplace({x: 0 for x in ent})
            lin = sp.expand(form - const)
            if const.has(sp.Indexed) or any(sp.diff(lin, x).has(*ent) for x in ent):
                continue  # not linear in b's entries
            vals = {x: p.vectors[b][int(x.indices[0])] for x in ent}
            vec = list(p.vectors[b])
            L = lin.xreplace(vals)
            bd = self.bounds.get(b, Bounds())
            if const != 0 and L != 0 and (-const / L > 0 or (bd.lo == -INF and bd.hi == INF)):
                for x in ent:
                    vec[int(x.indices[0])] = vals[x] * (-const / L)
                p.vectors[b] = vec
                self._note(f"{eq.lhs} = {eq.rhs} enforced by rescaling {b}")
                return True
            last = ent[-1]
            c = sp.diff(lin, last)
            if c == 0:
                continue
            vec[int(last.indices[0])] = -(const + (lin - c * last).xreplace(vals)) / c
            p.vectors[b] = vec
            self._note(f"{eq.lhs} = {eq.rhs} enforced by solving for its last entry of {b}")
            return True
        self._note(f"{eq.lhs} = {eq.rhs} enforced by rejection")
        return False

    def _note(self, s: str) -> None:
        if s not in self.notes:
            self.notes.append(s)

    # ---- the gate
    def holds_at(self, p) -> bool:
        """Every hypothesis at p, decided exactly where possible: bounds, Ne, inequalities, equations."""
        for a, b in self.ctx.distinct():
            if p.scalars.get(a) == p.scalars.get(b):
                return False
        for s, v in p.scalars.items():
            bd = self.bounds.get(s)
            if bd is None and isinstance(s, sp.Symbol):
                bd = bounds_of(s, self.ctx.domain.get(s))
            if bd is not None and not bd.admits(v):
                return False
        for b, vec in p.vectors.items():
            bd = self.bounds.get(b) or bounds_of(b[sp.Symbol("_k", integer=True)], self.ctx.domain.get(b))
            entries = vec.values() if isinstance(vec, dict) else vec[1:]
            if not all(bd.admits(v) for v in entries):
                return False
        for a in self.ctx.assuming:
            if isinstance(a, sp.Unequality):
                continue
            try:
                ok = _decide(exact_instance(a, p))
            except (TypeError, ValueError, ArithmeticError, AttributeError):
                ok = None
            if ok is None:
                ok = _numeric_decision(a, p)
            if ok is not True:
                return False
        return True


def _numeric_decision(a: sp.Basic, p) -> bool | None:
    """A hypothesis SymPy cannot instantiate exactly (a derivative in it): decided numerically,
    with the same precision escalation as the goal."""
    from . import sampling  # (sampling draws through this module)
    rel = {sp.Equality: "=", sp.StrictLessThan: "<", sp.LessThan: "<=", sp.StrictGreaterThan: ">",
           sp.GreaterThan: ">="}.get(type(a))
    if rel is None:
        return None
    reading = sampling.compare(a.lhs, a.rhs, p)
    return sampling.holds(reading, rel) if reading.status != "unknown" else None


class _Unset:
    """A view of a point with some vectors' entries left symbolic (to read an equation's form)."""

    def __init__(self, p, base=None):
        self.scalars = p.scalars
        self.vectors = {b: v for b, v in p.vectors.items() if base is not None and b != base}


def _order(s) -> tuple:
    return (str(s), sp.srepr(s))


def _linear_repair(rel: sp.Basic, free: list) -> _Repair | None:
    d = sp.expand(rel.lhs - rel.rhs)
    for s in sorted(set(free) & d.free_symbols, key=_order, reverse=True):
        c = sp.diff(d, s)
        if c.is_number and c != 0 and not sp.expand(d - c * s).has(s):
            return _Repair(rel, s, c, sp.expand(d - c * s))
    return None


def _points_up(rep: _Repair) -> bool:
    """Does the inequality ask the repaired symbol to be above its edge?"""
    greater = isinstance(rep.rel, (sp.StrictGreaterThan, sp.GreaterThan))
    return greater == bool(rep.coeff > 0)
