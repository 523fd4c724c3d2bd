"""The query layer: filters in, figures out, against hand-counted fixtures."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cx import queries
from cx.filters import Filters
from cx.queries import Minimums

PHONE_NPS = [10, 10, 9, 9, 9, 8, 7, 5, 3, 0]  # 5 promoters, 3 detractors: NPS 20
WEB_NPS = [10, 9, 2, 1, 8, 8]                 # 2 promoters, 2 detractors: NPS 0


@pytest.fixture
def answers(workspace):
    rows = []
    for i, score in enumerate(PHONE_NPS):
        rows.append((f"p{i}", datetime(2026, 3, 1 + i), "Phone service", "phone", "North", score, 5, i % 2 == 0))
    for i, score in enumerate(WEB_NPS):
        rows.append((f"w{i}", datetime(2026, 2, 1 + i), "Web shop", "web", "South", score, 3, None))
    with workspace.write() as cur:
        cur.executemany("INSERT INTO customer_responses (response_id, responded_at, touchpoint, channel, unit, "
                        "nps, csat, fcr, level, method) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'transaction', 'survey')",
                        rows)
    return workspace


LOW = Minimums(min_n=5, confidentiality=5)


def test_overall_nps_counts_promoters_minus_detractors(answers):
    table = queries.metric_table(answers.cursor(), Filters(workspace="test"), "nps", minimums=LOW)
    # (5 + 2) promoters, (3 + 2) detractors of 16 answers: 100 * (7 - 5) / 16 = 12.5
    assert table.loc[0, "n"] == 16
    assert table.loc[0, "value"] == pytest.approx(12.5)


def test_grouped_figures_follow_the_groups(answers):
    table = queries.metric_table(answers.cursor(), Filters(workspace="test"), "nps", ["touchpoint"], LOW)
    by_tp = {r["touchpoint"]: r for r in table.to_dict("records")}
    assert by_tp["Phone service"]["value"] == pytest.approx(20.0)
    assert by_tp["Web shop"]["value"] == pytest.approx(0.0)
    assert by_tp["Web shop"]["n"] == 6


def test_filters_narrow_the_answers(answers):
    table = queries.metric_table(answers.cursor(), Filters(workspace="test", channel=("web",)), "nps",
                                 minimums=LOW)
    assert table.loc[0, "n"] == 6


def test_period_filter_is_inclusive_of_its_last_day(answers):
    f = Filters(workspace="test", start=date(2026, 3, 1), end=date(2026, 3, 10))
    assert queries.metric_table(answers.cursor(), f, "nps", minimums=LOW).loc[0, "n"] == 10


def test_csat_is_the_share_of_fours_and_fives(answers):
    table = queries.metric_table(answers.cursor(), Filters(workspace="test"), "csat", minimums=LOW)
    assert table.loc[0, "value"] == pytest.approx(100 * 10 / 16)


def test_fcr_counts_only_answered_rows(answers):
    table = queries.metric_table(answers.cursor(), Filters(workspace="test"), "fcr", minimums=LOW)
    assert table.loc[0, "n"] == 10
    assert table.loc[0, "value"] == pytest.approx(50.0)


def test_customer_groups_under_the_minimum_read_too_few_but_keep_n(answers):
    table = queries.metric_table(answers.cursor(), Filters(workspace="test"), "nps", ["touchpoint"],
                                 Minimums(min_n=8))
    web = table[table["touchpoint"] == "Web shop"].iloc[0]
    assert web["status"] == "too_few"
    assert web["n"] == 6
    assert web["value"] is None or web["value"] != web["value"]


def test_too_few_rows_lose_their_figures_whatever_number_type_the_others_have():
    # groups of detractors only: their low ends clip to the whole number -100, so "low" holds ints
    agg = pd.DataFrame({"unit": ["North", "South"], "nps__n": [5, 2], "nps__a": [0, 0], "nps__b": [5, 2]})
    table = queries.to_figures(agg, "nps", ["unit"], Minimums(min_n=3)).set_index("unit")
    assert table.loc["North", "low"] == -100 and table.loc["North", "status"] == "ok"
    assert table.loc["South", "status"] == "too_few" and table.loc["South", "n"] == 2
    assert table.loc["South", ["value", "low", "high"]].isna().all()


def test_hostile_filter_values_match_nothing_and_break_nothing(answers):
    hostile = "North' OR '1'='1"
    table = queries.metric_table(answers.cursor(), Filters(workspace="test", unit=(hostile,)), "nps",
                                 minimums=LOW)
    assert table.loc[0, "n"] == 0
    assert answers.counts()["customer_responses"] == 16


def test_monthly_trend_has_one_row_per_month(answers):
    table = queries.trend(answers.cursor(), Filters(workspace="test"), "nps", "month", (), LOW)
    assert [p.month for p in table["period"]] == [2, 3]
    assert list(table["n"]) == [6, 10]


def test_change_against_previous_period_is_flagged(answers):
    current = Filters(workspace="test", start=date(2026, 3, 1), end=date(2026, 3, 31))
    previous = Filters(workspace="test", start=date(2026, 2, 1), end=date(2026, 2, 28))
    table = queries.compare_periods(answers.cursor(), current, "nps", (), previous, LOW)
    assert table.loc[0, "change"] == pytest.approx(20.0)
    assert table.loc[0, "prev_n"] == 6
    assert table.loc[0, "significant"] in (True, False)


@pytest.fixture
def staff(workspace):
    rows = []
    sizes = {"North": 12, "South": 9, "Tiny": 3}
    for unit, size in sizes.items():
        for i in range(size):
            rows.append((f"{unit}{i}", datetime(2026, 3, 2), unit, 9 if i % 2 else 5))
    with workspace.write() as cur:
        cur.executemany("INSERT INTO employee_responses (response_id, responded_at, unit, enps) "
                        "VALUES (?, ?, ?, ?)", rows)
    return workspace


def test_employee_groups_under_the_confidentiality_minimum_show_nothing(staff):
    table = queries.metric_table(staff.cursor(), Filters(workspace="test"), "enps", ["unit"], Minimums())
    tiny = table[table["unit"] == "Tiny"].iloc[0]
    assert tiny["status"] == "suppressed"
    assert tiny["n"] is None and tiny["value"] is None


def test_a_single_hidden_group_takes_the_next_smallest_with_it(staff):
    table = queries.metric_table(staff.cursor(), Filters(workspace="test"), "enps", ["unit"], Minimums())
    statuses = dict(zip(table["unit"], table["status"], strict=True))
    assert statuses == {"North": "ok", "South": "suppressed", "Tiny": "suppressed"}


def test_summary_rows_follow_the_contract_shape(staff):
    rows = queries.summary_rows(staff, "enps", "unit", Filters(workspace="test"))
    assert set(rows[0]) == {"group", "n", "value", "low", "high", "suppressed"}
    north = next(r for r in rows if r["group"] == "North")
    assert north["suppressed"] is False and north["n"] == 12
    assert all(r["value"] is None for r in rows if r["suppressed"])


# -- the same figures as plain dicts ----------------------------------------------------------------

def _aggregates(metric: str, sizes: list[int]) -> list[dict]:
    """Aggregate rows (n, a, b) of `metric` for groups of the given sizes, as `aggregate` returns them."""
    rows = []
    for i, n in enumerate(sizes):
        a, b = ((n // 2, n // 4) if metric in ("nps", "enps") else (n // 2, 0) if metric == "csat"
                else (3.5 * n, 13.0 * n))
        rows.append({"unit": f"U{i}", f"{metric}__n": n, f"{metric}__a": a, f"{metric}__b": b})
    return rows


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["nps", "csat", "ces", "efficiency"]), st.lists(st.integers(0, 40), max_size=6),
       st.sampled_from([(), ("unit",)]), st.integers(1, 35), st.integers(1, 8))
def test_figure_records_give_exactly_the_figures_of_to_figures(metric, sizes, by, min_n, confidentiality):
    """The linkage page reads customer figures as dicts; the minimums must be the same rules."""
    records = _aggregates(metric, sizes)
    minimums = Minimums(min_n, confidentiality)
    frame = queries.to_figures(pd.DataFrame(records), metric, by, minimums)
    as_dicts = queries.figure_records(records, metric, by, minimums)
    assert [r["status"] for r in as_dicts] == list(frame["status"])
    for row, expected in zip(as_dicts, frame.to_dict("records"), strict=True):
        for key in ("n", "value", "low", "high"):
            assert (row[key] is None) == pd.isna(expected[key])
            assert row[key] is None or row[key] == pytest.approx(expected[key])


def test_employee_figures_never_come_from_the_customer_path(staff):
    records = [{"unit": "North", "enps__n": 12, "enps__a": 6, "enps__b": 1}]
    with pytest.raises(ValueError, match="confidentiality.gate"):
        queries.figure_records(records, "enps", ["unit"], Minimums())
    with pytest.raises(ValueError, match="confidentiality.gate"):
        queries.aggregate(staff.cursor(), Filters(workspace="test"), ["enps"], ["unit"])


# --- changes: p-values and the many-comparisons rule ---------------------------------

def test_a_change_carries_the_p_value_of_its_own_statistic(answers):
    from cx import stats

    current = Filters(workspace="test", start=date(2026, 3, 1), end=date(2026, 3, 31))
    previous = Filters(workspace="test", start=date(2026, 2, 1), end=date(2026, 2, 28))
    table = queries.compare_periods(answers.cursor(), current, "nps", (), previous, LOW)
    assert table.loc[0, "p_value"] == pytest.approx(stats.nps_change_p_value(2, 2, 6, 5, 3, 10))


def test_flag_many_flags_by_benjamini_hochberg_over_all_tables_of_a_view():
    one = pd.DataFrame({"p_value": [0.01, 0.04], "significant": [True, True]})
    two = pd.DataFrame({"p_value": [0.03, None], "significant": [True, False]})
    # three comparisons: sorted 0.01, 0.03, 0.04 against 0.0167, 0.0333, 0.05: all pass
    flagged = queries.flag_many([one, two])
    assert list(flagged[0]["significant"]) == [True, True] and list(flagged[1]["significant"]) == [True, False]
    assert queries.comparison_count([one, two]) == 3


def test_flag_many_unflags_a_lone_5_percent_change_among_many():
    table = pd.DataFrame({"p_value": [0.03] + [0.5] * 11})
    assert not queries.flag_many([table])[0]["significant"].any()


def test_the_default_comparison_is_the_previous_whole_month(answers):
    # March against February (28 days), not the 31 days back to 29 January
    march = Filters(workspace="test", start=date(2026, 3, 1), end=date(2026, 3, 31))
    table = queries.compare_periods(answers.cursor(), march, "nps", (), None, LOW)
    assert table.loc[0, "prev_n"] == 6


def test_weighted_figures_pool_the_touchpoints_by_volume(answers):
    with answers.write() as cur:
        cur.executemany("INSERT INTO touchpoints (touchpoint, stage, volume) VALUES (?, ?, ?)",
                        [("Phone service", "Use", 1000), ("Web shop", "Buy", 3000)])
    table = queries.pooled_table(answers.cursor(), Filters(workspace="test"), "nps", (), LOW)
    # phone NPS 20 (w 0.25), web NPS 0 (w 0.75): 5, where the plain figure of all 16 answers is 7 / 16 = 43.75 - 31.25
    assert bool(table.loc[0, "weighted"]) and table.loc[0, "value"] == pytest.approx(5.0)
    assert table.loc[0, "n"] == 16
