"""Readable maths for people: chains and verdicts in the terminal (pretty) and in Jupyter (LaTeX).

The kernel does not import ``render/``; this module is the small formatter its objects use for
``_repr_latex_`` and that ``derive show`` uses for the terminal. Names print as defined
(σ(z), a_j, L), indexed entries as subscripts (y_j, not y[j]).
"""
from __future__ import annotations

import sys
from typing import Any, Iterable

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.printing.latex import LatexPrinter
from sympy.printing.pretty.pretty import PrettyPrinter
from sympy.printing.pretty.pretty_symbology import pretty_symbol, pretty_use_unicode
from sympy.printing.pretty.stringpict import prettyForm

MARK = {"proven": "✓", "refuted": "✗", "numeric": "≈", "undecided": "?", "error": "!"}
REL_TEXT = {"=": "=", "<": "<", "<=": "≤", ">": ">", ">=": "≥", "≈": "≈", "criterion": ":"}
REL_TEX = {"=": "=", "<": "<", "<=": r"\le", ">": ">", ">=": r"\ge", "≈": r"\approx", "criterion": ":"}


def _flat_index(e: sp.Indexed) -> str | None:
    """y[j] -> "y_j", w[i, j] -> "w_ij" when every index is a symbol or a small integer."""
    parts = []
    for ix in e.indices:
        if isinstance(ix, sp.Symbol) and len(ix.name) == 1 or isinstance(ix, sp.Integer) and 0 <= ix < 10:
            parts.append(str(ix))
        else:
            return None
    return f"{e.base.label}_{''.join(parts)}"


class _Pretty(PrettyPrinter):
    """SymPy's pretty printer with subscripted entries and primed function names (σ'(z))."""

    def _print_Indexed(self, e):
        flat = _flat_index(e)
        if flat is None:  # y_(j + 1): the index printed whole, after an underscore
            idx = ", ".join(str(ix) for ix in e.indices)
            return prettyForm(f"{e.base.label}_({idx})")
        return self._print(sp.Symbol(flat))

    def _print_Derivative(self, deriv):
        """∂ for a derivative in a vector's entry (∂L/∂z_i), as the documents write it."""
        mod = sys.modules[PrettyPrinter.__module__]  # the module, not sympy.printing.pretty.pretty()
        orig = mod.requires_partial
        # a named quantity (C, L, l) or a vector entry: partial, as the documents write ∂C/∂w, ∂L/∂z_i
        if isinstance(deriv.expr, sp.Symbol) or any(isinstance(v, sp.Indexed) for v in deriv.variables):
            mod.requires_partial = lambda e: True
        try:
            return super()._print_Derivative(deriv)
        finally:
            mod.requires_partial = orig

    def _print_Max(self, e):
        return self._print_Function(e, sort=True, func_name="max")

    def _print_Min(self, e):
        return self._print_Function(e, sort=True, func_name="min")

    def _print_Function(self, e, sort=False, func_name=None, left="(", right=")"):
        if isinstance(e, AppliedUndef) and e.func.__name__.endswith("'"):
            name = e.func.__name__
            base = name.rstrip("'")
            func_name = pretty_symbol(base) + "′" * (len(name) - len(base))
        return super()._print_Function(e, sort=sort, func_name=func_name, left=left, right=right)


class _Latex(LatexPrinter):
    """SymPy's LaTeX printer with primed function names (σ'(z), not operatorname{sigma'})."""

    def _hprint_Function(self, func: str) -> str:
        if func.endswith("'"):
            base = func.rstrip("'")
            return self._hprint_Function(base) + "'" * (len(func) - len(base))
        if len(func) == 1 and ord(func) > 127:  # σ written as a unicode letter
            from sympy.printing.latex import greek_letters_set
            from unicodedata import name as uname
            word = uname(func).split()[-1].lower()
            if word in greek_letters_set:
                return "\\" + word
        return super()._hprint_Function(func)


def pretty(expr: Any) -> str:
    """Multi-line unicode maths; never wrapped, so never cut mid-expression."""
    return "\n".join(pretty_form(expr).picture)


def pretty_form(expr: Any) -> prettyForm:
    flag = pretty_use_unicode(True)  # subscripts (y_j -> yⱼ) follow SymPy's global unicode flag
    try:
        return _Pretty({"use_unicode": True, "wrap_line": False})._print(sp.sympify(expr))
    finally:
        pretty_use_unicode(flag)


def latex(expr: Any) -> str:
    return _Latex().doprint(sp.sympify(expr))


def _tex_text(s: str) -> str:
    """Plain text for \\text{...} (MathJax): the LaTeX specials escaped."""
    rep = {"\\": r"\backslash ", "{": r"\{", "}": r"\}", "_": r"\_", "^": r"\^{}", "#": r"\#",
           "%": r"\%", "&": r"\&", "$": r"\$", "~": r"\~{}"}
    return "".join(rep.get(ch, ch) for ch in s)


# ---------------------------------------------------------------- terminal
def side_by_side(prefix: str, expr: Any, indent: int = 6) -> list[str]:
    """``prefix`` then the pretty expression, the prefix on the expression's baseline."""
    pf = pretty_form(expr)
    lines, base = pf.picture, pf.baseline
    pad = " " * len(prefix)
    return [" " * indent + (prefix if k == base else pad) + line.rstrip() for k, line in enumerate(lines)]


def chain_lines(start: Any, links: Iterable[tuple[str, Any, str]], marks: Iterable[str] | None = None,
                notes: Iterable[str] | None = None, indent: int = 6) -> list[str]:
    """A chain as lines: the start, then each link ``mark rel rhs`` with its reason beneath."""
    links = list(links)
    marks = list(marks) if marks is not None else [""] * len(links)
    notes = list(notes) if notes is not None else [""] * len(links)
    out = side_by_side("    ", start, indent)
    for (rel, rhs, by), mk, note in zip(links, marks, notes):
        out += side_by_side(f"{mk or ' '} {REL_TEXT.get(rel, rel)} ", rhs, indent)
        why = "; ".join(x for x in (by, note) if x)
        if why:
            out.append(" " * (indent + 8) + f"[{why}]")
    return out


# ---------------------------------------------------------------- words for a scope
def scope_words(result: dict) -> str:
    """One stable phrase for what a claim's verdict rests on, from what was decided (not timing):
    e.g. "symbolic, for every n", "sampled", "computed", "counterexample"."""
    kinds: list[str] = []

    def add(k: str) -> None:
        if k not in kinds:
            kinds.append(k)

    for part in result.get("parts", []):
        if not part.get("counts", True):
            continue
        for s in part.get("steps", []):
            v, sc, strat = s.get("verdict"), s.get("scope", "") or "", s.get("strategy", "")
            if v == "refuted":
                add("counterexample")
            elif strat == "rounding rule":
                add("exact rounding")
            elif strat == "exact computation":
                add("exact computation")
            elif strat == "computation":
                add("computed")
            elif strat == "identity mod p":
                add("exact mod-p test at fixed n")
            elif v == "proven":
                add("symbolic, for every n" if "symbolic n" in sc else "symbolic")
            elif v == "numeric" and "exact for n" in sc:
                add("exact at fixed sizes n only, not for every n")
            elif v == "numeric":
                add("sampled")
            elif v == "undecided":
                add("undecided")
    order = ["counterexample", "symbolic, for every n", "symbolic", "exact rounding", "exact computation",
             "exact mod-p test at fixed n", "exact at fixed sizes n only, not for every n", "sampled",
             "computed", "undecided"]
    return "; ".join(k for k in order if k in kinds) or "nothing decided"


def number(v: Any, digits: int = 6) -> str:
    """A value for a reader: about six significant digits, 0 printed as 0, exact forms kept short."""
    import mpmath
    s = str(v)
    try:
        x = mpmath.mpf(s)
    except (ValueError, TypeError):
        return s
    if x == 0:
        return "0"
    if mpmath.isinf(x) or mpmath.isnan(x):
        return s
    return mpmath.nstr(x, digits, min_fixed=-4, max_fixed=6)


def counterexample_line(cx: dict) -> str:
    """'at x = 0: left side 0.25, right side 0.75' — no dicts, numbers to six digits."""
    pt = ", ".join(f"{k} = {_short(v)}" for k, v in (cx.get("point") or {}).items())
    where = f"at {pt}" if pt else "at the stated values"
    note = f" ({cx['note']})" if cx.get("note") else ""
    return f"{where}: left side {number(cx['lhs_value'])}, right side {number(cx['rhs_value'])}{note}"


def _short(v: Any) -> str:
    if isinstance(v, (list, tuple)):
        return "(" + ", ".join(_short(x) for x in v) + ")"
    return number(v) if not isinstance(v, str) or _looks_numeric(v) else v


def _looks_numeric(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


# ---------------------------------------------------------------- Jupyter (LaTeX)
def _row_tex(mark: str, rel: str, rhs: Any, reason: str, verdict: str = "") -> str:
    why = " — ".join(x for x in (reason, verdict) if x)
    m = rf"\text{{{mark}}}\ " if mark else ""
    tail = rf" && \text{{{_tex_text(why)}}}" if why else ""
    return rf"{m}& {REL_TEX.get(rel, rel)} {latex(rhs)}{tail}"


def _stack(items: list[str]) -> str:
    return r"\begin{array}{l}" + r" \\ ".join(items) + r"\end{array}"


def _aligned(rows: list[str]) -> str:
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"


def _math(body: str) -> str:
    return "$\\displaystyle " + body + "$"


def chain_latex(chain) -> str:
    """A Chain (unchecked): start, then each link with its reason."""
    rows = [rf"& {latex(chain.start)}"]
    rows += [_row_tex("", l.relation, l.rhs, l.by) for l in chain.links]
    items = ([rf"\text{{{_tex_text(chain.label)}}}"] if chain.label else []) + [_aligned(rows)]
    return _math(_stack(items))


def _link_rows(steps) -> list[str]:
    rows: list[str] = []
    prev = None
    for s in steps:
        if s.relation in ("≈", "criterion") or isinstance(s.lhs, str) or prev is None or s.lhs != prev:
            rows.append(rf"& {_side_tex(s.lhs)}")
        rows.append(_row_tex(MARK.get(str(s.status), "?"), s.relation, s.rhs, s.reason,
                             f"{s.status} ({s.strategy})"))
        prev = s.rhs
    return rows


def _side_tex(e: Any) -> str:
    return rf"\text{{{_tex_text(e)}}}" if isinstance(e, str) else latex(e)


def _cx_tex(cx) -> list[str]:
    return [] if cx is None else [rf"\text{{counterexample {_tex_text(counterexample_line(cx.as_dict()))}}}"]


def link_latex(v) -> str:
    return _math(_stack([_aligned(_link_rows([v]))] + _cx_tex(v.counterexample)))


def _verdict_items(v, title: str = "") -> list[str]:
    items = [rf"\text{{{_tex_text(title)}}}"] if title else []
    items.append(_aligned(_link_rows(v.steps)))
    items += _cx_tex(v.counterexample)
    items.append(rf"\text{{{MARK.get(str(v.status), '?')} {v.status}: {_tex_text(v.scope)}}}")
    return items


def verdict_latex(v, title: str = "") -> str:
    return _math(_stack(_verdict_items(v, title)))


def claim_latex(cv) -> str:
    """A claim verdict: its statement, then each part's chain with marks."""
    try:
        from .claims import registry
        statement = registry()[cv.id].statement
    except Exception:  # noqa: BLE001 - a verdict built outside the registry still displays
        statement = ""
    items = [rf"\text{{{MARK.get(str(cv.status), '?')} {_tex_text(cv.id)}: {cv.status}}}"]
    if statement:
        items.append(rf"\text{{{_tex_text(statement)}}}")
    for label, counts, v in cv.parts:
        items += _verdict_items(v, f"{label}{'' if counts else ' (a note, not counted)'}")
    return _math(_stack(items))
