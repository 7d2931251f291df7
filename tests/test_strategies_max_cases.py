"""Max/Min of several arguments (proofs/strategies/max_cases.py): a tournament of case splits."""
import sympy as sp

from proofs.strategies.max_cases import s_max_cases
from strategy_checks import proves

a, b, c = sp.symbols("a b c", real=True)
LSE = sp.log(sp.exp(a) + sp.exp(b) + sp.exp(c))
M = sp.Max(a, b, c)


def test_lse_bounds_at_three():
    # Wikipedia, LogSumExp: max ≤ LSE ≤ max + log n
    assert proves(s_max_cases, M, "<=", LSE)
    assert proves(s_max_cases, LSE, "<=", M + sp.log(3))


def test_max_and_min_of_three_bound_their_arguments():
    assert proves(s_max_cases, M, ">=", b)
    assert proves(s_max_cases, sp.Min(a, b, c), "<=", c)


def test_wrong_bounds_are_not_proven():
    assert not proves(s_max_cases, LSE, "<=", M)                    # a = b = c: LSE = a + log 3
    assert not proves(s_max_cases, LSE, "<=", M + sp.log(2))
    assert not proves(s_max_cases, M, ">=", b + 1)
    assert not proves(s_max_cases, sp.Min(a, b, c), ">=", M)
