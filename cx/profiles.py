"""Import profiles: how one file layout maps into one table (contract, "Import profiles").

A user who uploads the same export every month maps its columns once; the
profile is the contract's JSON object, saved in the workspace or as a file.
"""
from __future__ import annotations

import codecs
import json
import time
from dataclasses import dataclass, field
from datetime import datetime

from cx import schema

KEYS = ("kind", "sheet", "header_row", "skip_rows", "delimiter", "decimal", "encoding", "date_format",
        "missing", "columns", "constants", "exclude", "values", "wide",
        # issue 15: what profiles could not say before (all optional; older profiles stay valid)
        "tool", "rescale", "yes_no", "multi_select", "time_zone", "require", "long")


class ProfileError(ValueError):
    """The profile is not usable; str() is one sentence for the user."""


@dataclass(frozen=True)
class WideLayout:
    """One row per respondent with one column per touchpoint, turned into one row per pair."""

    value_columns: dict[str, str]  # source header -> touchpoint name
    metric: str
    into: str = "touchpoint"
    missing_values: tuple = ()
    given_as_list: bool = True

    def to_dict(self) -> dict:
        cols = list(self.value_columns) if self.given_as_list else dict(self.value_columns)
        return {"value_columns": cols, "into": self.into, "metric": self.metric,
                "missing_values": list(self.missing_values)}


@dataclass(frozen=True)
class LongProfile:
    """One row per person and question (Peakon-style), pivoted to one row per person: `questions`
    says which question fills which contract column; any other question is reported, never loaded."""

    person: str
    question: str
    value: str
    questions: dict[str, str]  # question (cell text of the question column) -> contract column

    def to_dict(self) -> dict:
        return {"person": self.person, "question": self.question, "value": self.value,
                "questions": dict(self.questions)}


@dataclass(frozen=True)
class ImportProfile:
    kind: str
    sheet: str | None = None
    header_row: int | None = None
    skip_rows: int | None = None
    delimiter: str | None = None
    decimal: str | None = None
    encoding: str | None = None
    date_format: str | None = None
    missing: tuple[str, ...] | None = None
    columns: dict[str, str] = field(default_factory=dict)
    constants: dict[str, object] = field(default_factory=dict)
    exclude: dict[str, tuple[str, ...]] = field(default_factory=dict)
    values: dict[str, dict[str, object]] = field(default_factory=dict)
    wide: WideLayout | None = None
    tool: str | None = None                                  # the survey tool the layout is from (shown only)
    rescale: dict[str, tuple[float, float]] = field(default_factory=dict)  # column -> the file's scale ends
    yes_no: dict[str, tuple[object, object]] = field(default_factory=dict)  # column -> (value of yes, of no)
    multi_select: tuple[str, ...] = ()                       # headers of multi-select answers: left out, noted
    time_zone: str | None = None                             # the zone the file's times are written in
    require: tuple[str, ...] = ()                            # headers whose empty cell leaves the row out
    long: LongProfile | None = None

    # -- reading ----------------------------------------------------------------
    @classmethod
    def from_dict(cls, raw: dict) -> ImportProfile:
        """The contract's profile object, checked key by key; ProfileError says what is wrong."""
        if not isinstance(raw, dict):
            raise ProfileError("An import profile must be a JSON object.")
        unknown = set(raw) - set(KEYS)
        if unknown:
            raise ProfileError(f"The profile has keys cx does not know: {', '.join(sorted(map(str, unknown)))}.")
        kind = raw.get("kind")
        if kind not in schema.IMPORTABLE:
            raise ProfileError(f"The profile's kind must be one of {', '.join(schema.IMPORTABLE)}, got {kind!r}.")
        table = schema.TABLES[kind]
        columns = _str_dict(raw.get("columns") or {}, "columns")
        for target in columns.values():
            _column_of(table, target, "columns")
        repeated = sorted({t for t in columns.values() if list(columns.values()).count(t) > 1})
        if repeated:
            raise ProfileError(f"'columns' maps two source columns to {repeated[0]}; map each column once.")
        constants = raw.get("constants") or {}
        if not isinstance(constants, dict):
            raise ProfileError("'constants' must map a column name to one value for every row.")
        for target, value in constants.items():
            _column_of(table, target, "constants")
            _scalar(value, f"The constant for {target}")
        return cls(
            kind=kind, sheet=_optional_str(raw, "sheet"), header_row=_whole(raw, "header_row", 1),
            skip_rows=_whole(raw, "skip_rows", 0), delimiter=_delimiter(raw.get("delimiter")),
            decimal=_decimal(raw.get("decimal")), encoding=_encoding(raw.get("encoding")),
            date_format=_date_format(raw.get("date_format")), missing=_missing(raw.get("missing")),
            columns=columns, constants=dict(constants), exclude=_exclude(raw.get("exclude")),
            values=_values(raw.get("values"), table), wide=_wide(raw.get("wide"), table, columns),
            tool=_optional_str(raw, "tool"), rescale=_rescale(raw.get("rescale"), table),
            yes_no=_yes_no(raw.get("yes_no"), table), multi_select=_headers(raw.get("multi_select"), "multi_select"),
            time_zone=_time_zone(raw.get("time_zone")), require=_headers(raw.get("require"), "require"),
            long=_long(raw.get("long"), table))

    @classmethod
    def from_json(cls, text: str) -> ImportProfile:
        try:
            raw = json.loads(text)
        except (json.JSONDecodeError, TypeError) as exc:
            raise ProfileError(f"The profile is not valid JSON ({exc.msg if hasattr(exc, 'msg') else exc}).") from None
        return cls.from_dict(raw)

    # -- writing ----------------------------------------------------------------
    def to_dict(self) -> dict:
        out: dict = {"kind": self.kind}
        for key in ("sheet", "header_row", "skip_rows", "delimiter", "decimal", "encoding", "date_format"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.missing is not None:
            out["missing"] = list(self.missing)
        for key in ("columns", "constants", "values"):
            if getattr(self, key):
                out[key] = dict(getattr(self, key))
        if self.exclude:
            out["exclude"] = {k: list(v) for k, v in self.exclude.items()}
        if self.wide:
            out["wide"] = self.wide.to_dict()
        if self.tool:
            out["tool"] = self.tool
        if self.rescale:
            out["rescale"] = {k: list(v) for k, v in self.rescale.items()}
        if self.yes_no:
            out["yes_no"] = {k: {"yes": v[0], "no": v[1]} for k, v in self.yes_no.items()}
        for key in ("multi_select", "require"):
            if getattr(self, key):
                out[key] = list(getattr(self, key))
        if self.time_zone:
            out["time_zone"] = self.time_zone
        if self.long:
            out["long"] = self.long.to_dict()
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def _str_dict(raw, name: str) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise ProfileError(f"'{name}' must map source headers to contract column names.")
    return {str(k): v for k, v in raw.items()}


def _column_of(table: schema.Table, name, key: str) -> str:
    if name not in table.column_names or name == "import_id":
        raise ProfileError(f"'{key}' names '{name}', which is not a column of {table.name}.")
    return name


def _scalar(value, what: str) -> None:
    if value is not None and not isinstance(value, (str, int, float, bool)):
        raise ProfileError(f"{what} must be text, a number, true/false or null.")


def _optional_str(raw: dict, key: str) -> str | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, str):
        raise ProfileError(f"'{key}' must be text.")
    return value


def _whole(raw: dict, key: str, least: int) -> int | None:
    value = raw.get(key)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < least):
        raise ProfileError(f"'{key}' must be a whole number of {least} or more.")
    return value


def _delimiter(value) -> str | None:
    if value is None:
        return None
    if value in ("tab", "\\t"):
        return "\t"
    if not isinstance(value, str) or len(value) != 1 or value in "\r\n\"":
        raise ProfileError("'delimiter' must be one character, such as ',' ';' or a tab.")
    return value


def _decimal(value) -> str | None:
    if value is not None and value not in (".", ","):
        raise ProfileError("'decimal' must be '.' or ','.")
    return value


def _encoding(value) -> str | None:
    if value is None:
        return None
    try:
        codecs.lookup(value)
    except (LookupError, TypeError):
        raise ProfileError(f"'encoding' must be a text encoding Python knows (such as utf-8 or cp1252), "
                           f"got {value!r}.") from None
    return value


def _date_format(value) -> str | None:
    """A strptime format with a day (or month) and a year; 'ISO8601' for ISO dates."""
    if value is None or value == "ISO8601":
        return value
    if not isinstance(value, str) or "%" not in value:
        raise ProfileError("'date_format' must be a format like %d.%m.%Y or %m/%d/%Y %H:%M.")
    try:
        time.strptime("", value)
    except ValueError as exc:
        if "directive" in str(exc) or "stray" in str(exc):
            raise ProfileError(f"'date_format' {value!r} is not a valid format: write it like %d.%m.%Y.") from None
    if "%Y" not in value and "%y" not in value:
        raise ProfileError(f"'date_format' {value!r} has no year (%Y or %y).")
    return value


def _missing(value) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(m, (str, int, float)) for m in value):
        raise ProfileError("'missing' must be a list of cell texts that mean 'not answered'.")
    return tuple(str(m) for m in value)


def _exclude(value) -> dict[str, tuple[str, ...]]:
    if not value:
        return {}
    if not isinstance(value, dict):
        raise ProfileError("'exclude' must map a source column to a list of values.")
    out = {}
    for header, cells in value.items():
        cells = cells if isinstance(cells, list) else [cells]
        if not all(isinstance(c, (str, int, float)) and not isinstance(c, bool) for c in cells):
            raise ProfileError(f"'exclude' for '{header}' must list cell texts.")
        out[str(header)] = tuple(_cell_text(c) for c in cells)
    return out


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _values(value, table: schema.Table) -> dict[str, dict[str, object]]:
    if not value:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ProfileError("'values' must map a column name (or \"*\") to an object of cell text and value.")
    for target, mapping in value.items():
        if target != "*":
            _column_of(table, target, "values")
        for cell, meant in mapping.items():
            _scalar(meant, f"The value for '{cell}' in 'values'")
    return {k: dict(v) for k, v in value.items()}


def _wide(raw, table: schema.Table, columns: dict[str, str]) -> WideLayout | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or "value_columns" not in raw or "metric" not in raw:
        raise ProfileError("'wide' needs 'value_columns' and 'metric'.")
    unknown = set(raw) - {"value_columns", "into", "metric", "missing_values"}
    if unknown:
        raise ProfileError(f"'wide' has keys cx does not know: {', '.join(sorted(map(str, unknown)))}.")
    cols = raw["value_columns"]
    if isinstance(cols, list) and cols and all(isinstance(c, str) for c in cols):
        mapping, as_list = {c: c for c in cols}, True
    elif isinstance(cols, dict) and cols and all(isinstance(v, str) for v in cols.values()):
        mapping, as_list = {str(k): v for k, v in cols.items()}, False
    else:
        raise ProfileError("'wide.value_columns' must be a non-empty list of headers or an object header -> "
                           "touchpoint.")
    metric = _column_of(table, raw["metric"], "wide.metric")
    into = _column_of(table, raw.get("into", "touchpoint"), "wide.into")
    if table.column(metric).kind not in ("int", "float", "bool"):
        raise ProfileError(f"'wide.metric' must be a score column of {table.name}, not {metric}.")
    taken = set(columns.values()) & {metric, into}
    if taken:
        raise ProfileError(f"'columns' maps a source column to {taken.pop()}, which the wide layout fills.")
    missing_values = raw.get("missing_values") or []
    if not isinstance(missing_values, list):
        raise ProfileError("'wide.missing_values' must be a list of cell values that mean 'not answered'.")
    for v in missing_values:
        _scalar(v, "Each of 'wide.missing_values'")
    return WideLayout(mapping, metric, into, tuple(missing_values), as_list)


def _rescale(raw, table: schema.Table) -> dict[str, tuple[float, float]]:
    """{"efficiency": [0, 10]}: the file's scale ends, mapped linearly onto the column's own."""
    if not raw:
        return {}
    if not isinstance(raw, dict):
        raise ProfileError("'rescale' must map a column to the ends of the file's scale, like {\"ease\": [0, 10]}.")
    out = {}
    for target, ends in raw.items():
        col = table.column(_column_of(table, target, "rescale"))
        if col.kind not in ("int", "float") or col.low is None or col.high is None:
            raise ProfileError(f"'rescale' names {target}, which is not a score with a fixed scale.")
        if (not isinstance(ends, list) or len(ends) != 2 or not all(isinstance(e, (int, float))
                                                                    and not isinstance(e, bool) for e in ends)
                or ends[0] >= ends[1]):
            raise ProfileError(f"'rescale' for {target} must be the file's lowest and highest value, like [0, 10].")
        out[target] = (ends[0], ends[1])
    return out


def _yes_no(raw, table: schema.Table) -> dict[str, tuple[object, object]]:
    """{"efficiency": {"yes": 5, "no": 1}}: a yes/no question into a score column."""
    if not raw:
        return {}
    if not isinstance(raw, dict):
        raise ProfileError("'yes_no' must map a column to the values of yes and no, like {\"ease\": {\"yes\": 5, "
                           "\"no\": 1}}.")
    out = {}
    for target, pair in raw.items():
        _column_of(table, target, "yes_no")
        if not isinstance(pair, dict) or set(pair) != {"yes", "no"}:
            raise ProfileError(f"'yes_no' for {target} must give the value of \"yes\" and of \"no\".")
        _scalar(pair["yes"], f"The value of yes for {target}")
        _scalar(pair["no"], f"The value of no for {target}")
        out[target] = (pair["yes"], pair["no"])
    return out


def _headers(raw, key: str) -> tuple[str, ...]:
    if not raw:
        return ()
    if not isinstance(raw, list) or not all(isinstance(h, str) for h in raw):
        raise ProfileError(f"'{key}' must be a list of column headers of the file.")
    return tuple(raw)


def _time_zone(value) -> str | None:
    if value is None:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ProfileError(f"'time_zone' must be a zone name like Europe/Helsinki or UTC, got {value!r}.") from None
    return value


def _long(raw, table: schema.Table) -> LongProfile | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not {"person", "question", "value", "questions"} <= set(raw):
        raise ProfileError("'long' needs 'person', 'question', 'value' (column headers) and 'questions'.")
    unknown = set(raw) - {"person", "question", "value", "questions"}
    if unknown:
        raise ProfileError(f"'long' has keys cx does not know: {', '.join(sorted(map(str, unknown)))}.")
    questions = _str_dict(raw["questions"], "long.questions")
    for target in questions.values():
        _column_of(table, target, "long.questions")
    repeated = sorted({t for t in questions.values() if list(questions.values()).count(t) > 1})
    if repeated:
        raise ProfileError(f"'long.questions' gives two questions to {repeated[0]}; give each column one question.")
    for key in ("person", "question", "value"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise ProfileError(f"'long.{key}' must be a column header of the file.")
    return LongProfile(raw["person"], raw["question"], raw["value"], questions)


# -- saved in the workspace -----------------------------------------------------------

def save_profile(ws, name: str, profile: ImportProfile) -> None:
    """Save (or replace) a named profile in the workspace table cx_profiles."""
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ProfileError("Give the profile a name of 1 to 100 characters.")
    with ws.write() as cur:
        cur.execute("INSERT OR REPLACE INTO cx_profiles VALUES (?, ?, ?, ?)",
                    [name, profile.kind, profile.to_json(), datetime.now()])


def list_profiles(ws) -> list[str]:
    return [r[0] for r in ws.cursor().execute("SELECT name FROM cx_profiles ORDER BY name").fetchall()]


def load_profile(ws, name: str) -> ImportProfile:
    row = ws.cursor().execute("SELECT profile FROM cx_profiles WHERE name = ?", [name]).fetchone()
    if row is None:
        raise ProfileError(f"There is no saved profile called '{name}'.")
    return ImportProfile.from_json(row[0])


def delete_profile(ws, name: str) -> None:
    with ws.write() as cur:
        cur.execute("DELETE FROM cx_profiles WHERE name = ?", [name])
