"""Expression strings turned into SymPy objects without ever evaluating them, and size limits on any input.

``sympify`` and ``parse_expr`` both end in Python's ``eval``: a string such as
``"__import__('os').system(...)"`` runs. Here a string is read by ``ast.parse(text, mode="eval")``
(which only builds a syntax tree) and a walk over a whitelist of node types builds the SymPy
objects directly: numbers, names, ``+ - * / **`` (``^`` also means power, as in ``sympify``),
unary minus, calls of the functions in :data:`FUNCTIONS`, subscripts ``y[j]`` (an
``IndexedBase``), tuples as arguments (``Sum(f, (j, 1, n))``) and, where a relation is expected,
comparisons. Anything else is an :class:`InputError` naming what was refused.

Names. A name is looked up in the symbol table first (the caller's ``symbols=`` and the symbols
already present in the chain, matched by name); otherwise it becomes a new Symbol: ``real=True``
in general, ``integer=True`` when it is a subscript or the variable of a Sum/Product, and
``integer=True, positive=True`` when it is the upper bound of a Sum/Product (a size such as n).
A name that is subscripted becomes ``IndexedBase(name, real=True)``.

Limits (:func:`guard`, callable on any SymPy object, parsed or not): text longer than
:data:`MAX_TEXT` characters, integers of more than :data:`MAX_DIGITS` digits, integer exponents
beyond :data:`MAX_EXPONENT` (and numeric powers whose value would exceed the digit limit),
concrete Sum/Product ranges of more than :data:`MAX_TERMS` terms, derivatives of order above
:data:`MAX_ORDER`, nesting deeper than :data:`MAX_DEPTH` and matrices of more than
:data:`MAX_ENTRIES` entries are each one InputError, raised before any work is done on them.
"""
from __future__ import annotations

import ast
import math
from typing import Any, Callable, Iterable, Mapping

import sympy as sp
from sympy.core.function import AppliedUndef, FunctionClass, UndefinedFunction

from .errors import InputError

MAX_TEXT = 100_000        # characters of one expression string
MAX_DIGITS = 1000         # digits of one integer (numerator or denominator)
MAX_EXPONENT = 10_000     # |integer exponent| of a power
MAX_TERMS = 1_000_000     # terms of a Sum/Product over a concrete range
MAX_ORDER = 100           # order of a derivative
MAX_DEPTH = 100           # nesting of an expression tree: SymPy's own recursion (assumptions,
                          # printing) fails near 200 levels; the catalogue's deepest side has 15
MAX_ENTRIES = 10_000      # entries of a matrix

_MAX_BITS = int(MAX_DIGITS * math.log2(10)) + 1

FUNCTIONS: dict[str, Callable[..., Any]] = {
    "exp": sp.exp, "log": sp.log, "ln": sp.log, "sqrt": sp.sqrt, "Abs": sp.Abs, "abs": sp.Abs,
    "Max": sp.Max, "max": sp.Max, "Min": sp.Min, "min": sp.Min, "sign": sp.sign,
    "sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "atan": sp.atan,
    "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh, "sech": sp.sech, "csch": sp.csch,
    "coth": sp.coth, "asinh": sp.asinh, "atanh": sp.atanh,
    "Heaviside": sp.Heaviside, "KroneckerDelta": sp.KroneckerDelta, "floor": sp.floor,
    "ceiling": sp.ceiling,
    "Sum": sp.Sum, "Product": sp.Product, "Derivative": sp.Derivative, "Limit": sp.Limit,
    "Integral": sp.Integral,
}
RELATION_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "Eq": sp.Eq, "Ne": sp.Ne, "Lt": sp.Lt, "Le": sp.Le, "Gt": sp.Gt, "Ge": sp.Ge,
}
CONSTANTS: dict[str, sp.Basic] = {"pi": sp.pi, "E": sp.E, "oo": sp.oo}

_BINOPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}
_COMPARE: dict[type, Callable[[Any, Any], Any]] = {
    ast.Eq: sp.Eq, ast.NotEq: sp.Ne, ast.Lt: sp.Lt, ast.LtE: sp.Le, ast.Gt: sp.Gt, ast.GtE: sp.Ge,
}
_OPERATOR_TEXT = {ast.Mod: "%", ast.FloorDiv: "//", ast.MatMult: "@", ast.LShift: "<<",
                  ast.RShift: ">>", ast.BitOr: "|", ast.BitAnd: "&", ast.Invert: "~", ast.Not: "not"}
_REFUSED_NODES = {
    ast.Attribute: "attribute access", ast.Lambda: "lambda", ast.ListComp: "a comprehension",
    ast.SetComp: "a comprehension", ast.DictComp: "a comprehension",
    ast.GeneratorExp: "a comprehension", ast.JoinedStr: "an f-string", ast.FormattedValue: "an f-string",
    ast.NamedExpr: "assignment (:=)", ast.IfExp: "a conditional expression", ast.Await: "await",
    ast.Yield: "yield", ast.YieldFrom: "yield", ast.Starred: "unpacking (*)", ast.Dict: "a dict",
    ast.Set: "a set", ast.List: "a list", ast.Slice: "a slice",
}


class _Ambiguous:
    """A name that two different objects in the chain carry: using it in a string is an error."""

    def __init__(self, name: str, objs: Iterable[Any]):
        self.name, self.objs = name, list(objs)


def symbol_table(exprs: Iterable[Any], explicit: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Names a string may refer to: ``explicit`` first, then the symbols, IndexedBases and
    undefined functions of ``exprs`` by name (a name two different objects carry is ambiguous)."""
    found: dict[str, list[Any]] = {}
    bound: dict[str, Any] = {}
    for e in exprs:
        if isinstance(e, UndefinedFunction):  # a domain key such as Function('f')
            bucket = found.setdefault(str(e), [])
            if e not in bucket:
                bucket.append(e)
            continue
        if not isinstance(e, sp.Basic):
            continue
        bases = e.atoms(sp.IndexedBase)
        labels = {b.label for b in bases}  # y[j] has the free symbol y: the label, not another y
        objs: list[Any] = [s for s in e.free_symbols if isinstance(s, sp.Symbol) and s not in labels]
        objs += list(bases)
        objs += [f.func for f in e.atoms(AppliedUndef)]
        for o in objs:
            bucket = found.setdefault(str(o), [])
            if o not in bucket:
                bucket.append(o)
        for s in e.atoms(sp.Symbol) - e.free_symbols:  # bound indices: so Sum(y[j], ...) reads alike
            bound.setdefault(s.name, s)
    for k, v in bound.items():
        found.setdefault(k, [v])
    table: dict[str, Any] = {k: v[0] if len(v) == 1 else _Ambiguous(k, v) for k, v in found.items()}
    for k, v in (explicit or {}).items():
        if not isinstance(k, str):
            raise InputError(f"symbols= maps names (strings) to SymPy objects, got the key {k!r}")
        if not isinstance(v, (sp.Basic, FunctionClass, sp.IndexedBase)):
            raise InputError(f"symbols={{{k!r}: …}} must be a SymPy symbol, IndexedBase, function or "
                             f"expression, not {type(v).__name__}")
        table[k] = v
    return table


def parse(text: str, symbols: Mapping[str, Any] | None = None, *, relation: bool = False) -> sp.Basic:
    """Build the SymPy object a string denotes, without evaluating any code.

    ``symbols``: the names the string may use (see :func:`symbol_table`); ``relation``: the
    string is a hypothesis (``x > 0``, ``0 < p < 1``, ``Eq(Sum(y[j], (j, 1, n)), 1)``), not a side.
    """
    if not isinstance(text, str):
        raise InputError(f"expected a string, got {type(text).__name__}")
    if len(text) > MAX_TEXT:
        raise InputError(f"expression text of {len(text)} characters exceeds the limit of {MAX_TEXT}")
    try:
        # ^ is a power as in sympify; strings are refused, so no literal holds a ^ to protect
        text = text.strip().replace("^", "**")
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        if "too many nested" in exc.msg:
            raise InputError(f"expression {_short(text)} is nested too deeply to read") from None
        raise InputError(f"malformed expression {_short(text)}: {exc.msg}") from None
    except (MemoryError, RecursionError):  # the parser's own stack: nesting far too deep
        raise InputError(f"expression {_short(text)} is nested too deeply to read") from None
    except ValueError as exc:  # e.g. a NUL byte
        raise InputError(f"malformed expression {_short(text)}: {exc}") from None
    table = dict(symbols or {})
    for k, v in table.items():
        if not isinstance(v, (sp.Basic, FunctionClass, _Ambiguous)):
            raise InputError(f"the name {k!r} must stand for a SymPy object, not {type(v).__name__}")
    builder = _Builder(table, _roles(tree.body), text)
    try:
        out = builder.build(tree.body, 0, relation_ok=relation)
    except InputError:
        raise
    except RecursionError:  # SymPy's own evaluation recursed: the nesting is too deep for it
        raise InputError(f"expression {_short(text)} is nested too deeply to build") from None
    except Exception as exc:  # noqa: BLE001 - SymPy rejected the arguments (e.g. Sum(x) without
        # limits): whatever it raises, the string is a malformed expression
        raise InputError(f"malformed expression {_short(text)}: {type(exc).__name__}: {exc}") from None
    if not isinstance(out, sp.Basic):  # a bare tuple: (x, y)
        raise InputError(f"{_short(text)} is not an expression")
    return guard(out)


def _short(text: str) -> str:
    return repr(text if len(text) <= 80 else text[:77] + "...")


def _roles(body: ast.AST) -> dict[str, dict]:
    """Assumptions a new Symbol gets from where its name occurs (index, bound variable, size)."""
    roles: dict[str, dict] = {}

    def mark(node: ast.AST, **kw) -> None:
        if isinstance(node, ast.Name):
            roles.setdefault(node.id, {}).update(kw)

    for node in ast.walk(body):
        if isinstance(node, ast.Subscript):
            idx = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            for e in idx:
                for nm in ast.walk(e):
                    mark(nm, integer=True)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in ("Sum", "Product"):
            for lim in node.args[1:]:
                if isinstance(lim, ast.Tuple) and lim.elts:
                    mark(lim.elts[0], integer=True)
                    if len(lim.elts) == 3:
                        mark(lim.elts[1], integer=True)
                        mark(lim.elts[2], integer=True, positive=True)
    return roles


class _Builder:
    def __init__(self, table: dict[str, Any], roles: dict[str, dict], text: str):
        self.table, self.roles, self.text = table, roles, text
        self.made: dict[str, Any] = {}

    # -------------------------------------------------------------- names
    def _lookup(self, name: str) -> Any | None:
        if name.startswith("__"):
            raise InputError(f"name {name!r} is not allowed")
        obj = self.table.get(name)
        if isinstance(obj, _Ambiguous):
            raise InputError(f"name {name!r} is ambiguous: the chain holds {len(obj.objs)} different "
                             f"objects called {name} (pass symbols={{{name!r}: …}})")
        return obj

    def name(self, name: str) -> Any:
        obj = self._lookup(name)
        if obj is not None:
            return obj
        if name in CONSTANTS:
            return CONSTANTS[name]
        if name in FUNCTIONS or name in RELATION_FUNCTIONS:
            raise InputError(f"function {name!r} used without arguments")
        if name in ("True", "False", "None"):
            raise InputError(f"{name} is not an expression")
        if name not in self.made:
            self.made[name] = sp.Symbol(name, **(self.roles.get(name) or {"real": True}))
        return self.made[name]

    def base(self, name: str) -> sp.IndexedBase:
        obj = self._lookup(name)
        if obj is None:
            if name in CONSTANTS or name in FUNCTIONS:
                raise InputError(f"{name!r} cannot be subscripted")
            key = "[]" + name
            if key not in self.made:
                self.made[key] = sp.IndexedBase(name, real=True)
            return self.made[key]
        if not isinstance(obj, sp.IndexedBase):
            raise InputError(f"{name!r} is a {type(obj).__name__}, not an IndexedBase: "
                             "it cannot be subscripted")
        return obj

    # -------------------------------------------------------------- the walk
    def build(self, node: ast.AST, depth: int, relation_ok: bool = False, limit_dir: bool = False) -> Any:
        if depth > MAX_DEPTH:
            raise InputError(f"expression nested deeper than {MAX_DEPTH} levels")
        d = depth + 1
        if type(node) in _REFUSED_NODES:
            raise InputError(f"{_REFUSED_NODES[type(node)]} is not allowed")
        if isinstance(node, ast.Constant):
            return self.constant(node, relation_ok, limit_dir)
        if isinstance(node, ast.Name):
            if relation_ok and node.id in ("True", "False"):
                return sp.true if node.id == "True" else sp.false
            return self.name(node.id)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, (ast.USub, ast.UAdd)):
                v = self.build(node.operand, d)
                return _number_ok(-v if isinstance(node.op, ast.USub) else v)
            raise InputError(f"operator {_OPERATOR_TEXT.get(type(node.op), type(node.op).__name__)!r} "
                             "is not allowed")
        if isinstance(node, ast.BinOp):
            return self.binop(node, d)
        if isinstance(node, ast.Call):
            return self.call(node, d, relation_ok)
        if isinstance(node, ast.Subscript):
            idx = node.slice
            if not isinstance(node.value, ast.Name):
                raise InputError("only a name can be subscripted (y[j])")
            parts = idx.elts if isinstance(idx, ast.Tuple) else [idx]
            return self.base(node.value.id)[tuple(self.build(p, d) for p in parts)]
        if isinstance(node, ast.Tuple):
            return tuple(self.build(e, d) for e in node.elts)
        if isinstance(node, ast.Compare):
            if not relation_ok:
                raise InputError("a side is an expression, not a relation")
            return self.compare(node, d)
        if isinstance(node, ast.BoolOp):
            if not relation_ok or not isinstance(node.op, ast.And):
                raise InputError("'and'/'or' are only allowed between hypotheses ('and' only)")
            return sp.And(*(self.build(v, d, relation_ok=True) for v in node.values))
        raise InputError(f"{type(node).__name__} is not allowed in an expression")

    def constant(self, node: ast.Constant, relation_ok: bool, limit_dir: bool) -> Any:
        v = node.value
        if isinstance(v, bool):
            if relation_ok:
                return sp.true if v else sp.false
            raise InputError(f"{v} is not an expression")
        if isinstance(v, int):
            if v.bit_length() > _MAX_BITS:
                raise InputError(f"an integer of more than {MAX_DIGITS} digits is not allowed")
            return sp.Integer(v)
        if isinstance(v, float):
            # the literal's own digits, not the nearest double (1e999 is not infinity)
            literal = ast.get_source_segment(self.text, node) or repr(v)
            mantissa, _, exponent = literal.lower().replace("_", "").partition("e")
            if sum(ch.isdigit() for ch in mantissa) > MAX_DIGITS or abs(int(exponent or 0)) > MAX_DIGITS:
                # SymPy's Float('1e999999') spends minutes building 10**999999 exactly
                raise InputError(f"a decimal number beyond {MAX_DIGITS} digits or 1e±{MAX_DIGITS} "
                                 "is not allowed")
            return _number_ok(sp.Float(literal))
        if isinstance(v, str) and limit_dir and v in ("+", "-", "+-"):
            return v
        kind = {str: "a string", bytes: "bytes", complex: "a complex literal"}.get(type(v), repr(v))
        raise InputError(f"{kind} is not allowed in an expression")

    def binop(self, node: ast.BinOp, d: int) -> Any:
        op = type(node.op)
        if op is ast.Pow:
            a, b = self.build(node.left, d), self.build(node.right, d)
            _power_ok(a, b)
            return _number_ok(a ** b)
        if op in _BINOPS:
            return _number_ok(_BINOPS[op](self.build(node.left, d), self.build(node.right, d)))
        raise InputError(f"operator {_OPERATOR_TEXT.get(op, op.__name__)!r} is not allowed")

    def call(self, node: ast.Call, d: int, relation_ok: bool) -> Any:
        if not isinstance(node.func, ast.Name):
            if isinstance(node.func, ast.Attribute):
                raise InputError("attribute access is not allowed")
            raise InputError("only a named function can be called")
        name = node.func.id
        if node.keywords:
            raise InputError(f"keyword arguments are not allowed (in the call of {name!r})")
        fn = self._lookup(name)
        if fn is not None:
            if not isinstance(fn, (FunctionClass, sp.Lambda)):
                raise InputError(f"{name!r} is a {type(fn).__name__}, not a function: it cannot be called")
        elif name in FUNCTIONS:
            fn = FUNCTIONS[name]
        elif name in RELATION_FUNCTIONS:
            if not relation_ok:
                raise InputError("a side is an expression, not a relation")
            fn = RELATION_FUNCTIONS[name]
        else:
            raise InputError(f"call of {name!r} is not allowed (functions: {', '.join(sorted(FUNCTIONS))}; "
                             "pass others by symbols=)")
        args = [self.build(a, d, limit_dir=(name == "Limit" and k == 3)) for k, a in enumerate(node.args)]
        if name in ("Sum", "Product"):
            _range_ok(args[1:])
        return _number_ok(fn(*args))

    def compare(self, node: ast.Compare, d: int) -> Any:
        terms = [self.build(node.left, d)] + [self.build(c, d) for c in node.comparators]
        rels = [_COMPARE[type(op)](a, b) if type(op) in _COMPARE else None
                for op, a, b in zip(node.ops, terms, terms[1:])]
        if any(r is None for r in rels):
            raise InputError("only == != < <= > >= are allowed between expressions")
        return rels[0] if len(rels) == 1 else sp.And(*rels)


# ---------------------------------------------------------------- limits
def _number_ok(v: Any) -> Any:
    """Refuse a number that arithmetic on literals made too large (10**999 * 10**999 ...), or a
    float carried at more than MAX_DIGITS digits of precision (every operation on it would pay)."""
    if isinstance(v, sp.Rational) and (v.p.bit_length() > _MAX_BITS or v.q.bit_length() > _MAX_BITS):
        raise InputError(f"a number of more than {MAX_DIGITS} digits is not allowed")
    if isinstance(v, sp.Float) and v._prec > _MAX_BITS:
        raise InputError(f"a decimal number of more than {MAX_DIGITS} digits is not allowed")
    return v


def _exponent_too_large(base: Any, exp: Any) -> bool:
    return isinstance(exp, sp.Rational) and abs(exp) > MAX_EXPONENT and base not in (0, 1, -1)


def _power_ok(base: Any, exp: Any) -> None:
    """Refuse a power before SymPy computes it: 10**10**10 would take all memory."""
    if _exponent_too_large(base, exp):
        raise InputError(f"an exponent of {_size(exp)} exceeds the limit of {MAX_EXPONENT}")
    if isinstance(base, sp.Rational) and isinstance(exp, sp.Rational) and base not in (0, 1, -1) \
            and abs(exp) > 1:
        digits = float(abs(exp)) * math.log10(max(abs(base.p), base.q))
        if digits > MAX_DIGITS:
            raise InputError(f"a power of about {digits:.3g} digits exceeds the limit of {MAX_DIGITS}")


def _range_ok(limits: list) -> None:
    for lim in limits:
        if isinstance(lim, (tuple, sp.Tuple)) and len(lim) == 3:
            lo, hi = sp.sympify(lim[1]), sp.sympify(lim[2])
            if isinstance(lo, sp.Integer) and isinstance(hi, sp.Integer) and hi - lo + 1 > MAX_TERMS:
                raise InputError(f"a sum or product over {_size(hi - lo + 1)} terms exceeds the limit "
                                 f"of {MAX_TERMS}")


def _size(k: sp.Rational) -> str:
    k = abs(int(k))
    if k < 10**12:
        return str(k)
    return f"about 10^{len(str(k)) - 1}" if k.bit_length() < 4000 else "a huge number"


def guard(expr: Any) -> Any:
    """Refuse an expression (parsed or built in Python) that asks for more than the limits allow.

    One pass over the tree; returns ``expr`` unchanged when it is within the limits.
    """
    if isinstance(expr, sp.MatrixBase):
        if expr.rows * expr.cols > MAX_ENTRIES:
            raise InputError(f"a {expr.rows}×{expr.cols} matrix exceeds the limit of {MAX_ENTRIES} entries")
        for e in expr:
            guard(e)
        return expr
    if not isinstance(expr, sp.Basic):
        return expr
    stack: list[tuple[sp.Basic, int]] = [(expr, 0)]
    while stack:
        e, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(f"expression nested deeper than {MAX_DEPTH} levels")
        if isinstance(e, (sp.Rational, sp.Float)):
            _number_ok(e)
        elif isinstance(e, sp.Pow):
            if _exponent_too_large(e.base, e.exp):
                raise InputError(f"an exponent of {_size(e.exp)} exceeds the limit of {MAX_EXPONENT}")
        elif isinstance(e, (sp.Sum, sp.Product)):
            _range_ok([tuple(lim) for lim in e.limits])
        elif isinstance(e, sp.Derivative):
            for _, count in e.variable_count:
                if isinstance(count, sp.Integer) and count > MAX_ORDER:
                    raise InputError(f"a derivative of order {_size(count)} exceeds the limit of {MAX_ORDER}")
        if isinstance(e, sp.MatrixBase):
            guard(e)
            continue
        stack.extend((a, depth + 1) for a in e.args if isinstance(a, sp.Basic))
    return expr
