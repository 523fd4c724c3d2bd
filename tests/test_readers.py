"""The file-reading layer: layouts real survey exports have, and files that cannot be read.

Sample files live in tests/files/ and are made by tests/files/make_files.py.
"""
from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cx import readers
from cx.readers import FileRejected, list_sheets, read_table

FILES = Path(__file__).resolve().parent / "files"


def sample(name: str) -> bytes:
    return (FILES / name).read_bytes()


def read(name: str, **options) -> readers.TableText:
    return read_table(sample(name), name, **options)


def rows(table: readers.TableText) -> list[list[object]]:
    return table.frame.values.tolist()


# ----------------------------------------------------------------------------- CSV layouts

def test_semicolon_file_with_bom_reports_semicolon_decimal_comma_and_utf8_sig():
    table = read("semicolon_decimal_comma_bom.csv")
    assert table.decisions["delimiter"] == ";"
    assert table.decisions["decimal"] == ","
    assert table.decisions["encoding"] == "utf-8-sig"
    assert "Detected delimiter ';' and decimal comma." in table.decisions["notes"]


def test_bom_is_not_part_of_the_first_header():
    assert read("semicolon_decimal_comma_bom.csv").headers[0] == "Vastauspäivä"


def test_csv_cells_stay_text_with_decimal_commas_untouched():
    assert rows(read("semicolon_decimal_comma_bom.csv"))[0] == ["5.1.2026", "Verkkokauppa", "9", "4,5"]


def test_file_that_is_not_utf8_is_read_as_cp1252_with_its_umlauts():
    table = read("cp1252_umlauts.csv")
    assert table.decisions["encoding"] == "cp1252"
    assert table.headers[:2] == ["Päivämäärä", "Yksikkö"]
    assert rows(table)[1][3] == "Ööh, ihan ok"


def test_utf16_tab_separated_qualtrics_export_is_decoded_and_split_on_tabs():
    table = read("qualtrics_utf16.tsv")
    assert table.decisions["encoding"] == "utf-16"
    assert table.decisions["delimiter"] == "\t"
    assert table.headers[:3] == ["StartDate", "EndDate", "Status"]


def test_qualtrics_question_text_and_import_id_rows_are_skipped_as_extra_header_rows():
    table = read("qualtrics.csv")
    assert table.decisions["skip_rows"] == 2
    assert table.extra_header_rows[0][6] == "How likely are you to recommend us to a friend?"
    assert table.extra_header_rows[1][0].startswith('{"ImportId":"startDate"')


def test_qualtrics_tsv_and_csv_exports_give_the_same_table():
    assert rows(read("qualtrics_utf16.tsv")) == rows(read("qualtrics.csv"))


def test_survey_preview_row_stays_data_for_the_importer_to_exclude():
    assert rows(read("qualtrics.csv"))[0][2] == "Survey Preview"


def test_surveymonkey_second_header_row_is_skipped_and_kept():
    table = read("surveymonkey.csv")
    assert table.decisions["header_row"] == 1
    assert table.decisions["skip_rows"] == 1
    assert table.extra_header_rows[0][9:] == ["Response", "Phone", "Chat", "Open-Ended Response"]
    assert rows(table)[0][0] == "118052219061"


def test_blank_header_cells_are_named_from_the_second_header_row_after_the_question_to_their_left():
    assert read("surveymonkey.csv").headers[10:12] == ["Which channels did you use?",
                                                       "Which channels did you use? - Chat"]


def test_google_forms_all_quoted_file_gives_none_for_quoted_empty_cells():
    table = read("google_forms.csv")
    assert rows(table)[1] == ["9/8/2026 15:02:11", None, "6", "Chat", None]
    assert rows(table)[2][4] == 'Said "thanks" twice'


def test_limesurvey_export_trailing_blank_line_adds_no_row():
    table = read("limesurvey.csv")
    assert len(table.frame) == 3
    assert rows(table)[1] == ["2", None, "1", "4", None, "Rivi yksi\nrivi kaksi"]


def test_quoted_newlines_survive_mixed_crlf_lf_and_cr_line_endings():
    table = read("quoted_newlines_mixed_endings.csv")
    assert [r[2] for r in rows(table)] == ["First line\r\nsecond line", "plain", "one\ntwo\rthree", "last"]


def test_title_rows_above_the_header_are_skipped_and_the_header_row_is_reported():
    data = b"Customer survey 2026\n\nDate,NPS,Comment\n2026-01-05,9,fine\n2026-01-06,3,slow\n"
    table = read_table(data, "survey.csv")
    assert table.decisions["header_row"] == 3
    assert table.headers == ["Date", "NPS", "Comment"]
    assert len(table.frame) == 2


def test_frame_columns_are_positional_and_cells_are_objects():
    frame = read("google_forms.csv").frame
    assert list(frame.columns) == [0, 1, 2, 3, 4]
    assert all(dtype.kind == "O" for dtype in frame.dtypes)


def test_duplicate_header_names_are_kept_as_they_are():
    table = read_table(b"Date,Score,Score\n2026-01-05,9,8\n", "dup.csv")
    assert table.headers == ["Date", "Score", "Score"]


# ----------------------------------------------------------------------------- row-level problems

def test_ragged_rows_are_kept_and_reported_with_their_cell_counts():
    table = read("ragged_rows.csv")
    assert table.bad_rows == {2: "has 3 cells where the header has 4", 3: "has 6 cells where the header has 4"}
    assert rows(table)[1] == ["2026-01-06", "Web shop", "7", None]
    assert rows(table)[2] == ["2026-01-07", "Phone", "3", "Slow"]


def test_rows_after_a_bad_row_keep_their_line_numbers():
    assert rows(read("ragged_rows.csv"))[3] == ["2026-01-08", "Phone", "10", "Great"]


def test_trailing_delimiters_with_empty_cells_are_not_a_problem():
    table = read_table(b"Date;NPS\n2026-01-05;9;\n2026-01-06;4;;\n", "x.csv")
    assert table.bad_rows == {}
    assert rows(table) == [["2026-01-05", "9"], ["2026-01-06", "4"]]


def test_blank_line_inside_the_data_stays_an_empty_row_so_line_numbers_hold():
    table = read_table(b"Date,NPS\n2026-01-05,9\n\n2026-01-07,4\n", "x.csv")
    assert rows(table) == [["2026-01-05", "9"], [None, None], ["2026-01-07", "4"]]
    assert "1 data line is empty (2)." in table.decisions["notes"]


def test_cell_longer_than_the_excel_limit_flags_its_row():
    assert read("long_cell.csv").bad_rows == {2: "a cell is longer than 32,767 characters"}


def test_megabyte_cell_is_read_whole_and_flagged_not_a_crash():
    data = b"Date,NPS,Comment\n2026-01-05,9,\"" + b"x" * 3_000_000 + b"\"\n2026-01-06,4,ok\n"
    table = read_table(data, "big_cell.csv")
    assert len(rows(table)[0][2]) == 3_000_000
    assert table.bad_rows == {1: "a cell is longer than 32,767 characters"}


def test_nul_byte_flags_its_row_and_is_removed_from_the_cell():
    table = read("nul_bytes.csv")
    assert table.bad_rows == {2: "contains a NUL (zero) byte"}
    assert rows(table)[1][2] == "broken"


def test_stray_bom_at_the_start_of_a_cell_is_stripped_and_noted():
    table = read("stray_bom.csv")
    assert rows(table)[1][0] == "2026-01-06"
    assert "Removed a stray byte-order mark at the start of 1 cell." in table.decisions["notes"]


def test_row_with_several_problems_lists_them_all():
    table = read_table(b"Date,NPS,Comment\n2026-01-05,9\x00,x,y\n", "x.csv")
    assert table.bad_rows == {1: "has 4 cells where the header has 3; contains a NUL (zero) byte"}


# ----------------------------------------------------------------------------- files that cannot be read

@pytest.mark.parametrize(("name", "code", "message"), [
    ("empty.csv", "empty_file", "The file is empty."),
    ("header_only.csv", "no_data", "The file has a header row but no data rows."),
    ("encrypted.xlsx", "password_protected",
     "The workbook is password-protected: remove the password in Excel and upload again."),
    ("old_format.xls", "old_xls", "Old .xls workbooks are not supported: save it as .xlsx or CSV."),
])
def test_unreadable_file_is_rejected_with_its_sentence(name, code, message):
    with pytest.raises(FileRejected) as caught:
        read(name)
    assert (caught.value.code, str(caught.value)) == (code, message)


@pytest.mark.parametrize("name", ["empty.csv", "header_only.csv", "encrypted.xlsx", "old_format.xls",
                                  "garbage.csv", "far_cell.xlsx", "entity.xlsx", "far_cell_lying_dimension.xlsx"])
def test_rejection_is_one_sentence(name):
    with pytest.raises(FileRejected) as caught:
        read(name)
    message = str(caught.value)
    assert message.endswith(".") and ". " not in message and "\n" not in message


def test_garbage_bytes_are_rejected_as_not_a_table():
    with pytest.raises(FileRejected) as caught:
        read("garbage.csv")
    assert caught.value.code == "not_a_table"


def test_pdf_is_rejected_by_its_signature():
    with pytest.raises(FileRejected, match="not a CSV or Excel"):
        read_table(b"%PDF-1.7\n" + b"x" * 100, "answers.csv")


def test_rows_of_numbers_without_any_header_are_rejected():
    with pytest.raises(FileRejected) as caught:
        read_table(b"1,2,3\n4,5,6\n7,8,9\n", "numbers.csv")
    assert caught.value.code == "no_header"


def test_csv_renamed_xlsx_is_read_as_csv_by_its_content():
    table = read("csv_renamed.xlsx")
    assert table.file_type == "csv"
    assert rows(table)[0] == ["2026-01-05", "9", "fine"]
    assert any("holds text, not a workbook" in note for note in table.decisions["notes"])


def test_workbook_named_csv_is_read_as_workbook_by_its_content():
    table = read_table(sample("dates_1904.xlsx"), "export.csv")
    assert table.file_type == "xlsx"


def test_list_sheets_of_a_csv_is_empty():
    assert list_sheets(sample("qualtrics.csv"), "qualtrics.csv") == []


# ----------------------------------------------------------------------------- XLSX

def test_answers_sheet_is_chosen_over_a_first_sheet_of_notes():
    table = read("survey_title_two_sheets.xlsx")
    assert table.decisions["sheet"] == "Vastaukset"
    assert table.headers[0] == "Vastauspäivä"


def test_sheet_choice_is_explained_naming_the_other_sheets():
    notes = read("survey_title_two_sheets.xlsx").decisions["notes"]
    assert any("Read sheet 'Vastaukset'" in note and "'Ohjeet'" in note for note in notes)


def test_xlsx_title_and_blank_rows_above_the_header_are_skipped():
    table = read("survey_title_two_sheets.xlsx")
    assert table.decisions["header_row"] == 3
    assert len(table.frame) == 12


def test_xlsx_header_row_is_named_by_its_sheet_row_when_rows_above_the_table_are_empty():
    from tests.files.make_files import sheet_xml, xlsx_bytes

    data = xlsx_bytes([("Vastaukset", sheet_xml([[None, None, "Päivämäärä", "NPS"],
                                                 [None, None, datetime.datetime(2026, 1, 5), 9]], first_row=5))])
    table = read_table(data, "alempana.xlsx")
    assert table.decisions["header_row"] == 5
    assert any("row 5" in note for note in table.decisions["notes"])
    assert table.headers == ["Päivämäärä", "NPS"]


def test_xlsx_cells_come_back_as_native_values_with_none_for_empty():
    first, second = rows(read("survey_title_two_sheets.xlsx"))[:2]
    assert first == [datetime.datetime(2026, 1, 5, 9, 0), "Verkkokauppa", 0, 1, "Nopea toimitus"]
    assert second[4] is None
    assert type(first[2]) is int


def test_named_sheet_is_read_even_when_it_does_not_look_like_answers():
    table = read("survey_title_two_sheets.xlsx", sheet="Ohjeet")
    assert table.decisions["sheet"] == "Ohjeet"
    assert table.headers == ["Asiakaskysely 2026 – ohjeet"]


def test_unknown_sheet_name_is_rejected_listing_the_sheets():
    with pytest.raises(FileRejected, match="no sheet named 'Answers'; its sheets are: Ohjeet, Vastaukset"):
        read("survey_title_two_sheets.xlsx", sheet="Answers")


def test_list_sheets_reports_dimension_sizes_and_which_sheet_looks_like_answers():
    sheets = list_sheets(sample("survey_title_two_sheets.xlsx"), "survey.xlsx")
    assert [(s.name, s.rows, s.cols, s.looks_like_answers) for s in sheets] == [
        ("Ohjeet", 3, 1, False), ("Vastaukset", 15, 5, True)]


def test_1904_workbook_dates_come_back_as_the_right_datetimes():
    table = read("dates_1904.xlsx")
    assert table.decisions["date_system"] == "1904"
    assert rows(table)[0][:2] == [datetime.datetime(2026, 3, 14, 15, 9, 26), datetime.date(2026, 3, 14)]


def test_1900_workbook_reports_its_date_system():
    assert read("survey_title_two_sheets.xlsx").decisions["date_system"] == "1900"


def test_xlsx_decisions_name_file_type_sheet_and_rows():
    decisions = read("survey_title_two_sheets.xlsx").decisions
    assert {k: decisions[k] for k in ("file_type", "sheet", "header_row", "skip_rows")} == {
        "file_type": "xlsx", "sheet": "Vastaukset", "header_row": 3, "skip_rows": 0}


# ----------------------------------------------------------------------------- settings override detection

def test_given_header_row_and_skip_rows_are_used_as_they_are():
    table = read("qualtrics.csv", header_row=2, skip_rows=1)
    assert table.headers[0] == "Start Date"
    assert table.extra_header_rows[0][0].startswith('{"ImportId":"startDate"')
    assert rows(table)[0][2] == "Survey Preview"
    assert (table.decisions["header_row"], table.decisions["skip_rows"]) == (2, 1)


def test_given_delimiter_and_encoding_are_used_as_they_are():
    table = read("cp1252_umlauts.csv", delimiter=",", encoding="cp1252", header_row=1)
    assert (table.decisions["delimiter"], table.decisions["encoding"]) == (",", "cp1252")
    assert table.headers == ["Päivämäärä;Yksikkö;NPS;Kommentti"]


def test_delimiter_can_be_named_tab():
    assert read("qualtrics_utf16.tsv", delimiter="tab").decisions["delimiter"] == "\t"


def test_given_xlsx_header_row_counts_file_rows():
    table = read("survey_title_two_sheets.xlsx", sheet="Vastaukset", header_row=3)
    assert table.headers[0] == "Vastauspäivä"


def test_empty_row_given_as_header_is_rejected():
    with pytest.raises(FileRejected, match="Row 2 .* cannot be the header row"):
        read("survey_title_two_sheets.xlsx", sheet="Vastaukset", header_row=2)


def test_wrong_encoding_setting_is_rejected_with_a_sentence():
    with pytest.raises(FileRejected, match="not valid utf-8 text"):
        read("cp1252_umlauts.csv", encoding="utf-8")


def test_unknown_encoding_setting_is_rejected():
    with pytest.raises(FileRejected, match="The encoding 'klingon' is not known."):
        read("qualtrics.csv", encoding="klingon")


@pytest.mark.parametrize("name", ["qualtrics.csv", "survey_title_two_sheets.xlsx"])
def test_max_rows_limits_the_data_rows_read(name):
    assert len(read(name, max_rows=2).frame) == 2


def test_max_rows_preview_matches_the_start_of_the_full_read():
    assert rows(read("ragged_rows.csv", max_rows=3)) == rows(read("ragged_rows.csv"))[:3]


# ----------------------------------------------------------------------------- big files: both CSV paths agree

def _survey_csv(lines: int, late_bytes: bytes = b"") -> bytes:
    body = "".join(f"2026-01-{1 + i % 28:02d};Verkkokauppa;{i % 11};Hyvä {i}\n" for i in range(lines))
    return b"Date;Touchpoint;NPS;Comment\n" + body.encode("utf-8") + late_bytes


def test_big_file_is_read_by_the_columnar_path_with_shared_strings_for_repeated_values():
    table = read_table(_survey_csv(60_000), "big.csv")
    assert len(table.frame) == 60_000
    column = table.frame[1]
    assert column.iloc[0] is column.iloc[59_999]  # one str object for the repeated touchpoint


def test_file_that_stops_being_utf8_after_the_sample_is_read_line_by_line_keeping_both_parts_exact():
    data = _survey_csv(20_000, "2026-02-01;Myymälä;9;Ääni\n".encode("cp1252"))
    table = read_table(data, "late.csv")
    assert table.decisions["encoding"] == "mixed"
    assert rows(table)[0][3] == "Hyvä 0" and rows(table)[-1] == ["2026-02-01", "Myymälä", "9", "Ääni"]
    assert "line 20002 of the file was read as Windows-1252" in " ".join(table.decisions["notes"])


def test_big_file_with_a_ragged_row_falls_back_to_the_row_reader():
    data = _survey_csv(60_000) + b"2026-02-01;Web\n"
    table = read_table(data, "ragged.csv")
    assert table.bad_rows == {60_001: "has 2 cells where the header has 4"}


_cell_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
                     | st.sampled_from([",", '"', "\n", "\r", " ", ";"]), max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_cell_text, min_size=3, max_size=3), min_size=1, max_size=30))
def test_any_table_written_by_csv_writer_reads_back_the_same_cells_on_both_paths(table_rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["Date", "NPS", "Comment"])
    writer.writerows(table_rows)
    data = buffer.getvalue().encode("utf-8")
    expected = [[cell or None for cell in row] for row in table_rows]
    while expected and not any(expected[-1]):
        expected.pop()
    if not expected:
        return
    by_rows = read_table(data, "x.csv", header_row=1, skip_rows=0, delimiter=",", max_rows=1000)
    columnar = read_table(data, "x.csv", header_row=1, skip_rows=0, delimiter=",")
    assert rows(by_rows) == expected
    assert rows(columnar) == expected


_messy_bytes = st.lists(st.sampled_from([b"Date", b"NPS", b"9", b"4,5", b";", b",", b"\t", b'"', b"\r\n", b"\n", b"\r",
                                         b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xe4", b"\xc3\xa4", b" ", b"x"]),
                        max_size=60).map(b"".join)


@settings(max_examples=300, deadline=None)
@given(_messy_bytes)
def test_any_text_like_bytes_give_a_table_or_a_one_sentence_rejection(data):
    try:
        table = read_table(data, "fuzz.csv")
    except FileRejected as rejected:
        assert str(rejected).endswith(".") and "\n" not in str(rejected)
    else:
        assert table.frame.shape[1] == len(table.headers)
        assert all(1 <= line <= len(table.frame) for line in table.bad_rows)


def test_bytes_that_only_look_like_utf16_without_a_byte_order_mark_are_read_another_way():
    # NUL in every other byte, but an odd length: not UTF-16, so read as UTF-8 (a header alone)
    with pytest.raises(FileRejected) as rejected:
        read_table(b"Date9\x009\x009", "odd.csv")
    assert rejected.value.code == "no_data"
    table = read_table(b"Date9\x009\x009\nx", "odd.csv")
    assert table.frame.shape[1] == len(table.headers)


RAGGED = ('Date;Touchpoint;NPS;Comment\n2026-01-05;Web;9;"two\nlines"\n2026-01-06;Chat\n\n2026-01-07;Web;8;ok;extra\n'
          '2026-01-08;Web;7;fine;;\n"2026-01-09";Store;10;"a;b"\n2026-01-10\r\n2026-01-11;Web;6;\ufeffmark\n').encode()


def _refuse(error):
    def refused(*args, **kwargs):
        raise error
    return refused


def test_a_file_with_ragged_rows_reads_the_same_by_the_columnar_reader_as_row_by_row(monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(readers, "_read_rows", _refuse(AssertionError("the columnar reader gave up")))
        columnar = read_table(RAGGED, "ragged.csv")
    monkeypatch.setattr(readers, "_read_columnar", _refuse(readers._NeedsRowByRow()))
    row_by_row = read_table(RAGGED, "ragged.csv")
    assert columnar.frame.values.tolist() == row_by_row.frame.values.tolist()
    assert columnar.bad_rows == row_by_row.bad_rows == {2: "has 2 cells where the header has 4",
                                                         4: "has 5 cells where the header has 4",
                                                         7: "has 1 cells where the header has 4"}
    assert columnar.decisions["notes"] == row_by_row.decisions["notes"]
