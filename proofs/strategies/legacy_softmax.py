"""Legacy (kept until the kernel has a certificate for the limit of a finite sum of symbolic
length: its Limit check refuses any sum that depends on the limit variable).

``limit through finite sums``:

SymPy's ``limit`` cannot see through ``Sum(f(k), (k, 1, n))`` when the summand depends on the
limit variable (e.g. ``Σ_k e^{-c D_k}`` as c → ∞): it raises "Don't know how to calculate the
mrv". For every concrete n the sum is *finite*, so the algebra of limits applies:

1. linearity of each sum, after splitting each exponential inside a sum into its dummy-free and
   dummy-dependent factors (e^{c(M − D_k)} = e^{cM}·e^{−cD_k}; e^{cM} then leaves the sum);
2. each sum whose summand depends on x tends to the sum of the termwise limits, provided every
   term's limit is finite — the termwise limit is computed by ``sympy.limit`` with the dummy a
   generic index (its entries keep their SymPy assumptions, e.g. ``D = IndexedBase('D', positive=True)``);
3. the sums are replaced by symbols s_1, …; the expression is cancelled to P(s)/Q(s) with P, Q
   polynomials in the s whose coefficients are functions of x; P and Q are divided by the same
   exponential factor taken from Q's coefficients (the dominant one: tried in turn), and every
   coefficient must then have a finite limit (``sympy.limit``);
4. then lim P/Q = P(L)/Q(L) when Q(L) ≠ 0.

The reduction proposes two atoms for the kernel: ``Pos(Q(L)^2)`` (the limit of the denominator is
not zero) and ``Zero(P(L)/Q(L) − rhs)``. Nothing here is specific to a claim: it applies to any
``Limit`` whose variable appears inside sums with bounds free of that variable.
"""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from proofs.kernel import Pos, Reduction, Zero
from .legacy import canon_sum, normalize_sums, register


class _NoFit(Exception):
    """The goal is outside this strategy's pattern (or a limit is not finite)."""


def split_exp_in_sums(e: sp.Expr) -> sp.Expr:
    """Inside each Sum, e^{u + v} -> e^{u}·e^{v} with u the part of the exponent free of the dummy
    (an identity), so that linearity can pull e^{u} out of the sum: Σ_j e^{z_j + c} = e^c Σ_j e^{z_j}."""
    def split(s):
        if len(s.limits) != 1:
            return s
        v = s.limits[0][0]

        def one(x):
            terms = sp.Add.make_args(sp.expand(x.args[0]))
            dep = [u for u in terms if u.has(v)]
            free = [u for u in terms if not u.has(v)]
            if not dep or not free:
                return x
            return sp.exp(sp.Add(*free)) * sp.exp(sp.Add(*dep))
        return sp.Sum(s.function.replace(lambda x: isinstance(x, sp.exp), one), *s.limits)
    return sp.sympify(e).replace(lambda x: isinstance(x, sp.Sum), split)


def _finite_limit(e: sp.Expr, x: sp.Symbol, x0, dr: str) -> sp.Expr:
    if not e.has(x):
        return e
    v = sp.limit(e, x, x0, dr)
    if v.has(sp.Limit, sp.oo, -sp.oo, sp.zoo, sp.nan, sp.AccumBounds) or v.is_finite is False:
        raise _NoFit(f"limit of {e} is {v}")
    return v


def _poly_limit(p: sp.Expr, gens: list, values: dict, x, x0, dr: str) -> sp.Expr:
    """lim_{x→x0} p(s(x), x) for p polynomial in the gens, coefficientwise."""
    if not gens:
        return _finite_limit(p, x, x0, dr)
    try:
        poly = sp.Poly(p, *gens)
    except sp.PolynomialError as exc:
        raise _NoFit(str(exc)) from None
    out = sp.Integer(0)
    for monom, coeff in poly.terms():
        term = _finite_limit(coeff, x, x0, dr)
        for g, e in zip(gens, monom):
            term *= values[g] ** e
        out += term
    return out


def _divisors(den: sp.Expr, gens: list) -> list:
    """1, then each term of each coefficient of the denominator (as a polynomial in the sums):
    the candidates for the dominant factor. Only non-zero products of exponentials and
    non-zero numbers are used, so dividing by one is exact."""
    out = [sp.Integer(1)]
    try:
        coeffs = sp.Poly(den, *gens).coeffs() if gens else [den]
    except sp.PolynomialError:
        return out
    for cf in coeffs:
        for term in sp.Add.make_args(sp.expand(cf)):
            _, factors = term.as_coeff_Mul()
            if factors != 1 and all(isinstance(u, sp.exp) for u in sp.Mul.make_args(factors)) \
                    and factors not in out:
                out.append(factors)
    return out


def _divide(e: sp.Expr, d: sp.Expr) -> sp.Expr:
    return sp.expand(sp.powsimp(sp.expand(e / d)))


def s_limit_finite_sums(lhs, rel, rhs, ctx) -> Iterator[Reduction]:
    """Limit of an expression in finite sums (symbolic length) by termwise limits."""
    if not isinstance(lhs, sp.Limit) or rel != "=":
        return
    f, x, x0, dr = lhs.args
    dr = str(dr)
    if not any(s.function.has(x) for s in f.atoms(sp.Sum)):
        return
    g = normalize_sums(split_exp_in_sums(f))
    gens: dict = {}
    values: dict = {}

    def atom(s):
        key = canon_sum(s)
        if key not in gens:
            (v, lo, hi), = key.limits
            if lo.has(x) or hi.has(x) or len(key.limits) != 1:
                raise _NoFit("sum bounds depend on the limit variable")
            term = _finite_limit(key.function, x, x0, dr)
            sym = sp.Dummy(f"s{len(gens)}")
            gens[key] = sym
            values[sym] = sp.Sum(term, (v, lo, hi)).doit()
        return gens[key]

    try:
        h = g.replace(lambda e: isinstance(e, sp.Sum) and e.has(x), atom)
        if any(s.has(x) for s in h.atoms(sp.Sum)):
            return
        h = sp.cancel(sp.together(sp.expand(h)))
        num, den = sp.fraction(h)
        syms = list(gens.values())
        found = None
        for d in _divisors(den, syms):
            # divide numerator and denominator by the same non-zero term (e.g. the dominant
            # exponential): an exact rewrite, after which the coefficients may have finite limits
            n1, d1 = _divide(num, d), _divide(den, d)
            try:
                found = (d, _poly_limit(n1, syms, values, x, x0, dr),
                         _poly_limit(d1, syms, values, x, x0, dr))
            except _NoFit:
                continue
            if found[2] != 0:
                break
            found = None
        if found is None:
            return
        d, pl, ql = found
    except (_NoFit, NotImplementedError, ValueError, TypeError, sp.PolynomialError):
        return
    note = ("finite sums: termwise limits "
            + ", ".join(f"{k} -> {values[s]}" for k, s in gens.items())
            + f"; lim numerator = {pl}, lim denominator = {ql}")
    yield Reduction((Pos(_tidy(ql ** 2), "the denominator's limit is not 0"),
                     Zero(_tidy(pl / ql - rhs), "algebra of limits")), note)


def _tidy(e: sp.Expr) -> sp.Expr:
    """cancel, and simplify only when cancel leaves something (simplify is slow)."""
    e = sp.cancel(sp.sympify(e))
    return e if e.is_number or e.is_positive is not None else sp.simplify(e)


register("limit through finite sums")(s_limit_finite_sums)
