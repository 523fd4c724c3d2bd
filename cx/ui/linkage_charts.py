"""Charts and small sections of the customers-vs-employees page.

Calm on a projector: few colours, large unit labels, figures and intervals in
tooltips. Unit names reach the screen only as chart text and dataframe cells.
"""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from cx import linkage, present
from cx import metrics as m
from cx.i18n import fmt_number, fmt_signed, t
from cx.ui import figures

QUADRANT_COLORS = {"both_strong": "#1f5f8b", "staff_only": "#8c6bb1", "customers_only": "#3a9a8f",
                   "both_weak": "#d9822b"}
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


def scatter_chart(sc: linkage.Scatter, x_metric: str, y_metric: str, lang: str, height: int = 460):
    """Units as labelled points, quadrant lines at the medians, faint 95% whiskers and the fitted line."""
    pts = sc.points.copy()
    x_name, y_name = t(f"metric.{x_metric}", lang), t(f"metric.{y_metric}", lang)
    pts["x_text"] = [_figure_text(x_metric, r.x, r.x_low, r.x_high, r.x_n, lang) for r in pts.itertuples()]
    pts["y_text"] = [_figure_text(y_metric, r.y, r.y_low, r.y_high, r.y_n, lang) for r in pts.itertuples()]
    pts["q_text"] = [t(f"linkage.quadrant.{q}", lang) for q in pts["quadrant"]]
    x_dom = _padded(min(pts["x_low"].min(), pts["x"].min()), max(pts["x_high"].max(), pts["x"].max()),
                    m.get(x_metric))
    y_dom = _padded(min(pts["y_low"].min(), pts["y"].min()), max(pts["y_high"].max(), pts["y"].max()),
                    m.get(y_metric))
    pts = pts.join(_label_places(pts, x_dom, y_dom, height))
    x_scale = alt.Scale(domain=x_dom, zero=False, nice=False)
    y_scale = alt.Scale(domain=y_dom, zero=False, nice=False)
    x, y = alt.X("x:Q", title=x_name, scale=x_scale), alt.Y("y:Q", title=y_name, scale=y_scale)
    colour = alt.Color("quadrant:N", legend=None, scale=alt.Scale(domain=list(QUADRANT_COLORS),
                                                                  range=list(QUADRANT_COLORS.values())))
    tooltip = [alt.Tooltip("unit:N", title=t("dim.unit", lang)), alt.Tooltip("x_text:N", title=x_name),
               alt.Tooltip("y_text:N", title=y_name), alt.Tooltip("q_text:N", title=t("linkage.quadrant", lang))]
    base = alt.Chart(pts)
    layers = [
        base.mark_rule(opacity=0.22, color=MUTED).encode(x=alt.X("x_low:Q", scale=x_scale, title=x_name),
                                                         x2="x_high:Q", y=y),
        base.mark_rule(opacity=0.22, color=MUTED).encode(x=x, y=alt.Y("y_low:Q", scale=y_scale, title=y_name),
                                                         y2="y_high:Q"),
        base.mark_circle(size=150, opacity=0.95).encode(x=x, y=y, color=colour, tooltip=tooltip),
    ]
    for side, align, dx in (("right", "left", 9), ("left", "right", -9)):
        layers.append(base.transform_filter(alt.datum.side == side).mark_text(align=align, dx=dx, fontSize=FONT).encode(
            x=x, y=alt.Y("label_y:Q", scale=y_scale, title=y_name), text="unit:N", color=colour, tooltip=tooltip))
    layers += _median_lines(sc) + _corner_labels(x_dom, y_dom, lang) + _fit_line(sc, x_dom, lang)
    return alt.layer(*layers).properties(height=height, width="container").configure_axis(
        labelFontSize=FONT, titleFontSize=FONT)


def _label_places(pts: pd.DataFrame, x_dom: list, y_dom: list, height: int) -> pd.DataFrame:
    """Where each unit's label sits: right of its point, else left of it, else nudged down below the
    labels it would cover. Returns `label_y` (data units) and `side` per point."""
    line = 17 * (y_dom[1] - y_dom[0]) / max(height - 60, 100)
    width = 0.15 * (x_dom[1] - x_dom[0])
    placed: list[tuple[float, float, float]] = []  # (left edge, right edge, y)

    def clashes(lo: float, hi: float, y: float) -> list[float]:
        return [py for a, b, py in placed if a < hi and lo < b and abs(py - y) < 0.99 * line]

    rows = []
    for i in pts.sort_values("y", ascending=False).index:
        x, y = pts.at[i, "x"], pts.at[i, "y"]
        side = "right" if not clashes(x, x + width, y) or clashes(x - width, x, y) else "left"
        lo, hi = (x, x + width) if side == "right" else (x - width, x)
        while clash := clashes(lo, hi, y):
            y = min(clash) - line  # strictly below every clashing label, so this ends
        placed.append((lo, hi, y))
        rows.append((i, y, side))
    return pd.DataFrame([(y, side) for _, y, side in rows], index=[i for i, _, _ in rows],
                        columns=["label_y", "side"])


def _median_lines(sc: linkage.Scatter) -> list:
    if sc.x_median is None:
        return []
    rules = pd.DataFrame({"x": [sc.x_median], "y": [sc.y_median]})
    dash = {"strokeDash": [4, 4], "color": MUTED, "opacity": 0.7}
    return [alt.Chart(rules).mark_rule(**dash).encode(x="x:Q"), alt.Chart(rules).mark_rule(**dash).encode(y="y:Q")]


def _corner_labels(x_dom: list, y_dom: list, lang: str) -> list:
    corners = pd.DataFrame([
        {"x": x_dom[1], "y": y_dom[1], "q": "both_strong", "align": "right", "baseline": "top"},
        {"x": x_dom[1], "y": y_dom[0], "q": "staff_only", "align": "right", "baseline": "bottom"},
        {"x": x_dom[0], "y": y_dom[1], "q": "customers_only", "align": "left", "baseline": "top"},
        {"x": x_dom[0], "y": y_dom[0], "q": "both_weak", "align": "left", "baseline": "bottom"},
    ])
    corners["label"] = [t(f"linkage.quadrant.{q}", lang) for q in corners["q"]]
    out = []
    for rec in corners.to_dict("records"):
        out.append(alt.Chart(pd.DataFrame([rec])).mark_text(
            align=rec["align"], baseline=rec["baseline"], dx=6 if rec["align"] == "left" else -6,
            dy=6 if rec["baseline"] == "top" else -6, fontSize=FONT - 1, fontStyle="italic",
            color=QUADRANT_COLORS[rec["q"]], opacity=0.8).encode(x="x:Q", y="y:Q", text="label:N"))
    return out


def _fit_line(sc: linkage.Scatter, x_dom: list, lang: str) -> list:
    if sc.fit is None:
        return []
    xs = [sc.points["x"].min(), sc.points["x"].max()]
    line = pd.DataFrame({"x": xs, "y": [sc.fit.intercept + sc.fit.slope * v for v in xs],
                         "name": t("linkage.fit", lang)})
    return [alt.Chart(line).mark_line(color=MUTED, strokeWidth=1.5, opacity=0.8).encode(
        x="x:Q", y="y:Q", tooltip=alt.Tooltip("name:N", title=" "))]


def correlation_box(sc: linkage.Scatter, lang: str) -> None:
    """The two correlations with their intervals and the number of units, as plain lines."""
    st.metric(t("linkage.units_compared", lang), fmt_number(len(sc.points), lang))
    st.markdown(f"**{t('linkage.pearson', lang)}**")
    st.text(linkage.correlation_text(sc.pearson, lang))
    st.markdown(f"**{t('linkage.spearman', lang)}**")
    st.text(linkage.correlation_text(sc.spearman, lang))


# -- side by side --------------------------------------------------------------------------------

def _cells(profile: pd.DataFrame, metrics_: tuple, lang: str) -> pd.DataFrame:
    rows = []
    for rec in profile.to_dict("records"):
        for metric in metrics_:
            value, status = rec[metric], rec[f"{metric}__status"]
            note = present.status_text(status, lang) if status in ("too_few", "suppressed") else ""
            rows.append({"unit": rec["unit"], "metric": t(f"linkage.short.{metric}", lang), "value": value,
                         "text": present.value_text(metric, value, lang) if value is not None else "–",
                         "note": note})
    return pd.DataFrame(rows)


def _top_axis(size: int) -> alt.Axis:
    """Column labels above the cells, never dropped for overlapping."""
    return alt.Axis(orient="top", labelAngle=0, labelFontSize=size, labelOverlap=False, labelLimit=400,
                    labelPadding=6, domain=False, ticks=False)


def _heat(cells: pd.DataFrame, order: list[str], columns: list[str], title: str, lang: str, show_y: bool):
    y = alt.Y("unit:N", sort=order, title=None, axis=alt.Axis(labelFontSize=FONT, labelLimit=220) if show_y
              else None)
    x = alt.X("metric:N", sort=columns, title=None, axis=_top_axis(FONT - 2))
    base = alt.Chart(cells, title=alt.Title(title, fontSize=FONT + 1, anchor="start"))
    tooltip = [alt.Tooltip("unit:N", title=t("dim.unit", lang)), alt.Tooltip("metric:N", title=" "),
               alt.Tooltip("text:N", title=t("figure.value", lang)), alt.Tooltip("note:N", title=" ")]
    rect = base.mark_rect(stroke="white", strokeWidth=2).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.condition("datum.value === null", alt.value("#ececec"), alt.Color(
            "value:Q", legend=None, scale=alt.Scale(scheme="redblue", domain=[1, 5], domainMid=3))))
    text = base.mark_text(fontSize=FONT).encode(x=x, y=y, text="text:N", tooltip=tooltip)
    return (rect + text).properties(width=alt.Step(82))


def profile_chart(profile: pd.DataFrame, lang: str):
    """Employee environments and wellbeing beside the customer dimensions, then the gap, one row per unit."""
    order = list(profile["unit"])
    height = alt.Step(34)
    emp = _heat(_cells(profile, linkage.EMPLOYEE_SIDE, lang), order,
                [t(f"linkage.short.{x}", lang) for x in linkage.EMPLOYEE_SIDE], t("linkage.side.staff", lang),
                lang, True)
    cus = _heat(_cells(profile, linkage.CUSTOMER_SIDE, lang), order,
                [t(f"linkage.short.{x}", lang) for x in linkage.CUSTOMER_SIDE], t("linkage.side.customers", lang),
                lang, False)
    gaps = profile[["unit", "gap"]].copy()
    gaps["text"] = [fmt_signed(round(g, 2) + 0.0, lang, 2) if pd.notna(g) else "–" for g in gaps["gap"]]
    gaps["sign"] = ["up" if pd.notna(g) and g >= 0 else "down" for g in gaps["gap"]]
    return alt.hconcat(emp.properties(height=height), cus.properties(height=height),
                       _gap_bars(gaps, order, lang).properties(height=height),
                       spacing=18).resolve_scale(color="independent").configure_view(stroke=None)


def _gap_bars(gaps: pd.DataFrame, order: list[str], lang: str):
    """Bars from zero, each labelled at its end (room is left on both sides for the labels)."""
    widest = max(float(gaps["gap"].abs().max()) if gaps["gap"].notna().any() else 0.0, 0.1)
    spacer = alt.Axis(orient="top", values=[0], labelExpr="' '", ticks=False, domain=False, grid=False,
                      labelFontSize=FONT - 1, labelPadding=6)  # the same headroom as the heatmaps' labels
    x = alt.X("gap:Q", title=None, axis=spacer, scale=alt.Scale(domain=[-2.2 * widest, 2.2 * widest], nice=False))
    y = alt.Y("unit:N", sort=order, title=None, axis=None)
    colour = alt.Color("sign:N", legend=None, scale=alt.Scale(domain=["up", "down"], range=["#8c6bb1", "#3a9a8f"]))
    base = alt.Chart(gaps, title=alt.Title(t("linkage.side.gap", lang), fontSize=FONT + 1, anchor="start"))
    layers = [base.mark_bar(opacity=0.6, height=20).encode(x=x, y=y, color=colour),
              alt.Chart(pd.DataFrame({"gap": [0.0]})).mark_rule(color=MUTED).encode(x=x)]
    for sign, align, dx in (("up", "left", 4), ("down", "right", -4)):
        layers.append(base.transform_filter(alt.datum.sign == sign).mark_text(align=align, dx=dx, fontSize=FONT)
                      .encode(x=x, y=y, text="text:N"))
    return alt.layer(*layers).properties(width=130)


# -- from vision to customer --------------------------------------------------------------------

def _chain_cells(chain: pd.DataFrame, lang: str) -> pd.DataFrame:
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
    return pd.DataFrame(rows)


def _customer_step_text(rec: dict, lang: str) -> tuple[str, str]:
    """The cell text (the weak figure, else NPS) and the tooltip with all three customer figures."""
    parts = {x: f"{t(f'linkage.short.{x}', lang)} {present.value_text(x, rec[x], lang)}"
             for x in linkage.CHAIN_CUSTOMER if rec[x] is not None}
    lead = next((x for x in rec["customers__weak"] if x in parts), "nps")
    return parts.get(lead, "–"), " · ".join(parts.values()) or "–"


def chain_chart(chain: pd.DataFrame, lang: str):
    cells = _chain_cells(chain, lang)
    steps = [t(f"linkage.step.{s}", lang) for s in linkage.STEPS]
    x = alt.X("step:N", sort=steps, title=None, axis=_top_axis(FONT - 1))
    y = alt.Y("unit:N", title=None, sort=list(chain["unit"]), axis=alt.Axis(labelFontSize=FONT, labelLimit=220))
    tooltip = [alt.Tooltip("unit:N", title=t("dim.unit", lang)), alt.Tooltip("step:N", title=" "),
               alt.Tooltip("detail:N", title=t("figure.value", lang)), alt.Tooltip("state:N", title=" ")]
    base = alt.Chart(cells)
    rect = base.mark_rect(stroke="white", strokeWidth=3).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("shade:N", legend=None, scale=alt.Scale(domain=list(STATE_COLORS),
                                                                range=list(STATE_COLORS.values()))))
    text = base.mark_text(fontSize=FONT).encode(x=x, y=y, text="text:N", tooltip=tooltip)
    return (rect + text).properties(width="container", height=alt.Step(34)).configure_view(stroke=None)


def chain_sentences(chain: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({t("dim.unit", lang): chain["unit"],
                         t("linkage.where_breaks", lang): [linkage.chain_sentence(r, lang)
                                                           for r in chain.to_dict("records")]})


# -- over time -------------------------------------------------------------------------------------

def _quarter_layers(table: pd.DataFrame, metric: str, lang: str, title: str, domain: list):
    data = table.copy()
    data["label"] = [linkage.quarter_label(p, lang) for p in data["period"]]
    data["shown"] = [present.value_text(metric, v, lang) if s == "ok" else present.status_text(s, lang)
                     for v, s in zip(data["value"], data["status"], strict=True)]
    data["interval"] = [present.interval_text(metric, lo, hi, lang)
                        for lo, hi in zip(data["low"], data["high"], strict=True)]
    data["n_text"] = ["–" if n is None or pd.isna(n) else fmt_number(n, lang) for n in data["n"]]
    data["period"] = pd.to_datetime(data["period"])
    spec = m.get(metric)
    scale = alt.Scale(zero=False, nice=True, domain=_quarter_domain(data, spec))
    y_axis = alt.Axis(minExtent=48, maxExtent=48, labelFontSize=FONT - 1)
    x = alt.X("period:T", title=None, scale=alt.Scale(domain=domain),
              axis=alt.Axis(format="Q%q %Y" if lang != "fi" else "Q%q/%Y", tickCount={"interval": "month",
                                                                                      "step": 3},
                            labelFontSize=FONT - 1))
    tooltip = [alt.Tooltip("label:N", title=t("dim.quarter", lang)), alt.Tooltip("shown:N", title=title),
               alt.Tooltip("interval:N", title=t("figure.interval", lang)), alt.Tooltip("n_text:N", title="n")]
    ok = alt.Chart(data).transform_filter("datum.status === 'ok'")
    band = ok.mark_area(opacity=0.25, color=figures.BAND_COLOR).encode(
        x=x, y=alt.Y("low:Q", title=None, scale=scale, axis=y_axis), y2="high:Q")
    line = ok.mark_line(point=alt.OverlayMarkDef(size=60), color=figures.LINE_COLOR).encode(
        x=x, y=alt.Y("value:Q", scale=scale, axis=y_axis), tooltip=tooltip)
    missing = alt.Chart(data).transform_filter("datum.status !== 'ok'").mark_point(
        shape="cross", size=90, color=MUTED, filled=True).encode(x=x, y=alt.value(10), tooltip=tooltip)
    return (band + line + missing).properties(title=alt.Title(title, fontSize=FONT + 1, anchor="start"),
                                              height=230, width="container")


def _quarter_domain(data: pd.DataFrame, spec: m.Metric) -> list[float]:
    """The y range the shown figures and their intervals need, within the metric's own range."""
    shown = data[data["status"] == "ok"]
    if shown.empty:
        return [spec.low, spec.high]
    low, high = float(shown["low"].astype(float).min()), float(shown["high"].astype(float).max())
    return _padded(low, high, spec)


def over_time_charts(employee: pd.DataFrame, customer: pd.DataFrame, employee_metric: str,
                     customer_metric: str, window: tuple, lang: str) -> tuple:
    """The unit's employee and customer quarters, for drawing one above the other on the same time axis
    (same x domain, same y-axis width, so the quarters line up)."""
    domain = [pd.Timestamp(window[0]).isoformat(), pd.Timestamp(linkage.quarter_start(window[1])).isoformat()]
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


def across_units(sc: linkage.Scatter, employee: str, customer: str, minimums, lang: str) -> None:
    """Verdict first, then the scatter beside the two correlations, then who was left out and why."""
    box = st.success if sc.verdict in ("positive", "negative") else st.info
    box(linkage.verdict_text(sc, employee, customer, lang))
    chart_col, facts_col = st.columns([3, 1])
    with chart_col:
        if len(sc.points):
            st.altair_chart(scatter_chart(sc, employee, customer, lang), width="stretch")
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
    st.altair_chart(profile_chart(profile, lang), width="content")
    st.caption(t("linkage.side.caption", lang))


def vision_chain(chain: pd.DataFrame, lang: str) -> None:
    st.caption(t("linkage.chain.caption", lang, threshold=fmt_number(linkage.CHAIN_THRESHOLD, lang, 1)))
    st.altair_chart(chain_chart(chain, lang), width="stretch")
    st.dataframe(chain_sentences(chain, lang), hide_index=True, width="stretch")


def unit_over_time(series: linkage.OverTime, unit: str | None, employee: str, customer: str, lag: int,
                   lang: str) -> None:
    if unit is None or series.window[0] is None:
        return
    for chart in over_time_charts(linkage.unit_series(series.employee, unit),
                                  linkage.unit_series(series.customer, unit), employee, customer, series.window, lang):
        st.altair_chart(chart, width="stretch")
    st.caption(t(f"linkage.time.caption{lag}", lang))
