"""Signals: every touchpoint x unit series watched month by month, for a fall, before customers complain.

Why it looks like this:
- A series is one touchpoint at one unit for survey answers, or one touchpoint (all units) for
  mystery shopping and third-party interviews, which are few and reported as their own signals.
  Surveys are watched on NPS and, as early indicators, on effort (CES) and first-contact
  resolution; mystery shops on CSAT, CES and FCR.
- Each series gets its own in-control model from its reference months (alarms.fit_baseline) and an
  EWMA tuned so that all watched series together allow FALSE_ALARMS_A_YEAR false alarms a year:
  with K series, each allows one in 12 x K months (alarms.calibrate, which allows for the model
  being estimated). Live, the last WATCH_MONTHS months are watched against the up to
  REFERENCE_MONTHS before them; the backtest walks the same rule over the workspace's own history
  after its first twelve months, and counts its alarms on the series that stayed stable.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
import pandas as pd

from cx import alarms, journey, metrics, periods, stats
from cx.filters import Filters
from cx.sql import ident

WATCH_MONTHS = 6
REFERENCE_MONTHS = 24
MIN_ANSWERS = 5  # median answers a month in the reference months, below which a series is not watched
FALSE_ALARMS_A_YEAR = 1.0  # across the whole map
WATCHED = {"survey": ("nps", "ces", "fcr"), "interview": ("nps", "ces", "fcr"),
           "mystery_shopping": ("csat", "ces", "fcr")}
EARLY = ("ces", "fcr")  # worsen before NPS does
AGGREGATED = ("nps", "ces", "fcr", "csat")
COMMENTS_SHOWN = 3


@dataclass(frozen=True)
class Series:
    touchpoint: str
    unit: str | None  # None: every unit (mystery shopping, interviews) or answers without a unit
    method: str
    metric: str
    months: tuple[date, ...]
    n: np.ndarray
    a: np.ndarray
    b: np.ndarray


@dataclass(frozen=True)
class Signal:
    """A series whose chart signalled a fall in the watched months."""

    touchpoint: str
    unit: str | None
    method: str
    metric: str
    since: date  # first signal in the window
    latest: date  # latest signal
    level: float  # in control, from the reference months
    n_since: int  # answers from `since` to the end
    value: float | None  # pooled since `since`
    change: float | None  # against the reference months, with its 95% interval
    change_low: float | None
    change_high: float | None
    sure: str  # clear (the change's interval excludes zero) | watch
    early: bool  # an early indicator (effort, first-contact resolution)
    nps_since: date | None  # for an early indicator: when NPS at the same place signalled, if it has
    months: list[dict] = field(default_factory=list)  # month, n, value, watched, signal: reference and window
    comments: list[str] = field(default_factory=list)

    def link(self) -> dict:
        """Query parameters that open the journey explorer on this place and metric."""
        params = {"tp": self.touchpoint, "metric": self.metric if self.metric in journey.METRICS else "nps",
                  "period": "last_6m"}
        if self.unit:
            params["unit"] = self.unit
        if self.method != "survey":
            params["method"] = self.method
        return params

    def as_dict(self) -> dict:
        return {"touchpoint": self.touchpoint, "unit": self.unit, "method": self.method, "metric": self.metric,
                "since": self.since.isoformat()[:7], "latest": self.latest.isoformat()[:7],
                "level": round(self.level, 3), "n_since": self.n_since, "value": _round(self.value),
                "change": _round(self.change), "change_low": _round(self.change_low),
                "change_high": _round(self.change_high), "sure": self.sure, "early_indicator": self.early,
                "nps_signalled": self.nps_since.isoformat()[:7] if self.nps_since else None,
                "months": [{"month": m["month"].isoformat()[:7], "n": m["n"], "value": _round(m["value"]),
                            "signal": m["signal"]} for m in self.months if m["watched"]],
                "comments": list(self.comments)}


@dataclass(frozen=True)
class Watch:
    """The live signals: which series were watched, by what rule, and which signalled."""

    end: date | None
    watched: int
    not_watched: int
    rule: alarms.Rule | None  # the rule of a series with the most common reference length
    window: tuple[date, date] | None
    signals: list[Signal]

    def at(self, units: tuple[str, ...]) -> list[Signal]:
        """The signals of these units (and of the series that pool every unit); all when none are chosen."""
        return [s for s in self.signals if not units or s.unit is None or s.unit in units]


def _round(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), 4)


def month_grid(first: date, last: date) -> tuple[date, ...]:
    out, m = [], periods.month_start(first)
    while m <= last:
        out.append(m)
        m = periods.add_months(m, 1)
    return tuple(out)


def all_series(cur, end: date | None) -> list[Series]:
    """Every series' monthly (n, a, b) up to `end`, in one query, on one month grid."""
    parts = []
    for metric in AGGREGATED:
        parts += list(metrics.aggregate_sql(metrics.get(metric)))
    cutoff = periods.month_end(end) if end else date(9999, 12, 31)
    sql = ("SELECT " + ident("touchpoint") + ", " + ident("method") + ", CASE WHEN " + ident("method")
           + " = 'survey' THEN " + ident("unit") + " END AS u, CAST(date_trunc('month', " + ident("responded_at")
           + ") AS DATE) AS m, " + ", ".join(parts) + " FROM " + ident("customer_responses") + " WHERE "
           + ident("level") + " = 'transaction' AND " + ident("touchpoint") + " IS NOT NULL AND "
           + ident("responded_at") + " < ? + INTERVAL 1 DAY GROUP BY 1, 2, 3, 4")
    rows = cur.execute(sql, [cutoff]).fetchall()
    if not rows:
        return []
    grid = month_grid(min(r[3] for r in rows), max(r[3] for r in rows))
    month_at = {m: i for i, m in enumerate(grid)}
    keys = sorted({(r[0], r[2], r[1]) for r in rows}, key=lambda k: tuple(str(x) for x in k))  # touchpoint, unit, method
    key_at = {k: i for i, k in enumerate(keys)}
    values = np.nan_to_num(np.array([r[4:] for r in rows], float)).reshape(len(rows), len(AGGREGATED), 3)
    cells = np.zeros((len(keys), len(AGGREGATED), 3, len(grid)))
    cells[[key_at[(r[0], r[2], r[1])] for r in rows], :, :, [month_at[r[3]] for r in rows]] = values
    out = []
    for (touchpoint, unit, method), block in zip(keys, cells, strict=True):
        for metric in WATCHED.get(method, ()):
            n, a, b = block[AGGREGATED.index(metric)]
            if n.sum() > 0:
                out.append(Series(touchpoint, unit, method, metric, grid, n, a, b))
    return out


def _model(series: Series, reference: slice) -> alarms.Baseline | None:
    n = series.n[reference]
    answered = n[n > 0]
    if len(answered) < alarms.MIN_REFERENCE_MONTHS or float(np.median(answered)) < MIN_ANSWERS:
        return None
    return alarms.fit_baseline(series.metric, n, series.a[reference], series.b[reference])


def _pooled(series: Series, part: slice, leave_out: tuple[int, ...] = ()) -> tuple[float, float, float]:
    keep = np.ones(len(series.n[part]), bool)
    keep[list(leave_out)] = False
    return tuple(float(x[part][keep].sum()) for x in (series.n, series.a, series.b))


def _rules(models: list[alarms.Baseline]) -> dict[int, alarms.Rule]:
    """One rule per reference length, all tuned to the map's false-alarm budget."""
    arl0 = 12 * len(models) / FALSE_ALARMS_A_YEAR
    return {m: alarms.calibrate("ewma", float(arl0), m) for m in sorted({b.months for b in models})}


def _chart(series: Series, model: alarms.Baseline, rule: alarms.Rule, watched: slice) -> np.ndarray:
    n = series.n[watched]
    values = alarms.month_values(series.metric, n, series.a[watched], series.b[watched])
    return alarms.run_chart(model.standardise(values, n), rule)


def _signal(cur, series: Series, model: alarms.Baseline, reference: slice, watched: slice, flags: np.ndarray,
            with_comments: bool) -> Signal:
    months = series.months[watched]
    hits = np.flatnonzero(flags)
    since_index = watched.start + int(hits[0])
    since = months[int(hits[0])]
    spec = metrics.get(series.metric)
    before = _pooled(series, reference, model.left_out)
    after = _pooled(series, slice(since_index, watched.stop))
    change = metrics.change(spec, before, after)
    estimate = metrics.estimate(spec, *after)
    whole = slice(reference.start, watched.stop)
    values = alarms.month_values(series.metric, series.n[whole], series.a[whole], series.b[whole])
    signalled = np.concatenate([np.zeros(watched.start - reference.start, bool), flags])
    shown = [{"month": m, "n": int(n), "value": float(v) if n > 0 else None, "watched": i >= watched.start,
              "signal": bool(hit)}
             for i, m, n, v, hit in zip(range(reference.start, watched.stop), series.months[whole], series.n[whole],
                                        values, signalled, strict=True)]
    comments: list[str] = []
    if with_comments:
        scope = Filters(start=since, end=periods.month_end(months[-1]), touchpoint=(series.touchpoint,),
                        method=(series.method,), unit=(series.unit,) if series.unit else (), level=("transaction",))
        comments = [str(c) for c in journey.comment_page(cur, scope, page_size=COMMENTS_SHOWN)["comment"]]
    sure = "clear" if change.significant and (change.diff or 0) < 0 else "watch"
    return Signal(series.touchpoint, series.unit, series.method, series.metric, since, months[int(hits[-1])],
                  model.level, int(after[0]), estimate.value, change.diff, change.low, change.high, sure,
                  series.metric in EARLY, None, shown, comments)


def _with_nps_timing(found: list[Signal]) -> list[Signal]:
    """Early indicators learn when NPS at the same place signalled (None: not, or not yet)."""
    nps = {(s.touchpoint, s.unit, s.method): s.since for s in found if s.metric == "nps"}
    out = []
    for s in found:
        if s.early:
            s = replace(s, nps_since=nps.get((s.touchpoint, s.unit, s.method)))
        out.append(s)
    return out


def watch(cur, end: date | None) -> Watch:
    """The live signals as of `end`: the last WATCH_MONTHS months against the months before them."""
    series = all_series(cur, end)
    if not series:
        return Watch(end, 0, 0, None, None, [])
    grid = series[0].months
    stop = len(grid)
    start = max(stop - WATCH_MONTHS, 0)
    reference, watched = slice(max(start - REFERENCE_MONTHS, 0), start), slice(start, stop)
    models = [(s, _model(s, reference)) for s in series]
    usable = [(s, m) for s, m in models if m is not None]
    rules = _rules([m for _, m in usable])
    found = []
    for s, model in usable:
        flags = _chart(s, model, rules[model.months], watched)
        if flags.any():
            found.append(_signal(cur, s, model, reference, watched, flags, with_comments=True))
    found = _with_nps_timing(found)
    found.sort(key=lambda s: (s.sure != "clear", -s.latest.toordinal(), s.early, s.touchpoint, str(s.unit)))
    common = max(rules, key=lambda m: sum(1 for _, b in usable if b.months == m)) if rules else None
    return Watch(end, len(usable), len(series) - len(usable), rules.get(common), (grid[start], grid[stop - 1]), found)


@dataclass(frozen=True)
class Backtest:
    """The live rule walked over the workspace's history after its first REFERENCE months."""

    reference: tuple[date, date] | None
    watched: tuple[date, date] | None
    series: int
    rule: alarms.Rule | None
    changes: pd.DataFrame  # series whose level changed (contract test, BH): first signal, if any
    stable_series: int
    stable_months: int  # series-months watched on stable series
    false_alarms: int  # signals on stable series
    allowed_a_year: float = FALSE_ALARMS_A_YEAR

    @property
    def expected_false_alarms(self) -> float | None:
        """What the rule allows in the stable series-months watched."""
        return self.stable_months / self.rule.arl0 if self.rule and self.stable_months else None

    @property
    def false_alarms_a_year(self) -> float | None:
        """Seen on stable series, scaled to the whole map: rate per series-month x 12 x series."""
        if not self.stable_months:
            return None
        return self.false_alarms / self.stable_months * 12 * self.series

    def as_dict(self) -> dict:
        return {"reference": [d.isoformat()[:7] for d in self.reference] if self.reference else None,
                "watched": [d.isoformat()[:7] for d in self.watched] if self.watched else None,
                "series": self.series, "rule": self.rule.describe() if self.rule else None,
                "changes": [{k: (v.isoformat()[:7] if isinstance(v, date) else _round(v) if isinstance(v, float)
                                 else v) for k, v in row.items()} for row in self.changes.to_dict("records")],
                "stable_series": self.stable_series, "stable_series_months": self.stable_months,
                "false_alarms": self.false_alarms, "false_alarms_a_year": _round(self.false_alarms_a_year),
                "expected_false_alarms": _round(self.expected_false_alarms),
                "chance_range": [0, poisson_upper(self.expected_false_alarms or 0.0)],
                "allowed_a_year": self.allowed_a_year}


def poisson_upper(mean: float, level: float = 0.975) -> int:
    """The smallest k with P(X <= k) >= level for a Poisson count with this mean."""
    k, term = 0, math.exp(-mean)
    total = term
    while total < level:
        k += 1
        term *= mean / k
        total += term
    return k


CHANGE_COLUMNS = ["touchpoint", "unit", "method", "metric", "change", "change_low", "change_high", "first_signal"]


def backtest(cur, end: date | None) -> Backtest:
    """Each series' model from the first alarms.MIN_REFERENCE_MONTHS months, the rule over the rest."""
    series = all_series(cur, end)
    first_months = alarms.MIN_REFERENCE_MONTHS
    if not series or len(series[0].months) <= first_months:
        return Backtest(None, None, 0, None, pd.DataFrame(columns=CHANGE_COLUMNS), 0, 0, 0)
    grid = series[0].months
    reference, watched = slice(0, first_months), slice(first_months, len(grid))
    usable = [(s, m) for s in series if (m := _model(s, reference)) is not None]
    rules = _rules([m for _, m in usable])
    tests, charts = [], []
    for s, model in usable:
        spec = metrics.get(s.metric)
        before, after = _pooled(s, reference, model.left_out), _pooled(s, watched)
        tests.append((metrics.change(spec, before, after), stats.change_p_value(spec.kind, before, after)))
        charts.append(_chart(s, model, rules[model.months], watched))
    changed = stats.benjamini_hochberg([p for _, p in tests])
    rows, stable_months, false_alarms = [], 0, 0
    for (s, _), (change, _), flags, moved in zip(usable, tests, charts, changed, strict=True):
        if moved:
            first = grid[first_months + int(np.flatnonzero(flags)[0])] if flags.any() else None
            rows.append((s.touchpoint, s.unit, s.method, s.metric, change.diff, change.low, change.high, first))
        else:
            stable_months += int((s.n[watched] > 0).sum())
            false_alarms += int(flags.sum())
    rule = rules.get(first_months) or (next(iter(rules.values())) if rules else None)
    return Backtest((grid[0], grid[first_months - 1]), (grid[first_months], grid[-1]), len(usable), rule,
                    pd.DataFrame(rows, columns=CHANGE_COLUMNS), len(usable) - len(rows), stable_months, false_alarms)
