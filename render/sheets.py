r"""Derivation sheets: every claim with its chain, the reasons, the verdicts and the evidence.

``derive render [ID ...] [--by document|topic] [--format tex|pdf] [--out DIR] [--no-errata]``

Sheets (one ``.tex``, and with ``--format pdf`` one ``.pdf``, each, in ``--out``, default
``sheets/``):

* ``doc-<source>-<slug>``: one per source document (``derivations.catalogue.SOURCES``), its claims in
  catalogue order, titled with the book or post;
* ``topic-<module>``: one per topic module of ``derivations/``;
* ``errata``: every refuted claim with the document's statement, the counterexample (the point
  and both sides' values, to recompute) and the corrected statement where there is one.

Each claim shows its ID and citation, the statement, the domain and assumptions, every chain as
an aligned display with the reason for each step beside it and a verdict mark (a legend is on
every sheet), the numeric evidence per step, the claim's verdict and scope; the plain-Python
reference implementations (LaTeX by latexify-py, :mod:`render.latexify_refs`) beside the formula
they implement, and the figures of :mod:`render.figures` where they belong.

Verdicts come from ``verdicts=`` (``ClaimVerdict`` objects or their ``as_dict()`` dicts, e.g.
the results cache) or are computed (through the ``derive check`` machinery and its cache when
available). The sheets only *print* SymPy expressions (:mod:`render.latex`), never simplify.

Exit status of :func:`render_main`:
  0  all requested files written (and compiled, with ``--format pdf``);
  1  a sheet failed to compile (one line per sheet on stderr; its ``.log`` is kept);
  2  bad input: unknown claim ID or malformed arguments (one line on stderr, nothing written);
  3  ``--format pdf`` but no TeX on PATH: the ``.tex`` files are written, no PDF; one line says
     how to install TeX (``bash scripts/install-tex.sh``).
"""
from __future__ import annotations

import argparse
import importlib
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import sympy as sp

from . import evidence as E
from . import latex as L
from . import numbers as N

__all__ = ["render_main", "render_sheets", "plan_sheets", "sheet_tex", "claim_tex", "compile_pdf",
           "RenderError", "UnknownClaim", "TexNotFound", "CompileError", "EXIT_OK", "EXIT_COMPILE",
           "EXIT_USAGE", "EXIT_NO_TEX", "INSTALL_HINT", "FIGURE_PLACES", "REFERENCE_PLACES"]

EXIT_OK, EXIT_COMPILE, EXIT_USAGE, EXIT_NO_TEX = 0, 1, 2, 3
INSTALL_HINT = "install TeX with `bash scripts/install-tex.sh` (Debian/Ubuntu) to get PDFs"
PREAMBLE = Path(__file__).with_name("preamble.tex")

#: file-name slug of each source document
SOURCE_SLUGS = {"000": "dl", "001": "nndl", "002": "blog1", "003": "d2l", "004": "blog2"}

#: figure (a key fragment of render.figures.all_figures) -> (claims it goes after, caption)
FIGURE_PLACES: dict[str, tuple[tuple[str, ...], str]] = {
    "sigmoid": (("nndl.sigmoid-prime", "nndl.sigma-prime-small", "blog2.sigmoid-def",
                 "dl.bernoulli-sigmoid", "dl.sigmoid-as-softmax"),
                r"The sigmoid $\sigma(z)$ and its derivative $\sigma'(z)=\sigma(z)(1-\sigma(z))"
                r"\le \tfrac14$: $\sigma'$ is small wherever the output saturates."),
    "learning": (("nndl.learning-slowdown", "nndl.ce-grad-w", "nndl.ce-cost",
                  "nndl.quadratic-grads"),
                 "Learning curves of one sigmoid neuron (NNDL ch. 3): the quadratic cost learns "
                 "slowly from a badly wrong start, the cross-entropy does not."),
    "slider": (("nndl.softmax-monotone", "nndl.softmax-def", "nndl.softmax-nonlocal",
                "blog1.softmax-def", "dl.softmax-def", "dl.lateral-inhibition"),
               "Softmax outputs as one input varies (NNDL's slider): the output of the varied "
               "input rises, every other output falls, and all sum to 1."),
    "lse": (("d2l.rsm-limit", "dl.lse-approx-max", "d2l.rsm-lambda-gt-max", "d2l.rsm-n",
             "dl.soft-max-value", "d2l.rsm-gt-max"),
            r"$\lambda^{-1}\operatorname{LSE}(\lambda z)$ decreases to $\max_j z_j$ as $\lambda"
            r"\to\infty$, staying above it by at most $\lambda^{-1}\log n$."),
}

#: reference function (derivations.reference) -> the claims it goes after (first one on a sheet);
#: the formula it implements, as the books print it, is in _book_formulas()
REFERENCE_PLACES: dict[str, tuple[str, ...]] = {
    "sigmoid": ("blog2.sigmoid-def", "dl.bernoulli-sigmoid", "nndl.initial-outputs",
                "nndl.sigmoid-prime"),
    "sigmoid_prime": ("nndl.sigmoid-prime", "nndl.sigma-prime-small"),
    "softmax": ("dl.softmax-def", "nndl.softmax-def", "blog1.softmax-def", "blog2.softmax-range"),
    "log_softmax": ("dl.log-softmax",),
    "stable_softmax": ("dl.stable-softmax", "blog1.overflow-fix", "dl.shift-invariance"),
    "logsumexp": ("dl.lse-approx-max", "dl.log-softmax", "d2l.rsm-gt-max", "d2l.rsm-limit"),
    "stable_logsumexp": ("dl.stable-softmax", "blog1.overflow-fix", "dl.lse-approx-max",
                         "d2l.rsm-gt-max"),
    "quadratic_cost": ("nndl.quadratic-cost", "nndl.quadratic-grads"),
    "cross_entropy_cost": ("nndl.ce-cost", "nndl.ce-grad-w"),
    "log_likelihood_cost": ("nndl.log-likelihood", "nndl.ll-grads"),
    "softmax_cross_entropy": ("blog2.loss", "blog1.ce-loss", "blog2.cross-entropy",
                              "nndl.softmax-ll-delta", "dl.nll-gradient"),
}

STATUS_WORDS = {"proven": "proven", "refuted": "refuted", "numeric": "numeric",
                "undecided": "undecided", "error": "error"}
LEGEND = (r"\textbf{Marks.}\quad "
          + L.mark("proven") + r"~proven (a symbolic argument SymPy carried out)\quad "
          + L.mark("numeric") + r"~numeric (sampled agreement, or exact at concrete $n$ only: "
                                r"evidence, not proof)\quad "
          + L.mark("refuted") + r"~refuted (a counterexample, confirmed at twice the precision)"
                                r"\quad "
          + L.mark("undecided") + r"~undecided (time budget ran out or nothing applied). "
          r"A chain concludes by transitivity only when every step holds; the claim's verdict "
          r"is its weakest counted part.")

TEXT_WIDTH_EM = 46.0      # usable display width (A4, 2 cm margins, 10 pt) in width() units


# ---------------------------------------------------------------- errors
class RenderError(Exception):
    """A rendering failure reported as one line (never a traceback)."""


class UnknownClaim(RenderError):
    pass


class TexNotFound(RenderError):
    def __init__(self, written: list[Path]):
        super().__init__(f"pdflatex not found; wrote {len(written)} .tex file(s), no PDF; "
                         + INSTALL_HINT)
        self.written = written


class CompileError(RenderError):
    def __init__(self, failures: dict[Path, str], written: list[Path]):
        first = next(iter(failures.items()))
        super().__init__(f"{len(failures)} sheet(s) failed to compile; first: {first[0].name}: "
                         f"{first[1]}")
        self.failures = failures
        self.written = written


# ---------------------------------------------------------------- the CLI
class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2, no usage dump
        raise RenderError(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="derive render", description="Write the derivation sheets (LaTeX/PDF).",
                epilog="Exit status: 0 ok; 1 a sheet failed to compile; 2 bad input (unknown "
                       "ID, bad arguments); 3 --format pdf without TeX (the .tex files are "
                       "written; run `bash scripts/install-tex.sh`).")
    p.add_argument("ids", nargs="*", metavar="ID", help="claim IDs (default: all)")
    p.add_argument("--by", action="append", choices=("document", "topic"),
                   help="grouping of the sheets; repeat for both (default: both)")
    p.add_argument("--format", dest="fmt", choices=("tex", "pdf"), default="pdf")
    p.add_argument("--out", type=Path, default=Path("sheets"), help="output directory")
    p.add_argument("--no-errata", action="store_true", help="do not write the errata sheet")
    p.add_argument("--seconds", type=float, default=None, help="time budget per link for checks")
    p.add_argument("--jobs", type=int, default=0, help="worker processes for checks")
    p.add_argument("--no-cache", action="store_true", help="ignore the results cache")
    return p


def render_main(argv: list[str]) -> int:
    """``derive render``: see the module docstring for the exit statuses."""
    try:
        args = _parser().parse_args(list(argv))
    except RenderError as exc:
        print(f"derive render: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    t0 = time.monotonic()
    try:
        written = render_sheets(args.ids or None, by=tuple(args.by or ("document", "topic")),
                                fmt=args.fmt, out=args.out, errata=not args.no_errata,
                                seconds=args.seconds, jobs=args.jobs, use_cache=not args.no_cache)
    except UnknownClaim as exc:
        print(f"derive render: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except TexNotFound as exc:
        print(f"derive render: {exc}", file=sys.stderr)
        return EXIT_NO_TEX
    except CompileError as exc:
        for path, msg in exc.failures.items():
            print(f"derive render: error: {path.name} failed to compile: {msg} "
                  f"(see {path.with_suffix('.log')})", file=sys.stderr)
        return EXIT_COMPILE
    except RenderError as exc:
        print(f"derive render: error: {exc}", file=sys.stderr)
        return EXIT_COMPILE
    except KeyboardInterrupt:
        print("derive render: interrupted", file=sys.stderr)
        return 130
    for p in written:
        print(p)
    print(f"{len(written)} file(s) in {args.out} — {time.monotonic() - t0:.1f} s", file=sys.stderr)
    return EXIT_OK


# ---------------------------------------------------------------- planning
@dataclass
class Sheet:
    name: str                  # file stem
    kind: str                  # "document" | "topic" | "errata"
    title: str                 # LaTeX
    subtitle: str              # LaTeX
    ids: list[str] = field(default_factory=list)


def _claims(claims: dict | None) -> dict:
    if claims is not None:
        return dict(claims)
    from proofs.claims import registry
    return registry()


def _order_key(reg: dict):
    from derivations.catalogue import catalogue_order
    return lambda cid: (reg[cid].source, catalogue_order(cid), cid)


def _topic_title(topic: str) -> str:
    try:
        doc = importlib.import_module(f"derivations.{topic}").__doc__ or ""
    except Exception:  # noqa: BLE001 - a title is not worth a crash
        doc = ""
    first = doc.strip().split("\n\n")[0].replace("\n", " ").strip()
    return first


def plan_sheets(ids: list[str] | None, by: Iterable[str], reg: dict,
                verdicts: dict[str, dict] | None = None, errata: bool = True) -> list[Sheet]:
    """Which sheets, with which claims, in which order."""
    from derivations.catalogue import SOURCES
    chosen = sorted(ids if ids is not None else reg, key=_order_key(reg))
    sheets: list[Sheet] = []
    if "document" in by:
        for src in sorted({reg[c].source for c in chosen}):
            cids = [c for c in chosen if reg[c].source == src]
            title = L.text(SOURCES.get(src, f"source {src}"))
            sheets.append(Sheet(f"doc-{src}-{SOURCE_SLUGS.get(src, 'doc')}", "document",
                                title, f"Source document {src}", cids))
    if "topic" in by:
        topics: list[str] = []
        for c in sorted(chosen, key=lambda c: _order_key(reg)(c)[1:]):
            if reg[c].topic not in topics:
                topics.append(reg[c].topic)
        for t in topics:
            cids = sorted((c for c in chosen if reg[c].topic == t),
                          key=lambda c: _order_key(reg)(c)[1:])
            sheets.append(Sheet(f"topic-{t}", "topic", "Topic: " + L.escape(t),
                                L.text(_topic_title(t)) + r" \quad(\texttt{derivations/"
                                + L.escape(t) + ".py})", cids))
    if errata:
        bad = [c for c in chosen if (verdicts or {}).get(c, {}).get("verdict") == "refuted"]
        sheets.append(Sheet("errata", "errata", "Errata",
                            "Every refuted claim among the "
                            f"{len(chosen)} rendered: the document's statement, a counterexample "
                            "to recompute, and the corrected statement.", bad))
    return sheets


# ---------------------------------------------------------------- verdicts
def _as_dict(v: Any) -> dict:
    if isinstance(v, dict):
        return v
    if hasattr(v, "as_dict"):
        return v.as_dict()
    raise RenderError(f"not a verdict: {type(v).__name__}")


def _compute_verdicts(ids: list[str], reg: dict, own_claims: bool, seconds: float | None,
                      jobs: int, use_cache: bool) -> dict[str, dict]:
    """Through ``derive check``'s machinery (cache, worker processes) when the claims are the
    registry's; directly with check_claim otherwise. A crash becomes an 'error' verdict."""
    if not ids:
        return {}
    if not own_claims:
        from proofs.runner import results  # derive check's cache and worker pool
        jobs = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)
        res = results(list(ids), jobs, use_cache, None, seconds, progress=sys.stderr.isatty())
        return {r["id"]: r for r in res}
    from proofs.claims import check_claim
    out = {}
    for cid in ids:
        t0 = time.monotonic()
        try:
            out[cid] = check_claim(reg[cid], seconds=seconds).as_dict()
        except Exception as exc:  # noqa: BLE001 - one claim's crash is shown on its sheet
            out[cid] = {"id": cid, "verdict": "error", "seconds": time.monotonic() - t0,
                        "scope": "", "parts": [], "steps": [], "counterexample": None,
                        "error": f"{type(exc).__name__}: {exc}"}
    return out


# ---------------------------------------------------------------- rendering
def render_sheets(ids: list[str] | None = None, by: Iterable[str] = ("document", "topic"),
                  fmt: str = "pdf", out: Path | str = Path("sheets"),
                  verdicts: dict[str, Any] | None = None, *, errata: bool = True,
                  claims: dict | None = None, figures: bool = True, seconds: float | None = None,
                  jobs: int = 0, use_cache: bool = True) -> list[Path]:
    """Write the sheets; return the written files (``.pdf`` with fmt="pdf", else ``.tex``).

    ``verdicts`` maps IDs to ``ClaimVerdict`` objects or their ``as_dict()`` dicts (e.g. from
    the results cache); missing ones are computed. ``claims`` replaces the registry (tests).
    Raises :class:`UnknownClaim` before writing anything, :class:`TexNotFound` (after writing
    the ``.tex``) when fmt="pdf" and pdflatex is missing, :class:`CompileError` when a sheet
    does not compile (the other sheets are still compiled).
    """
    if fmt not in ("tex", "pdf"):
        raise RenderError(f"unknown format {fmt!r} (tex or pdf)")
    by = tuple(by)
    bad_by = [b for b in by if b not in ("document", "topic")]
    if bad_by:
        raise RenderError(f"unknown grouping {bad_by[0]!r} (document or topic)")
    reg = _claims(claims)
    if ids is not None:
        ids = list(dict.fromkeys(ids))
        unknown = [i for i in ids if i not in reg]
        if unknown:
            raise UnknownClaim(f"unknown claim ID{'s' if len(unknown) > 1 else ''}: "
                               f"{', '.join(unknown)} (see `derive list`)")
    chosen = list(ids) if ids is not None else list(reg)
    vd = {k: _as_dict(v) for k, v in (verdicts or {}).items()}
    missing = [c for c in chosen if c not in vd]
    vd.update(_compute_verdicts(missing, reg, claims is not None, seconds, jobs, use_cache))

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    sheets = plan_sheets(ids, by, reg, vd, errata)
    figs = _figures(out, sheets) if figures else {}
    refs = _references()
    texs = []
    for sh in sheets:
        path = out / f"{sh.name}.tex"
        path.write_text(sheet_tex(sh, reg, vd, figs, refs), encoding="utf-8")
        texs.append(path)
    if fmt == "tex":
        return texs
    if shutil.which("pdflatex") is None:
        raise TexNotFound(texs)
    return compile_pdf(texs, jobs=jobs)


def _figures(out: Path, sheets: list[Sheet]) -> dict[str, str]:
    """Figure key fragment -> path relative to ``out``, produced once by render.figures."""
    wanted = {cid for sh in sheets for cid in sh.ids}
    if not any(set(places) & wanted for places, _ in FIGURE_PLACES.values()):
        return {}
    try:
        made = _fresh_figures(out / "figures")
        if made is None:
            from .figures import all_figures
            made = all_figures(out / "figures")
    except Exception as exc:  # noqa: BLE001 - sheets without figures beat no sheets
        print(f"derive render: warning: figures skipped ({type(exc).__name__}: {exc})",
              file=sys.stderr)
        return {}
    found = {}
    for frag in FIGURE_PLACES:
        for key, p in made.items():
            if frag in key.lower() and Path(p).exists():
                p = Path(p).resolve()
                try:
                    found[frag] = p.relative_to(out.resolve()).as_posix()
                except ValueError:
                    found[frag] = p.as_posix()
                break
    return found


def _fresh_figures(figdir: Path) -> dict[str, Path] | None:
    """The figures already in ``figdir`` when each wanted one exists and is newer than the code
    that draws it (render/figures.py and the derivations it imports); else None (redraw)."""
    try:
        import render.figures as F
        sources = [Path(F.__file__)] + [Path(m.__file__) for m in vars(F).values()
                                        if getattr(m, "__name__", "").startswith("derivations.")
                                        and getattr(m, "__file__", None)]
        newest = max(p.stat().st_mtime for p in sources)
    except Exception:  # noqa: BLE001
        return None
    pdfs = {p.stem: p for p in figdir.glob("*.pdf")}
    for frag in FIGURE_PLACES:
        hit = [p for k, p in pdfs.items() if frag in k.lower()]
        if not hit or hit[0].stat().st_mtime < newest:
            return None
    return pdfs


def _references() -> dict[str, str]:
    try:
        from .latexify_refs import reference_latex
        return reference_latex()
    except Exception as exc:  # noqa: BLE001
        print(f"derive render: warning: reference code skipped ({type(exc).__name__}: {exc})",
              file=sys.stderr)
        return {}


# ---------------------------------------------------------------- one sheet
def _ascii(s: str) -> str:
    import unicodedata
    s = re.sub(r"\\[A-Za-z]+\s*", "", s).replace("{", "").replace("}", "")
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().replace("\\", "")


def sheet_tex(sh: Sheet, reg: dict, vd: dict[str, dict], figs: dict[str, str],
              refs: dict[str, str]) -> str:
    """The complete LaTeX document of one sheet."""
    pre = PREAMBLE.read_text(encoding="utf-8")
    title_pdf = _ascii(sh.title).replace(",", " ").strip()[:100] or sh.name
    lines = [r"\documentclass[10pt]{article}", pre,
             r"\hypersetup{pdftitle={" + L.escape(title_pdf) + "}}",
             r"\begin{document}",
             r"\pdfbookmark[0]{" + L.escape(title_pdf) + "}{top}",
             r"{\Large\bfseries " + sh.title + r"\par}\smallskip",
             r"{\small\raggedright " + sh.subtitle + r"\par}\medskip",
             r"\shaded{legendbg}{\small " + LEGEND + "}", r"\medskip"]
    if sh.kind == "errata":
        lines.append(_errata_body(sh, reg, vd))
    else:
        lines.append(_summary_table(sh, reg, vd))
        placed_f: set[str] = set()
        placed_r: set[str] = set()
        for cid in sh.ids:
            lines.append(claim_tex(reg[cid], vd.get(cid, {})))
            lines.append(_extras_after(cid, sh.ids, figs, refs, placed_f, placed_r))
    lines.append(E.appendix([(cid, reg[cid], vd.get(cid, {})) for cid in sh.ids], _key_tex,
                            _step_name, _part_kind))
    lines.append(r"\end{document}")
    return "\n".join(lines) + "\n"


def _summary_table(sh: Sheet, reg: dict, vd: dict) -> str:
    counts: dict[str, int] = {}
    rows = []
    for cid in sh.ids:
        st = vd.get(cid, {}).get("verdict", "undecided")
        counts[st] = counts.get(st, 0) + 1
        c = reg[cid]
        rows.append(rf"\hyperlink{{claim:{L.anchor(cid)}}}{{\claimid{{{L.escape(cid)}}}}} & {L.mark(st)} "
                    rf"{STATUS_WORDS.get(st, 'undecided')} & {L.text(c.kind)} & {L.text(c.cite)}"
                    r" \\")
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items(), key=lambda kv: kv[0]))
    return "\n".join([
        rf"{{\small {len(sh.ids)} claim(s): {summary}.}}\par\smallskip",
        r"{\small\begin{tabularx}{\linewidth}{@{}l l >{\raggedright}p{0.17\linewidth} "
        r">{\raggedright\arraybackslash}X@{}}",
        r"\toprule ID & verdict & kind & citation\\ \midrule", *rows,
        r"\bottomrule\end{tabularx}\par}\medskip"])


def _extras_after(cid: str, sheet_ids: list[str], figs: dict, refs: dict,
                  placed_f: set, placed_r: set) -> str:
    """Reference code and figures placed after the first claim of the sheet they belong to."""
    out = []
    present = set(sheet_ids)
    pos = {c: k for k, c in enumerate(sheet_ids)}
    for name, places in REFERENCE_PLACES.items():
        if name in placed_r or name not in refs:
            continue
        here = [c for c in places if c in present]
        if here and min(here, key=pos.__getitem__) == cid:
            placed_r.add(name)
            out.append(_reference_block(name, refs[name]))
    for frag, (places, caption) in FIGURE_PLACES.items():
        if frag in placed_f or frag not in figs:
            continue
        here = [c for c in places if c in present]
        if here and min(here, key=pos.__getitem__) == cid:
            placed_f.add(frag)
            out.append("\n".join([
                r"\par\medskip\begin{center}",
                rf"\includegraphics[width=0.72\linewidth]{{{figs[frag]}}}\par\smallskip",
                rf"\parbox{{0.85\linewidth}}{{\small\textit{{Figure.}} {caption}}}",
                r"\end{center}"]))
    return "\n".join(out)


def _book_formulas() -> dict[str, tuple[str, sp.Basic, str]]:
    """The formula each reference function implements, as the books print it (1-based)."""
    from derivations.common import A, Y, Z, a, j, k, lse, n, sigma, softmax_i, y, z, i
    sig = sp.Function("sigma")
    M = sp.Function("max")(Z)
    yi = sp.Symbol("y", integer=True)
    return {
        "sigmoid": (r"\sigma(z)", sigma(z), "NNDL eq. (3)"),
        "sigmoid_prime": (r"\sigma'(z)", sig(z) * (1 - sig(z)), "NNDL ch. 3"),
        "softmax": (r"\operatorname{softmax}(z)_{i}", softmax_i(Z, i, dummy=j), "DL eq. (6.29)"),
        "stable_softmax": (r"\operatorname{softmax}(z)_{i}",
                           sp.exp(Z[i] - M) / sp.Sum(sp.exp(Z[j] - M), (j, 1, n)),
                           "DL eq. (6.33)"),
        "log_softmax": (r"\log\operatorname{softmax}(z)_{i}", Z[i] - lse(Z, dummy=j),
                        "DL eq. (6.30)"),
        "logsumexp": (r"\operatorname{LSE}(z)", lse(Z, dummy=j), r"DL \S6.2.2.3"),
        "stable_logsumexp": (r"\operatorname{LSE}(z)",
                             M + sp.log(sp.Sum(sp.exp(Z[j] - M), (j, 1, n))),
                             r"DL \S6.2.2.3 with the shift of (6.33)"),
        "quadratic_cost": (r"C", (y - a) ** 2 / 2, "NNDL eq. (54), one sample"),
        "cross_entropy_cost": (r"C", -(y * sp.log(a) + (1 - y) * sp.log(1 - a)),
                               "NNDL eq. (57), one sample"),
        "log_likelihood_cost": (r"C", -sp.log(A[yi]), "NNDL eq. (80)"),
        "softmax_cross_entropy": (r"\operatorname{CE}(z, y)",
                                  -sp.Sum(Y[j] * sp.log(softmax_i(Z, j, dummy=k)), (j, 1, n)),
                                  "DL eq. (6.30) against a target $y$"),
    }


def _reference_block(name: str, code_tex: str) -> str:
    """The book's formula (SymPy) beside the reference code (latexify-py)."""
    try:
        lhs, rhs, cite = _book_formulas()[name]
        formula = f"{lhs} = {L.latex(rhs)}"
    except Exception:  # noqa: BLE001
        formula, cite = "", ""
    code = code_tex
    fw, cw = L.width(formula), L.width(code)
    head_f = rf"\textbf{{Formula}} ({cite}, printed by SymPy)"
    head_c = (rf"\textbf{{Code}} (\texttt{{derivations.reference.{L.escape(name)}}}, "
              r"by latexify-py; indices from 0)")
    half = TEXT_WIDTH_EM / 2 - 2
    if formula and fw <= half and cw <= half:
        body = "\n".join([
            r"{\small\begin{tabular}{@{}>{\raggedright}p{0.48\linewidth}@{\hspace{0.03\linewidth}}"
            r">{\raggedright\arraybackslash}p{0.48\linewidth}@{}}",
            rf"{head_f} & {head_c}\\[0.5ex]",
            rf"$\displaystyle {formula}$ & $\displaystyle {code}$",
            r"\end{tabular}}"])
    else:
        parts = []
        if formula:
            parts.append(rf"{{\small {head_f}}}\par {_display(formula)}")
        parts.append(rf"{{\small {head_c}}}\par {_display(code)}")
        body = "\n".join(parts)
    return r"\par\smallskip\shaded{codebg}{" + body + r"}\par\smallskip"


def _display(tex: str, avail: float = TEXT_WIDTH_EM - 4) -> str:
    """A centred display line, shrunk to fit when its estimated width is too large."""
    body = _scaled(tex, avail)
    if body is tex:
        body = rf"$\displaystyle {tex}$"
    return rf"\par\centerline{{{body}}}\par"


# ---------------------------------------------------------------- one claim
def claim_tex(c, v: dict) -> str:
    """The block of one claim: heading, statement, parts (chains with a reason under each step),
    the verdict; the evidence is in the sheet's appendix (:mod:`render.evidence`)."""
    st = v.get("verdict", "undecided")
    out = [r"\par\bigskip\goodbreak",
           rf"\phantomsection\hypertarget{{claim:{L.anchor(c.id)}}}{{}}",
           rf"\pdfbookmark[1]{{{L.escape(c.id)}}}{{bm:{L.anchor(c.id)}}}",
           # heading, citation and statement are one unbreakable block (never split, nor
           # left at the foot of a page without the first part: see the \nopagebreak below)
           r"\noindent\begin{minipage}{\linewidth}\setlength{\parskip}{0.45ex plus 0.2ex}",
           rf"\noindent{{\large\bfseries\claimid{{{L.escape(c.id)}}}}}"
           + (rf"\quad{{\large {L.text(c.title)}}}" if c.title else "")
           + rf"\hfill {L.mark(st)}\,\textbf{{{STATUS_WORDS.get(st, 'undecided')}}}\par",
           r"\noindent{\small\textit{" + L.text(c.cite) + r"}\quad [" + L.text(c.kind)
           + r"]}\par",
           r"\noindent\textbf{Statement.} " + L.text(c.statement) + r"\par\end{minipage}\par"]
    parts_v = v.get("parts", [])
    try:
        parts = list(c.parts)
    except Exception as exc:  # noqa: BLE001 - a broken build is reported, not fatal
        parts = []
        out.append(r"\textcolor{refuted}{The claim's parts could not be built: "
                   + L.text(f"{type(exc).__name__}: {exc}") + r"}\par")
    if v.get("error"):
        out.append(r"\textcolor{refuted}{The check crashed: " + L.text(str(v["error"])) + r"}\par")
    for k, part in enumerate(parts):
        pv = parts_v[k] if k < len(parts_v) else {}
        if k == 0:                      # the heading and statement stay with the first part
            out.append(r"\par\nopagebreak")
        out.append(_part_tex(part, pv))
    out.append(r"\par\nopagebreak\smallskip\noindent\textbf{Verdict:} " + L.mark(st) + r"\,\textbf{"
               + STATUS_WORDS.get(st, "undecided") + "}" + _scope_summary(v.get("scope", ""))
               + rf"\quad{{\small(evidence: \hyperlink{{evidence:{L.anchor(c.id)}}}{{appendix}})}}\par")
    if c.corrected:
        out.append(r"\shaded{fixbg}{\textbf{Corrected statement.} " + L.text(c.corrected) + "}")
    if c.notes:
        out.append(r"{\small\begin{itemize}\setlength{\itemsep}{0pt}")
        out.extend(r"\item " + L.text(nt) for nt in c.notes)
        out.append(r"\end{itemize}}")
    return "\n".join(out)


def _part_tex(part, pv: dict) -> str:
    """One part: its heading, note and check, kept on one page (a chain is never split)."""
    from proofs.chain import Chain
    from proofs.claims import Exact, Measured, Stated
    st = pv.get("verdict", "undecided")
    note = "" if part.counts else r" \textit{(a note: not part of the verdict)}"
    head = (r"\partheading{" + L.mark(st) + r"\ " + L.text(part.label) + note + "}")
    out = [head]
    if part.note:
        out.append(r"{\small " + L.text(part.note) + r"}\par")
    c = part.check
    steps = pv.get("steps", [])
    if isinstance(c, Chain):
        out.append(_chain_tex(c, steps))
    elif isinstance(c, Stated):
        out.append(_stated_tex(c, steps[0] if steps else {}))
    elif isinstance(c, Measured):
        out.append(_measured_tex(c, steps[0] if steps else {}))
    elif isinstance(c, Exact):
        out.append(_exact_tex(c, steps[0] if steps else {}))
    else:
        out.append(r"\textit{(unsupported part: " + L.escape(type(c).__name__) + r")}\par")
    for k, s in enumerate(steps):          # the counterexample stays with its part
        if s.get("counterexample"):
            out.append(_cx_tex(s["counterexample"], _step_name(k, part), _part_kind(part)))
            break
    body = "\n".join(out)
    if _lines_tall(body) <= PAGE_LINES:
        return r"\par\noindent\begin{minipage}{\linewidth}" + body + r"\par\end{minipage}\par"
    return r"{\allowdisplaybreaks" + "\n" + body + r"\par}"   # taller than a page: it breaks


def _step_name(k: int, part) -> str:
    from proofs.chain import Chain
    c = part.check
    if isinstance(c, Chain):
        return f"step [{k + 1}]" if k < len(c.links) else "the conclusion"
    return {"stated": "the printed number", "exact": "the exact computation",
            "measured": "the computation"}.get(_part_kind(part), "the check")


def _domain_line(ch) -> str:
    bits = []
    for key, d in (ch.domain or {}).items():
        name = _key_tex(key)
        kind = getattr(d, "kind", "")
        lo, hi = getattr(d, "lo", None), getattr(d, "hi", None)
        if kind == "real":
            bits.append(rf"${name} \in [{_num(lo)}, {_num(hi)}]$")
        elif kind == "positive":
            bits.append(rf"${name} \in (0, {_num(hi)}]$")
        elif kind == "unit":
            bits.append(rf"${name} \in (0, 1)$")
        elif kind == "simplex":
            bits.append(rf"${name}$ a probability vector (${name}_j \ge 0$, $\sum_j {name}_j = 1$)")
        elif kind == "onehot":
            bits.append(rf"${name}$ one-hot")
        elif kind == "integer":
            few = lo is not None and hi is not None and float(hi) - float(lo) <= 3
            vals = (", ".join(_num(v) for v in range(int(lo), int(hi) + 1)) if few
                    else rf"{_num(lo)}, \dots, {_num(hi)}")      # {0, 1}, not {0, …, 1}
            bits.append(rf"${name} \in \{{{vals}\}}$")
        elif kind == "function":
            bits.append(rf"${name}$ any smooth function")
        else:
            bits.append(rf"${name}$: " + L.escape(str(kind)))
    assume = [f"${L.latex(a)}$" for a in ch.assuming]
    line = []
    if ch.label:
        line.append(r"\textit{" + L.text(ch.label) + "}")
    if ch.n is not None:
        line.append(rf"for all ${L.latex(ch.n)} \ge {ch.n_min}$")
    if assume:
        line.append("assuming " + ", ".join(assume))
    if bits:
        line.append("sampled on " + ", ".join(bits))
    return (r"{\small " + "; ".join(line) + r".}\par") if line else ""


def _key_tex(key) -> str:
    if isinstance(key, sp.Basic):
        return L.latex(key)
    name = getattr(key, "__name__", None) or str(key)
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
        return L.latex(sp.Symbol(name))               # lambda -> \lambda, u1 -> u_{1}
    return r"\text{" + L.escape(name) + "}"         # used in maths: escaped text


def _num(x) -> str:
    if x is None:
        return "?"
    if float(x).is_integer():
        return str(int(x))
    return f"{x:g}"


SAFETY = 1.15             # width() underestimates long expressions by up to ~20 %
MAX_LINES = 8             # a longer sum shows its first lines and says how many terms follow
MIN_SCALE = 0.55          # a single term needing more shrinking than this is not printed


def _w(tex: str) -> float:
    return L.width(tex) * SAFETY


def _scaled(tex: str, avail: float) -> str:
    """tex at display size, shrunk to ``avail`` em when wider (never an overfull line)."""
    w = _w(tex)
    if w <= avail:
        return tex
    return rf"\scalebox{{{max(0.05, avail / w):.3f}}}{{$\displaystyle {tex}$}}"


def _too_long(tex: str) -> str:
    return (r"\boxed{\text{\small a term too long to print (about "
            rf"{int(round(_w(tex), -1))} em wide)}}}}")


def _expr_lines(expr, avail: float, depth: int = 0) -> list[str]:
    r"""An expression as display lines of at most ``avail`` em.

    A sum too wide for one line is broken before its + / − signs; a product with a long sum
    as a factor is broken inside that sum (between \Biggl( and \Biggr)); a single term still
    too wide is shrunk, and not printed at all (a box says so) when it would need shrinking
    below MIN_SCALE; a sum needing more than MAX_LINES lines shows the first ones, then how
    many terms are not shown (the checker saw them all).
    """
    tex = L.latex(expr)
    if _w(tex) <= avail:
        return [tex]
    wrapped = _wrapper_lines(expr, avail, depth)
    if wrapped is not None:
        return wrapped
    if not isinstance(expr, sp.Add):
        broken = _product_lines(expr, avail, depth)
        if broken is not None:
            return broken
        if avail / _w(tex) < MIN_SCALE:
            return [_too_long(tex)]
        return [_scaled(tex, avail)]
    lines: list[str] = []
    counts: list[int] = []
    cur, cur_w, n_cur = "", 0.0, 0

    def flush():
        nonlocal cur, cur_w, n_cur
        if cur:
            lines.append(cur)
            counts.append(n_cur)
        cur, cur_w, n_cur = "", 0.0, 0

    for sign, term, texpr in L.add_terms(expr):
        lead = f"{sign} " if sign else ""
        piece = lead + term
        pw = _w(piece)
        if pw > avail:
            sub = _product_lines(texpr, avail - 2, depth) if depth < 2 else None
            if sub is not None and len(sub) > 1:
                flush()
                lines.append(lead + sub[0])
                counts.append(1)
                lines.extend(sub[1:])
                counts.extend([0] * (len(sub) - 1))
                continue
            piece = lead + (_too_long(term) if avail / pw < MIN_SCALE
                            else _scaled(term, avail - (1.5 if sign else 0)))
            pw = min(avail, _w(piece))
        if cur and cur_w + pw > avail:
            flush()
        cur, cur_w, n_cur = (f"{cur} {piece}" if cur else piece), cur_w + pw, n_cur + 1
    flush()
    if len(lines) > MAX_LINES:
        shown = sum(counts[: MAX_LINES - 1])
        total = sum(counts)
        more = f"{total - shown} more terms not shown" if total > shown else "continued"
        lines = lines[: MAX_LINES - 1] + [
            rf"+ \cdots \quad\text{{\small ({more}; {total} in all)}}"]
    return lines


def _wrapper_lines(expr, avail: float, depth: int) -> list[str] | None:
    r"""A limit or derivative of a long expression as lines: ``\lim_{t \to \infty} \Biggl(
    first … \Biggr)`` with the inner expression broken by :func:`_expr_lines`; None if not such."""
    if depth >= 2 or not isinstance(expr, (sp.Limit, sp.Derivative)):
        return None
    if isinstance(expr, sp.Limit):
        inner = expr.args[0]
        marker = sp.Symbol("XMARKERX")
        head = L.latex(sp.Limit(marker, *expr.args[1:]))
        head = head.replace("XMARKERX", "").rstrip() if "XMARKERX" in head else None
    else:
        inner = expr.expr
        head = _derivative_head(expr)
    if head is None:
        return None
    lines = _expr_lines(inner, avail - _w(head) - 3, depth + 1)
    if len(lines) == 1:
        return None
    return ([rf"{head} \Biggl( {lines[0]}"] + [rf"\quad {ln}" for ln in lines[1:-1]]
            + [rf"\quad {lines[-1]} \Biggr)"])


def _derivative_head(expr: sp.Derivative) -> str | None:
    r"""``\frac{\partial}{\partial z_{1}}`` of a derivative of a compound expression."""
    tex = L.latex(expr)
    m = re.match(r"(\\frac\{\\partial(?:\^\{\d+\})?\}\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|"
                 r"\\frac\{\\mathrm\{d\}(?:\^\{\d+\})?\}\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})", tex)
    return m.group(1) if m else None


def _product_lines(expr, avail: float, depth: int) -> list[str] | None:
    r"""A product c·(long sum) as lines: ``c \Biggl( first … \Biggr)``; None if not such."""
    if not isinstance(expr, sp.Mul) or depth >= 2:
        return None
    adds = [f for f in expr.args if isinstance(f, sp.Add)]
    if not adds:
        return None
    big = max(adds, key=lambda f: _w(L.latex(f)))
    others = [f for f in expr.args if f is not big]
    head = L.latex(sp.Mul(*others)) if others else ""
    if head == "1":
        head = ""
    if head == "-1":
        head = "-"
    if _w(head) > avail / 2:
        return None
    inner = _expr_lines(big, avail - 3, depth + 1)
    if len(inner) == 1:
        return None
    return ([rf"{head} \Biggl( {inner[0]}"] + [rf"\quad {ln}" for ln in inner[1:-1]]
            + [rf"\quad {inner[-1]} \Biggr)"])


PAGE_LINES = 62           # display rows that fit on a page (measured: a 61-row chain fits; 731 pt)


def _lines_tall(tex: str) -> float:
    """Rough height of a part in text lines: each display row one line, two with a fraction."""
    rows = tex.split("\\\\")
    return sum(1.8 if r"\frac" in r else 1.0 for r in rows) + tex.count(r"\par")


def _chain_tex(ch, steps: list[dict]) -> str:
    """The chain as an align* display; under each step its verdict mark, number and reason.

    Reasons are always under their step (never beside), so every chain reads the same way.
    When the start is wide it stands on its own line with every step below it (long sums are
    broken across lines by :func:`_expr_lines`). A step without a reason shows only its mark.
    """
    avail = TEXT_WIDTH_EM
    exprs = [ch.start] + [l.rhs for l in ch.links]
    texs = [L.latex(e) for e in exprs]
    rels = [L.relation(l.relation) for l in ch.links]
    w_start = _w(texs[0])
    w_rhs = max(_w(t) + 1.5 for t in texs[1:])
    stacked = w_start > 0.4 * avail or w_start + w_rhs > avail
    rows: list[str] = []
    if stacked:
        col1 = 0.0
        for q, line in enumerate(_expr_lines(exprs[0], avail - 1)):
            rows.append(f"& {line}" if q == 0 else rf"& \qquad {line}")
    else:
        col1 = w_start
    indent = r"\qquad " if stacked else ""
    for k, rel in enumerate(rels):
        st = steps[k].get("verdict", "undecided") if k < len(steps) else "undecided"
        why = L.text(ch.links[k].by) if ch.links[k].by else ""
        room = avail - col1 - (2 if stacked else 0) - 2
        lines = _expr_lines(exprs[k + 1], room)
        lhs = texs[0] if (k == 0 and not stacked) else ""
        rows.append(rf"{lhs} &{indent}{rel} {lines[0]}")
        rows.extend(rf"& {indent}\qquad {ln}" for ln in lines[1:])
        box = max(12.0, avail - col1 - 4)
        reason = (rf"\parbox[t]{{{box:.1f}em}}{{\raggedright {L.mark(st)}\ [{k + 1}] {why}}}"
                  if why else rf"{L.mark(st)}\ [{k + 1}]")
        rows.append(rf"& {indent}\qquad\text{{\small {reason}}}")
    if len(steps) > len(ch.links):                       # the conclusion, checked directly
        cs = steps[len(ch.links)]
        rel = L.relation(ch.conclusion)
        rows.append(rf"& {indent}\qquad\text{{\small {L.mark(cs.get('verdict', 'undecided'))}\ "
                    rf"conclusion (first ${rel}$ last), checked directly: "
                    rf"{STATUS_WORDS.get(cs.get('verdict'), 'undecided')}}}")
    rows = ["{}" + r if r.lstrip().startswith("[") else r for r in rows]
    return "\n".join([_domain_line(ch), r"\begin{align*}", " \\\\\n".join(rows), r"\end{align*}"])


def _relation_display(lhs, rel: str, rhs) -> str:
    """``lhs rel rhs`` as a display, broken like a chain when long."""
    avail = TEXT_WIDTH_EM
    lt, rt = L.latex(lhs), L.latex(rhs)
    if _w(lt) + _w(rt) + 2 <= avail:
        return rf"\begin{{align*}} {lt} &{L.relation(rel)} {rt} \end{{align*}}"
    rows = [f"& {ln}" if q == 0 else rf"& \qquad {ln}"
            for q, ln in enumerate(_expr_lines(lhs, avail - 1))]
    rl = _expr_lines(rhs, avail - 4)
    rows.append(rf"& \qquad {L.relation(rel)} {rl[0]}")
    rows.extend(rf"& \qquad\qquad {ln}" for ln in rl[1:])
    return r"\begin{align*}" + " \\\\\n".join(rows) + r"\end{align*}"


def _stated_tex(c, s: dict) -> str:
    """A printed number: the document's digits, the exact value (closed form and 6 digits) and
    what it is to the document's number of decimal places."""
    ev = s.get("evidence", {}) or {}
    try:
        val = L.latex(c.exact)
    except Exception:  # noqa: BLE001
        val = ""
    places = ev.get("places", c.places)
    try:
        places = int(places) if places is not None else None
    except (TypeError, ValueError):
        places = None
    dec = N.approx(ev.get("exact", "")) if ev.get("exact") else ""
    rounded = _to_places(ev.get("exact", ""), places)
    line = (rf"{L.mark(s.get('verdict', 'undecided'))}\ the document prints "
            rf"\textbf{{{L.escape(c.stated)}}}"
            + (f" ({places} decimal place{'s' if places != 1 else ''})" if places is not None else "")
            + (rf"; the exact value is ${_fit_inline(val)}{(' ' + dec) if dec else ''}$" if val else "")
            + (rf", which to {places} place{'s' if places != 1 else ''} is {rounded}" if rounded else "")
            + ".")
    return r"{\small " + line + r"}\par"


def _fit_inline(tex: str) -> str:
    return tex if L.width(tex) < 22 else rf"\scalebox{{{max(0.5, 22 / L.width(tex)):.2f}}}{{${tex}$}}"


def _measured_tex(c, s: dict) -> str:
    """A computation: its verdict and criterion here, the computed values in the appendix."""
    return (r"{\small\raggedright " + L.mark(s.get("verdict", "undecided")) + r"\ computed ("
            r"the values are in the appendix); criterion: " + L.text(c.criterion_text) + r".}\par")


def _exact_tex(c, s: dict) -> str:
    value = s.get("lhs", "")
    tex, _ = N.number(value)
    if not tex:
        try:
            tex = L.latex(c.expected) if str(value) == str(c.expected) else L.latex(str(value))
        except Exception:  # noqa: BLE001
            tex = L.latex(str(value))
    try:
        expected = L.latex(c.expected)
    except Exception:  # noqa: BLE001
        expected = L.latex(str(c.expected))
    return (r"{\small " + L.mark(s.get("verdict", "undecided")) + r"\ computed exactly: $"
            + _fit_inline(tex) + r"$; the document: $" + _fit_inline(expected) + r"$.}\par")


def _part_kind(part) -> str:
    from proofs.claims import Exact, Measured, Stated
    c = getattr(part, "check", None)
    return ("stated" if isinstance(c, Stated) else "exact" if isinstance(c, Exact)
            else "measured" if isinstance(c, Measured) else "chain")


def _cx_tex(cx: dict, where: str, kind: str = "chain") -> str:
    """A counterexample to recompute: the point and both sides' values to 6 digits (the exact
    point is in the appendix)."""
    point = cx.get("point", {}) or {}
    rel = str(cx.get("relation", "="))
    lv, rv = E.cx_sides(cx)
    if rel == "criterion" or kind == "measured":
        body = ("the computation does not meet its criterion: " + L.text(str(cx.get("rhs_value", "")))
                + " (the computed values are in the appendix)")
    elif kind == "stated" or rel == "≈":
        body = rf"the exact value is ${lv.lstrip('=').strip()}$; the document prints " \
               rf"${N.number(cx.get('rhs_value'))[0] or L.latex(str(cx.get('rhs_value')))}$"
        body = body.replace(r"$\approx ", "$")
    elif kind == "exact":
        body = rf"computed exactly ${lv}$; the document ${rv}$"
    else:
        at = ("at " + E.point_tex(point, key_tex=_key_tex) + ": ") if point else ""
        body = (rf"{at}left side ${lv}$, right side ${rv}$ (so ${L.relation(rel)}$ fails)")
    redundant = {"exact": "computed exactly", "measured": "the computation"}.get(kind)
    note = ""
    if cx.get("note") and not (redundant and str(cx["note"]).startswith(redundant)):
        note = _cx_note(str(cx["note"]))
    return (r"\shaded{errbg}{\small\raggedright\textbf{Counterexample} (" + L.escape(where) + "): "
            + body + (r" --- " + note if note else "") + ".}")


def _scope_summary(scope: str) -> str:
    """The verdict line's scope in a few words: 'for all n' when a part was proved for symbolic n."""
    bits = {b.strip() for b in str(scope or "").split(";")}
    if "symbolic n" in bits:
        return r"\quad for all $n$"
    return ""


def _to_places(exact: str, places: int | None) -> str:
    """The exact decimal rounded to the document's places (half to even; the checker's rule
    :func:`proofs.evidence.rounding.rounds_to` makes the verdict, this only prints)."""
    from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
    if not exact or places is None:
        return ""
    try:
        return str(Decimal(str(exact)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_EVEN))
    except (InvalidOperation, ValueError):
        return ""


def _cx_note(note: str) -> str:
    """The kernel's note, with 'name = number' set as maths ('value at λ = 10^8')."""
    out, pos = [], 0
    for m in re.finditer(r"\b([A-Za-z_][A-Za-z0-9_]*) = ([-+]?[0-9][0-9.eE+-]*)", note):
        tex, _ = N.number(m.group(2))
        if not tex:
            continue
        seg = note[pos:m.start()]
        out.append((E.kernel_text(seg) + (" " if seg.endswith(" ") else "")) if seg.strip()
                   else seg)
        out.append(f"${_key_tex(m.group(1))} = {tex}$")
        pos = m.end()
    rest = note[pos:]
    out.append(((" " if rest.startswith(" ") else "") + E.kernel_text(rest)) if rest.strip()
               else rest)
    return "".join(out)


# ---------------------------------------------------------------- errata
def _errata_body(sh: Sheet, reg: dict, vd: dict) -> str:
    from proofs.chain import Chain
    if not sh.ids:
        return r"\textit{No claim among those rendered is refuted.}\par"
    out = [rf"{len(sh.ids)} refuted claim(s).\par"]
    for cid in sh.ids:
        c = reg[cid]
        v = vd.get(cid, {})
        out += [r"\par\bigskip\goodbreak",
                rf"\phantomsection\hypertarget{{claim:{L.anchor(cid)}}}{{}}",
                rf"\pdfbookmark[1]{{{L.escape(cid)}}}{{bm:{L.anchor(cid)}}}",
                rf"\noindent{{\large\bfseries\claimid{{{L.escape(cid)}}}}}\hfill {L.mark('refuted')}"
                r"\,\textbf{refuted}\par",
                r"\nopagebreak\noindent{\small\textit{" + L.text(c.cite) + r"}}\par",
                r"\noindent\textbf{The document says.} " + L.text(c.statement) + r"\par"]
        try:
            parts = list(c.parts)
        except Exception:  # noqa: BLE001
            parts = []
        for k, pv in enumerate(v.get("parts", [])):
            if not pv.get("counts", True) or pv.get("verdict") != "refuted":
                continue
            part = parts[k] if k < len(parts) else None
            out.append(r"\partheading{" + L.mark("refuted") + r"\ " + L.text(pv.get("label", ""))
                       + "}")
            steps = pv.get("steps", [])
            kk = next((i for i, s in enumerate(steps) if s.get("counterexample")), None)
            if part is not None and isinstance(part.check, Chain) and kk is not None:
                ch = part.check
                exprs = [ch.start] + [l.rhs for l in ch.links]
                if kk < len(ch.links):
                    lhs, rel, rhs = exprs[kk], ch.links[kk].relation, exprs[kk + 1]
                    why = ch.links[kk].by
                    label = f"step [{kk + 1}]"
                else:
                    lhs, rel, rhs, why, label = ch.start, ch.conclusion, exprs[-1], "", "conclusion"
                out.append(r"{\small The failing " + label + (": " + L.text(why) if why else "")
                           + r"}" + _relation_display(lhs, rel, rhs))
            if kk is not None:
                where = (_step_name(kk, part) if part is not None else f"step [{kk + 1}]")
                out.append(_cx_tex(steps[kk]["counterexample"], where, _part_kind(part)))
        if not any(pv.get("verdict") == "refuted" for pv in v.get("parts", [])) and \
                v.get("counterexample"):
            out.append(_cx_tex(v["counterexample"], "the claim"))
        if c.corrected:
            out.append(r"\shaded{fixbg}{\textbf{Corrected statement.} " + L.text(c.corrected) + "}")
        else:
            out.append(r"{\small\textit{No corrected statement is recorded for this claim.}}\par")
        if c.notes:
            out.append(r"{\small\begin{itemize}\setlength{\itemsep}{0pt}")
            out.extend(r"\item " + L.text(nt) for nt in c.notes)
            out.append(r"\end{itemize}}")
    return "\n".join(out)


# ---------------------------------------------------------------- compiling
def compile_pdf(texs: list[Path], jobs: int = 0) -> list[Path]:
    """Compile each .tex in its directory (latexmk, else pdflatex twice), in parallel.

    Raises :class:`CompileError` listing every sheet that failed (after trying them all).
    """
    if shutil.which("pdflatex") is None:
        raise TexNotFound(list(texs))
    workers = max(1, min(len(texs), jobs if jobs and jobs > 0 else (os.cpu_count() or 2)))
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(_compile_one, texs))
    failures = {t: msg for t, msg in zip(texs, results) if msg}
    pdfs = [t.with_suffix(".pdf") for t in texs]
    if failures:
        raise CompileError(failures, [p for t, p in zip(texs, pdfs) if t not in failures])
    return pdfs


def _compile_one(tex: Path) -> str:
    """'' on success, else the first error line of the log.

    pdflatex is run in the sheet's directory, again only while the log asks for a rerun (the
    ``bookmark`` package writes the PDF outline in the first run, and the sheets use no
    cross-references, so one run is the rule); without pdflatex, latexmk would do the same.
    """
    cwd = tex.parent
    # Defence in depth behind escaping (issue 14): no shell escape, and TeX may open files for
    # reading or writing only below the sheet's directory (kpathsea's "paranoid" mode).
    env = {**os.environ, "max_print_line": "1000", "openout_any": "p", "openin_any": "p",
           "shell_escape": "f"}
    cmd = ["pdflatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error",
           "-file-line-error", tex.name]
    if shutil.which("pdflatex") is None and shutil.which("latexmk"):
        cmd = ["latexmk", "-pdf", "-pdflatex=pdflatex -no-shell-escape %O %S",
               "-interaction=nonstopmode", "-halt-on-error", "-file-line-error", "-quiet",
               tex.name]
    log = tex.with_suffix(".log")
    for _ in range(3):
        try:
            r = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=300)
        except subprocess.TimeoutExpired:
            return "TeX timed out after 300 s"
        if r.returncode != 0:
            return _first_error(log) or f"exit status {r.returncode}"
        try:
            text = log.read_text(errors="replace")
        except OSError:
            text = ""
        if "Rerun to get" not in text and "Label(s) may have changed" not in text:
            break
    for ext in (".aux", ".fls", ".fdb_latexmk", ".out"):
        try:
            tex.with_suffix(ext).unlink()
        except OSError:
            pass
    return ""


def _first_error(log: Path) -> str:
    try:
        text = log.read_text(errors="replace")
    except OSError:
        return ""
    for ln in text.splitlines():
        if ln.startswith("!") or re.match(r"^[^:\s]+\.tex:\d+: ", ln):
            return ln.strip()[:200]
    return ""
