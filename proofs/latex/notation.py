"""Declarations a derivation needs: sizes, indices, functions, definitions, hypotheses.

They come from a side file (``--notation FILE``), from LaTeX comments ``% derive: key: value``
and from Markdown front matter (``---`` … ``---`` at the top), all in one small line format::

    size: n                      # the size symbol (default n); sums without limits run 1..n
    vector: z y a                # vectors of length n: z alone (not z_i) is then refused as a number
    index: i j k                 # index letters (default i j k), integer symbols
    function: \\sigma H           # names read as functions: \\sigma(z_i) applies \\sigma
    distribution: p q            # p(x_i) is the entry p_i of the probability vector p
    variable: e                  # letters with no special meaning (e is Euler's number otherwise)
    layer: L                     # a^L_j, a_j^L: the entry j of the layer-L vector a^L (else a power)
    domain: y simplex            # sampling domain: real | positive | unit | simplex | onehot
    replace: ln( => \\ln(         # a textual rewrite of the document's LaTeX before it is read
    define: a_i := \\frac{e^{z_i}}{\\sum_k e^{z_k}}
    assume: \\sum_j y_j = 1       # a global hypothesis
    where 14: i \\ne j            # a hypothesis for the display tagged (14) (also "y simplex")
    n_min: 2                     # the smallest size the derivation is about

The document's argument-free ``\\newcommand{\\bz}{\\mathbf{z}}`` and ``\\DeclareMathOperator``
are recorded too (and expanded, boundedly, before a side is read).

The file is data: values are names, LaTeX (read by :mod:`proofs.latex.parser` later) or words
from the lists above; nothing is evaluated or imported. An unknown key is an error (in front
matter, keys that are not ours — title, author — are ignored).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..chain import InputError
from .parser import Scope

DOMAINS = ("real", "positive", "unit", "simplex", "onehot")
MAX_MACROS = 200
# \newcommand{\softmax}{\operatorname{softmax}} (no arguments), \DeclareMathOperator{\lse}{LSE}
_MACRO = re.compile(r"\\(?:re)?newcommand\*?\s*\{?\\([A-Za-z]+)\}?\s*\{((?:[^{}]|\{[^{}]*\})*)\}"
                    r"|\\DeclareMathOperator\*?\s*\{\\([A-Za-z]+)\}\s*\{([^{}]*)\}")
MAX_NOTATION = 200_000
_NAME = re.compile(r"\\?([A-Za-z]+(?:_\{?[A-Za-z]+\}?)?)$|\\operatorname\{([A-Za-z]+)\}$")
_KEY = re.compile(r"\s*(size|vector|index|function|distribution|variable|positive|layer|domain|replace|define|assume"
                  r"|n_min|where\s+[^:\s]+)\s*:\s*(.*)$")


@dataclass
class Notation:
    size: str = "n"
    indices: set[str] = field(default_factory=lambda: set("ijk"))
    functions: set[str] = field(default_factory=set)
    distributions: set[str] = field(default_factory=set)
    variables: set[str] = field(default_factory=set)
    positive: set[str] = field(default_factory=set)
    layers: set[str] = field(default_factory=set)
    vectors: set[str] = field(default_factory=set)
    domains: dict[str, str] = field(default_factory=dict)
    replace: list[tuple[str, str]] = field(default_factory=list)
    defines: list[tuple[str, str, str]] = field(default_factory=list)   # (head, body, where)
    assume: list[tuple[str, str]] = field(default_factory=list)         # (LaTeX, where)
    where: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    where_domains: dict[str, dict[str, str]] = field(default_factory=dict)
    n_min: int = 2
    macros: dict[str, str] = field(default_factory=dict)   # \newcommand{\R}{…} without arguments

    def scope(self, defined_functions: set[str] = frozenset()) -> Scope:
        return Scope(self.size, frozenset(self.indices), frozenset(self.functions | set(defined_functions)),
                     frozenset(self.distributions), frozenset(self.variables), frozenset(self.positive),
                     frozenset(self.layers))


def _names(value: str, where: str) -> list[str]:
    out = []
    for word in value.replace(",", " ").split():
        m = _NAME.match(word)
        if not m:
            raise InputError(f"{where}: `{word}` is not a name")
        name = (m.group(1) or m.group(2)).replace("{", "").replace("}", "")
        out.append(name)
    return out


def _domain(value: str, where: str) -> tuple[str, str]:
    parts = value.split()
    if len(parts) != 2 or parts[1] not in DOMAINS:
        raise InputError(f"{where}: a domain is `NAME {'|'.join(DOMAINS)}`, got `{value}`")
    return _names(parts[0], where)[0], parts[1]


# keys that add names to one of the notation's sets
_NAME_SETS = {"index": "indices", "function": "functions", "distribution": "distributions",
              "variable": "variables", "positive": "positive", "vector": "vectors", "layer": "layers"}


def _declare(nt: Notation, key: str, value: str, where: str) -> None:
    value = value.strip()
    if key == "size":
        nt.size = _names(value, where)[0]
    elif key in _NAME_SETS:
        getattr(nt, _NAME_SETS[key]).update(_names(value, where))
    elif key == "domain":
        name, kind = _domain(value, where)
        nt.domains[name] = kind
    elif key == "replace":
        if "=>" not in value:
            raise InputError(f"{where}: replace takes `FROM => TO`")
        a, b = (s.strip() for s in value.split("=>", 1))
        if not a:
            raise InputError(f"{where}: replace needs a text to replace")
        nt.replace.append((a, b))
    elif key == "define":
        if ":=" not in value:
            raise InputError(f"{where}: define takes `HEAD := BODY` in LaTeX")
        head, body = (s.strip() for s in value.split(":=", 1))
        nt.defines.append((head, body, where))
    elif key == "assume":
        nt.assume.append((value, where))
    elif key == "n_min":
        if not re.fullmatch(r"\d{1,3}", value):
            raise InputError(f"{where}: n_min takes a small integer, got `{value}`")
        nt.n_min = int(value)
    elif key.startswith("where"):
        tag = key.split(None, 1)[1].strip("()")
        parts = value.split()
        if len(parts) == 2 and parts[1] in DOMAINS:
            nt.where_domains.setdefault(tag, {})[_names(parts[0], where)[0]] = parts[1]
        else:
            nt.where.setdefault(tag, []).append((value, where))


def _lines(nt: Notation, lines: list[tuple[int, str]], origin: str, strict: bool) -> None:
    for no, line in lines:
        text = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if not text:
            continue
        m = _KEY.match(text)
        if not m:
            if strict:
                raise InputError(f"{origin} line {no}: not a declaration: `{text[:60]}`")
            continue
        _declare(nt, m.group(1).split()[0] if not m.group(1).startswith("where") else m.group(1),
                 m.group(2), f"{origin} line {no}")


def read_notation(side_file: str = "", document: str = "", side_name: str = "notation") -> Notation:
    """The side file's declarations, then the document's own (``% derive:``, front matter)."""
    if len(side_file) > MAX_NOTATION:
        raise InputError(f"the notation file is too large ({len(side_file)} characters)")
    nt = Notation()
    _lines(nt, list(enumerate(side_file.splitlines(), 1)), side_name, strict=True)
    doc_lines = document.splitlines()
    if doc_lines and doc_lines[0].strip() == "---":
        end = next((k for k in range(1, len(doc_lines)) if doc_lines[k].strip() in ("---", "...")), None)
        if end is not None:
            _lines(nt, [(k + 1, doc_lines[k]) for k in range(1, end)], "front matter", strict=False)
    for m in _MACRO.finditer(document):
        if len(nt.macros) >= MAX_MACROS:
            break
        name, body = m.group(1) or m.group(3), m.group(2) if m.group(1) else r"\operatorname{%s}" % m.group(4)
        if m.group(3) and not re.fullmatch(r"[A-Za-z]+", m.group(4)):
            continue
        nt.macros[name] = body
    marked = [(k + 1, m.group(1)) for k, line in enumerate(doc_lines)
              for m in [re.match(r"\s*%+\s*derive:\s*(.*)$", line)] if m]
    _lines(nt, marked, "document", strict=True)
    return nt
