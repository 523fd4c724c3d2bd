"""Writes the small files that imitate each survey tool's export (layouts from shared/survey-exports.md).

Run from the repository root: `python tests/files/tools/make_tool_files.py`. The files are
committed; tests/tool_files.py holds the figures each must give. Dates are in November 2026.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent


def _csv(rows, delimiter=",", quote_all=False, line_end="\r\n") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line_end,
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return out.getvalue()


def write_text(name: str, text: str, encoding: str = "utf-8", bom: bytes = b"") -> None:
    (HERE / name).write_bytes(bom + text.encode(encoding))


def write_xlsx(name: str, rows) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(row)
    book.save(HERE / name)


# -- Qualtrics: 3 header rows (codes, question text, ImportId with the time zone) ------------------------

QUALTRICS_CODES = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
                   "RecordedDate", "ResponseId", "DistributionChannel", "UserLanguage", "Q1", "Q1_NPS_GROUP",
                   "Q2_1", "Q2_2", "Q3"]
QUALTRICS_TEXTS = ["Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)",
                   "Finished", "Recorded Date", "Response ID", "Distribution Channel", "User Language",
                   "How likely are you to recommend Acme to a friend or colleague?",
                   "How likely are you to recommend Acme to a friend or colleague? - Group",
                   "Thinking of your visit - How satisfied were you with the service?",
                   "Thinking of your visit - How easy was it to handle your matter?",
                   "What is the main reason for your score?"]


def qualtrics_ids(zone: str) -> list[str]:
    def one(name, timed=False):
        return json.dumps({"ImportId": name, **({"timeZone": zone} if timed else {})}, separators=(",", ":"))
    return [one("startDate", True), one("endDate", True), one("status"), one("ipAddress"), one("progress"),
            one("duration"), one("finished"), one("recordedDate", True), one("_recordId"),
            one("distributionChannel"), one("userLanguage"), one("QID1"), one("QID1_NPS_GROUP"), one("QID2_1"),
            one("QID2_2"), one("QID3_TEXT")]


def qualtrics_rows(status_words: bool, finnish: bool = False) -> list[list[str]]:
    """(status, nps, csat 1-5, ces 1-7, comment) per answer; previews and tests first and last."""
    answers = [("1", "10", "5", "7", "Testing the survey"),
               ("0", "10", "5", "7", "Quick, friendly"),
               ("0", "9", "4", "6", "Hyvä palvelu" if finnish else ""),
               ("0", "7", "3", "5", ""),
               ("0", "3", "2", "2", "Long queue"),
               ("0", "0", "1", "1", "Never again"),
               ("2", "5", "3", "3", "test run")]
    words = {"0": "IP Address", "1": "Survey Preview", "2": "Survey Test"}
    rows = []
    for k, (status, nps, csat, ces, comment) in enumerate(answers):
        day = f"2026-11-{5 + k:02d}"
        group = "3" if int(nps) >= 9 else "1" if int(nps) <= 6 else "2"
        rows.append([f"{day} 09:12:03", f"{day} 09:14:40", words[status] if status_words else status,
                     f"192.0.2.{k + 1}", "100", "157", "True" if status_words else "1", f"{day} 09:14:41",
                     f"R_{k + 1:03d}aB3c", "anonymous", "EN", nps, group, csat, ces, comment])
    return rows


def qualtrics_choice_text() -> list[list[str]]:
    nps_text = {"10": "10 - Extremely likely", "0": "0 - Not at all likely"}
    csat_text = {"5": "Very satisfied", "4": "Satisfied", "3": "Neither satisfied nor dissatisfied",
                 "2": "Dissatisfied", "1": "Very dissatisfied"}
    ces_text = {"7": "Very easy", "6": "Easy", "5": "Somewhat easy", "4": "Neither easy nor difficult",
                "3": "Somewhat difficult", "2": "Difficult", "1": "Very difficult"}
    rows = qualtrics_rows(True)
    for row in rows:
        row[11] = nps_text.get(row[11], row[11])
        row[12] = {"3": "Promoter", "2": "Passive", "1": "Detractor"}[row[12]]
        row[13] = csat_text[row[13]]
        row[14] = ces_text[row[14]]
    return rows


def make_qualtrics() -> None:
    header = [QUALTRICS_CODES, QUALTRICS_TEXTS]
    write_text("qualtrics_numeric.csv", _csv(header + [qualtrics_ids("America/Denver")] + qualtrics_rows(False)),
               bom=codecs.BOM_UTF8)
    write_text("qualtrics_choice_text.csv",
               _csv(header + [qualtrics_ids("Europe/Helsinki")] + qualtrics_choice_text()), bom=codecs.BOM_UTF8)
    write_text("qualtrics_utf16.tsv",
               _csv(header + [qualtrics_ids("Europe/Helsinki")] + qualtrics_rows(False, finnish=True), "\t"),
               "utf-16-le", codecs.BOM_UTF16_LE)
    write_xlsx("qualtrics.xlsx", header + [qualtrics_ids("Europe/Helsinki")] + qualtrics_rows(False))


# -- SurveyMonkey: two header rows; matrix rows and checkbox choices named only in the second ------------

def make_surveymonkey() -> None:
    first = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
             "Last Name", "Custom Data 1", "How likely is it that you would recommend Acme to a friend or colleague?",
             "Thinking of your last contact:", "", "Which channels did you use?", "", "Any other comments?"]
    second = [""] * 9 + ["Response", "Overall satisfaction", "How easy was it to handle your issue?", "Phone",
                         "Chat", "Open-Ended Response"]
    answers = [("9", "Very satisfied", "Very easy", "Phone", "", "Great"),
               ("10", "Satisfied", "Easy", "", "Chat", ""),
               ("6", "Dissatisfied", "Very difficult", "Phone", "Chat", "Slow, unfriendly"),
               ("8", "Neither satisfied nor dissatisfied", "Neither easy nor difficult", "", "Chat", ""),
               ("10", "Very satisfied", "Somewhat easy", "Phone", "", "Thanks")]
    rows = [first, second]
    for k, (nps, csat, ces, phone, chat, comment) in enumerate(answers):
        rows.append([str(118052219061 + k), "446111201", f"11/{5 + k:02d}/2026 09:12:03 AM",
                     f"11/{5 + k:02d}/2026 0{k + 1}:15:44 PM", f"192.0.2.{k + 1}", "", "", "", "", nps, csat, ces,
                     phone, chat, comment])
    write_text("surveymonkey.csv", _csv(rows))


# -- Google Forms: every field quoted, US-locale timestamps, a grid, checkboxes joined with ", " ----------

def make_google_forms() -> None:
    rows = [["Timestamp", "Email address", "How likely are you to recommend us to a friend?",
             "Rate our service [Speed]", "Rate our service [Friendliness]", "Which channels did you use?",
             "Anything else?"],
            ["11/13/2026 14:28:27", "anna@example.com", "9", "Fast", "Friendly", "Phone, Chat", "Quick"],
            ["11/14/2026 8:02:11", "", "7", "Slow", "Friendly", "Chat", ""],
            ["11/15/2026 17:45:00", "ben@example.com", "10", "Fast", "Very friendly", "Phone, Email", "Said \"thanks\""],
            ["11/16/2026 9:00:00", "", "3", "Slow", "Unfriendly", "Email, Chat", "Never again"]]
    write_text("google_forms.csv", _csv(rows, quote_all=True, line_end="\n"))


# -- Microsoft Forms (XLSX): ID, times, Likert statements as text, multi-select 'A;B;' ------------------

def make_microsoft_forms() -> None:
    rows = [["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
             "How likely are you to recommend us to a friend or colleague?", "Which services did you use?",
             "I was satisfied with the service"]]
    answers = [(10, "Billing;Support;", "Strongly agree"), (8, "Support;", "Agree"),
               (5, "Billing;", "Disagree"), (9, "Billing;Support;", "Neither agree nor disagree")]
    for k, (nps, services, csat) in enumerate(answers):
        start = dt.datetime(2026, 11, 5 + k, 9, 12, 3)
        rows.append([k + 1, start, start + dt.timedelta(minutes=3), "anonymous", "", None, nps, services, csat])
    write_xlsx("microsoft_forms.xlsx", rows)


# -- Webropol (a guess): Finnish, semicolons, d.M.yyyy H.mm, agreement labels with 'En osaa sanoa' ------

def make_webropol() -> None:
    rows = [["Vastaaja", "Vastausaika", "Kuinka todennäköisesti suosittelisit meitä ystävällesi?",
             "Olen tyytyväinen saamaani palveluun", "Asia ratkesi ensimmäisellä yhteydenotolla", "Avoin palaute"]]
    answers = [("10", "Täysin samaa mieltä", "Kyllä", "Hyvää palvelua; kiitos"),
               ("9", "Jokseenkin samaa mieltä", "Kyllä", ""),
               ("7", "En osaa sanoa", "Ei", "Jonotin pitkään"),
               ("4", "Jokseenkin eri mieltä", "Ei", ""),
               ("8", "Ei samaa eikä eri mieltä", "Kyllä", "")]
    for k, (nps, csat, fcr, comment) in enumerate(answers):
        rows.append([str(k + 1), f"{13 + k}.11.2026 9.{10 + k}", nps, csat, fcr, comment])
    write_text("webropol.csv", _csv(rows, ";"), bom=codecs.BOM_UTF8)


# -- LimeSurvey: BOM, ';', every value quoted, full headings, incomplete rows without a submit date ------

def make_limesurvey() -> None:
    rows = [["Response ID", "Date submitted", "Last page", "Start language",
             "How likely are you to recommend us?", "How satisfied were you overall?",
             "Which channels did you use? [Phone]", "Which channels did you use? [Chat]", "Anything else?"],
            ["1", "2026-11-05 09:12:03", "3", "en", "10", "Very satisfied", "Yes", "", "Hyvä palvelu"],
            ["2", "", "1", "en", "4", "", "", "", ""],
            ["3", "2026-11-06 14:22:45", "3", "en", "9", "Satisfied", "", "Yes", "Rivi yksi\nrivi kaksi"],
            ["4", "2026-11-07 10:00:00", "3", "fi", "3", "N/A", "Yes", "Yes", ""],
            ["5", "2026-11-08 11:30:00", "3", "en", "8", "Dissatisfied", "", "Yes", ""]]
    write_text("limesurvey.csv", _csv(rows, ";", quote_all=True) + "\r\n", bom=codecs.BOM_UTF8)


# -- Typeform: '#' token first, yes/no as 1/0, trailing metadata, times in UTC ---------------------------

def make_typeform() -> None:
    rows = [["#", "How likely are you to recommend us?", "Did we solve your problem?", "Anything else?",
             "Response Type", "Start Date (UTC)", "Stage Date (UTC)", "Submit Date (UTC)", "Network ID", "Tags"]]
    answers = [("10", "1", "Great", "completed"), ("6", "0", "", "completed"), ("", "", "", "partial"),
               ("9", "1", "", "completed"), ("9", "1", "Fast", "completed")]
    for k, (nps, fcr, comment, kind) in enumerate(answers):
        token = f"{k:x}" * 32
        start = f"2026-11-{5 + k:02d} 0{k + 1}:39:31"
        submit = f"2026-11-{5 + k:02d} 0{k + 1}:41:02" if kind == "completed" else ""
        rows.append([token[:32], nps, fcr, comment, kind, start, start, submit, f"a1b2c3d{k}", ""])
    write_text("typeform.csv", _csv(rows))


# -- Questback / EFS: lfdn, dispcode, datetime; missing codes -77 / -99; not completed rows ----------------

def make_questback() -> None:
    rows = [["lfdn", "dispcode", "datetime", "How likely is it that you would recommend us to a friend?",
             "How satisfied are you with our service?", "Comments"]]
    answers = [("31", "9", "5", "Good"), ("31", "10", "4", "-99"), ("32", "5", "-77", "Slow"),
               ("22", "2", "1", "-99"), ("31", "7", "3", "-99"), ("31", "8", "2", "")]
    for k, (disposition, nps, csat, comment) in enumerate(answers):
        rows.append([str(101 + k), disposition, f"2026-11-{5 + k:02d} 10:0{k}:00", nps, csat, comment])
    write_text("questback.csv", _csv(rows, ";"))


# -- Zendesk satisfaction ratings (flattened from the API): good / bad, offered rows without an answer -----

def make_zendesk() -> None:
    rows = [["id", "ticket_id", "score", "comment", "reason", "reason_code", "assignee_id", "group_id",
             "requester_id", "created_at", "updated_at", "url"]]
    answers = [("good", "Thanks!"), ("bad", "No answer for days"), ("offered", ""), ("good", ""),
               ("unoffered", ""), ("good", "Fast")]
    for k, (score, comment) in enumerate(answers):
        at = f"2026-11-{5 + k:02d}T0{k + 1}:12:03Z"
        rows.append([str(35436 + k), str(1200 + k), score, comment, "", "", "7001", "360001", str(8800 + k), at, at,
                     f"https://example.zendesk.com/api/v2/satisfaction_ratings/{35436 + k}.json"])
    write_text("zendesk.csv", _csv(rows))


# -- Peakon (flattened Data Export API): one row per person and question, scores 0-10 ---------------------

PEAKON_ENPS = "How likely is it you would recommend Acme as a place to work?"
PEAKON_WELLBEING = "How would you rate your wellbeing at work?"
PEAKON_NEW = "How likely are you to recommend our products to a friend?"


def peakon_rows(day: str, answers, extra_question: bool) -> list[list[str]]:
    rows = [["employeeId", "department", "answerDate", "questionId", "questionText", "answerScore", "answerComment",
             "answerSkipReason", "answerId", "categoryId", "categoryGroup"]]
    n = 0
    for person, department, enps, wellbeing, product in answers:
        questions = [("q-enps", PEAKON_ENPS, enps, "engagement"), ("q-well", PEAKON_WELLBEING, wellbeing, "wellbeing")]
        if extra_question:
            questions.append(("q-prod", PEAKON_NEW, product, "other"))
        for qid, text, score, category in questions:
            n += 1
            skipped = score == ""
            rows.append([person, department, day, qid, text, score, "", "not_relevant" if skipped else "",
                         f"a-{day}-{n}", qid, category])
    return rows


def make_peakon() -> None:
    first = [("e1", "Sales", "10", "8", ""), ("e2", "Sales", "9", "6", ""), ("e3", "Support", "6", "3", ""),
             ("e4", "Support", "8", "", "")]
    second = [("e1", "Sales", "9", "9", "2"), ("e2", "Sales", "4", "5", "10"), ("e3", "Support", "10", "7", "10")]
    write_text("peakon.csv", _csv(peakon_rows("2026-11-02", first, False)))
    header, *answers = peakon_rows("2026-11-02", first, False)
    records = [{k: (int(v) if k == "answerScore" and v else v or None) for k, v in zip(header, row, strict=True)}
               for row in answers]
    write_text("peakon.json", json.dumps({"data": records}, indent=1))
    write_text("peakon_next_month.csv", _csv(peakon_rows("2026-12-01", second, True)))


# -- Culture Amp (XLSX extract, a guess): Employee Id, a demographic, the standard questions ------------

def make_culture_amp() -> None:
    rows = [["Employee Id", "Name", "Department", "Response Date",
             "How likely is it you would recommend Acme as a place to work?", "I feel a sense of wellbeing at work",
             "I have the tools and systems I need to do my job"]]
    answers = [(9, "Strongly agree", "Agree"), (10, "Agree", "Agree"), (7, "Disagree", "Strongly disagree"),
               (3, "Neither agree nor disagree", "Strongly agree")]
    for k, (enps, wellbeing, tools) in enumerate(answers):
        rows.append([f"E{100 + k}", f"Person {k}", "Sales" if k < 2 else "Support", dt.datetime(2026, 11, 3 + k, 12),
                     enps, wellbeing, tools])
    write_xlsx("culture_amp.xlsx", rows)


if __name__ == "__main__":
    for make in (make_qualtrics, make_surveymonkey, make_google_forms, make_microsoft_forms, make_webropol,
                 make_limesurvey, make_typeform, make_questback, make_zendesk, make_peakon, make_culture_amp):
        make()
