"""The demo workspace is deterministic, stays inside the contract, and holds its four planted stories.

Content checks run on the shared demo (tests/conftest.py, scale 0.2, 24 months, about 10,000 answers).
"""
from __future__ import annotations

import hashlib
import math
from datetime import datetime

import numpy as np
import pytest

from cx import demo, schema, stats, store
from cx.periods import add_months
from cx.sql import ident

NPS = "100.0 * (count_if(nps >= 9) - count_if(nps <= 6)) / count(nps)"
DIP_START = demo.dip_months()[0]
DIP_STOP = add_months(demo.dip_months()[-1], 1)  # first month after the dip
IN_DIP = "responded_at >= ? AND responded_at < ?"


def _digest(ws) -> str:
    cur = ws.cursor()
    h = hashlib.sha256()
    for table in schema.CONTRACT_TABLES:
        h.update(repr(cur.execute("SELECT * FROM " + ident(table.name) + " ORDER BY ALL").fetchall()).encode())
    return h.hexdigest()


@pytest.fixture
def q(demo_ws):
    cur = demo_ws.cursor()
    return lambda sql, params=(): cur.execute(sql, list(params)).fetchall()


def _one(q, sql, params=()):
    return q(sql, params)[0][0]


def _ranged_columns():
    return [(t.name, c.name, c.low, c.high) for t in schema.DATA_TABLES for c in t.columns if c.low is not None]


# -- building ---------------------------------------------------------------------------------------

def test_the_same_arguments_give_the_same_data():
    first = _digest(demo.build_demo("a", months=6, scale=0.1))
    second = _digest(demo.build_demo("b", months=6, scale=0.1))
    assert first == second


def test_scale_sets_the_number_of_customer_answers():
    ws = demo.build_demo("small", months=12, scale=0.1)
    expected = demo.expected_customer_answers(12, 0.1)
    assert abs(ws.counts()["customer_responses"] - expected) < 0.1 * expected


def test_the_default_is_about_fifty_thousand_answers_and_a_tenth_at_scale_0_1():
    assert 45_000 <= demo.expected_customer_answers() <= 55_000
    assert 4_500 <= demo.expected_customer_answers(scale=0.1) <= 5_500


@pytest.mark.parametrize("scale", [0, -1, math.nan])
def test_scale_must_be_a_positive_number(scale):
    with pytest.raises(ValueError):
        demo.build_demo("bad", months=2, scale=scale)


def test_progress_runs_from_zero_to_one_without_going_back():
    seen = []
    demo.build_demo("p", months=3, scale=0.1, progress=lambda fraction, text: seen.append(fraction))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)


def test_rebuilding_replaces_the_workspace():
    first = demo.build_demo("again", months=3, scale=0.1).counts()
    assert demo.build_demo("again", months=3, scale=0.1).counts() == first
    assert store.list_workspaces() == ["again"]


# -- inside the contract ----------------------------------------------------------------------------

@pytest.mark.parametrize("table", [t.name for t in schema.CONTRACT_TABLES])
def test_every_contract_table_has_rows(q, table):
    assert _one(q, "SELECT count(*) FROM " + ident(table)) > 0


@pytest.mark.parametrize("table", schema.IMPORTABLE)
def test_each_table_is_one_loaded_import_whose_id_its_rows_carry(q, table):
    (import_id, file_name, status, loaded), = q("SELECT import_id, file_name, status, rows_loaded FROM imports "
                                                "WHERE kind = ?", [table])
    assert (file_name, status) == ("demo (generated)", "loaded")
    assert _one(q, "SELECT count(*) FROM " + ident(table) + " WHERE import_id = ?", [import_id]) == loaded
    assert _one(q, "SELECT count(*) FROM " + ident(table) + " WHERE import_id IS DISTINCT FROM ?", [import_id]) == 0


@pytest.mark.parametrize("table,column,low,high", _ranged_columns())
def test_numbers_stay_within_contract_ranges(q, table, column, low, high):
    lo, hi = q("SELECT min(" + ident(column) + "), max(" + ident(column) + ") FROM " + ident(table))[0]
    assert low <= lo and hi <= high


@pytest.mark.parametrize("column,choices", [("level", schema.LEVELS), ("method", schema.METHODS)])
def test_choice_columns_hold_only_contract_choices(q, column, choices):
    values = {v for (v,) in q("SELECT DISTINCT " + ident(column) + " FROM customer_responses")}
    assert values == set(choices)


@pytest.mark.parametrize("table,column", [(t.name, c.name) for t in schema.DATA_TABLES for c in t.columns
                                          if c.required])
def test_required_values_are_present(q, table, column):
    assert _one(q, "SELECT count(*) FROM " + ident(table) + " WHERE " + ident(column) + " IS NULL") == 0


@pytest.mark.parametrize("table", [schema.CUSTOMER_RESPONSES, schema.EMPLOYEE_RESPONSES])
def test_every_answer_has_at_least_one_score(q, table):
    none = " AND ".join(ident(c) + " IS NULL" for c in table.needs_one_of)
    assert _one(q, "SELECT count(*) FROM " + ident(table.name) + " WHERE " + none) == 0


@pytest.mark.parametrize("table", ["customer_responses", "employee_responses"])
def test_response_ids_are_unique(q, table):
    assert _one(q, "SELECT count(*) - count(DISTINCT response_id) FROM " + ident(table)) == 0


def test_transaction_answers_have_a_touchpoint_and_relationship_answers_none(q):
    assert q("SELECT level, count(touchpoint) > 0, count(*) = count(touchpoint) FROM customer_responses "
             "GROUP BY 1 ORDER BY 1") == [("relationship", False, False), ("transaction", True, True)]


def test_the_stage_of_every_answer_comes_from_the_journey_map(q):
    assert _one(q, "SELECT count(*) FROM customer_responses r JOIN touchpoints t USING (touchpoint) "
                   "WHERE r.stage IS DISTINCT FROM t.stage") == 0


def test_employee_units_are_the_customer_units(q):
    customer = {u for (u,) in q("SELECT DISTINCT unit FROM customer_responses")}
    assert {u for (u,) in q("SELECT DISTINCT unit FROM employee_responses")} == customer == set(demo.UNITS)


@pytest.mark.parametrize("table,column", [("customer_responses", "responded_at"),
                                          ("employee_responses", "responded_at"),
                                          ("imports", "imported_at"), ("outcomes", "month")])
def test_no_date_is_after_demo_end_or_before_1990(q, table, column):
    first, last = q("SELECT min(" + ident(column) + "), max(" + ident(column) + ") FROM " + ident(table))[0]
    as_date = [d.date() if isinstance(d, datetime) else d for d in (first, last)]
    assert as_date[0].year >= 1990 and as_date[1] <= demo.DEMO_END


def test_the_journey_runs_through_seven_stages_in_order(q):
    stages = q("SELECT DISTINCT stage_order, stage FROM touchpoints ORDER BY 1")
    assert stages == list(enumerate(demo.STAGES, start=1))


def test_complaint_handling_is_a_touchpoint_of_the_complaints_stage(q):
    assert q("SELECT stage FROM touchpoints WHERE touchpoint = 'Complaint handling'") == [("Complaints",)]


def test_about_fifteen_percent_of_customer_answers_carry_a_comment(q):
    assert 0.10 <= _one(q, "SELECT avg((comment IS NOT NULL)::INT) FROM customer_responses") <= 0.18


@pytest.mark.parametrize("pasted", ["**great**", "<b>slow</b>", "=SUM(A1)"])
def test_some_comments_hold_markup_or_a_formula_to_show_they_stay_text(q, pasted):
    assert _one(q, "SELECT count(*) FROM customer_responses WHERE contains(comment, ?)", [pasted]) > 0


def test_mystery_shopping_and_interviews_are_a_few_percent_of_answers(q):
    share = dict(q("SELECT method, count(*) / sum(count(*)) OVER () FROM customer_responses GROUP BY 1"))
    assert 0.01 <= share["mystery_shopping"] <= 0.05 and 0.003 <= share["interview"] <= 0.05


def test_only_one_employee_group_falls_below_the_confidentiality_minimum(q):
    small = q("SELECT unit, role, n FROM (SELECT unit, role, date_trunc('quarter', responded_at), count(*) AS n "
              "FROM employee_responses GROUP BY ALL) WHERE n < 5")
    assert small == [(*demo.SMALL_GROUP, demo.SMALL_GROUP_ANSWERS)]


def test_every_unit_has_fifteen_to_seventy_employee_answers_a_quarter(q):
    low, high = q("SELECT min(n), max(n) FROM (SELECT unit, date_trunc('quarter', responded_at), count(*) AS n "
                  "FROM employee_responses GROUP BY ALL)")[0]
    assert 15 <= low and high <= 70


def test_units_with_weaker_customer_experience_lose_more_customers(q):
    churn = dict(q("SELECT unit, sum(churned) / sum(customers) FROM outcomes GROUP BY 1"))
    assert min(churn["Tampere"], churn["Oulu"]) > max(v for u, v in churn.items() if u not in ("Tampere", "Oulu"))


# -- the planted stories ------------------------------------------------------------------------------

def _tampere_complaints(q, select: str, inside: bool) -> float:
    where = ("touchpoint = 'Complaint handling' AND unit = 'Tampere' AND "
             + ("" if inside else "NOT ") + "(" + IN_DIP + ")")
    return _one(q, "SELECT " + select + " FROM customer_responses WHERE " + where, [DIP_START, DIP_STOP])


def test_story_a_tampere_complaint_handling_nps_is_25_points_lower_in_the_dip_months(q):
    assert _tampere_complaints(q, NPS, True) <= _tampere_complaints(q, NPS, False) - 25


@pytest.mark.parametrize("measure", ["avg(ces)", "avg(fcr::INT)"])
def test_story_a_effort_and_first_contact_resolution_fall_too(q, measure):
    assert _tampere_complaints(q, measure, True) < _tampere_complaints(q, measure, False)


def test_story_a_the_latest_three_months_have_recovered(q):
    latest = _one(q, "SELECT " + NPS + " FROM customer_responses WHERE touchpoint = 'Complaint handling' "
                     "AND unit = 'Tampere' AND responded_at >= ?", [DIP_STOP])
    assert latest >= _tampere_complaints(q, NPS, True) + 25


def test_story_a_comments_in_the_dip_blame_the_new_system(q):
    comments = [c for (c,) in q("SELECT comment FROM customer_responses WHERE touchpoint = 'Complaint handling' "
                                "AND unit = 'Tampere' AND comment IS NOT NULL AND " + IN_DIP,
                                [DIP_START, DIP_STOP])]
    blaming = [c for c in comments if "järjestelmä" in c.lower() or "system" in c.lower()]
    assert len(blaming) >= len(comments) / 2 > 0


def test_story_a_tampere_complaints_more_than_double_in_the_dip_months(q):
    per_month = dict(q("SELECT month, sum(complaints) FROM outcomes WHERE unit = 'Tampere' GROUP BY 1"))
    dip = np.mean([per_month[m] for m in demo.dip_months()])
    assert dip > 2 * np.mean([v for m, v in per_month.items() if m not in demo.dip_months()])


def _unit_figures(q) -> tuple[list[float], list[float]]:
    rows = q("SELECT e.unit, e.technology, c.nps FROM (SELECT unit, avg(technology) AS technology "
             "FROM employee_responses GROUP BY 1) e JOIN (SELECT unit, " + NPS + " AS nps "
             "FROM customer_responses GROUP BY 1) c USING (unit) ORDER BY 1")
    return [r[1] for r in rows], [r[2] for r in rows]


def test_story_b_staff_technology_and_customer_nps_correlate_across_units(q):
    technology, nps = _unit_figures(q)
    assert len(nps) == 6 and stats.pearson(technology, nps).r > 0.5


def test_story_b_the_two_low_technology_units_trail_the_others_by_20_points(q):
    low = {u for (u,) in q("SELECT unit FROM employee_responses GROUP BY 1 ORDER BY avg(technology) LIMIT 2")}
    nps = dict(q("SELECT unit, " + NPS + " FROM customer_responses GROUP BY 1"))
    assert low == {"Tampere", "Oulu"}
    assert np.mean([nps[u] for u in low]) <= np.mean([v for u, v in nps.items() if u not in low]) - 20


def _answers_a_month(q, touchpoint: str) -> float:
    return _one(q, "SELECT count(*) / count(DISTINCT date_trunc('month', responded_at)) FROM customer_responses "
                   "WHERE touchpoint = ?", [touchpoint])


def test_story_c_web_self_service_gets_ten_times_the_answers_of_complaint_handling(q):
    assert _answers_a_month(q, "Web self-service") >= 10 * _answers_a_month(q, "Complaint handling")


def test_story_c_the_measurement_plan_says_the_same(q):
    planned = dict(q("SELECT touchpoint, sum(fixed_per_month + movable_per_month) FROM measurement_plan GROUP BY 1"))
    assert planned["Web self-service"] >= 10 * planned["Complaint handling"]


def test_story_c_answers_received_match_the_plan_roughly(q):
    planned = dict(q("SELECT touchpoint, sum(fixed_per_month + movable_per_month) FROM measurement_plan GROUP BY 1"))
    for touchpoint in ("Web self-service", "Complaint handling"):
        received = _answers_a_month(q, touchpoint) / 0.2  # the shared demo is built at scale 0.2
        assert received == pytest.approx(planned[touchpoint], rel=0.15)


def test_story_c_web_self_service_nps_barely_moves_from_month_to_month(q):
    sd = dict(q("SELECT touchpoint, stddev(nps) FROM (SELECT touchpoint, date_trunc('month', responded_at), "
                + NPS + " AS nps FROM customer_responses WHERE touchpoint IN ('Web self-service', "
                "'Complaint handling') GROUP BY ALL) GROUP BY 1"))
    assert sd["Web self-service"] < sd["Complaint handling"] / 2


def test_story_d_efficiency_and_ease_weigh_more_than_emotion_in_relationship_nps(q):
    x = np.array(q("SELECT efficiency, ease, emotion, nps FROM customer_responses WHERE level = 'relationship' "
                   "AND efficiency IS NOT NULL AND ease IS NOT NULL AND emotion IS NOT NULL"), float)
    z = (x - x.mean(axis=0)) / x.std(axis=0)
    coef = np.linalg.lstsq(np.column_stack([np.ones(len(z)), z[:, :3]]), z[:, 3], rcond=None)[0]
    efficiency, ease, emotion = coef[1:]
    assert min(efficiency, ease) > emotion + 0.1
