"""Evidence for a promise, and candidate promises drafted from the worst basics-first pain points.

"Basics first": fast answers, a simple purchase and first-contact resolution matter most. For each,
the touchpoint where the most customers a month meet the problem (contact volume x the share of
answers that report it) gets a draft: its problem in numbers, a promise in plain words, a target a
step beyond today's level, and the evidence (pain-point rank, figures, a few comments). Drafting
writes nothing: only `register.save`, after the user edits and accepts, does.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from cx import journey, periods, queries
from cx.commitments.register import Promise, next_id
from cx.filters import Filters, where_sql
from cx.i18n import fmt_number, t
from cx.queries import Minimums
from cx.sql import ident

COMMENTS_SHOWN = 3
PURCHASE_WORDS = ("purchase", "buy", "order", "osto", "tilaus", "hankinta")
# basic -> (the metric its promise is measured by, what counts as a low answer on it)
BASICS = {
    "fast_answers": ("efficiency", "<= 2"),
    "simple_purchase": ("ces", "<= 3"),
    "first_contact": ("fcr", "= FALSE"),
}


@dataclass(frozen=True)
class Evidence:
    """What a promise is built from, at its touchpoint (and unit) over a period."""

    touchpoint: str | None
    unit: str | None
    start: date | None
    end: date | None
    rank: int | None  # place in the pain-point ranking (1 = most unhappy customers a month)
    ranked: int  # touchpoints in that ranking
    figures: pd.DataFrame  # metric, n, value, low, high, status
    comments: pd.DataFrame  # responded_at, unit, nps, comment (newest first)

    def journey_link(self) -> dict:
        """Query parameters that open the journey explorer on this touchpoint and unit."""
        link = {"tp": self.touchpoint} if self.touchpoint else {}
        if self.unit:
            link["unit"] = self.unit
        return link


@dataclass(frozen=True)
class Draft:
    basic: str
    promise: Promise
    evidence: Evidence


def evidence(cur, touchpoint: str | None, unit: str | None, start: date | None, end: date | None,
             metrics: tuple[str, ...] = ("nps",), minimums: Minimums = Minimums()) -> Evidence:
    """The pain-point rank, the figures and the newest comments of a touchpoint over a period."""
    scope = Filters(start=start, end=end, unit=(unit,) if unit else ())
    pains = journey.pain_points(cur, scope, minimums)
    ranked = pains[pains["unhappy"].notna()].reset_index(drop=True) if len(pains) else pains
    names = list(ranked["touchpoint"]) if len(ranked) else []
    rank = names.index(touchpoint) + 1 if touchpoint in names else None
    at = journey.transactions(scope.with_(touchpoint=(touchpoint,) if touchpoint else ()))
    rows = []
    for metric in dict.fromkeys(metrics):
        figure = queries.metric_table(cur, at, metric, (), minimums).to_dict("records")[0]
        rows.append({"metric": metric, **{k: figure[k] for k in ("n", "value", "low", "high", "status")}})
    figures = pd.DataFrame(rows, columns=["metric", "n", "value", "low", "high", "status"])
    comments = journey.comment_page(cur, at, page_size=COMMENTS_SHOWN)
    return Evidence(touchpoint, unit, start, end, rank, len(names), figures, comments)


def promise_evidence(cur, promise: Promise, minimums: Minimums = Minimums(), months: int = 3) -> Evidence:
    """The evidence a promise was built from: the `months` before it took effect."""
    start = periods.add_months(promise.valid_from, -months)
    metrics = ("nps",) if promise.metric not in journey.METRICS else (promise.metric, "nps")
    return evidence(cur, promise.touchpoint, promise.unit, start, promise.valid_from - timedelta(days=1), metrics,
                    minimums)


def _basics_counts(cur, filters: Filters) -> pd.DataFrame:
    """Per touchpoint: answers and low answers for each basic, its stage, owner and contact volume."""
    select = ["r." + ident("touchpoint")]
    for metric, low in BASICS.values():
        col = "r." + ident(metric)
        select += ["count(" + col + ")", "count_if(" + col + " " + low + ")"]
    select += ["any_value(j." + ident(c) + ")" for c in ("stage", "owner_unit", "volume")]
    where, params = where_sql(journey.transactions(filters))
    sql = ("SELECT " + ", ".join(select) + " FROM (SELECT * FROM " + ident("customer_responses") + " " + where
           + ") r LEFT JOIN " + ident("touchpoints") + " j ON j." + ident("touchpoint") + " = r." + ident("touchpoint")
           + " WHERE r." + ident("touchpoint") + " IS NOT NULL GROUP BY 1")
    columns = ["touchpoint"] + [f"{b}_{x}" for b in BASICS for x in ("n", "low")] + ["stage", "owner", "volume"]
    return pd.DataFrame(cur.execute(sql, params).fetchall(), columns=columns)


def _unit_volumes(cur, filters: Filters, counts: pd.DataFrame) -> pd.DataFrame:
    """Under a unit, segment or channel filter, each touchpoint's contacts scaled by the filtered customers'
    share of its answers (as the pain-point ranking does), so one unit is not ranked by the company's volume."""
    if counts.empty or not any(getattr(filters, d) for d in journey.NARROWING):
        return counts
    shares = journey.answer_shares(cur, journey.transactions(filters))
    volume = pd.to_numeric(counts["volume"], errors="coerce") * counts["touchpoint"].map(shares).fillna(1.0)
    return counts.assign(volume=volume)


def _is_purchase(stage) -> bool:
    return isinstance(stage, str) and any(word in stage.lower() for word in PURCHASE_WORDS)


def _worst(counts: pd.DataFrame, basic: str, min_n: int, taken: set) -> dict | None:
    """The touchpoint where the most customers a month meet this problem (volume x low share)."""
    rows = counts[(counts[f"{basic}_n"] >= min_n) & ~counts["touchpoint"].isin(taken)].copy()
    if basic == "simple_purchase":
        rows = rows[rows["stage"].map(_is_purchase)]
    if rows.empty:
        return None
    rows["share"] = rows[f"{basic}_low"] / rows[f"{basic}_n"]
    rows["unhappy"] = rows["share"] * rows["volume"].fillna(1).astype(float)
    return rows.sort_values(["unhappy", "share", "touchpoint"], ascending=[False, False, True]).iloc[0].to_dict()


def _target(cur, filters: Filters, basic: str, touchpoint: str, minimums: Minimums) -> tuple[float, float]:
    """Today's level and a target one step beyond it (FCR +10 points, CES +0.5, efficiency +0.3)."""
    metric = BASICS[basic][0]
    now = queries.metric_table(cur, journey.transactions(filters.with_(touchpoint=(touchpoint,))), metric, (),
                               minimums).to_dict("records")[0]["value"]
    if metric == "fcr":
        return now, float(min(95, 5 * math.ceil((now + 10) / 5)))
    step, top = (0.5, 7.0) if metric == "ces" else (0.3, 5.0)
    return now, float(min(top, math.ceil((now + step) * 10) / 10))


def propose(cur, filters: Filters, taken_ids=(), minimums: Minimums = Minimums(), lang: str = "en") -> list[Draft]:
    """Draft promises for the worst basics-first pain points in the filters' period; writes nothing."""
    counts = _unit_volumes(cur, filters, _basics_counts(cur, filters))
    unit = filters.unit[0] if len(filters.unit) == 1 else None
    starts = periods.add_months(filters.end, 1) if filters.end else date.today().replace(day=1)
    drafts, used, ids = [], set(), list(taken_ids)
    for basic in BASICS:
        worst = _worst(counts, basic, minimums.min_n, used)
        if worst is None:
            continue
        touchpoint = worst["touchpoint"]
        used.add(touchpoint)
        now, target = _target(cur, filters, basic, touchpoint, minimums)
        metric = BASICS[basic][0]
        values = {"touchpoint": touchpoint, "share": fmt_number(100 * worst["share"], lang),
                  "n": fmt_number(worst[f"{basic}_n"], lang), "now": fmt_number(now, lang, 0 if metric == "fcr" else 1)}
        ids.append(next_id(ids))
        promise = Promise(ids[-1], t(f"promises.draft.{basic}.promise", lang, **values),
                          t(f"promises.draft.{basic}.problem", lang, **values), touchpoint, unit, metric, target,
                          "at_least", starts, worst["owner"] if isinstance(worst["owner"], str) else None)
        proof = evidence(cur, touchpoint, unit, filters.start, filters.end, (metric, "nps"), minimums)
        drafts.append(Draft(basic, promise, proof))
    return drafts
