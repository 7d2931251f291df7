"""Readable output: pretty and LaTeX printing, Jupyter reprs, `derive show` and `derive check` lines."""
import re

import pytest
import sympy as sp

from proofs import Chain, check, define
from claim_verdicts import verdict  # each catalogue claim checked once per session
from proofs.cli import main
from proofs.display import latex, number, pretty, scope_words

x = sp.Symbol("x", real=True)
j = sp.Symbol("j", integer=True, positive=True)
sigma = sp.Function("sigma")
SIG = define(sigma(x), 1 / (1 + sp.exp(-x)), "logistic sigmoid")
REPR = re.compile(r"Sum\(|exp\(|Derivative\(|Indexed|KroneckerDelta\(|\{'|\bj0\b")


def test_pretty_subscripts_names_and_primes():
    y, w = sp.IndexedBase("y"), sp.IndexedBase("w")
    out = pretty(y[j] * w[j, x] + sp.Function("σ'")(x) + sp.Symbol("y'"))
    assert "σ′(x)" in out and "y'" in out and "[" not in out


def test_latex_primed_function():
    assert latex(sp.Function("σ'")(x)).startswith(r"\sigma'")


def test_numbers_for_readers():
    assert number("0.25000000000000000000000001") == "0.25"
    assert number("-1.7e-102") != "0" and number("0.0") == "0"
    assert len(number("1.6666666666666666666666667")) <= 8


def test_jupyter_reprs():
    ch = Chain(sp.Derivative(sigma(x), x), define=[SIG]).eq(sigma(x) * (1 - sigma(x)), by="quotient rule")
    assert r"\sigma" in ch._repr_latex_() and "quotient rule" in ch._repr_latex_()
    v = check(ch)
    tex = v._repr_latex_()
    assert tex.startswith("$") and tex.endswith("$") and "✓" in tex and "quotient rule" in tex
    assert "✓" in v.steps[0]._repr_latex_()
    bad = check(Chain(sp.Derivative(sigma(x), x), define=[SIG]).eq(sigma(x), by="wrong"))
    assert "✗" in bad._repr_latex_() and "counterexample" in bad._repr_latex_()
    assert "Status" not in tex and "LinkVerdict(" not in tex


def test_claim_verdict_repr_has_statement():
    cv = verdict("nndl.sigmoid-prime")
    tex = cv._repr_latex_()
    assert "nndl.sigmoid-prime" in tex and "exercise" in tex and "✓" in tex


@pytest.mark.parametrize("cid", ["nndl.sigmoid-prime", "blog2.dlj-daj", "nndl.initial-outputs",
                                 "blog2.grad-general"])
def test_show_has_no_sympy_repr(cid, capsys):
    assert main(["show", cid]) == 0
    out = capsys.readouterr().out
    assert REPR.search(out) is None, REPR.search(out)
    assert "verdict:" in out and "part 1 of" in out


def test_scope_words_are_stable_and_plain():
    timed = {"parts": [{"counts": True, "steps": [
        {"verdict": "proven", "strategy": "general n", "scope": "symbolic n; exact for n = 2..5"}]}]}
    other = {"parts": [{"counts": True, "steps": [
        {"verdict": "proven", "strategy": "general n", "scope": "symbolic n; exact for n = 2..4"}]}]}
    assert scope_words(timed) == scope_words(other) == "symbolic, for every n"
    assert "none" not in scope_words({"parts": []}) and "2..2" not in scope_words(timed)


def test_check_prints_one_line_per_claim(capsys):
    assert main(["check", "nndl.sigmoid-prime", "nndl.initial-outputs"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("✓ ") and len(lines) == 3 and "2 claims" in lines[-1]
    assert all("none" not in ln and "2..2" not in ln for ln in lines)


def test_show_grad_general_in_the_blogs_notation(capsys):
    assert main(["show", "blog2.grad-general"]) == 0
    out = capsys.readouterr().out
    assert "ℯ" not in out and "j≠i" in out and "aᵢ" in out and "δ" not in out


def test_show_hessian_as_matrices(capsys):
    assert main(["show", "d2l.ce-hessian"]) == 0
    out = capsys.readouterr().out
    assert "⎡" in out and "p₁" in out and "u₁" not in out and "τ" not in out


def test_sum_over_and_matrix_latex():
    from proofs.definitions import SumOver
    i = sp.Symbol("i", integer=True, positive=True)
    n = sp.Symbol("n", integer=True, positive=True)
    y = sp.IndexedBase("y")
    assert r"\sum_{j \neq i}" in latex(SumOver(y[j], (j, 1, n), i))
    assert r"\begin{matrix}" in latex(sp.Matrix([[x, 0], [0, x]]))
