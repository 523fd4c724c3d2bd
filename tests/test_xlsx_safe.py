"""Safe XLSX reading: crafted workbooks are refused with a sentence and never take the app down."""
from __future__ import annotations

import datetime
import io
import os
import pickle
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cx import xlsx_safe
from cx.readers import FileRejected, read_table
from cx.xlsx_safe import WorkbookRefused
from tests.files.make_files import sheet_xml, xlsx_bytes

FILES = Path(__file__).resolve().parent / "files"


def sample(name: str) -> bytes:
    return (FILES / name).read_bytes()


def small_workbook() -> bytes:
    return xlsx_bytes([("Sheet1", sheet_xml([["Date", "NPS"], [datetime.datetime(2026, 1, 5), 9]]))])


def refusal(data: bytes) -> FileRejected:
    with pytest.raises(FileRejected) as caught:
        read_table(data, "crafted.xlsx")
    return caught.value


def replace_member(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, content if info.filename == name else source.read(info))
    return buffer.getvalue()


def declare_size(data: bytes, name: str, size: int) -> bytes:
    """Patch one member's uncompressed size in its local header and in the central directory."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    patched = bytearray(data)
    struct.pack_into("<I", patched, archive.getinfo(name).header_offset + 22, size)
    position = archive.start_dir
    while patched[position:position + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", patched, position + 28)
        if patched[position + 46:position + 46 + name_length] == name.encode():
            struct.pack_into("<I", patched, position + 24, size)
            return bytes(patched)
        position += 46 + name_length + extra_length + comment_length
    raise AssertionError(f"{name} is not in the archive")


# ----------------------------------------------------------------------------- far cells

def test_far_cell_with_an_honest_dimension_is_refused_before_parsing():
    rejected = refusal(sample("far_cell.xlsx"))
    assert rejected.code == "sheet_too_large"
    assert "reaches row 1,048,576 and column 16,384" in str(rejected)


def test_far_cell_without_a_dimension_is_found_by_scanning_cell_references():
    assert refusal(sample("far_cell_no_dimension.xlsx")).code == "sheet_too_large"


def test_far_cell_behind_a_lying_dimension_kills_only_the_child_process():
    rejected = refusal(sample("far_cell_lying_dimension.xlsx"))
    assert rejected.code == "unsafe_workbook"
    assert str(rejected).startswith("The workbook could not be read safely")
    assert read_table(small_workbook(), "after.xlsx").headers == ["Date", "NPS"]  # this process lives on


def test_missing_dimension_extent_comes_from_the_widest_cell():
    xml = sheet_xml([["Date"] + [f"Q{i}" for i in range(1, 30)], [datetime.datetime(2026, 1, 5)] + [5] * 29],
                    dimension=None)
    facts = xlsx_safe.inspect_workbook(xlsx_bytes([("Sheet1", xml)]))
    assert facts.worksheets[0].needs_scan
    xlsx_safe.verify_members(xlsx_bytes([("Sheet1", xml)]), facts)
    assert (facts.worksheets[0].rows, facts.worksheets[0].cols) == (2, 30)


# ----------------------------------------------------------------------------- zip bombs and lies

def test_highly_compressed_sheet_is_refused_as_a_zip_bomb():
    padding = b"<!-- " + b" " * (40 * 1024 * 1024) + b" -->"
    bomb = replace_member(small_workbook(), "xl/worksheets/sheet1.xml",
                          sheet_xml([["Date"]]).encode().replace(b"<sheetData>", padding + b"<sheetData>"))
    assert len(bomb) < 200_000
    assert refusal(bomb).code == "zip_bomb"


def test_member_that_inflates_beyond_its_declared_size_is_refused():
    honest = replace_member(small_workbook(), "xl/worksheets/sheet1.xml",
                            sheet_xml([["Date", "NPS"], [datetime.datetime(2026, 1, 5), 9]] * 2000).encode())
    lying = declare_size(honest, "xl/worksheets/sheet1.xml", 4000)
    assert refusal(lying).code == "zip_bomb"


def test_declared_total_over_the_limit_is_refused_without_inflating():
    huge = declare_size(small_workbook(), "xl/styles.xml", xlsx_safe.MAX_TOTAL_INFLATED + 1)
    assert refusal(huge).code == "zip_bomb"


def test_truncated_workbook_is_refused_as_damaged():
    data = small_workbook()
    assert refusal(data[: len(data) // 2]).code == "damaged_workbook"


def test_zip_without_a_workbook_is_refused_as_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    assert refusal(buffer.getvalue()).code == "not_a_workbook"


def test_binary_xlsb_workbook_is_refused_with_save_as_sentence():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
    assert str(refusal(buffer.getvalue())) == "Binary .xlsb workbooks are not supported: save it as .xlsx or CSV."


# ----------------------------------------------------------------------------- XML declarations

def test_entity_declarations_in_a_sheet_are_refused():
    assert refusal(sample("entity.xlsx")).code == "xml_declarations"


def test_doctype_in_any_xml_part_is_refused():
    data = replace_member(small_workbook(), "xl/styles.xml",
                          b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://example.com/x.dtd"><styleSheet/>')
    assert refusal(data).code == "xml_declarations"


def test_utf16_xml_part_is_refused_because_the_scan_cannot_see_into_it():
    data = replace_member(small_workbook(), "xl/styles.xml", '<?xml version="1.0"?><styleSheet/>'.encode("utf-16"))
    assert refusal(data).code == "xml_declarations"


# ----------------------------------------------------------------------------- the child process

def test_child_that_does_not_answer_is_killed_at_the_time_limit():
    child = xlsx_safe._Child(seconds=0.5)
    try:
        with pytest.raises(WorkbookRefused, match="took longer than"):
            child.receive()
    finally:
        child.close(kill=True)


def test_reply_naming_a_function_is_refused_by_the_unpickler():
    payload = pickle.dumps({"columns": [[os.getcwd]]})
    with pytest.raises(pickle.UnpicklingError):
        xlsx_safe._DataOnlyUnpickler(io.BytesIO(payload)).load()


def test_reply_with_date_values_loads():
    values = [datetime.datetime(2026, 1, 5, 9, 30), datetime.date(2026, 1, 5), datetime.time(9, 30),
              datetime.timedelta(days=1)]
    assert xlsx_safe._DataOnlyUnpickler(io.BytesIO(pickle.dumps(values))).load() == values


def test_calamine_cells_are_cleaned_to_none_and_whole_ints():
    cleaned = xlsx_safe.clean_rows([["", "text", 3.0, 2.5, True, datetime.date(2026, 1, 5), 1e20]])[0]
    assert cleaned.tolist() == [None, "text", 3, 2.5, True, datetime.date(2026, 1, 5), 1e20]
    assert type(cleaned[2]) is int and type(cleaned[4]) is bool


def test_hidden_sheet_is_not_chosen_over_a_visible_answers_sheet():
    answers = sheet_xml([["Date", "NPS"], [datetime.datetime(2026, 1, 5), 9]])
    data = xlsx_bytes([("Old answers", answers), ("Answers", answers)], hidden=("Old answers",))
    assert read_table(data, "two.xlsx").decisions["sheet"] == "Answers"


@settings(max_examples=15, deadline=None)
@given(st.data())
def test_damaged_xml_inside_a_valid_zip_gives_a_table_or_a_rejection(data):
    source = zipfile.ZipFile(io.BytesIO(sample("survey_title_two_sheets.xlsx")))
    name = data.draw(st.sampled_from(source.namelist()))
    content = bytearray(source.read(name))
    start = data.draw(st.integers(0, len(content) - 1))
    content[start:start + data.draw(st.integers(1, 40))] = data.draw(
        st.sampled_from([b"", b"<", b'"', b'<c r="ZZ9"><v>1</v></c>', b"&amp;", b'r="A1"', b"</row>"]))
    workbook = replace_member(sample("survey_title_two_sheets.xlsx"), name, bytes(content))
    try:
        table = read_table(workbook, "fuzz.xlsx")
    except FileRejected as rejected:
        assert rejected.code in {"damaged_workbook", "unsafe_workbook", "no_header", "no_data", "empty_sheet",
                                 "not_a_workbook", "no_worksheets", "sheet_too_large"}
    else:
        assert table.frame.shape[1] == len(table.headers)
