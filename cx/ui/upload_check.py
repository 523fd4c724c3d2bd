"""Check, then import: what would load, be left out or be rejected (and why), before any write.

The check runs by itself once every question is answered, over the whole file, and is
remembered with the exact profile and destination it ran on (any change runs it again). A
column whose values would reject more than a fifth of the rows stops the import: its
unreadable values are listed with a place to say what each means, or the user says plainly
that those rows are to be rejected. The import button always says how many rows of how many,
and why the others are not loaded. The same bytes imported before need an explicit
confirmation. After the import the page that shows the new answers opens (upload_landing).
"""
from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from cx import store
from cx.i18n import fmt_date, fmt_number, t
from cx.imports.read import FileRejected
from cx.ui import data, notices, upload_read
from cx.ui import upload_adapter as adapter
from cx.ui import upload_landing as landing
from cx.ui import upload_rules as rules
from cx.ui.downloads import csv_bytes
from cx.ui.upload_destination import Destination
from cx.ui.upload_state import Upload

_MEANINGS = "_upload_meanings"
SHOWN_REJECTIONS = 1000
_LEADING_NUMBER = re.compile(r"^\s*(\d{1,2})\b")


def render(dest: Destination | None, upload: Upload, profile: dict, key: str | None, blockers: list[str],
           problem: str | None, lang: str) -> None:
    """`key` is the profile's JSON (None when it is not valid: `problem` says why)."""
    with st.container(border=True, key="upload_check"):
        st.subheader(t("check.title", lang))
        notices.draw("check", lang)
        if blockers or key is None or dest is None:
            for blocker in blockers:
                st.info(t(blocker, lang))
            if key is None and problem:
                notices.show("warning", "profile.invalid", lang, problem)
            return
        accepted = bool(st.session_state.get("upload_accept_rejections"))
        checked = _checked(dest, upload, profile, accepted, lang)
        if checked is None:
            return
        found, result = checked
        stops = [u for u in found.unreadable if u.blocking]
        if stops:
            _stops(stops, lang)
        if result is None:
            return
        _summary(result, {n.text("en") for n in found.decisions}, lang)
        earlier = [] if dest.new else earlier_imports(dest.name, upload.sha)
        if earlier:
            first_id, when, rows = earlier[-1]
            st.warning(t("check.duplicate", lang, id=first_id, date=fmt_date(when, lang),
                         rows=fmt_number(rows or 0, lang)))
        if result.rows_loaded == 0:
            st.warning(t("check.nothing_to_load", lang))
            return
        confirmed = not earlier or st.checkbox(t("check.duplicate_confirm", lang), key="upload_confirm_duplicate")
        st.button(import_label(result, lang, dest), key="upload_import", type="primary", disabled=not confirmed,
                  icon=":material/upload:", on_click=_request_import)
        if st.session_state.pop("_upload_import_requested", False) and confirmed:
            _run_import(dest, found, accepted, lang)


def _checked(dest: Destination, upload: Upload, profile: dict, accepted: bool, lang: str):
    """(the pipeline's proposal for the profile on screen, its preview or None) over the whole file in
    the destination, remembered; None, with the reason on screen, when the file cannot be loaded so."""
    try:
        with st.spinner(t("check.running", lang)):
            found, result = adapter.check(dest, upload, profile, accepted)
    except FileRejected as exc:
        notices.show("error", notices.rejection_key(exc.code), lang, exc.text(lang) if hasattr(exc, "text")
                     else adapter.said(str(exc), lang))
        return None
    except store.WorkspaceBusy as exc:
        notices.show("error", "error.workspace_busy", lang, str(exc))
        return None
    except Exception as exc:  # noqa: BLE001 - the user gets a sentence, never a traceback
        notices.show("error", "check.failed", lang, str(exc))
        return None
    if found.problem:
        notices.show("error", notices.rejection_key(found.problem_code), lang, adapter.said(found.problem, lang))
        _date_question(found, lang)
        return None
    return found, result


def _date_question(found, lang: str) -> None:
    """Dates that read two ways (is 01/03 the first of March?): the user says which format they are in."""
    ask = next((a for a in found.asks if a.code == "date_format"), None)
    if ask is not None:
        st.selectbox(t("ask.date_format", lang), ask.options, index=None, key="upload_date_format_ask",
                     placeholder=t("ask.pick", lang), format_func=lambda f: upload_read.date_format_label(f, lang),
                     on_change=_date_format_chosen)


def _date_format_chosen() -> None:
    st.session_state["upload_date_format"] = st.session_state.get("upload_date_format_ask") or ""


def import_label(result, lang: str, dest: Destination | None = None) -> str:
    """The button's words: how many rows of how many, and why not all (never a bare "Import 2 rows")."""
    loaded, read = result.rows_loaded or 0, result.rows_read or 0
    why = []
    overlap = len(getattr(result, "overlap", None) or [])
    if result.rows_skipped - overlap:
        why.append(t("check.why.skipped", lang, n=fmt_number(result.rows_skipped - overlap, lang)))
    if overlap:
        why.append(t("check.why.overlap", lang, n=fmt_number(overlap, lang)))
    if result.rows_rejected:
        why.append(t("check.why.rejected", lang, n=fmt_number(result.rows_rejected, lang)))
    where = t("check.into_new", lang, ws=dest.name) if dest is not None and dest.new else ""
    if loaded == read or not why:
        return t("check.import", lang, n=fmt_number(loaded, lang)) + where
    return t("check.import_some", lang, n=fmt_number(loaded, lang), read=fmt_number(read, lang),
             why=", ".join(why)) + where


def _summary(result, said: set[str], lang: str) -> None:
    """Counts, what the check decided besides what the proposal `said`, and every rejected row with its
    line and reason."""
    cols = st.columns(4)
    for col, label, value in zip(cols, ("check.read", "check.load", "check.skipped", "check.rejected"),
                                 (result.rows_read, result.rows_loaded, result.rows_skipped, result.rows_rejected),
                                 strict=True):
        col.metric(t(label, lang), fmt_number(value or 0, lang))
    notes = adapter.decision_notes(result, lang, said)
    if notes:
        st.caption(t("check.decisions", lang))
        st.text("\n".join(notes))
    overlap = getattr(result, "overlap", None) or []
    if overlap:
        st.info(t("check.overlap", lang, n=fmt_number(len(overlap), lang)))
        st.dataframe(pd.DataFrame([(r.line, adapter.said(r.reason, lang)) for r in overlap[:SHOWN_REJECTIONS]],
                                  columns=[t("check.line", lang), t("check.reason", lang)]),
                     hide_index=True, width="stretch", key="upload_overlap")
    if result.rejections:
        st.caption(t("check.reasons", lang, n=fmt_number(len(result.rejections), lang)))
        rejected = [(r.line, adapter.said(r.reason, lang)) for r in result.rejections]
        reasons = pd.DataFrame(rejected[:SHOWN_REJECTIONS], columns=[t("check.line", lang), t("check.reason", lang)])
        st.dataframe(reasons, hide_index=True, width="stretch", key="upload_reasons",
                     column_config={t("check.line", lang): st.column_config.NumberColumn(width="small")})
        st.download_button(t("check.reasons_download", lang),
                           csv_bytes([t("check.line", lang), t("check.reason", lang)], rejected),
                           "cx-rejected-rows.csv", "text/csv", key="upload_reasons_download", on_click="ignore",
                           icon=":material/download:")


# ----------------------------------------------------------------------------- a column that stops the import

def _stops(stops: list[adapter.Unreadable], lang: str) -> None:
    """Each column whose unreadable values would reject more than a fifth of the rows, with its values
    to map; the user may instead reject those rows (the checkbox the check reads)."""
    for i, stop in enumerate(stops):
        with st.container(border=True):
            st.warning(t("check.stop", lang, n=fmt_number(stop.rows, lang), read=fmt_number(stop.of, lang),
                         column=t(f"col.{stop.column}", lang)))
            st.text(stop.header)
            st.caption(t("check.stop_values", lang))
            frame = pd.DataFrame({"value": [v for v, _ in stop.values], "rows": [n for _, n in stop.values],
                                  "means": [_guess(v) for v, _ in stop.values]})
            st.data_editor(frame, key=f"upload_unreadable_{i}", hide_index=True, width="stretch", column_config={
                "value": st.column_config.TextColumn(t("check.stop_value", lang), disabled=True),
                "rows": st.column_config.NumberColumn(t("check.stop_rows", lang), disabled=True),
                "means": st.column_config.TextColumn(t("check.stop_means", lang),
                                                     help=t("rules.empty_is_missing", lang))})
            st.button(t("check.stop_apply", lang), key=f"upload_unreadable_apply_{i}", on_click=_apply_meanings,
                      args=(i, stop.column, frame), type="primary")
    st.checkbox(t("check.stop_accept", lang), key="upload_accept_rejections")


def _guess(text: str) -> str:
    """A label that starts with its number ("10 - Extremely likely") means that number."""
    match = _LEADING_NUMBER.match(text)
    return match.group(1) if match else ""


def meanings() -> dict[str, dict[str, object]]:
    """What the user said the unreadable values mean: {column: {text: value or None}}, for the profile's `values`."""
    return st.session_state.setdefault(_MEANINGS, {})


def _apply_meanings(i: int, column: str, frame: pd.DataFrame) -> None:
    """Callback: the meanings typed for one column join the profile's value labels; the check reruns."""
    edited = st.session_state.get(f"upload_unreadable_{i}") or {}
    frame = frame.copy()
    for row, changes in (edited.get("edited_rows") or {}).items():
        if "means" in changes:
            frame.loc[int(row), "means"] = changes["means"]
    labels = meanings().setdefault(column, {})
    for text, means in zip(frame["value"], frame["means"], strict=True):
        labels[str(text)] = rules.typed(means)


# ----------------------------------------------------------------------------- import

def earlier_imports(ws_name: str, sha: str) -> list[tuple]:
    """Loaded imports of exactly these bytes: (import_id, imported_at, rows_loaded)."""
    sql = ("SELECT import_id, imported_at, rows_loaded FROM imports WHERE sha256 = ? AND status = 'loaded' "
           "ORDER BY import_id")
    return data.workspace(ws_name).cursor().execute(sql, [sha]).fetchall()


def _request_import() -> None:
    """Callback: the import runs during this draw, below its button, so the progress bar shows there."""
    st.session_state["_upload_import_requested"] = True


def _run_import(dest: Destination, checked, accepted: bool, lang: str) -> None:
    """The import itself, with a progress bar; then the page that shows the new answers."""
    bar = st.progress(0.0, text=t("check.importing", lang))

    def progress(fraction, *_, **__):
        bar.progress(min(max(float(fraction), 0.0), 1.0), text=t("check.importing", lang))

    allow = bool(st.session_state.get("upload_confirm_duplicate"))
    result = None
    try:
        result = adapter.run_import(dest, checked, accepted, allow, progress)
    except FileRejected as exc:
        notices.flash("check", "error", notices.rejection_key(exc.code), str(exc))
    except store.WorkspaceBusy as exc:
        notices.flash("check", "error", "error.workspace_busy", str(exc))
    except store.WorkspaceError as exc:  # deleted meanwhile, a full disk, not allowed: one sentence
        from cx.team.access import sentence

        notices.flash("check", "error", "check.import_failed", sentence(exc, lang))
    except Exception as exc:  # noqa: BLE001 - the user gets a sentence, never a traceback
        notices.flash("check", "error", "check.import_failed", str(exc))
    else:
        _report(result, lang)
    st.session_state.pop("upload_confirm_duplicate", None)
    if result is not None and result.status == "loaded":
        landing.go(dest.name, landing.landing_of(dest.name, result.kind, result.import_id))
    st.rerun()


def _report(result, lang: str) -> None:
    if result.status == "loaded":
        counts = {k: fmt_number(getattr(result, f"rows_{k}") or 0, lang) for k in ("loaded", "skipped", "rejected")}
        notices.flash("check", "success", "check.imported", None, id=result.import_id, **counts)
    else:
        notices.flash("check", "error", "check.import_rejected", result.message)
