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
    "responded_at": ("date", "päivämäärä", "paivamaara", "vastauspäivä", "vastauspaiva", "pvm", "timestamp",
                     "aikaleima", "start date", "startdate", "recorded date", "recordeddate", "end date",
                     "enddate", "date submitted", "submitted at", "submit date utc", "created at", "created",
                     "completion time", "start time", "responded at", "answered at", "datetime", "vastausaika"),
    "level": ("level", "taso", "survey level", "nps type"),
    "touchpoint": ("touchpoint", "kosketuspiste", "touch point", "contact point", "asiointikohta"),
    "stage": ("stage", "vaihe", "polun vaihe", "journey stage", "asiakaspolun vaihe"),
    "channel": ("channel", "kanava", "asiointikanava", "contact channel"),
    "segment": ("segment", "segmentti", "asiakassegmentti", "customer segment", "asiakasryhmä"),
    "unit": ("unit", "yksikkö", "yksikko", "tiimi", "team", "toimipiste", "office", "department", "osasto",
             "parent unit", "branch"),
    "customer_id": ("customer id", "customerid", "asiakasnumero", "asiakastunnus", "client id", "contact id"),
    "method": ("method", "menetelmä", "menetelma", "measurement method", "mittaustapa"),
    "nps": ("nps", "suositteluhalukkuus", "likelihood to recommend", "recommend", "suosittelu", "ltr",
            "nps score", "score"),
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
# Long question texts: all keywords present (after normalising) means this column.
KEYWORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("likely", "recommend", "work"), "enps"),
    (("suosittel", "työpaik"), "enps"),
    (("likely", "recommend"), "nps"),
    (("todennäköi", "suosittel"), "nps"),
    (("easy", "handle"), "ces"),
    (("effort",), "ces"),
    (("helppo", "hoitaa"), "ces"),
    (("satisfied",), "csat"),
    (("tyytyväinen",), "csat"),
    (("resolved",), "fcr"),
    (("ratkes",), "fcr"),
)
# Columns that tell which table a file fills.
KIND_MARKERS = {
    "employee_responses": set(schema.EMPLOYEE_METRICS) | {"role"},
    "touchpoints": {"stage_order", "owner_unit", "volume"},
    "measurement_plan": {"fixed_per_month", "movable_per_month", "unit_cost"},
    "outcomes": {"customers", "churned", "revenue", "complaints", "month"},
    "customer_responses": set(schema.CUSTOMER_METRICS) | {"touchpoint", "channel", "segment", "customer_id"},
}


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


def match(header: str) -> str | None:
    """The contract column a header obviously means, or None."""
    key = normalise(header)
    if not key:
        return None
    if key in _LOOKUP:
        return _LOOKUP[key]
    for words, column in KEYWORDS:
        if all(w in key for w in words):
            return column
    return None


def guess_kind(candidates: dict[int, str]) -> str:
    """The table whose marker columns the headers hit most (customer answers on a tie)."""
    found = set(candidates.values())
    scores = {kind: len(found & markers) for kind, markers in KIND_MARKERS.items()}
    best = max(scores.values())
    if best == 0 or scores["customer_responses"] == best:
        return "customer_responses"
    return max(scores, key=lambda k: scores[k])


def detect(headers: list[str], frame=None, kind: str | None = None) -> Detection:
    """Map headers to contract columns; one source column per contract column, exact names first."""
    candidates = {i: match(h) for i, h in enumerate(headers)}
    candidates = {i: c for i, c in candidates.items() if c}
    kind = kind or guess_kind(candidates)
    allowed = set(schema.TABLES[kind].column_names) - {"import_id"}
    columns: dict[int, str] = {}
    ignored: dict[int, str] = {}
    notes: list[str] = []
    # Exact header names win over synonyms, synonyms over keyword guesses, earlier over later.
    ranked = sorted(candidates.items(), key=lambda item: (_rank(headers[item[0]], item[1]), item[0]))
    taken: dict[str, int] = {}
    for index, column in ranked:
        if column not in allowed:
            continue
        if column in taken:
            ignored[index] = f"'{headers[index]}' also looks like {column}; '{headers[taken[column]]}' is used."
            continue
        taken[column] = index
        columns[index] = column
    for column, index in sorted(taken.items(), key=lambda x: x[1]):
        notes.append(f"Column '{headers[index]}' is read as {column}.")
    return Detection(kind, dict(sorted(columns.items())), notes, ignored)


def _rank(header: str, column: str) -> int:
    key = normalise(header)
    if key == normalise(column):
        return 0
    return 1 if key in _LOOKUP else 2
