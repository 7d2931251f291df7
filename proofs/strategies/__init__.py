"""Strategies: untrusted search. Each returns certificates (proofs/certificates.py) that the kernel
checks against the goal it builds itself.

The registry is explicit: every strategy is listed here, in the order the kernel tries them, so a
verdict never depends on which modules happen to be imported. Each entry also says which goal
shapes it admits (proofs/strategies/shape.py): a strategy the shape rules out is not run at all.
"""
from __future__ import annotations

from functools import wraps
from typing import Callable

from .antiderivative import s_antiderivative
from .cases import s_cases
from .charts import s_charts
from .convexity import s_convexity
from .delta_cases import s_delta_cases
from .derivative_sign import s_derivative_sign
from .equations import s_equations
from .injective import s_exp_eq
from .limits import s_limit
from .log_bound import s_log_bound, s_log_bound_terms
from .max_cases import s_max_cases
from .monotone import s_monotone
from .piecewise_cases import s_piecewise_cases
from .positive_arguments import s_positive_arguments
from .positive_parts import s_positive_parts, s_sign_hypotheses
from .rewrite import s_normal_forms, s_simplify
from .rounding import s_rounding
from .scaling import s_scaling
from .shape import Shape, shape_of
from .squares import s_squares
from .sums import s_sums
from .termwise import s_matched_sums, s_termwise

Admits = Callable[[Shape], bool]


def _plain(s: Shape) -> bool:
    return not s.limit


def _termwise(s: Shape) -> bool:
    """Sums compared termwise; for an inequality not with a sum in a denominator (S/(T + 1) <= S):
    each term's coefficient then depends on the whole of T, which the terms cannot see, and the
    term searches fail slowly where the sums as atoms (a later strategy) decide it at once."""
    return s.sums and not (s.inequality and s.sum_below)


# (name, strategy, the shapes it admits), in the order they are tried
REGISTRY: list[tuple[str, Callable, Admits]] = [
    # only inequalities of sums over one range: fast
    ("termwise, matched sums", s_matched_sums, lambda s: _plain(s) and s.inequality and _termwise(s) and s.general_n),
    ("rewrite", s_normal_forms, _plain),
    ("antiderivative", s_antiderivative, lambda s: _plain(s) and s.functions),  # a definite integral
    # simplify when it fails costs a kernel simplify of the whole goal: without sums it is the
    # likely proof and comes next; with sums, after the sum mechanisms (the same entry twice,
    # each admitting the goals the other does not)
    ("simplify", s_simplify, lambda s: _plain(s) and not s.sums),
    # cheap, only <= / >= with sums: before the slow searches
    ("log bound termwise", s_log_bound, lambda s: _plain(s) and s.rel in ("<=", ">=") and s.sums),
    ("max of several, cases", s_max_cases, lambda s: _plain(s) and s.maxmin),  # Max/Min of 3 or 4 symbols
    # the sum mechanisms before the searches that divide or compare through exp/log: on the
    # catalogue's general-n links they decide most goals with sums, and fail faster
    ("termwise", s_termwise, lambda s: _plain(s) and _termwise(s)),
    ("sums", s_sums, lambda s: _plain(s) and s.sums),
    ("simplify", s_simplify, lambda s: _plain(s) and s.sums),
    # one real variable's minimum through the sign of its derivative; cheap to fail: before
    # scaling, which re-runs the other strategies on the scaled goal
    ("derivative sign", s_derivative_sign, lambda s: _plain(s) and s.inequality),
    ("scaling", s_scaling, lambda s: _plain(s) and s.scalable),
    ("monotone", s_monotone, lambda s: _plain(s) and s.inequality),
    ("case split", s_cases, lambda s: _plain(s) and s.maxmin),
    ("limit", s_limit, lambda s: s.limit and s.rel == "="),
    ("equations", s_equations, lambda s: _plain(s) and s.equations),
    ("convexity", s_convexity, lambda s: _plain(s) and s.inequality and s.functions),
    ("exp of both sides", s_exp_eq, lambda s: _plain(s) and s.rel == "=" and s.functions),
    ("rounding", s_rounding, lambda s: _plain(s) and s.inequality and s.rounding),
    ("interval charts", s_charts, lambda s: _plain(s) and s.inequality and s.hypotheses),
    ("positive parts", s_positive_parts, lambda s: _plain(s) and s.functions and s.hypotheses),
    ("sign hypotheses", s_sign_hypotheses, lambda s: _plain(s) and s.signs and s.hypotheses),
    ("log bound, weighted logs", s_log_bound_terms,
     lambda s: _plain(s) and s.rel in ("<=", ">=") and s.functions),
    ("positive arguments", s_positive_arguments, lambda s: _plain(s) and s.signs and s.hypotheses),
    ("Kronecker delta cases", s_delta_cases, _plain),  # a δ_ab with integer a, b (its own cheap test)
    ("piecewise cases", s_piecewise_cases, lambda s: _plain(s) and s.signs),
    ("squares", s_squares, lambda s: _plain(s) and s.inequality),
]


def guarded(strategy: Callable, admits: Admits) -> Callable:
    """The strategy, run only on the goals whose shape it admits (else it proposes nothing)."""
    @wraps(strategy)
    def run(lhs, rel, rhs, ctx):
        return strategy(lhs, rel, rhs, ctx) if admits(shape_of(lhs, rel, rhs, ctx)) else None
    return run


CERTIFIED: list[tuple[str, Callable]] = [(name, guarded(f, admits)) for name, f, admits in REGISTRY]


def all_strategies() -> list[tuple[str, Callable]]:
    """Every strategy, in the order the kernel tries them (each behind its shape guard)."""
    return list(CERTIFIED)
