"""Business case: churn and revenue per unit against its earlier NPS, and what a gain would be worth."""
import streamlit as st

from cx.commitments import business
from cx.i18n import t
from cx.ui import business_widgets as bw
from cx.ui import data, figures, state

lang = state.language()
filters = state.current_filters()
mins = data.minimums(filters.workspace)
st.title(t("page.business", lang))
st.caption(t("business.intro", lang))

choice = bw.controls(data.choices(filters.workspace, "customer_responses", "touchpoint"), lang)
result, worth = data.cached(business.business_case, filters.workspace, choice.driver, choice.lag, choice.touchpoint,
                            filters.end, mins)
st.info(t("business.not_proof", lang))
if bw.model_text(result, mins, lang):
    bw.worth_table(result, worth, choice, lang)
    figures.chart(st, bw.chart(result, lang), lang, width="stretch")
    st.caption(t("business.chart_help", lang))
