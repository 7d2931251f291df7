"""Strategies for log-sum-exp, soft max / min, entropy and KL statements (general n included).

Every strategy here only *proposes* a reduction of a goal to atoms; the kernel discharges the
atoms itself and cross-checks every proof numerically on the original goal. Each strategy is
general (no claim IDs, no particular expressions) and returns quickly on goals it does not fit.

  exp of both sides, =      l = r  <=>  e^l = e^r  for real l, r (exp is injective); sums atomized
                            for symbolic n, logs of products of positives split.
  monotone exp, general n   l < r  <=>  e^l < e^r, after the general-n preparation (linearity of
                            sums, splitting off the last term, the context's equations).
  monotone log              l < r  <=>  log l < log r  for positive l, r.
  positive factor           c*X rel r  <=>  X rel r/c  for c > 0 (relation flipped for c < 0).
  sums compared termwise    sum_j f(j) <= sum_j g(j) from f(j) <= g(j) for every j in the range
                            (and sum_j h(j) >= 0 from h(j) >= 0; sum_j h(j) >= h(k) when every
                            h(j) >= 0; F(sum f) <= F(sum g) when F is nondecreasing in the sum).
  convexity                 g(x) >= 0 on an interval from g'' > 0 there, g'(x0) = 0 at an x0 of
                            the interval and g(x0) >= 0 (strict away from x0 when a hypothesis says
                            x > x0 or x < x0). Gives ln t <= t - 1, p ln(p/q) >= p - q, e^x >= e*x.
"""
from __future__ import annotations

import sympy as sp

from ..budget import BudgetExceeded
from ..context import Context
from ..kernel import Atom, Nonneg, Pos, Reduction, Zero, discharge
from .legacy import (DEFAULT, FIXED_TRANSFORMS, apply_rules, atom_for, atomize_sums,
                         discharge_ranges, exp_to_positive, normalize_sums, oriented, register)

_MINE: list = []          # this module's strategies, in registration order
_DEPTH = [0]              # nesting of sub-proofs (strategies that call strategies)
_MAX_DEPTH = 3


def _mine(name: str):
    def deco(fn):
        register(name)(fn)
        _MINE.append((name, fn))
        return fn
    return deco


# ---------------------------------------------------------------- helpers
def peel_sums(e: sp.Basic) -> sp.Basic:
    """sum_{lo}^{h+d} f = sum_{lo}^{h} f + f(h+1) + ... + f(h+d) when both sums occur (d = 1..5).

    An identity for every h under SymPy's (Karr's) convention for sums with hi < lo."""
    sums = [s for s in e.atoms(sp.Sum) if len(s.limits) == 1]
    rep = {}
    for s in sums:
        (v, lo, hi), = s.limits
        for s2 in sums:
            if s2 == s:
                continue
            (v2, lo2, hi2), = s2.limits
            if lo2 != lo or s2.function.xreplace({v2: v}) != s.function:
                continue
            d = sp.expand(hi - hi2)
            if d.is_Integer and 0 < d <= 5:
                rep[s] = s2 + sp.Add(*[s.function.xreplace({v: hi2 + q}) for q in range(1, int(d) + 1)])
                break
    return e.xreplace(rep) if rep else e


def normalize(e: sp.Basic) -> sp.Basic:
    """The kernel's linearity of sums, after splitting exponentials of sums of terms inside
    each (non-nested) sum body, so that factors like e^M in e^{M - u_j} come out of the sum."""
    def pre(s):
        if len(s.limits) != 1 or s.function.has(sp.Sum):
            return s
        return sp.Sum(sp.expand(s.function, log=False, multinomial=False), *s.limits)
    return normalize_sums(e.replace(lambda x: isinstance(x, sp.Sum), pre))


def prepare(e: sp.Basic, ctx: Context) -> sp.Basic:
    """The general-n preparation: doit, index ranges, linearity of sums, last terms split off,
    the context's equations (e.g. sum_j p_j = 1)."""
    e = sp.sympify(e).doit()
    e = discharge_ranges(e, ctx)
    e = normalize(e).doit()
    e = discharge_ranges(e, ctx)
    e = peel_sums(e)
    return apply_rules(normalize(e), ctx)


def _prepared_pair(lhs, rhs, ctx: Context, atomize: bool = True, rules: bool = True,
                   split: bool = False):
    """Both sides prepared; with sums, atomized jointly (the same sum gets the same symbol).
    ``rules=False`` leaves the context's equations unused (a goal may hold without them, and
    using them can forget a fact, e.g. p_j <= sum_k p_k once the sum is replaced by 1);
    ``split`` peels the terms at the free indices off each atomized sum."""
    c = ctx if rules else Context((), ctx.domain, ctx.n, ctx.n_min)
    if ctx.n is not None or sp.sympify(lhs).has(sp.Sum) or sp.sympify(rhs).has(sp.Sum):
        pair = prepare(sp.Tuple(lhs, rhs), c)
        if atomize and pair.has(sp.Sum):
            pair = atomize_sums(pair, ctx, split)
        return pair[0], pair[1]
    return (apply_rules(sp.sympify(lhs).doit(), c), apply_rules(sp.sympify(rhs).doit(), c))


def _variants(lhs, rhs, ctx: Context):
    """Prepared pairs: with the context's equations, then without them with sums split at the
    free indices (each distinct)."""
    seen = set()
    for rules, split in ((True, False), (False, True)):
        try:
            pair = _prepared_pair(lhs, rhs, ctx, rules=rules, split=split)
        except (TypeError, ValueError, NotImplementedError):
            continue
        if pair not in seen:
            seen.add(pair)
            yield pair


def split_logs(e: sp.Expr) -> sp.Expr:
    """log(product of positives) -> sum of logs, after factoring each log's argument."""
    def rw(lg):
        arg = sp.factor(sp.cancel(sp.together(lg.args[0])))
        return sp.expand_log(sp.log(arg), force=False)
    return e.replace(lambda x: isinstance(x, sp.log), rw)


def t_logs(e, ctx):
    """exp -> positive symbols, logs of products split, then cancel."""
    e = exp_to_positive(sp.powsimp(sp.expand(e, mul=False, multinomial=False, log=False)))
    return sp.cancel(sp.together(sp.expand(split_logs(e))))


TRANSFORMS = list(FIXED_TRANSFORMS[:2]) + [("exp->positive symbols, logs split", t_logs)]


def _yield_all(d: sp.Expr, rel: str, prefix: str):
    for name, t in TRANSFORMS:
        try:
            r = t(d, None)
        except (TypeError, ValueError, NotImplementedError, sp.PolynomialError, RecursionError):
            continue
        yield Reduction((atom_for(rel, r, f"{prefix}{name}"),), f"{prefix}{name}")


def sub_proof(lhs, rel: str, rhs, ctx: Context, skip: tuple = ()):
    """The first reduction (of the kernel's strategies and this module's) whose atoms all
    discharge; None if none does. Used by strategies that reduce a goal to a sub-goal."""
    if _DEPTH[0] >= _MAX_DEPTH:
        return None
    _DEPTH[0] += 1
    try:
        for name, strat in _MINE + DEFAULT:   # the targeted ones first: they fail fast
            if name in skip:
                continue
            try:
                out = strat(lhs, rel, rhs, ctx)
                for red in ([out] if isinstance(out, Reduction) else (out or [])):
                    if red.atoms and all(discharge(a) for a in red.atoms):
                        return name, red
            except BudgetExceeded:
                raise
            except Exception:  # a strategy that breaks proposes nothing
                continue
    finally:
        _DEPTH[0] -= 1
    return None


def _relabel(red: Reduction, prefix: str) -> tuple[Atom, ...]:
    return tuple(Atom(a.kind, a.expr, f"{prefix}{a.note}") for a in red.atoms)


def _flip(rel: str) -> str:
    return {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "="}[rel]


# ---------------------------------------------------------------- exp / log of both sides
@_mine("exp of both sides, =")
def s_exp_eq(lhs, rel, rhs, ctx: Context):
    """l = r <=> e^l = e^r for real l, r: turns identities between logs into identities
    between sums of exponentials (and atomized sums)."""
    if rel != "=" or isinstance(lhs, sp.Limit) or not (sp.sympify(lhs).has(sp.log)
                                                       or sp.sympify(rhs).has(sp.log)):
        return
    l, r = _prepared_pair(lhs, rhs, ctx)
    if not (l.is_real and r.is_real):
        return
    d = sp.expand(sp.exp(l), mul=False, multinomial=False) - sp.expand(sp.exp(r), mul=False,
                                                                       multinomial=False)
    yield from _yield_all(d, "=", "exp of both sides (injective on the reals), ")


@_mine("monotone exp, general n")
def s_exp_mono_n(lhs, rel, rhs, ctx: Context):
    """l < r <=> e^l < e^r (exp strictly increasing), after the general-n preparation."""
    if rel == "=" or isinstance(lhs, sp.Limit):
        return
    if ctx.n is None and not (sp.sympify(lhs).has(sp.Sum) or sp.sympify(rhs).has(sp.Sum)):
        return
    for l, r in _variants(lhs, rhs, ctx):
        if not (l.is_real and r.is_real) or not (l.has(sp.log) or r.has(sp.log)):
            continue
        d = oriented(sp.expand(sp.exp(l), mul=False), rel, sp.expand(sp.exp(r), mul=False))
        yield from _yield_all(d, rel, "general n, exp of both sides, ")


@_mine("monotone log")
def s_log_mono(lhs, rel, rhs, ctx: Context):
    """l < r <=> log l < log r for positive l, r (log strictly increasing)."""
    if rel == "=" or isinstance(lhs, sp.Limit):
        return
    for l, r in _variants(lhs, rhs, ctx):
        if not (l.is_positive and r.is_positive) or not (l.has(sp.exp) or r.has(sp.exp)):
            continue
        d = oriented(split_logs(sp.log(l)), rel, split_logs(sp.log(r)))
        yield from _yield_all(d, rel, "log of both sides (both positive), ")


# ---------------------------------------------------------------- convexity
def _dummies(e: sp.Basic, more=()):
    """Indexed entries -> plain symbols with the base's assumptions (and the map back)."""
    rep = {}
    for ind in sorted(sp.Tuple(e, *more).atoms(sp.Indexed), key=sp.default_sort_key):
        asm = {}
        for key in ("positive", "nonnegative", "real"):
            if getattr(ind, f"is_{key}") is True:
                asm = {key: True}
                break
        rep[ind] = sp.Dummy(str(ind).replace("[", "_").replace("]", ""), **asm)
    return rep


def _interval_ok(x: sp.Symbol) -> str | None:
    """The interval a symbol ranges over, from its assumptions (None: not an interval)."""
    if x.is_integer:
        return None
    if x.is_positive:
        return "pos"
    if x.is_nonnegative:
        return "nonneg"
    if x.is_real:
        return "real"
    return None


def _hypothesis_excludes(x, x0, ctx: Context, rep: dict) -> bool:
    """A strict hypothesis x > x0 or x < x0 (so x != x0)."""
    for h in ctx.inequalities():
        if not isinstance(h, (sp.StrictGreaterThan, sp.StrictLessThan)):
            continue
        e = sp.expand((h.lhs - h.rhs).xreplace(rep))
        if sp.expand(e - (x - x0)) == 0 or sp.expand(e + (x - x0)) == 0:
            return True
    return False


@_mine("convexity")
def s_convexity(lhs, rel, rhs, ctx: Context):
    """g >= 0 for g strictly convex in one real variable x on its interval with a stationary
    point x0 in the interval and g(x0) >= 0 (> 0 away from x0 under a hypothesis x != x0)."""
    if rel == "=" or isinstance(lhs, sp.Limit):
        return
    d0 = sp.sympify(oriented(lhs, rel, rhs)).doit()
    if d0.has(sp.Sum, sp.Max, sp.Min, sp.Abs, sp.Piecewise, sp.Derivative, sp.Integral, sp.sign):
        return
    rep = _dummies(d0)
    back = {v: k for k, v in rep.items()}
    d = d0.xreplace(rep)
    strict = rel in ("<", ">")
    cands = [d]
    for ex in d.atoms(sp.exp):
        if ex.args[0].is_real:
            cands.append(sp.expand(d * sp.exp(-ex.args[0]), mul=True, power_exp=False))
    for g in cands:
        for x in sorted(g.free_symbols, key=str):
            kind = _interval_ok(x)
            if kind is None:
                continue
            g1 = sp.diff(g, x)
            g2 = sp.cancel(sp.together(sp.diff(g1, x)))
            if g2.is_positive is not True:
                g2 = sp.simplify(g2)
                if g2.is_positive is not True:
                    continue
            try:
                sols = [s for s in sp.solve(g1, x) if s.is_real is not False]
            except (NotImplementedError, ValueError, TypeError):
                continue
            if len(sols) != 1:
                continue
            x0 = sols[0]
            v0 = sp.simplify(g.xreplace({x: x0}))
            atoms = [Pos(g2, f"strictly convex in {x}"),
                     Zero(sp.simplify(g1.xreplace({x: x0})), f"stationary at {x} = {x0}")]
            if kind == "pos":
                atoms.append(Pos(x0, f"{x0} inside the interval"))
            elif kind == "nonneg":
                atoms.append(Nonneg(x0, f"{x0} inside the interval"))
            if strict and not (v0.is_positive is True):
                if not _hypothesis_excludes(x, x0, ctx, rep):
                    continue
                atoms.append(Nonneg(v0, f"minimum value at {x} = {x0}; strict since {x} != {x0}"))
            else:
                atoms.append((Pos if strict else Nonneg)(v0, f"minimum value at {x} = {x0}"))
            xs = back.get(x, x)
            yield Reduction(tuple(atoms), f"convex in {xs}, minimum at {xs} = {x0.xreplace(back)}")
            return


# ---------------------------------------------------------------- positive factor
@_mine("positive factor")
def s_positive_factor(lhs, rel, rhs, ctx: Context):
    """c*X rel r <=> X rel r/c for c > 0 (flipped for c < 0); the new goal by any strategy."""
    if isinstance(lhs, sp.Limit):
        return
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    for side in (0, 1):
        e = lhs if side == 0 else rhs
        if not isinstance(e, sp.Mul):
            continue
        c = sp.Mul(*[f for f in e.args if f.is_positive is True or (f.is_Number and f.is_negative)])
        if c == 1 or c == e or not c.is_nonzero:
            continue
        sign = 1 if c.is_positive else -1
        x = e / c
        other = (rhs if side == 0 else lhs) / c
        r2 = rel if sign > 0 else _flip(rel)
        goal = (x, r2, other) if side == 0 else (other, r2, x)
        found = sub_proof(*goal, ctx, skip=("positive factor",))
        if found:
            name, red = found
            yield Reduction(_relabel(red, f"divided by {c}: {name}: "),
                            f"divided both sides by {c} ({'> 0' if sign > 0 else '< 0'}), then {name}")
            return


# ---------------------------------------------------------------- termwise sums
def _single(s) -> bool:
    return isinstance(s, sp.Sum) and len(s.limits) == 1


def _fresh_index() -> sp.Symbol:
    return sp.Symbol("j_t", integer=True, positive=True)


def _term_ctx(goal_exprs, ctx: Context) -> Context:
    keep_n = any(sp.sympify(e).has(sp.Sum) for e in goal_exprs)
    return Context(ctx.assuming, ctx.domain, ctx.n if keep_n else None, ctx.n_min)


def _termwise_goal(f, rel, g, ctx, note, lo=None, hi=None):
    c2 = _term_ctx([f, g], ctx)
    if not _within_1_n(lo, hi, ctx):
        return None  # the fresh index is positive: sound only for a range inside 1..n
    found = sub_proof(f, rel, g, c2)
    if found:
        name, red = found
        return Reduction(_relabel(red, f"termwise ({name}): "), f"{note}; each term by {name}")
    return None


def _count_at_least(lo, hi, ctx: Context, k: int) -> bool:
    """The range lo..hi has at least k terms (hi - lo + 1 >= k) for every n >= n_min. With k = 0
    this is what makes a sum an ordinary sum (SymPy's Karr convention negates reversed ranges)."""
    c = sp.expand(hi - lo + 1 - k)
    if ctx.n is not None:
        q = sp.Symbol("q", integer=True, nonnegative=True)
        c = sp.expand(c.xreplace({ctx.n: ctx.n_min + q}))
    return c.is_nonnegative is True


def _nonempty(lo, hi, ctx: Context) -> bool:
    return _count_at_least(lo, hi, ctx, 1)


def _within_1_n(lo, hi, ctx: Context) -> bool:
    """1 <= lo and hi <= n (for every n >= n_min): the range's indices are indices of the vectors."""
    if ctx.n is None:
        return False
    q = sp.Symbol("q", integer=True, nonnegative=True)
    sub = {ctx.n: ctx.n_min + q}
    return (sp.expand((lo - 1).xreplace(sub)).is_nonnegative is True
            and sp.expand((ctx.n - hi).xreplace(sub)).is_nonnegative is True)


@_mine("sums compared termwise")
def s_termwise(lhs, rel, rhs, ctx: Context):
    """A finite sum compared termwise (sound: a sum of termwise <= terms is <=)."""
    if rel == "=" or isinstance(lhs, sp.Limit):
        return
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    small, big = (lhs, rhs) if rel in ("<", "<=") else (rhs, lhs)
    strict = rel in ("<", ">")
    jt = _fresh_index()
    # (a) sum_j f <= sum_j g over the same range
    if _single(small) and _single(big) and small.limits[0][1:] == big.limits[0][1:]:
        (v, lo, hi), (w, _, _) = small.limits[0], big.limits[0]
        if not _count_at_least(lo, hi, ctx, 1 if strict else 0):
            return
        red = _termwise_goal(small.function.xreplace({v: jt}), "<" if strict else "<=",
                             big.function.xreplace({w: jt}), ctx, "termwise comparison of sums", lo, hi)
        if red:
            yield red
        return
    # (b) sum_j h >= 0 (or <= 0)
    for s, other, r in ((big, small, ">="), (small, big, "<=")):
        if _single(s) and other == 0:
            (v, lo, hi), = s.limits
            if not _count_at_least(lo, hi, ctx, 1 if strict else 0):
                return
            rr = r.rstrip("=") if strict else r
            red = _termwise_goal(s.function.xreplace({v: jt}), rr, sp.Integer(0), ctx,
                                 "sign of every term", lo, hi)
            if red:
                yield red
            return
    # (c) sum_{j=1}^{n} h(j) >= h(k) for a free index k when every h(j) >= 0
    if _single(big) and not strict and ctx.n is not None:
        (v, lo, hi), = big.limits
        if lo == 1 and hi == ctx.n:
            from .legacy import index_ranges
            for k in index_ranges(ctx, small):
                if sp.expand(big.function.xreplace({v: k}) - small) == 0:
                    red = _termwise_goal(big.function.xreplace({v: jt}), ">=", sp.Integer(0), ctx,
                                         f"a sum of non-negative terms is >= its term at {k}", lo, hi)
                    if red:
                        yield red
                    return
    # (d) F(sum f) <= F(sum g): F the same function of the sum, nondecreasing in it
    sl = [s for s in small.atoms(sp.Sum) if _single(s)]
    bl = [s for s in big.atoms(sp.Sum) if _single(s)]
    for a in sl:
        for b in bl:
            if a == b or a.limits[0][1:] != b.limits[0][1:]:
                continue
            fa, fb = a.function, b.function
            pos = (fa.is_positive and fb.is_positive)
            nn = (fa.is_nonnegative and fb.is_nonnegative)
            S = sp.Symbol("S_t", positive=True) if pos else (
                sp.Symbol("S_t", nonnegative=True) if nn else sp.Symbol("S_t", real=True))
            F1, F2 = small.xreplace({a: S}), big.xreplace({b: S})
            if F1 != F2 or F1.has(a) or F1.has(b):
                continue
            # the sum's range must be non-empty if S was declared positive
            (v, lo, hi), = a.limits
            if not _count_at_least(lo, hi, ctx, 1 if pos else 0):
                continue
            dF = sp.cancel(sp.together(sp.diff(F1, S)))
            mono = Nonneg(dF, "the expression is nondecreasing in the sum")
            if not discharge(mono):
                continue
            red = None
            for sub in s_termwise(a, "<" if strict else "<=", b, ctx):
                red = sub
                break
            if red and (not strict or discharge(Pos(dF))):
                atoms = (mono,) + red.atoms + ((Pos(dF, "strictly increasing"),) if strict else ())
                yield Reduction(atoms, f"monotone in the sum, {red.note}")
                return
