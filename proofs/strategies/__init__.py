"""Strategies: untrusted search. Each returns certificates (proofs/certificates.py) that the kernel
checks against the goal it builds itself.

The registry is explicit: every strategy is listed here, in the order the kernel tries them, so a
verdict never depends on which modules happen to be imported.
"""
from __future__ import annotations

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
from .rewrite import s_rewrite
from .rounding import s_rounding
from .scaling import s_scaling
from .squares import s_squares
from .sums import s_sums
from .termwise import s_matched_sums, s_termwise

CERTIFIED: list[tuple[str, Callable]] = [
    ("termwise, matched sums", s_matched_sums),  # only inequalities of sums over one range: fast
    ("rewrite", s_rewrite),
    ("antiderivative", s_antiderivative),  # only a goal with a definite integral
    ("log bound termwise", s_log_bound),  # cheap, only <= / >= with sums: before the slow searches
    ("max of several, cases", s_max_cases),  # only Max/Min of 3 or 4 symbols
    ("monotone", s_monotone),
    ("case split", s_cases),
    ("derivative sign", s_derivative_sign),  # one real variable's minimum; cheap to fail: before scaling
    ("scaling", s_scaling),
    ("limit", s_limit),
    ("sums", s_sums),
    ("termwise", s_termwise),
    ("equations", s_equations),
    ("convexity", s_convexity),
    ("exp of both sides", s_exp_eq),
    ("rounding", s_rounding),
    ("interval charts", s_charts),
    ("positive parts", s_positive_parts),
    ("sign hypotheses", s_sign_hypotheses),
    ("log bound, weighted logs", s_log_bound_terms),
    ("positive arguments", s_positive_arguments),
    ("Kronecker delta cases", s_delta_cases),
    ("piecewise cases", s_piecewise_cases),
    ("squares", s_squares),
]

def all_strategies() -> list[tuple[str, Callable]]:
    """Every strategy, in the order the kernel tries them."""
    return list(CERTIFIED)
