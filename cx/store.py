"""Workspaces: one DuckDB file each, with the contract's tables.

Why it looks like this:
- One DuckDB connection per workspace per process (DuckDB allows one writer
  process per file). Every caller takes its own `.cursor()`: a connection object
  shared across threads returns wrong or empty results.
- Writes go through `Workspace.write()`: one lock per workspace serialises them,
  and one transaction makes an import all or nothing. Readers in other threads
  see the state before or after, never half of it (DuckDB's MVCC).
- `data_version` goes up with every committed write, so caches can key on it.
- A second process (the command line while the app runs) cannot take the file
  lock; it gets `WorkspaceBusy` with a sentence, not a traceback.
- Besides DuckDB's own lock, every open workspace holds an exclusive lock on a small
  file under `.locks/` named after the workspace. Create, rename, delete and replace
  take the same lock first, so none of them can pull a file from under a process
  that has it open (the app, the command line), and two of them never race.
- Names change with `os.link` (which refuses an existing name, atomically), and a
  new workspace is built in `.building/` and linked into place when it is whole,
  so a crash or a closed browser never leaves half a workspace under its name.
- Deleted (and replaced) workspaces move to `deleted/`, so nothing is lost by one
  click; remove files there to erase them for good.
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb

from cx import schema
from cx.sql import ident

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NAME_RE = re.compile(r"[a-z0-9_-]{1,40}")  # always with fullmatch: "$" would let "name\n" through
DEFAULT_SETTINGS = {"min_n": 30, "confidentiality_min": 5}

_registry: dict[Path, Workspace] = {}
_registry_lock = threading.Lock()


class WorkspaceError(Exception):
    """A problem with a workspace that a user can act on; str() is the sentence to show.

    Newer refusals carry a catalogue `code` and its `values`, so the pages can say them in
    either language (`cx.i18n.t(exc.code, lang, **exc.values)`); str() is the English one.
    """

    def __init__(self, message: str = "", *, code: str | None = None, **values):
        self.code = code
        self.values = values
        if code and not message:
            from cx.i18n import t

            message = t(code, "en", **values)
        super().__init__(message)


class WorkspaceBusy(WorkspaceError):
    """Another process (or an import or a build in this one) holds the workspace."""


def _busy(name: str) -> WorkspaceBusy:
    return WorkspaceBusy(code="ws.busy", name=name)


def data_dir() -> Path:
    """Where workspace files live: $CX_DATA_DIR, else data/workspaces under the project."""
    env = os.environ.get("CX_DATA_DIR")
    path = Path(env) if env else PROJECT_ROOT / "data" / "workspaces"
    path.mkdir(parents=True, exist_ok=True)
    return path


def is_valid_name(name) -> bool:
    return isinstance(name, str) and NAME_RE.fullmatch(name) is not None


def check_name(name: str) -> str:
    """Return the name if it is a valid workspace name, else raise a readable error."""
    if not is_valid_name(name):
        raise WorkspaceError(code="ws.invalid_name", name=name if isinstance(name, str) else repr(name))
    return name


def workspace_path(name: str) -> Path:
    return data_dir() / f"{check_name(name)}.duckdb"


def list_workspaces() -> list[str]:
    """Names of the workspaces on disk, sorted."""
    return sorted(p.stem for p in data_dir().glob("*.duckdb") if is_valid_name(p.stem))


def exists(name: str) -> bool:
    return workspace_path(name).exists()


class NameLock:
    """An exclusive, non-blocking lock on a workspace name, across threads and processes.

    `flock` on a file under `.locks/`: held by every open Workspace and by create, rename,
    delete and replace while they work. Each NameLock opens the file itself, so two in one
    process exclude each other too (flock belongs to the open file, not the process).
    """

    def __init__(self, name: str):
        folder = data_dir() / ".locks"
        folder.mkdir(exist_ok=True)
        self.name = name
        self._fd = os.open(folder / f"{check_name(name)}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._fd)
            self._fd = None
            raise _busy(name) from None

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> NameLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def open_workspace(name: str, create: bool = False) -> Workspace:
    """The process-wide Workspace for `name` (opened once, then shared)."""
    path = workspace_path(name)
    with _registry_lock:
        ws = _registry.get(path)
        if ws is not None and not ws.closed:
            return ws
        return _open_locked(name, path, new=False, must_exist=not create)


def create_workspace(name: str) -> Workspace:
    if exists(name):
        raise WorkspaceError(code="ws.already_exists", name=name)
    with _registry_lock:
        return _open_locked(name, workspace_path(name), new=True, must_exist=False)


def _open_locked(name: str, path: Path, new: bool, must_exist: bool) -> Workspace:
    """Take the name lock, then open (or, `new`, create) the file and register it; the caller holds
    the registry lock. The file is checked again under the name lock: another process may have
    created, renamed or deleted it a moment ago."""
    lock = NameLock(name)
    try:
        if new and path.exists():
            raise WorkspaceError(code="ws.already_exists", name=name)
        if must_exist and not path.exists():
            raise WorkspaceError(code="ws.missing", name=name)
        ws = Workspace(name, path, lock)
    except BaseException:
        lock.release()
        raise
    _registry[path] = ws
    return ws


def close_workspace(name: str) -> None:
    path = workspace_path(name)
    with _registry_lock:
        ws = _registry.pop(path, None)
    if ws is not None:
        ws.close()


def close_all() -> None:
    with _registry_lock:
        items = list(_registry.values())
        _registry.clear()
    for ws in items:
        ws.close()


def _close_if_idle(name: str) -> None:
    """Close this process's connection to `name`, unless an import or build is running in it."""
    path = workspace_path(name)
    with _registry_lock:
        ws = _registry.get(path)
        if ws is None or ws.closed:
            _registry.pop(path, None)
            return
        if not ws.try_retire():
            raise WorkspaceBusy(code="ws.working", name=name)
        _registry.pop(path, None)


def _files(path: Path) -> list[Path]:
    """The database file and its write-ahead log, if any."""
    wal = path.with_name(path.name + ".wal")
    return [path] + ([wal] if wal.exists() else [])


def rename_workspace(old: str, new: str, before: Callable[[Workspace], None] | None = None) -> None:
    """Rename on disk, atomically and never over an existing workspace.

    Refused (a sentence) when `old` is open in another process or busy with an import here.
    `before(ws)` runs on the open workspace first (e.g. to record the rename in its audit trail).
    """
    src, dst = workspace_path(old), workspace_path(new)
    if old == new:
        raise WorkspaceError(code="ws.already_exists", name=new)
    if not src.exists():
        raise WorkspaceError(code="ws.missing", name=old)
    if dst.exists():
        raise WorkspaceError(code="ws.already_exists", name=new)
    if before is not None:
        before(open_workspace(old))
    _close_if_idle(old)
    with NameLock(old), NameLock(new):
        if not src.exists():
            raise WorkspaceError(code="ws.missing", name=old)
        try:
            os.link(src, dst)  # fails if `new` exists, whoever made it a moment ago
        except FileExistsError:
            raise WorkspaceError(code="ws.already_exists", name=new) from None
        for extra in _files(src)[1:]:
            os.replace(extra, dst.with_name(dst.name + ".wal"))
        src.unlink()


def _retire(path: Path) -> Path:
    """Move a workspace's files into `deleted/` (kept, never overwritten)."""
    folder = data_dir() / "deleted"
    folder.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}-{stamp}-{uuid.uuid4().hex[:6]}.duckdb"
    for file in _files(path):
        os.replace(file, target.with_name(target.name + file.name[len(path.name):]))
    return target


def delete_workspace(name: str, before: Callable[[Workspace], None] | None = None) -> Path:
    """Delete a workspace: its files move to `deleted/` under the data folder; returns where.

    Refused with a sentence while it is open in another process or an import runs in it.
    `before(ws)` runs on the open workspace first (e.g. to record the delete in its audit trail).
    """
    path = workspace_path(name)
    if not path.exists():
        raise WorkspaceError(code="ws.missing", name=name)
    if before is not None:
        before(open_workspace(name))
    _close_if_idle(name)
    with NameLock(name):
        if not path.exists():
            raise WorkspaceError(code="ws.missing", name=name)
        return _retire(path)


def build_workspace(name: str, fill: Callable[[Workspace], None], replace: bool = False) -> Workspace:
    """Build a workspace in `.building/` with `fill(ws)` and put it under `name` only when whole.

    Without `replace` an existing workspace is refused; with it, the old one moves to `deleted/`,
    but only if no process has it open (the app, the command line, this process). Nothing a
    caller's thread does (a closed browser stopping a page run) can leave half a workspace.
    """
    path = workspace_path(name)
    if path.exists() and not replace:
        raise WorkspaceError(code="ws.exists_use_replace", name=name)
    with _registry_lock:
        open_here = _registry.get(path)
        if open_here is not None and not open_here.closed:
            raise WorkspaceBusy(code="ws.open_here", name=name)
    with NameLock(name):
        folder = data_dir() / ".building"
        folder.mkdir(exist_ok=True)
        temp = folder / f"{name}-{uuid.uuid4().hex}.duckdb"
        try:
            ws = Workspace(name, temp, None)
            try:
                fill(ws)
            finally:
                ws.close()
            if path.exists():
                if not replace:
                    raise WorkspaceError(code="ws.exists_use_replace", name=name)
                _retire(path)
            for file in _files(temp):
                os.replace(file, path.with_name(path.name + file.name[len(temp.name):]))
        finally:
            for file in _files(temp):
                file.unlink(missing_ok=True)
    return open_workspace(name)


def clear_stale_builds(name: str) -> None:
    """Remove what a build of `name` left in `.building/` when its process died."""
    with NameLock(name):
        for file in (data_dir() / ".building").glob(f"{check_name(name)}-*.duckdb*"):
            file.unlink(missing_ok=True)


def copy_workspace(src_name: str, dst_name: str) -> None:
    """Copy a closed workspace file (used by tests and benchmarks)."""
    close_workspace(src_name)
    shutil.copyfile(workspace_path(src_name), workspace_path(dst_name))


def disk_error(exc: BaseException) -> bool:
    """True when a database error comes from a full disk or a file that may not grow."""
    text = str(exc)
    return any(s in text for s in ("No space left", "File too large", "Disk quota", "Could not write file")) \
        or getattr(exc, "errno", None) in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)


class Workspace:
    """An open workspace: a DuckDB connection plus a write lock."""

    def __init__(self, name: str, path: Path, lock: NameLock | None):
        self.name = name
        self.path = path
        self.closed = False
        self._lock = threading.RLock()
        self._name_lock = lock
        self._holds = 0  # imports and other long operations running (see hold())
        self._holds_lock = threading.Lock()
        # Cache key and settings, read once per data version. Safe because this process holds the
        # file's lock (no other process can write it) and every write here goes through write().
        self._memo: dict = {}
        self._generation = 0  # grows after every write, so a read that raced a write is not kept
        try:
            self._con = duckdb.connect(str(path))
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise WorkspaceBusy(
                    f"The workspace '{name}' is open in another cx process (the app or another "
                    "command). Stop that process, or load the file through the app's Data page."
                ) from exc
            raise WorkspaceError(f"The workspace '{name}' could not be opened: {exc}") from exc
        self._migrate()

    @contextmanager
    def hold(self) -> Iterator[Workspace]:
        """Mark a long operation (an import) as running: rename and delete wait for none, they refuse."""
        with self._holds_lock:
            if self.closed:
                raise WorkspaceError(code="ws.gone", name=self.name)
            self._holds += 1
        try:
            yield self
        finally:
            with self._holds_lock:
                self._holds -= 1

    def try_retire(self) -> bool:
        """Close the workspace unless an operation holds it or a write runs; True if closed."""
        if not self._lock.acquire(blocking=False):
            return False
        try:
            with self._holds_lock:
                if self._holds:
                    return False
                self.close()
                return True
        finally:
            self._lock.release()

    # -- connections -------------------------------------------------------
    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A fresh cursor: use one per thread or per run, never share."""
        if self.closed:
            raise WorkspaceError(code="ws.gone", name=self.name)
        try:
            return self._con.cursor()
        except duckdb.ConnectionException:  # closed by a rename or delete a moment ago
            raise WorkspaceError(code="ws.gone", name=self.name) from None

    @contextmanager
    def write(self, cursor: duckdb.DuckDBPyConnection | None = None,
              bump: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """One serialised transaction; rolled back on any error, version bumped on success.

        `cursor`: run it on this cursor (left open afterwards), e.g. one that holds an import's
        checked rows as temporary tables; by default on a fresh one. `bump=False` for writes no
        figure depends on (the audit trail), so cached figures stay valid.
        """
        with self._lock:
            cur = cursor or self.cursor()
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
                if bump:
                    cur.execute(
                        "UPDATE cx_meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) "
                        "WHERE key = 'data_version'"
                    )
                cur.execute("COMMIT")
            except BaseException as exc:
                try:
                    cur.execute("ROLLBACK")
                except duckdb.Error:
                    pass
                if isinstance(exc, (duckdb.Error, OSError)) and disk_error(exc):
                    # DuckDB keeps working once there is space again; say so instead of its words.
                    raise WorkspaceError(code="ws.disk_full", name=self.name) from exc
                raise
            finally:
                if bump:
                    self._generation += 1
                    self._memo.clear()
                if cursor is None:
                    cur.close()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._con.close()
            if self._name_lock is not None:
                self._name_lock.release()

    # -- meta and settings --------------------------------------------------
    def version(self) -> int:
        """Grows with every committed write: the cache key for derived figures."""
        row = self.cursor().execute(
            "SELECT value FROM cx_meta WHERE key = 'data_version'").fetchone()
        return int(row[0]) if row else 0

    def cache_key(self) -> str:
        """Changes with every write and differs between two workspaces that once had the same name.

        Kept in memory between writes: pages ask for it before every cached figure."""
        return self._remembered("cache_key", self._read_cache_key)

    def _read_cache_key(self) -> str:
        rows = dict(self.cursor().execute(
            "SELECT key, value FROM cx_meta WHERE key IN ('instance', 'data_version')").fetchall())
        return f"{rows.get('instance', '')}:{rows.get('data_version', '0')}"

    def _remembered(self, name: str, read):
        """`read()`, kept until the next write; a value read while a write committed is not kept."""
        if name in self._memo:
            return self._memo[name]
        generation = self._generation
        value = read()
        if generation == self._generation:
            self._memo[name] = value
        return value

    def schema_version(self) -> int:
        row = self.cursor().execute(
            "SELECT value FROM cx_meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def settings(self) -> dict:
        return dict(self._remembered("settings", self._read_settings))

    def _read_settings(self) -> dict:
        rows = self.cursor().execute("SELECT key, value FROM cx_settings").fetchall()
        merged = dict(DEFAULT_SETTINGS)
        merged.update({k: json.loads(v) for k, v in rows})
        return merged

    def set_setting(self, key: str, value) -> None:
        with self.write() as cur:
            cur.execute("INSERT OR REPLACE INTO cx_settings VALUES (?, ?)", [key, json.dumps(value)])

    def counts(self) -> dict[str, int]:
        """Row count of each contract data table."""
        cur = self.cursor()
        return {t.name: cur.execute("SELECT count(*) FROM " + ident(t.name)).fetchone()[0]
                for t in schema.DATA_TABLES}

    def last_import(self) -> datetime | None:
        row = self.cursor().execute(
            "SELECT max(imported_at) FROM imports WHERE status = 'loaded'").fetchone()
        return row[0] if row else None

    # -- schema --------------------------------------------------------------
    def _migrate(self) -> None:
        """Create what is missing and bring an older file up to SCHEMA_VERSION.

        Contract tables are created if absent and any column the contract gained
        since is added, so an old workspace opens in a new cx without losing data.
        """
        with self._lock:
            cur = self._con.cursor()
            cur.execute("CREATE TABLE IF NOT EXISTS cx_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
            cur.execute("CREATE TABLE IF NOT EXISTS cx_settings (key VARCHAR PRIMARY KEY, value VARCHAR)")
            cur.execute("CREATE TABLE IF NOT EXISTS cx_profiles (name VARCHAR PRIMARY KEY, "
                        "kind VARCHAR, profile VARCHAR, saved_at TIMESTAMP)")
            cur.execute("CREATE TABLE IF NOT EXISTS cx_scenarios (name VARCHAR PRIMARY KEY, "
                        "body VARCHAR, saved_at TIMESTAMP)")
            # The audit trail (cx.team.audit; docs/contract-additions.md).
            cur.execute("CREATE TABLE IF NOT EXISTS cx_audit (audit_id BIGINT PRIMARY KEY, done_at TIMESTAMP NOT NULL, "
                        "actor VARCHAR NOT NULL, action VARCHAR NOT NULL, target VARCHAR, detail VARCHAR)")
            for table in schema.CONTRACT_TABLES:
                cur.execute(schema.ddl(table))
                existing = {r[0] for r in cur.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                    [table.name]).fetchall()}
                for col in table.columns:
                    if col.name not in existing:
                        # sql_type is the contract's own column type, never user text.
                        cur.execute("ALTER TABLE " + ident(table.name) + " ADD COLUMN " + ident(col.name)
                                    + " " + col.sql_type)
            cur.execute("INSERT OR IGNORE INTO cx_meta VALUES ('data_version', '0')")
            cur.execute("INSERT OR IGNORE INTO cx_meta VALUES ('instance', ?)", [uuid.uuid4().hex])
            cur.execute("INSERT OR REPLACE INTO cx_meta VALUES ('schema_version', ?)",
                        [str(schema.SCHEMA_VERSION)])
            cur.close()
