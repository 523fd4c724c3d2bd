"""Overview: headline tiles with n, interval and change; monthly trends; what the data holds."""
import streamlit as st

from cx import overview
from cx.i18n import fmt_date, fmt_number, t
from cx.ui import confidential, data, figures, lead, pack_ui, signals_widgets, state

lang = state.language()
filters = state.current_filters()
st.title(t("page.overview", lang))
st.caption(t("overview.period", lang, start=fmt_date(filters.start, lang), end=fmt_date(filters.end, lang)))

lead.render(filters, lang)
tp_name = figures.label_of(filters.workspace, "touchpoint", lang)

tiles = data.cached(overview.headline, filters.workspace, filters, data.minimums(filters.workspace))
if overview.nothing_matches(tiles):
    figures.no_data_notice(lang)
for columns, chunk in ((st.columns(3), tiles[:3]), (st.columns(3), tiles[3:])):
    for col, tile in zip(columns, chunk, strict=True):
        with col.container(border=True):
            figures.metric_tile(st, tile["metric"], tile["row"], lang, label=t(tile["tile"], lang),
                                note=figures.pooled_note(tile["row"], lang, tp_name))
            if tile["metric"] == "enps":
                confidential.rounds_caption(st, filters, lang)
            trend = data.cached(overview.tile_trend, filters.workspace, filters, tiles.index(tile),
                                data.minimums(filters.workspace))
            if len(trend):
                figures.chart(st, figures.trend_chart(trend, tile["metric"], lang, height=120, y_title=False), lang, width="stretch")
figures.comparisons_caption(st, overview.comparisons(tiles), lang)
st.caption(" ".join([t("pooled.tiles", lang)] + [
    t("pooled.left_out", lang, metric=t(key, lang), touchpoints=", ".join(tp_name(v) for v in tps)) + "."
    for key, tps in overview.left_out(tiles)]))
st.caption(t("overview.how_to_read", lang))
signals_widgets.overview_section(filters, lang)

ws = data.workspace(filters.workspace)
held = overview.holdings(ws)
left, right = st.columns(2)
with left:
    st.subheader(t("overview.holds", lang))
    st.dataframe({t("overview.table", lang): [t(f"table.{k}", lang) for k in held["counts"]],
                  t("overview.rows", lang): [fmt_number(v, lang) for v in held["counts"].values()]},
                 hide_index=True, width="stretch")
    st.caption(t("overview.span", lang, first=fmt_date(held["first"], lang), last=fmt_date(held["last"], lang),
                 imported=fmt_date(held["last_import"], lang)))
with right:
    st.subheader(t("pack.title", lang))
    pack_ui.render(filters, lang)
