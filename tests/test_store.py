"""Workspaces: files, names, schema, versions and the write transaction."""
from __future__ import annotations

import subprocess
import sys
import threading

import duckdb
import pytest

from cx import schema, store


def test_a_new_workspace_has_every_contract_table(workspace):
    cur = workspace.cursor()
    tables = {r[0] for r in cur.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {t.name for t in schema.CONTRACT_TABLES} <= tables


def test_contract_columns_have_contract_types(workspace):
    cur = workspace.cursor()
    rows = cur.execute("SELECT column_name, data_type FROM information_schema.columns "
                       "WHERE table_name = 'customer_responses'").fetchall()
    types = dict(rows)
    assert types["nps"] == "SMALLINT"
    assert types["responded_at"] == "TIMESTAMP"
    assert types["fcr"] == "BOOLEAN"
    assert types["import_id"] == "INTEGER"


def test_workspace_file_lives_in_cx_data_dir(data_dir):
    store.create_workspace("client-a")
    assert (data_dir / "client-a.duckdb").exists()
    assert store.list_workspaces() == ["client-a"]


@pytest.mark.parametrize("bad", ["", "Demo", "a b", "x" * 41, "../etc", "ä"])
def test_invalid_workspace_names_are_refused(bad):
    with pytest.raises(store.WorkspaceError):
        store.create_workspace(bad)


def test_rename_keeps_the_data(workspace):
    with workspace.write() as cur:
        cur.execute("INSERT INTO touchpoints (touchpoint, stage) VALUES (?, ?)", ["Web shop", "Purchase"])
    store.rename_workspace("test", "renamed")
    assert store.list_workspaces() == ["renamed"]
    assert store.open_workspace("renamed").counts()["touchpoints"] == 1


def test_delete_removes_the_file(data_dir, workspace):
    store.delete_workspace("test")
    assert store.list_workspaces() == []
    assert not (data_dir / "test.duckdb").exists()


def test_failed_write_leaves_nothing_and_keeps_the_version(workspace):
    before = workspace.version()
    with pytest.raises(RuntimeError):
        with workspace.write() as cur:
            cur.execute("INSERT INTO touchpoints (touchpoint, stage) VALUES ('a', 'b')")
            raise RuntimeError("boom")
    assert workspace.counts()["touchpoints"] == 0
    assert workspace.version() == before


def test_a_write_on_a_given_cursor_commits_and_leaves_the_cursor_open_with_its_temporary_tables(workspace):
    cur = workspace.cursor()
    cur.execute("CREATE TEMP TABLE staged AS SELECT 'Web' AS touchpoint, 'Purchase' AS stage")
    before = workspace.version()
    with workspace.write(cur):
        cur.execute("INSERT INTO touchpoints (touchpoint, stage) SELECT touchpoint, stage FROM staged")
    assert cur.execute("SELECT count(*) FROM staged").fetchall() == [(1,)]
    assert workspace.cursor().execute("SELECT touchpoint FROM touchpoints").fetchall() == [("Web",)]
    assert workspace.version() == before + 1
    cur.close()


def test_each_committed_write_bumps_the_version(workspace):
    before = workspace.version()
    with workspace.write() as cur:
        cur.execute("INSERT INTO touchpoints (touchpoint, stage) VALUES ('a', 'b')")
    assert workspace.version() == before + 1


def test_settings_have_contract_defaults_and_can_change(workspace):
    assert workspace.settings()["min_n"] == 30
    assert workspace.settings()["confidentiality_min"] == 5
    workspace.set_setting("min_n", 50)
    assert workspace.settings()["min_n"] == 50


def test_reopening_an_older_file_adds_missing_columns(data_dir):
    import duckdb

    data_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(data_dir / "old.duckdb"))
    con.execute("CREATE TABLE imports (import_id INTEGER PRIMARY KEY, kind VARCHAR)")
    con.execute("INSERT INTO imports VALUES (1, 'touchpoints')")
    con.close()
    ws = store.open_workspace("old")
    cols = {r[0] for r in ws.cursor().execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name='imports'").fetchall()}
    assert "rows_skipped" in cols and "status" in cols
    assert ws.cursor().execute("SELECT count(*) FROM imports").fetchone()[0] == 1
    assert ws.schema_version() == schema.SCHEMA_VERSION


def test_writes_from_many_threads_are_serialised(workspace):
    def add(i):
        with workspace.write() as cur:
            cur.execute("INSERT INTO touchpoints (touchpoint, stage) VALUES (?, 'Use')", [f"tp{i}"])

    threads = [threading.Thread(target=add, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert workspace.counts()["touchpoints"] == 20
    assert workspace.version() == 20


def test_a_second_process_gets_a_sentence_not_a_crash(workspace, data_dir):
    code = ("import sys; from cx import store\n"
            "try:\n    store.open_workspace('test')\n"
            "except store.WorkspaceBusy as e:\n    print(e); sys.exit(3)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**__import__('os').environ, "CX_DATA_DIR": str(data_dir)})
    assert proc.returncode == 3, proc.stderr
    assert "open in another cx process" in proc.stdout


def test_a_recreated_workspace_gets_a_new_cache_key(workspace):
    key = workspace.cache_key()
    store.delete_workspace("test")
    assert store.create_workspace("test").cache_key() != key


def test_the_cache_key_changes_with_every_write(workspace):
    key = workspace.cache_key()
    with workspace.write() as cur:
        cur.execute("INSERT INTO touchpoints (touchpoint, stage) VALUES ('a', 'b')")
    assert workspace.cache_key() != key


def test_a_changed_setting_is_read_back_at_once(workspace):
    assert workspace.settings()["min_n"] == 30
    workspace.set_setting("min_n", 12)
    assert workspace.settings()["min_n"] == 12


def test_a_failed_write_leaves_the_cache_key_as_it_was(workspace):
    key = workspace.cache_key()
    with pytest.raises(duckdb.Error), workspace.write() as cur:
        cur.execute("INSERT INTO no_such_table VALUES (1)")
    assert workspace.cache_key() == key


def test_a_key_read_while_a_write_commits_is_not_remembered(workspace):
    """A reader thread can read the old version just before another thread commits."""
    stale = workspace.cache_key()
    workspace._memo.clear()

    def read_then_someone_writes():
        with workspace.write() as cur:
            cur.execute("INSERT INTO touchpoints (touchpoint, stage) VALUES ('a', 'b')")
        return stale

    assert workspace._remembered("cache_key", read_then_someone_writes) == stale
    assert workspace.cache_key() != stale
