"""Which workspace an upload goes into: one the user chose, or a new one, never the demo by default.

The sidebar's workspace is the default when the user may import there and it is not the
demo; otherwise a new workspace named after the file (created when Import is pressed, not
before). The demo stays on the list, for whoever picks it on purpose.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

import streamlit as st

from cx import store
from cx.i18n import t
from cx.team import access
from cx.ui import auth

NEW = "+new"
DEMO = "demo"
_KEY = "upload_workspace"
_NAME = "upload_workspace_name"


@dataclass(frozen=True)
class Destination:
    """The workspace to load into; `new` when it is to be created on Import."""

    name: str
    new: bool = False


def name_from_file(file_name: str, taken=store.exists) -> str:
    """A free workspace name from the file's name: `NPS export 2026.csv` -> `nps-export-2026`."""
    stem = re.sub(r"[^a-z0-9_-]+", "-", PurePath(file_name).stem.lower()).strip("-_")[:34] or "survey"
    name, i = stem, 2
    while taken(name):
        name, i = f"{stem}-{i}", i + 1
    return name


def choices() -> list[str]:
    """New (when the user may create workspaces), then the workspaces the user may import into."""
    user = auth.current_user()
    may_create = user is not None and access.may_create(user, auth.rules())
    return ([NEW] if may_create else []) + [w for w in auth.visible_workspaces() if auth.can(w, "import")]


def say_role(current: str, lang: str) -> None:
    """Why there is nothing to upload into: the user's role in the sidebar's workspace."""
    st.info(t("auth.role", lang, role=t(f"role.{auth.role(current)}", lang)))


def default(current: str, options: list[str]) -> str | None:
    """The sidebar's workspace unless it is the demo; else a new one; else another; never the demo."""
    if current in options and current != DEMO:
        return current
    if NEW in options:
        return NEW
    return next((o for o in options if o != DEMO), None)


def render(current: str, file_name: str, lang: str) -> Destination | None:
    """The destination question; None until a usable workspace is chosen (the reason is on screen)."""
    options = choices()
    if not options:
        say_role(current, lang)
        return None
    if st.session_state.get(_KEY) not in options:
        st.session_state[_KEY] = default(current, options)
    left, right = st.columns(2)
    picked = left.selectbox(t("ask.workspace", lang), options, key=_KEY, placeholder=t("ask.workspace.pick", lang),
                            format_func=lambda o: t("ask.workspace.new", lang) if o == NEW else o,
                            help=t("ask.workspace_help", lang))
    if picked is None:
        return None
    if picked != NEW:
        return Destination(picked)
    if not st.session_state.get(_NAME):
        st.session_state[_NAME] = name_from_file(file_name)
    name = right.text_input(t("ws.new_name", lang), key=_NAME, max_chars=40, help=t("ws.name_rule", lang)).strip()
    problem = _problem(name)
    if problem:
        right.error(t(problem, lang))
        return None
    return Destination(name, new=True)


def _problem(name: str) -> str | None:
    try:
        store.check_name(name)
    except store.WorkspaceError:
        return "ws.bad_name"
    return "ws.exists" if store.exists(name) else None
