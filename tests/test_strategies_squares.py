"""The squares strategy: a goal whose factored form (exponentials as positive symbols) is visibly
nonnegative, also after exp of k times both sides (LogSumExp convex at a midpoint)."""
import sympy as sp

from proofs.context import Context
from proofs.strategies.squares import s_squares
from strategy_checks import proves as _proves

a1, a2, x1, x2, u, v = sp.symbols("a1 a2 x1 x2 u v", real=True)


def lse(*zs):
    return sp.log(sum(sp.exp(z) for z in zs))


def proves(lhs, rel, rhs):
    return _proves(s_squares, lhs, rel, rhs, Context())


def test_lse_midpoint_convexity():
    mid = lse((a1 + x1) / 2, (a2 + x2) / 2)
    avg = (lse(a1, a2) + lse(x1, x2)) / 2
    assert proves(mid, "<=", avg)
    assert not proves(mid, ">=", avg)
    assert not proves(mid + sp.exp(-500), "<=", avg)  # equal where a − x is constant


def test_cauchy_schwarz_and_am_gm_in_exponentials():
    assert proves((sp.exp(u) + sp.exp(v)) ** 2, ">=", 4 * sp.exp(u + v))
    assert proves(sp.exp(2 * u) + sp.exp(2 * v), ">=", 2 * sp.exp(u + v))
    assert not proves(sp.exp(2 * u) + sp.exp(2 * v), ">", 2 * sp.exp(u + v))  # equal at u = v
    # a numeric exponential is one more positive symbol (factor would read e^{-500} as degree 500)
    tiny = sp.exp(-500)
    assert proves(tiny * (sp.exp(u) + sp.exp(v)) ** 2, ">=", 4 * tiny * sp.exp(u + v))
    assert not proves((sp.exp(u) + sp.exp(v)) ** 2, ">=", 4 * sp.exp(u + v) + tiny)
    assert not proves((u - v) ** 2, ">=", 1)
