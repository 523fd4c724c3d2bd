"""Whether each promise is kept, per unit and month, by the contract's interval rule.

Kept when every value in the month's 95% interval keeps the promise, broken when none does, not
yet known otherwise. At the target the promise's own words decide: 'at least 60' is kept by 60,
so an interval touching 60 from above is kept, and one touching it from below is not yet known
(60 itself is still possible). A figure from fewer answers than the workspace minimum is not yet
known whatever its interval, as it reads 'too few answers' everywhere else. 'Not yet known' says
how many answers a month would decide it. Outcome columns (customers, churned, revenue,
complaints) count the whole unit, not a sample: the month's value is compared as it is.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from cx import metrics, periods, queries, schema, stats
from cx.commitments.register import Promise
from cx.filters import Filters
from cx.queries import Minimums
from cx.sql import ident

STATUSES = ("kept", "broken", "unknown")
HISTORY_MONTHS = 12  # months of status shown back from the period's end
MOST_ANSWERS = 10_000_000  # beyond this no month decides it


def keeps(value: float, target: float, direction: str) -> bool:
    return value >= target if direction == "at_least" else value <= target


def judge(low: float | None, high: float | None, target: float, direction: str) -> str:
    """kept / broken / unknown for an interval (or a count, low = high) against the target."""
    if low is None or high is None:
        return "unknown"
    low_keeps, high_keeps = keeps(low, target, direction), keeps(high, target, direction)
    if low_keeps and high_keeps:
        return "kept"
    if not low_keeps and not high_keeps:
        return "broken"
    return "unknown"


def _estimate_at(metric: str, answers: float, agg: tuple) -> stats.Estimate:
    """The month's figure as if it had `answers` answers with the same shares (or mean and spread)."""
    n, a, b = agg
    scale = answers / n
    kind = metrics.get(metric).kind
    if kind == "nps":  # scaled counts can add up to a hair over n in floating point
        promoters, detractors = a * scale, b * scale
        over = max(promoters + detractors - answers, 0.0)
        return stats.nps(promoters, max(detractors - over, 0.0), answers)
    if kind == "share":
        return stats.wilson(a * scale, answers)
    return stats.mean_t(answers, a * scale, b * scale)


def answers_to_decide(metric: str, agg: tuple, target: float, direction: str, min_n: int) -> int | None:
    """Answers a month that would decide the promise if the shares (or the mean and spread) stayed as
    they are: the smallest n whose interval no longer holds the target, and at least the workspace
    minimum. None when no number would (the figure sits on the target) or the month had no answers."""
    n = int(agg[0])
    if n == 0:
        return None
    point = _estimate_at(metric, n, agg).value
    if point is None or point == target:
        return None

    def decided(answers: int) -> bool:
        est = _estimate_at(metric, answers, agg)
        return judge(est.low, est.high, target, direction) != "unknown"

    if not decided(MOST_ANSWERS):
        return None
    low, high = 2, MOST_ANSWERS
    while low < high:
        mid = (low + high) // 2
        if decided(mid):
            high = mid
        else:
            low = mid + 1
    return max(low, min_n)


@dataclass(frozen=True)
class MonthStatus:
    """One promise, one unit (None: all its units together), one month."""

    promise_id: str
    unit: str | None
    month: date
    n: int | None  # None for outcome columns (a count, not a sample)
    value: float | None  # None below the minimum n
    low: float | None
    high: float | None
    status: str
    reason: str  # '' when decided; too_few | undecided | no_answers
    answers_needed: int | None

    def as_dict(self) -> dict:
        return {"promise_id": self.promise_id, "unit": self.unit, "month": self.month.isoformat()[:7], "n": self.n,
                "value": _round(self.value), "low": _round(self.low), "high": _round(self.high),
                "status": self.status, "reason": self.reason, "answers_needed": self.answers_needed}


def _round(x):
    return None if x is None else round(float(x), 4)


def window(promise: Promise, end: date, months: int = HISTORY_MONTHS) -> tuple[date, date] | None:
    """First and last month whose status is shown: from the promise's start, at most `months` back."""
    last = periods.month_start(end)
    first = max(promise.valid_from, periods.add_months(last, 1 - months))
    return (first, last) if first <= last else None


def _survey_status(promise: Promise, unit, month: date, agg: tuple, minimums: Minimums) -> MonthStatus:
    n = int(agg[0])
    if n == 0:
        return MonthStatus(promise.promise_id, unit, month, 0, None, None, None, "unknown", "no_answers", None)
    est = metrics.estimate(metrics.get(promise.metric), *agg)
    if n < minimums.min_n:
        needed = answers_to_decide(promise.metric, agg, promise.target, promise.direction, minimums.min_n)
        return MonthStatus(promise.promise_id, unit, month, n, None, None, None, "unknown", "too_few",
                           needed or minimums.min_n)
    status = judge(est.low, est.high, promise.target, promise.direction)
    needed = None if status != "unknown" else answers_to_decide(promise.metric, agg, promise.target,
                                                               promise.direction, minimums.min_n)
    return MonthStatus(promise.promise_id, unit, month, n, est.value, est.low, est.high, status,
                       "" if status != "unknown" else "undecided", needed)


def _survey_months(cur, promise: Promise, first: date, last: date, minimums: Minimums) -> list[MonthStatus]:
    scope = Filters(start=first, end=periods.month_end(last), level=("transaction",),
                    touchpoint=(promise.touchpoint,) if promise.touchpoint else (),
                    unit=(promise.unit,) if promise.unit else ())
    out = []
    groupings = (["month", "unit"],) if promise.unit else (["month", "unit"], ["month"])
    for by in groupings:
        agg = queries.aggregate(cur, scope, [promise.metric], by)
        for rec in agg.to_dict("records"):
            unit = rec.get("unit") if "unit" in by else None
            if "unit" in by and unit is None:
                continue  # answers without a unit count only in 'all units'
            triple = tuple(metrics.as_number(rec[f"{promise.metric}__{x}"]) for x in "nab")
            out.append(_survey_status(promise, unit, pd.Timestamp(rec["month"]).date(), triple, minimums))
    return out


def _outcome_months(cur, promise: Promise, first: date, last: date) -> list[MonthStatus]:
    column, month, unit = ident(promise.metric), ident("month"), ident("unit")
    where = " WHERE " + month + " BETWEEN ? AND ?" + (" AND " + unit + " = ?" if promise.unit else "")
    params = [first, last] + ([promise.unit] if promise.unit else [])
    sql = ("SELECT " + month + ", " + unit + ", sum(" + column + ") FROM " + ident("outcomes") + where
           + " GROUP BY GROUPING SETS ((" + month + ", " + unit + "), (" + month + ")) ORDER BY 1, 2 NULLS LAST")
    out = []
    for m, u, value in cur.execute(sql, params).fetchall():
        if (u is None and promise.unit) or value is None:
            continue
        status = "kept" if keeps(float(value), promise.target, promise.direction) else "broken"
        out.append(MonthStatus(promise.promise_id, u, m, None, float(value), float(value), float(value), status,
                               "", None))
    return out


def promise_months(cur, promise: Promise, end: date | None, minimums: Minimums = Minimums(),
                   months: int = HISTORY_MONTHS) -> list[MonthStatus]:
    """Status per unit (and all units together, for a promise to every unit) and month."""
    span = window(promise, end, months) if end else None
    if span is None:
        return []
    if promise.metric in schema.OUTCOME_COLUMNS:
        return _outcome_months(cur, promise, *span)
    return _survey_months(cur, promise, *span, minimums)


def latest(statuses: list[MonthStatus]) -> list[MonthStatus]:
    """The rows of the latest month shown."""
    if not statuses:
        return []
    last = max(s.month for s in statuses)
    return [s for s in statuses if s.month == last]


def register_status(cur, promises: list[Promise], end: date | None, minimums: Minimums = Minimums()) -> dict:
    """promise id -> its month statuses (the promises page and `python -m cx promises`)."""
    return {p.promise_id: promise_months(cur, p, end, minimums) for p in promises}
