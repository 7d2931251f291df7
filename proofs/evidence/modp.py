"""Exact checks at a concrete size by randomized identity testing over the prime field GF(p).

For softmax-type expressions every exp(z_k) becomes a field element E_k, and first and second
derivatives with respect to the z's are carried exactly by hyper-dual numbers (r, d1, d2, d12)
(d/dz_k of exp(z_k) is exp(z_k); of log u is u'/u). A rational-function identity that holds
evaluates to 0 at every point where no denominator vanishes; one that fails is non-zero except
on a set of density at most deg/p (Schwartz–Zippel). So k random points give an error
probability at most (deg/p)^k — exact arithmetic, no floating point, and not a symbolic proof:
the kernel reports it as such (:func:`proofs.kernel.identity_mod_p`).
"""
from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

P = 2**61 - 1  # a Mersenne prime


class Unknown(Exception):
    """A transcendental value (e.g. log of a field element) was needed where only derivatives are known."""


@dataclass(frozen=True)
class HD:
    """r + d1·ε1 + d2·ε2 + d12·ε1ε2 over GF(P); r is None when it is a transcendental value."""

    r: int | None
    d1: int = 0
    d2: int = 0
    d12: int = 0

    def _r(self) -> int:
        if self.r is None:
            raise Unknown("a transcendental value is needed")
        return self.r

    def __add__(self, o: "HD") -> "HD":
        r = None if self.r is None or o.r is None else (self.r + o.r) % P
        return HD(r, (self.d1 + o.d1) % P, (self.d2 + o.d2) % P, (self.d12 + o.d12) % P)

    def __mul__(self, o: "HD") -> "HD":
        if self.r is None and o.r is None and (self.d1 or self.d2 or o.d1 or o.d2):
            raise Unknown("product of two transcendental values")
        if self.r is None:
            self, o = o, self
        a = self._r()
        br = o.r
        r = None if br is None else a * br % P
        if br is None and (self.d1 or self.d2 or self.d12):
            raise Unknown("transcendental value times a varying one")
        bz = br or 0
        return HD(r, (a * o.d1 + self.d1 * bz) % P, (a * o.d2 + self.d2 * bz) % P,
                  (a * o.d12 + self.d1 * o.d2 + self.d2 * o.d1 + self.d12 * bz) % P)

    def inv(self) -> "HD":
        a = self._r()
        if a == 0:
            raise ZeroDivisionError("denominator vanishes at this point")
        ia = pow(a, P - 2, P)
        ia2 = ia * ia % P
        return HD(ia, -self.d1 * ia2 % P, -self.d2 * ia2 % P,
                  (-self.d12 * ia2 + 2 * self.d1 * self.d2 * ia2 * ia) % P)


def const(v: int) -> HD:
    return HD(v % P)


def evaluate(expr: sp.Basic, zs: list[sp.Symbol], E: list[int], values: dict[sp.Symbol, int],
             dir1: list[int] | None, dir2: list[int] | None) -> HD:
    """expr at the point exp(z_k) = E_k (other symbols from ``values``), with exact derivative
    parts along the direction vectors dir1 (ε1) and dir2 (ε2) in z-space."""
    pos = {s: q for q, s in enumerate(zs)}
    memo: dict = {}

    def ev(e) -> HD:
        if e in memo:
            return memo[e]
        if e in pos:
            q = pos[e]
            out = HD(None, dir1[q] % P if dir1 else 0, dir2[q] % P if dir2 else 0, 0)
        elif e in values:
            out = const(values[e])
        elif e.is_Integer:
            out = const(int(e))
        elif e.is_Rational:
            out = const(int(e.p)) * const(int(e.q)).inv()
        elif isinstance(e, sp.Add):
            out = ev(e.args[0])
            for t in e.args[1:]:
                out = out + ev(t)
        elif isinstance(e, sp.Mul):
            out = ev(e.args[0])
            for t in e.args[1:]:
                out = out * ev(t)
        elif isinstance(e, sp.Pow) and e.exp.is_Integer:
            base = ev(e.base)
            k = int(e.exp)
            if k < 0:
                base, k = base.inv(), -k
            out = const(1)
            for _ in range(k):
                out = out * base
        elif isinstance(e, sp.exp):
            u = ev(e.args[0])
            r = _exp_value(sp.expand(e.args[0]), pos, E)
            out = HD(r, r * u.d1 % P, r * u.d2 % P, r * (u.d12 + u.d1 * u.d2) % P)
        elif isinstance(e, sp.log):
            u = ev(e.args[0])
            iu = pow(u._r(), P - 2, P)
            out = HD(None, u.d1 * iu % P, u.d2 * iu % P, (u.d12 * iu - u.d1 * u.d2 * iu * iu) % P)
        elif isinstance(e, sp.Derivative):
            out = _derivative(e)
        else:
            raise Unknown(f"unsupported node {type(e).__name__}")
        memo[e] = out
        return out

    def _derivative(d: sp.Derivative) -> HD:
        """d/dz_q f = the ε1 part of f along e_q; a second derivative = the ε1ε2 part."""
        if dir1 is not None or dir2 is not None:
            raise Unknown("a derivative inside a differentiated expression")
        seq = [v for v, c in d.variable_count for _ in range(int(c))]
        if len(seq) > 2 or any(v not in pos for v in seq):
            raise Unknown("only first and second derivatives in the z's")
        unit = [[int(q == pos[v]) for q in range(len(zs))] for v in seq]
        f = evaluate(d.expr, zs, E, values, unit[0], unit[1] if len(seq) == 2 else None)
        return const(f.d1 if len(seq) == 1 else f.d12)

    return ev(sp.sympify(expr))


def _exp_value(arg: sp.Expr, pos: dict, E: list[int]) -> int:
    """exp(sum c_k z_k) = prod E_k^c_k for integer c_k (anything else is not in the field)."""
    r = 1
    for t in sp.Add.make_args(arg):
        c, s = t.as_coeff_Mul()
        if s not in pos or not c.is_Integer:
            raise Unknown(f"exp({arg}) is not a monomial in exp(z_k)")
        r = r * pow(E[pos[s]], int(c) % (P - 1), P) % P
    return r


def random_point(n: int, others: list[sp.Symbol], rng: random.Random) -> tuple[list[int], dict]:
    return [rng.randrange(1, P) for _ in range(n)], {s: rng.randrange(1, P) for s in others}


def softmax_matrix_residues(n: int, points: int = 2, seed: int = 0, wrong: bool = False):
    """Residues of the softmax Jacobian identity J = diag(p) − ppᵀ (J_ij = ∂p_i/∂z_j) and of the
    softmax cross-entropy Hessian ∂²L/∂z_i∂z_j = (Σy)(diag(p) − ppᵀ), L = −Σ_k y_k log p_k.

    Each matrix identity A = B is tested as uᵀ(A − B)v = 0 for random u, v (Freivalds): uᵀJv is
    one directional derivative of Σ u_i p_i along v, uᵀHv one mixed second derivative of L along
    u and v — O(n) work per point instead of one evaluation per entry. u and v enter linearly, so
    the degree bound grows by 2. ``wrong`` flips a sign on the right (the test must then fail)."""
    zs = list(sp.symbols(f"z1:{n + 1}", real=True))
    ys = list(sp.symbols(f"y1:{n + 1}", real=True))
    S = sp.Add(*[sp.exp(q) for q in zs])
    p = [sp.exp(q) / S for q in zs]
    L = -sp.Add(*[ys[k] * sp.log(p[k]) for k in range(n)])
    rng = random.Random(seed)
    sgn = -1 if wrong else 1
    jac, hes = [], []
    for _ in range(points):
        E, vals = random_point(n, ys, rng)
        u = [rng.randrange(P) for _ in range(n)]
        v = [rng.randrange(P) for _ in range(n)]
        pv = [evaluate(pk, zs, E, vals, None, None).r for pk in p]
        up, vp = sum(a * b for a, b in zip(u, pv)) % P, sum(a * b for a, b in zip(v, pv)) % P
        uDv = sum(a * b * c for a, b, c in zip(u, pv, v)) % P          # uᵀ diag(p) v
        rhs = (uDv - sgn * up * vp) % P                                  # uᵀ(diag(p) − ppᵀ)v
        proj = sum((sp.Integer(a) * pk for a, pk in zip(u, p)), sp.Integer(0))
        jac.append((evaluate(proj, zs, E, vals, v, None).d1 - rhs) % P)
        sy = sum(vals.values()) % P
        hes.append((evaluate(L, zs, E, vals, u, v).d12 - sy * rhs) % P)
    return jac, hes


def degree_bound(*exprs: sp.Basic) -> int:
    """A crude over-estimate of the numerator degree after clearing denominators: each node can
    at most double it, a derivative at most squares the denominator — so 4^(derivatives) times
    the node count times the largest integer exponent is generous."""
    nodes = sum(sp.count_ops(e, visual=False) + 1 for e in exprs)
    ders = max((sum(int(c) for _, c in d.variable_count) for e in exprs for d in e.atoms(sp.Derivative)),
               default=0)
    exps = [abs(int(x.exp)) for e in exprs for x in e.atoms(sp.Pow) if x.exp.is_Integer] or [1]
    return 4 ** (ders + 1) * (nodes + 1) * max(exps)


def expand_sums(e: sp.Basic) -> sp.Basic:
    """Sums with integer bounds written out term by term (faster than Sum.doit, and it leaves
    Derivative nodes alone for the dual parts)."""
    def term_by_term(x: sp.Sum):
        (v, lo, hi), = x.limits
        if not (lo.is_Integer and hi.is_Integer):
            return x
        return sp.Add(*[x.function.xreplace({v: sp.Integer(q)}) for q in range(int(lo), int(hi) + 1)])
    return sp.sympify(e).replace(lambda x: isinstance(x, sp.Sum) and len(x.limits) == 1, term_by_term)


def identity_at_size(lhs: sp.Basic, rhs: sp.Basic, rules: list[tuple], seed: str,
                     points: int = 2) -> tuple[list[int], int]:
    """Residues of lhs − rhs at random points, for an expression already at a concrete size
    (sums with numeric bounds, integer indices). Entries of vectors that occur in an exponent or
    as a differentiation variable are exp-variables (field elements E); the others get random
    field values, after the context's equations (e.g. Σ y = 1) are solved for their last entry.
    Raises Unknown when the expression is outside this fragment (then SymPy decides instead)."""
    l, r = expand_sums(lhs), expand_sums(rhs)
    for rl, rr in rules:
        flat = expand_sums(rl)
        if isinstance(flat, sp.Add):
            last = sorted(flat.args, key=sp.default_sort_key)[-1]
            l, r = (e.xreplace({last: rr - (flat - last)}) for e in (l, r))
    both = l - r
    if both.has(sp.Piecewise, sp.Max, sp.Min, sp.Abs, sp.Limit, sp.Integral, sp.Sum):
        raise Unknown("outside the rational/exp fragment")
    zlike = {v for d in both.atoms(sp.Derivative) for v, _ in d.variable_count}
    zlike |= {a for x in both.atoms(sp.exp) for a in x.args[0].atoms(sp.Indexed, sp.Symbol)}
    zs = sorted(zlike, key=sp.default_sort_key)
    others = sorted((both.atoms(sp.Indexed) | both.free_symbols) - set(zs)
                    - {x.base.label for x in both.atoms(sp.Indexed)}, key=sp.default_sort_key)
    rng = random.Random(seed)
    out = []
    for _ in range(points):
        E = [rng.randrange(1, P) for _ in zs]
        vals = {s: rng.randrange(P) for s in others}
        a = evaluate(l, zs, E, vals, None, None)
        b = evaluate(r, zs, E, vals, None, None)
        if a.r is None or b.r is None:
            raise Unknown("a transcendental value remains (e.g. a log)")
        out.append((a.r - b.r) % P)
    return out, degree_bound(l, r)
