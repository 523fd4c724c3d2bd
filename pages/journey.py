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
metric = left.selectbox(t("journey.metric", lang), journey.METRICS, key="journey_metric",
                        format_func=lambda x: t(f"metric.{x}", lang))
compare = right.selectbox(t("journey.compare", lang), journey.COMPARISONS, key="journey_compare",
                          format_func=lambda x: t(f"journey.compare.{x}", lang))

st.subheader(t("journey.map", lang))
view = data.cached(journey.journey_map, ws, filters, metric, compare, mins)
tile_col, list_col, hint_col = st.columns([1, 1, 1])
with tile_col:
    figures.metric_tile(st, "nps", view.relationship, lang, label=t("journey.relationship", lang))
touchpoint = jc.touchpoint_list(list_col, journey.touchpoints_in_order(view.table), lang)
hint_col.caption(t("journey.drill_hint", lang))
jc.render_map(view, lang)
st.dataframe(jc.map_rows(view.table, metric, lang), hide_index=True, width="stretch")

st.subheader(t("journey.pain", lang))
st.caption(t("journey.pain_help", lang))
st.dataframe(jc.pain_rows(data.cached(journey.pain_points, ws, filters, mins), lang), hide_index=True, width="stretch")

st.subheader(t("journey.slice", lang))
dim_col, grain_col = st.columns(2)
dimension = dim_col.selectbox(t("journey.dimension", lang), journey.DIMENSIONS, key="journey_dimension",
                              format_func=lambda x: t(f"dim.{x}", lang))
grain = grain_col.selectbox(t("journey.grain", lang), journey.GRAINS, key="journey_grain",
                            format_func=lambda x: t(f"journey.grain.{x}", lang))
jc.render_heatmap(data.cached(journey.heatmap, ws, filters, metric, dimension, mins), metric, lang)
options = journey.touchpoints_in_order(view.table)
chosen = jc.multiples_picker(options, journey.worst_touchpoints(view.table), lang)
trends = data.cached(journey.touchpoint_trends, ws, filters, metric, grain, mins)
jc.render_multiples(trends, metric, chosen, lang)

st.subheader(t("journey.drill", lang))
if touchpoint:
    jc.render_drill(filters, touchpoint, metric, grain, mins, lang, trends)
else:
    st.caption(t("journey.drill_hint", lang))

st.subheader(t("journey.drivers", lang))
outcome = st.columns(2)[0].selectbox(t("journey.outcome", lang), journey.OUTCOMES, key="journey_outcome",
                                     format_func=lambda x: t(f"journey.outcome.{x}", lang))
jc.render_drivers(data.cached(journey.drivers, ws, filters, outcome, mins), lang)
