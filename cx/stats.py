"""Pure statistics for cx: every interval, change and planning figure the app shows.

No I/O, no pandas: functions take counts or arrays and return small frozen
records, so they can be tested against hand-computed values and simulation.
Formulas follow ../shared/contract.md ("Metric definitions").
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import numpy as np

Z95 = 1.959963984540054
Z_CONTRACT = 1.96  # the contract writes 1.96; intervals use it exactly


@dataclass(frozen=True)
class Estimate:
    value: float | None
    low: float | None
    high: float | None
    n: int


@dataclass(frozen=True)
class Change:
    diff: float | None  # later minus earlier (b - a)
    low: float | None
    high: float | None
    significant: bool
    n_a: int
    n_b: int


@dataclass(frozen=True)
class Correlation:
    r: float | None
    low: float | None
    high: float | None
    n: int
    method: str


@dataclass(frozen=True)
class Driver:
    name: str
    share: float  # percent of explained R²
    low: float
    high: float
    weight: float  # raw relative weight (part of R²)


# --- distributions -----------------------------------------------------------

def normal_cdf(x: float) -> float:
    """Standard normal cumulative probability."""
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def normal_ppf(p: float) -> float:
    """Standard normal quantile (Acklam's rational approximation, refined by one Newton step)."""
    if not 0.0 < p < 1.0:
        raise ValueError("p must be strictly between 0 and 1")
    a = (-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02,
         1.383577518672690e02, -3.066479806614716e01, 2.506628277459239e00)
    b = (-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02,
         6.680131188771972e01, -1.328068155288572e01)
    c = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00,
         -2.549732539343734e00, 4.374664141464968e00, 2.938163982698783e00)
    d = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00, 3.754408661907416e00)
    low = 0.02425
    if p < low:
        q = math.sqrt(-2 * math.log(p))
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / \
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    elif p > 1 - low:
        q = math.sqrt(-2 * math.log(1 - p))
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / \
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    else:
        q = p - 0.5
        r = q * q
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / \
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    e = normal_cdf(x) - p
    u = e * math.sqrt(2 * math.pi) * math.exp(x * x / 2)
    return x - u / (1 + x * u / 2)


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction for the regularised incomplete beta (Numerical Recipes, Lentz)."""
    tiny, eps = 1e-300, 3e-16
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 400):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < eps:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    ln = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    front = math.exp(ln)
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1 - x) / b


def t_cdf(t: float, df: float) -> float:
    """Student t cumulative probability."""
    x = df / (df + t * t)
    tail = 0.5 * _betainc(df / 2, 0.5, x)
    return 1 - tail if t > 0 else tail


def _t_pdf(t: float, df: float) -> float:
    log_density = (math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
                   - (df + 1) / 2 * math.log1p(t * t / df))
    return math.exp(log_density)


@lru_cache(maxsize=4096)
def t_ppf(p: float, df: float) -> float:
    """Student t quantile: closed forms for df 1 and 2, else Newton kept inside a bisection bracket (~1e-12)."""
    if df <= 0:
        raise ValueError("df must be positive")
    if not 0.0 < p < 1.0:
        raise ValueError("p must be strictly between 0 and 1")
    if p < 0.5:
        return -t_ppf(1.0 - p, df)
    if p == 0.5:
        return 0.0
    if df == 1:
        return math.tan(math.pi * (p - 0.5))
    if df == 2:
        return (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    lo, hi = normal_ppf(p), max(2.0 * normal_ppf(p), 1.0)  # the t quantile is never below the normal one
    while t_cdf(hi, df) < p:
        lo, hi = hi, 2 * hi
    t = lo
    for _ in range(100):
        gap = t_cdf(t, df) - p
        if gap < 0:
            lo = t
        else:
            hi = t
        step = t - gap / _t_pdf(t, df)
        t = step if lo < step < hi else (lo + hi) / 2
        if hi - lo < 1e-13 * hi or abs(gap) < 1e-15:
            break
    return t


# --- figures -----------------------------------------------------------------

def _clip(x: float, low: float, high: float) -> float:
    return max(low, min(high, x))


def nps(promoters: int, detractors: int, n: int) -> Estimate:
    """Raw NPS in points with the contract's adjusted Wald 95% interval."""
    if n <= 0:
        return Estimate(None, None, None, 0)
    point = 100.0 * (promoters - detractors) / n
    nt = n + 3
    pp, pd = (promoters + 0.75) / nt, (detractors + 0.75) / nt
    d = pp - pd
    half = Z_CONTRACT * math.sqrt(max(pp + pd - d * d, 0.0) / nt)
    return Estimate(point, _clip(100 * (d - half), -100, 100), _clip(100 * (d + half), -100, 100), n)


def _nps_change_parts(p: int, d: int, n: int) -> tuple[float, float, float]:
    nt = n + 1.5
    pp, pd = (p + 0.375) / nt, (d + 0.375) / nt
    diff = pp - pd
    return diff, pp + pd - diff * diff, nt


def nps_change(p_a: int, d_a: int, n_a: int, p_b: int, d_b: int, n_b: int) -> Change:
    """Change in NPS from a to b (points), contract interval; significant when it excludes 0.

    Reading of the contract: the point is the raw NPS_b - NPS_a; the interval is
    centred on the adjusted difference d~_b - d~_a, with V = p~P + p~D - d~^2 on
    counts padded by 0.375 promoters, 0.75 passives and 0.375 detractors.
    """
    if n_a <= 0 or n_b <= 0:
        return Change(None, None, None, False, max(n_a, 0), max(n_b, 0))
    raw = 100.0 * ((p_b - d_b) / n_b - (p_a - d_a) / n_a)
    da, va, na = _nps_change_parts(p_a, d_a, n_a)
    db, vb, nb = _nps_change_parts(p_b, d_b, n_b)
    centre = db - da
    half = Z_CONTRACT * math.sqrt(va / na + vb / nb)
    low, high = 100 * (centre - half), 100 * (centre + half)
    return Change(raw, low, high, bool(low > 0 or high < 0), n_a, n_b)


def _wilson_bounds(k: int, n: int, z: float = Z_CONTRACT) -> tuple[float, float]:
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def wilson(successes: int, n: int) -> Estimate:
    """Share in percent with the Wilson score 95% interval."""
    if n <= 0:
        return Estimate(None, None, None, 0)
    lo, hi = _wilson_bounds(successes, n)
    return Estimate(100.0 * successes / n, 100 * lo, 100 * hi, n)


def share_change(k_a: int, n_a: int, k_b: int, n_b: int) -> Change:
    """Change in a share (percent points), Newcombe's hybrid score interval (method 10)."""
    if n_a <= 0 or n_b <= 0:
        return Change(None, None, None, False, max(n_a, 0), max(n_b, 0))
    pa, pb = k_a / n_a, k_b / n_b
    la, ua = _wilson_bounds(k_a, n_a)
    lb, ub = _wilson_bounds(k_b, n_b)
    diff = pb - pa
    low = diff - math.sqrt((pb - lb) ** 2 + (ua - pa) ** 2)
    high = diff + math.sqrt((ub - pb) ** 2 + (pa - la) ** 2)
    return Change(100 * diff, 100 * low, 100 * high, bool(low > 0 or high < 0), n_a, n_b)


def _mean_var(n: int, total: float, total_sq: float) -> tuple[float, float]:
    mean = total / n
    var = max((total_sq - n * mean * mean) / (n - 1), 0.0) if n > 1 else 0.0
    return mean, var


def mean_t(n: int, total: float, total_sq: float) -> Estimate:
    """Mean with a t 95% interval, from n, sum and sum of squares (what SQL returns)."""
    if n <= 0:
        return Estimate(None, None, None, 0)
    mean, var = _mean_var(n, total, total_sq)
    if n < 2:
        return Estimate(mean, None, None, n)
    half = t_ppf(0.975, n - 1) * math.sqrt(var / n)
    return Estimate(mean, mean - half, mean + half, n)


def mean_change(n_a: int, s_a: float, ss_a: float, n_b: int, s_b: float, ss_b: float) -> Change:
    """Change in a mean from a to b with Welch's t interval."""
    if n_a < 2 or n_b < 2:
        diff = (s_b / n_b - s_a / n_a) if n_a > 0 and n_b > 0 else None
        return Change(diff, None, None, False, max(n_a, 0), max(n_b, 0))
    ma, va = _mean_var(n_a, s_a, ss_a)
    mb, vb = _mean_var(n_b, s_b, ss_b)
    qa, qb = va / n_a, vb / n_b
    se = math.sqrt(qa + qb)
    diff = mb - ma
    if se == 0:
        return Change(diff, diff, diff, diff != 0, n_a, n_b)
    df = (qa + qb) ** 2 / ((qa * qa) / (n_a - 1) + (qb * qb) / (n_b - 1)) if qa + qb > 0 else n_a + n_b - 2
    half = t_ppf(0.975, df) * se
    return Change(diff, diff - half, diff + half, bool(diff - half > 0 or diff + half < 0), n_a, n_b)


# --- planning ----------------------------------------------------------------

def nps_variance(p_promoters: float, p_detractors: float) -> float:
    """Per-answer variance of the NPS score (shares 0..1): V = pP + pD - (pP - pD)^2."""
    return p_promoters + p_detractors - (p_promoters - p_detractors) ** 2


def margin_of_error(variance: float, n: int) -> float:
    """Half-width of the 95% NPS interval in points for n answers."""
    if n <= 0:
        return math.inf
    return Z_CONTRACT * 100 * math.sqrt(variance / n)


def min_detectable_change(v1: float, n1: int, v2: float, n2: int) -> float:
    """Smallest month-on-month NPS change detectable with 80% power at 5% two-sided (points)."""
    if n1 <= 0 or n2 <= 0:
        return math.inf
    return 2.8016 * 100 * math.sqrt(v1 / n1 + v2 / n2)


def power_to_detect(drop_points: float, v1: float, n1: int, v2: float, n2: int,
                    alpha: float = 0.05) -> float:
    """Probability that a two-sided z test flags a change of `drop_points` between two months."""
    if n1 <= 0 or n2 <= 0:
        return 0.0
    se = 100 * math.sqrt(v1 / n1 + v2 / n2)
    if se == 0:
        return 1.0 if drop_points else 0.0
    z = normal_ppf(1 - alpha / 2)
    shift = abs(drop_points) / se
    return normal_cdf(shift - z) + normal_cdf(-shift - z)


def sample_size_for_drop(drop_points: float, variance: float, power: float = 0.8,
                         alpha: float = 0.05) -> int:
    """Answers needed in each of two months so a drop of `drop_points` is detected with `power`."""
    if drop_points == 0:
        raise ValueError("the drop to detect must not be zero")
    za, zb = normal_ppf(1 - alpha / 2), normal_ppf(power)
    return math.ceil(((za + zb) * 100) ** 2 * 2 * variance / drop_points ** 2)


# --- correlation ---------------------------------------------------------------

def _fisher_interval(r: float, n: int, var_z: float) -> tuple[float | None, float | None]:
    if n < 4 or abs(r) >= 1:
        return (None, None) if n < 4 else (r, r)
    z = math.atanh(r)
    half = Z_CONTRACT * math.sqrt(var_z)
    return math.tanh(z - half), math.tanh(z + half)


def pearson(x, y) -> Correlation:
    """Pearson r with a Fisher-z 95% interval (None where n < 4 or an input is constant)."""
    xa, ya = np.asarray(x, float), np.asarray(y, float)
    n = len(xa)
    if n < 2 or np.std(xa) == 0 or np.std(ya) == 0:
        return Correlation(None, None, None, n, "pearson")
    r = float(np.corrcoef(xa, ya)[0, 1])
    low, high = _fisher_interval(r, n, 1 / (n - 3)) if n > 3 else (None, None)
    return Correlation(r, low, high, n, "pearson")


def ranks(values) -> np.ndarray:
    """Ranks 1..n with ties given their average rank."""
    a = np.asarray(values, float)
    order = a.argsort(kind="mergesort")
    ranked = np.empty(len(a))
    ranked[order] = np.arange(1, len(a) + 1)
    for v in np.unique(a):
        tie = a == v
        if tie.sum() > 1:
            ranked[tie] = ranked[tie].mean()
    return ranked


def spearman(x, y) -> Correlation:
    """Spearman rank correlation with a Fisher-z interval using the Bonett-Wright variance."""
    xa, ya = np.asarray(x, float), np.asarray(y, float)
    n = len(xa)
    base = pearson(ranks(xa), ranks(ya)) if n >= 2 else Correlation(None, None, None, n, "pearson")
    if base.r is None:
        return Correlation(None, None, None, n, "spearman")
    r = base.r
    low, high = _fisher_interval(r, n, (1 + r * r / 2) / (n - 3)) if n > 3 else (None, None)
    return Correlation(r, low, high, n, "spearman")


# --- key drivers ---------------------------------------------------------------

def r_squared(X, y) -> float:
    """R² of an ordinary least-squares fit with intercept."""
    Xa, ya = np.asarray(X, float), np.asarray(y, float)
    if Xa.ndim == 1:
        Xa = Xa[:, None]
    design = np.column_stack([np.ones(len(ya)), Xa])
    coef, *_ = np.linalg.lstsq(design, ya, rcond=None)
    resid = ya - design @ coef
    total = ((ya - ya.mean()) ** 2).sum()
    return float(1 - (resid ** 2).sum() / total) if total > 0 else 0.0


def relative_weights(X, y) -> np.ndarray:
    """Johnson's (2000) relative weights: each predictor's share of R², summing to R²."""
    Xa, ya = np.asarray(X, float), np.asarray(y, float)
    Rxx = np.corrcoef(Xa, rowvar=False)
    Rxx = np.atleast_2d(Rxx)
    rxy = np.array([np.corrcoef(Xa[:, j], ya)[0, 1] for j in range(Xa.shape[1])])
    evals, evecs = np.linalg.eigh(Rxx)
    evals = np.clip(evals, 1e-12, None)
    lam = evecs @ np.diag(np.sqrt(evals)) @ evecs.T  # correlations of X with its orthogonal twin Z
    beta = np.linalg.solve(lam, rxy)  # regression of y on Z
    return (lam ** 2) @ (beta ** 2)


def shapley_r2(X, y) -> np.ndarray:
    """Exact Shapley (LMG) decomposition of R² over all predictor subsets (k <= 10)."""
    Xa = np.asarray(X, float)
    k = Xa.shape[1]
    if k > 10:
        raise ValueError("Shapley decomposition is limited to 10 drivers")
    cache: dict[tuple, float] = {(): 0.0}
    for size in range(1, k + 1):
        for subset in combinations(range(k), size):
            cache[subset] = r_squared(Xa[:, subset], y)
    weights = np.zeros(k)
    for j in range(k):
        others = [i for i in range(k) if i != j]
        for size in range(k):
            factor = math.factorial(size) * math.factorial(k - size - 1) / math.factorial(k)
            for subset in combinations(others, size):
                with_j = tuple(sorted(subset + (j,)))
                weights[j] += factor * (cache[with_j] - cache[subset])
    return weights


def key_drivers(X, y, names, n_boot: int = 200, seed: int = 0,
                method: str = "relative_weights") -> list[Driver]:
    """Each driver's share of explained variance (percent) with bootstrap 95% intervals."""
    Xa, ya = np.asarray(X, float), np.asarray(y, float)
    decompose = relative_weights if method == "relative_weights" else shapley_r2
    weights = decompose(Xa, ya)
    total = weights.sum()
    shares = 100 * weights / total if total > 0 else np.zeros_like(weights)
    rng = np.random.default_rng(seed)
    boots = np.empty((n_boot, len(names)))
    n = len(ya)
    for b in range(n_boot):
        idx = rng.integers(0, n, n)
        w = decompose(Xa[idx], ya[idx])
        boots[b] = 100 * w / w.sum() if w.sum() > 0 else 0
    low, high = np.percentile(boots, [2.5, 97.5], axis=0) if n_boot else (shares, shares)
    return [Driver(str(name), float(s), float(lo), float(hi), float(w))
            for name, s, lo, hi, w in zip(names, shares, low, high, weights, strict=True)]
