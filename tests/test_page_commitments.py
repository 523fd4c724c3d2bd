"""The promises, signals and business-case pages headless, and the overview's signals section."""
from __future__ import annotations

import pytest


def _texts(at) -> str:
    return "\n".join([x.value for x in at.text] + [c.value for c in at.caption])


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("page", ["promises", "signals", "business"])
def test_each_page_opens_in_both_languages(app, page, lang):
    at = app(page, lang=lang)
    assert not at.exception
    assert not at.error


def test_the_register_lists_the_demo_promises_with_their_latest_month(app):
    at = app("promises")
    register = at.dataframe[0].value
    assert list(register["Id"]) == ["P-1", "P-2", "P-3"]
    assert register["Latest month"].str.startswith("Oct 2026").all()


def test_picking_a_promise_shows_its_status_per_unit_and_month(app):
    at = app("promises")
    at.selectbox(key="pr_promise").set_value("P-2").run()
    assert not at.exception
    grid = at.dataframe[1].value
    assert list(grid.columns) == ["Tampere"] and grid.index[0] == "Oct 2026"


def test_drafting_shows_drafts_and_writes_nothing_until_accepted(app, demo_ws):
    at = app("promises")
    before = demo_ws.version()
    at.button(key="pr_propose").click().run()
    assert not at.exception
    assert len(at.session_state["pr_drafts"]) >= 1
    at.button(key="pr_accept").click().run()  # nothing ticked
    assert not at.exception
    assert at.warning[0].value == "Tick at least one draft to accept."
    assert demo_ws.version() == before


def _forget_cached_figures() -> None:
    """Every test's demo copy has the same instance id, so two tests that each write once would share a cache
    key: figures cached by another test in this process must not answer."""
    import streamlit as st

    st.cache_data.clear()


def test_an_empty_register_says_how_to_start(app, demo_ws):
    with demo_ws.write() as cur:
        cur.execute("DELETE FROM promises")
    _forget_cached_figures()
    at = app("promises")
    assert not at.exception
    assert "No promises yet" in at.info[0].value


def test_the_signals_page_states_its_rule_and_backtest(app):
    at = app("signals")
    text = _texts(at)
    assert "false alarm a year across the whole map" in text
    assert "The same rule walked over the history" in text


def test_the_overview_lists_signals_in_its_own_section(app):
    at = app("overview")
    assert not at.exception
    assert "Signals: what moved lately" in [s.value for s in at.subheader]


def test_the_business_case_says_which_model_and_that_it_is_not_proof(app):
    at = app("business")
    text = _texts(at)
    assert "association, not proof" in at.info[0].value
    assert "Panel model with unit effects" in text


def test_the_business_case_follows_its_controls(app):
    at = app("business")
    at.selectbox(key="bc_driver").set_value("detractors").run()
    at.selectbox(key="bc_lag").set_value(2).run()
    assert not at.exception


def test_promise_text_from_users_is_shown_as_plain_text(app, demo_ws):
    from datetime import date

    from cx.commitments import register

    hostile = "**bold** <b>tag</b> [link](http://example.com)"
    register.save(demo_ws, [register.Promise("P-0", hostile, hostile, "Complaint handling", None, "nps", 0.0,
                                              "at_least", date(2026, 1, 1), hostile)])
    _forget_cached_figures()
    at = app("promises")
    assert not at.exception, at.exception[0].stack_trace
    assert hostile in [x.value for x in at.text]
    assert all(hostile not in m.value for m in [*at.markdown, *at.caption, *at.subheader])
