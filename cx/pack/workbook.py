"""The workshop workbook: an About sheet and one sheet per table, each starting with the view's line."""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from cx.export import text_cell
from cx.i18n import t
from cx.pack.content import Pack


def _bold(sheet, value: str):
    cell = text_cell(sheet, value)
    cell.font = Font(bold=True)
    return cell


def workbook_bytes(pack: Pack) -> bytes:
    """Every sheet states workspace, filters, period, n and date in its first row; text stays text."""
    book = Workbook(write_only=True)
    about = book.create_sheet(t("pack.sheet.about", pack.context.lang)[:31])
    about.append([_bold(about, pack.title)])
    about.append([text_cell(about, pack.context.line())])
    about.append([])
    for line in pack.lines:
        about.append([text_cell(about, line)])
    for table in pack.tables:
        sheet = book.create_sheet(table.sheet[:31])
        sheet.append([text_cell(sheet, pack.context.line())])
        sheet.append([_bold(sheet, table.title)])
        sheet.append([_bold(sheet, h) for h in table.header])
        for row in table.rows:
            sheet.append([text_cell(sheet, str(v)) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

