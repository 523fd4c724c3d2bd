"""The frame around every page: sign-in, page list, demo workspace on first start, sidebar.

First start: the demo is built by one background thread per process (`DemoBuild`), into a
temporary file that is put in place only when whole (store.build_workspace). No page run
can roll it back: a closed browser stops that page's run, not the build; several first
visits at once all wait for the same build; a build that a crash cut short leaves nothing
under the demo's name and is started again; an empty demo file left by an older cx is
rebuilt. Pages show the build's progress until it is done.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path

import streamlit as st

from cx import store
from cx.i18n import t
from cx.site import site_root
from cx.team import access
from cx.ui import auth, present_mode, state

ROOT = Path(__file__).resolve().parents[2]
DEMO = "demo"

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


def navigation(lang: str, top: bool = False):
    """st.navigation over the pages, grouped into Explore, Plan, Act and Data (along the top when presenting)."""
    root = site_root()
    sections: dict[str, list] = {}
    for i, (section, file, title, url) in enumerate(PAGES):
        if not (root / file).exists():
            continue
        page = st.Page(str(root / file), title=t(title, lang), url_path=url, default=(i == 0))
        sections.setdefault(t(section, lang), []).append(page)
    return st.navigation(sections, position="top" if top else "sidebar")


class DemoBuild:
    """The one background build of the demo workspace in this process."""

    def __init__(self):
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.fraction = 0.0
        self.error: BaseException | None = None
        self._checked: set[Path] = set()

    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def needed(self) -> bool:
        """True when the demo is missing, or present but empty (a half-built file of an older cx)."""
        path = store.workspace_path(DEMO)
        if not path.exists():
            return True
        if path in self._checked:
            return False
        self._checked.add(path)
        return _empty(DEMO)

    def start(self) -> None:
        with self._lock:
            if self.running():
                return
            self.fraction, self.error = 0.0, None
            self._thread = threading.Thread(target=self._run, name="cx-demo-build", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        from cx import demo

        try:
            replace = store.exists(DEMO)
            if replace:
                store.close_workspace(DEMO)  # opened here to see that it is empty
            store.clear_stale_builds(DEMO)
            demo.build_demo(DEMO, progress=self._progress, replace=replace)
            store.close_workspace(DEMO)
            self._checked.add(store.workspace_path(DEMO))
        except store.WorkspaceBusy:
            pass  # another process is building or has it open: it is there, or will be
        except Exception as exc:  # noqa: BLE001 - shown on the page as a sentence
            self.error = exc

    def _progress(self, fraction: float, text: str) -> None:
        self.fraction = min(max(fraction, 0.0), 1.0)


_demo_build = DemoBuild()


def _empty(name: str) -> bool:
    """No rows in any table and no import recorded: nothing to lose by building it again."""
    try:
        ws = store.open_workspace(name)
        empty = not any(ws.counts().values()) and ws.last_import() is None
    except store.WorkspaceError:
        return False
    return empty


def ensure_start_workspace(lang: str) -> None:
    """On a fresh machine, build the demo workspace once (in the background), showing progress."""
    if state.default_workspace() != DEMO or not _demo_build.needed():
        if not _demo_build.running():
            return
    _demo_build.start()
    bar = st.progress(0.0, text=t("demo.building", lang))
    while _demo_build.running():
        bar.progress(_demo_build.fraction, text=t("ws.demo_building", lang, percent=round(100 * _demo_build.fraction)))
        time.sleep(0.3)
    bar.empty()
    if _demo_build.error is not None:
        st.error(t("ws.demo_failed", lang, reason=access.sentence(_demo_build.error, lang)))
        return
    st.toast(t("demo.built", lang))


def warn_bad_start_name(lang: str) -> None:
    """A CX_WORKSPACE that is not a workspace name gets a sentence on every page, not a crash."""
    name = state.configured_workspace()
    if name is not None and not store.is_valid_name(name):
        st.error(t("ws.bad_start_name", lang, name=repr(name)[1:-1]))


def sidebar(lang: str) -> None:
    names = auth.visible_workspaces()
    if not names:
        user = auth.current_user()
        if user is not None and not user.local:
            st.warning(t("auth.no_workspaces", lang, user=user.id))
            st.stop()
        return
    ws = state.render_workspace_picker(lang, names)
    state.render_filters(lang, ws)
    present_mode.render_switch(lang)
    state.keep_in_url()
