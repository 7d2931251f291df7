"""Entropy, KL divergence, cross-entropy and coding.

Sources:
  * blog “softmax+交叉熵” (seed 004) §2: entropy (3), KL divergence (4), its decomposition (5),
    cross-entropy (6), and why minimising the cross-entropy minimises the KL divergence;
  * d2l §4.1 exercise 2 (seed 003): coding the distribution (1/3, 1/3, 1/3), and the answer text's
    code {100, 010, 001}.

Importable objects (an ``IndexedBase`` gives the general-n sum over 1..n, a list an explicit sum):

* :func:`entropy` — H(p) = −Σ_j p_j log p_j (the entropy the blog means; its eq. (3) is printed
  without the minus sign: :func:`entropy_as_stated`);
* :func:`kl` — D_KL(p‖q) = Σ_i p_i ln(p_i/q_i) (blog eq. (4));
* :func:`cross_entropy` — H(p, q) = −Σ_i p_i ln q_i (blog eq. (6));
* :func:`huffman_code`, :func:`huffman_lengths`, :func:`average_length` — a binary Huffman code
  built with ``heapq`` (exact rational probabilities);
* :func:`block_bits` — the fewest bits L with 2^L ≥ 3^n (= ⌈n log₂3⌉): a fixed-length code for
  n joint observations of three equally likely outcomes.

Encoding choices: probability vectors are ``IndexedBase`` objects with positive entries (the
convention 0·log 0 = 0 is not needed), sampled on the simplex; "Σ p = 1" is an assumption of
the chains that need it.
"""
from __future__ import annotations

import heapq
import itertools
from fractions import Fraction

import sympy as sp

from derivations.common import define, j, k, n
from proofs import Chain, Real, Simplex, Unit
from proofs.claims import Exact, Part, Stated, claim

__all__ = ["entropy", "entropy_as_stated", "kl", "cross_entropy", "huffman_code", "huffman_lengths",
           "average_length", "block_bits", "P", "Q", "Y", "Yhat"]

P = sp.IndexedBase("p", positive=True)      # a distribution p_1 … p_n (the true one)
Q = sp.IndexedBase("q", positive=True)      # a distribution q_1 … q_n (the model's)
Y = sp.IndexedBase("y", positive=True)      # blog §2.3: the label distribution y
Yhat = sp.IndexedBase("yhat", positive=True)  # blog §2.3: the prediction ŷ
N = sp.Symbol("N", integer=True, positive=True)   # number of jointly coded observations
LOG2_3 = sp.log(3) / sp.log(2)


def _sum(f, pv, *more, size=n):
    if isinstance(pv, sp.IndexedBase):
        return sp.Sum(f(pv[j], *[q[j] for q in more]), (j, 1, size))
    return sp.Add(*[f(*xs) for xs in zip(pv, *more)])


# ---------------------------------------------------------------- importable expressions
def entropy(pv=P, size=n) -> sp.Expr:
    """H(p) = −Σ_j p_j log p_j: the entropy of blog “softmax+交叉熵” §2.1 (and of eq. (5), where
    Σ p ln p = −H(p)); eq. (3) prints it without the minus sign, see :func:`entropy_as_stated`."""
    return -_sum(lambda p: p * sp.log(p), pv, size=size)


def entropy_as_stated(pv=P, size=n) -> sp.Expr:
    """H(X) = Σ_j p(x) log p(x), blog “softmax+交叉熵” eq. (3), as printed (no minus sign)."""
    return _sum(lambda p: p * sp.log(p), pv, size=size)


def kl(pv=P, qv=Q, size=n) -> sp.Expr:
    """D_KL(p‖q) = Σ_i p(x_i) ln(p(x_i)/q(x_i)), blog “softmax+交叉熵” eq. (4)."""
    return _sum(lambda p, q: p * sp.log(p / q), pv, qv, size=size)


def cross_entropy(pv=P, qv=Q, size=n) -> sp.Expr:
    """H(p, q) = −Σ_i p(x_i) ln q(x_i), blog “softmax+交叉熵” eq. (6)."""
    return -_sum(lambda p, q: p * sp.log(q), pv, qv, size=size)


def huffman_code(probs) -> list[str]:
    """Binary Huffman code (Huffman 1952) for exact probabilities: merge the two least likely
    subtrees until one is left (``heapq``; ties broken by insertion order). Returns codewords."""
    probs = [Fraction(str(sp.Rational(p))) for p in probs]
    if len(probs) == 1:
        return ["0"]
    order = itertools.count()
    heap = [(p, next(order), [i]) for i, p in enumerate(probs)]
    heapq.heapify(heap)
    code = [""] * len(probs)
    while len(heap) > 1:
        p1, _, s1 = heapq.heappop(heap)
        p2, _, s2 = heapq.heappop(heap)
        for i in s1:
            code[i] = "0" + code[i]
        for i in s2:
            code[i] = "1" + code[i]
        heapq.heappush(heap, (p1 + p2, next(order), s1 + s2))
    return code


def huffman_lengths(probs) -> list[int]:
    """Codeword lengths of :func:`huffman_code`."""
    return [len(c) for c in huffman_code(probs)]


def average_length(probs, code) -> sp.Rational:
    """Σ_i p_i · len(codeword_i), exact."""
    return sp.Add(*[sp.Rational(p) * len(c) for p, c in zip(probs, code)])


def block_bits(nobs: int, outcomes: int = 3) -> int:
    """The fewest bits L with 2^L ≥ outcomes^nobs, i.e. ⌈nobs · log₂ outcomes⌉ (exact integers)."""
    L = 0
    while 2 ** L < outcomes ** nobs:
        L += 1
    return L


def _prefix_free(code) -> bool:
    return not any(a != b and b.startswith(a) for a in code for b in code)


def _best_kraft_average(probs, longest: int = 6) -> sp.Rational:
    """min Σ p_i l_i over length vectors with Σ 2^{−l_i} ≤ 1 (Kraft–McMillan: every uniquely
    decodable binary code has such lengths, and such lengths have a prefix code), l_i ≤ longest."""
    best = None
    for ls in itertools.product(range(1, longest + 1), repeat=len(probs)):
        if sum(Fraction(1, 2 ** l) for l in ls) <= 1:
            avg = sp.Add(*[sp.Rational(p) * l for p, l in zip(probs, ls)])
            best = avg if best is None or avg < best else best
    return best


# ---------------------------------------------------------------- the blog's names: H(p), H(p, q), D_KL(p‖q)
H_f, DKL_f = sp.Function("H"), sp.Function("D_KL")
H_DEF = define(H_f(P), entropy(P), "entropy")
H3_DEF = define(H_f(P), entropy_as_stated(P), "entropy as printed in (3)")
CE_DEF = define(H_f(P, Q), cross_entropy(P, Q), "cross-entropy (6)")
KL_DEF = define(DKL_f(P, Q), kl(P, Q), "KL divergence (4)")
NAMES = [H_DEF, CE_DEF, KL_DEF]


# ---------------------------------------------------------------- blog “softmax+交叉熵” §2
_sums_one = [sp.Eq(sp.Sum(P[j], (j, 1, n)), 1), sp.Eq(sp.Sum(Q[j], (j, 1, n)), 1)]
_pq = {P: Simplex(), Q: Simplex()}


@claim("blog2.entropy", source="004", cite="blog “softmax+交叉熵”, §2.1, eq. (3)",
       kind="definition, as stated",
       statement="H(X) = Σ_j p(x) log p(x) (3); \"the larger the entropy, the greater the disorder\" "
                 "(check sign and range).",
       corrected="H(X) = −Σ_j p(x_j) log p(x_j), with 0 ≤ H ≤ log n (0 for a certain outcome, log n "
                 "for the uniform distribution): then the larger the entropy, the greater the disorder.",
       notes=["As printed, (3) has no minus sign: Σ_j p_j log p_j ≤ 0, it is −log n (its minimum) for "
              "the uniform distribution — the most disordered — and tends to 0 (its maximum) as p "
              "becomes certain. So 'larger (3) = more disorder' is backwards.",
              "By hand: (1/2, 1/2) gives log(1/2) = −0.693; (9/10, 1/10) gives "
              "0.9 log 0.9 + 0.1 log 0.1 = −0.325, larger, though (9/10, 1/10) is the more ordered.",
              "Since (3) as printed is −H, the corrected range 0 ≤ H ≤ log n (proven below, for all n) "
              "is the range −log n ≤ (3) ≤ 0.",
              "Eq. (5) of the same post uses the correct sign (Σ p ln p = −H(p))."])
def _entropy() -> list[Part]:
    H3 = entropy_as_stated
    half, skew = [sp.Rational(1, 2)] * 2, [sp.Rational(9, 10), sp.Rational(1, 10)]
    uniform = sp.Sum(sp.log(1 / n) / n, (j, 1, n))
    return [
        Part("as stated: the uniform distribution (most disorder) has the largest (3) (for all n)",
             Chain(uniform, assuming=_sums_one[:1], domain={P: Simplex()}, n=n, define=[H3_DEF])
             .ge(H_f(P), by="larger (3) = more disorder, and uniform is the most disordered")),
        Part("as stated, two distributions: (3) at (1/2, 1/2) ≥ (3) at (9/10, 1/10)",
             Chain(H3(half)).ge(H3(skew), by="(1/2, 1/2) is the more disordered")),
        Part("corrected: H = −Σ p log p ≥ 0 (for all n)",
             Chain(H_f(P), assuming=_sums_one[:1], domain={P: Simplex()}, n=n, define=[H_DEF])
             .ge(-sp.Sum(P[j] * sp.log(sp.Sum(P[k], (k, 1, n))), (j, 1, n)),
                 by="p_j ≤ Σ_k p_k termwise").eq(0, by="Σ_k p_k = 1"), counts=False),
        Part("corrected: H = −Σ p log p ≤ log n (for all n)",
             Chain(sp.log(n) - H_f(P), assuming=_sums_one[:1], domain={P: Simplex()}, n=n, define=[H_DEF])
             .eq(sp.Sum(P[j] * sp.log(n * P[j]), (j, 1, n)), by="log n = Σ_j p_j log n")
             .ge(sp.Sum((n * P[j] - 1) / n, (j, 1, n)), by="x log(nx) ≥ x − 1/n, termwise")
             .eq(0, by="Σ p_j = 1"), counts=False),
    ]


@claim("blog2.kl-def", source="004", cite="blog “softmax+交叉熵”, §2.2, eq. (4)",
       kind="definition + inequality",
       statement="D_KL(p‖q) = Σ_i p(x_i) ln(p(x_i)/q(x_i)) (4); the smaller it is, the closer q is to p: "
                 "D_KL ≥ 0 with equality iff p = q.",
       notes=["Gibbs' inequality for symbolic n, from ln t ≤ t − 1 (t = q_i/p_i) applied termwise: "
              "−D = Σ p ln(q/p) ≤ Σ p (q/p − 1) = Σ q − Σ p = 0.",
              "ln t ≤ t − 1: f(t) = t − 1 − ln t is strictly convex on t > 0 with f'(1) = 0, f(1) = 0; "
              "strictly, f(t) > 0 for t ≠ 1.",
              "Only if: when p ≠ q some k has q_k ≠ p_k, i.e. t = q_k/p_k ≠ 1. D = Σ_j h_j with "
              "h_j = p_j ln(p_j/q_j) − p_j + q_j = p_j φ(q_j/p_j) ≥ 0, so D ≥ h_k = p_k φ(t) > 0.",
              "The hypotheses t > 1 and t < 1 are sampled on [1, 10] and (0, 1): the kernel's sampler "
              "re-draws its first special value (t = 1) after a rejection, so a bare 't > 1' would "
              "get no sample points."])
def _kl_def() -> list[Part]:
    t_ = sp.Symbol("t", positive=True)
    p_ = sp.Symbol("p", positive=True)
    h = lambda q_: P[q_] * sp.log(P[q_] / Q[q_]) - P[q_] + Q[q_]  # noqa: E731
    phi = lambda u: u - 1 - sp.log(u)  # noqa: E731
    return [
        Part("ln t ≤ t − 1 for t > 0",
             Chain(sp.log(t_)).le(t_ - 1, by="t − 1 − ln t convex, minimum 0 at t = 1")),
        Part("ln t < t − 1 for t > 1",
             Chain(sp.log(t_), assuming=[t_ > 1], domain={t_: Real(1, 10)}).lt(t_ - 1, by="strict convexity")),
        Part("ln t < t − 1 for 0 < t < 1",
             Chain(sp.log(t_), assuming=[t_ < 1], domain={t_: Unit()}).lt(t_ - 1, by="strict convexity")),
        Part("D_KL(p‖q) ≥ 0 (Gibbs, for all n)",
             Chain(-DKL_f(P, Q), assuming=_sums_one, domain=_pq, n=n, define=[KL_DEF])
             .eq(sp.Sum(P[j] * sp.log(Q[j] / P[j]), (j, 1, n)), by="(4), −ln(p/q) = ln(q/p)")
             .le(sp.Sum(P[j] * (Q[j] / P[j] - 1), (j, 1, n)), by="ln t ≤ t − 1 with t = q_j/p_j, termwise")
             .eq(sp.Sum(Q[j], (j, 1, n)) - sp.Sum(P[j], (j, 1, n)))
             .eq(0, by="Σ q = Σ p = 1")),
        Part("equality if p = q: D_KL(p‖p) = 0 (for all n)",
             Chain(DKL_f(P, P), domain={P: Simplex()}, n=n, define=[KL_DEF]).eq(0, by="ln 1 = 0")),
        Part("only if (1): D_KL(p‖q) = Σ_j h_j ≥ h_k for every k, h_j = p_j ln(p_j/q_j) − p_j + q_j "
             "(for all n)",
             Chain(DKL_f(P, Q), assuming=_sums_one, domain=_pq, n=n, define=[KL_DEF])
             .eq(sp.Sum(h(j), (j, 1, n)), by="Σ (q_j − p_j) = 0")
             .ge(h(k), by="every h_j ≥ 0 (ln t ≤ t − 1)")),
        Part("only if (2): h_k = p_k φ(q_k/p_k) > 0 when q_k/p_k = t > 1, φ(t) = t − 1 − ln t",
             Chain(p_ * sp.log(p_ / (p_ * t_)) - p_ + p_ * t_, assuming=[t_ > 1],
                   domain={t_: Real(1, 10)})
             .eq(p_ * phi(t_), by="q_k = p_k t").gt(0, by="p_k > 0 and ln t < t − 1 for t ≠ 1")),
        Part("only if (3): the same when 0 < t < 1",
             Chain(p_ * sp.log(p_ / (p_ * t_)) - p_ + p_ * t_, assuming=[t_ < 1], domain={t_: Unit()})
             .eq(p_ * phi(t_), by="q_k = p_k t").gt(0, by="p_k > 0 and ln t < t − 1 for t ≠ 1")),
    ]


@claim("blog2.kl-decomposition", source="004", cite="blog “softmax+交叉熵”, §2.3, eq. (5)",
       kind="derivation",
       statement="D_KL(p‖q) = Σ_i p ln p − Σ_i p ln q = −H(p) + [−Σ_i p ln q] (5), for all n.",
       notes=["H(p) here is −Σ p ln p, the entropy with the minus sign (the post says the first part "
              "'is exactly the entropy of p'); with (3) as printed (no minus sign) the last step would "
              "read Σ p ln p = −Σ p ln p, false (shown as a note)."])
def _kl_decomposition() -> list[Part]:
    sp_lnp = sp.Sum(P[j] * sp.log(P[j]), (j, 1, n))
    sp_lnq = sp.Sum(P[j] * sp.log(Q[j]), (j, 1, n))
    return [
        Part("(5), for all n",
             Chain(DKL_f(P, Q), domain=_pq, n=n, define=NAMES)
             .eq(sp_lnp - sp_lnq, by="(4), ln(p/q) = ln p − ln q, linearity")
             .eq(-H_f(P) + (-sp_lnq), by="Σ p ln p = −H(p)")
             .eq(-H_f(P) + H_f(P, Q), by="−Σ p ln q = H(p, q) (6)")),
        Part("with (3) as printed: Σ p ln p − Σ p ln q = −H₍₃₎(p) + [−Σ p ln q]",
             Chain(sp_lnp - sp_lnq, domain=_pq, n=n, define=[H3_DEF]).eq(-H_f(P) + (-sp_lnq)),
             counts=False),
    ]


@claim("blog2.cross-entropy", source="004", cite="blog “softmax+交叉熵”, §2.3, eq. (6)",
       kind="definition + property",
       statement="H(p, q) = −Σ_i p(x_i) ln q(x_i) (6); since H(y) does not depend on the prediction, "
                 "minimising D_KL(y‖ŷ) and minimising H(y, ŷ) have the same gradients in ŷ.",
       notes=["Gradients are taken with the entries ŷ_k as free variables (for all n). Under the "
              "constraint Σ ŷ = 1 the constrained gradients differ from these by the same multiple "
              "of (1, …, 1) for both, so they agree too."])
def _cross_entropy() -> list[Part]:
    dom = {Y: Simplex(), Yhat: Simplex()}
    kw = dict(domain=dom, n=n, define=NAMES)
    return [
        Part("D_KL(y‖ŷ) = H(y, ŷ) − H(y) (for all n)",
             Chain(DKL_f(Y, Yhat), **kw).eq(H_f(Y, Yhat) - H_f(Y), by="(5) and (6)")),
        Part("∂D_KL(y‖ŷ)/∂ŷ_k = −y_k/ŷ_k (for all n)",
             Chain(sp.Derivative(DKL_f(Y, Yhat), Yhat[k]), **kw).eq(-Y[k] / Yhat[k])),
        Part("∂H(y, ŷ)/∂ŷ_k = −y_k/ŷ_k, the same (for all n)",
             Chain(sp.Derivative(H_f(Y, Yhat), Yhat[k]), **kw).eq(-Y[k] / Yhat[k])),
        Part("∂H(y)/∂ŷ_k = 0: H(y) does not depend on the prediction (for all n)",
             Chain(sp.Derivative(H_f(Y), Yhat[k]), **kw).eq(0)),
    ]


# ---------------------------------------------------------------- d2l §4.1 exercise 2
THIRDS = [sp.Rational(1, 3)] * 3


@claim("d2l.uniform3-code", source="003", cite="d2l §4.1 ex. 2", kind="exercise",
       statement="For the distribution (1/3, 1/3, 1/3): no binary code with one codeword per outcome "
                 "reaches the entropy log₂3 ≈ 1.585 bits (the best such code averages 5/3 bits); coding "
                 "n observations jointly with ⌈n log₂3⌉ bits approaches log₂3 bits per observation "
                 "(e.g. n = 5 → 8 bits, 1.6 bits each).",
       notes=["The Huffman code is computed (heapq), not asserted: codewords "
              f"{huffman_code(THIRDS)}.",
              "Optimality: every uniquely decodable binary code has lengths with Σ 2^{−l_i} ≤ 1 "
              "(Kraft–McMillan); the minimum of Σ p_i l_i over all such length vectors with l_i ≤ 6 is "
              "computed (longer codewords only cost more: a length ≥ 4 already gives an average ≥ 2).",
              "⌈n log₂3⌉ is computed exactly as the fewest L with 2^L ≥ 3^n; the bound "
              "0 ≤ ⌈n log₂3⌉/n − log₂3 < 1/n is proven for all n (⌈x⌉ = x + θ, 0 ≤ θ < 1), which gives "
              "the limit; the rate need not decrease monotonically (e.g. n = 2: 2, n = 3: 5/3)."])
def _uniform3_code() -> list[Part]:
    huff = huffman_code(THIRDS)
    rows = {m_: sp.Rational(block_bits(m_), m_) for m_ in range(1, 13)}
    return [
        Part("entropy of (1/3, 1/3, 1/3) is log₂3 ≈ 1.585 bits",
             Stated(-sum(p * sp.log(p, 2) for p in THIRDS), "1.585")),
        Part("the Huffman code (computed) averages 5/3 bits",
             Exact(compute=lambda: average_length(THIRDS, huff), expected=sp.Rational(5, 3))),
        Part("no code with one codeword per outcome does better: the Kraft minimum is 5/3",
             Exact(compute=lambda: _best_kraft_average(THIRDS), expected=sp.Rational(5, 3))),
        Part("5/3 > log₂3: the best one-codeword-per-outcome code misses the entropy",
             Chain(sp.Rational(5, 3)).gt(LOG2_3, by="2^5 = 32 > 27 = 3^3")),
        Part("n = 5 observations: ⌈5 log₂3⌉ = 8 bits (2^8 = 256 ≥ 243 = 3^5 > 128 = 2^7)",
             Exact(compute=lambda: block_bits(5), expected=8)),
        Part("n = 5: 8/5 = 1.6 bits per observation", Stated(rows[5], "1.6")),
        Part("n = 1…12: 0 ≤ ⌈n log₂3⌉/n − log₂3 < 1/n at every n (exact integers: 3^n ≤ 2^L < 2·3^n)",
             Exact(compute=lambda: sum(1 for m_, r in rows.items()
                                       if 3 ** m_ <= 2 ** (r * m_) < 2 * 3 ** m_), expected=12),
             note="rates: " + ", ".join(f"n={m_}: {r}" for m_, r in rows.items())),
        Part("for all n: ⌈n log₂3⌉/n − log₂3 < 1/n",
             Chain(sp.ceiling(N * LOG2_3) / N - LOG2_3).lt(1 / N, by="⌈x⌉ < x + 1")),
        Part("for all n: ⌈n log₂3⌉/n ≥ log₂3",
             Chain(sp.ceiling(N * LOG2_3) / N).ge(LOG2_3, by="⌈x⌉ ≥ x")),
        Part("⌈n log₂3⌉/n → log₂3 as n → ∞",
             Chain(sp.Limit(sp.ceiling(N * LOG2_3) / N, N, sp.oo)).eq(LOG2_3, by="squeezed by the bounds")),
    ]


ANSWER_CODE = ["100", "010", "001"]


@claim("d2l.answer-code", source="003", cite="d2l §4.1 ex. 2; the answer text, item 2",
       kind="claims, as stated",
       statement="The answer text: the fixed-length code {100, 010, 001} is \"a better code\" for "
                 "(1/3, 1/3, 1/3), and \"each codeword appears with probability 1/2³ = 1/8\".",
       corrected="{100, 010, 001} is a valid (prefix-free) code but averages 3 bits: worse than the "
                 "2-bit fixed-length code {00, 01, 10} and than the Huffman code (5/3 bits). Each of "
                 "its codewords is sent with probability 1/3, the probability of its outcome.",
       notes=["1/2³ = 1/8 is the probability of one particular 3-bit string under uniformly random "
              "bits; three such strings would have total probability 3/8, not 1."])
def _answer_code() -> list[Part]:
    two_bit = ["00", "01", "10"]
    huff = huffman_code(THIRDS)
    avg = average_length(THIRDS, ANSWER_CODE)
    return [
        Part("'better': its average length is below the 2-bit fixed-length code's",
             Chain(avg).lt(average_length(THIRDS, two_bit), by="a better code is shorter on average")),
        Part("'better': its average length is at most the Huffman code's",
             Chain(avg).le(average_length(THIRDS, huff), by="a better code is shorter on average")),
        Part("'each codeword appears with probability 1/2³ = 1/8'",
             Exact(compute=lambda: sp.Add(*[p for p, c in zip(THIRDS, ANSWER_CODE) if c == "100"]),
                   expected=sp.Rational(1, 8)),
             note="the codeword for outcome i is sent exactly when outcome i occurs: probability 1/3"),
        Part("the three stated probabilities would sum to 3/8 (not 1)",
             Exact(compute=lambda: 3 * sp.Rational(1, 2 ** 3), expected=sp.Rational(3, 8)), counts=False),
        Part("it is prefix-free (a valid code)",
             Exact(compute=lambda: int(_prefix_free(ANSWER_CODE)), expected=1), counts=False),
    ]
