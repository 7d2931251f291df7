"""Strategies added for the softmax + log-likelihood derivations (derivations/log_likelihood.py).

Both are general (no claim is special-cased), return quickly on goals they do not fit, and
only *propose*; the kernel discharges the atoms and cross-checks every proof numerically.

* ``sign by assumptions``: an inequality whose oriented difference SymPy's assumptions already
  sign (e.g. c · Σ_k p_k (v_k − μ)² >= 0, a positive factor times a sum of non-negative terms)
  is proposed as is, without the expansion the general-n strategy would apply first.
* ``infinite limit``: ``Limit(f, x, x0) = oo`` (or −oo) by SymPy's limit compared with ``Eq``; the
  default limit strategy subtracts the claimed value, and ``oo − oo`` is nan.
"""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from ..context import Context
from ..kernel import Reduction, TrueAtom
from .legacy import apply_rules, atom_for, oriented, register


def _safe(gen) -> list[Reduction]:
    """Run a strategy body eagerly: an exception inside it means "no proposal" (the kernel's
    try/except around a strategy call does not see errors raised while a generator is iterated)."""
    try:
        return list(gen)
    except Exception:  # BudgetExceeded is a BaseException and still propagates
        return []


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
