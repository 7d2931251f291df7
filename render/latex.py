r"""LaTeX for the derivation sheets: SymPy's printer with the books' notation, and safe text.

Everything about *how* an expression or a catalogue string is spelled in LaTeX lives here:

* :class:`SheetPrinter` — SymPy's :class:`~sympy.printing.latex.LatexPrinter`, extended by
  dispatch (``_print_<Class>`` methods) where SymPy's spelling differs from the books':
  ``z[i]`` → ``z_{i}``, ``KroneckerDelta(i, j)`` → ``\delta_{ij}``, ``exp(u)`` → ``e^{u}``
  only while ``u`` is short (else ``\exp(u)``), derivatives as ``\frac{\partial C}{\partial
  z_{i}}``, undefined functions as ``C(w, b)``, Unicode symbol names mapped to LaTeX, and
  (off by default) ``1/(1 + e^{-u})`` → ``\sigma(u)``. Its settings are :data:`SETTINGS`.
  The printer only prints: it never calls ``doit``/``simplify`` (a second ``doit`` on a
  softmax-derivative ``Piecewise`` once raised ``StopIteration`` inside SymPy).
* :func:`text` — a catalogue string (English with Unicode maths such as σ, Σ, ≤, ∞, ₂, ᵀ, and
  ASCII ``e^{z_i}``) as LaTeX text that plain ``pdflatex`` sets; CJK text (blog titles) is
  translated by :data:`CJK_PHRASES` or replaced by a visible placeholder, never passed through.
* :func:`width` — a rough estimate of an expression's printed width (in ``em``), used by the
  sheets to decide when a chain's reasons go beside the steps and when to shrink a line.
* :data:`MARKS`, :data:`RELATIONS` — verdict marks and relation symbols.
"""
from __future__ import annotations

import re
import unicodedata

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.printing.latex import LatexPrinter

from . import mathtext

__all__ = ["SETTINGS", "SheetPrinter", "latex", "add_terms", "text", "escape", "anchor", "width", "MARKS", "RELATIONS",
           "relation", "mark", "CJK_PHRASES", "UNICODE_MATH"]

# ---------------------------------------------------------------- the printer's settings, in ONE place
SETTINGS: dict = {
    # SymPy LatexPrinter settings
    "mul_symbol": None,            # juxtaposition, as the books print products
    "fold_short_frac": False,      # \frac{a}{b} in displays, never a/b
    "ln_notation": False,          # \log (DL, d2l and both blogs write log; NNDL's ln = log)
    "symbol_names": {},            # extra Symbol -> LaTeX overrides
    # SheetPrinter's own settings (read via self._sheet)
    "exp_inline_max": 18,          # exp(u) prints e^{u} while u's estimated width <= this (em)
    "sigmoid": False,              # 1/(1 + e^{-u}) -> \sigma(u)
    "function_names": {            # undefined-function / symbol names printed upright
        "softmax": r"\operatorname{softmax}", "LSE": r"\operatorname{LSE}",
        "lse": r"\operatorname{LSE}", "sigmoid": r"\sigma", "sigma": r"\sigma",
        "CE": r"\operatorname{CE}", "KL": r"\operatorname{KL}", "H": "H",
        "max": r"\max", "min": r"\min",
    },
}
_OWN = ("exp_inline_max", "sigmoid", "function_names")


class SheetPrinter(LatexPrinter):
    """SymPy's LaTeX printer with the books' notation (see the module docstring)."""

    printmethod = "_latex"      # SymPy's own atoms (oo, pi, …) print themselves via _latex

    def __init__(self, settings: dict | None = None):
        merged = {**SETTINGS, **(settings or {})}
        self._sheet = {k: merged.pop(k) for k in _OWN}
        super().__init__(merged)

    # -- names -----------------------------------------------------------------------------
    def _print_Symbol(self, expr, style="plain"):
        if expr in self._settings["symbol_names"]:
            return self._settings["symbol_names"][expr]
        name = expr.name
        if name in self._sheet["function_names"]:
            return self._sheet["function_names"][name]
        if not _SAFE_NAME.fullmatch(name):       # a user's name with TeX specials: text, escaped
            return r"\text{" + escape(name) + "}"
        if any(ord(ch) > 127 for ch in name):
            return _unicode_name(name)
        return super()._print_Symbol(expr, style)

    _print_Dummy = _print_Symbol

    def _print_IndexedBase(self, expr):
        return self._print(expr.label)

    def _print_Indexed(self, expr):
        """z[i] -> z_{i}; z[i, j] -> z_{ij} for single-letter indices, else z_{i, j}."""
        label, indices = expr.base.label, list(expr.indices)
        while isinstance(label, sp.Indexed):          # IndexedBase(y[j])[t] -> y_{jt}
            indices = list(label.indices) + indices
            label = label.base.label
        base = self._print(label)
        idx = [self._print(i) for i in indices]
        sep = "" if all(_is_letter(i) for i in indices) else ", "
        if "_" in base or "^" in base:       # a base that is itself sub/superscripted
            base = "{" + base + "}"
        return f"{base}_{{{sep.join(idx)}}}"

    def _print_KroneckerDelta(self, expr, exp=None):
        a, b = expr.args
        sep = "" if _is_letter(a) and _is_letter(b) else ", "
        tex = rf"\delta_{{{self._print(a)}{sep}{self._print(b)}}}"
        return rf"\left({tex}\right)^{{{exp}}}" if exp is not None else tex

    # -- functions -------------------------------------------------------------------------
    def _print_Function(self, expr, exp=None):
        if isinstance(expr, AppliedUndef):
            name = expr.func.__name__
            head = self._sheet["function_names"].get(name)
            if head is None:
                head = self._print(sp.Symbol(name)) if len(name) == 1 or any(
                    ord(c) > 127 for c in name) else _operatorname(name)
            if exp is not None:
                head = f"{head}^{{{exp}}}"
            args = ", ".join(self._print(a) for a in expr.args)
            return rf"{head}\left({args}\right)" if _tall(args) else f"{head}({args})"
        return super()._print_Function(expr, exp)

    def _print_ExpBase(self, expr, exp=None):
        """exp(u) -> e^{u} for short u (as the books print it), \\exp(u) for long u."""
        arg = self._print(expr.args[0])
        if width(arg) <= self._sheet["exp_inline_max"] and r"\frac" not in arg:
            tex = f"e^{{{arg}}}"
        else:
            tex = rf"\exp\left({arg}\right)"
        return self._do_exponent(tex, exp)

    def _print_log(self, expr, exp=None):
        arg = expr.args[0]
        inner = self._print(arg)
        name = r"\ln" if self._settings["ln_notation"] else r"\log"
        if exp is not None:
            name = f"{name}^{{{exp}}}"
        simple = arg.is_Symbol or arg.is_Indexed or (arg.is_Integer and arg > 0) or (
            isinstance(arg, AppliedUndef) and not _tall(inner))
        return f"{name} {inner}" if simple else rf"{name}\left({inner}\right)"

    def _print_Max(self, expr, exp=None):
        return self._minmax(r"\max", expr, exp)

    def _print_Min(self, expr, exp=None):
        return self._minmax(r"\min", expr, exp)

    def _minmax(self, head, expr, exp):
        args = sorted(expr.args, key=sp.default_sort_key)
        tex = rf"{head}\left({', '.join(self._print(a) for a in args)}\right)"
        return rf"\left({tex}\right)^{{{exp}}}" if exp is not None else tex

    # -- calculus --------------------------------------------------------------------------
    def _print_Derivative(self, expr):
        """\\frac{\\partial C}{\\partial z_{i}} for a function/symbol, else \\frac{\\partial}{…}(…).

        Partial when the expression has several variables or the variable is an Indexed
        entry (z_{i} is one coordinate of a vector); d otherwise.
        """
        f = expr.expr
        variables = [v for v, _ in expr.variable_count]
        several = len({*variables}) > 1 or len(_free_vars(f)) > 1
        partial = several or any(isinstance(v, sp.Indexed) for v in variables)
        d = r"\partial" if partial else r"\mathrm{d}"
        den = []
        dim = 0
        for v, k in reversed(expr.variable_count):
            dim += k
            vt = self._print(v)
            den.append(f"{d} {vt}" if k == 1 else f"{d} {self.parenthesize_super(vt)}^{{{k}}}")
        num = d if dim == 1 else f"{d}^{{{dim}}}"
        den_tex = r"\,".join(den)
        if f.is_Symbol or f.is_Indexed or isinstance(f, AppliedUndef):
            return rf"\frac{{{num} {self._print(f)}}}{{{den_tex}}}"
        body = self._print(f)
        if isinstance(f, (sp.Add, sp.Mul, sp.Pow)) or f.could_extract_minus_sign():
            body = rf"\left({body}\right)"
        return rf"\frac{{{num}}}{{{den_tex}}} {body}"

    def _print_Sum(self, expr):
        """\\sum_{j=1}^{n} as the books print it; several limits stacked."""
        if len(expr.limits) == 1:
            v, lo, hi = expr.limits[0]
            tex = rf"\sum_{{{self._print(v)}={self._print(lo)}}}^{{{self._print(hi)}}} "
        else:
            rows = r"\\".join(rf"{self._print(lo)} \le {self._print(v)} \le {self._print(hi)}"
                              for v, lo, hi in expr.limits)
            tex = rf"\sum_{{\substack{{{rows}}}}} "
        f = expr.function
        body = self._print(f)
        if isinstance(f, sp.Add) or f.could_extract_minus_sign():
            body = rf"\left({body}\right)"
        return tex + body

    def _as_ordered_terms(self, expr, order=None):
        """SymPy's order, except that a sum does not open with a minus sign when some term is
        positive: z_j - max(z), t - 1 (as the books write), not -max(z) + z_j, -1 + t."""
        terms = list(super()._as_ordered_terms(expr, order=order))
        if isinstance(expr, sp.Add) and terms and _negative(terms[0]):
            k = next((q for q, t in enumerate(terms) if not _negative(t)), None)
            if k is not None:
                terms.insert(0, terms.pop(k))
        return terms

    # -- optional sigmoid pattern ----------------------------------------------------------
    def _print_Pow(self, expr):
        if self._sheet["sigmoid"]:
            u = _sigmoid_arg(expr)
            if u is not None:
                return rf"\sigma\left({self._print(u)}\right)"
        return super()._print_Pow(expr)


def _negative(t) -> bool:
    try:
        return bool(t.could_extract_minus_sign())
    except Exception:  # noqa: BLE001
        return False


def _sigmoid_arg(expr):
    """u when expr is exactly (1 + exp(-u))**-1, else None."""
    if not (expr.is_Pow and expr.exp == -1 and isinstance(expr.base, sp.Add)):
        return None
    terms = expr.base.args
    if len(terms) != 2 or sp.S.One not in terms:
        return None
    other = terms[0] if terms[1] == 1 else terms[1]
    if isinstance(other, sp.exp):
        return -other.args[0]
    return None


def _free_vars(f) -> set:
    """Free variables of an expression for the partial/d choice (indices do not count)."""
    out = set()
    for s in f.free_symbols:
        if s.is_integer:        # index or size symbol
            continue
        out.add(s)
    for ind in f.atoms(sp.Indexed):
        out.add(ind)
        out.discard(ind.base.label)
    out -= {s for s in f.atoms(sp.IndexedBase)}
    return out


def _is_letter(e) -> bool:
    return (e.is_Symbol and len(e.name) == 1) or (e.is_Integer and 0 <= e < 10)


def _tall(tex: str) -> bool:
    return any(t in tex for t in (r"\frac", r"\sum", r"\prod", r"\int", r"\lim"))


#: a name SymPy may spell itself: no TeX special character and no control character
_SAFE_NAME = re.compile(r"[^\\{}$&#%~\x00-\x1f\x7f]+")


def _operatorname(name: str) -> str:
    return r"\operatorname{" + escape(name) + "}" if _SAFE_NAME.fullmatch(name) \
        else r"\text{" + escape(name) + "}"


_PRINTER_CACHE: dict = {}


def _printer(settings: dict) -> SheetPrinter:
    key = tuple(sorted((k, repr(v)) for k, v in settings.items()))
    p = _PRINTER_CACHE.get(key)
    if p is None:
        p = _PRINTER_CACHE[key] = SheetPrinter(settings)
    return p


def add_terms(expr, **settings) -> list[tuple[str, str, sp.Basic]]:
    """The terms of a sum as the printer orders them: [(sign, LaTeX, term)], sign '', '+', '-'.

    ``term`` is the printed (sign-free) term as an expression. Joining the ``sign LaTeX``
    pieces gives the text of the whole sum, so a long sum can be broken across display lines
    without changing what is printed.
    """
    p = _printer(settings)
    out: list[tuple[str, str, sp.Basic]] = []
    for t in p._as_ordered_terms(expr, order=None):
        tex = latex(t, **settings)
        if tex.startswith("-"):
            out.append(("-", tex[1:].lstrip(), -t))
        else:
            out.append(("+" if out else "", tex, t))
    return out


def latex(expr, **settings) -> str:
    """LaTeX of a SymPy expression with the sheets' notation; a string is escaped text, never
    parsed (sympify would evaluate it as Python)."""
    if isinstance(expr, str):
        return r"\text{" + text(expr) + "}"
    key = (expr, tuple(sorted((k, repr(v)) for k, v in settings.items())))
    try:
        return _LATEX_MEMO[key]
    except (KeyError, TypeError):
        pass
    tex = _printer(settings).doprint(expr)
    try:
        if len(_LATEX_MEMO) > 20000:
            _LATEX_MEMO.clear()
        _LATEX_MEMO[key] = tex
    except TypeError:            # unhashable: not memoised
        pass
    return tex


_LATEX_MEMO: dict = {}


# ---------------------------------------------------------------- verdict marks and relations
MARKS = {
    "proven": r"\textcolor{proven}{\ensuremath{\checkmark}}",
    "refuted": r"\textcolor{refuted}{\ensuremath{\boldsymbol{\times}}}",
    "numeric": r"\textcolor{numeric}{\ensuremath{\approx}}",
    "undecided": r"\textcolor{undecided}{\textbf{?}}",
    "error": r"\textcolor{refuted}{\textbf{!}}",
}

RELATIONS = {"=": "=", "<": "<", "<=": r"\le", ">": ">", ">=": r"\ge", "≈": r"\approx",
             "!=": r"\ne", "criterion": r"\models"}


def mark(status: str) -> str:
    return MARKS.get(str(status), MARKS["undecided"])


def relation(rel: str) -> str:
    return RELATIONS.get(rel, r"\mathrel{\text{" + escape(rel) + "}}")   # used in maths


# ---------------------------------------------------------------- text: Unicode maths and CJK
#: Unicode maths characters -> LaTeX math (set inside \ensuremath in text, bare in maths).
UNICODE_MATH: dict[str, str] = {
    # Greek
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon",
    "ϵ": r"\epsilon", "ζ": r"\zeta", "η": r"\eta", "θ": r"\theta", "ι": r"\iota",
    "κ": r"\kappa", "λ": r"\lambda", "μ": r"\mu", "ν": r"\nu", "ξ": r"\xi", "π": r"\pi",
    "ρ": r"\rho", "σ": r"\sigma", "ς": r"\varsigma", "τ": r"\tau", "υ": r"\upsilon",
    "φ": r"\phi", "ϕ": r"\phi", "χ": r"\chi", "ψ": r"\psi", "ω": r"\omega",
    "Γ": r"\Gamma", "Δ": r"\Delta", "Θ": r"\Theta", "Λ": r"\Lambda", "Ξ": r"\Xi",
    "Π": r"\Pi", "Σ": r"\Sigma", "Φ": r"\Phi", "Ψ": r"\Psi", "Ω": r"\Omega",
    # operators and relations
    "≤": r"\le", "≥": r"\ge", "≠": r"\ne", "≈": r"\approx", "≡": r"\equiv", "∼": r"\sim",
    "≪": r"\ll", "≫": r"\gg", "∝": r"\propto", "→": r"\to", "←": r"\leftarrow",
    "↦": r"\mapsto", "⇒": r"\Rightarrow", "⟹": r"\Longrightarrow", "⇔": r"\Leftrightarrow",
    "⟺": r"\Longleftrightarrow", "↔": r"\leftrightarrow", "∞": r"\infty", "∂": r"\partial",
    "∇": r"\nabla", "∑": r"\sum", "∏": r"\prod", "∫": r"\int", "√": r"\surd",
    "±": r"\pm", "∓": r"\mp", "×": r"\times", "·": r"\cdot", "⋅": r"\cdot", "∘": r"\circ",
    "⊙": r"\odot", "⊗": r"\otimes", "⊕": r"\oplus", "÷": r"\div", "−": "-", "∗": "*",
    "∈": r"\in", "∉": r"\notin", "⊂": r"\subset", "⊆": r"\subseteq", "∪": r"\cup",
    "∩": r"\cap", "∀": r"\forall", "∃": r"\exists", "¬": r"\neg", "∧": r"\wedge",
    "∨": r"\vee", "∅": r"\emptyset", "‖": r"\|", "∣": r"\mid", "⌈": r"\lceil",
    "⌉": r"\rceil", "⌊": r"\lfloor", "⌋": r"\rfloor", "⟨": r"\langle", "⟩": r"\rangle",
    "′": "'", "″": "''", "‴": "'''", "…": r"\dots", "⋯": r"\cdots", "⋮": r"\vdots",
    "ℝ": r"\mathbb{R}", "ℕ": r"\mathbb{N}", "ℤ": r"\mathbb{Z}", "ℚ": r"\mathbb{Q}",
    "𝔼": r"\mathbb{E}", "𝟙": r"\mathbf{1}", "ℓ": r"\ell", "°": r"^{\circ}",
    "∎": r"\blacksquare", "□": r"\square", "✓": r"\checkmark", "✗": r"\times",
    "≔": r"\mathrel{:=}", "⊤": r"\top",
    # super- and subscripts
    "⁰": "^{0}", "¹": "^{1}", "²": "^{2}", "³": "^{3}", "⁴": "^{4}", "⁵": "^{5}",
    "⁶": "^{6}", "⁷": "^{7}", "⁸": "^{8}", "⁹": "^{9}", "⁺": "^{+}", "⁻": "^{-}",
    "ⁿ": "^{n}", "ⁱ": "^{i}", "ᵀ": r"^{\mathsf{T}}", "ᵢ": "_{i}", "ⱼ": "_{j}", "ₖ": "_{k}",
    "ₙ": "_{n}", "ₘ": "_{m}", "ₓ": "_{x}", "ₜ": "_{t}", "ₗ": "_{l}",
    "₀": "_{0}", "₁": "_{1}", "₂": "_{2}", "₃": "_{3}", "₄": "_{4}", "₅": "_{5}",
    "₆": "_{6}", "₇": "_{7}", "₈": "_{8}", "₉": "_{9}", "₊": "_{+}", "₋": "_{-}",
    "⁽": "^{(}", "⁾": "^{)}", "₍": "_{(}", "₎": "_{)}", "ʲ": "^{j}", "ᵏ": "^{k}", "ˡ": "^{l}",
    "ᵐ": "^{m}", "ᴸ": "^{L}", "ᵗ": "^{t}", "ˣ": "^{x}", "ᶻ": "^{z}", "ₐ": "_{a}", "ₒ": "_{o}",
    "½": r"\tfrac{1}{2}", "¼": r"\tfrac{1}{4}", "¾": r"\tfrac{3}{4}",
}

#: Text punctuation that T1 + utf8 would set, spelled in ASCII LaTeX so nothing depends on it.
UNICODE_TEXT: dict[str, str] = {
    "“": "``", "”": "''", "‘": "`", "’": "'", "„": ",,", "–": "--", "—": "---",
    "\u00a0": "~", "\u2009": r"\,", "\u202f": r"\,", "•": r"\textbullet{}", "§": r"\S{}",
    "¶": r"\P{}", "©": r"\copyright{}", "«": r"\guillemotleft{}", "»": r"\guillemotright{}",
    "→": r"\ensuremath{\to}", "（": "(", "）": ")", "，": ", ", "：": ": ", "。": ". ",
    "、": ", ", "；": "; ", "！": "!", "？": "?", "《": "``", "》": "''", "「": "``",
    "」": "''", "【": "[", "】": "]", "＋": "+", "－": "-", "＝": "=",
}

#: Chinese phrases of the documents' titles and terms, in English (longest match first).
CJK_PHRASES: dict[str, str] = {
    "初探softmax": "A first look at softmax",
    "不会饱和的意思是这一项的值没有上限": "not saturating means that this term's value has no upper bound",
    "因为对数函数的定义域是": "because the domain of the logarithm is",
    "补充": "supplement",
    "初探": "A first look at",
    "交叉熵": "cross-entropy",
    "神经网络与深度学习": "Neural Networks and Deep Learning",
    "深度学习": "deep learning",
    "神经网络": "neural network",
    "损失函数": "loss function",
    "代价函数": "cost function",
    "梯度": "gradient",
    "导数": "derivative",
    "偏导": "partial derivative",
    "溢出": "overflow",
    "概率": "probability",
    "中文翻译": "Chinese translation",
    "译文": "translation",
    "熵": "entropy",
}

#: combining marks -> math accents (P̃ -> \tilde{P}, ŷ composed by NFC stays a letter)
_COMBINING = {"\u0303": r"\tilde", "\u0302": r"\hat", "\u0304": r"\bar", "\u0305": r"\bar",
              "\u0307": r"\dot", "\u0308": r"\ddot", "\u20d7": r"\vec", "\u0301": r"\acute",
              "\u0300": r"\grave", "\u030c": r"\check"}

_CJK_RE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]+")
_SPECIAL = mathtext.TEXT_SPECIAL      # the one table of TeX's special characters in text


def _unicode_name(name: str) -> str:
    """A Symbol name containing Unicode (e.g. 'σ', 'z₁') as LaTeX math."""
    out = []
    for ch in name:
        if ch in UNICODE_MATH:
            out.append(UNICODE_MATH[ch] + (" " if UNICODE_MATH[ch][-1].isalpha() else ""))
        elif ord(ch) < 128:
            out.append(ch)
        else:
            out.append(_fallback_char(ch, math=True))
    return "".join(out).strip()


def _fallback_char(ch: str, math: bool = False) -> str:
    """Any other non-ASCII character: its ASCII decomposition, else a visible code point."""
    plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
    if plain:
        return plain if math else escape(plain)
    code = f"U+{ord(ch):04X}"
    return rf"\text{{[{code}]}}" if math else rf"[{code}]"


def _translate_cjk(s: str) -> str:
    """CJK phrases in English (:data:`CJK_PHRASES`); any other CJK run as [Chinese text]."""
    def spaced(m: re.Match, repl: str) -> str:
        before = m.string[m.start() - 1] if m.start() > 0 else " "
        after = m.string[m.end()] if m.end() < len(m.string) else " "
        return (" " if before.isalnum() else "") + repl + (" " if after.isalnum() else "")

    for zh in sorted(CJK_PHRASES, key=len, reverse=True):
        s = re.sub(re.escape(zh), lambda m, zh=zh: spaced(m, CJK_PHRASES[zh]), s)
    return _CJK_RE.sub(lambda m: spaced(m, "[Chinese text]"), s)


def _verbatim(s: str) -> str:
    """Text as written (no sub/superscripts), every character made safe for pdflatex."""
    out = []
    for ch in s:
        if ord(ch) < 128:
            out.append(_SPECIAL.get(ch, ch))
        elif ch in UNICODE_MATH:
            out.append(r"\ensuremath{" + UNICODE_MATH[ch] + "}")
        elif ch in UNICODE_TEXT:
            out.append(UNICODE_TEXT[ch])
        elif _CJK_RE.match(ch):
            out.append("[Chinese text]" if not out or out[-1] != "[Chinese text]" else "")
        else:
            out.append(_fallback_char(ch))
    return "".join(out)


def anchor(s: str) -> str:
    """A hyperref anchor name for any string: [A-Za-z0-9.-] kept, every other character as
    '_' and its code point (an ID cannot close the brace it sits in)."""
    return "".join(ch if re.fullmatch(r"[A-Za-z0-9.\-]", ch) else f"_{ord(ch):x}" for ch in str(s))


def escape(s: str) -> str:
    """Plain ASCII text with LaTeX's special characters escaped (no maths interpretation)."""
    return "".join(_SPECIAL.get(ch, ch) for ch in s)


def text(s: str, translate_cjk: bool = True) -> str:
    r"""A catalogue string (or any string reaching a sheet) as LaTeX text that pdflatex sets.

    The one way a string becomes LaTeX: prose stays text, the maths in it is set in math mode
    (:mod:`render.mathtext`: ``z_i``, ``e^{z_j}``, ``log Σ_j exp(z_j)`` with italic variables),
    every TeX special character is escaped (so ``\input{…}`` is printed, never run), CJK is
    translated (see :data:`CJK_PHRASES`) or shown as ``[Chinese text]``. Never raises.
    """
    if not s:
        return ""
    s = unicodedata.normalize("NFC", str(s))
    if translate_cjk and _CJK_RE.search(s):
        s = _translate_cjk(s).strip()
    return mathtext.convert(s, UNICODE_MATH, UNICODE_TEXT, _fallback_char)


# ---------------------------------------------------------------- width estimate
_CMD_RE = re.compile(r"\\([A-Za-z]+|.)")
_ZERO_CMDS = {"left", "right", "mathopen", "mathclose", "displaystyle", "textstyle", "limits",
              "nolimits", "big", "Big", "bigg", "Bigg", "mathrm", "operatorname", "mathbf",
              "mathsf", "mathit", "boldsymbol", "text", "textrm", "substack", "ensuremath"}
_SPACE_CMDS = {",": 0.17, ";": 0.28, ":": 0.22, "!": -0.17, "quad": 1.0, "qquad": 2.0, " ": 0.33}


def width(tex: str) -> float:
    r"""Estimated width of inline/display maths in em (a rough model, not TeX's).

    Characters count ~0.5 em, operators a little more, ``\frac{a}{b}`` the wider of its
    parts, sub/superscripts 70 %. Good enough to choose a layout and to shrink long lines.
    """
    w, _ = _width(tex, 0, 1.0)
    return round(w, 2)


def _group(tex: str, i: int, scale: float) -> tuple[float, int]:
    """Width of the group starting at tex[i] (a {…} group or one token)."""
    while i < len(tex) and tex[i] == " ":
        i += 1
    if i >= len(tex):
        return 0.0, i
    if tex[i] == "{":
        return _width(tex, i + 1, scale, close=True)
    if tex[i] == "\\":
        m = _CMD_RE.match(tex, i)
        return _cmd_width(m.group(1), scale), m.end()
    return _char_width(tex[i]) * scale, i + 1


def _char_width(ch: str) -> float:
    if ch in "+-=<>":
        return 1.1
    if ch in "(),[]|'.;:":
        return 0.32
    if ch.isdigit():
        return 0.5
    if ch in "mwMW":
        return 0.8
    return 0.55


def _cmd_width(name: str, scale: float) -> float:
    if name in _ZERO_CMDS:
        return 0.0
    if name in _SPACE_CMDS:
        return _SPACE_CMDS[name] * scale
    if name in ("sum", "prod", "int"):
        return 1.3 * scale
    if name in ("log", "exp", "max", "min", "lim", "sup", "inf", "ln"):
        return (len(name) * 0.5 + 0.3) * scale
    if name in ("le", "ge", "ne", "approx", "to", "in", "leq", "geq", "cdot", "times", "equiv"):
        return 0.9 * scale
    return 0.6 * scale


def _width(tex: str, i: int, scale: float, close: bool = False) -> tuple[float, int]:
    w = 0.0
    while i < len(tex):
        ch = tex[i]
        if ch == "}" and close:
            return w, i + 1
        if ch == "{":
            g, i = _width(tex, i + 1, scale, close=True)
            w += g
            continue
        if ch in "^_":
            g, i = _group(tex, i + 1, scale * 0.7)
            w += g
            continue
        if ch == "\\":
            m = _CMD_RE.match(tex, i)
            name = m.group(1)
            i = m.end()
            if name in ("frac", "dfrac", "tfrac", "binom"):
                a, i = _group(tex, i, scale if name != "tfrac" else scale * 0.7)
                b, i = _group(tex, i, scale if name != "tfrac" else scale * 0.7)
                w += max(a, b) + 0.2 * scale
            elif name in ("operatorname", "mathrm", "text", "textrm", "mathbf", "mathsf",
                          "textbf", "mathit"):
                g, i = _group(tex, i, scale)
                w += g
            elif name in ("begin", "end"):
                _, i = _group(tex, i, scale)
            elif name in ("left", "right"):
                if i < len(tex) and tex[i] == ".":
                    i += 1
                else:
                    w += 0.4 * scale
                    m2 = _CMD_RE.match(tex, i)
                    i = m2.end() if m2 and tex[i] == "\\" else i + 1
            else:
                w += _cmd_width(name, scale)
            continue
        if ch in " &\n":
            i += 1
            continue
        w += _char_width(ch) * scale
        i += 1
    return w, i
