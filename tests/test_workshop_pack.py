"""The workshop pack (issue 16, point 6): deck and workbook state the view on every slide and sheet."""
from __future__ import annotations

import io
import zipfile
from datetime import date

import openpyxl
import pytest
from pptx import Presentation

from cx import periods, queries
from cx.filters import Filters
from cx.i18n import fmt_date, t
from cx.pack import content, deck, workbook
from cx.queries import Minimums

MADE = date(2026, 11, 2)


@pytest.fixture
def view(demo_ws):
    cur = demo_ws.cursor()
    first, last = queries.date_span(cur)
    start, end = periods.bounds("last_6m", first, last)
    return demo_ws, Filters("demo", start, end, unit=("Tampere",))


def _pack(view, lang="en"):
    ws, filters = view
    return content.build(ws.cursor(), ws.settings(), filters, Minimums.of(ws), lang, MADE)


def _slide_texts(data: bytes) -> list[str]:
    slides = []
    for slide in Presentation(io.BytesIO(data)).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        slides.append("\n".join(parts))
    return slides


def test_every_slide_states_workspace_filters_period_n_and_date(view):
    pack = _pack(view)
    slides = _slide_texts(deck.deck_bytes(pack))
    assert len(slides) >= 5
    n = pack.context.n
    assert n > 0
    for text in slides:
        assert "Workspace: demo" in text
        assert "Unit: Tampere" in text
        assert f"{fmt_date(view[1].start)} – {fmt_date(view[1].end)}" in text
        assert f"n = {n:,}" in text
        assert "Made 2 Nov 2026" in text


def test_the_n_on_the_slides_is_the_views_customer_answers(view):
    ws, filters = view
    where, params = "WHERE unit = ? AND responded_at >= ? AND responded_at < ?", [
        "Tampere", filters.start, periods.add_months(filters.end, 1)]
    expected = ws.cursor().execute("SELECT count(*) FROM customer_responses " + where, params).fetchone()[0]
    assert _pack(view).context.n == expected


def test_every_sheet_states_the_view_in_its_first_row(view):
    book = openpyxl.load_workbook(io.BytesIO(workbook.workbook_bytes(_pack(view, "fi"))))
    assert len(book.sheetnames) >= 5
    for sheet in book.worksheets:
        first = " ".join(str(c.value) for row in sheet.iter_rows(max_row=2) for c in row if c.value)
        assert "Työtila: demo" in first and "Yksikkö: Tampere" in first
        assert "n = " in first and "Tehty 2.11.2026" in first


def test_the_finnish_deck_uses_finnish_names_and_numbers(view):
    slides = "\n".join(_slide_texts(deck.deck_bytes(_pack(view, "fi"))))
    assert "Reklamaatioiden käsittely" in slides and "Complaint handling" not in slides
    assert t("pack.slide.tiles", "fi") in slides


def test_the_journey_slide_carries_a_chart_image(view):
    shows = Presentation(io.BytesIO(deck.deck_bytes(_pack(view))))
    pictures = [s for slide in shows.slides for s in slide.shapes if s.shape_type == 13]
    assert pictures and pictures[0].image.content_type == "image/png"


def test_text_a_spreadsheet_would_run_stays_text(view):
    ws, filters = view
    risky = content.Table("T", "Risky", ["a"], [["=HYPERLINK(\"x\")"], ["+A1"], ["+13 pts"]])
    pack = content.Pack(_pack(view).context, "cx", [risky], ["@SUM(1)"])
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.workbook_bytes(pack)))["Risky"]
    cells = [c for row in sheet.iter_rows(min_row=4) for c in row]
    assert [c.data_type for c in cells] == ["s", "s", "s"]
    assert cells[0].quotePrefix and cells[1].quotePrefix
    slides = "\n".join(_slide_texts(deck.deck_bytes(pack)))
    assert "'=HYPERLINK" in slides and "'+A1" in slides and "'@SUM(1)" in slides
    assert "'+13 pts" not in slides  # our own signed figures stay as they are


def test_one_deck_per_unit_uses_the_same_template(view):
    ws, filters = view
    units = ["Tampere", "Oulu"]

    def make(unit):
        return deck.deck_bytes(content.build(ws.cursor(), ws.settings(), filters.with_(unit=(unit,)),
                                             Minimums.of(ws), "en", MADE))

    archive = zipfile.ZipFile(io.BytesIO(deck.decks_zip(units, make)))
    assert sorted(archive.namelist()) == ["cx-Oulu.pptx", "cx-Tampere.pptx"]
    oulu = _slide_texts(archive.read("cx-Oulu.pptx"))
    tampere = _slide_texts(archive.read("cx-Tampere.pptx"))
    assert len(oulu) == len(tampere)
    assert all("Unit: Oulu" in text for text in oulu)
