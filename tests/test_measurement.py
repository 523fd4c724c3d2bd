"""The simulator's figures on the demo and on fixtures."""
from __future__ import annotations

import io
from datetime import date

import numpy as np
import openpyxl
import pytest

from cx import allocation, measurement, stats
from cx.filters import Filters

LAST_QUARTER = Filters(workspace="demo", start=date(2026, 8, 1), end=date(2026, 10, 31))


def test_the_plan_comes_from_measurement_plan(demo_ws):
    plan = measurement.current_plan(demo_ws.cursor(), LAST_QUARTER)
    web = plan[(plan.touchpoint == "Web self-service") & (plan.method == "survey")].iloc[0]
    assert (web.fixed, web.movable, web.unit_cost) == (300, 300, 3.0)
    assert web.monthly_cost == 600 * 3.0


def test_without_a_plan_the_answers_received_stand_in_with_assumed_costs(demo_ws):
    with demo_ws.write() as cur:
        cur.execute("DELETE FROM measurement_plan")
    plan = measurement.current_plan(demo_ws.cursor(), LAST_QUARTER)
    assert plan["assumed"].all() and (plan["movable"] > 0).all()
    assert set(plan.loc[plan.method == "survey", "unit_cost"]) == {3.0}


def test_margin_of_error_columns_follow_the_contract(demo_ws):
    frame = measurement.simulation_frame(demo_ws.cursor(), LAST_QUARTER)
    n = np.full(len(frame), 100)
    comparison = measurement.compare_plans(frame, n, n * 4, frame["unit_cost"].to_numpy())
    v = frame["variance"].iloc[0]
    assert comparison["moe_before"].iloc[0] == pytest.approx(1.96 * 100 * np.sqrt(v / 100))
    assert comparison["moe_after"].iloc[0] == pytest.approx(comparison["moe_before"].iloc[0] / 2)
    p, d = frame["p_promoters"].iloc[0], frame["p_detractors"].iloc[0]
    after = stats.nps_variance(*stats.shares_after_drop(p, d, comparison["mdc_before"].iloc[0]))
    # the contract's formula, with the second month's variance taken after the fall it detects
    assert comparison["mdc_before"].iloc[0] == pytest.approx(
        2.8016 * 100 * np.sqrt(stats.nps_variance(p, d) / 100 + after / 100), rel=1e-6)


def test_story_c_moving_the_web_pool_to_complaint_handling_halves_its_margin(full_demo_ws):
    frame = measurement.simulation_frame(full_demo_ws.cursor(), LAST_QUARTER)
    names = list(frame.touchpoint)
    web, complaints = names.index("Web self-service"), names.index("Complaint handling")
    moved = allocation.move_pool(frame["movable"], web, complaints)
    before = frame["fixed"] + frame["movable"]
    after = frame["fixed"] + moved
    v = frame["variance"].iloc[complaints]
    ratio = stats.margin_of_error(v, int(after[complaints])) / stats.margin_of_error(v, int(before[complaints]))
    assert ratio < 0.6


def test_story_c_the_replay_catches_the_dip_sooner_with_more_answers_at_the_same_false_alarm_rate(full_demo_ws):
    result = measurement.compare_replays(full_demo_ws.cursor(), LAST_QUARTER, "Complaint handling", 60, 360,
                                         drop_points=25, sims=200)
    before, after = result["before"], result["after"]
    assert after.flagged_by[0] > before.flagged_by[0] + 0.3
    assert after.rule.arl0 == before.rule.arl0 == measurement.REPLAY_ARL0


def test_the_replay_model_leaves_the_planted_dip_out_and_reports_it(full_demo_ws):
    model = measurement.touchpoint_model(full_demo_ws.cursor(), LAST_QUARTER, "Complaint handling")
    assert model["reference"] == (date(2024, 11, 1), date(2026, 7, 1))
    assert model["recent_drop"] > 25  # Tampere's fall pulls the whole touchpoint down
    stable = measurement.touchpoint_model(full_demo_ws.cursor(), LAST_QUARTER, "Web self-service")
    assert abs(stable["recent_drop"]) < 5


def test_the_clearest_recent_drop_points_at_complaint_handling(full_demo_ws):
    frame = measurement.touchpoint_stats(full_demo_ws.cursor(), LAST_QUARTER)
    assert frame.loc[frame["drop_z"].idxmax(), "touchpoint"] == "Complaint handling"


def test_the_recent_drop_is_measured_against_the_months_before(demo_ws):
    frame = measurement.touchpoint_stats(demo_ws.cursor(), LAST_QUARTER).set_index("touchpoint")
    # Complaint handling fell in Aug-Oct against May-Jul: the drop is positive and clear.
    assert frame.loc["Complaint handling", "largest_drop"] > 15


def test_scenarios_round_trip(workspace):
    measurement.save_scenario(workspace, "Q1 shift", {"rule": "move", "allocation": {"A": 3}})
    assert measurement.list_scenarios(workspace) == ["Q1 shift"]
    assert measurement.load_scenario(workspace, "Q1 shift")["allocation"] == {"A": 3}
    measurement.delete_scenario(workspace, "Q1 shift")
    assert measurement.list_scenarios(workspace) == []


def test_the_scenario_workbook_states_assumptions_and_keeps_text_as_text(demo_ws):
    frame = measurement.simulation_frame(demo_ws.cursor(), LAST_QUARTER)
    n = (frame["fixed"] + frame["movable"]).to_numpy()
    comparison = measurement.compare_plans(frame, n, n, frame["unit_cost"].to_numpy())
    data = measurement.scenario_workbook({"name": "=cmd|' /C calc'!A0"}, comparison,
                                         {"unit": ("Tampere",)}, {"rule": "move"})
    book = openpyxl.load_workbook(io.BytesIO(data))
    facts = {row[0].value: row[1] for row in book["Assumptions"].iter_rows(min_row=2)}
    assert facts["scenario"].data_type == "s" and facts["scenario"].value.startswith("=")
    assert facts["filter: unit"].value == "Tampere"


def test_problem_spots_on_the_page_follow_the_documented_rule_the_gap_to_the_best_touchpoint(demo_ws):
    # "lowest score" weighs each touchpoint by how far its NPS lies below the best one's (cx.allocation),
    # not by 100 - NPS, which gave every touchpoint a large weight
    frame = measurement.simulation_frame(demo_ws.cursor(), LAST_QUARTER)
    scores = allocation.problem_scores(frame, "lowest_score")
    best = frame["nps"].idxmax()
    assert scores[best] == 0
    assert scores == pytest.approx((frame["nps"].max() - frame["nps"]).fillna(0).to_numpy())


def test_the_pages_chance_of_catching_a_drop_matches_a_simulation_of_its_flag_within_2_points(full_demo_ws):
    frame = measurement.simulation_frame(full_demo_ws.cursor(), LAST_QUARTER)
    n = (frame["fixed"] + frame["movable"]).to_numpy()
    comparison = measurement.compare_plans(frame, n, n, frame["unit_cost"].to_numpy(), drop_points=15)
    simulated = measurement.simulated_power(frame, n, 15, sims=6000)
    for tp, computed in zip(comparison["touchpoint"], comparison["power_before"], strict=True):
        assert abs(computed - simulated[tp]) <= 0.02, (tp, computed, simulated[tp])
