"""Messages on the Data page: one translated sentence, the program's own words as plain text.

Errors from readers, the importer and the store may quote the uploaded file or a typed
name, so they are shown with `st.text`, never through markdown. Actions run in widget
callbacks (before the page is drawn) and leave their outcome here for the next draw.
"""
from __future__ import annotations

import streamlit as st

from cx.i18n import t

_FLASH = "_data_flash"


def show(level: str, key: str, lang: str, detail: str | None = None, **values) -> None:
    """A translated sentence in a coloured box, then `detail` (untrusted text) as plain text."""
    box = {"error": st.error, "warning": st.warning, "success": st.success}.get(level, st.info)
    box(t(key, lang, **values))
    if detail:
        st.text(detail)


def rejection_key(code: str | None) -> str:
    """The catalogue key for a refusal's reason code, or the general sentence for codes without one."""
    key = f"upload.rejected.{code}"
    return key if code and t(key, "en") != key else "upload.rejected"


def flash(area: str, level: str, key: str, detail: str | None = None, **values) -> None:
    """Remember a message for `area` until it is drawn once."""
    st.session_state.setdefault(_FLASH, {})[area] = (level, key, detail, values)


def draw(area: str, lang: str) -> None:
    """Show and forget the message left for `area`, if any."""
    message = st.session_state.get(_FLASH, {}).pop(area, None)
    if message:
        level, key, detail, values = message
        show(level, key, lang, detail, **values)
