"""Property: an import loads exactly the valid rows, or leaves the workspace equal in content."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cx import importer, store
from cx.readers import FileRejected

VALID_NPS = st.integers(0, 10).map(str)
BAD_NPS = st.sampled_from(["11", "-3", "7.5", "lots", "1e9"])
DATES = st.dates(min_value=__import__("datetime").date(2020, 1, 13),
                 max_value=__import__("datetime").date(2026, 10, 31)).map(lambda d: d.isoformat())
ROW = st.tuples(DATES, st.sampled_from(["Web shop", "Chat", "", "Store"]), st.one_of(VALID_NPS, BAD_NPS, st.just("")),
                st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters='",\r\n\x00'),
                        max_size=12))


def _valid(row) -> bool:
    _, touchpoint, nps, _ = row
    return bool(touchpoint) and nps.isdigit() and 0 <= int(nps) <= 10


def _contents(ws):
    return ws.cursor().execute("SELECT touchpoint, nps, comment FROM customer_responses ORDER BY ALL").fetchall()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(ROW, min_size=1, max_size=25), garbage=st.booleans())
def test_an_import_loads_exactly_the_valid_rows_or_nothing(data_dir, rows, garbage):
    name = "prop"
    if store.exists(name):
        store.delete_workspace(name)
    ws = store.create_workspace(name)
    importer.import_file(ws, b"Date,Touchpoint,NPS,Comment\n2026-01-05,Seed,9,seed\n", "seed.csv")
    before = _contents(ws)
    lines = ["Date,Touchpoint,NPS,Comment"] + [",".join(f'"{c}"' for c in row) for row in rows]
    data = ("\n".join(lines) + "\n").encode()
    if garbage:
        data = b"\x00\x01\x02PK" + data  # not a readable file
    try:
        result = importer.import_file(ws, data, "p.csv", allow_duplicate_file=True)
    except FileRejected:
        assert _contents(ws) == before
        return
    expected = sorted(before + [(r[1], int(r[2]), r[3] or None) for r in rows if _valid(r)],
                      key=lambda x: (x[0], x[1], x[2] is not None, x[2] or ""))
    got = sorted(_contents(ws), key=lambda x: (x[0], x[1], x[2] is not None, x[2] or ""))
    assert got == expected
    assert result.rows_loaded == sum(_valid(r) for r in rows)
    assert result.rows_rejected == sum(not _valid(r) for r in rows)


@pytest.mark.parametrize("bad_line", [1, 3])
def test_a_failure_while_loading_leaves_the_workspace_as_it_was(workspace, monkeypatch, bad_line):
    importer.import_file(workspace, b"Date,Touchpoint,NPS\n2026-01-05,Seed,9\n", "seed.csv")
    before = _contents(workspace)

    def broken_insert(cur, kind, frame, import_id):
        cur.execute("INSERT INTO customer_responses (response_id, responded_at, touchpoint, nps, import_id) "
                    "VALUES ('half', TIMESTAMP '2026-01-01', 'x', 1, ?)", [import_id])
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer, "_insert", broken_insert)
    with pytest.raises(RuntimeError):
        importer.import_file(workspace, b"Date,Touchpoint,NPS\n2026-01-06,A,9\n2026-01-07,B,8\n2026-01-08,C,7\n",
                             "x.csv")
    assert _contents(workspace) == before
    assert workspace.cursor().execute("SELECT count(*) FROM imports").fetchone()[0] == 1
