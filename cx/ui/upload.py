"""The upload wizard: drop a file, answer what it does not say, import, land on the journey.

1. the file: cx reads it, recognises the survey tool and says plainly what it decided;
2. what no file says, asked first: the workspace to load into, relationship or transaction,
   which touchpoint, a unit or channel for the whole file;
3. the questions in the file by their text, each pre-set to the contract column it fills;
4. the check runs by itself: what would load, be left out or rejected, and why; a column
   whose values would reject more than a fifth of the rows stops the import until its values
   are mapped. Import opens the page that shows the new answers (cx.ui.upload_landing).
Everything the reader and the detection decided can be changed under "Details". Uploaded text
(file names, headers, cells, the reader's notes that quote them) reaches the screen only
through st.text, st.code, st.dataframe cells and selectbox options.
"""
from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from cx import schema
from cx.i18n import t
from cx.ui import notices, upload_read
from cx.ui import upload_check as check
from cx.ui import upload_destination as destination
from cx.ui import upload_profile as profile_ui
from cx.ui import upload_questions as questions
from cx.ui import upload_rules as rules
from cx.ui import upload_state as state
from cx.ui.upload_adapter import Found, checked_profile, detect_mapping, found
from cx.ui.upload_read import cell_text

IGNORE = ""
_LOG = logging.getLogger(__name__)


def render(ws_name: str, lang: str) -> None:
    """The whole wizard, from the sidebar's workspace `ws_name`; whatever goes wrong is a sentence, not a traceback."""
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
        notices.draw("check", lang)  # how the last import went, when the user comes back after it
        st.info(t("upload.start", lang))
        return
    upload = state.upload_of(uploaded)
    state.start(upload.sha)
    table = upload_read.load(upload, lang)
    if table is None:
        return
    headers = list(table.headers)
    seen = found(table)
    _recognised(seen, table, lang)
    kind = _prefill(table, headers, seen)
    ask_box, found_box = st.container(border=True), st.container(border=True)
    read_tab, rules_tab, profile_tab = st.expander(t("wizard.details", lang)).tabs(
        [t(f"wizard.details.{k}", lang) for k in ("read", "rules", "profiles")])
    with ask_box:
        st.subheader(t("wizard.step.ask", lang))
        dest = destination.render(ws_name, upload.name, lang)
        answers = questions.render(dest, kind, set(mapping_of(headers).values()), _wide_on(), lang) \
            if dest is not None else questions.Answers()
    with found_box:
        _questions_step(table, headers, seen, kind, lang)
    with read_tab:
        upload_read.render(upload, table, lang)
    with rules_tab:
        profile = _rules(table, headers, kind, answers.constants, lang)
    profile_text, problem = checked_profile(profile)
    with profile_tab:
        profile_ui.load_controls(ws_name if dest is None or dest.new else dest.name, lang)
        if profile_text:
            profile_ui.save_controls(ws_name if dest is None or dest.new else dest.name, profile, profile_text, lang)
    blockers = ([] if dest else ["ask.workspace_open"]) + answers.open + import_blockers(profile, headers)
    check.render(dest, upload, profile, profile_text, blockers, problem, lang)


def _wide_on() -> bool:
    return bool(st.session_state.get("upload_wide"))


# ----------------------------------------------------------------------------- what was recognised

def _recognised(seen: Found, table, lang: str) -> None:
    """The tool cx recognised (or that it read a plain table), and what it decided, in plain words."""
    if seen.tool:
        st.success(t("found.tool", lang, tool=t(f"tool.{seen.tool}", lang)))
    else:
        st.info(t("found.no_tool", lang))
    notes = list(seen.notes) + [str(n) for n in table.decisions.get("notes") or []]
    if notes:
        st.caption(t("found.decided", lang))
        st.text("\n".join(notes))


# ----------------------------------------------------------------------------- the questions in the file

def _prefill(table, headers: list[str], seen: Found) -> str:
    """Table and column dropdowns pre-set from a loaded profile, else from what was detected."""
    pending = profile_ui.pending()
    if pending:
        st.session_state["upload_kind"] = pending.get("kind", seen.kind)
    elif st.session_state.get("upload_kind") not in schema.IMPORTABLE:
        st.session_state["upload_kind"] = seen.kind
    kind = st.session_state["upload_kind"]
    _prefill_mapping(table, headers, kind, pending)
    profile_ui.apply_pending_rules(headers, kind)
    return kind


def _questions_step(table, headers: list[str], seen: Found, kind: str, lang: str) -> None:
    """The table to load, then each question by its text with the contract column it fills."""
    st.subheader(t("wizard.step.found", lang))
    st.selectbox(t("upload.kind", lang), schema.IMPORTABLE, key="upload_kind",
                 format_func=lambda k: t(f"table.{k}", lang), help=t("upload.kind_help", lang))
    proposed = [i for i in range(len(headers)) if seen.columns.get(i)]
    others = [i for i in range(len(headers)) if i not in proposed]
    _mapping_widgets(table, headers, seen, kind, proposed, lang)
    if others:
        with st.expander(t("found.others", lang, n=len(others))):
            _mapping_widgets(table, headers, seen, kind, others, lang)
    clashes = duplicate_targets(headers)
    if clashes:
        st.error(t("map.duplicate", lang, columns=", ".join(clashes)))


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


def _mapping_widgets(table, headers: list[str], seen: Found, kind: str, indices: list[int], lang: str) -> None:
    """One row per source column: the question as the file asks it (its header code below when they
    differ), example answers, and the contract column it fills."""
    options = [IGNORE] + target_columns(kind)
    wide = set(st.session_state.get("upload_wide_columns") or []) if _wide_on() else set()
    head = st.columns([4, 3, 3])
    for col, key in zip(head, ("map.question", "map.examples", "map.target"), strict=True):
        col.caption(t(key, lang))
    for i in indices:
        header = headers[i]
        question, examples, target = st.columns([4, 3, 3], vertical_alignment="center")
        text = seen.questions.get(i)
        question.text(f"{text}\n({header})" if text and header else text or header or f"({i + 1})")
        examples.text(_examples(table.frame[table.frame.columns[i]]))
        if st.session_state.get(f"map_{i}") not in options:
            st.session_state[f"map_{i}"] = IGNORE
        target.selectbox(t("map.label", lang, n=i + 1), options, key=f"map_{i}", label_visibility="collapsed",
                         format_func=lambda c: column_label(c, lang), disabled=header in wide)


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


# ----------------------------------------------------------------------------- details: rows and values

def _rules(table, headers: list[str], kind: str, asked: dict, lang: str) -> dict:
    """Exclusions, value labels, fixed values and the wide layout, then the whole profile.

    The answers to the questions (`asked`) are fixed values too; they win over the table's."""
    if "_upload_base_exclude" not in st.session_state:
        rules.base("exclude", rules.suggested_exclusions(headers, table.frame))
    st.caption(t("rules.exclude", lang) + " — " + t("rules.exclude_help", lang))
    exclude = rules.exclude_editor([h for h in headers if h], lang)
    st.caption(t("rules.values", lang) + " — " + t("rules.values_help", lang))
    values = rules.values_editor(kind, lang)
    st.caption(t("rules.constants", lang) + " — " + t("rules.constants_help", lang))
    constants = {**rules.constants_editor(kind, lang), **asked}
    wide = None
    if kind in ("customer_responses", "employee_responses"):
        st.caption(t("wide.title", lang))
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

