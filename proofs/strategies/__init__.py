"""Strategies: untrusted search. Each returns certificates (proofs/certificates.py) that the kernel
checks against the goal; the legacy ones, until moved, still return reductions to atoms.

The registry is explicit: every strategy is listed here, in the order the kernel tries them, so a
verdict never depends on which modules happen to be imported.
"""
from __future__ import annotations

from typing import Callable

from . import legacy
from . import legacy_cross_entropy, legacy_log_likelihood, legacy_lse, legacy_sigmoid, legacy_softmax  # noqa: F401
from .cases import s_cases
from .limits import s_limit
from .monotone import s_monotone
from .rewrite import s_rewrite
from .sums import s_sums

CERTIFIED: list[tuple[str, Callable]] = [
    ("rewrite", s_rewrite),
    ("monotone", s_monotone),
    ("case split", s_cases),
    ("limit", s_limit),
    ("sums", s_sums),
]


def all_strategies() -> list[tuple[str, Callable]]:
    """Certificate strategies first, then the legacy content ones (registered on import of their modules)."""
    return CERTIFIED + legacy._extra
