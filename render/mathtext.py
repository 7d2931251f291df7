r"""Catalogue text to LaTeX: prose upright, the maths inside it in math mode (variables italic).

A claim's statement, a step's reason or a note is English with maths written inline, in Unicode
and ASCII (``softmax(z)_i = exp(z_i)/Σ_j exp(z_j) (6.29): every output in (0,1)``). The sheets
set the maths as maths: :func:`convert` splits the string into tokens, marks each as maths or
prose, joins maths tokens (and the spaces between them) into runs set in ``\ensuremath{…}``, and
sets everything else as text. Rules, in the order they apply:

* ``code`` in backticks and snake_case identifiers are typewriter text, verbatim;
* single letters, Greek, operators and relations, sub/superscripts (``z_i``, ``e^{z_j}``, ``x²``)
  and function names applied to something (``log Σ_j``, ``softmax(z)``) are maths; an article
  (``a``/``A``/``I`` before a prose word), ``e.g.``/``i.e.`` and words of two or more letters
  are prose (short non-words next to an operator, like ``yz`` in ``= yz``, are products);
* a comma, semicolon or colon is maths only inside brackets opened in the same run;
* an equation number ``(6.20)`` and a run without a letter or a maths symbol stay text;
* brackets that do not match inside a run are text, so a run never leaves one open;
* straight quotes become curly; FIRST/SECOND-style emphasis in capitals becomes italics.

Every character reaches LaTeX through a table or an escape: nothing in the input is passed
through as a TeX command (issue 14), so ``\input{…}`` prints as text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["convert", "FUNCTIONS", "TEXT_SPECIAL"]

#: function names set upright in maths (LaTeX operator or \operatorname)
FUNCTIONS: dict[str, str] = {
    "log": r"\log", "ln": r"\ln", "exp": r"\exp", "max": r"\max", "min": r"\min",
    "lim": r"\lim", "sup": r"\sup", "sin": r"\sin", "cos": r"\cos", "tanh": r"\tanh",
    "det": r"\det", "argmax": r"\operatorname{argmax}", "argmin": r"\operatorname{argmin}",
    "softmax": r"\operatorname{softmax}", "softargmax": r"\operatorname{softargmax}",
    "LSE": r"\operatorname{LSE}", "RealSoftMax": r"\operatorname{RealSoftMax}",
    "diag": r"\operatorname{diag}", "KL": r"\mathrm{KL}", "CE": r"\operatorname{CE}",
    "sgn": r"\operatorname{sgn}", "sign": r"\operatorname{sign}", "Var": r"\operatorname{Var}", "Cov": r"\operatorname{Cov}",
    "ceil": r"\operatorname{ceil}", "floor": r"\operatorname{floor}",
}
#: short words that are English, not products of variables
_ENGLISH = set("""a an as at be by do go he if in is it me my no of on or so to up us we the and
for are but not all any its one two has had was via per set sum can may our out new use now how
who why yes off own see too let get got did does six ten nor yet etc vs cf ie eg eq ex fig ch
sec pp ans top""".split())
_CAPS_EMPHASIS = {"FIRST", "SECOND", "THIRD", "LAST", "NOT", "ONLY", "ALL", "EVERY", "BOTH",
                  "NEVER", "ALWAYS", "EXACTLY", "STRICTLY", "NO", "ANY", "MUST"}
_ARTICLES = {"a", "A", "I"}
#: TeX's special characters as text — the one escape table (render.latex.escape uses it too)
TEXT_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
                 "#": r"\#", "%": r"\%", "_": r"\_", "^": r"\^{}", "~": r"\textasciitilde{}",
                 "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}"}
_MATH_ASCII = {"{": r"\{", "}": r"\}", "*": r"\ast ", "|": "|", "'": "'"}
_EQREF = re.compile(r"\((\d+(\.\d+)*[a-z]?|[a-h])\)")    # (6.20), (57), (3a), (b): labels
_SNAKE = re.compile(r"[A-Za-z][A-Za-z0-9]+(?:_[A-Za-z0-9]{2,})+")


@dataclass
class Tok:
    kind: str        # word letter num uni comb script op open close brace punct space quote
    #                  code snake special other
    text: str
    tex: str = ""    # maths LaTeX (for maths-capable kinds)


def convert(s: str, unicode_math: dict, unicode_text: dict, fallback) -> str:
    """The string as LaTeX text with its maths in ``\\ensuremath`` (see the module docstring)."""
    toks = _tokenize(s, unicode_math, fallback)
    marks = _mark(toks)
    return _emit(toks, marks, {**{c: r"\ensuremath{" + t + "}" for c, t in unicode_math.items()},
                               **unicode_text}, fallback)


# ---------------------------------------------------------------- tokens
def _tokenize(s: str, um: dict, fallback) -> list[Tok]:
    out: list[Tok] = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "`" and "`" in s[i + 1:]:
            end = s.index("`", i + 1)
            out.append(Tok("code", s[i + 1:end]))
            i = end + 1
            continue
        m = _SNAKE.match(s, i)
        if m and (i == 0 or not s[i - 1].isalnum()) and _snake_ok(m.group(0)):
            out.append(Tok("snake", m.group(0)))
            i = m.end()
            continue
        if ch.isascii() and ch.isalpha():
            m = re.compile(r"[A-Za-z]+").match(s, i)
            w = m.group(0)
            out.append(Tok("letter" if len(w) == 1 else "word", w))
            i = m.end()
            continue
        if ch in "0123456789":
            m = re.compile(r"[0-9]+(\.[0-9]+)?").match(s, i)
            out.append(Tok("num", m.group(0), m.group(0)))
            i = m.end()
            continue
        if ch in "_^" and i + 1 < len(s) and out and out[-1].kind not in ("space",) \
                and not s[i + 1].isspace():
            arg, j = _script_arg(s, i + 1, ch)
            if arg is not None:
                out.append(Tok("script", ch + arg, ch + "{" + _math_of(arg, um, fallback, ch) + "}"))
                i = j
                continue
        if ch.isspace():
            j = i
            while j < len(s) and s[j].isspace():
                j += 1
            out.append(Tok("space", " "))
            i = j
            continue
        if unicodedata.combining(ch):
            out.append(Tok("comb", ch))
            i += 1
            continue
        if ch in um:
            out.append(Tok("uni", ch, r"\sum" if ch in "Σ∑" else um[ch]))
            i += 1
            continue
        if ch in "([":
            out.append(Tok("open", ch, ch))
        elif ch in ")]":
            out.append(Tok("close", ch, ch))
        elif ch in "{}":
            out.append(Tok("brace", ch, "\\" + ch))
        elif ch in ",;:.!?":
            out.append(Tok("punct", ch, ch))
        elif ch == "'" and not (out and out[-1].kind in ("letter", "uni", "script", "close",
                                                          "comb")):
            out.append(Tok("quote", ch))         # an apostrophe or a quote, not a prime
            m = re.compile(r"(s|t|re|ll|ve|d|m)\b").match(s, i + 1)
            if m and out[-2:-1] and out[-2].kind == "word":
                out.append(Tok("word", m.group(0)))
                i = m.end()
                continue
        elif ch == "-" and i > 0 and not s[i - 1].isspace() and \
                re.compile(r"[A-Za-z]{2}").match(s, i + 1):
            out.append(Tok("other", ch))          # a hyphen: 2-bit, x-axis, one-hot
        elif ch in "+-=<>/*|'":
            out.append(Tok("op", ch, _MATH_ASCII.get(ch, ch)))
        elif ch in "\"“”‘’„":
            out.append(Tok("quote", ch))
        elif ch in "\\$&#%~_^":
            out.append(Tok("special", ch))
        else:
            out.append(Tok("other", ch))
        i += 1
    return out


def _snake_ok(w: str) -> bool:
    """log_softmax, slow_start_epochs are identifiers; a_j, n_min, LSE_stable are maths (the
    regex already needs a head of two or more characters)."""
    head, tail = w.split("_", 1)
    return w.count("_") >= 2 or (len(tail) >= 3 and not head.isupper())


def _script_arg(s: str, i: int, kind: str) -> tuple[str | None, int]:
    """The argument of ``_``/``^`` at s[i:]: a {…} group, a (…) group, or one token."""
    if s[i] == "{":
        depth, j = 0, i
        while j < len(s):
            depth += {"{": 1, "}": -1}.get(s[j], 0)
            if depth == 0:
                return s[i + 1:j], j + 1
            j += 1
        return None, i
    if s[i] == "(" and kind == "^":
        j = s.find(")", i)
        return (s[i:j + 1], j + 1) if j > 0 else (None, i)
    m = re.compile(r"[−\-]?([0-9]+|[A-Za-z]+|[\u0370-\u03ff])").match(s, i) if kind == "_" else \
        re.compile(r"[−\-]?([0-9]+|[A-Za-z]|[\u0370-\u03ff])").match(s, i)
    if m:
        return m.group(0), m.end()
    return None, i


def _math_of(arg: str, um: dict, fallback, kind: str) -> str:
    """A sub/superscript's content as maths (every token taken as maths)."""
    if re.fullmatch(r"[A-Za-z]{3,}", arg):
        return FUNCTIONS.get(arg, r"\mathrm{" + arg + "}")
    toks = _tokenize(arg, um, fallback)
    return _math_run(toks)


# ---------------------------------------------------------------- maths or prose
_STRONG = {"letter", "uni", "script", "comb"}
_CAPABLE = {"letter", "num", "uni", "comb", "script", "op", "open", "close", "brace", "space",
            "punct", "func", "ident"}


def _next_at(toks: list[Tok], k: int, step: int = 1) -> int:
    """Index of the next non-space token after (step 1) or before (step -1) k; -1 if none."""
    k += step
    while 0 <= k < len(toks) and toks[k].kind == "space":
        k += step
    return k if 0 <= k < len(toks) else -1


def _next(toks: list[Tok], k: int, step: int = 1) -> Tok | None:
    q = _next_at(toks, k, step)
    return toks[q] if q >= 0 else None


def _is_prose_word(toks: list[Tok], q: int) -> bool:
    """Is toks[q] a prose word (a function name counts unless it is applied: softmax(z))?"""
    if q < 0 or toks[q].kind != "word":
        return False
    if toks[q].text not in FUNCTIONS:
        return True
    after = toks[q + 1] if q + 1 < len(toks) else None
    return after is None or after.kind not in ("open", "script")


def _classify(toks: list[Tok]) -> None:
    """Words become 'func' (applied function), 'ident' (a product like yz) or stay prose."""
    for k, t in enumerate(toks):
        nxt, prv = _next(toks, k), _next(toks, k, -1)
        adj = toks[k + 1] if k + 1 < len(toks) else None
        if t.kind == "word":
            if t.text in ("inf",):
                t.kind, t.tex = "uni", r"\infty"
            elif t.text in FUNCTIONS and nxt is not None and (
                    nxt.kind in ("letter", "uni", "num", "script", "open") or
                    (nxt.kind == "word" and nxt.text in FUNCTIONS)) and not (
                    nxt.kind == "letter" and nxt.text in _ARTICLES and
                    _is_prose_word(toks, _next_at(toks, _next_at(toks, k)))):
                t.kind = "func"
                t.tex = FUNCTIONS[t.text] + (r"\," if t.text == "exp" and adj is not None and
                                             adj.kind == "open" else " ")
            elif 2 <= len(t.text) <= 3 and t.text.lower() not in _ENGLISH and t.text.islower() and (
                    (prv is not None and prv.kind in ("op", "open", "uni") and prv.text != "'") or
                    (nxt is not None and (nxt.kind in ("close", "uni") or
                                          (nxt.kind == "op" and nxt.text in "=+-/<>")))) and \
                    not _hyphenated(toks, k):
                t.kind, t.tex = "ident", t.text
        elif t.kind == "letter":
            t.tex = t.text
            after = toks[k + 1] if k + 1 < len(toks) else None
            if after is not None and after.kind == "punct" and after.text == "." and \
                    k + 2 < len(toks) and toks[k + 2].kind == "letter":
                t.kind = "word"                                  # e.g. / i.e.
            elif k >= 2 and toks[k - 1].kind == "punct" and toks[k - 1].text == "." and \
                    toks[k - 2].kind == "word" and toks[k - 2].text in ("e", "i"):
                t.kind = "word"
            elif t.text in _ARTICLES and _is_prose_word(toks, _next_at(toks, k)):
                t.kind = "word"


def _hyphenated(toks: list[Tok], k: int) -> bool:
    """one-hot, soft-min: a word joined to a word by '-' is prose."""
    before = k >= 2 and toks[k - 1].text == "-" and toks[k - 2].kind == "word"
    after = k + 2 < len(toks) and toks[k + 1].text == "-" and toks[k + 2].kind == "word"
    return before or after


def _mark(toks: list[Tok]) -> list[bool]:
    """True for each token set in maths (see the module docstring)."""
    _classify(toks)
    # the second letter of e.g./i.e.: "e . g ." -> words already; the dots follow them
    marks = [False] * len(toks)
    k = 0
    while k < len(toks):
        if toks[k].kind not in _CAPABLE or toks[k].kind in ("space", "punct"):
            k += 1
            continue
        label = _label_at(toks, k)
        if label:                                        # (6.20), (b): text, skip it whole
            k += label
            continue
        j, depth = k, 0
        while j < len(toks):
            t = toks[j]
            if t.kind not in _CAPABLE:
                break
            if t.kind == "punct" and not (depth > 0 and t.text in ",;:."):
                break
            if t.kind == "open" and _EQREF.match("".join(x.text for x in toks[j:j + 6])) and \
                    (j == 0 or toks[j - 1].kind == "space"):
                break
            if t.kind == "open" or (t.kind == "brace" and t.text == "{"):
                depth += 1
            elif t.kind == "close" or (t.kind == "brace" and t.text == "}"):
                depth -= 1
            j += 1
        while j > k and toks[j - 1].kind == "space":
            j -= 1
        for a, b in _balanced_pieces(toks, k, j):
            if any(toks[q].kind in _STRONG or toks[q].kind in ("func", "ident") or
                   (toks[q].kind == "op" and toks[q].text in "=<>") for q in range(a, b)):
                while a < b and toks[a].kind in ("space",):
                    a += 1
                while b > a and (toks[b - 1].kind == "space" or
                                 (toks[b - 1].kind == "punct" and toks[b - 1].text in ",;:")):
                    b -= 1
                for q in range(a, b):
                    marks[q] = True
        k = max(j, k + 1)
    return marks


def _label_at(toks: list[Tok], k: int) -> int:
    """Number of tokens of an equation number or enumeration label starting at k, else 0."""
    if toks[k].kind != "open" or not (k == 0 or toks[k - 1].kind == "space"):
        return 0
    text = ""
    for q in range(k, min(len(toks), k + 6)):
        text += toks[q].text
        if toks[q].kind == "close":
            return q - k + 1 if _EQREF.fullmatch(text) else 0
    return 0


def _balanced_pieces(toks: list[Tok], a: int, b: int) -> list[tuple[int, int]]:
    """[a, b) split at brackets that have no partner inside it (those stay text)."""
    stack: list[int] = []
    bad: set[int] = set()
    pairs = {")": "(", "]": "[", "}": "{"}
    for q in range(a, b):
        t = toks[q]
        if t.kind in ("open",) or (t.kind == "brace" and t.text == "{"):
            stack.append(q)
        elif t.kind == "close" or (t.kind == "brace" and t.text == "}"):
            if stack and toks[stack[-1]].text == pairs[t.text]:
                stack.pop()
            else:
                bad.add(q)
    bad.update(stack)
    pieces, start = [], a
    for q in sorted(bad):
        if start < q:
            pieces.append((start, q))
        start = q + 1
    if start < b:
        pieces.append((start, b))
    return pieces


# ---------------------------------------------------------------- output
def _math_run(toks: list[Tok]) -> str:
    """Maths tokens as one math-mode string: scripts merged, control words spaced, and never
    two superscripts (or subscripts) on one base — TeX's "Double superscript" error."""
    out: list[str] = []
    attached: set[str] = set()      # '^'/'_' already on the current base
    for q, t in enumerate(toks):
        if t.kind == "space":
            if q and toks[q - 1].kind == "close" and q + 1 < len(toks) and \
                    toks[q + 1].kind == "open":
                out.append(r"\;")                       # '(…) (…)': a visible gap, as written
            elif out and out[-1] != " ":
                out.append(" ")
            continue
        if t.kind == "comb":
            acc = _COMBINING.get(t.text)
            k = len(out) - 1
            while k >= 0 and out[k] == " ":
                k -= 1
            if acc and k >= 0 and not out[k][:1] in "^_'" and out[k] != "{}":
                out[k] = rf"{acc}{{{out[k]}}}"
            continue
        tex = t.tex if t.tex else _math_fallback(t)
        prev = next((p for p in reversed(out) if p != " "), "")
        kind = tex[:1] if tex[:2] in ("^{", "_{") else "'" if tex[:1] == "'" else ""
        if kind in "^_" and kind and prev[:2] == kind + "{" and prev.endswith("}") and \
                tex.endswith("}") and t.kind == "uni":
            while out and out[-1] == " ":
                out.pop()
            glue = " " if re.search(r"\\[A-Za-z]+$", prev[:-1]) else ""
            out[-1] = prev[:-1] + glue + tex[2:]           # λ⁻¹ -> \lambda^{-1}
            continue
        if kind and out and out[-1] == " ":
            out.pop()                                      # no space before a script
        if kind == "'":                                    # a prime is a superscript too
            if "^" in attached:                            # x^{2}' : a new base for the prime
                out.append("{}")
                attached.clear()
            attached.add("^")
        elif kind:
            if kind in attached:                           # x¹ₘᵐ: no double ^
                out.append("{}")
                attached.clear()
            attached.add(kind)
        else:
            attached.clear()
        if re.search(r"\\[A-Za-z]+$", prev) and tex[:1].isalpha():
            out.append(" ")
        out.append(tex)
    return "".join(out).strip()


_COMBINING = {"\u0303": r"\tilde", "\u0302": r"\hat", "\u0304": r"\bar", "\u0305": r"\bar",
              "\u0307": r"\dot", "\u0308": r"\ddot", "\u20d7": r"\vec", "\u0301": r"\acute",
              "\u0300": r"\grave", "\u030c": r"\check"}


#: TeX's specials inside maths (a sub/superscript group is all maths, so they can occur there)
_MATH_SPECIAL = {"\\": r"\backslash ", "$": r"\$", "&": r"\&", "#": r"\#", "%": r"\%",
                 "~": r"\sim ", "_": r"\_", "^": r"\hat{}", "{": r"\{", "}": r"\}"}


def _math_fallback(t: Tok) -> str:
    """A token without maths LaTeX of its own, made safe for math mode."""
    if t.kind in ("letter", "ident", "num", "punct", "open", "close"):
        return t.text                                   # ASCII letters, digits, ,;:.!? ()[]
    if t.kind == "word":
        return r"\mathrm{" + t.text + "}"
    if t.kind == "special":
        return _MATH_SPECIAL[t.text]
    if t.kind in ("op", "brace"):
        return _MATH_ASCII.get(t.text, t.text)
    text = "".join(TEXT_SPECIAL.get(ch, ch) if ord(ch) < 128 else
                   (unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
                    or f"[U+{ord(ch):04X}]") for ch in t.text)
    return r"\text{" + text + "}"


def _emit(toks: list[Tok], marks: list[bool], unicode_text: dict, fallback) -> str:
    out: list[str] = []
    k = 0
    while k < len(toks):
        if marks[k]:
            j = k
            while j < len(toks) and marks[j]:
                j += 1
            body = _math_run(toks[k:j])
            if body:
                out.append(r"\ensuremath{\textstyle " + body + "}")   # inline size, also in \text
            k = j
            continue
        out.append(_text_tok(toks, k, unicode_text, fallback))
        k += 1
    return "".join(out)


def _text_tok(toks: list[Tok], k: int, unicode_text: dict, fallback) -> str:
    t = toks[k]
    prev = toks[k - 1] if k else None
    if t.kind == "code":
        return r"\texttt{" + _verbatim(t.text, unicode_text, fallback) + "}"
    if t.kind == "snake":
        return r"\texttt{" + t.text.replace("_", r"\_\allowbreak{}") + "}"
    if t.kind in ("word", "letter", "func", "ident"):
        if t.text in _CAPS_EMPHASIS and len(t.text) > 1:
            return r"\emph{" + t.text.lower() + "}"
        if t.text == "nan":
            return "NaN"
        return t.text
    if t.kind == "uni":
        return r"\ensuremath{" + t.tex + "}"
    if t.kind == "script":
        return _verbatim(t.text, unicode_text, fallback)
    if t.kind == "comb":
        return ""
    if t.kind == "quote" or (t.kind == "op" and t.text == "'"):
        opening = prev is None or prev.kind in ("space", "open") or \
            (prev.kind == "quote" and k >= 2 and toks[k - 2].kind in ("space", "open"))
        if t.text in "\"“”„":
            return "``" if (t.text == "“" or (t.text == "\"" and opening)) else "''"
        return "`" if (t.text == "‘" or (t.text == "'" and opening)) else "'"
    if t.kind == "space":
        return " "
    return _verbatim(t.text, unicode_text, fallback)


def _verbatim(s: str, unicode_text: dict, fallback) -> str:
    out = []
    for ch in s:
        if ord(ch) < 128:
            out.append(TEXT_SPECIAL.get(ch, ch))
        elif ch in unicode_text:
            out.append(unicode_text[ch])
        elif unicodedata.category(ch).startswith("L") and ord(ch) < 0x250:
            out.append(ch)
        else:
            out.append(fallback(ch))
    return "".join(out)
