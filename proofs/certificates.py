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
                               (inside a Derivative, Limit, Integral, Sum or Subs).
                               hypothesis = (lower, upper), two bounds of var: an interval chart,
                               (lo, hi) as lo + (hi - lo)/(1 + D), D > 0; [lo, hi) as
                               lo + (hi - lo) D/(1 + D), (lo, hi] as hi - (hi - lo) D/(1 + D), D >= 0.
                               var = ceiling(x) / floor(x), x real: var := x + D / x - D for a
                               fresh real D, with the hypotheses 0 <= D < 1 added
  Termwise(then, index)        expr is a Sum: the kernel checks one term, at the index (a fresh integer
                               Dummy the certificate names, so that ``then`` can mention it), with
                               the index range as hypotheses; a strict goal also needs the range
                               non-empty for every n
  Peel(sum, points, fresh, then, sign, index)
                               sum_j f(j) = f(p1) + ... + f(pk) + R for distinct points of its range;
                               R is positive when every term is and the range has more than k
                               entries for every n, nonnegative when every term is (the kernel
                               decides which it may assume); sign: a certificate of the term's
                               sign at index (a fresh integer Dummy) when the normal forms cannot
  Monotone(fn, a, b, then, side)
                               expr = a - b; fn(a) - fn(b) has the same sign (fn = exp, log)
  Scale(c, then, side)         c * expr has the sign of expr; side certifies c > 0
  Split(parts, certs)          expr = sum(parts); the first part has the goal's kind, the rest are
                               >= 0 (or 0 for an equality)
  Lemma(name, args, then, side)
                               a named inequality F(args) >= 0 from a fixed list; then: expr - F
  Slope(var, point, index, interval, at, left, right, side)
                               expr, as a function f of the real variable var on the interval I
                               the hypotheses (lower, upper) give (None: unbounded), is at least
                               f(point): the kernel checks point in I, f smooth on I (every log's
                               argument > 0, every negative power's base != 0, fractional powers'
                               bases > 0; only +, *, powers, exp, log, sin, cos, sinh, cosh, tanh),
                               recomputes f' and checks f' <= 0 on (lo, point) and f' >= 0 on
                               (point, hi) at index (a fresh real Dummy), and kind(f(point)):
                               the mean value theorem. Hypotheses that mention var are dropped.
                               side: certificates of point in I then of the smoothness conditions
  Antiderivative(target, F, index, then, side)
                               target = the integral of f(x) over [a, b] in expr, F a function of
                               index (a fresh real Dummy): the kernel checks F' = f identically and
                               F smooth for every real index between a and b (as Slope: each
                               condition > 0, under a <= index <= b and under b <= index <= a),
                               then substitutes F(b) - F(a): the fundamental theorem of calculus.
                               side: two certificates per smoothness condition, in that order
  Limit(target, value, then)   the kernel computes ``sympy.limit`` of target (a Limit in expr) itself,
                               checks it equals value, substitutes; named in the verdict. A value
                               ±oo needs the goal to be exactly Limit - value. With finite sums over
                               the limit variable: each sum's terms' limits (finite) summed, then
                               the algebra of limits (+, *, integer powers, log, exp where
                               continuous; bounded sums of e^w, w <= 0, times a factor -> 0)
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
    index: Any = None  # the term's index: a fresh integer Dummy (the kernel's own when None)


@dataclass(frozen=True)
class Peel(Certificate):
    sum: Any        # a Sum of the goal (after the kernel's normal forms), or any Sum: the goal
                    # is then e - nf(sum) + sum (nf: the kernel's normal form)
    points: tuple   # distinct indices inside its range
    fresh: Any      # the Dummy R for the rest: positive / nonnegative / real, as the kernel justifies
    then: Certificate = Leaf()
    sign: Any = None   # certificate of f(index) > 0 (R positive) or >= 0 (R nonnegative)
    index: Any = None  # a fresh integer Dummy, required with sign


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
class Slope(Certificate):
    var: Any                      # the real symbol v of the goal
    point: Any                    # c, free of v, in the interval
    index: Any                    # w: a fresh real Dummy, the point where f'(w) is signed
    interval: tuple = (None, None)  # (lower, upper): hypotheses of the goal bounding v, or None
    at: Certificate = Leaf()      # kind(f(c))
    left: Certificate = Leaf()    # -f'(w) >= 0 for lo < w < c (unused when c is the closed end lo)
    right: Certificate = Leaf()   # f'(w) >= 0 for c < w < hi (unused when c is the closed end hi)
    side: tuple = ()              # c in I, then each smoothness condition (> 0 on I), kernel's order


@dataclass(frozen=True)
class Antiderivative(Certificate):
    target: Any                   # an Integral(f, (x, a, b)) of the goal
    F: Any                        # an antiderivative, as a function of index
    index: Any                    # a fresh real Dummy
    then: Certificate = Leaf()    # the goal with target := F(b) - F(a)
    side: tuple = ()              # per smoothness condition: (a <= index <= b, b <= index <= a)


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
