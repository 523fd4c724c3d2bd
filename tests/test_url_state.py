"""The view lives in the URL as language-neutral codes (issue 16, point 1), headless.

The real-browser twins (language switch in Chromium, cold links, page moves) are in
tests/browser/test_url_state.py; these check the mechanism in cx/ui/state.py.
"""
from __future__ import annotations

from datetime import date

import pytest
from conftest import page_file

from cx.i18n import t
from cx.ui import state


def test_a_url_naming_the_period_by_its_finnish_label_keeps_it(app):
    at = app(period="Viimeiset 6 kuukautta", lang="en")
    assert at.session_state["period"] == "last_6m"
    assert at.query_params["period"] == "last_6m"


def test_a_url_naming_the_period_by_its_english_label_in_finnish_keeps_it(app):
    """The issue's link: period=Last+6+months&lang=FI fell back to 3 months."""
    at = app(period="Last 6 months", lang="FI")
    assert at.session_state["period"] == "last_6m"
    assert at.title[0].value == t("page.overview", "fi")


def test_an_unknown_url_value_is_ignored_not_turned_into_another_view(app):
    at = app(period="last_7_years")
    assert at.session_state["period"] == "last_3m"
    assert "period" not in at.query_params


def test_switching_language_keeps_period_and_units(app):
    at = app(period="last_6m", unit="Tampere")
    at.segmented_control(key="lang").set_value("fi").run()
    at.segmented_control(key="lang").set_value("en").run()
    assert at.session_state["period"] == "last_6m"
    assert at.session_state["unit"] == ["Tampere"]
    assert at.query_params["period"] == "last_6m"


def test_a_chosen_metric_is_written_to_the_url_as_its_code(app):
    at = app("journey")
    at.selectbox(key="metric").set_value("ces").run()
    assert at.query_params["metric"] == "ces"


@pytest.mark.parametrize("key, value", [("metric", "csat"), ("compare", "year"), ("dim", "unit"),
                                        ("grain", "quarter"), ("outcome", "ces"), ("tp", "Complaint handling")])
def test_every_journey_control_is_read_from_a_cold_url(app, key, value):
    at = app("journey", **{key: value})
    assert not at.exception
    assert at.session_state[key] == value


def test_the_simulator_move_is_read_from_a_cold_url(app):
    at = app("simulator", move_from="Web shop", move_to="Sales call")
    assert at.selectbox(key="move_from").value == "Web shop"
    assert at.selectbox(key="move_to").value == "Sales call"


def test_a_page_control_survives_a_visit_to_another_page(app):
    at = app("journey")
    at.selectbox(key="metric").set_value("fcr").run()
    at.switch_page(page_file("overview")).run()
    assert at.query_params["metric"] == "fcr"  # still part of the shareable view
    at.switch_page(page_file("journey")).run()
    assert at.selectbox(key="metric").value == "fcr"


def test_defaults_are_left_out_of_the_url(app):
    at = app("journey")
    at.selectbox(key="metric").set_value("ces").run()
    at.selectbox(key="metric").set_value("nps").run()
    assert "metric" not in at.query_params


def test_custom_dates_are_read_from_and_written_to_the_url_as_iso_dates(app):
    at = app(period="custom", dates=["2026-02-01", "2026-03-31"])
    assert not at.exception
    assert tuple(at.session_state["dates"]) == (date(2026, 2, 1), date(2026, 3, 31))
    assert at.query_params["dates"] == ["2026-02-01", "2026-03-31"]
    assert "1 Feb 2026 – 31 Mar 2026" in at.caption[0].value


def test_code_of_reads_codes_and_labels_in_either_language():
    name = state.period_name
    options = ["last_3m", "last_12m"]
    assert state.code_of("last_12m", options, name) == "last_12m"
    assert state.code_of("Last+12+months", options, name) == "last_12m"
    assert state.code_of("viimeiset 12 KUUKAUTTA", options, name) == "last_12m"
    assert state.code_of("12", options, name) is None
