"""(Re)create the small upload files the Data page tests use: ``python tests/files/upload/make_upload_files.py``.

Each file is one realistic monthly export a user would bring to the upload wizard.
"""
from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
FIXED_TIME = datetime.datetime(2026, 1, 1)

CUSTOMERS = """\
Date,Touchpoint,Channel,Unit,How likely are you to recommend us?,Comment,Status
2026-03-02 09:10:00,Web shop,web,Helsinki,9,Quick delivery,IP Address
2026-03-02 10:20:00,Customer service,phone,Tampere,6,Long queue,IP Address
2026-03-03 11:30:00,Web shop,web,Helsinki,10,,IP Address
2026-03-03 12:40:00,Store,store,Turku,8,=HYPERLINK("http://example.com"),IP Address
2026-03-04 13:50:00,Customer service,chat,Tampere,11,Score out of range,IP Address
2026-03-04 14:00:00,Web shop,web,Helsinki,10,Testing the survey,Survey Preview
2026-03-05 15:10:00,Store,store,Turku,7,Fine,IP Address
2026-03-05 16:20:00,Customer service,phone,Tampere,3,Nobody called back,IP Address
"""

WIDE_FI = """\
Vastauspäivä;Yksikkö;Verkkokauppa;Asiakaspalvelu;Myymälä
2.3.2026;Helsinki;5;4;0
2.3.2026;Tampere;4;0;3
3.3.2026;Turku;EOS;5;4
4.3.2026;Helsinki;3;2;5
"""

CHOICE_TEXT = """\
Submitted,Touchpoint,Recommend
2026-04-01 08:00:00,Web shop,10 - Extremely likely
2026-04-01 09:00:00,Web shop,0 - Not at all likely
2026-04-02 10:00:00,Store,7
2026-04-02 11:00:00,Store,Don't know
"""


def two_sheet_workbook(path: Path) -> None:
    """Instructions first, answers second: the wizard must not silently take the first sheet."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Read me"
    notes.append(["Customer survey export, March 2026"])
    notes.append(["The answers are on the next sheet."])
    answers = book.create_sheet("Answers")
    answers.append(["Response date", "Touchpoint", "Unit", "NPS", "Comment"])
    rows = [("2026-03-02 09:00", "Web shop", "Helsinki", 9, "Good"),
            ("2026-03-03 10:00", "Store", "Turku", 4, "Slow"),
            ("2026-03-04 11:00", "Customer service", "Tampere", 10, None),
            ("2026-03-05 12:00", "Web shop", "Helsinki", 8, "OK")]
    for when, *rest in rows:
        answers.append([datetime.datetime.strptime(when, "%Y-%m-%d %H:%M"), *rest])
    book.properties.created = book.properties.modified = FIXED_TIME
    book.save(path)


def main() -> None:
    (HERE / "customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    (HERE / "wide_fi.csv").write_text(WIDE_FI, encoding="utf-8-sig")
    (HERE / "choice_text.csv").write_text(CHOICE_TEXT, encoding="utf-8")
    two_sheet_workbook(HERE / "two_sheets.xlsx")


if __name__ == "__main__":
    main()
