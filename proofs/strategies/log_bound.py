"""Log bound termwise (Gibbs, Jensen): Σ_j u_j (log t_j − 1 + 1/t_j) ≥ 0 from log t ≥ 1 − 1/t.

For a goal Σ_j g_j + K ≥ 0 (sums over one range, K free of the index) and a positive weight u_j
(a positive entry of g, or 1/n), the strategy writes each term as u_j (L_j − 1 + 1/t_j) with
L_j = (g_j + K u_j)/u_j a sum of logs, t_j = exp(L_j). What is left, Σ u_j (1 − 1/t_j) − K(Σ u − 1),
must vanish by linearity and the context's equations Σ x = c; the kernel checks that Rewrite,
then Termwise → Scale(1/u_k) → Lemma log_ge_1_sub_inv(t_k). Proves Gibbs' inequality
(Σp = Σq = 1), H(p) ≤ log n (Σp = 1) and LSE(z) ≥ mean(z) + log n (u = 1/n), all for symbolic n.

For finitely many terms (no sum: a concrete size, two Bernoullis, two normals) the same lemma is
applied per weighted log, c log a ≥ c (1 − 1/a), the pieces a Split the kernel checks.
"""
from __future__ import annotations

import itertools
from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, goal_of
from ..normal_forms import count, is_zero
from ..normal_forms import evaluate  # memoized there: the goals' evaluation is shared
from .positive_parts import instance_certs, positive_parts
from .search import simple, with_rules
from .termwise import merge


def _weights(body: sp.Expr, v, lo, hi, goal: Goal) -> list:
    """Candidate weights u_v: positive Indexed entries at v in the body, then 1/(number of terms)."""
    out = [x for x in sorted(body.atoms(sp.Indexed), key=sp.default_sort_key)
           if v in x.free_symbols and x.is_positive is True]
    k = count(lo, hi, goal.ranges)
    if k is not None and k.is_positive is True:
        out.append(1 / k)
    return out


def _multipliers(goal: Goal, d: sp.Expr) -> tuple | None:
    """d = Σ m_h (lhs_h − rhs_h) over the context's equations, with m_h read off as the coefficient
    of lhs_h (d linear in the equations' sums); None when that does not account for all of d."""
    d = sp.expand(evaluate(d, goal.ranges))
    using, rest = [], d
    for h in goal.hyps:
        if not isinstance(h, sp.Equality):
            continue
        lhs = evaluate(h.lhs, goal.ranges)
        if not isinstance(lhs, sp.Sum) or not rest.has(lhs):
            continue
        s = sp.Dummy("S")
        m = sp.expand(rest.xreplace({lhs: s})).coeff(s)
        if m == 0 or m.has(s):
            continue
        using.append((h, m))
        rest = sp.expand(rest - m * (lhs - h.rhs))
    return tuple(using) if is_zero(rest) else None


def s_log_bound(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    if isinstance(lhs, sp.Limit) or rel not in ("<=", ">="):
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    e = evaluate(goal.expr, goal.ranges)
    if not e.has(sp.Sum):
        return
    m = merge(e)
    if m is None:
        return
    s, rest = m
    (v, lo, hi), = s.limits
    for u in _weights(s.function, v, lo, hi, goal):
        logs = sp.expand(sp.expand_log(sp.expand((s.function + rest * u) / u), force=False))
        t = sp.expand(sp.exp(logs), power_exp=True)
        if t.has(sp.log):  # the logs did not combine into one log t
            continue
        form = sp.Sum(sp.expand(u * logs - u + u / t), (v, lo, hi))
        using = _multipliers(goal, e - form)
        if using is None:
            continue
        k = sp.Dummy("k", integer=True)
        uk, tk = u.xreplace({v: k}), t.xreplace({v: k})
        term = C.Scale(1 / uk, C.Lemma("log_ge_1_sub_inv", (tk,)))
        yield C.Rewrite(form, C.Termwise(term, k), using)


# ---------------------------------------------------------------- finitely many weighted logs
def _positive(x: sp.Expr, parts: dict) -> C.Certificate | None:
    """A certificate of x > 0: SymPy's assumptions (Leaf), or an Instance in which the positive
    parts the hypotheses state (u > 0, each a positive Dummy) make x visibly positive."""
    if sp.sympify(x).is_positive is True:
        return C.Leaf()
    rep = {**parts, **{sp.expand(-u): -d for u, d in parts.items()}}
    body = sp.factor(sp.cancel(sp.together(x))).xreplace(rep)
    if body.is_positive is not True:
        return None
    return C.instance(body, {d: u for u, d in parts.items() if body.has(d)})


def _grouped(e: sp.Expr, expand: bool = True, parts: dict | None = None) -> list:
    """The terms of e with the logs of one weight combined: p log p − p log q -> p log(p/q) (a
    proposal only: the kernel checks the rest, where the split logs must cancel). Unexpanded, a
    weight 1 − p stays one weight: H(p, q) − H(p) = p log(p/q) + (1 − p) log((1 − p)/(1 − q))."""
    logs: dict = {}
    other = []
    for term in sp.Add.make_args(sp.expand(e, power_exp=False, log=False) if expand else e):
        c, f = term.as_independent(sp.log, as_Add=False)
        if not isinstance(f, sp.log):
            other.append(term)
            continue
        num, w = c.as_coeff_Mul()
        if w.could_extract_minus_sign():  # (p − 1) log(1 − q) is −(1 − p) log(1 − q): one weight
            num, w = -num, -w
        logs[w] = logs.get(w, sp.Integer(1)) * f.args[0] ** num
    if parts is not None:  # a weight negative by the hypotheses (p − 1): −w log(1/a), w > 0
        return other + [-w * sp.log(1 / a) if _positive(w, parts) is None and _positive(-w, parts)
                        else w * sp.log(a) for w, a in logs.items()]
    return other + [w * sp.log(a) for w, a in logs.items()]


def _spread_over_weights(e: sp.Expr, K: sp.Expr) -> list:
    """The constant K spread over the log terms' weights c_i when Σ c_i is a nonzero number s:
    c_i log a_i + K c_i/s = c_i log(a_i e^{K/s}) (H(p) ≤ log 2: p log 2p + (1 − p) log 2(1 − p))."""
    logs = [(c, f) for c, f in (t.as_independent(sp.log, as_Add=False) for t in sp.Add.make_args(e)
                                if not t.is_number) if isinstance(f, sp.log)]
    total = sp.expand(sp.Add(*[c for c, _ in logs]))
    if K == 0 or not logs or not total.is_number or total == 0:
        return []
    return [c * sp.log(f.args[0] * sp.exp(K / total)) for c, f in logs]


def s_log_bound_terms(lhs, rel, rhs, ctx: Context) -> Iterator[C.Certificate]:
    """Σ_i c_i log(a_i) ≥ R with weights c_i > 0: each c_i log a_i ≥ (c_i/k)(1 − a_i^(−k))
    (log_le_sub1 at t = a_i^(−k), k = 1 or 2), the rest by the rewrites: KL of two Bernoullis ≥ 0
    under 0 < p, q < 1 (Wikipedia, Gibbs' inequality), KL of two normals ≥ 0 (k = 2)."""
    if isinstance(lhs, sp.Limit) or rel not in ("<=", ">="):
        return
    goal = goal_of(lhs, rel, rhs, ctx)
    e = evaluate(goal.expr, goal.ranges)
    if e.has(sp.Sum) or not e.has(sp.log):
        return
    parts = positive_parts(goal)
    # the constant part K spread over an equation Σ x = c as K x/c, so that it joins the logs
    # (H(p) ≤ log 2 at n = 2: log 2 = (p1 + p2) log 2)
    K = sp.Add(*[t for t in sp.Add.make_args(e) if t.is_number])
    spread = [_grouped(e - K + K * h.lhs / h.rhs) for h in goal.hyps
              if K != 0 and isinstance(h, sp.Equality) and h.rhs.is_number and h.rhs != 0]
    for power, terms in ((1, sp.Add.make_args(e)), (1, _grouped(e, expand=False, parts=parts)),
                         (1, _spread_over_weights(e, K)), (1, _grouped(e)),
                         *((1, t) for t in spread), (2, sp.Add.make_args(e))):
        split, certs, covered = [], [], True
        for term in terms:
            c, f = term.as_independent(sp.log, as_Add=False)
            if not isinstance(f, sp.log) or term.is_number:  # log 2 is a constant, not a weighted log
                continue
            t = f.args[0] ** -power
            wc, tc, ic = _positive(c, parts), _positive(t, parts), _positive(power / c, parts)
            if wc is None or tc is None or ic is None:
                covered = False  # a log left over would have to be bounded by the rewrites: not tried
                break
            split.append(c / power * (t - 1 - sp.log(t)))
            certs.append(C.Scale(power / c, C.Lemma("log_le_sub1", (t,), C.Leaf(), (tc,)), ic))
        if not (covered and split):
            continue
        rest = e - sp.Add(*split)
        sub = Goal(goal.kind, rest, goal.hyps, goal.ranges)
        for rc in itertools.chain(instance_certs(sub) if parts else (), _linear_rules(sub),
                                  simple(sub), with_rules(sub)):  # lazily: the first that holds ends it
            yield C.Split((rest, *split), (rc, *certs))


def _linear_rules(goal: Goal) -> Iterator[C.Certificate]:
    """The goal minus constant multiples of the context's equations (lhs − rhs), the multipliers
    read off the goal's linear part (its logs expanded, as a guess: the kernel checks the rest):
    p1 + p2 − q1 − q2 = (p1 + p2 − 1) − (q1 + q2 − 1) under p1 + p2 = 1 = q1 + q2."""
    r = sp.expand(sp.expand_log(evaluate(goal.expr, goal.ranges), force=True))
    using, comb = [], sp.Integer(0)
    for h in goal.hyps:
        if not isinstance(h, sp.Equality):
            continue
        d = sp.expand(evaluate(h.lhs - h.rhs, goal.ranges))
        atoms = [a for a in sp.Add.make_args(d) if not a.is_number]
        if not atoms:
            continue
        a0 = atoms[0].as_coeff_Mul()
        m = sp.expand(r - comb).coeff(a0[1]) / a0[0]
        if m == 0 or m.free_symbols & d.free_symbols:
            continue
        using.append((h, m))
        comb += m * d
    if not using or not is_zero(sp.expand(r - comb)):
        return
    form = goal.expr - sp.Add(*[m * (h.lhs - h.rhs) for h, m in using])
    for c in simple(Goal(goal.kind, form, goal.hyps, goal.ranges)):
        yield C.Rewrite(form, c, tuple(using))
