"""Check, then import: what would load, be skipped or be rejected (and why), before any write.

The check is remembered with the exact profile it ran on; change anything and the wizard
asks for a new check before it lets the import run. The same bytes imported before need
an explicit confirmation. Failures become one translated sentence plus the importer's own
words as plain text.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from cx import store
from cx.i18n import fmt_date, fmt_number, t
from cx.readers import FileRejected
from cx.ui import data, notices
from cx.ui import upload_adapter as adapter
from cx.ui.downloads import csv_bytes
from cx.ui.upload_state import Upload

_CHECK = "_upload_check"
SHOWN_REJECTIONS = 1000


def render(ws_name: str, upload: Upload, profile: dict, key: str | None, blockers: list[str], problem: str | None,
           lang: str) -> None:
    """`key` is the profile's JSON (None when it is not valid: `problem` says why)."""
    with st.container(border=True):
        st.subheader(t("check.title", lang))
        if blockers or key is None:
            for blocker in blockers:
                st.warning(t(blocker, lang))
            if not blockers:
                notices.show("warning", "profile.invalid", lang, problem)
            return
        st.button(t("check.run", lang), key="upload_validate", on_click=_run_check,
                  args=(ws_name, upload, profile, key), type="secondary", icon=":material/fact_check:")
        notices.draw("check", lang)
        checked = st.session_state.get(_CHECK)
        if not checked or checked[0] != (upload.sha, key):
            if checked:
                st.info(t("check.stale", lang))
            return
        result = checked[1]
        _summary(result, lang)
        earlier = earlier_imports(ws_name, upload.sha)
        if earlier:
            first_id, when, rows = earlier[-1]
            st.warning(t("check.duplicate", lang, id=first_id, date=fmt_date(when, lang),
                         rows=fmt_number(rows or 0, lang)))
        if result.rows_loaded == 0:
            st.warning(t("check.nothing_to_load", lang))
            return
        confirmed = not earlier or st.checkbox(t("check.duplicate_confirm", lang), key="upload_confirm_duplicate")
        st.button(t("check.import", lang, n=fmt_number(result.rows_loaded, lang)), key="upload_import",
                  type="primary", disabled=not confirmed, icon=":material/upload:", on_click=_request_import)
        if st.session_state.pop("_upload_import_requested", False) and confirmed:
            _run_import(ws_name, upload, profile, lang)


def _run_check(ws_name: str, upload: Upload, profile: dict, key: str) -> None:
    """Callback: the importer's dry run over the whole file, remembered with its profile."""
    st.session_state.pop(_CHECK, None)
    try:
        result = adapter.preview(data.workspace(ws_name), upload, profile)
    except FileRejected as exc:
        notices.flash("check", "error", notices.rejection_key(exc.code), str(exc))
    except store.WorkspaceBusy as exc:
        notices.flash("check", "error", "error.workspace_busy", str(exc))
    except Exception as exc:  # noqa: BLE001 - the user gets a sentence, never a traceback
        notices.flash("check", "error", "check.failed", str(exc))
    else:
        st.session_state[_CHECK] = ((upload.sha, key), result)


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


def earlier_imports(ws_name: str, sha: str) -> list[tuple]:
    """Loaded imports of exactly these bytes: (import_id, imported_at, rows_loaded)."""
    sql = ("SELECT import_id, imported_at, rows_loaded FROM imports WHERE sha256 = ? AND status = 'loaded' "
           "ORDER BY import_id")
    return data.workspace(ws_name).cursor().execute(sql, [sha]).fetchall()


def _request_import() -> None:
    """Callback: the import runs during this draw, below its button, so the progress bar shows there."""
    st.session_state["_upload_import_requested"] = True


def _run_import(ws_name: str, upload: Upload, profile: dict, lang: str) -> None:
    """The import itself, with a progress bar; the outcome is shown after a fresh draw."""
    bar = st.progress(0.0, text=t("check.importing", lang))

    def progress(fraction, *_, **__):
        bar.progress(min(max(float(fraction), 0.0), 1.0), text=t("check.importing", lang))

    allow = bool(st.session_state.get("upload_confirm_duplicate"))
    try:
        result = adapter.run_import(data.workspace(ws_name), upload, profile, allow, progress)
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
    st.rerun()


def _report(result, lang: str) -> None:
    if result.status == "loaded":
        counts = {k: fmt_number(getattr(result, f"rows_{k}") or 0, lang) for k in ("loaded", "skipped", "rejected")}
        notices.flash("check", "success", "check.imported", None, id=result.import_id, **counts)
        st.toast(t("check.imported_short", lang, id=result.import_id, loaded=counts["loaded"]), icon=":material/check:")
    else:
        notices.flash("check", "error", "check.import_rejected", result.message)
