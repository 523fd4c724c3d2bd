"""Exports that other tools can read and spreadsheets cannot run.

XLSX (one sheet per table), CSV (a folder, one file per table) or Parquet (a
folder; customer answers partitioned by month, readable as they are by Spark,
Trino or BigQuery). Text that a spreadsheet would run as a formula (starting
with = + - @ tab or CR) is written so that it stays text.
"""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from cx import schema
from cx.sql import ident

RISKY_START = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("xlsx", "csv", "parquet")


def is_risky(value) -> bool:
    return isinstance(value, str) and value.startswith(RISKY_START)


def csv_safe(value):
    """A text cell for CSV: risky text gets a leading apostrophe, as spreadsheets expect."""
    return "'" + value if is_risky(value) else value


def _table_frame(cur, table: schema.Table) -> pd.DataFrame:
    return cur.execute("SELECT * FROM " + ident(table.name) + " ORDER BY ALL").df()


def text_cell(sheet, value):
    """A write-only cell that is always a string, never a formula."""
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
        if is_risky(value):
            cell.style = "Normal"
            cell.quotePrefix = True
    return cell


def _xlsx_value(value):
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def write_xlsx(frames: dict[str, pd.DataFrame], target) -> None:
    """One sheet per frame, header in bold, formula-safe text."""
    book = Workbook(write_only=True)
    for name, frame in frames.items():
        sheet = book.create_sheet(name[:31])
        header = []
        for col in frame.columns:
            cell = text_cell(sheet, str(col))
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for row in frame.itertuples(index=False, name=None):
            sheet.append([text_cell(sheet, v) if isinstance(v, str) else _xlsx_value(v) for v in row])
    book.save(target)


def export_workspace(ws, out: Path, fmt: str = "xlsx") -> list[Path]:
    """Write every contract table of the workspace; returns the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    out = Path(out)
    cur = ws.cursor()
    if fmt == "xlsx":
        path = out if out.suffix == ".xlsx" else out.with_suffix(".xlsx")
        path.parent.mkdir(parents=True, exist_ok=True)
        write_xlsx({t.name: _table_frame(cur, t) for t in schema.CONTRACT_TABLES}, path)
        return [path]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in schema.CONTRACT_TABLES:
        if fmt == "csv":
            frame = _table_frame(cur, table)
            for col in frame.columns:
                if frame[col].dtype == object or str(frame[col].dtype).startswith(("str", "string")):
                    frame[col] = frame[col].map(csv_safe)
            path = out / f"{table.name}.csv"
            frame.to_csv(path, index=False)
            written.append(path)
        else:
            written.append(_parquet(cur, table, out))
    return written


def _quoted_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _parquet(cur, table: schema.Table, out: Path) -> Path:
    """Parquet via DuckDB; customer answers partitioned by month (month=YYYY-MM folders)."""
    if table.name == "customer_responses":
        target = out / table.name
        select = "SELECT *, strftime(responded_at, '%Y-%m') AS month FROM customer_responses"
        cur.execute("COPY (" + select + ") TO " + _quoted_path(target)
                    + " (FORMAT parquet, PARTITION_BY (month), OVERWRITE_OR_IGNORE true)")
        return target
    target = out / f"{table.name}.parquet"
    cur.execute("COPY (SELECT * FROM " + ident(table.name) + ") TO " + _quoted_path(target) + " (FORMAT parquet)")
    return target


def template_workbook(kind: str) -> bytes:
    """An empty workbook for one table with a Notes sheet explaining each column."""
    table = schema.TABLES[kind]
    columns = [c for c in table.columns if c.name != "import_id"]
    header = pd.DataFrame(columns=[c.name for c in columns])
    notes = pd.DataFrame({
        "column": [c.name for c in columns],
        "type": [c.sql_type for c in columns],
        "required": ["yes" if c.required else "" for c in columns],
        "allowed values": [_allowed(c) for c in columns],
        "meaning": [c.note for c in columns],
    })
    buffer = io.BytesIO()
    write_xlsx({kind: header, "Notes": notes}, buffer)
    return buffer.getvalue()


def _allowed(col: schema.Column) -> str:
    if col.choices:
        return " / ".join(col.choices)
    if col.kind == "bool":
        return "yes / no (1 / 0)"
    if col.kind in ("timestamp", "date"):
        return "a date, e.g. 2026-03-31 or 31.3.2026 (one format per column)"
    if col.low is not None and col.high is not None and col.high < 1e6:
        return f"{col.low:g} to {col.high:g}"
    return ""
