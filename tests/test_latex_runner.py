"""proofs/latex/runner.py (and the pipeline in proofs/latex/__init__.py): definitions, unfolding,
restricted sums, verdicts from the kernel, one error per unreadable relation."""
import time

import pytest
import sympy as sp

from proofs.latex import check_document
from proofs.latex.runner import resolve_restricted

SOFTMAX = r"""% derive: function: \sigma
% derive: define: \sigma(z_i) := \frac{e^{z_i}}{\sum_k e^{z_k}}
% derive: define: L_j := -y_j \ln a_j
$$ a_i = \sigma(z_i) $$
$$ L = -\sum_j y_j \ln a_j $$
"""


def verdicts(text, notation=""):
    return [(r.line, r.verdict) for r in check_document(text, notation, seconds=5)]


def test_definitions_are_recorded_and_used():
    out = check_document(SOFTMAX + "$$ \\sum_j a_j = 1 $$\n$$ \\frac{\\partial L}{\\partial z_i} = a_i \\sum_j y_j - y_i $$\n",
                         seconds=5)
    assert [r.verdict for r in out] == ["definition", "definition", "proven", "proven"]


def test_a_derivative_by_a_defined_name_takes_it_as_a_variable():
    out = check_document(SOFTMAX + "$$ \\frac{\\partial L_j}{\\partial a_j} = -\\frac{y_j}{a_j} $$\n", seconds=5)
    assert out[-1].verdict == "proven"


def test_a_wrong_line_is_refuted_with_a_counterexample_and_the_rest_unchanged():
    good = SOFTMAX + "$$ \\frac{\\partial L}{\\partial z_i} = a_i \\sum_j y_j - y_i $$\n$$ x^2 - 1 = (x-1)(x+1) $$\n"
    bad = good.replace("a_i \\sum_j y_j - y_i", "a_i \\sum_j y_j - y_j")   # index swapped
    g, b = check_document(good, seconds=5), check_document(bad, seconds=5)
    assert [r.verdict for r in g][-2:] == ["proven", "proven"]
    assert b[-2].verdict == "refuted" and b[-2].counterexample["point"]
    assert b[-1].verdict == "proven"


def test_a_wrong_step_scaled_by_a_tiny_factor_is_refuted():
    assert verdicts("$$ e^{-500} (x + 1)^2 = e^{-500} (x^2 + 2 x) $$")[0][1] == "refuted"


def test_wrong_steps_are_refuted_scaled_huge_and_at_n_1():
    assert verdicts("$$ 10^{300} (x + 1)^2 = 10^{300} (x^2 + 2 x) $$")[0][1] == "refuted"
    assert verdicts("$$ \\sum_j y_j = y_1 $$", "n_min: 1\n")[0][1] == "refuted"


def test_restricted_sums_fix_the_index_free_elsewhere():
    n = sp.Symbol("n", integer=True, positive=True)
    i, j = (sp.Symbol(c, integer=True, positive=True) for c in "ij")
    y = sp.IndexedBase("y", real=True)
    from proofs.latex.parser import RSUM
    lhs, rhs = resolve_restricted(RSUM(y[j], i, j, sp.Integer(1)) + y[i], sp.Sum(y[j], (j, 1, n)), n)
    assert lhs == sp.Sum(y[j] * (1 - sp.KroneckerDelta(i, j)), (j, 1, n)) + y[i]
    out = check_document("$$ \\sum_{j \\ne i} y_j + y_i = \\sum_j y_j $$\n$$ \\sum_{i = j} y_j = y_i $$", seconds=5)
    assert [r.verdict for r in out] == ["proven", "proven"]


def test_an_unreadable_relation_names_its_line_and_the_rest_is_checked():
    out = check_document("$$ a = \\frac{\\partial}{\\partial} $$\n\n$$ (x+1)^2 = x^2 + 2x + 1 $$\n", seconds=5)
    assert out[0].verdict == "error" and out[0].message.startswith("line 1: cannot read")
    assert out[1].verdict == "proven"


def test_resource_limits_fail_one_relation_cleanly_within_the_budget():
    t0 = time.monotonic()
    big = "$$ y = " + "x + " * 3_000_000 + "x $$\n"        # a 12 MB display
    doc = big + "$$ z = 10^{10^{10}} $$\n$$ w = \\sum_{i=1}^{1000000000} i $$\n" \
        + "$$ v = " + "{" * 200 + "x" + "}" * 200 + " $$\n$$ (x+1)^2 = x^2 + 2x + 1 $$\n"
    out = check_document(doc, seconds=5)
    assert [r.verdict for r in out] == ["error"] * 4 + ["proven"]
    assert "too long" in out[0].message and "exponent" in out[1].message
    assert "terms" in out[2].message and "nested" in out[3].message
    assert time.monotonic() - t0 < 60
    (r,) = check_document("$$ \\sum_{i=1}^{1000} \\sum_{j=1}^{1000} i j = 1 $$", seconds=5)
    assert r.verdict == "error" and "1000000 terms" in r.message


def test_injection_through_bodies_operatorname_and_definitions_is_inert(tmp_path):
    marker = tmp_path / "marker"
    cmd = f"__import__('os').system('touch {marker}')"
    doc = (f"% derive: define: L := {cmd}\n"
           f"$$ \\operatorname{{{cmd}}} = 1 $$\n$$ x = {cmd} $$\n"
           f"$$ \\input{{/etc/passwd}} = \\write18{{touch {marker}}} $$\n")
    try:
        out = check_document(doc, seconds=5)
        assert all(r.verdict == "error" for r in out)
    except Exception as exc:   # the definition line is refused as a whole: an InputError
        assert type(exc).__name__ == "InputError"
    assert not marker.exists()


def test_approx_is_a_stated_number_under_the_rounding_rule():
    out = check_document("$$ \\frac{1}{1+e^{-1}} \\approx 0.731 $$\n$$ \\frac{1}{1+e^{-1}} \\approx 0.74 $$\n", seconds=5)
    assert [r.verdict for r in out] == ["proven", "refuted"]
    assert out[1].counterexample["note"] == "rounds to 0.73, not 0.74"


def test_limits_and_scalar_relations_are_not_for_all_n():
    (r,) = check_document("$$ \\lim_{\\lambda \\to \\infty} \\frac{1}{\\lambda} = 0 $$", seconds=5)
    assert r.verdict == "proven" and "n" not in r.message.split(";")[0]


def test_a_side_condition_between_indices_is_a_hypothesis_and_others_are_reported():
    doc = SOFTMAX.replace("$$ L = -\\sum_j y_j \\ln a_j $$\n", "") + (
        "\\begin{align*}\n\\frac{\\partial a_j}{\\partial z_i} &= -a_i a_j \\quad \\text{for } i \\ne j, \\\\\n"
        "\\frac{\\partial a_j}{\\partial z_i} &= a_i (1 - a_i) \\qquad (i = j) \\\\\n"
        "x^2 - 1 &= (x-1)(x+1), \\quad y = 2\n\\end{align*}\n")
    out = check_document(doc, seconds=5)
    assert [r.verdict for r in out] == ["definition", "proven", "proven", "proven"]
    assert "side condition" in out[-1].message and "not used" in out[-1].message


def test_a_declared_vector_used_as_a_number_is_refused():
    (r,) = check_document("% derive: vector: z\n$$ z + 1 = 1 + z $$\n", seconds=5)
    assert r.verdict == "error" and "declared a vector" in r.message


def test_a_constant_definition_is_always_unfolded():
    out = check_document("$$ \\eta = 0.15 $$\n$$ \\eta = \\frac{3}{20} $$\n$$ 2 \\eta = 0.3 $$\n$$ \\eta = 0.2 $$\n",
                         seconds=5)
    assert [r.verdict for r in out] == ["definition", "proven", "proven", "refuted"]


def test_definitions_that_double_at_each_step_are_refused_before_sympy_builds_them():
    names = "abcdfghpqrstuvwWVUTSRQP"
    doc = "$$ a = x + y $$\n" + "".join(f"$$ {n} = {m} + \\sin({m}) $$\n" for m, n in zip(names, names[1:]))
    t0 = time.monotonic()
    out = check_document(doc + "$$ \\frac{\\partial P}{\\partial x} = 1 $$\n", seconds=5)
    assert out[-1].verdict == "error" and "50000 nodes" in out[-1].message
    assert time.monotonic() - t0 < 20


def test_argument_free_macros_of_the_document_are_expanded_boundedly():
    doc = ("\\newcommand{\\bz}{\\mathbf{z}}\n\\DeclareMathOperator{\\lse}{lse}\n\\newcommand{\\loop}{\\loop\\loop}\n"
           "% derive: define: \\lse(x) := \\ln(1 + e^{x})\n"
           "\\begin{equation} \\lse(x) - x = \\ln(1 + e^{-x}) \\end{equation}\n"
           "\\begin{equation} \\bz_i + 1 = 1 + z_i \\end{equation}\n\\begin{equation} \\loop = 1 \\end{equation}\n")
    out = check_document(doc, seconds=5)
    assert [r.verdict for r in out] == ["proven", "proven", "error"]


def test_a_limit_in_a_definition_does_not_capture_the_argument():
    """Second adversarial review: G(x) := lim_{t→0} (x+t)/(1+t) is x; "G(t) = 0" was proven."""
    doc = ("% derive: function: G\n% derive: define: G(x) := \\lim_{t \\to 0} \\frac{x + t}{1 + t}\n"
           "$$ G(t) = 0 $$\n$$ G(s) = s $$\n")
    assert [v for _, v in verdicts(doc)][-2:] == ["refuted", "proven"]
