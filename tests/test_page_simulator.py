"""The simulator page headless: every rule, the backtest, Monte Carlo, scenarios."""
from __future__ import annotations

import pytest

from cx.i18n import t


@pytest.fixture
def sim(app):
    return app("simulator")


def test_the_page_opens_on_the_quick_shift_from_the_biggest_pool(sim):
    assert not sim.exception
    assert sim.selectbox(key="move_from").value == "Web self-service"  # Web self-service, the biggest movable pool


def test_on_the_full_demo_the_shift_goes_to_complaint_handling(full_demo_ws):
    from conftest import open_app

    at = open_app("simulator")
    assert at.selectbox(key="move_to").value == "Complaint handling"  # Complaint handling: the clearest recent drop
    assert not at.exception


@pytest.mark.parametrize("rule", ["equal", "volume", "neyman", "problem_spots", "minimax_moe", "manual"])
def test_every_rule_renders(sim, rule):
    sim.selectbox(key="rule").set_value(rule).run()
    assert not sim.exception
    assert sim.metric[0].label == "Worst margin of error"


def test_an_impossible_minimum_gives_a_sentence_not_a_traceback(sim):
    sim.selectbox(key="rule").set_value("equal").run()
    sim.number_input(key="sim_minimum").set_value(500).run()
    assert not sim.exception
    assert "cannot be made" in sim.error[0].value


def test_the_replay_runs_on_a_button_and_shows_both_plans(sim):
    sim.button(key="sim_backtest").click()
    sim.run()
    assert not sim.exception
    table = sim.dataframe[-1].value
    assert list(table.columns) == ["Figure", "Today", "New plan"]
    assert "False alarms a month (replay)" in list(table["Figure"])
    assert any("What the replay assumes" in c.value for c in sim.caption)


def test_a_link_with_move_to_opens_the_shift_to_that_touchpoint(demo_ws):
    from conftest import open_app

    at = open_app("simulator", rule="move", move_to="Installation visit")
    assert not at.exception
    assert at.selectbox(key="rule").value == "move"
    assert at.selectbox(key="move_to").value == "Installation visit"


def test_the_monte_carlo_check_adds_a_column(sim):
    sim.button(key="sim_mc").click()
    sim.run()
    assert not sim.exception
    assert t("sim.power_mc", "en") in sim.dataframe[0].value.columns


def test_a_saved_scenario_is_listed(sim, demo_ws):
    sim.text_input(key="sim_name").set_value("Shift to complaints").run()
    sim.button(key="sim_save").click()
    sim.run()
    from cx import measurement

    assert "Shift to complaints" in measurement.list_scenarios(demo_ws)


def test_the_backtest_stays_after_a_click_elsewhere(sim):
    """Its replay vanished on the next click anywhere; it now stays until an input changes."""
    sim.button(key="sim_backtest").click()
    sim.run()
    sim.text_input(key="sim_name").set_value("anything").run()
    assert _replay_shown(sim)


def test_the_backtest_goes_when_its_inputs_change(sim):
    sim.button(key="sim_backtest").click()
    sim.run()
    assert _replay_shown(sim)
    drop = sim.slider(key="sim_bt_drop")
    drop.set_value(drop.value + 5 if drop.value <= 55 else drop.value - 5).run()
    assert not _replay_shown(sim)


def _replay_shown(at) -> bool:
    return any("What the replay assumes" in c.value for c in at.caption)


def test_the_monte_carlo_column_stays_until_the_plan_changes(sim):
    sim.button(key="sim_mc").click()
    sim.run()
    sim.text_input(key="sim_name").set_value("anything").run()
    assert t("sim.power_mc", "en") in sim.dataframe[0].value.columns
    sim.selectbox(key="move_to").set_value("Web shop").run()
    assert t("sim.power_mc", "en") not in sim.dataframe[0].value.columns
