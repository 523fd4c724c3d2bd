"""Measurement simulator: move the movable pool and see what each touchpoint gains and loses."""
import streamlit as st

from cx import allocation, measurement
from cx.i18n import messages, t
from cx.ui import data, figures, state
from cx.ui import simulator_widgets as sim

lang = state.language()
filters = state.current_filters()
st.title(t("page.simulator", lang))
st.caption(t("sim.intro", lang))

frame = data.cached(measurement.simulation_frame, filters.workspace, filters, "survey")
if frame.empty:
    st.info(t("sim.no_plan", lang))
    st.stop()
choice = sim.controls(frame, lang)
manual = sim.manual_sliders(frame, choice, lang) if choice.rule == "manual" else None
try:
    movable = sim.allocate(frame, choice, manual)
except allocation.AllocationError as exc:
    st.error(t("sim.cannot", lang))
    st.text(messages.text(exc, lang))
    st.stop()

before = (frame["fixed"] + frame["movable"]).to_numpy()
after = frame["fixed"].to_numpy() + movable
comparison = measurement.compare_plans(frame, before, after, frame["unit_cost"].to_numpy(), choice.drop)
sim.totals(comparison, frame, lang)
figures.chart(st, sim.moe_chart(comparison, lang), lang, width="stretch")
mc = sim.monte_carlo_kept(frame, after, choice.drop, lang)
sim.comparison_table(comparison, lang, mc)
st.caption(t("sim.how_to_read", lang))
with st.expander(t("replay.title", lang), expanded=True):
    sim.replay_panel(filters, frame, before, after, lang)
with st.expander(t("sim.scenarios", lang)):
    sim.scenario_panel(filters, choice, frame, comparison, lang)
