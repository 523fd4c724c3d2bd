"""Shared widgets for figures: tiles, tables and trend charts with interval bands.

Every page shows figures the same way: value, 95% interval and n, with
"too few answers" or "hidden" instead of a number where the minimums say so.
Uploaded text reaches the screen only as dataframe cells or tooltips.
"""
from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd
import streamlit as st

from cx import metrics as m
from cx import present
from cx.i18n import fmt_month, fmt_number, t

BAND_COLOR = "#9fc3de"
LINE_COLOR = "#1f5f8b"


def metric_tile(container, metric: str, row: dict | None, lang: str, label: str | None = None) -> None:
    """One headline figure with its n, interval and the change against the previous period."""
    label = label or t(f"metric.{metric}", lang)
    if row is None or row.get("status") != "ok":
        text = present.status_text(row.get("status", "too_few"), lang) if row else "–"
        n = row.get("n") if row else 0
        container.metric(label, "–", help=None)
        container.caption(f"{text} (n = {fmt_number(n or 0, lang)})" if n is not None else text)
        return
    delta = None
    if row.get("change") is not None and not pd.isna(row.get("change")):
        word = t("figure.significant_up" if row["change"] > 0 else "figure.significant_down", lang) \
            if row.get("significant") else t("figure.not_significant", lang)
        delta = f"{present.change_text(metric, row['change'], lang)} · {word}"
    container.metric(label, present.value_text(metric, row["value"], lang), delta=delta,
                     delta_color="normal" if row.get("significant") else "off",
                     delta_arrow="auto" if row.get("significant") else "off")
    container.caption(f"95% {present.interval_text(metric, row['low'], row['high'], lang)} · "
                      f"n = {fmt_number(row['n'], lang)}")


def figure_rows(table: pd.DataFrame, metric: str, by: Sequence[str], lang: str) -> pd.DataFrame:
    """A figure table as text columns for st.dataframe (plain text cells only)."""
    out = pd.DataFrame()
    for col in by:
        out[t(f"dim.{col}", lang)] = [_label(col, v, lang) for v in table[col]]
    out[t("figure.n", lang)] = [("–" if pd.isna(v) or v is None else fmt_number(v, lang)) for v in table["n"]]
    out[t(f"metric.{metric}", lang)] = [
        present.value_text(metric, r["value"], lang) if r["status"] == "ok" else present.status_text(r["status"], lang)
        for r in table.to_dict("records")]
    out[t("figure.interval", lang)] = [present.interval_text(metric, lo, hi, lang)
                                       for lo, hi in zip(table["low"], table["high"], strict=True)]
    if "change" in table.columns:
        out[t("figure.change", lang)] = [present.change_text(metric, c, lang) for c in table["change"]]
        out[t("figure.significant", lang)] = [t("figure.sig_yes" if s else "figure.sig_no", lang)
                                              if c is not None and not pd.isna(c) else "–"
                                              for s, c in zip(table["significant"], table["change"], strict=True)]
    return out


def _label(column: str, value, lang: str) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if column in ("level", "method"):
        return t(f"{column}.{value}", lang)
    if column == "month":
        return fmt_month(value, lang)
    if column == "quarter":
        return f"Q{(value.month - 1) // 3 + 1} {value.year}"
    return str(value)


def figure_table(table: pd.DataFrame, metric: str, by: Sequence[str], lang: str, key: str | None = None,
                 **kwargs):
    """st.dataframe of figures; extra kwargs (on_select, selection_mode) pass through."""
    return st.dataframe(figure_rows(table, metric, by, lang), hide_index=True, width="stretch",
                        key=key, **kwargs)


def trend_chart(table: pd.DataFrame, metric: str, lang: str, color: str | None = None,
                height: int = 220, title: str | None = None) -> alt.Chart:
    """Monthly or quarterly line with its 95% band; months under the minimum are gaps."""
    data = table.copy()
    data["label"] = [fmt_month(p, lang) for p in data["period"]]
    data["shown"] = [present.value_text(metric, v, lang) if s == "ok" else present.status_text(s, lang)
                     for v, s in zip(data["value"], data["status"], strict=True)]
    data["interval"] = [present.interval_text(metric, lo, hi, lang)
                        for lo, hi in zip(data["low"], data["high"], strict=True)]
    data["n_text"] = [("–" if pd.isna(n) else fmt_number(n, lang)) for n in data["n"]]
    data = data.drop(columns=["agg"], errors="ignore")
    spec = m.get(metric)
    y_title = t(f"metric.{metric}", lang)
    x = alt.X("period:T", title=None, axis=alt.Axis(format="%m/%Y" if lang == "fi" else "%b %Y"))
    tooltip = [alt.Tooltip("label:N", title=t("figure.period", lang)),
               alt.Tooltip("shown:N", title=y_title),
               alt.Tooltip("interval:N", title=t("figure.interval", lang)),
               alt.Tooltip("n_text:N", title="n")]
    scale = alt.Scale(domain=[spec.low, spec.high]) if spec.kind != "mean" else alt.Scale(zero=False)
    base = alt.Chart(data, height=height, title=title or "")
    colour = alt.Color(f"{color}:N", title=None) if color else alt.value(LINE_COLOR)
    band = base.mark_area(opacity=0.25, color=BAND_COLOR if not color else None).encode(
        x=x, y=alt.Y("low:Q", title=y_title, scale=scale), y2="high:Q",
        **({"color": colour} if color else {}))
    line = base.mark_line(point=True).encode(
        x=x, y=alt.Y("value:Q", scale=scale), color=colour, tooltip=tooltip)
    return (band + line).properties(width="container")


def no_data_notice(lang: str) -> None:
    st.info(t("filters.none_match", lang))


def page_path(url: str) -> str:
    """The page file for a url path, for st.page_link."""
    from cx.ui.frame import PAGES, ROOT

    return str(ROOT / next(file for _, file, _, u in PAGES if u == url))


def page_exists(url: str) -> bool:
    from pathlib import Path

    return Path(page_path(url)).exists()
