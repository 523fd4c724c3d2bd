"""Every page opens in a real browser, in both languages, without an error box."""
from __future__ import annotations

import pytest

from cx.ui.frame import PAGES, ROOT

pytestmark = pytest.mark.browser
# The first page is the default: Streamlit serves it at the root URL, not at its url_path.
PAGE_URLS = ["" if i == 0 else url for i, (_, file, _, url) in enumerate(PAGES) if (ROOT / file).exists()]


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("url", PAGE_URLS)
def test_page_opens_without_errors_and_without_leaving_the_machine(session, url, lang):
    session.open(url, lang=lang)
    assert session.errors() == []
    assert session.blocked == []
    session.screenshot(f"{url or 'overview'}-{lang}")


def test_a_deep_link_runs_through_the_frame_with_its_filters(session):
    """Even as the first visit after a restart, /linkage?unit=... gets the sidebar and the filter."""
    session.open("linkage", unit="Oulu")
    sidebar = session.page.locator('[data-testid="stSidebar"]').inner_text()
    assert "Oulu" in sidebar and "Customers vs employees" in sidebar
    assert "app" not in sidebar.split()


def test_a_shared_url_reopens_the_same_filters(session):
    session.open("", unit="Tampere", period="Last 12 months")
    sidebar = session.page.locator('[data-testid="stSidebar"]')
    assert "Tampere" in sidebar.inner_text()
    assert "1 Nov 2025 – 31 Oct 2026" in session.page.locator('[data-testid="stMain"]').inner_text()
    session.page.get_by_role("link", name="Journey explorer").first.click(timeout=60_000)
    session.wait()
    assert "Tampere" in session.page.locator('[data-testid="stSidebar"]').inner_text()
    assert "unit=Tampere" in session.page.url


def test_the_language_switch_turns_the_page_finnish(session):
    session.open("", lang="fi")
    assert "Yleiskuva" in session.page.locator("h1").first.inner_text()


def test_a_hand_written_url_with_codes_keeps_its_filters_on_the_next_page(session):
    """?period=last_12m stays a code in the URL, so a page move (and a language) keeps it."""
    session.open("", unit="Tampere", period="last_12m")
    session.page.get_by_role("link", name="Journey explorer").first.click(timeout=60_000)
    session.wait()
    assert "period=last_12m" in session.page.url and "unit=Tampere" in session.page.url
    assert session.errors() == []
