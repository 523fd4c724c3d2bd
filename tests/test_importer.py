"""Imports: every contract rule, each messy layout end to end, all or nothing, undo."""
from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from cx import importer
from cx.importer import DuplicateFile
from cx.profiles import ImportProfile
from cx.readers import FileRejected

FILES = Path(__file__).parent / "files"


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


GOOD = csv("Date,Touchpoint,Unit,NPS,CES,FCR,Comment",
           "2026-03-02 09:10:00,Web shop,Helsinki,9,6,yes,Quick",
           "2026-03-02 10:20:00,Customer service,Tampere,6,3,no,Long queue",
           "2026-03-03 11:30:00,Web shop,Helsinki,10,,1,")


def contents(ws) -> dict:
    cur = ws.cursor()
    return {t: cur.execute("SELECT * FROM " + t + " ORDER BY ALL").fetchall()
            for t in ("customer_responses", "employee_responses", "touchpoints", "measurement_plan", "outcomes")}


def reasons(result) -> dict[int, str]:
    return dict(result.rejections)


# -- the happy path ---------------------------------------------------------------------

def test_a_clean_file_loads_every_row(workspace):
    result = importer.import_file(workspace, GOOD, "good.csv")
    assert (result.status, result.rows_read, result.rows_loaded, result.rows_rejected) == ("loaded", 3, 3, 0)
    assert workspace.counts()["customer_responses"] == 3


def test_values_arrive_typed(workspace):
    importer.import_file(workspace, GOOD, "good.csv")
    row = workspace.cursor().execute("SELECT nps, ces, fcr, level, method, unit FROM customer_responses "
                                     "WHERE comment = 'Quick'").fetchone()
    assert row == (9, 6, True, "transaction", "survey", "Helsinki")


def test_missing_response_ids_are_generated_and_unique(workspace):
    importer.import_file(workspace, GOOD, "good.csv")
    ids = [r[0] for r in workspace.cursor().execute("SELECT response_id FROM customer_responses").fetchall()]
    assert len(set(ids)) == 3 and all(ids)


def test_every_attempt_is_logged(workspace):
    importer.import_file(workspace, GOOD, "good.csv")
    row = workspace.cursor().execute("SELECT kind, file_name, rows_read, rows_loaded, status, sha256 FROM imports"
                                     ).fetchone()
    assert row[:5] == ("customer_responses", "good.csv", 3, 3, "loaded")
    assert row[5] == importer.sha256(GOOD)


# -- row rules ----------------------------------------------------------------------------

@pytest.mark.parametrize("cell,reason", [
    ("11", "NPS must be a whole number 0–10, got 11"),
    ("-1", "NPS must be a whole number 0–10, got -1"),
    ("7.5", "NPS must be a whole number 0–10, got 7.5"),
    ("great", "NPS must be a whole number 0–10, got 'great'"),
])
def test_a_bad_score_rejects_its_row_with_a_plain_reason(workspace, cell, reason):
    data = csv("Date,Touchpoint,NPS", "2026-03-02,Web shop,9", f"2026-03-02,Web shop,{cell}")
    result = importer.import_file(workspace, data, "x.csv")
    assert reasons(result) == {2: reason}
    assert result.rows_loaded == 1


def test_line_numbers_count_data_rows_from_one(workspace):
    data = csv("Date,Touchpoint,NPS", *[f"2026-03-02,Web shop,{i % 11}" for i in range(50)],
               "2026-03-02,Web shop,11")
    assert list(reasons(importer.import_file(workspace, data, "x.csv"))) == [51]


def test_a_row_without_any_score_is_rejected(workspace):
    data = csv("Date,Touchpoint,NPS,Comment", "2026-03-02,Web shop,,just a comment")
    assert "has no score" in reasons(importer.import_file(workspace, data, "x.csv"))[1]


def test_transaction_answers_need_a_touchpoint(workspace):
    data = csv("Date,Touchpoint,Level,NPS", "2026-03-02,,transaction,9", "2026-03-02,,relationship,9")
    result = importer.import_file(workspace, data, "x.csv")
    assert list(reasons(result)) == [1]
    assert result.rows_loaded == 1


def test_dates_in_the_future_are_rejected(workspace):
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    data = csv("Date,Touchpoint,NPS", f"{tomorrow},Web shop,9", "2026-01-02,Web shop,9")
    assert "in the future" in reasons(importer.import_file(workspace, data, "x.csv"))[1]


def test_dates_before_1990_are_rejected(workspace):
    data = csv("Date,Touchpoint,NPS", "1989-12-31,Web shop,9", "2026-01-02,Web shop,9")
    assert "before 1990" in reasons(importer.import_file(workspace, data, "x.csv"))[1]


def test_a_missing_date_is_rejected(workspace):
    data = csv("Date,Touchpoint,NPS", ",Web shop,9", "2026-01-02,Web shop,9")
    assert reasons(importer.import_file(workspace, data, "x.csv"))[1] == "The date is missing"


def test_ambiguous_day_month_dates_are_never_guessed(workspace):
    data = csv("Date,Touchpoint,NPS", "01/03/2026,Web shop,9", "02/04/2026,Web shop,9")
    with pytest.raises(FileRejected, match="day-first or month-first"):
        importer.import_file(workspace, data, "x.csv")
    assert workspace.counts()["customer_responses"] == 0


def test_one_unambiguous_date_decides_the_whole_column(workspace):
    data = csv("Date,Touchpoint,NPS", "01/03/2026,Web shop,9", "25/04/2026,Web shop,9")
    importer.import_file(workspace, data, "x.csv")
    days = {r[0] for r in workspace.cursor().execute("SELECT CAST(responded_at AS DATE) FROM customer_responses")
            .fetchall()}
    assert days == {date(2026, 3, 1), date(2026, 4, 25)}


def test_a_declared_date_format_removes_the_ambiguity(workspace):
    data = csv("Date,Touchpoint,NPS", "01/03/2026,Web shop,9")
    profile = ImportProfile.from_dict({"kind": "customer_responses", "date_format": "%m/%d/%Y",
                                       "columns": {"Date": "responded_at", "Touchpoint": "touchpoint", "NPS": "nps"}})
    importer.import_file(workspace, data, "x.csv", profile=profile)
    assert workspace.cursor().execute("SELECT CAST(responded_at AS DATE) FROM customer_responses").fetchone()[0] \
        == date(2026, 1, 3)


def test_duplicate_response_ids_in_a_file_are_reported_not_merged(workspace):
    data = csv("Response ID,Date,Touchpoint,NPS", "R1,2026-01-02,Web shop,9", "R1,2026-01-03,Web shop,3")
    result = importer.import_file(workspace, data, "x.csv")
    assert reasons(result) == {2: "The response id 'R1' appears twice in the file (first on line 1)"}


def test_response_ids_already_in_the_workspace_are_reported(workspace):
    importer.import_file(workspace, csv("Response ID,Date,Touchpoint,NPS", "R1,2026-01-02,Web shop,9"), "a.csv")
    result = importer.import_file(workspace, csv("Response ID,Date,Touchpoint,NPS", "R1,2026-01-05,Web shop,2",
                                                 "R2,2026-01-05,Web shop,2"), "b.csv")
    assert "already exists in the workspace (import 1)" in reasons(result)[1]
    assert workspace.counts()["customer_responses"] == 2


def test_fcr_understands_finnish_yes_and_no(workspace):
    data = csv("Pvm,Kosketuspiste,FCR", "2.3.2026,Asiakaspalvelu,kyllä", "2.3.2026,Asiakaspalvelu,ei")
    importer.import_file(workspace, data, "x.csv")
    assert sorted(r[0] for r in workspace.cursor().execute("SELECT fcr FROM customer_responses").fetchall()) \
        == [False, True]


def test_employee_answers_need_a_unit(workspace):
    data = csv("Date,Unit,eNPS,Wellbeing", "2026-02-10,Helsinki,9,4", "2026-02-10,,8,4")
    result = importer.import_file(workspace, data, "staff.csv")
    assert result.kind == "employee_responses"
    assert reasons(result) == {2: "Unit is missing"}


# -- layouts --------------------------------------------------------------------------------

def test_semicolon_csv_with_decimal_commas_and_a_bom(workspace):
    result = importer.import_file(workspace, (FILES / "semicolon_decimal_comma_bom.csv").read_bytes(), "fi.csv")
    assert result.rows_loaded == result.rows_read and result.decisions["delimiter"] == ";"
    assert result.mapping["Suositteluhalukkuus"] == "nps"


def test_cp1252_file_keeps_its_umlauts(workspace):
    profile = ImportProfile.from_dict({"kind": "customer_responses", "constants": {"level": "relationship"},
                                       "columns": {"Päivämäärä": "responded_at", "Yksikkö": "unit", "NPS": "nps"}})
    result = importer.import_file(workspace, (FILES / "cp1252_umlauts.csv").read_bytes(), "cp.csv", profile=profile)
    assert result.rows_loaded == result.rows_read
    units = {r[0] for r in workspace.cursor().execute("SELECT unit FROM customer_responses").fetchall()}
    assert any("ä" in u or "ö" in u for u in units)


def test_xlsx_with_a_title_row_loads_from_the_answers_sheet(workspace):
    result = importer.import_file(workspace, (FILES / "survey_title_two_sheets.xlsx").read_bytes(), "s.xlsx")
    assert result.decisions["sheet"] == "Vastaukset"
    assert result.rows_loaded == result.rows_read > 0


def test_qualtrics_export_with_extra_header_rows_and_a_preview_row_to_exclude(workspace):
    profile = ImportProfile.from_dict({
        "kind": "customer_responses", "columns": {"RecordedDate": "responded_at", "ResponseId": "response_id",
                                                  "Q1": "nps", "Q2": "comment"},
        "constants": {"touchpoint": "Web shop"}, "exclude": {"Status": ["Survey Preview"]}})
    result = importer.import_file(workspace, (FILES / "qualtrics.csv").read_bytes(), "q.csv", profile=profile)
    assert result.decisions["skip_rows"] == 2
    assert result.rows_skipped == 1
    assert result.rows_loaded == result.rows_read - 1
    ids = {r[0] for r in workspace.cursor().execute("SELECT response_id FROM customer_responses").fetchall()}
    assert "R_1a2b3c" not in ids


def test_utf16_tab_separated_export_loads(workspace):
    profile = ImportProfile.from_dict({
        "kind": "customer_responses", "columns": {"RecordedDate": "responded_at", "Q1": "nps"},
        "constants": {"touchpoint": "Web shop"}, "exclude": {"Status": ["Survey Preview", "1"]}})
    result = importer.import_file(workspace, (FILES / "qualtrics_utf16.tsv").read_bytes(), "q.tsv", profile=profile)
    assert result.decisions["encoding"].startswith("utf-16")
    assert result.rows_loaded > 0 and result.rows_rejected == 0


def test_choice_text_values_are_translated_by_the_profile(workspace):
    profile = ImportProfile.from_dict({
        "kind": "customer_responses", "columns": {"Submitted": "responded_at", "Touchpoint": "touchpoint",
                                                  "Recommend": "nps"},
        "values": {"nps": {"10 - Extremely likely": 10, "0 - Not at all likely": 0, "Don't know": None}}})
    result = importer.import_file(workspace, (FILES / "upload" / "choice_text.csv").read_bytes(), "c.csv",
                                  profile=profile)
    assert "has no score" in reasons(result)[4]  # "Don't know" means not answered
    scores = sorted(r[0] for r in workspace.cursor().execute("SELECT nps FROM customer_responses").fetchall())
    assert scores[0] == 0 and scores[-1] == 10


def test_wide_file_becomes_one_row_per_respondent_and_touchpoint(workspace):
    profile = ImportProfile.from_dict({
        "kind": "customer_responses", "columns": {"Vastauspäivä": "responded_at", "Yksikkö": "unit"},
        "values": {"*": {"EOS": None}},
        "wide": {"value_columns": {"Verkkokauppa": "Web shop", "Asiakaspalvelu": "Customer service",
                                   "Myymälä": "Store"}, "into": "touchpoint", "metric": "csat",
                 "missing_values": [0]}})
    data = (FILES / "upload" / "wide_fi.csv").read_bytes()
    result = importer.import_file(workspace, data, "wide.csv", profile=profile)
    rows = workspace.cursor().execute("SELECT unit, touchpoint, csat FROM customer_responses ORDER BY ALL").fetchall()
    assert ("Helsinki", "Web shop", 5) in rows
    assert not any(r[1] == "Customer service" and r[0] == "Tampere" for r in rows)  # 0 = not applicable
    assert not any(r[1] == "Web shop" and r[0] == "Turku" for r in rows)  # EOS = not answered
    assert len(rows) == 2 + 2 + 2 + 3
    assert result.rows_rejected == 0


def test_a_profile_survives_a_json_round_trip():
    raw = {"kind": "customer_responses", "sheet": "Vastaukset", "header_row": 1, "skip_rows": 0,
           "delimiter": ";", "decimal": ",", "encoding": "utf-8", "date_format": "%d.%m.%Y",
           "missing": ["", "NA", "-", "EOS"], "columns": {"Vastauspäivä": "responded_at"},
           "constants": {"level": "transaction"}, "exclude": {"Status": ["1", "Survey Preview"]},
           "values": {"nps": {"10 - Extremely likely": 10}, "*": {"EOS": None}},
           "wide": {"value_columns": ["Verkkokauppa"], "into": "touchpoint", "metric": "csat", "missing_values": [0]}}
    assert json.loads(ImportProfile.from_dict(raw).to_json()) == raw


def test_a_profile_naming_an_unknown_column_is_refused():
    from cx.profiles import ProfileError

    with pytest.raises(ProfileError):
        ImportProfile.from_dict({"kind": "customer_responses", "columns": {"X": "net_promoter"}})


# -- whole-file rejections leave the workspace as it was -----------------------------------

@pytest.mark.parametrize("name", ["garbage.csv", "encrypted.xlsx", "far_cell.xlsx", "far_cell_no_dimension.xlsx",
                                  "entity.xlsx", "empty.csv", "header_only.csv", "old_format.xls"])
def test_unreadable_files_are_rejected_whole_and_change_nothing(workspace, name):
    importer.import_file(workspace, GOOD, "good.csv")
    before = contents(workspace)
    with pytest.raises(FileRejected):
        importer.import_file(workspace, (FILES / name).read_bytes(), name)
    assert contents(workspace) == before


def test_a_rejected_file_is_recorded_in_the_log(workspace):
    with pytest.raises(FileRejected):
        importer.import_file(workspace, (FILES / "garbage.csv").read_bytes(), "garbage.csv")
    assert workspace.cursor().execute("SELECT status FROM imports").fetchone()[0] == "rejected"


def test_a_zip_bomb_is_rejected_and_the_process_lives(workspace):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet>" + " " * (300 * 1024 * 1024) + "</worksheet>")
    with pytest.raises(FileRejected):
        importer.import_file(workspace, buffer.getvalue(), "bomb.xlsx")
    assert workspace.counts()["customer_responses"] == 0


def test_a_file_with_no_usable_column_is_rejected_with_a_sentence(workspace):
    with pytest.raises(FileRejected, match="No column of the file"):
        importer.import_file(workspace, csv("Foo,Bar", "1,2"), "x.csv")


def test_duplicate_mapped_column_names_are_rejected(workspace):
    with pytest.raises(FileRejected, match="appears twice"):
        importer.import_file(workspace, csv("Date,Touchpoint,NPS,NPS", "2026-01-02,Web,9,8"), "x.csv")


def test_the_same_bytes_twice_need_a_confirmation(workspace):
    importer.import_file(workspace, GOOD, "good.csv")
    with pytest.raises(DuplicateFile, match="already imported"):
        importer.import_file(workspace, GOOD, "good.csv")


def test_a_confirmed_reimport_still_reports_the_duplicate_ids(workspace):
    data = csv("Response ID,Date,Touchpoint,NPS", "R1,2026-01-02,Web shop,9")
    importer.import_file(workspace, data, "a.csv")
    result = importer.import_file(workspace, data, "a.csv", allow_duplicate_file=True)
    assert result.rows_loaded == 0 and "already exists" in reasons(result)[1]


# -- preview and undo -------------------------------------------------------------------------

def test_preview_reports_without_writing(workspace):
    result = importer.preview(workspace, GOOD, "good.csv")
    assert result.rows_loaded == 3 and result.status == "preview"
    assert workspace.counts()["customer_responses"] == 0
    assert workspace.cursor().execute("SELECT count(*) FROM imports").fetchone()[0] == 0


def test_undo_removes_exactly_that_imports_rows(workspace):
    importer.import_file(workspace, GOOD, "a.csv")
    second = importer.import_file(workspace, csv("Date,Touchpoint,NPS", "2026-01-02,Web shop,9"), "b.csv")
    assert importer.undo(workspace, second.import_id) == 1
    assert workspace.counts()["customer_responses"] == 3
    status = workspace.cursor().execute("SELECT status FROM imports WHERE import_id = ?",
                                        [second.import_id]).fetchone()[0]
    assert status == "undone"


def test_an_import_cannot_be_undone_twice(workspace):
    from cx.store import WorkspaceError

    result = importer.import_file(workspace, GOOD, "a.csv")
    importer.undo(workspace, result.import_id)
    with pytest.raises(WorkspaceError):
        importer.undo(workspace, result.import_id)


def test_touchpoints_fill_missing_stages_of_answers(workspace):
    importer.import_file(workspace, GOOD, "a.csv")
    importer.import_file(workspace, csv("Touchpoint,Stage,Stage order,Volume", "Web shop,Offer and purchase,3,6000"),
                         "map.csv", kind="touchpoints")
    stages = dict(workspace.cursor().execute("SELECT touchpoint, any_value(stage) FROM customer_responses GROUP BY 1"
                                             ).fetchall())
    assert stages["Web shop"] == "Offer and purchase"
