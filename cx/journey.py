"""The journey explorer's figures: where along the journey we lose people, for whom, since when, and why.

Pure functions of a DuckDB cursor and a `Filters`; every aggregate runs in SQL
through `where_sql` (values bound, identifiers through `ident`), and every
figure carries its n, its 95% interval and the "too few answers" status from
`cx.queries`. No answer rows leave DuckDB except one page of comments: even the
key-driver analysis works from sums over random groups of answers.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from cx import metrics as m
from cx import periods, queries, stats
from cx.filters import Filters, where_sql
from cx.overview import trend_window
from cx.queries import STATUS_OK, STATUS_TOO_FEW, Minimums
from cx.sql import ident

METRICS = ("nps", "ces", "csat", "fcr", "efficiency", "ease", "emotion")
COMPARISONS = ("previous", "year")
DIMENSIONS = ("channel", "segment", "unit", "level", "method")
GRAINS = ("month", "quarter")
OUTCOMES = ("relationship_nps", "transaction_nps", "csat", "ces")
DRIVERS = ("efficiency", "ease", "emotion")
DEFAULT_STAGES = ("Need and awareness", "Information search", "Offer and purchase", "Onboarding",
                  "Use and service", "Complaints", "After-sales")
DRIVER_GROUPS = 200  # random groups of answers the key-driver bootstrap resamples
DRIVER_RESAMPLES = 500  # percentiles of 500 resamples: Monte Carlo error a few % of an interval's width
PAGE_SIZE = 20
TRANSACTION = ("transaction",)


# --- journey order -------------------------------------------------------------

def stage_orders(cur) -> dict[str, int]:
    """Stage -> its order along the journey, from the touchpoints table (may be empty)."""
    sql = ("SELECT " + ident("stage") + ", min(" + ident("stage_order") + ") FROM " + ident("touchpoints")
           + " WHERE " + ident("stage") + " IS NOT NULL AND " + ident("stage_order") + " IS NOT NULL GROUP BY 1")
    return {stage: int(order) for stage, order in cur.execute(sql).fetchall()}


def stage_key(stage, orders: dict[str, int]) -> tuple:
    """Sort key: the workspace's stage_order, then the default journey, then others alphabetically."""
    if stage is None or (isinstance(stage, float) and pd.isna(stage)):
        return (3, 0, "")
    if stage in orders:
        return (0, orders[stage], stage)
    if stage in DEFAULT_STAGES:
        return (1, DEFAULT_STAGES.index(stage), stage)
    return (2, 0, str(stage))


def order_touchpoints(frame: pd.DataFrame, orders: dict[str, int]) -> pd.DataFrame:
    """Rows sorted by stage along the journey, then touchpoint, then method; adds `position`."""
    if frame.empty:
        return frame.assign(position=pd.Series(dtype=int))
    keys = [(stage_key(s, orders), str(tp), str(meth))
            for s, tp, meth in zip(frame["stage"], frame["touchpoint"], frame.get("method", [""] * len(frame)),
                                   strict=True)]
    order = sorted(range(len(frame)), key=lambda i: keys[i])
    out = frame.iloc[order].reset_index(drop=True)
    out["position"] = range(len(out))
    return out


def transactions(filters: Filters) -> Filters:
    """Touchpoint answers only, unless the sidebar already excludes them (then nothing matches)."""
    if filters.level and "transaction" not in filters.level:
        return filters
    return filters.with_(level=TRANSACTION)


# --- periods -------------------------------------------------------------------

def _year_earlier(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year - 1, day=28)


def comparison_filters(filters: Filters, compare: str) -> Filters | None:
    """The previous period of equal length, or the same dates a year earlier."""
    if compare not in COMPARISONS:
        raise ValueError(f"compare must be one of {COMPARISONS}")
    if filters.start is None or filters.end is None:
        return None
    if compare == "previous":
        return periods.previous_period(filters)
    return filters.with_(start=_year_earlier(filters.start), end=_year_earlier(filters.end))


def direction(row: dict) -> str:
    """'up', 'down' (significant), 'same' (within noise) or 'none' (no comparison possible)."""
    change = row.get("change")
    if change is None or pd.isna(change):
        return "none"
    if not row.get("significant"):
        return "same"
    return "up" if change > 0 else "down"


# --- 1. journey map ------------------------------------------------------------

@dataclass(frozen=True)
class JourneyMap:
    metric: str
    table: pd.DataFrame  # stage, touchpoint, method, n, value, low, high, status, change..., direction, position
    relationship: dict | None  # relationship NPS with its change
    compare: str
    comparisons: int = 0  # changes in the view, flagged together (Benjamini-Hochberg at 5%)


def journey_map(cur, filters: Filters, metric: str, compare: str = "previous",
                minimums: Minimums = Minimums()) -> JourneyMap:
    """The chosen metric per touchpoint and method in journey order, with the change and its significance.

    One view is everything the room steps through on the map: the seven metrics and the
    relationship-NPS tile. Their changes are flagged together after Benjamini-Hochberg at 5%
    (contract: "Many comparisons at once"), so stepping through the metrics does not collect
    the false flags of seven separate looks; the chosen metric's table is returned.
    """
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {METRICS}")
    comparison = comparison_filters(filters, compare)
    transactions_only = transactions(filters)
    previous = transactions(comparison) if comparison else None
    tables = [_map_table(cur, transactions_only, each, previous, minimums) for each in METRICS]
    rel = _relationship(cur, filters, comparison, minimums)
    flagged = queries.flag_many(tables + ([rel] if rel is not None else []))
    count = queries.comparison_count(flagged)
    table = flagged[METRICS.index(metric)]
    if comparison is None:
        table = table.assign(significant=False)
    table["direction"] = [direction(r) for r in table.to_dict("records")]
    table = order_touchpoints(table.drop(columns=["agg"]), stage_orders(cur))
    relationship = None
    if rel is not None:
        relationship = flagged[-1].drop(columns=["agg"]).to_dict("records")[0]
        relationship["direction"] = direction(relationship)
    return JourneyMap(metric, table, relationship, compare, count)


def _map_table(cur, filters: Filters, metric: str, previous: Filters | None, minimums: Minimums) -> pd.DataFrame:
    """One metric's touchpoint-by-method figures beside the comparison period (touchpoints with answers)."""
    table = queries.compare_periods(cur, filters, metric, ["stage", "touchpoint", "method"], previous, minimums)
    return table[table["touchpoint"].notna() & (table["n"] > 0)].reset_index(drop=True)


def _relationship(cur, filters: Filters, comparison: Filters | None, minimums: Minimums) -> pd.DataFrame | None:
    """Relationship NPS beside the comparison period, when the level filter lets relationship answers in."""
    if "relationship" not in (filters.level or ("relationship",)):
        return None
    rel = queries.compare_periods(cur, filters.with_(level=("relationship",)), "nps", (),
                                  comparison.with_(level=("relationship",)) if comparison else None, minimums)
    return rel if len(rel) and rel["n"].iloc[0] else None


def worst_touchpoints(table: pd.DataFrame, k: int = 3) -> list[str]:
    """The k touchpoints with the lowest shown value (each touchpoint once)."""
    shown = table[table["status"] == STATUS_OK].sort_values(["value", "touchpoint"])
    return list(dict.fromkeys(shown["touchpoint"]))[:k]


def touchpoints_in_order(table: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(table["touchpoint"]))


# --- 2. slice and compare ------------------------------------------------------

def heatmap(cur, filters: Filters, metric: str, dimension: str, minimums: Minimums = Minimums(),
            compare: str = "previous") -> pd.DataFrame:
    """Touchpoint x dimension figures with their changes (one view: flagged by Benjamini-Hochberg over all
    its cells); cells under the minimum keep n but lose the value."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"dimension must be one of {DIMENSIONS}")
    comparison = comparison_filters(filters, compare)
    table = queries.compare_periods(cur, transactions(filters), metric, ["stage", "touchpoint", dimension],
                                    transactions(comparison) if comparison else None, minimums)
    if comparison is None:
        table = table.assign(significant=False)
    table = table[table["touchpoint"].notna() & (table["n"] > 0)].drop(columns=["agg"])
    table = table.rename(columns={dimension: "cell"})
    table["cell"] = table["cell"].fillna("–").astype(str)
    table["direction"] = [direction(r) for r in table.to_dict("records")]
    return order_touchpoints(table.assign(method=table["cell"]), stage_orders(cur)).drop(columns=["method"])


TREND_COLUMNS = ["period", "touchpoint", "n", "value", "low", "high", "status"]


def touchpoint_trends(cur, filters: Filters, metric: str, grain: str,
                      minimums: Minimums = Minimums()) -> pd.DataFrame:
    """Monthly (12) or quarterly (8) figures of every touchpoint up to the end of the period, in one query.

    The small multiples and the drill-down's trend both pick from this one (cached) table,
    so choosing other multiples or drilling into a touchpoint queries nothing more.
    """
    if grain not in GRAINS:
        return pd.DataFrame(columns=TREND_COLUMNS)
    window = trend_window(filters, 12 if grain == "month" else 24)
    return queries.trend(cur, transactions(window), metric, grain, ["touchpoint"], minimums).drop(columns=["agg"])


def trends(cur, filters: Filters, metric: str, grain: str, touchpoints: Sequence[str],
           minimums: Minimums = Minimums()) -> pd.DataFrame:
    """`touchpoint_trends` of only these touchpoints (for filters narrowed further, e.g. to a heatmap cell)."""
    if grain not in GRAINS or not touchpoints:
        return pd.DataFrame(columns=TREND_COLUMNS)
    return touchpoint_trends(cur, filters.with_(touchpoint=tuple(touchpoints)), metric, grain, minimums)


def of_touchpoint(table: pd.DataFrame, touchpoint: str) -> pd.DataFrame:
    """The rows of one touchpoint from a trend table."""
    return table[table["touchpoint"] == touchpoint].reset_index(drop=True)


# --- 3. drill down -------------------------------------------------------------

def narrowed(filters: Filters, touchpoint: str, cell: tuple[str, str] | None = None) -> Filters:
    """The filters narrowed to one touchpoint (and one heatmap cell's dimension value)."""
    out = transactions(filters).with_(touchpoint=(touchpoint,))
    if cell and cell[0] in DIMENSIONS:
        out = out.with_(**{cell[0]: (cell[1],)})
    return out


def distribution(cur, filters: Filters, minimums: Minimums = Minimums()) -> pd.DataFrame:
    """Detractors, passives and promoters: count, share and Wilson interval (percent)."""
    col = ident("nps")
    where, params = where_sql(filters)
    sql = ("SELECT count(" + col + "), count_if(" + col + " <= 6), count_if(" + col + " BETWEEN 7 AND 8), "
           "count_if(" + col + " >= 9) FROM " + ident("customer_responses") + " " + where)
    n, *counts = (int(x or 0) for x in cur.execute(sql, params).fetchone())
    rows = []
    for group, k in zip(("detractors", "passives", "promoters"), counts, strict=True):
        est = stats.wilson(k, n)
        ok = n >= minimums.min_n
        rows.append({"group": group, "count": k, "n": n, "share": est.value if ok else None,
                     "low": est.low if ok else None, "high": est.high if ok else None,
                     "status": STATUS_OK if ok else STATUS_TOO_FEW})
    return pd.DataFrame(rows)


def units_ranked(cur, filters: Filters, metric: str, minimums: Minimums = Minimums()) -> pd.DataFrame:
    """Units worst first (shown figures), then those with too few answers."""
    table = queries.metric_table(cur, filters, metric, ["unit"], minimums).drop(columns=["agg"])
    table = table[table["n"] > 0]
    table["shown"] = table["status"] == STATUS_OK
    return table.sort_values(["shown", "value", "unit"], ascending=[False, True, True]).drop(
        columns=["shown"]).reset_index(drop=True)


@dataclass(frozen=True)
class UnitComparison:
    metric: str
    table: pd.DataFrame  # unit, n, value, low, high, status, weighted, no_volume, no_answers, change..., direction
    comparisons: int  # changes in the table, flagged together (Benjamini-Hochberg at 5%)


def units_compared(cur, filters: Filters, metric: str, compare: str = "previous",
                   minimums: Minimums = Minimums()) -> UnitComparison:
    """Units like with like: each unit's touchpoint answers weighted by the company-wide contact volume of
    its touchpoints (cx.pooled), so a unit that handles more complaints is not marked down for the mix.

    The weights are the journey map's volumes over the touchpoints the unit has answers at
    (`no_answers` names the others); without volumes a unit's figure is its plain one
    (`weighted` False, `no_volume`). The changes of the table are one view.
    """
    comparison = comparison_filters(filters, compare)
    table = queries.compare_periods(cur, transactions(filters), metric, ["unit"],
                                    transactions(comparison) if comparison else None, minimums, "volume")
    if comparison is None:
        table = table.assign(significant=False)
    table = table[table["unit"].notna() & (table["n"] > 0)].drop(columns=["agg"]).reset_index(drop=True)
    table["direction"] = [direction(r) for r in table.to_dict("records")]
    table["shown"] = table["status"] == STATUS_OK
    table = table.sort_values(["shown", "value", "unit"], ascending=[False, True, True]).drop(columns=["shown"])
    return UnitComparison(metric, table.reset_index(drop=True), queries.comparison_count([table]))


def _like_pattern(text: str) -> str:
    """'%text%' with the user's own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _comment_where(filters: Filters, search: str) -> tuple[str, list]:
    where, params = where_sql(filters)
    cond = [ident("comment") + " IS NOT NULL"]
    if search.strip():
        cond.append(ident("comment") + " ILIKE ? ESCAPE '\\'")
        params = [*params, _like_pattern(search.strip())]
    return (where + " AND " if where else "WHERE ") + " AND ".join(cond), params


def comment_count(cur, filters: Filters, search: str = "") -> int:
    """How many comments match the filters and the search text."""
    where, params = _comment_where(filters, search)
    sql = "SELECT count(*) FROM " + ident("customer_responses") + " " + where
    return int(cur.execute(sql, params).fetchone()[0])


def comment_page(cur, filters: Filters, search: str = "", page: int = 1, page_size: int = PAGE_SIZE) -> pd.DataFrame:
    """One page of verbatim comments, newest first; searched (ILIKE, bound) and paged (LIMIT/OFFSET) in SQL."""
    where, params = _comment_where(filters, search)
    table = ident("customer_responses")
    cols = ", ".join(ident(c) for c in ("responded_at", "unit", "nps", "comment"))
    sql = ("SELECT " + cols + " FROM " + table + " " + where
           + " ORDER BY " + ident("responded_at") + " DESC, " + ident("response_id") + " LIMIT ? OFFSET ?")
    offset = max(int(page) - 1, 0) * page_size
    return cur.execute(sql, [*params, int(page_size), offset]).df()


def page_count(total: int, page_size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // page_size))


# --- 4. pain points ------------------------------------------------------------

NARROWING = ("unit", "segment", "channel")  # filters that pick some of a touchpoint's customers


def pain_points(cur, filters: Filters, minimums: Minimums = Minimums()) -> pd.DataFrame:
    """Touchpoints by estimated unhappy customers a month: contacts x detractor share (Wilson interval).

    Contacts: the touchpoint's volume from the journey map. When the filters pick some of its
    customers (a unit, segment or channel) the volume is scaled by their share of the
    touchpoint's answers in the period (`volume_share`), so one unit's 38 answers are not
    multiplied by the whole company's contacts. Also the share of low effort scores
    (CES 1-3) and of first-contact misses where they were asked. Touchpoints with too few
    NPS answers, or without a volume, come last.
    """
    nps, ces, fcr = ident("nps"), ident("ces"), ident("fcr")
    scoped = transactions(filters)
    where, params = where_sql(scoped)
    tp = ident("touchpoint")
    where = (where + " AND " if where else "WHERE ") + tp + " IS NOT NULL"
    sql = ("SELECT " + tp + ", count(" + nps + "), count_if(" + nps + " <= 6), count(" + ces + "), count_if("
           + ces + " <= 3), count(" + fcr + "), count_if(NOT " + fcr + ") FROM " + ident("customer_responses")
           + " " + where + " GROUP BY 1")
    counts = cur.execute(sql, params).fetchall()
    volumes = queries.touchpoint_volumes(cur)
    shares = answer_shares(cur, scoped) if any(getattr(filters, d) for d in NARROWING) else {}
    rows = [_pain_row(name, _scaled(volumes.get(name), shares.get(name, 1.0)), *(int(x or 0) for x in rest),
                      minimums.min_n) | {"company_volume": volumes.get(name), "volume_share": shares.get(name, 1.0)}
            for name, *rest in counts]
    frame = pd.DataFrame(rows, columns=[*_PAIN_COLUMNS, "company_volume", "volume_share"])
    if frame.empty:
        return frame
    frame["ranked"] = frame["unhappy"].notna()
    frame = frame.sort_values(["ranked", "unhappy", "touchpoint"], ascending=[False, False, True])
    return frame.drop(columns=["ranked"]).reset_index(drop=True)


def answer_shares(cur, filters: Filters) -> dict[str, float]:
    """Per touchpoint: the filters' answers over all its answers in the same period, level and method."""
    def per_touchpoint(f: Filters, ignore: tuple[str, ...]) -> dict[str, int]:
        where, params = where_sql(f, ignore=ignore)
        where = (where + " AND " if where else "WHERE ") + ident("touchpoint") + " IS NOT NULL"
        sql = "SELECT " + ident("touchpoint") + ", count(*) FROM " + ident("customer_responses") + " " + where \
            + " GROUP BY 1"
        return {str(name): int(n) for name, n in cur.execute(sql, params).fetchall()}

    mine, everyone = per_touchpoint(filters, ()), per_touchpoint(filters, NARROWING)
    return {tp: n / everyone[tp] for tp, n in mine.items() if everyone.get(tp)}


def _scaled(volume, share: float):
    return None if volume is None or pd.isna(volume) else volume * share


_PAIN_COLUMNS = ("touchpoint", "volume", "n", "detractors", "detractor_share", "detractor_low", "detractor_high",
                 "unhappy", "unhappy_low", "unhappy_high", "status", "ces_n", "low_ces_share", "low_ces_low",
                 "low_ces_high", "fcr_n", "fcr_miss_share", "fcr_miss_low", "fcr_miss_high")


def _share(k: int, n: int, min_n: int) -> tuple:
    if n < min_n or n == 0:
        return (None, None, None)
    est = stats.wilson(k, n)
    return (est.value, est.low, est.high)


def _pain_row(name, volume, n, det, ces_n, ces_low, fcr_n, fcr_miss, min_n) -> dict:
    share = _share(det, n, min_n)
    vol = None if volume is None or pd.isna(volume) else float(volume)
    unhappy = tuple(None if s is None or vol is None else vol * s / 100 for s in share)
    return dict(zip(_PAIN_COLUMNS, (name, vol, n, det, *share, *unhappy,
                                    STATUS_OK if n >= min_n else STATUS_TOO_FEW,
                                    ces_n, *_share(ces_low, ces_n, min_n),
                                    fcr_n, *_share(fcr_miss, fcr_n, min_n)), strict=True))


# --- 5. drivers ----------------------------------------------------------------

@dataclass(frozen=True)
class DriverView:
    outcome: str
    n: int  # complete answers the analysis used (all that matched)
    drivers: pd.DataFrame  # driver, share, low, high, weight, mean, mean_low, mean_high, mean_n, quadrant
    r_squared: float | None = None
    status: str = STATUS_OK


def outcome_filters(filters: Filters, outcome: str) -> tuple[Filters, str]:
    """The outcome's level and metric column: relationship NPS, transaction NPS, CSAT or CES."""
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {OUTCOMES}")
    if outcome == "relationship_nps":
        return filters.with_(level=("relationship",)), "nps"
    if outcome == "transaction_nps":
        return filters.with_(level=TRANSACTION), "nps"
    return filters.with_(level=TRANSACTION), outcome


def driver_moments(cur, filters: Filters, outcome_column: str,
                   groups: int = DRIVER_GROUPS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per random group of complete answers: count, column sums and cross-product sums, in one query.

    Columns are the outcome, then DRIVERS. A group is hash(response_id) modulo `groups`,
    unrelated to the answers, so the groups are a random split (see the note in
    cx.stats on why the key-driver bootstrap may resample them instead of rows). Only
    (at most) `groups` rows of sums leave DuckDB, however many answers match.
    """
    columns = [outcome_column, *DRIVERS]
    values = ["CAST(" + ident(c) + " AS DOUBLE)" for c in columns]
    pairs = [(i, j) for i in range(len(columns)) for j in range(i, len(columns))]
    where, params = where_sql(filters)
    complete = " AND ".join(ident(c) + " IS NOT NULL" for c in columns)
    where = (where + " AND " if where else "WHERE ") + complete
    # the group as a small integer: `hash % ?` alone would be HUGEINT (an untyped parameter), and grouping
    # on it took twice as long
    group = "CAST(hash(" + ident("response_id") + ") % CAST(? AS UBIGINT) AS INTEGER)"
    select = ([group + " AS g", "count(*)"] + ["sum(" + v + ")" for v in values]
              + ["sum(" + values[i] + " * " + values[j] + ")" for i, j in pairs])
    sql = ("SELECT " + ", ".join(select) + " FROM " + ident("customer_responses") + " " + where
           + " GROUP BY 1 ORDER BY 1")
    rows = np.array(cur.execute(sql, [int(groups), *params]).fetchall(), dtype=float).reshape(-1, len(select))
    p = len(columns)
    count, total = rows[:, 1], rows[:, 2:2 + p]
    cross = np.zeros((len(rows), p, p))
    for k, (i, j) in enumerate(pairs):
        cross[:, i, j] = cross[:, j, i] = rows[:, 2 + p + k]
    return count, total, cross


def quadrant(share: float, mean: float | None, share_cut: float, mean_cut: float | None,
             share_interval: tuple | None = None, mean_interval: tuple | None = None) -> str:
    """'fix' (important and weak), 'keep' (important and strong), 'watch' (minor, weak), 'fine' (minor, strong),
    or 'unclear' when an interval given crosses its cut line: the driver could sit on either side."""
    if mean is None or mean_cut is None or pd.isna(mean):
        return "unknown"
    if _crosses(share_interval, share_cut) or _crosses(mean_interval, mean_cut):
        return "unclear"
    important, weak = share >= share_cut, mean < mean_cut
    return {(True, True): "fix", (True, False): "keep", (False, True): "watch", (False, False): "fine"}[
        (important, weak)]


def _crosses(interval: tuple | None, cut: float) -> bool:
    if interval is None or any(x is None or pd.isna(x) for x in interval):
        return False
    return interval[0] < cut < interval[1]


def drivers(cur, filters: Filters, outcome: str = "relationship_nps", minimums: Minimums = Minimums(),
            n_boot: int = DRIVER_RESAMPLES, seed: int = 0, groups: int = DRIVER_GROUPS) -> DriverView:
    """Relative importance of efficiency, ease and emotion for the outcome, beside their current means.

    Uses every complete answer that matches: the correlations come from sums computed
    in DuckDB, and the bootstrap intervals resample random groups of answers
    (`driver_moments`, `stats.key_drivers_from_moments`).
    """
    scoped, column = outcome_filters(filters, outcome)
    count, total, cross = driver_moments(cur, scoped, column, groups)
    n = int(count.sum())
    agg = queries.aggregate(cur, scoped, list(DRIVERS))
    means = {d: queries.to_figures(agg, d, (), minimums).to_dict("records")[0] for d in DRIVERS}
    _, varies = stats.moment_correlations(n, total.sum(axis=0), cross.sum(axis=0))
    if n < max(minimums.min_n, 3) or not varies.all():
        empty = pd.DataFrame(columns=["driver", "share", "low", "high", "weight", "mean", "mean_low", "mean_high",
                                      "mean_n", "quadrant"])
        return DriverView(outcome, n, empty, None, STATUS_TOO_FEW)
    found = stats.key_drivers_from_moments(count, total, cross, list(DRIVERS), n_boot=n_boot, seed=seed)
    shown_means = [means[d]["value"] for d in DRIVERS if means[d]["status"] == STATUS_OK]
    mean_cut = float(np.mean(shown_means)) if shown_means else None
    share_cut = 100 / len(DRIVERS)
    records = []
    for drv in found:
        fig = means[drv.name]
        mean = fig["value"] if fig["status"] == STATUS_OK else None
        records.append({"driver": drv.name, "share": drv.share, "low": drv.low, "high": drv.high,
                        "weight": drv.weight, "mean": mean, "mean_low": fig["low"], "mean_high": fig["high"],
                        "mean_n": fig["n"], "quadrant": quadrant(drv.share, mean, share_cut, mean_cut,
                                                                 (drv.low, drv.high), (fig["low"], fig["high"]))})
    frame = pd.DataFrame(records).sort_values("share", ascending=False).reset_index(drop=True)
    r_squared = stats.r_squared_from_moments(n, total.sum(axis=0), cross.sum(axis=0))
    return DriverView(outcome, n, frame, r_squared, STATUS_OK)


def metric_kind(metric: str) -> str:
    return m.get(metric).kind
