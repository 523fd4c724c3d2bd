"""cx.validate on tables as the reader hands them over: every contract rule, one at a time.

Cells are text (CSV) or native values (XLSX); line 1 is the first data row.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from cx import mapping, validate, xlsx_safe
from cx.profiles import ImportProfile
from cx.readers import FileRejected, TableText

TODAY = dt.date(2026, 6, 15)
SHA = "0123456789abcdef" * 4


def table(headers, rows, file_type="csv", bad_rows=None, date_system="1900") -> TableText:
    frame = pd.DataFrame({i: [row[i] for row in rows] for i in range(len(headers))}, dtype=object)
    return TableText(headers, frame, bad_rows or {}, [], {"notes": [], "date_system": date_system}, file_type)


def check(headers, rows, kind=None, profile=None, **read) -> validate.Prepared:
    t = table(headers, rows, **read)
    if profile is not None and profile.columns:
        columns = {headers.index(h): c for h, c in profile.columns.items()}
        kind = profile.kind
    else:
        found = mapping.detect(headers, t.frame, kind=kind)
        columns, kind = found.columns, found.kind
    return validate.prepare(t, kind, columns, profile, SHA, TODAY)


def answers(*rows, headers=("Date", "Touchpoint", "NPS"), **kw) -> validate.Prepared:
    return check(list(headers), [list(r) for r in rows], **kw)


def reasons(prepared) -> dict[int, str]:
    return {r.line: r.reason for r in prepared.rejections}


def column(prepared, name) -> list:
    return prepared.rows[name].to_pylist()


# -- scores ------------------------------------------------------------------------------------

def test_scores_in_range_load_as_whole_numbers():
    assert column(answers(("2026-03-02", "Web", "0"), ("2026-03-02", "Web", " 10 ")), "nps") == [0, 10]


def test_a_score_above_its_range_is_rejected_showing_the_number():
    assert reasons(answers(("2026-03-02", "Web", "11"))) == {1: "NPS must be a whole number 0–10, got 11"}


def test_a_score_that_is_not_a_number_is_rejected_showing_the_text_quoted():
    prepared = answers(("2026-03-02", "Web", "9", "very easy"), headers=("Date", "Touchpoint", "NPS", "CES"))
    assert reasons(prepared) == {1: "CES must be a whole number 1–7, got 'very easy'"}


def test_a_fraction_is_not_a_whole_number():
    assert reasons(answers(("2026-03-02", "Web", "7.5")))[1] == "NPS must be a whole number 0–10, got 7.5"


def test_a_whole_number_written_with_a_decimal_point_is_accepted():
    assert column(answers(("2026-03-02", "Web", "7.0")), "nps") == [7]


def test_a_decimal_comma_is_read_when_the_file_uses_one():
    profile = ImportProfile.from_dict({"kind": "outcomes", "decimal": ","})
    prepared = check(["Month", "Unit", "Revenue", "Customers"], [["2026-03", "North", "1234,50", "1 200"]],
                     kind="outcomes", profile=profile)
    assert column(prepared, "revenue") == [1234.5] and column(prepared, "customers") == [1200]


def test_thousands_dots_are_dropped_from_decimal_comma_amounts():
    profile = ImportProfile.from_dict({"kind": "outcomes", "decimal": ","})
    prepared = check(["Month", "Revenue"], [["2026-03", "1.250.000,75"]], kind="outcomes", profile=profile)
    assert column(prepared, "revenue") == [1250000.75]


def test_a_comma_is_not_a_decimal_mark_in_a_decimal_point_file():
    prepared = answers(("2026-03-02", "Web", "4,5"), headers=("Date", "Touchpoint", "CSAT"))
    assert reasons(prepared) == {1: "CSAT must be a whole number 1–5, got '4,5'"}


def test_a_count_too_large_for_its_column_is_rejected_not_overflowed():
    prepared = check(["Month", "Customers"], [["2026-03", "3000000000"]], kind="outcomes")
    assert reasons(prepared) == {1: "Customers must be a whole number from 0 to 2147483647, got 3000000000"}


def test_the_offending_value_is_shown_as_plain_text_of_at_most_40_characters():
    reason = reasons(answers(("2026-03-02", "Web", "<b>bold</b>\n" + "x" * 80)))[1]
    shown = reason.split("got ", 1)[1]
    assert shown.startswith("'<b>bold</b> xxx") and shown.endswith("…'")
    assert len(shown.strip("'")) == 40 and "\n" not in reason


# -- yes/no and choices --------------------------------------------------------------------------

@pytest.mark.parametrize("cell, value", [("1", True), ("0", False), ("yes", True), ("No", False),
                                         ("Kyllä", True), ("ei", False), ("TRUE", True), ("false", False),
                                         ("y", True), ("n", False), ("x", True)])
def test_first_contact_resolution_understands_yes_and_no(cell, value):
    assert column(answers(("2026-03-02", "Web", cell), headers=("Date", "Touchpoint", "FCR")), "fcr") == [value]


def test_an_unclear_yes_or_no_is_rejected():
    prepared = answers(("2026-03-02", "Web", "maybe"), headers=("Date", "Touchpoint", "FCR"))
    assert reasons(prepared) == {1: "First contact resolution must be yes or no (1/0), got 'maybe'"}


@pytest.mark.parametrize("cell, value", [("Mystery shopping", "mystery_shopping"),
                                         ("mystery-shopping", "mystery_shopping"), ("SURVEY", "survey"),
                                         ("haastattelu", "interview"), ("", "survey")])
def test_method_accepts_obvious_spellings_and_defaults_to_survey(cell, value):
    prepared = answers(("2026-03-02", "Web", "9", cell), headers=("Date", "Touchpoint", "NPS", "Method"))
    assert column(prepared, "method") == [value]


def test_an_unknown_level_is_rejected_with_the_choices():
    prepared = answers(("2026-03-02", "Web", "9", "b2b"), headers=("Date", "Touchpoint", "NPS", "Level"))
    assert reasons(prepared) == {1: "Level must be transaction or relationship, got 'b2b'"}


# -- rules across columns ------------------------------------------------------------------------

def test_a_row_needs_at_least_one_score():
    prepared = answers(("2026-03-02", "Web", "", "only words"), headers=("Date", "Touchpoint", "NPS", "Comment"))
    assert reasons(prepared)[1].startswith("has no score (needs at least one of NPS")


def test_transaction_answers_need_a_touchpoint_and_relationship_answers_do_not():
    prepared = answers(("2026-03-02", "", "9", "transaction"), ("2026-03-02", "", "9", "relationship"),
                       headers=("Date", "Touchpoint", "NPS", "Level"))
    assert reasons(prepared) == {1: "The touchpoint is missing (needed for transaction answers)"}
    assert column(prepared, "level") == ["relationship"]


def test_every_problem_of_a_row_is_reported_together():
    prepared = answers(("2031-01-01", "Web", "12", "7,5"), headers=("Date", "Touchpoint", "NPS", "CES"))
    assert reasons(prepared) == {1: "The date 2031-01-01 is in the future; NPS must be a whole number 0–10, got 12; "
                                    "CES must be a whole number 1–7, got '7,5'"}


def test_employee_answers_need_a_unit():
    prepared = check(["Date", "Unit", "eNPS"], [["2026-02-10", "", "9"]], kind="employee_responses")
    assert reasons(prepared) == {1: "Unit is missing"}


def test_the_journey_map_needs_a_stage():
    prepared = check(["Touchpoint", "Stage"], [["Web shop", ""]], kind="touchpoints")
    assert reasons(prepared) == {1: "Stage is missing"}


# -- dates ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("cells, expected", [
    (["2026-03-02", "2026-03-14 09:30:00"], [dt.datetime(2026, 3, 2), dt.datetime(2026, 3, 14, 9, 30)]),
    (["2026-03-02T10:00:00Z", "2026-03-02T10:00:00+02:00"], [dt.datetime(2026, 3, 2, 10), dt.datetime(2026, 3, 2, 8)]),
    (["2.3.2026", "14.3.2026"], [dt.datetime(2026, 3, 2), dt.datetime(2026, 3, 14)]),
    (["2.3.2026 14.05", "3.3.2026 9.30"], [dt.datetime(2026, 3, 2, 14, 5), dt.datetime(2026, 3, 3, 9, 30)]),
    (["13/02/2026", "01/02/2026"], [dt.datetime(2026, 2, 13), dt.datetime(2026, 2, 1)]),
    (["02/13/2026", "03/01/2026"], [dt.datetime(2026, 2, 13), dt.datetime(2026, 3, 1)]),
    (["9/8/2025 14:28:27", "9/18/2025 8:01:00"], [dt.datetime(2025, 9, 8, 14, 28, 27), dt.datetime(2025, 9, 18, 8, 1)]),
    (["7/2/20 11:00:22", "12/31/20 11:00:22"], [dt.datetime(2020, 7, 2, 11, 0, 22), dt.datetime(2020, 12, 31, 11, 0, 22)]),
    (["01/05/2026 09:12:03 AM", "01/16/2026 02:22:45 PM"],
     [dt.datetime(2026, 1, 5, 9, 12, 3), dt.datetime(2026, 1, 16, 14, 22, 45)]),
    (["5 Mar 2026", "17 May 2025"], [dt.datetime(2026, 3, 5), dt.datetime(2025, 5, 17)]),
])
def test_the_date_format_is_detected_from_the_whole_column(cells, expected):
    prepared = answers(*[(c, "Web", "9") for c in cells])
    assert column(prepared, "responded_at") == expected and not prepared.rejections


def test_day_first_or_month_first_is_never_guessed():
    with pytest.raises(FileRejected, match="could be day-first or month-first") as caught:
        answers(("01/03/2026", "Web", "9"), ("02/04/2026", "Web", "9"))
    assert caught.value.code == "ambiguous_dates"
    assert "is 01/03/2026 the 1 March or the 3 January?" in str(caught.value)


def test_one_unambiguous_date_anywhere_in_the_column_decides_the_format():
    rows = [(f"0{1 + i % 9}/0{1 + i % 5}/2026", "Web", "9") for i in range(3000)] + [("25/12/2025", "Web", "9")]
    prepared = answers(*rows)
    assert not prepared.rejections and prepared.date_format == "%d/%m/%Y"


def test_a_column_mixing_day_first_and_month_first_dates_is_rejected():
    with pytest.raises(FileRejected, match="mix day-first"):
        answers(("25/03/2026", "Web", "9"), ("03/25/2026", "Web", "9"))


def test_a_declared_date_format_decides_an_ambiguous_column():
    profile = ImportProfile.from_dict({"kind": "customer_responses", "date_format": "%m/%d/%Y",
                                       "columns": {"Date": "responded_at", "Touchpoint": "touchpoint", "NPS": "nps"}})
    prepared = answers(("01/03/2026", "Web", "9"), profile=profile)
    assert column(prepared, "responded_at") == [dt.datetime(2026, 1, 3)]


def test_a_date_that_does_not_fit_the_column_format_is_rejected_with_the_format():
    prepared = answers(("2.3.2026", "Web", "9"), ("31.2.2026", "Web", "9"), ("yesterday", "Web", "9"))
    assert reasons(prepared) == {2: "The date '31.2.2026' is not a date in the column's format (DD.MM.YYYY)",
                                 3: "The date 'yesterday' is not a date in the column's format (DD.MM.YYYY)"}


def test_a_date_after_the_day_of_import_is_rejected_but_the_day_itself_is_fine():
    prepared = answers(("2026-06-15 23:59:00", "Web", "9"), ("2026-06-16", "Web", "9"))
    assert reasons(prepared) == {2: "The date 2026-06-16 is in the future"}


def test_a_date_before_1990_is_rejected():
    assert reasons(answers(("1989-12-31", "Web", "9"))) == {1: "The date 1989-12-31 is before 1990"}


def test_a_missing_date_is_rejected():
    assert reasons(answers(("", "Web", "9"))) == {1: "The date is missing"}


def test_excel_serial_numbers_are_not_dates_in_a_csv_file():
    assert "is not a date" in reasons(answers(("45000", "Web", "9")))[1]


def test_workbook_dates_and_serial_numbers_pass_through_as_dates():
    rows = [[dt.datetime(2026, 1, 5, 10, 30), "Web", 9.0], [dt.date(2026, 2, 1), "Web", 10], [45000.5, "Web", 8.0]]
    prepared = check(["Date", "Touchpoint", "NPS"], rows, file_type="xlsx")
    assert column(prepared, "responded_at") == [dt.datetime(2026, 1, 5, 10, 30), dt.datetime(2026, 2, 1),
                                                dt.datetime(2023, 3, 15, 12)]
    assert column(prepared, "nps") == [9, 10, 8]


def test_workbooks_in_the_1904_date_system_shift_serial_numbers():
    prepared = check(["Date", "Touchpoint", "NPS"], [[43538.0, "Web", 9.0]], file_type="xlsx", date_system="1904")
    assert column(prepared, "responded_at") == [dt.datetime(2023, 3, 15)]


def test_workbook_text_dates_beside_real_dates_still_follow_one_format():
    rows = [[dt.datetime(2026, 1, 5), "Web", 9.0], ["13.1.2026", "Web", 9.0], ["2.3.2026", "Web", 9.0]]
    prepared = check(["Date", "Touchpoint", "NPS"], rows, file_type="xlsx")
    assert column(prepared, "responded_at") == [dt.datetime(2026, 1, 5), dt.datetime(2026, 1, 13),
                                                dt.datetime(2026, 3, 2)]


def test_months_written_as_year_and_month_are_stored_as_their_first_day():
    prepared = check(["Month", "Unit", "Customers"], [["2026-03", "N", "10"], ["2026-04", "N", "12"]],
                     kind="outcomes")
    assert column(prepared, "month") == [dt.date(2026, 3, 1), dt.date(2026, 4, 1)]


def test_a_full_date_in_the_month_column_means_its_month():
    prepared = check(["Month", "Unit", "Customers"], [["17.4.2026", "N", "12"]], kind="outcomes")
    assert column(prepared, "month") == [dt.date(2026, 4, 1)]


# -- profile rules: missing, values, constants, exclude --------------------------------------------------

def test_default_missing_texts_mean_not_answered():
    prepared = answers(("2026-03-02", "Web", "9", "N/A"), headers=("Date", "Touchpoint", "NPS", "CES"))
    assert column(prepared, "ces") == [None] and not prepared.rejections


def test_the_profile_decides_which_texts_mean_not_answered():
    profile = ImportProfile.from_dict({"kind": "customer_responses", "missing": ["EOS"],
                                       "columns": {"Date": "responded_at", "Touchpoint": "touchpoint",
                                                   "NPS": "nps", "CES": "ces"}})
    prepared = answers(("2026-03-02", "Web", "9", "EOS"), ("2026-03-02", "Web", "9", "NA"),
                       headers=("Date", "Touchpoint", "NPS", "CES"), profile=profile)
    assert reasons(prepared) == {2: "CES must be a whole number 1–7, got 'NA'"}


def test_values_translate_choice_text_before_parsing_and_star_applies_to_every_column():
    profile = ImportProfile.from_dict({
        "kind": "customer_responses", "columns": {"Date": "responded_at", "Touchpoint": "touchpoint", "NPS": "nps",
                                                  "CSAT": "csat"},
        "values": {"nps": {"10 - Extremely likely": 10, "0 - Not at all likely": 0}, "*": {"En osaa sanoa": None}}})
    prepared = answers(("2026-03-02", "Web", "10 - Extremely likely", "En osaa sanoa"),
                       ("2026-03-02", "Web", " 0 - Not at all likely ", "4"), ("2026-03-02", "Web", "7", "5"),
                       headers=("Date", "Touchpoint", "NPS", "CSAT"), profile=profile)
    assert column(prepared, "nps") == [10, 0, 7] and column(prepared, "csat") == [None, 4, 5]


def test_constants_fill_a_column_the_file_does_not_have():
    profile = ImportProfile.from_dict({"kind": "customer_responses", "constants": {"touchpoint": "Web shop",
                                                                                   "method": "interview"},
                                       "columns": {"Date": "responded_at", "NPS": "nps"}})
    prepared = check(["Date", "NPS"], [["2026-03-02", "9"]], profile=profile)
    assert column(prepared, "touchpoint") == ["Web shop"] and column(prepared, "method") == ["interview"]


def test_excluded_rows_are_skipped_and_counted_not_rejected():
    profile = ImportProfile.from_dict({"kind": "customer_responses", "exclude": {"Status": ["Survey Preview", "1"]},
                                       "columns": {"Date": "responded_at", "Touchpoint": "touchpoint", "NPS": "nps"}})
    prepared = check(["Date", "Touchpoint", "NPS", "Status"],
                     [["2026-03-02", "Web", "99", " Survey Preview "], ["2026-03-02", "Web", "9", "0"],
                      ["2026-03-02", "Web", "9", 1.0]], profile=profile)
    assert (prepared.rows_read, prepared.rows_loaded, prepared.rows_skipped) == (3, 1, 2)
    assert not prepared.rejections and column(prepared, "_line") == [2]


def test_an_exclude_rule_naming_a_missing_column_rejects_the_file():
    profile = ImportProfile.from_dict({"kind": "customer_responses", "exclude": {"Status": ["x"]},
                                       "columns": {"Date": "responded_at", "Touchpoint": "touchpoint", "NPS": "nps"}})
    with pytest.raises(FileRejected, match="names the column 'Status', which is not in the file"):
        answers(("2026-03-02", "Web", "9"), profile=profile)


def test_blank_lines_are_skipped_and_line_numbers_still_count_them():
    prepared = answers(("2026-03-02", "Web", "9"), (None, None, None), ("2026-03-02", "Web", "11"))
    assert prepared.rows_skipped == 1 and list(reasons(prepared)) == [3]


def test_rows_the_reader_could_not_read_are_rejected_with_its_reason():
    prepared = answers(("2026-03-02", "Web", "9"), ("2026-03-02", "Web", "9"),
                       bad_rows={2: "The row has 4 cells but the header has 3"})
    assert reasons(prepared) == {2: "The row has 4 cells but the header has 3"} and prepared.rows_loaded == 1


def test_comments_are_stored_exactly_as_given():
    text = "  <script>alert(1)</script> =1+1 \n second line"
    prepared = answers(("2026-03-02", "Web", "9", text), headers=("Date", "Touchpoint", "NPS", "Comment"))
    assert column(prepared, "comment") == [text]


# -- response ids ---------------------------------------------------------------------------------

def test_missing_response_ids_are_generated_from_the_file_hash_and_line():
    prepared = answers(("2026-03-02", "Web", "9"), ("2026-03-02", "Web", "8"))
    assert column(prepared, "response_id") == [f"{SHA[:12]}-1", f"{SHA[:12]}-2"]


def test_a_response_id_twice_in_a_file_rejects_the_later_row():
    prepared = answers(("R1", "2026-03-02", "Web", "9"), ("R2", "2026-03-02", "Web", "9"),
                       ("R1", "2026-03-03", "Web", "3"), headers=("Response ID", "Date", "Touchpoint", "NPS"))
    assert reasons(prepared) == {3: "The response id 'R1' appears twice in the file (first on line 1)"}


def test_one_response_id_given_to_every_row_as_a_constant_rejects_all_rows_but_the_first():
    profile = ImportProfile.from_dict({"kind": "customer_responses", "constants": {"response_id": "same"},
                                       "columns": {"Date": "responded_at", "Touchpoint": "touchpoint", "NPS": "nps"}})
    prepared = answers(("2026-03-02", "Web", "9"), ("2026-03-02", "Web", "8"), profile=profile)
    assert reasons(prepared) == {2: "The response id 'same' appears twice in the file (first on line 1)"}


def test_two_wide_value_columns_naming_one_touchpoint_give_the_same_generated_id_twice():
    profile = ImportProfile.from_dict({"kind": "customer_responses", "columns": {"Date": "responded_at"},
                                       "wide": {"value_columns": {"Q1": "Web", "Q2": "Web"}, "metric": "csat"}})
    prepared = check(["Date", "Q1", "Q2"], [["2026-03-02", "4", "5"]], profile=profile)
    assert list(reasons(prepared)) == [1] and "appears twice in the file" in reasons(prepared)[1]


# -- wide layout --------------------------------------------------------------------------------------

WIDE = {"kind": "customer_responses", "columns": {"Date": "responded_at", "Id": "response_id"},
        "wide": {"value_columns": {"Q3_1": "Web shop", "Q3_2": "Store"}, "into": "touchpoint", "metric": "csat",
                 "missing_values": [6]}}


def wide(*rows, file_type="csv"):
    return check(["Id", "Date", "Q3_1", "Q3_2"], [list(r) for r in rows], profile=ImportProfile.from_dict(WIDE),
                 file_type=file_type)


def test_a_wide_row_becomes_one_row_per_answered_touchpoint():
    prepared = wide(("R1", "2026-03-02", "5", "4"))
    assert column(prepared, "touchpoint") == ["Web shop", "Store"] and column(prepared, "csat") == [5, 4]
    assert column(prepared, "response_id") == ["R1/Web shop", "R1/Store"]


def test_not_applicable_codes_and_empty_cells_produce_no_row():
    prepared = wide(("R1", "2026-03-02", "6", "4"), ("R2", "2026-03-02", "", "6"))
    assert column(prepared, "touchpoint") == ["Store"]
    assert prepared.rows_skipped == 1 and not prepared.rejections


def test_not_applicable_codes_match_workbook_numbers_too():
    prepared = wide(("R1", dt.datetime(2026, 3, 2), 6.0, 4.0), file_type="xlsx")
    assert column(prepared, "csat") == [4]


def test_a_bad_wide_cell_rejects_the_respondent_naming_the_source_column_and_its_line():
    prepared = wide(("R1", "2026-03-02", "5", "4"), ("R2", "2026-03-02", "5", "9"))
    assert reasons(prepared) == {2: "Q3_2: CSAT must be a whole number 1–5, got 9"}
    assert column(prepared, "_line") == [1, 1]


D = dt.datetime


@pytest.mark.parametrize("cells, date_column, text, native, serial", [
    ([7, 10, None, 0], False, ["7", "10", None, "0"], None, None),
    ([7.0, 7.5, None, 1e20], False, ["7", "7.5", None, "1e+20"], None, None),
    ([True, False, None], False, ["true", "false", None], None, None),
    (["Web", None, " x ", ""], False, ["Web", None, " x ", None], None, None),
    ([D(2026, 3, 2, 10, 30), dt.date(2026, 3, 3)], False, ["2026-03-02 10:30:00", "2026-03-03"], None, None),
    ([D(2026, 3, 2, 10, 30), None, D(1999, 1, 1)], True, [None] * 3, [D(2026, 3, 2, 10, 30), None, D(1999, 1, 1)],
     None),
    ([D(2026, 3, 2, 10, 30), dt.date(2026, 3, 3), None], True, [None] * 3, [D(2026, 3, 2, 10, 30), D(2026, 3, 3), None],
     None),
    ([46000, 46000.5, None], True, [None] * 3, None, [46000.0, 46000.5, None]),
    ([D(2026, 3, 2), 46000.5, "soon"], True, [None, None, "soon"], [D(2026, 3, 2), None, None], [None, 46000.5, None]),
    ([7, "7", True, dt.time(9, 30)], False, ["7", "7", "true", "09:30:00"], None, None),
    ([None, None], False, [None, None], None, None),
])
def test_workbook_cells_read_as_text_outside_the_date_column_and_as_dates_or_serials_in_it(
        cells, date_column, text, native, serial):
    read = validate._typed_cells(xlsx_safe.typed_column(cells), date_column)
    assert read.text.to_pylist() == text
    assert (read.native.to_pylist() if read.native is not None else None) == native
    assert (read.serial.to_pylist() if read.serial is not None else None) == serial
