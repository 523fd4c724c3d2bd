"""Imports: what lands, what is logged, duplicates never merged, preview writes nothing, undo.

Row rules are specified in test_validate.py, layouts in test_importer_layouts.py.
"""
from __future__ import annotations

import json

import pytest

from cx import importer
from cx.importer import DuplicateFile
from cx.profiles import ImportProfile
from cx.readers import FileRejected
from cx.store import WorkspaceError


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


GOOD = csv("Date,Touchpoint,Unit,NPS,CES,FCR,Comment",
           "2026-03-02 09:10:00,Web shop,Helsinki,9,6,yes,Quick",
           "2026-03-02 10:20:00,Customer service,Tampere,6,3,no,Long queue",
           "2026-03-03 11:30:00,Web shop,Helsinki,10,,1,")


def reasons(result) -> dict[int, str]:
    return dict(result.rejections)


def count(ws, table: str = "customer_responses") -> int:
    return ws.cursor().execute("SELECT count(*) FROM " + table).fetchone()[0]


# -- what lands ----------------------------------------------------------------------------------

def test_a_clean_file_loads_every_row(workspace):
    result = importer.import_file(workspace, GOOD, "good.csv")
    assert (result.status, result.rows_read, result.rows_loaded, result.rows_rejected) == ("loaded", 3, 3, 0)
    assert count(workspace) == 3


def test_values_arrive_typed_with_defaults_and_the_import_id(workspace):
    result = importer.import_file(workspace, GOOD, "good.csv")
    row = workspace.cursor().execute("SELECT nps, ces, fcr, level, method, unit, import_id FROM customer_responses "
                                     "WHERE comment = 'Quick'").fetchone()
    assert row == (9, 6, True, "transaction", "survey", "Helsinki", result.import_id)


def test_invalid_rows_are_reported_and_the_valid_rows_load(workspace):
    data = csv("Date,Touchpoint,NPS", *[f"2026-03-02,Web shop,{i % 11}" for i in range(50)], "2026-03-02,Web shop,11")
    result = importer.import_file(workspace, data, "x.csv")
    assert reasons(result) == {51: "NPS must be a whole number 0–10, got 11"}
    assert (result.rows_loaded, count(workspace)) == (50, 50)


def test_the_table_is_guessed_from_the_columns(workspace):
    data = csv("Date,Unit,eNPS,Wellbeing", "2026-02-10,Helsinki,9,4")
    assert importer.import_file(workspace, data, "staff.csv").kind == "employee_responses"
    assert count(workspace, "employee_responses") == 1


def test_a_journey_map_is_recognised_by_its_columns(workspace):
    data = csv("Touchpoint,Stage", "Web shop,Purchase")
    assert importer.import_file(workspace, data, "map.csv").kind == "touchpoints"


def test_a_given_kind_overrides_the_guess(workspace):
    data = csv("Touchpoint,Unit", "Web shop,North")
    assert importer.import_file(workspace, data, "plan.csv", kind="measurement_plan").kind == "measurement_plan"


def test_the_result_says_what_was_decided_and_how_columns_were_recognised(workspace):
    result = importer.import_file(workspace, csv("Pvm;Kosketuspiste;Suositteluhalukkuus",
                                                 "2.3.2026;Verkkokauppa;9"), "fi.csv")
    assert result.mapping == {"Pvm": "responded_at", "Kosketuspiste": "touchpoint", "Suositteluhalukkuus": "nps"}
    assert "Column 'Suositteluhalukkuus' is read as nps (a known name for it)." in result.decisions["notes"]
    assert (result.decisions["delimiter"], result.decisions["date_format"]) == (";", "%d.%m.%Y")


def test_the_recorded_date_is_preferred_over_the_start_date(workspace):
    result = importer.import_file(workspace, csv("StartDate,RecordedDate,Touchpoint,NPS",
                                                 "2026-03-01,2026-03-02,Web,9"), "q.csv")
    assert result.mapping["RecordedDate"] == "responded_at"
    assert "'StartDate' also looks like responded_at; 'RecordedDate' is used." in result.decisions["notes"]


def test_the_exact_contract_name_wins_and_the_other_header_is_reported_as_ignored(workspace):
    result = importer.import_file(workspace, csv("Date,Touchpoint,Likelihood to recommend,nps",
                                                 "2026-03-02,Web,3,9"), "x.csv")
    assert result.mapping["nps"] == "nps" and "Likelihood to recommend" not in result.mapping
    assert "'Likelihood to recommend' also looks like nps; 'nps' is used." in result.decisions["notes"]
    assert workspace.cursor().execute("SELECT nps FROM customer_responses").fetchone() == (9,)


def test_question_text_in_a_second_header_row_maps_a_coded_column(workspace):
    data = csv("RecordedDate,Q1,Q7", "Recorded Date,How likely are you to recommend us?,Which touchpoint?",
               "2026-03-02 10:00:00,9,Web shop")
    profile = ImportProfile.from_dict({"kind": "customer_responses", "skip_rows": 1,
                                       "constants": {"level": "relationship"}})
    result = importer.import_file(workspace, data, "q.csv", profile=profile)
    assert result.mapping == {"RecordedDate": "responded_at", "Q1": "nps"}


def test_progress_is_reported_from_start_to_finish(workspace):
    seen = []
    importer.import_file(workspace, GOOD, "good.csv", progress=lambda f, text: seen.append((f, text)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(seen) >= 3


def test_the_json_summary_has_the_contract_fields(workspace):
    body = json.loads(importer.import_file(workspace, csv("Date,Touchpoint,NPS", "2026-03-02,Web,12"),
                                           "x.csv").to_json())
    assert {"import_id", "kind", "rows_read", "rows_loaded", "rows_rejected", "rows_skipped", "rejections"} <= set(body)
    assert body["rejections"] == [{"line": 1, "reason": "NPS must be a whole number 0–10, got 12"}]


# -- whole-file refusals ------------------------------------------------------------------------------

def test_a_file_with_no_usable_column_is_rejected_with_a_sentence(workspace):
    with pytest.raises(FileRejected, match="No column of the file"):
        importer.import_file(workspace, csv("Foo,Bar", "1,2"), "x.csv")


def test_customer_answers_without_any_touchpoint_are_refused_with_what_to_do(workspace):
    with pytest.raises(FileRejected, match="no touchpoint column") as caught:
        importer.import_file(workspace, csv("Date,NPS", "2026-03-02,9"), "x.csv")
    assert caught.value.code == "no_touchpoint"


def test_duplicate_header_names_that_would_be_mapped_reject_the_file_naming_them(workspace):
    with pytest.raises(FileRejected, match="The column name 'NPS' appears twice"):
        importer.import_file(workspace, csv("Date,Touchpoint,NPS,NPS", "2026-01-02,Web,9,8"), "x.csv")


def test_duplicate_header_names_that_are_not_used_do_not_matter(workspace):
    result = importer.import_file(workspace, csv("Date,Touchpoint,NPS,Note,Note", "2026-01-02,Web,9,a,b"), "x.csv")
    assert result.rows_loaded == 1


def test_a_profile_naming_a_column_the_file_lacks_rejects_the_file(workspace):
    profile = ImportProfile.from_dict({"kind": "customer_responses", "columns": {"Vastauspäivä": "responded_at"}})
    with pytest.raises(FileRejected, match="'Vastauspäivä', which is not in the file"):
        importer.import_file(workspace, GOOD, "good.csv", profile=profile)


def test_a_file_whose_rows_all_fail_is_logged_as_rejected(workspace):
    result = importer.import_file(workspace, csv("Date,Touchpoint,NPS", "2026-03-02,Web,11"), "x.csv")
    assert (result.status, result.rows_loaded, result.rows_rejected) == ("rejected", 0, 1)
    assert workspace.cursor().execute("SELECT status FROM imports").fetchone() == ("rejected",)


def test_an_unreadable_file_is_logged_as_rejected_and_nothing_else_changes(workspace):
    with pytest.raises(FileRejected):
        importer.import_file(workspace, b"\x00\x01\x02\x03" * 64, "garbage.csv")
    assert workspace.cursor().execute("SELECT file_name, status, rows_loaded FROM imports").fetchall() == [
        ("garbage.csv", "rejected", 0)]
    assert count(workspace) == 0


# -- duplicates ---------------------------------------------------------------------------------------

def test_answers_already_in_the_workspace_are_skipped_and_reported_naming_the_import(workspace):
    first = importer.import_file(workspace, csv("Response ID,Date,Touchpoint,NPS", "R1,2026-01-02,Web shop,9"), "a.csv")
    result = importer.import_file(workspace, csv("Response ID,Date,Touchpoint,NPS", "R1,2026-01-05,Web shop,2",
                                                 "R2,2026-01-05,Web shop,2"), "b.csv")
    assert reasons(result) == {}
    assert (result.rows_loaded, result.rows_skipped) == (1, 1)
    assert [(r.line, r.reason) for r in result.overlap] == [
        (1, f"The response id 'R1' already exists in the workspace (import {first.import_id})")]
    assert count(workspace) == 2
    assert workspace.cursor().execute("SELECT nps FROM customer_responses WHERE response_id = 'R1'").fetchone() == (9,)


def test_the_same_bytes_twice_need_a_confirmation(workspace):
    first = importer.import_file(workspace, GOOD, "good.csv")
    with pytest.raises(DuplicateFile, match=f"already imported on .* as import {first.import_id}; confirm"):
        importer.import_file(workspace, GOOD, "renamed.csv")
    assert count(workspace) == 3


def test_a_confirmed_reimport_still_rejects_the_rows_already_there(workspace):
    importer.import_file(workspace, GOOD, "good.csv")
    result = importer.import_file(workspace, GOOD, "good.csv", allow_duplicate_file=True)
    assert result.rows_loaded == 0 and result.rows_skipped == 3 and len(result.overlap) == 3
    assert count(workspace) == 3


def test_after_an_undo_the_same_file_can_be_imported_again_without_confirmation(workspace):
    first = importer.import_file(workspace, GOOD, "good.csv")
    importer.undo(workspace, first.import_id)
    assert importer.import_file(workspace, GOOD, "good.csv").rows_loaded == 3


def test_touchpoints_already_on_the_journey_map_are_not_overwritten(workspace):
    importer.import_file(workspace, csv("Touchpoint,Stage", "Web shop,Purchase"), "a.csv")
    result = importer.import_file(workspace, csv("Touchpoint,Stage", "Web shop,Delivery"), "b.csv")
    assert "already exists in the workspace" in reasons(result)[1]
    assert workspace.cursor().execute("SELECT stage FROM touchpoints").fetchall() == [("Purchase",)]


# -- preview and undo -----------------------------------------------------------------------------------

def test_preview_reports_counts_and_reasons_without_writing(workspace):
    version = workspace.version()
    result = importer.preview(workspace, GOOD + b"2026-03-03 11:30:00,Web shop,Helsinki,11,,1,\n", "good.csv")
    assert (result.status, result.rows_loaded, result.rows_rejected) == ("preview", 3, 1)
    assert result.import_id is None and workspace.version() == version
    assert count(workspace) == 0 and count(workspace, "imports") == 0


def test_preview_already_counts_ids_the_workspace_has_as_rejections(workspace):
    importer.import_file(workspace, GOOD, "good.csv")
    assert importer.preview(workspace, GOOD, "good.csv").rows_loaded == 0


def test_undo_removes_exactly_that_imports_rows(workspace):
    importer.import_file(workspace, GOOD, "a.csv")
    second = importer.import_file(workspace, csv("Date,Touchpoint,NPS", "2026-01-02,Web shop,9"), "b.csv")
    assert importer.undo(workspace, second.import_id) == 1
    assert count(workspace) == 3
    assert workspace.cursor().execute("SELECT status FROM imports WHERE import_id = ?",
                                      [second.import_id]).fetchone() == ("undone",)


def test_an_import_cannot_be_undone_twice(workspace):
    result = importer.import_file(workspace, GOOD, "a.csv")
    importer.undo(workspace, result.import_id)
    with pytest.raises(WorkspaceError, match="is undone; only a loaded import can be undone"):
        importer.undo(workspace, result.import_id)


def test_undoing_an_unknown_import_is_refused(workspace):
    with pytest.raises(WorkspaceError, match="There is no import 7"):
        importer.undo(workspace, 7)
