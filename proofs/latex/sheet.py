"""``derive check-tex --render``: the author's derivation as a sheet, each relation with its mark.

Only SymPy objects (printed by :func:`render.latex.latex`) and escaped text reach the sheet:
the document's own LaTeX never does, so a document cannot inject ``\\input`` or ``\\write18``.
"""
from __future__ import annotations

from pathlib import Path

from ..chain import InputError
from .runner import Result

LEGEND = (r"\textcolor{proven}{\checkmark} proven \quad \textcolor{refuted}{$\times$} refuted \quad "
          r"$\approx$ numeric \quad ? undecided \quad ! not read or not checked \quad := definition")


def _relation_tex(r: Result) -> str:
    from render import latex as L
    lhs, rel, rhs = r.sides
    sym = r"\coloneqq" if rel == ":=" else L.relation(rel)
    sym = r"\mathrel{:=}" if rel == ":=" else sym
    return f"{L.latex(lhs)} {sym} {L.latex(rhs)}"


def sheet_tex(name: str, results: list[Result]) -> str:
    from render import latex as L
    from render.sheets import PREAMBLE
    lines = [r"\documentclass[10pt]{article}", PREAMBLE.read_text(encoding="utf-8"), r"\begin{document}",
             r"{\Large\bfseries " + L.escape(name) + r"\par}\smallskip",
             r"{\small " + LEGEND + r"\par}\medskip"]
    for r in results:
        mark = r"\ensuremath{\mathrel{:=}}" if r.verdict == "definition" else L.mark(r.verdict)
        head = f"line {r.line}" + (f" ({r.tag})" if r.tag else "")
        lines.append(r"\par\noindent " + mark + r" \textbf{" + L.escape(head) + "} " + L.escape(r.verdict))
        if r.sides:
            lines.append(r"\begin{equation*}" + _relation_tex(r) + r"\end{equation*}")
        if r.verdict == "refuted" and r.counterexample:
            cx = r.counterexample
            pt = ", ".join(f"{k} = {v}" for k, v in (cx.get("point") or {}).items())
            lines.append(r"{\small counterexample: " + L.text(f"at {pt}: lhs = {cx.get('lhs_value')}, "
                                                              f"rhs = {cx.get('rhs_value')}") + r"\par}")
        elif r.verdict in ("error", "undecided") and r.message:
            lines.append(r"{\small " + L.text(r.message[:400]) + r"\par}")
    lines.append(r"\end{document}")
    return "\n".join(lines) + "\n"


def render_sheet(path: str, results: list[Result], fmt: str, out: str) -> list[Path]:
    """Write ``<out>/<file stem>-check.tex`` (and its PDF with fmt "pdf"); the paths written."""
    from render.sheets import CompileError, TexNotFound, compile_pdf
    outdir = Path(out)
    outdir.mkdir(parents=True, exist_ok=True)
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in Path(path).stem)[:80] or "document"
    tex = outdir / f"{stem}-check.tex"
    tex.write_text(sheet_tex(Path(path).name, results), encoding="utf-8")
    if fmt != "pdf":
        return [tex]
    try:
        return [tex, *compile_pdf([tex])]
    except TexNotFound:
        raise InputError(f"wrote {tex}, but no TeX to make a PDF: install it with "
                         "`bash scripts/install-tex.sh`") from None
    except CompileError as exc:
        raise InputError(f"wrote {tex}, but pdflatex failed: {exc}") from None
