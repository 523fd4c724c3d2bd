"""Sign-in and roles on the pages: Streamlit's OpenID Connect (`st.login`) when the server has it.

With an `[auth]` section in the server's secrets, every visitor signs in first and sees only
the workspaces the access list (cx.team.access) puts them on. Without one, cx is a
single-user app (a consultant's laptop): the local user may do everything, and the sidebar
says so. Pages ask `can(ws, action)` to show or hide a control and `require(ws, action)`
before acting; the rules themselves live in cx.team.access, shared with the command line.
"""
from __future__ import annotations

import time
from pathlib import Path

import streamlit as st

from cx import store
from cx.i18n import t
from cx.team import access
from cx.team.access import AccessList, User

_RULES_MEMO: dict[tuple, AccessList] = {}
_CONFIGURED: list = [float("-inf"), False]  # [when looked up, answer]


def configured() -> bool:
    """True when the server's secrets hold an `[auth]` section (sign-in is on).

    Asked many times a run (every data access checks the user): looked up at most once a second.
    """
    now = time.monotonic()
    if now - _CONFIGURED[0] > 1.0:
        try:
            from streamlit.auth_util import get_secrets_auth_section

            found = bool(get_secrets_auth_section())
        except Exception:  # noqa: BLE001 - no secrets file, or a Streamlit without sign-in support
            found = False
        _CONFIGURED[:] = [now, found]
    return _CONFIGURED[1]


def current_user() -> User | None:
    """Who is using this session: the local user, a signed-in user, or None (must sign in)."""
    if not configured():
        return access.LOCAL
    if not st.user.is_logged_in:
        return None
    who = st.user.get("email") or st.user.get("sub") or ""
    return User(str(who).strip().lower(), str(st.user.get("name") or who))


def actor() -> User:
    """The user acting in this run (for cx.team.actions); refuses when nobody is signed in."""
    user = current_user()
    if user is None:
        raise access.AccessDenied(code="access.not_member", workspace="")
    return user


def rules() -> AccessList:
    """The access list, read again only when its file changes (pages ask many times a run)."""
    path = access.access_file()
    try:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
    except FileNotFoundError:
        return AccessList()
    if key not in _RULES_MEMO:
        _RULES_MEMO.clear()
        _RULES_MEMO[key] = access.load(path)
    return _RULES_MEMO[key]


def role(ws_name: str) -> str | None:
    user = current_user()
    return None if user is None else access.role(user, ws_name, rules())


def can(ws_name: str, action: str) -> bool:
    """May this session's user do `action` on the workspace? (to show or hide a control)"""
    user = current_user()
    return user is not None and access.allowed(user, ws_name, action, rules())


def check(ws_name: str, action: str) -> None:
    """Raise AccessDenied (a sentence) unless this session's user may do `action`."""
    access.require(actor(), ws_name, action, rules())


def require(ws_name: str, action: str, lang: str) -> None:
    """Stop the page with the refusal in `lang` unless the user may do `action` on the workspace."""
    try:
        check(ws_name, action)
    except access.AccessDenied as exc:
        st.error(access.sentence(exc, lang))
        st.stop()


def visible_workspaces() -> list[str]:
    """The workspaces on disk that this session's user is on."""
    user = current_user()
    if user is None:
        return []
    return access.visible(user, store.list_workspaces(), rules())


def gate(lang: str) -> User:
    """Sign-in first when configured; the sidebar says who is signed in, or that nobody needs to."""
    if not configured():
        st.sidebar.caption(t("auth.local_mode", lang))
        return access.LOCAL
    try:
        rules()
    except ValueError as exc:
        st.error(t("auth.access_file_broken", lang, path=_shown_path(access.access_file()), reason=str(exc)))
        st.stop()
    user = current_user()
    if user is None:
        st.title(t("auth.sign_in_title", lang))
        st.write(t("auth.sign_in_intro", lang))
        if st.button(t("auth.sign_in", lang), key="auth_sign_in", type="primary"):
            st.login()
        st.stop()
    box = st.sidebar.container()
    box.text(t("auth.signed_in_as", lang, user=user.id))
    if box.button(t("auth.sign_out", lang), key="auth_sign_out"):
        st.logout()
    return user


def _shown_path(path: Path) -> str:
    return path.name
