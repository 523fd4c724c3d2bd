"""Data page administration: import history with undo, workspaces, settings, templates, exports.

Every action runs in a widget callback, so it is finished before the page is drawn and the
sidebar's workspace picker can be pointed at a workspace that still exists. Anything that
removes data asks twice.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from cx import store
from cx.confidentiality import setting
from cx.i18n import fmt_number, t
from cx.sql import ident
from cx.team import access, actions
from cx.ui import auth, data, notices
from cx.ui.downloads import export_download, template_downloads

HISTORY_COLUMNS = ("import_id", "kind", "file_name", "rows_read", "rows_loaded", "rows_rejected",
                   "rows_skipped", "status", "imported_at")
SETTING_LIMITS = {"min_n": (1, 10_000), setting.KEY: (setting.lowest("app"), setting.HIGHEST)}


def _refused(area: str, exc: store.WorkspaceError) -> None:
    """Leave a refusal from cx (a workspace or access problem) for `area`, its sentence as plain text."""
    notices.flash(area, "error", "ws.failed", access.sentence(exc, st.session_state.get("lang") or "en"))


# ----------------------------------------------------------------------------- import history

def import_history(ws: store.Workspace) -> pd.DataFrame:
    """Every import attempt, newest first, straight from the `imports` table."""
    sql = "SELECT " + ", ".join(ident(c) for c in HISTORY_COLUMNS) + " FROM imports ORDER BY import_id DESC"
    return ws.cursor().execute(sql).df()


def _history_table(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The history as text cells with translated headers (file names stay plain cells)."""
    def count(v) -> str:
        return "–" if pd.isna(v) else fmt_number(int(v), lang)

    return pd.DataFrame({
        t("history.id", lang): [f"#{i}" for i in history["import_id"]],
        t("history.when", lang): [w.strftime("%Y-%m-%d %H:%M") if not pd.isna(w) else "–"
                                  for w in history["imported_at"]],
        t("history.table", lang): [t(f"table.{k}", lang) for k in history["kind"]],
        t("history.file", lang): [str(f) for f in history["file_name"]],
        t("history.read", lang): [count(v) for v in history["rows_read"]],
        t("history.loaded", lang): [count(v) for v in history["rows_loaded"]],
        t("history.skipped", lang): [count(v) for v in history["rows_skipped"]],
        t("history.rejected", lang): [count(v) for v in history["rows_rejected"]],
        t("history.status", lang): [t(f"history.status.{s}", lang) for s in history["status"]],
    })


def render_history(ws_name: str, lang: str) -> None:
    """The imports of this workspace, and undo with a confirmation step."""
    st.subheader(t("history.title", lang))
    notices.draw("history", lang)
    history = import_history(data.workspace(ws_name))
    if history.empty:
        st.info(t("history.empty", lang))
        return
    st.dataframe(_history_table(history, lang), hide_index=True, width="stretch", key="history_table")
    loaded = history[history["status"] == "loaded"]
    if loaded.empty or not auth.can(ws_name, "undo"):
        return
    labels = {int(r.import_id): t("history.undo_option", lang, id=int(r.import_id),
                                  table=t(f"table.{r.kind}", lang), rows=fmt_number(int(r.rows_loaded or 0), lang))
              for r in loaded.itertuples()}
    pending = st.session_state.get("history_undo_pending")
    newest = max(labels)
    if st.session_state.get("_history_newest") != newest or st.session_state.get("history_undo_id") not in labels:
        st.session_state["_history_newest"] = newest
        st.session_state["history_undo_id"] = newest
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.selectbox(t("history.undo_pick", lang), list(labels), key="history_undo_id",
                   format_func=lambda i: labels.get(i, f"#{i}"))
    right.button(t("history.undo", lang), key="history_undo", on_click=_ask_undo, width="stretch")
    if pending in labels:
        with st.container(border=True):
            st.warning(t("history.undo_confirm", lang, id=pending,
                         rows=fmt_number(int(loaded.set_index("import_id").at[pending, "rows_loaded"] or 0), lang)))
            yes, no = st.columns(2)
            yes.button(t("history.undo_yes", lang), key="history_undo_confirm", type="primary",
                       on_click=_undo, args=(ws_name, pending), width="stretch")
            no.button(t("common.cancel", lang), key="history_undo_cancel", on_click=_cancel_undo, width="stretch")


def _ask_undo() -> None:
    st.session_state["history_undo_pending"] = st.session_state.get("history_undo_id")


def _cancel_undo() -> None:
    st.session_state.pop("history_undo_pending", None)


def _undo(ws_name: str, import_id: int) -> None:
    _cancel_undo()
    try:
        removed = actions.undo(data.workspace(ws_name), auth.actor(), import_id)
    except store.WorkspaceError as exc:
        _refused("history", exc)
        return
    except Exception as exc:  # noqa: BLE001 - the user gets a sentence, never a traceback
        notices.flash("history", "error", "history.undo_failed", str(exc), id=import_id)
        return
    notices.flash("history", "success", "history.undone_rows", id=import_id, rows=removed)


# ----------------------------------------------------------------------------- workspaces

def _name_problem(name: str) -> str | None:
    """The catalogue key of what is wrong with a new workspace name, or None."""
    try:
        store.check_name(name)
    except store.WorkspaceError:
        return "ws.bad_name"
    return "ws.exists" if store.exists(name) else None


def render_workspaces(ws_name: str, lang: str) -> None:
    """Create a workspace; rename or delete the one chosen in the sidebar."""
    st.subheader(t("ws.title", lang))
    notices.draw("workspaces", lang)
    user = auth.current_user()
    may_create = user is not None and access.may_create(user, auth.rules())
    may_admin = store.exists(ws_name) and auth.can(ws_name, "rename")
    if not (may_create or may_admin):
        return
    create, rename = st.columns(2, border=True)
    if may_create:
        with create:
            st.text_input(t("ws.new_name", lang), key="ws_new_name", max_chars=40, help=t("ws.name_rule", lang))
            st.button(t("ws.create", lang), key="ws_create", on_click=_create)
    if not may_admin:
        return
    with rename:
        st.markdown(t("ws.current", lang, name=ws_name))
        st.text_input(t("ws.rename_to", lang), key="ws_rename_to", max_chars=40, help=t("ws.name_rule", lang))
        st.button(t("ws.rename", lang), key="ws_rename", on_click=_rename, args=(ws_name,))
    with st.container(border=True):
        st.markdown(t("ws.delete_intro", lang, name=ws_name))
        if st.session_state.get("ws_delete_pending") != ws_name:
            st.button(t("ws.delete", lang), key="ws_delete", on_click=_ask_delete, args=(ws_name,))
            return
        st.warning(t("ws.delete_confirm", lang, name=ws_name))
        yes, no = st.columns(2)
        yes.button(t("ws.delete_yes", lang), key="ws_delete_confirm", type="primary", on_click=_delete,
                   args=(ws_name,), width="stretch")
        no.button(t("common.cancel", lang), key="ws_delete_cancel", on_click=_ask_delete, args=(None,),
                  width="stretch")


def _create() -> None:
    name = (st.session_state.get("ws_new_name") or "").strip()
    problem = _name_problem(name)
    if problem:
        notices.flash("workspaces", "error", problem)
        return
    try:
        actions.create(auth.actor(), name)
    except store.WorkspaceError as exc:
        _refused("workspaces", exc)
        return
    st.session_state["ws_new_name"] = ""
    st.session_state["ws"] = name
    notices.flash("workspaces", "success", "ws.created", name=name)


def _rename(old: str) -> None:
    new = (st.session_state.get("ws_rename_to") or "").strip()
    problem = _name_problem(new)
    if problem:
        notices.flash("workspaces", "error", problem)
        return
    try:
        actions.rename(auth.actor(), old, new)
    except store.WorkspaceError as exc:
        _refused("workspaces", exc)
        return
    data.forget_workspace()
    st.session_state["ws_rename_to"] = ""
    st.session_state["ws"] = new
    notices.flash("workspaces", "success", "ws.renamed", old=old, new=new)


def _ask_delete(name: str | None) -> None:
    st.session_state["ws_delete_pending"] = name


def _delete(name: str) -> None:
    st.session_state.pop("ws_delete_pending", None)
    try:
        actions.delete(auth.actor(), name)
    except store.WorkspaceError as exc:
        _refused("workspaces", exc)
        return
    data.forget_workspace()
    remaining = auth.visible_workspaces()
    if remaining:
        st.session_state["ws"] = remaining[0]
    else:
        st.session_state.pop("ws", None)
    notices.flash("workspaces", "success", "ws.deleted", name=name)


# ----------------------------------------------------------------------------- settings

def render_settings(ws_name: str, lang: str) -> None:
    """The minimums every figure of this workspace obeys."""
    if not store.exists(ws_name) or not auth.can(ws_name, "settings"):
        return
    st.subheader(t("settings.title", lang))
    notices.draw("settings", lang)
    current = data.workspace(ws_name).settings()
    if st.session_state.get("_settings_for") != ws_name:
        st.session_state["_settings_for"] = ws_name
        for key, (low, high) in SETTING_LIMITS.items():
            st.session_state[f"settings_{key}"] = min(max(int(current[key]), low), high)
    left, right = st.columns(2)
    for column, key in zip((left, right), SETTING_LIMITS, strict=True):
        low, high = SETTING_LIMITS[key]
        column.number_input(t(f"settings.{key}", lang), min_value=low, max_value=high, step=1,
                            key=f"settings_{key}", help=t(f"settings.{key}.help", lang))
    if int(current[setting.KEY]) < setting.APP_FLOOR:  # set lower on the command line: the app only raises it
        right.caption(t("conf.setting.cli_value", lang, value=int(current[setting.KEY])))
    st.button(t("settings.save", lang), key="settings_save", on_click=_save_settings, args=(ws_name,))


def _save_settings(ws_name: str) -> None:
    """Store what changed; the confidentiality minimum only from APP_FLOOR up (checked here, not
    only by the widget, so no crafted session can lower it)."""
    ws = data.workspace(ws_name)
    try:
        actions.change_settings(ws, auth.actor(), {key: int(st.session_state[f"settings_{key}"])
                                                   for key in SETTING_LIMITS}, via="app")
    except store.WorkspaceError as exc:
        _refused("settings", exc)
        return
    notices.flash("settings", "success", "settings.saved")


# ----------------------------------------------------------------------------- downloads

def render_downloads(ws_name: str, lang: str) -> None:
    """Empty templates for each table, and everything in the workspace as XLSX, CSV or Parquet."""
    st.subheader(t("templates.title", lang))
    st.caption(t("templates.intro", lang))
    template_downloads(lang)
    if store.exists(ws_name):
        st.subheader(t("export.title", lang))
        export_download(ws_name, lang)
