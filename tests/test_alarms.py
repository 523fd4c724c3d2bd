"""Alarm rules: the chart itself, its Markov-chain run lengths, the in-control model, and the replay.

Simulation tests are seeded and compare with the stated figures within Monte Carlo error.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from cx import alarms, stats


def _rule(kind="ewma", limit=2.7, reference=0):
    return alarms.Rule(kind, limit, 100.0, reference)


def test_ewma_signals_a_planted_fall_in_the_month_it_crosses_the_limit():
    z = np.array([0.1, -0.3, 0.2, 0.0, -0.1, -4.0, -4.0, -4.0])
    # limit 2.7 x sqrt(0.3 / 1.7) = 1.134; EWMA: -1.2 in month 6 passes it; after each signal the chart
    # starts again from zero and the next -4 passes it again
    assert alarms.run_chart(z, _rule()).tolist() == [False] * 5 + [True, True, True]


def test_a_smaller_fall_takes_months_to_cross_the_limit():
    # EWMA of -2: -0.6, -1.02, -1.314: the third month passes 1.134
    assert alarms.run_chart(np.full(3, -2.0), _rule()).tolist() == [False, False, True]


def test_good_months_bank_no_credit_against_a_later_fall():
    z = np.array([3.0] * 12 + [-4.0])
    assert alarms.run_chart(z, _rule())[-1]


def test_a_month_without_answers_leaves_the_chart_as_it_was():
    z = np.array([-2.5, np.nan, -2.5])
    assert alarms.run_chart(z, _rule()).tolist() == [False, False, True]


def test_cusum_accumulates_a_steady_fall():
    z = np.array([0.0] * 6 + [-2.0] * 6)
    # S = min(0, S + z + 0.5): -1.5, -3.0, -4.5 passes h = 4 in the third month, then starts again
    flags = alarms.run_chart(z, _rule("cusum", 4.0))
    assert flags.tolist() == [False] * 8 + [True, False, False, True]


def test_the_markov_chain_gives_the_published_cusum_run_lengths():
    # Siegmund's approximation and published tables: one-sided CUSUM k 0.5, h 4 has ARL 336 in control
    # and 8.38 at a shift of one standard deviation
    rule = _rule("cusum", 4.0)
    assert alarms.run_length(rule, 0.0) == pytest.approx(336, rel=0.01)
    assert alarms.run_length(rule, -1.0) == pytest.approx(8.38, rel=0.01)


def test_calibration_hits_the_stated_run_length():
    for kind in alarms.RULES:
        rule = alarms.calibrate(kind, 200.0, 0)
        assert alarms.run_length(rule, 0.0) == pytest.approx(200.0, rel=5e-3)


def test_a_level_estimated_from_few_months_needs_a_wider_limit():
    known = alarms.calibrate("ewma", 100.0, 0)
    twelve = alarms.calibrate("ewma", 100.0, 12)
    twenty_four = alarms.calibrate("ewma", 100.0, 24)
    assert known.limit < twenty_four.limit < twelve.limit


def test_the_in_control_false_alarm_rate_matches_the_stated_rate_by_simulation():
    """Normal months, a model fitted to 12 reference months per series, the rule tuned to ARL0 100."""
    rule = alarms.calibrate("ewma", 100.0, 12)
    rng = np.random.default_rng(11)
    series, months = 3000, 300
    reference = rng.normal(0, 1, (series, 12))
    watched = rng.normal(0, 1, (series, months))
    z = (watched - reference.mean(axis=1, keepdims=True)) / reference.std(axis=1, ddof=1, keepdims=True)
    per_series = alarms.run_chart(z, rule).mean(axis=1)
    se = per_series.std(ddof=1) / math.sqrt(series)
    assert abs(per_series.mean() - rule.false_alarms_per_month) < 3 * se + 0.0003  # 0.0003: 300-month horizon


def test_detection_matches_simulation_of_a_known_model():
    rule = alarms.calibrate("cusum", 100.0, 0)
    stated = alarms.detection(rule, -2.0, horizon=12)
    rng = np.random.default_rng(5)
    signals = alarms.run_chart(rng.normal(-2.0, 1.0, (20000, 12)), rule)
    first = np.where(signals.any(axis=1), signals.argmax(axis=1) + 1, 12)
    caught_by_two = signals[:, :2].any(axis=1).mean()
    assert caught_by_two == pytest.approx(stated.within[1], abs=3 * math.sqrt(0.25 / 20000))
    assert first.mean() == pytest.approx(stated.mean_delay, abs=3 * first.std() / math.sqrt(20000))


def test_the_baseline_separates_sampling_from_real_month_to_month_variation():
    rng = np.random.default_rng(3)
    n = np.full(200, 400)
    level = rng.normal(0.3, 0.05, 200)  # true share of promoters varies by 5 points a month
    promoters = rng.binomial(n, level)
    base = alarms.fit_baseline("nps", n, promoters, np.zeros(200))
    # no detractors: NPS is the promoter share in points, so it varies by 5 points beyond sampling
    assert math.sqrt(base.between_var) == pytest.approx(5.0, rel=0.15)
    assert base.level == pytest.approx(30.0, abs=2.0)


def test_a_reference_month_far_from_the_rest_is_left_out():
    n = np.full(18, 100)
    promoters = np.array([40, 42, 38, 41, 39, 40, 43, 37, 40, 41, 39, 40, 42, 38, 5, 40, 41, 39])
    base = alarms.fit_baseline("nps", n, promoters, np.full(18, 20))
    assert base.left_out == (14,)
    assert base.level == pytest.approx(20.0, abs=1.5)


def test_fewer_than_twelve_reference_months_give_no_model():
    assert alarms.fit_baseline("fcr", np.full(11, 50), np.full(11, 30), np.zeros(11)) is None


@pytest.mark.parametrize("n", [60, 360])
def test_the_replay_false_alarm_rate_is_the_stated_one_within_monte_carlo_error(n):
    result = alarms.replay([0.35, 0.3, 0.35], 9.0, n, 25, "ewma", arl0=100, sims=500, seed=n, watched_months=120)
    assert abs(result.false_alarm_rate - 0.01) < 3 * result.false_alarm_se + 0.0005


def test_the_replay_delay_is_the_stated_one_within_monte_carlo_error():
    result = alarms.replay([0.3, 0.3, 0.4], 9.0, 60, 25, "cusum", arl0=100, sims=500, seed=7)
    assert result.flagged_by[1] == pytest.approx(result.stated.within[1], abs=3 * math.sqrt(0.25 / 500))
    assert result.mean_delay == pytest.approx(result.stated.mean_delay, abs=0.3)


def test_more_answers_catch_a_fall_sooner_at_the_same_false_alarm_rate():
    few = alarms.replay([0.3, 0.3, 0.4], 9.0, 20, 25, sims=300, seed=1)
    many = alarms.replay([0.3, 0.3, 0.4], 9.0, 300, 25, sims=300, seed=1)
    assert many.flagged_by[0] > few.flagged_by[0] + 0.3
    assert many.rule.arl0 == few.rule.arl0


def test_month_to_month_variation_limits_what_more_answers_buy():
    steady = alarms.replay([0.3, 0.3, 0.4], 0.0, 600, 10, sims=300, seed=2)
    wobbly = alarms.replay([0.3, 0.3, 0.4], 100.0, 600, 10, sims=300, seed=2)
    assert wobbly.flagged_by[2] < steady.flagged_by[2] - 0.3


def test_monte_carlo_power_agrees_with_the_analytic_figure():
    pp, pd, n, drop = 0.45, 0.20, 200, 15.0
    after_p, after_d = pp - drop / 200, pd + drop / 200
    analytic = stats.power_to_detect(drop, stats.nps_variance(pp, pd), n, stats.nps_variance(after_p, after_d), n)
    simulated = alarms.monte_carlo_power(pp, pd, n, drop, sims=2000, seed=1)
    assert simulated == pytest.approx(analytic, abs=3 * np.sqrt(analytic * (1 - analytic) / 2000) + 0.02)
