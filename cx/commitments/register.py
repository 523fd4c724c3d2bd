"""The promise register: the contract's `promises` table, checked, saved, imported and exported.

A promise reaches the table only through `save`, after `check` found nothing wrong with it. A
file's or the editor's rows with a problem are left out with a reason (a catalogue code and its
values, so either language can say it), the others load in one transaction. Text is kept as given
and only ever shown as plain text; exports keep spreadsheet formulas from running.
"""
from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from cx import export, importer, metrics, schema
from cx.i18n import t
from cx.sql import ident

TABLE = schema.PROMISES
COLUMNS = TABLE.column_names
REQUIRED = tuple(c.name for c in TABLE.columns if c.required)
TEXT_LIMIT = 500  # characters in one cell: a promise is a sentence, not a document
DIRECTION_WORDS = {
    "at_least": ("at_least", "at least", ">=", "≥", "min", "minimum", "vähintään"),
    "at_most": ("at_most", "at most", "<=", "≤", "max", "maximum", "enintään", "korkeintaan"),
}
HEADER_WORDS = {  # besides the contract's own names: how people head these columns in either language
    "promise_id": ("id", "tunnus"), "promise": ("lupaus",), "problem": ("ongelma",),
    "touchpoint": ("kosketuspiste",), "unit": ("yksikkö",), "metric": ("mittari",), "target": ("tavoite",),
    "direction": ("suunta",), "valid_from": ("alkaen", "voimassa alkaen", "valid from"),
    "proposed_by": ("ehdottaja", "proposed by"),
}
_MONTH_PATTERNS = (  # (pattern, year group, month group): never a day-month order that could be read two ways
    (re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[ T].*)?$"), 1, 2),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), 3, 2),
    (re.compile(r"^(\d{1,2})[./](\d{4})$"), 2, 1),
)


@dataclass(frozen=True)
class Promise:
    """One row of the register (contract columns, in order)."""

    promise_id: str
    promise: str
    problem: str | None
    touchpoint: str | None
    unit: str | None
    metric: str
    target: float
    direction: str
    valid_from: date
    proposed_by: str | None

    def row(self) -> tuple:
        return tuple(getattr(self, c) for c in COLUMNS)


@dataclass(frozen=True)
class Problem:
    """Why a row was left out: line 1 is the first data row; `code` and `values` go to cx.i18n.t."""

    line: int
    code: str
    values: dict = field(default_factory=dict)


class RegisterFileError(Exception):
    """A file that cannot give a register at all; `code` and `values` go to cx.i18n.t."""

    def __init__(self, code: str, **values):
        super().__init__(code)
        self.code, self.values = code, values


def load(cur) -> list[Promise]:
    """Every promise, by id."""
    sql = "SELECT " + ", ".join(ident(c) for c in COLUMNS) + " FROM " + ident("promises") + " ORDER BY " \
          + ident("promise_id")
    return [Promise(*row) for row in cur.execute(sql).fetchall()]


def next_id(taken) -> str:
    """The first free id of the form P-1, P-2, ..."""
    taken = set(taken)
    k = 1
    while f"P-{k}" in taken:
        k += 1
    return f"P-{k}"


# --- checking rows ------------------------------------------------------------------------

def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or \
        (isinstance(value, str) and not value.strip())


def _text(value) -> str | None:
    """A cell as text; a whole number read from a spreadsheet (12.0) as '12'; a leading apostrophe that
    an export put before a formula character is dropped again."""
    if _missing(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _unquoted(str(value).strip())


_QUOTED_INSIDE = re.compile(export.SEPARATED_RISK.replace(")(", ")'("))


def _unquoted(text: str) -> str:
    """export.csv_safe undone: the apostrophes it put before formula characters (at the start, and after a
    separator inside the text) are dropped, so a register downloaded and loaded again is the same."""
    text = _QUOTED_INSIDE.sub(r"\1\2", text)
    if len(text) > 1 and text[0] == "'" and text[1] in export.RISKY_START:
        text = text[1:]
    return text


def _number(value) -> float | None:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").rstrip("%").replace("−", "-")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    number = float(text)
    if not math.isfinite(number):
        raise ValueError
    return number


def _month(value) -> date:
    """The first day of the month a cell names: a date, 2026-08, 2026-08-15, 15.8.2026 or 8/2026."""
    if isinstance(value, datetime):
        return date(value.year, value.month, 1)
    if isinstance(value, date):
        return value.replace(day=1)
    text = str(value).strip()
    for pattern, year, month in _MONTH_PATTERNS:
        found = pattern.match(text)
        if found:
            return date(int(found.group(year)), int(found.group(month)), 1)
    raise ValueError


def _choice(value: str, words: dict[str, tuple[str, ...]]) -> str | None:
    low = value.strip().lower()
    return next((code for code, said in words.items() if low in said), None)


def _metric(value: str) -> str | None:
    """A metric code from its code or its name in either language ('fcr', 'First contact resolution')."""
    low = value.strip().lower()
    for code in schema.PROMISE_METRICS:
        names = {code, t(f"metric.{code}", "en").lower(), t(f"metric.{code}", "fi").lower()}
        if low in names:
            return code
    return None


def _target_range(metric: str) -> tuple[float, float]:
    if metric in schema.OUTCOME_COLUMNS:
        return (-1e15, 1e15) if metric == "revenue" else (0.0, 1e12)
    spec = metrics.get(metric)
    return (float(spec.low), float(spec.high))


def _check_row(line: int, row: dict) -> tuple[Promise | None, list[Problem]]:
    problems: list[Problem] = []
    cells = {c: row.get(c) for c in COLUMNS}
    for column in REQUIRED:
        if _missing(cells[column]):
            problems.append(Problem(line, "promises.problem.missing", {"column": column}))
    text = {c: _text(cells[c]) for c in ("promise_id", "promise", "problem", "touchpoint", "unit", "proposed_by")}
    for column, value in text.items():
        if value is not None and len(value) > TEXT_LIMIT:
            problems.append(Problem(line, "promises.problem.too_long", {"column": column, "limit": TEXT_LIMIT}))
    metric = direction = target = valid_from = None
    if not _missing(cells["metric"]):
        metric = _metric(str(cells["metric"]))
        if metric is None:
            problems.append(Problem(line, "promises.problem.metric", {"value": _text(cells["metric"])[:40]}))
    if not _missing(cells["direction"]):
        direction = _choice(str(cells["direction"]), DIRECTION_WORDS)
        if direction is None:
            problems.append(Problem(line, "promises.problem.direction", {"value": _text(cells["direction"])[:40]}))
    if not _missing(cells["target"]):
        try:
            target = _number(cells["target"])
        except (TypeError, ValueError):
            problems.append(Problem(line, "promises.problem.number", {"value": _text(cells["target"])[:40]}))
    if target is not None and metric is not None:
        low, high = _target_range(metric)
        if not low <= target <= high:
            problems.append(Problem(line, "promises.problem.target_range",
                                    {"metric": metric, "low": f"{low:g}", "high": f"{high:g}"}))
    if not _missing(cells["valid_from"]):
        try:
            valid_from = _month(cells["valid_from"])
        except (TypeError, ValueError):
            problems.append(Problem(line, "promises.problem.month", {"value": _text(cells["valid_from"])[:40]}))
    if problems:
        return None, problems
    return Promise(text["promise_id"], text["promise"], text["problem"], text["touchpoint"], text["unit"], metric,
                   target, direction, valid_from, text["proposed_by"]), []


def check(rows: list[dict]) -> tuple[list[Promise], list[Problem]]:
    """Rows (column -> cell, as typed or read) to promises; an empty row is skipped, a row with any
    problem is left out whole, and an id used twice is left out after its first row."""
    accepted: list[Promise] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for line, row in enumerate(rows, start=1):
        if all(_missing(row.get(c)) for c in COLUMNS):
            continue
        promise, found = _check_row(line, row)
        if promise is not None and promise.promise_id in first_line:
            found = [Problem(line, "promises.problem.duplicate_id",
                             {"id": promise.promise_id, "first": first_line[promise.promise_id]})]
            promise = None
        problems += found
        if promise is not None:
            first_line[promise.promise_id] = line
            accepted.append(promise)
    return accepted, problems


# --- writing ---------------------------------------------------------------------------------

def save(ws, promises: list[Promise], replace: bool = False) -> None:
    """Write promises in one transaction: each replaces the promise with its id; with `replace` the
    register becomes exactly these (the editor's save)."""
    table, key = ident("promises"), ident("promise_id")
    with ws.write() as cur:
        if replace:
            cur.execute("DELETE FROM " + table)
        for p in promises:
            cur.execute("DELETE FROM " + table + " WHERE " + key + " = ?", [p.promise_id])
        if promises:
            marks = ", ".join("?" for _ in COLUMNS)
            cur.executemany("INSERT INTO " + table + " (" + ", ".join(ident(c) for c in COLUMNS) + ") VALUES ("
                            + marks + ")", [list(p.row()) for p in promises])


def delete(ws, promise_ids) -> None:
    with ws.write() as cur:
        for pid in promise_ids:
            cur.execute("DELETE FROM " + ident("promises") + " WHERE " + ident("promise_id") + " = ?", [pid])


# --- files -----------------------------------------------------------------------------------

def _cells(p: Promise) -> list:
    return [v.isoformat() if isinstance(v, date) else v for v in p.row()]


def to_csv(promises: list[Promise]) -> bytes:
    """The register as CSV (UTF-8 with a byte-order mark, for spreadsheets), formulas kept as text."""
    out = io.StringIO()
    writer = export.csv_writer(out)
    writer.writerow(COLUMNS)
    for p in promises:
        writer.writerow([export.csv_safe(v) if isinstance(v, str) else ("" if v is None else v) for v in _cells(p)])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(promises: list[Promise]) -> bytes:
    buffer = io.BytesIO()
    export.write_xlsx({"promises": (list(COLUMNS), [tuple(_cells(p)) for p in promises])}, buffer)
    return buffer.getvalue()


def _column_for(header: str) -> str | None:
    low = " ".join(str(header).strip().lower().replace("_", " ").split())
    for column in COLUMNS:
        if low in (column, column.replace("_", " "), *HEADER_WORDS.get(column, ())):
            return column
    return None


def read_file(ws, data: bytes, file_name: str) -> tuple[list[Promise], list[Problem]]:
    """A CSV or XLSX register (read as every upload is: size limit, sandboxed XLSX) checked row by row.

    Raises FileRejected for an unreadable file and RegisterFileError when a required column is missing.
    """
    table = importer.read(ws, data, file_name)
    columns = {}
    for index, header in enumerate(table.headers):
        column = _column_for(header)
        if column and column not in columns.values():
            columns[index] = column
    missing = [c for c in REQUIRED if c not in columns.values()]
    if missing:
        raise RegisterFileError("promises.file.missing_columns", columns=", ".join(missing))
    frame = table.frame
    rows = [{column: frame.at[i, index] for index, column in columns.items()} for i in range(len(frame))]
    return check(rows)
