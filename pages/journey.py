"""Journey explorer: where along the journey do we lose people, for whom, since when, and what would move it?"""
import streamlit as st

from cx import journey
from cx.i18n import t
from cx.ui import data, figures, state
from cx.ui import journey_charts as jc

lang = state.language()
filters = state.current_filters()
ws, mins = filters.workspace, data.minimums(filters.workspace)
st.title(t("page.journey", lang))
st.caption(t("journey.intro", lang))
left, right = st.columns(2)
metric = state.bound(left.selectbox, t("journey.metric", lang), journey.METRICS, key="metric", default="nps",
                     name=lambda x, lg: t(f"metric.{x}", lg))
compare = state.bound(right.selectbox, t("journey.compare", lang), journey.COMPARISONS, key="compare",
                      default=journey.COMPARISONS[0], name=lambda x, lg: t(f"journey.compare.{x}", lg))

st.subheader(t("journey.map", lang))
view = data.cached(journey.journey_map, ws, filters, metric, compare, mins)
tile_col, list_col, hint_col = st.columns([1, 1, 1])
with tile_col:
    figures.metric_tile(st, "nps", view.relationship, lang, label=t("journey.relationship", lang))
touchpoint = jc.touchpoint_list(list_col, journey.touchpoints_in_order(view.table), lang)
hint_col.caption(t("journey.drill_hint", lang))
jc.render_map(view, lang)
grain_now = jc.grain()
trends = data.cached(journey.touchpoint_trends, ws, filters, metric, grain_now, mins)
if touchpoint:  # the drill-down opens where the eye is: a dialog over the map, itself in the URL (?tp=)
    jc.open_drill(filters, touchpoint, metric, grain_now, mins, lang, trends)
st.dataframe(jc.map_rows(view.table, metric, lang), hide_index=True, width="stretch")

st.subheader(t("journey.units_title", lang))
jc.render_units(data.cached(journey.units_compared, ws, filters, metric, compare, mins), lang)

st.subheader(t("journey.pain", lang))
jc.render_pain(data.cached(journey.pain_points, ws, filters, mins), filters, lang)

st.subheader(t("journey.slice", lang))
dim_col, grain_col = st.columns(2)
dimension = state.bound(dim_col.selectbox, t("journey.dimension", lang), journey.DIMENSIONS, key="dim",
                        default=journey.DIMENSIONS[0], name=lambda x, lg: t(f"dim.{x}", lg))
grain = state.bound(grain_col.selectbox, t("journey.grain", lang), journey.GRAINS, key="grain",
                    default=journey.GRAINS[0], name=lambda x, lg: t(f"journey.grain.{x}", lg))
jc.render_heatmap(data.cached(journey.heatmap, ws, filters, metric, dimension, mins, compare), metric, lang)
options = journey.touchpoints_in_order(view.table)
chosen = jc.multiples_picker(options, journey.worst_touchpoints(view.table), lang)
if grain != grain_now:
    trends = data.cached(journey.touchpoint_trends, ws, filters, metric, grain, mins)
jc.render_multiples(trends, metric, chosen, lang)

st.subheader(t("journey.drivers", lang))
outcome = state.bound(st.columns(2)[0].selectbox, t("journey.outcome", lang), journey.OUTCOMES, key="outcome",
                      default=journey.OUTCOMES[0], name=lambda x, lg: t(f"journey.outcome.{x}", lg))
jc.render_drivers(data.cached(journey.drivers, ws, filters, outcome, mins), lang)
