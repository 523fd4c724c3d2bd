"""The promises, signals and business-case pages in a real browser, and the one click to the simulator."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("url", ["promises", "signals", "business"])
def test_the_page_opens_in_both_languages_at_1280x800(session, url, lang):
    session.open(url, lang=lang)
    assert session.errors() == [] and session.blocked == []
    session.screenshot(f"{url}-{lang}-1280")


def test_one_unit_and_a_short_period_keep_every_page_whole(session):
    for url in ("promises", "signals", "business", ""):
        session.open(url, unit="Tampere", period="last_month")
        assert session.errors() == []
        session.screenshot(f"{url or 'overview'}-tampere-last-month")


def test_a_promise_leads_to_the_simulator_with_its_touchpoint_as_the_destination(session):
    session.open("promises")  # the small demo has no broken promise yet, so it opens on the first: Web self-service
    session.page.get_by_role("link", name="Plan measurement for this touchpoint in the simulator").click(
        timeout=60_000)
    session.wait()
    session.page.wait_for_selector('[data-testid="stMain"] >> text=Worst margin of error', timeout=90_000)
    assert "move_to=Web+self-service" in session.page.url or "move_to=Web%20self-service" in session.page.url
    destination = session.page.get_by_role("combobox", name="to", exact=True).input_value()
    assert destination == "Web self-service" and session.errors() == []
    session.screenshot("simulator-from-promise")
