#!/usr/bin/env bash
# Install the TeX toolchain (about 25 packages, ~50 s on a fresh Debian 12
# machine) used to build the derivation sheets, from Debian's
# packages, non-interactively.
#
# What the sheets need and where Debian (bookworm, TeX Live 2022) keeps it:
#   pdflatex, amsmath, graphicx, fontenc/T1, hyperref,
#   geometry                                           -> texlive-latex-base
#   booktabs, xcolor                                   -> texlive-latex-recommended
#   Latin Modern Type 1 fonts + lmodern.sty            -> lmodern
#   (texlive-fonts-recommended adds the standard PostScript fonts)
#   latexmk                                            -> latexmk
#   pdftotext, pdffonts, pdftoppm                      -> poppler-utils
#
# If pdflatex, latexmk, pdftotext and pdffonts are already on PATH, this says
# so and exits 0 without touching apt.
set -euo pipefail

need=(pdflatex latexmk pdftotext pdffonts)
missing=()
for cmd in "${need[@]}"; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
done
if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-tex: TeX toolchain already installed ($(command -v pdflatex)); nothing to do."
    exit 0
fi
echo "install-tex: missing: ${missing[*]}; installing from Debian packages..."

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
    else
        echo "install-tex: not root and sudo is not available; cannot install." >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
start=$(date +%s)
"${SUDO[@]}" apt-get update
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    texlive-latex-base \
    texlive-latex-recommended \
    texlive-fonts-recommended \
    lmodern \
    latexmk \
    poppler-utils
end=$(date +%s)

for cmd in "${need[@]}"; do
    if ! command -v "$cmd" >/dev/null 2>&1; then
        echo "install-tex: $cmd still missing after install" >&2
        exit 1
    fi
done
# The LaTeX packages the sheets use must be findable.
if command -v kpsewhich >/dev/null 2>&1; then
    for sty in amsmath.sty booktabs.sty xcolor.sty graphicx.sty hyperref.sty \
               geometry.sty fontenc.sty t1enc.def lmodern.sty t1lmr.fd; do
        if ! kpsewhich "$sty" >/dev/null; then
            echo "install-tex: $sty not found by kpsewhich" >&2
            exit 1
        fi
    done
fi
echo "install-tex: done in $((end - start)) s."
