"""Named definitions: what a name means, unfolded by the kernel before deciding.

A derivation writes σ(z), a_j, L, H(p, q) as the documents do; each name is a
:class:`Definition` (head := body). :func:`unfold` replaces the names by their bodies so that the
kernel decides the goal about the underlying functions, while the printers keep the names.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import sympy as sp
from sympy.core.function import AppliedUndef

__all__ = ["Definition", "define", "unfold", "validate", "Notation", "SumOver"]


def _input_error(msg: str) -> Exception:
    from .errors import InputError
    return InputError(msg)


@dataclass(frozen=True)
class Definition:
    """``head := body``: a Symbol (L), an Indexed pattern (a[j], params are its index symbols) or an
    applied undefined function (sigma(x), params are its argument symbols); body in the params."""

    head: sp.Basic
    body: sp.Expr
    label: str = ""  # what a reader calls it: "softmax", "cross-entropy", "logistic sigmoid"

    @property
    def params(self) -> tuple[sp.Symbol, ...]:
        if isinstance(self.head, sp.Indexed):
            return tuple(self.head.indices)
        if isinstance(self.head, AppliedUndef):
            return tuple(self.head.args)
        return ()

    def name(self) -> str:
        if isinstance(self.head, sp.Indexed):
            return str(self.head.base.label)
        if isinstance(self.head, AppliedUndef):
            return self.head.func.__name__
        return self.head.name

    def matches(self, e: sp.Basic) -> bool:
        """Whether ``e`` is an instance of the head (the name applied to anything)."""
        h = self.head
        if isinstance(h, sp.Indexed):
            return isinstance(e, sp.Indexed) and e.base.label == h.base.label \
                and len(e.indices) == len(h.indices)
        if isinstance(h, AppliedUndef):
            return isinstance(e, AppliedUndef) and e.func == h.func and len(e.args) == len(h.args)
        return e == h

    def instance(self, e: sp.Basic) -> sp.Basic:
        """The body at the arguments of ``e`` (an instance of the head)."""
        args = e.indices if isinstance(e, sp.Indexed) else e.args if isinstance(e, AppliedUndef) else ()
        return _substitute(self.body, dict(zip(self.params, args)))

    def mentions(self, e: sp.Basic) -> bool:
        """Whether the name occurs in ``e``."""
        return any(self.matches(s) for s in sp.preorder_traversal(e))


def _substitute(body: sp.Basic, sub: dict) -> sp.Basic:
    """``body.xreplace(sub)`` without capture: a bound variable of the body (a Sum's index) whose
    scope contains a param, and which occurs in a value substituted for a param, is renamed first
    (deterministically, m -> m', so both sides of a goal unfold alike)."""
    if not sub:
        return body
    incoming = set().union(*(sp.sympify(v).free_symbols for v in sub.values()))
    clash = {s for s in _bound(body, set(sub)) if s in incoming}
    taken = {str(s) for s in body.atoms(sp.Symbol) | incoming}
    ren = {}
    for s in sorted(clash, key=str):
        name = s.name + "'"
        while name in taken:
            name += "'"
        taken.add(name)
        ren[s] = sp.Symbol(name, **s.assumptions0)
    return body.xreplace(ren).xreplace(sub)


_BINDERS = (sp.Sum, sp.Product, sp.Integral, sp.Limit, sp.Derivative, sp.Subs, sp.Lambda)


def _bound(e: sp.Basic, params: set) -> set:
    """Variables bound around an occurrence of a param, by any binder (a limit's or a derivative's
    variable too: G(x) := lim_{t→0} (x+t)/(1+t) unfolded at x = t must not become lim (t+t)/(1+t))."""
    from .normal_forms import bound_by
    out: set = set()
    for s in sp.preorder_traversal(e):
        if isinstance(s, _BINDERS) and s.args[0].free_symbols & params:
            # a derivative's variable is also the point it is taken at: d/dx σ(x) with x a
            # parameter is a function of x, not a bound name
            out |= {v for v in bound_by(s) if isinstance(v, sp.Symbol)
                    and not (isinstance(s, sp.Derivative) and v in params)}
    return out


def define(head, body, label: str = "") -> Definition:
    """A checked definition: the params are distinct Symbols (a function's may be IndexedBases too)
    and the head does not occur in the body."""
    head, body = sp.sympify(head), sp.sympify(body)
    if isinstance(head, sp.Indexed):
        params = tuple(head.indices)
    elif isinstance(head, AppliedUndef):
        params = tuple(head.args)
    elif isinstance(head, sp.Symbol):
        params = ()
    else:
        raise _input_error(f"cannot define {head}: a definition's head is a symbol (L), an indexed "
                           "name (a[j]) or an undefined function applied to symbols (sigma(x))")
    # a function's params may also be vectors (H(p) with p an IndexedBase: H(p) := −Σ_j p_j log p_j)
    kinds = (sp.Symbol, sp.IndexedBase) if isinstance(head, AppliedUndef) else (sp.Symbol,)
    if not all(isinstance(p, kinds) for p in params) or len(set(params)) != len(params):
        raise _input_error(f"cannot define {head}: its arguments must be distinct symbols")
    d = Definition(head, body, label)
    if d.mentions(body):
        raise _input_error(f"the definition of {d.name()} uses {d.name()} itself")
    return d


def _key(d: Definition) -> tuple[str, str, int]:
    """A name with its kind and arity: L and L_j, H(p) and H(p, q) are different names."""
    kind = "indexed" if isinstance(d.head, sp.Indexed) else "function" \
        if isinstance(d.head, AppliedUndef) else "symbol"
    return kind, d.name(), len(d.params)


def validate(defs: Sequence[Definition]) -> tuple[Definition, ...]:
    """The definitions as a tuple, each name defined once, no cycle (a := b, b := a)."""
    defs = tuple(defs)
    for d in defs:
        if not isinstance(d, Definition):
            raise _input_error(f"define= takes Definitions (from proofs.definitions.define), not {d!r}")
    keys = [_key(d) for d in defs]
    dup = sorted({k[1] for k in keys if keys.count(k) > 1})
    if dup:
        raise _input_error(f"{', '.join(dup)} defined more than once")
    uses = {k: [e for e in range(len(defs)) if defs[e].mentions(defs[k].body)] for k in range(len(defs))}
    state: dict[int, int] = {}

    def visit(x: int, path: list[int]) -> None:
        if state.get(x) == 2:
            return
        if state.get(x) == 1:
            raise _input_error("circular definitions: " + " -> ".join(defs[p].name() for p in path + [x]))
        state[x] = 1
        for y in uses[x]:
            visit(y, path + [x])
        state[x] = 2

    for x in range(len(defs)):
        visit(x, [])
    return defs


class Notation(sp.Expr):
    """A piece of a document's notation whose meaning is plain SymPy; unfolded like a definition."""

    is_commutative = True

    def meaning(self) -> sp.Expr:
        raise NotImplementedError

    def notation_name(self) -> str:
        return type(self).__name__


class SumOver(Notation):
    """Σ_{j≠i} f or Σ_{j=i} f (blog eq. (15)): the sum over 1..n with the indicator 1 − δ_ij or δ_ij.

    ``SumOver(f, (j, 1, n), i)`` is Σ_{j≠i}; ``SumOver(f, (j, 1, n), i, equal=True)`` is Σ_{j=i}.
    """

    def __new__(cls, f, limits, other, equal=False):
        j, lo, hi = (sp.sympify(x) for x in limits)
        return sp.Expr.__new__(cls, sp.sympify(f), sp.Tuple(j, lo, hi), sp.sympify(other),
                               sp.true if equal else sp.false)

    @property
    def free_symbols(self):
        f, (j, lo, hi), other, _ = self.args
        return (f.free_symbols - {j}) | lo.free_symbols | hi.free_symbols | other.free_symbols

    def meaning(self) -> sp.Expr:
        f, (j, lo, hi), other, equal = self.args
        ind = sp.KroneckerDelta(other, j) if equal else 1 - sp.KroneckerDelta(other, j)
        return sp.Sum(sp.Mul(f, ind, evaluate=False), (j, lo, hi))

    def _condition(self, rel_text: str) -> str:
        return f"{self.args[1][0]}{'=' if self.args[3] else rel_text}{self.args[2]}"

    def notation_name(self) -> str:
        return "Σ_{" + self._condition("≠") + "}"

    def _sympystr(self, printer) -> str:
        return f"{self.notation_name()}({printer._print(self.args[0])})"

    def _latex(self, printer) -> str:
        f = self.args[0]
        body = printer._print(f)
        if isinstance(f, sp.Add):
            body = rf"\left({body}\right)"
        rel = "=" if self.args[3] else r"\neq"
        return rf"\sum_{{{printer._print(self.args[1][0])} {rel} {printer._print(self.args[2])}}} {body}"

    def _pretty(self, printer):
        from sympy.printing.pretty.stringpict import prettyForm
        f, (j, lo, hi), other, _ = self.args
        pf = printer._print(sp.Sum(f, (j, lo, hi)))
        lines = list(pf.picture)
        width = len(lines[-1])
        cond = self._condition("≠")
        sign = len(lines[1]) - len(lines[1].lstrip()) if len(lines) > 1 else 0
        lines[0] = " " * width  # no upper limit: Σ_{j≠i} as the blog writes it
        lines[-1] = (" " * sign + cond).ljust(width)[:max(width, len(cond))]
        return prettyForm("\n".join(lines), baseline=pf.baseline, binding=pf.binding)


def unfold(expr: sp.Basic, defs: Sequence[Definition]) -> tuple[sp.Basic, tuple[Definition, ...]]:
    """Replace every defined name by its body (repeatedly, definitions may use definitions), and say
    which were used. A Derivative with respect to a defined quantity (∂L_j/∂a_j) is taken with that
    quantity as a variable first: the derivative's expression is unfolded except for the definitions
    whose heads are among the derivative's variables, the derivative is evaluated (``doit``), and only
    then is the rest unfolded (blog eqs. (11)-(15), NNDL (73)-(75) are written that way)."""
    defs = validate(defs)
    used: list[Definition] = []
    if not defs and not (isinstance(expr, sp.Basic) and (expr.atoms(Notation) or _primed(expr))):
        return expr, ()
    if isinstance(expr, sp.MatrixBase) and not isinstance(expr, sp.Basic):
        expr = sp.ImmutableMatrix(expr)
    out = _unfold(sp.sympify(expr), defs, used)
    ren = _primed(out)
    if ren:  # y' as a summation index (DL (6.22)): printed as written, evaluated under y_p
        used += [Definition(old, new, "summation index") for old, new in ren.items()]
        out = out.xreplace(ren)
    return out, tuple(dict.fromkeys(used))


def _primed(e: sp.Basic) -> dict:
    """Bound summation indices whose names are not identifiers (y'), each with an identifier name
    (y_p) that numeric evaluation can use."""
    out = {}
    for s in sp.preorder_traversal(e):
        if isinstance(s, (sp.Sum, sp.Product)):
            for lim in s.limits:
                v = lim[0]
                if isinstance(v, sp.Symbol) and not v.name.isidentifier():
                    out[v] = sp.Symbol(v.name.replace("'", "_p").replace("′", "_p"), **v.assumptions0)
    return out


def _unfold(e: sp.Basic, defs: tuple[Definition, ...], used: list[Definition]) -> sp.Basic:
    if isinstance(e, Notation):
        used.append(Definition(sp.Symbol(e.notation_name()), e.meaning(), "notation"))
        return _unfold(e.meaning(), defs, used)
    if not any(d.mentions(e) for d in defs) and not e.atoms(Notation):
        return e
    if isinstance(e, sp.Derivative):
        variables = [v for v, _ in e.variable_count]
        held = tuple(d for d in defs if any(d.matches(v) for v in variables))
        if held:
            inner = _unfold(e.expr, tuple(d for d in defs if d not in held), used)
            used.extend(held)  # the derivative is taken with respect to them: they are used
            r = e.func(inner, *e.variable_count).doit(deep=False)
            for dv in r.atoms(sp.Derivative):
                v = next((v for v in dv.variables if any(d.matches(v) for d in held)), None)
                if v is not None:
                    raise _input_error(f"SymPy cannot take the derivative of {dv.expr} with respect "
                                       f"to the defined quantity {v}")
            return _unfold(r, defs, used)
    for d in defs:
        if d.matches(e):
            used.append(d)
            return _unfold(d.instance(e), defs, used)
    if not e.args:
        return e
    return e.func(*[_unfold(a, defs, used) for a in e.args])
