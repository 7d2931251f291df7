"""The normalisation layer: rewrite a display's LaTeX into the small dialect the grammar reads.

Each rule removes presentation that carries no mathematics (``\\left(``, ``\\limits``,
spacing, ``{\\rm{ = }}``, ``x_{_i}``, doubled braces) or spells one construct one way
(``\\dfrac`` -> ``\\frac``, ``x_i`` -> ``x_{i}``, ``\\mathrm{softmax}`` -> ``\\operatorname{softmax}``).
Nothing here evaluates anything; it is string rewriting with bounded loops.
"""
from __future__ import annotations

import re

from ..chain import InputError

MAX_CHARS = 20_000   # one relation side; a 10 MB display is refused, not parsed
MAX_DEPTH = 40       # brace/parenthesis nesting

_SPACING = re.compile(r"\\(?:,|;|:|!|>|\s|quad(?![a-zA-Z])|qquad(?![a-zA-Z])|displaystyle(?![a-zA-Z])"
                      r"|textstyle(?![a-zA-Z])|limits(?![a-zA-Z])|nolimits(?![a-zA-Z])"
                      r"|big[lr]?(?![a-zA-Z])|Big[lr]?(?![a-zA-Z])|bigg[lr]?(?![a-zA-Z])|Bigg[lr]?(?![a-zA-Z]))")
_LEFT_RIGHT = re.compile(r"\\(?:left|right)(?![a-zA-Z])\s*(\\[{}|]|\\[lr]?[vV]ert(?![a-zA-Z])|[()\[\].|])")
_WRAPPERS = re.compile(r"\\(?:rm|mathrm|operatorname|text|textrm|mathit|mathbf|boldsymbol|bm|mathnormal)"
                       r"(?![a-zA-Z])\s*\{([^{}]*)\}")
_SYNONYMS = [
    (re.compile(r"\\[dt]frac(?![a-zA-Z])"), r"\\frac"),
    (re.compile(r"\\(?:varsigma)(?![a-zA-Z])"), r"\\sigma"),
    (re.compile(r"\\(?:longrightarrow|rightarrow)(?![a-zA-Z])"), r"\\to"),
    (re.compile(r"\\(?:lbrack)(?![a-zA-Z])"), "["),
    (re.compile(r"\\(?:rbrack)(?![a-zA-Z])"), "]"),
    (re.compile(r"~"), " "),
]
_SCRIPT_CHAR = re.compile(r"([_^])\s*([a-zA-Z0-9])")
_SCRIPT_CMD = re.compile(r"([_^])\s*(\\[a-zA-Z]+)")
_EMPTY_SUB = re.compile(r"_\{\s*_\s*(?:\{([^{}]*)\}|([a-zA-Z0-9]))\s*\}")   # x_{_i}, x_{_{i}} -> x_{i}
_REL_GROUP = re.compile(r"\{\s*(=|<|>|\\(?:leq?|geq?|neq?|approx)(?![a-zA-Z]))\s*\}")   # {\rm{ = }} -> =


def _unwrap(m: re.Match) -> str:
    body = m.group(1).strip()
    if re.fullmatch(r"[A-Za-z]{2,}", body):
        return r"\operatorname{%s}" % body
    return " %s " % body   # \rm{ = }, \mathrm{d}, \text{e}: the content itself


def _collapse_braces(s: str) -> str:
    """{{X}} -> {X} when the inner group is the whole outer group (the blog's editor doubles them)."""
    for _ in range(200):
        out, stack, pairs = s, [], {}
        for pos, ch in enumerate(s):
            if ch == "{" and (pos == 0 or s[pos - 1] != "\\"):
                stack.append(pos)
            elif ch == "}" and (pos == 0 or s[pos - 1] != "\\") and stack:
                pairs[stack.pop()] = pos
        drop = set()
        for o, c in pairs.items():
            inner_o = o + 1
            while inner_o < c and s[inner_o] == " ":
                inner_o += 1
            inner_c = c - 1
            while inner_c > o and s[inner_c] == " ":
                inner_c -= 1
            if inner_o in pairs and pairs[inner_o] == inner_c and o not in drop:
                prefix = s[:o].rstrip()
                if prefix.endswith(("^", "_")) or re.search(r"\\[a-zA-Z]+$", prefix):
                    # \frac{{a}}{b}, x^{{2}}: keep the outer group (it is an argument), drop the inner
                    drop |= {inner_o, inner_c}
                else:
                    drop |= {o, c}
        if not drop:
            return s
        out = "".join(ch for pos, ch in enumerate(s) if pos not in drop)
        s = out
    return s


_REL_WRAPPED = re.compile(r"\{?\s*\\(?:rm|mathrm|text|textrm)\s*\{\s*(=|<|>)\s*\}\s*\}?")


def unwrap_relations(s: str) -> str:
    """``{\\rm{ = }}`` -> `` = `` padded to the same length (offsets, hence line numbers, stay)."""
    return _REL_WRAPPED.sub(lambda m: m.group(1).center(len(m.group(0))), s)


def check_size(s: str) -> None:
    if len(s) > MAX_CHARS:
        raise InputError(f"too long to read ({len(s)} characters; the limit is {MAX_CHARS})")
    depth = top = 0
    for ch in s:
        if ch in "{([":
            depth += 1
            top = max(top, depth)
        elif ch in "})]":
            depth -= 1
    if top > MAX_DEPTH:
        raise InputError(f"nested {top} deep (the limit is {MAX_DEPTH})")


def normalize(s: str) -> str:
    """One relation side (or a whole row) in the grammar's dialect."""
    check_size(s)
    s = s.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    s = _LEFT_RIGHT.sub(lambda m: {"\\{": "(", "\\}": ")", ".": " "}.get(m.group(1), m.group(1)), s)
    for _ in range(5):   # nested wrappers: {\rm{\mathrm{d}}}
        t = _WRAPPERS.sub(_unwrap, s)
        if t == s:
            break
        s = t
    s = _REL_GROUP.sub(r" \1 ", s)
    s = _SPACING.sub(" ", s)
    for pat, rep in _SYNONYMS:
        s = pat.sub(rep, s)
    s = s.replace("\\{", "(").replace("\\}", ")")
    for _ in range(5):
        t = _EMPTY_SUB.sub(lambda m: "_{%s}" % (m.group(1) or m.group(2)), s)
        if t == s:
            break
        s = t
    s = _SCRIPT_CHAR.sub(r"\1{\2}", s)
    s = _SCRIPT_CMD.sub(r"\1{\2}", s)
    s = _collapse_braces(s)
    return re.sub(r"\s+", " ", s).strip()
