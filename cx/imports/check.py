"""Step 4 of an import, check: from cells as read to typed contract rows, with a plain reason
for every rejected row. Entry: `check(mapped, digest, cur) -> Checked`.

Why it looks like this: a million-row file has to be checked in about the time it takes
to read it, so no Python runs per cell. The mapped cells are Arrow text columns (CSV cells
as the reader parsed them; XLSX cells converted a kind at a time, dates and date serials
keeping their native values), trimmed and with "not answered" texts made null by Arrow's
vectorised kernels, and registered on a DuckDB connection: a workspace cursor during an
import. One SQL query types every column and writes a reason next to every value that
breaks a contract rule; only the rejected lines come back to Python, as (line, reason).
The typed rows are never materialised: the import runs the same query once more inside
`INSERT ... SELECT` (cheaper than storing a million rows twice), so they go from the file's
bytes to the workspace table without a Python object per cell.

Costs to avoid (each measured at seconds per million rows): DuckDB's trim() with a set
of characters, list_contains / IN over a list (DuckDB turns them into a join that keeps
every column of the query alive), and scanning the whole text more than once to detect
the date format.

A row with any problem is rejected whole; the others load. Problems with the whole file
(dates that could be day-first or month-first, a rule naming a column the file lacks)
raise FileRejected with one sentence. All literals reach SQL as bound parameters and all
contract names through cx.sql.ident; the few internal names (`_line`, `_v3`, `_r3` ...)
are built from integers.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import NamedTuple

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cx import schema, xlsx_safe
from cx.imports.map import Mapped
from cx.imports.read import FileRejected, TableText
from cx.profiles import ImportProfile
from cx.sql import ident

# Cell texts that mean "not answered" when the profile does not list its own (compared after
# trimming, in upper, lower and capitalised spelling too).
DEFAULT_MISSING = ("", "NA", "N/A", "#N/A", "-", "NULL", "None", "nan", "NaN")
EARLIEST = dt.datetime(1990, 1, 1)
SHOWN_CHARS = 40
LABELS = {"nps": "NPS", "ces": "CES", "csat": "CSAT", "fcr": "First contact resolution", "enps": "eNPS",
          "responded_at": "The date", "response_id": "The response id", "role_clarity": "Role clarity",
          "month": "The month", "touchpoint": "The touchpoint"}
TRUE_WORDS = ("1", "true", "yes", "y", "x", "kyllä", "kylla", "k", "ratkesi", "resolved", "tosi", "ja")
FALSE_WORDS = ("0", "false", "no", "n", "ei", "e", "not resolved", "epätosi", "nej", "ratkaisematta")
CHOICE_WORDS = {
    "level": {"transaction": "transaction", "transactional": "transaction", "asiointi": "transaction",
              "tnps": "transaction", "touchpoint": "transaction", "relationship": "relationship",
              "relational": "relationship", "asiakassuhde": "relationship", "suhde": "relationship",
              "rnps": "relationship"},
    "method": {"survey": "survey", "kysely": "survey", "questionnaire": "survey",
               "mystery shopping": "mystery_shopping", "mystery shop": "mystery_shopping",
               "mystery shopper": "mystery_shopping", "haamuasiointi": "mystery_shopping",
               "haamuostos": "mystery_shopping", "interview": "interview", "haastattelu": "interview",
               "third party interview": "interview"},
}
SQL_RANGE = {"SMALLINT": (-32768, 32767), "INTEGER": (-2147483648, 2147483647)}
WHITESPACE = " \t\r\n\u00a0"

# Dates: the shapes a whole column is recognised by (see _date_format).
TIME_SHAPES = {"": "", "N:N": " %H:%M", "N:N:N": " %H:%M:%S", "N.N": " %H.%M", "N.N.N": " %H.%M.%S",
               "N:N P": " %I:%M %p", "N:N:N P": " %I:%M:%S %p", "N:N:N.N": " %H:%M:%S.%f",
               "klo N.N": " klo %H.%M", "klo N:N": " klo %H:%M"}
WORD_DATES = ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%d. %B %Y", "%d-%b-%Y", "%d-%b-%y",
              "%a %b %d %Y", "%d %b %Y %H:%M", "%d %b %Y %H:%M:%S", "%b %d, %Y %I:%M %p")


class Rejection(NamedTuple):
    """One rejected data row: line 1 is the first data row of the file."""

    line: int
    reason: str


@dataclass
class Prepared:
    """What the check decided: counts, the rejected lines with reasons, notes on how it read.

    The rows themselves stay in DuckDB, on the connection the check ran on: `sql` (with bound
    `params`) selects every checked row (`_line`, `_wide`, the contract columns, `reasons`) from
    the registered source cells, and `accepted_sql()` the ones to load, so an import inserts them
    with one INSERT ... SELECT and no row becomes a Python object or is materialised twice.
    `rows` returns the accepted rows as Arrow (fetched once) for callers that want to look.
    """

    rejections: list[Rejection]
    rows_read: int
    rows_skipped: int
    rows_loaded: int
    notes: list[str] = field(default_factory=list)
    date_format: str | None = None
    columns: tuple[str, ...] = ()
    wide: bool = False
    con: duckdb.DuckDBPyConnection | None = field(default=None, repr=False)
    sql: str = field(default="", repr=False)
    params: list = field(default_factory=list, repr=False)
    fetched: pa.Table | None = field(default=None, repr=False)
    late_rejections: bool = False  # lines added to REJECTED after the check (keys already in the workspace)

    def accepted_sql(self) -> str:
        """The rows to load: without reasons, and (wide layout) only from lines with none, nor from
        lines an import rejected later (late_rejections)."""
        lines = "_line NOT IN (SELECT line FROM " + REJECTED + ")"
        if self.wide:
            return "SELECT * EXCLUDE (reasons) FROM (" + self.sql + ") WHERE " + lines
        late = " AND " + lines if self.late_rejections else ""
        return "SELECT * EXCLUDE (reasons) FROM (" + self.sql + ") WHERE reasons IS NULL" + late

    def next_param(self, offset: int = 1) -> str:
        """The placeholder after `params`, for a caller adding its own bound values."""
        return "$" + str(len(self.params) + offset)

    @property
    def rows(self) -> pa.Table:
        """The accepted rows as Arrow: contract columns and `_line`, in file order."""
        if self.fetched is None:
            names = ", ".join(ident(n) for n in self.columns)
            self.fetched = self.con.sql("SELECT " + names + ", _line FROM (" + self.accepted_sql()
                                        + ") ORDER BY _line, _wide", params=self.params).to_arrow_table()
        return self.fetched


SOURCE, DUPLICATES, REJECTED = "cx_source", "cx_duplicates", "cx_rejected_lines"


@dataclass
class Checked:
    """What the check hands to the write step: the table as read, how it was mapped, and the
    checked rows (on the cursor the check ran on: `prepared.sql`)."""

    table: TableText
    kind: str
    columns: dict[int, str]
    prepared: Prepared
    notes: list[str]
    tool: str | None = None
    overlap: list[Rejection] = field(default_factory=list)


def check(mapped: Mapped, digest: str, cur: duckdb.DuckDBPyConnection, today: dt.date | None = None,
          zone: str | None = None) -> Checked:
    """Check every row of the mapped table on `cur` (a workspace cursor), which then holds the
    checked rows for the write step. The cells as read are released: only DuckDB holds them now."""
    table = mapped.table
    prepared = prepare(table, mapped.kind, mapped.columns, mapped.profile, digest, today or dt.date.today(),
                       decimal=table.decisions.get("decimal"), con=cur, zone=zone)
    table.release_cells()
    return Checked(table, mapped.kind, mapped.columns, prepared, list(mapped.notes), mapped.tool)


def label(column: str) -> str:
    return LABELS.get(column, column.replace("_", " ").capitalize())


def prepare(table: TableText, kind: str, columns: dict[int, str], profile: ImportProfile | None,
            sha: str, today: dt.date, decimal: str | None = None,
            con: duckdb.DuckDBPyConnection | None = None, zone: str | None = None) -> Prepared:
    """Check every contract rule on every row; see the module docstring.

    With `con` (a workspace cursor) the cells stay registered on it, for `Prepared.sql`, until
    `release(con)` or the cursor closes; without it a private connection is used and the accepted
    rows are fetched as Arrow before it closes.
    """
    spec = schema.TABLES[kind]
    profile = profile or ImportProfile(kind=kind)
    rows_read = len(table)
    reader_bad = {int(line): reason for line, reason in table.bad_rows.items() if 1 <= int(line) <= rows_read}
    bad_mask = np.zeros(rows_read, bool)
    bad_mask[[line - 1 for line in reader_bad]] = True
    required_empty = _required_empty(table, profile)
    leave_out = _excluded(table, profile) | ~table.filled() | required_empty
    keep = ~leave_out & ~bad_mask
    skipped = int((leave_out & ~bad_mask).sum())
    src = _source_table(table, spec, columns, profile, keep, missing_texts(profile))
    own = con is None
    con = duckdb.connect() if own else con
    try:
        con.execute("SET TimeZone = 'UTC'")
        release(con)
        con.register(SOURCE, src)
        run = _Check(con, spec, src.column_names, profile, profile.decimal or decimal or ".", sha, today,
                     table.decisions.get("date_system") == "1904", zone)
        empty = int((required_empty & ~bad_mask & table.filled()).sum())
        if empty:
            run.notes.append(f"{empty:,} rows with an empty {' / '.join(profile.require)} are left out, as the "
                             "profile says.")
        unanswered = run.unanswered()
        rejected = run.execute()
        con.register("cx_rejected_arrow", pa.table({"line": pa.array([line for line, _ in rejected], pa.int64())}))
        con.execute("CREATE TEMP TABLE " + REJECTED + " AS SELECT line FROM cx_rejected_arrow")
        con.unregister("cx_rejected_arrow")
        if run.wide:
            loaded = int(con.execute("SELECT count(*) FROM (" + run.sql + ") WHERE _line NOT IN (SELECT line FROM "
                                     + REJECTED + ")", run.params).fetchall()[0][0])
        else:
            loaded = int(keep.sum()) - len(rejected)
        prepared = Prepared([], rows_read, skipped + unanswered, loaded, run.notes, run.date_format,
                            tuple(c.name for c in run.columns), run.wide, con, run.sql, run.params)
        if own:
            prepared.rows  # noqa: B018 - fetched before the private connection closes
            prepared.con = None
    finally:
        if own:
            con.close()
    rejections = {line: reason for line, reason in rejected}
    rejections.update(reader_bad)
    prepared.rejections = [Rejection(line, rejections[line]) for line in sorted(rejections)]
    return prepared


def release(con: duckdb.DuckDBPyConnection) -> None:
    """Drop what `prepare` left on a connection."""
    for name in (DUPLICATES, REJECTED, DATE_GROUPS):
        con.execute("DROP TABLE IF EXISTS " + name)
    try:
        con.unregister(SOURCE)
    except duckdb.Error:
        pass


# -- values no rule reads, per column (before anything is imported) -------------------------------------

STOP_SHARE = 0.2  # a column whose unreadable values would reject more than this share of rows stops the import


@dataclass(frozen=True)
class Unreadable:
    """Cell texts of one mapped column that no rule reads (each would reject its row), with rows."""

    column: str
    header: str
    values: tuple[tuple[str, int], ...]  # (cell text, rows), most common first
    rows: int                            # rows these values would reject
    of: int                              # rows with any cell

    @property
    def share(self) -> float:
        return self.rows / self.of if self.of else 0.0

    @property
    def blocking(self) -> bool:
        """More than a fifth of the rows would be rejected for this column alone."""
        return self.share > STOP_SHARE


def unreadable_values(mapped: Mapped) -> list[Unreadable]:
    """Per mapped score, yes/no or choice column: the texts it cannot read, counted over the whole
    column (distinct texts only, so a million rows cost one hash pass per column)."""
    table, profile = mapped.table, mapped.profile
    spec = schema.TABLES[mapped.kind]
    left_out = _excluded(table, profile) | _required_empty(table, profile) | ~table.filled()
    kept = pa.array(~left_out) if left_out.any() else None
    rows = int((~left_out).sum())
    missing = missing_texts(profile)
    out = []
    for index, column in sorted(mapped.columns.items()):
        col = spec.column(column)
        if col.kind not in ("int", "float", "bool", "choice"):
            continue
        text = _cells(table, index, False).text
        if kept is not None:
            text = pc.filter(text, kept)
        counts: dict[str, int] = {}  # counted first, trimmed after: a hash pass, not a trim of every cell
        found = pc.value_counts(text)
        for value, n in zip(found.field("values").to_pylist(), found.field("counts").to_pylist(), strict=True):
            if value is not None:
                key = value.strip(WHITESPACE)
                counts[key] = counts.get(key, 0) + n
        mapping = {str(k).strip() for k in value_map(profile, column)}
        decimal = profile.decimal or table.decisions.get("decimal") or "."
        bad = [(v, n) for v, n in counts.items()
               if v and v not in missing and v not in mapping and not _readable(v, col, profile, decimal)]
        if bad:
            bad.sort(key=lambda p: (-p[1], p[0]))
            out.append(Unreadable(column, table.headers[index], tuple(bad), sum(n for _, n in bad), rows))
    return out


def _readable(text: str, col: schema.Column, profile: ImportProfile, decimal: str) -> bool:
    """Whether the check can read this cell text as a value of this column at all (the rules of
    _Check._parse); a number is read even when it is off the column's scale."""
    word = text.lower()
    if col.kind == "bool" or col.name in profile.yes_no:
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return True
        if col.kind == "bool":
            return False
    if col.kind == "choice":
        return word in CHOICE_WORDS.get(col.name, {}) or text in col.choices or \
            re.sub(r"[\s_-]+", " ", word) in CHOICE_WORDS.get(col.name, {})
    number = text.replace(",", ".") if decimal == "," else text
    try:
        float(number.replace(" ", "").replace("\u00a0", ""))
    except ValueError:
        return False
    return True  # a number off the scale is read, and its row rejected with the column's range


# -- which rows ------------------------------------------------------------------------

def header_index(table: TableText, header: str, what: str) -> int:
    """The column of the file with this header (trimmed), or FileRejected naming it."""
    wanted = str(header).strip()
    for i, h in enumerate(table.headers):
        if h.strip() == wanted:
            return i
    raise FileRejected(f"The {what} names the column '{header}', which is not in the file.", "bad_setting")


def _required_empty(table: TableText, profile: ImportProfile) -> np.ndarray:
    """Rows with an empty cell (after trimming) in one of the profile's `require` columns."""
    out = np.zeros(len(table), bool)
    for header in profile.require:
        text = _cells(table, header_index(table, header, "require rule"), False).text
        empty = pc.or_kleene(pc.is_null(text), pc.equal(pc.utf8_trim(text, WHITESPACE), ""))
        out |= empty.to_numpy(zero_copy_only=False).astype(bool)
    return out


def _excluded(table: TableText, profile: ImportProfile) -> np.ndarray:
    """Rows whose cell (trimmed) equals one of the profile's exclude values."""
    out = np.zeros(len(table), bool)
    for header, values in profile.exclude.items():
        text = _cells(table, header_index(table, header, "exclude rule"), False).text
        hit = pc.is_in(pc.utf8_trim(text, WHITESPACE), value_set=pa.array(list(values), pa.string()))
        out |= hit.to_numpy(zero_copy_only=False).astype(bool) & ~np.asarray(pc.is_null(text))
    return out


# -- cells into Arrow ----------------------------------------------------------------------

@dataclass
class _Cells:
    text: pa.Array                   # every cell as text, None when empty
    native: pa.Array | None = None   # XLSX dates and date-times (date columns only)
    serial: pa.Array | None = None   # XLSX numbers in a date column: Excel serial dates


def _cells(table: TableText, index: int, date_column: bool) -> _Cells:
    """One column of the file as Arrow: CSV columns are Arrow text already (no copy, chunks kept)."""
    if table.arrow is not None:
        column = table.arrow.column(index)
    else:  # a table built from Python values (tests): typed the way the reading child types cells
        column = xlsx_safe.typed_column(table.frame[index].tolist())
    if pa.types.is_struct(column.type):
        return _typed_cells(column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column, date_column)
    return _Cells(column)


def _typed_cells(column: pa.StructArray, date_column: bool) -> _Cells:
    """XLSX cells as text, plus native dates and date serials in the date column.

    Outside the date column numbers read as a person would type them (7, not 7.0), dates and
    date-times in ISO form; yes/no cells as true/false everywhere."""
    part = {f.name: column.field(i) for i, f in enumerate(column.type)
            if column.field(i).null_count < len(column)}
    texts = [part["text"]] if "text" in part else []
    if "flag" in part:
        texts.append(pc.if_else(part["flag"], "true", "false"))
    native = serial = None
    if date_column:
        moments = [part[name] for name in ("moment", "day") if name in part]
        native = pc.coalesce(*moments) if moments else None
        serial = part.get("number")
    else:
        if "number" in part:
            texts.append(_decimal_texts(part["number"]))
        for name in ("moment", "day"):
            if name in part:
                texts.append(_moment_texts(part[name], with_time=name == "moment"))
    text = pc.coalesce(*texts) if len(texts) > 1 else (texts[0] if texts else pa.nulls(len(column), pa.string()))
    return _Cells(text, native=native, serial=serial)


def _decimal_texts(values: pa.Array) -> pa.Array:
    """Numbers as a person would type them: 7 not 7.0."""
    try:  # a column of whole numbers (scores, counts): one checked cast
        if (pc.max(pc.abs(values)).as_py() or 0) < 1e15:
            return pc.cast(pc.cast(values, pa.int64()), pa.string())
    except pa.ArrowInvalid:  # some number has decimals
        pass
    whole = pc.and_(pc.and_(pc.is_finite(values), pc.equal(values, pc.floor(values))),
                    pc.less(pc.abs(values), 1e15))
    whole = pc.fill_null(whole, False)
    as_whole = pc.cast(pc.if_else(whole, values, 0.0), pa.int64())
    return pc.if_else(whole, pc.cast(as_whole, pa.string()), pc.cast(values, pa.string()))


def _moment_texts(values: pa.Array, with_time: bool) -> pa.Array:
    """Dates and date-times outside the date column, in ISO form (2026-01-05, 2026-01-05 09:30:00)."""
    shown = [None if v is None else v.isoformat(sep=" ") if with_time else v.date().isoformat()
             for v in values.to_pylist()]
    return pa.array(shown, pa.string())


def _source_table(table: TableText, spec: schema.Table, columns: dict[int, str], profile: ImportProfile,
                  keep: np.ndarray, missing: frozenset[str]) -> pa.Table:
    """The cells to check as Arrow: `_line`, `_keep` (when some rows are left out), one text column
    per mapped contract column (trimmed, "not answered" as null: _clean_cells), `_tc` for a padded
    comment's trimmed text, `_dt` / `_serial` for native dates, and `_w0`, `_w1` ... for the wide
    layout's value columns. The profile's `values` and constants are applied in SQL (_Check)."""
    date_column = next((c.name for c in spec.columns if c.kind in ("timestamp", "date")), None)
    arrays: dict[str, pa.Array] = {"_line": pa.array(np.arange(1, len(table) + 1, dtype=np.int64))}
    if not keep.all():
        arrays["_keep"] = pa.array(keep)
    for index, column in sorted(columns.items()):
        if column in arrays:
            raise FileRejected(f"Two columns of the file are mapped to {column}; map each column once.",
                               "bad_setting")
        cells = _cells(table, index, column == date_column)
        arrays[column], trimmed = _clean_cells(cells.text, column, profile, missing)
        if trimmed is not None:
            arrays["_tc"] = trimmed
        if cells.native is not None:
            arrays["_dt"] = cells.native
        if cells.serial is not None:
            arrays["_serial"] = cells.serial
    if profile.wide:
        for name in (profile.wide.into, profile.wide.metric):
            if name in arrays:
                raise FileRejected(f"The wide layout fills {name}, so no column of the file may be mapped to it.",
                                   "bad_setting")
        for k, header in enumerate(profile.wide.value_columns):
            cells = _cells(table, header_index(table, header, "wide layout"), False)
            arrays[f"_w{k}"] = _clean_cells(cells.text, profile.wide.metric, profile, missing)[0]
    return pa.table(arrays)


def _padded(text) -> bool:
    """Whether some cell may start or end with whitespace (WHITESPACE), from the first and last
    byte of every cell: milliseconds for a million cells, where trimming them all takes far
    longer. False positives (an empty cell reads its neighbour's byte) only cost a trim."""
    chunks = text.chunks if isinstance(text, pa.ChunkedArray) else [text]
    for chunk in chunks:
        if len(chunk) == 0 or chunk.null_count == len(chunk):
            continue
        if chunk.type != pa.string():
            return True
        _, offsets, data = chunk.buffers()
        raw = np.frombuffer(data, np.uint8) if data is not None else np.empty(0, np.uint8)
        if not len(raw):
            continue
        ends = np.frombuffer(offsets, np.int32, len(chunk) + 1, chunk.offset * 4)
        first = raw[np.minimum(ends[:-1], len(raw) - 1)]
        if ((first <= 0x20) | (first == 0xC2)).any():  # 0xC2: first byte of U+00A0 (and a few letters)
            return True
        last = raw[np.maximum(ends[1:] - 1, 0)]
        if ((last <= 0x20) | (last == 0xA0)).any():  # 0xA0: last byte of U+00A0 (and a few letters)
            return True
    return False


def _clean_cells(text, column: str, profile: ImportProfile, missing: frozenset[str]) -> tuple[pa.Array, pa.Array | None]:
    """Cells trimmed, with the texts that mean "not answered" (and blanks) as null, in Arrow:
    hash lookups per column, where the same test in SQL costs a list scan per cell. Texts the
    profile's `values` map are left for the SQL to map. A comment keeps its own spacing; its
    trimmed text is returned beside it when the two differ (else None)."""
    padded = _padded(text)
    trimmed = pc.utf8_trim(text, WHITESPACE) if padded else text
    mapped = {str(k).strip() for k in value_map(profile, column)}
    unanswered = pa.array(sorted((set(missing) | {""}) - mapped), pa.string())
    blank = pc.is_in(trimmed, value_set=unanswered)
    if pc.any(blank).as_py():
        nothing = pa.scalar(None, pa.string())
        trimmed = pc.if_else(blank, nothing, trimmed)
        text = pc.if_else(blank, nothing, text) if padded else trimmed
    if column == "comment" and padded:
        return text, trimmed
    return trimmed, None


def value_map(profile: ImportProfile, column: str) -> dict[str, object]:
    """Cell text -> value for one column: the profile's `values` ("*" first), and for a `yes_no`
    column every spelling of yes and no (English and Finnish) as its two values."""
    mapping: dict[str, object] = {}
    if column in profile.yes_no:
        yes, no = profile.yes_no[column]
        for words, meant in ((TRUE_WORDS, yes), (FALSE_WORDS, no)):
            for word in words:
                if not word.isdigit():
                    mapping.update({word: meant, word.capitalize(): meant, word.upper(): meant})
    mapping.update(profile.values.get("*", {}))
    mapping.update(profile.values.get(column, {}))
    return mapping


def missing_texts(profile: ImportProfile) -> frozenset[str]:
    """The cell texts that mean "not answered", in the spellings people use (NA, na, Na)."""
    given = profile.missing if profile.missing is not None else DEFAULT_MISSING
    return frozenset(v for m in given for v in (m.strip(), m.strip().lower(), m.strip().upper(),
                                                m.strip().capitalize()))


# -- the check in SQL --------------------------------------------------------------------------

class _Params:
    """Numbered bound parameters: `p(value)` returns `$n` for the value; `p.once(key, value)` the
    same `$n` for every use of one key (lists used in every column are bound once)."""

    def __init__(self) -> None:
        self.values: list = []
        self._keys: dict[str, str] = {}

    def __call__(self, value) -> str:
        self.values.append(value)
        return f"${len(self.values)}"

    def once(self, key: str, value) -> str:
        if key not in self._keys:
            self._keys[key] = self(value)
        return self._keys[key]


def _name(prefix: str, i: int) -> str:
    return '"' + prefix + str(int(i)) + '"'


def _shown(expr: str, quoted: bool) -> str:
    """A cell in a reason: control characters as spaces, at most SHOWN_CHARS characters."""
    flat = "trim(regexp_replace(" + expr + ", '[\\x00-\\x1f\\x7f]+', ' ', 'g'))"
    cut = f"CASE WHEN length({flat}) > {SHOWN_CHARS} THEN left({flat}, {SHOWN_CHARS - 1}) || '…' ELSE {flat} END"
    return "('''' || " + cut + " || '''')" if quoted else "(" + cut + ")"


def _listed(values: str, x: str) -> str:
    """x is one of a list. Not list_contains or IN: DuckDB turns those into a join against the
    list, which keeps unused columns of the check alive and costs seconds on a million rows."""
    return f"coalesce(list_position({values}, {x}), 0) > 0"


def _value_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Check:
    """Builds and runs the checking SQL for one file."""

    def __init__(self, con, spec: schema.Table, present: list[str], profile: ImportProfile, decimal: str,
                 sha: str, today: dt.date, date1904: bool, zone: str | None = None):
        self.con, self.spec, self.present, self.profile = con, spec, set(present), profile
        self.zone = zone  # the workspace's time zone, for a profile's `time_zone`
        self.decimal, self.sha = decimal, sha
        self.tomorrow = dt.datetime.combine(today + dt.timedelta(days=1), dt.time())
        self.origin = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
        self.columns = [c for c in spec.columns if c.name != "import_id"]
        self.notes: list[str] = []
        self.date_format: str | None = None
        self.wide = profile.wide is not None
        self.sql, self.params = "", []

    # The layers: c = cleaned text, v = parsed values, t = typed values and reasons.
    def execute(self) -> list[tuple[int, str]]:
        """Build `sql` / `params` (every checked row: typed columns and `reasons`), find keys given
        twice, and return (line, reasons) for every rejected line."""
        p = _Params()
        clean = self._clean_sql(p)
        parsed = [f"{self._parse(col, p)} AS {_name('_v', i)}" for i, col in enumerate(self.columns)]
        typed = []
        for i, col in enumerate(self.columns):
            typed.append(f"{self._typed(i, col, p)} AS {ident(col.name)}")
            typed.append(f"{self._reason(i, col, p)} AS {_name('_r', i)}")
        rules = self._rules(p)
        key = self._key(p)
        wsrc = ", _wsrc" if self.wide else ""
        self.sql = ("WITH c AS (" + clean + "), v AS (SELECT *, " + ", ".join(parsed) + " FROM c), "
                    "t AS (SELECT _line, _wide" + wsrc + ", " + ", ".join(typed) + " FROM v), "
                    "k AS (SELECT * REPLACE (" + key + ") FROM t) "
                    "SELECT " + ", ".join(["_line", "_wide"] + [ident(c.name) for c in self.columns])
                    + ", NULLIF(concat_ws('; ', " + ", ".join(
                        [_name("_r", i) for i in range(len(self.columns))] + rules) + "), '') AS reasons FROM k")
        self.params = p.values
        if self._duplicates():
            self.sql = ("SELECT r.* REPLACE (NULLIF(concat_ws('; ', r.reasons, d.reason), '') AS reasons) FROM ("
                        + self.sql + ") r LEFT JOIN " + DUPLICATES + " d ON r._line = d._line AND r._wide = d._wide")
        return self.con.execute(
            "SELECT _line, string_agg(reasons, '; ' ORDER BY _wide) FROM (" + self.sql + ") WHERE reasons IS NOT NULL "
            "GROUP BY _line ORDER BY _line", self.params).fetchall()

    def unanswered(self) -> int:
        """Respondents (wide layout) who answered none of the value columns: skipped, not rejected."""
        if not self.wide:
            return 0
        p = _Params()
        answered = " OR ".join(self._answered(k, p) for k in range(len(self.profile.wide.value_columns)))
        sql = "SELECT count(*) FROM (" + self._cells_sql(p) + ") WHERE NOT (" + answered + ")"
        return int(self.con.execute(sql, p.values).fetchall()[0][0])

    # -- c: cleaned text --------------------------------------------------------------------
    def _cells_sql(self, p: _Params) -> str:
        """The kept rows of the source with every text cell cleaned (see _cleaned): contract
        columns by their names, the wide layout's value columns as _c0, _c1 ... A comment keeps
        its own spacing, with its trimmed text beside it as `_tc` when the two differ."""
        kept = " WHERE _keep" if "_keep" in self.present else ""
        cleaned = ["_line"] + [e for e in ("_dt", "_serial") if e in self.present]
        for col in self.columns:
            if col.name in self.present:
                x = ident(col.name)
                trimmed = "_tc" if col.name == "comment" and "_tc" in self.present else x
                cleaned.append(f"{self._cleaned(x, trimmed, col.name, p)} AS {x}")
        wide_columns = len(self.profile.wide.value_columns) if self.wide else 0
        for k in range(wide_columns):
            w = _name("_w", k)
            cleaned.append(f"{self._cleaned(w, w, self.profile.wide.metric, p)} AS {_name('_c', k)}")
        return "SELECT " + ", ".join(cleaned) + " FROM " + SOURCE + kept

    def _cleaned(self, raw: str, trimmed: str, column: str, p: _Params) -> str:
        """A cell as cx reads it: the source cell (trimmed, "not answered" already null) with the
        profile's `values` applied and its constant where the cell is empty."""
        mapping = value_map(self.profile, column)
        expr = raw
        if mapping:
            keys = f"CAST({p([str(k).strip() for k in mapping])} AS VARCHAR[])"
            values = f"CAST({p([_value_text(v) for v in mapping.values()])} AS VARCHAR[])"
            expr = (f"CASE WHEN {_listed(keys, trimmed)} THEN list_extract({values}, list_position({keys}, {trimmed})) "
                    f"ELSE {raw} END")
        constant = self.profile.constants.get(column)
        if constant is not None:
            expr = f"coalesce({expr}, CAST({p(_value_text(constant))} AS VARCHAR))"
        return expr

    def _answered(self, k: int, p: _Params) -> str:
        """The wide layout's value column k holds an answer (not empty, not a missing value)."""
        na = sorted({_value_text(v) for v in self.profile.wide.missing_values if v is not None})
        c = _name("_c", k)
        if not na:
            return f"{c} IS NOT NULL"
        listed = "CAST(" + p.once("na", na) + " AS VARCHAR[])"
        return f"({c} IS NOT NULL AND NOT {_listed(listed, c)})"

    def _clean_sql(self, p: _Params) -> str:
        """Layer c: one row per row to check (per answered value column in the wide layout)."""
        cells = self._cells_sql(p)
        extras = [e for e in ("_dt", "_serial") if e in self.present]
        if not self.wide:
            parts = ["_line", "CAST(0 AS SMALLINT) AS _wide"]
            parts += [f"{self._clean(col, p)} AS {ident(col.name)}" for col in self.columns]
            return "SELECT " + ", ".join(parts + extras) + " FROM (" + cells + ")"
        wide = self.profile.wide
        selects = []
        for k, (header, name) in enumerate(wide.value_columns.items()):
            parts = ["_line", f"CAST({k} AS SMALLINT) AS _wide", f"CAST({p(header)} AS VARCHAR) AS _wsrc"]
            for col in self.columns:
                if col.name == wide.into:
                    value = f"CAST({p(name)} AS VARCHAR)"
                elif col.name == wide.metric:
                    value = _name("_c", k)
                else:
                    value = self._clean(col, p)
                parts.append(f"{value} AS {ident(col.name)}")
            selects.append("SELECT " + ", ".join(parts + extras) + " FROM (" + cells + ") WHERE "
                           + self._answered(k, p))
        return " UNION ALL ".join(selects)

    def _clean(self, col: schema.Column, p: _Params) -> str:
        """A mapped column is its cleaned cells; an unmapped one is its constant or empty."""
        if col.name in self.present:
            return ident(col.name)
        constant = self.profile.constants.get(col.name)
        return "CAST(NULL AS VARCHAR)" if constant is None else f"CAST({p(_value_text(constant))} AS VARCHAR)"

    # -- v: parsed values ----------------------------------------------------------------------
    def _parse(self, col: schema.Column, p: _Params) -> str:
        x = ident(col.name)
        if col.kind in ("int", "float"):
            # Plain numbers first; spaces (also no-break) as thousands separators only when that fails.
            number = x
            if self.decimal == ",":
                number = f"replace({x}, ',', '.')" if col.kind == "int" else f"replace(replace({x}, '.', ''), ',', '.')"
            spaced = f"replace(replace({number}, ' ', ''), {p(chr(160))}, '')"
            value = f"coalesce(TRY_CAST({number} AS DOUBLE), TRY_CAST({spaced} AS DOUBLE))"
            return self._rescaled(col, value, p) if col.name in self.profile.rescale else value
        if col.kind == "bool":
            true, false = f"CAST({p(list(TRUE_WORDS))} AS VARCHAR[])", f"CAST({p(list(FALSE_WORDS))} AS VARCHAR[])"
            return (f"CASE WHEN {_listed(true, f'lower({x})')} THEN true "
                    f"WHEN {_listed(false, f'lower({x})')} THEN false END")
        if col.kind == "choice":
            words = {**CHOICE_WORDS[col.name], **{v: v for v in col.choices}}
            keys, values = p(list(words)), p(list(words.values()))
            spelled = f"lower(regexp_replace({x}, '[\\s_-]+', ' ', 'g'))"
            return (f"coalesce(list_extract({values}, list_position({keys}, lower({x}))), "
                    f"list_extract({values}, list_position({keys}, {spelled})))")
        if col.kind in ("timestamp", "date"):
            value = self._date_value(col, p)
            if col.kind == "timestamp" and self.profile.time_zone and self.zone and self.profile.time_zone != self.zone:
                return f"timezone({p(self.zone)}, timezone({p(self.profile.time_zone)}, {value}))"
            return value
        return x

    def _rescaled(self, col: schema.Column, value: str, p: _Params) -> str:
        """The file's scale onto the column's: low + (answer - file low) x (high - low) / (file high - file
        low), rounded to the nearest whole number, halves up. Values off the file's scale stay as they
        are (and are rejected with the column's range)."""
        low, high = self.profile.rescale[col.name]
        to_low, to_high = float(col.low), float(col.high)
        v = f"({value})"
        scaled = (f"floor({p(to_low)} + ({v} - {p(float(low))}) * {p(to_high - to_low)} / {p(float(high - low))} "
                  f"+ 0.5 + 1e-9)")
        return f"CASE WHEN {v} BETWEEN {p(float(low))} AND {p(float(high))} THEN {scaled} ELSE {v} END"

    def _date_value(self, col: schema.Column, p: _Params) -> str:
        sources = []
        if "_dt" in self.present:
            sources.append("_dt")
        if "_serial" in self.present:
            sources.append(f"CASE WHEN _serial BETWEEN 1 AND 2958465 THEN CAST({p(self.origin)} AS TIMESTAMP) + "
                           "to_microseconds(CAST(round(_serial * 86400000000) AS BIGINT)) END")
        sources.append(self._text_dates(col, p))
        return sources[0] if len(sources) == 1 else "coalesce(" + ", ".join(sources) + ")"

    def _text_dates(self, col: schema.Column, p: _Params) -> str:
        x = ident(col.name)
        declared = self.profile.date_format
        formats = [declared] if declared else self._date_formats(col)
        if not formats:
            return "CAST(NULL AS TIMESTAMP)"
        if formats == ["ISO8601"]:  # the session is in UTC: plain times stay as written, offsets go to UTC
            return f"timezone('UTC', TRY_CAST({x} AS TIMESTAMPTZ))"
        tries = []
        for fmt in formats:
            one = f"try_strptime({x}, {p(fmt)})"
            tries.append(f"timezone('UTC', {one})" if "%z" in fmt or "%Z" in fmt else one)
        try:  # a declared format DuckDB cannot use: say so in one sentence
            self.con.execute("SELECT try_strptime('', $1)", [formats[0]])
        except duckdb.Error:
            raise FileRejected(f"The date format {formats[0]} cannot be used; write it like %d.%m.%Y.",
                               "bad_setting") from None
        return tries[0] if len(tries) == 1 else "coalesce(" + ", ".join(tries) + ")"

    def _date_formats(self, col: schema.Column) -> list[str]:
        """The one format that reads the column, detected from all its texts in one grouping pass."""
        p = _Params()
        self.con.execute("DROP TABLE IF EXISTS " + DATE_GROUPS)
        self.con.execute("CREATE TEMP TABLE " + DATE_GROUPS + " AS WITH c AS NOT MATERIALIZED ("
                         + self._clean_sql(p) + ") " + _date_groups_sql(ident(col.name)), p.values)
        try:
            formats, human = _detect_date_format(self.con.execute, col)
        finally:
            self.con.execute("DROP TABLE IF EXISTS " + DATE_GROUPS)
        if formats:
            self.date_format = formats[0]
            self.notes.append(f"Dates in {col.name} read as {human}.")
        return formats

    # -- t: typed values and reasons -------------------------------------------------------------
    def _typed(self, i: int, col: schema.Column, p: _Params) -> str:
        v = _name("_v", i)
        if col.kind in ("int", "float"):
            low, high = _bounds(col)
            whole = f" AND {v} = trunc({v})" if col.kind == "int" else ""
            return (f"CAST(CASE WHEN isfinite({v}) AND {v} BETWEEN {p(low)} AND {p(high)}{whole} THEN {v} END "
                    f"AS {col.sql_type})")
        if col.kind == "choice":
            return f"coalesce({v}, CASE WHEN {ident(col.name)} IS NULL THEN {p(col.default)} END)"
        if col.kind in ("timestamp", "date"):
            ok = f"CASE WHEN {v} >= {p(EARLIEST)} AND {v} < {p(self.tomorrow)} THEN {v} END"
            return f"CAST(date_trunc('month', {ok}) AS DATE)" if col.kind == "date" else ok
        return f"CAST({v} AS {col.sql_type})"

    def _reason(self, i: int, col: schema.Column, p: _Params) -> str:
        x, v = ident(col.name), _name("_v", i)
        reason = "CAST(NULL AS VARCHAR)"
        if col.kind in ("int", "float"):
            low, high = _bounds(col)
            what = "a whole number" if col.kind == "int" else "a number"
            rule = p(f"{label(col.name)} must be {' '.join(filter(None, [what, _range_text(low, high)]))}, got ")
            fractional = f" OR {v} <> trunc({v})" if col.kind == "int" else ""
            reason = (f"CASE WHEN {x} IS NULL THEN NULL "
                      f"WHEN {v} IS NULL OR NOT isfinite({v}) THEN {rule} || {_shown(x, True)} "
                      f"WHEN {v} NOT BETWEEN {p(low)} AND {p(high)}{fractional} THEN {rule} || {_shown(x, False)} END")
        elif col.kind == "bool":
            reason = (f"CASE WHEN {x} IS NOT NULL AND {v} IS NULL THEN "
                      f"{p(label(col.name) + ' must be yes or no (1/0), got ')} || {_shown(x, True)} END")
        elif col.kind == "choice":
            reason = (f"CASE WHEN {x} IS NOT NULL AND {v} IS NULL THEN "
                      f"{p(label(col.name) + ' must be ' + ' or '.join(col.choices) + ', got ')} || {_shown(x, True)} END")
        elif col.kind in ("timestamp", "date"):
            reason = self._date_reason(col, v, p)
        if self.wide and col.name == self.profile.wide.metric:
            reason = f"(_wsrc || ': ' || {reason})"
        return reason

    def _date_reason(self, col: schema.Column, v: str, p: _Params) -> str:
        x = ident(col.name)
        name = p(label(col.name) + " ")
        given = x
        if "_serial" in self.present:
            given = f"coalesce({x}, CAST(_serial AS VARCHAR))"
            unread = f"({x} IS NOT NULL OR _serial IS NOT NULL)"
        else:
            unread = f"{x} IS NOT NULL"
        fmt = self.profile.date_format or self.date_format
        how = f" is not a date in the column's format ({_human(fmt)})" if fmt else " is not a date"
        day = f"strftime({v}, '%Y-%m-%d')"
        return (f"CASE WHEN {v} IS NULL AND {unread} THEN {name} || {_shown(given, True)} || {p(how)} "
                f"WHEN {v} < {p(EARLIEST)} THEN {name} || {day} || {p(' is before 1990')} "
                f"WHEN {v} >= {p(self.tomorrow)} THEN {name} || {day} || {p(' is in the future')} END")

    # -- rules across columns, ids ---------------------------------------------------------------
    def _rules(self, p: _Params) -> list[str]:
        index = {c.name: i for i, c in enumerate(self.columns)}
        rules = []
        for col in self.columns:
            if col.required:
                rules.append(f"CASE WHEN {ident(col.name)} IS NULL AND {_name('_r', index[col.name])} IS NULL "
                             f"THEN {p(label(col.name) + ' is missing')} END")
        if self.spec.needs_one_of:
            empty = " AND ".join(f"{ident(m)} IS NULL AND {_name('_r', index[m])} IS NULL"
                                 for m in self.spec.needs_one_of)
            names = ", ".join(label(m) for m in self.spec.needs_one_of)
            rules.append(f"CASE WHEN {empty} THEN {p('has no score (needs at least one of ' + names + ')')} END")
        if self.spec.name == "customer_responses":
            rules.append(f"CASE WHEN {ident('level')} = 'transaction' AND {ident('touchpoint')} IS NULL "
                         f"THEN {p('The touchpoint is missing (needed for transaction answers)')} END")
        return rules

    def _key(self, p: _Params) -> str:
        """response_id: the file's, or generated from the file's hash and the line (and, in the
        wide layout, the touchpoint, so one respondent's rows stay apart)."""
        if "response_id" not in self.spec.column_names:
            return "_line AS _line"
        rid = ident("response_id")
        generated = f"{p(self.sha[:12] + '-')} || CAST(_line AS VARCHAR)"
        if self.wide:
            suffix = f"'/' || coalesce({ident(self.profile.wide.into)}, '')"
            return f"coalesce({rid} || {suffix}, {generated} || {suffix}) AS {rid}"
        return f"coalesce({rid}, {generated}) AS {rid}"

    def _duplicates(self) -> bool:
        """A key twice in the file: every later row gets a reason naming the first line (table
        DUPLICATES). Only the key is computed for this. Whether any key was given twice."""
        if not self.spec.key or self.spec.key[0] not in self.spec.column_names:
            return False
        if (self.spec.key[0] == "response_id" and not self.wide and "response_id" not in self.present
                and self.profile.constants.get("response_id") is None):
            return False  # every id is generated from the file's hash and the line: none can repeat
        key = ident(self.spec.key[0])
        text = "$" + str(len(self.params) + 1)
        self.con.execute(
            "CREATE TEMP TABLE " + DUPLICATES + " AS WITH r AS (SELECT _line, _wide, " + key + " AS k FROM ("
            + self.sql + ")), twice AS (SELECT k FROM r WHERE k IS NOT NULL GROUP BY k HAVING count(*) > 1) "
            "SELECT _line, _wide, " + text + " || " + _shown("k", True) + " || ' appears twice in the file (first on "
            "line ' || CAST(first_line AS VARCHAR) || ')' AS reason FROM (SELECT _line, _wide, k, min(_line) OVER "
            "(PARTITION BY k) AS first_line, row_number() OVER (PARTITION BY k ORDER BY _line, _wide) AS nth "
            "FROM r WHERE k IN (SELECT k FROM twice)) WHERE nth > 1", self.params + [label(self.spec.key[0]) + " "])
        return bool(self.con.execute("SELECT count(*) FROM " + DUPLICATES).fetchall()[0][0])


def _bounds(col: schema.Column) -> tuple[float, float]:
    low, high = SQL_RANGE.get(col.sql_type, (-1e300, 1e300))
    if col.low is not None:
        low = max(low, col.low)
    if col.high is not None:
        high = min(high, col.high)
    return float(low), float(high)


def _range_text(low: float, high: float) -> str:
    if high < 1e6:
        return f"{low:g}–{high:g}"
    if high >= 1e12:
        return ""
    return f"from {low:g} to {high:.0f}"


def _human(fmt: str | None) -> str:
    if not fmt:
        return ""
    if fmt == "ISO8601":
        return "YYYY-MM-DD"
    return (fmt.replace("%d", "DD").replace("%m", "MM").replace("%Y", "YYYY").replace("%y", "YY")
            .replace("%H", "hh").replace("%I", "hh").replace("%M", "mm").replace("%S", "ss").replace("%p", "AM/PM")
            .replace("%b", "Mon").replace("%B", "Month").replace("%f", "ffffff").replace("%z", "+hh:mm"))


# -- date formats -------------------------------------------------------------------------------

def _detect_date_format(grouped, col: schema.Column) -> tuple[list[str], str]:
    """strptime formats that read the column's texts (the first is its format), and its human name.

    One ordering of day, month and year for the whole column: ISO, or day-first, month-first or
    year-first numbers (with whichever time parts occur), or dates with month names. Every value
    takes part, cheaply: `grouped(sql, params)` runs over DATE_GROUPS, the column's texts grouped
    by date part, length and ISO shape with their count, lowest and highest text (a million time
    stamps have a few hundred days), made in one pass. When every date could be read day-first
    and month-first and some would differ, the file is rejected: that is never guessed.
    """
    total, iso, month_only = grouped(
        "SELECT coalesce(sum(n), 0), coalesce(sum(n) FILTER (WHERE iso), 0), "
        "coalesce(sum(n) FILTER (WHERE iso AND len <= 7), 0) FROM " + DATE_GROUPS, []).fetchall()[0]
    if total == 0:
        return [], ""
    groups = grouped(
        "WITH g AS (SELECT d, sum(n) AS n, min(lo) AS lo, max(hi) AS hi FROM " + DATE_GROUPS + " WHERE NOT iso "
        "GROUP BY d), e AS (SELECT *, regexp_extract(d, $1, ['a', 's1', 'b', 's2', 'y']) AS p FROM g) "
        "SELECT d, n, lo, hi, p.a, p.s1, p.b, p.y FROM e WHERE p.a <> '' AND p.s1 = p.s2", [NUMERIC_DAY]).fetchall()
    numeric = sum(g[1] for g in groups)
    words, word_count = _word_dates(grouped)
    iso_count = iso - month_only
    best = max(("iso", iso_count), ("numeric", numeric), ("month", month_only), ("words", word_count),
               key=lambda t: t[1])
    if best[1] == 0 or best[0] == "iso":
        return ["ISO8601"], "YYYY-MM-DD"
    if best[0] == "words":
        return [words], _human(words)
    if best[0] == "month":
        return _month_formats(grouped)
    return _numeric_formats(col, groups)


DATE_GROUPS = "cx_date_groups"
NUMERIC_DAY = r"^(\d{1,4})([./-])(\d{1,2})([./-])(\d{1,4})$"


def _date_groups_sql(x: str) -> str:
    """Over the cleaned cells `c`: the texts of column x grouped as _detect_date_format needs."""
    return ("SELECT split_part(" + x + ", ' ', 1) AS d, length(" + x + ") AS len, " + x + " LIKE '____-%' AS iso, "
            "count(*) AS n, min(" + x + ") AS lo, max(" + x + ") AS hi FROM c WHERE " + x + " IS NOT NULL GROUP BY ALL")


def _word_dates(grouped) -> tuple[str, int]:
    """The month-name format reading most values that do not start like a numeric date."""
    counts = grouped(
        "SELECT " + ", ".join(f"sum(n) FILTER (WHERE try_strptime(lo, ${i + 1}) IS NOT NULL)"
                              for i in range(len(WORD_DATES)))
        + " FROM " + DATE_GROUPS + " WHERE NOT iso AND NOT regexp_matches(lo, '^\\d+[./-]\\d+')",
        list(WORD_DATES)).fetchall()[0]
    best = max(range(len(WORD_DATES)), key=lambda i: counts[i] or 0)
    return WORD_DATES[best], int(counts[best] or 0)


def _month_formats(grouped) -> tuple[list[str], str]:
    sep = grouped("SELECT substr(lo, 5, 1) FROM " + DATE_GROUPS + " WHERE iso AND len <= 7 GROUP BY ALL "
                  "ORDER BY sum(n) DESC LIMIT 1", []).fetchall()[0][0]
    fmt = f"%Y{sep}%m"
    return [fmt], _human(fmt)


def _time_shape(text: str, day: str) -> str:
    rest = text[len(day):].strip()
    rest = re.sub(r"(?i)\b[ap]\.?m\.?$", "P", rest)
    return re.sub(r"\d+", "N", rest)


def _numeric_formats(col: schema.Column, groups) -> tuple[list[str], str]:
    """groups: (date part, rows, lowest value, highest value, a, separator, b, year) per date part."""
    year_first = [g for g in groups if len(g[4]) == 4]
    other = [g for g in groups if len(g[4]) <= 2 and len(g[7]) in (2, 4)]
    if sum(g[1] for g in year_first) >= sum(g[1] for g in other):
        family, order = year_first, ("%Y", "%m", "%d")
    else:
        family, order = other, _day_month_order(col, other)
    sep = max({g[5] for g in family}, key=lambda v: sum(g[1] for g in family if g[5] == v))
    family = [g for g in family if g[5] == sep]
    short_years = sum(g[1] for g in family if len(g[7]) == 2)
    year = "%y" if order[0] != "%Y" and short_years * 2 > sum(g[1] for g in family) else "%Y"
    date_part = sep.join(year if part == "%Y" else part for part in order)
    seen: dict[str, int] = {}
    for g in family:
        for text in (g[2], g[3]):
            shape = _time_shape(text, g[0])
            seen[shape] = seen.get(shape, 0) + g[1]
    ordered = sorted((s for s in seen if s in TIME_SHAPES), key=lambda s: -seen[s])
    ordered += [s for s in TIME_SHAPES if s not in ordered]
    formats = [date_part + TIME_SHAPES[s] for s in ordered]
    return formats, _human(formats[0])


def _day_month_order(col: schema.Column, family) -> tuple[str, str, str]:
    """Day-first or month-first for numbers like 01/03/2026; refuses to guess."""
    firsts = [(int(g[4]), int(g[6]), g[0]) for g in family]
    day_first = next((d for a, b, d in firsts if a > 12), None)
    month_first = next((d for a, b, d in firsts if b > 12), None)
    if day_first and month_first:
        raise FileRejected(
            f"The dates in column {col.name} mix day-first ({day_first}) and month-first ({month_first}) values, "
            "so cx cannot read them with one format; fix the file or split it.", "ambiguous_dates")
    if day_first or (all(g[5] == "." for g in family) and not month_first):
        return ("%d", "%m", "%Y")
    if month_first:
        return ("%m", "%d", "%Y")
    example = next((d for a, b, d in sorted(firsts, key=lambda t: t[2]) if a != b), None)
    if example:
        raise FileRejected(
            f"The dates in column {col.name} could be day-first or month-first (is {example} the "
            f"{_spelled(example, True)} or the {_spelled(example, False)}?); set the date format (for example "
            "%d/%m/%Y) and import again.", "ambiguous_dates")
    return ("%d", "%m", "%Y")


def _spelled(text: str, day_first: bool) -> str:
    a, b = (int(n) for n in re.match(r"^(\d{1,2})[./-](\d{1,2})", text).groups())
    day, month = (a, b) if day_first else (b, a)
    if not 1 <= month <= 12:
        return text
    return f"{day} {dt.date(2000, month, 1):%B}"
