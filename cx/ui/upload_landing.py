"""After an upload: open the page that shows the new answers, filtered to them, and say what a newcomer must know.

The import runs while the Data page is drawn, when the sidebar's filters are already on screen
and cannot be changed any more in that run. So the wizard leaves the landing in session_state
and switches page; on the next run `arrive` (called by app.py before the sidebar is drawn) puts
the view into the filters (workspace, period and dates, touchpoint, unit; the other filters
cleared so nothing hides the new answers), and `draw` tells the user, above the page, what was
loaded, when every figure there is below the minimum (and where that setting is), and offers
the journey-map template when the touchpoints are on no stage.
"""
from __future__ import annotations

import streamlit as st

from cx import landing as landing_
from cx.i18n import fmt_date, fmt_number, t
from cx.site import site_root
from cx.ui import data, state

_LANDING = "_upload_landing"   # (workspace, Landing, file name) waiting to be applied / shown
_APPLIED = "_upload_landed"
_SWITCHED = "_upload_switched"    # the same, once applied: shown while its page is open
PAGE_FILES = {"journey": "pages/journey.py", "linkage": "pages/linkage.py"}


def landing_of(ws_name: str, kind: str, import_id: int):
    """The Landing of an import just made in `ws_name` (see cx.landing)."""
    ws = data.workspace(ws_name)
    minimum = int(ws.settings()["min_n"] if kind != "employee_responses" else ws.settings()["confidentiality_min"])
    return landing_.landing(ws.cursor(), kind, import_id, minimum)


def go(ws_name: str, landing: landing_.Landing) -> None:
    """Leave the landing for the next run (`arrive` opens its page); a table without one stays here."""
    if landing.page is not None and landing.rows > 0:
        st.session_state[_LANDING] = (ws_name, landing)


def leave() -> None:
    """First thing in a run, before anything is drawn: open the page of a waiting landing (once)."""
    waiting = st.session_state.get(_LANDING)
    if waiting is None or st.session_state.get(_SWITCHED) == id(waiting):
        return
    st.session_state[_SWITCHED] = id(waiting)
    ws_name, landing = waiting
    params = {"ws": ws_name, **landing.query_params()}
    if "lang" in st.query_params:
        params["lang"] = st.query_params["lang"]
    st.switch_page(str(site_root() / PAGE_FILES[landing.page]), query_params=params)


def arrive(page_path: str) -> None:
    """Before the sidebar is drawn: put a waiting landing's view into the filters (once)."""
    waiting = st.session_state.pop(_LANDING, None)
    if waiting is not None:
        ws_name, landing = waiting
        for dim in state.SIDEBAR_DIMENSIONS:
            state.set_view(dim, [])
        state.set_view("ws", ws_name)
        if landing.first and landing.last:
            state.set_view("period", "custom")
            state.set_view("dates", (landing.first, landing.last))
        if landing.unit:
            state.set_view("unit", [landing.unit])
        if landing.touchpoint:
            state.set_view("tp", landing.touchpoint)
        st.session_state[_APPLIED] = waiting
    shown = st.session_state.get(_APPLIED)
    if shown is not None and shown[1].page != page_path:
        st.session_state.pop(_APPLIED, None)  # the user went elsewhere: the note has done its work


def draw(lang: str) -> None:
    """What was loaded and what to know about it, above the page that shows it."""
    shown = st.session_state.get(_APPLIED)
    if shown is None:
        return
    ws_name, landing = shown
    with st.container(border=True, key="upload_landing"):
        st.success(t("landing.arrived", lang, id=landing.import_id, rows=fmt_number(landing.rows, lang),
                     first=fmt_date(landing.first, lang), last=fmt_date(landing.last, lang), ws=ws_name))
        if landing.all_below_minimum:
            key = "landing.below_minimum_staff" if landing.kind == "employee_responses" else "landing.below_minimum"
            st.warning(t(key, lang, n=fmt_number(landing.largest_n, lang), minimum=fmt_number(landing.minimum, lang),
                         setting=t("settings.min_n" if landing.kind != "employee_responses"
                                   else "settings.confidentiality_min", lang),
                         tab=t("data.tab.workspaces", lang), page=t("page.data", lang)))
        if landing.unstaged:
            _offer_template(ws_name, landing, lang)
        st.button(t("landing.close", lang), key="upload_landing_close", on_click=_dismiss, type="tertiary",
                  icon=":material/close:")


def _dismiss() -> None:
    st.session_state.pop(_APPLIED, None)


def _offer_template(ws_name: str, landing: landing_.Landing, lang: str) -> None:
    """The journey-map template with the unplaced touchpoints filled in, and how to load it back."""
    st.info(t("landing.unstaged", lang, n=fmt_number(len(landing.unstaged), lang), page=t("page.data", lang)))
    st.text(", ".join(landing.unstaged))
    stages = landing_.stages_of(data.workspace(ws_name).cursor())
    st.download_button(t("landing.template", lang), landing_.journey_map_template(list(landing.unstaged), stages),
                       "cx-journey-map.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="upload_landing_template", on_click="ignore", icon=":material/download:")
