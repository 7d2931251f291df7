"""proofs/latex/normalize.py: presentation removed, one spelling per construct, size limits."""
import pytest

from proofs.chain import InputError
from proofs.latex.normalize import normalize, unwrap_relations


@pytest.mark.parametrize("src, out", [
    (r"\left( x \right)", "( x )"),
    (r"{\rm{ = }}", "="),
    (r"\mathrm{softmax}(x)", r"\operatorname{softmax}(x)"),
    (r"\operatorname{lse}", r"\operatorname{lse}"),
    (r"\sum\limits_j \sum\nolimits_k", r"\sum _{j} \sum _{k}"),
    (r"x_{_i} + x_{_{i}}", "x_{i} + x_{i}"),
    (r"a\,b\;c\!d\quad e", "a b c d e"),
    (r"\dfrac{1}{2}", r"\frac{1}{2}"),
    (r"\frac{{\partial L}}{{\partial {z_i}}}", r"\frac{\partial L}{\partial {z_{i}}}"),
    (r"e^x_i", "e^{x}_{i}"),
])
def test_rules(src, out):
    assert normalize(src) == out


def test_unwrap_relations_keeps_offsets():
    s = r"a{\rm{ = }}b"
    assert len(unwrap_relations(s)) == len(s) and unwrap_relations(s).split() == ["a", "=", "b"]


def test_oversized_and_deeply_nested_inputs_are_refused():
    with pytest.raises(InputError, match="too long"):
        normalize("x+" * 20_000)
    with pytest.raises(InputError, match="nested"):
        normalize("{" * 500 + "x" + "}" * 500)
