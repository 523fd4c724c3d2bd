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
"""
from __future__ import annotations

import json
import os
import re
import shutil
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb

from cx import schema
from cx.sql import ident

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NAME_RE = re.compile(r"^[a-z0-9_-]{1,40}$")
DEFAULT_SETTINGS = {"min_n": 30, "confidentiality_min": 5}

_registry: dict[Path, Workspace] = {}
_registry_lock = threading.Lock()


class WorkspaceError(Exception):
    """A problem with a workspace that a user can act on; str() is the sentence to show."""


class WorkspaceBusy(WorkspaceError):
    """Another process holds the workspace file."""


def data_dir() -> Path:
    """Where workspace files live: $CX_DATA_DIR, else data/workspaces under the project."""
    env = os.environ.get("CX_DATA_DIR")
    path = Path(env) if env else PROJECT_ROOT / "data" / "workspaces"
    path.mkdir(parents=True, exist_ok=True)
    return path


def check_name(name: str) -> str:
    """Return the name if it is a valid workspace name, else raise a readable error."""
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise WorkspaceError(
            f"'{name}' is not a valid workspace name: use 1 to 40 lower-case letters, "
            "digits, '-' or '_'."
        )
    return name


def workspace_path(name: str) -> Path:
    return data_dir() / f"{check_name(name)}.duckdb"


def list_workspaces() -> list[str]:
    """Names of the workspaces on disk, sorted."""
    return sorted(p.stem for p in data_dir().glob("*.duckdb") if NAME_RE.match(p.stem))


def exists(name: str) -> bool:
    return workspace_path(name).exists()


def open_workspace(name: str, create: bool = False) -> Workspace:
    """The process-wide Workspace for `name` (opened once, then shared)."""
    path = workspace_path(name)
    with _registry_lock:
        ws = _registry.get(path)
        if ws is not None and not ws.closed:
            return ws
        if not path.exists() and not create:
            raise WorkspaceError(f"There is no workspace called '{name}'.")
        ws = Workspace(name, path)
        _registry[path] = ws
        return ws


def create_workspace(name: str) -> Workspace:
    if exists(name):
        raise WorkspaceError(f"A workspace called '{name}' already exists.")
    return open_workspace(name, create=True)


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


def rename_workspace(old: str, new: str) -> None:
    """Rename on disk; the old connection is closed first (DuckDB holds the file)."""
    src, dst = workspace_path(old), workspace_path(new)
    if not src.exists():
        raise WorkspaceError(f"There is no workspace called '{old}'.")
    if dst.exists():
        raise WorkspaceError(f"A workspace called '{new}' already exists.")
    close_workspace(old)
    src.rename(dst)
    wal = src.with_suffix(".duckdb.wal")
    if wal.exists():
        wal.rename(dst.with_suffix(".duckdb.wal"))


def delete_workspace(name: str) -> None:
    path = workspace_path(name)
    if not path.exists():
        raise WorkspaceError(f"There is no workspace called '{name}'.")
    close_workspace(name)
    path.unlink()
    wal = path.with_suffix(".duckdb.wal")
    if wal.exists():
        wal.unlink()


def copy_workspace(src_name: str, dst_name: str) -> None:
    """Copy a closed workspace file (used by tests and benchmarks)."""
    close_workspace(src_name)
    shutil.copyfile(workspace_path(src_name), workspace_path(dst_name))


class Workspace:
    """An open workspace: a DuckDB connection plus a write lock."""

    def __init__(self, name: str, path: Path):
        self.name = name
        self.path = path
        self.closed = False
        self._lock = threading.RLock()
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

    # -- connections -------------------------------------------------------
    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A fresh cursor: use one per thread or per run, never share."""
        if self.closed:
            raise WorkspaceError(f"The workspace '{self.name}' has been closed.")
        return self._con.cursor()

    @contextmanager
    def write(self, cursor: duckdb.DuckDBPyConnection | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """One serialised transaction; rolled back on any error, version bumped on success.

        `cursor`: run it on this cursor (left open afterwards), e.g. one that holds an import's
        checked rows as temporary tables; by default on a fresh one.
        """
        with self._lock:
            cur = cursor or self.cursor()
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
                cur.execute(
                    "UPDATE cx_meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) "
                    "WHERE key = 'data_version'"
                )
                cur.execute("COMMIT")
            except BaseException:
                try:
                    cur.execute("ROLLBACK")
                except duckdb.Error:
                    pass
                raise
            finally:
                self._generation += 1
                self._memo.clear()
                if cursor is None:
                    cur.close()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._con.close()

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
