"""State you can trust, in a real browser at 1280x800 (issue 16, point 1).

Each test reproduces a failure seen in a workshop walk: a language switch that put the
period back to 3 months, labels in a URL that were not read, a copied link that opened
another view, the README's own example that landed on the overview.
"""
from __future__ import annotations

import pytest

from cx.i18n import t
from cx.ui.frame import PAGES, ROOT

pytestmark = pytest.mark.browser
PAGE_URLS = [("" if i == 0 else url, title) for i, (_, file, title, url) in enumerate(PAGES)
             if (ROOT / file).exists()]


def _sidebar(session) -> str:
    return session.page.locator('[data-testid="stSidebar"]').inner_text()


def _main(session) -> str:
    return session.page.locator('[data-testid="stMain"]').inner_text()


def _figures(session) -> list[str]:
    """The visible figures: every metric tile's value and caption, and the first table's cells."""
    page = session.page
    tiles = page.locator('[data-testid="stMetric"]')
    return [tiles.nth(i).inner_text() for i in range(tiles.count())]


def _switch_language(session, code: str) -> None:
    session.page.locator(f'[data-testid="stSidebar"] button:has-text("{code.upper()}")').first.click()
    session.wait()


def _choose(session, key: str, option: str) -> None:
    """Open the selectbox and pick the option; a click right after another selectbox closed can
    land while that one still holds the focus, so the list is opened again until it shows."""
    wanted = session.page.get_by_role("option", name=option, exact=True).first
    for _ in range(3):
        session.page.locator(f".st-key-{key} button[aria-label='Open']").first.click()
        try:
            wanted.wait_for(state="visible", timeout=3000)
            break
        except Exception:  # playwright's TimeoutError: the list did not open, try again
            continue
    wanted.click()
    session.wait()


def _selected(session, key: str) -> str:
    """The option a selectbox shows (its text field's value)."""
    return session.page.locator(f".st-key-{key} input[role='combobox']").first.input_value()


def test_switching_language_there_and_back_keeps_period_units_and_page(session):
    session.open("journey", period="last_6m", unit="Tampere")
    before = _figures(session)
    _switch_language(session, "fi")
    assert _selected(session, "period") == t("period.last_6m", "fi")
    assert "Asiakaspolku" in session.page.locator("h1").first.inner_text()
    _switch_language(session, "en")
    assert _selected(session, "period") == "Last 6 months"
    assert "Tampere" in _sidebar(session)
    assert "/journey" in session.page.url and "period=last_6m" in session.page.url
    assert _figures(session) == before


def test_after_a_language_switch_a_page_move_keeps_the_period(session):
    session.open("", period="last_6m", unit="Tampere")
    _switch_language(session, "fi")
    session.page.get_by_role("link", name=t("page.journey", "fi")).first.click()
    session.wait()
    assert "period=last_6m" in session.page.url and "unit=Tampere" in session.page.url
    assert _selected(session, "period") == t("period.last_6m", "fi")


def test_a_url_with_labels_of_one_language_opens_in_the_other(session):
    session.open("", period="Last 6 months", lang="FI")
    assert _selected(session, "period") == t("period.last_6m", "fi")
    assert "period=last_6m" in session.page.url and "lang=fi" in session.page.url


@pytest.mark.parametrize("url, title", PAGE_URLS)
def test_lang_fi_works_on_every_page(session, url, title):
    session.open(url, lang="fi")
    assert session.page.locator("h1").first.inner_text().strip() == t(title, "fi")
    assert session.errors() == []


def test_the_readme_example_opens_the_journey_in_finnish_for_tampere(session):
    session.open("journey", unit="Tampere", period="last_12m", lang="fi")
    assert session.page.locator("h1").first.inner_text().strip() == t("page.journey", "fi")
    assert "Tampere" in _sidebar(session)
    assert _selected(session, "period") == t("period.last_12m", "fi")


def test_a_copied_link_opened_cold_shows_the_same_view(session, browser, server):
    from tests.browser.conftest import Session

    session.open("journey", unit="Tampere")
    _switch_language(session, "fi")
    _choose(session, "metric", t("metric.ces", "fi"))
    _choose(session, "period", t("period.last_12m", "fi"))
    made = (_figures(session), session.page.locator("h1").first.inner_text())
    assert "metric=ces" in session.page.url
    cold = Session(browser, server)
    try:
        cold.page.goto(session.page.url)
        cold.wait()
        assert (_figures(cold), cold.page.locator("h1").first.inner_text()) == made
        assert _selected(cold, "metric") == t("metric.ces", "fi")
    finally:
        cold.close()
