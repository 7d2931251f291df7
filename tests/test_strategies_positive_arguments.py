"""The positive-arguments strategy: a hypothesis u > 0 on an expression decides Heaviside(u), sign(u), Abs(u)."""
import sympy as sp

from proofs import Chain, check
from proofs.context import Context
from proofs.strategies.positive_arguments import s_positive_arguments
from strategy_checks import proves as _proves

s1, s2, s3, x = sp.symbols("s1 s2 s3 x", real=True)
MARGINS = (sp.Gt(s2 - s1 + 1, 0), sp.Gt(s3 - s1 + 1, 0))
SVM = sp.Max(0, s2 - s1 + 1) + sp.Max(0, s3 - s1 + 1)  # CS231n's multiclass SVM loss, 3 classes


def proves(lhs, rel, rhs, hyps=MARGINS):
    return _proves(s_positive_arguments, lhs, rel, rhs, Context(assuming=hyps))


def test_svm_gradient_under_positive_margins():
    assert proves(sp.Derivative(SVM, s1), "=", -2)
    assert proves(sp.Derivative(SVM, s2), "=", 1)
    assert not proves(sp.Derivative(SVM, s1), "=", -1)
    assert not proves(sp.Derivative(SVM, s1), "=", -2, hyps=MARGINS[:1])  # one margin unknown


def test_abs_and_sign_of_a_positive_expression():
    u = s1 - s2
    assert proves(sp.Abs(u) * sp.sign(u), "=", u, hyps=(sp.Gt(s1, s2),))
    assert not proves(sp.Abs(u), "=", -u, hyps=(sp.Gt(s1, s2),))
    assert proves(sp.exp(-500) * sp.Abs(s2 - s1), "=", sp.exp(-500) * (s1 - s2), hyps=(sp.Gt(s1, s2),))


def test_through_check_wrong_variant_refuted():
    assert check(Chain(sp.Derivative(SVM, s1), assuming=list(MARGINS)).eq(-2)).status.value == "proven"
    v = check(Chain(sp.Derivative(SVM, s1), assuming=list(MARGINS)).eq(-1), seconds=10)
    assert v.status.value == "refuted" and v.counterexample.point
