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
customer = state.bound(left.selectbox, t("linkage.control.customer", lang), linkage.CUSTOMER_CHOICES,
                       key="linkage_customer", default=linkage.CUSTOMER_CHOICES[0], name=lambda x, lg: t(f"metric.{x}", lg))
employee = state.bound(middle.selectbox, t("linkage.control.employee", lang), linkage.EMPLOYEE_CHOICES,
                       key="linkage_employee", default=linkage.EMPLOYEE_CHOICES[0], name=lambda x, lg: t(f"metric.{x}", lg))
lag = state.bound(right.selectbox, t("linkage.control.lag", lang), linkage.LAGS, key="linkage_lag",
                  default=linkage.LAGS[0], name=lambda x, lg: t(f"linkage.lag.{x}", lg))
view = data.cached(linkage.view, filters.workspace, filters, customer, employee, lag, mins)
if charts.explain_missing(view, lag, lang):
    st.stop()
st.caption(linkage.window_text(view, lag, lang))
units = sorted(set(view.profile["unit"]))  # codes, for the unit picker and the over-time figures
shown = charts.with_unit_labels(view, filters.workspace, lang)

across, side, chain, time, drivers = st.tabs([t(f"linkage.tab.{k}", lang)
                                              for k in ("across", "side", "chain", "time", "drivers")])
with across:
    charts.across_units(shown.scatter, employee, customer, mins, lang)
with side:
    sort = state.bound(st.columns([1, 2])[0].selectbox, t("linkage.sort", lang), linkage.SORTS, key="linkage_sort",
                       default=linkage.SORTS[0], name=lambda x, lg: t(f"linkage.sort.{x}", lg))
    charts.side_by_side(linkage.sort_units(shown.profile, sort), lang)
    st.download_button(t("linkage.download", lang), lambda: linkage.unit_csv(view, customer, employee, lang),
                       "cx-units.csv", "text/csv", on_click="ignore", key="linkage_download")  # built on click
with chain:
    charts.vision_chain(shown.chain, lang)
with time:
    unit = state.bound(st.columns([1, 2])[0].selectbox, t("linkage.time.unit", lang), units, key="linkage_unit",
                       default=units[0] if units else None, name=state.dimension_name("unit", filters.workspace))
    series = data.cached(linkage.over_time, filters.workspace, filters, customer, employee, lag, mins)
    charts.unit_over_time(series, unit, employee, customer, lag, lang)
    confidential.staff_comments(filters.workspace, unit, view.employee_rounds, unit not in view.hidden_units, lang)
with drivers:
    charts.driver_panel(data.cached(linkage.driver_comparison, filters.workspace, filters, mins), lang)
