"""Results cache: a claim's verdict is reused while neither its content nor the checker changes.

The key hashes the claim's module source and metadata (:meth:`Claim.fingerprint`), the checker's
own source (every file of ``proofs/``), the library versions (Python, SymPy, mpmath, NumPy) and
the run's options (size n, time budget). Change any of them and the claim is checked again.
The cache lives in ``$DERIVE_CACHE`` or ``.derive-cache/`` in the working directory.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import platform
from pathlib import Path

import mpmath
import numpy
import sympy


def path() -> Path:
    return Path(os.environ.get("DERIVE_CACHE", ".derive-cache")) / "results.json"


def sources() -> list[Path]:
    """The files whose text the verdicts depend on: every file of the checker, subpackages
    included (a strategy or the evidence changes verdicts), and the content's shared module."""
    here = Path(__file__).parent
    return sorted(here.rglob("*.py")) + sorted(here.rglob("*.lark")) + [here.parent / "derivations" / "common.py"]


@functools.lru_cache(maxsize=1)
def _environment() -> str:
    h = hashlib.sha256()
    for f in sources():
        h.update(f.read_bytes())
    h.update(f"{platform.python_version()} {sympy.__version__} {mpmath.__version__} "
             f"{numpy.__version__}".encode())
    return h.hexdigest()[:16]


def key(claim, n: int | None, seconds: float | None) -> str:
    return f"{claim.id}|{claim.fingerprint()}|{_environment()}|n={n}|s={seconds}"


def load() -> dict:
    try:
        return json.loads(path().read_text())
    except (OSError, ValueError):
        return {}


def save(data: dict) -> None:
    """Write atomically, so an interrupted run never leaves a broken cache behind."""
    p = path()
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False))
        tmp.replace(p)
    except OSError:
        pass  # a read-only directory only costs speed
