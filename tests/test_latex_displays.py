"""proofs/latex/displays.py: every display found, chains split at each relation, lines and tags kept."""
from proofs.latex.displays import relations

DOC = r"""Some text $x = 1$ inline (not a display).
$$ a = b + c \tag{1} $$
\begin{align*}
f &= g \\
  &\le h \tag{2}
\end{align*}
\[ \sum_{i = 1}^n x_i \ne y \]
\begin{equation}
u < v > w % a comment: p = q
\end{equation}
"""


def test_every_display_and_relation_with_its_rhs_line_and_tag():
    rs = relations(DOC)
    got = [(r.lhs.tex, r.rel, r.rhs.tex, r.line, r.tag) for r in rs]
    assert got == [("a", "=", "b + c", 2, "1"),
                   ("f", "=", "g", 4, "2"), ("g", "<=", "h", 5, "2"),
                   (r"\sum_{i = 1}^n x_i", "!=", "y", 7, ""),
                   ("u", "<", "v", 9, ""), ("v", ">", "w", 9, "")]


def test_relations_inside_braces_are_not_split_and_left_is_not_le():
    rs = relations(r"$$ \sum_{j \ne i} \left( a_j \right) = \lim_{x \to 0} f $$")
    assert [(r.lhs.tex, r.rel) for r in rs] == [(r"\sum_{j \ne i} \left( a_j \right)", "=")]


def test_rm_wrapped_equals_splits_and_rows_without_lhs_continue_the_chain():
    rs = relations("\\begin{align*}\nA{\\rm{ = }}B\\\\\n= C\n\\\\ D = E\n\\end{align*}")
    assert [(r.lhs.tex, r.rhs.tex, r.line, r.chain, r.link) for r in rs] == [
        ("A", "B", 2, 0, 0), ("B", "C", 3, 0, 1), ("D", "E", 4, 1, 0)]


def test_a_row_starting_with_plus_continues_the_right_hand_side():
    rs = relations("\\begin{align}\nx &= a \\\\\n &\\quad + b\n\\end{align}")
    assert len(rs) == 1 and rs[0].rhs.tex.replace(" ", "") == "a\\quad+b"


def test_side_conditions_nested_environments_and_math_fences():
    doc = ("\\begin{equation}\\begin{split} f &= g \\quad \\text{for } i \\ne j, \\\\ x &= 1, \\quad y = 2"
           "\\end{split}\\end{equation}\n```math\na = b \\qquad (i \\ne j)\n```\n")
    got = [(r.lhs.tex, r.rhs.tex, r.condition) for r in relations(doc)]
    assert got == [("f", "g \\quad", "\\text{for } i \\ne j"), ("x", "1", ", \\quad y = 2"),
                   ("a", "b", "\\qquad (i \\ne j)")]
