"""Float64 accuracy of derivations.stable against scipy.special and naive formulas.

Run as ``python -m benchmarks.accuracy``.

Reference: mpmath at 60 digits.  Inputs are converted to mpf exactly, the max is
subtracted exactly (``fsub(..., exact=True)``), the argmax term is left out of
s = sum_{j != argmax} exp(z_j - m) and log1p is taken in mpmath, so the reference
has relative error near 1e-60 even where the answer is ~1e-18.

Error: ulp error = |computed - ref| / spacing(f), f the float64 nearest the
reference (spacing(0) is the smallest subnormal, so ref == 0 needs no guard).
A non-finite result counts as an infinite error.  "max" and "median" pool
every output entry of every sample.

Condition number, relative, for perturbations of z only (y is taken as exact):
scalar f: cond = sum_j |z_j df/dz_j| / |f|, with df/dz = softmax for LSE and
softmax * sum(y) - y for the cross-entropy; vector f: per entry,
cond_i = sum_j |z_j df_i/dz_j| / |f_i|.  The "ulp/cond" column is the worst
entry of ulp / max(cond, 1): the floor 1 stands for the rounding of the output
itself, which even a correctly rounded result pays (up to 0.5 ulp) when cond < 1.

Targets y rotate by sample: one-hot at the argmax (the hard case for the
cross-entropy and its gradient), one-hot at a random index, Dirichlet(1).
scipy's cross-entropy is -sum(y * log_softmax) and its gradient
softmax * sum(y) - y (sum(y) keeps it exact for soft targets whose float sum is
not exactly 1).
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Callable

import mpmath
import numpy as np

from derivations import stable

try:
    import scipy.special as sps
except ImportError:  # scipy is the optional 'bench' extra
    sps = None

FUNCS = ("logsumexp", "softmax", "log_softmax", "cross_entropy", "ce_grad")
FAMILIES = ("normal", "uniform1e4", "pow300", "mixed", "ties", "dominant")
SIZES = (2, 10, 100, 1000)

Impl = dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray | float]]


def _naive() -> Impl:
    def ls(z, y):
        return z - np.log(np.sum(np.exp(z)))

    def sm(z, y):
        e = np.exp(z)
        return e / np.sum(e)

    return {
        "logsumexp": lambda z, y: np.log(np.sum(np.exp(z))),
        "softmax": sm,
        "log_softmax": ls,
        "cross_entropy": lambda z, y: -np.sum(y * ls(z, y)),
        "ce_grad": lambda z, y: sm(z, y) * np.sum(y) - y,
    }


def _ours() -> Impl:
    return {
        "logsumexp": lambda z, y: stable.logsumexp(z),
        "softmax": lambda z, y: stable.softmax(z),
        "log_softmax": lambda z, y: stable.log_softmax(z),
        "cross_entropy": stable.softmax_cross_entropy,
        "ce_grad": stable.softmax_cross_entropy_grad,
    }


def _scipy() -> Impl:
    return {
        "logsumexp": lambda z, y: sps.logsumexp(z),
        "softmax": lambda z, y: sps.softmax(z),
        "log_softmax": lambda z, y: sps.log_softmax(z),
        "cross_entropy": lambda z, y: -np.sum(y * sps.log_softmax(z)),
        "ce_grad": lambda z, y: sps.softmax(z) * np.sum(y) - y,
    }


# --- inputs ---------------------------------------------------------------

def _family(rng: np.random.Generator, name: str, n: int) -> np.ndarray:
    if name == "normal":
        return rng.normal(0.0, 3.0, n)
    if name == "uniform1e4":
        return rng.uniform(-1e4, 1e4, n)
    if name == "pow300":
        return rng.choice([-1.0, 1.0], n) * 10.0 ** rng.uniform(0, 300, n)
    if name == "mixed":  # pieces of the three scales above, shuffled together
        sizes = [len(p) for p in np.array_split(np.arange(n), 3)]
        parts = [_family(rng, f, k) for f, k in zip(("normal", "uniform1e4", "pow300"), sizes)]
        return rng.permutation(np.concatenate(parts))
    if name == "ties":  # several entries equal to the maximum
        z = rng.normal(0.0, 3.0, n)
        z[rng.choice(n, max(2, n // 5), replace=False)] = z.max()
        return z
    if name == "dominant":  # max 0, every other entry 40 to 80 below it
        z = rng.uniform(-80.0, -40.0, n)
        z[rng.integers(n)] = 0.0
        return z
    raise ValueError(name)


def _target(rng: np.random.Generator, z: np.ndarray, k: int) -> np.ndarray:
    y = np.zeros_like(z)
    if k % 3 == 0:
        y[np.argmax(z)] = 1.0
    elif k % 3 == 1:
        y[rng.integers(len(z))] = 1.0
    else:
        y = rng.dirichlet(np.ones(len(z)))
    return y


# --- reference --------------------------------------------------------------

def _nearest(x: mpmath.mpf) -> float:
    return mpmath.libmp.to_float(x._mpf_, rnd=mpmath.libmp.round_nearest)


def _div(a: mpmath.mpf, b: mpmath.mpf) -> mpmath.mpf:
    return mpmath.inf if b == 0 else a / b


def reference(z: np.ndarray, y: np.ndarray) -> dict[str, tuple[list, list]]:
    """Exact-shift mpmath values and condition numbers, per function."""
    mp = mpmath
    n, a = len(z), int(np.argmax(z))
    zs = [mp.mpf(float(v)) for v in z]
    ys = [mp.mpf(float(v)) for v in y]
    m = zs[a]
    d = [mp.fsub(v, m, exact=True) for v in zs]
    e = [mp.exp(x) for x in d]
    others = [k for k in range(n) if k != a]
    s = mp.fsum(e[k] for k in others)
    big_s, log1p_s = 1 + s, mp.log1p(s)
    lse = m + log1p_s
    p = [x / big_s for x in e]
    ls = [x - log1p_s for x in d]
    absz = [abs(v) for v in zs]
    # softmax cond_j = |z_j| (1 - p_j) + sum_{k != j} |z_k| p_k; at the argmax both
    # pieces are formed without cancellation (1 - p_a = s / (1 + s)).
    rest_a = mp.fsum(absz[k] * p[k] for k in others)
    total = rest_a + absz[a] * p[a]
    sm_cond = [absz[j] * (1 - p[j]) + total - absz[j] * p[j] for j in range(n)]
    sm_cond[a] = absz[a] * s / big_s + rest_a
    ysum = mp.fsum(ys)
    g = [p[j] * ysum - ys[j] for j in range(n)]
    g[a] = (mp.fsum(ys[k] for k in others) - ys[a] * s) / big_s  # no cancellation of 1s
    ce = -mp.fsum(ys[j] * ls[j] for j in range(n))
    return {
        "logsumexp": ([lse], [_div(total, abs(lse))]),
        "softmax": (p, sm_cond),
        "log_softmax": (ls, [_div(c, abs(v)) for c, v in zip(sm_cond, ls)]),
        "cross_entropy": ([ce], [_div(mp.fsum(x * abs(gk) for x, gk in zip(absz, g)), abs(ce))]),
        "ce_grad": (g, [_div(ysum * pj * c, abs(gj)) for pj, c, gj in zip(p, sm_cond, g)]),
    }


def ulp_error(computed, ref: list) -> tuple[np.ndarray, int]:
    """|computed - ref| / spacing(nearest float64 to ref), inf for non-finite output;
    also the count of non-finite outputs whose reference is finite."""
    hi = np.array([_nearest(r) for r in ref])
    lo = np.array([float(r - mpmath.mpf(h)) for r, h in zip(ref, hi)])
    c = np.atleast_1d(np.asarray(computed, dtype=np.float64))
    with np.errstate(invalid="ignore", over="ignore"):
        err = np.abs((c - hi) - lo) / np.spacing(np.abs(hi))
    return np.where(np.isfinite(c), err, np.inf), int(np.sum(~np.isfinite(c) & np.isfinite(hi)))


# --- driver ----------------------------------------------------------------

def _fmt(x: float) -> str:
    return "inf" if np.isinf(x) else f"{x:.3g}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", type=int, default=20, help="samples per (n, family); n=1000 uses half")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    mpmath.mp.dps = 60
    rng = np.random.default_rng(args.seed)
    impls = {"ours": _ours(), "naive": _naive()}
    if sps is None:
        print("scipy not importable: scipy columns skipped")
    else:
        impls["scipy"] = _scipy()

    errs = defaultdict(list)  # (func, impl) -> ulp arrays
    ratio = defaultdict(float)  # (func, impl) -> worst ulp / max(cond, 1)
    bad = defaultdict(int)  # (func, impl) -> non-finite results where ref is finite
    fam_max = defaultdict(float)  # (func, impl, family) -> max ulp
    t0 = time.perf_counter()
    for n in SIZES:
        samples = args.samples if n < 1000 else max(1, args.samples // 2)
        for fam in FAMILIES:
            for k in range(samples):
                z = _family(rng, fam, n)
                y = _target(rng, z, k)
                ref = reference(z, y)
                for name, impl in impls.items():
                    for f in FUNCS:
                        vals, conds = ref[f]
                        with np.errstate(all="ignore"):
                            out = impl[f](z, y)
                        u, nonfinite = ulp_error(out, vals)
                        cond = np.array([float(c) for c in conds])
                        key = (f, name)
                        errs[key].append(u)
                        ratio[key] = max(ratio[key], float(np.max(u / np.maximum(cond, 1.0))))
                        bad[key] += nonfinite
                        fam_max[f, name, fam] = max(fam_max[f, name, fam], float(np.max(u)))
    elapsed = time.perf_counter() - t0

    names = list(impls)
    print(f"float64 error in ulps vs mpmath (dps={mpmath.mp.dps}); n in {SIZES}, "
          f"{args.samples} samples per (n, family), {max(1, args.samples // 2)} at n=1000; {elapsed:.1f} s")
    head = f"{'function':<14}{'impl':<7}{'max ulp':>10}{'median':>9}{'ulp/cond':>10}{'nonfinite':>10}"
    print(head)
    print("-" * len(head))
    for f in FUNCS:
        for name in names:
            u = np.concatenate(errs[f, name])
            print(f"{f:<14}{name:<7}{_fmt(u.max()):>10}{_fmt(float(np.median(u))):>9}"
                  f"{_fmt(ratio[f, name]):>10}{bad[f, name]:>10}")

    print("\nmax ulp by input family")
    head = f"{'function':<14}{'impl':<7}" + "".join(f"{fam:>11}" for fam in FAMILIES)
    print(head)
    print("-" * len(head))
    for f in FUNCS:
        for name in names:
            print(f"{f:<14}{name:<7}" + "".join(f"{_fmt(fam_max[f, name, fam]):>11}" for fam in FAMILIES))

    ok_a = sum(bad[f, "ours"] for f in FUNCS) == 0
    print("\ngoals")
    print(f"(a) ours: no non-finite result where the true value is finite: {'PASS' if ok_a else 'FAIL'}")
    if "scipy" in impls:
        ours, theirs = (np.concatenate(errs["logsumexp", k]).max() for k in ("ours", "scipy"))
        print(f"(b) ours logsumexp max ulp {_fmt(ours)} <= scipy {_fmt(theirs)}: "
              f"{'PASS' if ours <= theirs else 'FAIL'}")
    else:
        print("(b) skipped: scipy not importable")
    r = ratio["log_softmax", "ours"]
    print(f"(c) ours log_softmax max ulp/cond {_fmt(r)} <= 2: {'PASS' if r <= 2 else 'FAIL'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
