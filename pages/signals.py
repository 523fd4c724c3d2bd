"""Early signals: every touchpoint x unit watched month by month, the evidence, and the backtest."""
import streamlit as st

from cx.i18n import t
from cx.ui import signals_widgets as sw
from cx.ui import state

lang = state.language()
filters = state.current_filters()
st.title(t("page.signals", lang))
st.caption(t("signals.intro", lang))

watch = sw.current(filters)
found = watch.at(filters.unit)
sw.rule_caption(watch, lang)
sw.signal_list(watch, found, lang)
if found:
    st.subheader(t("signals.evidence", lang))
    sw.signal_detail(found, lang)
st.subheader(t("signals.backtest", lang))
sw.backtest_panel(filters, lang)
