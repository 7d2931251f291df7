"""Session set-up shared by every test process."""
from __future__ import annotations

import os
import shutil
import tempfile


def pytest_configure(config) -> None:
    """In the controlling process of a parallel run, a store where the first worker that needs
    claim verdicts leaves them for the others (see ``claim_verdicts.py``); workers inherit it."""
    if hasattr(config, "workerinput") or os.environ.get("CLAIM_VERDICTS_DIR"):
        return
    n = config.getoption("numprocesses", default=None)
    if not n or n == "0":
        return
    d = tempfile.mkdtemp(prefix="claim-verdicts-")
    os.environ["CLAIM_VERDICTS_DIR"] = d
    config._claim_verdicts_dir = d


def pytest_unconfigure(config) -> None:
    d = getattr(config, "_claim_verdicts_dir", None)
    if d:
        shutil.rmtree(d, ignore_errors=True)
        os.environ.pop("CLAIM_VERDICTS_DIR", None)
