"""Step 3 of an import, map: which source column is which contract column.

Entry: `map_columns(table, recognition, kind=, profile=, constants=) -> Mapped`. Obvious English
and Finnish headers (and their question texts in the header rows) are matched here; the tool
recognised in step 2 fixes its id and date columns, its preview rows and not-applicable codes;
text answer scales are read as numbers (cx.imports.scales); a long layout is pivoted.

Everything not obvious is left to an import profile or, in the app, the user.
Matching is case-, space- and punctuation-insensitive; long question texts are
matched by keywords ("How likely are you to recommend ..." is NPS).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from cx import schema
from cx.imports import scales
from cx.imports.notes import Note, note, written
from cx.imports.read import FileRejected, TableText
from cx.imports.recognise import Recognition, header_key
from cx.profiles import ImportProfile, LongProfile

SYNONYMS: dict[str, tuple[str, ...]] = {
    "response_id": ("response id", "responseid", "vastaustunnus", "vastaus id", "respondent id", "respondentid",
                    "recordid", "record id", "id", "answer id", "lfdn", "submission id"),
    # In order of preference: when an export has several dates, the one the answer was recorded or
    # submitted wins over the one it was started.
    "responded_at": ("date", "päivämäärä", "paivamaara", "vastauspäivä", "vastauspaiva", "pvm", "timestamp",
                     "aikaleima", "responded at", "answered at", "vastausaika", "recorded date", "recordeddate",
                     "date submitted", "submitdate", "submit date", "submit date utc", "submitted at", "submitted",
                     "completion time", "completed", "completed at", "end date", "enddate", "end date utc",
                     "datestamp", "created at", "created", "response date", "survey date", "datetime",
                     "start date", "startdate", "start date utc", "start time", "answer date", "round date"),
    "level": ("level", "taso", "survey level", "nps type"),
    "touchpoint": ("touchpoint", "kosketuspiste", "touch point", "contact point", "asiointikohta"),
    "stage": ("stage", "vaihe", "polun vaihe", "journey stage", "asiakaspolun vaihe"),
    "channel": ("channel", "kanava", "asiointikanava", "contact channel"),
    "segment": ("segment", "segmentti", "asiakassegmentti", "customer segment", "asiakasryhmä"),
    "unit": ("unit", "yksikkö", "yksikko", "tiimi", "team", "toimipiste", "office", "department", "osasto",
             "parent unit", "branch"),
    "customer_id": ("customer id", "customerid", "asiakasnumero", "asiakastunnus", "asiakas id", "client id",
                    "contact id", "customer number"),
    "method": ("method", "menetelmä", "menetelma", "measurement method", "mittaustapa"),
    "nps": ("nps", "suositteluhalukkuus", "likelihood to recommend", "recommend", "suosittelu", "ltr",
            "nps score", "net promoter score", "suosittelu 0 10"),
    "ces": ("ces", "customer effort", "customer effort score", "asioinnin vaivattomuus", "vaivattomuus",
            "asiointivaivattomuus", "effort"),
    "csat": ("csat", "tyytyväisyys", "tyytyvaisyys", "satisfaction", "customer satisfaction",
             "asiakastyytyväisyys"),
    "fcr": ("fcr", "first contact resolution", "ratkesiko asia", "ensikontaktiratkaisu", "resolved",
            "asia ratkesi", "ratkesi"),
    "efficiency": ("efficiency", "tehokkuus", "sujuvuus"),
    "ease": ("ease", "helppous", "ease of use"),
    "emotion": ("emotion", "tunne", "tunnekokemus", "feeling"),
    "comment": ("comment", "comments", "kommentti", "avoin palaute", "open feedback", "vapaa palaute",
                "palaute", "feedback", "verbatim", "open ended response", "kommentit", "free text"),
    "enps": ("enps", "employee nps", "henkilöstön suositteluhalukkuus", "työpaikan suosittelu",
             "employee net promoter score"),
    "wellbeing": ("wellbeing", "well being", "hyvinvointi", "työhyvinvointi", "tyohyvinvointi"),
    "culture": ("culture", "kulttuuri", "organisaatiokulttuuri", "organisational culture"),
    "technology": ("technology", "teknologia", "työvälineet", "tyovalineet", "tools and systems", "järjestelmät"),
    "physical": ("physical", "fyysinen työympäristö", "fyysinen tyoymparisto", "physical workplace",
                 "työtilat", "fyysinen"),
    "vision": ("vision", "visio", "asiakaskokemusvisio", "cx vision"),
    "role_clarity": ("role clarity", "roolin selkeys", "role_clarity", "oma rooli"),
    "training": ("training", "koulutus", "perehdytys"),
    "role": ("role", "rooli", "tehtävä", "tehtava", "job role", "position"),
    "stage_order": ("stage order", "vaiheen järjestys", "order", "järjestys"),
    "owner_unit": ("owner unit", "vastuuyksikkö", "owner", "omistaja"),
    "volume": ("volume", "volyymi", "contacts per month", "kontaktit kuukaudessa", "määrä kuukaudessa"),
    "fixed_per_month": ("fixed per month", "kiinteä kuukaudessa", "fixed"),
    "movable_per_month": ("movable per month", "siirrettävä kuukaudessa", "movable"),
    "unit_cost": ("unit cost", "yksikköhinta", "cost per measurement", "hinta"),
    "month": ("month", "kuukausi", "kk"),
    "customers": ("customers", "asiakkaat", "active customers", "asiakasmäärä"),
    "churned": ("churned", "poistuneet", "lost customers", "churn"),
    "revenue": ("revenue", "liikevaihto", "tulot", "myynti"),
    "complaints": ("complaints", "reklamaatiot", "valitukset"),
}
# Long question texts: every keyword starts a word of the (normalised) header. Order matters:
# the employee questions come before the customer ones they contain.
KEYWORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("likely", "recommend", "work"), "enps"),
    (("likely", "recommend", "employer"), "enps"),
    (("suosittel", "työpaik"), "enps"),
    (("suosittel", "työnantaj"), "enps"),
    (("likely", "recommend"), "nps"),
    (("recommend", "friend"), "nps"),
    (("todennäköi", "suosittel"), "nps"),
    (("suosittelisit",), "nps"),
    (("easy", "handle"), "ces"),
    (("effort",), "ces"),
    (("helppo", "hoit"), "ces"),
    (("satisf",), "csat"),
    (("tyytyväi",), "csat"),
    (("resolved",), "fcr"),
    (("ratkes",), "fcr"),
    (("solve", "problem"), "fcr"),
    (("reason", "score"), "comment"),
    (("anything", "else"), "comment"),
    (("perustel",), "comment"),
    (("wellbeing",), "wellbeing"),
    (("hyvinvoin",), "wellbeing"),
    (("tools", "systems"), "technology"),
    (("työväline",), "technology"),
    (("customer", "experience", "vision"), "vision"),
    (("asiakaskokemu", "visio"), "vision"),
    (("training",), "training"),
    (("koulutu",), "training"),
)

def normalise(text: str) -> str:
    """Lower case, no punctuation, single spaces; Finnish letters kept."""
    text = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", unicodedata.normalize("NFC", str(text)).strip())  # camelCase
    text = re.sub(r"[^\wäöå]+", " ", text.lower().replace("_", " "))
    return re.sub(r"\s+", " ", text).strip()


_LOOKUP = {normalise(s): col for col, names in SYNONYMS.items() for s in (*names, col)}


@dataclass
class Detection:
    kind: str
    columns: dict[int, str]  # source column index -> contract column
    notes: list[str] = field(default_factory=list)
    ignored: dict[int, str] = field(default_factory=dict)  # index -> why it was not used
    how: dict[int, str] = field(default_factory=dict)  # index -> how the column was recognised


EXACT, KNOWN_NAME, QUESTION, EXTRA_ROW = range(4)
HOW = {EXACT: "its name is the column's name", KNOWN_NAME: "a known name for it",
       QUESTION: "words of the question", EXTRA_ROW: "the question text in the header rows"}
# Columns recognised from question text must hold what the column holds (a score, a yes/no),
# so that "What would improve your satisfaction?" is not read as CSAT.
SCORED = set(schema.CUSTOMER_METRICS) | set(schema.EMPLOYEE_METRICS)


def match(header: str) -> str | None:
    """The contract column a header obviously means, or None."""
    return match_how(header)[0]


def match_how(header: str) -> tuple[str | None, int]:
    """The contract column a header means and how sure that is (EXACT, KNOWN_NAME, QUESTION)."""
    key = normalise(header)
    if not key:
        return None, QUESTION
    if key in _LOOKUP:
        column = _LOOKUP[key]
        return column, EXACT if key == normalise(column) else KNOWN_NAME
    words = key.split()
    for keywords, column in KEYWORDS:
        if all(any(w.startswith(k) for w in words) for k in keywords):
            return column, QUESTION
    return None, QUESTION


def guess_kind(candidates: dict[int, str]) -> str:
    """The table the file most likely fills: one it could load (its required columns, a score where
    it needs one, and at least two of its columns) that accounts for the most recognised columns.
    Customer answers when none fits, so the refusal names what answers need."""
    found = set(candidates.values())

    def rank(table: schema.Table) -> tuple[bool, int, int]:
        names = found & set(table.column_names)
        required = {c.name for c in table.columns if c.required}
        loadable = (required <= found and len(names) >= 2
                    and (not table.needs_one_of or bool(found & set(table.needs_one_of))))
        return loadable, len(names), -schema.IMPORTABLE.index(table.name)

    best = max((schema.TABLES[name] for name in schema.IMPORTABLE), key=rank)
    return best.name if rank(best)[0] else "customer_responses"


def detect(headers: list[str], frame=None, kind: str | None = None,
           extra_rows: list[list[str]] | None = None) -> Detection:
    """Map headers to contract columns: one source column per contract column, the exact name
    first, then known names, then question words, then question text in extra header rows."""
    candidates: dict[int, tuple[str, int]] = {}
    for i, header in enumerate(headers):
        column, rank = match_how(header)
        if column is None:
            column, rank = _from_extra_rows(i, extra_rows or [])
        if column is not None:
            candidates[i] = (column, rank)
    kind = kind or guess_kind({i: c for i, (c, _) in candidates.items()})
    allowed = set(schema.TABLES[kind].column_names) - {"import_id"}
    found = Detection(kind, {})
    taken: dict[str, int] = {}
    for index, (column, rank) in sorted(candidates.items(),
                                        key=lambda item: (item[1][1], _preference(headers[item[0]]), item[0])):
        if column not in allowed:
            continue
        if column in taken:
            found.ignored[index] = f"'{headers[index]}' also looks like {column}; '{headers[taken[column]]}' is used."
            continue
        if rank >= QUESTION and column in SCORED and not _holds_scores(frame, index):
            found.ignored[index] = f"'{headers[index]}' reads like {column} but its cells are not scores."
            continue
        taken[column] = index
        found.columns[index] = column
        found.how[index] = HOW[rank]
    found.columns = dict(sorted(found.columns.items()))
    for index, column in found.columns.items():
        found.notes.append(f"Column '{headers[index]}' is read as {column} ({found.how[index]}).")
    found.notes.extend(found.ignored[i] for i in sorted(found.ignored))
    return found


def _preference(header: str) -> int:
    """Among known names for one column, the earlier in SYNONYMS the better."""
    key = normalise(header)
    column = _LOOKUP.get(key)
    names = [normalise(n) for n in SYNONYMS.get(column, ())]
    return names.index(key) if key in names else len(names)


def _from_extra_rows(index: int, extra_rows: list[list[str]]) -> tuple[str | None, int]:
    for row in extra_rows:
        if index < len(row):
            column, _ = match_how(row[index])
            if column is not None:
                return column, EXTRA_ROW
    return None, EXTRA_ROW


SCORE_SAMPLE = 200
SCORE_SAMPLE_CELLS = SCORE_SAMPLE * 5  # rows looked at: a column's first filled cells, blanks skipped


def _holds_scores(frame, index: int, sample: int = SCORE_SAMPLE) -> bool:
    """Most filled cells are numbers, start with one ("10 - Extremely likely") or say yes/no."""
    if frame is None or index not in frame.columns:
        return True
    cells = [c for c in frame[index].to_numpy(object)[: sample * 5] if c is not None and str(c).strip()][:sample]
    if not cells:
        return True
    scored = sum(1 for c in cells if isinstance(c, (int, float)) or _SCORE_TEXT.match(str(c).strip()))
    if scored * 2 >= len(cells):
        return True
    return scales.read_labels(list(dict.fromkeys(str(c).strip() for c in cells))) is not None


_SCORE_TEXT = re.compile(r"^(\d|yes\b|no\b|kyllä\b|ei\b|true\b|false\b|y$|n$|x$)", re.IGNORECASE)


# == the map step's entry ================================================================================

@dataclass
class Mapped:
    """What the map step hands to the check step: the table (pivoted, for a long layout), which
    column is which contract column, and the complete profile the import runs with (the user's,
    or the one proposed from the recognised tool; saving it gives the same rows next month)."""

    table: TableText
    kind: str
    columns: dict[int, str]
    profile: ImportProfile
    notes: list[str] = field(default_factory=list)       # English, for the import summary
    decided: list[Note] = field(default_factory=list)    # the same and more, in either language
    tool: str | None = None
    how: dict[int, str] = field(default_factory=dict)
    new_questions: list[str] = field(default_factory=list)  # long layout: questions no column takes


def map_columns(table: TableText, recognition: Recognition | None = None, *, kind: str | None = None,
                profile: ImportProfile | None = None, constants: dict | None = None,
                require_usable: bool = True) -> Mapped:
    """Which source column is which contract column. A profile that maps columns is followed as it
    is (the `constants` of --set added); otherwise cx proposes a complete profile from the
    recognised tool, the headers and their question texts, and the labels in the cells."""
    recognition = recognition or Recognition()
    constants = {k: v for k, v in (constants or {}).items()}
    usable = _usable_with(constants) if require_usable else (lambda kind, columns, profile: None)
    if profile is not None and profile.long is not None:
        return _map_long(table, recognition, profile, constants, usable)
    if profile is not None and (profile.columns or profile.wide):
        kind_, columns, notes = _profile_columns(table, profile)
        merged = _with(profile, constants=_merged(profile.constants, constants))
        usable(kind_, columns, merged)
        decided = [note("imports.profile.followed")] + [_plain(n) for n in notes] + _multi_notes(merged)
        return Mapped(table, kind_, columns, merged, notes, decided, profile.tool or recognition.tool)
    if recognition.long is not None:
        return _map_long(table, recognition, _proposed_long(recognition, profile, kind), constants, usable)
    return _propose(table, recognition, kind, profile, constants, usable)


HOW_CODES = {HOW[EXACT]: "exact", HOW[KNOWN_NAME]: "known_name", HOW[QUESTION]: "question",
             HOW[EXTRA_ROW]: "extra_row"}


def column_note(header: str, question: str, column: str, how: str) -> Note:
    """'Column 'Q1' ('How likely ...') is read as nps (the question text in the header rows).'"""
    reason = note("imports.how." + how)
    if question and question.strip() != header.strip():
        return note("imports.map.column_question", header=header, question=question, column=column, how=reason)
    return note("imports.map.column", header=header, column=column, how=reason)


def _plain(text: str) -> Note:
    """A note a step wrote in English (the reader's layout notes), shown in either language."""
    return written(text)


def _with(profile: ImportProfile, **changes) -> ImportProfile:
    return replace(profile, **changes)


def _merged(given: dict, constants: dict) -> dict:
    out = dict(given)
    out.update({k: v for k, v in constants.items()})
    return out


def _duplicate_header(name: str) -> FileRejected:
    return FileRejected(f"The column name '{name}' appears twice in the file, so cx cannot tell which one to use; "
                        "rename one and upload again.", "duplicate_columns")


def _profile_columns(table: TableText, profile: ImportProfile) -> tuple[str, dict[int, str], list[str]]:
    """The profile's `columns` found among the headers (trimmed)."""
    headers = [h.strip() for h in table.headers]
    columns = {}
    for header, column in profile.columns.items():
        matches = [i for i, h in enumerate(headers) if h == header.strip()]
        if not matches:
            raise FileRejected(f"The profile maps the column '{header}', which is not in the file.", "bad_setting")
        if len(matches) > 1:
            raise _duplicate_header(header.strip())
        columns[matches[0]] = column
    return profile.kind, columns, []


def _usable_with(constants: dict):
    """check_usable, after refusing a --set column the table does not have."""
    def usable(kind: str, columns: dict, profile: ImportProfile | None) -> None:
        names = set(schema.TABLES[kind].column_names) - {"import_id"}
        for column in constants:
            if column not in names:
                raise FileRejected(f"'{column}' is given for every row, but it is not a column of {kind}.",
                                   "bad_setting")
        check_usable(kind, columns, profile)
    return usable


def check_usable(kind: str, columns: dict, profile: ImportProfile | None) -> None:
    """Refuse, with one sentence, a mapping that could not load a single row."""
    spec = schema.TABLES[kind]
    mapped = set(columns.values()) | {k for k, v in (profile.constants if profile else {}).items() if v is not None}
    if profile and profile.wide:
        mapped |= {profile.wide.metric, profile.wide.into}
    if not mapped:
        raise FileRejected("No column of the file could be matched to cx's columns; map them in the upload "
                           "page or with an import profile.", "no_usable_column")
    missing = [c.name for c in spec.columns if c.required and c.name not in mapped]
    if missing:
        raise FileRejected(f"The file has no column for {', '.join(missing)}, which {kind} needs; map one in "
                           "the upload page, give it with --set COLUMN=VALUE, or use an import profile.",
                           "no_usable_column")
    if kind == "customer_responses" and not {"touchpoint", "level"} & mapped:
        raise FileRejected("The file has no touchpoint column, and every transaction answer needs one: map a "
                           "column to touchpoint, set a touchpoint for the whole file (--set touchpoint=NAME), or "
                           "import the answers as relationship answers (--set level=relationship).", "no_touchpoint")
    if spec.needs_one_of and not (set(spec.needs_one_of) & mapped):
        raise FileRejected(f"The file has no score column ({', '.join(spec.needs_one_of)}); map one in the "
                           "upload page or with an import profile.", "no_usable_column")


# -- proposing a profile ---------------------------------------------------------------------------------

def _propose(table: TableText, recognition: Recognition, kind: str | None, given: ImportProfile | None,
             constants: dict, usable) -> Mapped:
    headers = table.headers
    masked = ["" if i in recognition.ignore or i in recognition.multi_select else h for i, h in enumerate(headers)]
    questions = [recognition.questions.get(i, "") if masked[i] else "" for i in range(len(headers))]
    head = table.head(SCORE_SAMPLE_CELLS)
    wanted = kind or (given.kind if given else None) or recognition.kind
    found = detect(masked, head, kind=wanted, extra_rows=[questions, *table.extra_header_rows])
    allowed = set(schema.TABLES[found.kind].column_names) - {"import_id"}
    columns = {i: c for i, c in recognition.columns.items() if c in allowed}
    fixed = set(columns.values())
    for index, column in found.columns.items():
        if column not in fixed and index not in columns:
            columns[index] = column
    columns = dict(sorted(columns.items()))
    stripped = [h.strip() for h in headers]
    for index in columns:
        if stripped.count(stripped[index]) > 1:
            raise _duplicate_header(stripped[index])
    decided: list[Note] = list(recognition.notes)
    for index, column in columns.items():
        how = "tool" if index in recognition.columns else HOW_CODES.get(found.how.get(index, ""), "known_name")
        decided.append(column_note(headers[index], recognition.questions.get(index, ""), column, how))
    decided.extend(written(found.ignored[i]) for i in sorted(found.ignored) if masked[i])
    profile = _proposed_profile(table, recognition, found.kind, columns, given, constants, decided)
    usable(found.kind, columns, profile)
    notes = [n.text("en") for n in decided]
    return Mapped(table, found.kind, columns, profile, notes, decided, recognition.tool, found.how)


def _proposed_profile(table: TableText, recognition: Recognition, kind: str, columns: dict[int, str],
                      given: ImportProfile | None, constants: dict, decided: list[Note]) -> ImportProfile:
    """Everything the import needs, as a profile: layout as read, columns by header, the tool's
    preview rows and not-applicable codes, the text scales read as numbers."""
    d = table.decisions
    headers = table.headers
    missing = None
    if recognition.missing:
        from cx.imports.check import DEFAULT_MISSING

        missing = tuple(dict.fromkeys(DEFAULT_MISSING + recognition.missing))
    values, rescale = _scale_values(table, kind, columns, decided)
    for index, labels in recognition.values.items():
        if index in columns:
            values[columns[index]] = {**labels, **values.get(columns[index], {})}
    multi = tuple(headers[i] for i in recognition.multi_select)
    for header in multi:
        decided.append(note("imports.map.multi_select", header=header))
    proposed = ImportProfile(
        kind=kind, sheet=d.get("sheet"), header_row=d.get("header_row"), skip_rows=d.get("skip_rows"),
        delimiter=d.get("delimiter"), decimal=d.get("decimal"),
        encoding=d.get("encoding") if d.get("encoding") not in (None, "mixed") else None,
        date_format=recognition.date_format, missing=missing,
        columns={headers[i]: c for i, c in columns.items()}, constants=dict(constants),
        exclude=dict(recognition.exclude), values=values, tool=recognition.tool, rescale=rescale,
        multi_select=multi, time_zone=recognition.time_zone, require=recognition.require)
    if given is None:
        return proposed
    keep = {k: v for k, v in given.to_dict().items() if k not in ("kind",)}
    merged = proposed.to_dict()
    merged.update(keep)
    merged["constants"] = _merged(merged.get("constants", {}), constants)
    return ImportProfile.from_dict(merged)


SCORE_KINDS = ("int", "float")


def _scale_values(table: TableText, kind: str, columns: dict[int, str],
                  decided: list[Note]) -> tuple[dict, dict]:
    """Text labels of each score column read as numbers (values), and the scales that need
    rescaling onto the column's own (a seven-point agreement scale into a 1-5 item)."""
    spec = schema.TABLES[kind]
    values: dict[str, dict] = {}
    rescale: dict[str, tuple[float, float]] = {}
    for index, column in columns.items():
        col = spec.column(column)
        if col.kind not in SCORE_KINDS or col.low is None:
            continue
        labels = distinct_texts(table, index)
        reading = scales.read_labels(labels, points=int(col.high - col.low + 1))
        if reading is None or not reading.values:
            continue
        values[column] = dict(reading.values)
        shown = ", ".join(f"{k} = {'–' if v is None else v}" for k, v in list(reading.values.items())[:6])
        decided.append(note("imports.map.labels", header=table.headers[index], labels=shown))
        if reading.dont_know:
            decided.append(note("imports.map.dont_know", header=table.headers[index],
                                labels=", ".join(reading.dont_know)))
        if (reading.low, reading.high) != (col.low, col.high) and reading.low is not None and reading.name:
            rescale[column] = (reading.low, reading.high)
            decided.append(note("imports.map.rescale", header=table.headers[index], column=column,
                                low=reading.low, high=reading.high, to_low=col.low, to_high=col.high))
    return values, rescale


def distinct_texts(table: TableText, index: int, limit: int = 200) -> list[str]:
    """The column's distinct cell texts (trimmed), at most `limit` of the most common."""
    if table.arrow is None:
        cells = [str(v).strip() for v in table.frame[index].tolist() if v is not None]
        return list(dict.fromkeys(c for c in cells if c))[:limit]
    column = table.arrow.column(index)
    if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
        if pa.types.is_struct(column.type):
            column = pc.struct_field(column, "text") if "text" in [f.name for f in column.type] else None
            if column is None:
                return []
        else:
            return []
    counts = pc.value_counts(column)
    pairs = sorted(((v.as_py(), n.as_py()) for v, n in zip(counts.field("values"), counts.field("counts"),
                                                          strict=True) if v.as_py() is not None),
                   key=lambda p: -p[1])
    return list(dict.fromkeys(str(v).strip() for v, _ in pairs if str(v).strip()))[:limit]


def _multi_notes(profile: ImportProfile) -> list[Note]:
    return [note("imports.map.multi_select", header=h) for h in profile.multi_select]


# -- long layouts: one row per person and question -----------------------------------------------------

def _proposed_long(recognition: Recognition, given: ImportProfile | None, kind: str | None) -> ImportProfile:
    """The long layout's questions as cx proposes them: the eNPS question by its words, the items by
    their names; the user confirms (Proposal.asks 'long_questions')."""
    long = recognition.long
    proposed: dict[str, str] = {}
    for question in long.questions:
        column = match(question)
        if column in schema.EMPLOYEE_METRICS and column not in proposed.values():
            proposed[question] = column
    long.proposed = proposed
    rescale = {}
    if recognition.tool == "peakon":  # Peakon asks every question on 0-10; the items are 1-5
        rescale = {c: (0, 10) for c in proposed.values() if c != "enps"}
    return ImportProfile(kind=kind or recognition.kind or "employee_responses", tool=recognition.tool,
                         long=LongProfile(long.person, long.question, long.value, proposed),
                         missing=recognition.missing, rescale=rescale)


def _map_long(table: TableText, recognition: Recognition, profile: ImportProfile, constants: dict,
              usable) -> Mapped:
    """Pivot on the question column (one row per person), then map the carried columns by their
    names and the questions by the profile. A question the profile does not name is reported,
    never counted (a new question next month is not eNPS)."""
    long = profile.long
    wide, new = pivot(table, long)
    decided: list[Note] = [n for n in recognition.notes]
    decided.append(note("imports.long.pivoted", people=len(wide), questions=len(long.questions)))
    comments = [h for h in table.headers if _per_answer(h) and "comment" in h.lower()]
    if comments and any(v is not None for v in table.frame[table.headers.index(comments[0])]):
        decided.append(note("imports.long.comments_left_out", column=comments[0]))
    for question in new:
        decided.append(note("imports.long.new_question", question=question))
    carried = [h for h in wide.headers if h not in long.questions]
    found = detect([h if h in carried else "" for h in wide.headers], wide.head(SCORE_SAMPLE_CELLS),
                   kind=profile.kind)
    columns = {i: c for i, c in found.columns.items() if c not in set(long.questions.values())}
    columns = {i: c for i, c in columns.items() if wide.headers[i] in carried}
    columns[wide.headers.index(PERSON_ROUND)] = "response_id"
    for i, h in enumerate(wide.headers):
        if h in long.questions:
            columns[i] = long.questions[h]
    columns = dict(sorted(columns.items()))
    merged = _with(profile, constants=_merged(profile.constants, constants))
    usable(profile.kind, columns, merged)
    for index, column in columns.items():
        how = "long" if wide.headers[index] in long.questions else HOW_CODES.get(found.how.get(index, ""), "tool")
        decided.append(column_note(wide.headers[index], "", column, how))
    notes = [n.text("en") for n in decided]
    return Mapped(wide, profile.kind, columns, merged, notes, decided, recognition.tool or profile.tool,
                  found.how, new)


PERSON_ROUND = "cx person and round"


def pivot(table: TableText, long: LongProfile) -> tuple[TableText, list[str]]:
    """One row per person (and date, when a date column repeats per round): the carried columns'
    first value, one column per question of `long.questions`; also the questions not named."""
    headers = [h.strip() for h in table.headers]
    for header in (long.person, long.question, long.value):
        if header.strip() not in headers:
            raise FileRejected(f"The long layout names the column '{header}', which is not in the file.",
                               "bad_setting")
    frame = table.frame.copy()
    frame.columns = headers
    person, question, value = long.person.strip(), long.question.strip(), long.value.strip()
    asked = [q for q in dict.fromkeys(str(v).strip() for v in frame[question] if v is not None)]
    new = [q for q in asked if q not in long.questions]
    carried = [h for h in headers if h not in (person, question, value) and h and not _per_answer(h)]
    date = next((h for h in carried if detect_date_header(h)), None)
    key = frame[person].astype(str) + (("/" + frame[date].astype(str).str[:10]) if date else "")
    frame[PERSON_ROUND] = key.map(_one_way)  # the workspace never holds the person's id, only this
    people = list(dict.fromkeys(frame[PERSON_ROUND]))
    first = frame.drop_duplicates(PERSON_ROUND).set_index(PERSON_ROUND, drop=False)
    out = pd.DataFrame({h: first[h].reindex(people).tolist() for h in carried + [PERSON_ROUND]})
    known = frame[frame[question].astype(str).str.strip().isin(list(long.questions))]
    for q in long.questions:
        answers = known[known[question].astype(str).str.strip() == q].drop_duplicates(PERSON_ROUND, keep="last")
        out[q] = answers.set_index(PERSON_ROUND)[value].reindex(people).astype(object).tolist()
    out = out.astype(object).where(out.notna(), None)
    out_headers = list(out.columns)
    out.columns = range(len(out_headers))
    decisions = dict(table.decisions)
    decisions["notes"] = list(decisions.get("notes", []))
    return TableText(out_headers, out, {}, [], decisions, table.file_type), new


def _one_way(text: str) -> str:
    """A response id for one person's answers in one round that does not give the person away."""
    return "p-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


_ANSWER_COLUMNS = ("answer id", "answer comment", "answer locale", "answer skip reason", "category id",
                   "category group", "category standard", "question id")


def _per_answer(header: str) -> bool:
    return header_key(header) in _ANSWER_COLUMNS


def detect_date_header(header: str) -> bool:
    return _LOOKUP.get(normalise(header)) == "responded_at" or header_key(header) in (
        "answer date", "round date", "answered at", "created at")
