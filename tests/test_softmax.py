"""derivations.softmax: the claims' verdicts, the importable objects, and wrong steps that must be refuted."""
from __future__ import annotations

import mpmath
import pytest
import sympy as sp

from derivations import softmax as sm
from derivations.common import T, Z, i, j, k, m, n, softmax_i, symbols_vec, t
from proofs import Chain, Integer, Positive, check
from claim_verdicts import verdict  # each catalogue claim checked once per session
from proofs.claims import Measured, Part, Stated, check_part

E = sp.exp

EXPECTED = {
    "dl.softmax-def": "proven",
    "dl.shift-invariance": "proven",
    "dl.stable-softmax": "numeric",        # the float64 part is a computation: evidence only
    "dl.saturation": "proven",
    "dl.overparam-fix-last": "proven",
    "dl.lateral-inhibition": "proven",
    "dl.soft-argmax": "proven",
    "nndl.softmax-def": "proven",
    "nndl.softmax-sums-to-one": "proven",
    "nndl.softmax-monotone": "proven",
    "nndl.softmax-nonlocal": "proven",
    "nndl.softmax-inverse": "proven",
    "nndl.softmax-temperature": "proven",
    "blog1.softmax-def": "proven",
    "blog1.example-3-1-m3": "proven",
    "blog1.overflow-fix": "numeric",       # idem
    "blog2.softmax-range": "proven",
    "blog2.sum-claim": "refuted",
    "blog2.jacobian-diag": "proven",
    "blog2.jacobian-offdiag": "proven",
}

NOT_GENERAL_N = {"blog1.example-3-1-m3"}


@pytest.mark.parametrize("cid", EXPECTED)
def test_claim_verdict(cid):
    v = verdict(cid)
    assert v.status == EXPECTED[cid], v.as_dict()
    if cid not in NOT_GENERAL_N:
        assert "symbolic n" in v.scope, v.scope
    if EXPECTED[cid] == "numeric":
        # only the Measured part is numeric; every symbolic part is proven
        for label, counts, pv in v.parts:
            kinds = {s.strategy for s in pv.steps}
            assert pv.status == ("numeric" if kinds == {"computation"} else "proven"), label


def test_sum_claim_counterexample_is_an_input_not_summing_to_one():
    v = verdict("blog2.sum-claim")
    cx = v.counterexample
    assert cx is not None and cx.relation == "="
    assert sum(sp.Rational(a) for a in cx.point["a"]) != 1
    assert mpmath.mpf(cx.lhs_value) != mpmath.mpf(cx.rhs_value)
    # the corrected statement (a note, counts=False) is proven
    notes = [pv for label, counts, pv in v.parts if not counts]
    assert notes and all(pv.status == "proven" for pv in notes)


# ---------------------------------------------------------------- importable objects
def test_softmax_is_the_shared_definition():
    assert sm.softmax(Z, i) == softmax_i(Z, i)
    # the summation dummy avoids the index
    s = sm.softmax(Z, m)
    (dummy, _, _), = s.atoms(sp.Sum).pop().limits
    assert dummy != m


def test_jacobian_is_the_matrix_of_derivatives():
    zs = symbols_vec("z", 3)
    J = sm.jacobian(3, zs)
    direct = sm.softmax_vector(3, zs).jacobian(zs)
    assert sp.simplify(J - direct) == sp.zeros(3, 3)
    a = sm.softmax_vector(3, zs)
    wrong = sp.diag(*a) + a * a.T  # sign of the outer product flipped
    assert sp.simplify(wrong - direct) != sp.zeros(3, 3)


def test_jacobian_entry_at_concrete_n():
    for p, q in [(1, 1), (1, 2), (3, 2)]:
        entry = sm.jacobian_entry(sp.Integer(p), sp.Integer(q), Z, 3).doit()
        a = sm.softmax(Z, sp.Integer(p), 3).doit()
        assert sp.simplify(entry - sp.diff(a, Z[q])) == 0


def test_temperature_one_is_softmax():
    assert sp.simplify((sm.softmax_temperature(Z, j, 1, 3) - sm.softmax(Z, j, 3)).doit()) == 0


# ---------------------------------------------------------------- wrong steps
S = sp.Sum(E(Z[j]), (j, 1, n))
a_i = E(Z[i]) / S
Sk = sp.Sum(E(Z[k]), (k, 1, n))
a_j_k, a_i_k = E(Z[j]) / Sk, E(Z[i]) / Sk
cr = sp.Symbol("c", real=True)
M, d, c = sm.M, sm.d, sm.c
z1, z2 = symbols_vec("z", 2)

WRONG = {
    "(13) sign flipped": Chain(sp.Derivative(a_i, Z[i]), n=n).eq(-a_i * (1 - a_i)),
    "(13) square dropped in the denominator": Chain(sp.Derivative(a_i, Z[i]), n=n)
    .eq((E(Z[i]) * S - E(Z[i]) ** 2) / S),
    "(13) swapped index a_i(1 − a_j)": Chain(sp.Derivative(sm.softmax(Z, i), Z[i]),
                                               assuming=[sp.Ne(i, j)], n=n)
    .eq(sm.softmax(Z, i) * (1 - sm.softmax(Z, j))),
    "(14) sign flipped": Chain(sp.Derivative(a_j_k, Z[i]), assuming=[sp.Ne(i, j)], n=n).eq(a_j_k * a_i_k),
    "(14) swapped index −a_j a_j": Chain(sp.Derivative(a_j_k, Z[i]), assuming=[sp.Ne(i, j)], n=n)
    .eq(-a_j_k * a_j_k),
    "Σ_j ∂a_j/∂z_k = 1": Chain(sp.Derivative(sp.Sum(sm.softmax(Z, j), (j, 1, n)), Z[k]), n=n).eq(1),
    "softmax(z + c) = softmax(z) + c": Chain(E(Z[i] + cr) / sp.Sum(E(Z[m] + cr), (m, 1, n)), n=n)
    .eq(sm.softmax(Z, i) + cr),
    "softmax(z − M) = softmax(z) − M": Chain(E(Z[i] - M) / sp.Sum(E(Z[m] - M), (m, 1, n)), n=n)
    .eq(sm.softmax(Z, i) - M),
    "shift by z_k in the numerator only": Chain(E(Z[i] - Z[k]) / sp.Sum(E(Z[m]), (m, 1, n)), n=n)
    .eq(sm.softmax(Z, i)),
    "saturation: a non-maximal output → 1": Chain(
        sp.Limit(E(Z[k]) / sm._raised_denominator(i, t), t, sp.oo), assuming=[sp.Ne(i, k)], n=n).eq(1),
    "saturation: the maximal output → 0": Chain(
        sp.Limit(E(Z[i] + t) / sm._raised_denominator(i, t), t, sp.oo), n=n).eq(0),
    "soft-argmax: the argmax output → 1/2": Chain(
        sp.Limit(E(M / T) / sm._argmax_denominator(i, 1 / T), T, 0, "+"), domain={d: Positive()}, n=n)
    .eq(sp.Rational(1, 2)),
    "argmax continuous: H(t) → 1 from the left": Chain(sp.Limit(sp.Heaviside(t), t, 0, "-")).eq(1),
    "temperature: tied maxima → 1 (not 1/m)": Chain(
        sp.Limit(E(c * M) / sm._tied_denominator(c), c, sp.oo), assuming=[sp.Le(m, n)],
        domain={d: Positive(), m: Integer(1, 4)}, n=n).eq(1),
    "temperature n = 2: a tie → 1": Chain(sp.Limit(E(c * z1) / (E(c * z1) + E(c * z2)), c, sp.oo))
    .eq(sp.Piecewise((1, z1 >= z2), (0, True))),
    "monotone: ∂a_j/∂z_k > 0 for j ≠ k": Chain(sp.Derivative(a_j_k, Z[i]), assuming=[sp.Ne(i, j)], n=n)
    .gt(0),
    "non-local: ∂a_j/∂z_k = 0 for j ≠ k (as for sigmoid)": Chain(
        sp.Derivative(a_j_k, Z[i]), assuming=[sp.Ne(i, j)], n=n).eq(0),
    "inverse with C = 0: z_j = ln a_j": Chain(sp.log(sm.softmax(Z, j)), n=n).eq(Z[j]),
    "every output ≤ 1/2": Chain(sm.softmax(Z, i), n=n).le(sp.Rational(1, 2)),
    "outputs sum to n": Chain(sp.Sum(sm.softmax(Z, j), (j, 1, n)), n=n).eq(n),
}


@pytest.mark.parametrize("name", WRONG)
def test_wrong_step_refuted(name):
    v = check(WRONG[name])
    assert v.status == "refuted", v.as_dict()
    cx = v.counterexample
    assert cx is not None
    if cx.rhs_value != cx.lhs_value:  # a strict relation may fail at an exact tie instead
        assert mpmath.mpf(cx.lhs_value) != mpmath.mpf(cx.rhs_value)
    else:
        assert "tie" in cx.note


def test_stated_wrong_values_refuted():
    s = sm.softmax_vector(3, [3, 1, -3])
    for q, wrong in [(0, "0.89"), (1, "0.11"), (2, "0.01")]:
        v = check_part(Part("wrong", Stated(s[q], wrong, places=2)))
        assert v.status == "refuted", (q, wrong)
        assert v.counterexample is not None


def test_measured_wrong_criterion_refuted():
    """'The naive formula is fine at (1000, 999, 0)' is refuted by the same computation."""
    run = sm._overflow_run([1000.0, 999.0, 0.0])
    v = check_part(Part("naive formula finite", Measured(
        run, lambda obs: obs["naive_nonfinite_outputs"] == 0, "every naive output is finite")))
    assert v.status == "refuted"
    assert v.counterexample is not None
