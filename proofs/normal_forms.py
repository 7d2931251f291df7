"""The kernel's normal forms: what it may do to an expression without a certificate (trusted).

Everything here is an equivalence under the project's one convention for sums — a sum over an
empty range is 0 (SymPy's ``Sum.doit`` uses Karr's reversed-range convention instead, so the kernel
never calls it on a sum with symbolic bounds). Derivatives are evaluated with SymPy's ``diff``;
Piecewise and KroneckerDelta residues are decided by the index ranges, never ignored.

``is_zero`` is the kernel's identity test: it answers True only when a sound normal form of the
expression is literally 0 (expand, cancel, exponentials as positive symbols, logs of products of
positives expanded). It may answer False for an identity it cannot see; that costs a proof, never
soundness. Before the costly forms, a numeric probe (exact points that fit every symbol's
assumptions, evalf at 50 and 80 digits) answers False at once where the value is clearly non-zero:
no sound form can make 0 of such an expression, so the probe only saves time.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

import sympy as sp
from sympy.core.assumptions import _assume_defined
from sympy.polys.polyerrors import BasePolynomialError

MAX_TERMS = 2000  # a concrete-range sum or product longer than this is left as it is


@dataclass(frozen=True)
class Ranges:
    """Integer variables with their ranges ``lo <= v <= hi`` (bounds may use n and earlier
    variables), the size symbol n with n >= n_min, and pairs of indices known to differ."""

    bounds: tuple[tuple[sp.Symbol, sp.Expr, sp.Expr], ...] = ()
    n: sp.Symbol | None = None
    n_min: int = 1
    distinct: frozenset = field(default_factory=frozenset)

    def with_var(self, v: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> "Ranges":
        # the newest variable first: its bounds may mention the others, so it is eliminated first;
        # a binder's v is a new variable: what was known about an outer v (v ≠ i) is not about it
        return Ranges(((v, sp.sympify(lo), sp.sympify(hi)),) + self.bounds, self.n, self.n_min,
                      frozenset(p for p in self.distinct if not any(sp.sympify(x).has(v) for x in p)))

    def differ(self, a, b) -> bool:
        return frozenset((a, b)) in self.distinct


def fresh(name: str, avoid=(), **assumptions) -> sp.Dummy:
    """A new Dummy that occurs in none of ``avoid``: a user can build a Dummy with the name,
    index and assumptions the next one will get (Dummy._count is public), and the kernel's new
    symbol would then be the user's."""
    taken = set().union(*(sp.sympify(a).atoms(sp.Dummy) for a in avoid))
    while True:
        d = sp.Dummy(name, **assumptions)
        if d not in taken:
            return d


def free_indices(exprs, n=None) -> list[sp.Symbol]:
    """Integer symbols used as indices (of Indexed objects, Kronecker deltas, a derivative's
    variable z[k]) where no enclosing sum or product binds them; never n."""
    out: set = set()

    def walk(x, bound: frozenset):
        if isinstance(x, sp.Indexed):
            out.update(s for i in x.indices for s in i.free_symbols if s.is_integer and s not in bound)
        elif isinstance(x, sp.KroneckerDelta):
            out.update(s for a in x.args for s in a.free_symbols if s.is_integer and s not in bound)
        if isinstance(x, (sp.Sum, sp.Product)):
            for lim in x.limits:
                for b in lim[1:]:
                    walk(b, bound)
            walk(x.function, bound | {lim[0] for lim in x.limits})
            return
        for a in getattr(x, "args", ()):
            walk(a, bound)
    for e in exprs:
        walk(sp.sympify(e), frozenset())
    out.discard(n)
    return sorted(out, key=sp.default_sort_key)


# ---------------------------------------------------------------- integer arithmetic on indices
def _linear_min(e: sp.Expr, r: Ranges) -> sp.Expr | None:
    """A lower bound of the linear integer expression e over the ranges, in terms of n only
    (None when e is not linear in the ranged variables or a coefficient's sign is unknown)."""
    e = sp.expand(e)
    for v, lo, hi in r.bounds:
        if not e.has(v):
            continue
        a = e.coeff(v)
        if a.has(v) or not a.is_number or sp.expand(e - a * v).has(v):
            return None
        e = sp.expand(e - a * v + a * (lo if a > 0 else hi))
    return e


def nonneg_on_ranges(e: sp.Expr, r: Ranges) -> bool:
    """e >= 0 for every integer point of the ranges and every n >= n_min (sound, incomplete)."""
    m = _linear_min(e, r)
    if m is None:
        return False
    if r.n is not None and m.has(r.n):
        q = fresh("q", (m,), integer=True, nonnegative=True)
        m = sp.expand(m.xreplace({r.n: r.n_min + q}))
    return m.is_nonnegative is True


def _integral(e: sp.Expr) -> bool:
    return all(t.is_integer for t in sp.Add.make_args(sp.expand(e)))


def decide_relation(rel: sp.Basic, r: Ranges) -> sp.Basic:
    """A relation between integer expressions decided on the ranges: true, false or unchanged."""
    if rel in (sp.true, sp.false):
        return rel
    if isinstance(rel, (sp.Eq, sp.Ne)):
        a, b = rel.lhs, rel.rhs
        differ = r.differ(a, b)
        d = sp.expand(a - b)
        if d.is_number:
            z = d.is_zero  # exact for rationals; evalf-backed for others; None when it cannot tell
            if z is None:
                return rel
            same = bool(z)
        elif differ:
            same = False
        elif _integral(d) and (nonneg_on_ranges(d - 1, r) or nonneg_on_ranges(-d - 1, r)):
            same = False
        else:
            return rel
        return sp.true if same == isinstance(rel, sp.Eq) else sp.false
    if isinstance(rel, (sp.Ge, sp.Gt, sp.Le, sp.Lt)):
        d = sp.expand(rel.lhs - rel.rhs) if isinstance(rel, (sp.Ge, sp.Gt)) else sp.expand(rel.rhs - rel.lhs)
        strict = isinstance(rel, (sp.Gt, sp.Lt))
        if not _integral(d):
            return rel
        if nonneg_on_ranges(d - 1 if strict else d, r):
            return sp.true
        if nonneg_on_ranges(-d if strict else -d - 1, r):
            return sp.false
    return rel


def decide_condition(c: sp.Basic, r: Ranges) -> sp.Basic:
    """A Boolean condition with its integer relations decided on the ranges."""
    c = c.replace(lambda x: isinstance(x, sp.Rel), lambda x: decide_relation(x, r))
    return sp.simplify_logic(c) if isinstance(c, sp.logic.boolalg.Boolean) and not \
        isinstance(c, sp.logic.boolalg.BooleanAtom) and len(c.atoms(sp.Rel)) <= 4 else c


# ---------------------------------------------------------------- evaluation
def count(lo: sp.Expr, hi: sp.Expr, r: Ranges) -> sp.Expr | None:
    """The number of integers in [lo, hi] when it is hi - lo + 1 on every admissible point
    (integer bounds only: with others the count is not hi - lo + 1)."""
    if not (sp.sympify(lo).is_integer and sp.sympify(hi).is_integer):
        return None
    if nonneg_on_ranges(hi - lo + 1, r):
        return sp.expand(hi - lo + 1)
    d = sp.expand(hi - lo + 1)
    if d.is_number:
        return sp.Integer(max(0, int(d)))
    return None


def _expand_concrete(s: sp.Basic) -> sp.Basic:
    """A sum or product over a range of known length written out (an empty range is 0 or 1):
    lo..hi with integer bounds, or lo..lo + d for a constant d (Σ_{j=n}^{n} f = f(n))."""
    (v, lo, hi), = s.limits
    if not (lo.is_integer and hi.is_integer):
        return s
    d = sp.expand(hi - lo)
    if not d.is_Integer or d + 1 > MAX_TERMS:
        return s
    terms = [s.function.xreplace({v: lo + k}) for k in range(int(d) + 1)]
    return sp.Add(*terms) if isinstance(s, sp.Sum) else sp.Mul(*terms)


def align_sums(e: sp.Basic, r: Ranges) -> sp.Basic:
    """Σ_{lo}^{h+d} f = Σ_{lo}^{h} f + f(h+1) + … + f(h+d) when both sums occur (d = 1..5) and the
    shorter one's range is never reversed (h − lo + 1 ≥ 0 for every n ≥ n_min): under the
    empty-range convention the identity needs exactly that."""
    sums = [x for x in e.atoms(sp.Sum) if len(x.limits) == 1]
    rep = {}
    for s in sums:
        (v, lo, hi), = s.limits
        for s2 in sums:
            (v2, lo2, hi2), = s2.limits
            if s2 == s or lo2 != lo or s2.function.xreplace({v2: v}) != s.function:
                continue
            d = sp.expand(hi - hi2)
            if d.is_Integer and 0 < d <= 5 and count(lo, hi2, r) is not None and nonneg_on_ranges(hi2 - lo + 1, r):
                rep[s] = s2 + sp.Add(*[s.function.xreplace({v: hi2 + q}) for q in range(1, int(d) + 1)])
                break
    return e.xreplace(rep) if rep else e


def _canon(s: sp.Sum) -> sp.Sum:
    """The sum with its bound variable renamed canonically (fresh: not free in the body)."""
    (v, lo, hi), = s.limits
    used = {x for x in s.function.atoms(sp.Symbol) if x != v}
    k = 0
    while _bound_name(k) in used:
        k += 1
    w = _bound_name(k)
    return sp.Sum(s.function.xreplace({v: w}), (w, lo, hi))


def _bound_name(k: int) -> sp.Dummy:
    """The k-th canonical bound variable: a Dummy with a fixed index (equal to itself on every
    call, distinct from every Symbol a user can write, e.g. one named _k0)."""
    return sp.Dummy(f"k{k}", dummy_index=10**9 + k, integer=True)


def _sum_linear(s: sp.Sum, r: Ranges) -> sp.Expr:
    """Linearity of one sum: split its terms, pull factors free of the bound variable out,
    count constant terms (only when the count is known), evaluate Kronecker deltas."""
    if len(s.limits) != 1:
        return s
    (v, lo, hi), = s.limits
    if not (lo.is_integer and hi.is_integer):
        return s  # the convention (integers lo..hi) needs integer bounds: left as it is
    concrete = _expand_concrete(s)
    if concrete is not s:
        return concrete
    # e^{a+b} = e^a e^b lets constants leave the sum; an e^{Sum} is shielded from becoming a Product
    shield = {x: fresh("E", (s,)) for x in s.function.atoms(sp.exp) if x.args[0].has(sp.Sum)}
    body = sp.expand(s.function.xreplace(shield), power_exp=True, log=False)
    body = body.xreplace({d: x for x, d in shield.items()})
    inner = r.with_var(v, lo, hi)
    out = sp.Integer(0)
    for term in sp.Add.make_args(body):
        c, dep = term.as_independent(v, as_Add=False)
        if dep == 1:
            k = count(lo, hi, r)
            out += c * k if k is not None else c * sp.Sum(1, (v, lo, hi))
            continue
        deltas = [d for d in sp.Mul.make_args(dep) if isinstance(d, sp.KroneckerDelta)
                  and v in d.free_symbols and any(not a.has(v) for a in d.args)]
        if deltas:
            d = deltas[0]
            a = d.args[0] if not d.args[0].has(v) else d.args[1]
            if d.args[0] - d.args[1] in (v - a, a - v) and a.is_integer and lo.is_integer and hi.is_integer:
                inside = decide_condition(sp.And(sp.Ge(a, lo), sp.Le(a, hi)), r)
                val = (dep / d).xreplace({v: a})
                if inside is sp.true:
                    out += c * val
                    continue
                if inside is sp.false:
                    continue
                out += c * sp.Piecewise((val, inside), (0, True))
                continue
        dep = evaluate_piecewise(dep, inner)
        out += c * _canon(sp.Sum(dep, (v, lo, hi))) if dep != 0 else 0
    return out


_BINDERS = (sp.Sum, sp.Product, sp.Integral, sp.Limit, sp.Derivative, sp.Subs, sp.Lambda)


def bound_by(b: sp.Basic) -> set:
    """The variables a binder binds (a derivative binds the symbols of its variables)."""
    if isinstance(b, sp.Derivative):
        return {s for v, _ in b.variable_count for s in v.free_symbols}
    if isinstance(b, sp.Subs):
        return set(b.variables)
    if isinstance(b, sp.Limit):
        return {b.args[1]}
    if isinstance(b, sp.Lambda):
        return set(b.variables)
    if isinstance(b, sp.Integral):  # an indefinite integral is a function of its variable
        return {lim[0] for lim in b.limits if len(lim) > 1}
    return {lim[0] for lim in b.limits}


def evaluate_piecewise(e: sp.Basic, r: Ranges) -> sp.Basic:
    """Piecewise conditions and Kronecker deltas decided on the ranges (never dropped), except
    under a binder that re-binds a ranged variable (there the name means something else)."""
    ranged = {v for v, _, _ in r.bounds} | ({r.n} if r.n is not None else set())

    def pw(p):
        args = []
        for val, cond in p.args:
            c = decide_condition(cond, r)
            if c is sp.true:
                return val if not args else sp.Piecewise(*args, (val, True))
            if c is not sp.false:
                args.append((val, c))
        return sp.Piecewise(*args) if args else sp.nan

    def kd(d):
        c = decide_relation(sp.Eq(d.args[0], d.args[1], evaluate=False), r)
        return sp.Integer(1) if c is sp.true else sp.Integer(0) if c is sp.false else d

    def walk(x):
        if not isinstance(x, sp.Basic) or not x.args:
            return x
        if isinstance(x, _BINDERS) and bound_by(x) & ranged:
            return x
        new = x.func(*[walk(a) for a in x.args]) if not isinstance(x, sp.MatrixBase) else x
        if isinstance(new, sp.Piecewise):
            return pw(new)
        if isinstance(new, sp.KroneckerDelta):
            return kd(new)
        return new
    return walk(e)


def _derivative(d: sp.Derivative) -> sp.Basic:
    """diff, except where a variable's symbols are bound inside the expression (SymPy would
    capture them: d/dx_j of sum_j x_j^2 is not sum_j 2 x_j)."""
    inner = {s for b in d.expr.atoms(*_BINDERS) for s in bound_by(b)}
    if {s for v, _ in d.variable_count for s in v.free_symbols} & inner:
        return d
    return d.doit(deep=False)


def function_rewrites(e: sp.Basic) -> sp.Basic:
    """log1p(u) -> log(1 + u), expm1(u) -> exp(u) - 1 (``sympy.codegen.cfunctions``): each is
    the function's definition, so the rewrite is an identity, and the other forms then see exp/log."""
    from sympy.codegen.cfunctions import expm1, log1p
    if not e.has(log1p, expm1):
        return e
    return e.replace(lambda x: isinstance(x, log1p), lambda x: sp.log(1 + x.args[0])) \
            .replace(lambda x: isinstance(x, expm1), lambda x: sp.exp(x.args[0]) - 1)


def log_of_product(e: sp.Basic) -> sp.Basic:
    """log Π_{j=lo}^{hi} f(j) -> Σ_{j=lo}^{hi} log f(j) when every factor is positive (SymPy's
    assumptions say so) and the bounds are integers: log(ab) = log a + log b for a, b > 0, by
    induction on the number of factors; an empty product is 1 and log 1 = 0, the empty sum
    (the project's convention for both)."""
    def split(x):
        arg = x.args[0]
        if isinstance(arg, sp.Product) and len(arg.limits) == 1:
            (v, lo, hi), = arg.limits
            # positivity on the range, not from the bound name's declared assumptions (j declared
            # positive over −2..−1 made log Π j = Σ log j = log 2 + 2πi)
            k = fresh("k", (arg,), integer=True)
            if arg.function.xreplace({v: k}).is_positive is True and lo.is_integer and hi.is_integer:
                return sp.Sum(sp.log(arg.function), (v, lo, hi))
        return x
    return e.replace(lambda x: isinstance(x, sp.log) and isinstance(x.args[0], sp.Product), split) \
        if e.has(sp.Product) else e


def kronecker_substitute(e: sp.Basic) -> sp.Basic:
    """δ_ab · g(a) -> δ_ab · g(b) in every product term (a, b integer symbols, the later in SymPy's
    order replaced by the earlier, so both sides of an identity reach the same form).

    An identity: where a = b the two terms are the same number, where a ≠ b both are 0. Not done
    inside a term that binds a or b (there the name is another variable)."""
    if not e.has(sp.KroneckerDelta):
        return e

    def sub(m):
        for d in m.args:
            if not isinstance(d, sp.KroneckerDelta):
                continue
            a, b = d.args
            if not (isinstance(a, sp.Symbol) and isinstance(b, sp.Symbol) and a.is_integer and b.is_integer):
                continue
            old, new = sorted((a, b), key=sp.default_sort_key)[::-1]
            rest = sp.Mul(*[f for f in m.args if f is not d])
            bound = {v for x in rest.atoms(*_BINDERS) for v in bound_by(x)}
            if old in bound or new in bound or not rest.has(old):
                continue
            return d * rest.xreplace({old: new})
        return m
    return sp.expand(e).replace(lambda x: isinstance(x, sp.Mul) and x.has(sp.KroneckerDelta), sub)


def _kinds(e: sp.Basic) -> set:
    """The classes of e's nodes, in one walk (a pass whose node kind is absent is skipped)."""
    return {type(x) for x in sp.preorder_traversal(e)} if isinstance(e, sp.Basic) else set()


def _present(kinds: set, *classes) -> bool:
    return any(issubclass(k, classes) for k in kinds)


def evaluate(e: sp.Basic, r: Ranges) -> sp.Basic:
    """Derivatives evaluated (``diff``), sums by linearity and Kronecker deltas, concrete sums and
    products written out, Piecewise residues decided on the ranges. Repeated to a fixed point."""
    if not isinstance(e, sp.Basic):  # a mutable matrix: entry by entry
        return e.applyfunc(lambda x: evaluate(x, r)) if hasattr(e, "applyfunc") else e
    return _evaluate(e, r)


@functools.lru_cache(maxsize=4096)
def _evaluate(e: sp.Basic, r: Ranges) -> sp.Basic:
    # memoized: the result is a function of the expression and the ranges only (fresh Dummies
    # made inside never reach it; the canonical bound names are fixed), and strategies ask the
    # kernel about the same sides many times. Each pass runs only when its node kind occurs: a
    # pass over a tree without such nodes returns the tree unchanged, so skipping it is the same.
    e = log_of_product(function_rewrites(e))
    passes = (((sp.Derivative,), lambda x: x.replace(lambda d: isinstance(d, sp.Derivative), _derivative)),
              ((sp.Product,), lambda x: x.replace(lambda p: isinstance(p, sp.Product) and len(p.limits) == 1,
                                                 _expand_concrete)),
              ((sp.Sum,), lambda x: x.replace(lambda s: isinstance(s, sp.Sum), lambda s: _sum_linear(s, r))),
              ((sp.Piecewise, sp.KroneckerDelta), lambda x: evaluate_piecewise(x, r)),
              ((sp.Sum,), lambda x: align_sums(x, r)))
    kinds = _kinds(e)
    for _ in range(6):
        prev = e
        for classes, run in passes:
            if _present(kinds, *classes):
                new = run(e)
                if new is not e:
                    e, kinds = new, _kinds(new)
        if e == prev:
            break
    return e


# ---------------------------------------------------------------- the identity test
def exp_atoms_to_symbols(e: sp.Expr) -> tuple[sp.Expr, dict]:
    """exp(sum c_k t_k) -> prod E_k^c_k with positive Dummies E_k = exp(t_k), bare t_k -> log E_k.

    Sound for the identity test: an identity in positive free symbols holds at E_k = exp(t_k).
    An exponential whose argument mentions a variable some binder of e binds (e^{k x} in a sum over
    k, e^{z_j} in a sum over j) is left as it is: one symbol for it would not depend on the bound
    variable, and Σ_k E would become n·E (a false identity was accepted so)."""
    bases: dict = {}
    rep: dict = {}
    bound = {v for b in e.atoms(*_BINDERS) for v in bound_by(b)}
    for x in sorted(e.atoms(sp.exp), key=sp.default_sort_key):
        if bound and x.args[0].has(*bound):
            continue
        out = sp.Integer(1)
        for term in sp.Add.make_args(sp.expand(x.args[0])):
            c, t = term.as_coeff_Mul()
            if t == 1:
                out *= sp.exp(c)
                continue
            if t.is_real is not True:
                return e, {}
            if t not in bases:
                bases[t] = fresh(f"E{len(bases)}", (e,), positive=True)
            out *= bases[t] ** c
        rep[x] = out
    e = e.xreplace(rep).xreplace({t: sp.log(s) for t, s in bases.items()})
    return sp.expand_log(e, force=False), {s: sp.exp(t) for t, s in bases.items()}


def numeric_exps(e: sp.Basic) -> dict:
    """e^c for each real number c in e -> a fresh positive Dummy: factor reads e^{-500} as a
    polynomial of degree 500 in E (minutes), and a sign that holds for every positive value holds
    for e^c. Real c only: e^{2i} is no positive number (e^{2i} + e^{-2i} = 2 cos 2 < 0 was
    "proven" positive so)."""
    return {x: fresh("P", (e,), positive=True) for x in e.atoms(sp.exp)
            if x.args[0].is_number and x.args[0].is_real is True}


def is_zero(e: sp.Basic) -> bool:
    """True only when e is identically 0 by one of the sound normal forms."""
    e = sp.sympify(e)
    if e == 0:
        return True
    if isinstance(e, sp.MatrixBase):
        return all(is_zero(x) for x in e)
    return _is_zero(e)


@functools.lru_cache(maxsize=4096)
def _is_zero(e: sp.Basic) -> bool:
    # memoized: the answer is a function of the expression only (the kernel asks the same
    # difference again for each certificate a strategy proposes)
    if e.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return False
    e = kronecker_substitute(function_rewrites(e))
    hyper = (sp.tanh, sp.sinh, sp.cosh, sp.sech, sp.csch, sp.coth)
    if e.has(*hyper):  # hyperbolic functions are exponentials: an identity, then the same tests
        e = e.rewrite(sp.exp)
    # expand first (most identities of the catalogue end there), then cancel alone on the
    # exponentials as symbols: 0.1 s where together takes 3 s (a row of the softmax J·1 at n = 16)
    forms = [lambda x: sp.expand(x, power_exp=True),
             lambda x: sp.cancel(exp_atoms_to_symbols(x)[0]),
             lambda x: sp.cancel(sp.together(sp.expand(x, power_exp=True))),
             lambda x: sp.cancel(sp.together(sp.expand(exp_atoms_to_symbols(sp.powsimp(x))[0]))),
             lambda x: sp.cancel(sp.together(sp.expand(exp_atoms_to_symbols(
                 sp.expand_log(sp.expand(x, power_exp=True), force=False))[0])))]
    if len(e.atoms(sp.exp)) >= 8:  # many exponentials (softmax at n = 16): expand blows up, cancel not
        forms[0], forms[1] = forms[1], forms[0]
    for k, f in enumerate(forms):
        # the numeric probe after the cheapest form (most identities end there) and before the
        # costly ones: a clearly non-zero value at a point of the domain is no identity
        if k == 1 and clearly_nonzero(e):
            return False
        try:
            if f(e) == 0:
                return True
        # BasePolynomialError: also CoercionFailed, GeneratorsNeeded (from the cancel forms)
        except (TypeError, ValueError, NotImplementedError, BasePolynomialError, RecursionError):
            continue
    return False


# ---------------------------------------------------------------- the numeric probe (early rejection)
# Only plain expressions are probed: elementary functions of symbols and entries z[i]; anything
# whose value depends on index ranges or on binders (sums, deltas, Piecewise, derivatives, undefined
# functions) is left to the symbolic forms.
_PROBE_FUNCS = (sp.exp, sp.log, sp.sin, sp.cos, sp.tan, sp.tanh, sp.sinh, sp.cosh, sp.sech, sp.csch,
                sp.coth, sp.Abs)
_UNPROBED = (sp.Sum, sp.Product, sp.Integral, sp.Derivative, sp.Limit, sp.Subs, sp.Piecewise,
             sp.KroneckerDelta, sp.Lambda, sp.Order, sp.MatrixBase)
_MAGNITUDES = tuple(sp.Rational(a, b) for a, b in ((7, 10), (13, 7), (3, 11), (17, 5), (11, 13), (5, 3),
                                                     (2, 9), (23, 6)))
_INTEGERS = (2, 3, 5, 7, 4, 6, 11, 13)
_FACTS = tuple(sorted(_assume_defined))


@functools.lru_cache(maxsize=4096)
def _facts(x: sp.Basic) -> tuple:
    """What SymPy's assumptions know about x: (fact, True/False) for each fact it decides."""
    return tuple((f, getattr(x, f"is_{f}")) for f in _FACTS if getattr(x, f"is_{f}") is not None)


def _fits(atom: sp.Basic, v: sp.Expr) -> bool:
    """v has every property SymPy's assumptions give the atom (positive, integer, odd, …): a point
    made of such values is a point of the domain every normal form is an identity on."""
    known = dict(_facts(v))
    return all(known.get(f) == val for f, val in _facts(atom))


def _point(atoms: list, shift: int, scale: sp.Expr, sign: int) -> dict | None:
    """Distinct exact values for the atoms (rationals times scale, or integers; of the sign first
    where the assumptions admit it), each fitting the atom's assumptions; None when some atom
    admits none of them."""
    out = {}
    for k, a in enumerate(atoms):
        r = (k + shift) % len(_MAGNITUDES)
        mags = [m * scale for m in _MAGNITUDES[r:] + _MAGNITUDES[:r]]
        ints = [sp.Integer(q) for q in _INTEGERS[r % len(_INTEGERS):] + _INTEGERS[:r % len(_INTEGERS)]]
        for v in (*[sign * m for m in mags], *[-sign * m for m in mags], *[sign * q for q in ints],
                  *[-sign * q for q in ints]):
            if _fits(a, v):
                out[a] = v
                break
        else:
            return None
    return out


def _clear_value(e: sp.Expr, pt: dict):
    """e's value at the point when it is a real number known to 45 digits at 50 and the same to
    40 digits by a strict evalf at 80: else None — any doubt means no value."""
    v = e.xreplace(pt)
    if v.free_symbols:
        return None
    a = v.evalf(50, maxn=200)  # not strict: a zero (an identity) is found low-precision at once
    if not isinstance(a, sp.Float) or a == 0 or a._prec < 150:  # fewer than 45 good digits
        return None
    b = v.evalf(80, strict=True, maxn=400)
    if not isinstance(b, sp.Float) or b == 0:
        return None
    if abs(a - b) > sp.Float(10, 50) ** -40 * abs(b):
        return None
    return a


def probe_values(e: sp.Basic, wide: bool = False) -> list:
    """The values of e, clearly known, at a few exact points of its domain (each symbol and entry a
    value its assumptions admit); ``wide`` adds points of tiny and huge magnitude (only where no
    function of a symbol could overflow). Empty when e is not a plain expression or a value is in
    doubt. Used to reject a goal early: a sound normal form cannot make 0 (or a sign) of an
    expression whose value at a point of the domain is a clearly non-zero (or negative) number."""
    from .budget import BudgetExceeded, budget, remaining
    e = sp.sympify(e)
    if not isinstance(e, sp.Expr) or e.has(*_UNPROBED) or not e.is_commutative:
        return []
    if any(not isinstance(f, _PROBE_FUNCS) for f in e.atoms(sp.Function)):
        return []
    atoms = sorted(e.atoms(sp.Indexed), key=sp.default_sort_key)
    holders = {a: sp.Dummy() for a in atoms}
    rest = e.xreplace(holders).free_symbols - set(holders.values())
    if any(not isinstance(s, sp.Symbol) for s in rest):
        return []
    atoms += sorted(rest, key=sp.default_sort_key)
    points = [(0, sp.Integer(1), 1), (3, sp.Integer(1), -1)]
    tame = all(not f.args[0].free_symbols for f in e.atoms(sp.Function) if not isinstance(f, (sp.log, sp.Abs)))
    if wide and tame and all(not p.exp.free_symbols for p in e.atoms(sp.Pow)):
        points += [(0, sp.Integer(10) ** q, s) for q in (-300, 300) for s in (1, -1)]
    out = []
    try:
        with budget(0.3):  # a probe that takes long says nothing: the symbolic forms decide
            for shift, scale, sign in points:
                pt = _point(atoms, shift, scale, sign)
                if pt is None:
                    return []
                try:
                    v = _clear_value(e, pt)
                except BudgetExceeded:
                    raise
                except Exception:  # noqa: BLE001 - any evaluation problem: no value at this point
                    v = None
                if v is not None:
                    out.append(v)
    except BudgetExceeded:
        if remaining() <= 1e-3:
            raise  # the caller's budget is gone, not just the probe's
    return out


def clearly_nonzero(e: sp.Basic) -> bool:
    """e has a clearly non-zero value at some point of its domain (so it is not identically 0)."""
    return bool(probe_values(e))
