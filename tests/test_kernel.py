"""The kernel: true steps proven, wrong steps refuted with a counterexample, budgets honoured."""
from __future__ import annotations

import time

import pytest
import sympy as sp

from proofs import Chain, KernelBug, Simplex, check, kernel
from proofs import certificates as C
from proofs.kernel import Status

x = sp.Symbol("x", real=True)
a, b = sp.symbols("a b", real=True)
lam = sp.Symbol("lambda", positive=True)
n = sp.Symbol("n", integer=True, positive=True)
i, j, k, m = sp.symbols("i j k m", integer=True, positive=True)
z = sp.IndexedBase("z", real=True)
y = sp.IndexedBase("y", real=True)
s = 1 / (1 + sp.exp(-x))
S = sp.Sum(sp.exp(z[m]), (m, 1, n))


def soft(q):
    return sp.exp(z[q]) / S


LSE2 = sp.log(sp.exp(a) + sp.exp(b))
RSM = sp.log(sp.exp(lam * a) + sp.exp(lam * b)) / lam
L = -sp.Sum(y[j] * sp.log(soft(j)), (j, 1, n))

TRUE = {
    "sigmoid derivative": Chain(sp.Derivative(s, x)).eq(s * (1 - s), by="quotient rule"),
    "sigma' <= 1/4": Chain(sp.Derivative(s, x)).le(sp.Rational(1, 4)),
    "LSE > max": Chain(LSE2).gt(sp.Max(a, b)),
    "RSM limit": Chain(sp.Limit(RSM, lam, sp.oo)).eq(sp.Max(a, b)),
    "softmax sums to 1": Chain(sp.Sum(soft(j), (j, 1, n)), n=n).eq(1),
    "jacobian diagonal": Chain(sp.Derivative(soft(i), z[i]), n=n).eq(soft(i) * (1 - soft(i))),
    "jacobian off-diagonal": Chain(sp.Derivative(soft(i), z[k]), n=n, assuming=[sp.Ne(i, k)])
    .eq(-soft(i) * soft(k)),
    "CE gradient, sum y = 1": Chain(sp.Derivative(L, z[i]), n=n, domain={y: Simplex()},
                                    assuming=[sp.Eq(sp.Sum(y[j], (j, 1, n)), 1)]).eq(soft(i) - y[i]),
}

WRONG = {
    "sign flip": Chain(sp.Derivative(s, x)).eq(s * (1 + s)),
    "dropped factor": Chain(sp.Derivative(s, x)).eq(s),
    "sigma' < 1/4 everywhere": Chain(sp.Derivative(s, x)).lt(sp.Rational(1, 4)),
    "LSE < max": Chain(LSE2).lt(sp.Max(a, b)),
    "wrong limit value": Chain(sp.Limit(RSM, lam, sp.oo)).eq(sp.Min(a, b)),
    "swapped index": Chain(sp.Derivative(soft(i), z[k]), n=n, assuming=[sp.Ne(i, k)])
    .eq(soft(i) * (1 - soft(k))),
    "jacobian sign flip": Chain(sp.Derivative(soft(i), z[i]), n=n).eq(soft(i) * (1 + soft(i))),
    "CE gradient plus": Chain(sp.Derivative(L, z[i]), n=n, domain={y: Simplex()},
                              assuming=[sp.Eq(sp.Sum(y[j], (j, 1, n)), 1)]).eq(soft(i) + y[i]),
}


@pytest.mark.parametrize("name", TRUE)
def test_true_steps_are_proven(name):
    v = check(TRUE[name], seconds=20)
    assert v.status == Status.PROVEN, (name, v.as_dict())
    assert v.counterexample is None
    # every proof also survived numeric sampling of the original goal
    assert all(st.evidence["points"] > 0 for st in v.steps), v.as_dict()


@pytest.mark.parametrize("name", WRONG)
def test_wrong_steps_are_refuted_with_a_counterexample(name):
    v = check(WRONG[name], seconds=20)
    assert v.status == Status.REFUTED, (name, v.as_dict())
    cx = v.counterexample
    assert cx is not None and cx.point
    assert cx.lhs_value != cx.rhs_value or "tie" in cx.note


def test_general_n_records_symbolic_and_concrete_scope():
    v = check(TRUE["softmax sums to 1"], seconds=20)
    st = v.steps[0]
    assert st.scope.startswith("symbolic n")
    assert all(r == "holds" for k, r in st.evidence["exact_n"].items() if isinstance(k, int))
    # nested sums: the quick probe before the proof samples them to n = 12, and says so
    assert max(st.evidence["sizes"]) == 12 and "nested sums: sampled up to n = 12" in st.evidence["note"]


def test_chain_says_which_link_failed():
    ch = Chain(sp.Derivative(s, x)).eq(sp.exp(-x) / (1 + sp.exp(-x)) ** 2, by="quotient rule") \
        .eq(s * (1 + s), by="wrong") .eq(s + s**2)
    v = check(ch)
    assert v.status == Status.REFUTED
    assert v.failed_link == 1
    assert v.steps[0].status == Status.PROVEN and v.steps[1].status == Status.REFUTED


def test_conclusion_by_transitivity():
    ch = Chain(LSE2).gt(sp.Max(a, b)).ge(sp.Min(a, b))
    assert ch.conclusion == ">"
    with pytest.raises(ValueError):
        Chain(a).lt(b).gt(a)


def _spin(lhs, rel, rhs, ctx):
    while True:  # a strategy that never returns: the budget must stop it
        sp.expand((x + 1) ** 30)


def test_budget_exhausted_gives_undecided_within_budget():
    goal = Chain(sp.Integral(sp.exp(-x**2) * sp.cos(x), x)).eq(0)  # no numeric value: no sampling
    t0 = time.monotonic()
    v = check(goal, seconds=1.0, strategies=[("spin", _spin)])
    assert time.monotonic() - t0 < 3.0
    assert v.status == Status.UNDECIDED
    assert "budget" in v.steps[0].evidence.get("budget", "")


def _liar(lhs, rel, rhs, ctx):
    yield C.Leaf()


def test_a_proof_that_sampling_contradicts_fails_loudly(monkeypatch):
    # a kernel bug, simulated: the certificate checker accepts whatever it is given
    monkeypatch.setattr(kernel, "check_certificate", lambda *a: [])
    with pytest.raises(KernelBug):
        kernel.decide(sp.sin(x), "=", sp.cos(x), Chain(x).context, [("liar", _liar)])
    # at the API boundary it is a verdict whose notes name it, never a silent pass
    v = check(Chain(sp.sin(x)).eq(sp.cos(x)), strategies=[("liar", _liar)])
    assert v.status == Status.UNDECIDED
    assert any(note.startswith("KernelBug: ") for note in v.notes), v.notes


def test_a_refuted_step_the_kernels_leaf_accepts_is_a_kernel_bug(monkeypatch):
    """The probe refutes sin x = cos x; the kernel's Leaf rule is tried on it all the same."""
    v = kernel.decide(sp.sin(x), "=", sp.cos(x), Chain(x).context, [])
    assert v.status == Status.REFUTED
    monkeypatch.setattr(kernel, "_CHECKED", {})  # the broken rule's answers are not remembered
    monkeypatch.setattr(kernel, "_leaf", lambda goal: True)  # a kernel bug, simulated
    with pytest.raises(KernelBug):
        kernel.decide(sp.sin(x), "=", sp.cos(x), Chain(x).context, [])


def test_a_strategy_cannot_make_a_proof_out_of_anything_but_a_certificate():
    def junk(lhs, rel, rhs, ctx):
        yield "proven"
        yield (C.Leaf(),)
        yield C.Leaf()  # a real certificate, which the kernel rejects for sin = cos
    v = check(Chain(sp.sin(x)).eq(sp.cos(x)), strategies=[("junk", junk)])
    assert v.status == Status.REFUTED


def test_verdicts_cannot_be_built_outside_the_kernel():
    with pytest.raises(TypeError):
        kernel.LinkVerdict("=", x, x, Status.PROVEN, "me", "", 0.0, "", {}, None)
    with pytest.raises(TypeError):
        kernel.Counterexample({}, "=", "a", "b", "1", "2")


def test_stated_number_rounding_rule():
    assert kernel.stated_number(1 / (1 + sp.exp(-sp.Rational(3, 2))), "0.82").status == Status.PROVEN
    v = kernel.stated_number(1 / (1 + sp.exp(-sp.Rational(3, 2))), "0.81")
    assert v.status == Status.REFUTED and v.counterexample.lhs_value.startswith("0.817")


# ---- regressions found while encoding the catalogue
def test_delta_inside_a_nested_sum_is_not_falsely_refuted():
    v = sp.IndexedBase("v", real=True)
    ch = Chain(sp.Sum(v[k] * sp.Sum(sp.KroneckerDelta(j, k), (j, 1, n)), (k, 1, n)), n=n) \
        .eq(sp.Sum(v[k], (k, 1, n)))
    assert check(ch).status != Status.REFUTED


def test_index_only_inside_a_delta_is_sampled_as_an_index():
    assert check(Chain(sp.Sum(sp.KroneckerDelta(j, i), (j, 1, n)), n=n).eq(1)).status != Status.REFUTED


def test_infinite_limits():
    t = sp.Symbol("t", positive=True)
    assert check(Chain(sp.Limit(-sp.log(t), t, 0, "+")).eq(sp.oo)).status == Status.PROVEN
    assert check(Chain(sp.Limit(-sp.log(t), t, 0, "+")).eq(-sp.oo)).status == Status.REFUTED
    assert check(Chain(sp.Limit(-sp.log(t), t, 1, "-")).eq(sp.oo)).status == Status.REFUTED


def test_derivative_by_an_absent_variable():
    assert check(Chain(sp.Derivative(sp.exp(a), b)).eq(0)).status == Status.PROVEN
    assert check(Chain(sp.Derivative(sp.exp(a), b)).eq(1)).status == Status.REFUTED


# ---------------------------------------------------------------- the Leaf's early rejection
def _leaf_accepts(lhs, rel, rhs, ctx=None) -> bool:
    from proofs.context import Context
    try:
        kernel.check_certificate(lhs, rel, rhs, ctx or Context(), C.Leaf())
        return True
    except kernel.Rejected:
        return False


def test_leaf_still_proves_true_signs_and_identities():
    P = sp.Symbol("P", positive=True)
    assert _leaf_accepts(sp.exp(x) + sp.exp(-500), ">", 0)
    assert _leaf_accepts(P * (1 + P) + sp.exp(-500), ">", sp.exp(-500))
    assert _leaf_accepts(sp.Integer(10) ** 400 * sp.exp(x) ** 2, "=", sp.Integer(10) ** 400 * sp.exp(2 * x))


def test_leaf_rejects_forged_steps_scaled_huge_or_at_n_1():
    from proofs.context import Context
    tiny, huge = sp.exp(-500), sp.Integer(10) ** 5000
    D = sp.Symbol("D", positive=True)   # a user's symbol named like the chart's Dummy
    assert not _leaf_accepts(D * (1 - D), ">", tiny)          # false for D >= 1 and for D tiny
    assert not _leaf_accepts(D / (1 + D) ** 2, ">", tiny)     # false for D tiny and D huge
    assert not _leaf_accepts(tiny * sp.exp(x), "=", tiny * D)
    assert not _leaf_accepts(huge * s, "=", huge * s + tiny)
    assert not _leaf_accepts(-tiny * D, ">=", 0)
    assert not _leaf_accepts(sp.Sum(z[j], (j, 1, n)), "=", n * z[1], Context(n=n, n_min=1))
