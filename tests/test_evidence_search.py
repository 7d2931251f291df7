"""The counterexample search: relative tolerance with precision escalation, canonical seeding,
nothing escaping evaluation. Every wrong step is also refuted scaled by e^-500 or by a huge constant."""
import subprocess
import sys

import pytest
import sympy as sp

from proofs import Chain, Status, check
from proofs.context import Context
from proofs.evidence import search

x = sp.Symbol("x", real=True)
a, b = sp.symbols("a b", real=True)
n = sp.Symbol("n", integer=True, positive=True)
i, j, k = sp.symbols("i j k", integer=True, positive=True)
z = sp.IndexedBase("z", real=True)
p = sp.IndexedBase("p", real=True)
E500 = sp.exp(-500)
HUGE = sp.Integer(10) ** 400


def sigma(t):
    return 1 / (1 + sp.exp(-t))


def _status(ch, seconds=2):
    return check(ch, seconds=seconds, strategies=[]).status


WRONG = {
    "sigmoid derivative sign flip": (sp.Derivative(sigma(x), x), sigma(x) * (1 + sigma(x))),
    "dropped factor": (sp.Derivative(sigma(x), x), sigma(x)),
    "sin = cos": (sp.sin(x), sp.cos(x)),
    "log of a sum": (sp.log(sp.exp(a) + sp.exp(b)), a + b),
}


@pytest.mark.parametrize("name", WRONG)
@pytest.mark.parametrize("scale", [1, E500, HUGE, sp.exp(-5000)])
def test_wrong_steps_are_refuted_at_any_scale(name, scale, request):
    if scale in (E500, sp.exp(-5000)) and WRONG[name][0].has(sp.Derivative):
        # known limit of the evidence alone: a difference quotient is trusted only to an absolute
        # 10^(−dps/2), so a wrong derivative step scaled below that is "numeric", not refuted
        # (the kernel still proves nothing false: the symbolic side rejects it)
        request.applymarker(pytest.mark.xfail(strict=True, reason="numeric derivatives below 10^-200"))
    lhs, rhs = WRONG[name]
    assert _status(Chain(scale * lhs).eq(scale * rhs)) == Status.REFUTED


@pytest.mark.parametrize("scale", [1, E500, HUGE])
def test_true_steps_survive_any_scale(scale):
    assert _status(Chain(scale * sp.Derivative(sigma(x), x)).eq(scale * sigma(x) * (1 - sigma(x)))) \
        == Status.NUMERIC
    assert _status(Chain(scale * (sp.sin(x) ** 2 + sp.cos(x) ** 2)).eq(scale)) == Status.NUMERIC


def test_tiny_differences_are_seen():
    # softplus(-100) = e^-100 + O(e^-200); LSE(a, b) = max(a, b) + log(1 + e^{-|a-b|})
    assert _status(Chain(sp.log(1 + sp.exp(-100))).eq(sp.exp(-100))) == Status.REFUTED
    assert _status(Chain(sp.log(1 + sp.exp(-100))).lt(sp.exp(-100))) == Status.NUMERIC
    assert _status(Chain(sp.log(sp.exp(a) + sp.exp(b)), assuming=[a > b + 200]).eq(sp.Max(a, b))) \
        == Status.REFUTED
    assert _status(Chain(sp.log(sp.exp(a) + sp.exp(b))).eq(sp.Max(a, b))) == Status.REFUTED
    assert _status(Chain(sp.log(sp.exp(a) + sp.exp(b)), assuming=[a > b + 200]).gt(sp.Max(a, b))) \
        == Status.NUMERIC


def test_true_identities_with_cancellation_are_not_refuted():
    lhs = sp.Sum(sp.log(1 - sigma(z[j])), (j, 1, n))
    rhs = -sp.Sum(sp.log(1 + sp.exp(z[j])), (j, 1, n))
    assert _status(Chain(lhs, n=n).eq(rhs), seconds=10) == Status.NUMERIC
    assert _status(Chain(sp.log(1 - sigma(x))).eq(-sp.log(1 + sp.exp(x)))) == Status.NUMERIC
    assert _status(Chain(sp.log(1 - sigma(x))).eq(-sp.log(1 + sp.exp(x)) + sp.exp(-60))) == Status.REFUTED
    assert _status(Chain(E500 * sp.log(1 - sigma(x))).eq(-E500 * sp.log(1 + 2 * sp.exp(x)))) == Status.REFUTED


def test_exact_zero_on_one_side():
    assert _status(Chain(E500 * (sp.sin(x) ** 2 + sp.cos(x) ** 2 - 1)).eq(0)) == Status.NUMERIC
    assert _status(Chain(E500 * (sp.sin(x) ** 2 + sp.cos(x) ** 2 - 1) + sp.exp(-900)).eq(0)) \
        == Status.REFUTED


def test_the_name_of_a_bound_index_does_not_matter():
    found = []
    for idx in (i, k, sp.Symbol("q", integer=True, positive=True), sp.Symbol("i", integer=True)):
        lhs = sp.Sum(p[idx] * sp.log(p[idx]), (idx, 1, n))
        ev, cand = search.numeric_evidence(lhs, "=", -lhs, Context(n=n), 5.0)
        assert cand is not None
        found.append((cand.point, cand.lhs_value, ev["points"]))
    assert all(f == found[0] for f in found), found


def test_a_free_index_with_the_name_of_a_bound_one_stays_free():
    # z_i + Σ_i z_i: the first i is free (sampled as an index), the second bound
    ch = Chain(z[i] + sp.Sum(z[i], (i, 1, n)), n=n).eq(sp.Sum(z[j], (j, 1, n)) + z[i])
    assert _status(ch) == Status.NUMERIC
    ch = Chain(z[i] + sp.Sum(z[i], (i, 1, n)), n=n).eq(sp.Sum(z[j], (j, 1, n)) + z[1])
    assert _status(ch) == Status.REFUTED


def test_the_same_input_gets_the_same_points_under_any_hash_seed():
    script = ("import sympy as sp\nfrom proofs.context import Context\nfrom proofs.evidence import sampling\n"
              "n = sp.Symbol('n', integer=True, positive=True); i = sp.Symbol('i', integer=True)\n"
              "p = sp.IndexedBase('p', real=True); a, b = sp.symbols('a b', real=True)\n"
              "e = [sp.Sum(p[i] * sp.log(p[i]), (i, 1, n)) + a * b, sp.exp(a) - b]\n"
              "ctx = Context(assuming=(a > b,), n=n)\n"
              "print([q.describe() for q in sampling.sample_points(e, ctx, 4, n=3)])\n")
    outs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout for seed in ("0", "1", "987")}
    assert len(outs) == 1 and "p" in next(iter(outs))


BAD_POINTS = [
    Chain(sigma(sp.exp(sp.exp(x)))).le(1),            # σ(e^{e^x}) at x = 40: MemoryError
    Chain(sp.Integer(10) ** 999 * sp.exp(-x)).gt(0),   # (10^5000: see test_evidence_sampling)
    Chain(1 / x).eq(1 / x),                            # 1/x at x = 0
    Chain(sp.exp(sp.exp(sp.exp(x)))).gt(0),            # overflow
    Chain(sp.log(x)).le(x),                            # complex for x < 0
    Chain(sp.gamma(x)).eq(sp.gamma(x)),               # poles at the integers
]


@pytest.mark.parametrize("k", range(len(BAD_POINTS)))
def test_nothing_escapes_evaluation(k):
    v = check(BAD_POINTS[k], seconds=2, strategies=[])
    assert v.status in (Status.NUMERIC, Status.UNDECIDED), v.as_dict()


def test_points_that_cannot_be_evaluated_are_noted():
    v = check(Chain(sigma(sp.exp(sp.exp(x)))).le(1), seconds=5, strategies=[])
    assert "memory" in v.steps[0].evidence.get("skipped", "")
    assert check(Chain(sp.Integer(10) ** 999 * sp.exp(-x)).eq(0), seconds=5,
                 strategies=[]).status == Status.REFUTED
    # zoo itself is refused as a side (an InputError, by the chain); its evaluation never raises
    from proofs.evidence import sampling
    with pytest.raises(sampling.NotNumeric):
        sampling.value(sp.zoo * x, sampling.Point(scalars={x: sp.Integer(1)}))


def test_a_complex_side_refutes_an_equation_only():
    ap, bp = sp.symbols("a b", positive=True)
    assert _status(Chain(sp.log(a * b)).eq(sp.log(a) + sp.log(b))) == Status.REFUTED  # a = b = -10
    assert _status(Chain(sp.log(ap * bp)).eq(sp.log(ap) + sp.log(bp))) == Status.NUMERIC
    assert _status(Chain(sp.log(x ** 2)).eq(2 * sp.log(sp.Abs(x)))) == Status.NUMERIC
    assert _status(Chain(sp.log(x)).le(x - 1)) == Status.NUMERIC  # complex for x < 0: no order


def test_nested_sums_are_sampled_to_12_in_the_quick_probe_and_to_30_in_the_full_search():
    """A true identity of nested sums: the quick probe (before a proof) stops at n = 12, the
    search without a proof goes to n = 30; each says where it stopped."""
    lhs = sp.Sum(sp.Sum(z[i] * z[j], (j, 1, n)), (i, 1, n))
    rhs = sp.Sum(z[i], (i, 1, n)) ** 2
    for light, cap in ((True, 12), (False, 30)):
        ev, cand = search.numeric_evidence(lhs, "=", rhs, Context(n=n), 30.0, light=light)
        assert cand is None and max(ev["sizes"]) == cap, ev
        assert ev["note"] == f"nested sums: sampled up to n = {cap}"


def test_sides_equal_to_the_working_precision_are_ordered_by_their_exact_difference():
    """x + 2 cos 2 ≥ x for x > 10^100 (an adversarial helper's case): at 50 and 100 digits the
    sides read equal, and the inequality was only 'numeric'; the exact difference at the point,
    2 cos 2 ≈ −0.83, refutes it, with both sides printed to the digits that show it. The same
    with cos 1 holds and stays unrefuted."""
    for rel in ("gt", "ge"):
        v = check(getattr(Chain(x + 2 * sp.cos(2), assuming=[x > 10 ** 100]), rel)(x), seconds=5)
        assert v.status == Status.REFUTED, v.as_dict()
        cx = v.counterexample
        assert cx.lhs_value != cx.rhs_value and "2*cos(2)" in cx.note
        assert sp.Rational(cx.point["x"]) > 10 ** 100
    assert _status(Chain(x + 2 * sp.cos(1), assuming=[x > 10 ** 100]).ge(x), seconds=5) != Status.REFUTED
    # a second adversarial round: SymPy's evalf of cot and csc at a 100-digit argument gave the
    # wrong sign, and these true statements (|cot x| >= 0, |csc x| >= 1) were refuted; the sides'
    # own values at two precisions must agree with the exact difference's sign
    for lhs, rhs in ((x + sp.cot(x) * sp.sign(sp.tan(x)), x), (x + sp.csc(x) * sp.sign(sp.sin(x)), x + 1),
                     (1 + sp.exp(-1000) * sp.cot(x) * sp.sign(sp.tan(x)), 1)):
        assert _status(Chain(lhs, assuming=[x > 10 ** 100]).ge(rhs), seconds=5) != Status.REFUTED
