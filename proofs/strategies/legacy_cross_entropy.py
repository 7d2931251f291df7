"""Legacy strategy for the cross-entropy module (NNDL ch. 3): interval charts.

It only *proposes* reductions; the kernel discharges the atoms and cross-checks numerically.

* ``interval charts`` — a scalar whose hypotheses bound it to an interval (domain ``Unit()`` =
  open (0, 1), or ``assuming`` inequalities against numbers such as ``y >= 0, y <= 1``) is
  replaced by a bijective chart built from a fresh positive / non-negative symbol:

      (lo, hi)  ->  lo + (hi - lo)/(1 + E),        E > 0
      [lo, hi)  ->  lo + (hi - lo) P/(1 + P),       P >= 0
      (lo, hi]  ->  hi - (hi - lo) P/(1 + P),       P >= 0
      [lo, hi]  ->  both of the last two charts (their images cover [lo, hi])
      (lo, oo)  ->  lo + E;  [lo, oo) -> lo + P;  (-oo, hi) -> hi - E;  (-oo, hi] -> hi - P

  The goal's sign then has to follow from SymPy's assumptions on the chart symbols (e.g.
  log(1/(1 + E)) < 0). One atom per combination of charts; all must discharge. Sound because
  every chart maps onto its part of the interval and the charts together cover it.

Kept until the kernel's goal carries the declared domains' bounds (a ∈ Unit() is a sampling
domain, not a hypothesis the kernel sees, so no certificate can use 0 < a < 1).
"""
from __future__ import annotations

import itertools
from typing import Iterator

import sympy as sp

from ..context import Context
from ..kernel import Atom, Reduction
from .legacy import apply_rules, atom_for, oriented, register

# ---------------------------------------------------------------- interval charts
def _bounds(sym: sp.Symbol, ctx: Context, domain_kind: str | None = None):
    """(lo, lo_strict, hi, hi_strict) from the hypotheses; None for an unbounded side."""
    lo = hi = None
    lo_s = hi_s = False
    kind = domain_kind or (ctx.domain.get(sym).kind if ctx.domain.get(sym) is not None else None)
    if kind == "unit":
        lo, lo_s, hi, hi_s = sp.Integer(0), True, sp.Integer(1), True
    for rel in ctx.inequalities():
        # normalise to sym OP number
        if rel.lhs == sym and rel.rhs.is_number:
            op, c = type(rel), rel.rhs
        elif rel.rhs == sym and rel.lhs.is_number:
            op, c = type(rel.reversed), rel.lhs
        else:
            continue
        if not c.is_real:
            continue
        if op in (sp.StrictGreaterThan, sp.GreaterThan):
            strict = op is sp.StrictGreaterThan
            if lo is None or c > lo or (c == lo and strict):
                lo, lo_s = c, strict
        else:
            strict = op is sp.StrictLessThan
            if hi is None or c < hi or (c == hi and strict):
                hi, hi_s = c, strict
    if lo is None and hi is None:
        return None
    return lo, lo_s, hi, hi_s


def _charts(sym, bounds, tag: str) -> list[tuple[str, sp.Expr]]:
    lo, lo_s, hi, hi_s = bounds
    E = sp.Symbol(f"E_{tag}", positive=True)
    P = sp.Symbol(f"P_{tag}", nonnegative=True)
    if lo is not None and hi is not None:
        if not (hi > lo):
            return []
        wdt = hi - lo
        if lo_s and hi_s:
            return [(f"{sym} = {lo} + {wdt}/(1+{E})", lo + wdt / (1 + E))]
        low_closed = (f"{sym} = {lo} + {wdt}·{P}/(1+{P})", lo + wdt * P / (1 + P))
        high_closed = (f"{sym} = {hi} − {wdt}·{P}/(1+{P})", hi - wdt * P / (1 + P))
        if not lo_s and hi_s:
            return [low_closed]
        if lo_s and not hi_s:
            return [high_closed]
        return [low_closed, high_closed]
    if lo is not None:
        return [(f"{sym} = {lo} + {E if lo_s else P}", lo + (E if lo_s else P))]
    return [(f"{sym} = {hi} − {E if hi_s else P}", hi - (E if hi_s else P))]


def _chart_transforms():
    return [("as is", lambda e: e),
            ("cancel", lambda e: sp.cancel(sp.together(e))),
            ("expand", lambda e: sp.expand(e))]


def chart_atoms(expr: sp.Expr, rel: str, ctx: Context, bounded: dict) -> Iterator[tuple[str, list[Atom]]]:
    """For each transform: the atoms (one per chart combination) that decide ``expr rel 0``
    where ``rel`` is '>' (Pos) or '>=' (Nonneg) or '=' (Zero). ``bounded`` maps each atom to
    replace (a Symbol, or a generic Indexed entry) to its bounds."""
    keys = sorted(bounded, key=sp.default_sort_key)
    per = [_charts(s, bounded[s], f"{k}") for k, s in enumerate(keys)]
    if any(not c for c in per):
        return
    combos = list(itertools.product(*per))
    for tname, t in _chart_transforms():
        atoms = []
        for combo in combos:
            sub = {s: e for s, (_, e) in zip(keys, combo)}
            label = ", ".join(l for l, _ in combo)
            try:
                r = t(sp.sympify(expr).xreplace(sub))
            except (TypeError, ValueError, NotImplementedError, sp.PolynomialError, RecursionError):
                atoms = None
                break
            atoms.append(atom_for(rel, r, f"chart {label}; {tname}"))
        if atoms:
            yield tname, atoms


@register("interval charts")
def s_interval_charts(lhs, rel, rhs, ctx: Context) -> Iterator[Reduction]:
    """Inequalities in scalars bounded by the hypotheses: substitute bijective charts."""
    if rel == "=" or ctx.n is not None or isinstance(lhs, sp.Limit):
        return
    d = apply_rules(sp.sympify(oriented(lhs, rel, rhs)).doit(), ctx)
    bounded = {}
    for s in d.free_symbols:
        if isinstance(s, sp.Symbol):
            bd = _bounds(s, ctx)
            if bd is not None:
                bounded[s] = bd
    if not bounded or len(bounded) > 4:
        return
    r0 = ">" if rel in ("<", ">") else ">="
    for tname, atoms in chart_atoms(d, r0, ctx, bounded):
        yield Reduction(tuple(atoms), f"interval charts ({tname})")
