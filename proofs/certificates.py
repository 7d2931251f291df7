"""Certificates: the closed set of answers a strategy may give; the kernel checks each one.

A strategy is an untrusted oracle. It searches, and returns one of these frozen dataclasses; the
kernel (:func:`proofs.kernel.check_certificate`) recomputes the goal's oriented difference itself,
checks the certificate against it and emits every side condition. Nothing here is trusted: a
certificate is a claim about the goal, never a verdict.

A goal is ``kind(expr)`` under hypotheses, with kind ``zero`` (expr = 0), ``pos`` (expr > 0) or
``nonneg`` (expr >= 0); a link ``l < r`` is the goal ``pos(r - l)``, ``l = r`` is ``zero(l - r)``.

  Leaf()                       expr is 0 (kernel normal forms) / SymPy's assumptions give its sign
  Rewrite(form, then, using)   expr - form - sum(m * (a - b) for hypotheses a = b / b >= a) is
                               identically 0 (multipliers m >= 0 for inequalities); then: form
  Oracle(op, form, then)       a SymPy operation the kernel cannot re-check (``simplify``) says
                               expr = form; the kernel runs it itself and names it in the verdict
  Instance(body, subst, then, side)
                               body.xreplace(subst) is identically expr; subst's keys are fresh
                               Dummies; side: certificates of the conditions their assumptions
                               demand (positive -> subst[s] > 0), in the order of sorted keys
  Cases(a, b, gt, lt, eq)      the kernel splits on a > b, a < b, a = b (exhaustive by construction)
  Reparam(var, fresh, then)    a hypothesis var > e (>=, <, <=, =) is used as var := e + D with
                               D = fresh, a new Dummy (> 0 for strict, >= 0 otherwise); refused where var or e's symbols are bound
                               (inside a Derivative, Limit, Integral, Sum or Subs)
  Termwise(then, index)        expr is a Sum: the kernel checks one term with the index range as
                               hypotheses; a strict goal also needs the range non-empty for every n;
                               index: a fresh integer Dummy for the term's index (or None)
  Peel(sum, points, fresh, then)
                               sum_j f(j) = f(p1) + ... + f(pk) + R for distinct points of its range;
                               R is positive when every term is and the range has more than k
                               entries for every n (the kernel decides which it may assume)
  Monotone(fn, a, b, then, side)
                               expr = a - b; fn(a) - fn(b) has the same sign (fn = exp, log)
  Scale(c, then, side)         c * expr has the sign of expr; side certifies c > 0
  Split(parts, certs)          expr = sum(parts); the first part has the goal's kind, the rest are
                               >= 0 (or 0 for an equality)
  Lemma(name, args, then, side)
                               a named inequality F(args) >= 0 from a fixed list; then: expr - F
  Limit(target, value, then)   the kernel computes ``sympy.limit`` of target (a Limit in expr) itself,
                               checks it equals value, substitutes; named in the verdict
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp


class Certificate:
    """Base of the closed set (the kernel rejects anything else)."""


@dataclass(frozen=True)
class Leaf(Certificate):
    pass


@dataclass(frozen=True)
class Rewrite(Certificate):
    form: Any
    then: Certificate = Leaf()
    using: tuple = ()  # ((hypothesis, multiplier), ...)


@dataclass(frozen=True)
class Oracle(Certificate):
    op: str
    form: Any
    then: Certificate = Leaf()


@dataclass(frozen=True)
class Instance(Certificate):
    body: Any
    subst: tuple  # ((Dummy, expression), ...)
    then: Certificate = Leaf()
    side: tuple = ()


@dataclass(frozen=True)
class Cases(Certificate):
    a: Any
    b: Any
    gt: Certificate
    lt: Certificate
    eq: Certificate


@dataclass(frozen=True)
class Reparam(Certificate):
    var: Any
    fresh: Any = None  # the Dummy D (positive for a strict bound, nonnegative otherwise; an
    then: Certificate = Leaf()  # integer nonnegative one for integer var and bound)
    hypothesis: Any = None  # which hypothesis to use (the first that fits when None)


@dataclass(frozen=True)
class Termwise(Certificate):
    then: Certificate = Leaf()
    index: Any = None  # the term's index as the strategy names it (a fresh integer Dummy), so
    # that `then` may mention it (Scale(1/p_k), Lemma(q_k/p_k)); None: the kernel picks one


@dataclass(frozen=True)
class Peel(Certificate):
    sum: Any        # a Sum of the goal (after the kernel's normal forms)
    points: tuple   # distinct indices inside its range
    fresh: Any      # the Dummy R for the rest: positive / nonnegative / real, as the kernel justifies
    then: Certificate = Leaf()


@dataclass(frozen=True)
class Monotone(Certificate):
    fn: str
    a: Any
    b: Any
    then: Certificate = Leaf()
    side: tuple = ()


@dataclass(frozen=True)
class Scale(Certificate):
    c: Any
    then: Certificate = Leaf()
    side: Certificate = Leaf()


@dataclass(frozen=True)
class Split(Certificate):
    parts: tuple
    certs: tuple


@dataclass(frozen=True)
class Lemma(Certificate):
    name: str
    args: tuple
    then: Certificate = Leaf()
    side: tuple = ()


@dataclass(frozen=True)
class Limit(Certificate):
    target: Any
    value: Any
    then: Certificate = Leaf()
    form: Any = None  # the limit's function rewritten (checked identical) before sympy.limit


def instance(body: sp.Basic, subst: dict, then: Certificate = Leaf(), side: tuple = ()) -> Instance:
    """An Instance with its substitution in the canonical (sorted) order the kernel uses."""
    return Instance(body, tuple(sorted(subst.items(), key=lambda kv: sp.default_sort_key(kv[0]))),
                    then, side)
