"""The outside suite's figures: verdicts and seconds of the true steps in tests/outside_steps.py.

    python -m benchmarks.outside [--wrong] [--seconds S] [NAME ...]

Prints one line per step (verdict, seconds, the strategy or why it is not proven), then the counts
(proven / numeric / refuted / errors) and the median and max seconds. --wrong runs the wrong
variants instead (each should be refuted). --search (with --wrong) hides the quick probe's
counterexample from the kernel, so each wrong step gets the whole proof search a true one gets (the
kernel's own cross-check gives a refuted step only 0.1 s of it): a strategy and a kernel that prove
one of them show up as a KernelBug. No figure is asserted: the machine is noisy.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from proofs import check  # noqa: E402
from outside_steps import STEPS  # noqa: E402


def _why(v) -> str:
    """The first link that is not proven, its strategy and what was tried."""
    for s in v.steps:
        if s.status.value != "proven":
            tried = s.evidence.get("tried") or s.evidence.get("budget") or ""
            return f"{s.status.value} link {s.lhs} {s.relation} {s.rhs}: {s.strategy}; {tried}"[:300]
    return ""


def _hide_the_quick_probe() -> None:
    """The light probe's counterexample is dropped, so the kernel searches for a proof and then
    runs the full numeric search; a proof found and a counterexample found is its KernelBug."""
    from proofs import kernel
    real = kernel.search.numeric_evidence

    def probe(lhs, rel, rhs, ctx, seconds, light=False):
        ev, cand = real(lhs, rel, rhs, ctx, seconds=seconds, light=light)
        return (ev, None) if light else (ev, cand)
    kernel.search.numeric_evidence = probe


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*")
    ap.add_argument("--wrong", action="store_true", help="run the wrong variants")
    ap.add_argument("--seconds", type=float, default=None, help="budget per link")
    ap.add_argument("--search", action="store_true", help="with --wrong: the whole proof search")
    a = ap.parse_args(argv)
    if a.search:
        _hide_the_quick_probe()
    counts = {"proven": 0, "numeric": 0, "refuted": 0, "undecided": 0, "errors": 0}
    times, failing = [], []
    for st in STEPS:
        if a.names and st.name not in a.names:
            continue
        t0 = time.monotonic()
        try:
            v = check((st.wrong if a.wrong else st.true)(), seconds=a.seconds)
            status, why = v.status.value, _why(v)
            if any("KernelBug" in str(nt) or "error" in str(nt).lower() for nt in v.notes):
                status, why = "errors", "; ".join(map(str, v.notes))[:300]
        except Exception as exc:  # a crash is a finding, reported as an error
            status, why = "errors", f"{type(exc).__name__}: {exc}"[:300]
        dt = time.monotonic() - t0
        times.append(dt)
        counts[status] += 1
        if status != ("refuted" if a.wrong else "proven"):
            failing.append((st.name, why))
        print(f"{st.name:32s} {status:9s} {dt:6.2f} s", flush=True)
    print(" / ".join(f"{k} {v}" for k, v in counts.items()))
    if times:
        print(f"median {statistics.median(times):.2f} s, max {max(times):.2f} s over {len(times)} steps")
    for name, why in failing:
        print(f"  not {'refuted' if a.wrong else 'proven'}: {name}: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
