"""Threads importing and reading at once see whole imports only; a killed import leaves nothing."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from cx import importer, store

ROWS_PER_FILE = 200


def _file(k: int) -> bytes:
    lines = ["Response ID,Date,Touchpoint,NPS"] + [f"f{k}-{i},2026-02-{1 + i % 27:02d},Web shop,{i % 11}"
                                                    for i in range(ROWS_PER_FILE)]
    return ("\n".join(lines) + "\n").encode()


def test_readers_never_see_half_an_import(workspace):
    seen: list[int] = []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            cur = workspace.cursor()
            seen.append(cur.execute("SELECT count(*) FROM customer_responses").fetchone()[0])
            cur.close()

    def writer(k):
        importer.import_file(workspace, _file(k), f"f{k}.csv")

    readers = [threading.Thread(target=reader) for _ in range(3)]
    writers = [threading.Thread(target=writer, args=(k,)) for k in range(6)]
    for t in readers + writers:
        t.start()
    for t in writers:
        t.join()
    stop.set()
    for t in readers:
        t.join()
    assert workspace.counts()["customer_responses"] == 6 * ROWS_PER_FILE
    assert all(count % ROWS_PER_FILE == 0 for count in seen)
    ids = [r[0] for r in workspace.cursor().execute("SELECT import_id FROM imports ORDER BY 1").fetchall()]
    assert ids == list(range(1, 7))


def test_killing_an_import_process_midway_leaves_the_workspace_as_it_was(workspace, data_dir, tmp_path):
    importer.import_file(workspace, _file(0), "seed.csv")
    before = workspace.cursor().execute("SELECT count(*), sum(nps) FROM customer_responses").fetchone()
    store.close_all()
    big = tmp_path / "big.csv"
    lines = ["Date,Touchpoint,NPS,Comment"] + [f"2026-03-{1 + i % 28:02d},Web shop,{i % 11},c{i}" for i in range(400_000)]
    big.write_text("\n".join(lines) + "\n")
    env = {**os.environ, "CX_DATA_DIR": str(data_dir)}
    proc = subprocess.Popen([sys.executable, "-m", "cx", "import", str(big), "--workspace", "test"], env=env,
                            cwd=Path(__file__).resolve().parent.parent)
    time.sleep(2.0)  # reading and checking are under way; kill it before or while it writes
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    ws = store.open_workspace("test")
    assert ws.cursor().execute("SELECT count(*), sum(nps) FROM customer_responses").fetchone() == before
    assert ws.cursor().execute("SELECT count(*) FROM imports WHERE status = 'loaded'").fetchone()[0] == 1
