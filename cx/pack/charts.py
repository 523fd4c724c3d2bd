"""Chart specs for slides: plain Vega-Lite, rendered offline to PNG (vl-convert) with the screen's locale."""
from __future__ import annotations

import pandas as pd

from cx import metrics as m
from cx import present
from cx.i18n import chart_locale, t

SLIDE_SCALE = 1.3  # slide text a little larger than the screen's 14 px


def journey_dots(table: pd.DataFrame, metric: str, name, lang: str) -> dict | None:
    """Each touchpoint's figure with its 95% interval, in journey order; red = significant drop."""
    shown = table[table["status"] == "ok"]
    if shown.empty:
        return None
    rows = []
    for r in shown.to_dict("records"):
        label = name("touchpoint", r["touchpoint"], lang)
        if (table["touchpoint"] == r["touchpoint"]).sum() > 1:
            label += " · " + t(f"method.{r['method']}", lang)
        rows.append({"row": label, "value": float(r["value"]), "low": float(r["low"]), "high": float(r["high"]),
                     "direction": r.get("direction") or "none",
                     "text": present.value_text(metric, r["value"], lang)})
    spec = m.get(metric)
    scale = {"domain": [spec.low, spec.high]} if spec.kind != "mean" else {"zero": False}
    y = {"field": "row", "type": "nominal", "sort": [r["row"] for r in rows], "title": None,
         "axis": {"labelLimit": 360}}
    colour = {"field": "direction", "type": "nominal", "legend": None,
              "scale": {"domain": ["down", "up", "same", "none"], "range": ["#b42318", "#1e7b45", "#4b5563", "#4b5563"]}}
    return {
        "width": 820, "height": {"step": 30}, "data": {"values": rows},
        "layer": [
            {"mark": {"type": "rule", "strokeWidth": 3},
             "encoding": {"y": y, "x": {"field": "low", "type": "quantitative", "scale": scale,
                                        "title": t(f"metric.{metric}", lang)},
                          "x2": {"field": "high"}, "color": colour}},
            {"mark": {"type": "point", "filled": True, "size": 180},
             "encoding": {"y": y, "x": {"field": "value", "type": "quantitative"}, "color": colour}},
            {"mark": {"type": "text", "align": "left", "dx": 12, "dy": -10},
             "encoding": {"y": y, "x": {"field": "value", "type": "quantitative"}, "text": {"field": "text"}}},
        ],
    }


def png(spec: dict, lang: str) -> bytes:
    """The chart as PNG bytes, drawn offline (no fonts or scripts fetched)."""
    import vl_convert

    full = chart_locale.with_config(chart_locale.readable_text_marks(spec), lang, SLIDE_SCALE)
    return vl_convert.vegalite_to_png(full, scale=2)
