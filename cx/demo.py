"""The demo workspace: two years of a Nordic service company, with four planted stories.

Deterministic: the same arguments give the same data (fixed seeds, a fixed end
date, no dependence on today). The stories, which the pages must reveal, are
described in docs/demo-tour.md:

(a) Complaint handling in Tampere drops sharply for the last three months
    (Aug-Oct 2026) after a system change: NPS, CES and FCR fall.
(b) Tampere and Oulu, whose staff rate technology and wellbeing low, have
    clearly lower customer NPS than the other units.
(c) Web self-service is stable and over-measured; Complaint handling is
    under-measured (about 60 answers a month).
(d) Efficiency and ease drive relationship NPS much more than emotion does.
(e) Churn and revenue follow each unit's NPS of the month before, by a planted relation
    (CHURN_PER_POINT, REVENUE_PER_POINT) that the business case must recover.
(f) Three customer promises: one kept (Web self-service effort), one broken (first-contact
    resolution in Tampere's complaint handling, since the system change), one not yet known
    (Oulu's installation visits, too few answers a month to tell).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd

from cx import schema, store
from cx.i18n import data_labels
from cx.periods import add_months

DEMO_END = date(2026, 10, 31)
SEED = 20261031
DIP_UNIT = "Tampere"
DIP_TOUCHPOINT = "Complaint handling"
DIP_MONTHS = 3  # the last three months of the data

UNITS = ("Helsinki", "Tampere", "Turku", "Oulu", "Jyväskylä", "Online team")
# Employee experience per unit: (technology, wellbeing, culture, physical, vision, role_clarity, training)
UNIT_EX = {
    "Helsinki": (3.9, 4.0, 3.9, 3.8, 4.1, 3.9, 3.7),
    "Tampere": (2.4, 2.8, 3.3, 3.5, 3.8, 3.2, 2.9),
    "Turku": (3.8, 3.9, 3.8, 3.6, 4.0, 3.8, 2.6),
    "Oulu": (2.5, 2.7, 3.2, 3.1, 2.9, 2.8, 3.0),
    "Jyväskylä": (4.1, 4.0, 4.1, 3.9, 4.2, 4.1, 4.0),
    "Online team": (3.7, 3.8, 3.7, 3.9, 3.9, 3.6, 3.5),
}
EX_ITEMS = ("technology", "wellbeing", "culture", "physical", "vision", "role_clarity", "training")
SEGMENTS = (("Consumer", 0.70, 0.0, 45.0), ("Small business", 0.20, -0.15, 120.0), ("Premium", 0.10, 0.2, 95.0))
ROLES = (("Customer service", 0.55), ("Sales", 0.2), ("Field technician", 0.17), ("Team lead", 0.08))
# Story (e): a unit's monthly churn rate and revenue per customer follow its transaction NPS (survey
# answers, all touchpoints pooled) of the month before, exactly by these slopes plus noise.
CHURN_BASE = 0.013  # monthly churn rate at NPS 0
CHURN_PER_POINT = -0.0002  # per NPS point: 10 points less churn by 0.2 percentage points a month
REVENUE_PER_POINT = 0.02  # euros per customer a month, per NPS point
PROMISES = (  # story (f): (id, promise, problem, touchpoint, unit, metric, target, direction, from, proposed by)
    ("P-1", "Self-service just works: you get it done on your own, without effort.",
     "Customers who could not finish online called the service line instead.", "Web self-service", None, "ces",
     5.5, "at_least", date(2026, 1, 1), "Online team"),
    ("P-2", "We sort out your complaint on the first contact.",
     "Complaints bounced between people; customers had to explain their case again and again.",
     DIP_TOUCHPOINT, DIP_UNIT, "fcr", 50.0, "at_least", date(2026, 1, 1), "Tampere customer service"),
    ("P-3", "Our technician leaves everything working, and you would tell a friend.",
     "Installations needed a second visit too often.", "Installation visit", "Oulu", "nps", 20.0, "at_least",
     date(2026, 4, 1), "Oulu field technicians"),
)


@dataclass(frozen=True)
class Touchpoint:
    name: str
    stage: str
    stage_order: int
    channel: str
    owner_unit: str
    volume: int  # contacts a month
    quality: float  # latent offset of the experience
    effort: float  # extra offset for CES (negative = hard work)
    surveys: int  # survey answers a month at scale 1
    fixed: int  # of which fixed in the measurement plan
    mystery: int = 0
    interviews: int = 0
    asks_fcr: bool = False
    asks_ces: bool = False
    stable: bool = False


TOUCHPOINTS = (
    Touchpoint("Campaigns and website", "Need and awareness", 1, "web", "Online team", 20000, 0.1, 0.0, 80, 60),
    Touchpoint("Product information online", "Information search", 2, "web", "Online team", 15000, 0.0, -0.2,
               100, 60, asks_ces=True),
    Touchpoint("Chat advice", "Information search", 2, "chat", "Online team", 4000, 0.2, 0.1, 120, 80,
               asks_fcr=True, asks_ces=True),
    Touchpoint("Sales call", "Offer and purchase", 3, "phone", "Helsinki", 3000, 0.3, 0.1, 120, 80, mystery=10),
    Touchpoint("Web shop", "Offer and purchase", 3, "web", "Online team", 6000, -0.1, -0.6, 150, 100,
               mystery=10, asks_ces=True),
    Touchpoint("Welcome and contract", "Onboarding", 4, "email", "Turku", 2500, 0.2, 0.0, 80, 60),
    Touchpoint("Installation visit", "Onboarding", 4, "field", "Oulu", 900, 0.4, 0.2, 60, 40, interviews=6),
    Touchpoint("Customer service phone", "Use and service", 5, "phone", "Tampere", 12000, -0.2, -0.9, 250, 150,
               mystery=10, asks_fcr=True, asks_ces=True),
    Touchpoint("Web self-service", "Use and service", 5, "web", "Online team", 40000, 0.35, 0.3, 600, 300,
               asks_ces=True, stable=True),
    Touchpoint(DIP_TOUCHPOINT, "Complaints", 6, "phone", "Tampere", 1500, -0.5, -0.3, 60, 45,
               asks_fcr=True, asks_ces=True),
    Touchpoint("Renewal and follow-up", "After-sales", 7, "phone", "Jyväskylä", 2000, 0.1, 0.0, 80, 60,
               interviews=8),
)
# How the demo's stored names read in each language (the workspace's display labels, cx.i18n.data_labels).
# The stored value stays the code a URL, a filter and an export use.
LABELS = {
    "fi": {
        "touchpoint": {
            "Campaigns and website": "Kampanjat ja verkkosivut", "Product information online": "Tuotetiedot verkossa",
            "Chat advice": "Chat-neuvonta", "Sales call": "Myyntipuhelu", "Web shop": "Verkkokauppa",
            "Welcome and contract": "Tervetuloa ja sopimus", "Installation visit": "Asennuskäynti",
            "Customer service phone": "Asiakaspalvelu puhelimessa", "Web self-service": "Verkon omapalvelu",
            DIP_TOUCHPOINT: "Reklamaatioiden käsittely", "Renewal and follow-up": "Jatkosopimus ja seuranta"},
        "stage": {
            "Need and awareness": "Tarve ja tietoisuus", "Information search": "Tiedonhaku",
            "Offer and purchase": "Tarjous ja osto", "Onboarding": "Käyttöönotto",
            "Use and service": "Käyttö ja palvelu", "Complaints": "Reklamaatiot", "After-sales": "Jälkimarkkinointi"},
        "channel": {"web": "Verkko", "chat": "Chat", "phone": "Puhelin", "email": "Sähköposti",
                    "field": "Kenttäkäynti"},
        "segment": {"Consumer": "Kuluttaja", "Small business": "Pienyritys", "Premium": "Premium"},
        "unit": {"Online team": "Verkkotiimi"},
        "role": {"Customer service": "Asiakaspalvelu", "Sales": "Myynti", "Field technician": "Kenttäasentaja",
                 "Team lead": "Tiiminvetäjä"},
    },
    "en": {
        "channel": {"web": "Web", "chat": "Chat", "phone": "Phone", "email": "Email", "field": "Field visit"},
    },
}
RELATIONSHIP_PER_MONTH = 300
UNIT_COST = {"survey": 3.0, "mystery_shopping": 90.0, "interview": 55.0}
# Which units serve each channel's contacts.
PHYSICAL_UNITS = ("Helsinki", "Tampere", "Turku", "Oulu", "Jyväskylä")
PHYSICAL_WEIGHTS = (0.30, 0.24, 0.18, 0.16, 0.12)

COMMENTS = {
    "good": ["Nopea ja ystävällinen palvelu, kiitos!", "Asia hoitui heti ensimmäisellä soitolla.",
             "Quick and friendly, exactly what I needed.", "Helppo tilata verkosta.",
             "Everything worked, no hassle at all.", "Asiantunteva neuvoja, suosittelen.",
             "**great** service, thanks", "The technician was on time and tidy."],
    "mid": ["Ihan ok, mutta jonotus kesti.", "Fine, though I had to explain my case twice.",
            "Laskusta oli vaikea saada selvää.", "OK overall; the website could be clearer.",
            "Palvelu toimi, mutta hitaasti.", "Took a while but got sorted."],
    "bad": ["Jonotin puoli tuntia eikä asia ratkennut.", "Nobody called me back as promised.",
            "Sain kolme eri vastausta kolmelta ihmiseltä.", "<b>slow</b> and the chat kept disconnecting",
            "Too complicated to change my contract online.", "Laskutusvirhe toistuu joka kuukausi.",
            "=SUM(A1) is what your invoice looks like", "![see](http://example.com/x.png) this is my bill"],
    "dip": ["Uusi järjestelmä hukkasi valitukseni.", "The new system lost my complaint, had to start over.",
            "Uuden järjestelmän takia käsittely kestää viikkoja.", "Since the system change nobody knows my case."],
}


def _months(months: int, end: date) -> list[date]:
    last = end.replace(day=1)
    return [add_months(last, i - months + 1) for i in range(months)]


def _month_seconds(month: date, end: date) -> int:
    nxt = add_months(month, 1)
    last = min(nxt, date.fromordinal(end.toordinal() + 1))
    return (last - month).days * 86400


def _timestamps(rng, month: date, n: int, end: date) -> np.ndarray:
    """Answer times within the month, in office and evening hours."""
    days = _month_seconds(month, end) // 86400
    day = rng.integers(0, days, n)
    second = rng.integers(8 * 3600, 21 * 3600, n)
    base = np.datetime64(datetime(month.year, month.month, 1))
    return base + (day * 86400 + second).astype("timedelta64[s]")


def _scale_score(z, centre: float, spread: float, low: int, high: int, rng, noise: float) -> np.ndarray:
    raw = centre + spread * z + rng.normal(0, noise, len(z))
    return np.clip(np.rint(raw), low, high).astype("int16")


def _unit_offsets() -> dict[str, float]:
    """Customer experience follows employee experience (story b)."""
    offsets = {}
    for unit, ex in UNIT_EX.items():
        tech, wellbeing = ex[0], ex[1]
        offsets[unit] = 0.3 * ((tech + wellbeing) / 2 - 3.7)
    return offsets


def _comments(rng, nps: np.ndarray, dip: np.ndarray, share: float = 0.15) -> np.ndarray:
    out = np.full(len(nps), None, dtype=object)
    has = rng.random(len(nps)) < share
    for mood, mask in (("good", nps >= 9), ("mid", (nps >= 7) & (nps <= 8)), ("bad", nps <= 6)):
        pick = has & mask & ~dip
        out[pick] = rng.choice(np.array(COMMENTS[mood], dtype=object), pick.sum())
    pick = has & dip
    out[pick] = rng.choice(np.array(COMMENTS["dip"], dtype=object), pick.sum())
    return out


def _transaction_month(rng, month: date, month_index: int, n_months: int, scale: float, end: date,
                       unit_offset: dict[str, float]) -> list[pd.DataFrame]:
    frames = []
    in_dip = month_index >= n_months - DIP_MONTHS
    for tp in TOUCHPOINTS:
        season = 0.0 if tp.stable else rng.normal(0, 0.06)
        for method, per_month in (("survey", tp.surveys), ("mystery_shopping", tp.mystery),
                                  ("interview", tp.interviews)):
            n = rng.poisson(per_month * scale)
            if n == 0:
                continue
            if tp.channel in ("web", "chat"):
                units = np.full(n, "Online team", dtype=object)
            else:  # half of the contacts go to the owner unit, the rest are spread over the others
                units = rng.choice(np.array(PHYSICAL_UNITS, dtype=object), n, p=PHYSICAL_WEIGHTS)
                units[rng.random(n) < 0.5] = tp.owner_unit
            seg_idx = rng.choice(len(SEGMENTS), n, p=[s[1] for s in SEGMENTS])
            seg_offset = np.array([s[2] for s in SEGMENTS])[seg_idx]
            dip = (units == DIP_UNIT) & in_dip & (tp.name == DIP_TOUCHPOINT)
            z = (tp.quality + season + seg_offset + np.vectorize(unit_offset.get)(units)
                 + rng.normal(0, 1, n) - 1.6 * dip)
            frame = pd.DataFrame({
                "responded_at": _timestamps(rng, month, n, end), "level": "transaction",
                "touchpoint": tp.name, "stage": tp.stage, "channel": tp.channel,
                "segment": np.array([s[0] for s in SEGMENTS], dtype=object)[seg_idx], "unit": units,
                "method": method,
            })
            nps = _scale_score(z, 7.9, 2.0, 0, 10, rng, 0.9)
            frame["nps"] = nps if method != "mystery_shopping" else None
            frame["csat"] = _scale_score(z, 3.9, 0.9, 1, 5, rng, 0.5)
            frame["ces"] = (_scale_score(z + tp.effort - 0.8 * dip, 5.2, 1.1, 1, 7, rng, 0.7)
                            if tp.asks_ces else None)
            fcr_p = 1 / (1 + np.exp(-(1.0 + 1.1 * z - 1.5 * dip)))
            frame["fcr"] = (rng.random(n) < fcr_p) if tp.asks_fcr else None
            rated = rng.random(n) < 0.75
            for item, weight in (("efficiency", 0.85), ("ease", 0.8), ("emotion", 0.6)):
                extra = tp.effort * 0.5 if item == "ease" else 0.0
                score = _scale_score(z + extra, 3.8, weight, 1, 5, rng, 0.6)
                frame[item] = pd.array(np.where(rated, score, 0), dtype="Int16")
                frame.loc[~rated, item] = pd.NA
            frame["comment"] = _comments(rng, nps, dip)
            frames.append(frame)
    return frames


def _relationship_month(rng, month: date, scale: float, end: date, unit_offset) -> pd.DataFrame:
    """Relationship NPS built from efficiency, ease and emotion (story d)."""
    n = rng.poisson(RELATIONSHIP_PER_MONTH * scale)
    units = rng.choice(np.array(UNITS, dtype=object), n)
    seg_idx = rng.choice(len(SEGMENTS), n, p=[s[1] for s in SEGMENTS])
    shared = rng.normal(0, 1, n)
    eff_z = 0.6 * shared + 0.8 * rng.normal(0, 1, n) + np.vectorize(unit_offset.get)(units)
    ease_z = 0.6 * shared + 0.8 * rng.normal(0, 1, n) + np.vectorize(unit_offset.get)(units)
    emo_z = 0.6 * shared + 0.8 * rng.normal(0, 1, n)
    loyalty = 0.55 * eff_z + 0.5 * ease_z + 0.12 * emo_z + rng.normal(0, 0.55, n)
    nps = np.clip(np.rint(7.8 + 1.6 * loyalty), 0, 10).astype("int16")
    frame = pd.DataFrame({
        "responded_at": _timestamps(rng, month, n, end), "level": "relationship", "touchpoint": None,
        "stage": None, "channel": None,
        "segment": np.array([s[0] for s in SEGMENTS], dtype=object)[seg_idx], "unit": units,
        "method": "survey", "nps": nps, "csat": None, "ces": None, "fcr": None,
        "efficiency": _scale_score(eff_z, 3.7, 0.8, 1, 5, rng, 0.3),
        "ease": _scale_score(ease_z, 3.6, 0.8, 1, 5, rng, 0.3),
        "emotion": _scale_score(emo_z, 3.9, 0.8, 1, 5, rng, 0.3),
    })
    frame["comment"] = _comments(rng, nps, np.zeros(n, bool), share=0.1)
    return frame


def _customer_frames(months: list[date], scale: float, end: date):
    """Customer answers month by month, so even 10 million rows fit in memory."""
    offsets = _unit_offsets()
    counter = 0
    for i, month in enumerate(months):
        rng = np.random.default_rng([SEED, i])
        frames = _transaction_month(rng, month, i, len(months), scale, end, offsets)
        frames.append(_relationship_month(rng, month, scale, end, offsets))
        frame = pd.concat(frames, ignore_index=True)
        frame = frame.sort_values("responded_at", kind="stable").reset_index(drop=True)
        ids = np.arange(counter, counter + len(frame))
        counter += len(frame)
        frame.insert(0, "response_id", [f"demo-{k:08d}" for k in ids])
        frame["customer_id"] = [f"C{k:06d}" for k in rng.integers(0, max(int(30000 * scale), 50), len(frame))]
        yield frame


def _employee_frame(months: list[date]) -> pd.DataFrame:
    """A quarterly employee survey per unit; team leads are a small group (confidentiality)."""
    rng = np.random.default_rng([SEED, 999])
    staff = {"Helsinki": 45, "Tampere": 40, "Turku": 30, "Oulu": 26, "Jyväskylä": 20, "Online team": 16}
    rows = []
    survey_months = [m for m in months if m.month in (2, 5, 8, 11)]
    for q, month in enumerate(survey_months):
        for unit, size in staff.items():
            n = int(rng.binomial(size, 0.8))
            ex = np.array(UNIT_EX[unit], float)
            if unit == DIP_UNIT and q == len(survey_months) - 1:
                ex[0] -= 0.3  # the new system shows in the latest survey too
            roles = rng.choice([r[0] for r in ROLES], n, p=[r[1] for r in ROLES])
            person = rng.normal(0, 0.7, n)
            for k in range(n):
                items = np.clip(np.rint(ex + person[k] + rng.normal(0, 0.6, len(ex))), 1, 5).astype(int)
                latent = 0.5 * (items[0] + items[1] + items[2]) / 3 + 0.5 * (ex[1] + person[k] * 0.8)
                enps = int(np.clip(np.rint(2.2 * latent + rng.normal(0, 1.1)), 0, 10))
                day = date(month.year, month.month, int(rng.integers(10, 25)))
                rows.append((f"emp-{q:02d}-{unit[:3]}-{k:03d}", datetime(day.year, day.month, day.day, 12),
                             unit, roles[k], enps, *items.tolist()))
    cols = ["response_id", "responded_at", "unit", "role", "enps", *EX_ITEMS]
    frame = pd.DataFrame(rows, columns=cols)
    frame["comment"] = _staff_comments(frame, survey_months[-1] if survey_months else None)
    return frame


STAFF_COMMENTS = {
    "good": ["Hyvä tiimi ja esihenkilö, työ on mielekästä.", "Good colleagues and clear goals.",
             "Koulutus uusiin tuotteisiin auttoi paljon.", "I can see how my work helps customers.",
             "Saan päättää itse, miten hoidan asiakkaan asian.", "Our team lead listens and acts on it.",
             "Työvälineet toimivat ja apua saa nopeasti.", "Proud of how we handled the winter storm calls."],
    "mid": ["Kiirettä on paljon, mutta työ sujuu.", "Meetings take time away from customers.",
            "Tieto kulkee yksiköiden välillä hitaasti.", "More training on the systems would help.",
            "Tavoitteet muuttuvat usein kesken kvartaalin.", "OK overall, but the shift plan comes late.",
            "Asiakaslupaukset ovat hyviä, mutta resurssit eivät riitä.", "Hard to know what the CX vision asks of me."],
    "bad": ["Järjestelmät kaatuvat kesken asiakaspuhelun.", "Too many tools that do not talk to each other.",
            "Jaksaminen on koetuksella, tekijöitä on liian vähän.", "Nobody asks us how the process should work.",
            "Samaa tietoa syötetään kolmeen eri järjestelmään.", "I spend more time on workarounds than on customers.",
            "Perehdytys jäi puolitiehen.", "Sick leaves are not covered, the rest of us run."],
    "dip": ["Uusi valitusjärjestelmä hidastaa kaikkea.", "The new complaints system loses cases.",
            "Valitukset katoavat uudesta järjestelmästä.", "We were not trained on the new system before launch."],
}


def _staff_comments(frame: pd.DataFrame, last_survey: date | None) -> list[str | None]:
    """About one answer in four with a short comment matching its eNPS (own random stream, so the
    scores are the same with or without comments)."""
    rng = np.random.default_rng([SEED, 777])
    out: list[str | None] = []
    for unit, enps, when in zip(frame["unit"], frame["enps"], frame["responded_at"], strict=True):
        if rng.random() >= 0.25:
            out.append(None)
            continue
        latest = last_survey is not None and (when.year, when.month) == (last_survey.year, last_survey.month)
        mood = "dip" if unit == DIP_UNIT and latest and enps <= 6 else "good" if enps >= 9 else \
            "mid" if enps >= 7 else "bad"
        texts = STAFF_COMMENTS[mood]
        out.append(texts[int(rng.integers(0, len(texts)))])
    return out


def unit_month_nps(cur) -> dict[tuple[str, date], float]:
    """Each unit's transaction NPS per month from its survey answers (the business case's predictor)."""
    rows = cur.execute("SELECT unit, CAST(date_trunc('month', responded_at) AS DATE), 100.0 * (count_if(nps >= 9) "
                       "- count_if(nps <= 6)) / count(nps) FROM customer_responses WHERE level = 'transaction' "
                       "AND method = 'survey' AND unit IS NOT NULL AND nps IS NOT NULL GROUP BY 1, 2").fetchall()
    return {(unit, month): nps for unit, month, nps in rows}


def _outcomes_frame(months: list[date], scale: float, nps: dict[tuple[str, date], float]) -> pd.DataFrame:
    """Customers, churn, revenue and complaints per unit, segment and month (story e)."""
    rng = np.random.default_rng([SEED, 555])
    offsets = _unit_offsets()
    base = {"Helsinki": 42000, "Tampere": 30000, "Turku": 22000, "Oulu": 18000, "Jyväskylä": 14000,
            "Online team": 26000}
    rows = []
    for i, month in enumerate(months):
        dip = i >= len(months) - DIP_MONTHS
        for unit, customers in base.items():
            before = nps.get((unit, months[max(i - 1, 0)]), 0.0)
            for segment, share, _, arpu in SEGMENTS:
                c = int(customers * share * max(scale, 0.01))
                churn_rate = CHURN_BASE + CHURN_PER_POINT * before
                churned = int(rng.binomial(c, min(max(churn_rate, 0.001), 0.5)))
                complaints = int(rng.poisson(c * (0.004 - 0.0015 * offsets[unit]
                                                  + (0.004 if dip and unit == DIP_UNIT else 0))))
                revenue = round(c * (arpu + REVENUE_PER_POINT * before) * (1 + rng.normal(0, 0.01)), 2)
                rows.append((month, unit, segment, c, churned, revenue, complaints))
    return pd.DataFrame(rows, columns=["month", "unit", "segment", "customers", "churned", "revenue",
                                       "complaints"])


def _promises_frame() -> pd.DataFrame:
    return pd.DataFrame(PROMISES, columns=list(schema.PROMISES.column_names))


def _touchpoint_frame() -> pd.DataFrame:
    return pd.DataFrame([(t.name, t.stage, t.stage_order, t.channel, t.owner_unit, t.volume)
                         for t in TOUCHPOINTS],
                        columns=["touchpoint", "stage", "stage_order", "channel", "owner_unit", "volume"])


def _plan_frame() -> pd.DataFrame:
    rows = []
    for t in TOUCHPOINTS:
        rows.append((t.name, "survey", t.fixed, t.surveys - t.fixed, UNIT_COST["survey"]))
        if t.mystery:
            rows.append((t.name, "mystery_shopping", t.mystery, 0, UNIT_COST["mystery_shopping"]))
        if t.interviews:
            rows.append((t.name, "interview", 0, t.interviews, UNIT_COST["interview"]))
    return pd.DataFrame(rows, columns=["touchpoint", "method", "fixed_per_month", "movable_per_month",
                                       "unit_cost"])


def _insert(cur, table: str, frame: pd.DataFrame, import_id: int | None) -> int:
    """Insert a frame; `import_id` for the tables that record it (the promises register does not)."""
    if import_id is not None:
        frame = frame.assign(import_id=import_id)
    cur.register("demo_batch", frame)
    # Table names come from the fixed list of contract tables in this module.
    cur.execute("INSERT INTO " + '"' + table + '"' + " BY NAME SELECT * FROM demo_batch")
    cur.unregister("demo_batch")
    return len(frame)


def expected_customer_answers(months: int = 24, scale: float = 1.0) -> int:
    """About how many customer answers build_demo makes (for docs and tests)."""
    per_month = sum(t.surveys + t.mystery + t.interviews for t in TOUCHPOINTS) + RELATIONSHIP_PER_MONTH
    return round(per_month * months * scale)


def build_demo(name: str = "demo", months: int = 24, scale: float = 1.0,
               progress: Callable[[float, str], None] | None = None, end: date = DEMO_END,
               replace: bool = False) -> store.Workspace:
    """Build the demo workspace `name`; the same arguments always give the same data.

    Built aside and put in place whole (store.build_workspace): an existing workspace is refused
    unless `replace`, and one open anywhere is never replaced.
    """
    if scale <= 0:
        raise ValueError("scale must be a positive number")
    if months < 1:
        raise ValueError("months must be at least 1")
    report = progress or (lambda fraction, text: None)
    ws = store.build_workspace(name, lambda ws: _fill(ws, months, scale, end, report), replace=replace)
    report(1.0, "Demo workspace ready")
    return ws


def _fill(ws: store.Workspace, months: int, scale: float, end: date, report) -> None:
    month_list = _months(months, end)
    loaded_at = datetime(end.year, end.month, end.day, 23, 0)
    with ws.write() as cur:
        counts = {}
        counts["touchpoints"] = _insert(cur, "touchpoints", _touchpoint_frame(), 1)
        counts["measurement_plan"] = _insert(cur, "measurement_plan", _plan_frame(), 2)
        total = 0
        for i, frame in enumerate(_customer_frames(month_list, scale, end)):
            total += _insert(cur, "customer_responses", frame, 3)
            report(0.05 + 0.85 * (i + 1) / len(month_list), f"Customer answers: {total:,}")
        counts["customer_responses"] = total
        counts["employee_responses"] = _insert(cur, "employee_responses", _employee_frame(month_list), 4)
        counts["outcomes"] = _insert(cur, "outcomes", _outcomes_frame(month_list, scale, unit_month_nps(cur)), 5)
        _insert(cur, "promises", _promises_frame(), None)
        for import_id, table in enumerate(["touchpoints", "measurement_plan", "customer_responses",
                                           "employee_responses", "outcomes"], start=1):
            cur.execute("INSERT INTO imports (import_id, kind, file_name, sha256, rows_read, rows_loaded, "
                        "rows_rejected, rows_skipped, status, imported_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0, "
                        "'loaded', ?)", [import_id, table, "demo (generated)", "", counts[table],
                                         counts[table], loaded_at])
    data_labels.set_labels(ws, LABELS)  # the demo's names in both languages, built in with the data
