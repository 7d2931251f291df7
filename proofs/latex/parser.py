"""Read one relation side of derivation LaTeX into SymPy: lark's LALR parser + a transformer.

The grammar (``derivation.lark``) is LALR(1), so lark builds a deterministic parser: there is
one reading or a syntax error, never a silent choice between trees.  The transformer turns the
tree into SymPy under the document's :class:`~proofs.latex.notation.Notation` (which letters are
indices, which names are functions, the size n).  It never calls ``sympify``/``eval`` on text:
every SymPy object is built from a token by a constructor.

Why this base: SymPy's own lark grammar (``sympy/parsing/latex/lark``) runs Earley with
explicit ambiguity, and its core rules are ambiguous by design — measured here,
``a_i \\sum_{j=1}^n y_j - y_i`` comes back as two trees (the sum's body with or without
``- y_i``) and ``y_i(1 - a_i)`` as a function application or a product; reading derivation
notation means replacing those core rules, i.e. a new grammar anyway.  Written for lark's LALR
parser, a reduce/reduce conflict is an error when the parser is built, the one shift/reduce
conflict lark resolves is the documented convention below (:func:`shift_conflicts` lists it and
a test pins it), and parsing is linear-time.  The antlr backend needs antlr4-python3-runtime
4.11 exactly and latex2sympy2 reads ``\\log`` as base 10.

Reading rules (derivation notation):
  * z_i, w_{ij}, x_{i,j}, a_j^L -> IndexedBase entries z[i], w[i, j] (indices are integer
    symbols); an upper-case subscript is part of a name (D_{KL}); \\delta_{ij} -> KroneckerDelta;
  * \\sum_j f, \\sum_{j=1}^n f -> Sum over 1..n; \\sum_{j \\ne i} f and \\sum_{i = j} f are
    restricted sums, resolved per relation by :func:`resolve_restricted` (the index free in the
    rest of the relation is the fixed one);
  * a big operator's body is the product that follows it (\\sum_j a_j b_j c = Σ_j (a_j b_j c)),
    up to the next + or − at its level;
  * \\ln x, \\exp x take the factor that follows; ``\\ln a b`` is refused as ambiguous;
  * f(x) is an application when f is a declared or defined function (or for two or more
    arguments), otherwise a product; e^{x} is exp(x); \\log is the natural logarithm.
"""
from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lark
import sympy as sp

from ..chain import InputError
from .normalize import normalize

GRAMMAR = Path(__file__).with_name("derivation.lark")
MAX_EXPONENT = 10_000          # 2^{k}: |k| above this is refused (big integers)
MAX_POWER = 1_000              # (x + 1)^{k}: |k| above this is refused (expansion)
MAX_TERMS = 10_000             # a sum or product over a concrete range of more terms is refused
MAX_DIGITS = 60                # a number literal longer than this is refused
SOFT_FUNCTIONS = frozenset({"sigma"})   # σ(…) applies σ (arbitrary unless defined); σ alone is a variable
RSUM = sp.Function("_restricted_sum")   # placeholder: (body, u, v, 0 for u = v / 1 for u != v)

_log = io.StringIO()


def _build() -> tuple[lark.Lark, list[str]]:
    handler = logging.StreamHandler(_log)
    saved, old, prop = lark.logger.handlers[:], lark.logger.level, lark.logger.propagate
    lark.logger.handlers[:] = [handler]   # lark's own handler would print the conflicts on stderr
    lark.logger.setLevel(logging.DEBUG)
    lark.logger.propagate = False
    try:
        p = lark.Lark(GRAMMAR.read_text(encoding="utf-8"), parser="lalr", lexer="contextual",
                      debug=True, maybe_placeholders=False)
    finally:
        lark.logger.handlers[:] = saved
        lark.logger.setLevel(old)
        lark.logger.propagate = prop
    conflicts = sorted({ln.strip() for ln in _log.getvalue().splitlines() if ln.strip().startswith("*")})
    return p, conflicts


_PARSER: tuple[lark.Lark, list[str]] | None = None


def _parser() -> lark.Lark:
    global _PARSER
    if _PARSER is None:
        _PARSER = _build()
    return _PARSER[0]


def shift_conflicts() -> list[str]:
    """The LALR items lark resolved as "shift" (see the grammar's header); nothing else."""
    _parser()
    return _PARSER[1]


# ---------------------------------------------------------------- what a side may mention
@dataclass(frozen=True)
class Scope:
    """What the transformer needs from the notation: sizes, indices, functions."""

    size: str = "n"
    indices: frozenset[str] = frozenset("ijk")
    functions: frozenset[str] = frozenset()       # names read as functions: f(x) applies f
    distributions: frozenset[str] = frozenset()   # p(x_i) is the entry p_i of the vector p
    variables: frozenset[str] = frozenset()       # letters that are never special (e.g. e, d)
    positive: frozenset[str] = frozenset()
    layers: frozenset[str] = frozenset()          # a^L_j: L names a layer, part of the vector's name

    def n(self) -> sp.Symbol:
        return sp.Symbol(self.size, integer=True, positive=True)

    def index(self, name: str) -> sp.Symbol:
        return sp.Symbol(name, integer=True, positive=True)

    def scalar(self, name: str) -> sp.Symbol:
        if name == self.size:
            return self.n()
        if name in self.indices:
            return self.index(name)
        if name in self.positive:
            return sp.Symbol(name, positive=True)
        return sp.Symbol(name, real=True)

    def base(self, name: str) -> sp.IndexedBase:
        if name in self.positive:
            return sp.IndexedBase(name, positive=True)
        return sp.IndexedBase(name, real=True)


# ---------------------------------------------------------------- intermediate values
@dataclass(frozen=True)
class Fn:
    """A function name waiting for its argument (\\sigma, \\operatorname{softmax}, a declared f);
    ``primes``: σ'(z) is the derivative; ``soft``: σ alone (σ^2, σ z) is a plain variable."""
    name: str
    primes: int = 0
    soft: bool = False


@dataclass(frozen=True)
class Paren:
    """A parenthesised group: one expression or an argument list."""
    args: tuple


@dataclass(frozen=True)
class Bare:
    """\\ln x without parentheses: ambiguous if another factor follows it."""
    value: sp.Basic
    head: str


@dataclass(frozen=True)
class Pending:
    """\\ln p(x_i): \\ln of a function name whose argument follows."""
    head: Any
    fn: Fn
    base: Any = None


@dataclass(frozen=True)
class DOp:
    """\\frac{\\partial}{\\partial x}: applies to the factor that follows."""
    variables: tuple


class ReadError(InputError):
    """A construct the reader refuses, with the LaTeX it could not read."""


def _x(v: Any) -> sp.Basic:
    """The SymPy value of an intermediate."""
    if isinstance(v, Paren):
        if len(v.args) != 1:
            raise ReadError(f"a list ({', '.join(map(str, v.args))}) where one expression is expected")
        return _x(v.args[0])
    if isinstance(v, Bare):
        return v.value
    if isinstance(v, Fn):
        if v.soft and not v.primes:
            return sp.Symbol(v.name, real=True)
        raise ReadError(f"the function {v.name}{chr(39) * v.primes} has no argument")
    if isinstance(v, DOp):
        raise ReadError("a derivative operator ∂/∂… with nothing to differentiate")
    return v


def _number_guard(e: sp.Basic) -> None:
    if e.has(sp.zoo, sp.nan):
        raise ReadError("division by zero")


def _is_symbolic_index(e) -> bool:
    return isinstance(e, sp.Symbol) and e.is_integer


class ToSymPy(lark.Transformer):
    """The tree -> SymPy, under a :class:`Scope`."""

    def __init__(self, scope: Scope):
        super().__init__()
        self.s = scope

    # ---- names
    def letter(self, t):
        return "".join(map(str, t))

    def greek(self, t):
        return "".join(map(str, t))[1:]

    def accent(self, t):
        acc = str(t[0])[1:].replace("wide", "").replace("overline", "bar")
        return f"{t[1]}{acc}"

    def opname(self, t):
        return "@" + str(t[0])[len("\\operatorname{"):-1]

    def indices(self, t):
        return tuple(_x(e) for e in t if not isinstance(e, lark.Token))

    def symbol(self, t):
        name = t[0]
        primes = len(name) - len(name.rstrip("'"))
        if primes:
            base = name.rstrip("'")
            if len(t) > 1 or not (base in self.s.functions or base in SOFT_FUNCTIONS):
                raise ReadError(f"a prime on {base}, which is not a function (declare it: function: {base})")
            return Fn(base, primes)
        if len(t) == 1:
            bare = name.lstrip("@")
            if name.startswith("@") or bare in self.s.functions or bare in self.s.distributions:
                return Fn(bare)
            if bare in SOFT_FUNCTIONS and bare not in self.s.variables:
                return Fn(bare, soft=True)
            if bare == "pi" and "pi" not in self.s.variables:
                return sp.pi
            if bare == "e" and "e" not in self.s.variables:
                return sp.E
            return self.s.scalar(bare)
        idx = t[1]
        if name.startswith("@"):
            raise ReadError(f"a subscript on \\operatorname{{{name[1:]}}}")
        if all(isinstance(i, sp.Symbol) and i.name.isupper() for i in idx) or \
                all(isinstance(i, sp.Symbol) and len(i.name) > 1 for i in idx):
            label = name + "_" + "".join(i.name for i in idx)        # D_{KL}: a name, not indices
            return Fn(label) if label in self.s.functions else self.s.scalar(label)
        idx = tuple(self._as_index(i) for i in idx)
        if name == "delta" and len(idx) == 2:
            return sp.KroneckerDelta(*idx)
        if name in self.s.functions:
            raise ReadError(f"{name} is declared a function but is written with a subscript")
        return self.s.base(name)[idx]

    def _as_index(self, e):
        if isinstance(e, sp.Symbol):
            return e if e.is_integer else self.s.index(e.name)
        if not isinstance(e, sp.Basic):
            raise ReadError(f"cannot read the index {e}")
        if not e.is_integer and not all(s.is_integer for s in e.free_symbols):
            e = e.xreplace({s: self.s.index(s.name) for s in e.free_symbols if isinstance(s, sp.Symbol)})
        return e

    # ---- atoms
    def number(self, t):
        text = str(t[0])
        if len(text) > MAX_DIGITS:
            raise ReadError(f"a number of {len(text)} digits")
        return sp.Rational(text) if "." in text else sp.Integer(text)

    def infty(self, t):
        return sp.oo

    def paren(self, t):
        return Paren(tuple(_x(a) if not isinstance(a, Fn) else sp.Symbol(a.name) for a in t[0]))

    def args(self, t):
        return [a for a in t if not (isinstance(a, lark.Token) and a.type == "ARGSEP")]

    def bracket(self, t):
        return Paren((_x(t[0]),))

    def brace(self, t):
        return t[0]

    def frac(self, t):
        num, den = _x(t[1]), _x(t[2])
        d = sp.Symbol("d", real=True)
        if "d" not in self.s.variables and num.has(d) and den.has(d):   # \frac{d y}{d x}
            var = sp.cancel(den / d)
            if isinstance(var, (sp.Symbol, sp.Indexed)):
                f = sp.cancel(num / d)
                return DOp(((var, 1),)) if f == 1 else sp.Derivative(f, var)
        if den == 0:
            raise ReadError("division by zero")
        out = num / den
        _number_guard(out)
        return out

    def derivative(self, t):
        rest = list(t[2:])
        order = 1
        if rest and isinstance(rest[0], tuple) and rest[0][0] == "order":
            order = rest.pop(0)[1]
        dv = rest.pop()
        f = _x(rest[0]) if rest else None
        total = sum(k for _, k in dv)
        if total != order:
            raise ReadError(f"∂^{order} over variables of total order {total}")
        if f is None:
            return DOp(dv)
        return sp.Derivative(f, *dv)

    def order(self, t):
        k = int(str(t[0]).split(".")[0])
        if k > 10:
            raise ReadError(f"a derivative of order {k}")
        return ("order", k)

    def dvars(self, t):
        out, k = [], 0
        items = [a for a in t if not (isinstance(a, lark.Token) and a.type == "PARTIAL")]
        while k < len(items):
            v = _x(items[k])
            if not isinstance(v, (sp.Symbol, sp.Indexed)):
                raise ReadError(f"∂{v}: a derivative is taken with respect to a variable")
            order = 1
            if k + 1 < len(items) and isinstance(items[k + 1], tuple):
                order = items[k + 1][1]
                k += 1
            out.append((v, order))
            k += 1
        return tuple(out)

    def sqrt(self, t):
        return sp.sqrt(_x(t[1]))

    def root(self, t):
        return sp.root(_x(t[2]), _x(t[1]))

    # ---- powers
    def _layer(self, base, ex):
        """a_j^L, a^L_j with L a declared layer: the entry j of the vector a^L (NNDL's notation)."""
        if isinstance(ex, sp.Symbol) and ex.name in self.s.layers:
            if isinstance(base, sp.Indexed):
                return self.s.base(f"{base.base.label}^{ex.name}")[base.indices]
            if isinstance(base, sp.Symbol) and not base.is_integer:
                return self.s.scalar(f"{base.name}^{ex.name}")
        return None

    def pow_sub(self, t):
        base, ex, idx = _x(t[0]), _x(t[1]), t[2]
        if not isinstance(base, sp.Symbol) or base.is_integer:
            raise ReadError(f"a subscript after the power {base}^{ex}")
        entry = self.s.base(base.name)[tuple(self._as_index(i) for i in idx)]
        layered = self._layer(entry, ex)
        return layered if layered is not None else self.pow([entry, ex])

    def pow(self, t):
        layered = self._layer(_x(t[0]) if not isinstance(t[0], Fn) else None, _x(t[1]))
        if layered is not None:
            return layered
        base, ex = t[0], _x(t[1])
        if isinstance(base, Fn) and base.soft and not base.primes:
            base = _x(base)
        if isinstance(base, Fn):
            raise ReadError(f"a power of the function name {base.name} (write ({base.name}(x))^k)")
        base = _x(base)
        if base == sp.E:
            return sp.exp(ex)
        if ex.is_Number and abs(ex) > MAX_EXPONENT:
            raise ReadError(f"an exponent of {ex} (the limit is {MAX_EXPONENT})")
        if ex.is_Number and not base.is_Number and abs(ex) > MAX_POWER:
            raise ReadError(f"an exponent of {ex} on {base} (the limit is {MAX_POWER})")
        if ex.is_Number and base.is_Number and abs(base) > 1 and \
                abs(ex) * sp.log(abs(base), 10) > 10 * MAX_EXPONENT:
            raise ReadError(f"{base}^{ex} is too large to compute")
        out = base ** ex
        _number_guard(out)
        return out

    def factorial(self, t):
        v = _x(t[0])
        if v.is_Number and v > 1000:
            raise ReadError(f"{v}! is too large to compute")
        return sp.factorial(v)

    # ---- functions
    def _apply_func(self, head: str, arg, base=None):
        name = str(head)[1:]
        args = arg.args if isinstance(arg, Paren) else (_x(arg),)
        one = {"ln": sp.log, "log": sp.log, "exp": sp.exp, "sin": sp.sin, "cos": sp.cos, "tan": sp.tan,
               "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh, "arcsin": sp.asin,
               "arccos": sp.acos, "arctan": sp.atan}
        if name in ("max", "min"):
            return (sp.Max if name == "max" else sp.Min)(*args)
        if len(args) != 1:
            raise ReadError(f"\\{name} takes one argument, got {len(args)}")
        if base is not None:
            if name != "log":
                raise ReadError(f"\\{name} with a subscript")
            return sp.log(args[0], _x(base))
        return one[name](args[0])

    def fn_bare(self, t):
        if isinstance(t[1], Fn):
            return Pending(t[0], t[1])
        value = self._apply_func(t[0], t[1])
        return value if isinstance(t[1], Paren) else Bare(value, str(t[0]))

    def fn_base(self, t):
        if isinstance(t[2], Fn):
            return Pending(t[0], t[2], t[1])
        value = self._apply_func(t[0], t[2], base=t[1])
        return value if isinstance(t[2], Paren) else Bare(value, str(t[0]))

    def _call(self, f: Fn, p: Paren):
        if f.primes:
            if len(p.args) != 1 or not isinstance(p.args[0], (sp.Symbol, sp.Indexed)):
                raise ReadError(f"{f.name}{chr(39) * f.primes}(…) of an expression: write it as a derivative")
            v = p.args[0]
            return sp.Derivative(sp.Function(f.name)(v), (v, f.primes))
        if f.name in self.s.distributions:
            if len(p.args) != 1:
                raise ReadError(f"the distribution {f.name} takes one argument")
            a = p.args[0]
            if isinstance(a, sp.Indexed):
                return self.s.base(f.name)[a.indices]   # p(x_i) is the entry p_i
            return sp.Symbol(f.name)                     # p(x): the distribution as a whole
        return sp.Function(f.name)(*p.args)

    def prod(self, t):
        items = list(t)
        out: list[sp.Basic] = []
        k = 0
        while k < len(items):
            it = items[k]
            nxt = items[k + 1] if k + 1 < len(items) else None
            if isinstance(it, Pending):
                if not isinstance(nxt, Paren):
                    raise ReadError(f"the function {it.fn.name} needs an argument in parentheses")
                value = self._apply_func(it.head, self._call(it.fn, nxt), base=it.base)
                items[k + 1] = Bare(value, str(it.head))
                k += 1
                continue
            if isinstance(it, Fn):
                if len(items) == 1:
                    out.append(it)
                    break
                if it.soft and not isinstance(nxt, Paren):   # σ z, σ^2: a plain variable
                    out.append(_x(it))
                    k += 1
                    continue
                if not isinstance(nxt, Paren):
                    raise ReadError(f"the function {it.name} needs an argument in parentheses")
                out.append(self._call(it, nxt))
                k += 2
                continue
            if isinstance(it, sp.Symbol) and isinstance(nxt, Paren) and len(nxt.args) > 1:
                out.append(self._call(Fn(it.name), nxt))
                k += 2
                continue
            if isinstance(it, DOp):
                if nxt is None:
                    raise ReadError("∂/∂… with nothing after it")
                if k + 2 < len(items) and not isinstance(nxt, Paren):
                    raise ReadError("ambiguous: ∂/∂x a b — write ∂/∂x (a b) or (∂a/∂x) b")
                out.append(sp.Derivative(_x(nxt), *it.variables))
                k += 2
                continue
            if isinstance(it, Bare) and nxt is not None:
                raise ReadError(f"ambiguous: {it.head} applied to a factor that another factor "
                                f"follows — write {it.head}(…) with parentheses")
            out.append(_x(it))
            k += 1
        if len(out) == 1 and len(items) == 1 and isinstance(items[0], Fn):
            return items[0]   # a bare function name as an argument: H(p, q)
        return out[0] if len(out) == 1 else sp.Mul(*out)

    # ---- big operators
    def sub(self, t):
        if len(t) == 1:
            return ("sub", _x(t[0]), None, None)
        return ("sub", _x(t[0]), str(t[1]), _x(t[2]))

    def sup(self, t):
        return ("sup", _x(t[0]))

    def limits(self, t):
        d = {x[0]: x for x in t}
        return d.get("sub"), d.get("sup")

    def _range(self, lo, hi, what):
        if lo.is_Number and hi.is_Number and hi - lo + 1 > MAX_TERMS:
            raise ReadError(f"a {what} of {hi - lo + 1} terms (the limit is {MAX_TERMS})")

    def _bigop(self, cls, t, what):
        lim = t[1] if len(t) == 3 else (None, None)
        body = _x(t[-1])
        sub, sup = lim
        if sub is None:
            raise ReadError(f"a {what} without an index")
        _, var, rel, val = sub
        if not isinstance(var, sp.Symbol):
            raise ReadError(f"a {what} over {var}: the index must be a letter")
        var = self.s.index(var.name) if not var.is_integer else var
        hi = sup[1] if sup else self.s.n()
        if rel is None:
            return cls(body, (var, 1, hi))
        if rel == "=" and (sup is not None or not _is_symbolic_index(val)):
            self._range(val, hi, what)
            return cls(body, (var, val, hi))
        if cls is sp.Sum and sup is None and rel in ("=", r"\ne", r"\neq") and _is_symbolic_index(val):
            return RSUM(body, var, val, sp.Integer(0 if rel == "=" else 1))
        raise ReadError(f"a {what} under the condition {var} {rel} {val}")

    def summation(self, t):
        return self._bigop(sp.Sum, t, "sum")

    def product(self, t):
        return self._bigop(sp.Product, t, "product")

    def limit(self, t):
        var, to, body = _x(t[1]), _x(t[3]), _x(t[4])
        if not isinstance(var, sp.Symbol):
            raise ReadError(f"a limit in {var}: the variable must be a letter")
        return sp.Limit(body, var, to)

    # ---- arithmetic
    def add(self, t):
        return _x(t[0]) + _x(t[1])

    def minus(self, t):
        return _x(t[0]) - _x(t[1])

    def neg(self, t):
        return -_x(t[0])

    def signed(self, t):
        return _x(t[0])

    def mul(self, t):
        return _x(t[0]) * _x(t[2])

    def div(self, t):
        den = _x(t[2])
        if den == 0:
            raise ReadError("division by zero")
        return _x(t[0]) / den


def _fix_subscripts(tree: lark.Tree) -> lark.Tree:
    """w_{ij}: a subscript that is a run of plain letters/digits is that many indices, in the
    written order (a SymPy product would sort them)."""
    for node in tree.iter_subtrees():
        if node.data == "indices" and len(node.children) == 1:
            c = node.children[0]
            if isinstance(c, lark.Tree) and c.data == "prod" and all(
                    isinstance(f, lark.Tree) and f.data == "symbol" and len(f.children) == 1
                    and f.children[0].data == "letter" for f in c.children):
                node.children = list(c.children)
    return tree


def parse_side(tex: str, scope: Scope) -> sp.Basic:
    """One side of a relation -> SymPy; a :class:`ReadError` names what could not be read."""
    s = normalize(tex)
    if not s:
        raise ReadError("an empty side")
    try:
        tree = _parser().parse(s)
    except lark.exceptions.UnexpectedCharacters as exc:
        raise ReadError(f"cannot read `{s[max(0, exc.column - 1):exc.column + 20]}`") from None
    except lark.exceptions.UnexpectedToken as exc:
        where = s[max(0, exc.column - 1):exc.column + 20] if exc.column and exc.column > 0 else "the end"
        raise ReadError(f"unexpected `{exc.token}` at `{where}`") from None
    except lark.exceptions.UnexpectedEOF:
        raise ReadError("the expression ends too early") from None
    tree = _fix_subscripts(tree)
    try:
        return _x(ToSymPy(scope).transform(tree))
    except lark.exceptions.VisitError as exc:
        orig = exc.orig_exc
        if isinstance(orig, InputError):
            raise ReadError(str(orig)) from None
        if isinstance(orig, RecursionError):
            raise ReadError("nested too deeply") from None
        raise ReadError(f"cannot build `{s[:80]}`: {type(orig).__name__}: {orig}") from None
    except RecursionError:
        raise ReadError("nested too deeply") from None
