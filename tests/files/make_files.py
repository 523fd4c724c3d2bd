"""(Re)create the small sample files the reader tests use: ``python tests/files/make_files.py``.

Deterministic: the same bytes every run (XLSX parts are written by hand with fixed zip
timestamps, not by openpyxl, which stamps the current time). Each file imitates one layout
real exports have (see ../shared/survey-exports.md) or one way a file can be broken.
"""
from __future__ import annotations

import datetime
import random
import struct
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
ZIP_TIME = (2026, 1, 1, 0, 0, 0)

# ----------------------------------------------------------------------------- minimal XLSX writer

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '{sheets}</Types>')
_SHEET_TYPE = ('<Override PartName="/xl/worksheets/sheet{n}.xml" '
               'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '{workbook_pr}<sheets>{sheets}</sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}'
    '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'styles" Target="styles.xml"/></Relationships>')
_SHEET_REL = ('<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
              'relationships/worksheet" Target="worksheets/sheet{n}.xml"/>')
# cellXfs: 0 general, 1 date-time (numFmt 22), 2 date (numFmt 14)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '</styleSheet>')


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def excel_serial(value: datetime.date, date1904: bool) -> float:
    epoch = datetime.datetime(1904, 1, 1) if date1904 else datetime.datetime(1899, 12, 30)
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime(value.year, value.month, value.day)
    return (value - epoch).total_seconds() / 86400


def _cell(ref: str, value: object, date1904: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, datetime.datetime):
        return f'<c r="{ref}" s="1"><v>{excel_serial(value, date1904)!r}</v></c>'
    if isinstance(value, datetime.date):
        return f'<c r="{ref}" s="2"><v>{excel_serial(value, date1904)!r}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def sheet_xml(rows: list[list[object]], *, date1904: bool = False, dimension: str | None = "auto",
              first_row: int = 1, prolog: str = "") -> str:
    """Worksheet XML; dimension "auto" computes it, None leaves it out, any other text is used as is."""
    body = []
    width = max((len(r) for r in rows), default=1)
    for offset, row in enumerate(rows):
        number = first_row + offset
        cells = "".join(_cell(f"{column_letters(i + 1)}{number}", v, date1904) for i, v in enumerate(row))
        if cells:
            body.append(f'<row r="{number}">{cells}</row>')
    if dimension == "auto":
        dimension = f"A1:{column_letters(width)}{first_row + max(len(rows), 1) - 1}"
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + prolog +
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'{dim}<sheetData>{"".join(body)}</sheetData></worksheet>')


def xlsx_bytes(sheets: list[tuple[str, str]], *, date1904: bool = False, hidden: tuple[str, ...] = ()) -> bytes:
    """A workbook from (sheet name, worksheet XML) pairs."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        def put(name: str, text: str) -> None:
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), text.encode("utf-8"), zipfile.ZIP_DEFLATED)

        put("[Content_Types].xml", _CONTENT_TYPES.format(
            sheets="".join(_SHEET_TYPE.format(n=n) for n in range(1, len(sheets) + 1))))
        put("_rels/.rels", _ROOT_RELS)
        states = {name: ' state="hidden"' for name in hidden}
        sheet_tags = "".join(
            f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"{states.get(name, "")}/>'
            for n, (name, _) in enumerate(sheets, start=1))
        put("xl/workbook.xml", _WORKBOOK.format(
            workbook_pr='<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>", sheets=sheet_tags))
        put("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(
            rels="".join(_SHEET_REL.format(n=n) for n in range(1, len(sheets) + 1))))
        put("xl/styles.xml", _STYLES)
        for n, (_, xml) in enumerate(sheets, start=1):
            put(f"xl/worksheets/sheet{n}.xml", xml)
    return buffer.getvalue()


# ----------------------------------------------------------------------------- minimal OLE2 writer

def ole2_bytes(stream_names: list[str]) -> bytes:
    """A compound file (the container of .xls and of encrypted .xlsx) with empty streams.

    Enough structure for tools that list the streams: header, one FAT sector, one directory
    sector (root + up to three streams, chained as right siblings).
    """
    free, end_of_chain, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x003E, 0x0003, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 44, 1, 1, 0, 4096, end_of_chain, 0, end_of_chain, 0)
    struct.pack_into("<I", header, 76, 0)  # DIFAT[0]: the FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, free)
    fat = bytearray(struct.pack("<128I", *([fat_sector, end_of_chain] + [free] * 126)))

    def entry(name: str, kind: int, right: int, child: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        record = bytearray(128)
        record[0:len(encoded)] = encoded
        struct.pack_into("<HBB", record, 64, len(encoded), kind, 1)
        struct.pack_into("<III", record, 68, free, right, child)
        struct.pack_into("<II", record, 116, end_of_chain, 0)
        return bytes(record)

    names = stream_names[:3]
    entries = [entry("Root Entry", 5, free, 1 if names else free)]
    for i, name in enumerate(names, start=1):
        entries.append(entry(name, 2, i + 1 if i < len(names) else free, free))
    directory = b"".join(entries).ljust(512, b"\0")
    return bytes(header) + bytes(fat) + directory


# ----------------------------------------------------------------------------- the files

def survey_title_two_sheets() -> bytes:
    """Answers on the second sheet 'Vastaukset' under a title row and a blank row; notes first."""
    notes = [["Asiakaskysely 2026 – ohjeet"], ["Vastaukset ovat välilehdellä Vastaukset."],
             ["Asteikko: 0 = ei lainkaan todennäköistä, 10 = erittäin todennäköistä"]]
    answers = [["Asiakaskysely 2026"], [],
               ["Vastauspäivä", "Kosketuspiste", "Suositteluhalukkuus", "Asiakastyytyväisyys", "Kommentti"]]
    touchpoints = ["Verkkokauppa", "Asiakaspalvelu", "Myymälä"]
    comments = ["Nopea toimitus", None, "Jonotus kesti liian kauan", None, "Kiitos!"]
    for i in range(12):
        answers.append([datetime.datetime(2026, 1, 5 + i, 9 + i % 8, 15 * (i % 4)), touchpoints[i % 3],
                        (i * 7) % 11, 1 + i % 5, comments[i % 5]])
    return xlsx_bytes([("Ohjeet", sheet_xml(notes)), ("Vastaukset", sheet_xml(answers))])


def dates_1904() -> bytes:
    rows = [["Vastauspäivä", "Päivä", "NPS"],
            [datetime.datetime(2026, 3, 14, 15, 9, 26), datetime.date(2026, 3, 14), 9],
            [datetime.datetime(2025, 12, 31, 23, 59), datetime.date(2025, 12, 31), 4]]
    return xlsx_bytes([("Sheet1", sheet_xml(rows, date1904=True))], date1904=True)


def far_cell(dimension: str | None) -> bytes:
    """One ordinary cell and one at XFD1048576, the last cell a sheet can have."""
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           + (f'<dimension ref="{dimension}"/>' if dimension else "") +
           '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c></row>'
           '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>')
    return xlsx_bytes([("Sheet1", xml)])


def entity_workbook() -> bytes:
    """A sheet carrying a DTD with nested entities (the 'billion laughs' shape, kept small)."""
    prolog = ('<!DOCTYPE worksheet [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
              '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]>')
    xml = sheet_xml([["Date", "Comment"], [datetime.datetime(2026, 1, 1), "&lol3;"]], prolog=prolog)
    xml = xml.replace("&amp;lol3;", "&lol3;")
    return xlsx_bytes([("Sheet1", xml)])


def text_files() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    files["semicolon_decimal_comma_bom.csv"] = (
        "Vastauspäivä;Kosketuspiste;Suositteluhalukkuus;Keskiarvo\r\n"
        "5.1.2026;Verkkokauppa;9;4,5\r\n"
        "6.1.2026;Asiakaspalvelu;6;3,25\r\n"
        "7.1.2026;Myymälä;10;4,75\r\n").encode("utf-8-sig")
    files["cp1252_umlauts.csv"] = (
        "Päivämäärä;Yksikkö;NPS;Kommentti\r\n"
        "5.1.2026;Häme;9;Erittäin hyvä palvelu\r\n"
        "6.1.2026;Pohjois-Savo;7;Ööh, ihan ok\r\n").encode("cp1252")
    qualtrics_rows = [
        ["StartDate", "EndDate", "Status", "Finished", "RecordedDate", "ResponseId", "Q1", "Q2"],
        ["Start Date", "End Date", "Response Type", "Finished", "Recorded Date", "Response ID",
         "How likely are you to recommend us to a friend?", "What is the main reason for your score?"],
        ['{"ImportId":"startDate","timeZone":"Europe/Helsinki"}', '{"ImportId":"endDate","timeZone":"Europe/Helsinki"}',
         '{"ImportId":"status"}', '{"ImportId":"finished"}',
         '{"ImportId":"recordedDate","timeZone":"Europe/Helsinki"}', '{"ImportId":"_recordId"}',
         '{"ImportId":"QID1"}', '{"ImportId":"QID2_TEXT"}'],
        ["2026-01-05 09:12:03", "2026-01-05 09:14:40", "Survey Preview", "True", "2026-01-05 09:14:41",
         "R_1a2b3c", "10", "Testing the survey"],
        ["2026-01-05 10:01:00", "2026-01-05 10:03:10", "IP Address", "True", "2026-01-05 10:03:11",
         "R_4d5e6f", "9", "Friendly staff, quick answer"],
        ["2026-01-06 14:22:45", "2026-01-06 14:30:02", "IP Address", "True", "2026-01-06 14:30:03",
         "R_7g8h9i", "4", "Had to call three times, \"never again\""],
    ]
    files["qualtrics.csv"] = _csv(qualtrics_rows, ",", "\r\n").encode("utf-8-sig")
    files["qualtrics_utf16.tsv"] = b"\xff\xfe" + _tsv(qualtrics_rows).encode("utf-16-le")  # BOM + UTF-16LE
    files["surveymonkey.csv"] = _csv([
        ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
         "Last Name", "Custom Data 1", "How likely is it that you would recommend us to a friend or colleague?",
         "Which channels did you use?", "", "Any other comments?"],
        ["", "", "", "", "", "", "", "", "", "Response", "Phone", "Chat", "Open-Ended Response"],
        ["118052219061", "446111201", "01/05/2026 09:12:03 AM", "01/05/2026 09:15:44 AM", "192.0.2.1", "", "", "",
         "", "9", "Phone", "", "Great"],
        ["118052219062", "446111201", "01/06/2026 02:22:45 PM", "01/06/2026 02:30:02 PM", "192.0.2.2", "", "", "",
         "", "3", "", "Chat", "Slow answers"],
    ], ",", "\r\n").encode("utf-8")
    files["google_forms.csv"] = (
        b'"Timestamp","Email address","How likely are you to recommend us?","Which channels?","Comments"\r\n'
        b'"9/8/2026 14:28:27","anna@example.com","9","Phone, Chat","Quick and friendly"\r\n'
        b'"9/8/2026 15:02:11","","6","Chat",""\r\n'
        b'"9/9/2026 8:45:00","ben@example.com","10","","Said ""thanks"" twice"\r\n')
    files["limesurvey.csv"] = (  # CsvWriter.php: BOM, ';', every value quoted, NULL unquoted, CRLF, extra CRLF
        '"id";"submitdate";"lastpage";"Q1";"Q2[SQ001]";"Q3"\r\n'
        '"1";"2026-01-05 09:12:03";"3";"9";"Y";"Hyvä palvelu"\r\n'
        '"2";;"1";"4";;"Rivi yksi\nrivi kaksi"\r\n'
        '"3";"2026-01-06 14:22:45";"3";"10";"Y";""\r\n'
        '\r\n').encode("utf-8-sig")
    files["quoted_newlines_mixed_endings.csv"] = (
        b'Date,NPS,Comment\r\n'
        b'2026-01-05,9,"First line\r\nsecond line"\n'
        b'2026-01-06,7,plain\r'
        b'2026-01-07,3,"one\ntwo\rthree"\r\n'
        b'2026-01-08,10,last\r\n'
        b'\r\n')
    files["ragged_rows.csv"] = (
        b"Date,Touchpoint,NPS,Comment\n"
        b"2026-01-05,Web shop,9,Good\n"
        b"2026-01-06,Web shop,7\n"
        b"2026-01-07,Phone,3,Slow,extra,cells\n"
        b"2026-01-08,Phone,10,Great\n")
    files["long_cell.csv"] = (
        "Date,NPS,Comment\n2026-01-05,9,short\n2026-01-06,4," + "x" * 40_000 + "\n2026-01-07,8,fine\n"
    ).encode("utf-8")
    files["nul_bytes.csv"] = (
        b"Date,NPS,Comment\n2026-01-05,9,fine\n2026-01-06,4,bro\x00ken\n2026-01-07,8,also fine\n")
    files["stray_bom.csv"] = (
        "Date,NPS,Comment\n2026-01-05,9,fine\n\ufeff2026-01-06,4,pasted\n").encode("utf-8")
    rng = random.Random(20260101)
    files["garbage.csv"] = bytes(rng.randrange(256) for _ in range(4096))
    files["csv_renamed.xlsx"] = b"Date;NPS;Comment\n2026-01-05;9;fine\n2026-01-06;4;ok\n"
    files["empty.csv"] = b""
    files["header_only.csv"] = b"Date,NPS,Comment\r\n"
    return files


def _csv(rows: list[list[str]], delimiter: str, newline: str) -> str:
    def quote(cell: str) -> str:
        if any(ch in cell for ch in f'{delimiter}"\r\n'):
            return '"' + cell.replace('"', '""') + '"'
        return cell
    return "".join(delimiter.join(quote(c) for c in row) + newline for row in rows)


def _tsv(rows: list[list[str]]) -> str:
    return _csv(rows, "\t", "\r\n")


def all_files() -> dict[str, bytes]:
    files = text_files()
    files["survey_title_two_sheets.xlsx"] = survey_title_two_sheets()
    files["dates_1904.xlsx"] = dates_1904()
    files["far_cell.xlsx"] = far_cell("A1:XFD1048576")
    files["far_cell_no_dimension.xlsx"] = far_cell(None)
    files["far_cell_lying_dimension.xlsx"] = far_cell("A1:B2")
    files["entity.xlsx"] = entity_workbook()
    files["encrypted.xlsx"] = ole2_bytes(["EncryptionInfo", "EncryptedPackage"])
    files["old_format.xls"] = ole2_bytes(["Workbook"])
    return files


def main() -> None:
    for name, content in sorted(all_files().items()):
        (HERE / name).write_bytes(content)
        print(f"{name}: {len(content):,} bytes")


if __name__ == "__main__":
    main()
