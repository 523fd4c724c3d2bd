"""Uploading through the real file input: CSV and XLSX reach the history and the journey; uploaded
markup stays literal text and fetches nothing."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

pytestmark = pytest.mark.browser
FILES = Path(__file__).resolve().parents[1] / "files" / "browser"


def _upload(session, path: Path) -> None:
    session.open("data")
    session.page.locator('input[type="file"]').first.set_input_files(str(path))
    session.wait()


def _click(session, key: str) -> None:
    button = session.page.locator(f".st-key-{key} button").first
    button.wait_for(timeout=30_000)  # appears once the previous step's rerun has finished
    button.click()
    session.page.wait_for_timeout(500)
    session.wait()


def _import(session, path: Path) -> str:
    _upload(session, path)
    _click(session, "upload_validate")
    _click(session, "upload_import")
    success = session.page.locator('[data-testid="stAlertContentSuccess"]')
    success.first.wait_for(timeout=30_000)
    return success.first.inner_text()


def _journey_touchpoints(session) -> list[str]:
    session.open("journey")
    session.page.locator(".st-key-tp").click()
    options = session.page.get_by_role("option")
    options.first.wait_for(timeout=10_000)
    names = [options.nth(i).inner_text() for i in range(options.count())]
    session.page.keyboard.press("Escape")
    return names


def test_a_csv_uploaded_through_the_file_input_is_imported_and_reaches_the_journey(session):
    message = _import(session, FILES / "html_comments.csv")
    assert "3 rows loaded" in message
    assert "Browser check" in _journey_touchpoints(session)
    assert session.errors() == [] and session.blocked == []


def test_an_xlsx_uploaded_through_the_file_input_is_imported(session, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Answers"
    sheet.append(["Date", "Touchpoint", "Unit", "NPS"])
    for day, score in ((5, 9), (6, 7), (7, 2)):
        sheet.append([f"2026-10-{day:02d} 12:00:00", "Browser workbook", "Oulu", score])
    path = tmp_path / "answers.xlsx"
    book.save(path)
    assert "3 rows loaded" in _import(session, path)
    assert "Browser workbook" in _journey_touchpoints(session)


def test_uploaded_markup_is_shown_as_literal_text_and_fetches_nothing(session):
    _upload(session, FILES / "html_comments.csv")
    main = session.page.locator('[data-testid="stMain"]').inner_text()
    assert "<b>bold</b>" in main
    assert "![tracker](http://example.com/t.png)" in main
    assert session.page.locator("main b:has-text('bold')").count() == 0
    assert session.page.locator("img[src*='example.com']").count() == 0
    assert session.blocked == []
    session.screenshot("data-upload-literal-text")
