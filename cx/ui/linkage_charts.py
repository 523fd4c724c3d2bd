"""Charts and small sections of the customers-vs-employees page.

Calm on a projector: few colours, large unit labels, figures and intervals in
tooltips. Unit names reach the screen only as chart text and dataframe cells.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from cx import journey, linkage, present
from cx import metrics as m
from cx.i18n import fmt_number, fmt_signed, t
from cx.ui import data, figures

QUADRANT_COLORS = {"both_strong": "#1f5f8b", "staff_only": "#8c6bb1", "customers_only": "#3a9a8f",
                   "both_weak": "#d9822b", "unclear": "#9e9e9e"}
STATE_COLORS = {"ok": "#d7e9f5", "weak": "#f2b36b", "hidden": "#e4e4e4", "unknown": "#f5f5f5",
                "after": "#f7f7f7"}
MUTED = "#8a8a8a"
FONT = 14


def _figure_text(metric: str, value, low, high, n, lang: str) -> str:
    return t("figure.sentence", lang, value=present.value_text(metric, value, lang),
             interval=present.interval_text(metric, low, high, lang), n=fmt_number(n, lang))


def _padded(low: float, high: float, spec: m.Metric) -> list[float]:
    pad = max((high - low) * 0.12, 0.05 if spec.kind == "mean" else 2)
    return [max(spec.low, low - pad), min(spec.high, high + pad)]


def _tooltip(*pairs: tuple[str, str]) -> list[dict]:
    return [{"field": f, "type": "nominal", "title": title} for f, title in pairs]


def _q(field: str, **extra) -> dict:
    return {"field": field, "type": "quantitative", **extra}


def _n(field: str, **extra) -> dict:
    return {"field": field, "type": "nominal", **extra}


def scatter_chart(sc: linkage.Scatter, x_metric: str, y_metric: str, lang: str, height: int = 460) -> dict:
    """Units as labelled points, quadrant lines at the medians, faint 95% whiskers and the fitted line.

    A plain Vega-Lite spec (as figures.trend_chart): Altair spent about 0.1 s validating
    each layered chart, most of this page's render time.
    """
    pts = sc.points.to_dict("records")
    x_name, y_name = t(f"metric.{x_metric}", lang), t(f"metric.{y_metric}", lang)
    x_dom = _padded(min(min(p["x_low"], p["x"]) for p in pts), max(max(p["x_high"], p["x"]) for p in pts),
                    m.get(x_metric))
    y_dom = _padded(min(min(p["y_low"], p["y"]) for p in pts), max(max(p["y_high"], p["y"]) for p in pts),
                    m.get(y_metric))
    places = _label_places(pts, x_dom, y_dom, height)
    values = []
    for i, p in enumerate(pts):
        label_y, side = places[i]
        values.append({
            "unit": p["unit"], "quadrant": p["quadrant"], "label_y": label_y, "side": side,
            **{k: float(p[k]) for k in ("x", "x_low", "x_high", "y", "y_low", "y_high")},
            "x_text": _figure_text(x_metric, p["x"], p["x_low"], p["x_high"], p["x_n"], lang),
            "y_text": _figure_text(y_metric, p["y"], p["y_low"], p["y_high"], p["y_n"], lang),
            "q_text": t(f"linkage.quadrant.{p['quadrant']}", lang)})
    x_scale = {"domain": x_dom, "zero": False, "nice": False}
    y_scale = {"domain": y_dom, "zero": False, "nice": False}
    x, y = _q("x", title=x_name, scale=x_scale), _q("y", title=y_name, scale=y_scale)
    colour = _n("quadrant", legend=None, scale={"domain": list(QUADRANT_COLORS),
                                                "range": list(QUADRANT_COLORS.values())})
    tooltip = _tooltip(("unit", t("dim.unit", lang)), ("x_text", x_name), ("y_text", y_name),
                       ("q_text", t("linkage.quadrant", lang)))
    whisker = {"type": "rule", "opacity": 0.22, "color": MUTED}
    layers = [
        {"mark": whisker, "encoding": {"x": _q("x_low", title=x_name, scale=x_scale), "x2": {"field": "x_high"},
                                       "y": y}},
        {"mark": whisker, "encoding": {"x": x, "y": _q("y_low", title=y_name, scale=y_scale),
                                       "y2": {"field": "y_high"}}},
        {"mark": {"type": "circle", "size": 150, "opacity": 0.95},
         "encoding": {"x": x, "y": y, "color": colour, "tooltip": tooltip}},
    ]
    for side, align, dx in (("right", "left", 9), ("left", "right", -9)):
        layers.append({"transform": [{"filter": f"datum.side === '{side}'"}],
                       "mark": {"type": "text", "align": align, "dx": dx, "fontSize": FONT},
                       "encoding": {"x": x, "y": _q("label_y", title=y_name, scale=y_scale), "text": _n("unit"),
                                    "color": colour, "tooltip": tooltip}})
    layers += _median_lines(sc) + _corner_labels(x_dom, y_dom, lang) + _fit_line(sc, lang)
    return {"data": {"values": values}, "layer": layers, "height": height, "width": "container",
            "config": {"axis": {"labelFontSize": FONT, "titleFontSize": FONT}}}


def _label_places(pts: list[dict], x_dom: list, y_dom: list, height: int) -> dict[int, tuple[float, str]]:
    """Where each unit's label sits: right of its point, else left of it, else nudged down below the
    labels it would cover. Returns {position: (label_y in data units, side)}."""
    line = 17 * (y_dom[1] - y_dom[0]) / max(height - 60, 100)
    width = 0.15 * (x_dom[1] - x_dom[0])
    placed: list[tuple[float, float, float]] = []  # (left edge, right edge, y)

    def clashes(lo: float, hi: float, y: float) -> list[float]:
        return [py for a, b, py in placed if a < hi and lo < b and abs(py - y) < 0.99 * line]

    out = {}
    for i in sorted(range(len(pts)), key=lambda k: -pts[k]["y"]):
        x, y = float(pts[i]["x"]), float(pts[i]["y"])
        side = "right" if not clashes(x, x + width, y) or clashes(x - width, x, y) else "left"
        lo, hi = (x, x + width) if side == "right" else (x - width, x)
        while clash := clashes(lo, hi, y):
            y = min(clash) - line  # strictly below every clashing label, so this ends
        placed.append((lo, hi, y))
        out[i] = (y, side)
    return out


def _median_lines(sc: linkage.Scatter) -> list:
    if sc.x_median is None:
        return []
    data = {"values": [{"x": float(sc.x_median), "y": float(sc.y_median)}]}
    dash = {"type": "rule", "strokeDash": [4, 4], "color": MUTED, "opacity": 0.7}
    return [{"data": data, "mark": dash, "encoding": {"x": _q("x")}},
            {"data": data, "mark": dash, "encoding": {"y": _q("y")}}]


def _corner_labels(x_dom: list, y_dom: list, lang: str) -> list:
    corners = [(x_dom[1], y_dom[1], "both_strong", "right", "top"), (x_dom[1], y_dom[0], "staff_only", "right", "bottom"),
               (x_dom[0], y_dom[1], "customers_only", "left", "top"), (x_dom[0], y_dom[0], "both_weak", "left", "bottom")]
    return [{"data": {"values": [{"x": x, "y": y, "label": t(f"linkage.quadrant.{q}", lang)}]},
             "mark": {"type": "text", "align": align, "baseline": baseline, "dx": 6 if align == "left" else -6,
                      "dy": 6 if baseline == "top" else -6, "fontSize": FONT - 1, "fontStyle": "italic",
                      "color": QUADRANT_COLORS[q], "opacity": 0.8},
             "encoding": {"x": _q("x"), "y": _q("y"), "text": _n("label")}}
            for x, y, q, align, baseline in corners]


def _fit_line(sc: linkage.Scatter, lang: str) -> list:
    if sc.fit is None:
        return []
    xs = [float(sc.points["x"].min()), float(sc.points["x"].max())]
    name = t("linkage.fit", lang)
    values = [{"x": v, "y": sc.fit.intercept + sc.fit.slope * v, "name": name} for v in xs]
    return [{"data": {"values": values}, "mark": {"type": "line", "color": MUTED, "strokeWidth": 1.5, "opacity": 0.8},
             "encoding": {"x": _q("x"), "y": _q("y"), "tooltip": {"field": "name", "type": "nominal", "title": " "}}}]


def correlation_box(sc: linkage.Scatter, lang: str) -> None:
    """The two correlations with their intervals and the number of units, as plain lines."""
    st.metric(t("linkage.units_compared", lang), fmt_number(len(sc.points), lang))
    st.markdown(f"**{t('linkage.pearson', lang)}**")
    st.text(linkage.correlation_text(sc.pearson, lang))
    st.markdown(f"**{t('linkage.spearman', lang)}**")
    st.text(linkage.correlation_text(sc.spearman, lang))


# -- side by side --------------------------------------------------------------------------------

def _num(x) -> float | None:
    """A number for a chart spec: NaN and None become null (JSON has no NaN)."""
    return None if x is None or x != x else float(x)


def _cells(profile: list[dict], metrics_: tuple, lang: str) -> list[dict]:
    rows = []
    for rec in profile:
        for metric in metrics_:
            value, status = _num(rec[metric]), rec[f"{metric}__status"]
            note = present.status_text(status, lang) if status in ("too_few", "suppressed") else ""
            rows.append({"unit": rec["unit"], "metric": t(f"linkage.short.{metric}", lang), "value": value,
                         "text": present.value_text(metric, value, lang) if value is not None else "–",
                         "note": note})
    return rows


def _top_axis(size: int) -> dict:
    """Column labels above the cells, never dropped for overlapping."""
    return {"orient": "top", "labelAngle": 0, "labelFontSize": size, "labelOverlap": False, "labelLimit": 400,
            "labelPadding": 6, "domain": False, "ticks": False}


def _title(text: str) -> dict:
    return {"text": text, "fontSize": FONT + 1, "anchor": "start"}


def _heat(cells: list[dict], order: list[str], columns: list[str], title: str, lang: str, show_y: bool) -> dict:
    y = _n("unit", sort=order, title=None, axis={"labelFontSize": FONT, "labelLimit": 220} if show_y else None)
    x = _n("metric", sort=columns, title=None, axis=_top_axis(FONT - 2))
    tooltip = _tooltip(("unit", t("dim.unit", lang)), ("metric", " "), ("text", t("figure.value", lang)),
                       ("note", " "))
    colour = {"condition": {"test": "datum.value === null", "value": "#ececec"},
              **_q("value", legend=None, scale={"scheme": "redblue", "domain": [1, 5], "domainMid": 3})}
    return {"data": {"values": cells}, "title": _title(title), "width": {"step": 82}, "height": {"step": 34},
            "layer": [
                {"mark": {"type": "rect", "stroke": "white", "strokeWidth": 2},
                 "encoding": {"x": x, "y": y, "tooltip": tooltip, "color": colour}},
                {"mark": {"type": "text", "fontSize": FONT},
                 "encoding": {"x": x, "y": y, "text": _n("text"), "tooltip": tooltip}}]}


def profile_chart(profile: pd.DataFrame, lang: str) -> dict:
    """Employee environments and wellbeing beside the customer dimensions, then the gap, one row per unit."""
    records = profile.to_dict("records")
    order = [r["unit"] for r in records]
    emp = _heat(_cells(records, linkage.EMPLOYEE_SIDE, lang), order,
                [t(f"linkage.short.{x}", lang) for x in linkage.EMPLOYEE_SIDE], t("linkage.side.staff", lang),
                lang, True)
    cus = _heat(_cells(records, linkage.CUSTOMER_SIDE, lang), order,
                [t(f"linkage.short.{x}", lang) for x in linkage.CUSTOMER_SIDE], t("linkage.side.customers", lang),
                lang, False)
    gaps = []
    for r in records:
        gap = _num(r["gap"])
        gaps.append({"unit": r["unit"], "gap": gap, "sign": "up" if gap is not None and gap >= 0 else "down",
                     "text": fmt_signed(round(gap, 2) + 0.0, lang, 2) if gap is not None else "–"})
    return {"hconcat": [emp, cus, _gap_bars(gaps, order, lang)], "spacing": 18,
            "resolve": {"scale": {"color": "independent"}}, "config": {"view": {"stroke": None}}}


def _gap_bars(gaps: list[dict], order: list[str], lang: str) -> dict:
    """Bars from zero, each labelled at its end (room is left on both sides for the labels)."""
    widest = max([abs(g["gap"]) for g in gaps if g["gap"] is not None] + [0.1])
    spacer = {"orient": "top", "values": [0], "labelExpr": "' '", "ticks": False, "domain": False, "grid": False,
              "labelFontSize": FONT - 1, "labelPadding": 6}  # the same headroom as the heatmaps' labels
    x = _q("gap", title=None, axis=spacer, scale={"domain": [-2.2 * widest, 2.2 * widest], "nice": False})
    y = _n("unit", sort=order, title=None, axis=None)
    colour = _n("sign", legend=None, scale={"domain": ["up", "down"], "range": ["#8c6bb1", "#3a9a8f"]})
    layers = [{"mark": {"type": "bar", "opacity": 0.6, "height": 20}, "encoding": {"x": x, "y": y, "color": colour}},
              {"data": {"values": [{"gap": 0.0}]}, "mark": {"type": "rule", "color": MUTED}, "encoding": {"x": x}}]
    for sign, align, dx in (("up", "left", 4), ("down", "right", -4)):
        layers.append({"transform": [{"filter": f"datum.sign === '{sign}'"}],
                       "mark": {"type": "text", "align": align, "dx": dx, "fontSize": FONT},
                       "encoding": {"x": x, "y": y, "text": _n("text")}})
    return {"data": {"values": gaps}, "title": _title(t("linkage.side.gap", lang)), "width": 130,
            "height": {"step": 34}, "layer": layers}


# -- from vision to customer --------------------------------------------------------------------

def _chain_cells(chain: pd.DataFrame, lang: str) -> list[dict]:
    rows = []
    for rec in chain.to_dict("records"):
        broken = rec["break_step"] or 99
        for i, step in enumerate(linkage.STEPS, start=1):
            state = rec[f"{step}__step"]
            shade = "after" if i > broken and state != "hidden" else state
            if step == "customers":
                text, detail = _customer_step_text(rec, lang)
            else:
                text = detail = present.value_text(step, rec[step], lang) if rec[step] is not None else "–"
            rows.append({"unit": rec["unit"], "step": t(f"linkage.step.{step}", lang), "shade": shade,
                         "text": text, "detail": detail, "state": t(f"linkage.state.{state}", lang)})
    return rows


def _customer_step_text(rec: dict, lang: str) -> tuple[str, str]:
    """The cell text (the weak figure, else NPS) and the tooltip with all three customer figures."""
    parts = {x: f"{t(f'linkage.short.{x}', lang)} {present.value_text(x, rec[x], lang)}"
             for x in linkage.CHAIN_CUSTOMER if rec[x] is not None}
    lead = next((x for x in rec["customers__weak"] if x in parts), "nps")
    return parts.get(lead, "–"), " · ".join(parts.values()) or "–"


def chain_chart(chain: pd.DataFrame, lang: str) -> dict:
    steps = [t(f"linkage.step.{s}", lang) for s in linkage.STEPS]
    x = _n("step", sort=steps, title=None, axis=_top_axis(FONT - 1))
    y = _n("unit", sort=list(chain["unit"]), title=None, axis={"labelFontSize": FONT, "labelLimit": 220})
    tooltip = _tooltip(("unit", t("dim.unit", lang)), ("step", " "), ("detail", t("figure.value", lang)),
                       ("state", " "))
    colour = _n("shade", legend=None, scale={"domain": list(STATE_COLORS), "range": list(STATE_COLORS.values())})
    return {"data": {"values": _chain_cells(chain, lang)}, "width": "container", "height": {"step": 34},
            "config": {"view": {"stroke": None}},
            "layer": [{"mark": {"type": "rect", "stroke": "white", "strokeWidth": 3},
                       "encoding": {"x": x, "y": y, "tooltip": tooltip, "color": colour}},
                      {"mark": {"type": "text", "fontSize": FONT},
                       "encoding": {"x": x, "y": y, "text": _n("text"), "tooltip": tooltip}}]}


def chain_sentences(chain: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({t("dim.unit", lang): chain["unit"],
                         t("linkage.where_breaks", lang): [linkage.chain_sentence(r, lang)
                                                           for r in chain.to_dict("records")]})


# -- over time -------------------------------------------------------------------------------------

def _local_time(d) -> str:
    """A date as Vega reads it in the viewer's local time (a bare YYYY-MM-DD would be read as UTC)."""
    return pd.Timestamp(d).strftime("%Y-%m-%dT%H:%M:%S")


def _quarter_layers(table: pd.DataFrame, metric: str, lang: str, title: str, domain: list) -> dict:
    values = []
    for r in table.to_dict("records"):
        ok = r["status"] == "ok"
        values.append({
            "period": _local_time(r["period"]), "status": r["status"],
            "value": _num(r["value"]) if ok else None, "low": _num(r["low"]) if ok else None,
            "high": _num(r["high"]) if ok else None, "label": linkage.quarter_label(r["period"], lang),
            "shown": present.value_text(metric, r["value"], lang) if ok else present.status_text(r["status"], lang),
            "interval": present.interval_text(metric, r["low"], r["high"], lang),
            "n_text": "–" if r["n"] is None or pd.isna(r["n"]) else fmt_number(r["n"], lang)})
    scale = {"zero": False, "nice": True, "domain": _quarter_domain(values, m.get(metric))}
    y_axis = {"minExtent": 48, "maxExtent": 48, "labelFontSize": FONT - 1}
    x = {"field": "period", "type": "temporal", "title": None, "scale": {"domain": domain},
         "axis": {"format": "Q%q %Y" if lang != "fi" else "Q%q/%Y", "tickCount": {"interval": "month", "step": 3},
                  "labelFontSize": FONT - 1}}
    tooltip = _tooltip(("label", t("dim.quarter", lang)), ("shown", title), ("interval", t("figure.interval", lang)),
                       ("n_text", "n"))
    ok_only = [{"filter": "datum.status === 'ok'"}]
    return {"data": {"values": values}, "title": _title(title), "height": 230, "width": "container", "layer": [
        {"transform": ok_only, "mark": {"type": "area", "opacity": 0.25, "color": figures.BAND_COLOR},
         "encoding": {"x": x, "y": _q("low", title=None, scale=scale, axis=y_axis), "y2": {"field": "high"}}},
        {"transform": ok_only, "mark": {"type": "line", "point": {"size": 60}, "color": figures.LINE_COLOR},
         "encoding": {"x": x, "y": _q("value", scale=scale, axis=y_axis), "tooltip": tooltip}},
        {"transform": [{"filter": "datum.status !== 'ok'"}],
         "mark": {"type": "point", "shape": "cross", "size": 90, "color": MUTED, "filled": True},
         "encoding": {"x": x, "y": {"value": 10}, "tooltip": tooltip}}]}


def _quarter_domain(values: list[dict], spec: m.Metric) -> list[float]:
    """The y range the shown figures and their intervals need, within the metric's own range."""
    lows = [v["low"] for v in values if v["status"] == "ok" and v["low"] is not None]
    highs = [v["high"] for v in values if v["status"] == "ok" and v["high"] is not None]
    if not lows or not highs:
        return [spec.low, spec.high]
    return _padded(min(lows), max(highs), spec)


def over_time_charts(employee: pd.DataFrame, customer: pd.DataFrame, employee_metric: str,
                     customer_metric: str, window: tuple, lang: str) -> tuple[dict, dict]:
    """The unit's employee and customer quarters, for drawing one above the other on the same time axis
    (same x domain, same y-axis width, so the quarters line up)."""
    domain = [_local_time(window[0]), _local_time(linkage.quarter_start(window[1]))]
    top = _quarter_layers(employee, employee_metric, lang,
                          t("linkage.time.employees", lang, metric=t(f"metric.{employee_metric}", lang)), domain)
    bottom = _quarter_layers(customer, customer_metric, lang,
                             t("linkage.time.customers", lang, metric=t(f"metric.{customer_metric}", lang)), domain)
    return top, bottom


# -- sections ------------------------------------------------------------------------------------

def explain_missing(v: linkage.View, lag: int, lang: str) -> bool:
    """A plain sentence and a next step instead of empty charts; True when the page should stop."""
    if v.employee_answers == 0:
        st.info(t("linkage.no_employee_data", lang))
        st.write(t("linkage.no_employee_next", lang))
        if figures.page_exists("data"):
            st.page_link(figures.page_path("data"), label=t("linkage.go_data", lang), icon=":material/upload:")
        return True
    if v.customer.empty:
        figures.no_data_notice(lang)
        return True
    if v.employee.empty:
        start, end = v.employee_window
        st.info(t("linkage.no_employee_window", lang, q_start=linkage.quarter_label(start, lang),
                  q_end=linkage.quarter_label(linkage.quarter_start(end), lang)))
        return True
    return False


def with_unit_labels(view: linkage.View, workspace: str, lang: str) -> linkage.View:
    """The view with each unit shown by its label in this workspace and language (codes stay in the URL)."""
    from dataclasses import replace

    name = lambda unit: data.display_label(workspace, "unit", unit, lang)  # noqa: E731

    def relabel(frame: pd.DataFrame) -> pd.DataFrame:
        if "unit" not in frame.columns:
            return frame
        return frame.assign(unit=[u if u is None or (isinstance(u, float) and pd.isna(u)) else name(u)
                                  for u in frame["unit"]])

    scatter = replace(view.scatter, points=relabel(view.scatter.points))
    return replace(view, employee=relabel(view.employee), customer=relabel(view.customer), scatter=scatter,
                   profile=relabel(view.profile), chain=relabel(view.chain))


def across_units(sc: linkage.Scatter, employee: str, customer: str, minimums, lang: str) -> None:
    """Verdict first, then the scatter beside the two correlations, then who was left out and why."""
    box = st.success if sc.verdict in ("positive", "negative") else st.info
    box(linkage.verdict_text(sc, employee, customer, lang))
    chart_col, facts_col = st.columns([3, 1])
    with chart_col:
        if len(sc.points):
            figures.chart(st, scatter_chart(sc, employee, customer, lang), lang, width="stretch")
    with facts_col:
        correlation_box(sc, lang)
        for line in linkage.quadrant_lines(sc, lang):
            st.text(line)
        for sentence in linkage.left_out_text(sc, minimums, lang):
            st.caption(sentence)
    st.caption(t("linkage.how_split", lang))
    if len(sc.points):
        with st.expander(t("linkage.points_table", lang)):
            st.dataframe(linkage.points_table(sc, employee, customer, lang), hide_index=True, width="stretch")


def side_by_side(profile: pd.DataFrame, lang: str) -> None:
    figures.chart(st, profile_chart(profile, lang), lang, width="content")
    st.caption(t("linkage.side.caption", lang))


def vision_chain(chain: pd.DataFrame, lang: str) -> None:
    st.caption(t("linkage.chain.caption", lang, threshold=fmt_number(linkage.CHAIN_THRESHOLD, lang, 1)))
    figures.chart(st, chain_chart(chain, lang), lang, width="stretch")
    st.dataframe(chain_sentences(chain, lang), hide_index=True, width="stretch")


def unit_over_time(series: linkage.OverTime, unit: str | None, employee: str, customer: str, lag: int,
                   lang: str) -> None:
    if unit is None or series.window[0] is None:
        return
    for chart in over_time_charts(linkage.unit_series(series.employee, unit),
                                  linkage.unit_series(series.customer, unit), employee, customer, series.window, lang):
        figures.chart(st, chart, lang, width="stretch")
    st.caption(t(f"linkage.time.caption{lag}", lang))


# -- which driver weighs more --------------------------------------------------------------------

def difference_chart(comparison: linkage.DriverComparison, lang: str) -> dict:
    """Each pair's difference of shares with its 95% interval, around a line at zero (no difference)."""
    values = [{"pair": f"{t(f'metric.{p.first}', lang)} − {t(f'metric.{p.second}', lang)}",
               "diff": round(p.diff, 1), "low": round(p.low, 1), "high": round(p.high, 1),
               "text": linkage.difference_sentence(p, lang), "clear": bool(p.clear)}
              for p in comparison.differences]
    y = _n("pair", title=None, sort=None, axis={"labelFontSize": FONT, "labelLimit": 320})
    x = _q("diff", title=t("linkage.drivers.difference", lang))
    colour = {"condition": {"test": "datum.clear", "value": QUADRANT_COLORS["both_strong"]}, "value": MUTED}
    tooltip = _tooltip(("text", t("linkage.drivers.pair", lang)))
    return {"data": {"values": values}, "height": 60 * len(values) + 40, "width": "container", "layer": [
        {"data": {"values": [{"zero": 0}]}, "mark": {"type": "rule", "strokeDash": [4, 4], "color": MUTED},
         "encoding": {"x": _q("zero")}},
        {"mark": {"type": "rule", "strokeWidth": 3}, "encoding": {"y": y, "x": _q("low", title=x["title"]),
                                                                  "x2": {"field": "high"}, "color": colour,
                                                                  "tooltip": tooltip}},
        {"mark": {"type": "point", "filled": True, "size": 140}, "encoding": {"y": y, "x": x, "color": colour,
                                                                             "tooltip": tooltip}},
    ], "config": {"axis": {"labelFontSize": FONT, "titleFontSize": FONT}}}


def driver_panel(comparison: linkage.DriverComparison, lang: str) -> None:
    """The pairwise differences first (the question the room asks), then the shares they come from."""
    if comparison.status != "ok":
        st.info(t("linkage.drivers.too_few", lang, n=fmt_number(comparison.n, lang)))
        return
    st.caption(t("linkage.drivers.intro", lang, n=fmt_number(comparison.n, lang),
                 resamples=fmt_number(journey.DRIVER_RESAMPLES, lang)))
    for pair in comparison.differences:
        st.markdown("- " + linkage.difference_sentence(pair, lang))
    figures.chart(st, difference_chart(comparison, lang), lang, width="stretch")
    st.dataframe(pd.DataFrame({
        t("journey.driver", lang): [t(f"metric.{d.name}", lang) for d in comparison.drivers],
        t("linkage.drivers.share", lang): [f"{fmt_number(d.share, lang)} %" for d in comparison.drivers],
        t("figure.interval", lang): [f"{fmt_number(d.low, lang)} … {fmt_number(d.high, lang)}"
                                     for d in comparison.drivers]}), hide_index=True, width="stretch")

