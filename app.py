"""cx: the router and frame. Pages live in pages/; logic in cx/."""
import streamlit as st

from cx.ui import auth, frame, present_mode, state, upload_landing

st.set_page_config(page_title="cx", layout="wide")
upload_landing.leave()  # after an upload: to the page that shows it, before anything is drawn
lang = state.render_language_switch()
auth.gate(lang)
present_mode.read_from_url()
page = frame.navigation(lang, top=present_mode.presenting())
present_mode.style()
frame.warn_bad_start_name(lang)
frame.ensure_start_workspace(lang)
upload_landing.arrive(page.url_path)  # after an upload: its view, before the sidebar draws the filters
frame.sidebar(lang)
present_mode.header(lang)
upload_landing.draw(lang)
page.run()
