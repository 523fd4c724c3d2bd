"""Where an import lands: the view that shows it, and what to say there (cx/landing.py)."""
from __future__ import annotations

import io
from datetime import date

import openpyxl

from cx import landing
from cx.importer import import_file

TWO_TOUCHPOINTS = (b"Date,Touchpoint,Unit,NPS,CES\n2026-03-02 09:00:00,Web shop,Oulu,9,6\n"
                   b"2026-03-05 09:00:00,Store,Oulu,3,\n2026-03-09 09:00:00,Web shop,Oulu,10,7\n")


def _load(ws, data: bytes, **kw):
    return import_file(ws, data, "answers.csv", **kw)


def test_one_touchpoint_opens_drilled_to_it_for_the_days_of_its_answers(workspace):
    result = _load(workspace, b"Date,Touchpoint,NPS\n2026-03-02 09:00:00,Web shop,9\n2026-03-04 18:00:00,Web shop,7\n")
    found = landing.landing(workspace.cursor(), "customer_responses", result.import_id, 30)
    assert found.page == "journey"
    assert (found.first, found.last, found.touchpoint, found.unit) == (date(2026, 3, 2), date(2026, 3, 4), "Web shop",
                                                                       None)
    assert found.query_params() == {"period": "custom", "dates": ["2026-03-02", "2026-03-04"], "tp": "Web shop"}


def test_several_touchpoints_open_the_whole_map_and_one_unit_filters_to_it(workspace):
    result = _load(workspace, TWO_TOUCHPOINTS)
    found = landing.landing(workspace.cursor(), "customer_responses", result.import_id, 30)
    assert found.touchpoints == ("Store", "Web shop")
    assert "tp" not in found.query_params()
    assert found.query_params()["unit"] == "Oulu"


def test_the_largest_figure_counts_the_periods_answers_at_the_touchpoint_per_metric(workspace):
    _load(workspace, b"Date,Touchpoint,Unit,NPS\n2026-03-03 09:00:00,Web shop,Oulu,8\n"
                     b"2026-03-04 09:00:00,Web shop,Turku,8\n2026-04-20 09:00:00,Web shop,Oulu,8\n")
    result = _load(workspace, TWO_TOUCHPOINTS)
    found = landing.landing(workspace.cursor(), "customer_responses", result.import_id, 3)
    # Web shop in Oulu, 2 to 9 March: NPS from this import (2) and the earlier one (3 March); Turku is
    # filtered out, 20 April is outside the dates.
    assert found.largest_n == 3
    assert not found.all_below_minimum
    assert landing.landing(workspace.cursor(), "customer_responses", result.import_id, 4).all_below_minimum


def test_relationship_answers_are_counted_apart_from_the_touchpoints(workspace):
    result = _load(workspace, b"Date,NPS\n2026-03-02 09:00:00,9\n2026-03-03 09:00:00,2\n",
                   constants={"level": "relationship"})
    found = landing.landing(workspace.cursor(), "customer_responses", result.import_id, 30)
    assert (found.touchpoints, found.largest_n) == ((), 2)
    assert "tp" not in found.query_params()


def test_staff_answers_land_on_customers_vs_employees_with_no_group_size_told_below_the_minimum(workspace):
    result = _load(workspace, b"Date,Unit,eNPS\n2026-03-02,Oulu,9\n2026-03-02,Oulu,4\n2026-03-03,Turku,8\n",
                   kind="employee_responses")
    found = landing.landing(workspace.cursor(), "employee_responses", result.import_id, 5)
    # the gate shows no group of 2 or 1, so the landing says only that every figure is hidden
    assert (found.page, found.largest_n, found.all_below_minimum) == ("linkage", 0, True)


def test_staff_answers_count_the_largest_group_the_gate_shows(workspace):
    rows = "".join(f"2026-03-02,Oulu,{k % 11}\n" for k in range(6)) + "".join(f"2026-03-03,Turku,{k}\n" for k in range(5))
    result = _load(workspace, ("Date,Unit,eNPS\n" + rows).encode(), kind="employee_responses")
    found = landing.landing(workspace.cursor(), "employee_responses", result.import_id, 5)
    assert (found.largest_n, found.all_below_minimum) == (6, False)


def test_touchpoints_on_no_stage_are_named_and_those_on_the_map_are_not(workspace):
    with workspace.write() as cur:
        cur.execute("INSERT INTO touchpoints (touchpoint, stage, stage_order) VALUES ('Store', 'Offer and purchase', 3)")
    result = _load(workspace, TWO_TOUCHPOINTS)
    assert landing.landing(workspace.cursor(), "customer_responses", result.import_id, 30).unstaged == ("Web shop",)


def test_the_journey_map_template_is_one_visible_sheet_with_the_names_as_text_and_a_stage_list():
    book = openpyxl.load_workbook(io.BytesIO(landing.journey_map_template(["Web shop", "=HYPERLINK(1)"])))
    assert [s.title for s in book.worksheets if s.sheet_state == "visible"] == ["touchpoints"]
    sheet = book["touchpoints"]
    assert [c.value for c in sheet[1]][:2] == ["touchpoint", "stage"]
    assert [sheet.cell(2, 1).value, sheet.cell(3, 1).value] == ["Web shop", "=HYPERLINK(1)"]
    assert sheet.cell(3, 1).data_type == "s"
    assert [r[0] for r in book["stages"].iter_rows(values_only=True)] == list(landing.DEFAULT_STAGES)
    assert sheet.data_validations.dataValidation[0].formula1 == "=stages!$A$1:$A$7"


def test_the_stages_to_place_a_touchpoint_on_are_the_workspaces_own_first_then_the_default_journey(workspace):
    with workspace.write() as cur:
        cur.execute("INSERT INTO touchpoints (touchpoint, stage, stage_order) VALUES ('Kiosk', 'Visit', 2), "
                    "('Store', 'Onboarding', 4)")
    stages = landing.stages_of(workspace.cursor())
    assert stages[:2] == ["Visit", "Onboarding"]
    assert stages[2:] == [s for s in landing.DEFAULT_STAGES if s != "Onboarding"]
