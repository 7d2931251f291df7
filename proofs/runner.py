"""Checking claims in bulk: the results cache and the worker pool, shared by ``derive check``
and ``derive render`` (neither imports the other)."""
from __future__ import annotations

import multiprocessing as mp
import sys
import time


def results(ids: list[str], jobs: int, use_cache: bool, n: int | None, seconds: float | None,
             progress: bool, on_result=None) -> list[dict]:
    """Results in the order of ids: from the cache when valid, else checked (in parallel);
    ``on_result`` sees each result as soon as it is there."""
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
            if on_result:
                on_result(out[i])
        else:
            todo.append(i)
    done = 0
    for r in _run(todo, jobs, n, seconds):
        out[r["id"]] = r
        done += 1
        if on_result:
            if progress:  # clear the progress line before the result's own line
                print("\r" + " " * 48 + "\r", end="", file=sys.stderr, flush=True)
            on_result(r)
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
    from .budget import BudgetExceeded
    from .claims import check_claim, registry
    t0 = time.monotonic()
    try:
        return check_claim(registry()[cid], seconds=seconds, n=n).as_dict()
    except (Exception, BudgetExceeded) as exc:  # noqa: BLE001 - reported per claim, the run goes on
        # (a BudgetExceeded that escapes its budget would otherwise kill the worker and hang the pool)
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
