"""Step 5 of an import, write: the checked rows into the workspace in one transaction, or nothing.

The rows were checked on a cursor of the workspace itself (cx.imports.check leaves the cells
registered there, with the checking SQL), so the accepted rows reach the workspace table with
one `INSERT ... SELECT` and never pass through Python; the rows that landed are counted before
the commit: a silent partial insert rolls the whole import back. Every attempt, loaded or
rejected, is written to the `imports` table; `undo` removes exactly one import's rows.

Rows whose response id is already in the workspace (a monthly re-export overlapping the last
one) are left out and reported, never loaded twice and never merged.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import pyarrow as pa

from cx import schema, store
from cx.imports import check as validate
from cx.imports.check import Checked, Rejection
from cx.imports.read import FileRejected
from cx.sql import ident

DEFAULT_MAX_UPLOAD_MB = 100
Progress = Callable[[float, str], None]
__all__ = ["DuplicateFile", "ImportResult", "Rejection", "undo", "write"]


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
    rejections: list[Rejection] = field(default_factory=list)
    decisions: dict = field(default_factory=dict)
    mapping: dict[str, str] = field(default_factory=dict)
    message: str = ""
    file_name: str = ""
    tool: str | None = None  # the survey tool recognised (cx.imports.recognise), if any
    overlap: list[Rejection] = field(default_factory=list)  # lines skipped: imported before (same ids)

    def to_dict(self) -> dict:
        """The contract's summary object (command line `--json`)."""
        return {"import_id": self.import_id, "kind": self.kind, "status": self.status, "file_name": self.file_name,
                "rows_read": self.rows_read, "rows_loaded": self.rows_loaded, "rows_rejected": self.rows_rejected,
                "rows_skipped": self.rows_skipped,
                "rejections": [{"line": r.line, "reason": r.reason} for r in self.rejections],
                "decisions": json.loads(json.dumps(self.decisions, default=str)), "mapping": dict(self.mapping),
                "message": self.message, "tool": self.tool,
                "overlap": [{"line": r.line, "reason": r.reason} for r in self.overlap]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def max_upload_mb(ws) -> float:
    return float(ws.settings().get("max_upload_mb", DEFAULT_MAX_UPLOAD_MB))


def write(ws, cur, checked: Checked, file_name: str, digest: str, report: Progress) -> ImportResult:
    """Load the accepted rows of `checked` (on `cur`) and log the attempt, all in one transaction."""
    prepared = checked.prepared
    with ws.write(cur):
        report(0.75, "Writing the rows")
        leave_out_existing(cur, checked)
        import_id = _next_id(cur)
        loaded = prepared.rows_loaded
        status = "loaded" if loaded else "rejected"
        _log(cur, import_id, checked.kind, file_name, digest, prepared.rows_read, loaded,
             len(prepared.rejections), prepared.rows_skipped, status)
        if loaded:
            _insert(cur, checked.kind, prepared, import_id)
            _fill_stages(cur, checked.kind, import_id)
        report(0.95, "Committing")
    message = "" if loaded else "None of the rows could be loaded; see the reasons."
    return result(status, checked, file_name, import_id, message)


def result(status: str, checked: Checked, file_name: str, import_id=None, message="") -> ImportResult:
    """The summary of a check (status `preview`) or of a write."""
    prepared = checked.prepared
    decisions = dict(checked.table.decisions)
    decisions["notes"] = list(decisions.get("notes", [])) + checked.notes + prepared.notes
    if prepared.date_format:
        decisions["date_format"] = prepared.date_format
    if checked.tool:
        decisions["tool"] = checked.tool
    return ImportResult(import_id, checked.kind, status, prepared.rows_read, prepared.rows_loaded,
                        len(prepared.rejections), prepared.rows_skipped, prepared.rejections, decisions,
                        {checked.table.headers[i]: c for i, c in checked.columns.items()}, message, file_name,
                        checked.tool, list(checked.overlap))


def leave_out_existing(cur, checked: Checked) -> None:
    """Rows whose key is already in the workspace never load twice. Answers (a monthly re-export
    overlapping the last one) are skipped and reported; other tables' rows (a touchpoint already on
    the journey map, maybe with another stage) are rejected, since they disagree with what is there."""
    existing = _existing_keys(cur, checked.kind, checked.prepared)
    if not existing:
        return
    if checked.kind in ANSWER_TABLES:
        _leave_out(cur, checked.prepared, existing, skip=True)
        checked.overlap = [Rejection(line, text) for line, text in sorted(existing.items())]
        shown = ", ".join(str(line) for line in sorted(existing)[:8]) + (" ..." if len(existing) > 8 else "")
        checked.notes.append(f"{len(existing):,} row{'s were' if len(existing) > 1 else ' was'} imported before "
                             f"(the same response ids; lines {shown}): skipped, not loaded twice.")
    else:
        _leave_out(cur, checked.prepared, existing, skip=False)


ANSWER_TABLES = ("customer_responses", "employee_responses")


def _existing_keys(cur, kind: str, prepared: validate.Prepared) -> dict[int, str]:
    """Lines (not rejected already) whose key is in the workspace, with the reason naming the
    import that brought it; several clashing rows of one line (wide layout) are named in turn.
    Only the key column of the checked rows is computed for this."""
    spec = schema.TABLES[kind]
    if not spec.key or prepared.rows_loaded == 0:
        return {}
    if not cur.execute("SELECT count(*) FROM (SELECT 1 FROM " + ident(kind) + " LIMIT 1)").fetchall()[0][0]:
        return {}
    key = ident(spec.key[0])
    sql = ("SELECT n._line, string_agg(" + prepared.next_param() + " || ' ''' || n." + key + " || ''' already exists "
           "in the workspace (import ' || CAST(t." + ident("import_id") + " AS VARCHAR) || ')', '; ' ORDER BY n._wide) "
           "FROM (" + prepared.sql + ") n JOIN " + ident(kind) + " t ON t." + key + " = n." + key + " WHERE n._line "
           "NOT IN (SELECT line FROM " + validate.REJECTED + ") GROUP BY n._line")
    return dict(cur.execute(sql, prepared.params + [validate.label(spec.key[0])]).fetchall())


def _leave_out(cur, prepared: validate.Prepared, existing: dict[int, str], skip: bool) -> None:
    """The lines of `existing` leave the accepted rows: skipped (counted in rows_skipped), or
    rejected with the reason naming the import that brought the key."""
    cur.register("cx_clashing_lines", pa.table({"line": pa.array(sorted(existing), pa.int64())}))
    try:
        if prepared.wide:  # the line's other rows go too
            gone = cur.execute("SELECT count(*) FROM (" + prepared.sql + ") WHERE _line IN (SELECT line FROM "
                               "cx_clashing_lines)", prepared.params).fetchall()[0][0]
        else:
            gone = len(existing)
        cur.execute("INSERT INTO " + validate.REJECTED + " SELECT line FROM cx_clashing_lines")
        prepared.late_rejections = True
    finally:
        cur.unregister("cx_clashing_lines")
    if skip:
        prepared.rows_loaded -= int(gone)
        prepared.rows_skipped += int(gone)
        prepared.fetched = None
        return
    reasons = {r.line: r.reason for r in prepared.rejections}
    for line, text in existing.items():
        reasons[line] = f"{reasons[line]}; {text}" if line in reasons else text
    prepared.rejections = [Rejection(line, reasons[line]) for line in sorted(reasons)]
    prepared.rows_loaded -= int(gone)
    prepared.fetched = None


def _next_id(cur) -> int:
    return int(cur.execute("SELECT coalesce(max(import_id), 0) + 1 FROM imports").fetchone()[0])


def _log(cur, import_id: int, kind: str, file_name: str, digest: str, read_: int, loaded: int, rejected: int,
         skipped: int, status: str) -> None:
    cur.execute("INSERT INTO imports (import_id, kind, file_name, sha256, rows_read, rows_loaded, rows_rejected, "
                "rows_skipped, status, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [import_id, kind, file_name, digest, read_, loaded, rejected, skipped, status, datetime.now()])


def record_rejected(ws, kind: str | None, file_name: str, digest: str) -> None:
    """An unreadable file still leaves a trace in the import log, and nothing else."""
    try:
        with ws.write() as cur:
            _log(cur, _next_id(cur), kind or "unknown", file_name, digest, 0, 0, 0, 0, "rejected")
    except store.WorkspaceError:
        pass


def _insert(cur, kind: str, prepared: validate.Prepared, import_id: int) -> None:
    """Insert the accepted rows straight from the check (INSERT ... SELECT inside DuckDB), in the
    file's order, and count what landed: a silent partial insert must not commit.

    Customer answers without a stage take it from the journey map as they are inserted.
    """
    spec = schema.TABLES[kind]
    params = prepared.params + [import_id]
    values, joined = [], ""
    for c in spec.columns:
        if c.name == "import_id":
            values.append("CAST(" + prepared.next_param() + " AS INTEGER)")
        elif c.name == "stage" and kind == "customer_responses":
            stage, joined = _stage_sql(cur, params)
            values.append(stage)
        else:
            values.append("CAST(a." + ident(c.name) + " AS " + c.sql_type + ")")
    sql = ("INSERT INTO " + ident(kind) + " (" + ", ".join(ident(c.name) for c in spec.columns) + ") SELECT "
           + ", ".join(values) + " FROM (" + prepared.accepted_sql() + ") a" + joined)
    if prepared.wide or prepared.late_rejections or joined:  # joins do not keep the order: sort
        sql += " ORDER BY a._line, a._wide"
    cur.execute(sql, params)
    landed = cur.execute("SELECT count(*) FROM " + ident(kind) + " WHERE import_id = ?", [import_id]).fetchone()[0]
    if landed != prepared.rows_loaded:
        raise store.WorkspaceError(f"Only {landed} of {prepared.rows_loaded} rows reached the workspace; nothing "
                                   "was imported.")


JOURNEY_LOOKUP_LIMIT = 200  # touchpoints looked up in a list per row; beyond, a join (and a sort)


def _stage_sql(cur, params: list) -> tuple[str, str]:
    """The answer's stage, else its touchpoint's stage from the journey map, and the join it needs
    (none for a map of up to JOURNEY_LOOKUP_LIMIT touchpoints: two bound lists, looked up per row).
    Appends the lists to params."""
    stage = "a." + ident("stage")
    journey = dict(cur.execute("SELECT touchpoint, stage FROM touchpoints WHERE touchpoint IS NOT NULL AND stage IS "
                               "NOT NULL ORDER BY touchpoint").fetchall())
    if not journey:
        return "CAST(" + stage + " AS VARCHAR)", ""
    if len(journey) > JOURNEY_LOOKUP_LIMIT:
        return ("coalesce(" + stage + ", j." + ident("stage") + ")",
                " LEFT JOIN " + ident("touchpoints") + " j ON " + stage + " IS NULL AND j." + ident("touchpoint")
                + " = a." + ident("touchpoint"))
    names_at, stages_at = "$" + str(len(params) + 1), "$" + str(len(params) + 2)
    params += [list(journey), list(journey.values())]
    return ("coalesce(" + stage + ", list_extract(CAST(" + stages_at + " AS VARCHAR[]), list_position(CAST("
            + names_at + " AS VARCHAR[]), a." + ident("touchpoint") + ")))"), ""


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
    with ws.write() as cur:
        row = cur.execute("SELECT kind, status FROM imports WHERE import_id = ?", [import_id]).fetchone()
        if row is None:
            raise store.WorkspaceError(f"There is no import {import_id} in this workspace.")
        kind, status = row
        if status != "loaded":
            raise store.WorkspaceError(f"Import {import_id} is {status}; only a loaded import can be undone.")
        removed = cur.execute("SELECT count(*) FROM " + ident(kind) + " WHERE import_id = ?", [import_id]).fetchone()[0]
        cur.execute("DELETE FROM " + ident(kind) + " WHERE import_id = ?", [import_id])
        cur.execute("UPDATE imports SET status = 'undone' WHERE import_id = ?", [import_id])
    return int(removed)
