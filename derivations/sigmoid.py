"""The logistic sigmoid: its Bernoulli derivation, its derivative, its range, and its sums.

Importable objects:

* :func:`sigma` — σ(u) = 1/(1 + e^{−u}) (re-exported from :mod:`derivations.common`);
* :func:`sigma_prime` — σ'(u) = e^{−u}/(1 + e^{−u})², the derivative as SymPy computes it
  (NNDL ch. 3, the factor in eqs. (55)–(56)); equal to σ(u)(1 − σ(u)) (claim nndl.sigmoid-prime);
* :func:`bernoulli_p` — P(y) = exp(yz)/Σ_{y'∈{0,1}} exp(y'z), DL eq. (6.22), kept with its
  unevaluated sum over y' (equal to σ((2y − 1)z), eq. (6.23), for y ∈ {0, 1}).

Sources: DL §6.2.2.2–6.2.2.3 (seed 000), NNDL ch. 3 (seed 001), blog “softmax+交叉熵” (seed 004).
"""
from __future__ import annotations

import sympy as sp

from derivations.common import SIGMA, SIGMA_PRIME, Z, define, j, m, n, sigma, sigma_f, sigma_prime_f, x, z
from proofs import Chain, Real
from proofs.claims import Exact, Part, Stated, claim

__all__ = ["sigma", "sigma_prime", "bernoulli_p"]

_u = sp.Dummy("u")
# the summation variable y' of (6.22), printed y'; the kernel evaluates it under the name y_p
_yp = sp.Symbol("y'", integer=True, nonnegative=True)


def sigma_prime(u: sp.Expr) -> sp.Expr:
    """σ'(u) = e^{−u}/(1 + e^{−u})², the derivative of σ (NNDL ch. 3, in eqs. (55)–(56))."""
    return sp.diff(sigma(_u), _u).xreplace({_u: u})


def bernoulli_p(y: sp.Expr, zz: sp.Expr = z) -> sp.Expr:
    """P(y) = exp(y z) / Σ_{y'=0}^{1} exp(y' z) (DL eq. 6.22), the sum left unevaluated.

    log P̃(y) = yz (6.20), P̃(y) = exp(yz) (6.21), normalised over y' ∈ {0, 1} (6.22).
    """
    return sp.exp(y * zz) / sp.Sum(sp.exp(_yp * zz), (_yp, 0, 1))


# ---------------------------------------------------------------- DL §6.2.2.2
@claim("dl.bernoulli-sigmoid", source="000", cite="DL §6.2.2.2, eqs. (6.20)–(6.23)", kind="identity",
       statement="log P̃(y) = yz (6.20), P̃(y) = exp(yz) (6.21), P(y) = exp(yz)/Σ_{y'∈{0,1}} exp(y'z) "
                 "(6.22) = σ((2y−1)z) (6.23), for y ∈ {0,1}.",
       notes=["(6.20)→(6.21) is exponentiation of the definition; the chains start at the "
              "normalised form (6.22), with the sum over y' kept unevaluated.",
              "One chain per value y ∈ {0, 1}: (6.23) is a statement about those two values only "
              "(for other y, exp(yz)/(1 + e^z) ≠ σ((2y − 1)z) in general)."])
def _bernoulli_sigmoid() -> list[Part]:
    out = []
    for yv, mid_by in ((1, "divide numerator and denominator by e^z"),
                       (0, "e^{0·z} = 1")):
        yv = sp.Integer(yv)
        ch = (Chain(bernoulli_p(yv), label=f"y = {yv}", define=[SIGMA])
              .eq(sp.exp(yv * z) / (1 + sp.exp(z)), by="(6.22): Σ_{y'∈{0,1}} exp(y'z) = e^0 + e^z = 1 + e^z")
              .eq(1 / (1 + sp.exp((1 - 2 * yv) * z)), by=mid_by)
              .eq(sigma_f((2 * yv - 1) * z), by=f"(6.23): σ((2·{yv} − 1)z)"))
        out.append(Part(f"(6.22) = (6.23) at y = {yv}", ch))
    out.append(Part("a distribution: P(0) + P(1) = 1",
                    Chain(bernoulli_p(sp.Integer(0)) + bernoulli_p(sp.Integer(1)), define=[SIGMA])
                    .eq(sigma_f(-z) + sigma_f(z), by="(6.23) at y = 0 and y = 1")
                    .eq(1, by="σ(−z) = 1 − σ(z)")))
    return out


@claim("dl.sigmoid-as-softmax", source="000", cite="DL §6.2.2.3 (end of the overparametrisation "
       "paragraph)", kind="identity, as stated",
       statement="“Defining P(y=1∣x) = σ(z) is equivalent to defining P(y=1∣x) = softmax(z)_1 with a "
                 "two-dimensional z and z_1 = 0.”",
       corrected="σ(z) = softmax((0, z))_2 = softmax((z, 0))_1; with z_1 = 0 the FIRST output is "
                 "softmax((0, z))_1 = σ(−z) = P(y = 0∣x).",
       notes=["Read literally: the two-dimensional vector is (z_1, z_2) = (0, z), the scalar z of σ(z) "
              "being its free entry, and P(y=1∣x) is its first output. Then softmax((0, z))_1 = "
              "1/(1 + e^z) = σ(−z), which is σ(z) only at z = 0.",
              "Two readings that do hold are shown as notes: the free score z_2 = z with P(y=1) the "
              "SECOND output, or z_1 = z with z_2 = 0 fixed. (As families of models the literal "
              "version is also equivalent, via z_2 = −z, but the sentence identifies the two "
              "definitions of P(y=1∣x) for the same z, and that identity fails.)"])
def _sigmoid_as_softmax() -> list[Part]:
    e0 = sp.exp(sp.Integer(0), evaluate=False)   # e^{z_1} with z_1 = 0, shown unevaluated
    s0z = [e0 / (e0 + sp.exp(z)), sp.exp(z) / (e0 + sp.exp(z))]    # softmax((0, z))
    sz0 = [sp.exp(z) / (sp.exp(z) + e0), e0 / (sp.exp(z) + e0)]    # softmax((z, 0))
    literal = (Chain(s0z[0], label="z = (0, z), first output")
               .eq(1 / (1 + sp.exp(z)), by="softmax((0, z))_1 = e^0/(e^0 + e^z)")
               .eq(sigma(z), by="“equivalent to σ(z)” (as stated)"))
    second = (Chain(s0z[1], label="z = (0, z), second output")
              .eq(sp.exp(z) / (1 + sp.exp(z)), by="softmax((0, z))_2 = e^z/(e^0 + e^z)")
              .eq(sigma(z), by="divide by e^z"))
    swapped = (Chain(sz0[0], label="z = (z, 0), first output")
               .eq(sigma(z), by="softmax((z, 0))_1 = e^z/(e^z + e^0)"))
    what_it_is = Chain(s0z[0], label="what the first output is").eq(sigma(-z), by="1/(1 + e^z) = σ(−z)")
    return [Part("as stated: softmax((0, z))_1 = σ(z)", literal),
            Part("intended reading A: softmax((0, z))_2 = σ(z) (P(y=1) is the second output)", second,
                 counts=False),
            Part("intended reading B: softmax((z, 0))_1 = σ(z) (z_2 = 0 fixed instead)", swapped,
                 counts=False),
            Part("the literal first output is σ(−z) = P(y = 0)", what_it_is, counts=False)]


# ---------------------------------------------------------------- NNDL ch. 3
@claim("nndl.initial-outputs", source="001", cite="NNDL ch. 3, §“The cross-entropy cost function” "
       "(the two toy runs)", kind="numeric",
       statement="One neuron, input x = 1: with w = 0.6, b = 0.9 the output is σ(1.5) ≈ 0.82; "
                 "with w = b = 2.0 it is σ(4) ≈ 0.98.")
def _initial_outputs() -> list[Part]:
    def out(wv, bv):
        return sigma(sp.Rational(wv) * 1 + sp.Rational(bv))
    return [Part("w = 0.6, b = 0.9, x = 1: σ(1.5) ≈ 0.82", Stated(out("0.6", "0.9"), "0.82")),
            Part("w = b = 2.0, x = 1: σ(4) ≈ 0.98", Stated(out("2.0", "2.0"), "0.98"))]


@claim("nndl.sigmoid-prime", source="001", cite="NNDL ch. 3, exercise (σ' = σ(1 − σ))", kind="identity",
       statement="σ'(z) = σ(z)(1 − σ(z)) (exercise).")
def _sigmoid_prime() -> list[Part]:
    s = sigma_f(z)   # σ(z), a named definition: printed σ(z), unfolded by the kernel
    return [Part("σ' by the quotient rule",
                 Chain(sp.Derivative(s, z), define=[SIGMA])
                 .eq(sp.exp(-z) / (1 + sp.exp(-z)) ** 2, by="quotient rule")
                 .eq(s * sp.exp(-z) / (1 + sp.exp(-z)), by="split off one factor 1/(1 + e^{−z}) = σ(z)")
                 .eq(s * (1 - s), by="e^{−z}/(1 + e^{−z}) = 1 − σ(z)"))]


@claim("nndl.sigma-prime-small", source="001", cite="NNDL ch. 3, discussion of eqs. (55)–(56)",
       kind="property",
       statement="σ'(z) is small when the output is near 1: σ'(z) ≤ 1/4 with equality only at z = 0, "
                 "and σ'(z) → 0 as σ(z) → 1.",
       notes=["“Equality only at z = 0” is checked as σ'(0) = 1/4 plus σ'(z) < 1/4 on z > 0 and on "
              "z < 0 (two chains with a positive / a negative symbol).",
              "“σ(z) → 1” is z → +∞ (σ is increasing, onto (0, 1)); it is checked both in z and in "
              "the output a = σ(z) → 1⁻, where σ' = a(1 − a)."])
def _sigma_prime_small() -> list[Part]:
    s, sp_ = sigma_f(z), sigma_prime_f(z)     # σ(z), σ'(z) as the book writes them
    zp = sp.Symbol("z", positive=True)
    zn = sp.Symbol("z", negative=True)
    a = sp.Symbol("a", real=True)
    gap = (sp.exp(z) - 1) ** 2 / (4 * (sp.exp(z) + 1) ** 2)
    names = [SIGMA, SIGMA_PRIME]
    return [
        Part("σ'(z) ≤ 1/4 for all z",
             Chain(sp.Rational(1, 4) - sp_, define=names)
             .eq(sp.Rational(1, 4) - s * (1 - s), by="σ' = σ(1 − σ)")
             .eq(gap, by="common denominator, factor: a square over a square")
             .ge(0, by="(e^z − 1)² ≥ 0, (e^z + 1)² > 0")),
        Part("equality at z = 0: σ'(0) = 1/4",
             Exact(compute=lambda: sp.diff(sigma(z), z).subs(z, 0), expected=sp.Rational(1, 4))),
        Part("strict for z > 0: 1/4 − σ'(z) > 0",
             Chain(sp.Rational(1, 4) - sigma_prime_f(zp), label="z > 0", define=names)
             .eq(gap.xreplace({z: zp}), by="as above")
             .gt(0, by="e^z − 1 ≠ 0 when z ≠ 0")),
        Part("strict for z < 0: 1/4 − σ'(z) > 0",
             Chain(sp.Rational(1, 4) - sigma_prime_f(zn), domain={zn: Real(-10, -0.001)},
                   label="z < 0", define=names)
             .eq(gap.xreplace({z: zn}), by="as above")
             .gt(0, by="e^z − 1 ≠ 0 when z ≠ 0")),
        Part("σ'(z) → 0 as z → ∞ (σ(z) → 1)",
             Chain(sp.Limit(sp_, z, sp.oo), define=names).eq(0, by="e^{−z}/(1 + e^{−z})² → 0")),
        Part("in terms of the output: a(1 − a) → 0 as a → 1⁻",
             Chain(sp.Limit(a * (1 - a), a, 1, "-")).eq(0, by="σ' = a(1 − a), a = σ(z)")),
    ]


@claim("nndl.sigmoid-no-sum", source="001", cite="NNDL ch. 3, exercise after eq. (79)",
       kind="counterexample",
       statement="A sigmoid output layer's activations need not sum to 1 (exercise: build an example).",
       notes=["The example: three output neurons with z^L = (0, 0, 0) give a^L = (1/2, 1/2, 1/2), "
              "sum 3/2. (With two neurons z = (0, 0) happens to give exactly 1.)",
              "A second counted part: for ANY two positive weighted inputs the two activations "
              "already sum to more than 1.",
              "The note part shows the kernel refuting Σ_j σ(z_j) = 1 as an identity for all n — "
              "that refutation is the point of the exercise, not a failure of it."])
def _sigmoid_no_sum() -> list[Part]:
    zero3 = sp.Sum(sigma(sp.Integer(0)), (j, 1, 3))  # Σ_{j=1}^{3} σ(z_j) at z = (0, 0, 0)
    z1, z2 = sp.symbols("z1 z2", positive=True)
    return [
        Part("example z^L = (0, 0, 0): Σ_j σ(z_j) = 3/2 > 1",
             Chain(zero3).eq(sp.Rational(3, 2), by="σ(0) = 1/2, three times").gt(1)),
        Part("example: a^L = (1/2, 1/2, 1/2) computed exactly, sum ≠ 1",
             Exact(compute=lambda: sp.Add(*[sigma(sp.Integer(0))] * 3) - 1, expected=sp.Rational(1, 2))),
        Part("any two positive weighted inputs: σ(z_1) + σ(z_2) > 1",
             Chain(sigma(z1) + sigma(z2), label="z_1, z_2 > 0")
             .gt(sp.Rational(1, 2) + sigma(z2), by="σ(z_1) > 1/2 since z_1 > 0")
             .gt(1, by="σ(z_2) > 1/2 since z_2 > 0")),
        Part("Σ_j σ(z_j) = 1 is not an identity (softmax's (79) fails for sigmoid)",
             Chain(sp.Sum(sigma(Z[m]), (m, 1, n)), n=n, label="for all n")
             .eq(1, by="(79) transplanted to a sigmoid layer"), counts=False),
    ]


# ---------------------------------------------------------------- blog “softmax+交叉熵”
@claim("blog2.sigmoid-def", source="004", cite="blog “softmax+交叉熵”, eq. (2)", kind="definition",
       statement="sigmoid(x) = 1/(1 + e^{−x}) (2): each output in (0,1) on its own; their sum is not "
                 "tied to 1.",
       notes=["The blog writes the range as “[0-1]”; the catalogue's open interval (0, 1) is what "
              "is checked (both ends are strict).",
              "“Not tied to 1”: raising one input raises the sum (∂/∂z_2 of σ(z_1) + σ(z_2) is "
              "σ'(z_2) > 0, where for softmax it is 0), and the sum of two outputs runs from 0 "
              "(both inputs → −∞) to 2 (both → +∞)."])
def _blog_sigmoid_def() -> list[Part]:
    r1, r2 = sp.symbols("z1 z2", real=True)
    t = sp.Symbol("t", real=True)
    sg = sp.Function("sigmoid")      # the blog's name, eq. (2)
    d = define(sg(x), 1 / (1 + sp.exp(-x)), "sigmoid (2)")
    return [
        Part("each output > 0", Chain(sg(x), define=[d]).gt(0, by="1 + e^{−x} > 0")),
        Part("each output < 1", Chain(sg(x), define=[d]).lt(1, by="1 + e^{−x} > 1")),
        Part("raising z_2 raises the sum σ(z_1) + σ(z_2)",
             Chain(sp.Derivative(sg(r1) + sg(r2), r2), define=[d])
             .eq(sg(r2) * (1 - sg(r2)), by="σ(z_1) does not depend on z_2; σ' = σ(1 − σ)")
             .gt(0, by="σ ∈ (0, 1)")),
        Part("σ(t) + σ(t) → 2 as t → +∞", Chain(sp.Limit(2 * sg(t), t, sp.oo), define=[d]).eq(2)),
        Part("σ(t) + σ(t) → 0 as t → −∞", Chain(sp.Limit(2 * sg(t), t, -sp.oo), define=[d]).eq(0)),
        Part("σ(z_1) + σ(z_2) = 1 is not an identity",
             Chain(sg(r1) + sg(r2), define=[d]).eq(1, by="the softmax property, transplanted"), counts=False),
    ]
