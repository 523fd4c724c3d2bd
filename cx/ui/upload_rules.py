"""The upload wizard's rules: rows to exclude, value labels, fixed values, the wide layout.

Each rule is edited in a table (`st.data_editor`) or a few widgets and becomes one key of
the import profile (contract "Import profiles"). The editors start from a base table kept
in session_state, set from the pipeline's proposal (a new file, a loaded profile, a changed
read setting or table), so the user's edits are never thrown away by a rerun. They sit in the
wizard's Details tab "Rows and values".
"""
from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from cx import schema
from cx.i18n import t

_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
EDITORS = {
    "exclude": ("column", "text"),
    "values": ("column", "text", "value"),
    "constants": ("column", "value"),
    "wide_names": ("source", "name"),
}
CONSTANT_COLUMNS = {"customer_responses": ("level", "method", "channel", "segment", "unit", "touchpoint", "stage"),
                    "employee_responses": ("unit", "role")}


PREVIEW_MARKERS = {"status": ("Survey Preview",), "distributionchannel": ("preview",),
                   "response type": ("Survey Preview",)}


def add_suggested_exclusions(headers: list[str], rows: list[list]) -> None:
    """Add to the rows to leave out the test answers a survey tool marks itself (Status = Survey
    Preview), found in the first rows, when the proposal does not leave them out already."""
    current = base("exclude")
    known = {(r["column"], r["text"]) for r in current.to_dict("records")}
    found = [{"column": h, "text": marker} for i, h in enumerate(headers)
             for marker in PREVIEW_MARKERS.get(h.strip().lower(), ())
             if any(i < len(row) and isinstance(row[i], str) and row[i].strip() == marker for row in rows)]
    added = [r for r in found if (r["column"], r["text"]) not in known]
    if added:
        base("exclude", current.to_dict("records") + added)


def base(name: str, rows: list[dict] | None = None) -> pd.DataFrame:
    """The editor's starting table; `rows` replaces it (and forgets edits made on the old one)."""
    key = f"_upload_base_{name}"
    if rows is not None or key not in st.session_state:
        frame = pd.DataFrame(rows or [], columns=list(EDITORS[name]), dtype=object)
        st.session_state[key] = frame.astype(object)
        st.session_state.pop(f"upload_{name}", None)
    return st.session_state[key]


def _editor(name: str, lang: str, config: dict, dynamic: bool = True) -> pd.DataFrame:
    edited = st.data_editor(base(name), key=f"upload_{name}", num_rows="dynamic" if dynamic else "fixed",
                            hide_index=True, width="stretch", column_config=config)
    return edited.dropna(how="all")


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def typed(value: str):
    """A value typed in a table cell as the profile stores it: a number, text, or None when empty."""
    text = _text(value)
    if not text:
        return None
    if _NUMBER.match(text):
        number = float(text.replace(",", "."))
        return int(number) if number.is_integer() else number
    return text


def codes(text: str) -> list:
    """Not-applicable codes typed as "0, 6, EOS" -> [0, 6, "EOS"]."""
    return [typed(part) for part in re.split(r"[;,]", text or "") if _text(part)]


# ----------------------------------------------------------------------------- editors

def exclude_editor(headers: list[str], lang: str) -> dict[str, list[str]]:
    """Rows to skip: a source column and the cell text that marks them (e.g. Status = Survey Preview)."""
    edited = _editor("exclude", lang, {
        "column": st.column_config.SelectboxColumn(t("rules.source_column", lang), options=headers, required=True),
        "text": st.column_config.TextColumn(t("rules.cell_text", lang), required=True),
    })
    rules: dict[str, list[str]] = {}
    for row in edited.to_dict("records"):
        column, text = _text(row.get("column")), _text(row.get("text"))
        if column and text:
            rules.setdefault(column, []).append(text)
    return rules


def values_editor(kind: str, lang: str) -> dict[str, dict]:
    """Cell texts to translate before parsing ("10 - Extremely likely" -> 10, "EOS" -> not answered)."""
    targets = ["*"] + [c for c in schema.TABLES[kind].column_names if c != "import_id"]
    edited = _editor("values", lang, {
        "column": st.column_config.SelectboxColumn(t("rules.target_column", lang), options=targets, required=True,
                                                   help=t("rules.any_column", lang)),
        "text": st.column_config.TextColumn(t("rules.cell_text", lang), required=True),
        "value": st.column_config.TextColumn(t("rules.becomes", lang), help=t("rules.empty_is_missing", lang)),
    })
    rules: dict[str, dict] = {}
    for row in edited.to_dict("records"):
        column, text = _text(row.get("column")) or "*", _text(row.get("text"))
        if text:
            rules.setdefault(column, {})[text] = typed(row.get("value"))
    return rules


def constants_editor(kind: str, lang: str) -> dict[str, object]:
    """The same value for every row (level, method, channel ...) when the file has no such column."""
    options = CONSTANT_COLUMNS.get(kind) or [c for c in schema.TABLES[kind].column_names if c != "import_id"]
    edited = _editor("constants", lang, {
        "column": st.column_config.SelectboxColumn(t("rules.target_column", lang), options=list(options),
                                                   required=True),
        "value": st.column_config.TextColumn(t("rules.value", lang), required=True),
    })
    return {_text(r.get("column")): _text(r.get("value")) for r in edited.to_dict("records")
            if _text(r.get("column")) and _text(r.get("value"))}


def wide_editor(headers: list[str], kind: str, lang: str) -> dict | None:
    """One column per touchpoint -> one row per respondent and touchpoint."""
    metrics = schema.CUSTOMER_METRICS if kind == "customer_responses" else schema.EMPLOYEE_METRICS
    if not st.toggle(t("wide.on", lang), key="upload_wide", help=t("wide.help", lang)):
        return None
    chosen = st.multiselect(t("wide.columns", lang), headers, key="upload_wide_columns",
                            placeholder=t("wide.columns_placeholder", lang))
    left, right = st.columns(2)
    metric = left.selectbox(t("wide.metric", lang), metrics, key="upload_wide_metric",
                            format_func=lambda m: t(f"metric.{m}", lang))
    missing = right.text_input(t("wide.missing", lang), key="upload_wide_missing", help=t("wide.missing_help", lang))
    names = _wide_names(chosen, lang)
    renamed = {source: name for source, name in names.items() if name and name != source}
    return {"value_columns": {s: names.get(s) or s for s in chosen} if renamed else list(chosen),
            "into": "touchpoint", "metric": metric, "missing_values": codes(missing)}


def _wide_names(chosen: list[str], lang: str) -> dict[str, str]:
    """Touchpoint name per chosen column: the header unless the user types another."""
    if not chosen:
        return {}
    current = base("wide_names")
    known = dict(zip(current["source"], current["name"], strict=True))
    if list(current["source"]) != chosen:
        base("wide_names", [{"source": s, "name": known.get(s, s)} for s in chosen])
    edited = _editor("wide_names", lang, {
        "source": st.column_config.TextColumn(t("wide.source", lang), disabled=True),
        "name": st.column_config.TextColumn(t("wide.name", lang)),
    }, dynamic=False)
    return {_text(r["source"]): _text(r.get("name")) for r in edited.to_dict("records")}


# ----------------------------------------------------------------------------- from a profile

def load_into_editors(profile: dict, headers: list[str], kind: str) -> None:
    """Put a loaded profile's rules into the editors and wide-layout widgets (only what fits this file)."""
    base("exclude", [{"column": c, "text": str(v)} for c, values in (profile.get("exclude") or {}).items()
                     for v in values])
    base("values", [{"column": c, "text": k, "value": "" if v is None else str(v)}
                    for c, mapping in (profile.get("values") or {}).items() for k, v in mapping.items()])
    base("constants", [{"column": c, "value": str(v)} for c, v in (profile.get("constants") or {}).items()])
    wide = profile.get("wide")
    st.session_state["upload_wide"] = bool(wide)
    if wide:
        columns = wide.get("value_columns") or []
        named = columns if isinstance(columns, dict) else {c: c for c in columns}
        named = {s: n for s, n in named.items() if s in headers}
        st.session_state["upload_wide_columns"] = list(named)
        base("wide_names", [{"source": s, "name": n} for s, n in named.items()])
        metrics = schema.CUSTOMER_METRICS if kind == "customer_responses" else schema.EMPLOYEE_METRICS
        if wide.get("metric") in metrics:
            st.session_state["upload_wide_metric"] = wide["metric"]
        st.session_state["upload_wide_missing"] = ", ".join(str(v) for v in wide.get("missing_values") or [])
