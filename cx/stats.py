"""Pure statistics for cx: every interval, change and planning figure the app shows.

No I/O, no pandas: functions take counts or arrays and return small frozen
records, so they can be tested against hand-computed values and simulation.
Formulas follow ../shared/contract.md ("Metric definitions").
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import permutations

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
    p_value: float | None = None  # two-sided, from the same statistic as the interval (see "Many comparisons")


@dataclass(frozen=True)
class Correlation:
    r: float | None
    low: float | None
    high: float | None
    n: int
    method: str
    p_value: float | None = None  # exact permutation p-value, where no interval is honest (few pairs)


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


def _betainc(a: float, b: float, x: float, y: float) -> float:
    """Regularised incomplete beta I_x(a, b), given x and y = 1 - x separately to keep y's digits."""
    if x <= 0:
        return 0.0
    if y <= 0:
        return 1.0
    ln = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(y)
    front = math.exp(ln)
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, y) / b


def _t_upper(t: float, df: float) -> float:
    """P(T > t) for t >= 0, from the incomplete beta without subtracting from 1."""
    t2 = t * t
    return 0.5 * _betainc(df / 2, 0.5, df / (df + t2), t2 / (df + t2))


def t_cdf(t: float, df: float) -> float:
    """Student t cumulative probability (to ~1e-13; lgamma costs digits once df passes about 1e7)."""
    return 1.0 - _t_upper(t, df) if t > 0 else _t_upper(-t, df)


def _t_pdf(t: float, df: float) -> float:
    """Student t density, the slope Newton's method needs."""
    log_density = (math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
                   - (df + 1) / 2 * math.log1p(t * t / df))
    return math.exp(log_density)


def _cornish_fisher_t(z: float, df: float) -> float:
    """t quantile from the normal one (Abramowitz & Stegun 26.7.5); error below 1e-14 once df > 1e4."""
    z2 = z * z
    g1 = (z2 + 1) * z / 4
    g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
    g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
    g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
    return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df


def _t_upper_quantile(q: float, df: float) -> float:
    """The t > 0 with P(T > t) = q (0 < q < 0.5): closed forms, an expansion for huge df, else safeguarded Newton."""
    if df == 1:
        return 1.0 / math.tan(math.pi * q)
    if df == 2:
        return (1 - 2 * q) / math.sqrt(2 * q * (1 - q))
    z = -normal_ppf(q)
    start = _cornish_fisher_t(z, df)
    if df > 1e4:  # the expansion is exact to double precision here, and lgamma of huge df loses digits
        return start
    lo, hi = z, math.inf  # a t quantile is never nearer 0 than the normal one
    t = max(start, z)
    for _ in range(200):
        gap = _t_upper(t, df) - q  # decreasing in t
        if gap == 0:
            return t
        if gap > 0:
            lo = t
        else:
            hi = t
        step = t + gap / _t_pdf(t, df)
        if abs(step - t) <= 1e-13 * t or hi - lo <= 1e-13 * t:
            return step
        t = step if lo < step < hi else (2 * lo if math.isinf(hi) else (lo + hi) / 2)
    return t


@lru_cache(maxsize=4096)
def t_ppf(p: float, df: float) -> float:
    """Student t quantile (relative error below 1e-10); cached because pages ask for the same few df."""
    if df <= 0:
        raise ValueError("df must be positive")
    if not 0.0 < p < 1.0:
        raise ValueError("p must be strictly between 0 and 1")
    if p == 0.5:
        return 0.0
    return -_t_upper_quantile(p, df) if p < 0.5 else _t_upper_quantile(1.0 - p, df)


# --- figures -----------------------------------------------------------------

def _clip(x: float, low: float, high: float) -> float:
    return max(low, min(high, x))


def _check_counts(n: int, *parts: int) -> None:
    """Counts come from SQL; a negative count or parts adding up to more than n is a caller's bug."""
    if n < 0 or any(k < 0 for k in parts) or sum(parts) > n:
        raise ValueError(f"counts {parts} do not fit in n={n}")


def nps(promoters: int, detractors: int, n: int) -> Estimate:
    """Raw NPS in points with the contract's adjusted Wald 95% interval."""
    _check_counts(n, promoters, detractors)
    if n == 0:
        return Estimate(None, None, None, 0)
    point = 100.0 * (promoters - detractors) / n
    nt = n + 3
    pp, pd = (promoters + 0.75) / nt, (detractors + 0.75) / nt
    d = pp - pd
    half = Z_CONTRACT * math.sqrt((pp + pd - d * d) / nt)
    return Estimate(point, _clip(100 * (d - half), -100, 100), _clip(100 * (d + half), -100, 100), n)


ENPS_SMALL_BELOW = 30  # answers; below, an eNPS interval takes the t quantile instead of 1.96


def enps(promoters: int, detractors: int, n: int) -> Estimate:
    """eNPS: the contract's adjusted Wald interval, with t(n - 1)'s 97.5% quantile for 1.96 below
    ENPS_SMALL_BELOW answers.

    Employee groups of 5 to 29 are shown (the confidentiality minimum is 5), and there 1.96 runs
    short: over every truth on a 5% grid of promoter and detractor shares the contract's interval
    covers as little as 83.5% at n = 5 (no promoters, 85% detractors) and under 93% for a fifth of
    the grid. More padding pulls it further off and a score interval does no better; the t
    quantile (2.78 at n = 5) keeps the worst truth at 95% at n = 5 and about 91-93% at n = 10-29,
    and covers 96-99% on average (tests/test_interval_coverage.py). From 30 answers it is the
    contract's interval exactly.
    """
    if n >= ENPS_SMALL_BELOW or n < 2:
        return nps(promoters, detractors, n)
    _check_counts(n, promoters, detractors)
    point = 100.0 * (promoters - detractors) / n
    nt = n + 3
    pp, pd = (promoters + 0.75) / nt, (detractors + 0.75) / nt
    d = pp - pd
    half = t_ppf(0.975, n - 1) * math.sqrt((pp + pd - d * d) / nt)
    return Estimate(point, _clip(100 * (d - half), -100, 100), _clip(100 * (d + half), -100, 100), n)


def _nps_change_parts(p: int, d: int, n: int) -> tuple[float, float, float]:
    """Padded NPS share difference d~, its per-answer variance V and n~ for one side of a change."""
    nt = n + 1.5
    pp, pd = (p + 0.375) / nt, (d + 0.375) / nt
    diff = pp - pd
    return diff, pp + pd - diff * diff, nt


def nps_change(p_a: int, d_a: int, n_a: int, p_b: int, d_b: int, n_b: int) -> Change:
    """Change in NPS from a to b (points) with the contract's interval; significant when it excludes 0.

    Reading of the contract: the point is the raw NPS_b - NPS_a (as for a single NPS,
    "the point estimate is always the raw NPS"); the interval is centred on the padded
    difference d~_b - d~_a, each side padded by 0.375 promoters, 0.75 passives and
    0.375 detractors (n~ = n + 1.5), half-width 1.96 x sqrt(V_a/n~_a + V_b/n~_b).
    Like a single NPS interval it is clipped to what is possible, [-200, 200]. At very
    small n the padding can leave the raw point outside the interval (one answer a side).
    """
    _check_counts(n_a, p_a, d_a)
    _check_counts(n_b, p_b, d_b)
    if n_a == 0 or n_b == 0:
        return Change(None, None, None, False, n_a, n_b)
    raw = 100.0 * ((p_b - d_b) / n_b - (p_a - d_a) / n_a)
    da, va, na = _nps_change_parts(p_a, d_a, n_a)
    db, vb, nb = _nps_change_parts(p_b, d_b, n_b)
    centre = db - da
    half = Z_CONTRACT * math.sqrt(va / na + vb / nb)
    low, high = _clip(100 * (centre - half), -200, 200), _clip(100 * (centre + half), -200, 200)
    return Change(raw, low, high, bool(low > 0 or high < 0), n_a, n_b)


def _wilson_bounds(k: int, n: int, z: float = Z_CONTRACT) -> tuple[float, float]:
    return _wilson_bounds_at(k / n, n, z)


def _wilson_bounds_at(p: float, n: float, z: float) -> tuple[float, float]:
    """Wilson's score bounds for a share p of n (n need not be whole: an effective size)."""
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def wilson(successes: int, n: int) -> Estimate:
    """Share in percent with the Wilson score 95% interval."""
    _check_counts(n, successes)
    if n == 0:
        return Estimate(None, None, None, 0)
    lo, hi = _wilson_bounds(successes, n)
    return Estimate(100.0 * successes / n, 100 * lo, 100 * hi, n)


def share_change(k_a: int, n_a: int, k_b: int, n_b: int) -> Change:
    """Change in a share (percent points), Newcombe's hybrid score interval (method 10)."""
    _check_counts(n_a, k_a)
    _check_counts(n_b, k_b)
    if n_a == 0 or n_b == 0:
        return Change(None, None, None, False, n_a, n_b)
    pa, pb = k_a / n_a, k_b / n_b
    la, ua = _wilson_bounds(k_a, n_a)
    lb, ub = _wilson_bounds(k_b, n_b)
    diff = pb - pa
    low = max(diff - math.sqrt((pb - lb) ** 2 + (ua - pa) ** 2), -1.0)  # rounding can step past +/-100
    high = min(diff + math.sqrt((ub - pb) ** 2 + (pa - la) ** 2), 1.0)
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


def bounded_mean(n: int, total: float, total_sq: float, low: float, high: float) -> Estimate:
    """Mean of answers on a bounded scale [low, high] (CES 1-7, the 1-5 items) with a 95% interval
    that neither collapses nor runs short when the answers pile at one end of the scale.

    The t interval does both: 30 answers all "5" give 5.00 to 5.00, and 90/10 splits over the top
    two points cover 80-88% at n = 30-50. Here the mean is rescaled to a share p = (mean - low) /
    (high - low) and given Wilson's score interval (t quantile, n - 1 degrees of freedom) at an
    effective size n x p(1 - p) / s², s² the rescaled sample variance: answers only at the two ends
    are a share and get Wilson exactly; answers bunched together count as more information, as in
    the t interval, which this approaches for means away from the ends. With no spread (every
    answer the same) the effective size is n at an end of the scale (Wilson's interval for 30 of
    30) and at most n² inside it, so the interval never has zero width. Covers 93-97% on piled
    and spread 1-5 and 1-7 answers from n = 30 (tests/test_interval_coverage.py); the point is
    the raw mean.
    """
    if n <= 0:
        return Estimate(None, None, None, 0)
    mean, var = _mean_var(n, total, total_sq)
    if n < 2:
        return Estimate(mean, None, None, n)
    span = high - low
    p = _clip((mean - low) / span, 0.0, 1.0)
    pq = p * (1 - p)
    effective = n * pq / max(var / span ** 2, pq / n) if pq > 0 else float(n)
    lo, hi = _wilson_bounds_at(p, effective, t_ppf(0.975, n - 1))
    return Estimate(mean, low + span * lo, low + span * hi, n)


T_ROOM = 8.0  # answers' worth of room from each end of the scale the t interval needs to hold


def scale_mean(n: int, total: float, total_sq: float, low: float, high: float) -> Estimate:
    """Mean of answers on a bounded scale with the contract's t interval wherever that interval holds,
    and `bounded_mean`'s where it does not.

    The t interval runs short only when the mean sits within a few answers of an end of the scale
    (rescaled mean p with n x min(p, 1 - p) < T_ROOM) or when the answers do not vary (zero width).
    With this switch every case in tests/test_interval_coverage.py covers 93.5-97.6% from n = 30,
    and figures away from the ends are exactly the contract's.
    """
    if n >= 2:
        p = (total / n - low) / (high - low)
        if n * min(p, 1 - p) >= T_ROOM:
            t = mean_t(n, total, total_sq)
            if t.low is not None and t.high > t.low:
                return t
    return bounded_mean(n, total, total_sq, low, high)


def mean_change(n_a: int, s_a: float, ss_a: float, n_b: int, s_b: float, ss_b: float,
                scale: tuple[float, float] | None = None) -> Change:
    """Change in a mean from a to b with Welch's t interval.

    When neither side varies (every answer the same on both sides) Welch's interval is a point; on
    a bounded `scale` the change then gets the MOVER interval (Newcombe's construction) from the two
    sides' `bounded_mean` intervals, which never have zero width."""
    if n_a < 2 or n_b < 2:
        diff = (s_b / n_b - s_a / n_a) if n_a > 0 and n_b > 0 else None
        return Change(diff, None, None, False, max(n_a, 0), max(n_b, 0))
    ma, va = _mean_var(n_a, s_a, ss_a)
    mb, vb = _mean_var(n_b, s_b, ss_b)
    qa, qb = va / n_a, vb / n_b
    se = math.sqrt(qa + qb)
    diff = mb - ma
    if se == 0 and scale is not None:
        a, b = bounded_mean(n_a, s_a, ss_a, *scale), bounded_mean(n_b, s_b, ss_b, *scale)
        low = diff - math.sqrt((mb - b.low) ** 2 + (a.high - ma) ** 2)
        high = diff + math.sqrt((b.high - mb) ** 2 + (ma - a.low) ** 2)
        return Change(diff, low, high, bool(low > 0 or high < 0), n_a, n_b)
    if se == 0:
        return Change(diff, diff, diff, diff != 0, n_a, n_b)
    df = (qa + qb) ** 2 / ((qa * qa) / (n_a - 1) + (qb * qb) / (n_b - 1))  # Welch-Satterthwaite
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


# How a drop moves the answers (the planning model). A fall of `drop` NPS points moves
# drop/200 of the answers from promoter to detractor (half the fall leaves the promoters, half
# arrives among the detractors, as the alarm replay assumes); when the promoters run out, the
# rest of the fall moves passives to detractors. Touchpoints with many promoters thus gain
# variance as they fall, which is why planning at the variance before the drop over-promised
# (80% stated, 55-74% real). A negative drop (a rise) is the mirror image.

UNKNOWN_SHARES = (0.45, 0.15)  # promoter and detractor shares assumed with no recent answers (V = 0.51)


def shares_after_drop(p_promoters: float, p_detractors: float, drop_points: float) -> tuple[float, float]:
    """(promoter, detractor) shares after NPS falls by `drop_points` under the planning model above.

    NPS falls by exactly `drop_points` when the answers allow it; past that (everyone a detractor)
    it falls as far as it can.
    """
    if drop_points < 0:
        d, p = shares_after_drop(p_detractors, p_promoters, -drop_points)
        return p, d
    moved = min(drop_points / 200, p_promoters)
    p, d = p_promoters - moved, p_detractors + moved
    rest = (drop_points - 200 * moved) / 100  # promoters used up: passives become detractors
    d += min(rest, max(1.0 - p - d, 0.0))
    return p, d


EXACT_MONTH_UP_TO = 200  # answers: up to here the smaller month's outcomes are summed exactly


def _month_outcomes(p: float, d: float, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The likely (promoters, detractors) outcomes of n answers at shares (p, d), shape (k, 2), and
    their multinomial probabilities (outcomes below 1e-13 left out)."""
    promoters, detractors = np.meshgrid(np.arange(n + 1), np.arange(n + 1), indexing="ij")
    keep = promoters + detractors <= n
    counts = np.column_stack([promoters[keep], n - promoters[keep] - detractors[keep], detractors[keep]])
    log_fact = np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, n + 1)))])
    with np.errstate(divide="ignore"):
        logs = np.log(np.array([p, max(1.0 - p - d, 0.0), d]))
    terms = np.where(counts == 0, 0.0, counts * np.where(np.isfinite(logs), logs, 0.0))
    impossible = ((counts > 0) & ~np.isfinite(logs)).any(axis=1)
    prob = np.where(impossible, 0.0, np.exp(log_fact[n] - log_fact[counts].sum(axis=1) + terms.sum(axis=1)))
    likely = prob > 1e-13
    return counts[likely][:, [0, 2]].astype(float), prob[likely]


def _share_cov(p: float, d: float, n: int) -> np.ndarray:
    """Covariance of the padded promoter and detractor shares (k + 0.375) / (n + 1.5) at true (p, d)."""
    return n / (n + 1.5) ** 2 * np.array([[p * (1 - p), -p * d], [-p * d, d * (1 - d)]])


def _padded(counts: np.ndarray, n: int) -> np.ndarray:
    return (counts + 0.375) / (n + 1.5)


def _month_spread(p: float, d: float, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A month to sum over: its outcomes (padded shares), their probabilities and the spread left to
    linearise (none when every likely outcome is listed; all of it when the month stands at its mean)."""
    if n <= EXACT_MONTH_UP_TO:
        counts, prob = _month_outcomes(p, d, n)
        return _padded(counts, n), prob, np.zeros((2, 2))
    return _padded(np.array([[n * p, n * d]]), n), np.ones(1), _share_cov(p, d, n)


def _slope(diff, se, nt: float, sign: float) -> np.ndarray:
    """d T / d (padded promoter share, padded detractor share) of one month, T = d~later - d~earlier + 1.96 SE~;
    `sign` +1 for the later month, -1 for the earlier."""
    se = np.asarray(se, float)
    return np.stack([sign + Z_CONTRACT * (1 - 2 * diff) / (2 * se * nt),
                     -sign + Z_CONTRACT * (1 + 2 * diff) / (2 * se * nt)], axis=-1)


def nps_drop_power(p_promoters: float, p_detractors: float, n1: int, n2: int, drop_points: float) -> float:
    """Chance that the app's change flag (the contract's padded NPS difference, significant and a
    fall) catches a fall of `drop_points` from a month of n1 answers to a month of n2.

    Month 1 has the shares given; month 2 the shares after the drop (`shares_after_drop`), so the
    variance is the one under the alternative. The flag is raised when T = d~2 - d~1 + 1.96 x SE~
    falls below 0, SE~ being the test's own standard error from the same counts. The smaller
    month's outcomes are summed exactly (up to EXACT_MONTH_UP_TO answers: its skew is what a normal
    approximation misses at small n); given each, the other month enters linearised (delta
    method) as a normal. Within 2 points of a simulation of `nps_change` (tests/test_planning.py).
    """
    if n1 <= 0 or n2 <= 0:
        return 0.0
    months = [(p_promoters, p_detractors, n1), (*shares_after_drop(p_promoters, p_detractors, drop_points), n2)]
    small = 0 if n1 <= n2 else 1
    (p, d, n), (op, od, on) = months[small], months[1 - small]
    fixed, prob, own_cov = _month_spread(p, d, n)
    other = _padded(np.array([on * op, on * od]), on)
    nt, ont = n + 1.5, on + 1.5
    sign = 1.0 if small == 0 else -1.0  # +1: the linearised month is the later one
    diff_f, diff_o = fixed[:, 0] - fixed[:, 1], other[0] - other[1]
    se = np.sqrt((fixed.sum(axis=1) - diff_f ** 2) / nt + nps_variance(*other) / ont)
    mean = sign * (diff_o - diff_f) + Z_CONTRACT * se
    safe = np.where(se > 0, se, 1.0)
    g_other, g_fixed = _slope(diff_o, safe, ont, sign), _slope(diff_f, safe, nt, -sign)
    var = (np.einsum("ki,ij,kj->k", g_other, _share_cov(op, od, on), g_other)
           + np.einsum("ki,ij,kj->k", g_fixed, own_cov, g_fixed))
    sd = np.sqrt(np.maximum(var, 0.0))
    below = [normal_cdf(-m / s) if s > 0 else float(m < 0) for m, s in zip(mean, sd, strict=True)]
    return float(min(max(np.dot(prob, below), 0.0), 1.0))


def simulate_drop_flags(p_promoters: float, p_detractors: float, n1: int, n2: int, drop_points: float,
                        sims: int = 400, seed: int = 0) -> float:
    """Share of `sims` simulated month pairs (month 2 after the fall) that `nps_change` flags as a fall."""
    if n1 <= 0 or n2 <= 0:
        return 0.0
    rng = np.random.default_rng(seed)
    after = shares_after_drop(p_promoters, p_detractors, drop_points)
    draws = [rng.multinomial(n, [p, max(1.0 - p - d, 0.0), d], size=sims)
             for p, d, n in ((p_promoters, p_detractors, n1), (*after, n2))]
    flags = 0
    for a, b in zip(*draws, strict=True):
        change = nps_change(int(a[0]), int(a[2]), n1, int(b[0]), int(b[2]), n2)
        flags += bool(change.significant and change.diff < 0)
    return flags / sims


def detectable_drop(p_promoters: float, p_detractors: float, n1: int, n2: int) -> float:
    """Smallest NPS fall (points) detectable with 80% power at 5% two-sided: the contract's
    2.8016 x 100 x sqrt(V1/n1 + V2/n2) with V2 the variance after that very fall, solved by
    bisection (the fall appears on both sides). Infinite when even the largest possible fall
    stays below its own threshold (or a month has no answers).
    """
    if n1 <= 0 or n2 <= 0:
        return math.inf
    v1 = nps_variance(p_promoters, p_detractors)

    def gap(drop: float) -> float:
        return drop - min_detectable_change(v1, n1, nps_variance(*shares_after_drop(p_promoters, p_detractors,
                                                                                     drop)), n2)

    largest = 100 * (p_promoters - p_detractors) + 100  # everyone a detractor
    if gap(largest) < 0:
        return math.inf
    low, high = 0.0, largest
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if gap(mid) < 0 else (low, mid)
    return high


def sample_size_for_drop(drop_points: float, variance: float, power: float = 0.8,
                         alpha: float = 0.05) -> int:
    """Answers needed in each of two months so a drop of `drop_points` is detected with `power`."""
    if drop_points == 0:
        raise ValueError("the drop to detect must not be zero")
    za, zb = normal_ppf(1 - alpha / 2), normal_ppf(power)
    return math.ceil(((za + zb) * 100) ** 2 * 2 * variance / drop_points ** 2)


# --- correlation ---------------------------------------------------------------

def _fisher_interval(r: float, n: int, var_z: float) -> tuple[float | None, float | None]:
    """tanh(atanh(r) +/- 1.96 sqrt(var_z)); none below 4 pairs, a point where |r| = 1."""
    if n < 4:
        return None, None
    if abs(r) >= 1:
        return r, r
    z = math.atanh(r)
    half = Z_CONTRACT * math.sqrt(var_z)
    return math.tanh(z - half), math.tanh(z + half)


def _complete_pairs(x, y) -> tuple[np.ndarray, np.ndarray]:
    """x and y as float arrays with the pairs where either value is missing (NaN) left out."""
    xa, ya = np.asarray(x, float).ravel(), np.asarray(y, float).ravel()
    if xa.shape != ya.shape:
        raise ValueError(f"x has {xa.size} values and y has {ya.size}")
    keep = ~(np.isnan(xa) | np.isnan(ya))
    return xa[keep], ya[keep]


def _varies(a: np.ndarray) -> bool:
    return a.size > 0 and bool(a.max() > a.min())


def _plain_r(xa: np.ndarray, ya: np.ndarray) -> float:
    xc, yc = xa - xa.mean(), ya - ya.mean()
    return float(np.clip(xc @ yc / math.sqrt((xc @ xc) * (yc @ yc)), -1.0, 1.0))


def pearson(x, y) -> Correlation:
    """Pearson r with a Fisher-z 95% interval; incomplete pairs left out; r None for a constant input."""
    xa, ya = _complete_pairs(x, y)
    n = xa.size
    if n < 2 or not _varies(xa) or not _varies(ya):
        return Correlation(None, None, None, n, "pearson")
    r = _plain_r(xa, ya)
    low, high = _fisher_interval(r, n, 1 / (n - 3) if n > 3 else math.inf)
    return Correlation(r, low, high, n, "pearson")


def ranks(values) -> np.ndarray:
    """Ranks 1..n with ties given their average rank (O(n log n))."""
    a = np.asarray(values, float).ravel()
    _, inverse, counts = np.unique(a, return_inverse=True, return_counts=True)
    starts = np.cumsum(counts) - counts  # values sorted before each distinct value
    return (starts + (counts + 1) / 2)[inverse.ravel()]


SPEARMAN_INTERVAL_FROM = 10  # pairs; below, the rank correlation gets an exact permutation test instead


def spearman(x, y) -> Correlation:
    """Spearman rank correlation (average ranks for ties).

    From SPEARMAN_INTERVAL_FROM pairs: a Fisher-z interval with the Bonett-Wright variance (covers
    93-97% from 10 pairs, tests/test_interval_coverage.py); where r is exactly +/-1 the interval
    runs from the bound of the nearest value ranks can take (one adjacent swap) to +/-1, so it is
    never a point. Below that no interval is honest (six units in the same order give [1, 1]): the
    result has no interval but the exact two-sided permutation p-value over all n! orders.
    """
    xa, ya = _complete_pairs(x, y)
    n = xa.size
    if n < 2 or not _varies(xa) or not _varies(ya):
        return Correlation(None, None, None, n, "spearman")
    rx, ry = ranks(xa), ranks(ya)
    r = _plain_r(rx, ry)
    if n < SPEARMAN_INTERVAL_FROM:
        return Correlation(r, None, None, n, "spearman", permutation_p_value(rx, ry))
    near = math.copysign(1 - 12 / (n * (n * n - 1)), r) if abs(r) >= 1 else r
    low, high = _fisher_interval(near, n, (1 + near * near / 2) / (n - 3))
    if abs(r) >= 1:
        low, high = (low, 1.0) if r > 0 else (-1.0, high)
    return Correlation(r, low, high, n, "spearman")


def permutation_p_value(x, y) -> float:
    """Exact two-sided p-value of the correlation of x and y: the share of all n! orders of y whose
    |r| reaches the observed one (n <= 9, so at most 362,880 orders)."""
    xa, ya = np.asarray(x, float), np.asarray(y, float)
    n = xa.size
    if n > 9:
        raise ValueError("exact permutation p-values are for at most 9 pairs")
    xc, yc = xa - xa.mean(), ya - ya.mean()
    scale = math.sqrt((xc @ xc) * (yc @ yc))
    orders = np.array(list(permutations(range(n))), dtype=np.int8)
    r_all = np.abs(yc[orders] @ xc) / scale
    observed = abs(float(xc @ yc) / scale)
    return float(np.mean(r_all >= observed - 1e-12))


# --- key drivers ---------------------------------------------------------------
#
# Both decompositions work from the correlation matrix of (y, X): a subset's R² is
# r_S' R_SS^+ r_S. A predictor that does not vary (common in a bootstrap resample of
# 1-5 answers) gets zero correlations, so it explains nothing instead of breaking the
# fit; the pseudo-inverse splits perfectly collinear predictors' share between them.

def _as_design(X, y) -> tuple[np.ndarray, np.ndarray]:
    """X as an (n, k) float array and y as (n,), refusing missing values and mismatched lengths."""
    Xa, ya = np.asarray(X, float), np.asarray(y, float).ravel()
    if Xa.ndim == 1:
        Xa = Xa[:, None]
    if Xa.shape[0] != ya.size:
        raise ValueError(f"X has {Xa.shape[0]} rows and y has {ya.size}")
    if not (np.isfinite(Xa).all() and np.isfinite(ya).all()):
        raise ValueError("drivers and outcome must not have missing values")
    return Xa, ya


def _correlations(Xa: np.ndarray, ya: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(R_xx, r_xy) with constant columns uncorrelated with everything (and y constant: r_xy = 0)."""
    data = np.column_stack([ya, Xa])
    centred = data - data.mean(axis=0)
    scale = np.sqrt((centred ** 2).sum(axis=0))
    varies = scale > 1e-12 * np.maximum(np.abs(data).max(axis=0), 1.0) * math.sqrt(len(ya))
    standard = np.where(varies, centred / np.where(varies, scale, 1.0), 0.0)
    corr = np.clip(standard.T @ standard, -1.0, 1.0)
    np.fill_diagonal(corr, 1.0)
    return corr[1:, 1:], corr[1:, 0]


def _subset_r2(Rxx: np.ndarray, rxy: np.ndarray, subset: np.ndarray) -> float:
    if subset.size == 0:
        return 0.0
    r = rxy[subset]
    return float(r @ np.linalg.pinv(Rxx[np.ix_(subset, subset)], hermitian=True) @ r)


def r_squared(X, y) -> float:
    """R² of an ordinary least-squares fit of y on X with an intercept."""
    Xa, ya = _as_design(X, y)
    Rxx, rxy = _correlations(Xa, ya)
    return _subset_r2(Rxx, rxy, np.arange(Xa.shape[1]))


def _relative_weights(Rxx: np.ndarray, rxy: np.ndarray) -> np.ndarray:
    """Johnson's weights from (R_xx, r_xy); also for stacks (..., k, k) and (..., k), one per resample."""
    evals, evecs = np.linalg.eigh(Rxx)
    keep = evals > 1e-10 * np.maximum(evals.max(axis=-1, keepdims=True), 1.0)
    root = np.where(keep, np.sqrt(np.clip(evals, 0.0, None)), 0.0)
    inv_root = np.where(keep, 1.0 / np.where(keep, root, 1.0), 0.0)
    back = np.swapaxes(evecs, -1, -2)
    lam = (evecs * root[..., None, :]) @ back  # correlations of X with its orthogonal twin Z (R_xx^1/2)
    beta = ((evecs * inv_root[..., None, :]) @ back @ rxy[..., None])[..., 0]  # standardised regression of y on Z
    return ((lam ** 2) @ (beta ** 2)[..., None])[..., 0]


def relative_weights(X, y) -> np.ndarray:
    """Johnson's (2000) relative weights: each predictor's part of R², summing to R²."""
    return _relative_weights(*_correlations(*_as_design(X, y)))


MAX_SHAPLEY_DRIVERS = 10


def _shapley(Rxx: np.ndarray, rxy: np.ndarray) -> np.ndarray:
    k = len(rxy)
    if k > MAX_SHAPLEY_DRIVERS:
        raise ValueError(f"Shapley decomposition is limited to {MAX_SHAPLEY_DRIVERS} drivers")
    masks = np.arange(1 << k)
    members = (masks[:, None] >> np.arange(k)) & 1  # row m: which drivers subset m holds
    size = members.sum(axis=1)
    value = np.zeros(len(masks))  # R² of every subset, one batched pseudo-inverse per subset size
    for s in range(1, k + 1):
        rows = np.flatnonzero(size == s)
        cols = np.nonzero(members[rows])[1].reshape(len(rows), s)
        r = rxy[cols]
        blocks = Rxx[cols[:, :, None], cols[:, None, :]]
        value[rows] = np.einsum("bi,bij,bj->b", r, np.linalg.pinv(blocks, hermitian=True), r)
    # weight of joining a subset of size s: s! (k - s - 1)! / k!
    order_weight = np.array([math.factorial(s) * math.factorial(max(k - s - 1, 0)) / math.factorial(k)
                             for s in range(k + 1)])
    weights = np.empty(k)
    for j in range(k):
        without = masks[members[:, j] == 0]
        weights[j] = (order_weight[size[without]] * (value[without | (1 << j)] - value[without])).sum()
    return weights


def shapley_r2(X, y) -> np.ndarray:
    """Exact Shapley (LMG) decomposition of R² over all 2^k predictor subsets (k <= 10); sums to R²."""
    return _shapley(*_correlations(*_as_design(X, y)))


DECOMPOSITIONS = {"relative_weights": _relative_weights, "shapley": _shapley}


def _shares(weights: np.ndarray) -> np.ndarray:
    """Percent of the total along the last axis (zeros where nothing is explained)."""
    total = weights.sum(axis=-1, keepdims=True)
    return np.where(total > 0, 100 * weights / np.where(total > 0, total, 1.0), 0.0)


def key_drivers(X, y, names, n_boot: int = 200, seed: int = 0,
                method: str = "relative_weights") -> list[Driver]:
    """Each driver's share of explained R² (percent, summing to 100) with bootstrap 95% intervals
    (`expanded_percentile`).

    `method` is "relative_weights" (Johnson 2000) or "shapley" (exact LMG). Rows are
    resampled with replacement n_boot times from numpy's generator seeded with `seed`,
    so the same call gives the same intervals.
    """
    decompose = _decomposition(method)
    Xa, ya = _as_design(X, y)
    names = _driver_names(names, Xa.shape[1])
    weights = decompose(*_correlations(Xa, ya))
    boots = None
    if n_boot > 0:
        rng = np.random.default_rng(seed)
        n = len(ya)
        boots = np.empty((n_boot, len(names)))
        for b in range(n_boot):
            idx = rng.integers(0, n, n)
            boots[b] = _shares(decompose(*_correlations(Xa[idx], ya[idx])))
    return _drivers(names, weights, boots, len(ya))


def _decomposition(method: str):
    if method not in DECOMPOSITIONS:
        raise ValueError(f"method must be one of {sorted(DECOMPOSITIONS)}")
    return DECOMPOSITIONS[method]


def _driver_names(names, k: int) -> list:
    names = list(names)
    if len(names) != k:
        raise ValueError(f"{len(names)} names for {k} drivers")
    return names


def _drivers(names: list, weights: np.ndarray, boots: np.ndarray | None, units: int = 0) -> list[Driver]:
    """Driver records: shares of the point estimate with expanded-percentile bootstrap 95% intervals."""
    shares = _shares(weights)
    low, high = (shares, shares) if boots is None else expanded_percentile(boots, units)
    return [Driver(str(name), float(s), float(lo), float(hi), float(w))
            for name, s, lo, hi, w in zip(names, shares, low, high, weights, strict=True)]


def expanded_percentile(boots: np.ndarray, units: int, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Hesterberg's expanded percentile interval: bootstrap percentiles at Φ(±sqrt(m/(m-1)) t_{m-1})
    instead of 2.5% and 97.5%, m the number of resampled units (rows or groups).

    Why not the plain percentile or BCa: plain percentiles of key-driver shares covered 92% at
    n = 30 (the bootstrap spread of m units is too narrow by the factors above); BCa covered
    less still (84%, 85% and 74% for shares of 56%, 37% and 7%: a small share's estimate sits
    at the boundary 0, so the bias correction drags its upper bound below the truth). The
    expanded percentile covers 93-97% from n = 30 (tests/test_interval_coverage.py); with the
    journey's 200 groups it is the plain percentile widened by 1%.
    """
    boots = np.asarray(boots, float)
    if units < 2:
        tail = (1 - level) / 2
    else:
        z = math.sqrt(units / (units - 1)) * t_ppf((1 + level) / 2, units - 1)
        tail = normal_cdf(-z)
    low, high = np.percentile(boots, [100 * tail, 100 * (1 - tail)], axis=0)
    return low, high


# --- key drivers from grouped moments ---------------------------------------------
#
# Why a bootstrap over groups of answers is honest (and cheap):
#
# 1. Every quantity of the key-driver analysis (the correlation matrix of outcome and
#    drivers, hence R², relative weights and Shapley shares) is a function of three sums
#    over the rows: the count, each column's sum and each pair of columns' cross-product
#    sum. A row bootstrap resample is the original rows weighted by how often each was
#    drawn, so its statistic needs only the weighted sum of the rows' moments: no row has
#    to leave the database.
# 2. Split the rows into m groups by a hash of the response id (unrelated to the answers):
#    for independent answers the groups' moment sums are independent draws of the same
#    kind, and the statistic is a smooth function of their total. Resampling whole groups
#    with replacement is the cluster bootstrap of survey sampling: each group's linearised
#    influence is the sum of its rows', so m times the between-group variance of the
#    influences equals n times the between-row variance, and the resampled statistic has
#    the row bootstrap's spread to first order (and is consistent as m grows).
# 3. The price is that the spread is estimated from m groups rather than n rows: about
#    1/sqrt(2m) relative error in an interval's width (5% for m = 200), less than the Monte
#    Carlo error of percentiles from a few hundred resamples. With fewer answers than
#    groups nearly every group holds one answer and this is the row bootstrap itself.
#
# tests/test_stats.py checks the point estimate against the row formulas exactly and the
# intervals against the row bootstrap on simulated data within Monte Carlo error.

def group_moments(data, groups) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(count, sums, cross-product sums) per group of rows: the numpy twin of the SQL in cx.journey.

    `data` is (n, p) with the outcome first; `groups` labels each row. Groups come out
    in sorted label order.
    """
    data = np.asarray(data, float)
    labels, index = np.unique(np.asarray(groups), return_inverse=True)
    m, p = len(labels), data.shape[1]
    count = np.bincount(index, minlength=m).astype(float)
    total = np.stack([np.bincount(index, weights=data[:, j], minlength=m) for j in range(p)], axis=-1)
    cross = np.empty((m, p, p))
    for i in range(p):
        for j in range(i, p):
            cross[:, i, j] = cross[:, j, i] = np.bincount(index, weights=data[:, i] * data[:, j], minlength=m)
    return count, total, cross


def moment_correlations(count, total, cross) -> tuple[np.ndarray, np.ndarray]:
    """(correlation matrix, which columns vary) from summed moments; constant columns get zero correlations.

    `count` (), `total` (p,) and `cross` (p, p), or stacks of them with a leading axis
    (one per resample). The covariance is (n·Σxy − Σx·Σy) / n². For answers on small
    whole-number scales (0–10, 1–5) the sums are exact in double precision, so nothing
    is lost to cancellation; a column counts as constant when its variance is below
    1e-12 of its mean square (rounding, not data).
    """
    count = np.asarray(count, float)[..., None, None]
    total, cross = np.asarray(total, float), np.asarray(cross, float)
    safe = np.where(count > 0, count, 1.0)
    cov = (safe * cross - total[..., :, None] * total[..., None, :]) / (safe * safe)
    var = np.diagonal(cov, axis1=-2, axis2=-1)
    mean_square = np.diagonal(cross, axis1=-2, axis2=-1) / safe[..., 0]
    varies = (var > 1e-12 * np.maximum(mean_square, 1e-300)) & (count[..., 0] > 0)
    scale = np.sqrt(np.where(varies, var, 1.0))
    both = varies[..., :, None] & varies[..., None, :]
    corr = np.clip(np.where(both, cov / (scale[..., :, None] * scale[..., None, :]), 0.0), -1.0, 1.0)
    eye = np.eye(total.shape[-1], dtype=bool)
    return np.where(eye, 1.0, corr), varies


def _moment_decomposition(decompose, count, total, cross) -> np.ndarray:
    """Weights from summed moments (outcome in column 0); stacks go through relative weights in one call."""
    corr, _ = moment_correlations(count, total, cross)
    Rxx, rxy = corr[..., 1:, 1:], corr[..., 1:, 0]
    if corr.ndim == 2 or decompose is _relative_weights:
        return decompose(Rxx, rxy)
    return np.array([decompose(a, b) for a, b in zip(Rxx, rxy, strict=True)])


def r_squared_from_moments(count: float, total, cross) -> float:
    """R² of the least-squares fit of column 0 on the others, from summed moments."""
    corr, _ = moment_correlations(count, total, cross)
    return _subset_r2(corr[1:, 1:], corr[1:, 0], np.arange(len(corr) - 1))


def key_drivers_from_moments(count, total, cross, names, n_boot: int = 200, seed: int = 0,
                             method: str = "relative_weights") -> list[Driver]:
    """`key_drivers` from per-group moments (outcome in column 0), bootstrapping whole groups.

    `count` (m,), `total` (m, p) and `cross` (m, p, p) come from `group_moments` or the
    same sums computed in DuckDB. The point estimate equals `key_drivers` on the rows;
    the intervals resample the m groups with replacement n_boot times (see the note
    above for why that is a valid bootstrap). With one row per group it is exactly the
    row bootstrap.
    """
    decompose = _decomposition(method)
    count, total, cross = _checked_moments(count, total, cross)
    names = _driver_names(names, total.shape[1] - 1)
    weights = _moment_decomposition(decompose, count.sum(), total.sum(axis=0), cross.sum(axis=0))
    boots = _group_resamples(decompose, count, total, cross, n_boot, seed) if n_boot > 0 else None
    return _drivers(names, weights, boots, int((count > 0).sum()))


def _checked_moments(count, total, cross) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    count, total, cross = np.asarray(count, float), np.asarray(total, float), np.asarray(cross, float)
    if total.ndim != 2 or cross.shape != (*total.shape, total.shape[1]) or count.shape != total.shape[:1]:
        raise ValueError("count (m,), total (m, p) and cross (m, p, p) must describe the same groups")
    return count, total, cross


def _group_resamples(decompose, count: np.ndarray, total: np.ndarray, cross: np.ndarray, n_boot: int,
                     seed: int) -> np.ndarray:
    """Driver shares (n_boot, k) of n_boot resamples of the m groups with replacement (seeded)."""
    m = len(count)
    draws = np.random.default_rng(seed).integers(0, m, (n_boot, m))
    offsets = (draws + m * np.arange(n_boot)[:, None]).ravel()
    times = np.bincount(offsets, minlength=n_boot * m).reshape(n_boot, m).astype(float)  # draws per group
    crosses = (times @ cross.reshape(m, -1)).reshape(n_boot, *cross.shape[1:])
    return _shares(_moment_decomposition(decompose, times @ count, times @ total, crosses))


@dataclass(frozen=True)
class DriverDifference:
    first: str
    second: str
    diff: float  # share of first minus share of second, percentage points
    low: float
    high: float

    @property
    def clear(self) -> bool:
        """The interval leaves out 0: one driver clearly weighs more than the other."""
        return self.low > 0 or self.high < 0


def key_driver_differences_from_moments(count, total, cross, names, n_boot: int = 200, seed: int = 0,
                                        method: str = "relative_weights") -> list[DriverDifference]:
    """For every pair of drivers, the difference of their shares (points) with a 95% interval from
    the same resamples as `key_drivers_from_moments` (same seed, same draws): two shares' own
    intervals overlapping says little, because the shares move together (they sum to 100)."""
    decompose = _decomposition(method)
    count, total, cross = _checked_moments(count, total, cross)
    names = _driver_names(names, total.shape[1] - 1)
    shares = _shares(_moment_decomposition(decompose, count.sum(), total.sum(axis=0), cross.sum(axis=0)))
    boots = _group_resamples(decompose, count, total, cross, n_boot, seed)
    units = int((count > 0).sum())
    out = []
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            low, high = expanded_percentile(boots[:, i] - boots[:, j], units)
            out.append(DriverDifference(str(names[i]), str(names[j]), float(shares[i] - shares[j]),
                                        float(low), float(high)))
    return out


# --- Many comparisons ------------------------------------------------------------
#
# A view that flags several changes at once (a journey map, a heatmap, a table of units,
# the overview's tiles) flags a change only when it passes the Benjamini-Hochberg
# procedure at 5% over that view's comparisons (contract: "Many comparisons at once").
# Each p-value comes from the statistic of the change's own interval, so a lone
# comparison is flagged exactly when its 95% interval excludes 0:
# - NPS: z of the padded difference (0.375 / 0.75 / 0.375 added, n~ = n + 1.5);
# - shares: the Newcombe hybrid score interval inverted (the level at which it just
#   touches 0);
# - means: Welch's t with the Welch-Satterthwaite degrees of freedom.

FALSE_DISCOVERY_RATE = 0.05


def _two_sided_normal(z: float) -> float:
    return min(1.0, math.erfc(abs(z) / math.sqrt(2.0)))


def nps_change_p_value(p_a: int, d_a: int, n_a: int, p_b: int, d_b: int, n_b: int) -> float | None:
    """Two-sided p of an NPS change: z = (d~_b - d~_a) / sqrt(V_a/n~_a + V_b/n~_b), the interval's statistic."""
    _check_counts(n_a, p_a, d_a)
    _check_counts(n_b, p_b, d_b)
    if n_a == 0 or n_b == 0:
        return None
    da, va, na = _nps_change_parts(p_a, d_a, n_a)
    db, vb, nb = _nps_change_parts(p_b, d_b, n_b)
    se = math.sqrt(va / na + vb / nb)
    return _two_sided_normal((db - da) / se)


def _newcombe_gap(k_a: int, n_a: int, k_b: int, n_b: int, z: float) -> float:
    """How far the Newcombe interval at multiplier z stays from 0 on the side of the difference (> 0: excludes it)."""
    pa, pb = k_a / n_a, k_b / n_b
    la, ua = _wilson_bounds(k_a, n_a, z)
    lb, ub = _wilson_bounds(k_b, n_b, z)
    diff = pb - pa
    if diff >= 0:
        return diff - math.sqrt((pb - lb) ** 2 + (ua - pa) ** 2)
    return -(diff + math.sqrt((ub - pb) ** 2 + (pa - la) ** 2))


def share_change_p_value(k_a: int, n_a: int, k_b: int, n_b: int) -> float | None:
    """Two-sided p of a change in a share: the Newcombe (method 10) interval inverted.

    p is the alpha at which the 1 - alpha Newcombe interval has 0 on its edge, found by
    bisection on the multiplier z (the interval widens with z), so p < 0.05 exactly when
    the 95% interval excludes 0.
    """
    _check_counts(n_a, k_a)
    _check_counts(n_b, k_b)
    if n_a == 0 or n_b == 0:
        return None
    if k_a * n_b == k_b * n_a:
        return 1.0
    low, high = 0.0, 40.0
    if _newcombe_gap(k_a, n_a, k_b, n_b, high) > 0:
        return 0.0
    for _ in range(100):
        mid = (low + high) / 2
        if _newcombe_gap(k_a, n_a, k_b, n_b, mid) > 0:
            low = mid
        else:
            high = mid
        if high - low < 1e-12:
            break
    return _two_sided_normal((low + high) / 2)


def mean_change_p_value(n_a: int, s_a: float, ss_a: float, n_b: int, s_b: float, ss_b: float) -> float | None:
    """Two-sided p of a change in a mean: Welch's t with the Welch-Satterthwaite degrees of freedom."""
    if n_a < 2 or n_b < 2:
        return None
    ma, va = _mean_var(n_a, s_a, ss_a)
    mb, vb = _mean_var(n_b, s_b, ss_b)
    qa, qb = va / n_a, vb / n_b
    diff = mb - ma
    if qa + qb == 0:
        return 1.0 if diff == 0 else 0.0
    df = (qa + qb) ** 2 / ((qa * qa) / (n_a - 1) + (qb * qb) / (n_b - 1))
    return min(1.0, 2 * _t_upper(abs(diff) / math.sqrt(qa + qb), df))


def change_p_value(kind: str, before: tuple, after: tuple) -> float | None:
    """The p-value of a change of a metric of `kind` (nps, share, mean) from its (n, a, b) aggregates."""
    (n1, a1, b1), (n2, a2, b2) = before, after
    if kind == "nps":
        return nps_change_p_value(int(a1), int(b1), int(n1), int(a2), int(b2), int(n2))
    if kind == "share":
        return share_change_p_value(int(a1), int(n1), int(a2), int(n2))
    return mean_change_p_value(int(n1), float(a1), float(b1), int(n2), float(a2), float(b2))


def z_change_p_value(diff: float, variance: float) -> float | None:
    """Two-sided p of a change estimated with a normal variance (a weighted figure's change)."""
    if variance is None or not math.isfinite(variance) or diff is None:
        return None
    if variance <= 0:
        return 1.0 if diff == 0 else 0.0
    return _two_sided_normal(diff / math.sqrt(variance))


def _usable(p) -> bool:
    return p is not None and isinstance(p, (int, float)) and math.isfinite(p)


def bh_adjusted(p_values) -> list[float | None]:
    """Benjamini-Hochberg adjusted p-values (q-values); comparisons without a p-value stay None and do not count."""
    usable = [(float(p), i) for i, p in enumerate(p_values) if _usable(p)]
    out: list[float | None] = [None] * len(p_values)
    m = len(usable)
    running = 1.0
    for rank, (p, i) in zip(range(m, 0, -1), sorted(usable, reverse=True), strict=True):
        running = min(running, p * m / rank)
        out[i] = min(running, 1.0)
    return out


def benjamini_hochberg(p_values, rate: float = FALSE_DISCOVERY_RATE) -> list[bool]:
    """Which comparisons pass the Benjamini-Hochberg step-up procedure at false discovery rate `rate`.

    Missing p-values (None, NaN: no comparison possible) are not comparisons: never flagged, not counted.
    """
    return [q is not None and q <= rate for q in bh_adjusted(p_values)]


def comparison_count(p_values) -> int:
    """How many comparisons a view holds (those with a p-value)."""
    return sum(1 for p in p_values if _usable(p))
