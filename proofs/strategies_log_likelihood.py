"""Strategies added for the softmax + log-likelihood derivations (derivations/log_likelihood.py).

All three are general (no claim is special-cased), return quickly on goals they do not fit, and
only *propose*; the kernel discharges the atoms and cross-checks every proof numerically.

* ``kronecker cases``: a goal in symbolic n that mentions KroneckerDelta(p, q) of two free index
  symbols is split into the exhaustive cases p = q (q replaced by p, so δ = 1) and p ≠ q (the
  context gains Ne(p, q), so δ = 0); each case goes to the general-n strategy. Needed e.g. for a
  Hessian whose derivative leaves δ_jk (e^{z_k} − e^{z_j}), which is 0 in both cases.
* ``sign by assumptions``: an inequality whose oriented difference SymPy's assumptions already
  sign (e.g. c · Σ_k p_k (v_k − μ)² >= 0, a positive factor times a sum of non-negative terms)
  is proposed as is, without the expansion the general-n strategy would apply first.
* ``infinite limit``: ``Limit(f, x, x0) = oo`` (or −oo) by SymPy's limit compared with ``Eq``; the
  default limit strategy subtracts the claimed value, and ``oo − oo`` is nan.
"""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .context import Context
from .kernel import Reduction, TrueAtom, discharge
from .numeric import _index_symbols
from .strategies import apply_rules, atom_for, oriented, register, s_general_n


def _free_deltas(e: sp.Basic, ctx: Context) -> list[tuple[sp.Symbol, sp.Symbol]]:
    """Pairs (p, q) of distinct free index symbols appearing as KroneckerDelta(p, q).

    ``_index_symbols`` leaves out every symbol that is bound by a Sum anywhere in e, so the
    substitution q -> p of the case p = q can never capture or rename a summation variable."""
    free = _index_symbols(e)
    known = {frozenset(p) for p in ctx.distinct()}
    out = []
    for d in sorted(e.atoms(sp.KroneckerDelta), key=sp.default_sort_key):
        a, b = d.args
        if a != b and a in free and b in free and frozenset((a, b)) not in known:
            out.append(tuple(sorted((a, b), key=str)))
    return sorted(set(out), key=str)


def _safe(gen) -> list[Reduction]:
    """Run a strategy body eagerly: an exception inside it means "no proposal" (the kernel's
    try/except around a strategy call does not see errors raised while a generator is iterated)."""
    try:
        return list(gen)
    except Exception:  # BudgetExceeded is a BaseException and still propagates
        return []


@register("kronecker cases")
def s_kronecker_cases(lhs, rel, rhs, ctx: Context) -> list[Reduction]:
    """Split on p = q / p ≠ q for the first free Kronecker delta; general n decides each case."""
    return _safe(_kronecker_cases(lhs, rel, rhs, ctx))


def _kronecker_cases(lhs, rel, rhs, ctx: Context) -> Iterator[Reduction]:
    if ctx.n is None or isinstance(lhs, sp.Limit):
        return
    goal = sp.sympify(lhs - rhs if rel == "=" else oriented(lhs, rel, rhs))
    # derivatives create deltas only on doit; look at the evaluated goal for them
    pairs = _free_deltas(sp.sympify(lhs).doit() - sp.sympify(rhs).doit(), ctx) or _free_deltas(goal, ctx)
    if not pairs:
        return
    p, q = pairs[0]
    atoms = []
    notes = []
    # case p = q: rename q to p everywhere (q is a free index, so this is a substitution)
    same = Context(tuple(a.xreplace({q: p}) for a in ctx.assuming), ctx.domain, ctx.n, ctx.n_min)
    l1, r1 = sp.sympify(lhs).xreplace({q: p}), sp.sympify(rhs).xreplace({q: p})
    # case p != q: the context learns Ne(p, q); discharge_ranges then sets δ_pq = 0
    diff = Context(tuple(ctx.assuming) + (sp.Ne(p, q),), ctx.domain, ctx.n, ctx.n_min)
    for label, c, (l, r) in ((f"{p} = {q}", same, (l1, r1)), (f"{p} ≠ {q}", diff, (lhs, rhs))):
        found = None
        for red in s_general_n(l, rel, r, c):
            if red.atoms and all(discharge(a) for a in red.atoms):
                found = red
                break
        if found is None:
            return
        atoms += list(found.atoms)
        notes.append(f"case {label}: {found.note}")
    yield Reduction(tuple(atoms), "Kronecker delta case split; " + "; ".join(notes))


@register("sign by assumptions")
def s_sign_by_assumptions(lhs, rel, rhs, ctx: Context) -> list[Reduction]:
    """An inequality whose difference SymPy's assumptions sign as it stands (sums unexpanded)."""
    return _safe(_sign_by_assumptions(lhs, rel, rhs, ctx))


def _sign_by_assumptions(lhs, rel, rhs, ctx: Context) -> Iterator[Reduction]:
    if rel == "=" or isinstance(lhs, sp.Limit):
        return
    d = apply_rules(sp.sympify(oriented(lhs, rel, rhs)), ctx)
    yield Reduction((atom_for(rel, d, "sign from SymPy's assumptions, sums kept whole"),),
                    "sign from SymPy's assumptions (positive factors, sums of non-negative terms)")


@register("infinite limit")
def s_infinite_limit(lhs, rel, rhs, ctx: Context) -> list[Reduction]:
    """``Limit(f, x, x0) = ±oo``: SymPy's limit, compared with Eq (``oo - oo`` is nan, so the
    default limit strategy, which subtracts, can never confirm a divergent limit)."""
    return _safe(_infinite_limit(lhs, rel, rhs, ctx))


def _infinite_limit(lhs, rel, rhs, ctx: Context) -> Iterator[Reduction]:
    if not isinstance(lhs, sp.Limit) or rel != "=" or rhs not in (sp.oo, -sp.oo):
        return
    f, x, x0, dr = lhs.args
    v = sp.limit(f, x, x0, str(dr))
    if v.has(sp.Limit):
        return
    yield Reduction((TrueAtom(sp.Eq(v, rhs), f"sympy.limit = {v}"),), f"sympy.limit = {v}")
