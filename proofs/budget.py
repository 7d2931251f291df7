"""Time budgets: every check runs under one, so nothing hangs.

A budget counts the CPU time of the process (``clock``), not the wall clock: on a loaded machine
(two cores shared by a test run, a pool and an editor) a wall-clock budget ran out on proofs that
take seconds alone, and the same claim got a different verdict. SymPy is pure Python and CPU
bound, so a profiling interval timer (ITIMER_PROF, SIGPROF) interrupts it between bytecodes. The
exception derives from ``BaseException`` so that SymPy's many ``except Exception`` clauses cannot
swallow it. Budgets nest: an inner budget never outlives the outer one.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator


class BudgetExceeded(BaseException):
    """Raised inside a computation whose time budget ran out."""


_deadlines: list[float] = []
clock = time.process_time  # the budgets' clock: CPU seconds of this process
_TIMER, _SIGNAL = signal.ITIMER_PROF, signal.SIGPROF


def _on_alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    # Python runs a signal's handler at the next bytecode boundary, so an alarm can arrive after
    # its budget has ended: only a deadline that has really passed raises (a stale alarm once
    # escaped every handler and killed a worker process).
    if not _deadlines:
        return
    left = min(_deadlines) - clock()
    if left <= 1e-3 and _ignored_here(frame):
        signal.setitimer(_TIMER, 0.01)  # Python would print the exception and drop it: soon again
        return
    if left <= 1e-3:
        # raised where Python ignores it (a weakref callback, a __del__) it would be lost and the
        # computation would run on past its budget: the alarm comes back until one propagates
        # (the budget's cleanup then disarms or re-arms the timer)
        signal.setitimer(_TIMER, 0.05)
        raise BudgetExceeded()
    signal.setitimer(_TIMER, left)


def _ignored_here(frame) -> bool:
    """The handler interrupted a __del__ or code in weakref.py (where weakref callbacks run):
    Python reports an exception raised in a callback or a __del__ as "Exception ignored in ..."
    on stderr and drops it. Deferring in weakref.py's other functions costs 10 ms at most."""
    code = getattr(frame, "f_code", None)
    return code is not None and (code.co_name == "__del__" or code.co_filename.endswith("weakref.py"))


def remaining() -> float:
    """CPU seconds left in the innermost budget (infinity outside any budget)."""
    return min(_deadlines) - clock() if _deadlines else float("inf")


@contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Run the body for at most ``seconds`` of CPU time (capped by any enclosing budget).

    Outside the main thread signals are unavailable; there the budget is only checked
    cooperatively via :func:`remaining` (the CLI runs checks in worker processes' main threads).
    """
    deadline = clock() + max(seconds, 0.0)
    if _deadlines:
        deadline = min(deadline, min(_deadlines))
    in_main = threading.current_thread() is threading.main_thread()
    depth = len(_deadlines)
    _deadlines.append(deadline)
    try:
        if in_main:
            if signal.getsignal(_SIGNAL) is not _on_alarm:
                signal.signal(_SIGNAL, _on_alarm)  # stays installed: it ignores stale alarms
            left = deadline - clock()
            if left <= 0:
                raise BudgetExceeded()
            signal.setitimer(_TIMER, left)
        yield
    finally:
        # An alarm can interrupt this cleanup too; it is finished all the same (a half-done
        # cleanup once left a dead deadline behind that fired outside every budget).
        while True:
            try:
                if in_main:
                    signal.setitimer(_TIMER, 0)
                del _deadlines[depth:]  # this budget's entry, and any an interrupted inner one left
                if in_main and _deadlines:  # re-arm the enclosing budget
                    signal.setitimer(_TIMER, max(min(_deadlines) - clock(), 1e-4))
                break
            except BudgetExceeded:
                continue
