"""Units compared like with like, and pain points scaled to the unit's own customers (issue 13, point 3).

Two units serve customers equally well at each touchpoint, but one handles four times as
many complaints. Counted answer by answer it looks 48 points worse; at the company's
touchpoint mix the two are the same.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from cx import journey, queries
from cx.filters import Filters
from cx.queries import Minimums

LOW = Minimums(min_n=5, confidentiality=5)
SHOP_10 = [10] * 5 + [8] * 4 + [3]  # NPS +40
COMPLAINTS_10 = [10] + [8] * 4 + [2] * 5  # NPS -40
VOLUMES = {"Shop": 4000, "Complaints desk": 1000}  # company-wide weights 0.8 and 0.2


@pytest.fixture
def units(workspace):
    answers = {("North", "Shop"): SHOP_10 * 4, ("North", "Complaints desk"): COMPLAINTS_10,
               ("South", "Shop"): SHOP_10, ("South", "Complaints desk"): COMPLAINTS_10 * 4}
    rows = [(f"{unit}-{tp}-{i}", datetime(2026, 3, 1 + i % 28), unit, tp, score)
            for (unit, tp), scores in answers.items() for i, score in enumerate(scores)]
    with workspace.write() as cur:
        cur.executemany("INSERT INTO touchpoints (touchpoint, stage, stage_order, volume) VALUES (?, ?, ?, ?)",
                        [(tp, tp, i + 1, v) for i, (tp, v) in enumerate(VOLUMES.items())])
        cur.executemany("INSERT INTO customer_responses (response_id, responded_at, unit, touchpoint, nps, level, "
                        "method) VALUES (?, ?, ?, ?, ?, 'transaction', 'survey')", rows)
    return workspace


def _by_unit(table):
    return {r["unit"]: r for r in table.to_dict("records")}


def test_answer_by_answer_the_unit_with_more_complaints_looks_worse(units):
    plain = _by_unit(queries.metric_table(units.cursor(), Filters(workspace="test"), "nps", ["unit"], LOW))
    assert plain["North"]["value"] == pytest.approx(24.0) and plain["South"]["value"] == pytest.approx(-24.0)


def test_at_the_company_touchpoint_mix_units_that_serve_alike_score_alike(units):
    view = journey.units_compared(units.cursor(), Filters(workspace="test"), "nps", "previous", LOW)
    rows = _by_unit(view.table)
    # 0.8 x 40 + 0.2 x -40 = 24 for both
    assert rows["North"]["value"] == pytest.approx(24.0) and rows["South"]["value"] == pytest.approx(24.0)
    assert rows["North"]["weighted"] and rows["South"]["weighted"]


def test_unit_comparison_names_touchpoints_a_unit_has_no_answers_at(units):
    with units.write() as cur:
        cur.execute("INSERT INTO touchpoints (touchpoint, stage, stage_order, volume) VALUES ('Chat', 'Chat', 3, 500)")
    rows = _by_unit(journey.units_compared(units.cursor(), Filters(workspace="test"), "nps", "previous", LOW).table)
    assert rows["North"]["no_answers"] == ("Chat",)


def test_pain_points_under_a_unit_filter_scale_the_volume_by_the_units_share_of_answers(units):
    table = journey.pain_points(units.cursor(), Filters(workspace="test", unit=("North",)), LOW)
    desk = table[table["touchpoint"] == "Complaints desk"].iloc[0]
    # North has 10 of the desk's 50 answers: 1000 x 0.2 = 200 contacts a month, half of them detractors
    assert desk["volume_share"] == pytest.approx(0.2)
    assert desk["volume"] == pytest.approx(200.0)
    assert desk["unhappy"] == pytest.approx(100.0)


def test_pain_points_without_a_narrowing_filter_use_the_whole_volume(units):
    table = journey.pain_points(units.cursor(), Filters(workspace="test"), LOW)
    desk = table[table["touchpoint"] == "Complaints desk"].iloc[0]
    assert desk["volume"] == pytest.approx(1000.0) and desk["volume_share"] == 1.0
