"""Customer promises: the register, whether each promise is kept per unit and month, and its evidence."""
import streamlit as st

from cx.commitments import drafts, keeping, register
from cx.i18n import t
from cx.ui import data, state
from cx.ui import promises_widgets as pw

lang = state.language()
filters = state.current_filters()
ws, mins = data.workspace(filters.workspace), data.minimums(filters.workspace)
st.title(t("page.promises", lang))
st.caption(t("promises.intro", lang))

promises = data.cached(register.load, filters.workspace)
statuses = data.cached(keeping.register_status, filters.workspace, tuple(promises), filters.end, mins)
if promises:
    st.subheader(t("promises.register", lang))
    pw.register_table(promises, statuses, lang)
    promise = pw.pick(promises, statuses, lang)
    st.text(promise.promise)
    if promise.problem:
        st.text(promise.problem)
    pw.simulator_link(promise, lang)
    pw.promise_status(promise, statuses[promise.promise_id], mins, lang)
    with st.expander(t("promises.evidence", lang)):
        pw.evidence_panel(data.cached(drafts.promise_evidence, filters.workspace, promise, mins), lang)
else:
    st.info(t("promises.empty", lang))

with st.expander(t("promises.drafts", lang), expanded=not promises):
    pw.draft_panel(ws, filters, promises, mins, lang)
with st.expander(t("promises.edit", lang)):
    pw.editor(ws, promises, lang)
with st.expander(t("promises.files", lang)):
    pw.files(ws, promises, lang)
