"""The demo workspace: two years of a Nordic energy and broadband company, with four planted stories.

Why it looks like this:
- Deterministic: every random number comes from numpy's `default_rng` seeded with a fixed number and
  the calendar month, and the data end on a fixed date (`DEMO_END`), so the same arguments give the
  same data on any machine on any day, and nothing lies in the future.
- Fast and lean: customer answers are generated a month at a time as numpy arrays (text as
  categoricals, ids formatted by DuckDB) and inserted from a registered DataFrame, so scale 1 (about
  50,000 answers) builds in a second or two and scale 200 (10 million) holds one month in memory.
- One transaction with one `imports` row per table: the import history shows the demo, and a failure
  leaves nothing half-built.

The planted stories, which the pages must reveal (docs/demo-tour.md says where):
(a) Complaint handling in Tampere collapses for three months after a system change (May-July 2026,
    the 6th to 4th month back from DEMO_END) and recovers from August: NPS, CES and FCR fall and
    comments mention the new system.
(b) Tampere and Oulu, whose staff rate technology and wellbeing low, have clearly lower customer NPS.
(c) Web self-service is stable and over-measured (600 a month); Complaint handling gets about 50.
(d) Efficiency and ease drive relationship NPS much more than emotion does.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd

from cx import schema, store
from cx.periods import add_months
from cx.sql import ident

DEMO_END = date(2026, 10, 31)
# Any seed plants the stories; at scale 0.1-0.2 a touchpoint gets a handful of answers a month, so this
# one was picked among the first dozen for showing all four clearly at 0.1, 0.2, 0.5 and 1 alike.
SEED = 8
FILE_NAME = "demo (generated)"

STAGES = ("Need and awareness", "Information search", "Offer and purchase", "Onboarding",
          "Use and service", "Complaints", "After-sales")
CHANNELS = ("web", "chat", "phone", "email", "store", "field")
DIGITAL_CHANNELS = ("web", "chat")
UNITS = ("Helsinki", "Tampere", "Turku", "Oulu", "Jyväskylä", "Online team")
ONLINE_UNIT = "Online team"
# Phone, email, store and field contacts: the owner unit serves about half, the regions the rest by size.
REGIONAL_WEIGHTS = {"Helsinki": 0.30, "Tampere": 0.24, "Turku": 0.18, "Oulu": 0.16, "Jyväskylä": 0.12}
SEGMENTS = ("Consumer", "Small business", "Premium")
SEGMENT_SHARE = (0.70, 0.20, 0.10)
SEGMENT_OFFSET = (0.0, -0.15, 0.2)  # latent experience: small businesses are harder to please
SEGMENT_ARPU = (45.0, 120.0, 95.0)  # euros a month

# Staff experience per unit (story b): mean item score, 1-5, in EX_ITEMS order.
EX_ITEMS = ("wellbeing", "culture", "technology", "physical", "vision", "role_clarity", "training")
UNIT_EX = {
    "Helsinki": (4.1, 3.9, 4.0, 3.8, 4.1, 3.9, 3.7),
    "Tampere": (2.8, 3.3, 2.6, 3.5, 3.8, 3.2, 2.9),
    "Turku": (4.0, 3.8, 3.9, 3.6, 4.0, 3.8, 2.6),
    "Oulu": (2.8, 3.2, 2.5, 3.1, 2.9, 2.8, 3.0),
    "Jyväskylä": (4.2, 4.1, 4.2, 3.9, 4.2, 4.1, 4.0),
    "Online team": (4.0, 3.7, 3.9, 3.9, 3.9, 3.6, 3.5),
}
ROLES = ("Customer service", "Sales", "Field technician", "Team lead")
ROLE_EFFECT = {  # offsets to the unit's item means, in EX_ITEMS order
    "Customer service": (0.0, 0.0, -0.1, 0.0, 0.0, 0.0, 0.0),
    "Sales": (0.1, 0.1, 0.0, 0.0, 0.1, 0.0, -0.1),
    "Field technician": (0.0, -0.1, -0.1, -0.3, -0.2, 0.0, 0.1),
    "Team lead": (0.0, 0.1, 0.0, 0.0, 0.3, 0.3, 0.2),
}
HEADCOUNT = {  # staff per role, in ROLES order; the Online team has no field technicians
    "Helsinki": (32, 14, 12, 8),
    "Tampere": (26, 9, 9, 7),
    "Turku": (18, 8, 8, 6),
    "Oulu": (15, 7, 8, 6),
    "Jyväskylä": (12, 6, 6, 6),
    "Online team": (12, 6, 0, 5),
}
EMPLOYEE_SURVEY_MONTHS = (2, 5, 8, 11)
EMPLOYEE_RESPONSE_RATE = 0.85
# The one group below the confidentiality minimum (5): its answers in the latest employee survey.
SMALL_GROUP = ("Online team", "Team lead")
SMALL_GROUP_ANSWERS = 3

# Story (a): the system change.
DIP_UNIT = "Tampere"
DIP_TOUCHPOINT = "Complaint handling"
DIP_OFFSETS = (-5, -4, -3)  # months relative to DEMO_END's month: May, June and July 2026
DIP_EFFECT = 1.0  # latent points lost: about 40 NPS points
# Story (c): over- and under-measured.
OVER_MEASURED = "Web self-service"
UNDER_MEASURED = DIP_TOUCHPOINT
# Story (b): customer experience follows staff technology and wellbeing.
CX_PER_EX_POINT = 0.22
TREND_PER_YEAR = 0.08  # slow improvement everywhere except the stable touchpoint
RELATIONSHIP_PER_MONTH = 300
BASE_CUSTOMERS = {"Helsinki": 42000, "Tampere": 30000, "Turku": 22000, "Oulu": 18000,
                  "Jyväskylä": 14000, "Online team": 26000}
CUSTOMER_POOL = 25_000  # pseudonymous customers who answer, at scale 1


@dataclass(frozen=True)
class Touchpoint:
    """One touchpoint: where it sits, how good it is, and how it is measured (per month, scale 1)."""

    name: str
    stage: str
    channel: str
    owner_unit: str
    volume: int  # customer contacts a month
    quality: float  # latent offset of the experience
    effort: float  # extra offset for CES and ease (negative = hard work)
    fixed: int  # survey answers a month that are never moved
    movable: int  # survey answers a month that may be shifted
    mystery: int = 0  # mystery shops a month (fixed)
    interviews: int = 0  # interviews a month (movable)
    owner_share: float = 0.5  # contacts the owner unit serves; the rest go to the regions by size
    asks_fcr: bool = False  # service contacts ask whether the matter was resolved
    asks_ces: bool = False  # effort is asked where the customer had to do something
    stable: bool = False  # no seasonal wobble, no trend

    @property
    def stage_order(self) -> int:
        return STAGES.index(self.stage) + 1

    @property
    def per_method(self) -> tuple[int, int, int]:
        """Answers a month by method, in schema.METHODS order."""
        return self.fixed + self.movable, self.mystery, self.interviews


TOUCHPOINTS = (
    Touchpoint("Campaigns and website", "Need and awareness", "web", ONLINE_UNIT, 20000, 0.1, 0.0, 60, 20),
    Touchpoint("Product information online", "Information search", "web", ONLINE_UNIT, 15000, 0.0, -0.2,
               60, 40, asks_ces=True),
    Touchpoint("Chat advice", "Information search", "chat", ONLINE_UNIT, 4000, 0.2, 0.1, 80, 40,
               asks_fcr=True, asks_ces=True),
    Touchpoint("Sales call", "Offer and purchase", "phone", "Helsinki", 3000, 0.3, 0.1, 80, 40, mystery=10),
    Touchpoint("Web shop", "Offer and purchase", "web", ONLINE_UNIT, 6000, -0.1, -0.6, 100, 50, mystery=10,
               asks_ces=True),
    Touchpoint("Welcome and contract", "Onboarding", "email", "Turku", 2500, 0.2, 0.0, 60, 20),
    Touchpoint("Installation visit", "Onboarding", "field", "Oulu", 900, 0.4, 0.2, 40, 20, interviews=6),
    Touchpoint("Customer service phone", "Use and service", "phone", "Tampere", 12000, -0.2, -0.9, 150, 100,
               mystery=10, asks_fcr=True, asks_ces=True),
    Touchpoint(OVER_MEASURED, "Use and service", "web", ONLINE_UNIT, 40000, 0.35, 0.3, 300, 300,
               asks_ces=True, stable=True),
    Touchpoint(DIP_TOUCHPOINT, "Complaints", "phone", "Tampere", 1500, -0.5, -0.3, 40, 10,
               owner_share=0.7, asks_fcr=True, asks_ces=True),  # Tampere hosts the complaints team
    Touchpoint("Renewal and follow-up", "After-sales", "phone", "Jyväskylä", 2000, 0.1, 0.0, 60, 20,
               interviews=8),
    Touchpoint("Store service desk", "After-sales", "store", "Helsinki", 2500, 0.25, 0.0, 40, 20, mystery=12,
               asks_fcr=True, asks_ces=True),
)
# Euros per measurement, by method and channel (surveys 2.5-5, mystery shops 60-110, interviews 45-70).
UNIT_COST = {
    "survey": {"web": 3.0, "chat": 2.5, "email": 2.5, "phone": 4.0, "store": 4.5, "field": 5.0},
    "mystery_shopping": {"web": 60.0, "phone": 75.0, "store": 110.0},
    "interview": {"phone": 45.0, "field": 70.0},
}

# Short comments, Finnish and English. A few hold markup or a formula, as pasted text does.
COMMENTS: dict[str, tuple[str, ...]] = {
    "good": ("Nopea ja ystävällinen palvelu, kiitos!", "Asia hoitui kerralla kuntoon.",
             "Quick and friendly, exactly what I needed.", "Everything worked, no hassle at all.",
             "Selkeää ja asiantuntevaa palvelua.", "Great service, thank you!", "**great** service, thanks",
             "Kiitos avusta :)"),
    "mid": ("Ihan ok, mutta jonotus kesti.", "Fine, though I had to explain my case twice.",
            "Palvelu toimi, mutta hitaasti.", "OK overall, nothing special.", "Took a while but got sorted.",
            "Kohtuullinen kokemus, parannettavaa on.", "- ei erityistä -"),
    "bad": ("Asia ei ratkennut ja jouduin soittamaan uudelleen.", "Nobody called me back as promised.",
            "Sain kolme eri vastausta kolmelta ihmiseltä.", "Really disappointed, nothing works.",
            "Huonoa palvelua, harkitsen vaihtamista.", "=SUM(A1) is what your invoice looks like",
            "<b>slow</b> and nobody cared"),
    "web:good": ("Helppo tehdä itse verkossa.", "The app made it easy."),
    "web:mid": ("Sivuilta oli vaikea löytää oikea kohta.", "OK, but the site is slow on mobile."),
    "web:bad": ("Kirjautuminen ei toiminut.", "Too complicated to change my contract online.",
                "![screenshot](http://example.com/error.png) this error again"),
    "chat:good": ("Chat vastasi heti ja osasi asiansa.", "Helpful chat agent, solved it in minutes."),
    "chat:mid": ("Botti ei ymmärtänyt, ihminen auttoi lopulta.", "The bot was useless, the person was fine."),
    "chat:bad": ("<b>slow</b> and the chat kept disconnecting", "Chat katkesi kesken kaiken."),
    "phone:good": ("Asia hoitui heti ensimmäisellä soitolla.", "Friendly agent on the phone."),
    "phone:mid": ("Jonotus kesti vartin.", "Long queue, but the agent knew the answer."),
    "phone:bad": ("Jonotin puoli tuntia eikä asia ratkennut.", "Was transferred three times.",
                  "@asiakaspalvelu please call me back"),
    "email:good": ("Selkeä tervetuloviesti ja sopimus.", "Clear welcome email, all in one place."),
    "email:mid": ("Sopimuksen ehdot olivat vaikeaselkoisia.", "The contract terms were hard to follow."),
    "email:bad": ("Sopimus tuli väärillä tiedoilla.", "Never got the contract by email."),
    "store:good": ("Myymälässä sain hyvää palvelua.", "Staff in the store were really helpful."),
    "store:mid": ("Jonoa oli, mutta palvelu hyvää.", "Busy store, fine service."),
    "store:bad": ("Myymälässä ei ollut ketään paikalla.", "Store staff couldn't help with my invoice."),
    "field:good": ("Asentaja tuli ajallaan ja siivosi jälkensä.", "The technician was on time and tidy."),
    "field:mid": ("Asennus venyi, mutta lopputulos on hyvä.", "Installation took longer than promised."),
    "field:bad": ("Asentaja ei tullut sovittuna päivänä.", "The installer left a mess behind."),
    "mystery:good": ("Tervehdys heti, tarpeet kartoitettiin hyvin.",
                     "Agent asked about my needs and summarised the offer."),
    "mystery:mid": ("Tarjous selkeä, mutta lisämyyntiä ei kokeiltu.", "Correct answer, but no follow-up offered."),
    "mystery:bad": ("Odotin kuusi minuuttia ennen tervehdystä.", "Price list left unclear, no summary given."),
    "relationship:good": ("Luotettava yhtiö, ei katkoja.", "Reliable and fair prices.",
                          "Olen ollut asiakkaana kymmenen vuotta, hyvä kokemus."),
    "relationship:mid": ("Hinnat nousevat liian usein.", "OK company, but prices keep rising."),
    "relationship:bad": ("Laskutusvirhe toistuu joka kuukausi.", "Vaihdan yhtiötä heti kun sopimus päättyy.",
                         "Impossible to reach anyone when something goes wrong."),
    "dip": ("Uusi järjestelmä hukkasi valitukseni.", "The new system lost my complaint, had to start over.",
            "Uuden järjestelmän takia käsittely kestää viikkoja.", "Since the system change nobody knows my case.",
            "Järjestelmämuutoksen jälkeen kukaan ei löydä tietojani.",
            "Your new system sent me the same letter three times."),
}
EMPLOYEE_COMMENTS: dict[str, tuple[str, ...]] = {
    "good": ("Hyvä tiimihenki.", "Good team spirit and a supportive lead.",
             "Koulutus auttoi uusissa tuotteissa.", "I know what is expected of me."),
    "mid": ("Ihan ok, mutta tiedonkulku voisi olla parempaa.", "Fine overall; the office is noisy."),
    "bad": ("Järjestelmät ovat hitaita ja kaatuvat.", "Too many tools, none of them talk to each other.",
            "Kiire on jatkuvaa, ei aikaa palautumiseen.", "Nobody explained what the vision means for my job."),
    "dip": ("Uusi järjestelmä kaatuu päivittäin, asiakkaat turhautuvat.",
            "The new complaint system was rolled out without training."),
}
COMMENT_SHARE = 0.15
RELATIONSHIP_COMMENT_SHARE = 0.10
EMPLOYEE_COMMENT_SHARE = 0.12
MOODS = ("bad", "mid", "good")

# Arrays derived from the definitions above, indexed by touchpoint, unit, channel...
_TP_NAMES = tuple(t.name for t in TOUCHPOINTS)
_TP_STAGE = np.array([STAGES.index(t.stage) for t in TOUCHPOINTS])
_TP_CHANNEL = np.array([CHANNELS.index(t.channel) for t in TOUCHPOINTS])
_TP_OWNER = np.array([UNITS.index(t.owner_unit) for t in TOUCHPOINTS])
_TP_OWNER_SHARE = np.array([t.owner_share for t in TOUCHPOINTS])
_TP_DIGITAL = np.array([t.channel in DIGITAL_CHANNELS for t in TOUCHPOINTS])
_TP_QUALITY = np.array([t.quality for t in TOUCHPOINTS])
_TP_EFFORT = np.array([t.effort for t in TOUCHPOINTS])
_TP_STABLE = np.array([t.stable for t in TOUCHPOINTS])
_TP_FCR = np.array([t.asks_fcr for t in TOUCHPOINTS])
_TP_CES = np.array([t.asks_ces for t in TOUCHPOINTS])
_TP_RATES = np.array([t.per_method for t in TOUCHPOINTS], float)  # (touchpoints, methods)
_DIP_TP = _TP_NAMES.index(DIP_TOUCHPOINT)
_DIP_UNIT = UNITS.index(DIP_UNIT)
_ONLINE = UNITS.index(ONLINE_UNIT)
_REGIONAL = np.array([UNITS.index(u) for u in REGIONAL_WEIGHTS])
_REGIONAL_P = np.array(list(REGIONAL_WEIGHTS.values()))
_MYSTERY = schema.METHODS.index("mystery_shopping")
_INTERVIEW = schema.METHODS.index("interview")
_RELATIONSHIP_UNIT_P = np.array([BASE_CUSTOMERS[u] for u in UNITS], float) / sum(BASE_CUSTOMERS.values())


def _unit_cx() -> np.ndarray:
    """Latent customer-experience offset per unit from its staff's technology and wellbeing (story b)."""
    ex = np.array([(UNIT_EX[u][EX_ITEMS.index("technology")] + UNIT_EX[u][EX_ITEMS.index("wellbeing")]) / 2
                   for u in UNITS])
    return CX_PER_EX_POINT * (ex - ex.mean())


_UNIT_CX = _unit_cx()
# Comment pools: every distinct text once (the categories), and each pool as codes into it.
_COMMENT_TEXTS = tuple(dict.fromkeys(c for pool in COMMENTS.values() for c in pool))
_POOL_NAMES = tuple(COMMENTS)
_POOL_CODES = tuple(np.array([_COMMENT_TEXTS.index(c) for c in COMMENTS[p]]) for p in _POOL_NAMES)


def _pool(name: str) -> int:
    return _POOL_NAMES.index(name) if name in COMMENTS else -1


_GENERIC_POOL = np.array([_pool(m) for m in MOODS])
_CHANNEL_POOL = np.array([[_pool(f"{c}:{m}") for m in MOODS] for c in CHANNELS])  # (channels, moods)
_MYSTERY_POOL = np.array([_pool(f"mystery:{m}") for m in MOODS])
_RELATIONSHIP_POOL = np.array([_pool(f"relationship:{m}") for m in MOODS])
_DIP_POOL = _pool("dip")


def month_list(months: int, end: date = DEMO_END) -> list[date]:
    """First days of the `months` whole months ending with end's month, oldest first."""
    last = end.replace(day=1)
    return [add_months(last, i - months + 1) for i in range(months)]


def dip_months(end: date = DEMO_END) -> tuple[date, ...]:
    """The months of story (a): the 6th to 4th month back from the end (May-July 2026 by default)."""
    return tuple(add_months(end.replace(day=1), k) for k in DIP_OFFSETS)


def expected_customer_answers(months: int = 24, scale: float = 1.0) -> int:
    """About how many customer answers build_demo makes (the Poisson counts average to this)."""
    per_month = _TP_RATES.sum() + RELATIONSHIP_PER_MONTH
    return round(per_month * months * scale)


# -- generation helpers --------------------------------------------------------------------------

def _score(rng, z: np.ndarray, centre: float, spread: float, noise: float, low: int, high: int) -> np.ndarray:
    raw = centre + spread * z + rng.normal(0.0, noise, len(z))
    return np.clip(np.rint(raw), low, high).astype(np.int16)


def _timestamps(rng, month: date, n: int, end: date, first_hour: int = 7, last_hour: int = 22) -> np.ndarray:
    """Answer times within the month (and never after `end`), in waking hours."""
    days = min(add_months(month, 1).toordinal(), end.toordinal() + 1) - month.toordinal()
    seconds = rng.integers(0, days, n) * 86400 + rng.integers(first_hour * 3600, last_hour * 3600, n)
    return np.datetime64(month, "s") + seconds.astype("timedelta64[s]")


def _moods(nps: np.ndarray, csat: np.ndarray, use_csat: np.ndarray) -> np.ndarray:
    """0 bad, 1 mid, 2 good: from NPS (0-6, 7-8, 9-10), or from CSAT (1-3, 4, 5) where NPS is not asked."""
    from_nps = np.where(nps >= 9, 2, np.where(nps >= 7, 1, 0))
    from_csat = np.where(csat >= 5, 2, np.where(csat >= 4, 1, 0))
    return np.where(use_csat, from_csat, from_nps)


def _fill_comments(rng, pool: np.ndarray) -> np.ndarray:
    """Comment codes (-1 = no comment) drawn from each row's pool."""
    codes = np.full(len(pool), -1, dtype=np.int32)
    for p, pool_codes in enumerate(_POOL_CODES):
        rows = np.flatnonzero(pool == p)
        codes[rows] = pool_codes[rng.integers(0, len(pool_codes), rows.size)]
    return codes


# -- customer answers ----------------------------------------------------------------------------

def _serving_units(rng, tp: np.ndarray) -> np.ndarray:
    """Digital contacts are the Online team's; others go to the owner unit or to the regions by size."""
    regional = _REGIONAL[rng.choice(len(_REGIONAL), len(tp), p=_REGIONAL_P)]
    unit = np.where(rng.random(len(tp)) < _TP_OWNER_SHARE[tp], _TP_OWNER[tp], regional)
    return np.where(_TP_DIGITAL[tp], _ONLINE, unit)


def _transactions(rng, offset: int, in_dip: bool, scale: float) -> dict[str, np.ndarray]:
    """One month of touchpoint answers: the measurement plan's counts, scored from a latent experience."""
    counts = rng.poisson(_TP_RATES * scale).ravel()
    n_tp, n_methods = _TP_RATES.shape
    tp = np.repeat(np.repeat(np.arange(n_tp), n_methods), counts)
    method = np.repeat(np.tile(np.arange(n_methods), n_tp), counts)
    n = len(tp)
    unit = _serving_units(rng, tp)
    segment = rng.choice(len(SEGMENTS), n, p=SEGMENT_SHARE)
    dip = (tp == _DIP_TP) & (unit == _DIP_UNIT) & in_dip
    drift = np.where(_TP_STABLE, 0.0, rng.normal(0.0, 0.06, n_tp) + TREND_PER_YEAR * offset / 12)
    z = (_TP_QUALITY[tp] + drift[tp] + np.take(SEGMENT_OFFSET, segment) + _UNIT_CX[unit]
         + rng.normal(0.0, 1.0, n) - DIP_EFFECT * dip)
    mystery, interview = method == _MYSTERY, method == _INTERVIEW
    full = mystery | interview  # shoppers and interviewers fill in every question
    nps = _score(rng, z, 7.9, 2.0, 0.9, 0, 10)
    csat = _score(rng, z, 3.9, 0.9, 0.5, 1, 5)
    ces = _score(rng, z + _TP_EFFORT[tp] - 0.3 * dip, 5.2, 1.1, 0.7, 1, 7)
    fcr = rng.random(n) < 1 / (1 + np.exp(-(1.0 + 1.1 * z - 0.7 * dip)))
    module = full | (rng.random(n) < 0.75)  # the experience items are asked of three in four
    has_nps = ~mystery & (rng.random(n) > 0.02)  # shoppers give no NPS; a few customers skip it
    has_csat = full | (rng.random(n) > 0.04) | ~has_nps  # every row keeps at least one metric
    mood = _moods(nps, csat, mystery)
    own = _CHANNEL_POOL[_TP_CHANNEL[tp], mood]
    chosen = np.where((own >= 0) & (rng.random(n) < 0.5), own, _GENERIC_POOL[mood])
    chosen = np.where(mystery, _MYSTERY_POOL[mood], chosen)
    chosen = np.where(dip & (rng.random(n) < 0.8), _DIP_POOL, chosen)
    chosen = np.where(rng.random(n) < COMMENT_SHARE, chosen, -1)
    return {
        "level": np.zeros(n, np.int8), "tp": tp, "method": method, "unit": unit, "segment": segment,
        "nps": nps, "has_nps": has_nps, "csat": csat, "has_csat": has_csat,
        "ces": ces, "has_ces": _TP_CES[tp] & (full | (rng.random(n) > 0.05)),
        "fcr": fcr, "has_fcr": _TP_FCR[tp] & (mystery | (rng.random(n) > 0.07)),
        "efficiency": _score(rng, z, 3.8, 0.85, 0.6, 1, 5), "has_efficiency": module,
        "ease": _score(rng, z + 0.5 * _TP_EFFORT[tp], 3.8, 0.8, 0.6, 1, 5), "has_ease": module,
        "emotion": _score(rng, z, 3.8, 0.6, 0.6, 1, 5), "has_emotion": module,
        "comment": _fill_comments(rng, chosen),
    }


def _relationship(rng, offset: int, scale: float) -> dict[str, np.ndarray]:
    """Relationship answers whose NPS comes mostly from efficiency and ease, little from emotion (story d)."""
    n = int(rng.poisson(RELATIONSHIP_PER_MONTH * scale))
    unit = rng.choice(len(UNITS), n, p=_RELATIONSHIP_UNIT_P)
    segment = rng.choice(len(SEGMENTS), n, p=SEGMENT_SHARE)
    shared = rng.normal(0.0, 1.0, n)  # the three drivers correlate about 0.4
    eff = 0.6 * shared + 0.8 * rng.normal(0.0, 1.0, n) + _UNIT_CX[unit]
    ease = 0.6 * shared + 0.8 * rng.normal(0.0, 1.0, n) + _UNIT_CX[unit]
    emo = 0.6 * shared + 0.8 * rng.normal(0.0, 1.0, n) + 0.3 * _UNIT_CX[unit]
    loyalty = (0.55 * eff + 0.5 * ease + 0.12 * emo + np.take(SEGMENT_OFFSET, segment)
               + TREND_PER_YEAR * offset / 12 + rng.normal(0.0, 0.55, n))
    nps = np.clip(np.rint(7.4 + 1.7 * loyalty), 0, 10).astype(np.int16)
    mood = _moods(nps, nps, np.zeros(n, bool))
    chosen = np.where(rng.random(n) < RELATIONSHIP_COMMENT_SHARE, _RELATIONSHIP_POOL[mood], -1)
    none, every = np.zeros(n, bool), np.ones(n, bool)
    return {
        "level": np.ones(n, np.int8), "tp": np.full(n, -1), "method": np.zeros(n, int), "unit": unit,
        "segment": segment, "nps": nps, "has_nps": every,
        "csat": np.zeros(n, np.int16), "has_csat": none, "ces": np.zeros(n, np.int16), "has_ces": none,
        "fcr": none, "has_fcr": none,
        "efficiency": _score(rng, eff, 3.7, 0.8, 0.3, 1, 5), "has_efficiency": rng.random(n) > 0.02,
        "ease": _score(rng, ease, 3.6, 0.8, 0.3, 1, 5), "has_ease": rng.random(n) > 0.02,
        "emotion": _score(rng, emo, 3.9, 0.8, 0.3, 1, 5), "has_emotion": rng.random(n) > 0.03,
        "comment": _fill_comments(rng, chosen),
    }


def _categorical(codes: np.ndarray, names) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=list(names))


def _customer_month(month: date, end: date, scale: float, first_seq: int) -> pd.DataFrame:
    """All customer answers of one month in time order; DuckDB formats the ids from the numbers."""
    offset = (month.year - end.year) * 12 + month.month - end.month  # 0 = the last month
    rng = np.random.default_rng([SEED, month.year, month.month])
    parts = (_transactions(rng, offset, month in dip_months(end), scale), _relationship(rng, offset, scale))
    col = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
    n = len(col["tp"])
    at = _timestamps(rng, month, n, end)
    customer = rng.integers(0, max(200, round(CUSTOMER_POOL * scale)), n)
    order = np.argsort(at, kind="stable")
    col = {key: values[order] for key, values in col.items()}
    tp = col["tp"]
    frame = pd.DataFrame({
        "seq": np.arange(first_seq, first_seq + n),
        "responded_at": at[order],
        "level": _categorical(col["level"], schema.LEVELS),
        "touchpoint": _categorical(tp, _TP_NAMES),
        "stage": _categorical(np.where(tp >= 0, _TP_STAGE[tp], -1), STAGES),
        "channel": _categorical(np.where(tp >= 0, _TP_CHANNEL[tp], -1), CHANNELS),
        "segment": _categorical(col["segment"], SEGMENTS),
        "unit": _categorical(col["unit"], UNITS),
        "customer": customer[order],
        "method": _categorical(col["method"], schema.METHODS),
        "comment": _categorical(col["comment"], _COMMENT_TEXTS),
    })
    for metric in schema.CUSTOMER_METRICS:
        missing = ~col["has_" + metric]
        frame[metric] = (pd.arrays.BooleanArray(col[metric], missing) if metric == "fcr"
                         else pd.arrays.IntegerArray(col[metric].astype(np.int16), missing))
    return frame


# -- employees, outcomes, journey map, plan --------------------------------------------------------

def _system_change(unit: str, month: date, end: date) -> np.ndarray:
    """Story (a) on the staff side: Tampere's tools and wellbeing suffer while the new system settles."""
    shift = np.zeros(len(EX_ITEMS))
    since = (month.year * 12 + month.month) - (dip_months(end)[0].year * 12 + dip_months(end)[0].month)
    if unit == DIP_UNIT and 0 <= since < 3:
        shift[EX_ITEMS.index("technology")], shift[EX_ITEMS.index("wellbeing")] = -0.5, -0.2
    elif unit == DIP_UNIT and 3 <= since < 6:
        shift[EX_ITEMS.index("technology")] = -0.25
    return shift


def _employee_comments(rng, enps: np.ndarray, changed: bool) -> list[str | None]:
    moods = np.where(enps >= 9, 2, np.where(enps >= 7, 1, 0))
    texts = []
    for mood in moods:
        if rng.random() >= EMPLOYEE_COMMENT_SHARE:
            texts.append(None)
            continue
        pool = EMPLOYEE_COMMENTS["dip" if changed and rng.random() < 0.6 else MOODS[mood]]
        texts.append(pool[int(rng.integers(0, len(pool)))])
    return texts


def _employee_group(rng, month: date, end: date, unit: str, role: str, n: int, drift) -> pd.DataFrame:
    """n answers of one role in one unit: unit and role means, a personal halo, item noise."""
    mean = np.array(UNIT_EX[unit]) + ROLE_EFFECT[role] + drift + _system_change(unit, month, end)
    items = np.clip(np.rint(mean + rng.normal(0.0, 0.5, (n, 1)) + rng.normal(0.0, 0.6, (n, len(EX_ITEMS)))),
                    1, 5).astype(np.int16)
    enps = np.clip(np.rint(7.5 + 1.2 * (items[:, :3].mean(axis=1) - 3.6) + rng.normal(0.0, 1.3, n)), 0, 10)
    last_day = min(24, end.day) if (month.year, month.month) == (end.year, end.month) else 24
    day = rng.integers(min(10, last_day), last_day + 1, n)
    at = (np.datetime64(month, "s") + ((day - 1) * 86400 + rng.integers(8 * 3600, 17 * 3600, n))
          .astype("timedelta64[s]"))
    frame = pd.DataFrame({"responded_at": at, "unit": unit, "role": role,
                          "enps": pd.array(enps.astype(np.int16), dtype="Int16")})
    answered = rng.random(items.shape) > 0.03  # "can't say" on an item now and then
    for k, item in enumerate(EX_ITEMS):
        frame[item] = pd.arrays.IntegerArray(items[:, k], ~answered[:, k])
    frame["comment"] = _employee_comments(rng, enps, _system_change(unit, month, end).any())
    return frame


def _employee_frame(months: list[date], end: date) -> pd.DataFrame:
    """A quarterly staff survey per unit and role; only SMALL_GROUP, once, falls below five answers."""
    surveys = [m for m in months if m.month in EMPLOYEE_SURVEY_MONTHS] or [months[-1]]
    frames = []
    for month in surveys:
        rng = np.random.default_rng([SEED, 7, month.year, month.month])
        for unit in UNITS:
            drift = rng.normal(0.0, 0.05, len(EX_ITEMS))
            for role, head in zip(ROLES, HEADCOUNT[unit], strict=True):
                if head == 0:
                    continue
                if (unit, role) == SMALL_GROUP and month == surveys[-1]:
                    n = SMALL_GROUP_ANSWERS
                else:  # every other group keeps at least five answers, so one suppression stands out
                    n = max(5, int(rng.binomial(head, EMPLOYEE_RESPONSE_RATE)))
                group = _employee_group(rng, month, end, unit, role, n, drift)
                group.insert(0, "response_id", [f"demo-e{month:%Y%m}-{UNITS.index(unit)}{ROLES.index(role)}-{k:03d}"
                                                for k in range(n)])
                frames.append(group)
    return pd.concat(frames, ignore_index=True)


def _outcomes_frame(months: list[date], end: date) -> pd.DataFrame:
    """Monthly customers, churn, revenue and complaints per unit and segment, tied to the unit's experience.

    Independent of `scale`: scale is about answers, not the size of the company.
    """
    rng = np.random.default_rng([SEED, 5])
    dips = dip_months(end)
    after = add_months(dips[-1], 1)  # customers leave a month after the bad experience, too
    customers = {(u, s): round(BASE_CUSTOMERS[unit] * share) for u, unit in enumerate(UNITS)
                 for s, share in enumerate(SEGMENT_SHARE)}
    rows = []
    for month in months:
        heating = 1 + 0.12 * np.cos(2 * np.pi * (month.month - 1) / 12)  # consumer bills peak in winter
        for (u, s), count in customers.items():
            hit = UNITS[u] == DIP_UNIT and month in dips
            churn = 0.009 - 0.012 * _UNIT_CX[u] + (0.006 if hit else 0.003 if UNITS[u] == DIP_UNIT and
                                                     month == after else 0.0)
            churned = int(rng.binomial(count, churn))
            complaints = int(rng.poisson(count * (0.003 - 0.006 * _UNIT_CX[u]) * (2.5 if hit else 1.0)))
            price = SEGMENT_ARPU[s] * (heating if SEGMENTS[s] == "Consumer" else 1.0)
            revenue = round(count * price * (1 + rng.normal(0.0, 0.01)), 2)
            rows.append((month, UNITS[u], SEGMENTS[s], count, churned, revenue, complaints))
            customers[(u, s)] = count - churned + int(rng.poisson(count * 0.0105))
    return pd.DataFrame(rows, columns=["month", "unit", "segment", "customers", "churned", "revenue",
                                       "complaints"])


def _touchpoint_frame() -> pd.DataFrame:
    return pd.DataFrame([(t.name, t.stage, t.stage_order, t.channel, t.owner_unit, t.volume) for t in TOUCHPOINTS],
                        columns=["touchpoint", "stage", "stage_order", "channel", "owner_unit", "volume"])


def _plan_frame() -> pd.DataFrame:
    """Surveys are part fixed, part movable; mystery shops are fixed; interviews are movable."""
    rows = []
    for t in TOUCHPOINTS:
        rows.append((t.name, "survey", t.fixed, t.movable, UNIT_COST["survey"][t.channel]))
        if t.mystery:
            rows.append((t.name, "mystery_shopping", t.mystery, 0, UNIT_COST["mystery_shopping"][t.channel]))
        if t.interviews:
            rows.append((t.name, "interview", 0, t.interviews, UNIT_COST["interview"][t.channel]))
    return pd.DataFrame(rows, columns=["touchpoint", "method", "fixed_per_month", "movable_per_month",
                                       "unit_cost"])


# -- writing -----------------------------------------------------------------------------------------

IMPORT_IDS = {table: k for k, table in enumerate(schema.IMPORTABLE, start=1)}
_CUSTOMER_INSERT = (
    "INSERT INTO customer_responses (response_id, responded_at, level, touchpoint, stage, channel, segment, "
    "unit, customer_id, method, nps, ces, csat, fcr, efficiency, ease, emotion, comment, import_id) "
    "SELECT printf('demo-%08d', seq), responded_at, level, touchpoint, stage, channel, segment, unit, "
    "printf('C%07d', customer), method, nps, ces, csat, fcr, efficiency, ease, emotion, comment, ? "
    "FROM demo_batch")
_IMPORT_ROW = (
    "INSERT INTO imports (import_id, kind, file_name, sha256, rows_read, rows_loaded, rows_rejected, "
    "rows_skipped, status, imported_at) VALUES (?, ?, ?, '', ?, ?, 0, 0, 'loaded', ?)")


def _insert_frame(cur, table: str, frame: pd.DataFrame, sql: str | None = None) -> int:
    """Insert a registered DataFrame, stamping the table's import id; returns the rows written."""
    sql = sql or "INSERT INTO " + ident(table) + " BY NAME SELECT *, ? AS import_id FROM demo_batch"
    cur.register("demo_batch", frame)
    try:
        cur.execute(sql, [IMPORT_IDS[table]])
    finally:
        cur.unregister("demo_batch")
    return len(frame)


def _quiet(fraction: float, text: str) -> None:
    """The default progress callback: say nothing."""


def build_demo(name: str = "demo", months: int = 24, scale: float = 1.0,
               progress: Callable[[float, str], None] | None = None, end: date = DEMO_END) -> store.Workspace:
    """(Re)create the demo workspace `name`; the same arguments always give the same data.

    `months` whole months ending with `end`'s month; `scale` multiplies the customer answers (1 gives
    about 50,000, 0.1 about 5,000). Everything is written in one transaction, a month of answers at a time.
    """
    if not scale > 0:
        raise ValueError("scale must be a positive number")
    if int(months) != months or months < 1:
        raise ValueError("months must be a whole number, at least 1")
    report = progress or _quiet
    report(0.0, "Creating the demo workspace")
    if store.exists(name):
        store.delete_workspace(name)
    ws = store.create_workspace(name)
    calendar = month_list(int(months), end)
    counts: dict[str, int] = {}
    with ws.write() as cur:
        counts["touchpoints"] = _insert_frame(cur, "touchpoints", _touchpoint_frame())
        counts["measurement_plan"] = _insert_frame(cur, "measurement_plan", _plan_frame())
        written = 0
        for i, month in enumerate(calendar):
            frame = _customer_month(month, end, scale, written)
            written += _insert_frame(cur, "customer_responses", frame, _CUSTOMER_INSERT)
            report(0.02 + 0.9 * (i + 1) / len(calendar), f"Customer answers: {written:,}")
        counts["customer_responses"] = written
        counts["employee_responses"] = _insert_frame(cur, "employee_responses", _employee_frame(calendar, end))
        report(0.95, "Employee answers")
        counts["outcomes"] = _insert_frame(cur, "outcomes", _outcomes_frame(calendar, end))
        loaded_at = datetime(end.year, end.month, end.day, 23, 0)
        for table, import_id in IMPORT_IDS.items():
            cur.execute(_IMPORT_ROW, [import_id, table, FILE_NAME, counts[table], counts[table], loaded_at])
    report(1.0, "Demo workspace ready")
    return ws
