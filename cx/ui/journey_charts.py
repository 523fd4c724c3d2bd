"""The journey explorer's charts, tables and the chart <-> list selection sync.

Touchpoint names, units and comments are data: they reach the screen only as
chart marks/axes/tooltips (drawn by Vega, never as HTML) and `st.dataframe`
cells. The touchpoint chosen by a click on the map or a heatmap cell and the
one chosen in the list beside the map are the same session_state value,
`tp` (kept in the URL by cx.ui.state); the chart callbacks write it before the page reruns.

Charts are plain Vega-Lite specs (dicts) drawn with st.vega_lite_chart: Altair
spent about 0.1 s validating each chart on every rerun. Selections are named
`params` (hoisted to the top with `views`, as Altair writes them), so the chart
callbacks read `selection["tp"]` and `selection["cell"]` as before.
"""
from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from cx import journey, present, queries
from cx import metrics as m
from cx.i18n import fmt_date, fmt_number, t
from cx.ui import data, figures, state

ALL = ""  # the list twin's "all touchpoints" choice
TOUCHPOINT_KEY, CELL_KEY, PAGE_KEY = "tp", "journey_cell", "journey_page"
MAP_CHART_KEY, HEAT_CHART_KEY = "journey_map_chart", "journey_heat_chart"
MAP_POINTS, HEAT_CELLS = "journey_map_points", "journey_heat_cells"  # the views the selections live in
DIRECTION_COLOURS = {"down": "#c0392b", "up": "#1e8449", "same": "#7f8c8d", "none": "#bdc3c7"}
METHOD_SHAPES = {"survey": "circle", "mystery_shopping": "diamond", "interview": "triangle-up"}
TOO_FEW_FILL = "#e5e7eb"


# --- selection sync ------------------------------------------------------------

def _selected(chart_key: str, param: str) -> list[dict]:
    state = st.session_state.get(chart_key)
    try:
        return list(state.selection.get(param) or [])
    except AttributeError:
        return []


def on_map_click() -> None:
    """A click on a map dot narrows the page to that touchpoint (clicking empty space widens it again)."""
    picked = _selected(MAP_CHART_KEY, "tp")
    state.set_view(TOUCHPOINT_KEY, picked[0]["touchpoint"] if picked else ALL)
    st.session_state.pop(CELL_KEY, None)
    st.session_state[PAGE_KEY] = 1


def on_heat_click() -> None:
    """A click on a heatmap cell narrows to its touchpoint and to the cell's group."""
    picked = _selected(HEAT_CHART_KEY, "cell")
    if picked:
        state.set_view(TOUCHPOINT_KEY, picked[0]["touchpoint"])
        st.session_state[CELL_KEY] = (st.session_state.get("dim"), picked[0]["cell"])
    else:
        state.set_view(TOUCHPOINT_KEY, ALL)
        st.session_state.pop(CELL_KEY, None)
    st.session_state[PAGE_KEY] = 1


def on_list_change() -> None:
    st.session_state.pop(CELL_KEY, None)
    st.session_state[PAGE_KEY] = 1


def touchpoint_list(container, touchpoints: list[str], lang: str) -> str:
    """The widget twin of the chart clicks: a selectbox of touchpoints in journey order."""
    options = [ALL, *touchpoints]
    if st.session_state.get(TOUCHPOINT_KEY, ALL) not in options:
        st.session_state.pop(CELL_KEY, None)
    name = touchpoint_name(st.session_state.get("ws"))
    return state.bound(container.selectbox, t("journey.touchpoint", lang), options, key=TOUCHPOINT_KEY,
                       default=ALL, on_change=on_list_change, lang=lang,
                       name=lambda v, lg: t("journey.all_touchpoints", lg) if v == ALL else name(v, lg))


def _tp(value, lang: str) -> str:
    """A touchpoint's label in this workspace and language."""
    return touchpoint_name(st.session_state.get("ws"))(value, lang)


def _stage(value, lang: str) -> str:
    return data.display_label(st.session_state.get("ws") or state.default_workspace(), "stage", value, lang)


def touchpoint_name(workspace: str | None):
    """(touchpoint, lang) -> the workspace's label for it."""
    return lambda v, lg: data.display_label(workspace or state.default_workspace(), "touchpoint", v, lg)


# --- shared text columns ---------------------------------------------------------

def _shown(metric: str, value, status: str, lang: str) -> str:
    return present.value_text(metric, value, lang) if status == "ok" else present.status_text(status, lang)


def _n_text(n, lang: str) -> str:
    return "–" if n is None or pd.isna(n) else fmt_number(n, lang)


def _stage_label(stage, lang: str) -> str:
    return t("journey.no_stage", lang) if stage is None or pd.isna(stage) else _stage(stage, lang)


def _with_text(table: pd.DataFrame, metric: str, lang: str) -> pd.DataFrame:
    data = table.copy()
    data["stage_label"] = [_stage_label(s, lang) for s in data["stage"]]
    data["shown"] = [_shown(metric, v, s, lang) for v, s in zip(data["value"], data["status"], strict=True)]
    data["interval"] = [present.interval_text(metric, lo, hi, lang)
                        for lo, hi in zip(data["low"], data["high"], strict=True)]
    data["n_text"] = [_n_text(n, lang) for n in data["n"]]
    return data


def _values(data: pd.DataFrame, columns: list[str]) -> list[dict]:
    """Rows for a spec's data.values: plain Python values, NaN as None (JSON has no NaN)."""
    return [{c: _plain(v) for c, v in zip(columns, row, strict=True)}
            for row in data[columns].itertuples(index=False, name=None)]


def _plain(value):
    if value is None:
        return None
    if isinstance(value, str | bool):
        return value
    if pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


def _field(name: str, kind: str = "nominal", **extra) -> dict:
    return {"field": name, "type": kind, **extra}


def _tooltip(*fields: tuple[str, str]) -> list[dict]:
    return [_field(name, title=title) for name, title in fields]


def _point_selection(name: str, fields: list[str], view: str) -> dict:
    """A click selection on `fields`, cleared by a double click, living in the named view."""
    return {"name": name, "select": {"type": "point", "fields": fields, "on": "click", "clear": "dblclick"},
            "views": [view]}


def _value_scale(metric: str) -> dict:
    spec = m.get(metric)
    return {"domain": [spec.low, spec.high]} if spec.kind != "mean" else {"zero": False}


# --- 1. journey map ------------------------------------------------------------------

def map_chart(table: pd.DataFrame, metric: str, lang: str) -> dict:
    """Dots with 95% interval lines, one row per touchpoint and method, grouped by stage in journey order.

    A Vega-Lite spec: a click on a dot selects its touchpoint (selection `tp`).
    """
    data = _with_text(table, metric, lang)
    data["method_label"] = [t(f"method.{v}", lang) for v in data["method"]]
    data["change_text"] = [present.change_text(metric, c, lang) for c in data["change"]]
    data["reading"] = [t(f"journey.direction.{d}", lang) for d in data["direction"]]
    methods_per_touchpoint = Counter(data["touchpoint"])
    data["row"] = [f"{_tp(tp, lang)} · {meth}" if methods_per_touchpoint[tp] > 1 else _tp(tp, lang)
                   for tp, meth in zip(data["touchpoint"], data["method_label"], strict=True)]
    data["tp_label"] = [_tp(tp, lang) for tp in data["touchpoint"]]
    data["too_few_text"] = [t("figure.too_few", lang) if s != "ok" else "" for s in data["status"]]
    values = _values(data, ["stage_label", "touchpoint", "tp_label", "row", "method_label", "direction", "value", "low",
                            "high", "shown", "interval", "n_text", "change_text", "reading", "too_few_text"])
    scale = _value_scale(metric)
    y = _field("row", sort=list(data["row"]), title=None, axis={"labelLimit": 260})
    colour = _field("direction", title=None, legend=None,
                    scale={"domain": list(DIRECTION_COLOURS), "range": list(DIRECTION_COLOURS.values())})
    tooltip = _tooltip(("tp_label", t("dim.touchpoint", lang)), ("method_label", t("dim.method", lang)),
                       ("shown", t(f"metric.{metric}", lang)), ("interval", t("figure.interval", lang)),
                       ("n_text", "n"), ("change_text", t("figure.change", lang)),
                       ("reading", t("figure.significant", lang)))
    shape = _field("method_label", title=t("dim.method", lang), legend={"orient": "bottom"},
                   scale={"domain": [t(f"method.{k}", lang) for k in METHOD_SHAPES],
                          "range": list(METHOD_SHAPES.values())})
    rule = {"mark": {"type": "rule", "strokeWidth": 2},
            "encoding": {"x": _field("low", "quantitative", scale=scale, title=t(f"metric.{metric}", lang)),
                         "x2": {"field": "high"}, "y": y, "color": colour}}
    dots = {"name": MAP_POINTS, "mark": {"type": "point", "filled": True, "size": 160},
            "encoding": {"x": _field("value", "quantitative", scale=scale), "y": y, "color": colour,
                         "tooltip": tooltip, "shape": shape,
                         "opacity": {"condition": {"param": "tp", "value": 1.0}, "value": 0.35}}}
    few = {"mark": {"type": "text", "align": "left", "color": "#6b7280", "fontStyle": "italic"},
           "encoding": {"x": {"datum": m.get(metric).low}, "y": y, "text": _field("too_few_text")}}
    header = {"labelAngle": 0, "labelAlign": "left", "labelAnchor": "start", "labelFontWeight": "bold",
              "labelOrient": "top", "labelPadding": 2}
    return {
        "data": {"values": values},
        "facet": {"row": _field("stage_label", sort=list(dict.fromkeys(data["stage_label"])), title=None,
                                header=header)},
        "spec": {"width": 520, "height": {"step": 30}, "layer": [rule, dots, few]},
        "params": [_point_selection("tp", ["touchpoint"], MAP_POINTS)],
        "resolve": {"scale": {"y": "independent"}},
        "spacing": 6,
    }


def rows_that_matter_first(table: pd.DataFrame) -> pd.DataFrame:
    """Flagged drops, then other flagged changes, then the rest worst first; too few answers last.

    The map keeps journey order; its table is read in a room, where the row that matters
    must not sit below the fold."""
    order = {"down": 0, "up": 1}
    key = pd.DataFrame({"flag": [order.get(d, 2) for d in table["direction"]],
                        "few": [s != "ok" for s in table["status"]],
                        "value": table["value"].fillna(float("inf"))}, index=table.index)
    return table.loc[key.sort_values(["few", "flag", "value"], kind="stable").index]


def map_rows(table: pd.DataFrame, metric: str, lang: str) -> pd.DataFrame:
    """The same figures as the map, as plain-text cells, the rows that matter first."""
    table = rows_that_matter_first(table)
    out = figures.figure_rows(table, metric, ["stage", "touchpoint", "method"], lang)
    out[t("figure.previous", lang)] = [present.value_text(metric, v, lang) for v in table["prev_value"]]
    out[t("journey.quadrant", lang)] = [t(f"journey.direction.{d}", lang) for d in table["direction"]]
    return out


def render_map(view: journey.JourneyMap, lang: str) -> None:
    """The dot-and-interval map (clickable) with how to read it underneath."""
    if view.table.empty:
        st.info(t("journey.no_transactions", lang))
        return
    figures.chart(st, map_chart(view.table, view.metric, lang), lang, key=MAP_CHART_KEY, on_select=on_map_click,
                       selection_mode="tp")
    st.caption(t("journey.map_help", lang))
    figures.comparisons_caption(st, view.comparisons, lang)
    st.caption(t("journey.map_family", lang))


# --- 2. slice and compare --------------------------------------------------------

def colour_domain(metric: str) -> tuple[float, float, float | None]:
    """The heatmap's fixed colour domain: NPS -100 to 100 diverging at 0, shares 0 to 100, means their scale.

    Fixed, not stretched over the cells shown, so NPS +6 is never drawn darkest green because
    it is the best of a narrow filter."""
    spec = m.get(metric)
    return float(spec.low), float(spec.high), (0.0 if spec.kind == "nps" else None)


def dark_cells(values: pd.Series, metric: str) -> list[bool]:
    """Cells in the darkest fifth at either end of the fixed red-yellow-green scale, where dark text would not
    stand out (white text there)."""
    low, high, mid = colour_domain(metric)
    mid = (low + high) / 2 if mid is None else mid

    def dark(v) -> bool:
        if pd.isna(v):
            return False
        return v - low < 0.4 * (mid - low) if v < mid else high - v < 0.4 * (high - mid)

    return [dark(v) for v in values]


ARROWS = {"up": " ▲", "down": " ▼"}


def cell_label(dimension: str | None, value, lang: str) -> str:
    """A heatmap column's label: catalogue words for levels and methods, the workspace's labels for data."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if dimension in ("level", "method"):
        return t(f"{dimension}.{value}", lang)
    return data.display_label(st.session_state.get("ws") or state.default_workspace(), dimension or "", value, lang)


def heatmap_chart(table: pd.DataFrame, metric: str, lang: str, dimension: str | None = None) -> dict:
    """Touchpoint x group cells coloured by the figure, each labelled with its value and n.

    A Vega-Lite spec: a click on a cell selects its touchpoint and group (selection `cell`).
    Cells under the minimum are grey and read "too few".
    """
    data = _with_text(table, metric, lang)
    directions = data["direction"] if "direction" in data.columns else ["none"] * len(data)
    data["label"] = [f"{_shown(metric, v, s, lang) if s == 'ok' else t('journey.too_few_short', lang)} · n {n}"
                     f"{ARROWS.get(d, '')}"
                     for v, s, n, d in zip(data["value"], data["status"], data["n_text"], directions, strict=True)]
    data["ok"] = data["status"] == "ok"
    data["tp_label"] = [_tp(tp, lang) for tp in data["touchpoint"]]
    data["cell_label"] = [cell_label(dimension, c, lang) for c in data["cell"]]
    rows = list(dict.fromkeys(data["tp_label"]))
    low, high, mid = colour_domain(metric)
    legend = {"gradientLength": max(60, min(200, 34 * len(rows) - 40))}  # never taller than the cells beside it
    scale = {"scheme": "redyellowgreen", "domain": [low, high], "clamp": True,
             **({"domainMid": mid} if mid is not None else {})}
    position = {"x": _field("cell_label", title=None, axis={"orient": "top", "labelAngle": 0, "labelLimit": 160}),
                "y": _field("tp_label", sort=rows, title=None, axis={"labelLimit": 300, "labelOverlap": False})}
    rect = {"name": HEAT_CELLS, "mark": {"type": "rect", "stroke": "white"},
            "encoding": {**position,
                         "color": {"condition": {"test": "datum.ok", **_field("value", "quantitative", scale=scale,
                                                                              title=t(f"metric.{metric}", lang),
                                                                              legend=legend)},
                                   "value": TOO_FEW_FILL},
                         "opacity": {"condition": {"param": "cell", "value": 1.0}, "value": 0.45},
                         "tooltip": _tooltip(("tp_label", t("dim.touchpoint", lang)), ("cell_label", " "),
                                             ("shown", t(f"metric.{metric}", lang)),
                                             ("interval", t("figure.interval", lang)), ("n_text", "n"))}}
    data["dark"] = dark_cells(data["value"].where(data["ok"]), metric)
    values = _values(data, ["touchpoint", "tp_label", "cell", "cell_label", "value", "ok", "shown", "interval",
                            "n_text", "label", "dark"])
    # White on the scheme's dark ends (deep red, deep green), dark grey elsewhere: 4.5:1 on every cell.
    text = {"mark": {"type": "text", "fontSize": 14},
            "encoding": {**position, "text": _field("label"),
                         "color": {"condition": [{"test": "datum.ok && datum.dark", "value": "#ffffff"},
                                                 {"test": "datum.ok", "value": "#111111"}], "value": "#4b5563"}}}
    return {"data": {"values": values}, "layer": [rect, text],
            "params": [_point_selection("cell", ["touchpoint", "cell"], HEAT_CELLS)],
            "height": {"step": 34}, "width": "container"}


def render_heatmap(table: pd.DataFrame, metric: str, lang: str) -> None:
    if table.empty:
        st.info(t("journey.no_transactions", lang))
        return
    st.caption(t("journey.heatmap_help", lang))
    low, high, mid = colour_domain(metric)
    st.caption(t("journey.heatmap_scale", lang, low=fmt_number(low, lang), high=fmt_number(high, lang),
                 mid=t("journey.heatmap_mid", lang) if mid is not None else ""))
    figures.chart(st, heatmap_chart(table, metric, lang, st.session_state.get("dim")), lang, key=HEAT_CHART_KEY,
                       on_select=on_heat_click, selection_mode="cell", width="stretch")
    figures.comparisons_caption(st, queries.comparison_count([table]), lang)


def render_multiples(table: pd.DataFrame, metric: str, touchpoints: list[str], lang: str) -> None:
    """Small multiples: one trend with its interval band per touchpoint, three to a row."""
    for start in range(0, len(touchpoints), 3):
        columns = st.columns(3)
        for col, name in zip(columns, touchpoints[start:start + 3], strict=False):
            part = journey.of_touchpoint(table, name)
            if len(part):
                figures.chart(col, figures.trend_chart(part, metric, lang, height=160, title=_tp(name, lang)), lang,
                              width="stretch")


# --- 3. drill down ---------------------------------------------------------------

def narrowed_rows(touchpoint: str, cell, lang: str) -> pd.DataFrame:
    """What the drill-down is narrowed to, as table cells (names are data)."""
    rows = [(t("dim.touchpoint", lang), _tp(touchpoint, lang))]
    if cell and cell[0]:
        rows.append((t(f"dim.{cell[0]}", lang), cell_label(cell[0], cell[1], lang)))
    return pd.DataFrame(rows, columns=[t("journey.narrowed_to", lang), " "])


def distribution_rows(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("journey.group", lang): [t(f"journey.group.{g}", lang) for g in table["group"]],
        t("journey.count", lang): [fmt_number(c, lang) for c in table["count"]],
        t("journey.share", lang): [present.value_text("csat", s, lang) if st_ == "ok" else present.status_text(st_, lang)
                                   for s, st_ in zip(table["share"], table["status"], strict=True)],
        t("figure.interval", lang): [present.interval_text("csat", lo, hi, lang)
                                     for lo, hi in zip(table["low"], table["high"], strict=True)],
        t("figure.n", lang): [fmt_number(n, lang) for n in table["n"]],
    })


def comment_rows(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("journey.col.date", lang): [fmt_date(d, lang) for d in frame["responded_at"]],
        t("dim.unit", lang): [("–" if u is None or pd.isna(u) else str(u)) for u in frame["unit"]],
        t("journey.col.score", lang): [("–" if s is None or pd.isna(s) else str(int(s))) for s in frame["nps"]],
        t("journey.col.comment", lang): [str(c) for c in frame["comment"]],
    })


def grain() -> str:
    """The trend grain chosen further down the page (its widget is drawn there; the URL keeps it)."""
    chosen = state.remembered("grain", journey.GRAINS[0])
    return chosen if chosen in journey.GRAINS else journey.GRAINS[0]


def close_drill() -> None:
    """The dialog was dismissed: back to all touchpoints, and out of the URL."""
    state.set_view(TOUCHPOINT_KEY, ALL)
    st.session_state.pop(CELL_KEY, None)


def open_drill(filters, touchpoint: str, metric: str, grain_: str, minimums, lang: str,
               trends: pd.DataFrame | None = None) -> None:
    """The drill-down in a dialog over the page, so it opens where the click was, whatever the scroll."""
    @st.dialog(_tp(touchpoint, lang), width="large", on_dismiss=close_drill)
    def drill() -> None:
        render_drill(filters, touchpoint, metric, grain_, minimums, lang, trends)

    drill()


def reset_page() -> None:
    st.session_state[PAGE_KEY] = 1


def render_drill(filters, touchpoint: str, metric: str, grain: str, minimums, lang: str,
                 trends: pd.DataFrame | None = None) -> None:
    """Everything about one touchpoint (and heatmap cell): distribution, units, trend, comments.

    `trends` is the page's table of every touchpoint's trend: without a heatmap cell the
    drill-down's trend is one of its rows.
    """
    cell = st.session_state.get(CELL_KEY)
    scoped = journey.narrowed(filters, touchpoint, cell)
    st.dataframe(narrowed_rows(touchpoint, cell, lang), hide_index=True)
    left, right = st.columns(2)
    left.markdown("**" + t("journey.distribution", lang) + "**")
    left.dataframe(distribution_rows(data.cached(journey.distribution, filters.workspace, scoped, minimums), lang),
                   hide_index=True, width="stretch")
    right.markdown("**" + t("journey.units", lang) + "**")
    units = data.cached(journey.units_ranked, filters.workspace, scoped, metric, minimums)
    right.dataframe(figures.figure_rows(units, metric, ["unit"], lang), hide_index=True, width="stretch",
                    height=min(36 * (len(units) + 1) + 2, 260))
    if trends is not None and scoped == journey.narrowed(filters, touchpoint):
        trend = journey.of_touchpoint(trends, touchpoint)
    else:
        trend = data.cached(journey.trends, filters.workspace, scoped, metric, grain, (touchpoint,), minimums)
    if len(trend):
        figures.chart(st, figures.trend_chart(trend, metric, lang, height=180, title=_tp(touchpoint, lang)), lang,
                      width="stretch")
    st.markdown("**" + t("journey.comments", lang) + "**")
    search_col, page_col = st.columns([3, 1])
    search = search_col.text_input(t("journey.search", lang), key="journey_search", on_change=reset_page)
    total = data.cached(journey.comment_count, filters.workspace, scoped, search)
    pages = journey.page_count(total)
    if int(st.session_state.get(PAGE_KEY) or 1) > pages:
        st.session_state[PAGE_KEY] = pages
    page = int(page_col.number_input(t("journey.page", lang), min_value=1, max_value=pages, step=1, key=PAGE_KEY))
    frame = data.cached(journey.comment_page, filters.workspace, scoped, search, page)
    st.caption(t("journey.comments_count", lang, total=fmt_number(total, lang), page=page, pages=pages))
    st.dataframe(comment_rows(frame, lang), hide_index=True, width="stretch")


# --- 4. pain points ----------------------------------------------------------------

def _share_text(share, low, high, n, lang: str) -> str:
    if not n:
        return t("journey.not_asked", lang)
    if share is None or pd.isna(share):
        return f"{t('figure.too_few', lang)} (n = {fmt_number(n, lang)})"
    return (f"{present.value_text('csat', share, lang)} ({present.interval_text('csat', low, high, lang)}), "
            f"n = {fmt_number(n, lang)}")


def pain_rows(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    def unhappy(r):
        if r["unhappy"] is None or pd.isna(r["unhappy"]):
            return t("figure.too_few", lang) if r["status"] != "ok" else "–"
        return f"{fmt_number(r['unhappy'], lang)} ({fmt_number(r['unhappy_low'], lang)} … " \
               f"{fmt_number(r['unhappy_high'], lang)})"

    recs = table.to_dict("records")
    scaled = {t("journey.col.volume_share", lang): [present.value_text("csat", 100 * r["volume_share"], lang)
                                                    for r in recs]} if is_scaled(table) else {}
    return pd.DataFrame({
        t("dim.touchpoint", lang): [_tp(r["touchpoint"], lang) for r in recs],
        t("journey.col.unhappy", lang): [unhappy(r) for r in recs],
        t("journey.col.volume", lang): [_n_text(None if r["volume"] is None or pd.isna(r["volume"])
                                                else round(r["volume"]), lang) for r in recs],
        **scaled,
        t("journey.col.detractor_share", lang): [
            _share_text(r["detractor_share"], r["detractor_low"], r["detractor_high"], r["n"], lang) for r in recs],
        t("journey.col.low_ces", lang): [
            _share_text(r["low_ces_share"], r["low_ces_low"], r["low_ces_high"], r["ces_n"], lang) for r in recs],
        t("journey.col.fcr_miss", lang): [
            _share_text(r["fcr_miss_share"], r["fcr_miss_low"], r["fcr_miss_high"], r["fcr_n"], lang) for r in recs],
    })


def is_scaled(table: pd.DataFrame) -> bool:
    """The filters pick some of the touchpoints' customers: contacts were scaled by their share of the answers."""
    return "volume_share" in table.columns and bool((table["volume_share"] < 1).any())


def render_pain(table: pd.DataFrame, filters, lang: str) -> None:
    """The pain-point ranking, saying when the volumes were scaled to the filtered customers' share."""
    st.caption(t("journey.pain_help", lang))
    if is_scaled(table):
        what = ", ".join(t(f"dim.{d}", lang) for d in journey.NARROWING if getattr(filters, d))
        st.caption(t("journey.pain_scaled", lang, what=what))
    st.dataframe(pain_rows(table, lang), hide_index=True, width="stretch")


# --- units like with like --------------------------------------------------------------

def unit_rows(view: journey.UnitComparison, lang: str) -> pd.DataFrame:
    """The units' weighted figures and changes as plain-text cells, with the touchpoints left out of each."""
    out = figures.figure_rows(view.table, view.metric, ["unit"], lang)
    out[t("journey.units_count", lang)] = [
        t("journey.units_of", lang, k=fmt_number(k, lang), n=fmt_number(k + len(na), lang)) if w else "–"
        for w, k, na in zip(view.table["weighted"], view.table["touchpoints"], view.table["no_answers"], strict=True)]
    out[t("journey.units_left_out", lang)] = [
        (t("journey.units_plain", lang) + ": " if not w and nv else "")
        + ", ".join(_tp(v, lang) for v in (nv if not w and nv else na)) or "–"
        for w, nv, na in zip(view.table["weighted"], view.table["no_volume"], view.table["no_answers"], strict=True)]
    return out


def render_units(view: journey.UnitComparison, lang: str) -> None:
    if view.table.empty:
        st.info(t("journey.no_transactions", lang))
        return
    st.caption(t("journey.units_help", lang))
    st.dataframe(unit_rows(view, lang), hide_index=True, width="stretch")
    figures.comparisons_caption(st, view.comparisons, lang)


# --- 5. drivers ----------------------------------------------------------------------

def driver_chart(frame: pd.DataFrame, lang: str) -> dict:
    """Importance vs performance: dots with bootstrap intervals, cut lines and the four quadrant words.

    A Vega-Lite spec; the cut lines and corner words carry their own small data.
    """
    data = frame[frame["mean"].notna()].copy()
    data["label"] = [t(f"metric.{d}", lang) for d in data["driver"]]
    data["reading"] = [t(f"journey.quadrant.{q}", lang) for q in data["quadrant"]]
    data["share_text"] = [f"{fmt_number(s, lang)} % ({fmt_number(lo, lang)} … {fmt_number(hi, lang)})"
                          for s, lo, hi in zip(data["share"], data["low"], data["high"], strict=True)]
    data["mean_text"] = [present.value_text("ease", v, lang) for v in data["mean"]]
    centre = float(data["mean"].mean()) if len(data) else 3.0
    spread = max(float((data["mean"] - centre).abs().max()) if len(data) else 0.0, 0.3) * 1.6
    domain = [centre - spread, centre + spread]
    x = _field("mean", "quantitative", title=t("journey.performance", lang), scale={"domain": domain, "nice": False})
    y = _field("share", "quantitative", title=t("journey.importance", lang), scale={"domain": [0, 100]})
    tooltip = _tooltip(("label", t("journey.driver", lang)), ("share_text", t("journey.importance", lang)),
                       ("mean_text", t("journey.performance", lang)), ("reading", t("journey.quadrant", lang)))
    dashed = {"type": "rule", "strokeDash": [4, 4], "color": "#9ca3af"}
    cuts = {"values": [{"share": 100 / len(journey.DRIVERS), "mean": centre}]}
    layers = [{"data": cuts, "mark": dashed, "encoding": {"y": _field("share", "quantitative")}},
              {"data": cuts, "mark": dashed, "encoding": {"x": x}}]
    for side, left_right in (("left", (0, "fix", "watch")), ("right", (1, "keep", "fine"))):
        edge, top, bottom = left_right
        words = [{"mean": domain[edge], "share": share, "word": t(f"journey.quadrant.{q}", lang)}
                 for share, q in ((97, top), (3, bottom))]
        layers.append({"data": {"values": words},
                       "mark": {"type": "text", "align": side, "dx": 6 if side == "left" else -6,
                                "color": "#6b7280", "fontStyle": "italic"},
                       "encoding": {"x": x, "y": _field("share", "quantitative", scale={"domain": [0, 100]}),
                                    "text": _field("word")}})
    layers += [{"mark": {"type": "rule", "strokeWidth": 2, "color": "#1f5f8b"},
                "encoding": {"x": x, "y": _field("low", "quantitative"), "y2": {"field": "high"}}},
               {"mark": {"type": "point", "filled": True, "size": 140, "color": "#1f5f8b"},
                "encoding": {"x": x, "y": y, "tooltip": tooltip}},
               {"mark": {"type": "text", "align": "left", "dx": 9, "fontWeight": "bold"},
                "encoding": {"x": x, "y": y, "text": _field("label")}}]
    values = _values(data, ["label", "reading", "share", "low", "high", "share_text", "mean", "mean_text"])
    return {"data": {"values": values}, "layer": layers, "height": 320, "width": "container"}


def driver_rows(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("journey.driver", lang): [t(f"metric.{d}", lang) for d in frame["driver"]],
        t("journey.importance", lang): [fmt_number(s, lang) + " %" for s in frame["share"]],
        t("figure.interval", lang): [f"{fmt_number(lo, lang)} … {fmt_number(hi, lang)}"
                                     for lo, hi in zip(frame["low"], frame["high"], strict=True)],
        t("journey.performance", lang): [present.value_text("ease", v, lang) for v in frame["mean"]],
        t("figure.interval", lang) + " ": [present.interval_text("ease", lo, hi, lang)
                                           for lo, hi in zip(frame["mean_low"], frame["mean_high"], strict=True)],
        t("figure.n", lang): [_n_text(n, lang) for n in frame["mean_n"]],
        t("journey.quadrant", lang): [t(f"journey.quadrant.{q}", lang) for q in frame["quadrant"]],
    })


def render_drivers(view: journey.DriverView, lang: str) -> None:
    if view.status != "ok":
        st.info(t("journey.drivers_too_few", lang, n=fmt_number(view.n, lang)))
        return
    st.caption(t("journey.drivers_n", lang, n=fmt_number(view.n, lang), r2=fmt_number(view.r_squared, lang, 2)))
    # Chart above its table, both full width: side by side at 1280 px the table cut its interval columns
    # and the quadrant words ran into each other.
    figures.chart(st, driver_chart(view.drivers, lang), lang, width="stretch")
    st.dataframe(driver_rows(view.drivers, lang), hide_index=True, width="stretch")


def multiples_picker(options: list[str], worst: list[str], lang: str) -> list[str]:
    """Touchpoints for the small multiples; the three worst until the user picks others.

    Picks the filters no longer show are dropped; when that leaves none, the three
    worst come back (an empty row of multiples under "all touchpoints" helps nobody).
    """
    key = "journey_multiples"
    if key in st.session_state:
        before = list(st.session_state[key])
        kept = [v for v in before if v in options]
        st.session_state[key] = kept if kept or not before else list(worst)
    return st.multiselect(t("journey.multiples", lang), options, default=None if key in st.session_state else worst,
                          key=key, placeholder=t("journey.all_touchpoints", lang), select_all=False,
                          format_func=lambda v: _tp(v, lang))
