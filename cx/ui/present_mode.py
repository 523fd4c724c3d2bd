"""The room view: page layout for a projector, and presentation mode (`?present=1`).

Applies to every page from the frame, with no per-page code:
- always: less blank space above the title (Streamlit leaves about 120 px);
- presenting: no sidebar (pages move along the top), larger type, sections that snap
  to the top of the screen one at a time, and the filters stated in one line at the top,
  because with the sidebar gone the room must still see what the figures are of.

The CSS is a constant of this module: no data ever reaches it.
"""
from __future__ import annotations

import streamlit as st

from cx.i18n import fmt_date, t
from cx.pack import content
from cx.ui import data, state

KEY = "present"
SCALE = 1.25  # type in presentation mode, relative to the page's

_ROOM_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.2rem; }
[data-testid="stHeader"] { height: 2.2rem; }
[data-testid="stCaptionContainer"] { color: #4b5563; }
</style>
"""
_PRESENT_CSS = """
<style>
html { font-size: 125%; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"] { display: none; }
[data-testid="stMainBlockContainer"] { padding-top: 4.2rem; max-width: 100%; scroll-snap-align: start; }
[data-testid="stMain"] { scroll-snap-type: y proximity; }
[data-testid="stHeading"]:has(h2), [data-testid="stHeading"]:has(h3) { scroll-snap-align: start; scroll-margin-top: 4rem; }
[data-testid="stCaptionContainer"] { color: #4b5563; }
</style>
"""


def presenting() -> bool:
    """Whether the view is in presentation mode (kept in the URL as present=1 across pages)."""
    return st.session_state.get(KEY) == "1"


def type_scale() -> float:
    return SCALE if presenting() else 1.0


def read_from_url() -> None:
    """Take `present` from a cold URL; keep it in the URL while it is on."""
    state.prepare(KEY, ("0", "1"), "0", lang="*")
    state.remember(KEY, "0")


def _toggle_off() -> None:
    state.set_view(KEY, "0")


def _toggle_on() -> None:
    state.set_view(KEY, "1")


def render_switch(lang: str) -> None:
    """The sidebar button into presentation mode."""
    st.sidebar.button(t("present.start", lang), key="present_start", on_click=_toggle_on, icon=":material/slideshow:")


def style() -> None:
    st.markdown(_PRESENT_CSS if presenting() else _ROOM_CSS, unsafe_allow_html=True)


def filter_line(lang: str) -> str:
    """The view in one line: workspace, period with its dates, and every narrowed dimension (as on the slides)."""
    filters = state.current_filters()
    namer = content.namer(data.workspace(filters.workspace).settings())
    return " · ".join([f"{t('filters.workspace', lang)}: {filters.workspace}",
                       f"{state.period_name(st.session_state.get('period') or 'last_3m', lang)} "
                       f"({fmt_date(filters.start, lang)} – {fmt_date(filters.end, lang)})",
                       content.filter_text(filters, namer, lang)])


def header(lang: str) -> None:
    """In presentation mode: the filters in a line, and the way out."""
    if not presenting():
        return
    left, right = st.columns([6, 1])
    left.caption(filter_line(lang))
    right.button(t("present.stop", lang), key="present_stop", on_click=_toggle_off, icon=":material/close:")
