"""``derive check-tex``: output, JSON, exit status, the shipped examples and the blog post (seed 004)."""
import json
from pathlib import Path

import pytest

from proofs.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "004_ac558d0f887454d8.txt"
NOTATION = ROOT / "examples" / "004-softmax-cross-entropy.notation"


def run(capsys, *argv):
    code = main(["check-tex", *map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_examples_correct_and_wrong(capsys):
    code, out, _ = run(capsys, ROOT / "examples" / "softmax-gradient.md", "--jobs", "1")
    assert code == 0 and "refuted" not in out and "5 proven" in out
    code, out, _ = run(capsys, ROOT / "examples" / "softmax-gradient-wrong.md", "--jobs", "1",
                       "--fail-on", "refuted")
    assert code == 1
    wrong = [ln for ln in out.splitlines() if "refuted" in ln and "line 24" in ln]
    assert wrong and "counterexample: at" in out


def test_json_fields_and_error_exit(capsys, tmp_path):
    doc = tmp_path / "d.tex"
    doc.write_text("\\begin{align}\nx^2 - 1 &= (x-1)(x+1) \\\\\n &= \\frac{\\partial}{\\partial} \n\\end{align}\n")
    code, out, _ = run(capsys, doc, "--json", "--jobs", "1")
    rows = json.loads(out)
    assert code == 1   # a relation could not be read
    assert {"line", "tag", "latex", "relation", "verdict", "strategy", "counterexample", "message"} <= set(rows[0])
    assert [(r["line"], r["verdict"]) for r in rows] == [(2, "proven"), (3, "error")]
    assert rows[1]["message"].startswith("line 3: cannot read")


def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, tmp_path / "missing.md")
    assert code == 2 and err.count("\n") == 1 and "not a file" in err
    doc, nt = tmp_path / "d.md", tmp_path / "n.notation"
    doc.write_text("$$ a = b $$\n")
    nt.write_text("!!python/object/apply:os.system ['touch marker']\n")
    code, _, err = run(capsys, doc, "--notation", nt)
    assert code == 2 and "not a declaration" in err and not (tmp_path / "marker").exists()
    code, _, err = run(capsys, doc, "--fail-on", "wrong")
    assert code == 2 and "--fail-on" in err


# ---------------------------------------------------------------- the blog post, eqs. (4)–(16)
def _check(path):
    from proofs.latex import check_file
    return check_file(str(path), str(NOTATION), seconds=10, jobs=2)


@pytest.fixture(scope="module")
def seed_results():
    if not SEED.exists():
        pytest.skip("../shared is absent")
    return _check(SEED)


def test_seed_eqs_5_to_16_all_read_and_proven_except_the_blogs_own_faults(seed_results):
    rows = [r for r in seed_results if r.tag.isdigit() and 4 <= int(r.tag) <= 16]
    assert len(rows) == 31
    assert not [r for r in rows if "cannot read" in r.message]          # none dropped, none unread
    by_tag = {}
    for r in rows:
        by_tag.setdefault(r.tag, []).append(r.verdict)
    for tag in ("5", "11", "12", "13", "14", "15", "16"):
        assert set(by_tag[tag]) == {"proven"}, (tag, by_tag[tag])
    assert by_tag["4"] == by_tag["6"] == by_tag["7"] == by_tag["9"] == ["definition"]
    assert by_tag["8"] == ["definition", "proven"]
    # (10): b is one number in (9) but b_i in (10); w_ij: sampled, not proven
    assert by_tag["10"][2:] == ["error", "error"] and set(by_tag["10"][:2]) <= {"numeric", "proven"}


def test_seed_with_one_line_changed_refutes_that_line_only(seed_results, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    changes = [("{a_i} - {y_i} \\tag{16}", "{a_i} + {y_i} \\tag{16}"),                    # sign flipped
               ("= - {a_j}{a_i} \\tag{14}", "= - {a_j}{a_j} \\tag{14}"),                  # index swapped
               ("= - {y_j}\\frac{1}{{{a_j}}} \\tag{12}", "= - \\frac{1}{{{a_j}}} \\tag{12}")]   # factor dropped
    for a, b in changes:
        assert text.count(a) == 1
        text = text.replace(a, b)
    copy = tmp_path / "004-changed.txt"
    copy.write_text(text, encoding="utf-8")
    changed = _check(copy)
    assert len(changed) == len(seed_results)
    lines = {90, 77, 67}
    for before, after in zip(seed_results, changed):
        is_changed = after.line in lines and after.relation != before.relation
        if is_changed:
            assert after.verdict == "refuted" and after.counterexample["point"], after
        else:
            assert after.verdict == before.verdict, (before, after)
    assert sum(r.verdict == "refuted" for r in changed) == 3
