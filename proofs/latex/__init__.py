"""Check a derivation written in LaTeX or Markdown, relation by relation (``derive check-tex``).

The pipeline, one stage per module::

    displays.relations(text)         every display, split into relations with line and tag
    notation.read_notation(...)      sizes, indices, functions, definitions, hypotheses
    parser.parse_side(tex, scope)    normalize.normalize, then the LALR grammar -> SymPy
    runner.check_relation(...)       definition, or a Chain decided by the kernel
"""
from __future__ import annotations

from pathlib import Path

from ..chain import InputError
from .displays import relations
from .notation import read_notation
from .runner import Document, Job, Result, plan_relation, run_job

__all__ = ["check_document", "check_file", "Result"]

MAX_FILE = 20_000_000   # characters; a bigger file is refused as a whole
DEFAULT_SECONDS = 10.0  # per relation


def check_document(text: str, notation: str = "", seconds: float = DEFAULT_SECONDS,
                   notation_name: str = "notation", jobs: int = 1) -> list[Result]:
    """Every relation of every display of ``text``, in order: read, then defined or checked."""
    if len(text) > MAX_FILE:
        raise InputError(f"the document is too large ({len(text)} characters)")
    doc = Document(read_notation(notation, text, notation_name))
    doc.load_definitions()
    planned = [plan_relation(rel, doc) for rel in relations(text)]   # in order: definitions accrue
    todo = [k for k, p in enumerate(planned) if isinstance(p, Job)]
    for k, res in zip(todo, _run([planned[k] for k in todo], seconds, jobs)):
        planned[k].result.__dict__.update({f: v for f, v in res.__dict__.items() if f != "sides"})
        planned[k] = planned[k].result
    return planned


_JOBS: list[Job] = []


def _one(args: tuple[int, float]) -> dict:
    k, seconds = args
    return run_job(_JOBS[k], seconds).as_dict()


def _run(work: list[Job], seconds: float, jobs: int) -> list[Result]:
    """The kernel on each planned relation; in ``jobs`` forked workers when more than one."""
    if jobs <= 1 or len(work) <= 1:
        return [run_job(j, seconds) for j in work]
    import multiprocessing as mp
    global _JOBS
    _JOBS = work   # forked workers inherit the planned chains; only plain results come back
    try:
        with mp.get_context("fork").Pool(min(jobs, len(work), 32)) as pool:
            dicts = pool.map(_one, [(k, seconds) for k in range(len(work))], chunksize=1)
    finally:
        _JOBS = []
    return [Result(**{k: v for k, v in d.items()}) for d in dicts]


def _read(path: str, what: str) -> str:
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{what} {path!r} is not a file")
    if p.stat().st_size > MAX_FILE:
        raise InputError(f"{what} {path!r} is too large ({p.stat().st_size} bytes)")
    try:
        return p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{what} {path!r} is not UTF-8 text ({exc.reason})") from None


def check_file(path: str, notation_path: str | None = None, seconds: float = DEFAULT_SECONDS,
               jobs: int = 1) -> list[Result]:
    text = _read(path, "document")
    notation = _read(notation_path, "notation file") if notation_path else ""
    return check_document(text, notation, seconds, Path(notation_path).name if notation_path else "notation", jobs)
