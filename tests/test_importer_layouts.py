"""Messy layouts end to end: each real export shape loads what it should and says what it decided;
files that cannot be read are rejected whole and leave the workspace exactly as it was."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from cx import importer
from cx.imports import write as write_step
from cx.profiles import ImportProfile
from cx.readers import FileRejected

FILES = Path(__file__).parent / "files"
OURS = FILES / "import"
SEED = b"Date,Touchpoint,NPS\n2026-01-05,Web shop,9\n2026-01-06,Store,3\n"
TABLES = ("customer_responses", "employee_responses", "touchpoints", "measurement_plan", "outcomes", "imports",
          "cx_profiles", "cx_settings")


def load(workspace, name: str, profile: dict | None = None, **kw) -> importer.ImportResult:
    return importer.import_file(workspace, (OURS / name).read_bytes(), name,
                                profile=ImportProfile.from_dict(profile) if profile else None, **kw)


def rows(workspace, sql: str) -> list[tuple]:
    return workspace.cursor().execute(sql).fetchall()


def reasons(result) -> dict[int, str]:
    return dict(result.rejections)


def everything(ws) -> dict:
    """The whole content of the workspace, for before/after comparisons."""
    cur = ws.cursor()
    return {t: cur.execute("SELECT * FROM " + t + " ORDER BY ALL").fetchall() for t in TABLES}


# -- layouts ----------------------------------------------------------------------------------------

def test_workbook_with_a_title_row_is_read_from_its_answers_sheet(workspace):
    result = load(workspace, "title_two_sheets.xlsx")
    assert (result.decisions["sheet"], result.decisions["header_row"]) == ("Vastaukset", 3)
    assert (result.rows_read, result.rows_loaded) == (6, 5)
    assert reasons(result) == {5: "NPS must be a whole number 0–10, got 11"}
    assert rows(workspace, "SELECT responded_at, touchpoint, nps, fcr FROM customer_responses ORDER BY responded_at "
                           "LIMIT 1") == [(dt.datetime(2026, 3, 2, 9, 10), "Verkkokauppa", 9, True)]


def test_semicolons_decimal_commas_and_a_byte_order_mark_are_detected(workspace):
    result = load(workspace, "semicolon_comma_bom.csv")
    assert (result.decisions["delimiter"], result.decisions["decimal"]) == (";", ",")
    assert result.decisions["encoding"] == "utf-8-sig"
    assert reasons(result) == {4: "CES must be a whole number 1–7, got 8",
                               5: "CSAT must be a whole number 1–5, got 4,5"}
    assert rows(workspace, "SELECT response_id, csat, comment FROM customer_responses WHERE response_id = '101'") == [
        ("101", 4, "Selkeä lasku; kiitos")]


def test_windows_1252_text_keeps_its_letters(workspace):
    result = load(workspace, "cp1252_fi.csv")
    assert result.decisions["encoding"] == "cp1252" and result.rows_loaded == 3
    assert {r[0] for r in rows(workspace, "SELECT unit FROM customer_responses")} == {"Mäntsälä", "Hämeenlinna",
                                                                                     "Jyväskylä"}


def test_utf16_qualtrics_export_skips_its_header_rows_and_excludes_the_preview(workspace):
    profile = {"kind": "customer_responses", "constants": {"touchpoint": "Web shop"}, "exclude": {"Status": ["1"]}}
    result = load(workspace, "qualtrics_utf16.tsv", profile)
    assert result.decisions["encoding"].startswith("utf-16") and result.decisions["skip_rows"] == 2
    assert result.mapping == {"RecordedDate": "responded_at", "ResponseId": "response_id", "Q1": "nps",
                              "Q2": "comment"}
    assert (result.rows_read, result.rows_skipped, result.rows_loaded) == (4, 1, 2)
    assert list(reasons(result)) == [4]  # answered nothing
    assert sorted(r[0] for r in rows(workspace, "SELECT response_id FROM customer_responses")) == ["R_2bXk1",
                                                                                                  "R_3cYl2"]


def test_choice_text_export_is_translated_by_the_profiles_values(workspace):
    profile = {"kind": "customer_responses", "constants": {"touchpoint": "Web shop"},
               "exclude": {"Status": ["Survey Preview"]},
               "values": {"nps": {"10 - Extremely likely": 10, "0 - Not at all likely": 0}, "*": {"Don't know": None}}}
    result = load(workspace, "qualtrics_choice_text.csv", profile)
    assert result.rows_skipped == 1
    assert reasons(result)[5].startswith("has no score")  # "Don't know" means not answered
    assert sorted(rows(workspace, "SELECT response_id, nps FROM customer_responses")) == [
        ("R_a1", 10), ("R_a2", 0), ("R_a3", 7)]


def test_wide_file_with_codes_for_touchpoints_and_a_not_applicable_code(workspace):
    profile = {"kind": "customer_responses", "columns": {"ResponseId": "response_id", "RecordedDate": "responded_at",
                                                         "Unit": "unit"},
               "wide": {"value_columns": {"Q3_1": "Web shop", "Q3_2": "Customer service", "Q3_3": "Store"},
                        "into": "touchpoint", "metric": "csat", "missing_values": [6]}}
    result = load(workspace, "wide_codes.csv", profile)
    assert reasons(result) == {4: "Q3_2: CSAT must be a whole number 1–5, got 9"}
    assert result.rows_skipped == 1  # R3 answered N/A everywhere
    got = rows(workspace, "SELECT response_id, touchpoint, csat FROM customer_responses ORDER BY 1")
    assert got == [("R1/Customer service", "Customer service", 4), ("R1/Web shop", "Web shop", 5),
                   ("R2/Web shop", "Web shop", 3), ("R5/Customer service", "Customer service", 5),
                   ("R5/Store", "Store", 4), ("R5/Web shop", "Web shop", 2)]


def test_the_same_wide_file_can_bring_a_relationship_nps_with_a_second_profile(workspace):
    profile = {"kind": "customer_responses", "columns": {"ResponseId": "response_id", "RecordedDate": "responded_at",
                                                         "Q4": "nps"}, "constants": {"level": "relationship"}}
    result = load(workspace, "wide_codes.csv", profile)
    assert result.rows_loaded == 5
    assert rows(workspace, "SELECT DISTINCT level FROM customer_responses") == [("relationship",)]


def test_finnish_employee_survey_maps_itself(workspace):
    result = load(workspace, "employee_fi.csv")
    assert result.kind == "employee_responses" and len(result.mapping) == 12
    assert reasons(result) == {4: "Unit is missing", 5: "Wellbeing must be a whole number 1–5, got 6"}


def test_a_journey_map_fills_the_stages_of_answers_loaded_before_it(workspace):
    importer.import_file(workspace, SEED, "seed.csv")
    result = load(workspace, "touchpoints.csv")
    assert result.kind == "touchpoints" and result.rows_loaded == 4
    assert dict(rows(workspace, "SELECT touchpoint, stage FROM customer_responses")) == {"Web shop": "Purchase",
                                                                                       "Store": "Purchase"}


def test_answers_loaded_after_the_journey_map_get_their_stage(workspace):
    load(workspace, "touchpoints.csv")
    importer.import_file(workspace, SEED, "seed.csv")
    assert {r[0] for r in rows(workspace, "SELECT stage FROM customer_responses")} == {"Purchase"}


def test_outcomes_with_decimal_commas_and_year_month(workspace):
    result = load(workspace, "outcomes_fi.csv")
    assert result.kind == "outcomes" and result.rows_loaded == 3
    assert reasons(result) == {4: "Customers must be a whole number from 0 to 2147483647, got -5"}
    assert rows(workspace, "SELECT month, revenue FROM outcomes WHERE unit = 'Helsinki' ORDER BY 1 LIMIT 1") == [
        (dt.date(2026, 1, 1), 1250000.5)]


def test_measurement_plan_accepts_spelled_out_methods(workspace):
    result = load(workspace, "measurement_plan.csv")
    assert result.rows_loaded == 3
    assert {r[0] for r in rows(workspace, "SELECT method FROM measurement_plan")} == {
        "survey", "mystery_shopping", "interview"}


def test_us_dates_with_a_day_above_12_are_read_month_first(workspace):
    profile = {"kind": "customer_responses", "constants": {"touchpoint": "Web shop"},
               "columns": {"Timestamp": "responded_at", "How likely are you to recommend us?": "nps",
                           "Comments": "comment"}}
    result = load(workspace, "google_forms_us.csv", profile)
    assert result.decisions["date_format"] == "%m/%d/%Y %H:%M:%S"
    assert rows(workspace, "SELECT min(responded_at) FROM customer_responses") == [(dt.datetime(2026, 9, 8, 14, 28, 27),)]


def test_us_dates_that_could_be_either_way_reject_the_file_asking_for_the_format(workspace):
    before = everything(workspace)
    profile = {"kind": "customer_responses", "constants": {"touchpoint": "Web shop"},
               "columns": {"Timestamp": "responded_at", "How likely are you to recommend us?": "nps"}}
    with pytest.raises(FileRejected, match="set the date format"):
        load(workspace, "google_forms_ambiguous.csv", profile)
    after = everything(workspace)
    assert after["imports"][0][7] == "rejected"
    assert {k: v for k, v in after.items() if k != "imports"} == {k: v for k, v in before.items() if k != "imports"}


# -- files that cannot be read -----------------------------------------------------------------------

def zip_bomb() -> bytes:
    """A tiny .xlsx that would inflate to hundreds of megabytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b"<worksheet>")
            for _ in range(300):
                sheet.write(b" " * (1024 * 1024))
            sheet.write(b"</worksheet>")
    return buffer.getvalue()


HOSTILE = {
    "garbage bytes": lambda: (FILES / "garbage.csv").read_bytes(),
    "an encrypted workbook": lambda: (FILES / "encrypted.xlsx").read_bytes(),
    "a zip bomb": zip_bomb,
    "a cell far away": lambda: (FILES / "far_cell.xlsx").read_bytes(),
    "an empty file": lambda: b"",
    "a header without rows": lambda: b"Date,Touchpoint,NPS\n",
    "a PDF": lambda: b"%PDF-1.7\n" + bytes(range(256)) * 8,
}


@pytest.mark.parametrize("what", list(HOSTILE))
def test_an_unreadable_file_is_rejected_whole_and_the_workspace_is_unchanged(workspace, what):
    importer.import_file(workspace, SEED, "seed.csv")
    before = everything(workspace)
    name = "upload.xlsx" if "workbook" in what or "zip" in what or "cell" in what else "upload.csv"
    with pytest.raises(FileRejected) as caught:
        importer.import_file(workspace, HOSTILE[what](), name)
    sentence = str(caught.value)
    assert sentence and "\n" not in sentence and "Traceback" not in sentence
    after = everything(workspace)
    assert after["imports"][:-1] == before["imports"] and after["imports"][-1][7] == "rejected"
    assert {k: v for k, v in after.items() if k != "imports"} == {k: v for k, v in before.items() if k != "imports"}


def test_a_file_over_the_upload_limit_is_refused_before_reading(workspace):
    workspace.set_setting("max_upload_mb", 0.001)
    with pytest.raises(FileRejected, match="larger than the upload limit of 0.001 MB") as caught:
        importer.import_file(workspace, SEED * 100, "big.csv")
    assert caught.value.code == "too_large"


def test_a_journey_map_of_hundreds_of_touchpoints_fills_stages_as_well(workspace, monkeypatch):
    monkeypatch.setattr(write_step, "JOURNEY_LOOKUP_LIMIT", 2)  # a join instead of the list lookup
    load(workspace, "touchpoints.csv")
    importer.import_file(workspace, SEED, "seed.csv")
    assert {r[0] for r in rows(workspace, "SELECT stage FROM customer_responses")} == {"Purchase"}


def test_a_large_file_is_stored_in_its_own_order_with_its_stages(workspace):
    load(workspace, "touchpoints.csv")
    lines = ["Response ID,Date,Touchpoint,NPS"] + [f"R{i:06d},2026-02-{1 + i % 27:02d},{('Web shop', 'Other')[i % 2]},"
                                                    f"{i % 11}" for i in range(300_000)]
    workspace.set_setting("max_upload_mb", 1000)
    importer.import_file(workspace, ("\n".join(lines) + "\n").encode(), "big.csv")
    stored = rows(workspace, "SELECT response_id, stage FROM customer_responses")  # physical order, no ORDER BY
    assert [r[0] for r in stored] == [f"R{i:06d}" for i in range(300_000)]
    assert {r[1] for r in stored[0::2]} == {"Purchase"} and {r[1] for r in stored[1::2]} == {None}
