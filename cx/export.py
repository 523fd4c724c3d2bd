"""Exports that other tools can read and spreadsheets cannot run.

XLSX (one sheet per table), CSV (a folder, one file per table) or Parquet (a
folder; customer answers partitioned by month, readable as they are by Spark,
Trino, BigQuery or DuckDB with hive partitioning). Text that a spreadsheet would
run as a formula (starting with = + - @ tab or CR) stays text: in XLSX it is
written as a string cell with Excel's quote prefix (the value itself unchanged),
in CSV it gets a leading apostrophe, the convention spreadsheets understand.

A CSV is read with whatever list separator the reader's locale uses (`;` in a
Finnish Excel, tab, `|`), so a field is protected wherever a piece of it could
start a cell: every field is quoted, and an apostrophe goes before any = + - @
that follows a separator character (`ok;=cmd` becomes `ok;'=cmd`).

Rows stream from DuckDB in chunks, so exporting a large workspace does not hold it
in memory twice; file paths go to DuckDB as arguments, never into SQL text.
"""
from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from cx import schema, store
from cx.confidentiality import gate
from cx.filters import Filters, where_sql
from cx.sql import ident

RISKY_START = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("xlsx", "csv", "parquet")
EXCEL_MAX_ROWS = 1_048_576
CHUNK = 20_000
FILTERED = ("customer_responses", "employee_responses")  # the tables a Filters narrows


SEPARATED_RISK = r"([,;\t|\r\n][ \t]*)([=+@-])"  # a separator of any locale, then a formula start
_SEPARATED_RISK = re.compile(SEPARATED_RISK)


def is_risky(value) -> bool:
    return isinstance(value, str) and value.startswith(RISKY_START)


def csv_safe(value):
    """A text cell for CSV: an apostrophe before every place a spreadsheet could start a formula."""
    if not isinstance(value, str):
        return value
    value = _SEPARATED_RISK.sub(r"\1'\2", value)
    return "'" + value if is_risky(value) else value


def csv_writer(out):
    """csv.writer for every CSV cx writes: all fields quoted, Windows line ends."""
    return csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)


def text_cell(sheet, value: str):
    """A write-only cell that is always a string, never a formula (quote prefix when risky)."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    if is_risky(value):
        cell.quotePrefix = True
    return cell


def _select(table: schema.Table, filters: Filters | None, safe_text: bool = False) -> tuple[str, list]:
    """SELECT for one table (narrowed by `filters` where it applies), optionally formula-safe text."""
    columns = []
    for col in table.columns:
        name = ident(col.name)
        if safe_text and col.sql_type == "VARCHAR":
            inner = "regexp_replace(" + name + ", '" + SEPARATED_RISK + "', '\\1''\\2', 'g')"
            columns.append("CASE WHEN left(" + name + ", 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || "
                           + inner + " ELSE " + inner + " END AS " + name)
        else:
            columns.append(name)
    where, params = ("", [])
    if filters is not None and table.name in FILTERED:
        where, params = where_sql(filters, table.name)
    order = " ORDER BY " + ", ".join(ident(c) for c in table.key) if table.key else ""
    return "SELECT " + ", ".join(columns) + " FROM " + ident(table.name) + " " + where + order, params


def _rows(cur, sql: str, params: list) -> Iterator[tuple]:
    result = cur.execute(sql, params)
    while chunk := result.fetchmany(CHUNK):
        yield from chunk


def write_xlsx(sheets: dict[str, tuple[list[str], Iterable[tuple]]], target) -> None:
    """One sheet per entry (header in bold), written in openpyxl's write-only mode."""
    book = Workbook(write_only=True)
    for name, (header, rows) in sheets.items():
        sheet = book.create_sheet(name[:31])
        head = []
        for title in header:
            cell = text_cell(sheet, str(title))
            cell.font = Font(bold=True)
            head.append(cell)
        sheet.append(head)
        for row in rows:
            sheet.append([text_cell(sheet, v) if isinstance(v, str) else v for v in row])
    book.save(target)


def export_workspace(ws, out: Path, fmt: str = "xlsx", filters: Filters | None = None,
                     employee_rows: bool = True) -> list[Path]:
    """Write every contract table of the workspace; returns the files (or folders) written.

    `filters` narrows the answer tables (period, unit, ...) the way the pages do; the journey
    map, plan, outcomes and import log are written whole. Without `employee_rows` (the app's
    exports) the employee answers are left out and the protected employee figures of the
    confidentiality gate are written instead, as `employee_figures`.
    """
    if fmt not in FORMATS:
        raise ValueError(f"The export format must be one of {', '.join(FORMATS)}.")
    out = Path(out)
    cur = ws.cursor()
    tables = [t for t in schema.CONTRACT_TABLES if employee_rows or t.name != "employee_responses"]
    extra = {} if employee_rows else {"employee_figures": _employee_figures(ws, cur)}
    try:
        if fmt == "xlsx":
            return [_xlsx(cur, out, filters, tables, extra)]
        out.mkdir(parents=True, exist_ok=True)
        if fmt == "csv":
            written = [_csv(cur, table, out, filters) for table in tables]
            return written + [_frame_csv(frame, out / f"{name}.csv") for name, frame in extra.items()]
        written = [_parquet(cur, table, out, filters) for table in tables]
        return written + [_frame_parquet(cur, frame, out / f"{name}.parquet") for name, frame in extra.items()]
    finally:
        cur.close()


def _employee_figures(ws, cur) -> pd.DataFrame:
    """Every survey round x unit figure (and each round's total) that the gate shows, never a row of answers."""
    return gate.published_grid(gate.build(cur, int(ws.settings()["confidentiality_min"])))


def _frame_csv(frame: pd.DataFrame, path: Path) -> Path:
    frame.map(csv_safe).to_csv(path, index=False)
    return path


def _frame_parquet(cur, frame: pd.DataFrame, path: Path) -> Path:
    cur.register("export_frame", frame)
    try:
        cur.sql("SELECT * FROM export_frame").write_parquet(str(path))
    finally:
        cur.unregister("export_frame")
    return path


def _xlsx(cur, out: Path, filters: Filters | None, tables: list[schema.Table],
          extra: dict[str, pd.DataFrame]) -> Path:
    path = out if out.suffix.lower() == ".xlsx" else out.with_suffix(".xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    sheets = {}
    for table in tables:
        sql, params = _select(table, filters)
        count = cur.execute("SELECT count(*) FROM (" + sql + ")", params).fetchall()[0][0]
        if count >= EXCEL_MAX_ROWS:
            raise store.WorkspaceError(f"{table.name} has {count:,} rows, more than an Excel sheet holds; export "
                                       "as CSV or Parquet instead.")
        sheets[table.name] = (list(table.column_names), _rows(cur, sql, params))
    for name, frame in extra.items():
        sheets[name] = (list(frame.columns), frame.itertuples(index=False, name=None))
    write_xlsx(sheets, path)
    return path


def _csv(cur, table: schema.Table, out: Path, filters: Filters | None) -> Path:
    path = out / f"{table.name}.csv"
    sql, params = _select(table, filters, safe_text=True)
    cur.sql(sql, params=params).write_csv(str(path), header=True, quoting="ALL")
    return path


def _parquet(cur, table: schema.Table, out: Path, filters: Filters | None) -> Path:
    """customer_responses as month=YYYY-MM folders; every other table as one file."""
    sql, params = _select(table, filters)
    if table.name != "customer_responses":
        path = out / f"{table.name}.parquet"
        cur.sql(sql, params=params).write_parquet(str(path))
        return path
    folder = out / table.name
    if folder.exists():
        shutil.rmtree(folder)
    if cur.execute("SELECT count(*) FROM (" + sql + ")", params).fetchall()[0][0] == 0:
        folder.mkdir(parents=True)
        cur.sql(sql + " LIMIT 0", params=params).write_parquet(str(folder / "empty.parquet"))
        return folder
    relation = cur.sql("SELECT *, strftime(" + ident("responded_at") + ", '%Y-%m') AS " + ident("month")
                       + " FROM (" + sql + ")", params=params)
    relation.write_parquet(str(folder), partition_by=["month"])
    return folder


def template_workbook(kind: str) -> bytes:
    """An empty workbook for one table with a Notes sheet explaining each column."""
    table = schema.TABLES[kind]
    columns = [c for c in table.columns if c.name != "import_id"]
    notes = [(c.name, c.sql_type, _required(table, c), _allowed(c), c.note) for c in columns]
    buffer = io.BytesIO()
    write_xlsx({kind: ([c.name for c in columns], []),
                "Notes": (["column", "type", "required", "allowed values", "meaning"], notes)}, buffer)
    return buffer.getvalue()


def _required(table: schema.Table, col: schema.Column) -> str:
    if col.required:
        return "yes"
    if table.name == "customer_responses" and col.name == "touchpoint":
        return "when level is transaction"
    if col.name in table.needs_one_of:
        return "at least one score"
    return ""


def _allowed(col: schema.Column) -> str:
    if col.choices:
        return " / ".join(col.choices)
    if col.kind == "bool":
        return "yes / no (1 / 0)"
    if col.kind == "date":
        return "a month, e.g. 2026-03 or 1.3.2026 (first day of the month)"
    if col.kind == "timestamp":
        return "a date, e.g. 2026-03-31 or 31.3.2026 (one format per column)"
    if col.low is not None and col.high is not None and col.high < 1e6:
        return f"{col.low:g} to {col.high:g}"
    if col.low is not None and col.low >= 0:
        return "0 or more"
    return ""
