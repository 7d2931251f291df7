"""The ``derive`` command: list, check, show and render the catalogue's claims.

Exit status: 0 when every check ran (a refuted claim of a document is a finding, not an error);
1 when a check crashed or a ``--fail-on`` status occurred; 2 on bad input (unknown ID, malformed
arguments) — always one clear line on stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import time
from typing import Any

from .chain import InputError

STATUSES = ("proven", "refuted", "numeric", "undecided")
MARK = {"proven": "✓", "refuted": "✗", "numeric": "≈", "undecided": "?", "error": "!"}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="derive", description="Check the softmax/cross-entropy derivations.")
    sub = p.add_subparsers(dest="cmd", required=True)
    ls = sub.add_parser("list", help="list the registered claims")
    ls.add_argument("--json", action="store_true")
    ck = sub.add_parser("check", help="check claims (all when no ID is given)")
    ck.add_argument("ids", nargs="*", metavar="ID")
    ck.add_argument("--json", action="store_true", help="print a JSON list of results")
    ck.add_argument("--jobs", type=int, default=0, help="worker processes (default: CPU count)")
    ck.add_argument("--fail-on", default="", help="comma list of verdicts that make the exit non-zero")
    ck.add_argument("--n", type=int, default=None, help="run 'for all n' claims at this concrete n")
    ck.add_argument("--seconds", type=float, default=None, help="time budget per link (default 20)")
    ck.add_argument("--no-cache", action="store_true", help="ignore and do not write the results cache")
    sh = sub.add_parser("show", help="show a claim: statement, steps, verdict")
    sh.add_argument("id")
    sh.add_argument("--json", action="store_true")
    sub.add_parser("render", help="write LaTeX/PDF derivation sheets (see derive render --help)",
                   add_help=False)
    from .latex.cli import add_parser as add_check_tex
    add_check_tex(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "render":
        from render.sheets import render_main
        return render_main(argv[1:])
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed one usage line
        return int(exc.code or 0) and 2
    try:
        if args.cmd == "list":
            return _list(args)
        if args.cmd == "check":
            return _check(args)
        if args.cmd == "show":
            return _show(args)
        if args.cmd == "check-tex":
            from .latex.cli import run as check_tex
            return check_tex(args)
    except InputError as exc:
        print(f"derive: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("derive: interrupted", file=sys.stderr)
        return 130
    return 2


# ---------------------------------------------------------------- list / show
def _list(args) -> int:
    from .claims import registry
    rows = [{"id": c.id, "source": c.source, "kind": c.kind, "topic": c.topic, "cite": c.cite,
             "statement": c.statement} for c in registry().values()]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for r in rows:
            print(f"{r['id']:32} {r['source']}  {r['topic']:16} {r['cite']}")
        print(f"{len(rows)} claims")
    return 0


def _show(args) -> int:
    from .claims import lookup
    c = lookup(args.id)
    res = _results([c.id], jobs=1, use_cache=True, n=None, seconds=None, progress=False)[0]
    if args.json:
        print(json.dumps({"claim": _claim_dict(c), "result": res}, ensure_ascii=False, indent=1))
        return 0
    print(f"{c.id} — {c.cite} [{c.kind}]")
    print(f"  statement: {c.statement}")
    if c.corrected:
        print(f"  corrected: {c.corrected}")
    for part, pres in zip(c.parts, res.get("parts", [])):
        note = "" if part.counts else "  (note: not part of the verdict)"
        print(f"  part: {part.label} — {MARK.get(pres['verdict'], '?')} {pres['verdict']}"
              f" [{pres.get('scope', '')}]{note}")
        for s in pres["steps"]:
            why = f"   ({s['reason']})" if s.get("reason") else ""
            print(f"      {MARK.get(s['verdict'], '?')} {s['lhs'][:60]} {s['relation']} {s['rhs'][:60]}"
                  f"  — {s['strategy']}{why}")
            if s.get("counterexample"):
                print(f"        counterexample: {_cx_line(s['counterexample'])}")
    print(f"  verdict: {res['verdict']} [{res.get('scope', '')}] in {res['seconds']:.2f} s")
    return 0


def _claim_dict(c) -> dict:
    return {"id": c.id, "source": c.source, "cite": c.cite, "kind": c.kind, "statement": c.statement,
            "topic": c.topic, "corrected": c.corrected, "notes": c.notes}


def _cx_line(cx: dict) -> str:
    pt = ", ".join(f"{k} = {v}" for k, v in cx.get("point", {}).items())
    return f"at {pt or 'the stated values'}: lhs = {cx['lhs_value']}, rhs = {cx['rhs_value']}" + \
        (f" ({cx['note']})" if cx.get("note") else "")


# ---------------------------------------------------------------- check
def _check(args) -> int:
    from .claims import registry
    reg = registry()
    unknown = [i for i in args.ids if i not in reg]
    if unknown:
        raise InputError(f"unknown claim ID{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}"
                         " (see `derive list`)")
    fail_on = {s.strip() for s in args.fail_on.split(",") if s.strip()}
    bad = fail_on - set(STATUSES) - {"error"}
    if bad:
        raise InputError(f"--fail-on takes {', '.join(STATUSES)}; got {', '.join(sorted(bad))}")
    ids = args.ids or list(reg)
    t0 = time.monotonic()
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    results = _results(ids, jobs, not args.no_cache, args.n, args.seconds,
                       progress=not args.json and sys.stderr.isatty())
    wall = time.monotonic() - t0
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        for r in results:
            cached = " (cached)" if r.get("cached") else ""
            print(f"{MARK.get(r['verdict'], '?')} {r['id']:32} {r['verdict']:9} {r['seconds']:6.2f} s"
                  f"{cached}  {r.get('scope', '')}")
            if r.get("error"):
                print(f"    error: {r['error']}")
        counts = {s: sum(r["verdict"] == s for r in results) for s in (*STATUSES, "error")}
        summary = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
        print(f"{len(results)} claims: {summary} — {wall:.1f} s wall, {jobs} job(s)")
    statuses = {r["verdict"] for r in results}
    if "error" in statuses or statuses & fail_on:
        return 1
    return 0


def _results(ids: list[str], jobs: int, use_cache: bool, n: int | None, seconds: float | None,
             progress: bool) -> list[dict]:
    """Results in the order of ids: from the cache when valid, else checked (in parallel)."""
    from . import cache
    from .claims import registry
    reg = registry()
    keys = {i: cache.key(reg[i], n, seconds) for i in ids}
    stored = cache.load() if use_cache else {}
    out: dict[str, dict] = {}
    todo = []
    for i in ids:
        hit = stored.get(keys[i])
        if hit is not None:
            out[i] = {**hit, "cached": True}
        else:
            todo.append(i)
    done = 0
    for r in _run(todo, jobs, n, seconds):
        out[r["id"]] = r
        done += 1
        if progress:
            print(f"\r[{done}/{len(todo)}] {r['id']:40}", end="", file=sys.stderr, flush=True)
        if use_cache and r["verdict"] != "error":
            stored[keys[r["id"]]] = r
    if progress and todo:
        print(file=sys.stderr)
    if use_cache and todo:
        cache.save(stored)
    return [out[i] for i in ids]


def _one(args: tuple[str, int | None, float | None]) -> dict:
    """Check one claim in a worker; a crash becomes an 'error' result, not a dead run."""
    cid, n, seconds = args
    from .claims import check_claim, registry
    t0 = time.monotonic()
    try:
        return check_claim(registry()[cid], seconds=seconds, n=n).as_dict()
    except Exception as exc:  # noqa: BLE001 - reported per claim, the run goes on
        return {"id": cid, "verdict": "error", "seconds": round(time.monotonic() - t0, 3), "scope": "",
                "steps": [], "parts": [], "counterexample": None, "error": f"{type(exc).__name__}: {exc}"}


def _run(ids: list[str], jobs: int, n, seconds):
    if not ids:
        return
    work = [(i, n, seconds) for i in ids]
    if jobs <= 1 or len(ids) == 1:
        for w in work:
            yield _one(w)
        return
    ctx = mp.get_context("fork")
    with ctx.Pool(min(jobs, len(ids)), maxtasksperchild=None) as pool:
        # slowest-first would balance better, but the order of results must not depend on timing
        yield from pool.imap_unordered(_one, work, chunksize=1)


if __name__ == "__main__":
    sys.exit(main())
