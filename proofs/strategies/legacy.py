"""Legacy strategies (being moved to certificates, one mechanism at a time): SymPy rewrites that
*propose* a reduction of a goal to atoms, which the kernel discharges.

Each strategy has the signature ``(lhs, rel, rhs, ctx) -> Reduction | Iterable[Reduction] | None``.
They may be wrong or slow; the kernel runs them under a budget, discharges their atoms itself and
cross-checks every proof numerically. A strategy that raises simply proposes nothing.

An equality ``l = r`` reduces to ``Zero(T(l - r))``; ``l < r`` to ``Pos(T(r - l))``; ``l <= r`` to
``Nonneg(T(r - l))`` (and mirrored for ``>``, ``>=``), where T is an equivalence-preserving rewrite.
"""
from __future__ import annotations

import itertools
from typing import Callable, Iterable, Iterator

import sympy as sp

from ..context import Context
from ..kernel import Atom, Nonneg, Pos, Reduction, TrueAtom, Zero, discharge

Transform = Callable[[sp.Expr, Context], sp.Expr]


# ---------------------------------------------------------------- orientation
def oriented(lhs, rel: str, rhs) -> sp.Expr:
    """The expression whose zero-ness / sign decides the relation."""
    return lhs - rhs if rel in ("=", ">", ">=") else rhs - lhs


def atom_for(rel: str, d: sp.Expr, note: str = "") -> Atom:
    return Zero(d, note) if rel == "=" else (Pos(d, note) if rel in ("<", ">") else Nonneg(d, note))


def apply_rules(e: sp.Expr, ctx: Context) -> sp.Expr:
    """Use the context's equations ``Eq(lhs, rhs)`` as rewrite rules (sums compared up to dummies)."""
    for l, r in ctx.rewrite_rules():
        e = e.xreplace({l: r})
        if isinstance(l, sp.Sum):
            key = canon_sum(l)
            e = e.replace(lambda x: isinstance(x, sp.Sum) and canon_sum(x) == key, lambda x: r)
            flat = l.doit()
            if ctx.n is None and isinstance(flat, sp.Add):
                # at a concrete size the sum is expanded: solve the rule for its last entry
                last = sorted(flat.args, key=sp.default_sort_key)[-1]
                if isinstance(last, (sp.Indexed, sp.Symbol)):
                    e = e.xreplace({last: r - (flat - last)})
    return e


# ---------------------------------------------------------------- rewrites (transforms)
def t_cancel(e, ctx):
    return sp.cancel(sp.together(e))


def t_simplify(e, ctx):
    return sp.simplify(e)


def t_exp_positive_factor(e, ctx):
    """Factor after the substitution: exposes squares, e.g. 1/4 - E/(1+E)^2 = (E-1)^2/(4(E+1)^2)."""
    return sp.factor(sp.cancel(sp.together(exp_to_positive(sp.powsimp(e)))))


def exp_to_positive(e: sp.Expr) -> sp.Expr:
    """Substitute positive symbols for exponentials: exp(u) -> prod E_t^c for u = sum c*t.

    Every term t inside an exponent gets a positive symbol E_t = exp(t); bare occurrences of t
    elsewhere become log(E_t). Logs of products of positives are then expanded (valid because
    every factor is positive). Softmax identities become rational-function identities.
    """
    exps = sorted(e.atoms(sp.exp), key=sp.default_sort_key)
    if not exps:
        return e
    bases: dict[sp.Basic, sp.Symbol] = {}
    rep: dict[sp.Basic, sp.Expr] = {}
    for x in exps:
        u = sp.expand(x.args[0])
        out = sp.Integer(1)
        for term in sp.Add.make_args(u):
            c, t = term.as_coeff_Mul()
            if t == 1:
                out *= sp.exp(c)
                continue
            if not (t.is_real):
                return e  # complex exponent: leave untouched
            if t not in bases:
                bases[t] = sp.Symbol(f"E{len(bases)}", positive=True)
            out *= bases[t] ** c
        rep[x] = out
    e = e.xreplace(rep)
    back = {t: sp.log(s) for t, s in bases.items()}
    e = e.xreplace(back)
    return sp.expand_log(e, force=False)


def t_exp_positive(e, ctx):
    return sp.cancel(sp.together(exp_to_positive(sp.powsimp(e))))


def t_exp_positive_simplify(e, ctx):
    return sp.simplify(exp_to_positive(e))


FIXED_TRANSFORMS: list[tuple[str, Transform]] = [
    ("cancel", t_cancel),
    ("exp->positive symbols", t_exp_positive),
    ("exp->positive symbols, factor", t_exp_positive_factor),
    ("simplify", t_simplify),
    ("exp->positive symbols, simplify", t_exp_positive_simplify),
]


def _reductions(d: sp.Expr, rel: str, ctx: Context, prefix: str = "",
                transforms=None) -> Iterator[Reduction]:
    for name, t in transforms or FIXED_TRANSFORMS:
        try:
            r = t(d, ctx)
        except (TypeError, ValueError, NotImplementedError, sp.PolynomialError, RecursionError):
            continue
        yield Reduction((atom_for(rel, r, f"{prefix}{name}"),), f"{prefix}{name}")


# ---------------------------------------------------------------- fixed-size strategies
def s_rewrite(lhs, rel, rhs, ctx: Context) -> Iterator[Reduction]:
    """doit, the context's equations, then cancel / exp->positive symbols / simplify."""
    if isinstance(lhs, sp.Limit) or ctx.n is not None:
        return
    d = apply_rules(sp.sympify(oriented(lhs, rel, rhs)).doit(), ctx)
    yield from _reductions(d, rel, ctx)


def s_monotone_exp(lhs, rel, rhs, ctx: Context) -> Iterator[Reduction]:
    """Compare exp of both sides (exp is strictly increasing): for log-sum-exp statements."""
    if rel == "=" or isinstance(lhs, sp.Limit) or ctx.n is not None:
        return
    l, r = sp.sympify(lhs).doit(), sp.sympify(rhs).doit()
    if not (l.is_real and r.is_real):
        return
    d = oriented(sp.exp(l), rel, sp.exp(r))
    yield from _reductions(apply_rules(d, ctx), rel, ctx, "exp of both sides, ")


# ---------------------------------------------------------------- case splits
def _max_min_pairs(e: sp.Basic) -> list[tuple[sp.Expr, sp.Expr]]:
    return [tuple(m.args) for m in e.atoms(sp.Max, sp.Min) if len(m.args) == 2]


def trichotomy(a: sp.Expr, b: sp.Expr) -> list[tuple[str, dict]]:
    """The three exhaustive cases a > b, a < b, a = b, as substitutions (d > 0 fresh)."""
    d = sp.Dummy("d", positive=True)
    if isinstance(b, sp.Symbol):
        return [(f"{a} > {b}", {b: a - d}), (f"{a} < {b}", {b: a + d}), (f"{a} = {b}", {b: a})]
    if isinstance(a, sp.Symbol):
        return [(f"{a} < {b}", {a: b - d}), (f"{a} > {b}", {a: b + d}), (f"{a} = {b}", {a: b})]
    return []


def s_case_split(lhs, rel, rhs, ctx: Context) -> Iterator[Reduction]:
    """Split on the order of the arguments of a two-argument Max/Min; each case by the rewrites."""
    if isinstance(lhs, sp.Limit) or ctx.n is not None:
        return
    whole = sp.sympify(oriented(lhs, rel, rhs))
    pairs = _max_min_pairs(whole)
    if not pairs:
        return
    cases = trichotomy(*pairs[0])
    if not cases:
        return
    atoms: list[Atom] = []
    for label, sub in cases:
        l, r = sp.sympify(lhs).xreplace(sub), sp.sympify(rhs).xreplace(sub)
        best = None
        for strat in (s_rewrite, s_monotone_exp):
            for red in strat(l, rel, r, ctx):
                if all(discharge(a) for a in red.atoms):
                    best = red
                    break
            if best:
                break
        if best is None:
            return
        atoms += [Atom(a.kind, a.expr, f"case {label}: {a.note}") for a in best.atoms]
    yield Reduction(tuple(atoms), "case split " + " / ".join(c for c, _ in cases))


# ---------------------------------------------------------------- limits
def _factor_log_sums(f: sp.Expr, top: sp.Expr) -> sp.Expr:
    """log(sum_k exp(u_k)) -> top + log(sum_k exp(u_k - top)): exact for any real top."""
    def rw(lg):
        inner = lg.args[0]
        if not isinstance(inner, sp.Add) or not all(_is_exp_term(t) for t in inner.args):
            return lg
        return top + sp.log(sp.Add(*[sp.powsimp(t * sp.exp(-top)) for t in inner.args]))
    return f.replace(lambda x: isinstance(x, sp.log), rw)


def _is_exp_term(t) -> bool:
    c, rest = t.as_coeff_Mul()
    return c.is_positive and isinstance(rest, sp.exp)


def s_limit(lhs, rel, rhs, ctx: Context) -> Iterator[Reduction]:
    """Evaluate a Limit with SymPy: directly, then per order case with the dominant exponential
    factored out of each log-sum-exp (SymPy's limit cannot handle the unknown sign of the
    parameters in log(exp(l*a) + exp(l*b))/l, but can once b = a - d with d > 0)."""
    if not isinstance(lhs, sp.Limit) or rel != "=":
        return
    f, x, x0, dr = lhs.args
    try:
        v = sp.limit(f, x, x0, str(dr))
        if not v.has(sp.Limit, sp.Derivative, x):  # an unevaluated answer is no answer
            if sp.sympify(rhs).is_infinite or v.is_infinite:  # oo - oo is nan: compare directly
                yield Reduction((TrueAtom(sp.Eq(v, rhs), "sympy.limit"),), "sympy.limit")
            else:
                yield Reduction((Zero(sp.simplify(v - rhs), "sympy.limit"),), "sympy.limit")
    except (NotImplementedError, ValueError, TypeError):
        pass
    pairs = _max_min_pairs(sp.sympify(rhs)) or _exponent_pairs(f, x)
    if not pairs:
        return
    cases = trichotomy(*pairs[0])
    atoms = []
    for label, sub in cases:
        fc, rc = f.xreplace(sub), sp.sympify(rhs).xreplace(sub)
        found = None
        for top in _exponents(fc) or [sp.Integer(0)]:
            g = sp.expand(_factor_log_sums(fc, top))
            try:
                v = sp.limit(g, x, x0, str(dr))
            except (NotImplementedError, ValueError, TypeError):
                continue
            if v.has(sp.Limit, sp.Derivative, x):
                continue
            a = Zero(sp.simplify(v - rc), f"case {label}: factor exp({top}) out, sympy.limit = {v}")
            if discharge(a):
                found = a
                break
        if found is None:
            return
        atoms.append(found)
    yield Reduction(tuple(atoms), "case split on the order of the exponents, dominant term factored out")


def _exponents(f: sp.Expr) -> list[sp.Expr]:
    return sorted({e.args[0] for e in f.atoms(sp.exp)}, key=sp.default_sort_key)


def _exponent_pairs(f, x) -> list[tuple]:
    """Two symbols whose order decides which exponential dominates (e.g. a, b in exp(l*a))."""
    syms = sorted({s for e in f.atoms(sp.exp) for s in e.args[0].free_symbols if s != x}, key=str)
    return [(syms[0], syms[1])] if len(syms) == 2 else []


# ---------------------------------------------------------------- general n
def canon_sum(s: sp.Sum) -> sp.Sum:
    """A Sum with its dummy renamed canonically, so equal sums compare equal.

    The new name must not occur anywhere in the summand — bound variables of inner sums and
    products included — or the rename would capture them."""
    (v, lo, hi), = s.limits
    used = {x.name for x in s.function.atoms(sp.Symbol) if x != v}
    k = 0
    while f"_j{k}" in used:
        k += 1
    j = sp.Symbol(f"_j{k}", integer=True)
    return sp.Sum(s.function.xreplace({v: j}), (j, lo, hi))


def index_ranges(ctx: Context, e: sp.Basic) -> dict[sp.Symbol, tuple]:
    """Free index symbols of e, each ranging over 1..n."""
    from ..numeric import _index_symbols
    return {i: (1, ctx.n) for i in _index_symbols(e)}


def _decide_condition(c: sp.Basic, ctx: Context, idx: Iterable[sp.Symbol]) -> sp.Basic:
    """Evaluate a Piecewise condition using 1 <= index <= n and the declared i != k."""
    distinct = {frozenset(p) for p in ctx.distinct()}

    def rel(r):
        if isinstance(r, (sp.Eq, sp.Ne)) and frozenset((r.lhs, r.rhs)) in distinct:
            return sp.false if isinstance(r, sp.Eq) else sp.true
        syms = [s for s in r.free_symbols if s in idx]
        if len(syms) != 1 or not isinstance(r, (sp.LessThan, sp.StrictLessThan, sp.GreaterThan,
                                                 sp.StrictGreaterThan)):
            return r
        x = syms[0]
        p, q = sp.Symbol("p", integer=True, nonnegative=True), sp.Symbol("q", integer=True, nonnegative=True)
        r2 = r.xreplace({ctx.n: x + q}).xreplace({x: 1 + p})
        return r2 if r2 in (sp.true, sp.false) else r
    return c.replace(lambda r: isinstance(r, sp.Rel), rel)


def discharge_ranges(e: sp.Expr, ctx: Context) -> sp.Expr:
    """Resolve the Piecewise residue of doit() by the index ranges, not by ignoring it."""
    idx = set(index_ranges(ctx, e))

    def pw(p):
        args = []
        for val, cond in p.args:
            c = _decide_condition(cond, ctx, idx)
            if c is sp.true:
                return val if not args else sp.Piecewise(*args, (val, True))
            if c is not sp.false:
                args.append((val, c))
        return sp.Piecewise(*args) if args else sp.nan
    e = e.replace(lambda x: isinstance(x, sp.Piecewise), pw)
    for a, b in ctx.distinct():
        e = e.xreplace({sp.KroneckerDelta(a, b): 0, sp.KroneckerDelta(b, a): 0})
    return e


def normalize_sums(e: sp.Expr) -> sp.Expr:
    """Linearity of Sum: split sums of terms, pull factors free of the dummy outside."""
    def norm(s):
        if len(s.limits) != 1:
            return s
        (v, lo, hi), = s.limits
        out = sp.Integer(0)
        # expand splits e^{a+b} = e^a e^b (so constants leave the sum, and e^{-u} e^{u} = 1), but it
        # would turn e^{Sum} into a Product with a dummy of its own: shield those while expanding
        shield = {x: sp.Dummy("E") for x in s.function.atoms(sp.exp) if x.args[0].has(sp.Sum)}
        body = sp.expand(s.function.xreplace(shield)).xreplace({d: x for x, d in shield.items()})
        for term in sp.Add.make_args(body):
            c, dep = term.as_independent(v, as_Add=False)
            out += c * (canon_sum(sp.Sum(dep, (v, lo, hi))) if dep != 1 else (hi - lo + 1))
        return out
    prev = None
    while prev != e:
        prev, e = e, e.replace(lambda x: isinstance(x, sp.Sum), norm)
    return e


def atomize_sums(e: sp.Expr, ctx: Context, split: bool) -> sp.Expr:
    """Replace each distinct Sum by a symbol (sound: an identity in free symbols holds for any
    values). With ``split``, peel off the terms at the free indices first:
    sum_j f(j) = sum_{f in F} f(f) + R with R > 0 (positive summand, n > |F|) — this keeps
    facts such as sum_j e^{z_j} > e^{z_i} that a bare symbol would forget."""
    idx = sorted(index_ranges(ctx, e), key=str)
    distinct = {frozenset(p) for p in ctx.distinct()}
    pairwise = all(frozenset(p) in distinct for p in itertools.combinations(idx, 2))
    names: dict = {}

    def atom(s):
        key = canon_sum(s)
        if key in names:
            return names[key]
        body = key.function
        (v, lo, hi), = key.limits
        k = len(names)
        # a positive summand makes a positive sum only over a range known to be non-empty:
        # hi - lo >= 0 for every n >= n_min (checked with n = n_min + q, q >= 0)
        q = sp.Symbol("q", integer=True, nonnegative=True)
        span = (hi - lo).xreplace({ctx.n: ctx.n_min + q}) if ctx.n is not None else hi - lo
        nonempty = bool(span.is_nonnegative)
        if not nonempty:
            names[key] = sp.Symbol(f"S{k}", nonnegative=True) if body.is_nonnegative else \
                sp.Symbol(f"S{k}", real=True)
            return names[key]
        if split and pairwise and idx and lo == 1 and hi == ctx.n:  # indices range over 1..n only
            rest_pos = body.is_positive and ctx.n_min > len(idx)
            r = sp.Symbol(f"R{k}", positive=True) if rest_pos else \
                sp.Symbol(f"R{k}", nonnegative=True) if body.is_nonnegative else sp.Symbol(f"R{k}", real=True)
            names[key] = sp.Add(*[body.xreplace({v: i}) for i in idx]) + r
        else:
            names[key] = sp.Symbol(f"S{k}", positive=True) if body.is_positive else \
                sp.Symbol(f"S{k}", nonnegative=True) if body.is_nonnegative else sp.Symbol(f"S{k}", real=True)
        return names[key]
    return e.replace(lambda x: isinstance(x, sp.Sum), atom)


def s_general_n(lhs, rel, rhs, ctx: Context) -> Iterator[Reduction]:
    """For symbolic n: doit, discharge the Piecewise residue by index ranges, linearity of sums,
    the context's equations (e.g. sum_j y_j = 1), then sums as atoms and exp -> positive symbols."""
    if ctx.n is None or isinstance(lhs, sp.Limit):
        return
    d = sp.sympify(oriented(lhs, rel, rhs)).doit()
    d = discharge_ranges(d, ctx)
    d = normalize_sums(d).doit()
    d = discharge_ranges(d, ctx)
    d = apply_rules(normalize_sums(d), ctx)
    for split in (False, True):
        a = atomize_sums(d, ctx, split)
        note = "sums split at the free indices" if split else "sums as atoms"
        for name, t in FIXED_TRANSFORMS[:3]:
            try:
                r = t(a, ctx)
            except (TypeError, ValueError, NotImplementedError, sp.PolynomialError):
                continue
            yield Reduction((atom_for(rel, r, f"general n: {note}, {name}"),), f"general n: {note}, {name}")


DEFAULT: list[tuple[str, Callable]] = [
    ("rewrite", s_rewrite),
    ("monotone exp", s_monotone_exp),
    ("case split", s_case_split),
    ("limit", s_limit),
    ("general n", s_general_n),
]

_extra: list[tuple[str, Callable]] = []


def register(name: str):
    """Decorator: add a strategy (content modules may add their own; the kernel still decides)."""
    def deco(fn):
        if all(n != name for n, _ in _extra):  # a module imported twice registers once
            _extra.append((name, fn))
        return fn
    return deco
