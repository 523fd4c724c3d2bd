"""Import profiles in the wizard: load one (saved in the workspace or an uploaded JSON file),
save the one on screen in the workspace, download it as JSON.

Loading happens in a widget callback: the profile waits in session_state as "pending"; in the
next draw its read options apply before the file is read, and the pipeline follows it as given
(the wizard's proposal, which every screen starts from, is then the profile's).
"""
from __future__ import annotations

import streamlit as st

from cx import store
from cx.i18n import t
from cx.ui import data, notices
from cx.ui import upload_adapter as adapter
from cx.ui import upload_state as state

_PENDING = "_upload_pending_profile"
READ_KEYS = ("sheet", "header_row", "skip_rows", "delimiter", "decimal", "encoding")


def pending() -> dict | None:
    return st.session_state.get(_PENDING)


def _set_pending(profile: dict) -> None:
    st.session_state[_PENDING] = profile


def apply_pending_read_options() -> None:
    """A loaded profile's read options replace the overrides (before the file is read)."""
    profile = pending()
    if profile is None:
        return
    state.reset_overrides()
    for key in READ_KEYS:
        if profile.get(key) is not None:
            state.set_override(key, profile[key])
    if profile.get("sheet") is not None:
        st.session_state["upload_sheet"] = profile["sheet"]
    st.session_state["upload_date_format"] = profile.get("date_format") or ""


def forget_pending() -> None:
    """The loaded profile has been applied (it now is the proposal the screens start from)."""
    st.session_state.pop(_PENDING, None)


# ----------------------------------------------------------------------------- loading

def load_controls(ws_name: str, lang: str) -> None:
    """A saved profile of this workspace, or a JSON file, fills in every step."""
    saved = adapter.saved_profiles(data.workspace(ws_name))
    st.subheader(t("profile.load_title", lang))
    left, right = st.columns(2)
    with left:
        if saved:
            st.selectbox(t("profile.saved", lang), saved, key="upload_profile_pick")
            st.button(t("profile.load", lang), key="upload_profile_load", on_click=_load_saved,
                      args=(ws_name,))
        else:
            st.caption(t("profile.none_saved", lang))
    with right:
        st.file_uploader(t("profile.file", lang), type=["json"], key="upload_profile_file",
                         on_change=_load_file, help=t("profile.file_help", lang))
    notices.draw("profile", lang)


def _load_saved(ws_name: str) -> None:
    name = st.session_state.get("upload_profile_pick")
    try:
        profile = adapter.load_profile(data.workspace(ws_name), name)
    except Exception as exc:  # noqa: BLE001 - a sentence, never a traceback
        notices.flash("profile", "error", "profile.bad", str(exc))
        return
    _set_pending(profile)
    notices.flash("profile", "success", "profile.loaded")


def _load_file() -> None:
    uploaded = st.session_state.get("upload_profile_file")
    if uploaded is None:
        return
    try:
        profile = adapter.parse_profile(uploaded.getvalue())
    except Exception as exc:  # noqa: BLE001 - a sentence, never a traceback
        notices.flash("profile", "error", "profile.bad", str(exc))
        return
    _set_pending(profile)
    notices.flash("profile", "success", "profile.loaded")


# ----------------------------------------------------------------------------- saving

def save_controls(ws_name: str | None, profile: dict, profile_text: str, lang: str) -> None:
    """Keep this layout for next month: in the workspace under a name, or as a JSON file (only the
    file while the workspace is still to be created: `ws_name` None)."""
    with st.container(border=True):
        st.subheader(t("profile.save_title", lang))
        st.caption(t("profile.save_intro", lang))
        notices.draw("profile_save", lang)
        left, middle, right = st.columns([2, 1, 1], vertical_alignment="bottom")
        if ws_name is not None:
            left.text_input(t("profile.name", lang), key="upload_profile_name", max_chars=80)
            middle.button(t("profile.save", lang), key="upload_profile_save", width="stretch", on_click=_save,
                          args=(ws_name, profile))
        right.download_button(t("profile.download", lang), profile_text.encode("utf-8"),
                              "cx-import-profile.json", "application/json", key="upload_profile_download",
                              on_click="ignore", icon=":material/download:", width="stretch")


def _save(ws_name: str, profile: dict) -> None:
    name = (st.session_state.get("upload_profile_name") or "").strip()
    if not name:
        notices.flash("profile_save", "error", "profile.name_missing")
    else:
        try:
            adapter.save_profile(data.workspace(ws_name), name, profile)
        except store.WorkspaceBusy as exc:
            notices.flash("profile_save", "error", "error.workspace_busy", str(exc))
        except Exception as exc:  # noqa: BLE001 - a sentence, never a traceback
            notices.flash("profile_save", "error", "profile.save_failed", str(exc))
        else:
            notices.flash("profile_save", "success", "profile.saved_ok")
