"""The reporting grid: survey rounds found in the dates, pools of at least the minimum, and the gate."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cx import linkage, queries
from cx.confidentiality import blocks, comments, gate, setting
from cx.confidentiality.rounds import Round, find_rounds, snap
from cx.filters import Filters
from cx.queries import Minimums

ROOT = Path(__file__).resolve().parent.parent


def days(*spans: tuple[date, int], per_day: int = 3) -> list[tuple[date, int]]:
    """(first day, number of days) spans into (day, answers) pairs."""
    return [(first + timedelta(days=i), per_day) for first, length in spans for i in range(length)]


# -- survey rounds --------------------------------------------------------------------------------

def test_a_pause_of_more_than_two_weeks_starts_a_new_round():
    found = find_rounds(days((date(2026, 2, 2), 10), (date(2026, 5, 4), 10)))
    assert [(r.first, r.last) for r in found] == [(date(2026, 2, 2), date(2026, 2, 11)),
                                                  (date(2026, 5, 4), date(2026, 5, 13))]


def test_a_reminder_within_two_weeks_stays_in_the_same_round():
    found = find_rounds([(date(2026, 2, 2), 20), (date(2026, 2, 16), 4)])
    assert len(found) == 1 and found[0].answers == 24


def test_a_survey_that_never_pauses_is_cut_at_calendar_quarters():
    found = find_rounds(days((date(2026, 1, 1), 181), per_day=1))
    assert [(r.first, r.last) for r in found] == [(date(2026, 1, 1), date(2026, 3, 31)),
                                                  (date(2026, 4, 1), date(2026, 6, 30))]


def test_a_rounds_middle_is_the_day_of_its_middle_answer():
    found = find_rounds([(date(2026, 2, 2), 1), (date(2026, 2, 3), 1), (date(2026, 2, 10), 5)])
    assert found[0].middle == date(2026, 2, 10)


def test_a_date_range_takes_the_rounds_whose_middle_it_holds_and_only_whole():
    spring = Round(date(2026, 3, 25), date(2026, 4, 10), date(2026, 4, 2), 40)
    summer = Round(date(2026, 8, 3), date(2026, 8, 14), date(2026, 8, 8), 40)
    assert snap((spring, summer), date(2026, 4, 1), date(2026, 8, 7)) == (spring,)
    assert snap((spring, summer), None, None) == (spring, summer)
    assert snap((spring, summer), date(2026, 4, 3), date(2026, 8, 7)) == ()


@given(st.lists(st.tuples(st.dates(date(2024, 1, 1), date(2026, 12, 31)), st.integers(1, 5)), max_size=40),
       st.dates(date(2024, 1, 1), date(2026, 12, 31)), st.dates(date(2024, 1, 1), date(2026, 12, 31)))
def test_nested_ranges_take_nested_sets_of_whole_rounds(answer_days, cut, end):
    rounds = find_rounds(answer_days)
    inner, outer = snap(rounds, max(cut, date(2024, 1, 1)), end), snap(rounds, date(2024, 1, 1), end)
    assert set(inner) <= set(outer)
    assert sum(r.answers for r in rounds) == sum(c for _, c in answer_days)


# -- pools ------------------------------------------------------------------------------------------

def pools_of(cells: list[tuple[int, str, str | None, int]], minimum: int = 5) -> dict[tuple, int]:
    result = blocks.partition([c[0] for c in cells], [c[1] for c in cells], [c[2] for c in cells],
                              [c[3] for c in cells], minimum)
    return {c[:3]: b for c, b in zip(cells, result.block, strict=True)}


def test_a_small_unit_is_pooled_with_the_next_smallest_units_until_the_pool_reaches_the_minimum():
    pools = pools_of([(0, "A", "x", 20), (0, "B", "x", 8), (0, "C", "x", 2), (0, "D", "x", 1)])
    assert pools[(0, "C", "x")] == pools[(0, "D", "x")] == pools[(0, "B", "x")] != pools[(0, "A", "x")]


def test_small_roles_are_pooled_inside_their_unit_with_the_next_smallest_role():
    pools = pools_of([(0, "A", "Staff", 12), (0, "A", "Sales", 6), (0, "A", "Lead", 2)])
    assert pools[(0, "A", "Lead")] == pools[(0, "A", "Sales")] != pools[(0, "A", "Staff")]


def test_a_round_with_fewer_answers_than_the_minimum_is_one_pool_that_is_never_shown():
    result = blocks.partition([0, 0], ["A", "B"], [None, None], [2, 1], 5)
    assert result.block[0] == result.block[1] and result.publishable == (False,)


grids = st.lists(st.tuples(st.integers(0, 2), st.sampled_from("ABCDE"), st.sampled_from(["x", "y", "z", None]),
                           st.integers(1, 12)), max_size=30, unique_by=lambda c: c[:3])


@settings(max_examples=100, deadline=None)
@given(grids, st.integers(1, 12))
def test_every_shown_pool_holds_at_least_the_minimum(cells, minimum):
    result = blocks.partition(*zip(*cells, strict=True), minimum) if cells else blocks.Pools((), (), ())
    for size, shown in zip(result.answers, result.publishable, strict=True):
        assert shown == (size >= minimum)


@settings(max_examples=100, deadline=None)
@given(grids, st.integers(1, 8), st.integers(0, 8))
def test_pools_for_a_higher_minimum_are_unions_of_pools_for_a_lower_one(cells, low, step):
    if not cells:
        return
    finer = blocks.partition(*zip(*cells, strict=True), low).block
    coarser = blocks.partition(*zip(*cells, strict=True), low + step).block
    for i in range(len(cells)):
        for j in range(len(cells)):
            if finer[i] == finer[j]:
                assert coarser[i] == coarser[j]


# -- the gate ----------------------------------------------------------------------------------------

def add_staff(ws, rows: list[tuple]) -> None:
    """(unit, role, day, enps, training) rows."""
    with ws.write() as cur:
        cur.executemany("INSERT INTO employee_responses (response_id, responded_at, unit, role, enps, training) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        [(f"r{i}", datetime.combine(d, datetime.min.time()), u, role, e, tr)
                         for i, (u, role, d, e, tr) in enumerate(rows)])


FEB, MAY = date(2026, 2, 3), date(2026, 5, 5)


def test_a_pool_with_too_few_answers_to_one_item_leaves_that_item_only(workspace):
    add_staff(workspace, [("A", "Staff", FEB, 8, 4 if i < 2 else None) for i in range(10)]
              + [("B", "Staff", FEB, 9, 3) for _ in range(8)])
    grid = gate.build(workspace.cursor(), 5)
    training = {r["unit"]: r for r in grid.figures("training", by=["unit"])}
    assert training["A"]["status"] == "suppressed" and training["B"]["n"] == 8
    total = grid.figures("training")[0]
    assert total["n"] == 8  # A's two training answers never count, even in the total
    assert grid.figures("enps")[0]["n"] == 18


def test_a_round_under_the_minimum_is_left_out_of_every_figure(workspace):
    add_staff(workspace, [("A", "Staff", FEB, 9, 4) for _ in range(12)] + [("A", "Staff", MAY, 0, 1)] * 3)
    grid = gate.build(workspace.cursor(), 5)
    overall = grid.figures("enps")[0]
    assert overall["n"] == 12 and overall["value"] == 100
    assert grid.figures("enps", rounds=grid.rounds[1:])[0]["status"] == "suppressed"


def test_a_group_with_no_answers_to_an_item_says_so_instead_of_hiding(workspace):
    add_staff(workspace, [("A", "Staff", FEB, 9, None) for _ in range(6)])
    assert gate.build(workspace.cursor(), 5).figures("training")[0] == {
        "n": 0, "value": None, "low": None, "high": None, "status": "none", "agg": None}


def test_employee_figures_on_the_customer_path_are_refused(workspace):
    add_staff(workspace, [("A", "Staff", FEB, 9, 4) for _ in range(6)])
    with pytest.raises(ValueError, match="confidentiality.gate"):
        queries.aggregate(workspace.cursor(), Filters(workspace="test"), ["enps"])


SQL_READ = re.compile(r"""(FROM|JOIN)\s+["']?employee_responses|ident\(\s*["']employee_responses""")


def test_nothing_but_the_gate_reads_employee_answers_in_sql():
    """The gate and the comments read the table by name; the customer path refuses employee metrics;
    only the owner's whole-workspace export and the import log reach it through the list of tables."""
    readers = {str(p.relative_to(ROOT)) for p in (ROOT / "cx").rglob("*.py")
               if SQL_READ.search(p.read_text(encoding="utf-8"))}
    assert readers == {"cx/confidentiality/gate.py", "cx/confidentiality/comments.py"}


def test_a_minimum_set_below_the_contracts_floor_counts_as_three(workspace):
    add_staff(workspace, [("A", "Staff", FEB, 9, 4)] * 3 + [("B", "Staff", FEB, 9, 4)] * 2)
    assert gate.build(workspace.cursor(), 1).minimum == setting.CONTRACT_FLOOR


def test_the_app_may_set_five_or_more_and_the_command_line_three_or_more():
    with pytest.raises(setting.MinimumRefused):
        setting.check(4, "app")
    assert setting.check(5, "app") is None
    assert setting.check(3, "cli") == "conf.setting.low_warning"
    with pytest.raises(setting.MinimumRefused):
        setting.check(2, "cli")


# -- comments ------------------------------------------------------------------------------------------

def add_comments(ws, unit: str, day: date, count: int, text: str = "Hyvä tiimi") -> None:
    with ws.write() as cur:
        cur.executemany("INSERT INTO employee_responses (response_id, responded_at, unit, enps, comment) "
                        "VALUES (?, ?, ?, 8, ?)",
                        [(f"{unit}{day}{i}", datetime.combine(day, datetime.min.time()), unit, f"{text} {i}")
                         for i in range(count)])


def test_comments_are_shown_for_a_group_of_ten_but_not_of_nine(workspace):
    for day, size in ((FEB, 10), (MAY, 9)):
        add_comments(workspace, "Unit", day, size)
        add_comments(workspace, "Other", day, 30)
    february, may = gate.survey_rounds(workspace.cursor())
    ten = comments.for_group(workspace.cursor(), ("Unit",), (february,), 5)
    assert ten.allowed and len(ten.texts) == 10
    assert not comments.for_group(workspace.cursor(), ("Unit",), (may,), 5).allowed


def test_a_higher_confidentiality_minimum_raises_the_comment_minimum_too(workspace):
    add_comments(workspace, "Big", FEB, 12)
    add_comments(workspace, "Other", FEB, 30)
    rounds = gate.survey_rounds(workspace.cursor())
    assert not comments.for_group(workspace.cursor(), ("Big",), rounds, 15).allowed


def test_two_periods_of_comments_never_differ_by_fewer_than_ten_answers(workspace):
    add_comments(workspace, "Big", FEB, 12, "spring")
    add_comments(workspace, "Big", MAY, 6, "summer")
    add_comments(workspace, "Other", FEB, 30)
    add_comments(workspace, "Other", MAY, 30)
    rounds = gate.survey_rounds(workspace.cursor())
    spring = comments.for_group(workspace.cursor(), ("Big",), rounds[:1], 5)
    both = comments.for_group(workspace.cursor(), ("Big",), rounds, 5)
    assert spring.allowed and not both.allowed  # both minus spring would be the six summer comments


# -- the same figures where groups are big enough -------------------------------------------------------

def test_the_demos_unit_figures_are_the_plain_figures_of_their_whole_rounds(demo_ws):
    f = Filters(workspace="demo", start=date(2025, 11, 1), end=date(2026, 10, 31))
    v = linkage.view(demo_ws.cursor(), f, "nps", "technology", 0, Minimums.of(demo_ws))
    plain = dict(demo_ws.cursor().execute(
        "SELECT unit, avg(technology) FROM employee_responses WHERE responded_at >= '2025-11-01' GROUP BY 1"
    ).fetchall())
    shown = v.employee[v.employee["metric"] == "technology"].set_index("unit")
    assert set(shown["status"]) == {"ok"}
    for unit, mean in plain.items():
        assert shown.loc[unit, "value"] == pytest.approx(mean)


def test_the_overview_enps_tile_is_the_plain_enps_of_the_latest_round(demo_ws):
    from cx import overview, stats

    f = Filters(workspace="demo", start=date(2026, 8, 1), end=date(2026, 10, 31))
    tile = next(t for t in overview.headline(demo_ws.cursor(), f, Minimums.of(demo_ws)) if t["metric"] == "enps")
    p, d, n = demo_ws.cursor().execute("SELECT count_if(enps >= 9), count_if(enps <= 6), count(enps) FROM "
                                       "employee_responses WHERE responded_at >= '2026-08-01'").fetchone()
    assert tile["row"]["n"] == n and tile["row"]["value"] == pytest.approx(stats.nps(p, d, n).value)
    assert tile["row"]["change"] is not None  # against the May round
