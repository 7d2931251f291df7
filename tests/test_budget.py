import time

import pytest

from proofs.budget import BudgetExceeded, budget, remaining


def test_budget_interrupts_a_loop():
    t0 = time.process_time()  # budgets count CPU time: a loaded machine does not change them
    with pytest.raises(BudgetExceeded):
        with budget(0.2):
            while True:
                pass
    assert time.process_time() - t0 < 1.0


def test_inner_budget_cannot_outlive_outer():
    t0 = time.process_time()
    with pytest.raises(BudgetExceeded):
        with budget(0.2):
            with budget(5.0):
                assert remaining() <= 0.2 + 1e-9  # the CPU clock may not have moved yet
                while True:
                    pass
    assert time.process_time() - t0 < 1.0


def test_budget_not_swallowed_by_except_exception():
    with pytest.raises(BudgetExceeded):
        with budget(0.1):
            try:
                while True:
                    pass
            except Exception:  # noqa: BLE001 - what SymPy code does
                pass


def test_a_budget_counts_cpu_time_not_waiting():
    """Waiting (a loaded machine's other processes running) does not use up a budget."""
    with budget(0.3):
        time.sleep(0.5)
        assert remaining() > 0.2
