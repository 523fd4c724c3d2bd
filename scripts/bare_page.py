"""The yardstick for page benchmarks: two DuckDB aggregations and three Altair charts.

Run through AppTest by scripts/benchmark.py beside the real pages, over the same
workspace, so page timings can be read against what Streamlit + DuckDB + Altair
cost at the least.
"""
import altair as alt
import streamlit as st

from cx import store

ws = store.open_workspace(st.session_state.get("bench_ws", "demo"))
unit = st.session_state.get("bench_unit")
cur = ws.cursor()
units = [unit] if isinstance(unit, str) else list(unit or [])
where, params = (("WHERE unit IN (" + ", ".join("?" * len(units)) + ")", units) if units else ("", []))
by_tp = cur.execute("SELECT touchpoint, count(*) AS n, avg(nps) AS nps FROM customer_responses "
                    + where + " GROUP BY 1", params).df()
by_month = cur.execute("SELECT date_trunc('month', responded_at) AS month, avg(nps) AS nps FROM "
                       "customer_responses " + where + " GROUP BY 1 ORDER BY 1", params).df()
st.altair_chart(alt.Chart(by_tp).mark_bar().encode(x="nps:Q", y="touchpoint:N"))
st.altair_chart(alt.Chart(by_tp).mark_point().encode(x="n:Q", y="nps:Q"))
st.altair_chart(alt.Chart(by_month).mark_line().encode(x="month:T", y="nps:Q"))
