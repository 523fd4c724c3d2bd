"""The wizard's only contact with the import core (cx.profiles, cx.mapping, cx.importer).

The wizard keeps the profile as the contract's JSON object (a dict); this module turns it
into the core's ImportProfile and back, so the screens follow the contract, not a class.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import streamlit as st

from cx import importer, mapping, profiles, schema, store
from cx.ui.upload_destination import Destination
from cx.ui.upload_state import Upload


@dataclass(frozen=True)
class Found:
    """What the pipeline recognised in a file, for the wizard to pre-fill (and to show plainly)."""

    kind: str
    columns: dict[int, str]                      # source column index -> contract column
    questions: dict[int, str] = field(default_factory=dict)  # source column index -> the question's text
    tool: str | None = None                      # the survey tool recognised, by id
    notes: tuple[str, ...] = ()                  # what it decided, as sentences


def to_profile(profile: dict) -> profiles.ImportProfile:
    return profiles.ImportProfile.from_dict(profile)


def profile_json(profile: dict) -> str:
    """The profile as the JSON file a user downloads (and the key a check is remembered by)."""
    return to_profile(profile).to_json()


def checked_profile(profile: dict) -> tuple[str | None, str | None]:
    """(the profile's JSON, None) when the core accepts it, else (None, its one-sentence reason)."""
    try:
        return profile_json(profile), None
    except profiles.ProfileError as exc:
        return None, str(exc)


def parse_profile(raw: bytes | str) -> dict:
    """An uploaded profile file as the contract's dict; raises with a sentence when it is not one."""
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise profiles.ProfileError("The profile file is not UTF-8 text.") from None
    return profiles.ImportProfile.from_json(text).to_dict()


def saved_profiles(ws) -> list[str]:
    return list(profiles.list_profiles(ws))


def load_profile(ws, name: str) -> dict:
    return profiles.load_profile(ws, name).to_dict()


def save_profile(ws, name: str, profile: dict) -> None:
    from cx.ui import auth

    auth.check(ws.name, "save_profile")
    profiles.save_profile(ws, name, to_profile(profile))


def detect_mapping(table, kind: str | None) -> tuple[str, dict[int, str]]:
    """The table the file most likely fills and, per source column index, its contract column.

    Remembered per layout and target for the open file, so a rerun does not detect again.
    """
    memo = st.session_state.setdefault("_upload_detected", {})
    d = table.decisions
    key = (tuple(table.headers), d.get("sheet"), d.get("header_row"), d.get("skip_rows"), kind)
    if key not in memo:
        found = mapping.detect(table.headers, table.frame, kind=kind)
        detected_kind = found.kind if found.kind in schema.IMPORTABLE else "customer_responses"
        memo[key] = (detected_kind, dict(found.columns))
    return memo[key]


class _Blank:
    """A new workspace as it will be, in memory: the check of a file bound for a workspace not made yet."""

    name = ""

    def __init__(self):
        self._con = duckdb.connect()
        for table in schema.TABLES.values():
            self._con.execute(schema.ddl(table))

    def cursor(self):
        return self._con.cursor()

    def settings(self) -> dict:
        return dict(store.DEFAULT_SETTINGS)


def preview(dest: Destination, upload: Upload, profile: dict):
    """The dry run in the destination (an empty one when it is to be created)."""
    from cx.ui import data

    ws = _Blank() if dest.new else data.workspace(dest.name)
    return importer.preview(ws, upload.data, upload.name, profile=to_profile(profile))


def run_import(dest: Destination, upload: Upload, profile: dict, allow_duplicate: bool, progress):
    """The import, for the signed-in user (analyst or admin), recorded in the audit trail; a new
    destination is created first (also recorded)."""
    from cx.team import actions
    from cx.ui import auth, data

    if dest.new:
        actions.create(auth.actor(), dest.name)
    return actions.import_file(data.workspace(dest.name), auth.actor(), upload.data, upload.name,
                               profile=to_profile(profile), allow_duplicate_file=allow_duplicate, progress=progress)


def decision_notes(result) -> list[str]:
    """The importer's own notes on what it decided (date formats, generated ids ...)."""
    decisions = getattr(result, "decisions", None) or {}
    notes = decisions.get("notes") if isinstance(decisions, dict) else decisions
    return [str(n) for n in notes or []]


def found(table) -> Found:
    """What the file holds, as detected (remembered per layout: see detect_mapping)."""
    kind, columns = detect_mapping(table, None)
    return Found(kind, columns, questions=question_texts(table))


def question_texts(table) -> dict[int, str]:
    """The question a column asks, where the file says it in a header row below the codes (Qualtrics)."""
    texts = {}
    for i, header in enumerate(table.headers):
        for row in table.extra_header_rows:
            cell = str(row[i]).strip() if i < len(row) and row[i] is not None else ""
            if cell and cell != header and not cell.startswith(("{", "Response", "Open-Ended Response")):
                texts[i] = cell
                break
    return texts


@dataclass(frozen=True)
class Unreadable:
    """One contract column's cell texts that the check could not read, with their row counts."""

    column: str
    source: str                      # the file's header of that column
    rows: int                        # rows rejected for it
    values: dict[str, int] = field(default_factory=dict)  # cell text -> rows


def unreadable(result) -> list[Unreadable]:
    """The columns of a check with values it could not read, most rows first."""
    found_ = getattr(result, "unreadable", None) or {}
    listed = [Unreadable(column, str(info.get("source") or ""), int(info.get("rows") or 0),
                         {str(k): int(v) for k, v in (info.get("values") or {}).items()})
              for column, info in found_.items()]
    return sorted(listed, key=lambda u: -u.rows)
