"""Alarm rules on monthly NPS, and a replay of history under another measurement plan.

Both rules watch for a fall: each month's NPS is standardised against a
baseline mean with that month's own standard error (so a small month counts
for less), then an EWMA (lambda 0.3, limit 2.7) or a one-sided CUSUM (k 0.5,
h 4) decides when the fall is real.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from cx import stats


def standardise(nps: np.ndarray, se: np.ndarray, baseline: float) -> np.ndarray:
    se = np.where(se > 0, se, np.inf)
    return (nps - baseline) / se


def ewma_alarms(z: np.ndarray, lam: float = 0.3, limit: float = 2.7) -> np.ndarray:
    """True where the EWMA of standardised values falls below -limit * its asymptotic SD.

    Works on the last axis, so many replicate series can be checked at once.
    """
    z = np.atleast_1d(np.asarray(z, float))
    e = np.zeros(z.shape[:-1])
    out = np.zeros(z.shape, bool)
    bound = -limit * math.sqrt(lam / (2 - lam))
    for t in range(z.shape[-1]):
        e = lam * np.nan_to_num(z[..., t]) + (1 - lam) * e
        out[..., t] = e < bound
    return out


def cusum_alarms(z: np.ndarray, k: float = 0.5, h: float = 4.0) -> np.ndarray:
    """True where the lower CUSUM of standardised values passes -h."""
    z = np.atleast_1d(np.asarray(z, float))
    s = np.zeros(z.shape[:-1])
    out = np.zeros(z.shape, bool)
    for t in range(z.shape[-1]):
        s = np.minimum(0.0, s + np.nan_to_num(z[..., t]) + k)
        out[..., t] = s < -h
    return out


ALARM_RULES = {"ewma": ewma_alarms, "cusum": cusum_alarms}


@dataclass(frozen=True)
class Backtest:
    n_per_month: int
    drop_months: tuple[int, ...]  # indexes of the first month of each real drop
    flagged_within: dict[int, float]  # months after the drop starts -> share of replicates flagged by then
    median_delay: float | None  # months from the drop's start to the first alarm (median over replicates)
    false_alarm_rate: float  # share of quiet months with an alarm


def _nps_and_se(p: np.ndarray, d: np.ndarray, n: np.ndarray):
    n = np.maximum(n, 1)
    pp, pd = p / n, d / n
    nps = 100 * (pp - pd)
    se = 100 * np.sqrt(np.maximum(pp + pd - (pp - pd) ** 2, 1e-4) / n)
    return nps, se


def real_drops(counts: np.ndarray, drop_points: float, baseline_months: int) -> tuple[float, list[int]]:
    """Baseline NPS of the first months and the months where a drop of `drop_points` starts."""
    p, _, d = counts[:, 0], counts[:, 1], counts[:, 2]
    nps, _ = _nps_and_se(p, d, counts.sum(axis=1))
    base = float(np.mean(nps[:baseline_months]))
    low = nps <= base - drop_points
    starts = [t for t in range(baseline_months, len(nps)) if low[t] and not low[t - 1]]
    return base, starts


def backtest(counts: np.ndarray, n_per_month: int, rule: str = "ewma", drop_points: float = 15.0,
             baseline_months: int = 6, sims: int = 300, seed: int = 0) -> Backtest:
    """Resample each month's observed answers to `n_per_month` many times and run the alarm rule.

    `counts` is months x (promoters, passives, detractors), from the real data.
    """
    counts = np.asarray(counts, float)
    base, starts = real_drops(counts, drop_points, baseline_months)
    shares = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    rng = np.random.default_rng(seed)
    draws = np.stack([rng.multinomial(n_per_month, shares[t], size=sims) for t in range(len(counts))], axis=1)
    nps, se = _nps_and_se(draws[..., 0], draws[..., 2], np.full(draws.shape[:2], n_per_month))
    alarms = ALARM_RULES[rule](standardise(nps, se, base))
    month_nps, _ = _nps_and_se(counts[:, 0], counts[:, 2], counts.sum(axis=1))
    # Quiet months are clearly normal ones; a month half-way down is neither quiet nor a drop.
    quiet = month_nps > base - drop_points / 2
    quiet[:baseline_months] = False
    false_rate = float(alarms[:, quiet].mean()) if quiet.any() else 0.0
    within: dict[int, float] = {}
    delays = []
    for start in starts:
        later = alarms[:, start:]
        first = np.where(later.any(axis=1), later.argmax(axis=1), np.inf)
        delays.append(first)
        for k in (0, 1, 2):
            within[k] = within.get(k, 0.0) + float((first <= k).mean()) / len(starts)
    median = float(np.median(np.concatenate(delays))) if delays else None
    median = None if median is not None and math.isinf(median) else median
    return Backtest(int(n_per_month), tuple(starts), within, median, false_rate)


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
