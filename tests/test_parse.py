"""The safe expression parser: strings never run code, oversized input fails fast and cleanly."""
from __future__ import annotations

import time

import pytest
import sympy as sp
import sympy.parsing.sympy_parser as sympy_parser

from proofs import Chain, InputError, check
from proofs.parse import MAX_DEPTH, guard, parse

x = sp.Symbol("x", real=True)
n = sp.Symbol("n", integer=True, positive=True)
j = sp.Symbol("j", integer=True, positive=True)
y = sp.IndexedBase("y", real=True)

# Each tries to run code, read or write a file; {m} is the marker file's path.
INJECTIONS = [
    "__import__('os').system('touch {m}')",
    "eval(\"__import__('os').system('touch {m}')\")",
    "exec(\"open('{m}', 'w').close()\")",
    "open('{m}', 'w')",
    "compile('1', '{m}', 'eval')",
    "getattr(__import__('os'), 'system')('touch {m}')",
    "().__class__.__bases__[0].__subclasses__()",
    "x.__class__.__init__.__globals__['os'].system('touch {m}')",
    "Symbol('x').__class__.__mro__",
    "exp.__call__(1)",
    "(lambda: __import__('os').system('touch {m}'))()",
    "[__import__('os').system('touch {m}') for _ in (1,)]",
    "{{__import__('os').system('touch {m}') for _ in (1,)}}",
    "sum(__import__('os').system('touch {m}') for _ in (1,))",
    "f\"{{__import__('os').system('touch {m}')}}\"",
    "sympify(\"__import__('os').system('touch {m}')\")",
    "S(\"__import__('os').system('touch {m}')\")",
    "parse_expr(\"__import__('os').system('touch {m}')\")",
    "exp(__import__('os').system('touch {m}'))",
    "Sum(__builtins__, (j, 1, n))",
    "__builtins__['eval']('1')",
    "y[__import__('os').system('touch {m}')]",
    "(a := __import__('os'))",
    "globals()", "vars()", "breakpoint()", "input()", "help()",
    "x if __import__('os').system('touch {m}') else x",
    "exp(x, **{{'evaluate': __import__('os').system('touch {m}')}})",
    "Max(*[__import__('os').system('touch {m}')])",
    "'{m}'",
    "x.diff(x)",
]

ENTRY_POINTS = {
    "Chain(string)": lambda s: Chain(s),
    ".eq(string)": lambda s: Chain(x).eq(s),
    ".lt(string)": lambda s: Chain(x).lt(s),
    ".rel('>=', string)": lambda s: Chain(x).rel(">=", s),
    "assuming=[string]": lambda s: Chain(x, assuming=[s]),
    "assuming=string": lambda s: Chain(x, assuming=s),
}


@pytest.fixture
def no_sympy_eval(monkeypatch):
    """SymPy's own string evaluation must never be reached (it ends in Python's eval)."""
    def refuse(*args, **kw):
        raise AssertionError("sympy's eval_expr was called")
    monkeypatch.setattr(sympy_parser, "eval_expr", refuse)


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_is_refused_and_runs_nothing(entry, payload, tmp_path, no_sympy_eval):
    marker = tmp_path / "marker"
    text = payload.format(m=marker)
    with pytest.raises(InputError) as info:
        ENTRY_POINTS[entry](text)
    assert "\n" not in str(info.value) and str(info.value)
    assert not marker.exists()


@pytest.mark.parametrize("text, says", [
    ("__import__('os')", "'__import__' is not allowed"),
    ("x.__class__", "attribute access is not allowed"),
    ("eval('1')", "call of 'eval' is not allowed"),
    ("lambda: 1", "lambda is not allowed"),
    ("[t for t in (1,)]", "comprehension is not allowed"),
    ("f'{x}'", "f-string is not allowed"),
    ("x % 2", "'%' is not allowed"),
    ("'abc'", "a string is not allowed"),
    ("x < 1", "a side is an expression, not a relation"),
    ("Eq(x, 1)", "a side is an expression, not a relation"),
    ("exp(x, evaluate=False)", "keyword arguments are not allowed"),
    ("(x, y)", "is not an expression"),
    ("Sum(x)", "malformed expression"),
    ("Limit(x, x)", "malformed expression"),
    ("y[1:2]", "a slice is not allowed"),
])
def test_refusal_names_what_was_refused(text, says):
    with pytest.raises(InputError) as info:
        parse(text)
    assert says in str(info.value)


def test_claim_id_strings_are_data(tmp_path):
    marker = tmp_path / "marker"
    for cid in (f"__import__('os').system('touch {marker}')", f"$(touch {marker})", "../../etc/passwd"):
        with pytest.raises(InputError, match="unknown claim ID"):
            check(cid)
    assert not marker.exists()


# ---------------------------------------------------------------- what a string means
def test_arithmetic_and_functions():
    assert parse("x^2 + 2*x + 1", {"x": x}) == x**2 + 2 * x + 1  # ^ is a power, as in sympify
    assert parse("exp(-x)/ (1 + ln(x))", {"x": x}) == sp.exp(-x) / (1 + sp.log(x))
    assert parse("Max(x, 0) - Min(x, 0)", {"x": x}) == sp.Max(x, 0) - sp.Min(x, 0)
    assert parse("Limit(x, x, 0, '+')", {"x": x}) == sp.Limit(x, x, 0, "+")
    assert parse("0.5 * x", {"x": x}) == sp.Float("0.5") * x
    assert parse("pi + E + oo") == sp.pi + sp.E + sp.oo


def test_names_come_from_the_chain_then_become_real_symbols():
    assert Chain(x).eq("x + 1").links[0].rhs == x + 1          # the chain's own x
    new = parse("t")
    assert new.is_real and new.name == "t"
    s = parse("Sum(w[k], (k, 1, m))")
    k, m = sp.Symbol("k", integer=True), sp.Symbol("m", integer=True, positive=True)
    assert s == sp.Sum(sp.IndexedBase("w", real=True)[k], (k, 1, m))
    # the same string next to the user's objects uses them
    c = Chain(sp.Sum(y[j], (j, 1, n))).eq("Sum(y[j], (j, 1, n))")
    assert c.links[0].rhs == c.start


def test_symbol_table_and_ambiguous_names():
    q = sp.Symbol("q", positive=True)
    assert Chain("q + 1", symbols={"q": q}).start == q + 1
    f = sp.Function("f")
    assert parse("f(x)", {"f": f, "x": x}) == f(x)
    with pytest.raises(InputError, match="ambiguous"):
        Chain(x + sp.Symbol("x")).eq("x")
    with pytest.raises(InputError, match="cannot be subscripted"):
        parse("x[1]", {"x": x})
    with pytest.raises(InputError, match="symbols="):
        Chain("x", symbols={"x": "x"})


def test_a_domain_function_is_a_name_strings_may_call():
    from proofs import AnyFunction
    f = sp.Function("f")
    c = Chain(sp.Derivative(f(x) ** 2, x), domain={f: AnyFunction()}).eq("2*f(x)*Derivative(f(x), x)")
    assert c.links[0].rhs == 2 * f(x) * sp.Derivative(f(x), x)


def test_hypotheses_as_strings():
    p = sp.Symbol("p", real=True)
    c = Chain(p, assuming=["0 < p < 1", "Eq(Sum(y[j], (j, 1, n)), 1)"], n=n)
    assert c.assuming[:2] == (sp.Lt(0, p), sp.Lt(p, 1))            # 0 < p < 1 is two hypotheses
    eq = c.assuming[2]
    assert isinstance(eq, sp.Equality) and eq.lhs.limits[0][2] is n and eq.rhs == 1  # the chain's n


# ---------------------------------------------------------------- limits
LIMITS = [
    "1" * 1001,
    "10**10**10",
    "2**(10**6)",
    "x**(10**5)",
    "(10**999)**7",
    "(1/3)**5000",
    "2**(10**999/3)",
    "1e999999",                         # SymPy's Float would build 10**999999 exactly (minutes)
    "1." + "0" * 2000,
    "x\x00",
    "10**999 * 10**999",
    "Sum(j, (j, 1, 10**9))",
    "Product(j, (j, 1, 10**7))",
    "Derivative(x, (x, 10**6))",
    "exp(" * 300 + "x" + ")" * 300,
    "(" * 500 + "x" + ")" * 500,
    "-" * 90_000 + "x",
    "x" * 100_001,
    "+".join(["x"] * 60_000),
]


@pytest.mark.parametrize("text", LIMITS, ids=lambda t: t[:24] + f"…({len(t)})")
def test_oversized_input_fails_fast_and_cleanly(text):
    t0 = time.monotonic()
    with pytest.raises(InputError) as info:
        Chain(text)
    assert time.monotonic() - t0 < 0.5
    assert "\n" not in str(info.value) and len(str(info.value)) < 300


def _nest(k: int) -> sp.Expr:
    f, e = sp.Function("f"), x
    for _ in range(k):
        e = f(e)
    return e


@pytest.mark.parametrize("expr", [
    sp.Pow(10, 10**10, evaluate=False),
    sp.Integer(10) ** 5000 * sp.exp(-x),
    sp.Sum(x, (j, 1, 10**9)),
    sp.Product(x, (j, 0, 10**8)),
    _nest(MAX_DEPTH + 5),
], ids=["pow", "int-5000", "sum-1e9", "product-1e8", "nested"])
def test_guard_refuses_oversized_sympy_objects_too(expr):
    t0 = time.monotonic()
    with pytest.raises(InputError):
        Chain(x).eq(expr)
    with pytest.raises(InputError):
        guard(expr)
    assert time.monotonic() - t0 < 0.5


def test_guard_accepts_ordinary_expressions():
    e = sp.Sum(sp.exp(y[j]), (j, 1, n)) + sp.Integer(2) ** 3000 + x ** 100 + _nest(MAX_DEPTH - 5)
    assert guard(e) is e
    assert Chain(sp.Sum(j, (j, 1, 1000))).eq(500500).start == sp.Sum(j, (j, 1, 1000))


def test_a_chain_written_only_in_strings_is_checked_like_one_built_in_python():
    from proofs import Status
    a = "exp(z[i])/Sum(exp(z[m]), (m, 1, n))"   # softmax_i; n is inferred from the sum
    v = check(Chain(f"Derivative({a}, z[i])").eq(f"{a}*(1 - {a})", by="quotient rule"))
    assert v.status == Status.PROVEN and v.steps[0].scope.startswith("symbolic n"), v.as_dict()
    v = check(Chain(f"Derivative({a}, z[i])").eq(f"{a}*(1 + {a})"))
    assert v.status == Status.REFUTED and v.counterexample is not None
    assert check(Chain("log(exp(a) + exp(b))").gt("Max(a, b)")).status == Status.PROVEN
