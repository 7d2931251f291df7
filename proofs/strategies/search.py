"""Shared search for the certificate strategies: candidate certificates for a goal, pre-checked
with the kernel's checker so that compound certificates (cases, instances) pick working parts."""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..kernel import Goal, rejection
from ..normal_forms import exp_atoms_to_symbols
from ..normal_forms import evaluate  # memoized there
from .memo import simplified  # memoized: shared by the strategies

_TRANSFORMS = (lambda e: sp.cancel(sp.together(e)), lambda e: sp.factor(sp.cancel(sp.together(e))))


def _safe(f, e):
    try:
        return f(e)
    except (TypeError, ValueError, NotImplementedError, sp.PolynomialError, RecursionError, AttributeError):
        return None


def _oracle(goal: Goal, e: sp.Expr) -> C.Certificate | None:
    """Oracle("simplify", form). For an identity the form is 0 and the kernel's check is itself the
    simplify (of e with its sums opaque), so simplifying here as well would only double the work."""
    if goal.kind == "zero":
        return C.Oracle("simplify", 0)
    s = simplified(e)
    return None if s is None else C.Oracle("simplify", s)


def simple(goal: Goal, leaf: bool = True, oracle: bool = True) -> Iterator[C.Certificate]:
    """Leaf, then SymPy's simplify (an Oracle), also after exponentials became positive symbols
    (``leaf`` / ``oracle``: only the first, or only the others)."""
    if leaf:
        yield C.Leaf()
    if not oracle:
        return
    e = evaluate(goal.expr, goal.ranges)
    c = _oracle(goal, e)
    if c is not None:
        yield c
    body, subst = exp_atoms_to_symbols(sp.powsimp(e))
    if subst:
        c = _oracle(goal, body)
        if c is not None:
            yield C.instance(body, subst, c)


def with_rules(goal: Goal, leaf: bool = True, oracle: bool = True) -> Iterator[C.Certificate]:
    """The goal's equations used as rewrite rules (lhs -> rhs), each a Rewrite whose multiplier the
    kernel checks: e = form + m (lhs - rhs); each form by ``simple(…, leaf, oracle)``."""
    e = evaluate(goal.expr, goal.ranges)
    for h in goal.hyps:
        if not isinstance(h, sp.Equality):
            continue
        l, r = evaluate(h.lhs, goal.ranges), h.rhs
        targets = [l]
        flat = evaluate(l, goal.ranges)
        if isinstance(flat, sp.Add):  # a concrete-size sum: solve the rule for its last entry
            last = sorted(flat.args, key=sp.default_sort_key)[-1]
            targets.append((last, r - (flat - last)))
        for t in targets:
            form = e.xreplace({t: r}) if not isinstance(t, tuple) else e.xreplace({t[0]: t[1]})
            if form == e:
                continue
            m = _safe(lambda x: sp.cancel(sp.together((e - form) / (l - r))), 0)
            if m is None:
                continue
            sub = Goal(goal.kind, form, goal.hyps, goal.ranges)
            for c in simple(sub, leaf, oracle):
                yield C.Rewrite(form, c, ((h, m),))
    yield from all_rules(goal, leaf, oracle)


def all_rules(goal: Goal, leaf: bool = True, oracle: bool = True) -> Iterator[C.Certificate]:
    """Every equation of the goal used at once (each with its own multiplier)."""
    e = evaluate(goal.expr, goal.ranges)
    using, form = [], e
    for h in goal.hyps:
        if not isinstance(h, sp.Equality):
            continue
        lhs = evaluate(h.lhs, goal.ranges)
        nxt = form.xreplace({lhs: h.rhs})
        if nxt == form:
            continue
        m = _safe(lambda x: sp.cancel(sp.together((form - nxt) / (lhs - h.rhs))), 0)
        if m is None:
            return
        using.append((h, m))
        form = nxt
    if len(using) > 1:
        for c in simple(Goal(goal.kind, form, goal.hyps, goal.ranges), leaf, oracle):
            yield C.Rewrite(form, c, tuple(using))


def first(goal: Goal, candidates, stop=None) -> C.Certificate | None:
    """The first candidate the kernel's checker accepts for the goal; None at the first whose
    rejection ``stop`` says ends the search (the kernel found the limit and it is another number)."""
    for c in candidates:
        why = rejection(goal, c)
        if why is None:
            return c
        if stop is not None and stop(why):
            return None
    return None
