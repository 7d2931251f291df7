"""Named definitions: unfolding, nesting, derivatives with respect to a defined quantity, errors."""
import pytest
import sympy as sp

from proofs import Chain, InputError, check, define, unfold
from proofs.kernel import Status

n = sp.Symbol("n", integer=True, positive=True)
i, j, k, m = sp.symbols("i j k m", integer=True, positive=True)
x = sp.Symbol("x", real=True)
Z, A, Y = (sp.IndexedBase(s, real=True) for s in "zay")
sigma = sp.Function("sigma")
SIG = define(sigma(x), 1 / (1 + sp.exp(-x)), "logistic sigmoid")
SOFT = define(A[j], sp.exp(Z[j]) / sp.Sum(sp.exp(Z[m]), (m, 1, n)), "softmax")
L = sp.Symbol("L")
CE = define(L, -sp.Sum(Y[k] * sp.log(A[k]), (k, 1, n)), "cross-entropy")


def test_params_and_names():
    assert SIG.params == (x,) and SIG.name() == "sigma"
    assert SOFT.params == (j,) and SOFT.name() == "a"
    assert CE.params == () and CE.name() == "L"


def test_unfold_function_at_an_argument():
    e, used = unfold(sigma(2 * x) + 1, [SIG])
    assert used == (SIG,)
    assert sp.simplify(e - (1 / (1 + sp.exp(-2 * x)) + 1)) == 0


def test_unfold_indexed_and_no_capture():
    e, used = unfold(sp.Sum(A[m], (m, 1, n)), [SOFT])
    assert used == (SOFT,)
    # the body's own Sum over m does not capture the outer m: its term is exp(z_m) / Σ e^{z}
    inner = e.function
    assert inner.has(sp.exp(Z[m]))
    w = sp.IndexedBase("w")
    d = define(A[k], sp.Sum(w[k] * w[m], (m, 1, n)))
    e, _ = unfold(A[m], [d])
    (bound,) = [lim[0] for lim in e.limits]
    assert bound != m and e.function.has(w[m]) and e.function.has(w[bound])


def test_nested_definitions():
    e, used = unfold(L, [CE, SOFT])
    assert set(used) == {CE, SOFT}
    assert not e.has(A) and e.has(sp.exp(Z[k]))


def test_unused_definition_changes_nothing():
    e, used = unfold(sp.exp(x), [SIG, SOFT])
    assert e == sp.exp(x) and used == ()
    with_defs = check(Chain(sp.Derivative(sp.exp(x), x), define=[SIG]).eq(sp.exp(x)))
    without = check(Chain(sp.Derivative(sp.exp(x), x)).eq(sp.exp(x)))
    assert with_defs.status == without.status == Status.PROVEN
    assert with_defs.steps[0].strategy == without.steps[0].strategy
    assert "unfolded" not in with_defs.steps[0].evidence


def test_derivative_with_respect_to_a_defined_quantity():
    # blog eq. (12): ∂L/∂a_j = −y_j / a_j, the derivative taken with a_j as a variable
    e, used = unfold(sp.Derivative(L, A[j]), [SOFT, CE])
    assert not e.has(sp.Derivative) and set(used) == {SOFT, CE}
    v = check(Chain(sp.Derivative(L, A[j]), n=n, define=[SOFT, CE]).eq(-Y[j] / A[j]))
    assert v.status == Status.PROVEN
    s = v.steps[0]
    assert s.strategy.startswith("by the definitions of ") and "; rewrite" in s.strategy
    assert sorted(s.evidence["unfolded"]) == ["L", "a"]
    assert s.lhs == sp.Derivative(L, A[j]) and s.rhs == -Y[j] / A[j]  # kept as written


def test_sigmoid_derivative_proven_and_wrong_steps_refuted():
    good = check(Chain(sp.Derivative(sigma(x), x), define=[SIG]).eq(sigma(x) * (1 - sigma(x))))
    assert good.status == Status.PROVEN
    assert good.steps[0].strategy.startswith("by the definitions of sigma")
    wrong = sigma(x) * (1 + sigma(x))
    v = check(Chain(sp.Derivative(sigma(x), x), define=[SIG]).eq(wrong))
    assert v.status == Status.REFUTED
    assert v.counterexample.lhs == str(sp.Derivative(sigma(x), x))  # as written


@pytest.mark.xfail(reason="the kernel's sampling uses absolute deviation: a wrong step scaled by "
                          "e^-500 is numeric, with or without definitions (kernel issue)")
def test_wrong_step_scaled_by_a_tiny_constant_refuted():
    tiny = sp.exp(sp.Integer(-500))
    v = check(Chain(tiny * sp.Derivative(sigma(x), x), define=[SIG]).eq(tiny * sigma(x) * (1 + sigma(x))))
    assert v.status == Status.REFUTED


def test_wrong_step_with_definitions_refuted_general_n():
    v = check(Chain(sp.Derivative(L, A[j]), n=n, define=[SOFT, CE]).eq(-Y[j] * A[j]))
    assert v.status == Status.REFUTED
    v = check(Chain(sp.Derivative(L, A[j]), n=n, define=[SOFT, CE]).eq(-Y[j] / A[j] * sp.exp(sp.Integer(-500))))
    assert v.status == Status.REFUTED


def test_unevaluated_step_is_kept_as_written():
    with sp.evaluate(False):
        step = sigma(x) * (1 - sigma(x)) / sigma(x)
    assert isinstance(step, sp.Mul) and step.has(sp.Pow)
    v = check(Chain(step, define=[SIG]).eq(1 - sigma(x)))
    assert v.status == Status.PROVEN and v.steps[0].lhs == step


@pytest.mark.parametrize("head", [sp.Integer(3), x + 1, A[1], A[j, j], sigma(x + 1), sp.exp(x)])
def test_bad_heads_are_input_errors(head):
    with pytest.raises(InputError):
        define(head, x)


def test_self_reference_cycles_and_duplicates_are_input_errors():
    b, c = sp.symbols("b c")
    with pytest.raises(InputError, match="itself"):
        define(sigma(x), sigma(x) + 1)
    cyc = [define(b, c + 1), define(c, b - 1)]
    with pytest.raises(InputError, match="circular"):
        unfold(b, cyc)
    with pytest.raises(InputError, match="circular"):
        Chain(b, define=cyc)
    with pytest.raises(InputError, match="more than once"):
        Chain(b, define=[define(b, x), define(b, x + 1)])
    with pytest.raises(InputError):
        Chain(b, define=["b = x"])


def test_sum_over_j_not_i_is_notation_unfolded_by_the_kernel():
    from proofs.definitions import SumOver
    from proofs.display import pretty
    i = sp.Symbol("i", integer=True, positive=True)
    rest = SumOver(Y[j] * A[i], (j, 1, n), i)
    e, used = unfold(rest, [])
    assert e == sp.Sum(sp.Mul(Y[j] * A[i], 1 - sp.KroneckerDelta(i, j), evaluate=False), (j, 1, n))
    assert [d.name() for d in used] == ["Σ_{j≠i}"] and j not in rest.free_symbols and i in rest.free_symbols
    assert "j≠i" in pretty(rest) and r"\neq" in sp.latex(rest)
    # Σ_{j≠i} y_j + y_i = Σ_j y_j (proven); dropping y_i is refuted
    whole = sp.Sum(Y[j], (j, 1, n))
    assert check(Chain(SumOver(Y[j], (j, 1, n), i) + Y[i], n=n).eq(whole)).status == Status.PROVEN
    assert check(Chain(SumOver(Y[j], (j, 1, n), i), n=n).eq(whole)).status == Status.REFUTED


def test_primed_summation_index_printed_as_written_and_checked():
    from proofs.display import pretty
    yp = sp.Symbol("y'", integer=True, nonnegative=True)
    s = sp.Sum(sp.exp(yp * x), (yp, 0, 1))
    assert "y'" in pretty(s)
    good = check(Chain(s).eq(1 + sp.exp(x)))
    assert good.status == Status.PROVEN and good.steps[0].lhs == s
    assert check(Chain(s).eq(2 + sp.exp(x))).status == Status.REFUTED


def test_matrix_identity_with_definitions():
    """A matrix side is decided entrywise; the names inside its entries are unfolded."""
    a, b, q = sp.symbols("a b q", real=True)
    d = [define(q, a + b)]
    assert check(Chain(sp.Matrix([[q, 0], [0, a]]), define=d).eq(sp.Matrix([[b + a, 0], [0, a]]))).status == Status.PROVEN
    assert check(Chain(sp.Matrix([[q, 0], [0, a]]), define=d).eq(sp.Matrix([[a + b, 0], [a, a]]))).status == Status.REFUTED


def test_a_binder_in_a_body_does_not_capture_the_argument():
    """Second adversarial review: G(x) := lim_{t→0+} (x+t)/(1+t) = x unfolded at x = t became
    lim (t+t)/(1+t) = 0, and "G(t) = 0" was proven. Every binder's variable is renamed; a
    derivative's variable that is a parameter stays (d/dx σ(x) is a function of x)."""
    t = sp.Symbol("t", positive=True)
    xx, yy = sp.symbols("x y", real=True)
    G = sp.Function("G")
    defG = define(G(xx), sp.Limit((xx + t) / (1 + t), t, 0, "+"))
    assert check(Chain(G(t), define=[defG]).eq(0), seconds=5).status == "refuted"
    assert check(Chain(G(t), define=[defG]).eq(t), seconds=5).status == "proven"
    H = sp.Function("H")
    defH = define(H(xx), sp.Derivative(xx * yy, yy))       # = x whatever y is
    assert check(Chain(H(yy), define=[defH]).eq(yy), seconds=5).status == "proven"
    assert check(Chain(H(yy), define=[defH]).eq(2 * yy), seconds=5).status == "refuted"
    D = sp.Function("D")
    defD = define(D(xx), sp.Derivative(xx ** 3, xx))        # = 3x², the parameter is the point
    assert check(Chain(D(yy), define=[defD]).eq(3 * yy ** 2), seconds=5).status == "proven"
