"""Speed and scale figures, each printed beside its baseline measured in the same run.

    python -m benchmarks.speed            (or python -m benchmarks for speed + accuracy)

Figures (2 cores, cold process unless stated):
  1. `derive check` of every claim, wall time, default jobs — baseline: the same with --jobs 1;
  2. the same again with the results cache warm — baseline: the cold run;
  3. exact concrete-n check of the softmax Jacobian and the softmax-CE Hessian, n = 8 … 64
     (randomized identity test over GF(2^61−1)) — baseline: naive per-entry simplify at small n;
  4. all general-n (symbolic n) proofs together (proof search only; the links no strategy
     proves are timed apart);
  5. rendering every sheet to PDF;
  6. `derive check-tex` on the blog post (seed 004) with its notation file;
  7. the README's test command (`python -m pytest`) in a fresh clone (--tests; slow).
Figure 1 also prints where the time goes: per claim, per strategy, and the ten slowest links.
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

GOALS = {"check": 20.0, "cached": 2.0, "n64": 10.0, "general_n": 5.0, "render": 60.0,
         "check_tex": 10.0, "tests": 120.0}
ROOT = Path(__file__).resolve().parent.parent
BLOG = ROOT.parent / "shared" / "seeds" / "004_ac558d0f887454d8.txt"


def _derive(*args: str, cache: str, out: list | None = None) -> float:
    env = {**os.environ, "DERIVE_CACHE": cache}
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "proofs.cli", *args], env=env, capture_output=True, text=True)
    dt = time.monotonic() - t0
    if r.returncode not in (0, 1):
        print(f"   derive {' '.join(args)} failed: {r.stderr.strip()[:200]}")
    if out is not None:
        out.append(r.stdout)
    return dt


def where_the_time_goes(results: list[dict], top: int = 10) -> None:
    """Per claim, per strategy (the strategy that decided each link, or how it ended) and the
    slowest links, from one run's ``derive check --json``."""
    total = sum(r["seconds"] for r in results)
    print(f"   claim-seconds in all: {total:.1f} (the wall time above is this divided among the jobs)")
    print(f"   slowest {top} claims:")
    for r in sorted(results, key=lambda r: -r["seconds"])[:top]:
        print(f"     {r['seconds']:6.2f} s  {r['verdict']:9} {r['id']}")
    links = [(st["seconds"], r["id"], p["label"], st) for r in results for p in r.get("parts", [])
             for st in p.get("steps", [])]
    per: dict[str, list[float]] = {}
    for sec, _, _, st in links:
        name = st["strategy"].split("; ")[-1].split(", trusting")[0] or "none"
        per.setdefault(f"{name} [{st['verdict']}]", []).append(sec)
    print("   per strategy (links, seconds):")
    for name, secs in sorted(per.items(), key=lambda kv: -sum(kv[1]))[:15]:
        print(f"     {sum(secs):7.2f} s  {len(secs):3d} links  {name}")
    print(f"   slowest {top} links:")
    for sec, cid, label, st in sorted(links, key=lambda x: -x[0])[:top]:
        print(f"     {sec:6.2f} s  {st['verdict']:9} {cid} / {label[:40]} ({st['strategy'][:50]})")


def check_figures() -> None:
    import json
    with tempfile.TemporaryDirectory() as c1, tempfile.TemporaryDirectory() as c2:
        serial = _derive("check", "--jobs", "1", cache=c1)
        out: list = []
        default = _derive("check", "--json", cache=c2, out=out)
        warm = _derive("check", cache=c2)
    print(f"1. derive check, all claims, cold: {default:6.1f} s default jobs ({os.cpu_count()})"
          f" | baseline --jobs 1: {serial:6.1f} s | speed-up x{serial / default:.2f}"
          f" | goal <= {GOALS['check']:.0f} s: {'met' if default <= GOALS['check'] else 'NOT met'}")
    print(f"2. derive check, second run (cache warm): {warm:6.2f} s | baseline cold: {default:6.1f} s"
          f" | ratio {warm / default:.3f} | goal <= {GOALS['cached']:.0f} s: "
          f"{'met' if warm <= GOALS['cached'] else 'NOT met'}")
    try:
        where_the_time_goes(json.loads(out[0]))
    except (ValueError, IndexError):
        print("   (no JSON from the cold run: no breakdown)")


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
    """The kernel's proof search alone (no sampling, no concrete sizes) on every link of the
    registry stated for symbolic n, with every strategy, each link under a 10 s CPU budget.

    The goal ("every general-n proof together") is about the proofs: the time of the links that
    are proved is printed apart from the time spent on links no strategy proves (the steps of
    refuted or numeric claims), which `derive check` refutes first or gives a short budget."""
    from proofs.chain import Chain
    from proofs.claims import registry
    from proofs.kernel import _first_proof
    from proofs.strategies import all_strategies
    from dataclasses import replace

    from proofs.budget import BudgetExceeded, budget, clock
    from proofs.definitions import unfold

    strategies = all_strategies()
    proved: list[float] = []
    unproved: list[float] = []
    t0, c0 = time.monotonic(), clock()
    for c in registry().values():
        for part in c.parts:
            ch = part.check
            if not isinstance(ch, Chain) or ch.n is None:
                continue
            ctx = replace(ch.context, definitions=())
            prev = ch.start
            for link in ch.links:
                # as decide does: definitions unfolded first
                lhs, rhs = (unfold(e, ch.context.definitions)[0] for e in (prev, link.rhs))
                start, ok = clock(), False
                try:
                    with budget(10):
                        ok = _first_proof(lhs, link.relation, rhs, ctx, strategies, []) is not None
                except BudgetExceeded:
                    pass
                (proved if ok else unproved).append(clock() - start)
                prev = link.rhs
    wall, cpu = time.monotonic() - t0, clock() - c0
    links, done = len(proved) + len(unproved), sum(proved)
    print(f"4. general-n proofs (proof search only, all strategies): {len(proved)}/{links} links proved in"
          f" {done:.1f} s CPU | goal <= {GOALS['general_n']:.0f} s: {'met' if done <= GOALS['general_n'] else 'NOT met'}")
    print(f"   the {len(unproved)} links no strategy proves: {sum(unproved):.1f} s CPU more (searched to the end"
          f" or to the budget) | all {links} links: {cpu:.1f} s CPU, {wall:.1f} s wall")


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


def check_tex_figure() -> None:
    if not BLOG.exists():
        print(f"6. check-tex: {BLOG} not found — skipped")
        return
    with tempfile.TemporaryDirectory() as c:
        dt = _derive("check-tex", str(BLOG), "--notation", str(ROOT / "examples" / "004-softmax-cross-entropy.notation"),
                     cache=c)
    print(f"6. derive check-tex on the blog post (seed 004): {dt:.1f} s | goal <= {GOALS['check_tex']:.0f} s: "
          f"{'met' if dt <= GOALS['check_tex'] else 'NOT met'}")


def tests_figure() -> None:
    """The README's test command in a fresh clone of HEAD (cold: no results cache), with this
    interpreter (its packages stand for the clone's venv)."""
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["git", "clone", "-q", str(ROOT), d], check=True)
        t0 = time.monotonic()
        r = subprocess.run([sys.executable, "-m", "pytest", "-q"], cwd=d, capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": d})
        dt = time.monotonic() - t0
    last = (r.stdout.strip().splitlines() or ["?"])[-1]
    print(f"7. python -m pytest in a fresh clone: {dt:.0f} s ({last}) | goal <= {GOALS['tests']:.0f} s: "
          f"{'met' if dt <= GOALS['tests'] else 'NOT met'}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip", default="", help="comma list of figures to skip: check,matrix,general,render,tex")
    ap.add_argument("--tests", action="store_true", help="also time the test command in a fresh clone")
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
    if "tex" not in skip:
        check_tex_figure()
    if args.tests:
        tests_figure()
    return 0


if __name__ == "__main__":
    sys.exit(main())
