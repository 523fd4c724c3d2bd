"""The journey explorer's figures against hand-counted fixtures, and the demo's stories."""
from __future__ import annotations

import itertools
from datetime import date, datetime

import numpy as np
import pytest

from cx import journey, stats
from cx.filters import Filters
from cx.queries import Minimums

LOW = Minimums(min_n=5, confidentiality=5)
MARCH = Filters(workspace="test", start=date(2026, 3, 1), end=date(2026, 3, 31))
SHOP_NPS = [10, 10, 9, 9, 9, 8, 7, 5, 3, 0]  # 5 promoters, 2 passives, 3 detractors: NPS 20


def _row(rid, when, touchpoint, stage, nps, level="transaction", **extra):
    base = dict(response_id=rid, responded_at=when, level=level, touchpoint=touchpoint, stage=stage,
                method="survey", unit=extra.pop("unit", "North"), nps=nps)
    base.update(extra)
    return base


def _insert(ws, rows):
    columns = sorted({k for r in rows for k in r})
    sql = ("INSERT INTO customer_responses (" + ", ".join(columns) + ") VALUES ("
           + ", ".join("?" for _ in columns) + ")")
    with ws.write() as cur:
        cur.executemany(sql, [[r.get(c) for c in columns] for r in rows])


@pytest.fixture
def answers(workspace):
    with workspace.write() as cur:
        cur.executemany("INSERT INTO touchpoints (touchpoint, stage, stage_order, volume) VALUES (?, ?, ?, ?)",
                        [("Shop", "Offer and purchase", 3, 4000), ("Complaints desk", "Complaints", 6, 1000)])
    rows = []
    for i, score in enumerate(SHOP_NPS):
        rows.append(_row(f"s{i}", datetime(2026, 3, 1 + i), "Shop", "Offer and purchase", score))
        rows.append(_row(f"sp{i}", datetime(2026, 2, 1 + i), "Shop", "Offer and purchase", score))
    ces = [1, 2, 3, 4, 5, 6, 7, 1, 2, 7]  # five of ten are 1-3
    for i in range(10):
        rows.append(_row(f"c{i}", datetime(2026, 3, 1 + i), "Complaints desk", "Complaints", 0,
                         ces=ces[i], fcr=i < 4))  # six of ten not solved first time
        rows.append(_row(f"cp{i}", datetime(2026, 2, 1 + i), "Complaints desk", "Complaints", 10))
    for i in range(3):
        rows.append(_row(f"o{i}", datetime(2026, 3, 2 + i), "Odd corner", "Zeta", 9))
    for i, score in enumerate([10, 10, 10, 0, 0, 8]):  # 3 promoters, 2 detractors of 6
        rows.append(_row(f"r{i}", datetime(2026, 3, 5 + i), None, None, score, level="relationship"))
    _insert(workspace, rows)
    return workspace


def _map(ws, compare="previous"):
    return journey.journey_map(ws.cursor(), MARCH, "nps", compare, LOW)


def _by_touchpoint(table):
    return {r["touchpoint"]: r for r in table.to_dict("records")}


# --- journey map -------------------------------------------------------------------

def test_stages_follow_stage_order_then_unknown_stages_last(answers):
    assert list(_map(answers).table["touchpoint"]) == ["Shop", "Complaints desk", "Odd corner"]


def test_default_journey_order_applies_without_a_touchpoints_table():
    assert sorted(["Complaints", "Zeta", "Need and awareness", "Onboarding"],
                  key=lambda s: journey.stage_key(s, {})) == ["Need and awareness", "Onboarding", "Complaints",
                                                             "Zeta"]


def test_touchpoints_under_the_minimum_read_too_few(answers):
    odd = _by_touchpoint(_map(answers).table)["Odd corner"]
    assert odd["status"] == "too_few" and odd["n"] == 3 and np.isnan(odd["value"])


def test_map_values_are_promoters_minus_detractors(answers):
    shop = _by_touchpoint(_map(answers).table)["Shop"]
    assert shop["n"] == 10 and shop["value"] == pytest.approx(20.0)


def test_a_drop_whose_interval_excludes_zero_is_flagged_significant(answers):
    desk = _by_touchpoint(_map(answers).table)["Complaints desk"]
    assert desk["change"] == pytest.approx(-200.0)
    assert desk["significant"] and desk["direction"] == "down"


def test_an_unchanged_touchpoint_is_within_noise(answers):
    shop = _by_touchpoint(_map(answers).table)["Shop"]
    assert shop["change"] == pytest.approx(0.0)
    assert not shop["significant"] and shop["direction"] == "same"


def test_a_year_earlier_without_data_gives_no_comparison(answers):
    assert set(_map(answers, "year").table["direction"]) == {"none"}


def test_year_comparison_shifts_both_dates_a_year():
    prior = journey.comparison_filters(MARCH, "year")
    assert (prior.start, prior.end) == (date(2025, 3, 1), date(2025, 3, 31))


def test_relationship_nps_is_its_own_line(answers):
    rel = _map(answers).relationship
    assert rel["n"] == 6 and rel["value"] == pytest.approx(100 * (3 - 2) / 6)


def test_the_map_has_no_relationship_rows(answers):
    assert _map(answers).table["touchpoint"].notna().all()


def test_worst_touchpoints_skip_figures_under_the_minimum(answers):
    assert journey.worst_touchpoints(_map(answers).table, 3) == ["Complaints desk", "Shop"]


# --- slice and drill down ---------------------------------------------------------------

def test_heatmap_cells_under_the_minimum_keep_n_but_lose_the_value(answers):
    cells = journey.heatmap(answers.cursor(), MARCH, "nps", "unit", LOW)
    odd = cells[cells["touchpoint"] == "Odd corner"].iloc[0]
    assert odd["n"] == 3 and odd["status"] == "too_few" and np.isnan(odd["value"])


def test_distribution_counts_detractors_passives_promoters(answers):
    dist = journey.distribution(answers.cursor(), journey.narrowed(MARCH, "Shop"), LOW)
    assert list(dist["count"]) == [3, 2, 5]
    assert list(dist["share"]) == pytest.approx([30.0, 20.0, 50.0])


def test_comment_search_is_literal_and_bound(workspace):
    texts = ["Great 100% service", "slow_queue again", "fine", "'; DROP TABLE answers; --"]
    _insert(workspace, [_row(f"k{i}", datetime(2026, 3, 1 + i), "Shop", "S", 9, comment=c)
                        for i, c in enumerate(texts)])
    cur = workspace.cursor()
    assert list(journey.comment_page(cur, MARCH, "%")["comment"]) == ["Great 100% service"]
    assert list(journey.comment_page(cur, MARCH, "_")["comment"]) == ["slow_queue again"]
    assert journey.comment_count(cur, MARCH, "drop table") == 1
    assert journey.comment_count(cur, MARCH) == 4


def test_comments_are_paged_newest_first_in_sql(workspace):
    _insert(workspace, [_row(f"k{i:02d}", datetime(2026, 3, 1, 8 + i // 4, i % 4), "Shop", "S", 9,
                             comment=f"note {i}") for i in range(25)])
    cur = workspace.cursor()
    first, second = (journey.comment_page(cur, MARCH, "", p) for p in (1, 2))
    assert len(first) == 20 and len(second) == 5
    assert first["comment"].iloc[0] == "note 24" and second["comment"].iloc[-1] == "note 0"
    assert journey.page_count(25) == 2


# --- pain points --------------------------------------------------------------------------

def test_pain_points_rank_by_volume_times_detractor_share(answers):
    pain = journey.pain_points(answers.cursor(), MARCH, LOW)
    assert list(pain["touchpoint"]) == ["Shop", "Complaints desk", "Odd corner"]
    shop = pain.iloc[0]
    assert shop["unhappy"] == pytest.approx(4000 * 3 / 10)
    # Wilson 95% for 3 of 10, by hand: centre 0.35551, half-width 0.24772
    assert shop["unhappy_low"] == pytest.approx(4000 * 0.10779, abs=0.5)
    assert shop["unhappy_high"] == pytest.approx(4000 * 0.60323, abs=0.5)


def test_pain_points_show_low_effort_and_fcr_misses_only_where_asked(answers):
    pain = _by_touchpoint(journey.pain_points(answers.cursor(), MARCH, LOW))
    assert pain["Complaints desk"]["low_ces_share"] == pytest.approx(50.0)
    assert pain["Complaints desk"]["fcr_miss_share"] == pytest.approx(60.0)
    assert pain["Shop"]["ces_n"] == 0 and np.isnan(pain["Shop"]["low_ces_share"])


def test_pain_points_under_the_minimum_are_not_ranked(answers):
    odd = journey.pain_points(answers.cursor(), MARCH, LOW).iloc[-1]
    assert odd["touchpoint"] == "Odd corner" and odd["status"] == "too_few" and np.isnan(odd["unhappy"])


def test_one_touchpoints_rows_of_all_trends_equal_its_own_trend(answers):
    everything = journey.touchpoint_trends(answers.cursor(), MARCH, "nps", "month", LOW)
    assert set(everything["touchpoint"]) == {"Shop", "Complaints desk", "Odd corner"}
    for name in ("Shop", "Complaints desk", "Odd corner"):
        alone = journey.trends(answers.cursor(), MARCH, "nps", "month", [name], LOW)
        assert journey.of_touchpoint(everything, name).equals(alone)


# --- drivers ----------------------------------------------------------------------------

def _factorial_answers(ws):
    """Every combination of the three items once: uncorrelated drivers, so shares = squared standardised betas."""
    rows = []
    for i, (eff, ease, emo) in enumerate(itertools.product(range(1, 6), repeat=3)):
        score = min(10, 2 * (eff - 1) + (ease - 1) // 2 + (emo == 5))
        rows.append(_row(f"d{i:03d}", datetime(2026, 3, 1 + i % 28), None, None, score, level="relationship",
                         efficiency=eff, ease=ease, emotion=emo))
    _insert(ws, rows)
    return rows


def test_driver_shares_match_an_independent_least_squares_fit(workspace):
    rows = _factorial_answers(workspace)
    view = journey.drivers(workspace.cursor(), MARCH, "relationship_nps", LOW, n_boot=20)
    X = np.array([[r["efficiency"], r["ease"], r["emotion"]] for r in rows], float)
    y = np.array([r["nps"] for r in rows], float)
    Z = (X - X.mean(0)) / X.std(0)
    beta, *_ = np.linalg.lstsq(np.column_stack([np.ones(len(y)), Z]), (y - y.mean()) / y.std(), rcond=None)
    expected = 100 * beta[1:] ** 2 / (beta[1:] ** 2).sum()
    got = dict(zip(view.drivers["driver"], view.drivers["share"], strict=True))
    assert [got[d] for d in journey.DRIVERS] == pytest.approx(list(expected), abs=1e-6)
    assert view.n == 125


def test_driver_moments_in_duckdb_hold_the_sums_of_every_complete_answer(workspace):
    rows = _factorial_answers(workspace)
    scoped, column = journey.outcome_filters(MARCH, "relationship_nps")
    count, total, cross = journey.driver_moments(workspace.cursor(), scoped, column, groups=10)
    data = np.array([[r["nps"], r["efficiency"], r["ease"], r["emotion"]] for r in rows], float)
    assert len(count) <= 10 and count.sum() == 125
    assert total.sum(axis=0) == pytest.approx(data.sum(axis=0))
    assert cross.sum(axis=0) == pytest.approx(data.T @ data)


def test_driver_groups_split_the_answers_the_same_way_every_time(workspace):
    _factorial_answers(workspace)
    scoped, column = journey.outcome_filters(MARCH, "relationship_nps")
    first = journey.driver_moments(workspace.cursor(), scoped, column, groups=10)
    again = journey.driver_moments(workspace.cursor(), scoped, column, groups=10)
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert len(first[0]) > 1  # the answers are spread over several groups


def test_driver_analysis_matches_the_row_analysis_and_has_intervals_around_each_share(workspace):
    rows = _factorial_answers(workspace)
    view = journey.drivers(workspace.cursor(), MARCH, "relationship_nps", LOW, n_boot=200)
    X = np.array([[r["efficiency"], r["ease"], r["emotion"]] for r in rows], float)
    y = np.array([r["nps"] for r in rows], float)
    assert view.r_squared == pytest.approx(stats.r_squared(X, y), abs=1e-9)
    for rec in view.drivers.to_dict("records"):
        assert rec["low"] <= rec["share"] <= rec["high"] and rec["low"] < rec["high"]


def test_drivers_under_the_minimum_read_too_few(answers):
    view = journey.drivers(answers.cursor(), MARCH, "relationship_nps", LOW, n_boot=5)
    assert view.status == "too_few" and view.drivers.empty


def test_a_driver_whose_importance_interval_crosses_the_middle_line_reads_unclear():
    assert journey.quadrant(50, 3.0, 33.3, 3.5, share_interval=(20, 70)) == "unclear"


def test_a_driver_whose_mean_interval_crosses_the_middle_line_reads_unclear():
    assert journey.quadrant(50, 3.0, 33.3, 3.5, share_interval=(40, 60), mean_interval=(2.8, 3.6)) == "unclear"


def test_a_driver_clear_of_both_lines_keeps_its_quadrant():
    assert journey.quadrant(50, 3.0, 33.3, 3.5, share_interval=(40, 60), mean_interval=(2.8, 3.2)) == "fix"


def test_quadrant_words_follow_importance_and_performance():
    assert journey.quadrant(50, 3.0, 33.3, 3.5) == "fix"
    assert journey.quadrant(50, 4.0, 33.3, 3.5) == "keep"
    assert journey.quadrant(10, 3.0, 33.3, 3.5) == "watch"
    assert journey.quadrant(10, 4.0, 33.3, 3.5) == "fine"


# --- the demo's stories -------------------------------------------------------------------

def _demo_period(ws):
    from cx import periods, queries

    first, last = queries.date_span(ws.cursor())
    start, end = periods.bounds("last_3m", first, last)
    return Filters(workspace="demo", start=start, end=end)


def test_demo_complaint_handling_drops_significantly_in_the_default_period(full_demo_ws):
    """At the demo's real size: at a fifth of it the drop (n = 33) does not survive the many-comparisons rule."""
    table = journey.journey_map(full_demo_ws.cursor(), _demo_period(full_demo_ws), "nps").table
    row = table[(table["touchpoint"] == "Complaint handling") & (table["method"] == "survey")].iloc[0]
    assert row["significant"] and row["direction"] == "down"


def test_demo_efficiency_and_ease_drive_relationship_nps_more_than_emotion(demo_ws):
    view = journey.drivers(demo_ws.cursor(), _demo_period(demo_ws), n_boot=20)
    share = dict(zip(view.drivers["driver"], view.drivers["share"], strict=True))
    assert min(share["efficiency"], share["ease"]) > share["emotion"]


def test_the_journey_map_counts_its_seven_metrics_and_relationship_tile_as_one_view(full_demo_ws):
    cur, period = full_demo_ws.cursor(), _demo_period(full_demo_ws)
    views = [journey.journey_map(cur, period, metric) for metric in journey.METRICS]
    with_change = sum(int(view.table["p_value"].notna().sum()) for view in views)
    assert {view.comparisons for view in views} == {with_change + 1}  # every metric's rows and relationship NPS


def test_the_demo_customer_service_nps_rise_is_not_flagged_after_stepping_through_the_metrics(full_demo_ws):
    """Alone it passes (p = 0.008); over the map's seven metrics it is one of many looks and is not flagged."""
    table = journey.journey_map(full_demo_ws.cursor(), _demo_period(full_demo_ws), "nps").table
    row = table[(table["touchpoint"] == "Customer service phone") & (table["method"] == "survey")].iloc[0]
    assert row["significant_alone"] and not row["significant"]


def test_the_heatmap_flags_its_cells_after_the_many_comparisons_rule(full_demo_ws):
    cells = journey.heatmap(full_demo_ws.cursor(), _demo_period(full_demo_ws), "nps", "unit")
    flagged = cells[cells["significant"]]
    assert ("Complaint handling", "Tampere") in set(zip(flagged["touchpoint"], flagged["cell"], strict=True))
    assert cells["significant_alone"].sum() > len(flagged)  # some cells pass alone but not together
