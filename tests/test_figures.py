"""Each figure function writes a real, Type-3-free PDF."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from render import figures

FIGS = {
    "sigmoid": figures.fig_sigmoid,
    "learning_curves": figures.fig_learning_curves,
    "softmax_slider": figures.fig_softmax_slider,
    "lse_max": figures.fig_lse_max,
}


def check_pdf(path):
    data = path.read_bytes()
    assert len(data) > 2000
    assert data.startswith(b"%PDF")
    assert data.rstrip().endswith(b"%%EOF")
    # matplotlib writes font dictionaries uncompressed; Type 3 would show here.
    assert b"/Type3" not in data
    assert b"/FontFile2" in data  # embedded TrueType (pdf.fonttype 42)


@pytest.mark.parametrize("name", sorted(FIGS))
def test_figure_writes_pdf(name, tmp_path):
    out = FIGS[name](tmp_path / "sub" / f"{name}.pdf")
    assert out == tmp_path / "sub" / f"{name}.pdf"
    check_pdf(out)


def test_png_option(tmp_path):
    out = figures.fig_sigmoid(tmp_path / "s.pdf", png_dpi=50)
    check_pdf(out)
    png = (tmp_path / "s.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_all_figures(tmp_path):
    paths = figures.all_figures(tmp_path / "figs")
    assert set(paths) == set(FIGS)
    for name, p in paths.items():
        assert p.name == f"{name}.pdf"
        check_pdf(p)


def test_rc_settings_do_not_leak(tmp_path):
    import matplotlib

    keys = ("pdf.fonttype", "font.family", "mathtext.fontset", "font.size")
    before = {k: matplotlib.rcParams[k] for k in keys}
    figures.fig_sigmoid(tmp_path / "s.pdf")
    assert {k: matplotlib.rcParams[k] for k in keys} == before


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_reports_no_type3(tmp_path):
    p = figures.fig_lse_max(tmp_path / "l.pdf")
    out = subprocess.run(["pdffonts", str(p)], capture_output=True, text=True, check=True).stdout
    assert "TrueType" in out
    assert "Type 3" not in out
