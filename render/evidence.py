r"""The evidence appendix of a sheet: how each step was decided, written for a reader.

The body of a sheet shows the document's steps, a mark per step and the verdict; what the checker
did — strategy, scope, sampled points and sizes, the largest deviation, exact sizes, the exact
counterexample, a simulation's values — is said here, in sentences, one entry per claim
(``derive check --json`` keeps every digit). Kernel strings reach the page only through
:func:`kernel_text`, which drops SymPy's repr and Python spellings (``Sum(``, ``_j0``,
``sympy.limit``, ``lambda``) instead of printing them.
"""
from __future__ import annotations

import ast
import re
from typing import Any

from . import latex as L
from . import numbers as N

__all__ = ["appendix", "kernel_text", "scope_text", "observed", "obs_value", "humanise",
           "point_tex", "cx_sides"]

#: spelled-out Greek names in kernel strings ("1/lambda", "lambda = 10^8") -> Unicode
_GREEK = {"lambda": "λ", "sigma": "σ", "eta": "η", "mu": "μ", "tau": "τ", "theta": "θ",
          "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε"}
#: text that is SymPy's or Python's, not a reader's: such a phrase is dropped
_REPR = re.compile(r"[A-Z][A-Za-z]+\(|\[|\]|\*|\b_\w|\w_\d|\{'|\bdir=")
_SYMPY_FN = re.compile(r"\bsympy\.(\w+)")


def humanise(name: str) -> str:
    """A Python identifier as words: slow_start_epochs -> 'slow start epochs'."""
    words = str(name).replace("_", " ").split()
    return " ".join("∞" if w == "inf" else _GREEK.get(w, w) for w in words)


def kernel_text(s: str) -> str:
    """A strategy, reduction or note from the checker as LaTeX text; '' if it is SymPy's repr."""
    s = str(s or "").strip()
    if not s:
        return ""
    s = _SYMPY_FN.sub(lambda m: f"SymPy's {m.group(1)}", s)
    s = s.replace("->", "→").replace(">=", "≥").replace("<=", "≤").replace("!=", "≠")
    s = re.sub(r"\b(" + "|".join(_GREEK) + r")\b", lambda m: _GREEK[m.group(1)], s)
    s = re.sub(r"(?<![\w.])(-?)oo\b", lambda m: m.group(1) + "∞", s)  # SymPy's infinity, for a reader
    bits = [b.strip() for b in re.split(r";\s*", s)]
    kept = [b for b in bits if b and not _REPR.search(b)]
    kept = [b for k, b in enumerate(kept) if b not in kept[:k]]
    return L.text("; ".join(kept))


_SCOPE_BITS = [
    (re.compile(r"^symbolic n$"), "symbolic for every n"),
    (re.compile(r"^symbolic$"), "symbolic"),
    (re.compile(r"^exact for n = none$"), ""),
    (re.compile(r"^exact for n = (\d+)\.\.\1$"), r"exact at n = \1"),
    (re.compile(r"^exact for n = (\d+)\.\.(\d+)$"), r"exact at n = \1 to \2"),
    (re.compile(r"^sampled to n = (\d+)$"), r"sampled up to n = \1"),
    (re.compile(r"^sampled at n = (.*)$"), r"sampled at n = \1"),
    (re.compile(r"^exact$"), "exact computation"),
    (re.compile(r"^computed$"), "a computation"),
    (re.compile(r"^sampled$"), "sampled"),
]


def scope_text(scope: str) -> str:
    """'symbolic n; exact for n = 2..2; sampled to n = 1000' -> 'symbolic for every n; exact at
    n = 2; sampled up to n = 1000' (repeated bits once, 'none' dropped)."""
    out: list[str] = []
    for bit in (b.strip() for b in str(scope or "").split(";")):
        if not bit:
            continue
        for rx, repl in _SCOPE_BITS:
            if rx.match(bit):
                bit = rx.sub(repl, bit)
                break
        if bit and bit not in out:
            out.append(bit)
    return L.text("; ".join(out))


def observed(obs: Any) -> dict:
    """A computation's observations as a dict; the cache stores them as a Python literal string,
    read with ast.literal_eval (literals only: nothing is executed)."""
    if isinstance(obs, dict):
        return obs
    if isinstance(obs, str) and obs.strip().startswith("{"):
        try:
            val = ast.literal_eval(obs)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return {}
        return val if isinstance(val, dict) else {}
    return {}


def obs_value(v: Any) -> str:
    """One observed value as LaTeX text: numbers to 6 digits, lists item by item."""
    if isinstance(v, (list, tuple)):
        items = [obs_value(x) for x in v[:8]]
        return "(" + ", ".join(items) + (r", \dots" if len(v) > 8 else "") + ")"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float) and v != v:
        return "undefined (not a number)"
    if isinstance(v, float) and v in (float("inf"), float("-inf")):
        return r"$\infty$ (overflow)" if v > 0 else r"$-\infty$ (overflow)"
    tex, _ = N.number(v)
    if tex:
        return f"${tex}$"
    s = str(v)
    if "," in s:                       # '1000, 999, 0' or 'nan, 0.0, …'
        parts = [p.strip() for p in s.split(",")]
        conv = []
        for p in parts:
            if p.lower() == "nan":
                conv.append("undefined")
            elif p.lower() in ("inf", "+inf", "-inf"):
                conv.append(r"$\infty$" if not p.startswith("-") else r"$-\infty$")
            else:
                t, _ = N.number(p.rstrip(". …").rstrip("."))
                conv.append(f"${t}$" if t else L.text(p))
        return "(" + ", ".join(conv) + ")"
    return L.text(s[:80])


def point_tex(point: dict, sig: int = N.SIG, key_tex=None) -> str:
    """A counterexample's point: exact rationals as fractions, decimals to ``sig`` digits."""
    bits = []
    for k, v in (point or {}).items():
        name = key_tex(k) if key_tex else r"\text{" + L.escape(str(k)) + "}"
        bits.append(rf"${name} = {_value(v, sig)}$")
    return ", ".join(bits)


def _value(v, sig: int) -> str:
    if isinstance(v, (list, tuple)):
        return r"\left(" + ", ".join(_value(x, sig) for x in v) + r"\right)"
    tex, _ = N.number(v, sig=sig)
    if tex:
        return tex
    s = str(v)
    if re.fullmatch(r"[A-Za-z0-9+\-*/(). ]+", s) and "t" in s:   # a path in t: 't + 1'
        return r"\text{" + L.escape(s.replace("*", " ")) + "}"
    return r"\text{" + L.escape(s[:60]) + "}"


def cx_sides(cx: dict, sig: int = N.SIG) -> tuple[str, str]:
    """Both sides' values, each 0 when 0 at working precision relative to the other."""
    lv, rv = cx.get("lhs_value"), cx.get("rhs_value")
    pl, pr = N.parse(lv), N.parse(rv)
    scale = None
    mags = [abs(float(x)) for x in (pl, pr) if x is not None and not isinstance(x, str)
            and _finite(x)]
    if mags:
        scale = max(mags) or None
    return _side(lv, scale, sig), _side(rv, scale, sig)


def _finite(x) -> bool:
    try:
        f = float(x)
        return f == f and abs(f) != float("inf")
    except (OverflowError, ValueError):
        return False


def _side(v, scale, sig: int) -> str:
    tex, exact = N.number(v, scale=scale, sig=sig)
    if not tex:
        return r"\text{" + L.escape(str(v)[:60]) + "}"
    return ("= " if exact or tex == "0" else r"\approx ") + tex


# ---------------------------------------------------------------- the appendix
def appendix(entries: list[tuple[str, Any, dict]], key_tex, step_name, part_kind) -> str:
    """The sheet's appendix: for each (claim ID, claim, verdict dict) its parts and steps."""
    if not entries:
        return ""
    out = [r"\clearpage\phantomsection\pdfbookmark[0]{Appendix: the evidence}{appendix}",
           r"{\Large\bfseries Appendix: the evidence\par}\medskip",
           r"{\small For each step: how it was decided, on which scope, and what sampling "
           r"saw. \emph{Symbolic} means SymPy carried out the argument; sampled points are "
           r"evaluated at 50 significant digits, so a deviation below $10^{-40}$ is 0 at that "
           r"precision. Every digit is in \texttt{derive check --json}.\par}\medskip"]
    for cid, c, v in entries:
        out.append(_claim_entry(cid, c, v, key_tex, step_name, part_kind))
    return "\n".join(out)


def _claim_entry(cid: str, c, v: dict, key_tex, step_name, part_kind) -> str:
    st = v.get("verdict", "undecided")
    secs = v.get("seconds")
    head = (rf"\par\medskip\goodbreak\hypertarget{{evidence:{L.anchor(cid)}}}{{}}\noindent"
            rf"\textbf{{\claimid{{{L.escape(cid)}}}}}\quad {L.mark(st)}\,{L.escape(str(st))}"
            + (rf"\quad checked in {secs:.1f}\,s" if isinstance(secs, (int, float)) else "")
            + r"\par\nopagebreak")
    out = [head]
    try:
        parts = list(c.parts)
    except Exception:  # noqa: BLE001 - shown in the body already
        parts = []
    if v.get("error"):
        out.append(r"{\small The check crashed: " + L.text(str(v["error"])[:300]) + r"}\par")
    items = []
    for k, pv in enumerate(v.get("parts", [])):
        part = parts[k] if k < len(parts) else None
        label = L.text(pv.get("label", "")) or f"part {k + 1}"
        lines = []
        kind = part_kind(part) if part is not None else "chain"
        for q, s in enumerate(pv.get("steps", [])):
            lines.append(_step_sentence(q, s, part, kind, step_name, key_tex))
        for nt in pv.get("notes", []) or []:
            t = kernel_text(nt)
            if t:
                lines.append(r"\textit{" + t + "}")
        items.append(r"\item " + L.mark(pv.get("verdict", "undecided")) + r"\ \textit{" + label
                     + r"}" + ("".join(r"\\ " + ln for ln in lines) if lines else ""))
    if items:
        out.append(r"{\small\begin{itemize}\setlength{\itemsep}{1pt}" + "\n".join(items)
                   + r"\end{itemize}}")
    return "\n".join(out)


def _step_sentence(q: int, s: dict, part, kind: str, step_name, key_tex) -> str:
    ev = s.get("evidence", {}) or {}
    name = (step_name(q, part) if part is not None else f"step [{q + 1}]")
    bits = []
    how = kernel_text(s.get("strategy", ""))
    red = kernel_text(ev.get("reduction", ""))
    raw_how, raw_red = str(s.get("strategy", "")), str(ev.get("reduction", "") or "")
    if raw_red.startswith(raw_how + ":"):          # 'general n: sums as atoms' under 'general n'
        red = kernel_text(raw_red[len(raw_how) + 1:])
    if how and raw_how not in name:                # not 'the exact computation: exact computation'
        bits.append(how + (f" ({red})" if red and red not in how else ""))
    trusted = [kernel_text(t) for t in (ev.get("trusted") or s.get("trusting") or [])]
    # what the symbolic argument took on trust, once: the strategy's name may already say it
    trusted = [t for t in trusted if t and ("trusting " + t) not in how]
    if any(trusted):
        bits.append("trusting " + ", ".join(t for t in trusted if t))
    sc = scope_text(s.get("scope", ""))
    if sc and not (raw_how in ("computation", "exact computation", "rounding rule")
                   and s.get("scope") in ("computed", "exact")):
        bits.append(sc)
    pts = ev.get("points")
    sizes = [z for z in (ev.get("sizes") or []) if z is not None]
    if pts:
        samp = f"sampled at {pts} point{'s' if pts != 1 else ''}"
        if sizes:
            samp += ", $n = " + ", ".join(str(z) for z in sizes) + "$"
        worst = ev.get("worst_deviation")
        dev = N.deviation(worst) if worst not in (None, "") else ""
        if dev == "0":
            samp += "; the two sides agreed at every point"
        elif dev:
            samp += "; largest deviation between the sides " + dev
        elif str(worst).strip().lstrip("+-").lower() in ("inf", "nan"):
            samp += "; a side is infinite there, so no deviation is measured"
        bits.append(samp)
    exact = ev.get("exact_n") or {}
    held = sorted(int(n) for n, r in exact.items() if str(n).isdigit() and r == "holds")
    if held:
        bits.append("holds exactly at $n = " + _span(held) + "$")
    for nn, r in exact.items():
        if str(nn).isdigit() and r != "holds":
            bits.append(f"at $n = {nn}$: " + kernel_text(str(r)))
        elif str(nn) == "budget":
            bits.append("exact sizes: " + kernel_text(str(r)))
    if ev.get("budget"):
        m = re.match(r"numeric sampling stopped after ([0-9.]+) s", str(ev["budget"]))
        bits.append(f"sampling stopped at its time budget ({float(m.group(1)):.1f}\\,s)" if m
                    else kernel_text(ev["budget"]))
    if ev.get("skipped"):
        t = kernel_text(ev["skipped"])
        if t:
            bits.append("some points were skipped: " + t)
    if ev.get("note"):
        t = kernel_text(ev["note"])
        if t:
            bits.append(t)
    if kind == "stated" and ev.get("exact"):
        tex, _ = N.number(ev["exact"], sig=10)
        bits.append(rf"exact value $\approx {tex}$ (10 digits)")
    obs = observed(ev.get("observed"))
    if obs:
        bits.append("computed: " + "; ".join(f"{L.text(humanise(k))}: {obs_value(x)}"
                                             for k, x in obs.items()))
    cx = s.get("counterexample")
    if cx and kind == "chain":
        lv, rv = cx_sides(cx, sig=10)
        at = point_tex(cx.get("point", {}), sig=10, key_tex=key_tex)
        bits.append(r"counterexample" + (f" at {at}" if at else "")
                    + rf": left side ${lv}$, right side ${rv}$ (10 digits)")
    word = L.escape(str(s.get("verdict", "undecided")))
    return (L.mark(s.get("verdict", "undecided")) + rf"\ {L.escape(name)}, {word}"
            + (": " + "; ".join(bits) if bits else "") + ".")


def _span(ns: list[int]) -> str:
    if ns == list(range(ns[0], ns[-1] + 1)) and len(ns) > 2:
        return rf"{ns[0]}, \dots, {ns[-1]}"
    return ", ".join(map(str, ns))
