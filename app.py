"""cx: the router and frame. Pages live in pages/; logic in cx/."""
import streamlit as st

from cx.ui import auth, frame, state

st.set_page_config(page_title="cx", layout="wide")
lang = state.render_language_switch()
auth.gate(lang)
page = frame.navigation(lang)
frame.warn_bad_start_name(lang)
frame.ensure_start_workspace(lang)
frame.sidebar(lang)
page.run()
