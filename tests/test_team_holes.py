"""The attacks from issue #18 on workspaces, each written as the attack: they failed before the fix."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from cx import importer, store
from cx.cli import main
from cx.team import access, actions

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = "Date,Touchpoint,Unit,NPS\n" + "".join(f"2026-03-{1 + i:02d},Web shop,North,{i % 11}\n" for i in range(20))


def _answers(ws: store.Workspace) -> int:
    return ws.counts()["customer_responses"]


def _import(ws: store.Workspace, text: str = ANSWERS, name: str = "answers.csv"):
    return actions.import_file(ws, access.LOCAL, text.encode(), name, allow_duplicate_file=True)


class _Holder:
    """Another process that has a workspace open (the app or a command), until stopped."""

    def __init__(self, data_dir: Path, name: str):
        code = textwrap.dedent(f"""
            import sys
            from cx import store
            store.open_workspace({name!r})
            print("open", flush=True)
            sys.stdin.read()
        """)
        self.proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, cwd=ROOT, env={**os.environ, "CX_DATA_DIR": str(data_dir)})
        assert self.proc.stdout.readline().strip() == "open"

    def stop(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(20)


# ----------------------------------------------------------------------------- demo over a live workspace

def test_demo_refuses_an_existing_workspace_without_replace(capsys, workspace):
    _import(workspace)
    store.close_all()
    code = main(["demo", "--workspace", "test", "--months", "2", "--scale", "0.05"])
    assert code == 2
    assert "--replace" in capsys.readouterr().err
    assert _answers(store.open_workspace("test")) == 20


def test_demo_never_replaces_a_workspace_another_process_has_open(capsys, data_dir, workspace):
    _import(workspace)
    store.close_all()
    holder = _Holder(data_dir, "test")
    try:
        code = main(["demo", "--workspace", "test", "--months", "2", "--scale", "0.05", "--replace"])
        err = capsys.readouterr().err
    finally:
        holder.stop()
    assert code == 2 and "open in another cx process" in err
    assert _answers(store.open_workspace("test")) == 20


def test_demo_never_replaces_a_workspace_this_process_has_open(capsys, workspace):
    _import(workspace)
    code = main(["demo", "--workspace", "test", "--months", "2", "--scale", "0.05", "--replace"])
    assert code == 2
    assert _answers(store.open_workspace("test")) == 20


def test_demo_replace_keeps_the_old_workspace_in_deleted(data_dir, workspace):
    _import(workspace)
    store.close_all()
    assert main(["demo", "--workspace", "test", "--months", "2", "--scale", "0.05", "--replace"]) == 0
    kept = list((data_dir / "deleted").glob("test-*.duckdb"))
    assert len(kept) == 1


# ----------------------------------------------------------------------------- names

@pytest.mark.parametrize("bad", ["demo\n", "demo\r\n", "\ndemo", "demo\x00"])
def test_a_name_with_a_line_break_or_control_character_is_refused(bad):
    with pytest.raises(store.WorkspaceError):
        store.check_name(bad)


def test_the_command_line_refuses_a_name_ending_in_a_newline(capsys):
    assert main(["demo", "--workspace", "evil\n", "--months", "1", "--scale", "0.05"]) == 2
    assert store.list_workspaces() == []


# ----------------------------------------------------------------------------- concurrent renames

def _rename_race(a: str, b: str, new: str) -> list[BaseException | None]:
    outcomes: list[BaseException | None] = [None, None]
    gate = threading.Barrier(2)

    def go(i: int, old: str) -> None:
        gate.wait()
        try:
            store.rename_workspace(old, new)
        except store.WorkspaceError as exc:
            outcomes[i] = exc

    threads = [threading.Thread(target=go, args=(i, old)) for i, old in enumerate((a, b))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return outcomes


def test_two_workspaces_renamed_to_one_name_at_once_never_overwrite(data_dir):
    for attempt in range(20):
        for name, rows in (("a", 1), ("b", 2)):
            ws = store.create_workspace(name)
            with ws.write() as cur:
                for i in range(rows):
                    cur.execute("INSERT INTO touchpoints (touchpoint, stage) VALUES (?, 'x')", [f"{name}{i}"])
        store.close_all()
        outcomes = _rename_race("a", "b", "c")
        assert sum(o is None for o in outcomes) == 1, (attempt, outcomes)
        survivors = sorted(store.list_workspaces())
        assert len(survivors) == 2 and "c" in survivors, (attempt, survivors)
        counts = sorted(store.open_workspace(n).counts()["touchpoints"] for n in survivors)
        assert counts == [1, 2], attempt
        store.close_all()
        for name in survivors:
            (data_dir / f"{name}.duckdb").unlink()


def test_rename_refuses_an_existing_name(workspace):
    store.create_workspace("other")
    store.close_all()
    with pytest.raises(store.WorkspaceError, match="already exists"):
        store.rename_workspace("test", "other")
    assert sorted(store.list_workspaces()) == ["other", "test"]


def test_rename_is_refused_while_another_process_has_the_workspace_open(data_dir, workspace):
    store.close_all()
    holder = _Holder(data_dir, "test")
    try:
        with pytest.raises(store.WorkspaceBusy):
            store.rename_workspace("test", "moved")
    finally:
        holder.stop()
    assert store.list_workspaces() == ["test"]


# ----------------------------------------------------------------------------- delete during an import

def test_deleting_a_workspace_during_an_import_is_refused_with_a_sentence(workspace):
    started, release = threading.Event(), threading.Event()
    outcome: dict = {}

    def slow_progress(fraction, text):
        started.set()
        release.wait(20)

    def run():
        outcome["result"] = actions.import_file(workspace, access.LOCAL, ANSWERS.encode(), "a.csv",
                                                progress=slow_progress)

    th = threading.Thread(target=run)
    th.start()
    assert started.wait(20)
    try:
        with pytest.raises(store.WorkspaceError) as refused:
            actions.delete(access.LOCAL, "test")
    finally:
        release.set()
        th.join(30)
    assert refused.value.code == "ws.working"
    assert outcome["result"].status == "loaded"
    assert _answers(store.open_workspace("test")) == 20


def test_an_import_into_a_workspace_deleted_a_moment_ago_is_a_sentence(workspace):
    actions.delete(access.LOCAL, "test")
    with pytest.raises(store.WorkspaceError) as refused:
        _import(workspace)
    assert refused.value.code == "ws.gone"


# ----------------------------------------------------------------------------- a full disk during undo

FULL_DISK_UNDO = textwrap.dedent("""
    import resource, signal, sys
    from cx import store
    from cx.team import access, actions
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails like a full disk
    ws = store.open_workspace("test")
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.RLIM_INFINITY))
    try:
        actions.undo(ws, access.LOCAL, int(sys.argv[1]))
    except store.WorkspaceError as exc:
        sys.stderr.write(exc.code + "|" + str(exc))
        resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        sys.stderr.write("|" + str(ws.counts()["customer_responses"]))
        sys.exit(3)
""")


def test_a_full_disk_during_undo_is_a_sentence_and_undo_works_afterwards(data_dir, workspace):
    result = _import(workspace)
    store.close_all()
    proc = subprocess.run([sys.executable, "-c", FULL_DISK_UNDO, str(result.import_id)], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "CX_DATA_DIR": str(data_dir)}, timeout=60)
    code, sentence, rows = proc.stderr.split("|")
    assert proc.returncode == 3 and code == "ws.disk_full", proc.stderr
    assert "disk is full" in sentence and rows == "20"
    ws = store.open_workspace("test")
    assert _answers(ws) == 20
    assert actions.undo(ws, access.LOCAL, result.import_id) == 20
    assert _answers(ws) == 0
    assert importer.undo is not None
