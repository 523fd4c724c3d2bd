"""The linkage page's "Which driver weighs more" tab and its "unclear" quadrant, in a real browser."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

TAB = {"en": "Which driver weighs more", "fi": "Mikä selittäjä painaa enemmän"}
SAYS = {"en": ("points (95%", "Unclear (interval crosses a middle line)"),
        "fi": ("pistettä (95 %", "Epäselvä (väli ylittää keskiviivan)")}


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_the_driver_tab_says_which_driver_weighs_more_and_the_scatter_marks_unclear_units(session, lang):
    session.open("linkage", lang=lang, period="last_12m")
    assert SAYS[lang][1] in session.page.locator("body").inner_text()
    session.page.get_by_role("tab", name=TAB[lang]).click()
    session.page.wait_for_timeout(1500)
    assert SAYS[lang][0] in session.page.locator("body").inner_text()
    assert session.errors() == [] and session.blocked == []
    session.screenshot(f"linkage-drivers-{lang}")
