"""The workshop walk in a real browser at 1280x800 (issue 16, points 2-4).

The drill-down opens where the eye is; each of the demo's four stories is reached in at
most three clicks from the overview with its key figure on the first screen; screenshots
of every page in both languages and in presentation mode for a person to look at.
"""
from __future__ import annotations

import pytest

from cx.ui.frame import PAGES, ROOT

from .conftest import Session

pytestmark = pytest.mark.browser
PAGE_URLS = ["" if i == 0 else url for i, (_, file, _, url) in enumerate(PAGES) if (ROOT / file).exists()]
HEIGHT = 800


def _in_first_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 60) <= HEIGHT


def _cells(locator) -> list[str]:
    """Texts of the table cells inside `locator` (the grid draws on a canvas; these are its accessible cells)."""
    cells = locator.locator('[role="gridcell"]')
    return [cells.nth(i).text_content() for i in range(cells.count())]


def _open_story(session, words: str):
    """Click the lead's Open beside the line that says `words` (one click); the line must be on the first screen."""
    line = session.page.locator('[data-testid="stHorizontalBlock"]').filter(
        has=session.page.locator('[data-testid="stText"]', has_text=words)).last
    assert _in_first_screen(line), words
    line.get_by_role("link").first.click()
    session.wait()


@pytest.fixture
def full(browser, full_server):
    s = Session(browser, full_server)
    yield s
    s.close()


def test_the_drill_down_opens_at_the_click(session):
    session.open("journey")
    page = session.page
    session.click_map_point("Complaint handling")
    dialog = page.get_by_role("dialog")
    dialog.wait_for(timeout=30_000)
    session.wait()
    first_figure = dialog.locator('[data-testid="stDataFrame"]').first
    assert _in_first_screen(first_figure)
    assert "Complaint handling" in dialog.inner_text()
    assert "tp=Complaint+handling" in page.url
    session.screenshot("journey-drill-en")


def test_story_a_complaint_handling_in_one_click(full):
    full.open("")
    _open_story(full, "Complaint handling: NPS")
    dialog = full.page.get_by_role("dialog")
    dialog.wait_for(timeout=30_000)
    assert "Complaint handling" in dialog.inner_text()
    assert "Tampere" in _cells(dialog)  # the units, weakest first, in the dialog's table
    assert _in_first_screen(dialog.locator('[data-testid="stDataFrame"]').first)


def test_story_b_staff_and_customers_in_one_click(full):
    full.open("")
    _open_story(full, "Customers and staff")
    assert "Customers vs employees" in full.page.locator("h1").first.inner_text()
    verdict = full.page.locator('[data-testid="stAlert"]').first
    assert _in_first_screen(verdict) and "units" in verdict.inner_text()


def test_story_c_measurement_in_one_click(full):
    full.open("")
    _open_story(full, "Measurement:")
    move_to = full.page.locator(".st-key-move_to input[role='combobox']").first.input_value()
    assert move_to == "Complaint handling"  # the simulator's own default here, so not repeated in the URL
    tile = full.page.locator('[data-testid="stMetric"]').first
    assert _in_first_screen(tile) and "margin of error" in tile.inner_text()


def test_story_d_drivers_on_the_overview_itself(full):
    full.open("")
    line = full.page.locator('[data-testid="stText"]', has_text="Drivers of relationship NPS").first
    assert _in_first_screen(line)
    text = line.inner_text()
    assert text.index("Emotion") > max(text.index("Efficiency"), text.index("Ease"))  # ranked by importance


@pytest.mark.parametrize("present", ["", "1"])
@pytest.mark.parametrize("lang", ["en", "fi"])
def test_every_page_screenshot(session, lang, present):
    """One walk per language and mode, for a person to look at (tests/_artifacts/screenshots)."""
    for url in PAGE_URLS:
        session.open(url, lang=lang, **({"present": present} if present else {}))
        assert session.errors() == [] and session.blocked == [], url
        session.page.screenshot(path=str(_shot(f"{url or 'overview'}-{lang}{'-present' if present else ''}")))


def _shot(name: str):
    from .conftest import SHOTS

    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS / f"{name}.png"
