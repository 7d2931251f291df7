"""Strategies for sigmoid statements (registered on import by ``derivations.sigmoid``).

Both only PROPOSE atoms; the kernel discharges them and cross-checks numerically.

* ``limit after doit``: a Limit whose function holds an unevaluated Derivative / Sum / Integral
  (e.g. ``Limit(Derivative(σ(z), z), z, oo)``) is evaluated by ``doit()`` first, then
  ``sympy.limit``. SymPy's ``limit`` returns such a function unchanged, so the built-in limit
  strategy cannot use it. The result is accepted only if it is free of the limit variable and
  of unevaluated operators.

* ``exp of a signed exponent``: when an exponent's term t has a known sign, e^t is not just
  positive but on one side of 1: t > 0 gives e^t = 1 + p, t < 0 gives e^t = 1/(1 + p), with
  p > 0 a fresh positive symbol (p = e^{±t} − 1). Terms of unknown sign get a plain positive
  symbol, as in ``exp_to_positive``. Sound: every actual value of the exponentials is one of
  the values the fresh symbols range over, so an atom proven for all of them holds for the
  original. Example: σ'(z) < 1/4 for z > 0 becomes p²/(4(p + 2)²) > 0.
"""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .context import Context
from .kernel import Reduction, Zero
from .strategies import apply_rules, atom_for, oriented, register

_OPS = (sp.Derivative, sp.Sum, sp.Integral)


@register("limit after doit")
def s_limit_doit(lhs, rel, rhs, ctx: Context) -> Iterator[Reduction]:
    if not isinstance(lhs, sp.Limit) or rel != "=":
        return
    f, x, x0, dr = lhs.args
    if not f.has(*_OPS):
        return
    g = f.doit()
    if g.has(*_OPS):
        return
    try:
        v = sp.limit(g, x, x0, str(dr))
    except (NotImplementedError, ValueError, TypeError):
        return
    if v.has(sp.Limit, *_OPS) or x in v.free_symbols or v.has(sp.AccumBounds):
        return
    yield Reduction((Zero(sp.simplify(v - rhs), f"doit, then sympy.limit = {v}"),),
                    "doit, then sympy.limit")


def _signed_exp_substitution(e: sp.Expr):
    """(e with exponentials replaced, whether some exponent term had a known sign) or None."""
    exps = sorted(e.atoms(sp.exp), key=sp.default_sort_key)
    if not exps:
        return None
    value: dict[sp.Basic, sp.Expr] = {}  # base term t -> expression standing for e^t
    signed = False
    rep: dict[sp.Basic, sp.Expr] = {}
    for ex in exps:
        u = sp.expand(ex.args[0])
        out = sp.Integer(1)
        for term in sp.Add.make_args(u):
            c, t = term.as_coeff_Mul()
            if t == 1:
                out *= sp.exp(c)
                continue
            if not t.is_real:
                return None
            if t not in value:
                p = sp.Symbol(f"p{len(value)}", positive=True)
                if t.is_positive:
                    value[t], signed = 1 + p, True
                elif t.is_negative:
                    value[t], signed = 1 / (1 + p), True
                else:
                    value[t] = p
            out *= value[t] ** c
        rep[ex] = out
    return e.xreplace(rep), signed


@register("exp of a signed exponent")
def s_signed_exp(lhs, rel, rhs, ctx: Context) -> Iterator[Reduction]:
    if isinstance(lhs, sp.Limit) or ctx.n is not None:
        return
    d = apply_rules(sp.sympify(oriented(lhs, rel, rhs)).doit(), ctx)
    if d.has(*_OPS):
        return
    got = _signed_exp_substitution(sp.powsimp(d))
    if got is None or not got[1]:
        return
    e = got[0]
    for name, t in (("cancel", lambda q: sp.cancel(sp.together(q))),
                    ("factor", lambda q: sp.factor(sp.cancel(sp.together(q))))):
        try:
            r = t(e)
        except (TypeError, ValueError, NotImplementedError, sp.PolynomialError):
            continue
        yield Reduction((atom_for(rel, r, f"e^t = 1 + p (t > 0) / 1/(1 + p) (t < 0), {name}"),),
                        f"exp of a signed exponent, {name}")
