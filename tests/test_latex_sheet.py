"""proofs/latex/sheet.py: the checked derivation as a sheet; the document's LaTeX never reaches it."""
from proofs.latex import check_document
from proofs.latex.sheet import render_sheet, sheet_tex


def test_sheet_marks_relations_and_escapes_everything(tmp_path):
    doc = ("$$ (x+1)^2 = x^2 + 2x + 1 $$\n$$ (x+1)^2 = x^2 + 1 $$\n"
           "$$ \\input{/etc/passwd} = \\write18{touch marker} $$\n$$ y = 1 \\openout $$\n")
    res = check_document(doc, seconds=5)
    assert [r.verdict for r in res] == ["proven", "refuted", "error", "error"]
    tex = sheet_tex("a \\input{x}.md", res)
    body = tex.split("\\begin{document}", 1)[1]
    for bad in ("\\input", "\\write18", "\\openout"):   # at most inert, escaped text
        assert bad not in body
    assert "counterexample" in body and body.count("\\begin{equation*}") == 2
    (path,) = render_sheet(str(tmp_path / "doc.md"), res, "tex", str(tmp_path / "out"))
    assert path.name == "doc-check.tex" and path.read_text() == sheet_tex("doc.md", res)
