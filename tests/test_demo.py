"""The demo workspace is deterministic, within contract ranges, and holds its four stories."""
from __future__ import annotations

import hashlib

import numpy as np
import pytest

from cx import demo, schema, stats, store


def _digest(ws) -> str:
    cur = ws.cursor()
    h = hashlib.sha256()
    for table in schema.DATA_TABLES:
        rows = cur.execute("SELECT * FROM " + '"' + table.name + '"' + " ORDER BY ALL").fetchall()
        h.update(repr(rows).encode())
    return h.hexdigest()


@pytest.fixture
def q(demo_ws):
    cur = demo_ws.cursor()
    return lambda sql, params=(): cur.execute(sql, list(params)).fetchall()


def test_the_same_arguments_give_the_same_data():
    first = _digest(demo.build_demo("a", months=6, scale=0.1))
    second = _digest(demo.build_demo("b", months=6, scale=0.1))
    assert first == second


def test_scale_sets_the_volume():
    ws = demo.build_demo("small", months=12, scale=0.1)
    expected = demo.expected_customer_answers(12, 0.1)
    assert abs(ws.counts()["customer_responses"] - expected) < 0.1 * expected


def test_default_volume_is_about_fifty_thousand_answers():
    assert 45_000 <= demo.expected_customer_answers() <= 55_000


def test_every_table_has_rows(demo_ws):
    assert all(count > 0 for count in demo_ws.counts().values())


def test_no_answer_is_in_the_future_or_before_1990(q):
    first, last = q("SELECT min(responded_at), max(responded_at) FROM customer_responses")[0]
    assert first.year >= 1990 and last.date() <= demo.DEMO_END


@pytest.mark.parametrize("column,low,high", [("nps", 0, 10), ("ces", 1, 7), ("csat", 1, 5),
                                              ("efficiency", 1, 5), ("ease", 1, 5), ("emotion", 1, 5)])
def test_customer_scores_stay_in_contract_ranges(q, column, low, high):
    lo, hi = q("SELECT min(" + column + "), max(" + column + ") FROM customer_responses")[0]
    assert low <= lo and hi <= high


def test_every_transaction_answer_has_a_touchpoint(q):
    assert q("SELECT count(*) FROM customer_responses WHERE level = 'transaction' AND touchpoint IS NULL")[0][0] == 0


def test_response_ids_are_unique(q):
    assert q("SELECT count(*) - count(DISTINCT response_id) FROM customer_responses")[0][0] == 0


def _nps(q, where: str, params=()) -> tuple[float, int]:
    p, d, n = q("SELECT count_if(nps >= 9), count_if(nps <= 6), count(nps) FROM customer_responses WHERE "
                + where, params)[0]
    return 100 * (p - d) / n, n


def test_story_a_complaint_handling_in_tampere_drops_in_the_last_three_months(q):
    dip, _ = _nps(q, "touchpoint = ? AND unit = ? AND responded_at >= DATE '2026-08-01'",
                  (demo.DIP_TOUCHPOINT, demo.DIP_UNIT))
    before, _ = _nps(q, "touchpoint = ? AND unit = ? AND responded_at < DATE '2026-08-01'",
                     (demo.DIP_TOUCHPOINT, demo.DIP_UNIT))
    assert dip <= before - 25


def test_story_b_units_with_weak_technology_have_lower_customer_nps(q):
    tech = dict(q("SELECT unit, avg(technology) FROM employee_responses GROUP BY 1"))
    nps = {unit: _nps(q, "unit = ?", (unit,))[0] for unit in tech}
    units = sorted(tech)
    r = stats.pearson([tech[u] for u in units], [nps[u] for u in units]).r
    assert r > 0.5


def test_story_c_web_self_service_is_measured_ten_times_more_than_complaint_handling(q):
    counts = dict(q("SELECT touchpoint, count(*) FROM customer_responses GROUP BY 1"))
    assert counts["Web self-service"] >= 8 * counts[demo.DIP_TOUCHPOINT]


def test_story_d_efficiency_and_ease_drive_relationship_nps_more_than_emotion(q):
    X = np.array(q("SELECT efficiency, ease, emotion, nps FROM customer_responses "
                   "WHERE level = 'relationship' AND efficiency IS NOT NULL AND ease IS NOT NULL "
                   "AND emotion IS NOT NULL AND nps IS NOT NULL"), float)
    z = (X - X.mean(0)) / X.std(0)
    coef, *_ = np.linalg.lstsq(np.column_stack([np.ones(len(z)), z[:, :3]]), z[:, 3], rcond=None)
    efficiency, ease, emotion = coef[1:]
    assert efficiency > emotion and ease > emotion


def test_a_small_employee_group_exists_for_confidentiality(q):
    smallest = q("SELECT min(n) FROM (SELECT unit, role, date_trunc('quarter', responded_at), count(*) AS n "
                 "FROM employee_responses GROUP BY ALL)")[0][0]
    assert smallest < 5


def test_rebuilding_with_replace_gives_the_same_workspace():
    demo.build_demo("again", months=3, scale=0.1)
    count = store.open_workspace("again").counts()["customer_responses"]
    store.close_workspace("again")
    demo.build_demo("again", months=3, scale=0.1, replace=True)
    assert store.open_workspace("again").counts()["customer_responses"] == count
