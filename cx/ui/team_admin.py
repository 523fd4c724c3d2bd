"""Data page, for admins: the audit trail, and who is on the workspace (when sign-in is on)."""
from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from cx import store
from cx.i18n import t
from cx.team import access, actions, audit
from cx.ui import auth, data, notices


def _what(target: str, detail: str) -> str:
    """The row's target and its details as one plain line (shown as a dataframe cell, never markup)."""
    try:
        values = json.loads(detail or "{}")
    except ValueError:
        values = {}
    extra = ", ".join(f"{k}={v}" for k, v in values.items() if v is not None and str(v) != str(target))
    return f"{target} ({extra})" if extra and target else (target or extra)


def audit_table(trail: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("audit.when", lang): [w.strftime("%Y-%m-%d %H:%M:%S") for w in trail["done_at"]],
        t("audit.who", lang): [str(a) for a in trail["actor"]],
        t("audit.action", lang): [t(f"audit.action.{a}", lang) for a in trail["action"]],
        t("audit.what", lang): [_what(tg, d) for tg, d in zip(trail["target"], trail["detail"], strict=True)],
    })


def render_audit(ws_name: str, lang: str) -> None:
    """The workspace's audit trail, newest first (admins only)."""
    if not auth.can(ws_name, "audit"):
        return
    st.subheader(t("audit.title", lang))
    st.caption(t("audit.intro", lang))
    trail = audit.trail(data.workspace(ws_name))
    if trail.empty:
        st.info(t("audit.empty", lang))
        return
    st.dataframe(audit_table(trail, lang), hide_index=True, width="stretch", key="audit_table")


def render_access(ws_name: str, lang: str) -> None:
    """Who is on this workspace, and adding, changing or removing one (admins, with sign-in on)."""
    if not auth.configured() or not auth.can(ws_name, "manage_access"):
        return
    st.subheader(t("access.title", lang))
    st.caption(t("access.intro", lang, path=access.access_file().name))
    notices.draw("access", lang)
    members = auth.rules().members(ws_name)
    if members:
        st.dataframe(pd.DataFrame({t("access.member", lang): list(members),
                                   t("access.role", lang): [t(f"role.{r}", lang) for r in members.values()]}),
                     hide_index=True, width="stretch", key="access_table")
    left, middle, right = st.columns([3, 2, 2], vertical_alignment="bottom")
    left.text_input(t("access.member", lang), key="access_user", max_chars=200)
    middle.selectbox(t("access.role", lang), access.ROLES, key="access_role",
                     format_func=lambda r: t(f"role.{r}", lang))
    with right:
        st.button(t("access.grant", lang), key="access_grant", on_click=_set, args=(ws_name, True))
        st.button(t("access.revoke", lang), key="access_revoke", on_click=_set, args=(ws_name, False))


def _set(ws_name: str, grant: bool) -> None:
    member = (st.session_state.get("access_user") or "").strip().lower()
    role = st.session_state.get("access_role") if grant else None
    lang = st.session_state.get("lang") or "en"
    try:
        actions.set_member(data.workspace(ws_name), auth.actor(), member, role)
    except store.WorkspaceError as exc:
        notices.flash("access", "error", "ws.failed", access.sentence(exc, lang))
        return
    if grant:
        notices.flash("access", "success", "access.granted", None, user=member, role=t(f"role.{role}", lang))
    else:
        notices.flash("access", "success", "access.revoked", None, user=member)
