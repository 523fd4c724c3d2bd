"""Widgets and charts of the measurement simulator; the page calls these in order."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from cx import alarms, allocation, measurement, present
from cx.filters import Filters
from cx.i18n import fmt_month, fmt_number, fmt_signed, t
from cx.ui import auth, data, state
from cx.ui.plain import plain

RULE_CHOICES = ("move", *allocation.RULES)


@dataclass(frozen=True)
class Choice:
    method: str
    rule: str
    problem: str
    budget_in: str
    budget: float
    minimum: int
    drop: float
    source: int
    target: int


def controls(frame: pd.DataFrame, lang: str) -> Choice:
    """Rule, budget and assumptions; the default shows the workshop's quick shift."""
    names = list(frame["touchpoint"])
    pool = int(frame["movable"].sum())
    left, mid, right = st.columns(3)
    rule = state.bound(left.selectbox, t("sim.rule", lang), RULE_CHOICES, key="rule", default="move",
                       name=lambda r, lg: t(f"sim.rule.{r}", lg))
    problem, source, target = "largest_drop", 0, 0
    if rule == "problem_spots":
        problem = left.selectbox(t("sim.problem", lang), allocation.PROBLEMS, key="sim_problem",
                                 format_func=lambda p: t(f"sim.problem.{p}", lang))
    if rule == "move":
        name = state.dimension_name("touchpoint", st.session_state.get("ws") or state.default_workspace())
        biggest = names[int(np.argmax(frame["movable"]))]  # the biggest movable pool
        source = names.index(state.bound(left.selectbox, t("sim.from", lang), names, key="move_from",
                                         default=biggest, name=name))
        worst = names[int(np.argmax(frame["drop_z"]))]  # the clearest recent drop: where a problem has just appeared
        target = names.index(state.bound(left.selectbox, t("sim.to", lang), names, key="move_to",
                                         default=worst, name=name))
    budget_in, budget, minimum = "count", float(pool), 0
    if rule != "move":  # a move keeps today's pool; the other rules place a budget
        budget_in = mid.segmented_control(t("sim.budget_in", lang), ("count", "euros"), key="sim_budget_in",
                                          default="count", required=True,
                                          format_func=lambda b: t(f"sim.budget.{b}", lang))
        if budget_in == "euros":
            budget = mid.number_input(t("sim.budget_value.euros", lang), min_value=0.0, step=50.0,
                                      value=float((frame["movable"] * frame["unit_cost"]).sum()), key="sim_budget_euros")
        else:
            budget = float(mid.number_input(t("sim.budget_value.count", lang), min_value=0, value=pool, step=10,
                                            key="sim_budget_count"))
        minimum = right.number_input(t("sim.minimum", lang), min_value=0, value=0, step=5, key="sim_minimum")
    drop = right.slider(t("sim.drop", lang), 3, 40, 10, key="sim_drop")
    return Choice("survey", rule, problem, budget_in, budget, int(minimum), float(drop), int(source), int(target))


def _tp(name, lang: str) -> str:
    """A touchpoint's label in the chosen workspace and language."""
    return state.dimension_name("touchpoint", st.session_state.get("ws") or state.default_workspace())(name, lang)


def _delta(change: float, unit: str, lang: str, decimals: int = 0, higher_is_better: bool = True) -> dict:
    """st.metric's delta arguments, or none when nothing changes (a red arrow on zero misleads)."""
    if abs(change) < 0.5 * 10 ** -decimals:
        return {"delta": None}
    color, arrow = present.change_style(change, True, higher_is_better)
    return {"delta": f"{fmt_number(change, lang, decimals)}{unit}", "delta_color": color, "delta_arrow": arrow}


def manual_sliders(frame: pd.DataFrame, choice: Choice, lang: str) -> list[int]:
    st.caption(t("sim.manual_help", lang))
    cols = st.columns(3)
    top = int(max(choice.budget, 1))
    return [cols[i % 3].slider(plain(name), 0, top, int(movable), key=f"sim_manual_{i}")
            for i, (name, movable) in enumerate(zip(frame["touchpoint"], frame["movable"], strict=True))]


def allocate(frame: pd.DataFrame, choice: Choice, manual: list[int] | None) -> np.ndarray:
    """Movable measurements per touchpoint under the chosen rule (raises AllocationError)."""
    if choice.rule == "move":
        return allocation.move_pool(frame["movable"], choice.source, choice.target)
    return allocation.allocate(
        choice.rule, choice.budget, volume=frame["volume"], variance=frame["variance"], fixed=frame["fixed"],
        problem=allocation.problem_scores(frame, choice.problem), minimum=choice.minimum,
        costs=frame["unit_cost"], budget_in=choice.budget_in, manual=manual)


def totals(comparison: pd.DataFrame, frame: pd.DataFrame, lang: str) -> None:
    cols = st.columns(4)
    before, after = comparison["moe_before"].max(), comparison["moe_after"].max()
    cols[0].metric(t("sim.worst_moe", lang), f"±{fmt_number(after, lang, 1)}",
                   **_delta(after - before, f" {t('unit.points', lang)}", lang, 1, higher_is_better=False))
    cost_b, cost_a = comparison["cost_before"].sum(), comparison["cost_after"].sum()
    cols[1].metric(t("sim.cost", lang), f"{fmt_number(cost_a, lang)} €",
                   **_delta(cost_a - cost_b, " €", lang, higher_is_better=False))
    cols[2].metric(t("sim.measurements", lang), fmt_number(comparison["n_after"].sum(), lang),
                   **_delta(comparison["n_after"].sum() - comparison["n_before"].sum(), "", lang))
    winners = int((comparison["moe_change"] < -0.05).sum())
    losers = int((comparison["moe_change"] > 0.05).sum())
    cols[3].metric(t("sim.winners_losers", lang), f"{winners} / {losers}")


def moe_chart(comparison: pd.DataFrame, lang: str) -> dict:
    """Margin of error before → after per touchpoint: winners green, losers orange.

    A plain Vega-Lite spec (as figures.trend_chart): Altair's validation of this one
    chart cost more than the rest of the page's render.
    """
    better, worse, same = t("sim.better", lang), t("sim.worse", lang), t("sim.same", lang)
    values = []
    for r in comparison.to_dict("records"):
        change = better if r["moe_change"] < -0.05 else worse if r["moe_change"] > 0.05 else same
        values.append({"touchpoint": _tp(r["touchpoint"], lang), "change": change, "n_before": int(r["n_before"]),
                       "n_after": int(r["n_after"]), "before": round(float(r["moe_before"]), 1),
                       "after": round(float(r["moe_after"]), 1)})
    y = {"field": "touchpoint", "type": "nominal", "sort": [v["touchpoint"] for v in values], "title": None,
         "axis": {"labelLimit": 260, "labelFontSize": 13}}
    colour = {"field": "change", "type": "nominal", "title": None,
              "scale": {"domain": [better, worse, same], "range": ["#2e7d32", "#e07b00", "#9e9e9e"]}}
    tooltip = [{"field": "touchpoint", "type": "nominal", "title": t("dim.touchpoint", lang)},
               {"field": "n_before", "type": "quantitative", "title": t("sim.n_before", lang)},
               {"field": "n_after", "type": "quantitative", "title": t("sim.n_after", lang)},
               {"field": "before", "type": "quantitative", "title": t("sim.moe_before", lang)},
               {"field": "after", "type": "quantitative", "title": t("sim.moe_after", lang)}]
    return {"data": {"values": values}, "height": 34 * len(values) + 40, "layer": [
        {"mark": {"type": "rule", "strokeWidth": 3},
         "encoding": {"y": y, "x": {"field": "before", "type": "quantitative", "title": t("sim.moe_axis", lang)},
                      "x2": {"field": "after"}, "color": colour, "tooltip": tooltip}},
        {"mark": {"type": "point", "filled": False, "size": 80, "color": "#555"},
         "encoding": {"y": y, "x": {"field": "before", "type": "quantitative"}, "tooltip": tooltip}},
        {"mark": {"type": "point", "filled": True, "size": 120},
         "encoding": {"y": y, "x": {"field": "after", "type": "quantitative"}, "color": colour, "tooltip": tooltip}},
    ]}


def comparison_table(comparison: pd.DataFrame, lang: str, mc: dict | None = None) -> None:
    rows = pd.DataFrame({
        t("dim.touchpoint", lang): [_tp(tp, lang) for tp in comparison["touchpoint"]],
        t("sim.n_before", lang): comparison["n_before"],
        t("sim.n_after", lang): comparison["n_after"],
        t("sim.moe_before", lang): comparison["moe_before"].round(1),
        t("sim.moe_after", lang): comparison["moe_after"].round(1),
        t("sim.mdc_after", lang): comparison["mdc_after"].round(1),
        t("sim.power_before", lang): (100 * comparison["power_before"]).round(0),
        t("sim.power_after", lang): (100 * comparison["power_after"]).round(0),
        t("sim.cost_after", lang): comparison["cost_after"].round(0),
    })
    if mc:
        rows[t("sim.power_mc", lang)] = [round(100 * mc.get(tp, float("nan"))) for tp in comparison["touchpoint"]]
    # Least precise after the change first: the row a room asks about is at the top.
    rows = rows.iloc[comparison["moe_after"].to_numpy().argsort(kind="stable")[::-1]]
    st.dataframe(rows, hide_index=True, width="stretch")


def kept_result(key: str, label: str, inputs) -> bool:
    """A button whose result stays on screen until one of its inputs changes (not only for the click's run).

    A plain st.button is true for one run: the replay vanished on the next click anywhere.
    """
    if st.button(label, key=key):
        st.session_state[f"_{key}_for"] = inputs
    return st.session_state.get(f"_{key}_for") == inputs


def monte_carlo_kept(frame: pd.DataFrame, after: np.ndarray, drop: float, lang: str) -> dict | None:
    """The Monte Carlo power check, run on its button and kept until the plan or the drop changes."""
    inputs = (tuple(frame["touchpoint"]), tuple(int(x) for x in after), float(drop))
    if not kept_result("sim_mc", t("sim.mc", lang), inputs):
        return None
    cache = st.session_state.get("_sim_mc_result")
    if not cache or cache[0] != inputs:
        cache = (inputs, monte_carlo(frame, after, drop))
        st.session_state["_sim_mc_result"] = cache
    return cache[1]


def monte_carlo(frame: pd.DataFrame, after: np.ndarray, drop: float) -> dict:
    return measurement.simulated_power(frame, after, drop)


def replay_panel(filters: Filters, frame: pd.DataFrame, before: np.ndarray, after: np.ndarray, lang: str) -> None:
    """The alarm replay for one touchpoint, today's plan beside the new one (measurement.compare_replays)."""
    names = list(frame["touchpoint"])
    default = names.index("Complaint handling") if "Complaint handling" in names else 0
    left, right = st.columns(2)
    i = left.selectbox(t("dim.touchpoint", lang), range(len(names)), index=default, key="sim_bt_touchpoint",
                       format_func=lambda k: _tp(names[k], lang),
                       on_change=lambda: st.session_state.pop("sim_bt_drop", None))
    rule = right.selectbox(t("replay.rule", lang), alarms.RULES, key="sim_alarm",
                           format_func=lambda r: t(f"replay.rule.{r}", lang))
    model = data.cached(measurement.touchpoint_model, filters.workspace, filters, names[i])
    if model is None:
        st.info(t("replay.too_short", lang, months=alarms.MIN_REFERENCE_MONTHS))
        return
    recent = model["recent_drop"]
    start = int(min(max(round(recent), 5), 60)) if recent and recent >= 5 else 25
    drop = right.slider(t("replay.drop", lang), 5, 60, start, key="sim_bt_drop")
    first, last = model["reference"]
    st.text(t("replay.model", lang, touchpoint=_tp(names[i], lang), months=model["reference_months"], first=fmt_month(first, lang),
              last=fmt_month(last, lang), level=fmt_signed(model["level"], lang, 1),
              wobble=fmt_number(model["between_var"] ** 0.5, lang, 1)))
    st.caption(t("replay.recent", lang, drop=fmt_number(recent, lang)) if recent and recent >= 5
               else t("replay.recent_none", lang))
    inputs = (filters, names[i], int(before[i]), int(after[i]), rule, float(drop))
    if not kept_result("sim_backtest", t("replay.run", lang), inputs):
        st.caption(t("replay.help", lang))
        return
    result = data.cached(measurement.compare_replays, filters.workspace, filters, names[i], int(before[i]),
                         int(after[i]), rule, float(drop))
    st.dataframe(replay_rows(result, lang), hide_index=True, width="stretch")
    shown = result["before"]
    st.caption(t("replay.assumes", lang, months=shown.rule.reference_months, arl0=fmt_number(shown.rule.arl0, lang),
                 limit=fmt_number(shown.rule.limit, lang, 2), se=fmt_number(100 * shown.false_alarm_se, lang, 2)))


def replay_rows(result: dict, lang: str) -> pd.DataFrame:
    """One row per figure, one column per plan: false alarms (replay and stated), months to a false alarm,
    the chance of catching the fall by month 1, 2 and 3, and the months to the signal."""
    plans = {t("replay.today", lang): result["before"], t("replay.new_plan", lang): result["after"]}
    figures = {
        t("replay.n", lang): lambda r: fmt_number(r.n_per_month, lang),
        t("replay.spread", lang): lambda r: fmt_number(r.spread, lang, 1),
        t("replay.false", lang): lambda r: f"{fmt_number(100 * r.false_alarm_rate, lang, 2)} % "
                                           f"({t('replay.false_stated', lang)} "
                                           f"{fmt_number(100 * r.rule.false_alarms_per_month, lang, 2)} %)",
        t("replay.months_to_false", lang): lambda r: fmt_number(r.run_length, lang),
        t("replay.flag_1", lang): lambda r: f"{fmt_number(100 * r.flagged_by[0], lang)} %",
        t("replay.flag_2", lang): lambda r: f"{fmt_number(100 * r.flagged_by[1], lang)} %",
        t("replay.flag_3", lang): lambda r: f"{fmt_number(100 * r.flagged_by[2], lang)} %",
        t("replay.delay", lang): lambda r: fmt_number(r.mean_delay, lang, 1),
    }
    return pd.DataFrame({t("replay.plan", lang): list(figures),
                         **{label: [shown(r) for shown in figures.values()] for label, r in plans.items()}})


def scenario_panel(filters: Filters, choice: Choice, frame: pd.DataFrame, comparison: pd.DataFrame,
                   lang: str) -> None:
    ws = data.workspace(filters.workspace)
    left, right = st.columns(2)
    name = left.text_input(t("sim.scenario_name", lang), key="sim_name")
    scenario = {"name": name, "rule": choice.rule, "budget": choice.budget, "budget_in": choice.budget_in,
                "minimum": choice.minimum, "drop": choice.drop,
                "allocation": dict(zip(comparison["touchpoint"], comparison["n_after"].astype(int).tolist(),
                                       strict=True))}
    may_save = auth.can(filters.workspace, "save_scenario")  # analysts and admins (cx.team.access)
    if left.button(t("sim.save", lang), key="sim_save", disabled=not name.strip() or not may_save):
        auth.check(filters.workspace, "save_scenario")
        measurement.save_scenario(ws, name, scenario)
        st.toast(t("sim.saved", lang))
    assumptions = {"rule": t(f"sim.rule.{choice.rule}", lang), "budget": f"{choice.budget:g} {choice.budget_in}",
                   "minimum per touchpoint": choice.minimum, "drop to detect (points)": choice.drop,
                   "unit costs": ", ".join(f"{tp}: {c:g} €" for tp, c in zip(frame["touchpoint"], frame["unit_cost"],
                                                                             strict=True)),
                   "alarm rule": f"EWMA λ {alarms.LAMBDA} or CUSUM k {alarms.CUSUM_K} on monthly NPS, tuned to one false "
                                 f"alarm in {measurement.REPLAY_ARL0:g} months per touchpoint"}
    right.download_button(t("sim.download", lang), lambda: measurement.scenario_workbook(  # built on click
        scenario, comparison, filters.active(), assumptions), file_name="cx-scenario.xlsx", key="sim_download",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    saved = measurement.list_scenarios(ws)
    if len(saved) >= 2:
        a = left.selectbox(t("sim.compare_a", lang), saved, key="sim_cmp_a")
        b = right.selectbox(t("sim.compare_b", lang), saved, index=1, key="sim_cmp_b")
        sa, sb = measurement.load_scenario(ws, a), measurement.load_scenario(ws, b)
        tps = sorted(set(sa["allocation"]) | set(sb["allocation"]))
        st.dataframe(pd.DataFrame({t("dim.touchpoint", lang): tps, a: [sa["allocation"].get(x) for x in tps],
                                   b: [sb["allocation"].get(x) for x in tps]}), hide_index=True, width="stretch")
