"""Sums compared termwise: the goal's sums over one range merged into a single sum (a Rewrite the
kernel checks by linearity; terms free of the index are folded in through an equation
sum_j g_j = c of the context), then Termwise, each term by the rewrites, a monotone function,
a named lemma or peeling (the kernel checks the range: non-empty for a strict bound).
Also F(sum) compared through exp or log of both sides, then termwise."""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, goal_of
from ..normal_forms import count, nonneg_on_ranges
from ..normal_forms import evaluate  # memoized there: the goals' evaluation is shared
from .convexity import lemma_certs
from .search import simple
from .subgoals import first_of, monotone_split, sides_of


def _single_sum(term: sp.Expr):
    """term = coeff * Sum(f, (v, lo, hi)) with exactly one Sum factor: (coeff, Sum) or None."""
    factors = sp.Mul.make_args(term)
    sums = [f for f in factors if isinstance(f, sp.Sum)]
    if len(sums) != 1 or len(sums[0].limits) != 1:
        return None
    return sp.Mul(*[f for f in factors if f is not sums[0]]), sums[0]


def merge(e: sp.Expr):
    """e = sum_k c_k Sum_v f_k(v) + R (all sums over one range, the c_k free of v):
    (Sum_v sum_k c_k f_k(v), R), or None."""
    rng = None
    v = sp.Dummy("j", integer=True)
    body, rest = sp.Integer(0), sp.Integer(0)
    for term in sp.Add.make_args(sp.expand(e, power_exp=False, log=False)):
        cs = _single_sum(term)
        if cs is None:
            if term.has(sp.Sum) and any(s.has(v) for s in term.atoms(sp.Sum)):
                return None
            rest += term
            continue
        coeff, s = cs
        (w, lo, hi), = s.limits
        if rng is None:
            rng = (lo, hi)
        elif rng != (lo, hi):
            return None
        if w in coeff.free_symbols:
            return None
        body += coeff * s.function.xreplace({w: v})
    if rng is None:
        return None
    return sp.Sum(body, (v, *rng)), rest


def _folds(goal: Goal, form: sp.Sum, rest: sp.Expr) -> list[tuple[sp.Sum, tuple]]:
    """The terms outside the sums folded in: through an equation Sum(g) = c (c a nonzero number),
    rest = (rest / c) * Sum(g) + m (lhs - rhs), a Rewrite whose multiplier the kernel checks;
    or as rest/k in each of the k >= 1 terms of the range."""
    if rest == 0:
        return [(form, ())]
    (v, lo, hi), = form.limits
    out = []
    for h in goal.hyps:
        if not (isinstance(h, sp.Equality) and isinstance(h.lhs, sp.Sum) and h.rhs.is_number
                and h.rhs != 0 and len(h.lhs.limits) == 1 and h.lhs.limits[0][1:] == (lo, hi)):
            continue
        (w, _, _), = h.lhs.limits
        if w in rest.free_symbols or v in rest.free_symbols:
            continue
        body = form.function + rest / h.rhs * h.lhs.function.xreplace({w: v})
        out.append((sp.Sum(body, (v, lo, hi)), ((h, -rest / h.rhs),)))
    k = count(lo, hi, goal.ranges)
    if k is not None and nonneg_on_ranges(k - 1, goal.ranges) and v not in rest.free_symbols:
        out.append((sp.Sum(form.function + sp.cancel(rest / k), (v, lo, hi)), ()))
    return out


def term_searchers():
    from .sums import peeled

    def peel(g: Goal):
        yield from peeled(g, evaluate(g.expr, g.ranges))

    def log_ratio(g: Goal):
        """c * term = log A - log B for a positive factor c: exp of both sides, then A - B by
        peeling (p_k log(Σ_j p_j) - p_k log p_k >= 0: the entropy's bound). Cheap to rule out."""
        from .convexity import scales
        e = evaluate(g.expr, g.ranges)
        for c in scales(g, e):
            a, b = sides_of(sp.expand(c * e))
            if not (isinstance(a, sp.log) and isinstance(b, sp.log)):
                continue
            sides = [C.Leaf() if x.is_real else positive(g, x.args[0]) for x in (a, b)]
            if None in sides:
                continue
            inner = Goal(g.kind, sp.exp(a) - sp.exp(b), g.hyps, g.ranges)
            found = first_of(inner, [peel, lambda x: iter([C.Leaf()])])
            if found is not None:
                cert = C.Rewrite(a - b, C.Monotone("exp", a, b, found, tuple(sides)))
                yield cert if c == 1 else C.Scale(c, cert)

    # the normal forms, then the lemmas (each candidate checked by the normal forms alone), then
    # the searches that simplify: a sign goal's simplify costs most when it fails, and the lemmas'
    # terms need none. (A search that divided by each positive factor, then took exp or log of
    # both sides, is gone: over the whole test suite — the catalogue, the outside steps, the LaTeX
    # seeds — it proved no term, log_ratio above proves the case it was for, and it spent up to
    # 4 s failing on each false goal.)
    return [log_ratio, lambda g: simple(g, oracle=False), lemma_certs, monotone_split,
            lambda g: simple(g, leaf=False), peel]


def termwise_certs(goal: Goal, e: sp.Expr | None = None) -> Iterator[C.Certificate]:
    """Rewrite(one sum[, the context's equation], Termwise(a term's certificate))."""
    e = evaluate(goal.expr, goal.ranges) if e is None else e
    m = merge(e)
    if m is None:
        return
    for form, using in _folds(goal, *m):
        (v, lo, hi), = form.limits
        k = sp.Dummy("k", integer=True)
        term = Goal(goal.kind, form.function.xreplace({v: k}), goal.hyps + (sp.Ge(k, lo), sp.Le(k, hi)),
                    goal.ranges.with_var(k, lo, hi))
        found = first_of(term, term_searchers() if goal.kind != "zero" else [simple])
        if found is not None:
            yield C.Rewrite(form, C.Termwise(found, k), using)


def raw_termwise(goal: Goal) -> Iterator[C.Certificate]:
    """The goal is one sum as it stands (its terms unexpanded keep their sign, e.g. p (u - S)^2)."""
    e = goal.expr
    if not isinstance(e, sp.Sum) or len(e.limits) != 1:
        return
    (v, lo, hi), = e.limits
    k = sp.Dummy("k", integer=True)
    term = Goal(goal.kind, e.function.xreplace({v: k}), goal.hyps + (sp.Ge(k, lo), sp.Le(k, hi)),
                goal.ranges.with_var(k, lo, hi))
    found = first_of(term, term_searchers() if goal.kind != "zero" else [simple])
    if found is not None:
        yield C.Termwise(found, k)


def positive(goal: Goal, x: sp.Expr) -> C.Certificate | None:
    """A certificate of x > 0: the normal forms, or x's sums as fresh nonnegative symbols."""
    from .sums import as_atoms
    sub = Goal("pos", x, goal.hyps, goal.ranges)
    return first_of(sub, [lambda g: iter([C.Leaf()]), lambda g: as_atoms(g, evaluate(g.expr, g.ranges))])


def log_difference(goal: Goal, e: sp.Expr) -> Iterator[C.Certificate]:
    """log A - log B (+ terms that cancel) from A - B: exp of both sides (exp increasing; the kernel
    asks A, B > 0 for the logs to be real), then the sums termwise. Source: DL §6.2.2.3,
    LSE(z) <= max z + log n from e^{-u_j} <= 1."""
    a, b = sides_of(e)
    sides = []
    for x in (a, b):
        if x.is_real:
            sides.append(C.Leaf())
            continue
        c = positive(goal, x.args[0]) if isinstance(x, sp.log) else None
        if c is None:
            return
        sides.append(c)
    inner = Goal(goal.kind, sp.exp(a) - sp.exp(b), goal.hyps, goal.ranges)
    for c in termwise_certs(inner):
        yield C.Rewrite(a - b, C.Monotone("exp", a, b, c, tuple(sides)))


def s_termwise(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if isinstance(lhs, sp.Limit):
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    e = evaluate(goal.expr, goal.ranges)
    if not e.has(sp.Sum):
        return
    if rel != "=":
        yield from raw_termwise(goal)
    yield from termwise_certs(goal, e)
    if rel == "=":
        return
    if e.has(sp.log):
        yield from log_difference(goal, e)
    # F(sum f) <= F(sum g): exp or log of both sides, then the sums termwise
    a, b = (lhs, rhs) if rel in (">", ">=") else (rhs, lhs)
    a, b = evaluate(sp.sympify(a), goal.ranges), evaluate(sp.sympify(b), goal.ranges)
    for fn, new in (("exp", sp.exp(a) - sp.exp(b)), ("log", sp.log(a) - sp.log(b))):
        if fn == "exp" and not (a.is_real and b.is_real) or fn == "log" and not (a.is_positive and b.is_positive):
            continue
        inner = Goal(goal.kind, new, goal.hyps, goal.ranges)
        for c in termwise_certs(inner):
            yield C.Monotone(fn, a, b, c)


def _ranges(x: sp.Expr) -> set:
    from .sums import outer_sums
    return {t.limits[0][1:] for t in outer_sums(x) if len(t.limits) == 1}


def s_matched_sums(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    """An inequality between sums over one range (or a sum and a term of it, or functions of such
    sums): the shape a termwise comparison fits, tried before the general strategies, which are
    slow on sums. A sum against a term peels the term off first (Σ_j h_j >= h_k)."""
    if rel == "=" or isinstance(lhs, sp.Limit) or ctx.n is None:
        return
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    rl, rr = _ranges(lhs), _ranges(rhs)
    if len(rl | rr) != 1 or not (rl and rr or isinstance(lhs if rl else rhs, sp.Sum)):
        return
    if not (rl and rr):
        from .sums import peeled
        goal = goal_of(lhs, rel, rhs, ctx)
        yield from peeled(goal, evaluate(goal.expr, goal.ranges))
    yield from s_termwise(lhs, rel, rhs, ctx)
