"""What no file says, asked first and plainly: relationship or transaction, which touchpoint, which
unit or channel when one applies to the whole file.

Survey exports are about one touchpoint (or the relationship) without saying so, and rarely
name the unit; these answers become the profile's `constants` (the command line's `--set`).
A question is asked only when the file has no column for it. Touchpoints are picked from the
destination workspace's journey map, or a new one is named and placed on a stage.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from cx import landing, schema, store
from cx.i18n import t
from cx.ui import data
from cx.ui.upload_destination import Destination

NEW = "+new"
NOT_ONE = ""  # "no single unit / channel": the question's default answer


@dataclass
class Answers:
    """The answers as profile constants, and the questions still open (catalogue keys)."""

    constants: dict[str, str] = field(default_factory=dict)
    open: list[str] = field(default_factory=list)


def render(dest: Destination, kind: str, mapped: set[str], wide: bool, lang: str) -> Answers:
    """The questions for a file of table `kind` whose columns already give `mapped` contract columns."""
    answers = Answers()
    if kind == "customer_responses":
        level = None if "level" in mapped else _level(lang)
        if level != "relationship" and "touchpoint" not in mapped and not wide:
            _touchpoint(dest, answers, lang)
        if level is not None:
            answers.constants["level"] = level
        for dim in ("unit", "channel"):
            if dim not in mapped:
                _one_for_all(dest, dim, answers, lang, required=False)
    elif kind == "employee_responses" and "unit" not in mapped:
        _one_for_all(dest, "unit", answers, lang, required=True)
    return answers


def _level(lang: str) -> str:
    return st.radio(t("ask.level", lang), ("transaction", "relationship"), key="upload_level", horizontal=True,
                    format_func=lambda v: t(f"ask.level.{v}", lang), help=t("ask.level_help", lang))


def _cursor(dest: Destination):
    return None if dest.new or not store.exists(dest.name) else data.workspace(dest.name).cursor()


def _touchpoint(dest: Destination, answers: Answers, lang: str) -> None:
    """An existing touchpoint of the journey map, or a new one on a stage."""
    cur = _cursor(dest)
    known = landing.journey_touchpoints(cur) if cur is not None else []
    stage_of = dict(known)
    left, right = st.columns(2)
    picked = NEW
    if known:
        options = [tp for tp, _ in known] + [NEW]
        picked = left.selectbox(t("ask.touchpoint", lang), options, index=None, key="upload_touchpoint",
                                placeholder=t("ask.touchpoint.pick", lang),
                                format_func=lambda v: _touchpoint_label(dest, v, stage_of, lang))
        if picked is None:
            answers.open.append("ask.touchpoint_open")
            return
        if picked != NEW:
            answers.constants["touchpoint"] = picked
            return
        left, right = st.columns(2)
    name = left.text_input(t("ask.touchpoint_name", lang), key="upload_touchpoint_name", max_chars=80,
                           placeholder=t("ask.touchpoint_name.example", lang),
                           help=t("ask.touchpoint_help", lang)).strip()
    stages = landing.stages_of(cur) if cur is not None else list(landing.DEFAULT_STAGES)
    stage = right.selectbox(t("ask.stage", lang), stages, index=None, key="upload_stage",
                            placeholder=t("ask.stage.pick", lang),
                            format_func=lambda s: _label(dest, "stage", s, lang), help=t("ask.stage_help", lang))
    if not name:
        answers.open.append("ask.touchpoint_open")
    elif name in stage_of:  # typed a name the map already has: it keeps its stage
        answers.constants["touchpoint"] = name
    elif stage is None:
        answers.open.append("ask.stage_open")
    else:
        answers.constants.update(touchpoint=name, stage=stage)


def _one_for_all(dest: Destination, dim: str, answers: Answers, lang: str, required: bool) -> None:
    """A unit or channel for every row: one the workspace knows, another typed here, or (optional) none."""
    known = []
    if not dest.new and store.exists(dest.name):
        tables = ("customer_responses", "employee_responses") if dim == "unit" else ("customer_responses",)
        known = sorted({v for table in tables for v in data.choices(dest.name, table, dim) if v})
    options = ([] if required else [NOT_ONE]) + known + [NEW]
    left, right = st.columns(2)
    picked = left.selectbox(t(f"ask.{dim}", lang), options, key=f"upload_{dim}", index=None if required else 0,
                            placeholder=t("ask.pick", lang), help=t(f"ask.{dim}_help", lang),
                            format_func=lambda v: _choice_label(dest, dim, v, lang))
    if picked == NEW:
        picked = right.text_input(t(f"ask.{dim}_name", lang), key=f"upload_{dim}_name", max_chars=80).strip() or None
    if picked:
        answers.constants[dim] = picked
    elif required:
        answers.open.append(f"ask.{dim}_open")


def _label(dest: Destination, kind: str, value: str, lang: str) -> str:
    """A stored name as the workspace shows it in `lang`; the default journey's stages in either language."""
    shown = value if dest.new else data.display_label(dest.name, kind, value, lang)
    if kind == "stage" and shown == value and value in landing.DEFAULT_STAGES:
        return t(f"stage.default.{value}", lang)
    return shown


def _touchpoint_label(dest: Destination, value: str, stage_of: dict, lang: str) -> str:
    if value == NEW:
        return t("ask.touchpoint.new", lang)
    stage = stage_of.get(value)
    name = _label(dest, "touchpoint", value, lang)
    return f"{name} · {_label(dest, 'stage', stage, lang)}" if stage else f"{name} · {t('journey.no_stage', lang)}"


def _choice_label(dest: Destination, dim: str, value: str, lang: str) -> str:
    if value == NEW:
        return t(f"ask.{dim}.new", lang)
    if value == NOT_ONE:
        return t(f"ask.{dim}.none", lang)
    return _label(dest, dim, value, lang)


def long_questions(ask, kind: str, new: list[str], lang: str) -> dict[str, str]:
    """One row per person and question (Peakon-style): which question is eNPS, which are the items.

    Pre-set to what cx proposes; a question left on "leave out" is not counted (next month's new
    question, `new`, is reported, never taken for eNPS). Question texts are file text: shown plainly."""
    st.caption(t("ask.long", lang))
    if new:
        st.warning(t("ask.long_new", lang, n=len(new)))
        st.text("\n".join(new))
    metrics = schema.EMPLOYEE_METRICS if kind == "employee_responses" else schema.CUSTOMER_METRICS
    proposed = ask.proposed or {}
    chosen = {}
    for i, question in enumerate(ask.options):
        key = f"upload_long_{i}"
        if st.session_state.get(key) not in ("",) + metrics:
            st.session_state[key] = proposed.get(question, "") if proposed.get(question) in metrics else ""
        text, pick = st.columns([3, 2], vertical_alignment="center")
        text.text(question)
        value = pick.selectbox(t("map.label", lang, n=i + 1), ("",) + metrics, key=key, label_visibility="collapsed",
                               format_func=lambda m: f"{m} · {t(f'col.{m}', lang)}" if m else t("ask.long.none", lang))
        if value:
            chosen[question] = value
    if "enps" in metrics and "enps" not in chosen.values():
        st.warning(t("ask.long_no_enps", lang))
    return chosen
