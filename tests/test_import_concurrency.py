"""Imports and reads at the same time: readers see whole imports only; a killed import leaves nothing."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cx import importer, store

ROOT = Path(__file__).resolve().parent.parent
ROWS_PER_FILE = 200


def answers_file(k: int, rows: int = ROWS_PER_FILE) -> bytes:
    lines = ["Response ID,Date,Touchpoint,NPS"] + [f"f{k}-{i},2026-02-{1 + i % 27:02d},Web shop,{i % 11}"
                                                    for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def test_readers_never_see_half_an_import(workspace):
    seen: list[tuple[int, int]] = []
    stop = threading.Event()
    errors: list[BaseException] = []

    def reader():
        try:
            while not stop.is_set():
                cur = workspace.cursor()
                seen.append(cur.execute("SELECT count(*), count(DISTINCT import_id) FROM customer_responses")
                            .fetchone())
                cur.close()
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    def writer(k):
        try:
            importer.import_file(workspace, answers_file(k), f"f{k}.csv")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    readers = [threading.Thread(target=reader) for _ in range(3)]
    writers = [threading.Thread(target=writer, args=(k,)) for k in range(6)]
    for t in readers + writers:
        t.start()
    for t in writers:
        t.join()
    stop.set()
    for t in readers:
        t.join()
    assert errors == []
    assert all(rows == imports * ROWS_PER_FILE for rows, imports in seen)
    assert workspace.counts()["customer_responses"] == 6 * ROWS_PER_FILE
    ids = [r[0] for r in workspace.cursor().execute("SELECT import_id FROM imports ORDER BY 1").fetchall()]
    assert ids == list(range(1, 7))


def test_undo_while_importing_removes_exactly_one_import(workspace):
    first = importer.import_file(workspace, answers_file(0), "f0.csv")
    done = threading.Event()

    def keep_importing():
        for k in range(1, 4):
            importer.import_file(workspace, answers_file(k), f"f{k}.csv")
        done.set()

    thread = threading.Thread(target=keep_importing)
    thread.start()
    removed = importer.undo(workspace, first.import_id)
    thread.join()
    assert done.is_set() and removed == ROWS_PER_FILE
    assert workspace.counts()["customer_responses"] == 3 * ROWS_PER_FILE


@pytest.mark.parametrize("delay", [0.0, 0.15])
def test_killing_an_import_process_while_it_writes_leaves_the_workspace_as_it_was(workspace, data_dir, tmp_path,
                                                                                  delay):
    importer.import_file(workspace, answers_file(0), "seed.csv")
    cur = workspace.cursor()
    before = (cur.execute("SELECT * FROM customer_responses ORDER BY ALL").fetchall(),
              cur.execute("SELECT * FROM imports ORDER BY ALL").fetchall())
    store.close_all()
    big = tmp_path / "big.csv"
    big.write_bytes(answers_file(1, rows=400_000))
    env = {**os.environ, "CX_DATA_DIR": str(data_dir)}
    proc = subprocess.Popen([sys.executable, "-m", "cx", "import", str(big), "--workspace", "test", "--progress"],
                            env=env, cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    for line in proc.stderr:
        if "Writing the rows" in line:  # inside the transaction: rows are about to be written
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    ws = store.open_workspace("test")
    cur = ws.cursor()
    after = (cur.execute("SELECT * FROM customer_responses ORDER BY ALL").fetchall(),
             cur.execute("SELECT * FROM imports ORDER BY ALL").fetchall())
    assert after == before
