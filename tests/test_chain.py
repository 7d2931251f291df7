"""The Chain API: nothing but a verdict or an InputError leaves check(); hypotheses as users write
them; matrix sides decided entrywise."""
from __future__ import annotations

import pytest
import sympy as sp

from proofs import (Chain, InputError, Integer, KernelBug, Positive, Real, Simplex, Status, Verdict,
                    check, kernel)
from proofs import certificates as C
from proofs import kernel as _kernel

x = sp.Symbol("x", real=True)
t = sp.Symbol("t", positive=True)
n = sp.Symbol("n", integer=True, positive=True)
i, j, k, m = sp.symbols("i j k m", integer=True, positive=True)
z = sp.IndexedBase("z", real=True)
y = sp.IndexedBase("y", real=True)


def soft(q):
    return sp.exp(z[q]) / sp.Sum(sp.exp(z[m]), (m, 1, n))


# ---------------------------------------------------------------- one InputError each
@pytest.mark.parametrize("build, says", [
    (lambda: Chain(x).lt(1).gt(0), "mixes < and >"),
    (lambda: Chain(x).le(1).eq(2).ge(0), "mixes < and >"),
    (lambda: Chain(x, domain={x: "simplex"}), "must be a domain"),
    (lambda: Chain(x, domain={"x": Simplex()}), "domain key"),
    (lambda: Chain(x, domain={x + 1: Simplex()}), "domain key"),
    (lambda: Chain(x, domain=[x]), "domain= takes a dict"),
    (lambda: Chain(x, domain={x: Real(10, -10)}), "empty range"),
    (lambda: Chain(x, domain={x: Real(float("nan"), 1)}), "finite numbers"),
    (lambda: Chain(x, domain={x: Positive(-1)}), "empty range"),
    (lambda: Chain(x, domain={x: Integer(1.5, 3)}), "whole numbers"),
    (lambda: Chain(x, assuming=5), "assuming= takes a list"),
    (lambda: Chain(sp.Eq(x, 1)), "not a relation"),
    (lambda: Chain(x).eq(sp.Eq(x, 1)), "not a relation"),
    (lambda: Chain(sp.true), "not a relation"),
    (lambda: Chain(True), "not a truth value"),
    (lambda: Chain(x).eq(x < 1), "not a relation"),
    (lambda: Chain(sp.Interval(0, 1)), "must be an expression"),
    (lambda: Chain(x, n=5), "size *symbol*"),
    (lambda: Chain(x, n=sp.Symbol("n")), "size *symbol*"),
    (lambda: Chain(x, n=n, n_min=0), "n_min"),
    (lambda: Chain(1 / x).eq(sp.zoo), "not a finite value"),
    (lambda: Chain(x).eq(sp.nan), "not a finite value"),
    (lambda: Chain(x + sp.zoo), "not a finite value"),
    (lambda: Chain(x).rel("≈", 1), "unsupported relation"),
    (lambda: Chain(x).rel("==", 1), "unsupported relation"),
    (lambda: Chain(x).eq(x, by=3), "by="),
    (lambda: Chain(x, assuming=[x]), "must be a relation"),
    (lambda: Chain(x, assuming=[object()]), "must be a relation"),
    (lambda: Chain(object()), "not a SymPy expression"),
    (lambda: Chain(sp.Integer(10) ** 5000 * sp.exp(-x)), "digits"),
    (lambda: check(Chain(x).eq(x), n=5), "seconds= and strategies= only"),
    (lambda: check(42), "takes a Chain or a claim ID"),
    (lambda: check(Chain(x)), "at least one relation"),
])
def test_bad_input_is_one_input_error(build, says):
    with pytest.raises(InputError) as info:
        build()
    assert says in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize("seconds", [float("inf"), float("nan"), -1, 0, "5", True, 1e300])
def test_seconds_must_be_a_positive_finite_number(seconds):
    with pytest.raises(InputError, match="seconds"):
        check(Chain(x).eq(x), seconds=seconds)


def test_oo_is_a_value_a_limit_may_have():
    c = Chain(sp.Limit(-sp.log(t), t, 0, "+")).eq(sp.oo)
    assert c.links[0].rhs is sp.oo


def test_escaping_errors_of_the_issue_are_verdicts_or_input_errors():
    # sigma(e^{e^x}) overflowed numeric evaluation (MemoryError at x = 40): now a verdict
    v = check(Chain(1 / (1 + sp.exp(-sp.exp(sp.exp(x))))).le(1), seconds=4)
    assert isinstance(v, Verdict) and v.status in set(Status)
    with pytest.raises(InputError):
        Chain(sp.Integer(10) ** 5000 * sp.exp(-x)).eq(0)


# ---------------------------------------------------------------- hypotheses as users write them
def test_folded_true_hypothesis_is_dropped():
    assert (1 <= i) is sp.true  # SymPy decided it from i's assumptions
    c = Chain(soft(i), n=n, assuming=[1 <= i, True, sp.Le(i, n)])
    assert c.assuming == (sp.Le(i, n),)


def test_false_hypothesis_is_refused_as_contradictory():
    assert (i < 1) is sp.false
    with pytest.raises(InputError, match="contradictory"):
        Chain(x, assuming=[i < 1])
    with pytest.raises(InputError, match="contradictory"):
        Chain(x, assuming=[False])


def test_and_is_split_into_hypotheses():
    c = Chain(x, assuming=[sp.And(x > 0, x < 1)])
    assert set(c.assuming) == {x > 0, x < 1}


def test_size_symbol_is_inferred_from_the_sums():
    c = Chain(sp.Sum(soft(j), (j, 1, n))).eq(1)
    assert c.n is None and c.context.n is n
    v = check(c, seconds=20)
    assert v.status == Status.PROVEN, v.as_dict()
    assert v.steps[0].scope.startswith("symbolic n")
    # wrong at every n: refuted, also without n=
    assert check(Chain(sp.Sum(soft(j), (j, 1, n))).eq(2)).status == Status.REFUTED


def test_size_symbol_inference_rules():
    n2 = sp.Symbol("N", integer=True, positive=True)
    assert Chain(sp.Sum(y[j], (j, 1, n)), n=n2).context.n == n2  # n= wins (==: SymPy's cache may hand back an equal symbol)
    assert Chain(sp.Sum(y[j], (j, 1, n)) + sp.Sum(y[j], (j, 1, n2))).context.n is None  # two: none
    assert Chain(sp.Sum(y[j], (j, 1, n - 1))).context.n == n
    nested = sp.Sum(sp.Sum(y[k], (k, 1, j)), (j, 1, n))  # j bounds the inner sum: not a size
    assert Chain(nested).context.n == n
    assert Chain(x ** 2).context.n is None


def test_by_is_optional():
    assert check(Chain(sp.exp(x) * sp.exp(-x)).eq(1)).status == Status.PROVEN


# ---------------------------------------------------------------- the API boundary
def test_an_unexpected_error_becomes_an_undecided_link(monkeypatch):
    def boom(*args, **kw):
        raise KeyError("zoo")
    from proofs.evidence import search
    monkeypatch.setattr(search, "numeric_evidence", boom)
    v = check(Chain(x).eq(x).eq(x + 0))
    assert v.status == Status.UNDECIDED
    assert all(s.status == Status.UNDECIDED and "KeyError" in s.evidence["error"] for s in v.steps)
    assert any("link 1" in note and "KeyError" in note for note in v.notes)


def _liar(lhs, rel, rhs, ctx):
    yield C.Leaf()


def test_a_kernel_bug_is_reported_in_the_notes_never_silently(monkeypatch):
    monkeypatch.setattr(_kernel, "check_certificate", lambda *a: [])  # a kernel bug, simulated
    v = check(Chain(sp.sin(x)).eq(sp.cos(x)), strategies=[("liar", _liar)])
    assert v.status == Status.UNDECIDED
    assert [note for note in v.notes if note.startswith("KernelBug: ")], v.notes
    assert "error" in v.steps[0].evidence and "KernelBug" in v.steps[0].evidence["error"]
    assert issubclass(KernelBug, Exception)


# ---------------------------------------------------------------- matrix sides
def _softmax(size: int):
    zs = sp.symbols(f"z1:{size + 1}", real=True)
    s = sum(sp.exp(v) for v in zs)
    return sp.Matrix(zs), sp.Matrix([sp.exp(v) / s for v in zs])


Z3, P3 = _softmax(3)
J3 = P3.jacobian(Z3)


def test_the_same_matrix_is_equal():
    M = sp.Matrix([[x, 1], [0, sp.exp(x)]])
    v = check(Chain(M).eq(M))
    assert v.status == Status.PROVEN and v.steps[0].evidence["shape"] == [2, 2]


def test_softmax_jacobian_is_diag_p_minus_p_pT():
    v = check(Chain(J3).eq(sp.diag(*P3) - P3 * P3.T, by="quotient rule, entrywise"))
    assert v.status == Status.PROVEN, v.as_dict()
    assert v.steps[0].strategy.startswith("entrywise")
    assert set(v.steps[0].evidence["entries"].values()) == {"proven"}


def test_softmax_jacobian_is_symmetric_and_kills_ones():
    assert check(Chain(J3).eq(J3.T)).status == Status.PROVEN
    assert check(Chain(J3 * sp.ones(3, 1)).eq(sp.zeros(3, 1))).status == Status.PROVEN
    assert check(Chain(sp.ImmutableMatrix(J3) * sp.ones(3, 1)).eq(sp.ones(3, 1))).status == Status.REFUTED


def test_hessian_of_lse_is_diag_p_minus_p_pT():
    lse = sp.log(sum(sp.exp(v) for v in Z3))
    assert check(Chain(sp.hessian(lse, list(Z3))).eq(sp.diag(*P3) - P3 * P3.T)).status == Status.PROVEN


def test_softmax_jacobian_at_n_16():
    z16, p16 = _softmax(16)
    v = check(Chain(p16.jacobian(z16)).eq(sp.diag(*p16) - p16 * p16.T))
    assert v.status == Status.PROVEN


def test_softmax_jacobian_at_n_1():
    z1, p1 = _softmax(1)  # p = (1): its Jacobian is the 1×1 zero matrix
    assert check(Chain(p1.jacobian(z1)).eq(sp.diag(*p1) - p1 * p1.T)).status == Status.PROVEN
    v = check(Chain(p1.jacobian(z1)).eq(sp.Matrix([[p1[0]]])))
    assert v.status == Status.REFUTED and "entry (1, 1)" in v.counterexample.note


def _wrong_entry(scale=1):
    w = sp.diag(*P3) - P3 * P3.T
    w[1, 2] = -P3[1] * P3[1]  # p2 p2 instead of p2 p3 in row 2, column 3
    return scale * J3, scale * w


@pytest.mark.parametrize("scale", [1, sp.Integer(10) ** 30, sp.exp(-500)])
def test_a_wrong_entry_is_refuted_with_its_row_and_column(scale):
    lhs, rhs = _wrong_entry(scale)
    v = check(Chain(lhs).eq(rhs))
    assert v.status == Status.REFUTED
    cx = v.counterexample
    assert cx is not None and "entry (2, 3)" in cx.note and cx.lhs_value != cx.rhs_value
    assert v.steps[0].evidence["weakest_entry"] == [2, 3]


def test_gradient_of_aTx_is_a():
    """Matrix Cookbook (2012), eq. (69): ∂(xᵀa)/∂x = ∂(aᵀx)/∂x = a."""
    a = sp.Matrix(sp.symbols("a1:4", real=True))
    xs = sp.Matrix(sp.symbols("x1:4", real=True))
    grad = sp.Matrix([(a.T * xs)[0]]).jacobian(xs).T
    assert check(Chain(grad).eq(a, by="Matrix Cookbook (69)")).status == Status.PROVEN
    v = check(Chain(grad).eq(2 * a))
    assert v.status == Status.REFUTED and "entry (1, 1)" in v.counterexample.note


def test_matrix_expressions_at_concrete_size():
    A = sp.ImmutableMatrix([[1, x], [0, 1]])
    assert check(Chain(sp.MatMul(A, A)).eq(sp.Matrix([[1, 2 * x], [0, 1]]))).status == Status.PROVEN
    assert check(Chain(sp.Transpose(A)).eq(sp.Matrix([[1, 0], [x, 1]]))).status == Status.PROVEN


def test_numpy_arrays_are_matrix_sides_read_strictly(tmp_path):
    np = pytest.importorskip("numpy")
    assert check(Chain(np.eye(2)).eq(sp.eye(2))).status == Status.PROVEN
    marker = tmp_path / "marker"
    with pytest.raises(InputError):
        Chain(np.array([f"__import__('os').system('touch {marker}')"], dtype=object))
    assert not marker.exists()


def test_assuming_none_or_a_generator():
    assert Chain(x, assuming=None).assuming == ()
    assert Chain(x, assuming=(a for a in [x > 0])).assuming == (x > 0,)


def test_arrays_of_rank_1_and_2_are_matrix_sides():
    a = sp.symbols("a1:3", real=True)
    grad = sp.derive_by_array(a[0] * a[1], a)
    assert check(Chain(grad).eq(sp.Matrix([a[1], a[0]]))).status == Status.PROVEN
    assert check(Chain(sp.derive_by_array(grad, a)).eq(sp.Matrix([[0, 1], [1, 0]]))).status == Status.PROVEN


@pytest.mark.parametrize("build, says", [
    (lambda: Chain(sp.zeros(0, 3)), "empty"),
    (lambda: Chain(sp.Array([[[x]]])), "rank 1 or 2"),
    (lambda: Chain(J3).eq(sp.ones(3, 1)), "3×3 = 3×1"),
    (lambda: Chain(J3).eq(0), "3×3 matrix = scalar"),
    (lambda: Chain(x).eq(J3), "scalar = 3×3 matrix"),
    (lambda: Chain(J3).le(J3), "'=' only"),
    (lambda: Chain(sp.MatrixSymbol("A", n, n)), "concrete size"),
])
def test_matrix_input_errors(build, says):
    with pytest.raises(InputError) as info:
        build()
    assert says in str(info.value)


def test_a_link_that_ranges_an_index_the_conclusion_leaves_free_does_not_transfer():
    """Second adversarial review: i + δ(i,0) ranges i over 1..n in both links, while the chain's
    conclusion Piecewise((i, i ≥ 1), (0, True)) = i is about every integer i (false at i = −2)."""
    n = sp.Symbol("n", integer=True, positive=True)
    i = sp.Symbol("i", integer=True)
    start = sp.Piecewise((i, i >= 1), (0, True))
    v = check(Chain(start, n=n, n_min=1).eq(i + sp.KroneckerDelta(i, 0)).eq(i), seconds=10)
    assert v.status == "refuted" and v.counterexample is not None
    assert int(sp.Rational(v.counterexample.point["i"])) < 1
    assert any("decided directly" in note for note in v.notes)
