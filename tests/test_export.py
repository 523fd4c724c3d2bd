"""Exports: every table, Parquet partitioned by month, and text that never runs as a formula."""
from __future__ import annotations

import duckdb
import openpyxl
import pytest

from cx import export, importer

HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.fixture
def hostile_ws(workspace):
    quoted = [c.replace('"', '""') for c in HOSTILE]
    lines = ["Date,Touchpoint,NPS,Comment"] + [f'2026-01-0{i + 1},Web shop,9,"{c}"' for i, c in enumerate(quoted)]
    importer.import_file(workspace, ("\n".join(lines) + "\n").encode(), "h.csv")
    return workspace


def test_xlsx_keeps_formula_like_text_as_text(hostile_ws, tmp_path):
    path = export.export_workspace(hostile_ws, tmp_path / "x.xlsx", "xlsx")[0]
    sheet = openpyxl.load_workbook(path)["customer_responses"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    col = header.index("comment")
    cells = [row[col] for row in sheet.iter_rows(min_row=2)]
    assert all(c.data_type == "s" for c in cells)
    assert {c.value for c in cells} >= {"=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)"}


def test_csv_prefixes_formula_like_text(hostile_ws, tmp_path):
    export.export_workspace(hostile_ws, tmp_path / "csv", "csv")
    text = (tmp_path / "csv" / "customer_responses.csv").read_text()
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text and "'+1+1" in text


def test_parquet_partitions_customer_answers_by_month(demo_ws, tmp_path):
    export.export_workspace(demo_ws, tmp_path / "pq", "parquet")
    months = sorted(p.name for p in (tmp_path / "pq" / "customer_responses").iterdir())
    assert months[0].startswith("month=") and len(months) == 24
    total = duckdb.sql("SELECT count(*) FROM read_parquet('" + str(tmp_path / "pq" / "customer_responses")
                       + "/*/*.parquet', hive_partitioning = true)").fetchall()[0][0]
    assert total == demo_ws.counts()["customer_responses"]


def test_xlsx_has_a_sheet_per_contract_table(hostile_ws, tmp_path):
    path = export.export_workspace(hostile_ws, tmp_path / "x.xlsx", "xlsx")[0]
    assert set(openpyxl.load_workbook(path, read_only=True).sheetnames) == {
        "customer_responses", "employee_responses", "touchpoints", "measurement_plan", "outcomes", "promises",
        "imports"}


def test_templates_explain_every_column():
    import io

    book = openpyxl.load_workbook(io.BytesIO(export.template_workbook("employee_responses")))
    header = [c.value for c in next(book["employee_responses"].iter_rows(max_row=1))]
    notes = [row[0].value for row in book["Notes"].iter_rows(min_row=2)]
    assert header == notes and "enps" in header and "import_id" not in header
