"""Log bound termwise (proofs/strategies/log_bound.py): Gibbs and Jensen for symbolic n."""
import sympy as sp

from proofs.context import Context
from proofs.strategies.log_bound import s_log_bound
from strategy_checks import proves

n = sp.Symbol("n", integer=True, positive=True)
j = sp.Symbol("j", integer=True)
p, q = sp.IndexedBase("p", positive=True), sp.IndexedBase("q", positive=True)
z = sp.IndexedBase("z", real=True)
SP, SQ = sp.Sum(p[j], (j, 1, n)), sp.Sum(q[j], (j, 1, n))
H = -sp.Sum(p[j] * sp.log(p[j]), (j, 1, n))
CE = -sp.Sum(p[j] * sp.log(q[j]), (j, 1, n))
LSE = sp.log(sp.Sum(sp.exp(z[j]), (j, 1, n)))


def ctx(*eqs):
    return Context(assuming=tuple(eqs), n=n, n_min=1)


def test_gibbs_entropy_le_cross_entropy():
    assert proves(s_log_bound, H, "<=", CE, ctx(sp.Eq(SP, 1), sp.Eq(SQ, 1)))


def test_entropy_le_log_n():
    assert proves(s_log_bound, H, "<=", sp.log(n), ctx(sp.Eq(SP, 1)))


def test_lse_ge_mean_plus_log_n():
    assert proves(s_log_bound, LSE, ">=", sp.Sum(z[j], (j, 1, n)) / n + sp.log(n), ctx())


def test_without_the_normalisations_nothing_is_proven():
    # Gibbs needs Σp = Σq: with only Σp = 1, q = 2p makes −Σ p log p > −Σ p log q
    assert not proves(s_log_bound, H, "<=", CE, ctx(sp.Eq(SP, 1)))
    assert not proves(s_log_bound, H, "<=", sp.log(n), ctx())


def test_wrong_directions_are_not_proven():
    assert not proves(s_log_bound, H, ">=", CE, ctx(sp.Eq(SP, 1), sp.Eq(SQ, 1)))
    assert not proves(s_log_bound, H, "<=", sp.log(n) / 2, ctx(sp.Eq(SP, 1)))
    assert not proves(s_log_bound, LSE, "<=", sp.Sum(z[j], (j, 1, n)) / n + sp.log(n), ctx())


def test_weighted_logs_kl_of_two_bernoullis_and_two_normals():
    from proofs.strategies.log_bound import s_log_bound_terms
    a, b = sp.symbols("a b", real=True)
    kl = a * sp.log(a / b) + (1 - a) * sp.log((1 - a) / (1 - b))
    unit = Context(assuming=(sp.Gt(a, 0), sp.Lt(a, 1), sp.Gt(b, 0), sp.Lt(b, 1)))
    assert proves(s_log_bound_terms, kl, ">=", 0, unit)
    assert not proves(s_log_bound_terms, kl, ">=", 0, Context())          # a = 2, b = 1/2: complex logs
    assert not proves(s_log_bound_terms, kl, "<=", 0, unit)
    assert not proves(s_log_bound_terms, a * sp.log(a / b), ">=", 0, unit)  # one term alone can be < 0
    s1, s2 = sp.symbols("s1 s2", positive=True)
    kln = sp.log(s2 / s1) + (s1 ** 2 + (a - b) ** 2) / (2 * s2 ** 2) - sp.Rational(1, 2)
    assert proves(s_log_bound_terms, kln, ">=", 0)
    assert not proves(s_log_bound_terms, kln - sp.Rational(1, 2), ">=", 0)


def test_weighted_logs_at_a_concrete_size_use_the_equations():
    # the concrete-n corroboration of Gibbs and H(p) <= log n (n = 2): linear rules and a spread constant
    from proofs.strategies.log_bound import s_log_bound_terms
    h2 = -p[1] * sp.log(p[1]) - p[2] * sp.log(p[2])
    ce2 = -p[1] * sp.log(q[1]) - p[2] * sp.log(q[2])
    both = Context(assuming=(sp.Eq(p[1] + p[2], 1), sp.Eq(q[1] + q[2], 1)))
    assert proves(s_log_bound_terms, h2, "<=", ce2, both)
    assert proves(s_log_bound_terms, h2, "<=", sp.log(2), Context(assuming=(sp.Eq(p[1] + p[2], 1),)))
    assert not proves(s_log_bound_terms, h2, "<=", ce2, Context(assuming=(sp.Eq(p[1] + p[2], 1),)))
    assert not proves(s_log_bound_terms, h2, "<=", sp.log(2), Context())
    assert not proves(s_log_bound_terms, h2, "<=", sp.log(2) / 2, Context(assuming=(sp.Eq(p[1] + p[2], 1),)))


def test_a_constant_spread_over_weights_that_sum_to_one():
    # Wikipedia, Binary entropy function: H(p) ≤ log 2 = p log 2 + (1 − p) log 2
    from proofs.strategies.log_bound import s_log_bound_terms
    a = sp.Symbol("a", real=True)
    h = -a * sp.log(a) - (1 - a) * sp.log(1 - a)
    unit = Context(assuming=(sp.Gt(a, 0), sp.Lt(a, 1)))
    assert proves(s_log_bound_terms, h, "<=", sp.log(2), unit)
    assert not proves(s_log_bound_terms, h, "<=", sp.log(2) * sp.Rational(99, 100), unit)  # false at a = 1/2


def test_weighted_logs_grouped_by_an_unexpanded_weight():
    # Wikipedia, Cross-entropy: H(p, q) ≥ H(p) for two Bernoullis, written as a user writes it;
    # the weights 1 − p and p − 1 (from −(1 − p) log(1 − q)) are one weight, negative flipped
    from proofs.strategies.log_bound import s_log_bound_terms
    a, b = sp.symbols("a b", real=True)
    unit = Context(assuming=(sp.Gt(a, 0), sp.Lt(a, 1), sp.Gt(b, 0), sp.Lt(b, 1)))
    ce = -a * sp.log(b) - (1 - a) * sp.log(1 - b)
    h = -a * sp.log(a) - (1 - a) * sp.log(1 - a)
    assert proves(s_log_bound_terms, ce, ">=", h, unit)
    assert not proves(s_log_bound_terms, ce, "<=", h, unit)
    assert not proves(s_log_bound_terms, ce, ">=", h + sp.exp(-500), unit)  # equal at a = b
