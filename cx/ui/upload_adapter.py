"""The wizard's only contact with the import pipeline (cx.imports.pipeline) and profiles.

The wizard keeps the profile as the contract's JSON object (a dict); this module turns it
into the pipeline's ImportProfile and back, so the screens follow the contract, not a class.
Two calls of the pipeline carry the wizard: `propose` (what cx recognised in the file and the
complete profile it proposes: the screens start from it) and `check` (the same steps for the
profile on screen, in the destination workspace: counts, reasons, values it cannot read). Both
read the whole file, so each is remembered per input for the open file.
"""
from __future__ import annotations

import duckdb
import streamlit as st

from cx import profiles, schema, store
from cx.imports import pipeline
from cx.imports.check import Unreadable
from cx.imports.notes import translate
from cx.ui.upload_destination import Destination
from cx.ui.upload_state import Upload

__all__ = ["Unreadable", "check", "propose", "run_import"]
_MEMO = "_upload_pipeline"
KEPT = 6  # proposals and checks remembered per session (each holds a reference to the file's bytes)


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


# ----------------------------------------------------------------------------- the pipeline

class _Blank:
    """A new workspace as it will be, in memory: for a file bound for a workspace not made yet, and
    for the proposal, which must not depend on the destination."""

    name = ""

    def __init__(self):
        self._con = duckdb.connect()
        for table in schema.TABLES.values():
            self._con.execute(schema.ddl(table))

    def cursor(self):
        return self._con.cursor()

    def settings(self) -> dict:
        return dict(store.DEFAULT_SETTINGS)


def _workspace(dest: Destination | None):
    from cx.ui import data

    return _Blank() if dest is None or dest.new else data.workspace(dest.name)


def _remembered(key: tuple, produce):
    memo = st.session_state.setdefault(_MEMO, {})
    if key not in memo:
        while len(memo) >= KEPT:
            memo.pop(next(iter(memo)))
        memo[key] = produce()
    return memo[key]


def propose(upload: Upload, read_options: dict, kind: str | None, given: dict | None,
            kind_before: str | None = None) -> pipeline.Proposal:
    """What cx recognises in the file and proposes: the tool, the complete profile, the questions'
    texts, what it decided. `read_options` are the user's overrides of how the file is read; `kind`
    the table when the user chose one (else the one proposed before the overrides, `kind_before`,
    is kept); `given` a loaded profile, followed as it is."""
    profile = None
    if given:
        profile = to_profile(given)
    elif read_options:
        profile = to_profile({"kind": kind or kind_before or "customer_responses", **read_options})
    key = ("propose", upload.sha, tuple(sorted(read_options.items())), profile.kind if profile else kind,
           profile_json(given) if given else None)
    settings = pipeline.Settings(kind=kind, profile=profile)
    return _remembered(key, lambda: pipeline.propose(_Blank(), upload.data, upload.name, settings))


def check(dest: Destination, upload: Upload, profile: dict, accept_unreadable: bool):
    """The profile on screen over the whole file in the destination: (the pipeline's proposal for
    it: values it cannot read, a problem; the preview: counts and reasons, or None when a column's
    unreadable values stop the import and the user has not accepted that)."""
    from cx.ui import data

    version = None if dest.new else data.version(dest.name)  # an import there changes what would clash
    key = ("check", upload.sha, profile_json(profile), dest, version, accept_unreadable)

    def produce():
        ws = _workspace(dest)
        found = pipeline.propose(ws, upload.data, upload.name, pipeline.Settings(kind=profile["kind"],
                                                                                 profile=to_profile(profile)))
        result = found.preview
        if result is None and not found.problem and (accept_unreadable or not found.blocked):
            result = pipeline.preview(ws, upload.data, upload.name, profile=to_profile(profile))
        return found, result

    return _remembered(key, produce)


def run_import(dest: Destination, checked: pipeline.Proposal, accept_unreadable: bool, allow_duplicate: bool,
               progress):
    """The checked proposal imported for the signed-in user (analyst or admin), recorded in the audit
    trail; a new destination is created first (also recorded)."""
    from cx.team import actions
    from cx.ui import auth, data

    if dest.new:
        _name_default_stages(actions.create(auth.actor(), dest.name))
    return pipeline.run(data.workspace(dest.name), checked, pipeline.Answers(accept_unreadable=accept_unreadable),
                        actor=auth.actor(), progress=progress, allow_duplicate_file=allow_duplicate)


def _name_default_stages(ws) -> None:
    """A new workspace shows the default journey's stages in both languages (display labels only)."""
    from cx.i18n import LANGUAGES, data_labels, t
    from cx.journey import DEFAULT_STAGES

    data_labels.set_labels(ws, {lang: {"stage": {s: t(f"stage.default.{s}", lang) for s in DEFAULT_STAGES}}
                                for lang in LANGUAGES})


def decision_notes(result, lang: str, already: set[str] = frozenset()) -> list[str]:
    """The importer's own notes on what it decided (date formats, generated ids ...), in `lang` where
    they are catalogue notes, leaving out those `already` said (compared in English)."""
    decisions = getattr(result, "decisions", None) or {}
    notes = decisions.get("notes") if isinstance(decisions, dict) else decisions
    shown = []
    for note in notes or []:
        english = note.text("en") if hasattr(note, "text") else str(note)
        if english not in already:
            shown.append(note.text(lang) if hasattr(note, "text") else said(english, lang))
    return shown


def said(text: str, lang: str) -> str:
    """A sentence of the import steps (a note, a row's reason, why a file cannot load) in `lang`."""
    return translate(text, lang)
