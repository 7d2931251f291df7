"""Find every display of a LaTeX, Markdown or plain-text file and split it into relations.

Displays: ``align``/``align*``/``equation``/``gather``/``multline``/``eqnarray`` environments,
``$$…$$`` and ``\\[…\\]``. A display's rows (``\\\\``) are split at each top-level relation
(=, <, >, \\le, \\ge, \\leq, \\geq, \\ne, \\neq, \\approx, :=); a row that starts with a relation
continues the previous row's chain. Each relation keeps the source line of its right-hand side
and its ``\\tag``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import unwrap_relations

ENVS = "align|aligned|equation|gather|gathered|multline|eqnarray|split|flalign|alignat"
_DISPLAY = re.compile(
    r"\\begin\{(?P<env>(?:%s)\*?)\}(?:\{\d+\})?(?P<a>.*?)\\end\{(?P=env)\}" % ENVS
    + r"|\$\$(?P<b>.*?)\$\$|\\\[(?P<c>.*?)\\\]|```math[ \t]*\n(?P<d>.*?)```", re.S)
_TAG = re.compile(r"\\tag\*?\s*\{([^{}]*)\}")
_DROP = re.compile(r"\\(?:label|eqref|ref)\s*\{[^{}]*\}|\\(?:nonumber|notag)(?![a-zA-Z])"
                   r"|\\(?:begin|end)\{(?:aligned|split|gathered|alignedat)\}(?:\{\d+\})?")
# where a row's mathematics ends and its side condition starts: "\quad \text{for } i \ne j", ", \quad"
_COND = re.compile(r"\\(?:text|mbox|textrm|textup|mathrm\{\s*(?:for|if|where|when)\b)|,?\s*\\qquad(?![a-zA-Z])"
                   r"|,\s*\\quad(?![a-zA-Z])|\(\s*(?=[a-z]\s*\\neq?\s*[a-z]\s*\)\s*$)")
_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
# relation symbols at brace depth 0, longest first; commands must not be a prefix of a longer one
_REL = re.compile(r":=|\\coloneqq(?![a-zA-Z])|\\(?:leqslant|geqslant|leq|geq|neq|le|ge|ne|approx)(?![a-zA-Z])|[=<>]")
REL_NAME = {"=": "=", "<": "<", ">": ">", r"\le": "<=", r"\leq": "<=", r"\leqslant": "<=",
            r"\ge": ">=", r"\geq": ">=", r"\geqslant": ">=", r"\ne": "!=", r"\neq": "!=",
            r"\approx": "≈", ":=": ":=", r"\coloneqq": ":="}


@dataclass(frozen=True)
class Side:
    tex: str
    line: int


@dataclass(frozen=True)
class Relation:
    """``lhs rel rhs`` as written; ``line`` is the line of the right-hand side."""

    lhs: Side
    rel: str          # "=", "<", "<=", ">", ">=", "!=", "≈", ":="
    rhs: Side
    tag: str
    display: int      # which display of the file (0-based)
    chain: int        # which chain of that display
    link: int         # position in the chain (0 = the first relation)
    condition: str = ""   # the row's side condition as written ("\\text{for } i \\ne j"), not checked

    @property
    def line(self) -> int:
        return self.rhs.line

    @property
    def latex(self) -> str:
        sym = {"<=": r"\le", ">=": r"\ge", "!=": r"\ne", "≈": r"\approx"}.get(self.rel, self.rel)
        return f"{self.lhs.tex} {sym} {self.rhs.tex}"


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _blank(m: re.Match) -> str:
    return " " * len(m.group(0))   # keep offsets, hence line numbers


_EVENT = re.compile(r"\\[{}\[\]()]|[{}()\[\]]")   # an escaped bracket, or a bracket


def _top_level(body: str, pattern: re.Pattern) -> list[tuple[int, int, str]]:
    """(start, end, text) of every match of ``pattern`` outside braces, parentheses and brackets.

    As a scan that tries ``pattern`` at every position at depth 0 (a bracket opens or closes,
    an escaped one does neither), done by regex searches from one bracket to the next: the scan
    in Python took 20 s on a 12 MB display before its length was refused."""
    depth, out, pos, n = 0, [], 0, len(body)
    nxt = pattern.search(body, 0)   # the first match at or after pos; valid while pos <= its start
    while pos < n:
        ev = _EVENT.search(body, pos)
        stop = ev.start() if ev else n
        if depth == 0:
            while nxt is not None and nxt.start() < pos:
                nxt = pattern.search(body, pos)
            while nxt is not None and nxt.start() < stop and nxt.end() == nxt.start():
                nxt = pattern.search(body, nxt.start() + 1)   # an empty match is no match
            if nxt is not None and nxt.start() < stop:
                out.append((nxt.start(), nxt.end(), nxt.group(0)))
                pos = nxt.end()
                continue
        if ev is None:
            break
        pos = stop
        if len(ev.group(0)) == 2:   # an escaped bracket: the pattern may start at its backslash
            m = pattern.match(body, pos) if depth == 0 else None
            if m and m.end() > pos:
                out.append((pos, m.end(), m.group(0)))
                pos = m.end()
            else:
                pos += 2
            continue
        depth = depth + 1 if ev.group(0) in "{([" else max(0, depth - 1)
        pos += 1
    return out


def _clean(s: str) -> str:
    s = s.replace("&", " ").strip()
    return re.sub(r"[,.;]\s*$", "", s).strip()


def displays(text: str) -> list[tuple[int, str]]:
    """(offset of the body, body) of every display, in file order; comments blanked."""
    out = []
    for m in _DISPLAY.finditer(text):
        key = next(k for k in "abcd" if m.group(k) is not None)
        body = _COMMENT.sub(_blank, m.group(key))
        out.append((m.start(key), body))
    return out


def relations(text: str) -> list[Relation]:
    """Every relation of every display of ``text``, in order."""
    found: list[Relation] = []
    for d, (offset, body) in enumerate(displays(text)):
        body = unwrap_relations(_DROP.sub(_blank, body))
        rows = []
        start = 0
        for s, e, _ in _top_level(body, re.compile(r"\\\\")) + [(len(body), len(body), "")]:
            rows.append((start, body[start:s]))
            start = e
        tags = [_TAG.findall(r) for _, r in rows]
        one_tag = sum(len(t) for t in tags) == 1
        display_tag = next((t[-1] for t in tags if t), "")
        chains: list[tuple[list[Side], list[str], list[str], list[str]]] = []   # sides, rels, tags, conditions
        for (rstart, row), rtags in zip(rows, tags):
            row = _TAG.sub(_blank, row)
            cond = ""
            cut = _top_level(row, _COND)
            if cut:
                cond = _clean(row[cut[0][0]:])
                row = row[:cut[0][0]]
            tag = display_tag if one_tag else (rtags[-1] if rtags else "")
            cuts = _top_level(row, _REL)
            pieces, last = [], 0
            for s, e, sym in cuts:
                pieces.append((last, row[last:s], sym))
                last = e
            pieces.append((last, row[last:], None))
            first = _clean(pieces[0][1])
            if not cuts:
                bare = re.sub(r"^(?:\\(?:quad|qquad|[,;: ])\s*)+", "", first)
                if bare and chains and bare[0] in "+-":   # the previous right-hand side goes on
                    sides = chains[-1][0]
                    sides[-1] = Side(sides[-1].tex + " " + first, sides[-1].line)
                continue
            if first or not chains:
                lead = len(row) - len(row.lstrip())
                chains.append(([Side(first, _line_of(text, offset + rstart + lead))], [], [], []))
            sides, rels, ctags, conds = chains[-1]
            for k in range(len(cuts)):
                sym = pieces[k][2]
                pstart, ptext, _ = pieces[k + 1]
                lead = len(ptext) - len(ptext.lstrip())
                sides.append(Side(_clean(ptext), _line_of(text, offset + rstart + pstart + lead)))
                rels.append(REL_NAME[sym])
                ctags.append(tag)
                conds.append(cond)
        for c, (sides, rels, ctags, conds) in enumerate(chains):
            for k, rel in enumerate(rels):
                found.append(Relation(sides[k], rel, sides[k + 1], ctags[k], d, c, k, conds[k]))
    return found
