"""Coverage of cx.stats intervals by simulation: a 95% interval must hold the truth about 95% of the time.

Samples are multinomial draws from known promoter / passive / detractor shares, vectorised with
numpy and fixed seeds, so the figures are the same on every run. The functions under test are the
real cx.stats functions: each distinct count pattern in the draws is passed to them once and the
result mapped back to every draw that had it, which is exact and fast.

With REPS draws the Monte Carlo standard error of a coverage near 95% is
sqrt(0.95 * 0.05 / REPS) = 0.15 points, far inside the 93-97% band.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
import scipy.stats

from cx import stats

REPS = 20_000
SIZES = (30, 100, 300, 1000)
TRUTHS = {"90/2": (0.90, 0.02), "50/20": (0.50, 0.20), "30/30": (0.30, 0.30)}
LOW_COVERAGE, HIGH_COVERAGE = 0.93, 0.97


def _draws(truth: str, n: int, stream: int = 0) -> np.ndarray:
    """REPS rows of (promoters, detractors) counts out of n for the named truth."""
    p_promoter, p_detractor = TRUTHS[truth]
    rng = np.random.default_rng([int(p_promoter * 100), int(p_detractor * 100), n, stream])
    counts = rng.multinomial(n, [p_promoter, p_detractor, 1 - p_promoter - p_detractor], size=REPS)
    return counts[:, :2]


def _bounds(func: Callable, rows: np.ndarray) -> np.ndarray:
    """(low, high) of func(*row) for every row, calling func once per distinct row."""
    distinct, index = np.unique(rows, axis=0, return_inverse=True)
    results = [func(*(int(v) for v in row)) for row in distinct]
    table = np.array([[r.low, r.high] for r in results], dtype=float)
    return table[index.ravel()]


def _coverage(bounds: np.ndarray, truth: float) -> float:
    return float(np.mean((bounds[:, 0] <= truth) & (truth <= bounds[:, 1])))


def _true_nps(truth: str) -> float:
    p_promoter, p_detractor = TRUTHS[truth]
    return 100 * (p_promoter - p_detractor)


def nps_coverage(truth: str, n: int) -> float:
    counts = _draws(truth, n)
    rows = np.column_stack([counts, np.full(REPS, n)])
    return _coverage(_bounds(stats.nps, rows), _true_nps(truth))


def plain_wald_coverage(truth: str, n: int) -> float:
    """The unadjusted interval 100 * (d +/- 1.96 * sqrt((pP + pD - d^2) / n)) on the same draws."""
    counts = _draws(truth, n)
    pp, pd = counts[:, 0] / n, counts[:, 1] / n
    d = pp - pd
    half = 1.96 * np.sqrt((pp + pd - d * d) / n)
    bounds = np.clip(100 * np.column_stack([d - half, d + half]), -100, 100)
    return _coverage(bounds, _true_nps(truth))


def wilson_coverage(truth: str, n: int, which: int) -> float:
    """Wilson coverage of the promoter share (which=0) or the detractor share (which=1)."""
    successes = _draws(truth, n)[:, which]
    rows = np.column_stack([successes, np.full(REPS, n)])
    return _coverage(_bounds(stats.wilson, rows), 100 * TRUTHS[truth][which])


def change_coverage(truth_a: str, truth_b: str, n_a: int, n_b: int) -> float:
    """Coverage of NPS_b - NPS_a by nps_change on two independent samples."""
    a, b = _draws(truth_a, n_a, stream=1), _draws(truth_b, n_b, stream=2)
    rows = np.column_stack([a[:, 0], a[:, 1], np.full(REPS, n_a), b[:, 0], b[:, 1], np.full(REPS, n_b)])
    return _coverage(_bounds(stats.nps_change, rows), _true_nps(truth_b) - _true_nps(truth_a))


CASES = [(truth, n) for truth in TRUTHS for n in SIZES]
CASE_IDS = [f"{truth}-n{n}" for truth, n in CASES]


@pytest.mark.parametrize(("truth", "n"), CASES, ids=CASE_IDS)
def test_adjusted_wald_nps_interval_covers_the_truth_about_95_percent(truth, n):
    assert LOW_COVERAGE <= nps_coverage(truth, n) <= HIGH_COVERAGE


@pytest.mark.parametrize(("truth", "n"), CASES, ids=CASE_IDS)
@pytest.mark.parametrize("which", [0, 1], ids=["promoters", "detractors"])
def test_wilson_interval_covers_the_true_share_about_95_percent(truth, n, which):
    coverage = wilson_coverage(truth, n, which)
    if n >= 100:
        assert LOW_COVERAGE <= coverage <= HIGH_COVERAGE
    else:
        # At n = 30 Wilson's exact coverage swings with the discreteness of k / n
        # (Brown, Cai & DasGupta 2001): 92.98% at p = 0.3, 97.42% at 0.9, 97.83% at 0.02.
        # Demand agreement with the exact binomial coverage instead, and a looser band.
        assert 0.92 <= coverage <= 0.985
        assert coverage == pytest.approx(_exact_wilson_coverage(TRUTHS[truth][which], n), abs=0.006)


def _exact_wilson_coverage(p: float, n: int) -> float:
    k = np.arange(n + 1)
    bounds = np.array([[e.low, e.high] for e in (stats.wilson(int(i), n) for i in k)])
    held = (bounds[:, 0] <= 100 * p) & (100 * p <= bounds[:, 1])
    return float(scipy.stats.binom.pmf(k, n, p)[held].sum())


@pytest.mark.parametrize(("truth", "n"), CASES, ids=CASE_IDS)
def test_nps_change_interval_covers_a_zero_change_between_samples_of_one_truth(truth, n):
    coverage = change_coverage(truth, truth, n, n)
    if (truth, n) == ("90/2", 30):
        # The contract's padding (0.375 / 0.75 / 0.375) pulls both sides towards the middle: the
        # shifts cancel in a zero change but the padded variance stays inflated (about 0.198 for a
        # true 0.146), so this interval is conservative here: 98.4% of 20,000 draws. Erring wide
        # is the safe side (fewer false alarms); it must still never fall below 93%.
        assert LOW_COVERAGE <= coverage <= 0.99
    else:
        assert LOW_COVERAGE <= coverage <= HIGH_COVERAGE


CHANGE_CASES = [("50/20", "30/30", n, n) for n in SIZES] + [("90/2", "50/20", n, n) for n in SIZES] + [
    ("30/30", "90/2", 30, 300), ("90/2", "30/30", 1000, 30)]


@pytest.mark.parametrize(("truth_a", "truth_b", "n_a", "n_b"), CHANGE_CASES,
                         ids=[f"{a}-n{na}-to-{b}-n{nb}" for a, b, na, nb in CHANGE_CASES])
def test_nps_change_interval_covers_the_true_change_between_different_truths(truth_a, truth_b, n_a, n_b):
    assert LOW_COVERAGE <= change_coverage(truth_a, truth_b, n_a, n_b) <= HIGH_COVERAGE


def test_plain_wald_interval_misses_too_often_for_an_extreme_score_at_small_n():
    # the reason the contract adds 0.75 promoters and 0.75 detractors: same draws, two intervals
    assert plain_wald_coverage("90/2", 30) < LOW_COVERAGE
    assert nps_coverage("90/2", 30) >= LOW_COVERAGE


def test_simulated_nps_coverage_agrees_with_exact_enumeration_at_n_30():
    # every (promoters, detractors) outcome of 30 answers, weighted by its multinomial probability
    n = 30
    p_promoter, p_detractor = TRUTHS["90/2"]
    outcomes = np.array([(p, d) for p in range(n + 1) for d in range(n + 1 - p)])
    prob = scipy.stats.multinomial.pmf(np.column_stack([outcomes, n - outcomes.sum(1)]), n,
                                       [p_promoter, p_detractor, 1 - p_promoter - p_detractor])
    bounds = _bounds(stats.nps, np.column_stack([outcomes, np.full(len(outcomes), n)]))
    truth = _true_nps("90/2")
    exact = float(prob[(bounds[:, 0] <= truth) & (truth <= bounds[:, 1])].sum())
    assert nps_coverage("90/2", n) == pytest.approx(exact, abs=0.006)



def driver_coverage(datasets: int = 400, n: int = 1600, groups: int = 200) -> tuple[np.ndarray, np.ndarray]:
    """Per driver, how often the key drivers' 95% interval holds the population share, bootstrapping
    200 random groups of answers (as the journey page does) and, on the same datasets, single answers.

    Data: three normal drivers (the first two correlated 0.6) and y = 0.5 x1 + 0.3 x2 + 0.2 x3 + noise,
    whose population correlations give the true relative weights.
    """
    sigma = np.array([[1.0, 0.6, 0.0], [0.6, 1.0, 0.0], [0.0, 0.0, 1.0]])
    beta = np.array([0.5, 0.3, 0.2])
    r_xy = sigma @ beta / np.sqrt(beta @ sigma @ beta + 1.0)
    truth = stats._shares(stats._relative_weights(sigma, r_xy))
    root = np.linalg.cholesky(sigma)
    rng = np.random.default_rng(2026)
    held = np.zeros((2, 3))
    for i in range(datasets):
        X = rng.normal(size=(n, 3)) @ root.T
        data = np.column_stack([X @ beta + rng.normal(size=n), X])
        for row, labels in enumerate((rng.integers(0, groups, n), np.arange(n))):
            found = stats.key_drivers_from_moments(*stats.group_moments(data, labels), ["a", "b", "c"],
                                                   n_boot=200, seed=i)
            held[row] += [d.low <= t <= d.high for d, t in zip(found, truth, strict=True)]
    return held[0] / datasets, held[1] / datasets


def test_grouped_key_driver_intervals_cover_the_true_share_as_often_as_the_row_bootstrap():
    # The journey's key drivers resample 200 random groups of answers instead of single answers (cx.stats
    # explains why that is a valid bootstrap), so on the same 400 datasets of 1,600 answers (8 per group)
    # their intervals must hold the true share as often as the row bootstrap's: within 3 points, about
    # three standard errors of the paired difference. Plain percentile intervals of relative weights ran
    # a little short of 95% at these sizes either way (93-94% over 3,000 datasets of 1,000 answers, for
    # both); the expanded percentile (cx.stats.expanded_percentile) widens them by m / (m - 1) and a t
    # quantile, which matters at 30 answers (tests/test_interval_coverage.py), hardly at 200 groups.
    # The method's shortfall is not the grouping's, and must stay above 88% here.
    grouped, rows = driver_coverage()
    assert (np.abs(grouped - rows) <= 0.03).all(), (grouped, rows)
    assert (grouped >= 0.88).all(), grouped

if __name__ == "__main__":  # coverage table: PYTHONPATH=. python tests/test_stats_simulation.py
    for truth, n in CASES:
        print(f"{truth:>6} n={n:<5} nps {nps_coverage(truth, n):.4f}  plain {plain_wald_coverage(truth, n):.4f}"
              f"  wilsonP {wilson_coverage(truth, n, 0):.4f}  wilsonD {wilson_coverage(truth, n, 1):.4f}"
              f"  change-same {change_coverage(truth, truth, n, n):.4f}")
    for a, b, na, nb in CHANGE_CASES:
        print(f"{a} n={na} -> {b} n={nb}: change {change_coverage(a, b, na, nb):.4f}")
    print("key drivers (grouped, rows)", driver_coverage())
