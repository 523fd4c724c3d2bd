"""The shared sidebar: language, workspace, period and dimension filters.

Every widget has a `key` and `bind="query-params"`, so a copied URL reopens the
same view. Pages never read widgets directly: they call `current_filters()`,
which builds the one frozen `Filters` object from `st.session_state`.
"""
from __future__ import annotations

import os
from datetime import date

import streamlit as st

from cx import periods, schema, store
from cx.filters import Filters
from cx.i18n import LANGUAGES, t
from cx.ui import data

SIDEBAR_DIMENSIONS = ("segment", "channel", "unit", "level", "method")
FIXED_CHOICES = {"level": schema.LEVELS, "method": schema.METHODS}


def language() -> str:
    """The UI language from the sidebar switch (bound to ?lang=)."""
    _require_router()
    return st.session_state.get("lang", "en")


def _require_router() -> None:
    """Send a page that runs without app.py back through it.

    Streamlit keeps its old pages-folder behaviour until the main script has
    run once in the server process: a deep link such as /journey?unit=Tampere
    opened first after a restart would run pages/journey.py alone, without the
    sidebar filters. Every page calls language() first, so this turns that
    first run into a rerun through app.py's st.navigation.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def configured_workspace() -> str | None:
    """The server's CX_WORKSPACE setting as given (None when unset)."""
    return os.environ.get("CX_WORKSPACE")


def default_workspace() -> str:
    """CX_WORKSPACE when it is a workspace name, else the demo (the frame says why)."""
    name = configured_workspace() or "demo"
    return name if store.is_valid_name(name) else "demo"


def _accept_codes(key: str, options, shown) -> None:
    """Let a URL name an option by its code (?lang=fi, ?period=last_12m) as well as by its label.

    Bound widgets write their displayed label to the URL (?lang=FI, ?period=Last+12+months) and
    read only labels back: a code is replaced by its label (`shown(code)`) and the script run
    again, so the widget reads it like any shared URL. (Setting the widget's state instead showed
    the right view but left the code in the URL, and the next page dropped the filter.)
    """
    raw = st.query_params.get_all(key) if key not in st.session_state else []
    if len(raw) == 1 and raw[0] in options:
        st.query_params[key] = shown(raw[0])
        st.rerun()


def render_language_switch() -> str:
    _accept_codes("lang", LANGUAGES, str.upper)
    st.sidebar.segmented_control("Language / Kieli", LANGUAGES, key="lang", bind="query-params", default="en",
                                 format_func=str.upper, required=True)
    return language()


def render_workspace_picker(lang: str, names: list[str] | None = None) -> str:
    """The workspace selectbox over `names` (the ones this user is on); a URL naming another is ignored."""
    names = store.list_workspaces() if names is None else names
    default = default_workspace()
    if default not in names and names:
        default = names[0]
    if st.session_state.get("ws") not in names:
        st.session_state.pop("ws", None)
    st.sidebar.selectbox(t("filters.workspace", lang), names, key="ws", bind="query-params",
                         index=names.index(default) if default in names else 0)
    return st.session_state.get("ws") or default


def _keep_valid(key: str, options: list) -> None:
    """Drop selections that are not options any more (another workspace, an undone import)."""
    if key in st.session_state:
        st.session_state[key] = [v for v in st.session_state[key] if v in options]


def render_filters(lang: str, workspace: str) -> None:
    """Period and dimension widgets; their values live in session_state and the URL."""
    side = st.sidebar
    _accept_codes("period", periods.PRESETS, lambda p: t(f"period.{p}", lang))
    side.selectbox(t("filters.period", lang), periods.PRESETS, key="period", bind="query-params",
                   index=periods.PRESETS.index("last_3m"),
                   format_func=lambda p: t(f"period.{p}", lang))
    if st.session_state.get("period") == "custom":
        first, last = data.date_span(workspace)
        side.date_input(t("filters.dates", lang), value=(first or date.today(), last or date.today()),
                        key="dates", bind="query-params", format="DD.MM.YYYY" if lang == "fi" else "YYYY-MM-DD")
    for dim in SIDEBAR_DIMENSIONS:
        options = list(FIXED_CHOICES.get(dim) or data.choices(workspace, "customer_responses", dim))
        _keep_valid(dim, options)
        side.multiselect(t(f"dim.{dim}", lang), options, key=dim, bind="query-params",
                         placeholder=t("filters.all", lang),
                         format_func=lambda v, d=dim: t(f"{d}.{v}", lang) if d in FIXED_CHOICES else v)


def current_filters() -> Filters:
    """The one Filters object for this run, built from session_state."""
    ws = st.session_state.get("ws") or default_workspace()
    preset = st.session_state.get("period") or "last_3m"
    custom = st.session_state.get("dates")
    custom = tuple(custom) if isinstance(custom, (list, tuple)) and len(custom) == 2 else None
    first, last = data.date_span(ws) if store.exists(ws) else (None, None)
    start, end = periods.bounds(preset, first, last, custom)
    dims = {d: tuple(st.session_state.get(d) or ()) for d in SIDEBAR_DIMENSIONS}
    return Filters(workspace=ws, start=start, end=end, **dims)
