"""Uploading through the real file input, as a first-time user: from a survey export to its touchpoint
on the journey page, counting the steps; CSV and XLSX reach the journey; uploaded markup stays literal
text and fetches nothing; screenshots of every wizard step in English and Finnish.

A step is one thing the user does: open a page, drop a file, type into one box, pick one option,
press one button. Waiting for the app is not a step.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import openpyxl
import pytest

pytestmark = pytest.mark.browser
FILES = Path(__file__).resolve().parents[1] / "files"
MOST_STEPS = 6


class Steps:
    """The user's actions on one browser page, counted."""

    def __init__(self, session):
        self.session = session
        self.page = session.page
        self.taken: list[str] = []

    def _done(self, what: str) -> None:
        self.taken.append(what)
        self.page.wait_for_timeout(300)
        self.session.wait()

    def open(self, path: str, **query) -> None:
        self.session.open(path, **query)
        self.taken.append(f"open {path}")

    def drop(self, path: Path) -> None:
        self.page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(path))
        self._done(f"drop {path.name}")

    def type(self, key: str, text: str) -> None:
        box = self.page.locator(f".st-key-{key} input")
        box.wait_for(timeout=30_000)
        box.fill(text)
        box.press("Enter")
        self._done(f"type {key}")

    def pick(self, key: str, option: str) -> None:
        box = self.page.locator(f".st-key-{key}")
        box.evaluate("element => element.scrollIntoView({block: 'center'})")  # room below for its list
        box.get_by_role("combobox").click()
        self.page.get_by_role("option", name=option, exact=True).click()
        self._done(f"pick {key}")

    def press(self, key: str) -> None:
        button = self.page.locator(f".st-key-{key} button").first
        button.wait_for(timeout=30_000)
        button.click()
        self._done(f"press {key}")


def _query(session) -> dict[str, list[str]]:
    return parse_qs(urlparse(session.page.url).query)


def _landed_on_touchpoint(session, touchpoint: str) -> None:
    """The journey page is open, drilled to the touchpoint (its dialog shows it), for the new answers."""
    assert urlparse(session.page.url).path.endswith("/journey")
    assert _query(session)["tp"] == [touchpoint]
    dialog = session.page.locator('[role="dialog"]')
    dialog.first.wait_for(timeout=30_000)
    assert touchpoint in dialog.first.inner_text()


def test_a_qualtrics_export_reaches_its_touchpoint_on_the_journey_in_at_most_six_steps(session):
    steps = Steps(session)
    steps.open("data")
    steps.drop(FILES / "tools" / "qualtrics_numeric.csv")
    steps.type("upload_touchpoint_name", "Web feedback")
    steps.pick("upload_stage", "Use and service")
    steps.press("upload_import")
    _landed_on_touchpoint(session, "Web feedback")
    assert _query(session)["ws"][0].startswith("qualtrics_numeric")  # a new workspace named after the file
    assert len(steps.taken) <= MOST_STEPS, steps.taken
    assert session.errors() == [] and session.blocked == []


def test_a_csv_with_a_touchpoint_column_is_imported_and_opens_its_touchpoint(session):
    steps = Steps(session)
    steps.open("data")
    steps.drop(FILES / "browser" / "html_comments.csv")
    steps.press("upload_import")
    _landed_on_touchpoint(session, "Browser check")
    assert len(steps.taken) == 3, steps.taken
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
    steps = Steps(session)
    steps.open("data")
    steps.drop(path)
    steps.press("upload_import")
    _landed_on_touchpoint(session, "Browser workbook")
    assert _query(session)["unit"] == ["Oulu"]


def test_uploaded_markup_is_shown_as_literal_text_and_fetches_nothing(session):
    steps = Steps(session)
    steps.open("data")
    steps.drop(FILES / "browser" / "html_comments.csv")
    main = session.page.locator('[data-testid="stMain"]').inner_text()
    assert "<b>bold</b>" in main
    assert "![tracker](http://example.com/t.png)" in main
    assert session.page.locator("main b:has-text('bold')").count() == 0
    assert session.page.locator("img[src*='example.com']").count() == 0
    assert session.blocked == []
    session.screenshot("data-upload-literal-text")


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_every_wizard_step_is_photographed_at_1280_by_800(session, lang):
    """Not a check of looks: the pictures a person looks at before calling the wizard done."""
    steps = Steps(session)
    steps.open("data", lang=lang)
    _shot(session, f"wizard-1-start-{lang}")
    steps.drop(FILES / "tools" / "qualtrics_numeric.csv")
    _shot(session, f"wizard-2-questions-{lang}", ".st-key-upload_ask")
    steps.type("upload_touchpoint_name", "Verkkopalaute" if lang == "fi" else "Web feedback")
    steps.pick("upload_stage", "Käyttö ja palvelu" if lang == "fi" else "Use and service")
    _shot(session, f"wizard-3-found-{lang}", ".st-key-upload_found")
    _shot(session, f"wizard-4-import-{lang}", ".st-key-upload_check")
    steps.press("upload_import")
    session.page.locator('[role="dialog"]').first.wait_for(timeout=30_000)
    _shot(session, f"wizard-5-touchpoint-{lang}")
    session.page.keyboard.press("Escape")
    session.wait()
    _shot(session, f"wizard-6-journey-{lang}")
    assert session.errors() == []


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_the_stop_on_unreadable_values_is_photographed(session, lang, tmp_path):
    path = tmp_path / "words.csv"
    path.write_text("Date,Touchpoint,NPS\n" + "".join(f"2026-03-0{d} 09:10:00,Web shop,{v}\n" for d, v in
                                                       ((2, "9"), (3, "ten"), (4, "ten"), (5, "nine"), (6, "8"))))
    steps = Steps(session)
    steps.open("data", lang=lang)
    steps.drop(path)
    _shot(session, f"wizard-4-stop-{lang}", ".st-key-upload_check")
    assert session.page.locator(".st-key-upload_import").count() == 0


def _shot(session, name: str, anchor: str | None = None) -> None:
    """One 1280x800 picture, scrolled so that `anchor` (a selector) is in view."""
    from tests.browser.conftest import SHOTS

    if anchor:
        session.page.locator(anchor).first.scroll_into_view_if_needed()
        session.page.wait_for_timeout(300)
    SHOTS.mkdir(parents=True, exist_ok=True)
    session.page.screenshot(path=str(SHOTS / f"{name}.png"))
