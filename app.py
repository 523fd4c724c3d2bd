"""cx: the router and frame. Pages live in pages/; logic in cx/."""
import streamlit as st

from cx.ui import auth, frame, present_mode, state

st.set_page_config(page_title="cx", layout="wide")
lang = state.render_language_switch()
auth.gate(lang)
present_mode.read_from_url()
page = frame.navigation(lang, top=present_mode.presenting())
present_mode.style()
frame.warn_bad_start_name(lang)
frame.ensure_start_workspace(lang)
frame.sidebar(lang)
present_mode.header(lang)
page.run()
