"""The frame around every page: page list, demo workspace on first start, sidebar."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from cx import store
from cx.i18n import t
from cx.ui import state

ROOT = Path(__file__).resolve().parents[2]

# (section key, file, title key, url path); the first page is the default.
PAGES = (
    ("nav.explore", "pages/overview.py", "page.overview", "overview"),
    ("nav.explore", "pages/journey.py", "page.journey", "journey"),
    ("nav.explore", "pages/linkage.py", "page.linkage", "linkage"),
    ("nav.plan", "pages/simulator.py", "page.simulator", "simulator"),
    ("nav.act", "pages/signals.py", "page.signals", "signals"),
    ("nav.act", "pages/promises.py", "page.promises", "promises"),
    ("nav.act", "pages/business.py", "page.business", "business"),
    ("nav.data", "pages/data.py", "page.data", "data"),
)


def navigation(lang: str):
    """st.navigation over the pages, grouped into Explore, Plan, Act and Data."""
    sections: dict[str, list] = {}
    for i, (section, file, title, url) in enumerate(PAGES):
        if not (ROOT / file).exists():
            continue
        page = st.Page(str(ROOT / file), title=t(title, lang), url_path=url, default=(i == 0))
        sections.setdefault(t(section, lang), []).append(page)
    return st.navigation(sections)


def ensure_start_workspace(lang: str) -> None:
    """On a fresh machine, build the demo workspace once, with progress shown."""
    name = state.default_workspace()
    if store.exists(name) or name != "demo":
        return
    from cx import demo

    bar = st.progress(0.0, text=t("demo.building", lang))
    demo.build_demo("demo", progress=lambda f, text: bar.progress(min(max(f, 0.0), 1.0), text=text))
    store.close_workspace("demo")
    bar.empty()
    st.toast(t("demo.built", lang))


def sidebar(lang: str) -> None:
    if not store.list_workspaces():
        return
    ws = state.render_workspace_picker(lang)
    state.render_filters(lang, ws)
