"""``derive check-tex FILE``: the subcommand's arguments, its output and its exit status.

Exit status as ``derive check``: 0 when every relation ran; 1 when a relation could not be read
or checked (verdict "error") or a ``--fail-on`` verdict occurred; 2 on bad input (no such file,
a malformed notation file), with one line on stderr.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

from ..chain import InputError

VERDICTS = ("definition", "proven", "refuted", "numeric", "undecided", "error")
MARK = {"proven": "✓", "refuted": "✗", "numeric": "≈", "undecided": "?", "error": "!", "definition": ":="}


def add_parser(sub) -> None:
    """Register ``check-tex`` on the ``derive`` subparsers."""
    p = sub.add_parser("check-tex", help="check a derivation written in LaTeX or Markdown, line by line")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--notation", metavar="FILE", default=None, help="declarations (see proofs/latex/notation.py)")
    p.add_argument("--json", action="store_true", help="print a JSON list, one object per relation")
    p.add_argument("--fail-on", default="", help="comma list of verdicts that make the exit non-zero")
    p.add_argument("--seconds", type=float, default=None, help="time budget per relation, CPU seconds (default 10)")
    p.add_argument("--jobs", type=int, default=0, help="worker processes (default: CPU count)")
    p.add_argument("--render", choices=("pdf", "tex"), default=None, help="also write the derivation as a sheet")
    p.add_argument("--out", default="sheets", help="directory for --render (default sheets/)")


def _cx(cx: dict) -> str:
    pt = ", ".join(f"{k} = {v}" for k, v in (cx.get("point") or {}).items())
    return f"at {pt or 'the stated values'}: lhs = {cx.get('lhs_value')}, rhs = {cx.get('rhs_value')}"


def run(args: argparse.Namespace) -> int:
    from . import DEFAULT_SECONDS, check_file
    fail_on = {s.strip() for s in args.fail_on.split(",") if s.strip()}
    bad = fail_on - set(VERDICTS)
    if bad:
        raise InputError(f"--fail-on takes {', '.join(VERDICTS)}; got {', '.join(sorted(bad))}")
    if args.seconds is not None and not 0 < args.seconds <= 600:
        raise InputError("--seconds takes a number of seconds in (0, 600]")
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    t0 = time.monotonic()
    results = check_file(args.file, args.notation, args.seconds or DEFAULT_SECONDS, jobs)
    wall = time.monotonic() - t0
    if args.json:
        print(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=1))
    else:
        for r in results:
            tag = f"({r.tag})" if r.tag else ""
            shown = r.relation or r.latex
            print(f"{MARK.get(r.verdict, '?'):2} line {r.line:<4} {tag:6} {r.verdict:10} {shown[:100]}")
            if r.verdict == "refuted" and r.counterexample:
                print(f"     counterexample: {_cx(r.counterexample)}")
            if r.verdict in ("error", "undecided") and r.message:
                print(f"     {r.message[:300]}")
        counts = {v: sum(r.verdict == v for r in results) for v in VERDICTS}
        summary = ", ".join(f"{c} {v}" for v, c in counts.items() if c)
        print(f"{len(results)} relations: {summary or 'none found'} — {wall:.1f} s wall, {jobs} job(s)")
    if args.render:
        from .sheet import render_sheet
        for path in render_sheet(args.file, results, args.render, args.out):
            print(f"wrote {path}", file=sys.stderr)
    verdicts = {r.verdict for r in results}
    return 1 if ("error" in verdicts or verdicts & fail_on) else 0
