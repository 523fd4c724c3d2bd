"""The wizard's only contact with the import core (cx.profiles, cx.mapping, cx.importer).

The wizard keeps the profile as the contract's JSON object (a dict); this module turns it
into the core's ImportProfile and back, so the screens follow the contract, not a class.
"""
from __future__ import annotations

import streamlit as st

from cx import importer, mapping, profiles, schema
from cx.ui.upload_state import Upload


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


def preview(ws, upload: Upload, profile: dict):
    return importer.preview(ws, upload.data, upload.name, profile=to_profile(profile))


def run_import(ws, upload: Upload, profile: dict, allow_duplicate: bool, progress):
    """The import, for the signed-in user (analyst or admin), recorded in the audit trail."""
    from cx.team import actions
    from cx.ui import auth

    return actions.import_file(ws, auth.actor(), upload.data, upload.name, profile=to_profile(profile),
                               allow_duplicate_file=allow_duplicate, progress=progress)


def decision_notes(result) -> list[str]:
    """The importer's own notes on what it decided (date formats, generated ids ...)."""
    decisions = getattr(result, "decisions", None) or {}
    notes = decisions.get("notes") if isinstance(decisions, dict) else decisions
    return [str(n) for n in notes or []]
