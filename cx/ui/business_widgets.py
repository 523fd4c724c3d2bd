"""The business case on screen: controls, the model and its associations, the worth of a gain, a chart."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from cx.commitments import business, wording
from cx.i18n import fmt_month, fmt_number, fmt_signed, t
from cx.queries import Minimums
from cx.ui import figures, state


@dataclass(frozen=True)
class Choice:
    driver: str
    lag: int
    touchpoint: str | None


def controls(touchpoints: list[str], lang: str) -> Choice:
    left, mid, right = st.columns(3)
    driver = state.bound(left.selectbox, t("business.driver", lang), business.DRIVERS, key="bc_driver",
                         default=business.DRIVERS[0], name=lambda d, lg: t(f"business.driver.{d}", lg))
    lag = state.bound(mid.selectbox, t("business.lag", lang), business.LAGS, key="bc_lag", default=business.LAGS[1])
    default = "Complaint handling" if "Complaint handling" in touchpoints else (touchpoints or [None])[0]
    ws = st.session_state.get("ws") or state.default_workspace()
    touchpoint = state.bound(right.selectbox, t("business.touchpoint", lang), touchpoints, key="bc_tp",
                             default=default, name=state.dimension_name("touchpoint", ws)) if touchpoints else None
    return Choice(driver, int(lag), touchpoint)


def _num(x: float, lang: str, decimals: int) -> str:
    return fmt_signed(x, lang, decimals)


def model_text(result: business.Fit, minimums: Minimums, lang: str) -> bool:
    """Which model, on what data, or why it cannot tell; True when there are figures to show."""
    if result.model == "none":
        st.warning(t(f"business.cannot_tell.{result.reason}", lang, rows=result.rows, min_n=minimums.min_n,
                     needed=business.MIN_ROWS))
        return False
    st.text(t(f"business.model.{result.model}", lang, units=result.units, rows=result.rows,
              first=fmt_month(result.first, lang), last=fmt_month(result.last, lang), months=business.PANEL_MONTHS))
    driver = t(f"business.driver.{result.driver}", lang)
    c, r = result.churn, result.revenue
    st.text(t("business.churn", lang, slope=_num(c.slope, lang, 3), low=_num(c.low, lang, 3),
              high=_num(c.high, lang, 3), driver=driver, ten=_num(10 * c.slope, lang, 2)))
    st.text(t("business.revenue", lang, slope=_num(r.slope, lang, 3), low=_num(r.low, lang, 3),
              high=_num(r.high, lang, 3), driver=driver, ten=_num(10 * r.slope, lang, 2)))
    st.caption(t("business.method", lang, min_n=minimums.min_n))
    return True


def _range(value: float, low: float, high: float, lang: str, decimals: int = 0) -> str:
    return f"{fmt_number(value, lang, decimals)} ({fmt_number(low, lang, decimals)} … {fmt_number(high, lang, decimals)})"


def worth_table(result: business.Fit, worth: pd.DataFrame, choice: Choice, lang: str) -> None:
    if choice.touchpoint is None:
        st.caption(t("business.pick_touchpoint", lang))
        return
    st.subheader(t("business.worth_title", lang))  # headings are markdown: the touchpoint stays in its box
    rows = []
    for r in worth.to_dict("records"):
        there = r["share"] > 0
        rows.append({t("business.col.unit", lang): wording.unit_text(r["unit"], lang, state.display_labels()),
                     t("business.col.share", lang): f"{fmt_number(100 * r['share'], lang)} %",
                     t("business.col.customers", lang): fmt_number(r["customers"], lang),
                     t("business.col.kept", lang): _range(r["kept"], r["kept_low"], r["kept_high"], lang)
                     if there else t("business.not_there", lang),
                     t("business.col.euros", lang): _range(r["euros"], r["euros_low"], r["euros_high"], lang)
                     if there else t("business.not_there", lang)})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(t("business.worth_help", lang) + (" " + t("business.worth_help_detractors", lang)
                                                 if result.driver == "detractors" else ""))


def chart(result: business.Fit, lang: str) -> dict:
    """Unit-months with each unit's own average removed: the cloud whose slope the panel model reads."""
    d = result.data
    within = result.model == "panel"
    x = d["x"] - d.groupby("unit")["x"].transform("mean") if within else d["x"]
    y = d["churn"] - d.groupby("unit")["churn"].transform("mean") if within else d["churn"]
    labels = state.display_labels()
    values = [{"unit": wording.unit_text(u, lang, labels), "x": round(float(a), 2), "y": round(float(b), 4),
               "month": m.isoformat()}
              for u, a, b, m in zip(d["unit"], x, y, d["month"], strict=True)]
    driver = t(f"business.driver.{result.driver}", lang)
    return {"data": {"values": values}, "height": 320, "layer": [
        {"mark": {"type": "point", "filled": True, "opacity": 0.6},
         "encoding": {"x": {"field": "x", "type": "quantitative",
                            "title": t("business.chart_x", lang, driver=driver, lag=result.lag)},
                      "y": {"field": "y", "type": "quantitative", "title": t("business.chart_y", lang)},
                      "color": {"field": "unit", "type": "nominal", "title": t("business.col.unit", lang)},
                      "tooltip": [{"field": "unit", "type": "nominal"}, {"field": "month", "type": "temporal",
                                                                          "format": "%m/%Y"}]}},
        {"mark": {"type": "line", "color": figures.LINE_COLOR},
         "transform": [{"regression": "y", "on": "x"}],
         "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"}}},
    ]}
