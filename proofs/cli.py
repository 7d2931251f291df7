"""The ``derive`` command: list, check, show and render the catalogue's claims.

Exit status: 0 when every check ran (a refuted claim of a document is a finding, not an error);
1 when a check crashed, a verdict reports a KernelBug or a ``--fail-on`` status occurred; 2 on bad
input (unknown ID, malformed arguments) — always one clear line on stderr, never a traceback.
A closed output pipe ends the command quietly (status 0).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any

from .chain import InputError
from .runner import results as _results

STATUSES = ("proven", "refuted", "numeric", "undecided")
MARK = {"proven": "✓", "refuted": "✗", "numeric": "≈", "undecided": "?", "error": "!"}


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad argument is one line ``derive: error: …`` (exit 2), no usage block."""

    def error(self, message: str):  # noqa: D102 - argparse's hook
        print(f"derive: error: {' '.join(message.split())}", file=sys.stderr)
        raise SystemExit(2)


def _whole(text: str) -> int:
    """An argparse type: a whole number >= 1."""
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}") from None
    if v < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return v


def _seconds(text: str) -> float:
    from .chain import check_seconds
    try:
        return check_seconds(float(text))  # type: ignore[return-value]
    except (ValueError, InputError):
        raise argparse.ArgumentTypeError(
            f"expected a positive finite number of seconds, got {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="derive", description="Check the softmax/cross-entropy derivations.")
    sub = p.add_subparsers(dest="cmd", required=True)
    ls = sub.add_parser("list", help="list the registered claims")
    ls.add_argument("--json", action="store_true")
    ck = sub.add_parser("check", help="check claims (all when no ID is given)")
    ck.add_argument("ids", nargs="*", metavar="ID")
    ck.add_argument("--json", action="store_true", help="print a JSON list of results")
    ck.add_argument("--jobs", type=_whole, default=None, help="worker processes (default: CPU count)")
    ck.add_argument("--fail-on", default="", help="comma list of verdicts that make the exit non-zero")
    ck.add_argument("--n", type=_whole, default=None, help="run 'for all n' claims at this concrete n")
    ck.add_argument("--seconds", type=_seconds, default=None, help="time budget per link, CPU seconds (default 20)")
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
    except SystemExit as exc:  # argparse printed --help (0) or one error line (2)
        return int(exc.code or 0) and 2
    try:
        run = {"list": _list, "check": _check, "show": _show, "check-tex": _check_tex}.get(args.cmd)
        if run is None:
            return 2
        code = run(args)
        sys.stdout.flush()  # a closed pipe shows here, inside the handler, not at interpreter exit
        return code
    except InputError as exc:
        print(f"derive: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (`derive list | head -1`): stop quietly
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        print("derive: interrupted", file=sys.stderr)
        return 130
    return 2


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush cannot raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _check_tex(args) -> int:
    from .latex.cli import run
    return run(args)


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
    print("\n".join(_show_lines(c, res)))
    return 0


def _show_lines(c, res: dict) -> list[str]:
    """The claim in readable maths: statement, each part (a chain step by step, or a computed
    value), each step's mark, reason and how it was decided; no SymPy repr, no dicts."""
    from .display import MARK as M, scope_words
    out = [f"{c.id} — {c.cite} [{c.kind}]", f"  statement: {c.statement}"]
    if c.corrected:
        out.append(f"  corrected: {c.corrected}")
    parts = res.get("parts", [])
    for k, (part, pres) in enumerate(zip(c.parts, parts), 1):
        note = "" if part.counts else "  (a note: not part of the verdict)"
        out += ["", f"  part {k} of {len(parts)}: {part.label} — {M.get(pres['verdict'], '?')} "
                    f"{pres['verdict']} ({scope_words({'parts': [pres]})}){note}"]
        out += _part_lines(part, pres)
    if res.get("error"):
        out.append(f"  error: {res['error']}")
    out += ["", f"  verdict: {M.get(res['verdict'], '?')} {res['verdict']} — {scope_words(res)}"
                f" — {res['seconds']:.2f} s"]
    return out


def _part_lines(part, pres: dict) -> list[str]:
    from .chain import Chain
    from .claims import Exact, Measured, Stated
    from .display import MARK as M, chain_lines, counterexample_line, number, side_by_side
    steps, chk, out = pres.get("steps", []), part.check, []

    def how(s: dict) -> str:
        return f"{s['verdict']}: {s['strategy']}"

    if isinstance(chk, Chain):
        links = [(l.relation, l.rhs, l.by) for l in chk.links]
        marks = [M.get(s["verdict"], "?") for s in steps[:len(links)]]
        out += chain_lines(chk.start, links, marks, [how(s) for s in steps[:len(links)]])
        if len(steps) > len(links):  # the conclusion, checked directly because a link failed
            s = steps[len(links)]
            out.append(f"      conclusion, checked directly: {M.get(s['verdict'], '?')} {how(s)}")
    elif isinstance(chk, Stated):
        out.append("      computed:")
        out += side_by_side("    ", chk.exact)
        s = steps[0] if steps else {}
        ev = s.get("evidence", {}) or {}
        out.append(f"      {M.get(s.get('verdict'), '?')} ≈ {chk.stated}   (the document's number; "
                   f"the exact value is {number(ev.get('exact', ''))})")
    elif isinstance(chk, Measured):
        s = steps[0] if steps else {}
        obs = (s.get("evidence") or {}).get("observed", {})
        out.append(f"      computed ({M.get(s.get('verdict'), '?')} {s.get('verdict', '')}):")
        out += [f"        {str(key).replace('_', ' ')}: {_plain(v)}" for key, v in obs.items()]
        out.append(f"      criterion: {chk.criterion_text}")
    elif isinstance(chk, Exact):
        s = steps[0] if steps else {}
        out.append(f"      computed exactly ({M.get(s.get('verdict'), '?')} {s.get('verdict', '')}):")
        out += side_by_side("    ", _parsed(s.get("lhs", "")))
        out += side_by_side("  = ", chk.expected)
    else:
        for s in steps:
            out.append(f"      {M.get(s['verdict'], '?')} {s.get('reason') or s.get('strategy')}")
    for s in steps:
        if s.get("counterexample"):
            out.append(f"      counterexample {counterexample_line(s['counterexample'])}")
    return out


def _parsed(text: str):
    """A computed value stored as text (in the results cache, a file anyone can write), back as
    an expression for the pretty printer: read by the safe parser, never by sympify (an eval)."""
    import sympy as sp

    from .errors import InputError
    from .parse import parse
    try:
        return parse(text)
    except InputError:
        return sp.Symbol(text)


def _plain(v) -> str:
    from .display import number
    if isinstance(v, (list, tuple)):
        return "(" + ", ".join(_plain(x) for x in v) + ")"
    if isinstance(v, dict):
        return ", ".join(f"{k} = {_plain(x)}" for k, x in v.items())
    if isinstance(v, bool) or isinstance(v, int):
        return str(v)
    return number(v) if isinstance(v, float) else str(v)


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
    if unknown:  # an ID is data: quoted, never looked up anywhere but the registry
        raise InputError(f"unknown claim ID{'s' if len(unknown) > 1 else ''}: "
                         f"{', '.join(map(repr, unknown))} (see `derive list`)")
    fail_on = {s.strip() for s in args.fail_on.split(",") if s.strip()}
    bad = fail_on - set(STATUSES) - {"error"}
    if bad:
        raise InputError(f"--fail-on takes {', '.join(STATUSES)}; got {', '.join(sorted(bad))}")
    ids = args.ids or list(reg)
    if args.n is not None:
        _sizes_ok(ids, args.n)
    t0 = time.monotonic()
    jobs = args.jobs or (os.cpu_count() or 1)
    results = _results(ids, jobs, not args.no_cache, args.n, args.seconds,
                       progress=not args.json and sys.stderr.isatty(),
                       on_result=None if args.json else _check_line)
    wall = time.monotonic() - t0
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        counts = {s: sum(r["verdict"] == s for r in results) for s in (*STATUSES, "error")}
        summary = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
        print(f"{len(results)} claims: {summary} — {wall:.1f} s wall, {jobs} job(s)")
    bugs = _kernel_bugs(results)
    if bugs:
        print(f"derive: KernelBug in {bugs[0]}" + (f" (and {len(bugs) - 1} more)" if len(bugs) > 1 else ""),
              file=sys.stderr)
        return 1
    statuses = {r["verdict"] for r in results}
    if "error" in statuses or statuses & fail_on:
        return 1
    return 0


def _sizes_ok(ids: list[str], n: int) -> None:
    """--n below a claim's smallest size is bad input, found before any check runs."""
    from .claims import _at_size, registry
    reg = registry()
    for i in ids:
        for part in reg[i].parts:
            try:
                _at_size(part, n)
            except InputError as exc:
                raise InputError(f"--n {n}: claim {i}: {exc}") from None


def _kernel_bugs(results: list[dict]) -> list[str]:
    """'<claim ID>: <note>' for every KernelBug a verdict's notes report (a checker defect)."""
    out = []
    for r in results:
        for part in r.get("parts", []):
            out += [f"{r['id']}: {' '.join(note.split())[len('KernelBug: '):][:300]}"
                    for note in part.get("notes", []) if note.startswith("KernelBug: ")]
    return out


def _check_line(r: dict) -> None:
    """One claim's line, printed as soon as its result is there (cached ones first)."""
    from .display import scope_words
    cached = " (cached)" if r.get("cached") else ""
    print(f"{MARK.get(r['verdict'], '?')} {r['id']:32} {r['verdict']:9} {r['seconds']:6.2f} s"
          f"{cached}  {scope_words(r)}", flush=True)
    if r.get("error"):
        print(f"    error: {r['error']}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
