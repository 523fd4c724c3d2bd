"""Imports: read, map, check, then load all accepted rows in one transaction, or nothing.

`preview` answers "what would happen" without writing; `import_file` does it;
`undo` removes exactly one import's rows. Every attempt, loaded or rejected, is
written to the `imports` table. The rows are checked on a cursor of the workspace
itself (cx.validate leaves the cells registered there, with the checking SQL), so
the accepted rows reach the workspace table with one `INSERT ... SELECT` and never
pass through Python; the rows that landed are counted before the commit: a silent partial
insert rolls the whole import back.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

import pyarrow as pa

from cx import mapping, readers, schema, store, validate
from cx.profiles import ImportProfile
from cx.readers import FileRejected
from cx.sql import ident
from cx.validate import Rejection

DEFAULT_MAX_UPLOAD_MB = 100
Progress = Callable[[float, str], None]
__all__ = ["DuplicateFile", "ImportResult", "Rejection", "earlier_import", "import_file", "preview", "undo"]


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

    def to_dict(self) -> dict:
        """The contract's summary object (command line `--json`)."""
        return {"import_id": self.import_id, "kind": self.kind, "status": self.status, "file_name": self.file_name,
                "rows_read": self.rows_read, "rows_loaded": self.rows_loaded, "rows_rejected": self.rows_rejected,
                "rows_skipped": self.rows_skipped,
                "rejections": [{"line": r.line, "reason": r.reason} for r in self.rejections],
                "decisions": json.loads(json.dumps(self.decisions, default=str)), "mapping": dict(self.mapping),
                "message": self.message}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def max_upload_mb(ws) -> float:
    return float(ws.settings().get("max_upload_mb", DEFAULT_MAX_UPLOAD_MB))


def read(ws, data: bytes, file_name: str, profile: ImportProfile | None = None,
         max_rows: int | None = None) -> readers.TableText:
    """The file as the reader sees it with the profile's layout settings, after the size check."""
    limit = max_upload_mb(ws)
    if len(data) > limit * 1024 * 1024:
        raise FileRejected(f"The file is larger than the upload limit of {limit:g} MB; split it or raise the "
                           "limit in the workspace settings.", "too_large")
    p = profile or ImportProfile(kind="customer_responses")
    return readers.read_table(data, file_name, sheet=p.sheet, header_row=p.header_row, skip_rows=p.skip_rows,
                              delimiter=p.delimiter, encoding=p.encoding, decimal=p.decimal, max_rows=max_rows)


def _duplicate_header(name: str) -> FileRejected:
    return FileRejected(f"The column name '{name}' appears twice in the file, so cx cannot tell which one to use; "
                        "rename one and upload again.", "duplicate_columns")


def _columns(table: readers.TableText, kind: str | None,
             profile: ImportProfile | None) -> tuple[str, dict[int, str], list[str]]:
    """Which table, which source column is which contract column, and notes on how."""
    headers = [h.strip() for h in table.headers]
    if profile and (profile.columns or profile.wide):
        columns = {}
        for header, column in profile.columns.items():
            matches = [i for i, h in enumerate(headers) if h == header.strip()]
            if not matches:
                raise FileRejected(f"The profile maps the column '{header}', which is not in the file.", "bad_setting")
            if len(matches) > 1:
                raise _duplicate_header(header.strip())
            columns[matches[0]] = column
        return profile.kind, columns, []
    found = mapping.detect(table.headers, table.head(mapping.SCORE_SAMPLE_CELLS),
                           kind=kind or (profile.kind if profile else None), extra_rows=table.extra_header_rows)
    for index in found.columns:
        if headers.count(headers[index]) > 1:
            raise _duplicate_header(headers[index])
    return found.kind, found.columns, found.notes


def _check_usable(kind: str, columns: dict, profile: ImportProfile | None) -> None:
    """Refuse, with one sentence, a mapping that could not load a single row."""
    spec = schema.TABLES[kind]
    mapped = set(columns.values()) | {k for k, v in (profile.constants if profile else {}).items() if v is not None}
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


@dataclass
class _Checked:
    table: readers.TableText
    kind: str
    columns: dict[int, str]
    prepared: validate.Prepared
    notes: list[str]


def _check(ws, data: bytes, file_name: str, kind: str | None, profile: ImportProfile | None,
           report: Progress, digest: str, cur) -> _Checked:
    """Read, map and check on `cur`, which then holds the checked rows (validate.Prepared.sql)."""
    report(0.02, "Reading the file")
    table = read(ws, data, file_name, profile)
    kind, columns, notes = _columns(table, kind, profile)
    _check_usable(kind, columns, profile)
    report(0.35, "Checking every row")
    prepared = validate.prepare(table, kind, columns, profile, digest, date.today(),
                                decimal=table.decisions.get("decimal"), con=cur)
    table.release_cells()  # the checked rows are in DuckDB now; the text cells are not needed
    return _Checked(table, kind, columns, prepared, notes)


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


def _reject_existing(cur, prepared: validate.Prepared, existing: dict[int, str]) -> None:
    """Rows whose key is already in the workspace are rejected, never merged: their lines join
    the rejections and leave the accepted rows."""
    if not existing:
        return
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
    reasons = {r.line: r.reason for r in prepared.rejections}
    for line, text in existing.items():
        reasons[line] = f"{reasons[line]}; {text}" if line in reasons else text
    prepared.rejections = [Rejection(line, reasons[line]) for line in sorted(reasons)]
    prepared.rows_loaded -= int(gone)
    prepared.fetched = None


def _result(status: str, checked: _Checked, file_name: str, import_id=None, message="") -> ImportResult:
    prepared = checked.prepared
    decisions = dict(checked.table.decisions)
    decisions["notes"] = list(decisions.get("notes", [])) + checked.notes + prepared.notes
    if prepared.date_format:
        decisions["date_format"] = prepared.date_format
    return ImportResult(import_id, checked.kind, status, prepared.rows_read, prepared.rows_loaded,
                        len(prepared.rejections), prepared.rows_skipped, prepared.rejections, decisions,
                        {checked.table.headers[i]: c for i, c in checked.columns.items()}, message, file_name)


def preview(ws, data: bytes, file_name: str, *, kind: str | None = None,
            profile: ImportProfile | None = None) -> ImportResult:
    """What an import would load, skip and reject, and why; writes nothing."""
    cur = ws.cursor()
    try:
        checked = _check(ws, data, file_name, kind, profile, lambda f, t: None, sha256(data), cur)
        _reject_existing(cur, checked.prepared, _existing_keys(cur, checked.kind, checked.prepared))
    finally:
        cur.close()
    return _result("preview", checked, file_name)


def earlier_import(ws, data: bytes, digest: str | None = None) -> tuple[int, datetime] | None:
    """The first loaded import of exactly these bytes, if any (`digest`: their sha256, when known)."""
    row = ws.cursor().execute("SELECT import_id, imported_at FROM imports WHERE sha256 = ? AND status = 'loaded' "
                              "ORDER BY import_id LIMIT 1", [digest or sha256(data)]).fetchone()
    return (int(row[0]), row[1]) if row else None


def import_file(ws, data: bytes, file_name: str, *, kind: str | None = None, profile: ImportProfile | None = None,
                allow_duplicate_file: bool = False, progress: Progress | None = None) -> ImportResult:
    """Load every valid row in one transaction and record the attempt.

    Raises DuplicateFile for bytes already loaded (unless allow_duplicate_file) and
    FileRejected for a file that cannot be read at all; the latter is recorded as a
    `rejected` import and changes nothing else.
    """
    report = progress or (lambda fraction, text: None)
    digest = sha256(data)
    if not allow_duplicate_file and (earlier := earlier_import(ws, data, digest)):
        raise DuplicateFile(f"This file was already imported on {earlier[1]:%Y-%m-%d} as import {earlier[0]}; "
                            "confirm to import it again.", "duplicate_file")
    cur = ws.cursor()  # the checked rows live on this cursor until it closes
    try:
        try:
            checked = _check(ws, data, file_name, kind, profile, report, digest, cur)
        except FileRejected:
            _record_rejected(ws, kind or (profile.kind if profile else None), file_name, digest)
            raise
        prepared = checked.prepared
        with ws.write(cur):
            report(0.75, "Writing the rows")
            _reject_existing(cur, prepared, _existing_keys(cur, checked.kind, prepared))
            import_id = _next_id(cur)
            loaded = prepared.rows_loaded
            status = "loaded" if loaded else "rejected"
            _log(cur, import_id, checked.kind, file_name, digest, prepared.rows_read, loaded,
                 len(prepared.rejections), prepared.rows_skipped, status)
            if loaded:
                _insert(cur, checked.kind, prepared, import_id)
                _fill_stages(cur, checked.kind, import_id)
            report(0.95, "Committing")
    finally:
        cur.close()
    report(1.0, "Done")
    message = "" if loaded else "None of the rows could be loaded; see the reasons."
    return _result(status, checked, file_name, import_id, message)


def _next_id(cur) -> int:
    return int(cur.execute("SELECT coalesce(max(import_id), 0) + 1 FROM imports").fetchone()[0])


def _log(cur, import_id: int, kind: str, file_name: str, digest: str, read_: int, loaded: int, rejected: int,
         skipped: int, status: str) -> None:
    cur.execute("INSERT INTO imports (import_id, kind, file_name, sha256, rows_read, rows_loaded, rows_rejected, "
                "rows_skipped, status, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [import_id, kind, file_name, digest, read_, loaded, rejected, skipped, status, datetime.now()])


def _record_rejected(ws, kind: str | None, file_name: str, digest: str) -> None:
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
