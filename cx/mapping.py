"""Which source column is which contract column: obvious English and Finnish headers.

Everything not obvious is left to an import profile or, in the app, the user.
Matching is case-, space- and punctuation-insensitive; long question texts are
matched by keywords ("How likely are you to recommend ..." is NPS).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from cx import schema

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
                     "start date", "startdate", "start date utc", "start time"),
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
)

def normalise(text: str) -> str:
    """Lower case, no punctuation, single spaces; Finnish letters kept."""
    text = unicodedata.normalize("NFC", str(text)).strip().lower()
    text = re.sub(r"[^\wäöå]+", " ", text.replace("_", " "))
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
    return scored * 2 >= len(cells)


_SCORE_TEXT = re.compile(r"^(\d|yes\b|no\b|kyllä\b|ei\b|true\b|false\b|y$|n$|x$)", re.IGNORECASE)
