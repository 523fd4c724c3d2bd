"""Imports: read, map, check, then load all accepted rows in one transaction, or nothing.

`preview` answers "what would happen" without writing; `import_file` does it;
`undo` removes exactly one import's rows. Every attempt, loaded or rejected,
is written to the `imports` table.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

import pandas as pd

from cx import mapping, readers, schema, store, validate
from cx.profiles import ImportProfile
from cx.readers import FileRejected
from cx.sql import ident

DEFAULT_MAX_UPLOAD_MB = 100
Progress = Callable[[float, str], None]


class DuplicateFile(FileRejected):
    """The same bytes were imported before; importing again needs an explicit yes."""


@dataclass
class ImportResult:
    import_id: int | None
    kind: str
    status: str  # loaded | rejected | preview
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    rows_skipped: int = 0
    rejections: list[tuple[int, str]] = field(default_factory=list)
    decisions: dict = field(default_factory=dict)
    mapping: dict[str, str] = field(default_factory=dict)
    message: str = ""
    file_name: str = ""

    def to_json(self) -> str:
        body = asdict(self)
        body["rejections"] = [{"line": line, "reason": reason} for line, reason in self.rejections]
        body["decisions"] = json.loads(json.dumps(self.decisions, default=str))
        return json.dumps(body, ensure_ascii=False, indent=2)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read(data: bytes, file_name: str, profile: ImportProfile | None, max_mb: float,
          max_rows: int | None = None) -> readers.TableText:
    if len(data) > max_mb * 1024 * 1024:
        raise FileRejected(f"The file is larger than the upload limit of {max_mb:g} MB; split it or raise the "
                           "limit in the workspace settings.", "too_large")
    p = profile or ImportProfile(kind="customer_responses")
    return readers.read_table(data, file_name, sheet=p.sheet, header_row=p.header_row, skip_rows=p.skip_rows,
                              delimiter=p.delimiter, encoding=p.encoding, decimal=p.decimal, max_rows=max_rows)


def _columns(table: readers.TableText, kind: str | None, profile: ImportProfile | None) -> tuple[str, dict]:
    """Which table and which source column is which contract column."""
    if profile and (profile.columns or profile.wide):
        kind = profile.kind
        columns = {}
        for header, column in profile.columns.items():
            matches = [i for i, h in enumerate(table.headers) if h.strip() == header.strip()]
            if not matches:
                raise FileRejected(f"The profile maps the column '{header}', which is not in the file.", "bad_setting")
            if len(matches) > 1:
                raise FileRejected(f"The column name '{header}' appears twice in the file, so cx cannot tell "
                                   "which one to use; rename one and upload again.", "duplicate_columns")
            columns[matches[0]] = column
        return kind, columns
    found = mapping.detect(table.headers, table.frame, kind=kind or (profile.kind if profile else None))
    for index in found.columns:
        name = table.headers[index].strip()
        if sum(1 for h in table.headers if h.strip() == name) > 1:
            raise FileRejected(f"The column name '{name}' appears twice in the file, so cx cannot tell which "
                               "one to use; rename one and upload again.", "duplicate_columns")
    return found.kind, found.columns


def _check_usable(kind: str, columns: dict, profile: ImportProfile | None) -> None:
    spec = schema.TABLES[kind]
    mapped = set(columns.values()) | set(profile.constants if profile else {})
    if profile and profile.wide:
        mapped |= {profile.wide.metric, profile.wide.into}
    if not mapped:
        raise FileRejected("No column of the file could be matched to cx's columns; map them in the upload "
                           "page or with an import profile.", "no_usable_column")
    missing = [c.name for c in spec.columns if c.required and c.name not in mapped]
    if missing:
        raise FileRejected(f"The file has no column for {', '.join(missing)}, which {kind} needs; map one in "
                           "the upload page or with an import profile.", "no_usable_column")
    if kind == "customer_responses" and not {"touchpoint", "level"} & mapped:
        raise FileRejected("The file has no touchpoint column, and every transaction answer needs one: map a "
                           "column to touchpoint, set a touchpoint for the whole file, or import the answers as "
                           "relationship answers (level).", "no_touchpoint")
    if spec.needs_one_of and not (set(spec.needs_one_of) & mapped):
        raise FileRejected(f"The file has no score column ({', '.join(spec.needs_one_of)}); map one in the "
                           "upload page or with an import profile.", "no_usable_column")


def _existing_keys(cur, kind: str, frame: pd.DataFrame) -> dict:
    """Keys of the new rows that are already in the workspace, with the import that brought them."""
    spec = schema.TABLES[kind]
    if not spec.key or frame.empty:
        return {}
    key = spec.key[0]
    cur.register("new_keys", pd.DataFrame({"k": frame[key].astype(str)}))
    sql = ("SELECT t." + ident(key) + ", t." + ident("import_id") + " FROM " + ident(kind) + " t JOIN new_keys n "
           "ON t." + ident(key) + " = n.k")
    found = dict(cur.execute(sql).fetchall())
    cur.unregister("new_keys")
    return found


def _reject_existing(prepared: validate.Prepared, kind: str, existing: dict) -> None:
    if not existing:
        return
    key = schema.TABLES[kind].key[0]
    clash = prepared.frame[key].isin(list(existing))
    for line, value in zip(prepared.frame.loc[clash, "_line"], prepared.frame.loc[clash, key], strict=True):
        prepared.rejections.append((int(line), f"{validate.label(key)} '{value}' already exists in the workspace "
                                               f"(import {existing[value]})"))
    prepared.rejections.sort()
    prepared.frame = prepared.frame[~clash].reset_index(drop=True)


def _prepare(ws, data: bytes, file_name: str, kind: str | None, profile: ImportProfile | None,
             report: Progress) -> tuple[readers.TableText, str, dict, validate.Prepared]:
    max_mb = float(ws.settings().get("max_upload_mb", DEFAULT_MAX_UPLOAD_MB))
    report(0.05, "Reading the file")
    table = _read(data, file_name, profile, max_mb)
    kind, columns = _columns(table, kind, profile)
    _check_usable(kind, columns, profile)
    report(0.35, "Checking every row")
    prepared = validate.prepare(table, kind, columns, profile, sha256(data), date.today(),
                                decimal=table.decisions.get("decimal"))
    return table, kind, columns, prepared


def _result(status: str, kind: str, table, columns, prepared, file_name, import_id=None, message="") -> ImportResult:
    decisions = dict(table.decisions)
    decisions["notes"] = list(decisions.get("notes", [])) + prepared.notes
    return ImportResult(import_id, kind, status, prepared.rows_read, len(prepared.frame), len(prepared.rejections),
                        prepared.rows_skipped, prepared.rejections, decisions,
                        {table.headers[i]: c for i, c in columns.items()}, message, file_name)


def preview(ws, data: bytes, file_name: str, *, kind: str | None = None,
            profile: ImportProfile | None = None) -> ImportResult:
    """What an import would load, skip and reject, and why; writes nothing."""
    table, kind, columns, prepared = _prepare(ws, data, file_name, kind, profile, lambda f, t: None)
    _reject_existing(prepared, kind, _existing_keys(ws.cursor(), kind, prepared.frame))
    return _result("preview", kind, table, columns, prepared, file_name)


def earlier_import(ws, data: bytes) -> tuple[int, datetime] | None:
    row = ws.cursor().execute("SELECT import_id, imported_at FROM imports WHERE sha256 = ? AND status = 'loaded' "
                              "ORDER BY import_id LIMIT 1", [sha256(data)]).fetchone()
    return tuple(row) if row else None


def import_file(ws, data: bytes, file_name: str, *, kind: str | None = None, profile: ImportProfile | None = None,
                allow_duplicate_file: bool = False, progress: Progress | None = None) -> ImportResult:
    """Load every valid row in one transaction; record the attempt; raise FileRejected for unreadable files."""
    report = progress or (lambda fraction, text: None)
    digest = sha256(data)
    if not allow_duplicate_file and (earlier := earlier_import(ws, data)):
        raise DuplicateFile(f"This file was already imported on {earlier[1]:%Y-%m-%d} as import {earlier[0]}; "
                            "confirm to import it again.", "duplicate_file")
    try:
        table, kind, columns, prepared = _prepare(ws, data, file_name, kind, profile, report)
    except FileRejected as exc:
        _record_rejected(ws, kind or (profile.kind if profile else "unknown"), file_name, digest, str(exc))
        raise
    report(0.7, "Loading")
    with ws.write() as cur:
        _reject_existing(prepared, kind, _existing_keys(cur, kind, prepared.frame))
        import_id = _next_id(cur)
        loaded = len(prepared.frame)
        status = "loaded" if loaded else "rejected"
        cur.execute("INSERT INTO imports (import_id, kind, file_name, sha256, rows_read, rows_loaded, rows_rejected, "
                    "rows_skipped, status, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [import_id, kind, file_name, digest, prepared.rows_read, loaded, len(prepared.rejections),
                     prepared.rows_skipped, status, datetime.now()])
        if loaded:
            _insert(cur, kind, prepared.frame, import_id)
            _fill_stages(cur, kind, import_id)
    message = "" if loaded else "None of the rows could be loaded; see the reasons."
    report(1.0, "Done")
    return _result(status, kind, table, columns, prepared, file_name, import_id, message)


def _next_id(cur) -> int:
    return int(cur.execute("SELECT coalesce(max(import_id), 0) + 1 FROM imports").fetchone()[0])


def _record_rejected(ws, kind: str, file_name: str, digest: str, message: str) -> None:
    try:
        with ws.write() as cur:
            cur.execute("INSERT INTO imports (import_id, kind, file_name, sha256, rows_read, rows_loaded, "
                        "rows_rejected, rows_skipped, status, imported_at) VALUES (?, ?, ?, ?, 0, 0, 0, 0, "
                        "'rejected', ?)", [_next_id(cur), kind, file_name, digest, datetime.now()])
    except store.WorkspaceError:
        pass


def _insert(cur, kind: str, frame: pd.DataFrame, import_id: int) -> None:
    """Insert and count what landed: a silent partial insert must not commit."""
    spec = schema.TABLES[kind]
    batch = frame.drop(columns=["_line"]).assign(import_id=import_id)
    names = [c.name for c in spec.columns]
    cur.register("import_batch", batch[names])
    casts = ", ".join(f"CAST({ident(c.name)} AS {c.sql_type}) AS {ident(c.name)}" for c in spec.columns)
    cur.execute("INSERT INTO " + ident(kind) + " BY NAME SELECT " + casts + " FROM import_batch")
    cur.unregister("import_batch")
    landed = cur.execute("SELECT count(*) FROM " + ident(kind) + " WHERE import_id = ?", [import_id]).fetchone()[0]
    if landed != len(batch):
        raise store.WorkspaceError(f"Only {landed} of {len(batch)} rows reached the workspace; nothing was imported.")


def _fill_stages(cur, kind: str, import_id: int) -> None:
    """Journey stage from the journey map where the answers do not say it."""
    if kind == "customer_responses":
        cur.execute("UPDATE customer_responses SET stage = t.stage FROM touchpoints t WHERE customer_responses.stage "
                    "IS NULL AND customer_responses.touchpoint = t.touchpoint AND customer_responses.import_id = ?",
                    [import_id])
    elif kind == "touchpoints":
        cur.execute("UPDATE customer_responses SET stage = t.stage FROM touchpoints t WHERE customer_responses.stage "
                    "IS NULL AND customer_responses.touchpoint = t.touchpoint")


def undo(ws, import_id: int) -> int:
    """Remove exactly the rows of one import; returns how many were removed."""
    row = ws.cursor().execute("SELECT kind, status FROM imports WHERE import_id = ?", [import_id]).fetchone()
    if row is None:
        raise store.WorkspaceError(f"There is no import {import_id} in this workspace.")
    kind, status = row
    if status != "loaded":
        raise store.WorkspaceError(f"Import {import_id} is {status}; only a loaded import can be undone.")
    with ws.write() as cur:
        removed = cur.execute("SELECT count(*) FROM " + ident(kind) + " WHERE import_id = ?", [import_id]).fetchone()[0]
        cur.execute("DELETE FROM " + ident(kind) + " WHERE import_id = ?", [import_id])
        cur.execute("UPDATE imports SET status = 'undone' WHERE import_id = ?", [import_id])
    return int(removed)
