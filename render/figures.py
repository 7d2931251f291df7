"""Figures for the derivation sheets (matplotlib, Agg, vector PDF).

Every ``fig_xxx(path)`` writes one PDF to ``path`` and returns it; with
``png_dpi=N`` it also writes a PNG next to it (same name, ``.png``).

Fonts: text and math use matplotlib's bundled Computer Modern fonts
(``cmr10`` for text, ``mathtext.fontset = "cm"`` for math), so labels look
like the LaTeX body text.  ``pdf.fonttype = 42`` embeds them as TrueType
(matplotlib's default, 3, would embed Type 3 fonts, which render badly in
some viewers); when the PDF is included in a pdflatex document ``pdffonts``
lists them as TrueType and the document's own fonts as Type 1, and no
Type 3 font appears.  The settings are applied with ``rc_context`` per
figure, so importing this module changes no global matplotlib state except
selecting the Agg backend.
"""

from __future__ import annotations

import logging
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from derivations import neuron  # noqa: E402

__all__ = [
    "RC",
    "FIGSIZE",
    "fig_sigmoid",
    "fig_learning_curves",
    "fig_softmax_slider",
    "fig_lse_max",
    "all_figures",
]

#: One-panel figure size in inches.
FIGSIZE = (4.5, 2.8)
#: Two-panel figure size in inches.
FIGSIZE_WIDE = (6.2, 2.8)

#: matplotlib settings used for every figure.
RC: dict = {
    "pdf.fonttype": 42,  # TrueType, not Type 3
    "ps.fonttype": 42,
    "font.family": "serif",
    "font.serif": ["cmr10", "DejaVu Serif"],
    "mathtext.fontset": "cm",
    "axes.formatter.use_mathtext": True,  # cmr10 has no unicode minus sign
    "axes.unicode_minus": True,
    "font.size": 9,
    "axes.titlesize": 9,
    "axes.labelsize": 9,
    "legend.fontsize": 7.5,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "lines.linewidth": 1.4,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.03,
}

# No creation date: the same data gives the same bytes.
_PDF_METADATA = {"CreationDate": None, "Creator": "softmax-derivations render.figures"}


# fontTools warns "'created' timestamp seems very low" for every subset of
# matplotlib's bundled cm*.ttf fonts (their 'head' dates are 0); harmless.
_HEAD_LOGGER = logging.getLogger("fontTools.ttLib.tables._h_e_a_d")


def _save(fig, path: Path, png_dpi: int | None) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    old_level = _HEAD_LOGGER.level
    _HEAD_LOGGER.setLevel(logging.ERROR)
    try:
        fig.savefig(path, format="pdf", metadata=_PDF_METADATA)
        if png_dpi:
            fig.savefig(path.with_suffix(".png"), format="png", dpi=png_dpi)
    finally:
        _HEAD_LOGGER.setLevel(old_level)
        plt.close(fig)
    return path


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # = 1/(1+e^{-z}), no overflow


def fig_sigmoid(path: Path, *, png_dpi: int | None = None) -> Path:
    """sigma and sigma' on [-8, 8], with the maximum sigma'(0) = 1/4 marked."""
    with plt.rc_context(RC):
        z = np.linspace(-8.0, 8.0, 801)
        s = _sigmoid(z)
        ds = s * (1.0 - s)
        fig, ax = plt.subplots(figsize=FIGSIZE)
        ax.plot(z, s, color="C0", label=r"$\sigma(z) = 1/(1+e^{-z})$")
        ax.plot(z, ds, color="C3", label=r"$\sigma'(z) = \sigma(z)\,(1-\sigma(z))$")
        ax.axhline(1.0, color="0.75", lw=0.6, ls=":")
        ax.axhline(0.0, color="0.75", lw=0.6)
        ax.plot([0.0], [0.25], "o", color="C3", ms=4, zorder=3)
        ax.annotate(
            r"$\sigma'(0) = \frac{1}{4}$",
            xy=(0.0, 0.25),
            xytext=(1.6, 0.36),
            fontsize=8.5,
            arrowprops={"arrowstyle": "-", "color": "0.4", "lw": 0.6},
        )
        ax.set_xlim(-8, 8)
        ax.set_ylim(-0.05, 1.08)
        ax.set_xticks([-8, -4, 0, 4, 8])
        ax.set_yticks([0, 0.25, 0.5, 0.75, 1])
        ax.set_xlabel(r"$z$")
        ax.legend(loc="center left", bbox_to_anchor=(0.0, 0.58))
        return _save(fig, path, png_dpi)


def fig_learning_curves(
    path: Path, *, epochs: int = 300, png_dpi: int | None = None
) -> Path:
    """NNDL ch. 3 single neuron (x = 1, y = 0): cost vs epoch.

    Left panel quadratic cost (eta = 0.15), right panel cross-entropy
    (eta = 0.005); in each, the starting points (w, b) = (0.6, 0.9) and
    (2, 2).  Data from :func:`derivations.neuron.simulate`.
    """
    styles = {(0.6, 0.9): ("C0", "-"), (2.0, 2.0): ("C1", "--")}
    titles = {"quadratic": "quadratic cost", "cross-entropy": "cross-entropy cost"}
    with plt.rc_context(RC):
        fig, axes = plt.subplots(1, 2, figsize=FIGSIZE_WIDE)
        for ax, cost in zip(axes, neuron.COSTS):
            eta = neuron.BOOK_ETA[cost]
            for start in neuron.BOOK_STARTS:
                run = neuron.simulate(start[0], start[1], cost, eta, epochs)
                color, ls = styles[start]
                ax.plot(
                    run["epoch"],
                    run["cost"],
                    color=color,
                    ls=ls,
                    label=rf"$(w_0, b_0) = ({start[0]:g}, {start[1]:g})$, "
                    rf"$a_{{{epochs}}} = {run['a'][-1]:.2f}$",
                )
            ax.set_title(rf"{titles[cost]}, $\eta = {eta:g}$")
            ax.set_xlabel("epoch")
            ax.set_xlim(0, epochs)
            ax.set_ylim(bottom=0)
            # Below the axes: inside, it would sit on the (2, 2) curves.
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.24), ncol=1)
        axes[0].set_ylabel(r"cost $C$")
        fig.tight_layout(w_pad=1.5)
        return _save(fig, path, png_dpi)


def fig_softmax_slider(
    path: Path,
    *,
    z_fixed: tuple[float, float, float] = (2.5, -1.0, 3.2),
    png_dpi: int | None = None,
) -> Path:
    """Softmax outputs a_1..a_4 as z_4 runs over [-5, 5], z_1..z_3 fixed
    (NNDL ch. 3's slider, z = (2.5, -1, 3.2, z_4)); the dashed line is
    a_1 + ... + a_4, which stays at 1."""
    with plt.rc_context(RC):
        z4 = np.linspace(-5.0, 5.0, 401)
        zz = np.column_stack([np.broadcast_to(v, z4.shape) for v in z_fixed] + [z4])
        e = np.exp(zz - zz.max(axis=1, keepdims=True))
        a = e / e.sum(axis=1, keepdims=True)
        fig, ax = plt.subplots(figsize=FIGSIZE)
        for k in range(4):
            lab = rf"$a_{k + 1}$" + (rf" ($z_{k + 1} = {z_fixed[k]:g}$)" if k < 3 else "")
            ax.plot(z4, a[:, k], color=f"C{k}", label=lab)
        ax.plot(z4, a.sum(axis=1), color="k", ls="--", lw=1.0, label=r"$\sum_j a_j$")
        ax.set_xlim(-5, 5)
        ax.set_ylim(0, 1.08)
        ax.set_xlabel(r"$z_4$")
        ax.set_ylabel(r"softmax output $a_j$")
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5))
        return _save(fig, path, png_dpi)


def fig_lse_max(
    path: Path,
    *,
    pairs: tuple[tuple[float, float], ...] = ((1.0, 0.0), (1.0, 0.8), (1.0, 1.0)),
    png_dpi: int | None = None,
) -> Path:
    """lambda^{-1} LSE(lambda a, lambda b) against lambda for a few (a, b).

    It decreases to max(a, b) as lambda grows and never exceeds the bound
    max(a, b) + (log 2)/lambda, which a tie a = b attains exactly.  The
    default pairs all have max(a, b) = 1, so one dashed line marks the limit.
    """
    with plt.rc_context(RC):
        lam = np.geomspace(0.3, 100.0, 400)
        fig, ax = plt.subplots(figsize=FIGSIZE)
        maxima = sorted({max(p) for p in pairs})
        for k, (a, b) in enumerate(pairs):
            f = np.logaddexp(lam * a, lam * b) / lam
            tie = " (tie: equals the bound)" if a == b else ""
            ax.plot(lam, f, color=f"C{k}", label=rf"$(a, b) = ({a:g}, {b:g})${tie}")
        for m in maxima:
            ax.axhline(m, color="k", ls="--", lw=0.9)
            # Drawn on top: the tie curve coincides with it.
            ax.plot(lam, m + np.log(2.0) / lam, color="k", ls=":", lw=1.0, zorder=3)
        ax.plot([], [], color="k", ls="--", lw=0.9, label=r"$\max(a, b)$")
        ax.plot([], [], color="k", ls=":", lw=1.0, label=r"$\max(a, b) + \lambda^{-1}\log 2$")
        ax.set_xscale("log")
        ax.set_xlim(lam[0], lam[-1])
        top = max(maxima) + np.log(2.0) / lam[0]
        ax.set_ylim(min(maxima) - 0.1, min(top, max(maxima) + 1.5))
        ax.set_xlabel(r"$\lambda$")
        ax.set_ylabel(r"$\lambda^{-1}\,\mathrm{LSE}(\lambda a, \lambda b)$")
        ax.legend(loc="upper right")
        return _save(fig, path, png_dpi)


_FIGURES = {
    "sigmoid": fig_sigmoid,
    "learning_curves": fig_learning_curves,
    "softmax_slider": fig_softmax_slider,
    "lse_max": fig_lse_max,
}


def all_figures(outdir: Path, *, png_dpi: int | None = None) -> dict[str, Path]:
    """Write every figure as ``outdir/<name>.pdf``; returns name -> path."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    return {name: fn(outdir / f"{name}.pdf", png_dpi=png_dpi) for name, fn in _FIGURES.items()}


if __name__ == "__main__":  # pragma: no cover
    import sys

    for name, p in all_figures(Path(sys.argv[1] if len(sys.argv) > 1 else "build/figures")).items():
        print(name, p)
