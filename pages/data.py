"""Data and imports: upload wizard, import history with undo, workspaces and settings, downloads."""
import streamlit as st

from cx import store
from cx.i18n import t
from cx.ui import admin, auth, state, team_admin, upload

lang = state.language()
ws_name = st.session_state.get("ws") or state.default_workspace()
st.title(t("page.data", lang))

if not store.exists(ws_name):
    st.info(t("data.no_workspace", lang))
    admin.render_workspaces(ws_name, lang)
    st.stop()

st.caption(t("data.intro", lang, name=ws_name))
tabs = ["upload", "history", "workspaces", "downloads"] + (["audit"] if auth.can(ws_name, "audit") else [])
tab_upload, tab_history, tab_workspaces, tab_downloads, *tab_audit = st.tabs(
    [t(f"data.tab.{k}", lang) for k in tabs])
with tab_upload:  # into any workspace the user may import into, or a new one (never the demo by default)
    upload.render(ws_name, lang)
with tab_history:
    admin.render_history(ws_name, lang)
with tab_workspaces:
    admin.render_workspaces(ws_name, lang)
    team_admin.render_access(ws_name, lang)
    st.divider()
    admin.render_settings(ws_name, lang)
with tab_downloads:
    admin.render_downloads(ws_name, lang)
for tab in tab_audit:
    with tab:
        team_admin.render_audit(ws_name, lang)
