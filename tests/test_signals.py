"""Signals: the map-wide false-alarm budget by simulation, and the demo's planted dip caught in time."""
from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest

from cx import alarms
from cx.commitments import signals

END = date(2026, 10, 31)
DIP = ("Complaint handling", "Tampere", "survey")


def _simulated_series(rng, count: int, months: int, n: int, shares=(0.35, 0.3, 0.35)):
    """NPS counts of `count` steady series: promoters and detractors, count x months."""
    counts = rng.multinomial(n, shares, size=(count, months))
    return counts[..., 0], counts[..., 2]


def test_the_whole_map_allows_one_false_alarm_a_year_by_simulation():
    """20 steady series a map: each is tuned to one false alarm in 240 months, so the map to one a year."""
    rng = np.random.default_rng(17)
    per_map, maps, reference, watched, n = 20, 100, 18, 120, 80
    promoters, detractors = _simulated_series(rng, per_map * maps, reference + watched, n)
    answers = np.full(reference + watched, n)
    models = [alarms.fit_baseline("nps", answers[:reference], p[:reference], d[:reference])
              for p, d in zip(promoters, detractors, strict=True)]
    rule = signals._rules(models[:per_map])[reference]
    assert rule.arl0 == 12 * per_map / signals.FALSE_ALARMS_A_YEAR
    z = np.array([m.standardise(100 * (p[reference:] - d[reference:]) / n, answers[reference:])
                  for m, p, d in zip(models, promoters, detractors, strict=True)])
    per_series = alarms.run_chart(z, rule).mean(axis=1)
    per_year = per_series.reshape(maps, per_map).sum(axis=1) * 12  # alarms a year on each simulated map
    se = per_year.std(ddof=1) / math.sqrt(maps)
    assert abs(per_year.mean() - signals.FALSE_ALARMS_A_YEAR) < 3 * se + 0.05  # 0.05: the 120-month horizon


def test_a_series_with_a_lasting_fall_is_signalled_and_a_steady_one_is_not():
    rng = np.random.default_rng(5)
    p, d = _simulated_series(rng, 2, 30, 80)
    p[0, 24:], d[0, 24:] = rng.binomial(80, 0.15, 6), rng.binomial(80, 0.55, 6)  # NPS 0 -> -40 in month 25
    months = tuple(date(2024 + m // 12, m % 12 + 1, 1) for m in range(30))
    rule = alarms.calibrate("ewma", 240.0, 24)
    charts = []
    for i in range(2):
        series = signals.Series("Shop", "A", "survey", "nps", months, np.full(30, 80.0), p[i].astype(float),
                                d[i].astype(float))
        charts.append(signals._chart(series, signals._model(series, slice(0, 24)), rule, slice(24, 30)))
    assert charts[0][:2].any() and not charts[1].any()


def test_the_planted_demo_dip_is_signalled_in_its_first_or_second_month_in_the_backtest(full_demo_ws):
    bt = signals.backtest(full_demo_ws.cursor(), END)
    changes = bt.changes.set_index(["touchpoint", "unit", "method", "metric"])
    first = {metric: changes.loc[(*DIP, metric), "first_signal"] for metric in ("nps", "ces", "fcr")}
    assert all(month in (date(2026, 8, 1), date(2026, 9, 1)) for month in first.values()), first
    assert set(changes.index.get_level_values("unit")) == {"Tampere"}  # no other series changed level


def test_the_backtest_shows_the_same_rules_false_alarms_on_the_stable_series(full_demo_ws):
    bt = signals.backtest(full_demo_ws.cursor(), END)
    assert bt.stable_series == bt.series - len(bt.changes) and bt.stable_months >= 12 * bt.stable_series - 12
    assert bt.false_alarms <= signals.poisson_upper(bt.expected_false_alarms)  # within what chance allows
    shown = bt.as_dict()
    assert shown["allowed_a_year"] == 1.0 and shown["false_alarms_a_year"] is not None


def test_the_live_list_leads_with_the_dip_and_marks_effort_as_the_early_indicator(full_demo_ws):
    watch = signals.watch(full_demo_ws.cursor(), END)
    top = {(s.touchpoint, s.unit, s.method, s.metric): s for s in watch.signals[:3]}
    assert set(top) == {(*DIP, "nps"), (*DIP, "ces"), (*DIP, "fcr")}
    effort = top[(*DIP, "ces")]
    assert effort.early and effort.sure == "clear" and effort.since == date(2026, 8, 1)
    assert effort.nps_since is not None and effort.nps_since >= effort.since  # NPS came later, or together
    assert not top[(*DIP, "nps")].early
    assert any("system" in c for c in effort.comments)


def test_mystery_shopping_and_interviews_are_watched_as_their_own_series(full_demo_ws):
    series = signals.all_series(full_demo_ws.cursor(), END)
    reference = slice(len(series[0].months) - signals.WATCH_MONTHS - signals.REFERENCE_MONTHS,
                      len(series[0].months) - signals.WATCH_MONTHS)
    watched = {(s.method, s.unit) for s in series if signals._model(s, slice(max(reference.start, 0),
                                                                              reference.stop)) is not None}
    assert ("mystery_shopping", None) in watched and ("interview", None) in watched


def test_a_signal_links_to_the_journey_explorer_on_its_place_and_metric(full_demo_ws):
    effort = next(s for s in signals.watch(full_demo_ws.cursor(), END).signals if s.metric == "ces")
    assert effort.link() == {"tp": "Complaint handling", "metric": "ces", "period": "last_6m", "unit": "Tampere"}


def test_signals_as_of_an_earlier_month_do_not_see_the_dip(full_demo_ws):
    watch = signals.watch(full_demo_ws.cursor(), date(2026, 7, 31))
    assert not [s for s in watch.signals if (s.touchpoint, s.unit) == DIP[:2]]


@pytest.mark.parametrize("mean, expected", [(0.9, 3), (0.0, 0), (10.0, 17)])
def test_the_chance_range_is_the_poisson_97_5_percent_point(mean, expected):
    assert signals.poisson_upper(mean) == expected


def test_choosing_units_narrows_the_list_to_them_and_to_the_series_of_every_unit(full_demo_ws):
    watch = signals.watch(full_demo_ws.cursor(), END)
    tampere = watch.at(("Tampere",))
    assert {s.unit for s in tampere} == {"Tampere"} and len(tampere) == 3  # the dip; Turku's line is left out
    assert watch.at(()) == watch.signals
