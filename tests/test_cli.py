"""The derive command: clear errors without tracebacks, JSON shape, exit codes."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
import sympy as sp

from proofs.cli import main


def run(*args: str, env=None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "proofs.cli", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300)


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


@pytest.mark.parametrize("args", [
    ["check", "nndl.sigmoid-prime", "--n", "-3"], ["check", "--n", "0"], ["check", "--n", "2.5"],
    ["check", "--seconds", "-1"], ["check", "--seconds", "0"], ["check", "--seconds", "nan"],
    ["check", "--seconds", "inf"], ["check", "--seconds", "soon"], ["check", "--jobs", "0"],
    ["check", "--jobs", "-2"], ["check", "--bogus"], ["frobnicate"],
])
def test_bad_argument_values_are_one_line_and_exit_2(args, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("derive: error: ") and err.count("\n") == 1, err


def test_n_below_a_claims_smallest_size_is_one_line(capsys):
    from proofs.claims import registry
    if "dl.softmax-def" not in registry():
        pytest.skip("claim not registered")
    assert main(["check", "dl.softmax-def", "--n", "1", "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "below the smallest size" in err and "n >= 2" in err


@pytest.mark.parametrize("cid", ["$(touch marker)", "`touch marker`", "x; touch marker", "../../etc/passwd",
                                 "/etc/passwd", "__import__('os').system('touch marker')", "a\nb"])
def test_a_claim_id_is_data(cid, tmp_path, monkeypatch, capsys):
    # in this process (a subprocess per case cost a second each): main() is what the console
    # script runs, and no shell is ever between an argument and it
    monkeypatch.chdir(tmp_path)
    assert main(["check", cid]) == 2
    err = capsys.readouterr().err
    assert "unknown claim ID" in err and "Traceback" not in err and err.count("\n") == 1
    assert main(["show", cid]) == 2
    assert "unknown claim ID" in capsys.readouterr().err
    assert not (tmp_path / "marker").exists() and list(tmp_path.iterdir()) == []


def test_a_claim_id_is_data_through_the_installed_entry_point(tmp_path):
    r = run("check", "$(touch marker)", cwd=tmp_path)
    assert r.returncode == 2 and "unknown claim ID" in r.stderr and "Traceback" not in r.stderr
    assert r.stderr.count("\n") == 1 and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("cmd", ["list --json", "list"])
def test_a_closed_pipe_is_a_quiet_exit(cmd):
    r = subprocess.run(f"{sys.executable} -m proofs.cli {cmd} | head -1", shell=True, capture_output=True,
                       text=True, timeout=300)
    assert r.stdout.count("\n") == 1
    assert "Traceback" not in r.stderr and "BrokenPipeError" not in r.stderr, r.stderr


def test_check_exits_1_with_one_line_naming_a_kernel_bug(monkeypatch, capsys, tmp_path):
    from proofs import kernel
    from proofs.claims import registry
    if "nndl.sigmoid-prime" not in registry():
        pytest.skip("claim not registered")

    def lying_kernel(lhs, rel, rhs, *args, **kw):
        raise kernel.KernelBug(f"a strategy proved {lhs} {rel} {rhs}\nbut sampling contradicts it")
    monkeypatch.setattr(kernel, "decide", lying_kernel)
    monkeypatch.setenv("DERIVE_CACHE", str(tmp_path))
    assert main(["check", "nndl.sigmoid-prime", "--no-cache", "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if "KernelBug" in ln]
    assert len(lines) == 1 and lines[0].startswith("derive: KernelBug in nndl.sigmoid-prime"), err


def test_text_from_the_results_cache_is_parsed_not_evaluated(tmp_path):
    """Second adversarial review: `derive show` sympified values read from the cache (an eval)."""
    from proofs.cli import _parsed
    marker = tmp_path / "marker"
    out = _parsed(f"__import__('os').system('touch {marker}')")
    assert not marker.exists() and isinstance(out, sp.Symbol)
    assert str(_parsed("2*x + 3/4")) == "2*x + 3/4"
