"""Exact checks of a "for all n" goal at concrete sizes n (evidence, not proof for symbolic n)."""
from __future__ import annotations

import itertools
from typing import Callable

import sympy as sp

from ..budget import BudgetExceeded, budget
from ..context import Context
from . import modp, sampling

SIZES_EXACT = range(2, 9)     # concrete n checked exactly

# the kernel's symbolic proof at a fixed size: prove(lhs, rel, rhs, ctx) -> proven?
Prover = Callable[[sp.Basic, str, sp.Basic, Context], bool]


def index_tuples(idx: list, n: int, distinct: list) -> list[tuple]:
    """Index values to check at size n: all tuples for n <= 3, else first, last and spread ones."""
    pos = {s: k for k, s in enumerate(idx)}
    tuples = [t for t in itertools.product(range(1, n + 1), repeat=len(idx))
              if all(t[pos[a]] != t[pos[b]] for a, b in distinct if a in pos and b in pos)]
    if n <= 3 or len(tuples) <= 3:
        return tuples
    return sorted({tuples[0], tuples[len(tuples) // 2], tuples[-1]})


def concrete_sizes(lhs, rel, rhs, ctx: Context, prove: Prover, seconds: float) -> tuple[dict, bool]:
    """Decide the goal exactly at n = 2..8, each index tuple separately: evidence, not proof
    for symbolic n. Equalities in the rational/exp fragment are tested over GF(p) (exact,
    probabilistic, bound recorded); the rest by ``prove``, the kernel's fixed-size proof search."""
    out: dict = {}
    methods: set[str] = set()
    worst_bound = 0.0
    idx = sorted(sampling.parts([lhs, rhs], ctx)[1], key=str)
    try:
        with budget(seconds):
            for n in SIZES_EXACT:
                if n < ctx.n_min:
                    continue
                verdict = "holds"
                for t in index_tuples(idx, n, ctx.distinct()):
                    sub = {ctx.n: sp.Integer(n), **dict(zip(idx, map(sp.Integer, t)))}
                    l, r = sp.sympify(lhs).xreplace(sub), sp.sympify(rhs).xreplace(sub)
                    rules = [(a.lhs.xreplace(sub), a.rhs.xreplace(sub)) for a in ctx.assuming
                             if isinstance(a, sp.Equality)]
                    if rel == "=":
                        try:
                            res, deg = modp.identity_at_size(l, r, rules, f"{n}:{t}:{l}")
                            if any(res):
                                verdict = "fails (non-zero residue mod p)"
                                break
                            methods.add("GF(p) identity test")
                            worst_bound = max(worst_bound, (deg / modp.P) ** len(res))
                            continue
                        except (modp.Unknown, ZeroDivisionError, TypeError, ValueError):
                            pass
                    c = Context(tuple(a.xreplace(sub) for a in ctx.assuming
                                      if not isinstance(a, sp.Unequality)), ctx.domain, None)
                    if not prove(l, rel, r, c):
                        verdict = "not decided"
                        break
                    methods.add("symbolic at fixed n")
                out[n] = verdict
    except BudgetExceeded:
        out["budget"] = "ran out"
    out["indices"] = "every index tuple for n <= 3; first, middle and last tuple for larger n"
    out["method"] = ", ".join(sorted(methods)) + (
        f" (error probability <= {worst_bound:.1e})" if "GF(p) identity test" in methods else "")
    sizes = [k for k in SIZES_EXACT if k >= ctx.n_min]
    held = [k for k in sizes if out.get(k) == "holds"]
    return out, bool(held) and held == sizes
