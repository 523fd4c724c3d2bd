"""A big sheet parsed by two children at once reads exactly as when one child parses it whole."""
from __future__ import annotations

import datetime
import re

import pytest

from cx import readers, xlsx_safe
from tests.files.make_files import sheet_xml, xlsx_bytes

ROWS = 400
TOUCHPOINTS = ["Verkkokauppa", "Laskutus", "Reklamaatio", "Asiakaspalvelu"]


def answer(i: int) -> list[object]:
    """One realistic answer row: date-time (some at midnight), touchpoint, scores, yes/no, comment."""
    moment = datetime.datetime(2026, 1, 1) + datetime.timedelta(hours=7 * i)
    return [f"R{i:05d}", moment if i % 5 else moment.date(), TOUCHPOINTS[i % 4],
            i % 11 if i % 13 else None, float(i % 7) + (0.5 if i % 17 == 0 else 0), i % 3 == 0,
            "Nopea ja selkeä" if i % 6 == 0 else None]


HEADER = ["Response ID", "Vastauspäivä", "Kosketuspiste", "NPS", "CES", "Ratkaistu", "Kommentti"]


def survey_export() -> str:
    """A title row, the header, a question-text row, then the answers."""
    return sheet_xml([["Asiakaskysely 2026"], HEADER, ["", "", "", "Kuinka todennäköisesti...", "", "", ""]]
                     + [answer(i) for i in range(ROWS)])


def shifted_columns() -> str:
    """The first half fills columns A-C, the second half B-F: the parts have different widths."""
    first = [["id", "a", "b"]] + [[f"x{i}", i, "t"] for i in range(ROWS // 2)]
    second = [[None, i, f"y{i}", None, 2.5, "end"] for i in range(ROWS // 2)]
    return sheet_xml(first + second)


def gap_in_the_middle() -> str:
    """Rows 150 to 299 are empty: the cut may fall in the gap or around it."""
    rows = [["id", "score"]] + [[f"r{i}", i % 11] if not 150 <= i < 300 else [] for i in range(ROWS)]
    return sheet_xml(rows)


def offset_start() -> str:
    """The table starts at C5."""
    return sheet_xml([[None, None, *row] for row in [HEADER] + [answer(i) for i in range(ROWS)]], first_row=5)


def prefixed(xml: str) -> str:
    """The same sheet with the SpreadsheetML namespace bound to a prefix (x:row, x:c, ...)."""
    xml = re.sub(r"<(/?)(worksheet|dimension|sheetData|row|c|v|is|t)\b", r"<\1x:\2", xml)
    return xml.replace('xmlns="', 'xmlns:x="', 1)


def unnumbered_rows(xml: str) -> str:
    return re.sub(r'<row r="\d+"', "<row", xml)


def read(data: bytes, parts: int) -> xlsx_safe.SheetCells:
    _, cells = xlsx_safe.read_sheet(data, sheet=None, choose=lambda heads: heads[0].facts.name,
                                    head_rows=xlsx_safe.HEAD_ROWS, body_start=lambda head: 1, parts=parts)
    return cells


def assert_same_cells(split: xlsx_safe.SheetCells, whole: xlsx_safe.SheetCells) -> None:
    assert split.start == whole.start
    assert split.head == whole.head
    assert split.columns.num_rows == whole.columns.num_rows
    assert split.columns.to_pylist() == whole.columns.to_pylist()


@pytest.mark.parametrize("layout", [survey_export, shifted_columns, gap_in_the_middle, offset_start],
                         ids=lambda f: f.__name__)
def test_a_sheet_read_in_two_parts_has_the_cells_of_a_whole_read(layout):
    data = xlsx_bytes([("Vastaukset", layout())])
    split, whole = read(data, parts=2), read(data, parts=1)
    assert split.parts == 2
    assert_same_cells(split, whole)


def test_a_sheet_with_prefixed_tags_is_cut_at_its_prefixed_row_tags():
    data = xlsx_bytes([("Vastaukset", prefixed(survey_export()))])
    split, whole = read(data, parts=2), read(data, parts=1)
    assert split.parts == 2
    assert_same_cells(split, whole)


def test_rows_without_numbers_are_read_whole():
    data = xlsx_bytes([("Vastaukset", unnumbered_rows(survey_export()))])
    split, whole = read(data, parts=2), read(data, parts=1)
    assert split.parts == 1
    assert_same_cells(split, whole)


def test_a_first_part_shorter_than_the_head_is_read_whole():
    """Long comments late in the sheet put the byte midpoint within the first rows."""
    rows = [HEADER] + [answer(i) for i in range(30)] + [["R", None, "Laskutus", 5, 3, True, "pitkä " * 4000]
                                                        for _ in range(40)]
    data = xlsx_bytes([("Vastaukset", sheet_xml(rows))])
    split, whole = read(data, parts=2), read(data, parts=1)
    assert split.parts == 1
    assert_same_cells(split, whole)


def test_a_big_single_sheet_import_reads_in_parts_and_gives_the_same_table(monkeypatch):
    data = xlsx_bytes([("Vastaukset", survey_export())])
    monkeypatch.setattr(xlsx_safe, "SPLIT_MIN_ROWS", 10**9)
    whole = readers.read_table(data, "kysely.xlsx")
    monkeypatch.setattr(xlsx_safe, "SPLIT_MIN_ROWS", 100)
    split = readers.read_table(data, "kysely.xlsx")
    assert split.headers == whole.headers == HEADER
    assert split.decisions == whole.decisions
    assert split.frame.values.tolist() == whole.frame.values.tolist()


@pytest.mark.parametrize("xml, reason", [
    ("<worksheet><sheetData/></worksheet>", "no rows"),
    ("<worksheet><sheetData><row r='1'/><!-- <row r='9'> --><row r='2'/></sheetData></worksheet>", "a comment"),
    ("<worksheet><sheetData><row r='1'><c><is><t><![CDATA[<row r='5'>]]></t></is></c></row><row r='2'/>"
     "</sheetData></worksheet>", "CDATA"),
    ("<worksheet><sheetData><row><c/></row><row><c/></row></sheetData></worksheet>", "no row numbers"),
])
def test_rows_that_cannot_be_cut_safely_are_not_cut(xml, reason):
    assert xlsx_safe.row_cuts(xml.encode(), 2) is None, reason


def test_cuts_fall_on_numbered_row_tags_and_not_on_look_alike_tags():
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row><rowBreaks/>' for n in range(1, 21))
    xml = f"<worksheet><sheetData>{rows}</sheetData></worksheet>".encode()
    start, cut, end = xlsx_safe.row_cuts(xml, 2)
    assert xml[start - len(b"<sheetData>"):start] == b"<sheetData>"
    assert re.match(rb'<row r="\d+">', xml[cut:])
    assert xml[end:].startswith(b"</sheetData>")
