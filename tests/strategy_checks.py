"""Shared by the strategy tests: does some certificate a strategy yields pass the kernel's check?"""
from __future__ import annotations

from proofs.budget import BudgetExceeded, budget
from proofs.context import Context
from proofs.kernel import Rejected, check_certificate


def proves(strategy, lhs, rel, rhs, ctx=Context(), seconds: float = 5) -> bool:
    """Within ``seconds`` of CPU (a false goal makes the search try every candidate it finds in
    that time; the kernel must reject each, so a false goal stays unproven whatever the budget)."""
    try:
        with budget(seconds):
            for c in strategy(lhs, rel, rhs, ctx):
                try:
                    check_certificate(lhs, rel, rhs, ctx, c)
                    return True
                except Rejected:
                    continue
    except BudgetExceeded:
        pass
    return False
