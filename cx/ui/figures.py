"""Shared widgets for figures: tiles, tables and trend charts with interval bands.

Every page shows figures the same way: value, 95% interval and n, with
"too few answers" or "hidden" instead of a number where the minimums say so.
Uploaded text reaches the screen only as dataframe cells or tooltips.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from cx import metrics as m
from cx import present
from cx.i18n import chart_locale, data_labels, fmt_month, fmt_number, t

BAND_COLOR = "#9fc3de"
LINE_COLOR = "#1f5f8b"


def pooled_note(row: dict | None, lang: str, name=None) -> str | None:
    """"weighted by contact volume", or why a pooled figure is the plain one (cx.overview.pooled_note)."""
    from cx import overview

    return overview.pooled_note(row, lang, name)


def label_of(workspace: str, kind: str, lang: str):
    """value -> the workspace's display label for a stored value of `kind` in `lang`."""
    from cx.ui import data

    return lambda value: data.display_label(workspace, kind, value, lang)


def comparisons_caption(container, count: int, lang: str) -> None:
    """How many changes the view holds and that they are flagged after the many-comparisons correction."""
    key = "many.count" if count > 1 else "many.one" if count == 1 else "many.none"
    container.caption(t(key, lang, n=fmt_number(count, lang)))


def metric_tile(container, metric: str, row: dict | None, lang: str, label: str | None = None,
                note: str | None = None) -> None:
    """One headline figure with its n, interval and the change against the previous period (`note`: how it pools)."""
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
    color, arrow = present.change_style(row.get("change"), bool(row.get("significant")))
    container.metric(label, present.value_text(metric, row["value"], lang), delta=delta,
                     delta_color=color, delta_arrow=arrow)
    container.caption(f"95% {present.interval_text(metric, row['low'], row['high'], lang)} · "
                      f"n = {fmt_number(row['n'], lang)}" + (f" · {note}" if note else ""))


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
    if column in data_labels.KINDS:
        from cx.ui import data

        return data.display_label(st.session_state.get("ws") or _default_workspace(), column, value, lang)
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


def trend_chart(table: pd.DataFrame, metric: str, lang: str, height: int = 220, title: str | None = None,
                y_title: bool = True) -> dict:
    """Monthly or quarterly line with its 95% band, as a Vega-Lite spec; months under the minimum are gaps.

    Written as a plain spec rather than with Altair: pages draw many small trends and
    Altair's per-chart validation cost about 0.1 s each.
    """
    spec = m.get(metric)
    y_label = t(f"metric.{metric}", lang)
    values = []
    for r in table.to_dict("records"):
        ok = r["status"] == "ok"
        values.append({
            "period": pd.Timestamp(r["period"]).strftime("%Y-%m-%d"),
            "value": _num(r["value"]) if ok else None, "low": _num(r["low"]) if ok else None,
            "high": _num(r["high"]) if ok else None,
            "label": fmt_month(r["period"], lang),
            "shown": present.value_text(metric, r["value"], lang) if ok else present.status_text(r["status"], lang),
            "interval": present.interval_text(metric, r["low"], r["high"], lang),
            "n_text": "–" if r["n"] is None or pd.isna(r["n"]) else fmt_number(r["n"], lang)})
    scale = {"domain": [spec.low, spec.high]} if spec.kind != "mean" else {"zero": False}
    tooltip = [{"field": "label", "type": "nominal", "title": t("figure.period", lang)},
               {"field": "shown", "type": "nominal", "title": y_label},
               {"field": "interval", "type": "nominal", "title": t("figure.interval", lang)},
               {"field": "n_text", "type": "nominal", "title": "n"}]
    # Ticks on whole months: left to itself Vega put two ticks in one month ("Nov 2025, Nov 2025").
    x = {"field": "period", "type": "temporal", "title": None,
         "axis": {"format": chart_locale.MONTH_AXIS_FORMAT, "labelOverlap": True,
                  "tickCount": {"interval": "month", "step": 1}}}
    chart = {
        "height": height, "data": {"values": values}, "encoding": {"x": x},
        "layer": [
            {"mark": {"type": "area", "opacity": 0.25, "color": BAND_COLOR},
             "encoding": {"y": {"field": "low", "type": "quantitative", "title": y_label if y_title else None,
                                "scale": scale},
                          "y2": {"field": "high"}}},
            {"mark": {"type": "line", "point": True, "color": LINE_COLOR},
             "encoding": {"y": {"field": "value", "type": "quantitative", "scale": scale}, "tooltip": tooltip}},
        ],
    }
    if title:
        chart["title"] = title
    return chart


def chart(container, spec: dict, lang: str, **kwargs):
    """Draw a Vega-Lite spec the cx way: numbers and dates by locale, text at least 14 px in 4.5:1 contrast.

    Every chart on every page goes through here (a test finds any other `vega_lite_chart`
    call), so a new page's charts read the same on a projector and in Finnish.
    """
    from cx.ui import present_mode

    spec = chart_locale.readable_text_marks(inline_rows(spec))
    return container.vega_lite_chart(chart_locale.with_config(spec, lang, present_mode.type_scale()), **kwargs)


def inline_rows(spec: dict) -> dict:
    """The spec with its top-level `data.values` moved into each layer that has no data of its own.

    Streamlit turns top-level rows into an Arrow table (through pandas, a few milliseconds a
    chart) but leaves rows inside layers in the spec's JSON, which for the few dozen rows of a
    small chart is cheaper. The rows must be JSON-safe (None, never NaN). A spec without
    layers (a facet, a single mark) comes back unchanged.
    """
    data = spec.get("data")
    if "layer" not in spec or not isinstance(data, dict) or "values" not in data:
        return spec
    data = {**data, "values": [_json_safe(row) for row in data["values"]]}
    layers = [layer if "data" in layer else {"data": data, **layer} for layer in spec["layer"]]
    return {key: value for key, value in spec.items() if key != "data"} | {"layer": layers}


def _json_safe(row):
    """A data row with NaN as None: rows inside the spec travel as JSON, which has no NaN."""
    if not isinstance(row, dict):
        return row
    return {k: None if isinstance(v, float) and v != v else v for k, v in row.items()}


def _num(x):
    return None if x is None or pd.isna(x) else float(x)


def _default_workspace() -> str:
    from cx.ui import state

    return state.default_workspace()


def no_data_notice(lang: str) -> None:
    st.info(t("filters.none_match", lang))


def page_path(url: str) -> str:
    """The page file for a url path, for st.page_link."""
    from cx.ui.frame import PAGES, ROOT

    return str(ROOT / next(file for _, file, _, u in PAGES if u == url))


def page_exists(url: str) -> bool:
    from pathlib import Path

    return Path(page_path(url)).exists()
