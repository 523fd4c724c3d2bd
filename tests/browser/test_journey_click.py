"""Clicking a chart element narrows the journey page, as choosing it in the list does."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_clicking_a_dot_on_the_journey_map_narrows_the_page(session):
    session.open("journey")
    page = session.page
    assert page.get_by_text("Search comments").count() == 0  # no touchpoint chosen yet
    session.click_map_point("Complaint handling")
    page.get_by_text("Search comments").first.wait_for(timeout=30_000)
    session.wait()
    # The drill-down's own trend chart is titled with the clicked touchpoint.
    titles = page.locator("[data-testid='stVegaLiteChart'] text:has-text('Complaint handling')")
    assert titles.count() >= 1
    assert session.errors() == [] and session.blocked == []
    session.screenshot("journey-after-click")
