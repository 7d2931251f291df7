"""Positive parts (proofs/strategies/positive_parts.py): logs split under hypotheses u > 0 only."""
import sympy as sp

from proofs.context import Context
from proofs.strategies.positive_parts import s_positive_parts
from strategy_checks import proves

p, q = sp.symbols("p q", real=True)
UNIT = (sp.Gt(p, 0), sp.Lt(p, 1))


def test_log_of_a_ratio_splits_under_0_lt_p_lt_1():
    # Wikipedia, Binary entropy function: H'(p) = log((1 - p)/p)
    assert proves(s_positive_parts, sp.log(1 - p) - sp.log(p), "=", sp.log((1 - p) / p), Context(assuming=UNIT))


def test_cross_entropy_is_entropy_plus_kl_for_bernoullis():
    ctx = Context(assuming=UNIT + (sp.Gt(q, 0), sp.Lt(q, 1)))
    h = -p * sp.log(p) - (1 - p) * sp.log(1 - p)
    kl = p * sp.log(p / q) + (1 - p) * sp.log((1 - p) / (1 - q))
    assert proves(s_positive_parts, -p * sp.log(q) - (1 - p) * sp.log(1 - q), "=", h + kl, ctx)


def test_a_part_without_its_hypothesis_does_not_split():
    # log(pq) = log p + log q fails at p = -2, q = -1 (principal logs), where q > p holds
    assert not proves(s_positive_parts, sp.log(p * q), "=", sp.log(p) + sp.log(q),
                      Context(assuming=(sp.Gt(q, p),)))
    assert not proves(s_positive_parts, sp.log(p * q), "=", sp.log(p) + sp.log(q), Context())
    assert proves(s_positive_parts, sp.log(p * q), "=", sp.log(p) + sp.log(q),
                  Context(assuming=(sp.Gt(p, 0), sp.Gt(q, 0))))


def test_a_wrong_split_is_not_proven():
    assert not proves(s_positive_parts, sp.log(1 - p) + sp.log(p), "=", sp.log((1 - p) / p), Context(assuming=UNIT))


x = sp.Symbol("x", real=True)


def test_sign_hypothesis_decides_heaviside_abs_and_max():
    from proofs.strategies.positive_parts import s_sign_hypotheses
    pos, neg = Context(assuming=(sp.Gt(x, 0),)), Context(assuming=(sp.Lt(x, 0),))
    assert proves(s_sign_hypotheses, sp.Derivative(sp.Max(x, 0), x), "=", 1, pos)  # PyTorch ReLU'
    assert proves(s_sign_hypotheses, sp.Abs(x) + sp.Max(x, 0), "=", -x, neg)
    assert proves(s_sign_hypotheses, x * sp.Heaviside(x), "=", x, pos)
    assert not proves(s_sign_hypotheses, sp.Derivative(sp.Max(x, 0), x), "=", 1, neg)
    assert not proves(s_sign_hypotheses, sp.Abs(x), "=", x, Context(assuming=(sp.Gt(x, -1),)))
    assert not proves(s_sign_hypotheses, sp.Abs(x), "=", x, Context())
