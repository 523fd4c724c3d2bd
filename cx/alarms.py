"""Control charts that watch a monthly figure for a fall, tuned to a stated false-alarm rate.

Why it looks like this:
- A month's figure is standardised against the series' own in-control model, estimated from its
  reference months: its level, the variance of one answer, and the month-to-month variation beyond
  sampling (tau², DerSimonian-Laird). A month with few answers then counts for less, and a series
  whose months genuinely wobble does not alarm on every wobble. (Standardising by each month's own
  standard error instead, as cx once did, turns every wobble into an alarm once answers are many.)
- The limit is chosen for a stated in-control average run length (ARL0, months to a false alarm)
  with a Markov chain (Brook and Evans 1972), averaged over the error of the estimated level: a
  level estimated from 12 months is off by about 0.3 of a month's spread, which a chart tuned as
  if the level were known would read as a fall about half the time.
- Both rules are one-sided (a fall), reflect at zero so that good months do not bank credit
  against a later fall, and start again after each signal.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from cx import metrics as m
from cx import stats

LAMBDA = 0.3  # EWMA weight of the newest month
CUSUM_K = 0.5  # CUSUM reference value: tuned to a fall of one month's spread
RULES = ("ewma", "cusum")
MIN_REFERENCE_MONTHS = 12
SAMPLING_FLOOR = 0.25  # a month's variance is never taken below a quarter of its sampling variance
PHASE_ONE_Z = 3.5  # a reference month this far from the rest is left out of the in-control model
_STATES = 60  # Markov chain states between the limit and zero (plus the atom at zero): ARL within 0.1%
_NODES, _WEIGHTS = np.polynomial.hermite_e.hermegauss(7)
_WEIGHTS = _WEIGHTS / _WEIGHTS.sum()


def _phi(x: np.ndarray) -> np.ndarray:
    """Standard normal CDF, vectorised (Numerical Recipes' erfc, relative error below 1.2e-7)."""
    z = np.abs(x) / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.5 * z)
    poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
    erfc = t * np.exp(poly)
    return np.where(x >= 0, 1.0 - 0.5 * erfc, 0.5 * erfc)


@dataclass(frozen=True)
class Rule:
    """An alarm rule and the in-control run length it was tuned to.

    `limit` is L (EWMA, in its asymptotic standard deviations) or h (CUSUM). `reference_months`
    is how many months the level is estimated from; the stated run length allows for that error.
    """

    kind: str
    limit: float
    arl0: float
    reference_months: int
    lam: float = LAMBDA
    k: float = CUSUM_K

    @property
    def false_alarms_per_month(self) -> float:
        return 1.0 / self.arl0

    def describe(self) -> dict:
        """The rule's parameters for assumptions sheets and JSON."""
        main = {"lambda": self.lam} if self.kind == "ewma" else {"k": self.k}
        return {"rule": self.kind, **main, "limit": round(self.limit, 3), "arl0_months": round(self.arl0, 1),
                "reference_months": self.reference_months}


def _recursion(kind: str, limit: float, lam: float, k: float) -> tuple[float, float, float, float]:
    """(a, b, shift, c): the chart is s' = min(0, a*s + b*(z + shift)) and signals when s' < -c."""
    if kind == "ewma":
        return 1 - lam, lam, 0.0, limit * math.sqrt(lam / (2 - lam))
    if kind == "cusum":
        return 1.0, 1.0, k, limit
    raise ValueError(f"unknown alarm rule {kind!r}; use one of {RULES}")


def run_chart(z: np.ndarray, rule: Rule) -> np.ndarray:
    """Where the chart signals a fall, along the last axis (many series at once).

    A missing month (NaN: no answers) leaves the chart as it was. After a signal the chart starts
    again from zero, so a fall that lasts signals again about as often as the rule allows.
    """
    a, b, shift, c = _recursion(rule.kind, rule.limit, rule.lam, rule.k)
    z = np.atleast_1d(np.asarray(z, float))
    s = np.zeros(z.shape[:-1])
    out = np.zeros(z.shape, bool)
    for t in range(z.shape[-1]):
        zt = z[..., t]
        seen = ~np.isnan(zt)
        nxt = np.minimum(0.0, a * s + b * (np.nan_to_num(zt) + shift))
        s = np.where(seen, nxt, s)
        hit = seen & (s < -c)
        out[..., t] = hit
        s = np.where(hit, 0.0, s)
    return out


def _chain(kind: str, limit: float, lam: float, k: float, shifts: np.ndarray,
           scales: np.ndarray | float = 1.0) -> np.ndarray:
    """Transition matrices among the chart's states (the atom at zero, then cells down to the
    limit), one per mean shift of z (Brook and Evans); what is missing from a row is a signal.

    `scales`: the chart's spread as estimated, over the true one (one per shift): standardising by
    a spread `w` times too large is the same chart with its limit (and CUSUM's k) `w` times wider.
    """
    shifts = np.asarray(shifts, float)
    scales = np.broadcast_to(np.asarray(scales, float), shifts.shape)
    a, b, _, c1 = _recursion(kind, 1.0, lam, k)
    kk = (k if kind == "cusum" else 0.0) * scales
    c = c1 * limit * scales
    grid = np.linspace(0.0, 1.0, _STATES + 1)
    edges = -c[:, None] * (1 - grid[None, :])  # per shift: from -c up to 0
    points = np.concatenate([np.zeros((len(shifts), 1)), (edges[:, :-1] + edges[:, 1:]) / 2], axis=1)
    cdf = _phi((edges[:, None, :] - a * points[:, :, None]) / b - kk[:, None, None] - shifts[:, None, None])
    return np.concatenate([1.0 - cdf[..., -1:], np.diff(cdf, axis=-1)], axis=-1) * (1 - 1e-12)  # ARL at most 1e12


def _run_lengths(kind: str, limit: float, lam: float, k: float, shifts: np.ndarray,
                 scales: np.ndarray | float = 1.0) -> np.ndarray:
    """Average run length from zero for each mean shift of z."""
    q = _chain(kind, limit, lam, k, shifts, scales)
    eye = np.eye(q.shape[-1])
    return np.linalg.solve(eye[None] - q, np.ones(q.shape[:-1] + (1,)))[:, 0, 0]


def _estimation_nodes(reference_months: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Quadrature over the errors of a model fitted to `reference_months` months: the level's (in
    spreads, normal with variance 1/m) and the spread's (estimated over true, sqrt of a chi-square
    with m - 1 degrees of freedom over m - 1, by Wilson-Hilferty). 0 months: a known model."""
    if not reference_months:
        return np.zeros(1), np.ones(1), np.ones(1)
    df = max(reference_months - 1, 1)
    cube = np.clip(1 - 2 / (9 * df) + _NODES * math.sqrt(2 / (9 * df)), 0.05, None) ** 3
    levels = np.repeat(_NODES / math.sqrt(reference_months), len(_NODES))
    scales = np.tile(np.sqrt(cube), len(_NODES))
    return levels, scales, np.outer(_WEIGHTS, _WEIGHTS).ravel()


def run_length(rule: Rule, shift: float = 0.0) -> float:
    """Expected months to a signal when z is shifted by `shift` (negative: a fall), averaged over
    the errors of a model fitted to `rule.reference_months` months."""
    levels, scales, weights = _estimation_nodes(rule.reference_months)
    arl = _run_lengths(rule.kind, rule.limit, rule.lam, rule.k, shift + levels, scales)
    return float(weights @ arl)


@dataclass(frozen=True)
class Detection:
    """How soon the rule signals a fall that starts with the chart at rest: the chance of a signal
    within 1, 2, ... `horizon` months, and the mean months to it when a replay that has not
    signalled by `horizon` counts as `horizon` (what a replay of that length can measure)."""

    within: tuple[float, ...]
    mean_delay: float
    horizon: int


def detection(rule: Rule, shift: float, horizon: int = 12) -> Detection:
    """`Detection` for a fall of `shift` spreads (negative), over the model's estimation errors."""
    levels, scales, weights = _estimation_nodes(rule.reference_months)
    q = _chain(rule.kind, rule.limit, rule.lam, rule.k, shift + levels, scales)
    state = np.zeros(q.shape[:-1])
    state[:, 0] = 1.0
    alive = []
    for _ in range(horizon):
        state = np.einsum("si,sij->sj", state, q)
        alive.append(weights @ state.sum(axis=1))
    alive = np.array(alive)
    within = tuple(float(1 - x) for x in alive)
    return Detection(within, float(1 + alive[:-1].sum()), horizon)


def _in_control_arl(kind: str, limit: float, lam: float, k: float, reference_months: int) -> float:
    """1 / the long-run false-alarm rate, the rate averaged over the model's estimation errors."""
    levels, scales, weights = _estimation_nodes(reference_months)
    arl = _run_lengths(kind, limit, lam, k, levels, scales)
    return float(1.0 / (weights @ (1.0 / arl)))


@lru_cache(maxsize=512)
def calibrate(kind: str, arl0: float, reference_months: int, lam: float = LAMBDA, k: float = CUSUM_K) -> Rule:
    """The rule whose in-control average run length is `arl0` months (bisection on the limit)."""
    if arl0 <= 1:
        raise ValueError("the in-control run length must be more than one month")
    low, high = 0.1, 4.0
    while _in_control_arl(kind, high, lam, k, reference_months) < arl0:
        low, high = high, high * 2
    while high - low > 1e-3:
        mid = (low + high) / 2
        if _in_control_arl(kind, mid, lam, k, reference_months) < arl0:
            low = mid
        else:
            high = mid
    return Rule(kind, high, float(arl0), int(reference_months), lam, k)


# --- a series' in-control model ---------------------------------------------------------

def month_values(metric: str, n: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Each month's figure from its (n, a, b) aggregates (metrics.aggregate_sql); NaN without answers."""
    kind = m.get(metric).kind
    n = np.asarray(n, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        if kind == "nps":
            return np.where(n > 0, 100 * (np.asarray(a, float) - np.asarray(b, float)) / n, np.nan)
        if kind == "share":
            return np.where(n > 0, 100 * np.asarray(a, float) / n, np.nan)
        return np.where(n > 0, np.asarray(a, float) / n, np.nan)


def answer_variance(metric: str, n: float, a: float, b: float) -> float:
    """Variance of one answer on the figure's scale, from pooled aggregates, never below 1% of the
    largest possible (a reference where every answer was the same would otherwise alarm on anything)."""
    spec = m.get(metric)
    if spec.kind == "nps":
        pp, pd = a / n, b / n
        var, top = 1e4 * stats.nps_variance(pp, pd), 1e4
    elif spec.kind == "share":
        p = a / n
        var, top = 1e4 * p * (1 - p), 2500.0
    else:
        var = max((b - a * a / n) / (n - 1), 0.0) if n > 1 else 0.0
        top = (spec.high - spec.low) ** 2 / 4
    return max(var, 0.01 * top)


@dataclass(frozen=True)
class Baseline:
    """A series in control: its level, one answer's variance and the month-to-month variance beyond
    sampling, from `months` reference months (`left_out` were left out as out of control)."""

    metric: str
    level: float
    answer_var: float
    between_var: float
    months: int
    left_out: tuple[int, ...] = ()

    def spread(self, n: np.ndarray) -> np.ndarray:
        """Standard deviation of a month's figure from n answers, in control."""
        sampling = self.answer_var / np.maximum(np.asarray(n, float), 1.0)
        return np.sqrt(np.maximum(sampling + self.between_var, SAMPLING_FLOOR * sampling))

    def standardise(self, values: np.ndarray, n: np.ndarray) -> np.ndarray:
        """z of each month against the in-control model; NaN for months without answers."""
        values = np.asarray(values, float)
        return np.where(np.asarray(n) > 0, (values - self.level) / self.spread(n), np.nan)


def _between_variance(x: np.ndarray, within: np.ndarray) -> float:
    """DerSimonian-Laird moment estimate of the variance between months beyond sampling, not cut at
    zero: with equal n a month's spread is then the plain variance of the months (whose error the
    calibration knows), where cutting at zero would overstate the spread of a steady series."""
    if len(x) < 2:
        return 0.0
    w = 1 / within
    centre = float(w @ x / w.sum())
    q = float(w @ (x - centre) ** 2)
    denom = w.sum() - (w * w).sum() / w.sum()
    return (q - (len(x) - 1)) / denom if denom > 0 else 0.0


def fit_baseline(metric: str, n, a, b) -> Baseline | None:
    """The in-control model from reference months' aggregates; None without enough months.

    Phase I: months more than PHASE_ONE_Z spreads from the rest are left out (at most a quarter),
    and the model is fitted again, up to three times.
    """
    n, a, b = (np.asarray(v, float) for v in (n, a, b))
    keep = n > 0
    if keep.sum() < MIN_REFERENCE_MONTHS:
        return None
    values = month_values(metric, n, a, b)
    most_out = int(len(n) - keep.sum() + keep.sum() // 4)
    for _ in range(4):
        var = answer_variance(metric, n[keep].sum(), a[keep].sum(), b[keep].sum())
        within = var / n[keep]
        tau2 = _between_variance(values[keep], within)
        w = 1 / np.maximum(within + tau2, SAMPLING_FLOOR * within)
        level = float(w @ values[keep] / w.sum())
        base = Baseline(metric, level, var, tau2, int(keep.sum()))
        far = keep & (np.abs(np.nan_to_num(base.standardise(values, n))) > PHASE_ONE_Z)
        if not far.any() or (~keep | far).sum() > most_out:
            break
        keep &= ~far
    left_out = tuple(int(i) for i in np.flatnonzero((n > 0) & ~keep))
    return Baseline(metric, level, var, tau2, int(keep.sum()), left_out)


# --- the simulator's replay ----------------------------------------------------------------

@dataclass(frozen=True)
class Replay:
    """What an alarm rule does at `n_per_month` answers, replayed from a model of a touchpoint.

    `false_alarm_rate`: signals per in-control month (± `false_alarm_se`, Monte Carlo), against
    the rule's stated 1 / ARL0; `flagged_by[k]`: share of replays that signal the fall within
    k + 1 months of its start; `mean_delay`: mean months from the fall's start to its signal
    (1 = in its first month; a replay without a signal by `stated.horizon` counts as that).
    `stated` is the Markov-chain answer to the same questions.
    """

    n_per_month: int
    drop: float
    spread: float  # one month's in-control standard deviation at this n (NPS points)
    rule: Rule
    false_alarm_rate: float
    false_alarm_se: float
    flagged_by: tuple[float, ...]
    mean_delay: float
    stated: Detection

    @property
    def run_length(self) -> float:
        """Months to a false alarm, from the replay."""
        return math.inf if self.false_alarm_rate == 0 else 1 / self.false_alarm_rate


def _shares_after(shares: np.ndarray, shift_points: np.ndarray) -> np.ndarray:
    """NPS shares moved by `shift_points` NPS points: half of it between promoters and detractors."""
    half = np.asarray(shift_points, float) / 200
    p = np.clip(shares[0] + half, 0, 1)
    d = np.clip(shares[2] - half, 0, 1)
    total = np.maximum(p + d, 1.0)
    p, d = p / total, d / total
    return np.stack([p, 1 - p - d, d], axis=-1)


def _draw_months(rng, shares: np.ndarray, tau: float, n: int, months: int, sims: int,
                 drop: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Promoters and detractors in `sims` x `months` simulated months of n answers, each month's
    level wobbling by N(0, tau²) and lowered by `drop` points."""
    shift = rng.normal(0.0, tau, (sims, months)) if tau > 0 else np.zeros((sims, months))
    counts = rng.multinomial(n, _shares_after(shares, shift - drop))
    return counts[..., 0], counts[..., 2]


def replay(shares, between_var: float, n_per_month: int, drop: float, kind: str = "ewma", arl0: float = 100.0,
           reference_months: int = MIN_REFERENCE_MONTHS, sims: int = 400, seed: int = 0,
           watched_months: int = 60, horizon: int = 12) -> Replay:
    """Replay an NPS series from its model at `n_per_month` answers a month.

    The model: promoter, passive and detractor `shares`, and the variance of a month's true NPS
    around its level (`between_var`, points²), months independent of each other. Each replay fits
    its own in-control model to `reference_months` simulated months, as the app does with the real
    ones, then is watched for `watched_months` quiet months (false alarms) and, separately, over
    `horizon` months of a fall of `drop` points that starts with the chart at rest.
    """
    shares = np.asarray(shares, float) / np.sum(shares)
    n = max(int(n_per_month), 1)
    tau = math.sqrt(max(between_var, 0.0))
    rule = calibrate(kind, float(arl0), int(reference_months))
    rng = np.random.default_rng(seed)
    ref_p, ref_d = _draw_months(rng, shares, tau, n, reference_months, sims)
    quiet_p, quiet_d = _draw_months(rng, shares, tau, n, watched_months, sims)
    fall_p, fall_d = _draw_months(rng, shares, tau, n, horizon, sims, drop)
    z_quiet, z_fall = np.empty(quiet_p.shape), np.empty(fall_p.shape)
    for i in range(sims):
        base = fit_baseline("nps", np.full(reference_months, n), ref_p[i], ref_d[i])
        z_quiet[i] = base.standardise(100 * (quiet_p[i] - quiet_d[i]) / n, np.full(watched_months, n))
        z_fall[i] = base.standardise(100 * (fall_p[i] - fall_d[i]) / n, np.full(horizon, n))
    per_replay = run_chart(z_quiet, rule).mean(axis=1)
    signals = run_chart(z_fall, rule)
    first = np.where(signals.any(axis=1), signals.argmax(axis=1) + 1, horizon)
    flagged = tuple(float(signals[:, :k].any(axis=1).mean()) for k in range(1, horizon + 1))
    spread = math.sqrt(1e4 * stats.nps_variance(shares[0], shares[2]) / n + max(between_var, 0.0))
    return Replay(n, float(drop), spread, rule, float(per_replay.mean()),
                  float(per_replay.std(ddof=1) / math.sqrt(sims)), flagged, float(first.mean()),
                  detection(rule, -drop / spread, horizon))


def monte_carlo_power(p_promoters: float, p_detractors: float, n: int, drop_points: float,
                      sims: int = 2000, seed: int = 0) -> float:
    """Share of simulated month pairs in which the contract's change test flags a drop.

    The drop moves promoters to detractors: half the drop in points leaves the
    promoters and arrives among the detractors, so NPS falls by `drop_points`.
    """
    rng = np.random.default_rng(seed)
    shift = drop_points / 200
    after_p, after_d = max(p_promoters - shift, 0.0), min(p_detractors + shift, 1.0)
    first = rng.multinomial(n, [p_promoters, 1 - p_promoters - p_detractors, p_detractors], size=sims)
    second = rng.multinomial(n, [after_p, max(1 - after_p - after_d, 0.0), after_d], size=sims)
    flagged = 0
    for a, b in zip(first, second, strict=True):
        change = stats.nps_change(int(a[0]), int(a[2]), n, int(b[0]), int(b[2]), n)
        flagged += bool(change.significant and change.diff < 0)
    return flagged / sims
