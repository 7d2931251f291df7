"""Log bound termwise (Gibbs, Jensen): Σ_j u_j (log t_j − 1 + 1/t_j) ≥ 0 from log t ≥ 1 − 1/t.

For a goal Σ_j g_j + K ≥ 0 (sums over one range, K free of the index) and a positive weight u_j
(a positive entry of g, or 1/n), the strategy writes each term as u_j (L_j − 1 + 1/t_j) with
L_j = (g_j + K u_j)/u_j a sum of logs, t_j = exp(L_j). What is left, Σ u_j (1 − 1/t_j) − K(Σ u − 1),
must vanish by linearity and the context's equations Σ x = c; the kernel checks that Rewrite,
then Termwise → Scale(1/u_k) → Lemma log_ge_1_sub_inv(t_k). Proves Gibbs' inequality
(Σp = Σq = 1), H(p) ≤ log n (Σp = 1) and LSE(z) ≥ mean(z) + log n (u = 1/n), all for symbolic n.
"""
from __future__ import annotations

from typing import Iterator

import sympy as sp

from .. import certificates as C
from ..context import Context
from ..kernel import Goal, goal_of
from ..normal_forms import count, evaluate, is_zero
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
