"""proofs/latex/parser.py: derivation notation read faithfully; ambiguity and oversize refused."""
import pytest
import sympy as sp

from proofs.latex.parser import RSUM, ReadError, Scope, parse_side, shift_conflicts

S = Scope(functions=frozenset({"sigma", "f"}))
n = sp.Symbol("n", integer=True, positive=True)
i, j, k = (sp.Symbol(c, integer=True, positive=True) for c in "ijk")
x, lam = sp.Symbol("x", real=True), sp.Symbol("lambda", real=True)
z, y, a, w, o = (sp.IndexedBase(c, real=True) for c in "zyawo")
L, l = sp.Symbol("L", real=True), sp.Symbol("l", real=True)


def P(tex):
    return parse_side(tex, S)


@pytest.mark.parametrize("tex, expected", [
    (r"\frac{\partial L}{\partial z_i}", sp.Derivative(L, z[i])),
    (r"\frac{\partial^2 l}{\partial o_i \partial o_j}", sp.Derivative(l, o[i], o[j])),
    (r"\sum_j y_j", sp.Sum(y[j], (j, 1, n))),
    (r"\sum\limits_{j=1}^{n} y_j", sp.Sum(y[j], (j, 1, n))),
    (r"\sum\nolimits_k e^{z_k}", sp.Sum(sp.exp(z[k]), (k, 1, n))),
    (r"a_i \sum_j y_j - y_i", a[i] * sp.Sum(y[j], (j, 1, n)) - y[i]),
    (r"w_{ij} x_{_i}", w[i, j] * sp.IndexedBase("x", real=True)[i]),
    (r"w_{ji}", w[j, i]),
    (r"\ln a_i + \log x", sp.log(a[i]) + sp.log(x)),
    (r"\exp(x) e^{-x}", sp.Integer(1)),
    (r"\delta_{ij} - a_j", sp.KroneckerDelta(i, j) - a[j]),
    (r"\max(x, 1) + \min(x, 2)", sp.Max(x, 1) + sp.Min(x, 2)),
    (r"\lim_{\lambda \to \infty} \frac{1}{\lambda}", sp.Limit(1 / lam, lam, sp.oo)),
    (r"\sigma(x)", sp.Function("sigma")(x)),
    (r"\left( x \right) \cdot 2 \times x", 2 * x ** 2),
    (r"{\rm{x}}", x),
    (r"\hat{y} \tilde y", sp.Symbol("yhat", real=True) * sp.Symbol("ytilde", real=True)),
    (r"y_i(1 - a_i)", y[i] * (1 - a[i])),
    (r"\frac{1}{1+e^{-x}}", 1 / (1 + sp.exp(-x))),
    (r"\log \sum_j e^{z_j} - z_i", sp.log(sp.Sum(sp.exp(z[j]), (j, 1, n))) - z[i]),
    (r"\mathbf{x} \boldsymbol{\lambda}", x * lam),
])
def test_derivation_notation(tex, expected):
    assert P(tex) == expected


def test_restricted_sums_are_placeholders_until_the_relation_is_known():
    e = P(r"\sum_{j \ne i} y_j + \sum_{i = j} y_j")
    assert {f.args[3] for f in e.atoms(RSUM)} == {0, 1}


def test_the_only_conflict_is_the_documented_one():
    """A big operator's body / an implicit product extends to the right; nothing else is resolved."""
    assert shift_conflicts() == ["* <prod : __prod_plus_0>"]


@pytest.mark.parametrize("tex, what", [
    (r"\ln a b", "ambiguous"),
    (r"\frac{\partial}{\partial x}", "nothing"),
    (r"\frac{\partial L}{\partial}", "unexpected"),
    (r"\foo{x}", "cannot read"),
    (r"10^{10^{10}}", "exponent"),
    (r"\sum_{i=1}^{1000000000} i", "terms"),
    (r"x^{100000}", "exponent"),
    (r"(x + 1)^{5000}", "exponent"),
    (r"\frac{1}{0}", "division by zero"),
    ("1" * 100, "digits"),
    (r"\sum_{j < i} y_j", "condition"),
    (r"\operatorname{softmax}", "argument"),
    (r"a_i ) b", "unexpected"),            # the whole side is read or nothing: never truncated
    (r"a_i \sum_j", "ends too early|unexpected"),
])
def test_refused_with_a_message(tex, what):
    with pytest.raises(ReadError, match=what):
        P(tex)


def test_never_evaluates_python(tmp_path):
    marker = tmp_path / "marker"
    for tex in [f"__import__('os').system('touch {marker}')", r"\operatorname{__import__}(x)",
                r"\operatorname{eval}(x)", r"\input{/etc/passwd}", r"\write18{touch " + str(marker) + "}"]:
        try:
            e = P(tex)
            assert not marker.exists()
            assert all(isinstance(f.func, sp.core.function.UndefinedFunction) or f.func in (sp.exp, sp.log)
                       for f in e.atoms(sp.Function))
        except ReadError:
            pass
    assert not marker.exists()


def test_a_layer_superscript_is_part_of_the_name_only_when_declared():
    layered = Scope(layers=frozenset("L"))
    aL = sp.IndexedBase("a^L", real=True)
    assert parse_side("a_j^L + a^L_j", layered) == 2 * aL[j]
    assert P("a_j^L") == a[j] ** sp.Symbol("L", real=True)
