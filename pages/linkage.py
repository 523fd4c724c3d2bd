"""Customers vs employees: do units with better employee experience serve customers better?"""
import streamlit as st

from cx import linkage
from cx.i18n import t
from cx.ui import confidential, data, state
from cx.ui import linkage_charts as charts

lang = state.language()
filters = state.current_filters()
st.title(t("page.linkage", lang))
st.caption(t("linkage.intro", lang))
mins = data.minimums(filters.workspace)
left, middle, right = st.columns(3)
customer = left.selectbox(t("linkage.control.customer", lang), linkage.CUSTOMER_CHOICES, key="linkage_customer",
                          bind="query-params", format_func=lambda x: t(f"metric.{x}", lang))
employee = middle.selectbox(t("linkage.control.employee", lang), linkage.EMPLOYEE_CHOICES, key="linkage_employee",
                            bind="query-params", format_func=lambda x: t(f"metric.{x}", lang))
lag = right.selectbox(t("linkage.control.lag", lang), linkage.LAGS, key="linkage_lag", bind="query-params",
                      format_func=lambda x: t(f"linkage.lag.{x}", lang))
view = data.cached(linkage.view, filters.workspace, filters, customer, employee, lag, mins)
if charts.explain_missing(view, lag, lang):
    st.stop()
st.caption(linkage.window_text(view, lag, lang))

across, side, chain, time = st.tabs([t(f"linkage.tab.{k}", lang) for k in ("across", "side", "chain", "time")])
with across:
    charts.across_units(view.scatter, employee, customer, mins, lang)
with side:
    sort = st.columns([1, 2])[0].selectbox(t("linkage.sort", lang), linkage.SORTS, key="linkage_sort",
                        format_func=lambda x: t(f"linkage.sort.{x}", lang))
    charts.side_by_side(linkage.sort_units(view.profile, sort), lang)
    st.download_button(t("linkage.download", lang), lambda: linkage.unit_csv(view, customer, employee, lang),
                       "cx-units.csv", "text/csv", on_click="ignore", key="linkage_download")  # built on click
with chain:
    charts.vision_chain(view.chain, lang)
with time:
    units = sorted(set(view.profile["unit"]))
    unit = st.columns([1, 2])[0].selectbox(t("linkage.time.unit", lang), units, key="linkage_unit")
    series = data.cached(linkage.over_time, filters.workspace, filters, customer, employee, lag, mins)
    charts.unit_over_time(series, unit, employee, customer, lag, lang)
    confidential.staff_comments(filters.workspace, unit, view.employee_rounds, unit not in view.hidden_units, lang)
