"""The upload wizard: drop a file, answer what it does not say, import, land on the journey.

The pipeline (cx.imports.pipeline, through upload_adapter) reads the file, recognises the survey
tool and proposes a complete profile; the wizard starts from that proposal and shows it plainly:

1. what no file says, asked first: the workspace to load into, relationship or transaction,
   which touchpoint (from the journey map, or a new one on a stage), a unit or channel for the
   whole file; for long layouts, which question is eNPS and which are items;
2. the questions in the file by their text, each pre-set to the contract column it fills;
3. the check runs by itself: what would load, be left out or rejected, and why; a column whose
   values would reject more than a fifth of the rows stops the import until its values are
   mapped. Import opens the page that shows the new answers (cx.ui.upload_landing).
Everything else cx decided can be changed under "Details". Uploaded text (file names, headers,
questions, cells, the reader's notes that quote them) reaches the screen only through st.text,
st.dataframe cells and selectbox options.
"""
from __future__ import annotations

import logging

import streamlit as st

from cx import schema
from cx.i18n import t
from cx.imports.read import FileRejected
from cx.ui import notices, upload_read
from cx.ui import upload_adapter as adapter
from cx.ui import upload_check as check
from cx.ui import upload_destination as destination
from cx.ui import upload_profile as profile_ui
from cx.ui import upload_questions as questions
from cx.ui import upload_rules as rules
from cx.ui import upload_state as state
from cx.ui.upload_read import cell_text

IGNORE = ""
_LOG = logging.getLogger(__name__)
_GIVEN = "_upload_given"          # a loaded profile, followed as it is, for the open file
_PREFILLED = "_upload_prefilled"  # the proposal the widgets were last pre-set from
_KIND_CHOSEN = "_upload_kind_chosen"
READ_KEYS = ("sheet", "header_row", "skip_rows", "delimiter", "decimal", "encoding")


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
    if not destination.choices():  # a viewer everywhere, who may not create a workspace either
        destination.say_role(ws_name, lang)
        return
    uploaded = st.file_uploader(t("upload.file", lang), key="upload_file", help=t("upload.file_help", lang))
    if uploaded is None:
        state.forget()
        notices.draw("check", lang)  # how the last import went, when the user comes back after it
        st.info(t("upload.start", lang))
        return
    upload = state.upload_of(uploaded)
    state.start(upload.sha)
    if profile_ui.pending() is not None:
        st.session_state[_GIVEN] = profile_ui.pending()
    table = upload_read.load(upload, lang)
    if table is None:
        return
    proposal = _proposal(upload, lang)
    if proposal is None:
        return
    _recognised(proposal, lang)
    kind = _prefill(proposal)
    ask_box, found_box = st.container(border=True, key="upload_ask"), st.container(border=True, key="upload_found")
    read_tab, rules_tab, profile_tab = st.expander(t("wizard.details", lang)).tabs(
        [t(f"wizard.details.{k}", lang) for k in ("read", "rules", "profiles")])
    headers = proposal.headers
    long_ask = next((a for a in proposal.asks if a.code == "long_questions"), None)
    with ask_box:
        st.subheader(t("wizard.step.ask", lang))
        dest = destination.render(ws_name, upload.name, lang)
        mapped = set(proposal.columns.values()) if long_ask else set(mapping_of(headers).values())
        answers = questions.render(dest, kind, mapped, _wide_on(), lang) if dest else questions.Answers()
        long_questions = questions.long_questions(long_ask, kind, proposal.new_questions, lang) if long_ask else None
    with found_box:
        _questions_step(proposal, kind, long_ask is not None, lang)
    with read_tab:
        upload_read.render(upload, table, lang)
    with rules_tab:
        profile = _rules(proposal, kind, answers.constants, long_questions, lang)
    profile_text, problem = adapter.checked_profile(profile)
    home = dest.name if dest and not dest.new else None
    with profile_tab:
        profile_ui.load_controls(home or ws_name, lang)
        if profile_text:
            profile_ui.save_controls(home, profile, profile_text, lang)
    blockers = ([] if dest else ["ask.workspace_open"]) + answers.open + import_blockers(profile, headers)
    check.render(dest, upload, profile, profile_text, blockers, problem, lang)


def _wide_on() -> bool:
    return bool(st.session_state.get("upload_wide"))


# ----------------------------------------------------------------------------- the proposal

def _proposal(upload: state.Upload, lang: str):
    """The pipeline's proposal for the file as read with the user's overrides; None (said why) when it has none."""
    detected = state.read(upload, {}).decisions if state.overrides() else {}
    options = {k: v for k, v in state.overrides().items()
               if k in READ_KEYS and v is not None and v != detected.get(k)}  # what the user changed
    kind = st.session_state.get("upload_kind") if st.session_state.get(_KIND_CHOSEN) else None
    try:
        return adapter.propose(upload, options, kind, st.session_state.get(_GIVEN),
                               st.session_state.get("upload_kind"))
    except FileRejected as exc:
        upload_read.unreadable(state.Unreadable(str(exc), exc.code), lang)
    return None


def _recognised(proposal, lang: str) -> None:
    """The tool cx recognised (or that it read a plain table), and what it decided, in plain words."""
    if proposal.tool:
        st.success(t("found.tool", lang, tool=proposal.tool_name or proposal.tool))
    else:
        st.info(t("found.no_tool", lang))
    scores = schema.CUSTOMER_METRICS + schema.EMPLOYEE_METRICS + ("comment",)
    answers = [c for c in dict.fromkeys(proposal.columns.values()) if c in scores]
    if answers:
        st.caption(t("found.summary", lang, answers=", ".join(t(f"col.{c}", lang) for c in answers),
                     left=len(proposal.headers) - len(proposal.columns)))
    if proposal.decisions:
        with st.expander(t("found.decided", lang, n=len(proposal.decisions))):
            st.text("\n".join(n.text(lang) for n in proposal.decisions))


def _prefill(proposal) -> str:
    """Pre-set the table, the column dropdowns and the rules from a new proposal (once per proposal)."""
    if st.session_state.get(_PREFILLED) is not proposal:
        st.session_state[_PREFILLED] = proposal
        st.session_state["upload_kind"] = proposal.kind
        for i in range(len(proposal.headers)):
            st.session_state[f"map_{i}"] = proposal.columns.get(i, IGNORE)
        given = proposal.profile.to_dict()
        rules.load_into_editors({k: v for k, v in given.items() if k != "values"}, proposal.headers, proposal.kind)
        rules.base("values", [])
        rules.add_suggested_exclusions(proposal.headers, proposal.sample)
        profile_ui.forget_pending()
    return st.session_state["upload_kind"]


def _kind_chosen() -> None:
    st.session_state[_KIND_CHOSEN] = True


# ----------------------------------------------------------------------------- the questions in the file

def _questions_step(proposal, kind: str, long: bool, lang: str) -> None:
    """The table to load, then each question by its text with the contract column it fills."""
    st.subheader(t("wizard.step.found", lang))
    st.selectbox(t("upload.kind", lang), schema.IMPORTABLE, key="upload_kind", on_change=_kind_chosen,
                 format_func=lambda k: t(f"table.{k}", lang), help=t("upload.kind_help", lang))
    if long:
        _carried(proposal, lang)
        return
    proposed = [i for i in range(len(proposal.headers)) if proposal.columns.get(i)]
    others = [i for i in range(len(proposal.headers)) if i not in proposed]
    _mapping_widgets(proposal, kind, proposed, lang)
    if others:
        with st.expander(t("found.others", lang, n=len(others))):
            _mapping_widgets(proposal, kind, others, lang)
    clashes = duplicate_targets(proposal.headers)
    if clashes:
        st.error(t("map.duplicate", lang, columns=", ".join(clashes)))


def _carried(proposal, lang: str) -> None:
    """A long layout: the columns carried from each person's rows, as cx mapped them (plain text)."""
    st.caption(t("found.carried", lang))
    st.text("\n".join(f"{proposal.headers[i]} → {column_label(c, lang)}" for i, c in sorted(proposal.columns.items())))


def column_label(column: str, lang: str) -> str:
    """A contract column as a dropdown option: its name and what it means."""
    return t("map.ignore", lang) if column == IGNORE else f"{column} · {t(f'col.{column}', lang)}"


def target_columns(kind: str) -> list[str]:
    return [c for c in schema.TABLES[kind].column_names if c != "import_id"]


def _mapping_widgets(proposal, kind: str, indices: list[int], lang: str) -> None:
    """One row per source column: the question as the file asks it (its header code below when they
    differ), example answers, and the contract column it fills."""
    options = [IGNORE] + target_columns(kind)
    wide = set(st.session_state.get("upload_wide_columns") or []) if _wide_on() else set()
    head = st.columns([4, 3, 3])
    for col, key in zip(head, ("map.question", "map.examples", "map.target"), strict=True):
        col.caption(t(key, lang))
    for i in indices:
        header = proposal.headers[i]
        question, examples, target = st.columns([4, 3, 3], vertical_alignment="center")
        text = proposal.questions.get(i, "")
        question.text(f"{text}\n({header})" if text and header and text.strip() != header.strip()
                      else text or header or f"({i + 1})")
        examples.text(_examples([row[i] if i < len(row) else None for row in proposal.sample]))
        if st.session_state.get(f"map_{i}") not in options:
            st.session_state[f"map_{i}"] = IGNORE
        target.selectbox(t("map.label", lang, n=i + 1), options, key=f"map_{i}", label_visibility="collapsed",
                         format_func=lambda c: column_label(c, lang), disabled=header in wide)


def _examples(cells: list, limit: int = 3) -> str:
    values = []
    for value in cells:
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

def _rules(proposal, kind: str, asked: dict, long_questions: dict | None, lang: str) -> dict:
    """Exclusions, value labels, fixed values and the wide layout, then the whole profile.

    The answers to the questions (`asked`) are fixed values too; they win over the table's."""
    headers = [h for h in proposal.headers if h]
    st.caption(t("rules.exclude", lang) + " — " + t("rules.exclude_help", lang))
    exclude = rules.exclude_editor(headers, lang)
    st.caption(t("rules.values", lang) + " — " + t("rules.values_help", lang))
    values = rules.values_editor(kind, lang)
    st.caption(t("rules.constants", lang) + " — " + t("rules.constants_help", lang))
    constants = {**rules.constants_editor(kind, lang), **asked}
    wide = None
    if kind in ("customer_responses", "employee_responses") and long_questions is None:
        st.caption(t("wide.title", lang))
        wide = rules.wide_editor(headers, kind, lang)
    return build_profile(proposal, kind, exclude, values, constants, wide, long_questions)


def build_profile(proposal, kind, exclude, values, constants, wide, long_questions=None) -> dict:
    """The contract's import profile for what the wizard shows now: the proposal's, with the screen's
    table, columns, rules and answers (value labels added to the proposed ones)."""
    profile = {k: v for k, v in proposal.profile.to_dict().items()
               if k not in ("columns", "constants", "exclude", "wide")}
    profile["kind"] = kind
    if st.session_state.get("upload_date_format"):
        profile["date_format"] = st.session_state["upload_date_format"]
    if long_questions is not None and profile.get("long"):
        profile["long"] = {**profile["long"], "questions": long_questions}
    else:
        columns = mapping_of(proposal.headers)
        if wide:
            columns = {h: c for h, c in columns.items() if h not in set(wide["value_columns"])}
        profile["columns"] = columns
    merged = {c: dict(labels) for c, labels in (profile.get("values") or {}).items()} if kind == proposal.kind else {}
    for column, labels in [*values.items(), *check.meanings().items()]:
        merged.setdefault(column, {}).update(labels)
    profile["values"] = merged
    for key, value in (("constants", constants), ("exclude", exclude), ("wide", wide)):
        if value:
            profile[key] = value
    if kind != proposal.kind:  # rules of the proposed table do not fit another one
        for key in ("rescale", "yes_no", "long"):
            profile.pop(key, None)
    return {k: v for k, v in profile.items() if v not in ({}, [], None, ())}


def import_blockers(profile: dict, headers: list[str]) -> list[str]:
    """Catalogue keys of reasons the check cannot run yet."""
    blockers = []
    if duplicate_targets(headers):
        blockers.append("map.duplicate_short")
    if not profile.get("columns") and not profile.get("wide") and not profile.get("long"):
        blockers.append("map.nothing")
    if profile.get("wide") and not profile["wide"]["value_columns"]:
        blockers.append("wide.no_columns")
    chosen = list((profile.get("long") or {}).get("questions", {}).values())
    if len(chosen) != len(set(chosen)):
        blockers.append("ask.long_twice")
    return blockers
