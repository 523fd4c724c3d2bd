"""Step 2 of an import, recognise: which survey tool wrote the file, and what its layout means.

Entry: `recognise(table) -> Recognition`. From the file's fingerprint (header rows, column names,
id formats, the rows under the header) it names the tool and says what that tool's export
implies: the question text of each column (not only its code), which rows are previews or tests,
which cells mean "not applicable", which column holds the time and in which zone, which columns
are multi-select answers (never scores), and whether the file is long (one row per person and
question). It decides nothing the user cannot change: the map step turns it into a proposed
profile, and every guess is said (in English and Finnish) as a Note.

Layouts are from ../shared/survey-exports.md; the ones marked there as guesses (Webropol,
Questback column names, Peakon's and Culture Amp's extract columns) are recognised loosely and
said to be guesses.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from cx.i18n import t
from cx.imports.notes import Note, note
from cx.imports.read import TableText

SAMPLE_ROWS = 200
TOOL_NAMES = {"qualtrics": "Qualtrics", "surveymonkey": "SurveyMonkey", "google_forms": "Google Forms",
              "microsoft_forms": "Microsoft Forms", "webropol": "Webropol", "limesurvey": "LimeSurvey",
              "typeform": "Typeform", "questback": "Questback / EFS Survey", "zendesk": "Zendesk satisfaction",
              "peakon": "Peakon", "culture_amp": "Culture Amp"}
QUALTRICS_HIDDEN_STATUS = ("1", "2", "8", "9", "Survey Preview", "Survey Test", "Spam", "Preview Spam")
QUESTBACK_MISSING = ("-77", "-99", "-66")
QUESTBACK_COMPLETE = ("31", "32")


@dataclass
class LongLayout:
    """One row per person and question: which columns say who, what was asked and the answer."""

    person: str            # header of the person (or answer set) column
    question: str          # header of the question column
    value: str             # header of the score column
    questions: list[str]   # the questions in the file, in order of first appearance
    proposed: dict[str, str] = field(default_factory=dict)  # question -> contract column cx proposes


@dataclass
class Recognition:
    """What the recognise step hands to the map step."""

    tool: str | None = None
    evidence: str = ""                                        # what in the file said so (English; the note has both)
    kind: str | None = None                                   # the table the tool's exports fill, when fixed
    questions: dict[int, str] = field(default_factory=dict)   # column -> its question text
    columns: dict[int, str] = field(default_factory=dict)     # column -> contract column the layout fixes
    ignore: dict[int, str] = field(default_factory=dict)      # column -> why it is never a score
    multi_select: list[int] = field(default_factory=list)     # multi-select answers: left out with a note
    values: dict[int, dict[str, object]] = field(default_factory=dict)  # column -> the tool's labels as values
    exclude: dict[str, tuple[str, ...]] = field(default_factory=dict)  # header -> preview/test cell texts
    require: tuple[str, ...] = ()                             # headers whose empty cell leaves the row out
    missing: tuple[str, ...] | None = None                    # extra "not applicable" codes of the tool
    date_format: str | None = None
    time_zone: str | None = None                              # the zone the file's times are written in
    long: LongLayout | None = None
    notes: list[Note] = field(default_factory=list)

    @property
    def tool_name(self) -> str:
        return TOOL_NAMES.get(self.tool or "", "")


def recognise(table: TableText) -> Recognition:
    """The tool that wrote `table` and what its layout means; an empty Recognition when none fits."""
    headers = [h.strip() for h in table.headers]
    keys = [header_key(h) for h in headers]
    head = table.head(SAMPLE_ROWS)
    for tool, test in FINGERPRINTS:
        evidence = test(headers, keys, table)
        if evidence:
            found = Recognition(tool=tool, evidence=t(evidence, "en"))
            found.questions = _questions(headers, table.extra_header_rows)
            LAYOUTS[tool](found, headers, keys, head)
            if tool == "qualtrics":
                _qualtrics_zone(found, table.extra_header_rows)
            _multi_select(found, headers, head)
            found.notes.insert(0, note("imports.tool.recognised", tool=found.tool_name, evidence=note(evidence)))
            return found
    found = Recognition(questions=_questions(headers, table.extra_header_rows))
    _multi_select(found, headers, head)
    return found


# -- fingerprints: (tool, test) in order; a test returns what it saw, or "" ------------------------

def header_key(header: str) -> str:
    """camelCase and snake_case and spaced names alike: 'ResponseId', 'response_id' -> 'response id'."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", header)
    return re.sub(r"[^0-9a-zäöå#]+", " ", spaced.lower()).strip()


def _has(keys: list[str], *names: str) -> bool:
    return all(name in keys for name in names)


def _import_id_row(table: TableText) -> bool:
    return any(str(c).strip().lower().startswith(('{"importid"', "{'importid'"))
               for row in table.extra_header_rows for c in row)


def _qualtrics(headers, keys, table) -> str:
    if _import_id_row(table):
        return "imports.evidence.qualtrics_import_id"
    if _has(keys, "start date", "end date", "status") and ("response id" in keys or "recorded date" in keys):
        return "imports.evidence.qualtrics_columns"
    return ""


def _surveymonkey(headers, keys, table) -> str:
    if _has(keys, "respondent id", "collector id"):
        return "imports.evidence.surveymonkey"
    return ""


def _typeform(headers, keys, table) -> str:
    if keys[:1] == ["#"] and ("submit date utc" in keys or "network id" in keys):
        return "imports.evidence.typeform"
    return ""


def _google_forms(headers, keys, table) -> str:
    if keys[:1] == ["timestamp"]:
        return "imports.evidence.google_forms"
    return ""


def _microsoft_forms(headers, keys, table) -> str:
    if _has(keys, "id", "start time", "completion time"):
        return "imports.evidence.microsoft_forms"
    return ""


def _limesurvey(headers, keys, table) -> str:
    if _has(keys, "id", "submitdate") and ("lastpage" in keys or "startlanguage" in keys):
        return "imports.evidence.limesurvey_codes"
    if _has(keys, "response id", "date submitted", "last page"):
        return "imports.evidence.limesurvey_text"
    return ""


def _questback(headers, keys, table) -> str:
    if "lfdn" in keys and ("dispcode" in keys or "datetime" in keys):
        return "imports.evidence.questback"
    return ""


def _zendesk(headers, keys, table) -> str:
    if _has(keys, "ticket id", "score") and ("created at" in keys or "requester id" in keys):
        return "imports.evidence.zendesk"
    return ""


def _peakon(headers, keys, table) -> str:
    if "answer score" in keys and ("answer id" in keys or "category id" in keys):
        return "imports.evidence.peakon"
    return ""


def _culture_amp(headers, keys, table) -> str:
    if ("employee id" in keys or "preferred name" in keys) and any("[company]" in h.lower() or "place to work"
                                                                   in h.lower() for h in headers):
        return "imports.evidence.culture_amp"
    return ""


def _webropol(headers, keys, table) -> str:
    finnish = {"vastaaja", "vastaajan tunnus", "vastausaika", "lähetetty", "vastauspäivä", "vastaus lähetetty"}
    if len(finnish & set(keys)) >= 2:
        return "imports.evidence.webropol"
    return ""


FINGERPRINTS: tuple[tuple[str, Callable[..., str]], ...] = (
    ("qualtrics", _qualtrics), ("surveymonkey", _surveymonkey), ("typeform", _typeform),
    ("microsoft_forms", _microsoft_forms), ("limesurvey", _limesurvey), ("questback", _questback),
    ("zendesk", _zendesk), ("peakon", _peakon), ("culture_amp", _culture_amp), ("webropol", _webropol),
    ("google_forms", _google_forms),
)


# -- what each tool's layout means ---------------------------------------------------------------

def _questions(headers: list[str], extra_rows: list[list[str]]) -> dict[int, str]:
    """Each column's question: the first header row below the header with text that is not an
    ImportId, else the header itself. 'Question text - Statement' keeps the statement."""
    out = {}
    for i, header in enumerate(headers):
        text = ""
        for row in extra_rows:
            cell = row[i].strip() if i < len(row) else ""
            if cell and not cell.lower().startswith(('{"importid"', "{'importid'")):
                text = cell
                break
        out[i] = text if text and text.lower() not in ("response", "open-ended response") else header
    return out


def _index(keys: list[str], *names: str) -> int | None:
    for name in names:
        if name in keys:
            return keys.index(name)
    return None


def _fix(found: Recognition, keys: list[str], column: str, *names: str) -> int | None:
    index = _index(keys, *names)
    if index is not None:
        found.columns[index] = column
    return index


def _ignore(found: Recognition, keys: list[str], reason: str, *names: str) -> None:
    for i, k in enumerate(keys):
        if k in names:
            found.ignore[i] = reason


def _cells(head: pd.DataFrame, index: int) -> list[str]:
    if index not in head.columns:
        return []
    return [str(v).strip() for v in head[index].tolist() if v is not None and str(v).strip()]


def _layout_qualtrics(found: Recognition, headers, keys, head) -> None:
    _fix(found, keys, "response_id", "response id", "responseid")
    _fix(found, keys, "responded_at", "recorded date", "end date")
    _ignore(found, keys, "metadata", "start date", "end date", "status", "progress", "duration in seconds",
            "finished", "ip address", "recipient last name", "recipient first name", "recipient email",
            "external reference", "location latitude", "location longitude", "distribution channel",
            "user language")
    for i, k in enumerate(keys):
        if k.endswith("nps group"):
            found.ignore[i] = "the tool's own NPS group (1-3), not a score"
    status = _index(keys, "status")
    if status is not None:
        found.exclude[headers[status]] = QUALTRICS_HIDDEN_STATUS
        found.notes.append(note("imports.tool.preview_rows", column=headers[status],
                                values=", ".join(QUALTRICS_HIDDEN_STATUS)))


def _qualtrics_zone(found: Recognition, extra_rows: list[list[str]]) -> None:
    """The zone in the ImportId row of the date column, e.g. {"ImportId":"recordedDate","timeZone":"..."}."""
    date = next((i for i, c in found.columns.items() if c == "responded_at"), None)
    zone = zones(extra_rows).get(date)
    if zone:
        found.time_zone = zone
        found.notes.append(note("imports.tool.time_zone", zone=zone))


def _layout_surveymonkey(found: Recognition, headers, keys, head) -> None:
    _fix(found, keys, "response_id", "respondent id", "respondentid")
    _fix(found, keys, "responded_at", "end date", "enddate")
    _ignore(found, keys, "metadata", "collector id", "start date", "ip address", "email address", "first name",
            "last name", "custom data 1")
    found.date_format = _us_dates(found, head, "%m/%d/%Y %I:%M:%S %p")


def _us_dates(found: Recognition, head: pd.DataFrame, fmt: str) -> str | None:
    """Month-first dates, said as a guess (the tools write the account's US format)."""
    date = next((i for i, c in found.columns.items() if c == "responded_at"), None)
    cells = _cells(head, date) if date is not None else []
    if cells and all(re.match(r"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2} [AP]M$", c) for c in cells):
        found.notes.append(note("imports.tool.us_dates", tool=found.tool_name))
        return fmt
    return None


def _layout_google_forms(found: Recognition, headers, keys, head) -> None:
    _fix(found, keys, "responded_at", "timestamp")
    _ignore(found, keys, "metadata", "email address", "username")
    quiz = _index(keys, "score")
    if quiz is not None and all(re.match(r"^\d+ / \d+$", c) for c in _cells(head, quiz)):
        found.ignore[quiz] = "a quiz's total points ('7 / 10'), not a score of the experience"


def _layout_microsoft_forms(found: Recognition, headers, keys, head) -> None:
    _fix(found, keys, "response_id", "id")
    _fix(found, keys, "responded_at", "completion time")
    _ignore(found, keys, "metadata", "start time", "email", "name", "last modified time", "total points",
            "quiz feedback")


def _layout_limesurvey(found: Recognition, headers, keys, head) -> None:
    _fix(found, keys, "response_id", "id", "response id")
    submitted = _fix(found, keys, "responded_at", "submitdate", "date submitted")
    _ignore(found, keys, "metadata", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr",
            "refurl", "token", "last page", "start language", "date started", "date last action", "ip address")
    found.missing = ("N/A",)
    if submitted is not None:
        found.require = (headers[submitted],)
        found.notes.append(note("imports.tool.incomplete_left_out", column=headers[submitted]))


def _layout_typeform(found: Recognition, headers, keys, head) -> None:
    _fix(found, keys, "response_id", "#")
    submitted = _fix(found, keys, "responded_at", "submit date utc")
    _ignore(found, keys, "metadata", "response type", "start date utc", "stage date utc", "network id", "tags")
    found.time_zone = "UTC"
    found.notes.append(note("imports.tool.time_zone", zone="UTC"))
    if submitted is not None:
        found.require = (headers[submitted],)
        found.notes.append(note("imports.tool.incomplete_left_out", column=headers[submitted]))


def _layout_questback(found: Recognition, headers, keys, head) -> None:
    _fix(found, keys, "response_id", "lfdn")
    _fix(found, keys, "responded_at", "datetime")
    _ignore(found, keys, "metadata", "dispcode", "lastpage", "quality", "duration")
    found.missing = QUESTBACK_MISSING
    found.notes.append(note("imports.tool.missing_codes", codes=", ".join(QUESTBACK_MISSING)))
    disposition = _index(keys, "dispcode")
    if disposition is not None:
        seen = sorted(set(_cells(head, disposition)) - set(QUESTBACK_COMPLETE))
        if seen:
            found.exclude[headers[disposition]] = tuple(seen)
            found.notes.append(note("imports.tool.incomplete_codes", column=headers[disposition],
                                    values=", ".join(seen)))


def _layout_zendesk(found: Recognition, headers, keys, head) -> None:
    _fix(found, keys, "response_id", "id")
    _fix(found, keys, "responded_at", "created at")
    _fix(found, keys, "csat", "score")
    _fix(found, keys, "comment", "comment")
    _ignore(found, keys, "metadata", "ticket id", "reason", "reason code", "assignee id", "group id",
            "requester id", "updated at", "url")
    score = _index(keys, "score")
    if score is not None:
        found.exclude[headers[score]] = ("offered", "unoffered")
        found.values[score] = {"good": 5, "bad": 1, "Good": 5, "Bad": 1}
        found.notes.append(note("imports.tool.zendesk_scores", column=headers[score]))
    found.time_zone = "UTC"
    found.notes.append(note("imports.tool.time_zone", zone="UTC"))


def _layout_peakon(found: Recognition, headers, keys, head) -> None:
    found.kind = "employee_responses"
    person = _index(keys, "employee id", "account id", "answer set id", "account email")
    question = _index(keys, "question text", "question", "question id", "category id")
    value = _index(keys, "answer score")
    if person is None or question is None or value is None:
        found.notes.append(note("imports.long.no_columns"))
        return
    order: list[str] = []
    for cell in _cells(head, question):
        if cell not in order:
            order.append(cell)
    found.long = LongLayout(headers[person], headers[question], headers[value], order)
    found.notes.append(note("imports.long.found", person=headers[person], question=headers[question],
                            value=headers[value], count=len(order)))


def _layout_culture_amp(found: Recognition, headers, keys, head) -> None:
    found.kind = "employee_responses"  # the employee id is not the response's: the same person answers each round
    _fix(found, keys, "responded_at", "response date", "submitted at", "survey date")
    _ignore(found, keys, "personal data", "employee id", "name", "preferred name", "email", "date of birth",
            "start date")


def _layout_webropol(found: Recognition, headers, keys, head) -> None:
    _fix(found, keys, "response_id", "vastaajan tunnus", "vastaaja")
    _fix(found, keys, "responded_at", "vastausaika", "lähetetty", "vastaus lähetetty", "vastauspäivä")
    found.notes.append(note("imports.tool.eos_guess"))


LAYOUTS: dict[str, Callable[..., None]] = {
    "qualtrics": _layout_qualtrics, "surveymonkey": _layout_surveymonkey, "google_forms": _layout_google_forms,
    "microsoft_forms": _layout_microsoft_forms, "limesurvey": _layout_limesurvey, "typeform": _layout_typeform,
    "questback": _layout_questback, "zendesk": _layout_zendesk, "peakon": _layout_peakon,
    "culture_amp": _layout_culture_amp, "webropol": _layout_webropol,
}


# -- multi-select answers --------------------------------------------------------------------------

_SEPARATORS = re.compile(r", |;")


def _multi_select(found: Recognition, headers: list[str], head: pd.DataFrame) -> None:
    """Columns whose cells join several choices from a small recurring set ('Phone, Chat', 'A;B;'), or
    SurveyMonkey / LimeSurvey split checkboxes (the cell is the choice label, or 'Y', when ticked), are
    answers to a multi-select question: never a score, left out with a note. Free text with commas
    is not: its pieces do not recur."""
    for i in range(len(headers)):
        if i in found.columns or i in found.ignore:
            continue
        cells = _cells(head, i)
        if not cells:
            continue
        label = found.questions.get(i, "")
        ticked = found.tool == "surveymonkey" and label != headers[i] and set(cells) == {label.split(" - ")[-1]}
        ticked |= found.tool == "limesurvey" and set(cells) <= {"Y", "Yes"} and "[" in headers[i]
        if ticked or _joined_choices(cells):
            found.multi_select.append(i)


def _joined_choices(cells: list[str]) -> bool:
    """Several cells join pieces, and every piece recurs in other cells (choices, not sentences)."""
    pieces = [[p.strip() for p in _SEPARATORS.split(c) if p.strip()] for c in cells]
    joined = [p for p in pieces if len(p) > 1]
    if len(joined) < 2 and not (joined and len(cells) <= 3):
        return False
    counts: dict[str, int] = {}
    for parts in pieces:
        for part in set(parts):
            counts[part] = counts.get(part, 0) + 1
    recurring = sum(1 for parts in joined if all(counts[p] > 1 for p in parts))
    return recurring * 2 >= len(joined) and all(not re.search(r"\d", p) for p in counts)


def zones(extra_rows: list[list[str]]) -> dict[int, str]:
    """Qualtrics ImportId cells that carry a time zone: column -> zone."""
    out = {}
    for row in extra_rows:
        for i, cell in enumerate(row):
            text = str(cell).strip()
            if '"timezone"' in text.lower() or "'timezone'" in text.lower():
                try:
                    value = json.loads(text.replace("'", '"'))
                except ValueError:
                    continue
                zone = value.get("timeZone") or value.get("timezone")
                if zone:
                    out[i] = str(zone)
    return out
