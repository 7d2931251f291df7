"""The limit strategy: sympy.limit run by the kernel (named), per case with the dominant term out."""
import sympy as sp

from proofs import Chain, check
from proofs.context import Context
from proofs.strategies.limits import s_limit
from strategy_checks import proves as _proves  # the shared search, under a CPU budget

a, b = sp.symbols("a b", real=True)
lam = sp.Symbol("lambda", positive=True)
RSM = sp.log(sp.exp(lam * a) + sp.exp(lam * b)) / lam


def proves(lhs, rhs):
    return _proves(s_limit, lhs, "=", rhs, Context())


def test_real_softmax_tends_to_max():
    assert proves(sp.Limit(RSM, lam, sp.oo), sp.Max(a, b))
    assert not proves(sp.Limit(RSM, lam, sp.oo), sp.Min(a, b))
    assert not proves(sp.Limit(RSM, lam, sp.oo), sp.Max(a, b) + sp.Rational(1, 10**7))


def test_the_verdict_names_sympy_limit():
    v = check(Chain(sp.Limit(1 / (1 + sp.exp(-lam)), lam, sp.oo)).eq(1), seconds=10)
    assert v.status == "proven" and "sympy.limit" in v.steps[0].strategy


# ---------------------------------------------------------------- infinite limits, finite sums, dominant terms
from proofs.context import Positive  # noqa: E402

n = sp.Symbol("n", integer=True, positive=True)
i, l = sp.symbols("i l", integer=True, positive=True)
d = sp.IndexedBase("d", positive=True)
T = sp.Symbol("T", positive=True)
M = sp.Symbol("M", real=True)
tiny = sp.exp(-500)


def lim_proved(lhs, rhs, ctx=Context()) -> bool:
    return _proves(s_limit, lhs, "=", rhs, ctx)


def test_infinite_limits():
    y = sp.Symbol("y", positive=True)
    assert lim_proved(sp.Limit(-sp.log(y), y, 0, "+"), sp.oo)
    assert not lim_proved(sp.Limit(-sp.log(y), y, 0, "+"), -sp.oo)
    assert not lim_proved(sp.Limit(-tiny * sp.log(1 + y), y, 0, "+"), sp.oo)


def test_soft_argmax_through_finite_sums():
    """DL §6.2.2.3: softmax(z/T)_i -> 1 for the unique maximum z_i = M, z_l = M - d_l."""
    den = sp.exp(M / T) + sp.Sum(sp.exp((M - d[l]) / T), (l, 1, n)) - sp.exp((M - d[i]) / T)
    ctx = Context(domain={d: Positive()}, n=n)
    assert lim_proved(sp.Limit(sp.exp(M / T) / den, T, 0, "+"), 1, ctx)
    assert not lim_proved(sp.Limit(sp.exp(M / T) / den, T, 0, "+"), 1 + tiny, ctx)
    assert not lim_proved(sp.Limit(sp.exp(M / T) / den, T, 0, "+"), 1 / n, ctx)
    # n tied maxima each -> 1/m; with the range from 3 the count is n - 2 only from n = 2 on
    c = sp.Symbol("c", positive=True)
    m = sp.Symbol("m", integer=True, positive=True)
    tied = sp.exp(c * M) / (m * sp.exp(c * M) + sp.Sum(sp.exp(c * (M - d[l])), (l, m + 1, n)))
    assert lim_proved(sp.Limit(tied, c, sp.oo), 1 / m, Context(n=n))
    assert not lim_proved(sp.Limit(tied, c, sp.oo), 1 / (m + 1), Context(n=n))
    count = sp.Limit(sp.Sum(1 + sp.exp(-c * d[l]), (l, 3, n)), c, sp.oo)
    assert lim_proved(count, n - 2, Context(n=n, n_min=2))
    assert not lim_proved(count, n - 2, Context(n=n, n_min=1))


def test_a_users_symbol_named_like_the_sum_dummy():
    s = sp.Symbol("s", positive=True)
    S = sp.Sum(sp.exp(-T * d[l]), (l, 1, n))
    assert lim_proved(sp.Limit(s * S + 1, T, sp.oo), 1, Context(n=n))
    assert not lim_proved(sp.Limit(s * S + 1, T, sp.oo), s, Context(n=n))


def test_soft_min_scaled_limit_by_cases():
    """d2l's "soft-min" LSE(2λz) - 2 LSE(λz), divided by λ, tends to 0 for every (a, b)."""
    S = sp.exp(a * lam) + sp.exp(b * lam)
    f = (sp.log(sp.exp(2 * a * lam) / S + sp.exp(2 * b * lam) / S) - sp.log(S)) / lam
    assert lim_proved(sp.Limit(f, lam, sp.oo), 0)
    assert not lim_proved(sp.Limit(f, lam, sp.oo), sp.Min(a, b))
    assert not lim_proved(sp.Limit(f, lam, sp.oo), tiny)


def test_the_checker_refutes_the_count_at_n_1():
    c = sp.Symbol("c", positive=True)
    count = sp.Limit(sp.Sum(1 + sp.exp(-c * d[l]), (l, 3, n)), c, sp.oo)
    v = check(Chain(count, n=n, n_min=1, domain={d: Positive()}).eq(n - 2), seconds=10)
    assert v.status == "refuted"
    v = check(Chain(count, n=n, n_min=2, domain={d: Positive()}).eq(n - 2), seconds=10)
    assert v.status == "proven" and "sympy.limit" in v.steps[0].strategy


# ---------------------------------------------------------------- order hypotheses decide the sign
z1, z2, z3 = sp.symbols("z1 z2 z3", real=True)
S3 = sp.exp(z1 / T) + sp.exp(z2 / T) + sp.exp(z3 / T)
ARGMAX = Context(assuming=(sp.Gt(z1, z2), sp.Gt(z1, z3)))


def cold(num):
    return sp.Limit(num / S3, T, 0, "+")


def test_low_temperature_softmax_at_n_3():
    """Wikipedia, Softmax function: as T → 0+ softmax(z/T) tends to the one-hot of the arg max;
    sympy.limit alone cannot sign z2 − z1, the hypotheses z1 > z2, z1 > z3 can (z2 := z1 − D)."""
    assert lim_proved(cold(sp.exp(z1 / T)), 1, ARGMAX)
    assert lim_proved(cold(sp.exp(z2 / T)), 0, ARGMAX)
    assert lim_proved(cold(sp.exp(z3 / T)), 0, ARGMAX)
    assert not lim_proved(cold(sp.exp(z1 / T)), sp.Rational(1, 3), ARGMAX)
    assert not lim_proved(cold(sp.exp(z1 / T)), 1 - tiny, ARGMAX)
    assert not lim_proved(cold(sp.exp(z2 / T)), 1, ARGMAX)
    assert not lim_proved(cold(sp.exp(z1 / T)), 1)                        # no order: no sign
    assert not lim_proved(cold(sp.exp(z1 / T)), 1, Context(assuming=(sp.Gt(z1, z2),)))  # z3 open
    # a chain of orders gives the sign by transitivity; ties (>=) give none
    chain = Context(assuming=(sp.Gt(z1, z2), sp.Gt(z2, z3)))
    assert lim_proved(cold(sp.exp(z1 / T)), 1, chain)
    assert lim_proved(cold(sp.exp(z3 / T)), 0, chain)
    assert not lim_proved(cold(sp.exp(z1 / T)), 1, Context(assuming=(sp.Ge(z1, z2), sp.Ge(z1, z3))))


def test_low_temperature_log_sum_exp_tends_to_the_max():
    """Wikipedia, LogSumExp: T·LSE(z/T) → max z as T → 0+; the value z1 names a variable the
    order re-parametrises too."""
    L = sp.Limit(T * sp.log(S3), T, 0, "+")
    assert lim_proved(L, z1, ARGMAX)
    assert not lim_proved(L, z2, ARGMAX)


def test_the_verdict_of_a_low_temperature_step():
    v = check(Chain(cold(sp.exp(z1 / T)), assuming=list(ARGMAX.assuming)).eq(1), seconds=10)
    assert v.status == "proven" and "sympy.limit" in v.steps[0].strategy
    v = check(Chain(cold(sp.exp(z1 / T)), assuming=list(ARGMAX.assuming)).eq(sp.Rational(1, 3)), seconds=10)
    assert v.status == "refuted"


def test_a_false_number_stops_the_search_at_the_first_form_that_finds_the_limit(monkeypatch):
    """The kernel found lim = 1 and the step says 1/3: every other form of the same limit gives
    1 too, so the strategy stops there (it used to check all 28 of its forms)."""
    import proofs.strategies.limits as L
    import proofs.strategies.search as S
    seen = []
    real = S.rejection

    def counting(goal, cert):
        seen.append(why := real(goal, cert))
        return why
    monkeypatch.setattr(S, "rejection", counting)
    assert not lim_proved(cold(sp.exp(z1 / T)), sp.Rational(1, 3), ARGMAX)
    assert 1 <= len(seen) < 10 and isinstance(seen[-1], L.OtherLimit)
    seen.clear()  # the true value is still proved, after forms that fail
    assert lim_proved(cold(sp.exp(z1 / T)), 1, ARGMAX)
    assert seen[-1] is None
