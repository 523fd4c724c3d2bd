"""Write the small messy files the importer tests use: `python tests/files/import/make_import_files.py`.

Each file imitates one real export layout (see ../../../../shared/survey-exports.md) with a few
rows, some of them wrong on purpose. Deterministic: running it again gives the same bytes
(XLSX files carry fixed document dates).
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
FIXED = dt.datetime(2026, 1, 1)


def write(name: str, text: str, encoding: str = "utf-8", newline: str = "\n") -> None:
    (HERE / name).write_bytes(text.replace("\n", newline).encode(encoding))


def xlsx_bytes(book: Workbook) -> bytes:
    """Workbook bytes with fixed timestamps inside, so the file does not change on every run."""
    book.properties.created = book.properties.modified = FIXED
    raw = io.BytesIO()
    book.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            body = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                body = re.sub(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", b"2026-01-01T00:00:00Z", body)
            dst.writestr(info, body)
    return out.getvalue()


def title_two_sheets() -> None:
    """Webropol-style workbook: an instructions sheet first, then answers under a title row."""
    book = Workbook()
    notes = book.active
    notes.title = "Ohjeet"
    notes.append(["Tämä työkirja sisältää kevään 2026 asiakaskyselyn vastaukset."])
    notes.append(["Vastaukset ovat välilehdellä Vastaukset."])
    sheet = book.create_sheet("Vastaukset")
    sheet.append(["Asiakaskysely kevät 2026"])
    sheet.append([])
    sheet.append(["Vastauspäivä", "Kosketuspiste", "Kanava", "Yksikkö", "Suositteluhalukkuus", "Ratkesiko asia?",
                  "Avoin palaute"])
    rows = [
        (dt.datetime(2026, 3, 2, 9, 10), "Verkkokauppa", "web", "Helsinki", 9, "Kyllä", "Nopea toimitus"),
        (dt.datetime(2026, 3, 2, 10, 20), "Asiakaspalvelu", "puhelin", "Tampere", 6, "Ei", "Pitkä jono"),
        (dt.date(2026, 3, 3), "Verkkokauppa", "web", "Helsinki", 10, "Kyllä", None),
        (dt.datetime(2026, 3, 3, 12, 40), "Myymälä", "myymälä", "Turku", 8, "Kyllä", '=HYPERLINK("http://x","y")'),
        (dt.datetime(2026, 3, 4, 13, 50), "Asiakaspalvelu", "chat", "Tampere", 11, "Ei", "Yli asteikon"),
        (dt.datetime(2026, 3, 5, 15, 10), "Myymälä", "myymälä", "Turku", 7, None, "Ihan ok"),
    ]
    for row in rows:
        sheet.append(list(row))
    (HERE / "title_two_sheets.xlsx").write_bytes(xlsx_bytes(book))


def semicolon_comma_bom() -> None:
    """LimeSurvey / Finnish Excel CSV: UTF-8 BOM, ';', every value quoted, CRLF, decimal commas."""
    lines = ['"Vastaustunnus";"Päivämäärä";"Kosketuspiste";"Asiointivaivattomuus";"Tyytyväisyys";"Kommentti"',
             '"101";"2.3.2026 14.05";"Laskutus";"6";"4,0";"Selkeä lasku; kiitos"',
             '"102";"14.3.2026 9.30";"Laskutus";"2";"2,0";"Vaikea löytää eräpäivä"',
             '"103";"15.3.2026 11.00";"Toimitus";"7";"";""',
             '"104";"16.3.2026 16.45";"Toimitus";"8";"5,0";"CES yli asteikon"',
             '"105";"17.3.2026 8.15";"Toimitus";"";"4,5";"Puolikas tähti"']
    write("semicolon_comma_bom.csv", "\ufeff" + "\n".join(lines) + "\n", newline="\r\n")


def cp1252_fi() -> None:
    lines = ["Päivämäärä;Yksikkö;Kosketuspiste;NPS;Kommentti",
             "12.1.2026;Mäntsälä;Myymälä;9;Hyvä palvelu",
             "13.1.2026;Hämeenlinna;Myymälä;4;Jonotin liian kauan",
             "14.1.2026;Jyväskylä;Myymälä;10;Erinomainen – kiitos"]
    write("cp1252_fi.csv", "\n".join(lines) + "\n", encoding="cp1252")


QUALTRICS_IDS = ('"{""ImportId"":""startDate"",""timeZone"":""Europe/Helsinki""}"',
                 '"{""ImportId"":""endDate"",""timeZone"":""Europe/Helsinki""}"', '"{""ImportId"":""status""}"',
                 '"{""ImportId"":""finished""}"',
                 '"{""ImportId"":""recordedDate"",""timeZone"":""Europe/Helsinki""}"',
                 '"{""ImportId"":""_recordId""}"', '"{""ImportId"":""QID1""}"', '"{""ImportId"":""QID2_TEXT""}"')


def qualtrics_utf16() -> None:
    """Qualtrics TSV: UTF-16LE with BOM, tabs, three header rows, a preview response."""
    rows = [["StartDate", "EndDate", "Status", "Finished", "RecordedDate", "ResponseId", "Q1", "Q2"],
            ["Start Date", "End Date", "Response Type", "Finished", "Recorded Date", "Response ID",
             "How likely are you to recommend us to a friend?", "What is the main reason for your score?"],
            [i.replace('""', '"').strip('"') for i in QUALTRICS_IDS],
            ["2026-02-02 08:00:01", "2026-02-02 08:02:10", "1", "1", "2026-02-02 08:02:11", "R_preview1", "10",
             "test"],
            ["2026-02-03 09:12:03", "2026-02-03 09:14:40", "0", "1", "2026-02-03 09:14:41", "R_2bXk1", "9",
             "Smooth ordering"],
            ["2026-02-03 10:01:00", "2026-02-03 10:03:12", "0", "1", "2026-02-03 10:03:13", "R_3cYl2", "4",
             "Delivery was late, ääkköset säilyvät"],
            ["2026-02-04 11:30:00", "2026-02-04 11:31:05", "0", "0", "2026-02-04 11:31:06", "R_4dZm3", "",
             "Stopped half way"]]
    text = "\n".join("\t".join(r) for r in rows) + "\n"
    (HERE / "qualtrics_utf16.tsv").write_bytes(b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"))


def qualtrics_choice_text() -> None:
    """Qualtrics CSV exported as choice text: '10 - Extremely likely', 'Don't know', a preview row."""
    lines = ["StartDate,EndDate,Status,Finished,RecordedDate,ResponseId,Q1,Q2",
             "Start Date,End Date,Response Type,Finished,Recorded Date,Response ID,"
             "How likely are you to recommend us to a friend?,What is the main reason for your score?",
             ",".join(QUALTRICS_IDS),
             "2026-04-01 08:00:00,2026-04-01 08:01:00,Survey Preview,True,2026-04-01 08:01:01,R_prev,"
             "10 - Extremely likely,Testing",
             "2026-04-01 09:00:00,2026-04-01 09:02:00,IP Address,True,2026-04-01 09:02:01,R_a1,"
             "10 - Extremely likely,Great",
             "2026-04-01 10:00:00,2026-04-01 10:02:00,IP Address,True,2026-04-01 10:02:01,R_a2,"
             "0 - Not at all likely,\"Rude, slow\"",
             "2026-04-02 11:00:00,2026-04-02 11:02:00,IP Address,True,2026-04-02 11:02:01,R_a3,7,Fine",
             "2026-04-02 12:00:00,2026-04-02 12:02:00,IP Address,True,2026-04-02 12:02:01,R_a4,Don't know,"]
    write("qualtrics_choice_text.csv", "\ufeff" + "\n".join(lines) + "\n", newline="\r\n")


def wide_codes() -> None:
    """One row per respondent, one CSAT column per touchpoint by code; 6 = not applicable."""
    lines = ["ResponseId,RecordedDate,Unit,Q3_1,Q3_2,Q3_3,Q4",
             "R1,2026-05-04 10:00:00,Helsinki,5,4,6,9",
             "R2,2026-05-04 11:00:00,Tampere,3,6,,7",
             "R3,2026-05-05 12:00:00,Turku,6,6,6,10",
             "R4,2026-05-05 13:00:00,Helsinki,4,9,2,3",
             "R5,2026-05-06 14:00:00,Oulu,2,5,4,8"]
    write("wide_codes.csv", "\n".join(lines) + "\n")


def employee_fi() -> None:
    lines = ["Vastauspäivä;Tiimi;Rooli;Henkilöstön suositteluhalukkuus;Työhyvinvointi;Organisaatiokulttuuri;"
             "Työvälineet;Fyysinen työympäristö;Visio;Roolin selkeys;Koulutus;Kommentti",
             "3.2.2026;Helsinki;Asiakaspalvelija;9;4;4;3;5;4;4;3;Hyvä tiimi",
             "3.2.2026;Tampere;Esihenkilö;6;3;3;2;4;5;5;4;",
             "4.2.2026;Turku;Asiakaspalvelija;10;5;5;4;4;4;3;2;Koulutusta lisää",
             "4.2.2026;;Asiakaspalvelija;8;4;4;4;4;4;4;4;Yksikkö puuttuu",
             "5.2.2026;Oulu;Myyjä;7;6;4;4;4;4;4;4;Hyvinvointi yli asteikon"]
    write("employee_fi.csv", "\n".join(lines) + "\n")


def touchpoints() -> None:
    lines = ["Touchpoint,Stage,Stage order,Channel,Owner unit,Volume",
             "Web shop,Purchase,2,web,E-commerce,6000",
             "Customer service,Support,3,phone,Service centre,2500",
             "Billing,Billing,4,email,Finance,4000",
             "Store,Purchase,2,store,Retail,3000"]
    write("touchpoints.csv", "\n".join(lines) + "\n")


def outcomes_fi() -> None:
    lines = ["Kuukausi;Yksikkö;Asiakkaat;Poistuneet;Liikevaihto;Reklamaatiot",
             "2026-01;Helsinki;12000;140;1250000,50;35",
             "2026-02;Helsinki;11950;120;1180250,00;28",
             "2026-01;Tampere;8000;95;830000,00;19",
             "2026-02;Tampere;-5;90;812400,75;22"]
    write("outcomes_fi.csv", "\n".join(lines) + "\n")


def measurement_plan() -> None:
    lines = ["touchpoint,method,fixed_per_month,movable_per_month,unit_cost",
             "Web shop,survey,200,100,0.5",
             "Store,Mystery shopping,10,5,80",
             "Customer service,third-party interview,20,0,25"]
    write("measurement_plan.csv", "\n".join(lines) + "\n")


def google_forms_dates() -> None:
    """Google Forms sheet in a US locale: every field quoted; one file ambiguous, one not."""
    head = '"Timestamp","Which service did you use?","How likely are you to recommend us?","Comments"'
    ambiguous = [head, '"9/8/2026 14:28:27","Web shop","9","Quick"', '"9/9/2026 8:45:00","Store","6",""',
                 '"10/9/2026 8:45:00","Store","10",""']
    clear = [head, '"9/8/2026 14:28:27","Web shop","9","Quick"', '"9/21/2026 8:45:00","Store","6",""',
             '"10/2/2026 18:05:09","Web shop","10","Said ""thanks"" twice"']
    write("google_forms_ambiguous.csv", "\n".join(ambiguous) + "\n")
    write("google_forms_us.csv", "\n".join(clear) + "\n")


if __name__ == "__main__":
    for make in (title_two_sheets, semicolon_comma_bom, cp1252_fi, qualtrics_utf16, qualtrics_choice_text,
                 wide_codes, employee_fi, touchpoints, outcomes_fi, measurement_plan, google_forms_dates):
        make()
    print("written to", HERE)
