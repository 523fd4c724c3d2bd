"""Properties: an import loads exactly the valid rows, or (file rejected) leaves the workspace equal
in content; a failure while writing leaves it exactly as it was."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cx import importer, store
from cx.imports import write as write_step
from cx.readers import FileRejected

TODAY = dt.date.today()
DATA_TABLES = ("customer_responses", "employee_responses", "touchpoints", "measurement_plan", "outcomes")

GOOD_DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=TODAY)
BAD_DAYS = st.one_of(st.dates(min_value=TODAY + dt.timedelta(days=1), max_value=dt.date(2100, 1, 1)),
                     st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(1989, 12, 31)))
SCORES = st.one_of(st.integers(0, 10).map(str), st.just(""),
                   st.sampled_from(["11", "-3", "7.5", "lots", "1e9", "ten", "nine"]))
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=15)


@st.composite
def answer_rows(draw):
    """(day or None, date ok?, touchpoint, level, nps text, comment) for one data row."""
    good = draw(st.booleans()) or draw(st.booleans())
    day = draw(GOOD_DAYS if good else BAD_DAYS)
    return (day, good, draw(st.sampled_from(["Web shop", "Chat", "", "Store"])),
            draw(st.sampled_from(["", "transaction", "relationship"])), draw(SCORES), "c" + draw(TEXT))


def valid(row) -> bool:
    """The contract's rules, written out independently of cx.validate."""
    _, date_ok, touchpoint, level, nps, _ = row
    score_ok = nps.isdigit() and 0 <= int(nps) <= 10
    return date_ok and score_ok and (bool(touchpoint) or level == "relationship")


def file_bytes(rows, day_format: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Date", "Touchpoint", "Level", "NPS", "Comment"])
    for day, _, touchpoint, level, nps, comment in rows:
        writer.writerow([day.strftime(day_format), touchpoint, level, nps, comment])
    return out.getvalue().encode()


def content(ws) -> dict:
    cur = ws.cursor()
    return {t: cur.execute("SELECT * FROM " + t + " ORDER BY ALL").fetchall() for t in DATA_TABLES}


def ordered(rows) -> list[tuple]:
    return sorted(rows, key=lambda r: tuple("" if v is None else str(v) for v in r))


def answers(ws) -> list[tuple]:
    return ordered(ws.cursor().execute("SELECT touchpoint, level, nps, comment FROM customer_responses "
                                       "WHERE import_id > 1").fetchall())


def fresh(name: str = "prop") -> store.Workspace:
    if store.exists(name):
        store.delete_workspace(name)
    ws = store.create_workspace(name)
    importer.import_file(ws, b"Date,Touchpoint,NPS,Comment\n2026-01-05,Seed,9,seed\n", "seed.csv")
    return ws


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(answer_rows(), min_size=1, max_size=30), day_format=st.sampled_from(["%Y-%m-%d", "%d.%m.%Y"]))
def test_an_import_loads_exactly_the_valid_rows(data_dir, rows, day_format):
    ws = fresh()
    result = importer.import_file(ws, file_bytes(rows, day_format), "p.csv")
    expected = ordered((r[2] or None, r[3] or "transaction", int(r[4]), r[5]) for r in rows if valid(r))
    assert answers(ws) == expected
    assert result.rows_loaded == len(expected)
    assert sorted(line for line, _ in result.rejections) == [i + 1 for i, r in enumerate(rows) if not valid(r)]
    assert result.rows_read == len(rows) == result.rows_loaded + result.rows_rejected + result.rows_skipped


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(answer_rows(), min_size=1, max_size=20), spoil=st.sampled_from(["garbage", "ambiguous"]))
def test_a_rejected_file_leaves_the_workspace_equal_in_content(data_dir, rows, spoil):
    ws = fresh()
    before = content(ws)
    if spoil == "garbage":
        data = b"\x00\x01\x02PK" + file_bytes(rows, "%Y-%m-%d")
    else:  # every date could be day-first or month-first, and some would differ
        rows = [(dt.date(2024, 1 + i % 12, 1 + (i + 1) % 12), *r[1:]) for i, r in enumerate(rows)]
        rows[0] = (dt.date(2024, 3, 4), *rows[0][1:])
        data = file_bytes(rows, "%d/%m/%Y")
    with pytest.raises(FileRejected):
        importer.import_file(ws, data, "p.csv")
    assert content(ws) == before
    assert ws.cursor().execute("SELECT status FROM imports ORDER BY import_id").fetchall() == [("loaded",),
                                                                                              ("rejected",)]


@pytest.mark.parametrize("failing_step", ["_insert", "_fill_stages"])
def test_a_failure_while_writing_leaves_the_workspace_as_it_was(workspace, monkeypatch, failing_step):
    importer.import_file(workspace, b"Date,Touchpoint,NPS\n2026-01-05,Seed,9\n", "seed.csv")
    before = content(workspace), workspace.cursor().execute("SELECT * FROM imports").fetchall()
    real = getattr(write_step, failing_step)

    def half_then_fail(cur, *args):
        if failing_step == "_insert":
            real(cur, *args)  # the rows are in, inside the transaction ...
        raise OSError("disk full")  # ... and then the disk fills up

    monkeypatch.setattr(write_step, failing_step, half_then_fail)
    with pytest.raises(OSError):
        importer.import_file(workspace, b"Date,Touchpoint,NPS\n2026-01-06,A,9\n2026-01-07,B,8\n", "x.csv")
    assert (content(workspace), workspace.cursor().execute("SELECT * FROM imports").fetchall()) == before


def test_rows_that_do_not_all_land_roll_the_import_back(workspace, monkeypatch):
    class ShortCursor:
        """A cursor whose count of landed rows comes back one short."""

        def __init__(self, cur):
            self.cur = cur

        def __getattr__(self, name):
            return getattr(self.cur, name)

        def execute(self, sql, params=None):
            result = self.cur.execute(sql, params)
            if sql.startswith("SELECT count(*) FROM") and "import_id = ?" in sql:
                return _Rows([(result.fetchone()[0] - 1,)])
            return result

    class _Rows:
        def __init__(self, rows):
            self.rows = rows

        def fetchone(self):
            return self.rows[0]

    real = write_step._insert
    monkeypatch.setattr(write_step, "_insert", lambda cur, *a: real(ShortCursor(cur), *a))
    with pytest.raises(store.WorkspaceError, match="Only 1 of 2 rows reached the workspace"):
        importer.import_file(workspace, b"Date,Touchpoint,NPS\n2026-01-06,A,9\n2026-01-07,B,8\n", "x.csv")
    assert content(workspace)["customer_responses"] == []
    assert workspace.cursor().execute("SELECT count(*) FROM imports").fetchone() == (0,)
