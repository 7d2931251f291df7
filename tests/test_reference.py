"""Reference functions vs independent formulas at 50 digits, and their LaTeX."""

from __future__ import annotations

import math
import shutil
import subprocess

import mpmath
import pytest
from mpmath import mpf

from derivations import reference as R
from render import latexify_refs

DPS = 50
TOL = mpf(10) ** (-45)


@pytest.fixture(autouse=True)
def _fifty_digits():
    with mpmath.workdps(DPS):
        yield


def close(x, y, tol=None):
    tol = TOL if tol is None else tol
    return abs(x - y) <= tol * max(1, abs(y))


Z_VALUES = ["-30", "-3.5", "-1", "0", "0.25", "2", "40"]


@pytest.mark.parametrize("zs", Z_VALUES)
def test_sigmoid_matches_tanh_form(zs):
    z = mpf(zs)
    # sigma(z) = (1 + tanh(z/2)) / 2: a different route to the same number.
    assert close(R.sigmoid(z), (1 + mpmath.tanh(z / 2)) / 2)


@pytest.mark.parametrize("zs", Z_VALUES)
def test_sigmoid_prime_matches_closed_form_and_numeric_derivative(zs):
    z = mpf(zs)
    closed = mpmath.exp(-z) / (1 + mpmath.exp(-z)) ** 2
    assert close(R.sigmoid_prime(z), closed)
    assert close(R.sigmoid_prime(z), mpmath.diff(R.sigmoid, z), tol=mpf(10) ** -35)


def test_sigmoid_prime_max_is_quarter():
    assert R.sigmoid_prime(mpf(0)) == mpf(1) / 4
    assert R.sigmoid(mpf(0)) == mpf(1) / 2


def test_returns_mpf_at_working_precision():
    out = R.sigmoid(mpf(1))
    assert isinstance(out, mpmath.mpf)
    # 50 digits, not float64: agrees with e/(1+e) far beyond 1e-16.
    assert close(out, mpmath.e / (1 + mpmath.e))
    assert abs(out - mpf(1 / (1 + math.exp(-1)))) > mpf(10) ** -30


def test_softmax_explicit_three_vector():
    z = [mpf(1), mpf(2), mpf(3)]
    d = mpmath.e + mpmath.e**2 + mpmath.e**3
    for i in range(3):
        assert close(R.softmax(z, i), mpmath.e ** (i + 1) / d)
        assert close(R.stable_softmax(z, i), mpmath.e ** (i + 1) / d)
    assert close(sum(R.softmax(z, i) for i in range(3)), mpf(1))


def test_softmax_is_shift_invariant():
    z = [mpf("0.3"), mpf("-1.7"), mpf("2.25"), mpf(5)]
    c = mpf("123.456")
    for i in range(len(z)):
        assert close(R.softmax([v + c for v in z], i), R.softmax(z, i))


# A case that overflows in float64 (exp(1000) > 1.8e308) and mixes scales
# whose ratio is e^-2000: only the max-shifted or high-range evaluation works.
HARD = [mpf(1000), mpf(999), mpf(-1000), mpf(1000)]


def test_hard_case_really_overflows_in_float64():
    with pytest.raises(OverflowError):
        math.exp(float(HARD[0]))


def test_stable_softmax_hard_case_closed_form():
    # softmax(z)_0 = 1 / (2 + e^-1 + e^-2000)
    d = 2 + mpmath.exp(-1) + mpmath.exp(-2000)
    expected = [1 / d, mpmath.exp(-1) / d, mpmath.exp(-2000) / d, 1 / d]
    for i, e in enumerate(expected):
        got = R.stable_softmax(HARD, i)
        assert abs(got - e) <= TOL * abs(e), (i, got, e)  # relative, even for e^-2000
        assert close(R.softmax(HARD, i), e)  # mpmath's exponent range copes too


def test_logsumexp_hard_case():
    expected = 1000 + mpmath.log(2 + mpmath.exp(-1) + mpmath.exp(-2000))
    assert close(R.stable_logsumexp(HARD), expected)
    assert close(R.logsumexp(HARD), expected)
    # Ties: LSE(t, t) = t + log 2 exactly.
    t = mpf(10) ** 4
    assert close(R.stable_logsumexp([t, t]), t + mpmath.log(2))


def test_log_softmax_hard_case():
    # log softmax(z)_1 for z = (0, -10^5): -10^5 - log1p(e^-10^5)
    z = [mpf(0), mpf(-(10**5))]
    expected = -(10**5) - mpmath.log1p(mpmath.exp(-(10**5)))
    assert close(R.log_softmax(z, 1), expected)
    for i in range(len(HARD)):
        assert close(R.log_softmax(HARD, i), HARD[i] - R.stable_logsumexp(HARD))
        assert close(R.log_softmax(HARD, i), mpmath.log(R.stable_softmax(HARD, i)))


def test_quadratic_cost():
    assert R.quadratic_cost(mpf("0.82"), mpf(0)) == mpf("0.82") ** 2 / 2
    assert R.quadratic_cost(mpf(3), mpf(3)) == 0


@pytest.mark.parametrize("zs", ["-20", "-1", "0", "0.5", "4", "30"])
def test_cross_entropy_of_sigmoid_is_softplus(zs):
    z = mpf(zs)
    a = R.sigmoid(z)
    # y = 0: C = -ln(1 - sigma(z)) = ln(1 + e^z); y = 1: C = ln(1 + e^-z).
    # The reference formula evaluates 1 - a and 1 - sigma(z) literally, which
    # cancels about log10(1/min(a, 1-a)) digits (13 at z = 30); allow for it.
    lost = mpf(1) / min(a, 1 - a)
    tol = TOL * lost
    assert close(R.cross_entropy_cost(a, 0), mpmath.log1p(mpmath.exp(z)), tol=tol)
    assert close(R.cross_entropy_cost(a, 1), mpmath.log1p(mpmath.exp(-z)), tol=tol)


def test_cross_entropy_general_target():
    a, y = mpf("0.3"), mpf("0.25")
    expected = -(y * mpmath.log(a) + (1 - y) * mpmath.log(1 - a))
    assert close(R.cross_entropy_cost(a, y), expected)
    # Minimised at a = y (derivative (a - y)/(a(1-a)) vanishes).
    assert mpmath.diff(lambda t: R.cross_entropy_cost(t, y), y) == pytest.approx(0, abs=1e-30)


def test_log_likelihood_cost():
    a = [mpf("0.2"), mpf("0.5"), mpf("0.3")]
    assert close(R.log_likelihood_cost(a, 1), mpmath.log(2))
    assert close(R.log_likelihood_cost(a, 0), mpmath.log(5))


def test_softmax_cross_entropy_one_hot_and_soft():
    z = [mpf(2), mpf("-0.5"), mpf(1)]
    for k in range(3):
        y = [1 if j == k else 0 for j in range(3)]
        assert close(R.softmax_cross_entropy(z, y), R.stable_logsumexp(z) - z[k])
        assert close(
            R.softmax_cross_entropy(z, y),
            R.log_likelihood_cost([R.softmax(z, j) for j in range(3)], k),
        )
    y = [mpf("0.5"), mpf("0.25"), mpf("0.25")]
    expected = R.stable_logsumexp(z) - sum(y[j] * z[j] for j in range(3))
    assert close(R.softmax_cross_entropy(z, y), expected)


def test_softmax_cross_entropy_hard_case():
    y = [0, 0, 1, 0]  # the class with logit -1000
    expected = R.stable_logsumexp(HARD) - HARD[2]  # about 2000.55
    assert close(R.softmax_cross_entropy(HARD, y), expected)


# ---------------------------------------------------------------- LaTeX ----

EXPECTED_TOKENS = {
    "sigmoid": [r"\sigma(z) =", r"\frac{1}{1 + \exp", "-z"],
    "sigmoid_prime": [r"\sigma'(z) =", r"\sigma \mathopen{}\left( z", "1 - "],
    "softmax": [r"\mathrm{softmax}(z, i) =", r"\frac{\exp z_{i}}", r"\sum_{j = 0}", r"\exp z_{j}"],
    "stable_softmax": [r"\mathrm{softmax}_{\mathrm{stable}}(z, i)", r"\sum_{j = 0}", r"\mathrm{max}", "z_{i} - "],
    "log_softmax": [r"\log\mathrm{softmax}(z, i) = z_{i} - \log \sum_{j = 0}"],
    "logsumexp": [r"\mathrm{LSE}(z) = \log \sum_{j = 0}", r"\exp z_{j}"],
    "stable_logsumexp": [r"\mathrm{LSE}_{\mathrm{stable}}(z) = \mathrm{max}", r"\log \sum"],
    "quadratic_cost": [r"C_{\mathrm{quad}}(a, y) = \frac{", "y - a", "^{2}}{2}"],
    "cross_entropy_cost": [r"C_{\mathrm{CE}}(a, y) = -", r"y \cdot \log a", r"\log \mathopen{}\left( 1 - a"],
    "log_likelihood_cost": [r"C_{\mathrm{LL}}(a, y) = -\log a_{y}"],
    "softmax_cross_entropy": [r"\mathrm{CE}_{\mathrm{softmax}}(z, y) = -\sum_{j = 0}", "y_{j}", r"\log \mathrm{softmax}"],
}


def test_every_reference_function_has_expected_tokens():
    assert set(EXPECTED_TOKENS) == set(R.REFERENCE_FUNCTIONS)


@pytest.mark.parametrize("name", sorted(EXPECTED_TOKENS))
def test_latexify_renders(name):
    latex = latexify_refs.reference_latex_for(name)
    assert latex.strip()
    assert not latex.startswith(latexify_refs.FALLBACK_PREFIX), latex
    for token in EXPECTED_TOKENS[name]:
        assert token in latex, (token, latex)
    # No Python-only spellings leak into the formulas.
    for bad in (r"\mathrm{sigmoid", r"\mathrm{math", "lambda", "mpmath", r"\mathrm{exp}"):
        assert bad not in latex, (bad, latex)


def test_reference_latex_covers_all_and_matches_single():
    table = latexify_refs.reference_latex()
    assert list(table) == list(R.REFERENCE_FUNCTIONS)
    assert table["softmax"] == latexify_refs.reference_latex_for("softmax")


def test_unknown_name_raises_keyerror():
    with pytest.raises(KeyError):
        latexify_refs.reference_latex_for("no_such_function")


def test_latexify_failure_gives_fallback(monkeypatch):
    import latexify

    def boom(*args, **kwargs):
        raise RuntimeError("simulated latexify failure")

    monkeypatch.setattr(latexify, "get_latex", boom)
    out = latexify_refs.reference_latex_for("sigmoid")
    assert out.startswith(latexify_refs.FALLBACK_PREFIX)
    assert "simulated latexify failure" in out
    assert out.count("{") == out.count("}")


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex not installed")
def test_all_formulas_compile_with_pdflatex(tmp_path):
    body = "\n".join(rf"\[ {v} \]" for v in latexify_refs.reference_latex().values())
    tex = (
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\\usepackage{lmodern}"
        "\\usepackage{amsmath}\n\\begin{document}\n" + body + "\n\\end{document}\n"
    )
    (tmp_path / "f.tex").write_text(tex)
    proc = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "f.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert (tmp_path / "f.pdf").read_bytes().startswith(b"%PDF")
