"""Reading the uploaded file: `load` reads it (or says in one sentence why it cannot be read);
`render` is the wizard's Details tab "How the file was read", with every detected setting overridable.

The reader decides sheet, encoding, delimiter, decimal mark, header row and extra header rows
and says so; the tab shows those decisions, lets the user change each one (see upload_state for
the override rule) and previews the first rows as plain text cells.
"""
from __future__ import annotations

import datetime

import pandas as pd
import streamlit as st

from cx.i18n import t
from cx.imports.notes import translate
from cx.ui import notices
from cx.ui import upload_profile as profile_ui
from cx.ui import upload_state as state

PREVIEW_SHOWN = 20
DELIMITERS = (",", ";", "\t", "|")
DECIMALS = (".", ",")
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "utf-32")
DATE_FORMATS = ("", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d.%m.%Y %H:%M", "%d.%m.%Y",
                "%d/%m/%Y %H:%M", "%d/%m/%Y", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y")
EXAMPLE_DATE = datetime.datetime(2026, 12, 31, 16, 45, 30)


def unreadable(exc: state.Unreadable, lang: str) -> None:
    """A file that cannot be read: one translated sentence, the reader's reason, what to do next."""
    st.error(t(notices.rejection_key(exc.code), lang))
    st.text(translate(exc.reason, lang))
    st.info(t("upload.rejected_next", lang))


def load(upload: state.Upload, lang: str):
    """The file read with the user's overrides (the sheet cx picked unless another was chosen);
    None, with the reason on screen, when it cannot be read."""
    profile_ui.apply_pending_read_options()
    try:
        sheets = state.sheets(upload)
        if len(sheets) > 1:
            _sheet_default(upload, sheets)
        return state.read(upload, state.overrides())
    except state.Unreadable as exc:
        unreadable(exc, lang)
        if state.overrides():
            st.button(t("upload.reset_read", lang), key="upload_reset_read", on_click=state.reset_overrides)
        return None


def render(upload: state.Upload, table, lang: str) -> None:
    """Sheet choice, what was detected with overrides, and the first rows as read."""
    sheets = state.sheets(upload)
    if len(sheets) > 1:
        st.selectbox(t("upload.sheet", lang), [s.name for s in sheets], key="upload_sheet",
                     help=t("upload.sheet_help", lang), on_change=state.widget_changed, args=("sheet",))
    _show_decisions(table, lang)
    _read_overrides(table, lang)
    st.caption(t("upload.preview", lang, shown=min(PREVIEW_SHOWN, len(table.frame))))
    st.dataframe(preview_frame(table, PREVIEW_SHOWN), hide_index=True, width="stretch", key="upload_preview")


def _sheet_default(upload: state.Upload, sheets) -> None:
    """The sheet the reader picked as the answers sheet, until the user picks another."""
    names = [s.name for s in sheets]
    if st.session_state.get("upload_sheet") not in names:
        detected = state.read(upload, {}).decisions.get("sheet")
        st.session_state["upload_sheet"] = detected if detected in names else names[0]
    state.overrides().setdefault("sheet", st.session_state["upload_sheet"])


def unique_names(headers: list[str]) -> list[str]:
    """Column titles for a preview: headers may repeat or be empty."""
    names, seen = [], {}
    for i, header in enumerate(headers):
        name = header or f"({i + 1})"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


def preview_frame(table, rows: int) -> pd.DataFrame:
    """The first rows as plain text under unique column names."""
    head = table.frame.head(rows)
    return pd.DataFrame({n: [cell_text(v) for v in head[c]]
                         for n, c in zip(unique_names(table.headers), head.columns, strict=True)})


def _as_text_frame(headers: list[str], rows: list[list[str]]) -> pd.DataFrame:
    names = unique_names(headers)
    return pd.DataFrame([[cell_text(v) for v in (row + [""] * len(names))[:len(names)]] for row in rows],
                        columns=names)


def cell_text(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    return str(value)


def _show_decisions(table, lang: str) -> None:
    """What the reader decided, as a two-column table of plain cells, and its notes as plain text."""
    d = table.decisions
    rows = [(t("read.file_type", lang), str(d.get("file_type", "")).upper())]
    if d.get("sheet"):
        rows.append((t("read.sheet", lang), str(d["sheet"])))
    if d.get("encoding"):
        rows.append((t("read.encoding", lang), str(d["encoding"])))
    if d.get("delimiter"):
        rows.append((t("read.delimiter", lang), t(f"read.delimiter.{_delimiter_key(d['delimiter'])}", lang)))
    if d.get("decimal"):
        rows.append((t("read.decimal", lang), t("read.decimal.comma" if d["decimal"] == "," else "read.decimal.point",
                                                lang)))
    rows.append((t("read.header_row", lang), str(d.get("header_row", ""))))
    rows.append((t("read.skip_rows", lang), str(d.get("skip_rows", 0))))
    date_format = st.session_state.get("upload_date_format") or ""
    rows.append((t("read.date_format", lang), date_format or t("read.date_format.detect", lang)))
    rows.append((t("read.columns", lang), str(len(table.headers))))
    left, right = st.columns(2)
    left.dataframe(pd.DataFrame(rows, columns=[t("read.setting", lang), t("read.value", lang)]), hide_index=True,
                   width="stretch", key="upload_decisions")
    with right:
        st.caption(t("read.notes", lang))
        notes = [translate(str(n), lang) for n in d.get("notes") or []]
        st.text("\n".join(notes) if notes else t("read.no_notes", lang))
        if table.bad_rows:
            st.text(t("read.bad_rows", lang, n=len(table.bad_rows)))
    if table.extra_header_rows:
        st.caption(t("read.extra_header_rows", lang, n=len(table.extra_header_rows)))
        st.dataframe(_as_text_frame(table.headers, table.extra_header_rows), hide_index=True, width="stretch",
                     key="upload_extra_header_rows")


def _delimiter_key(delimiter: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}.get(delimiter, "other")


def _read_overrides(table, lang: str) -> None:
    """Header row, rows to skip, delimiter, decimal, encoding and date format, each overridable."""
    d, chosen = table.decisions, state.overrides()
    for option in ("header_row", "skip_rows", "delimiter", "decimal", "encoding"):
        if option not in chosen and d.get(option) is not None:
            st.session_state[f"upload_{option}"] = d[option]

    state.remember_decisions(d)

    def remember(option: str) -> dict:
        return {"on_change": state.widget_changed, "args": (option,)}

    with st.container(border=True):
        st.caption(t("upload.change_read", lang))
        cols = st.columns(3)
        cols[0].number_input(t("read.header_row", lang), min_value=1, max_value=1000, step=1, key="upload_header_row",
                             **remember("header_row"), help=t("read.header_row.help", lang))
        cols[1].number_input(t("read.skip_rows", lang), min_value=0, max_value=100, step=1, key="upload_skip_rows",
                             **remember("skip_rows"), help=t("read.skip_rows.help", lang))
        cols[2].selectbox(t("read.date_format", lang), _with(DATE_FORMATS, st.session_state.get("upload_date_format")),
                          key="upload_date_format",
                          accept_new_options=True, format_func=lambda f: date_format_label(f, lang),
                          help=t("read.date_format.help", lang))
        if d.get("file_type") == "csv":
            cols = st.columns(3)
            cols[0].selectbox(t("read.delimiter", lang), DELIMITERS, key="upload_delimiter",
                              **remember("delimiter"),
                              format_func=lambda c: t(f"read.delimiter.{_delimiter_key(c)}", lang))
            cols[1].selectbox(t("read.decimal", lang), DECIMALS, key="upload_decimal", **remember("decimal"),
                              format_func=lambda c: t("read.decimal.comma" if c == "," else "read.decimal.point",
                                                      lang))
            cols[2].selectbox(t("read.encoding", lang), _with(ENCODINGS, d.get("encoding")), key="upload_encoding",
                              **remember("encoding"), accept_new_options=True)
        st.button(t("upload.reset_read", lang), key="upload_reset_read", on_click=state.reset_overrides)


def _with(options: tuple, value) -> list:
    return list(options) + ([value] if value and value not in options else [])


def date_format_label(fmt: str, lang: str) -> str:
    if not fmt:
        return t("read.date_format.detect", lang)
    try:
        return f"{fmt}  ({EXAMPLE_DATE.strftime(fmt)})"
    except ValueError:
        return fmt
