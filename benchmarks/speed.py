"""Speed and scale figures, each printed beside its baseline measured in the same run.

    python -m benchmarks.speed            (or python -m benchmarks for speed + accuracy)

Figures (2 cores, cold process unless stated):
  1. `derive check` of every claim, wall time, default jobs — baseline: the same with --jobs 1;
  2. the same again with the results cache warm — baseline: the cold run;
  3. exact concrete-n check of the softmax Jacobian and the softmax-CE Hessian, n = 8 … 64
     (randomized identity test over GF(2^61−1)) — baseline: naive per-entry simplify at small n;
  4. all general-n (symbolic n) proofs together (symbolic strategies only);
  5. rendering every sheet to PDF.
No figure is asserted: the machine is noisy; the numbers are for reading.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOALS = {"check": 20.0, "cached": 2.0, "n64": 10.0, "general_n": 5.0, "render": 60.0}


def _derive(*args: str, cache: str) -> float:
    env = {**os.environ, "DERIVE_CACHE": cache}
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "proofs.cli", *args], env=env, capture_output=True, text=True)
    dt = time.monotonic() - t0
    if r.returncode not in (0, 1):
        print(f"   derive {' '.join(args)} failed: {r.stderr.strip()[:200]}")
    return dt


def check_figures() -> None:
    with tempfile.TemporaryDirectory() as c1, tempfile.TemporaryDirectory() as c2:
        serial = _derive("check", "--jobs", "1", cache=c1)
        default = _derive("check", cache=c2)
        warm = _derive("check", cache=c2)
    print(f"1. derive check, all claims, cold: {default:6.1f} s default jobs ({os.cpu_count()})"
          f" | baseline --jobs 1: {serial:6.1f} s | speed-up x{serial / default:.2f}"
          f" | goal <= {GOALS['check']:.0f} s: {'met' if default <= GOALS['check'] else 'NOT met'}")
    print(f"2. derive check, second run (cache warm): {warm:6.2f} s | baseline cold: {default:6.1f} s"
          f" | ratio {warm / default:.3f} | goal <= {GOALS['cached']:.0f} s: "
          f"{'met' if warm <= GOALS['cached'] else 'NOT met'}")


def matrix_figures(naive_n: tuple[int, ...] = (3, 4, 5), naive_budget: float = 60.0) -> None:
    import sympy as sp

    from proofs import kernel
    from proofs.budget import BudgetExceeded, budget
    from proofs.evidence.modp import softmax_matrix_residues

    print("3. exact concrete-n check: softmax Jacobian = diag(p) − ppᵀ and CE Hessian = (Σy)(diag(p) − ppᵀ)")
    for n in (8, 16, 32, 64):
        t0 = time.monotonic()
        jac, hes = softmax_matrix_residues(n, points=2)
        dt = time.monotonic() - t0
        vj = kernel.identity_mod_p("softmax Jacobian", jac, 2, 4 * n + 4, n, dt)
        vh = kernel.identity_mod_p("softmax-CE Hessian", hes, 2, 4 * n + 4, n, dt)
        print(f"   n = {n:3d}: {dt:6.2f} s  Jacobian {vj.status}, Hessian {vh.status}  [{vh.scope}]")
    for n in naive_n:
        zs = list(sp.symbols(f"z1:{n + 1}", real=True))
        ys = list(sp.symbols(f"y1:{n + 1}", real=True))
        S = sum(sp.exp(q) for q in zs)
        p = [sp.exp(q) / S for q in zs]
        L = -sum(ys[k] * sp.log(p[k]) for k in range(n))
        t0 = time.monotonic()
        try:
            with budget(naive_budget):
                H = sp.hessian(L, zs)
                ok = all(sp.simplify(H[a, c] - sum(ys) * (int(a == c) * p[a] - p[a] * p[c])) == 0
                         for a in range(n) for c in range(n))
            print(f"   baseline naive per-entry simplify, n = {n}: {time.monotonic() - t0:6.2f} s (holds: {ok})")
        except BudgetExceeded:
            print(f"   baseline naive per-entry simplify, n = {n}: > {naive_budget:.0f} s (stopped)")
            break


def general_n_figure() -> None:
    """Only the symbolic-n strategy on every general-n link of the registry."""
    from proofs.chain import Chain
    from proofs.claims import registry
    from proofs.kernel import _first_proof
    from proofs.strategies import all_strategies
    from proofs.budget import budget, BudgetExceeded

    strategies = [s for s in all_strategies() if s[0] != "rewrite"]
    links = proved = 0
    t0 = time.monotonic()
    for c in registry().values():
        for part in c.parts:
            ch = part.check
            if not isinstance(ch, Chain) or ch.n is None:
                continue
            prev = ch.start
            for link in ch.links:
                links += 1
                try:
                    with budget(10):
                        if _first_proof(prev, link.relation, link.rhs, ch.context, strategies, []):
                            proved += 1
                except BudgetExceeded:
                    pass
                prev = link.rhs
    dt = time.monotonic() - t0
    print(f"4. general-n proofs (symbolic strategies only): {proved}/{links} links proved in {dt:.1f} s"
          f" | goal <= {GOALS['general_n']:.0f} s: {'met' if dt <= GOALS['general_n'] else 'NOT met'}")


def render_figure() -> None:
    if shutil.which("pdflatex") is None:
        print("5. render: pdflatex not installed (bash scripts/install-tex.sh) — skipped")
        return
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as c:
        _derive("check", cache=c)  # verdicts first, as a user would
        t0 = time.monotonic()
        env = {**os.environ, "DERIVE_CACHE": c}
        r = subprocess.run([sys.executable, "-m", "proofs.cli", "render", "--format", "pdf", "--out", out],
                           env=env, capture_output=True, text=True)
        dt = time.monotonic() - t0
        pdfs = list(Path(out).rglob("*.pdf"))
    print(f"5. render every sheet to PDF: {dt:.1f} s, {len([p for p in pdfs if 'figures' not in p.parts])}"
          f" sheets (exit {r.returncode}) | goal <= {GOALS['render']:.0f} s: "
          f"{'met' if dt <= GOALS['render'] else 'NOT met'}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip", default="", help="comma list of figures to skip: check,matrix,general,render")
    args = ap.parse_args(argv)
    skip = set(args.skip.split(","))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    if "check" not in skip:
        check_figures()
    if "matrix" not in skip:
        matrix_figures()
    if "general" not in skip:
        general_n_figure()
    if "render" not in skip:
        render_figure()
    return 0


if __name__ == "__main__":
    sys.exit(main())
