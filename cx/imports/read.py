"""Read an uploaded CSV or XLSX file into header cells and a frame of raw cells.

This is the file-reading layer of the importer: it decides how the bytes are laid out
(file type by content, encoding, delimiter, sheet, header row, extra header rows) and says
what it decided, but it converts nothing: CSV cells stay text, XLSX cells keep calamine's
native values. Mapping, typing and validation happen in cx.validate / cx.importer.

A file that cannot be read at all raises FileRejected with one sentence for the user; a row
that cannot be read properly is kept (as far as readable) and listed in TableText.bad_rows so
the importer can reject that row alone. Frame row i is always data line i + 1: blank lines in
the middle of the data stay in the frame as all-None rows; trailing blank rows are dropped.
"""
from __future__ import annotations

import codecs
import csv
import datetime
import gc
import io
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from cx import xlsx_safe
from cx.imports import layout as detect

MAX_CELL_CHARS = 32_767            # Excel's own cell limit; longer cells are reported
SAMPLE_BYTES = 256 * 1024          # read for layout detection
PYTHON_PATH_ROWS = 50_000          # previews up to this many rows skip the columnar parser
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"BZh",
                     b"\x7fELF", b"MZ")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (with a byte-order mark)", "utf-16": "UTF-16",
                  "utf-16-le": "UTF-16 little-endian", "utf-16-be": "UTF-16 big-endian", "utf-32": "UTF-32",
                  "cp1252": "Windows-1252 (Western European)", "latin-1": "Latin-1 (ISO-8859-1)",
                  "mixed": "UTF-8 and Windows-1252, line by line"}

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a megabyte cell is a row problem, not a crash


class FileRejected(xlsx_safe.Refusal):
    """The file cannot be read at all. str(exc) is ONE clear sentence for a non-programmer;
    exc.code is a stable key for the same reason (for translations and tests)."""


@dataclass
class SheetInfo:
    name: str
    rows: int          # from the sheet's dimension
    cols: int
    looks_like_answers: bool   # heuristic: has a date-like header or a score-like header / most data rows


class TableText:
    """The table as read: header cells, data cells, bad rows, extra header rows, decisions.

    Cells stay Arrow columns (`arrow`, null for an empty cell): text for CSV, typed cells for XLSX
    (xlsx_safe.typed_table: text, numbers, yes/no, dates), so a million-row file reaches DuckDB
    without a Python object per cell; `frame` (a pandas frame of Python values) is built from them
    only when something asks for it. A table made from a frame (tests) keeps that frame.
    """

    def __init__(self, headers: list[str], frame: pd.DataFrame | None = None, bad_rows: dict[int, str] | None = None,
                 extra_header_rows: list[list[str]] | None = None, decisions: dict[str, object] | None = None,
                 file_type: str = "csv", *, arrow=None, filled: np.ndarray | None = None):
        self.headers = headers
        self._frame = frame
        self.arrow = arrow  # pyarrow.Table, one column per header, or None
        self.bad_rows = bad_rows or {}
        self.extra_header_rows = extra_header_rows or []
        self.decisions = decisions if decisions is not None else {"notes": []}
        self.file_type = file_type
        self._filled = filled

    def __repr__(self) -> str:
        return f"TableText({self.file_type}, {len(self)} rows, headers={self.headers!r})"

    def __len__(self) -> int:
        if self._frame is not None:
            return len(self._frame)
        return self.arrow.num_rows if self.arrow is not None else 0

    @property
    def frame(self) -> pd.DataFrame:
        """Every cell as a Python value (None when empty), columns numbered from 0."""
        if self._frame is None:
            columns = {i: _to_objects(self.arrow.column(i)) for i in range(self.arrow.num_columns)} \
                if self.arrow is not None else {}
            self._frame = pd.DataFrame(columns, dtype=object, copy=False)
        return self._frame

    def head(self, rows: int) -> pd.DataFrame:
        """The first rows as Python values, without converting the rest."""
        if self._frame is not None or self.arrow is None:
            return self.frame.head(rows)
        part = self.arrow.slice(0, rows)
        return pd.DataFrame({i: _to_objects(part.column(i)) for i in range(part.num_columns)}, dtype=object)

    def filled(self) -> np.ndarray:
        """Whether each row has at least one cell."""
        if self._filled is None:
            if self.arrow is not None:
                self._filled = _filled_arrow(self.arrow.columns, self.arrow.num_rows)
            else:
                self._filled = _filled_rows([self.frame[i].to_numpy(object) for i in self.frame.columns]) \
                    if len(self.frame.columns) else np.zeros(len(self.frame), bool)
        return self._filled

    def release_cells(self) -> None:
        """Drop the cells (the importer keeps only headers and decisions once rows are checked)."""
        self.arrow = None
        self._frame = pd.DataFrame()
        self._filled = None


@dataclass
class _Layout:
    """What the header detection decided, in indexes of the rows it looked at."""
    header_index: int
    skip: int
    notes: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------- public functions

def list_sheets(data: bytes, file_name: str) -> list[SheetInfo]:
    """The worksheets of a workbook with their size and whether they look like answers; [] for CSV."""
    if _file_type(data, file_name, []) != "xlsx":
        return []
    try:
        facts, heads = xlsx_safe.sheet_heads(data)
    except xlsx_safe.WorkbookRefused as exc:
        raise FileRejected(str(exc), exc.code) from exc
    return [SheetInfo(name=h.facts.name, rows=h.facts.rows, cols=h.facts.cols,
                      looks_like_answers=detect.looks_like_answers(h.rows)[0]) for h in heads]


def read_table(data: bytes, file_name: str, *, sheet: str | None = None, header_row: int | None = None,
               skip_rows: int | None = None, delimiter: str | None = None, encoding: str | None = None,
               decimal: str | None = None, max_rows: int | None = None) -> TableText:
    """Read the table in a CSV or XLSX file; every argument left None is detected and reported."""
    _check_arguments(header_row, skip_rows, max_rows, decimal)
    notes: list[str] = []
    file_type = _file_type(data, file_name, notes)
    if file_type == "xlsx":
        return _read_xlsx(data, sheet=sheet, header_row=header_row, skip_rows=skip_rows, max_rows=max_rows,
                          notes=notes)
    if file_type == "json":
        try:
            return _read_json(data, max_rows, notes)
        except FileRejected:
            if file_name.lower().endswith((".json", ".jsonl", ".ndjson")):
                raise  # a text file that only starts like JSON ('[Survey] ...') is read as CSV
    return _read_csv(data, header_row=header_row, skip_rows=skip_rows, delimiter=delimiter, encoding=encoding,
                     decimal=decimal, max_rows=max_rows, notes=notes)


def _check_arguments(header_row, skip_rows, max_rows, decimal) -> None:
    if header_row is not None and header_row < 1:
        raise FileRejected("The header row must be 1 or more.", "bad_setting")
    if skip_rows is not None and skip_rows < 0:
        raise FileRejected("The number of rows to skip cannot be negative.", "bad_setting")
    if max_rows is not None and max_rows < 0:
        raise ValueError("max_rows cannot be negative")
    if decimal is not None and decimal not in (".", ","):
        raise FileRejected("The decimal mark must be '.' or ','.", "bad_setting")


# ----------------------------------------------------------------------------- file type by content

_BLANK_BYTES = b" \t\r\n\x00" + codecs.BOM_UTF8 + codecs.BOM_UTF16_LE + codecs.BOM_UTF16_BE


def _file_type(data: bytes, file_name: str, notes: list[str]) -> str:
    """'csv' or 'xlsx' from the bytes themselves; the name only shapes the note when they disagree."""
    if not data[:4096].strip(_BLANK_BYTES) and not data.strip(_BLANK_BYTES):
        raise FileRejected("The file is empty.", "empty_file")
    named_workbook = file_name.lower().endswith((".xlsx", ".xlsm", ".xls", ".xlsb"))
    if data.startswith(ZIP_SIGNATURES):
        if not named_workbook:
            notes.append(f"The file is named '{file_name}' but holds an Excel workbook; read it as a workbook.")
        return "xlsx"
    if data.startswith(OLE2_SIGNATURE):
        if ENCRYPTION_STREAM in data:
            raise FileRejected("The workbook is password-protected: remove the password in Excel and upload again.",
                               "password_protected")
        raise FileRejected("Old .xls workbooks are not supported: save it as .xlsx or CSV.", "old_xls")
    if data.startswith(BINARY_SIGNATURES):
        raise FileRejected("The file is not a CSV or Excel (.xlsx) file.", "not_a_table")
    if named_workbook:
        notes.append(f"The file is named '{file_name}' but holds text, not a workbook; read it as CSV.")
    if file_name.lower().endswith((".json", ".jsonl", ".ndjson")) or data[:4096].lstrip(_BLANK_BYTES)[:1] in (b"[", b"{"):
        return "json"
    return "csv"


# ----------------------------------------------------------------------------- JSON (API exports)

def _read_json(data: bytes, max_rows: int | None, notes: list[str]) -> TableText:
    """Records from an API export (Peakon's Data Export API, say) as a table: a JSON array of objects,
    an object holding one such array, or one object per line; nested objects become 'a.b' columns.
    Every cell is text, like a CSV's."""
    records = _json_records(data)
    if not records:
        raise FileRejected("The JSON file holds no records (objects) to read as rows.", "no_data")
    flat = [_flatten(r) for r in records[:max_rows] if isinstance(r, dict)]
    headers = list(dict.fromkeys(k for r in flat for k in r))
    columns = [pa.array([_json_text(r.get(h)) for r in flat], pa.string()) for h in headers]
    table = pa.table(columns, names=[str(i) for i in range(len(headers))])
    notes.append(f"Read {len(flat):,} JSON records as rows, one column per field.")
    decisions: dict[str, object] = {"file_type": "json", "header_row": None, "skip_rows": 0, "notes": notes}
    return _assemble(headers, table, {}, [], decisions, "json", max_rows)


def _json_records(data: bytes) -> list:
    import json

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRejected("The JSON file is not UTF-8 text.", "bad_encoding") from exc
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        try:
            value = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise FileRejected(f"The file looks like JSON but is not valid JSON (line {exc.lineno}).",
                               "not_a_table") from None
    if isinstance(value, dict):
        value = next((v for v in value.values() if isinstance(v, list)), [value])
    return value if isinstance(value, list) else []


def _flatten(record: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = value
    return out


def _json_text(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


# ----------------------------------------------------------------------------- shared table assembly

def _header_text(value: object) -> str:
    """A header (or extra header) cell as stripped text; XLSX headers may be numbers or dates."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value).replace("\x00", "").lstrip("\ufeff").strip()


_NOT_LABELS = ("response", "open-ended response")


def name_blank_headers(headers: list[str], extra: list[list[str]], notes: list[str]) -> list[str]:
    """Columns whose first header row is blank but whose second names them (SurveyMonkey's matrix
    rows and checkbox choices) are named '<question> - <label>', the question being the nearest
    header to the left, so they can be mapped (and are never dropped as nameless)."""
    named = list(headers)
    done = []
    for i, header in enumerate(headers):
        if header:
            continue
        label = next((row[i] for row in extra if i < len(row) and row[i]
                      and not row[i].lower().startswith(('{"importid"', "{'importid'"))
                      and row[i].lower() not in _NOT_LABELS), "")
        if not label:
            continue
        left = next((headers[j] for j in range(i - 1, -1, -1) if headers[j]), "")
        named[i] = f"{left} - {label}" if left else label
        done.append(named[i])
    if done:
        shown = ", ".join(f"'{n}'" for n in done[:4]) + (" ..." if len(done) > 4 else "")
        notes.append(f"Named {len(done)} column{'s' if len(done) > 1 else ''} from the second header row, where "
                     f"the first is blank: {shown}.")
    return named


def _row_texts(row: list[object]) -> list[str]:
    return [_header_text(v) for v in row]


def _detect_layout(rows: list[list[object]], header_row: int | None, skip_rows: int | None,
                   first_row_number: int, what: str) -> _Layout:
    """Header index and skip count within rows (row 0 is file row first_row_number)."""
    notes = []
    if header_row is None:
        index = detect.find_header_row(rows)
        if index is None:
            raise FileRejected(f"No header row was found: the first rows of the {what} do not look like column "
                               "names.", "no_header")
        if index > 0:
            notes.append(f"The header is on row {index + first_row_number}; the rows above it were skipped.")
    else:
        index = header_row - first_row_number
        if index < 0 or index >= len(rows) or not any(_header_text(v) for v in rows[index]):
            raise FileRejected(f"Row {header_row} of the {what} is empty or missing, so it cannot be the header row.",
                               "no_header")
    if skip_rows is None:
        skip = detect.find_skip_rows(rows, index)
        if skip:
            rows = "1 row" if skip == 1 else f"{skip} rows"
            notes.append(f"Skipped {rows} after the header that belong to the header (question text, ids or "
                         "answer labels), not to the answers.")
    else:
        skip = skip_rows
    return _Layout(header_index=index, skip=skip, notes=notes)


def _filled_rows(columns: list[np.ndarray]) -> np.ndarray:
    """Whether each row has at least one cell."""
    filled = np.zeros(len(columns[0]) if columns else 0, dtype=bool)
    for column in columns:
        filled |= np.not_equal(column, None)
    return filled


def _filled_arrow(columns: list, rows: int) -> np.ndarray:
    """Whether each row has at least one cell, for Arrow text columns (null = empty)."""
    filled = np.zeros(rows, dtype=bool)
    for column in columns:
        if column.null_count < len(column):
            filled |= pc.is_valid(column).to_numpy(zero_copy_only=False)
    return filled


def _assemble(headers: list[str], columns: pa.Table, bad_rows: dict[int, str],
              extra_rows: list[list[str]], decisions: dict[str, object], file_type: str,
              max_rows: int | None, filled: np.ndarray | None = None) -> TableText:
    """Trim, check and wrap the data columns; raise FileRejected when nothing usable is left.

    columns: one column per header, Arrow text (CSV) or typed cells (XLSX: xlsx_safe.typed_table),
    null where a cell is empty. filled (whether each row has any cell) may come from the reader,
    which often knows it cheaply.
    """
    notes: list[str] = decisions["notes"]  # type: ignore[assignment]
    if not any(headers):
        raise FileRejected("The header row has no column names.", "no_header")
    if filled is None:
        filled = _filled_arrow(columns.columns, columns.num_rows)
    hits = np.flatnonzero(filled)
    height = int(hits[-1]) + 1 if len(hits) else 0
    if max_rows is not None:
        height = min(height, max_rows)
    if height == 0 and max_rows != 0:
        raise FileRejected("The file has a header row but no data rows.", "no_data")
    width = len(headers)
    while width > 1 and not headers[width - 1] and not _any_cell(columns, width - 1, height):
        width -= 1
    if width < len(headers):
        notes.append(f"Ignored {len(headers) - width} empty column{'s' if len(headers) - width > 1 else ''} "
                     "without a name at the right edge.")
    blank = [int(i) + 1 for i in np.flatnonzero(~filled[:height])]
    if blank:
        shown = ", ".join(str(n) for n in blank[:5]) + (" ..." if len(blank) > 5 else "")
        notes.append(f"{len(blank)} data line{'s are' if len(blank) > 1 else ' is'} empty ({shown}).")
    bad = {line: reason for line, reason in sorted(bad_rows.items()) if line <= height}
    kept = columns.slice(0, height).select(list(range(width))).rename_columns([str(i) for i in range(width)])
    return TableText(headers[:width], None, bad, extra_rows, decisions, file_type, arrow=kept, filled=filled[:height])


def _any_cell(columns: pa.Table, index: int, height: int) -> bool:
    part = columns.column(index).slice(0, height)
    return part.null_count < len(part)


# ----------------------------------------------------------------------------- XLSX

def _read_xlsx(data: bytes, *, sheet: str | None, header_row: int | None, skip_rows: int | None,
               max_rows: int | None, notes: list[str]) -> TableText:
    choice_notes: list[str] = []
    found: dict[str, object] = {}

    def choose(heads):
        name, note = _choose_sheet(heads)
        choice_notes.append(note)
        return name

    def body_start(head: xlsx_safe.SheetHead) -> int:
        if not head.rows:
            raise FileRejected(f"The sheet '{head.facts.name}' is empty.", "empty_sheet")
        first_row = head.top + 1  # the head starts at the sheet's first row, empty rows above the data included
        layout = _detect_layout(head.rows, header_row, skip_rows, first_row, f"sheet '{head.facts.name}'")
        found.update(layout=layout, first_row=first_row)
        return layout.header_index + 1 + layout.skip

    head_rows = xlsx_safe.HEAD_ROWS + (header_row or 0) + (skip_rows or 0)
    try:
        facts, cells = xlsx_safe.read_sheet(data, sheet=sheet, choose=choose, head_rows=head_rows,
                                            body_start=body_start, nrows=max_rows)
    except xlsx_safe.WorkbookRefused as exc:
        raise FileRejected(str(exc), exc.code) from exc
    notes.extend(choice_notes)
    if facts.date1904:
        notes.append("The workbook uses the 1904 date system (older Mac Excel); its dates were read accordingly.")
    layout: _Layout = found["layout"]  # type: ignore[assignment]
    data_start = layout.header_index + 1 + layout.skip
    decisions: dict[str, object] = {
        "file_type": "xlsx", "sheet": cells.name, "date_system": "1904" if facts.date1904 else "1900",
        "header_row": layout.header_index + found["first_row"], "skip_rows": layout.skip,
        "notes": notes + layout.notes,
    }
    extra = [_row_texts(r) for r in cells.head[layout.header_index + 1:data_start]]
    headers = name_blank_headers(_row_texts(cells.head[layout.header_index]), extra, decisions["notes"])
    return _assemble(headers, cells.columns, {}, extra, decisions, "xlsx",
                     max_rows)


def _choose_sheet(heads: list[xlsx_safe.SheetHead]) -> tuple[str, str]:
    """The sheet that looks most like answers (visible first, then score, then rows), and why."""
    ranked = []
    for order, head in enumerate(heads):
        looks, score = detect.looks_like_answers(head.rows)
        ranked.append((looks, not head.facts.hidden, score, head.facts.rows, -order, head.facts.name))
    ranked.sort(reverse=True)
    best = ranked[0]
    others = [r[-1] for r in ranked[1:]]
    answer_sheets = [r[-1] for r in ranked if r[0]]
    quoted = ", ".join(f"'{n}'" for n in others)
    if len(answer_sheets) == 1:
        note = (f"Read sheet '{best[-1]}': it looks like answers (a date or score column); "
                f"the other sheets ({quoted}) do not.")
    elif answer_sheets:
        listed = ", ".join(f"'{n}'" for n in answer_sheets)
        note = (f"Several sheets look like answers ({listed}); read '{best[-1]}', which scores highest. "
                "Choose another sheet if that is wrong.")
    else:
        note = (f"No sheet clearly looks like answers; read '{best[-1]}', the largest. "
                f"Choose another sheet if that is wrong (others: {quoted}).")
    return best[-1], note


# ----------------------------------------------------------------------------- CSV: encoding

@dataclass
class _Decoded:
    codec: str          # the codec name reported in decisions
    bom_length: int     # bytes of byte-order mark at the start
    utf8: bool          # the payload after the BOM is UTF-8 (no full decode needed for the fast path)
    text: str | None    # the whole text, for non-UTF-8 files
    sample: str         # the first SAMPLE_BYTES decoded


def _decode(data: bytes, encoding: str | None, notes: list[str]) -> _Decoded:
    """BOM -> utf-8-sig / utf-16 / utf-32; else strict UTF-8; else cp1252; else Latin-1."""
    if encoding is not None:
        return _decode_as(data, encoding)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, bom, codec, notes)
    guessed = _bomless_utf16(data)
    if guessed:
        try:
            decoded = _full_decode(data, guessed)
        except UnicodeDecodeError:  # NULs in every other byte, yet not UTF-16 (an odd length, say)
            pass
        else:
            notes.append(f"The file has no byte-order mark but looks like {ENCODING_NAMES[guessed]}.")
            return decoded
    try:
        return _decode_utf8(data, 0, "utf-8")
    except UnicodeDecodeError:
        return _legacy_decode(data, notes)


def _decode_with_bom(data: bytes, bom: bytes, codec: str, notes: list[str]) -> _Decoded:
    """A byte-order mark names the encoding; bytes that break it are a damaged file, not a reason
    to refuse it: UTF-8 falls back to cp1252 like a file without a mark, UTF-16/32 keeps the text
    with U+FFFD in place of the broken characters."""
    try:
        if codec == "utf-8-sig":
            return _decode_utf8(data, len(bom), codec)
        return _full_decode(data, codec, bom_length=len(bom))
    except UnicodeDecodeError:
        if codec == "utf-8-sig":
            notes.append("The file starts with a UTF-8 byte-order mark but is not valid UTF-8.")
            return _legacy_decode(data[len(bom):], notes, bom_length=len(bom))
        notes.append(f"Some bytes are not valid {ENCODING_NAMES[codec]}; they were replaced with \ufffd.")
        return _full_decode(data, codec, bom_length=len(bom), errors="replace")


def _legacy_decode(data: bytes, notes: list[str], bom_length: int = 0) -> _Decoded:
    """A file that is not UTF-8 throughout: Windows-1252 (else Latin-1), unless some of its lines are
    UTF-8 with letters beyond ASCII: then each line is decoded on its own (see _decode_lines), so a
    file pasted together from two sources keeps 'café' in both halves."""
    text, legacy_lines, utf8_lines = _decode_lines(data)
    if utf8_lines and legacy_lines:
        shown = ", ".join(str(n) for n in legacy_lines[:10]) + (" ..." if len(legacy_lines) > 10 else "")
        notes.append(f"The file mixes UTF-8 and Windows-1252 text: line{'s' if len(legacy_lines) > 1 else ''} "
                     f"{shown} of the file {'were' if len(legacy_lines) > 1 else 'was'} read as Windows-1252, "
                     "the rest as UTF-8.")
        return _Decoded(codec="mixed", bom_length=bom_length, utf8=False, text=text.removeprefix("\ufeff"),
                        sample=text.removeprefix("\ufeff")[:SAMPLE_BYTES])
    try:
        decoded = _full_decode(data, "cp1252", bom_length=bom_length)
    except UnicodeDecodeError:
        decoded = _full_decode(data, "latin-1", bom_length=bom_length)
    notes.append(f"The file is not UTF-8; read it as {ENCODING_NAMES[decoded.codec]}.")
    return decoded


def _decode_lines(data: bytes) -> tuple[str, list[int], int]:
    """The text decoded a line at a time: UTF-8 where the line is UTF-8, else Windows-1252 (else
    Latin-1), each line's bytes kept exactly. Also the file lines (1 = first) read as Windows-1252
    and how many lines were UTF-8 beyond ASCII."""
    parts, legacy, utf8 = [], [], 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            parts.append(line.decode("utf-8"))
            utf8 += not line.isascii()
        except UnicodeDecodeError:
            legacy.append(number)
            try:
                parts.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                parts.append(line.decode("latin-1"))
    return "\n".join(parts), legacy, utf8


def _decode_as(data: bytes, encoding: str) -> _Decoded:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError as exc:
        raise FileRejected(f"The encoding '{encoding}' is not known.", "bad_setting") from exc
    try:
        if codec == "utf-8":
            return _decode_utf8(data, len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0, encoding)
        return _full_decode(data, codec)
    except UnicodeDecodeError as exc:
        raise FileRejected(f"The file is not valid {encoding} text: check the encoding setting.",
                           "bad_encoding") from exc


def _decode_utf8(data: bytes, bom_length: int, codec: str) -> _Decoded:
    """Decode only a sample; the columnar parser validates the rest (and we fall back if it fails)."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    end = bom_length + SAMPLE_BYTES
    sample = decoder.decode(data[bom_length:end], final=end >= len(data))
    return _Decoded(codec=codec, bom_length=bom_length, utf8=True, text=None, sample=sample)


def _full_decode(data: bytes, codec: str, bom_length: int = 0, errors: str = "strict") -> _Decoded:
    text = data.decode(codec, errors)
    text = text.removeprefix("\ufeff")
    return _Decoded(codec=codec, bom_length=bom_length, utf8=False, text=text, sample=text[:SAMPLE_BYTES])


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as a NUL in every other byte."""
    head = data[:4096]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _refuse_binary(sample: str) -> None:
    """Text has few control characters; a stray NUL in a small file is a row problem, not binary."""
    window = sample[:65536]
    if len(_CONTROL.findall(window)) > 0.05 * max(len(window), 1024):
        raise FileRejected("The file is not a CSV or Excel (.xlsx) file: it holds binary data, not text.",
                           "not_a_table")


# ----------------------------------------------------------------------------- CSV: layout

class _CountingLines:
    """Lines of a text (split on CR, LF and CRLF only) that counts the characters handed out,
    so after csv.reader returns a record we know where the next one starts."""

    def __init__(self, text: str):
        self._stream = io.StringIO(text, newline="")
        self.consumed = 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self._stream.readline()
        if not line:
            raise StopIteration
        self.consumed += len(line)
        return line


def _sample_records(sample: str, delimiter: str, complete: bool) -> tuple[list[list[str]], list[int]]:
    """The records of the sample and the character offset after each; the last, possibly cut
    record is dropped unless the sample is the whole file."""
    lines = _CountingLines(sample)
    reader = csv.reader(lines, delimiter=delimiter)
    records, ends = [], []
    try:
        for record in reader:
            records.append(record)
            ends.append(lines.consumed)
            if len(records) >= detect.HEAD_ROWS + 200:
                break
    except csv.Error:
        pass
    if not complete and records and ends[-1] >= len(sample):
        records.pop()
        ends.pop()
    return records, ends


def _normalise_delimiter(delimiter: str) -> str:
    named = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}
    delimiter = named.get(delimiter.lower(), delimiter)
    if len(delimiter) != 1 or delimiter in "\r\n\"":
        raise FileRejected("The delimiter must be one character such as ',' or ';'.", "bad_setting")
    return delimiter


# ----------------------------------------------------------------------------- CSV: reading

def _read_csv(data: bytes, *, header_row: int | None, skip_rows: int | None, delimiter: str | None,
              encoding: str | None, decimal: str | None, max_rows: int | None, notes: list[str]) -> TableText:
    decoded = _decode(data, encoding, notes)
    _refuse_binary(decoded.sample)
    if decoded.text is not None:
        complete = len(decoded.sample) == len(decoded.text)
    else:
        complete = decoded.bom_length + SAMPLE_BYTES >= len(data)
    layout_notes = []
    if delimiter is None:
        delimiter = detect.detect_delimiter(decoded.sample) or ","
        layout_notes.append(f"Detected delimiter {_delimiter_name(delimiter)}")
    else:
        delimiter = _normalise_delimiter(delimiter)
    records, ends = _sample_records(decoded.sample, delimiter, complete)
    if not records:
        raise FileRejected("No header row was found: the file has no complete line of text.", "no_header")
    layout = _detect_layout(records, header_row, skip_rows, 1, "file")
    data_start = layout.header_index + 1 + layout.skip
    if data_start > len(records) and not complete:
        raise FileRejected("The header rows are too long to find where the data starts.", "no_header")
    extra = [_row_texts(r) for r in records[layout.header_index + 1:data_start]]
    headers = name_blank_headers(_row_texts(records[layout.header_index]), extra, layout.notes)
    start_char = ends[data_start - 1] if data_start <= len(ends) else len(decoded.sample)
    if decimal is None:
        decimal = detect.detect_decimal(records[data_start:data_start + 200])
        mark = "decimal comma" if decimal == "," else "decimal point"
        layout_notes.append(f"{'and' if layout_notes else 'Detected'} {mark}")
    decisions: dict[str, object] = {
        "file_type": "csv", "encoding": decoded.codec, "delimiter": delimiter, "decimal": decimal,
        "header_row": layout.header_index + 1, "skip_rows": layout.skip,
        "notes": notes + ([" ".join(layout_notes) + "."] if layout_notes else []) + layout.notes,
    }
    body = _Body(decoded, data, start_char)
    columns, bad_rows, filled = _read_body(body, delimiter, len(headers), headers, max_rows, decisions)
    return _assemble(headers, columns, bad_rows, extra, decisions, "csv", max_rows, filled)


def _delimiter_name(delimiter: str) -> str:
    return "tab" if delimiter == "\t" else f"'{delimiter}'"


class _Body:
    """The data part of a CSV file (after the header rows) as UTF-8 bytes or as text, on demand."""

    def __init__(self, decoded: _Decoded, data: bytes, start_char: int):
        self.decoded = decoded
        if decoded.utf8:
            prefix = decoded.sample[:start_char].encode("utf-8")
            self._start_byte = decoded.bom_length + len(prefix)
        self._data = data
        self._start_char = start_char

    def utf8_bytes(self) -> memoryview:
        """Without copying the file when it is UTF-8 already; trailing line ends left out."""
        if self.decoded.utf8:
            end = len(self._data)
            while end > self._start_byte and self._data[end - 1] in b"\r\n":
                end -= 1
            return memoryview(self._data)[self._start_byte:end]
        return memoryview(self.text().encode("utf-8"))

    def line_breaks(self, payload: memoryview) -> int:
        """Line feeds in `payload` (from utf8_bytes): one fewer than its rows unless a cell holds one."""
        if self.decoded.utf8:
            return self._data.count(b"\n", self._start_byte, self._start_byte + len(payload))
        return payload.obj.count(b"\n")

    def text(self) -> str:
        if self.decoded.utf8:
            return self._data[self._start_byte:].decode("utf-8").rstrip("\r\n")
        return self.decoded.text[self._start_char:].rstrip("\r\n")

    def check_text(self) -> None:
        """Raise UnicodeDecodeError now if the UTF-8 data part is not UTF-8 (decoded and dropped)."""
        if self.decoded.utf8:
            codecs.utf_8_decode(memoryview(self._data)[self._start_byte:], "strict", True)

    def lines(self):
        """The data part's lines for csv.reader, decoded as they are read (splitting on CR, LF and
        CRLF, newlines kept): a whole-text io.StringIO holds four bytes per character."""
        if self.decoded.utf8:
            raw = io.BytesIO(self._data)
            raw.seek(self._start_byte)
        else:
            raw = io.BytesIO(self.text().encode("utf-8"))
        return io.TextIOWrapper(raw, encoding="utf-8", newline="")

    def has_marks(self) -> bool:
        """Whether the data part holds a NUL or a byte-order mark (cells to clean and report)."""
        if self.decoded.utf8:
            return (self._data.find(b"\x00", self._start_byte) >= 0
                    or self._data.find(codecs.BOM_UTF8, self._start_byte) >= 0)
        text = self.decoded.text
        return text.find("\x00", self._start_char) >= 0 or text.find("\ufeff", self._start_char) >= 0

    def switch_to_legacy(self, notes: list[str]) -> None:
        """The sample was UTF-8 but the rest is not: decode everything as cp1252 / Latin-1."""
        header_bytes = self._data[self.decoded.bom_length:self._start_byte]
        self.decoded = _legacy_decode(self._data[self.decoded.bom_length:], notes)
        header = _decode_lines(header_bytes)[0] if self.decoded.codec == "mixed" else \
            header_bytes.decode(self.decoded.codec)
        self._start_char = len(header)


_Cells = tuple[pa.Table, dict[int, str], np.ndarray]  # text columns, bad rows, row has any cell


def _read_body(body: _Body, delimiter: str, width: int, headers: list[str], max_rows: int | None,
               decisions: dict[str, object]) -> _Cells:
    with _gc_paused():
        return _read_body_paths(body, delimiter, width, headers, max_rows, decisions)


def _read_body_paths(body: _Body, delimiter: str, width: int, headers: list[str], max_rows: int | None,
                     decisions: dict[str, object]) -> _Cells:
    notes: list[str] = decisions["notes"]  # type: ignore[assignment]
    if max_rows is None or max_rows > PYTHON_PATH_ROWS:
        try:
            return _read_columnar(body, delimiter, width, headers, notes)
        except UnicodeDecodeError:
            body.switch_to_legacy(notes)
            decisions["encoding"] = body.decoded.codec
            try:
                return _read_columnar(body, delimiter, width, headers, notes)
            except _NeedsRowByRow:
                pass
        except _NeedsRowByRow:
            pass
    try:
        body.check_text()
    except UnicodeDecodeError:
        body.switch_to_legacy(notes)
        decisions["encoding"] = body.decoded.codec
    return _read_rows(body.lines(), body.has_marks(), delimiter, width, headers, max_rows, notes)


@contextmanager
def _gc_paused():
    """Reading creates millions of fresh objects; generational passes over them only cost time
    (2.5x on the row reader). Restores the collector's previous state."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


RAGGED_LIMIT = 10_000  # more ragged rows than this: the row-by-row reader


def _parse(payload, delimiter: str, names: list[str], handler=None) -> pa.Table:
    """pyarrow's CSV parser, every cell as text (None when empty), blank lines kept as rows.
    With `handler` (for rows of the wrong width) it runs on one thread, so rows are numbered."""
    return pacsv.read_csv(
        pa.BufferReader(pa.py_buffer(payload)),
        read_options=pacsv.ReadOptions(column_names=names, block_size=4 << 20, use_threads=handler is None),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, quote_char='"', double_quote=True,
                                         newlines_in_values=True, ignore_empty_lines=False,
                                         invalid_row_handler=handler),
        convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names}, null_values=[""],
                                             strings_can_be_null=True, quoted_strings_can_be_null=True))


@lru_cache(maxsize=1)
def _handler_numbers_records() -> bool:
    """Whether this pyarrow numbers a skipped row by records read (a quoted line break inside a
    cell does not count), as cx needs, rather than by physical lines. Asked once, on a sample."""
    numbers = []

    def note(row):
        numbers.append(row.number)
        return "skip"

    try:
        _parse(b'a;b\n"x\ny";z\nragged\n', ";", ["0", "1"], note)
    except (pa.ArrowInvalid, TypeError):
        return False
    return numbers == [3]


def _read_ragged(payload, delimiter: str, names: list[str], headers: list[str],
                 notes: list[str]) -> tuple[pa.Table, dict[int, str]]:
    """A file whose rows do not all have the header's width, still read by pyarrow: the odd rows
    are set aside as it parses (with their line numbers), cut or padded like the row-by-row
    reader does (_fit_widths: a reason where cells are lost or missing) and put back in place."""
    if not _handler_numbers_records():
        raise _NeedsRowByRow
    ragged: list[tuple[int, str]] = []

    def set_aside(row):
        ragged.append((row.number, row.text))
        return "skip" if row.number is not None and len(ragged) <= RAGGED_LIMIT else "error"

    try:
        table = _parse(payload, delimiter, names, set_aside)
    except pa.ArrowInvalid as exc:
        raise _NeedsRowByRow from exc
    width = len(names)
    records = [next(csv.reader([text], delimiter=delimiter), []) for _, text in ragged]
    bad: dict[int, list[str]] = {}
    counts = {"trimmed": 0, "boms": 0}
    for (number, _), record in zip(ragged, records, strict=True):
        fitted = [record]
        _fit_widths(fitted, number - 1, width, headers, bad, counts)
        record[:] = fitted[0]
    _note_counts(counts, notes)
    total = table.num_rows + len(ragged)
    places = np.array([number - 1 for number, _ in ragged], dtype=np.int64)
    if len(set(places.tolist())) != len(places) or (len(places) and (places.min() < 0 or places.max() >= total)):
        raise _NeedsRowByRow
    odd = pa.table([pa.array([r[i] or None for r in records], pa.string()) for i in range(width)], names=names)
    order = np.empty(total, dtype=np.int64)
    kept = np.ones(total, dtype=bool)
    kept[places] = False
    order[kept] = np.arange(table.num_rows)
    order[places] = table.num_rows + np.arange(len(places))
    order = pa.array(order)
    columns = []
    for i in range(width):  # a column at a time, each original dropped as its copy is made
        column = pa.chunked_array(table.column(0).chunks + odd.column(i).chunks, pa.string())
        table = table.remove_column(0)
        columns.append(column.take(order))
        del column
    return pa.table(columns, names=names), {line: "; ".join(reasons) for line, reasons in sorted(bad.items())}


class _NeedsRowByRow(Exception):
    """The columnar parser met something only the row-by-row reader reports well (ragged rows)."""


def _read_columnar(body: _Body, delimiter: str, width: int, headers: list[str], notes: list[str]) -> _Cells:
    """The fast path: pyarrow's multithreaded CSV parser, then vectorised checks per column.

    The cells stay Arrow text columns: no Python object is made per cell. Rows of the wrong
    width are handled here too (_read_ragged); anything else pyarrow cannot parse goes to the
    row-by-row reader.
    """
    payload = body.utf8_bytes()
    names = [str(i) for i in range(width)]
    if not len(payload):
        return _empty_columns(names), {}, np.zeros(0, dtype=bool)
    bad_rows: dict[int, str] = {}
    try:
        table = _parse(payload, delimiter, names)
    except pa.ArrowInvalid as exc:
        if "UTF8" in str(exc) or "utf8" in str(exc).lower():
            raise UnicodeDecodeError("utf-8", b"", 0, 1, "invalid UTF-8 further down the file") from exc
        if "columns" not in str(exc):
            raise _NeedsRowByRow from exc
        table, bad_rows = _read_ragged(payload, delimiter, names, headers, notes)
    if body.line_breaks(payload) >= table.num_rows and _swallowed_cells(table, delimiter, width):
        raise _NeedsRowByRow  # some cell holds a line break: maybe an unclosed quote swallowing rows
    columns = []
    whole = payload.obj  # the file (or its re-encoding): a hit in the header part only costs a check
    has_nul = b"\x00" in whole
    has_bom = codecs.BOM_UTF8 in whole
    may_be_long = len(payload) > MAX_CELL_CHARS
    stripped_boms = 0
    filled = np.zeros(table.num_rows, dtype=bool)
    for name in names:
        column = table.column(name)
        if has_nul:
            _flag(bad_rows, pc.match_substring(column, "\x00"), "contains a NUL (zero) byte")
            column = pc.replace_substring(column, "\x00", "")
        if has_bom:
            starts = pc.starts_with(column, "\ufeff")
            stripped_boms += pc.sum(starts).as_py() or 0
            column = pc.replace_substring_regex(column, "^\ufeff", "")
        if may_be_long and _longest_bytes(column) > MAX_CELL_CHARS:  # bytes >= characters: cheap first test
            _flag(bad_rows, pc.greater(pc.utf8_length(column), MAX_CELL_CHARS),
                  f"a cell is longer than {MAX_CELL_CHARS:,} characters")
        if has_nul or has_bom:
            column = pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column)
        if column.null_count < len(column):
            filled |= pc.is_valid(column).to_numpy(zero_copy_only=False)
        columns.append(column)
    if stripped_boms:
        notes.append(f"Removed a stray byte-order mark at the start of {stripped_boms} cell"
                     f"{'s' if stripped_boms > 1 else ''}.")
    return pa.table(columns, names=names), bad_rows, filled


def _longest_bytes(column) -> int:
    """The longest cell in bytes, from the offsets alone."""
    longest = 0
    for chunk in (column.chunks if isinstance(column, pa.ChunkedArray) else [column]):
        if len(chunk) and chunk.type == pa.string():
            ends = np.frombuffer(chunk.buffers()[1], np.int32, len(chunk) + 1, chunk.offset * 4)
            longest = max(longest, int(np.diff(ends).max()))
        elif len(chunk):
            longest = max(longest, pc.max(pc.binary_length(chunk)).as_py() or 0)
    return longest


def _empty_columns(names: list[str]) -> pa.Table:
    return pa.table([pa.array([], pa.string()) for _ in names], names=names)


def _flag(bad_rows: dict[int, str], mask, reason: str) -> None:
    hits = np.flatnonzero(mask.fill_null(False).to_numpy(zero_copy_only=False))
    for index in hits:
        line = int(index) + 1
        if reason not in bad_rows.get(line, ""):
            bad_rows[line] = f"{bad_rows[line]}; {reason}" if line in bad_rows else reason


def _to_objects(column) -> np.ndarray:
    """Arrow strings (CSV) or typed cells (XLSX) -> object array with None for empty cells.

    Columns with few distinct values (touchpoints, scores, yes/no) are dictionary-encoded first
    so each distinct text becomes one Python string shared by all its cells: faster and far
    smaller than a string object per cell.
    """
    column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if pa.types.is_struct(column.type):
        return _typed_objects(column)
    probe = column.slice(0, 20_000)
    if len(column) > 50_000 and pc.count_distinct(probe).as_py() < 0.2 * len(probe):
        encoded = pc.dictionary_encode(column)
        uniques = encoded.dictionary.to_numpy(zero_copy_only=False)
        lookup = np.empty(len(uniques) + 1, dtype=object)
        lookup[:-1] = uniques
        lookup[-1] = None
        return lookup[encoded.indices.fill_null(len(uniques)).to_numpy(zero_copy_only=False)]
    return column.to_numpy(zero_copy_only=False)


def _typed_objects(column: pa.StructArray) -> np.ndarray:
    """XLSX cells as the Python values calamine gave, cleaned like xlsx_safe.clean_rows: whole
    numbers as int, dates as date, date-times as datetime, yes/no as bool."""
    out = np.full(len(column), None, dtype=object)
    for i, field_ in enumerate(column.type):
        values = column.field(i)
        if values.null_count == len(values):
            continue
        where = pc.is_valid(values).to_numpy(zero_copy_only=False)
        present = values.filter(pc.is_valid(values))
        if field_.name == "number":
            numbers = present.to_numpy()
            whole = (numbers == np.trunc(numbers)) & (np.abs(numbers) < 2.0**53)
            shown = numbers.astype(object)
            shown[whole] = numbers[whole].astype(np.int64).astype(object)
            out[where] = shown
        elif field_.name == "day":
            out[where] = [moment.date() for moment in present.to_pylist()]
        else:
            out[where] = present.to_pylist()
    return out


ROW_CHUNK = 100_000
UNTERMINATED = ("opens a quote that never closes; this line was read on its own and the lines after it as "
                "their own rows")


class _Pushback:
    """Lines for csv.reader that remembers the lines of the current record and takes lines back."""

    def __init__(self, lines):
        self._lines = iter(lines)
        self.back: list[str] = []
        self.taken: list[str] = []

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.back.pop() if self.back else next(self._lines)
        self.taken.append(line)
        return line


def _records(lines, delimiter: str, width: int, bad: dict[int, list[str]]):
    """csv.reader's records, except that a quote which opens and never closes does not swallow the
    lines after it into one cell: that record is its first line alone (rejected with the reason),
    and the lines it would have swallowed are read again as rows of their own."""
    source = _Pushback(lines)
    reader = csv.reader(source, delimiter=delimiter)
    number = 0
    while True:
        source.taken = []
        try:
            record = next(reader)
        except StopIteration:
            return
        number += 1
        if len(source.taken) > 1 and any(swallows(cell, delimiter, width) for cell in record):
            source.back.extend(reversed(source.taken[1:]))
            record = next(csv.reader([source.taken[0].rstrip("\r\n")], delimiter=delimiter), [])
            bad.setdefault(number, []).append(UNTERMINATED)
        yield record


def swallows(cell: str | None, delimiter: str, width: int) -> bool:
    """Whether a cell that spans lines is really later rows taken in by an unclosed quote: a later
    line of it has a row's delimiters (a comment over two lines rarely has)."""
    if not cell or "\n" not in cell:
        return False
    need = max(1, width - 1)
    return any(part.count(delimiter) >= need for part in cell.split("\n")[1:])


def _swallowed_cells(table: pa.Table, delimiter: str, width: int) -> bool:
    """Whether some parsed cell holds later rows (see swallows); only cells with a line break are looked at."""
    for column in table.columns:
        multiline = pc.match_substring(column, "\n")
        if pc.any(multiline).as_py():
            cells = column.filter(multiline.fill_null(False)).to_pylist()
            if any(swallows(cell, delimiter, width) for cell in cells):
                return True
    return False


def _read_rows(lines, marks: bool, delimiter: str, width: int, headers: list[str], max_rows: int | None,
               notes: list[str]) -> _Cells:
    """The row-by-row path: Python's csv module in chunks, whole-chunk passes; a reason per bad row.

    lines: the data's text lines (newlines kept), decoded as they are read; marks: whether the
    text holds NULs or byte-order marks. Each chunk of ROW_CHUNK rows becomes Arrow text columns
    at once, so no more than one chunk of Python strings is alive at a time.
    """
    bad: dict[int, list[str]] = {}
    reader = _records(lines, delimiter, width, bad)
    if max_rows is not None:
        reader = islice(reader, max_rows)
    blocks: list[list[pa.Array]] = []
    sizes = []
    counts = {"trimmed": 0, "boms": 0}
    offset = 0
    empty = pa.scalar(None, pa.string())
    while records := list(islice(reader, ROW_CHUNK)):
        _fit_widths(records, offset, width, headers, bad, counts)
        chunk_sizes = np.fromiter(map(len, map("".join, records)), dtype=np.int64, count=len(records))
        for index in np.flatnonzero(chunk_sizes > MAX_CELL_CHARS):
            if max(map(len, records[index])) > MAX_CELL_CHARS:
                bad.setdefault(offset + int(index) + 1, []).append(
                    f"a cell is longer than {MAX_CELL_CHARS:,} characters")
        if marks:
            _clean_marks(records, offset, bad, counts)
        block = []
        for cells in zip(*records, strict=True):
            column = pa.array(cells, type=pa.string())
            block.append(pc.if_else(pc.equal(column, ""), empty, column))
        blocks.append(block)
        sizes.append(chunk_sizes)
        offset += len(records)
    _note_counts(counts, notes)
    names = [str(i) for i in range(width)]
    table = (pa.table([pa.chunked_array([b[i] for b in blocks], pa.string()) for i in range(width)], names=names)
             if blocks else _empty_columns(names))
    filled = np.concatenate(sizes) > 0 if sizes else np.zeros(0, dtype=bool)
    return table, {line: "; ".join(reasons) for line, reasons in sorted(bad.items())}, filled


def _note_counts(counts: dict[str, int], notes: list[str]) -> None:
    trimmed, boms = counts["trimmed"], counts["boms"]
    if trimmed:
        notes.append(f"Ignored empty cells after the last column on {trimmed} row{'s' if trimmed > 1 else ''} "
                     "(trailing delimiters).")
    if boms:
        notes.append(f"Removed a stray byte-order mark at the start of {boms} cell{'s' if boms > 1 else ''}.")


def _fit_widths(records: list[list[str]], offset: int, width: int, headers: list[str],
                bad: dict[int, list[str]], counts: dict[str, int]) -> None:
    """Cut or pad records to the header's width, reporting the ragged ones.

    Extra cells that are all empty (trailing delimiters) and missing cells under unnamed trailing
    header columns are not problems.
    """
    named_width = max((i + 1 for i, h in enumerate(headers) if h), default=width)
    lengths = np.fromiter(map(len, records), dtype=np.int64, count=len(records))
    for index in np.flatnonzero(lengths != width):
        record = records[index]
        reason = f"has {len(record)} cells where the header has {width}"
        if len(record) > width:
            if any(cell.strip() for cell in record[width:]):
                bad.setdefault(offset + int(index) + 1, []).append(reason)
            else:
                counts["trimmed"] += 1
            records[index] = record[:width]
        else:
            if record and len(record) < named_width:
                bad.setdefault(offset + int(index) + 1, []).append(reason)
            records[index] = record + [""] * (width - len(record))


def _clean_marks(records: list[list[str]], offset: int, bad: dict[int, list[str]], counts: dict[str, int]) -> None:
    """Flag rows with NUL bytes and strip NULs and stray byte-order marks from their cells."""
    for index, record in enumerate(records):
        joined = "".join(record)
        if "\x00" not in joined and "\ufeff" not in joined:
            continue
        if "\x00" in joined:
            bad.setdefault(offset + index + 1, []).append("contains a NUL (zero) byte")
        counts["boms"] += sum(cell.startswith("\ufeff") for cell in record)
        records[index] = [cell.replace("\x00", "").removeprefix("\ufeff") for cell in record]
