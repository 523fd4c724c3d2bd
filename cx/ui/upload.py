"""The upload wizard: file -> how it was read -> what it holds -> rules -> check -> import.

Every step shows what cx detected and lets the user override it; nothing is written
until the user has seen the check (what would load, be skipped or rejected, and why)
and pressed Import. Uploaded text (file names, headers, cells, the reader's notes that
quote them) reaches the screen only through st.text, st.code, st.dataframe cells and
selectbox options.
"""
from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from cx import schema
from cx.i18n import t
from cx.ui import notices
from cx.ui import upload_check as check
from cx.ui import upload_profile as profile_ui
from cx.ui import upload_rules as rules
from cx.ui import upload_state as state
from cx.ui.upload_adapter import checked_profile, detect_mapping
from cx.ui.upload_read import cell_text, read_step

IGNORE = ""
_LOG = logging.getLogger(__name__)


def render(ws_name: str, lang: str) -> None:
    """The whole wizard for workspace `ws_name`; whatever goes wrong is a sentence, not a traceback."""
    try:
        _wizard(ws_name, lang)
    except Exception as exc:  # noqa: BLE001 - uploaded files are untrusted; the log keeps the details
        _LOG.exception("upload wizard failed")
        notices.show("error", "upload.unexpected", lang, f"{type(exc).__name__}: {exc}")
        st.button(t("upload.start_again", lang), key="upload_start_again", on_click=state.restart)


def _wizard(ws_name: str, lang: str) -> None:
    notices.draw("upload", lang)
    uploaded = st.file_uploader(t("upload.file", lang), key="upload_file", help=t("upload.file_help", lang))
    if uploaded is None:
        state.forget()
        st.info(t("upload.start", lang))
        return
    upload = state.upload_of(uploaded)
    state.start(upload.sha)
    table = read_step(upload, lang)
    if table is None:
        return
    headers = list(table.headers)
    kind = _kind_and_mapping(ws_name, table, headers, lang)
    profile = _rules_step(table, headers, kind, lang)
    profile_text, problem = checked_profile(profile)
    blockers = import_blockers(profile, headers)
    check.render(ws_name, upload, profile, profile_text, blockers, problem, lang)
    if profile_text and not blockers:
        profile_ui.save_controls(ws_name, profile, profile_text, lang)


# ----------------------------------------------------------------------------- step 2: table and columns

def _kind_and_mapping(ws_name: str, table, headers: list[str], lang: str) -> str:
    """Target table pre-set by detection, then one dropdown per source column."""
    with st.container(border=True):
        st.subheader(t("upload.step.map", lang))
        profile_ui.load_controls(ws_name, lang)
        pending = profile_ui.pending()
        detected_kind, detected = detect_mapping(table, None)
        if pending:
            st.session_state["upload_kind"] = pending.get("kind", detected_kind)
        elif st.session_state.get("upload_kind") not in schema.IMPORTABLE:
            st.session_state["upload_kind"] = detected_kind
        kind = st.selectbox(t("upload.kind", lang), schema.IMPORTABLE, key="upload_kind",
                            format_func=lambda k: t(f"table.{k}", lang), help=t("upload.kind_help", lang))
        _prefill_mapping(table, headers, kind, pending)
        profile_ui.apply_pending_rules(headers, kind)
        _mapping_widgets(table, headers, kind, lang)
    return kind


def _prefill_mapping(table, headers: list[str], kind: str, pending: dict | None) -> None:
    """Set the map_<i> dropdowns from a loaded profile, or from detection when the table or file changed."""
    signature = (kind, tuple(headers))
    if pending is not None:
        columns = pending.get("columns") or {}
        for i, header in enumerate(headers):
            st.session_state[f"map_{i}"] = columns.get(header, IGNORE)
    elif st.session_state.get("_upload_map_for") != signature:
        _, detected = detect_mapping(table, kind)
        for i in range(len(headers)):
            st.session_state[f"map_{i}"] = detected.get(i, IGNORE)
    st.session_state["_upload_map_for"] = signature


def column_label(column: str, lang: str) -> str:
    """A contract column as a dropdown option: its name and what it means."""
    return t("map.ignore", lang) if column == IGNORE else f"{column} · {t(f'col.{column}', lang)}"


def target_columns(kind: str) -> list[str]:
    return [c for c in schema.TABLES[kind].column_names if c != "import_id"]


def _mapping_widgets(table, headers: list[str], kind: str, lang: str) -> None:
    options = [IGNORE] + target_columns(kind)
    wide = set(st.session_state.get("upload_wide_columns") or []) if st.session_state.get("upload_wide") else set()
    head = st.columns([3, 4, 3])
    for col, key in zip(head, ("map.source", "map.examples", "map.target"), strict=True):
        col.caption(t(key, lang))
    for i, header in enumerate(headers):
        source, examples, target = st.columns([3, 4, 3], vertical_alignment="center")
        source.text(header or f"({i + 1})")
        examples.text(_examples(table.frame[table.frame.columns[i]]))
        if st.session_state.get(f"map_{i}") not in options:
            st.session_state[f"map_{i}"] = IGNORE
        target.selectbox(t("map.label", lang, n=i + 1), options, key=f"map_{i}", label_visibility="collapsed",
                         format_func=lambda c: column_label(c, lang),
                         disabled=header in wide)
    clashes = duplicate_targets(headers)
    if clashes:
        st.error(t("map.duplicate", lang, columns=", ".join(clashes)))


def _examples(column: pd.Series, limit: int = 3) -> str:
    values = []
    for value in column:
        text = cell_text(value).replace("\n", " ")
        if text and text not in values:
            values.append(text if len(text) <= 40 else text[:39] + "…")
        if len(values) == limit:
            break
    return " · ".join(values)


def mapping_of(headers: list[str]) -> dict[str, str]:
    """The dropdowns as the profile's `columns`: source header -> contract column."""
    mapped = {}
    for i, header in enumerate(headers):
        target = st.session_state.get(f"map_{i}") or IGNORE
        if target != IGNORE and header and header not in mapped:
            mapped[header] = target
    return mapped


def duplicate_targets(headers: list[str]) -> list[str]:
    chosen = [st.session_state.get(f"map_{i}") for i in range(len(headers))]
    return sorted({c for c in chosen if c and chosen.count(c) > 1})


# ----------------------------------------------------------------------------- step 3: rules

def _rules_step(table, headers: list[str], kind: str, lang: str) -> dict:
    """Exclusions, value labels, fixed values and the wide layout, then the whole profile."""
    with st.container(border=True):
        st.subheader(t("upload.step.rules", lang))
        if "_upload_base_exclude" not in st.session_state:
            rules.base("exclude", rules.suggested_exclusions(headers, table.frame))
        with st.expander(t("rules.exclude", lang), expanded=not rules.base("exclude").empty):
            st.caption(t("rules.exclude_help", lang))
            exclude = rules.exclude_editor([h for h in headers if h], lang)
        with st.expander(t("rules.values", lang), expanded=not rules.base("values").empty):
            st.caption(t("rules.values_help", lang))
            values = rules.values_editor(kind, lang)
        with st.expander(t("rules.constants", lang), expanded=not rules.base("constants").empty):
            st.caption(t("rules.constants_help", lang))
            constants = rules.constants_editor(kind, lang)
        wide = None
        if kind in ("customer_responses", "employee_responses"):
            with st.expander(t("wide.title", lang), expanded=bool(st.session_state.get("upload_wide"))):
                wide = rules.wide_editor([h for h in headers if h], kind, lang)
    return build_profile(table, headers, kind, exclude, values, constants, wide)


def build_profile(table, headers, kind, exclude, values, constants, wide) -> dict:
    """The contract's import profile for what the wizard shows now (read options as decided)."""
    d = table.decisions
    profile: dict = {"kind": kind}
    for option in ("sheet", "header_row", "skip_rows", "delimiter", "decimal", "encoding"):
        if d.get(option) is not None:
            profile[option] = d[option]
    if st.session_state.get("upload_date_format"):
        profile["date_format"] = st.session_state["upload_date_format"]
    columns = mapping_of(headers)
    if wide:
        columns = {h: c for h, c in columns.items() if h not in set(wide["value_columns"])}
    profile["columns"] = columns
    for key, value in (("constants", constants), ("exclude", exclude), ("values", values), ("wide", wide)):
        if value:
            profile[key] = value
    missing = profile_ui.pending_missing()
    if missing:
        profile["missing"] = missing
    return profile


def import_blockers(profile: dict, headers: list[str]) -> list[str]:
    """Catalogue keys of reasons the check cannot run yet."""
    blockers = []
    if duplicate_targets(headers):
        blockers.append("map.duplicate_short")
    if not profile["columns"] and not profile.get("wide"):
        blockers.append("map.nothing")
    if profile.get("wide") and not profile["wide"]["value_columns"]:
        blockers.append("wide.no_columns")
    return blockers

