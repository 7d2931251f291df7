"""proofs/latex/notation.py: the line format, from a side file, % derive: comments and front matter."""
import pytest

from proofs.chain import InputError
from proofs.latex.notation import read_notation

SIDE = r"""
# a comment
size: m
vector: z y
index: p q
function: \sigma \operatorname{softmax}
distribution: p
domain: y simplex
replace: ln( => \ln(
define: a_i := \frac{e^{z_i}}{\sum_k e^{z_k}}
assume: \sum_j y_j = 1
where 14: i \ne j
where (16): y onehot
n_min: 3
"""


def test_side_file():
    nt = read_notation(SIDE)
    assert nt.size == "m" and {"p", "q", "i"} <= nt.indices and nt.vectors == {"z", "y"}
    assert nt.functions == {"sigma", "softmax"} and nt.distributions == {"p"}
    assert nt.domains == {"y": "simplex"} and nt.replace == [("ln(", r"\ln(")]
    assert nt.defines[0][:2] == ("a_i", r"\frac{e^{z_i}}{\sum_k e^{z_k}}")
    assert nt.assume[0][0] == r"\sum_j y_j = 1"
    assert nt.where["14"][0][0] == r"i \ne j" and nt.where_domains == {"16": {"y": "onehot"}}
    assert nt.n_min == 3


def test_document_declarations_front_matter_and_comments():
    doc = "---\ntitle: x\nfunction: f\n---\ntext\n% derive: define: L := -\\ln a\n"
    nt = read_notation("", doc)
    assert "f" in nt.functions and nt.defines[0][:2] == ("L", r"-\ln a")


@pytest.mark.parametrize("bad, what", [
    ("import: os", "not a declaration"),
    ("!!python/object/apply:os.system ['touch marker']", "not a declaration"),
    ("domain: y simplicial", "domain"),
    ("function: __import__", "not a name"),
    ("define: L = 1", "define takes"),
    ("n_min: 10**10", "n_min"),
])
def test_refused_with_the_line(bad, what):
    with pytest.raises(InputError, match=what):
        read_notation(bad)


def test_yaml_tags_in_front_matter_are_inert(tmp_path):
    marker = tmp_path / "marker"
    doc = f"---\nx: !!python/object/apply:os.system ['touch {marker}']\n---\n$$ a = b $$\n"
    read_notation("", doc)
    assert not marker.exists()
