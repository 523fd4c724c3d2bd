"""The workshop deck: one 16:9 slide per table, each stating the view in its footer."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from cx.export import is_risky
from cx.i18n import t
from cx.pack import charts
from cx.pack.content import Pack, Table

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
TEXT = RGBColor(0x1B, 0x1F, 0x24)
MUTED = RGBColor(0x4B, 0x55, 0x63)
MAX_ROWS = 14  # rows a slide table holds at a readable size; longer tables continue on the next slide


def safe(text: str) -> str:
    """Text a spreadsheet would run as a formula when pasted from a slide gets a leading apostrophe.

    Slides do not compute, but their tables are copied into spreadsheets in workshops. A signed
    figure such as "+13 pts" is ours and stays as it is; "+A1" or "=SUM(...)" from data does not.
    """
    if is_risky(text) and not (text[:1] in "+-" and text[1:2].isdigit()):
        return "'" + text
    return text


def _text(slide, text: str, left, top, width, height, size: int, bold: bool = False, colour=TEXT) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    para = frame.paragraphs[0]
    run = para.add_run()
    run.text = safe(text)
    run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, colour


def _slide(deck, title: str, pack: Pack):
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank
    _text(slide, title, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.7), 28, bold=True)
    _text(slide, pack.context.line(), MARGIN, HEIGHT - Inches(0.55), WIDTH - 2 * MARGIN, Inches(0.4), 11,
          colour=MUTED)
    return slide


def _table(slide, table: Table, rows: list[list[str]], top, height) -> None:
    shape = slide.shapes.add_table(len(rows) + 1, len(table.header), MARGIN, top, WIDTH - 2 * MARGIN, height)
    grid = shape.table
    for c, head in enumerate(table.header):
        _cell(grid.cell(0, c), head, bold=True)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            _cell(grid.cell(r, c), value)


def _cell(cell, text: str, bold: bool = False) -> None:
    cell.text = safe(str(text))
    for para in cell.text_frame.paragraphs:
        for run in para.runs:
            run.font.size, run.font.bold = Pt(13), bold


def _chart_slide(deck, table: Table, pack: Pack) -> None:
    image = charts.png(table.chart, pack.context.lang)
    slide = _slide(deck, table.title, pack)
    top, room = Inches(1.1), HEIGHT - Inches(1.8)
    picture = slide.shapes.add_picture(io.BytesIO(image), MARGIN, top)
    ratio = min((WIDTH - 2 * MARGIN) / picture.width, room / picture.height)
    picture.width, picture.height = Emu(int(picture.width * ratio)), Emu(int(picture.height * ratio))


def deck_bytes(pack: Pack) -> bytes:
    """The pack as a .pptx: a title slide, the lead, then each table (its chart first, if any)."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    title = _slide(deck, pack.title, pack)
    _text(title, pack.context.line(), MARGIN, Inches(1.3), WIDTH - 2 * MARGIN, Inches(1.5), 20, colour=MUTED)
    lead = _slide(deck, t("pack.slide.changes", pack.context.lang), pack)
    _text(lead, "\n".join(pack.lines), MARGIN, Inches(1.2), WIDTH - 2 * MARGIN, HEIGHT - Inches(2), 16)
    for table in pack.tables:
        if table.chart:
            _chart_slide(deck, table, pack)
        for start in range(0, max(len(table.rows), 1), MAX_ROWS):
            part = table.rows[start:start + MAX_ROWS]
            slide = _slide(deck, table.title, pack)
            _table(slide, table, part, Inches(1.1), Inches(0.4) * (len(part) + 1))
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def decks_zip(units: list[str], make: Callable[[str], bytes]) -> bytes:
    """One deck per unit from the same template, zipped: `make(unit)` builds a unit's deck."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for unit in units:
            archive.writestr(f"cx-{_file_part(unit)}.pptx", make(unit))
    return out.getvalue()


def _file_part(text: str) -> str:
    keep = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in text.strip())
    return keep.strip("-") or "unit"
