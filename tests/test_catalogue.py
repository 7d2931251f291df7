"""The catalogue is the scope: every row registered, with its own ID, source and citation."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from derivations.catalogue import CATALOGUE
from proofs.claims import registry

SHARED = Path(__file__).resolve().parents[2] / "shared" / "CATALOGUE.md"


def test_catalogue_copy_matches_shared_file():
    if not SHARED.exists():
        pytest.skip("../shared/CATALOGUE.md not present")
    ids = re.findall(r"^\| ([a-z0-9]+\.[a-z0-9-]+) \|", SHARED.read_text(), re.M)
    assert ids == [cid for cid, _ in CATALOGUE]


def test_every_catalogue_row_is_registered():
    reg = registry()
    missing = [cid for cid, _ in CATALOGUE if cid not in reg]
    assert not missing, f"not registered: {missing}"
    assert set(reg) <= {cid for cid, _ in CATALOGUE}


def test_claims_carry_source_and_citation():
    prefix = {"dl": "000", "nndl": "001", "blog1": "002", "d2l": "003", "blog2": "004"}
    for c in registry().values():
        assert c.source == prefix[c.id.split(".")[0]], c.id
        assert c.cite and c.statement, c.id
