"""Layout detection for uploaded tables: delimiter, header row, extra header rows, decimal mark.

Pure functions over the first rows of a file (lists of cell values), shared by the CSV and
XLSX readers. Everything here is a guess the user can override, so each function is small
and says what it looked at.
"""
from __future__ import annotations

import csv
import datetime
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

Row = Sequence[object]

DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
MAX_SKIP_ROWS = 3
HEAD_ROWS = 60  # rows looked at for header detection

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d+)?|\d{1,3}(?:[ .,\u00a0]\d{3})+(?:[.,]\d+)?|[.,]\d+)\s*%?$")
_DATE = re.compile(
    r"^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}/\d{1,2}/\d{1,2})"
    r"(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_TIME = re.compile(r"^\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[AaPp][Mm])?$")
_BOOLEAN_WORDS = {"true", "false"}
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_DECIMAL_DOT = re.compile(r"^[+-]?\d+\.\d+$")

IMPORT_ID_PREFIXES = ('{"importid"', "{'importid'")
SURVEYMONKEY_SUBHEADERS = {"response", "open-ended response", "other (please specify)"}

_DATE_HEADER = re.compile(
    r"date|time|timestamp|submitted|started|completed|recorded|created|"
    r"päivä|päiväys|pvm|aika|vastattu|datum|fecha", re.IGNORECASE)
_SCORE_HEADER = re.compile(
    r"nps|recommend|suosittel|score|rating|csat|\bces\b|satisf|tyytyv|effort|vaiva|arvosana|"
    r"arvio|likely|todennäk|helppo|easy|\bq\d", re.IGNORECASE)


def cell_kind(value: object) -> str:
    """'empty', 'text' (could be a column name) or 'value' (a number, date, time or boolean)."""
    if value is None:
        return "empty"
    if not isinstance(value, str):
        return "value"
    text = value.strip()
    if not text:
        return "empty"
    if _NUMBER.match(text) or _DATE.match(text) or _TIME.match(text) or text.lower() in _BOOLEAN_WORDS:
        return "value"
    return "text"


@dataclass(frozen=True)
class RowShape:
    nonempty: int
    texts: int
    values: int
    width: int  # index of the last non-empty cell + 1

    @property
    def text_share(self) -> float:
        return self.texts / self.nonempty if self.nonempty else 0.0


def row_shape(row: Row) -> RowShape:
    kinds = [cell_kind(v) for v in row]
    width = 0
    for i, kind in enumerate(kinds):
        if kind != "empty":
            width = i + 1
    texts = kinds.count("text")
    values = kinds.count("value")
    return RowShape(nonempty=texts + values, texts=texts, values=values, width=width)


def _data_width(shapes: Sequence[RowShape]) -> int:
    """The usual width of the rows below a candidate header (ignores blank rows)."""
    widths = [s.width for s in shapes if s.nonempty]
    if not widths:
        return 0
    return Counter(widths).most_common(1)[0][0] if len(widths) > 2 else max(widths)


def _looks_like_header(shape: RowShape, width_below: int) -> bool:
    if shape.nonempty == 0 or shape.text_share < 0.6:
        return False
    if width_below <= 1:
        return True
    return shape.nonempty >= 2 and shape.nonempty >= 0.5 * max(width_below, shape.width)


def _is_surveymonkey_subheader(row: Row) -> bool:
    cells = {str(v).strip().lower() for v in row if cell_kind(v) == "text"}
    return bool(cells & SURVEYMONKEY_SUBHEADERS) and all(cell_kind(v) != "value" for v in row)


def _is_import_id_row(row: Row) -> bool:
    return any(isinstance(v, str) and v.strip().lower().startswith(IMPORT_ID_PREFIXES) for v in row)


def find_header_row(rows: Sequence[Row]) -> int | None:
    """Index of the first row that names the columns: mostly text, wide enough, data below.

    Title rows ("Customer survey 2026") are too narrow; blank rows are empty. A SurveyMonkey
    second row ("Response", "Open-Ended Response") found this way means the real header is the
    row above it.
    """
    shapes = [row_shape(r) for r in rows[:HEAD_ROWS]]
    for i, shape in enumerate(shapes):
        below = shapes[i + 1:i + 21]
        if not _looks_like_header(shape, _data_width(below) if below else shape.width):
            continue
        if i > 0 and _is_surveymonkey_subheader(rows[i]) and shapes[i - 1].texts >= 2:
            return i - 1
        return i
    return None


def _is_question_text_row(row: Row, header: Row, later: Sequence[Row]) -> bool:
    """All text, about as wide as the header, while real rows below hold values in those columns."""
    shape = row_shape(row)
    header_shape = row_shape(header)
    if shape.nonempty == 0 or shape.text_share < 0.9 or shape.nonempty < 0.5 * header_shape.nonempty:
        return False
    text_columns = {i for i, v in enumerate(row) if cell_kind(v) == "text"}
    for other in later:
        if any(cell_kind(v) == "value" for i, v in enumerate(other) if i in text_columns):
            return True
    return False


def find_skip_rows(rows: Sequence[Row], header_index: int) -> int:
    """How many rows after the header are more header (question text, ImportId, SurveyMonkey row 2)."""
    header = rows[header_index]
    count = 0
    while count < MAX_SKIP_ROWS:
        position = header_index + 1 + count
        if position >= len(rows):
            break
        row = rows[position]
        later = rows[position + 1:position + 11]
        if _is_import_id_row(row) or _is_surveymonkey_subheader(row):
            count += 1
        elif _is_question_text_row(row, header, [r for r in later if not _is_import_id_row(r)]):
            count += 1
        else:
            break
    return count


def detect_decimal(rows: Sequence[Row]) -> str:
    """',' when numbers in the cells are written 4,5 more often than 4.5; '.' otherwise."""
    commas = dots = 0
    for row in rows:
        for value in row:
            if isinstance(value, str):
                text = value.strip()
                if _DECIMAL_COMMA.match(text):
                    commas += 1
                elif _DECIMAL_DOT.match(text):
                    dots += 1
    return "," if commas > dots else "."


def _field_counts(sample: str, delimiter: str) -> list[int]:
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    counts = []
    try:
        for row in reader:
            if row and any(cell.strip() for cell in row):
                counts.append(len(row))
    except csv.Error:
        pass
    return counts


def detect_delimiter(sample: str) -> str | None:
    """The candidate that splits most lines into the same number (at least 2) of cells.

    Score = share of lines with the modal cell count x that count, so a semicolon file whose
    numbers carry decimal commas still wins on ';' (many cells per line) over ',' (few).
    None when no candidate splits lines at all (a one-column file).
    """
    best: tuple[float, str] | None = None
    for delimiter in DELIMITERS:
        if delimiter not in sample:
            continue
        counts = _field_counts(sample, delimiter)
        if not counts:
            continue
        modal, hits = Counter(counts).most_common(1)[0]
        if modal < 2:
            continue
        score = hits / len(counts) * modal
        if best is None or score > best[0]:
            best = (score, delimiter)
    return best[1] if best else None


def looks_like_answers(rows: Sequence[Row]) -> tuple[bool, int]:
    """Whether a sheet's first rows look like survey answers, and a score to rank sheets by.

    Answers have a header with a date-like or score-like column name, or date and small-number
    columns in the rows below it.
    """
    header_index = find_header_row(rows)
    if header_index is None:
        return False, 0
    header = [str(v) for v in rows[header_index] if cell_kind(v) == "text"]
    data = [r for r in rows[header_index + 1:] if row_shape(r).nonempty]
    if not data:
        return False, 0
    date_header = any(_DATE_HEADER.search(h) for h in header)
    score_header = any(_SCORE_HEADER.search(h) for h in header)
    date_values, score_values = _value_columns(data)
    score = 2 * date_header + 2 * score_header + date_values + score_values
    return bool(date_header or score_header or (date_values and score_values)), score


def _value_columns(data: Sequence[Row]) -> tuple[bool, bool]:
    """Whether some column holds dates in most rows, and some holds whole numbers 0..10."""
    width = max(len(r) for r in data)
    has_dates = has_scores = False
    for column in range(width):
        cells = [r[column] for r in data if column < len(r) and cell_kind(r[column]) != "empty"]
        if len(cells) < max(1, len(data) // 2):
            continue
        if sum(_is_date(v) for v in cells) > len(cells) / 2:
            has_dates = True
        if sum(_is_score(v) for v in cells) > len(cells) / 2:
            has_scores = True
    return has_dates, has_scores


def _is_date(value: object) -> bool:
    if isinstance(value, datetime.date):
        return True
    return isinstance(value, str) and bool(_DATE.match(value.strip()))


def _is_score(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return float(value).is_integer() and 0 <= value <= 10
    return isinstance(value, str) and value.strip().isdigit() and int(value.strip()) <= 10
