"""The view's state: every control that changes what is shown, kept in the URL as language-neutral codes.

Why not Streamlit's own `bind="query-params"`: a bound widget writes its *displayed
label* to the URL (?period=Last+6+months) and reads only labels back, so after a
language switch the Finnish widget found no "Last 6 months", dropped it and showed
3 months under a URL that still said 6. Here the URL holds codes (`period=last_6m`,
`lang=fi`, `unit=Tampere`, ISO dates), written by us after every run; a cold URL may
name an option by its code or by its label in either language.

One mechanism for every control (sidebar and page): `bound(widget, label, options,
key=..., default=..., name=...)` instead of `container.widget(...)`. It

1. takes the value from the URL when the URL changed from outside (a cold link, the
   back button, a hand-edited address): codes, or labels in any language;
2. otherwise keeps the widget's value, or the value the session last had for that key
   (`_cx_view`), so a page switch, which drops widgets the new page does not draw,
   loses nothing;
3. after the widget is drawn, remembers the value and writes every remembered code to
   the URL (defaults left out), so the address bar is always a complete, shareable view.

A page control gets a `key` equal to its URL parameter (reserved names in the brief)
and is drawn through `bound`; nothing else is needed for it to survive language,
page and reload, and to be read from a shared link.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date

import streamlit as st

from cx import periods, schema, store
from cx.filters import Filters
from cx.i18n import LANGUAGES, t
from cx.ui import data

SIDEBAR_DIMENSIONS = ("segment", "channel", "unit", "level", "method")
FIXED_CHOICES = {"level": schema.LEVELS, "method": schema.METHODS}
VIEW = "_cx_view"  # {key: value}: the session's view, kept across page switches
WRITTEN = "_cx_url"  # {key: [codes]}: what this session last wrote to the URL
DRAWN = "_cx_drawn"  # {key: lang}: the language each control was last drawn in
NOT_IN_URL = object()  # a value that is never written (the default)

Name = Callable[[object, str], str]  # (code, lang) -> label


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


# --- the mechanism -------------------------------------------------------------------

def _view() -> dict:
    return st.session_state.setdefault(VIEW, {})


def _written() -> dict:
    return st.session_state.setdefault(WRITTEN, {})


def _plain(text: str) -> str:
    return " ".join(str(text).replace("+", " ").split()).casefold()


def code_of(raw: str, options: Sequence, name: Name | None = None):
    """The option a URL value means: its code, or its label in any language (case and spaces ignored)."""
    by_code = {str(o): o for o in options}
    if raw in by_code:
        return by_code[raw]
    wanted = _plain(raw)
    for option in options:
        if _plain(str(option)) == wanted:
            return option
        if name is not None and any(_plain(name(option, lang)) == wanted for lang in LANGUAGES):
            return option
    return None


def _from_url(raw: list[str], options: Sequence, name: Name | None, multi: bool):
    """The value a URL names, or NOT_IN_URL when it names nothing valid (ignored, never a silent default)."""
    picked = [code_of(r, options, name) for r in raw]
    picked = [p for p in picked if p is not None]
    if multi:
        return list(dict.fromkeys(picked)) if picked else NOT_IN_URL
    return picked[0] if len(picked) == 1 else NOT_IN_URL


def _codes(value, multi: bool) -> list[str]:
    if multi:
        return [str(v) for v in value or ()]
    return [] if value is None else [str(value)]


def prepare(key: str, options: Sequence, default, name: Name | None = None, multi: bool = False,
            lang: str = "en") -> None:
    """Put the view's value for `key` into session_state before its widget is drawn.

    After a language switch the browser still holds the option's old label and sends it
    back; Streamlit reads a label it no longer shows as "nothing chosen" and falls back
    to the first option. So a control drawn in another language last time gets the
    session's value set again, which also sends the new label to the browser.
    """
    drawn = st.session_state.setdefault(DRAWN, {})
    if drawn.get(key, lang) != lang and key in _view():
        st.session_state[key] = _view()[key]
    drawn[key] = lang
    raw = st.query_params.get_all(key)
    if raw and raw != _written().get(key):  # the URL changed from outside: it wins
        value = _from_url(raw, options, name, multi)
        if value is not NOT_IN_URL:
            st.session_state[key] = value
            _view()[key] = value
    if key not in st.session_state:
        st.session_state[key] = _view().get(key, default)
    current = st.session_state[key]
    if multi:
        kept = [v for v in current or () if v in options]
        if kept != list(current or ()):
            st.session_state[key] = kept
    elif current not in options:
        st.session_state[key] = default if default in options else (options[0] if len(options) else None)


def remember(key: str, default, multi: bool = False) -> None:
    """After the widget: keep its value for the session and write its code to the URL (defaults left out)."""
    value = st.session_state.get(key, default)
    _view()[key] = value
    codes = [] if _codes(value, multi) == _codes(default, multi) else _codes(value, multi)
    _write(key, codes)


def _write(key: str, codes: list[str]) -> None:
    if st.query_params.get_all(key) != codes:
        if codes:
            st.query_params[key] = codes if len(codes) > 1 else codes[0]
        else:
            del st.query_params[key]
    _written()[key] = codes


def keep_in_url() -> None:
    """Write every remembered control to the URL, also those of pages not shown now.

    Called once per run by the frame: after a page switch the address bar still holds
    the journey's metric or the simulator's move, so a link copied on any page reopens
    the whole session's view.
    """
    for key, codes in list(_written().items()):
        if codes and st.query_params.get_all(key) != codes:
            st.query_params[key] = codes if len(codes) > 1 else codes[0]


def bound(widget: Callable, label: str, options: Sequence, *, key: str, default=None,
          name: Name | None = None, multi: bool = False, lang: str | None = None, **kwargs):
    """Draw `widget` (e.g. `st.selectbox`, `col.multiselect`) with its value kept in the URL as a code.

    `name(code, lang)` gives an option's label (used for display and to read labels from
    a URL in either language). Returns the chosen code (a list for multiselects).
    """
    options = list(options)
    lang = lang or st.session_state.get("lang", "en")
    prepare(key, options, default, name, multi, lang)
    if name is not None:
        kwargs["format_func"] = lambda v: name(v, lang)
    widget(label, options, key=key, **kwargs)
    remember(key, default, multi)
    return st.session_state[key]


def bound_dates(widget: Callable, label: str, key: str, span: tuple[date, date], **kwargs) -> tuple[date, date]:
    """A date-range input kept in the URL as two ISO dates."""
    raw = st.query_params.get_all(key)
    if raw and raw != _written().get(key):
        try:
            picked = tuple(sorted(date.fromisoformat(r) for r in raw))
        except ValueError:
            picked = ()
        if len(picked) == 2:
            st.session_state[key] = picked
            _view()[key] = picked
    if key not in st.session_state:
        st.session_state[key] = _view().get(key, span)
    widget(label, key=key, **kwargs)
    value = st.session_state.get(key) or span
    _view()[key] = value
    _write(key, [d.isoformat() for d in value] if len(value) == 2 else [])
    return value


def set_view(key: str, value) -> None:
    """Change a control from code (a chart click, a story link): the widget shows it on the next run."""
    st.session_state[key] = value
    _view()[key] = value


def remembered(key: str, default=None):
    """A control's value in this run, or the session's last one when its widget is drawn further down."""
    return st.session_state.get(key) or _view().get(key) or default


# --- the sidebar ---------------------------------------------------------------------

def render_language_switch() -> str:
    # Its labels (EN, FI) are the same in every language: drawn "in" no language of its own.
    bound(st.sidebar.segmented_control, "Language / Kieli", LANGUAGES, key="lang", default="en",
          name=lambda code, _lang: str(code).upper(), required=True, lang="*")
    return language()


def render_workspace_picker(lang: str, names: list[str] | None = None) -> str:
    """The workspace selectbox over `names` (the ones this user is on); a URL naming another is ignored."""
    names = store.list_workspaces() if names is None else names
    default = default_workspace()
    if default not in names and names:
        default = names[0]
    bound(st.sidebar.selectbox, t("filters.workspace", lang), names, key="ws", default=default, lang=lang)
    return st.session_state.get("ws") or default


def period_name(code, lang: str) -> str:
    return t(f"period.{code}", lang)


def render_filters(lang: str, workspace: str) -> None:
    """Period and dimension widgets; their values live in session_state and the URL as codes."""
    side = st.sidebar
    bound(side.selectbox, t("filters.period", lang), periods.PRESETS, key="period", default="last_3m",
          name=period_name, lang=lang)
    if st.session_state.get("period") == "custom":
        first, last = data.date_span(workspace)
        bound_dates(side.date_input, t("filters.dates", lang), "dates",
                    (first or date.today(), last or date.today()),
                    format="DD.MM.YYYY" if lang == "fi" else "YYYY-MM-DD")
    for dim in SIDEBAR_DIMENSIONS:
        options = list(FIXED_CHOICES.get(dim) or data.choices(workspace, "customer_responses", dim))
        bound(side.multiselect, t(f"dim.{dim}", lang), options, key=dim, default=[], multi=True, lang=lang,
              name=dimension_name(dim, workspace), placeholder=t("filters.all", lang),
              select_all=False)  # nothing chosen already means all; Streamlit's "Select all" is English only


def dimension_name(dim: str, workspace: str) -> Name:
    """Labels of a dimension's values: catalogue codes for fixed choices, the workspace's display labels for data."""
    if dim in FIXED_CHOICES:
        return lambda v, lang: t(f"{dim}.{v}", lang)
    return lambda v, lang: data.display_label(workspace, dim, v, lang)


def display_labels() -> dict:
    """The open workspace's display labels (cx.i18n.data_labels), for texts built outside a widget."""
    return data.display_labels(st.session_state.get("ws") or default_workspace())


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
