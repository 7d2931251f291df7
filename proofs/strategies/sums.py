"""Sums of symbolic length: each distinct sum as a fresh symbol (positive when the kernel can show
it termwise over a non-empty range), the context's equations first; sums compared termwise."""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, check_goal, goal_of
from ..normal_forms import evaluate  # memoized there: the goals' evaluation is shared
from .search import simple, with_rules


def outer_sums(e: sp.Basic) -> list[sp.Sum]:
    return sorted({s for s in e.atoms(sp.Sum)
                   if not any(o != s and o.has(s) for o in e.atoms(sp.Sum))}, key=sp.default_sort_key)


def as_atoms(goal: Goal, e: sp.Expr) -> Iterator[C.Certificate]:
    """Instance: every outer sum of e replaced by a Dummy carrying what the kernel can certify."""
    sums = outer_sums(e)
    if not sums:
        return
    subst, sides = {}, {}
    for s in sums:
        for kind, make in (("pos", dict(positive=True)), ("nonneg", dict(nonnegative=True))):
            c = C.Termwise(C.Leaf())
            if check_goal(Goal(kind, s, goal.hyps, goal.ranges), c) is not None:
                d = sp.Dummy("S", **make)
                sides[d] = c
                break
        else:
            d = sp.Dummy("S", real=True) if s.is_real else sp.Dummy("S")
        subst[d] = s
    body = e.xreplace({s: d for d, s in subst.items()})
    keys = sorted(subst, key=sp.default_sort_key)
    side = tuple(sides.get(k, C.Leaf()) for k in keys if k.is_nonnegative or k.is_real)
    inner = Goal(goal.kind, body, goal.hyps, goal.ranges)
    for c in simple(inner):
        yield C.instance(body, subst, c, side)


def termwise(goal: Goal, e: sp.Expr) -> Iterator[C.Certificate]:
    """sum_j f - sum_j g over the same range as one sum, then the terms."""
    sums = outer_sums(e)
    if not sums or len({s.limits[0][1:] for s in sums if len(s.limits) == 1}) != 1:
        return
    (v, lo, hi), = sums[0].limits
    rest = e
    body = sp.Integer(0)
    for s in sums:
        c = sp.expand(rest).coeff(s)
        if c.has(v) or not c.is_number:
            return
        (w, _, _), = s.limits
        body += c * s.function.xreplace({w: v})
        rest = sp.expand(rest - c * s)
    if rest != 0:
        return
    form = sp.Sum(body, (v, lo, hi))
    k = sp.Dummy("k", integer=True)
    term = Goal(goal.kind, body.xreplace({v: k}), goal.hyps + (sp.Ge(k, lo), sp.Le(k, hi)),
                goal.ranges.with_var(k, lo, hi))
    for c in simple(term):
        if check_goal(term, c) is not None:
            yield C.Rewrite(form, C.Termwise(c, k))
            return


def peeled(goal: Goal, e: sp.Expr) -> Iterator[C.Certificate]:
    """Peel the terms at the free indices off each sum (sum_j f(j) = f(i) + R), then atoms."""
    idx = [v for v, lo, hi in goal.ranges.bounds if e.has(v)]
    choices = [tuple(idx)] + ([(i,) for i in idx] if len(idx) > 1 else [])
    from .termwise import merge
    merged = merge(e)
    # the goal's sums merged into one first: Σ_j h_j >= h_k peels h_k off the whole of Σ_j h_j
    for s in ([merged[0]] if merged is not None and merged[0] not in e.atoms(sp.Sum) else []) + outer_sums(e):
        for pts in choices:
            for make in (dict(positive=True), dict(nonnegative=True), None):
                if make is None:  # every term >= 0 by a lemma, not by the normal forms alone
                    r = sp.Dummy("R", nonnegative=True)
                    sign, index = term_sign(goal, s)
                    if sign is None:
                        continue
                else:
                    r, sign, index = sp.Dummy("R", **make), None, None
                cert = C.Peel(s, pts, r, sign=sign, index=index)
                try:
                    from ..kernel import _peel  # the goal the kernel will check next
                    nxt = _peel(goal, cert)
                except Exception:
                    continue
                body = sp.sympify(nxt.expr)
                for c in list(simple(nxt)) + list(as_atoms(nxt, body)):
                    if check_goal(nxt, c) is not None:
                        yield C.Peel(s, pts, r, c, sign, index)
                        return
                break  # the kernel granted this rest: a weaker one (>= 0 after > 0) cannot do better


def term_sign(goal: Goal, s: sp.Sum, limit: int = 30) -> tuple[C.Certificate | None, sp.Dummy | None]:
    """A certificate that every term of s is >= 0 (a named lemma after a positive factor), at a
    fresh index the certificate names: what Peel needs for a nonnegative rest."""
    from .convexity import lemma_certs
    (v, lo, hi), = s.limits
    k = sp.Dummy("k", integer=True)
    term = Goal("nonneg", s.function.xreplace({v: k}), goal.hyps + (sp.Ge(k, lo), sp.Le(k, hi)),
                goal.ranges.with_var(k, lo, hi))
    for tried, c in enumerate(lemma_certs(term)):
        if tried >= limit:
            break
        if check_goal(term, c) is not None:
            return c, k
    return None, None


def s_sums(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if isinstance(lhs, sp.Limit):
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    e = evaluate(goal.expr, goal.ranges)
    if not e.has(sp.Sum):
        return
    yield from as_atoms(goal, e)
    seen = set()
    for r in with_rules(goal, oracle=False):  # only the rewritten forms are wanted, each once
        if isinstance(r, C.Rewrite) and (r.form, r.using) not in seen:
            seen.add((r.form, r.using))
            for c in as_atoms(goal, evaluate(r.form, goal.ranges)):
                yield C.Rewrite(r.form, c, r.using)
    yield from termwise(goal, e)
    # an identity peeled (sum = f(i) + R, R a fresh symbol) holds only if it holds whatever the
    # sum is: what peeling could prove, the sums as atoms (above) prove already
    if goal.kind != "zero":
        yield from peeled(goal, e)
