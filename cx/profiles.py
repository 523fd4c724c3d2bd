"""Import profiles: how one file layout maps into one table (contract, "Import profiles").

A user who uploads the same export every month maps its columns once; the
profile is the contract's JSON object, saved in the workspace or as a file.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from cx import schema

KEYS = ("kind", "sheet", "header_row", "skip_rows", "delimiter", "decimal", "encoding", "date_format",
        "missing", "columns", "constants", "exclude", "values", "wide")


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

    # -- reading ----------------------------------------------------------------
    @classmethod
    def from_dict(cls, raw: dict) -> ImportProfile:
        if not isinstance(raw, dict):
            raise ProfileError("An import profile must be a JSON object.")
        unknown = set(raw) - set(KEYS)
        if unknown:
            raise ProfileError(f"The profile has keys cx does not know: {', '.join(sorted(unknown))}.")
        kind = raw.get("kind")
        if kind not in schema.IMPORTABLE:
            raise ProfileError(f"The profile's kind must be one of {', '.join(schema.IMPORTABLE)}, got {kind!r}.")
        table = schema.TABLES[kind]
        columns = _str_dict(raw.get("columns") or {}, "columns")
        for target in columns.values():
            if target not in table.column_names or target == "import_id":
                raise ProfileError(f"'{target}' is not a column of {kind}.")
        constants = dict(raw.get("constants") or {})
        for target in constants:
            if target not in table.column_names or target == "import_id":
                raise ProfileError(f"The constant '{target}' is not a column of {kind}.")
        values = raw.get("values") or {}
        if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
            raise ProfileError("'values' must map a column name to an object of cell text and value.")
        for target in values:
            if target != "*" and target not in table.column_names:
                raise ProfileError(f"'values' names '{target}', which is not a column of {kind}.")
        exclude = raw.get("exclude") or {}
        if not isinstance(exclude, dict):
            raise ProfileError("'exclude' must map a source column to a list of values.")
        exclude = {str(k): tuple(str(x).strip() for x in (v if isinstance(v, list) else [v]))
                   for k, v in exclude.items()}
        for key in ("header_row", "skip_rows"):
            value = raw.get(key)
            if value is not None and (not isinstance(value, int) or value < (1 if key == "header_row" else 0)):
                raise ProfileError(f"'{key}' must be a whole number ({'1 or more' if key == 'header_row' else '0 or more'}).")
        missing = raw.get("missing")
        if missing is not None and not isinstance(missing, list):
            raise ProfileError("'missing' must be a list of cell texts that mean 'not answered'.")
        return cls(
            kind=kind, sheet=raw.get("sheet"), header_row=raw.get("header_row"), skip_rows=raw.get("skip_rows"),
            delimiter=raw.get("delimiter"), decimal=raw.get("decimal"), encoding=raw.get("encoding"),
            date_format=raw.get("date_format"),
            missing=tuple(str(m) for m in missing) if missing is not None else None,
            columns=columns, constants=constants, exclude=exclude,
            values={k: dict(v) for k, v in values.items()}, wide=_wide(raw.get("wide"), table))

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
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def _str_dict(raw, name: str) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise ProfileError(f"'{name}' must map source headers to contract column names.")
    return {str(k): v for k, v in raw.items()}


def _wide(raw, table: schema.Table) -> WideLayout | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or "value_columns" not in raw or "metric" not in raw:
        raise ProfileError("'wide' needs 'value_columns' and 'metric'.")
    cols = raw["value_columns"]
    if isinstance(cols, list):
        mapping, as_list = {str(c): str(c) for c in cols}, True
    elif isinstance(cols, dict):
        mapping, as_list = {str(k): str(v) for k, v in cols.items()}, False
    else:
        raise ProfileError("'wide.value_columns' must be a list of headers or an object header -> touchpoint.")
    metric = raw["metric"]
    into = raw.get("into", "touchpoint")
    if metric not in table.column_names or into not in table.column_names:
        raise ProfileError(f"'wide' must name columns of {table.name} for 'metric' and 'into'.")
    return WideLayout(mapping, metric, into, tuple(raw.get("missing_values") or ()), as_list)


# -- saved in the workspace -----------------------------------------------------------

def save_profile(ws, name: str, profile: ImportProfile) -> None:
    name = name.strip()
    if not name:
        raise ProfileError("Give the profile a name.")
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
