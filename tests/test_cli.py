"""The derive command: clear errors without tracebacks, JSON shape, exit codes."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from proofs.cli import main


def run(*args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "proofs.cli", *args], capture_output=True, text=True,
                          env=env, timeout=300)


def test_unknown_id_is_one_clear_line(capsys):
    assert main(["check", "no.such-claim"]) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0 and "unknown claim ID" in err


def test_bad_fail_on_value(capsys):
    assert main(["check", "--fail-on", "maybe"]) == 2
    assert "--fail-on" in capsys.readouterr().err


def test_unknown_subcommand_has_no_traceback():
    r = run("frobnicate")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_show_unknown_id(capsys):
    assert main(["show", "nope"]) == 2
    assert "unknown claim ID" in capsys.readouterr().err


def test_list_json_is_a_list_of_ids():
    r = run("list", "--json")
    assert r.returncode == 0
    rows = json.loads(r.stdout)
    assert isinstance(rows, list) and all("id" in x for x in rows)


def test_check_json_shape_and_cache(tmp_path):
    from proofs.claims import registry
    ids = list(registry())
    if not ids:
        pytest.skip("no claims registered")
    cid = "nndl.sigmoid-prime" if "nndl.sigmoid-prime" in ids else ids[0]
    env = {**__import__("os").environ, "DERIVE_CACHE": str(tmp_path)}
    r = run("check", cid, "--json", env=env)
    assert r.returncode == 0, r.stderr
    (res,) = json.loads(r.stdout)
    assert {"id", "verdict", "seconds", "steps", "counterexample"} <= set(res)
    assert all({"relation", "verdict", "strategy"} <= set(s) for s in res["steps"])
    r2 = run("check", cid, "--json", env=env)
    assert json.loads(r2.stdout)[0].get("cached") is True
    assert json.loads(r2.stdout)[0]["verdict"] == res["verdict"]
