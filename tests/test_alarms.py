"""Alarm rules and the replay of history."""
from __future__ import annotations

import numpy as np
import pytest

from cx import alarms, stats


def test_ewma_flags_a_planted_drop_in_the_right_month():
    z = np.array([0.1, -0.3, 0.2, 0.0, -0.1, -4.0, -4.0, -4.0])
    flags = alarms.ewma_alarms(z)
    assert not flags[:5].any() and flags[5]


def test_ewma_stays_quiet_on_a_flat_series():
    assert not alarms.ewma_alarms(np.zeros(24)).any()


def test_cusum_accumulates_a_steady_fall():
    z = np.array([0.0] * 6 + [-2.0] * 6)
    flags = alarms.cusum_alarms(z)
    # S = min(0, S + z + 0.5): -1.5, -3.0, -4.5 passes h = 4 in the third month of the fall
    assert flags.tolist() == [False] * 8 + [True] * 4


def _series(n_months=24, drop_at=18, n=400, seed=3):
    rng = np.random.default_rng(seed)
    rows = []
    for t in range(n_months):
        shares = [0.25, 0.35, 0.40] if t >= drop_at else [0.45, 0.35, 0.20]
        rows.append(rng.multinomial(n, shares))
    return np.array(rows, float)


def test_the_backtest_finds_the_planted_drop_month():
    result = alarms.backtest(_series(), 60, drop_points=25, sims=200)
    assert result.drop_months == (18,)


def test_more_answers_detect_a_drop_earlier():
    small = alarms.backtest(_series(), 20, drop_points=25, sims=300)
    large = alarms.backtest(_series(), 300, drop_points=25, sims=300)
    assert large.flagged_within[0] > small.flagged_within[0]


def test_monte_carlo_power_agrees_with_the_analytic_figure():
    pp, pd, n, drop = 0.45, 0.20, 200, 15.0
    after_p, after_d = pp - drop / 200, pd + drop / 200
    analytic = stats.power_to_detect(drop, stats.nps_variance(pp, pd), n, stats.nps_variance(after_p, after_d), n)
    simulated = alarms.monte_carlo_power(pp, pd, n, drop, sims=2000, seed=1)
    assert simulated == pytest.approx(analytic, abs=3 * np.sqrt(analytic * (1 - analytic) / 2000) + 0.02)
