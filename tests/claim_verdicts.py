"""Shared by the content tests: each claim is checked once per test session, and the one way
a test states the verdict it expects.

Under a parallel run (pytest-xdist, the README's default) the first process that needs a verdict
checks the whole catalogue once, in a pool of one worker per core, and leaves the verdicts in the
session's store (``$CLAIM_VERDICTS_DIR``, made by ``conftest.py``); the other processes wait for
that file instead of checking the same claims again. Alone (``-n 0``), a claim is checked when a
test first asks for it."""
from __future__ import annotations

import fcntl
import multiprocessing as mp
import os
import pickle
from pathlib import Path

from proofs import check

_cache: dict = {}


def _check_all() -> dict:
    from proofs.claims import registry
    ids = list(registry())
    # forkserver, not fork: an xdist worker runs threads (execnet's), and a forked child of a
    # threaded process can deadlock on a lock one of them held
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["proofs.claims", "derivations"])
    with ctx.Pool(os.cpu_count() or 2) as pool:
        return dict(zip(ids, pool.map(check, ids, chunksize=1)))


def _shared(store: Path) -> dict:
    """All catalogue verdicts, computed by whichever process gets here first."""
    store.mkdir(parents=True, exist_ok=True)
    data = store / "verdicts.pickle"
    with open(store / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also on an error
        if data.exists():
            return pickle.loads(data.read_bytes())
        verdicts = _check_all()
        tmp = data.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps(verdicts))
        tmp.replace(data)
        return verdicts


def verdict(cid: str):
    """The kernel's verdict on a catalogue claim, computed once per session."""
    if cid not in _cache:
        store = os.environ.get("CLAIM_VERDICTS_DIR")
        if store:
            _cache.update(_shared(Path(store)))
        if cid not in _cache:
            _cache[cid] = check(cid)
    return _cache[cid]


def assert_verdict(cid: str, expected: str) -> None:
    """The claim gets the expected verdict; a refutation carries a counterexample whose sides differ."""
    v = verdict(cid)
    bugs = [note for _, _, part in v.parts for note in part.notes if "KernelBug" in note]
    assert not bugs, bugs
    assert v.status == expected, v.as_dict()
    if v.status == "refuted":
        cx = v.counterexample
        assert cx is not None and cx.lhs_value != cx.rhs_value
