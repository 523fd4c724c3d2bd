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
from cx.readers import FileRejected
from cx.ui import data, notices
from cx.ui import upload_adapter as adapter
from cx.ui import upload_landing as landing
from cx.ui import upload_rules as rules
from cx.ui.downloads import csv_bytes
from cx.ui.upload_destination import Destination
from cx.ui.upload_state import Upload

_CHECK = "_upload_check"
SHOWN_REJECTIONS = 1000
STOP_SHARE = 0.2  # a column rejecting more than this share of the rows stops the import
_LEADING_NUMBER = re.compile(r"^\s*(\d{1,2})\b")


def render(dest: Destination | None, upload: Upload, profile: dict, key: str | None, blockers: list[str],
           problem: str | None, lang: str) -> None:
    """`key` is the profile's JSON (None when it is not valid: `problem` says why)."""
    with st.container(border=True):
        st.subheader(t("check.title", lang))
        notices.draw("check", lang)
        if blockers or key is None or dest is None:
            for blocker in blockers:
                st.info(t(blocker, lang))
            if key is None and problem:
                notices.show("warning", "profile.invalid", lang, problem)
            return
        result = _checked(dest, upload, profile, key, lang)
        if result is None:
            return
        _summary(result, lang)
        stops = column_stops(result)
        accepted = _stops(stops, result, profile, lang)
        earlier = [] if dest.new else earlier_imports(dest.name, upload.sha)
        if earlier:
            first_id, when, rows = earlier[-1]
            st.warning(t("check.duplicate", lang, id=first_id, date=fmt_date(when, lang),
                         rows=fmt_number(rows or 0, lang)))
        if result.rows_loaded == 0:
            st.warning(t("check.nothing_to_load", lang))
            return
        confirmed = not earlier or st.checkbox(t("check.duplicate_confirm", lang), key="upload_confirm_duplicate")
        st.button(import_label(result, lang, dest), key="upload_import", type="primary",
                  disabled=not (confirmed and accepted), icon=":material/upload:", on_click=_request_import)
        if st.session_state.pop("_upload_import_requested", False) and confirmed and accepted:
            _run_import(dest, upload, profile, lang)


def _checked(dest: Destination, upload: Upload, profile: dict, key: str, lang: str):
    """The dry run over the whole file for exactly this profile and destination (remembered); None on failure."""
    signature = (upload.sha, key, dest)
    remembered = st.session_state.get(_CHECK)
    if not remembered or remembered[0] != signature:
        try:
            with st.spinner(t("check.running", lang)):
                outcome = adapter.preview(dest, upload, profile)
        except FileRejected as exc:
            outcome = ("error", notices.rejection_key(exc.code), str(exc))
        except store.WorkspaceBusy as exc:
            outcome = ("error", "error.workspace_busy", str(exc))
        except Exception as exc:  # noqa: BLE001 - the user gets a sentence, never a traceback
            outcome = ("error", "check.failed", str(exc))
        remembered = (signature, outcome)
        st.session_state[_CHECK] = remembered
    outcome = remembered[1]
    if isinstance(outcome, tuple):
        _, sentence, detail = outcome
        notices.show("error", sentence, lang, detail)
        return None
    return outcome


def import_label(result, lang: str, dest: Destination | None = None) -> str:
    """The button's words: how many rows of how many, and why not all (never a bare "Import 2 rows")."""
    loaded, read = result.rows_loaded or 0, result.rows_read or 0
    why = []
    if result.rows_skipped:
        why.append(t("check.why.skipped", lang, n=fmt_number(result.rows_skipped, lang)))
    if result.rows_rejected:
        why.append(t("check.why.rejected", lang, n=fmt_number(result.rows_rejected, lang)))
    where = t("check.into_new", lang, ws=dest.name) if dest is not None and dest.new else ""
    if loaded == read or not why:
        return t("check.import", lang, n=fmt_number(loaded, lang)) + where
    return t("check.import_some", lang, n=fmt_number(loaded, lang), read=fmt_number(read, lang),
             why=", ".join(why)) + where


def _summary(result, lang: str) -> None:
    """Counts, the importer's decisions, and every rejected row with its line and reason."""
    cols = st.columns(4)
    for col, label, value in zip(cols, ("check.read", "check.load", "check.skipped", "check.rejected"),
                                 (result.rows_read, result.rows_loaded, result.rows_skipped, result.rows_rejected),
                                 strict=True):
        col.metric(t(label, lang), fmt_number(value or 0, lang))
    notes = adapter.decision_notes(result)
    if notes:
        st.caption(t("check.decisions", lang))
        st.text("\n".join(notes))
    if result.rejections:
        st.caption(t("check.reasons", lang, n=fmt_number(len(result.rejections), lang)))
        reasons = pd.DataFrame(result.rejections[:SHOWN_REJECTIONS],
                               columns=[t("check.line", lang), t("check.reason", lang)])
        st.dataframe(reasons, hide_index=True, width="stretch", key="upload_reasons",
                     column_config={t("check.line", lang): st.column_config.NumberColumn(width="small")})
        st.download_button(t("check.reasons_download", lang),
                           csv_bytes([t("check.line", lang), t("check.reason", lang)], result.rejections),
                           "cx-rejected-rows.csv", "text/csv", key="upload_reasons_download", on_click="ignore",
                           icon=":material/download:")


# ----------------------------------------------------------------------------- a column that stops the import

def column_stops(result) -> list[adapter.Unreadable]:
    """The columns whose unreadable values would reject more than a fifth of the rows read."""
    read = result.rows_read or 0
    return [u for u in adapter.unreadable(result) if read and u.rows > STOP_SHARE * read]


def _stops(stops: list[adapter.Unreadable], result, profile: dict, lang: str) -> bool:
    """Each stopping column with its values to map; True when the import may go ahead."""
    if not stops:
        return True
    for i, stop in enumerate(stops):
        with st.container(border=True):
            st.warning(t("check.stop", lang, n=fmt_number(stop.rows, lang), read=fmt_number(result.rows_read, lang),
                         column=t(f"col.{stop.column}", lang)))
            if stop.source:
                st.text(stop.source)
            st.caption(t("check.stop_values", lang))
            frame = pd.DataFrame({"value": list(stop.values), "rows": list(stop.values.values()),
                                  "means": [_guess(v) for v in stop.values]})
            st.data_editor(frame, key=f"upload_unreadable_{i}", hide_index=True, width="stretch", column_config={
                "value": st.column_config.TextColumn(t("check.stop_value", lang), disabled=True),
                "rows": st.column_config.NumberColumn(t("check.stop_rows", lang), disabled=True),
                "means": st.column_config.TextColumn(t("check.stop_means", lang), help=t("rules.empty_is_missing",
                                                                                          lang))})
            st.button(t("check.stop_apply", lang), key=f"upload_unreadable_apply_{i}", on_click=_apply_meanings,
                      args=(i, stop.column, profile.get("values") or {}), type="primary")
    return st.checkbox(t("check.stop_accept", lang), key="upload_accept_rejections")


def _guess(text: str) -> str:
    """A label that starts with its number ("10 - Extremely likely") means that number."""
    match = _LEADING_NUMBER.match(text)
    return match.group(1) if match else ""


def _apply_meanings(i: int, column: str, current: dict) -> None:
    """Callback: the meanings typed for one column join the value labels (Details), and the check reruns."""
    edited = st.session_state.get(f"upload_unreadable_{i}") or {}
    stop = next((s for s in adapter.unreadable(st.session_state[_CHECK][1]) if s.column == column), None)
    if stop is None:
        return
    frame = pd.DataFrame({"value": list(stop.values), "means": [_guess(v) for v in stop.values]})
    for row, changes in (edited.get("edited_rows") or {}).items():
        if "means" in changes:
            frame.loc[int(row), "means"] = changes["means"]
    rows = [{"column": c, "text": k, "value": "" if v is None else str(v)}
            for c, labels in current.items() for k, v in labels.items()]
    rows += [{"column": column, "text": v, "value": str(m or "")} for v, m in zip(frame["value"], frame["means"],
                                                                               strict=True)]
    rules.base("values", rows)


# ----------------------------------------------------------------------------- import

def earlier_imports(ws_name: str, sha: str) -> list[tuple]:
    """Loaded imports of exactly these bytes: (import_id, imported_at, rows_loaded)."""
    sql = ("SELECT import_id, imported_at, rows_loaded FROM imports WHERE sha256 = ? AND status = 'loaded' "
           "ORDER BY import_id")
    return data.workspace(ws_name).cursor().execute(sql, [sha]).fetchall()


def _request_import() -> None:
    """Callback: the import runs during this draw, below its button, so the progress bar shows there."""
    st.session_state["_upload_import_requested"] = True


def _run_import(dest: Destination, upload: Upload, profile: dict, lang: str) -> None:
    """The import itself, with a progress bar; then the page that shows the new answers."""
    bar = st.progress(0.0, text=t("check.importing", lang))

    def progress(fraction, *_, **__):
        bar.progress(min(max(float(fraction), 0.0), 1.0), text=t("check.importing", lang))

    allow = bool(st.session_state.get("upload_confirm_duplicate"))
    result = None
    try:
        result = adapter.run_import(dest, upload, profile, allow, progress)
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
    st.session_state.pop(_CHECK, None)
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
