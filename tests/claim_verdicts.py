"""Shared by the content tests: each claim is checked once per test session, and the one way
a test states the verdict it expects."""
from __future__ import annotations

from proofs import check

_cache: dict = {}


def verdict(cid: str):
    """The kernel's verdict on a catalogue claim, computed once per session."""
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
