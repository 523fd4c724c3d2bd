"""An import from top to bottom: read → recognise → map → check → write.

Each step is one module of this package with one entry function and one data object handed on:

    read.read_table(data, name, ...)       -> TableText     the cells as read, layout decisions
    recognise.recognise(table)             -> Recognition   which tool, what its layout means
    map.map_columns(table, recognition)    -> Mapped        contract columns, the complete profile
    check.check(mapped, digest, cursor)    -> Checked       typed rows and reasons, in DuckDB
    write.write(ws, cursor, checked, ...)  -> ImportResult  loaded in one transaction, or nothing

The wizard and the command line call only this module: `propose` (what cx recognised and
decided, what it still has to ask, the values it could not read, a preview), then `run` with the
user's answers. `import_file` and `preview` are the same steps for a file and an optional profile.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from cx import schema
from cx.imports import check as check_step
from cx.imports import map as map_step
from cx.imports import read as read_step
from cx.imports import recognise as recognise_step
from cx.imports import write as write_step
from cx.imports.check import Rejection, Unreadable
from cx.imports.notes import ImportRefused, Note, note, written
from cx.imports.read import FileRejected, TableText
from cx.imports.write import DuplicateFile, ImportResult, Progress, max_upload_mb, sha256, undo
from cx.profiles import ImportProfile

__all__ = ["Answers", "Ask", "DuplicateFile", "FileRejected", "ImportRefused", "ImportResult", "Proposal",
           "Rejection", "Settings", "Unreadable", "earlier_import", "import_file", "preview", "profile_for",
           "place_touchpoint", "propose", "read", "run", "stages", "undo"]


# == data objects of the two entry points =============================================================

@dataclass(frozen=True)
class Settings:
    """What the caller already knows before cx looks at the file."""

    kind: str | None = None                                 # the table, when the user chose it
    profile: ImportProfile | None = None                    # a saved or uploaded profile
    constants: dict[str, object] = field(default_factory=dict)  # --set COLUMN=VALUE (touchpoint, level ...)


@dataclass(frozen=True)
class Ask:
    """One thing no file says, to ask first and plainly.

    code: `touchpoint`, `level`, `unit`, `channel` (a value for the whole file), `long_questions`
    (which question is eNPS, which are items) or `values` (map the values of `column` cx could not read).
    """

    code: str
    column: str | None
    required: bool
    options: tuple[str, ...] = ()      # touchpoints of the journey map, levels, the long layout's questions
    proposed: object = None            # what cx would answer (a question -> column dict for long_questions)
    question: Note | None = None       # the question in either language: question.text(lang)


@dataclass
class Proposal:
    """What `propose` found: everything the wizard shows before the user presses Import."""

    file_name: str
    data: bytes = field(repr=False)
    kind: str
    tool: str | None                     # 'qualtrics', 'surveymonkey' ... or None
    tool_name: str                       # 'Qualtrics' ... or ''
    profile: ImportProfile               # the complete proposed profile (columns by header, values ...)
    columns: dict[int, str]              # source column index -> contract column
    headers: list[str]                   # source headers (after naming blank ones from the 2nd header row)
    questions: dict[int, str]            # source column index -> question text
    decisions: list[Note]                # what cx recognised and decided: note.text(lang)
    asks: list[Ask]                      # what must still be asked
    unreadable: list[Unreadable]         # per column, values it could not read
    new_questions: list[str] = field(default_factory=list)  # long layout: questions nothing takes
    preview: ImportResult | None = None  # counts and reasons as proposed (None while something required is unasked)
    problem: str | None = None           # why the file cannot be imported as proposed (one sentence), if so
    problem_code: str | None = None      # its stable code (e.g. ambiguous_dates, no_usable_column)
    sample: list[list[object]] = field(default_factory=list, repr=False)  # first rows of the file as read

    @property
    def blocked(self) -> bool:
        """A column's unreadable values would reject more than a fifth of the rows."""
        return any(u.blocking for u in self.unreadable)


@dataclass
class Answers:
    """The user's answers to a Proposal's asks (and any corrections)."""

    constants: dict[str, object] = field(default_factory=dict)        # touchpoint, level, unit, channel ...
    columns: dict[str, str | None] = field(default_factory=dict)      # header -> contract column (None: leave out)
    values: dict[str, dict[str, object]] = field(default_factory=dict)  # column -> cell text -> value (None: not answered)
    long_questions: dict[str, str] | None = None                      # question -> contract column
    date_format: str | None = None                                    # when the dates are ambiguous
    accept_unreadable: bool = False                                   # import anyway, rejecting those rows


# == the entry points ====================================================================================

def propose(ws, data: bytes, file_name: str, settings: Settings | None = None) -> Proposal:
    """Read, recognise and map the file; say what was decided and what must still be asked. Writes nothing."""
    settings = settings or Settings()
    table = read(ws, data, file_name, settings.profile)
    sample = table.head(20).values.tolist()
    recognition = recognise_step.recognise(table)
    mapped = map_step.map_columns(table, recognition, kind=settings.kind, profile=settings.profile,
                                  constants=settings.constants, require_usable=False)
    unreadable = check_step.unreadable_values(mapped)
    proposal = Proposal(file_name, data, mapped.kind, mapped.tool, recognise_step.TOOL_NAMES.get(mapped.tool or "", ""),
                        mapped.profile, dict(mapped.columns), list(mapped.table.headers),
                        _questions(mapped, recognition),
                        _decisions(table, mapped), [], unreadable,
                        list(mapped.new_questions), sample=sample)
    try:
        map_step.check_usable(mapped.kind, mapped.columns, mapped.profile)
    except FileRejected as exc:
        proposal.problem, proposal.problem_code = str(exc), exc.code
    proposal.asks = _asks(ws, proposal, recognition)
    if not any(a.required for a in proposal.asks) and not proposal.blocked and not proposal.problem:
        try:
            proposal.preview = preview(ws, data, file_name, profile=mapped.profile)
        except FileRejected as exc:
            proposal.problem, proposal.problem_code = str(exc), exc.code
            if exc.code == "ambiguous_dates":
                proposal.asks.append(Ask("date_format", "responded_at", True, DATE_CHOICES, None,
                                         note("imports.ask.date_format")))
    return proposal


DATE_CHOICES = ("%d/%m/%Y %H:%M:%S", "%m/%d/%Y %H:%M:%S", "%d.%m.%Y %H:%M:%S", "%d/%m/%Y", "%m/%d/%Y")


def _decisions(table: TableText, mapped: map_step.Mapped) -> list[Note]:
    """The tool cx recognised first, then how the file was read, then what the map step decided."""
    tool = [n for n in mapped.decided if n.code == "imports.tool.recognised"]
    rest = [n for n in mapped.decided if n.code != "imports.tool.recognised"]
    return tool + [written(n) for n in table.decisions.get("notes", [])] + rest


def profile_for(proposal: Proposal, answers: Answers | None = None) -> ImportProfile:
    """The proposal's profile with the user's answers: what `run` loads with, and what to save."""
    answers = answers or Answers()
    raw = proposal.profile.to_dict()
    raw["constants"] = {**raw.get("constants", {}), **{k: v for k, v in answers.constants.items()
                                                       if v is not None and v != ""}}
    if answers.columns:
        columns = dict(raw.get("columns", {}))
        for header, column in answers.columns.items():
            columns.pop(header, None)
            if column:
                columns = {h: c for h, c in columns.items() if c != column}
                columns[header] = column
        raw["columns"] = columns
    if answers.values:
        values = {k: dict(v) for k, v in raw.get("values", {}).items()}
        for column, mapping in answers.values.items():
            values.setdefault(column, {}).update(mapping)
        raw["values"] = values
    if answers.date_format:
        raw["date_format"] = answers.date_format
    if answers.long_questions is not None and raw.get("long"):
        raw["long"] = {**raw["long"], "questions": dict(answers.long_questions)}
    for key in ("constants", "columns", "values"):
        if not raw.get(key):
            raw.pop(key, None)
    return ImportProfile.from_dict(raw)


def run(ws, proposal: Proposal, answers: Answers | None = None, *, actor=None, progress: Progress | None = None,
        allow_duplicate_file: bool = False) -> ImportResult:
    """Import the proposed file with the user's answers. With `actor` (a cx.team.access.User) the
    import is checked against their role and recorded in the audit trail. Stops (ImportRefused) while
    a column's unreadable values would reject more than a fifth of the rows, unless the answers map
    them or accept that."""
    answers = answers or Answers()
    profile = profile_for(proposal, answers)
    stop = not answers.accept_unreadable
    if actor is not None:
        from cx.team import actions

        return actions.import_file(ws, actor, proposal.data, proposal.file_name, profile=profile,
                                   allow_duplicate_file=allow_duplicate_file, progress=progress,
                                   stop_unreadable=stop)
    return import_file(ws, proposal.data, proposal.file_name, profile=profile,
                       allow_duplicate_file=allow_duplicate_file, progress=progress, stop_unreadable=stop)


def stages(ws) -> list[tuple[str, int | None]]:
    """The journey map's stages in order, with their order number: where a new touchpoint can go."""
    return [(r[0], r[1]) for r in ws.cursor().execute(
        "SELECT stage, min(stage_order) FROM touchpoints WHERE stage IS NOT NULL GROUP BY stage "
        "ORDER BY min(stage_order) NULLS LAST, stage").fetchall()]


def place_touchpoint(ws, touchpoint: str, stage: str, *, actor=None) -> ImportResult:
    """Put a new touchpoint on the journey map at a stage (an existing stage keeps its order; a new one
    goes last), as an import of its own: logged, undoable, audited when `actor` is given."""
    import csv
    import io

    known = dict(stages(ws))
    order = known.get(stage)
    if stage not in known:
        order = max((o for o in known.values() if o is not None), default=0) + 1
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([["Touchpoint", "Stage", "Stage order"],
                                                       [touchpoint, stage, "" if order is None else order]])
    data, name = buffer.getvalue().encode("utf-8"), "journey map: " + touchpoint
    if actor is not None:
        from cx.team import actions

        return actions.import_file(ws, actor, data, name, kind="touchpoints", allow_duplicate_file=True)
    return import_file(ws, data, name, kind="touchpoints", allow_duplicate_file=True)


# == the steps for one file ===============================================================================

def read(ws, data: bytes, file_name: str, profile: ImportProfile | None = None,
         max_rows: int | None = None) -> TableText:
    """Step 1: the file as the reader sees it with the profile's layout settings, after the size check."""
    limit = max_upload_mb(ws)
    if len(data) > limit * 1024 * 1024:
        raise FileRejected(f"The file is larger than the upload limit of {limit:g} MB; split it or raise the "
                           "limit in the workspace settings.", "too_large")
    p = profile or ImportProfile(kind="customer_responses")
    return read_step.read_table(data, file_name, sheet=p.sheet, header_row=p.header_row, skip_rows=p.skip_rows,
                                delimiter=p.delimiter, encoding=p.encoding, decimal=p.decimal, max_rows=max_rows)


def _checked(ws, data: bytes, file_name: str, kind: str | None, profile: ImportProfile | None,
             constants: dict | None, report: Progress, digest: str, cur, stop_unreadable: bool):
    """Steps 1 to 4 on `cur`, which then holds the checked rows."""
    report(0.02, "Reading the file")
    table = read(ws, data, file_name, profile)
    recognition = recognise_step.recognise(table)
    mapped = map_step.map_columns(table, recognition, kind=kind, profile=profile, constants=constants)
    if stop_unreadable:
        stop_on_unreadable(check_step.unreadable_values(mapped))
    report(0.35, "Checking every row")
    return check_step.check(mapped, digest, cur, zone=workspace_zone(ws))


DEFAULT_ZONE = "Europe/Helsinki"


def workspace_zone(ws) -> str:
    """The zone the workspace's times are kept in (setting `time_zone`; Helsinki by default)."""
    return str(ws.settings().get("time_zone") or DEFAULT_ZONE)


def stop_on_unreadable(unreadable: list[Unreadable]) -> None:
    """Refuse the file, listing the values, when one column's would reject more than a fifth of the rows."""
    for found in unreadable:
        if found.blocking:
            shown = ", ".join(f"'{v}' ({n})" for v, n in found.values[:12])
            more = len(found.values) - 12
            refused = ImportRefused("unreadable_values", header=found.header, column=found.column, rows=found.rows,
                                    of=found.of, values=shown + (f" … +{more}" if more > 0 else ""))
            refused.unreadable = [u for u in unreadable if u.blocking]
            raise refused


def preview(ws, data: bytes, file_name: str, *, kind: str | None = None, profile: ImportProfile | None = None,
            constants: dict | None = None) -> ImportResult:
    """What an import would load, skip and reject, and why; writes nothing."""
    cur = ws.cursor()
    try:
        checked = _checked(ws, data, file_name, kind, profile, constants, lambda f, t: None, sha256(data), cur,
                           False)
        write_step.leave_out_existing(cur, checked)
    finally:
        cur.close()
    return write_step.result("preview", checked, file_name)


def earlier_import(ws, data: bytes, digest: str | None = None) -> tuple[int, datetime] | None:
    """The first loaded import of exactly these bytes, if any (`digest`: their sha256, when known)."""
    row = ws.cursor().execute("SELECT import_id, imported_at FROM imports WHERE sha256 = ? AND status = 'loaded' "
                              "ORDER BY import_id LIMIT 1", [digest or sha256(data)]).fetchone()
    return (int(row[0]), row[1]) if row else None


def import_file(ws, data: bytes, file_name: str, *, kind: str | None = None, profile: ImportProfile | None = None,
                constants: dict | None = None, allow_duplicate_file: bool = False, progress: Progress | None = None,
                stop_unreadable: bool = False) -> ImportResult:
    """Load every valid row in one transaction and record the attempt.

    Raises DuplicateFile for bytes already loaded (unless allow_duplicate_file) and FileRejected
    for a file that cannot be read at all or (stop_unreadable: the command line and `run` ask for
    it) whose column cx cannot read for more than a fifth of the rows; a rejected file is
    recorded as a `rejected` import and changes nothing else.
    """
    report = progress or (lambda fraction, text: None)
    digest = sha256(data)
    if not allow_duplicate_file and (earlier := earlier_import(ws, data, digest)):
        raise DuplicateFile(f"This file was already imported on {earlier[1]:%Y-%m-%d} as import {earlier[0]}; "
                            "confirm to import it again.", "duplicate_file")
    cur = ws.cursor()  # the checked rows live on this cursor until it closes
    try:
        try:
            checked = _checked(ws, data, file_name, kind, profile, constants, report, digest, cur, stop_unreadable)
        except FileRejected:
            write_step.record_rejected(ws, kind or (profile.kind if profile else None), file_name, digest)
            raise
        result = write_step.write(ws, cur, checked, file_name, digest, report)
    finally:
        cur.close()
    report(1.0, "Done")
    return result


# == what to ask ===========================================================================================

WHOLE_FILE = ("touchpoint", "level", "unit", "channel")


def _questions(mapped: map_step.Mapped, recognition: recognise_step.Recognition) -> dict[int, str]:
    """Each column's question text (a pivoted long layout's columns are named by their questions)."""
    if recognition.long is None:
        return {i: recognition.questions.get(i, h) for i, h in enumerate(mapped.table.headers)}
    return dict(enumerate(mapped.table.headers))


def _asks(ws, proposal: Proposal, recognition: recognise_step.Recognition) -> list[Ask]:
    """What no file says: a touchpoint (from the journey map, or a new one), transaction or relationship,
    a unit or channel for the whole file; the long layout's questions; values cx could not read."""
    mapped = set(proposal.columns.values()) | {k for k, v in proposal.profile.constants.items() if v is not None}
    asks: list[Ask] = []
    if proposal.kind == "customer_responses":
        level = proposal.profile.constants.get("level")
        if "level" not in mapped:
            asks.append(Ask("level", "level", "touchpoint" not in mapped, ("transaction", "relationship"),
                            "transaction", note("imports.ask.level")))
        if "touchpoint" not in mapped and level != "relationship":
            asks.append(Ask("touchpoint", "touchpoint", True, tuple(_touchpoints(ws)), None,
                            note("imports.ask.touchpoint")))
        for column in ("unit", "channel"):
            if column not in mapped:
                asks.append(Ask(column, column, False, tuple(_distinct(ws, column)), None,
                                note(f"imports.ask.{column}")))
    elif proposal.kind == "employee_responses" and "unit" not in mapped:
        asks.append(Ask("unit", "unit", True, tuple(_distinct(ws, "unit")), None, note("imports.ask.unit")))
    if recognition.long is not None:
        asks.append(Ask("long_questions", None, True, tuple(recognition.long.questions),
                        dict(proposal.profile.long.questions) if proposal.profile.long else {},
                        note("imports.ask.long_questions")))
    for found in proposal.unreadable:
        if found.blocking:
            asks.append(Ask("values", found.column, True, tuple(v for v, _ in found.values), None,
                            note("imports.ask.values", header=found.header, rows=found.rows, of=found.of)))
    return asks


def _touchpoints(ws) -> list[str]:
    return [r[0] for r in ws.cursor().execute("SELECT touchpoint FROM touchpoints ORDER BY stage_order NULLS LAST, "
                                              "touchpoint").fetchall()]


def _distinct(ws, column: str) -> list[str]:
    if column not in schema.TABLES["customer_responses"].column_names:
        return []
    from cx.sql import ident

    sql = ("SELECT DISTINCT " + ident(column) + " FROM customer_responses WHERE " + ident(column)
           + " IS NOT NULL ORDER BY 1 LIMIT 200")
    return [r[0] for r in ws.cursor().execute(sql).fetchall()]
