"""Signals on screen: the overview's short list, the full list with evidence and chart, the backtest."""
from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from cx import present
from cx.commitments import signals, wording
from cx.filters import Filters
from cx.i18n import fmt_month, fmt_number, t
from cx.ui import data, figures, state

OVERVIEW_ROWS = 5


def _compact_row(s: signals.Signal, lang: str) -> dict:
    """The overview's row: what, where (and how, when not a survey), a link, since with n, how sure, early."""
    where = wording.signal_where(s, lang, state.display_labels())
    return {t("signals.col.what", lang): wording.metric_name(s.metric, lang),
            t("signals.col.where", lang): where if s.method == "survey" else f"{where} · {t('method.' + s.method, lang)}",
            "link": "journey?" + urlencode(s.link()),
            t("signals.col.since_n", lang): f"{fmt_month(s.since, lang)} (n = {fmt_number(s.n_since, lang)})",
            t("signals.col.sure_change", lang): f"{t('signals.sure.' + s.sure, lang)}: {wording.signal_change(s, lang)}",
            t("signals.col.early", lang): wording.early_text(s, lang)}


def _full_row(s: signals.Signal, lang: str) -> dict:
    """The signals page's row: every column on its own, with the normal level and the level since."""
    return {t("signals.col.what", lang): wording.metric_name(s.metric, lang),
            t("signals.col.where", lang): wording.signal_where(s, lang, state.display_labels()),
            "link": "journey?" + urlencode(s.link()),
            t("signals.col.method", lang): t(f"method.{s.method}", lang),
            t("signals.col.since", lang): fmt_month(s.since, lang),
            t("signals.col.sure", lang): t(f"signals.sure.{s.sure}", lang),
            t("signals.col.normal", lang): present.value_text(s.metric, s.level, lang),
            t("signals.col.now", lang): present.value_text(s.metric, s.value, lang),
            t("signals.col.change", lang): wording.signal_change(s, lang),
            t("signals.col.n", lang): fmt_number(s.n_since, lang),
            t("signals.col.early", lang): wording.early_text(s, lang)}


def _rows(found: list[signals.Signal], lang: str, compact: bool = False) -> pd.DataFrame:
    """Plain-text rows, each with a link that opens the journey explorer on the signal's place."""
    return pd.DataFrame([(_compact_row if compact else _full_row)(s, lang) for s in found])


def _table(found: list[signals.Signal], lang: str, compact: bool = False) -> None:
    st.dataframe(_rows(found, lang, compact), hide_index=True, width="stretch", column_config={
        "link": st.column_config.LinkColumn(t("signals.col.link", lang), display_text=t("signals.open", lang))})


def current(filters: Filters) -> signals.Watch:
    """The whole map's signals as of the period's end (one cached computation for every unit filter)."""
    return data.cached(signals.watch, filters.workspace, filters.end)


def overview_section(filters: Filters, lang: str) -> None:
    """The overview's few lines: the latest signals, and the way to all of them."""
    watch = current(filters)
    found = watch.at(filters.unit)
    st.subheader(t("signals.overview", lang))
    if found:
        _table(found[:OVERVIEW_ROWS], lang, compact=True)
        st.caption(t("signals.sure_help", lang) + " " + t("signals.early_help", lang))
    elif watch.watched:
        st.caption(t("signals.overview_none", lang, window=wording.window_text(watch.window, lang)))
    if figures.page_exists("signals"):
        st.page_link(figures.page_path("signals"), label=t("signals.overview_more", lang))


def rule_caption(watch: signals.Watch, lang: str) -> None:
    if not watch.watched:
        st.info(t("signals.nothing", lang, months=signals.alarms.MIN_REFERENCE_MONTHS, answers=signals.MIN_ANSWERS))
        return
    rule = watch.rule
    st.caption(t("signals.rule", lang, watched=watch.watched, window=wording.window_text(watch.window, lang),
                 not_watched=watch.not_watched, lam=fmt_number(rule.lam, lang, 1), reference=signals.REFERENCE_MONTHS,
                 budget=fmt_number(signals.FALSE_ALARMS_A_YEAR, lang), arl0=fmt_number(rule.arl0, lang),
                 limit=fmt_number(rule.limit, lang, 2)))


def signal_list(watch: signals.Watch, found: list[signals.Signal], lang: str) -> None:
    if not found:
        if watch.watched:
            st.success(t("signals.none", lang, window=wording.window_text(watch.window, lang)))
        return
    _table(found, lang)
    st.caption(t("signals.sure_help", lang) + " " + t("signals.early_help", lang))


def _code(s: signals.Signal) -> str:
    return "|".join((s.touchpoint, s.unit or "", s.method, s.metric))


def chart(s: signals.Signal, lang: str) -> dict:
    """The series month by month, its normal level, and the months the chart signalled (Vega-Lite)."""
    values = [{"month": m["month"].isoformat(), "value": m["value"], "n": m["n"],
               "kind": t("signals.chart_signal", lang) if m["signal"] else "", "normal": s.level}
              for m in s.months if m["value"] is not None]
    y_title = t("signals.chart_y", lang, metric=wording.metric_name(s.metric, lang))
    x = {"field": "month", "type": "temporal", "title": None, "axis": {"format": "%m/%Y"}}
    return {"data": {"values": values}, "height": 220, "layer": [
        {"mark": {"type": "line", "point": True, "color": figures.LINE_COLOR},
         "encoding": {"x": x, "y": {"field": "value", "type": "quantitative", "title": y_title},
                      "tooltip": [{"field": "month", "type": "temporal", "format": "%m/%Y"},
                                  {"field": "value", "type": "quantitative", "format": ".1f"},
                                  {"field": "n", "type": "quantitative"}]}},
        {"mark": {"type": "rule", "strokeDash": [4, 3], "color": "#777"},
         "encoding": {"y": {"field": "normal", "type": "quantitative"}}},
        {"transform": [{"filter": "datum.kind != ''"}], "mark": {"type": "point", "filled": True, "size": 110,
                                                                  "color": "#c62828"},
         "encoding": {"x": x, "y": {"field": "value", "type": "quantitative"}}},
    ]}


def signal_detail(found: list[signals.Signal], lang: str) -> None:
    """One signal: its series as a chart, the months since it with n, and the newest comments."""
    codes = [_code(s) for s in found]
    by_code = dict(zip(codes, found, strict=True))

    def label(code: str, lg: str) -> str:
        s = by_code[code]
        where = wording.signal_where(s, lg, state.display_labels())
        return f"{wording.metric_name(s.metric, lg)} · {where} · {t('method.' + s.method, lg)}"

    chosen = state.bound(st.selectbox, t("signals.pick", lang), codes, key="sg_signal", default=codes[0], name=label)
    s = by_code[chosen]
    figures.chart(st, chart(s, lang), lang, width="stretch")
    st.caption(t("signals.chart_help", lang))
    left, right = st.columns(2)
    since = [m for m in s.months if m["watched"] and m["month"] >= s.since]
    left.caption(t("signals.months", lang))
    left.dataframe(pd.DataFrame({t("dim.month", lang): [fmt_month(m["month"], lang) for m in since],
                                 "n": [m["n"] for m in since],
                                 wording.metric_name(s.metric, lang): [present.value_text(s.metric, m["value"], lang)
                                                                       for m in since]}),
                   hide_index=True, width="stretch")
    if s.comments:
        right.caption(t("signals.comments", lang))
        right.dataframe(pd.DataFrame({t("signals.comments", lang): s.comments}), hide_index=True, width="stretch")


def backtest_panel(filters: Filters, lang: str) -> None:
    """The same rule over the workspace's own history: what changed, when it was caught, false alarms."""
    bt = data.cached(signals.backtest, filters.workspace, filters.end)
    if bt.reference is None:
        st.info(t("signals.backtest_short", lang, months=signals.alarms.MIN_REFERENCE_MONTHS))
        return
    st.caption(t("signals.backtest_scope", lang, ref_start=fmt_month(bt.reference[0], lang),
                 ref_end=fmt_month(bt.reference[1], lang), start=fmt_month(bt.watched[0], lang),
                 end=fmt_month(bt.watched[1], lang), series=bt.series))
    st.caption(t("signals.changes", lang))
    if len(bt.changes):
        st.dataframe(pd.DataFrame({
            t("signals.col.what", lang): [wording.metric_name(m, lang) for m in bt.changes["metric"]],
            t("signals.col.where", lang): [wording.where_text(tp, u, lang, state.display_labels())
                                           for tp, u in zip(bt.changes["touchpoint"], bt.changes["unit"], strict=True)],
            t("signals.col.method", lang): [t(f"method.{m}", lang) for m in bt.changes["method"]],
            t("signals.col.change", lang): [f"{present.change_text(m, c, lang)} "
                                            f"({present.interval_text(m, lo, hi, lang)})" for m, c, lo, hi in
                                            bt.changes[["metric", "change", "change_low", "change_high"]].itertuples(
                                                index=False)],
            t("signals.col.first", lang): [fmt_month(d, lang) if d else t("signals.never", lang)
                                           for d in bt.changes["first_signal"]]}), hide_index=True, width="stretch")
    else:
        st.text(t("signals.changes_none", lang))
    if bt.stable_months:
        st.text(t("signals.false", lang, stable=bt.stable_series, alarms=bt.false_alarms,
                  months=fmt_number(bt.stable_months, lang), per_year=fmt_number(bt.false_alarms_a_year, lang, 1),
                  allowed=fmt_number(bt.allowed_a_year, lang), expected=fmt_number(bt.expected_false_alarms, lang, 1),
                  high=signals.poisson_upper(bt.expected_false_alarms)))
    st.caption(t("signals.assumes", lang))
