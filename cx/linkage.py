"""Customer versus employee experience, unit by unit: the logic behind pages/linkage.py.

Windows (the lag). The customer side is the sidebar period exactly. The employee
survey runs quarterly, so the employee side is whole calendar quarters: the
quarters the customer period touches, moved `lag` quarters back. Employee
quarter q is thus paired with customer quarter q + lag; lag 0 is "the same
quarter", lag 1 "the employee survey one quarter earlier".

Across units. One point per unit that has both figures: the chosen employee
figure (x) against the chosen customer figure (y), unweighted. Pearson and
Spearman correlations with their 95% intervals (cx.stats), an ordinary least
squares line, and quadrants split at the medians of the units shown (a median
splits the units in half whatever their size; the overall figure would be
dominated by the biggest unit and would be one more employee total on screen).
A finding is stated only with at least MIN_UNITS units and when both intervals
exclude zero on the same side; otherwise the page says the data cannot tell.

Confidentiality. Employee figures come only from `cx.confidentiality.gate`: whole
survey rounds (the employee window takes the rounds whose middle answer falls in its
quarters), and only for groups made of whole pools of at least the minimum, so no
combination of the pooled figures, the quarterly series, other periods or other pages
can reveal a smaller group (docs/confidentiality.md). A unit hidden for any employee
item is hidden for all of them (showing less never makes a group derivable), left out
of the correlation and out of the downloads.
"""
from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from cx import journey, metrics, periods, present, queries, stats
from cx.confidentiality import gate, words
from cx.confidentiality.rounds import Round
from cx.filters import Filters
from cx.i18n import fmt_date, fmt_number, t
from cx.queries import STATUS_OK, STATUS_SUPPRESSED, Minimums
from cx.schema import EMPLOYEE_METRICS

CUSTOMER_CHOICES = ("nps", "ces", "csat", "fcr", "efficiency", "ease", "emotion")
EMPLOYEE_CHOICES = EMPLOYEE_METRICS
LAGS = (0, 1, 2)
EMPLOYEE_SIDE = ("culture", "technology", "physical", "wellbeing")
CUSTOMER_SIDE = ("efficiency", "ease", "emotion")
CHAIN_EMPLOYEE = ("vision", "role_clarity", "training")
CHAIN_CUSTOMER = ("nps", "ces", "fcr")
CHAIN_THRESHOLD = 3.5  # on the 1-5 scale: halfway between "neutral" and "agree"
MIN_UNITS = 5
TREND_QUARTERS = 8
SORTS = ("gap_desc", "gap_asc", "employee", "customer", "name")
QUADRANTS = ("both_strong", "staff_only", "customers_only", "both_weak", "unclear")
STATUS_NONE = "none"  # a unit with answers but none to this item: nothing to hide, nothing to show
FIGURE_COLUMNS = ["unit", "metric", "n", "value", "low", "high", "status"]


# -- windows ------------------------------------------------------------------

def quarter_start(d: date) -> date:
    return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)


def shift_quarters(d: date, quarters: int) -> date:
    """The first day of the quarter `quarters` after d's quarter (negative goes back)."""
    return periods.add_months(quarter_start(d), 3 * quarters)


def quarter_end(d: date) -> date:
    return periods.month_end(periods.add_months(quarter_start(d), 2))


def employee_window(start: date | None, end: date | None, lag: int) -> tuple[date | None, date | None]:
    """The employee quarters paired with the customer period [start, end] at `lag` quarters' lead."""
    if lag not in LAGS:
        raise ValueError(f"lag must be one of {LAGS}")
    first = shift_quarters(start, -lag) if start else None
    last = quarter_end(shift_quarters(end, -lag)) if end else None
    return first, last


def paired_customer_quarter(employee_quarter: date, lag: int) -> date:
    """The customer quarter an employee quarter is compared with."""
    return shift_quarters(employee_quarter, lag)


def quarter_label(d: date, lang: str = "en") -> str:
    return t("linkage.quarter", lang, q=(d.month - 1) // 3 + 1, year=d.year)


# -- per-unit figures ------------------------------------------------------------

def _figure_list(agg: pd.DataFrame, metric_names: Sequence[str], by: Sequence[str],
                 minimums: Minimums) -> list[dict]:
    """`queries.figure_records` for each metric, stacked: one dict per group and metric, plus the raw n.

    Plain dicts rather than one small DataFrame per metric: the page derives a dozen figures
    per unit from one query, and pandas' per-call overhead was most of its render time.
    """
    # DuckDB's count_if and sum give NULL over a group where no one answered the item: that is 0 answers.
    records = agg.to_dict("records")
    for rec in records:
        for metric in metric_names:
            for part in ("a", "b"):
                rec[f"{metric}__{part}"] = metrics.as_number(rec[f"{metric}__{part}"])
    rows = []
    for metric in metric_names:
        for rec, fig in zip(records, queries.figure_records(records, metric, by, minimums), strict=True):
            if any(pd.isna(fig[key]) for key in by):
                continue
            del fig["agg"]
            fig["metric"] = metric
            fig["raw_n"] = int(metrics.as_number(rec[f"{metric}__n"]))
            if fig["raw_n"] == 0:
                fig["status"] = STATUS_NONE
            rows.append(fig)
    return rows


def _frame(rows: list[dict], columns: Sequence[str], objects: Sequence[str] = ()) -> pd.DataFrame:
    """A DataFrame from dicts, with `objects` kept as Python objects (None stays None, counts stay int)."""
    return pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=object if c in objects else None)
                         for c in columns})


NUMBERS = ("n", "value", "low", "high")


def hide_units_everywhere(rows: list[dict]) -> list[dict]:
    """A unit hidden for one employee item is hidden for every item (in place)."""
    hidden = {r["unit"] for r in rows if r["status"] == STATUS_SUPPRESSED}
    for row in rows:
        if row["unit"] in hidden:
            row.update(n=None, value=None, low=None, high=None, status=STATUS_SUPPRESSED)
    return rows


def customer_by_unit(cur, filters: Filters, metric_names: Sequence[str], minimums: Minimums) -> pd.DataFrame:
    agg = queries.aggregate(cur, filters, list(metric_names), ["unit"])
    return _frame(_figure_list(agg, metric_names, ["unit"], minimums), FIGURE_COLUMNS)


def employee_figures(grid: gate.Grid, filters: Filters, metric_names: Sequence[str], by: Sequence[str],
                     rounds: Sequence[Round]) -> list[dict]:
    """Employee figures from the gate, one dict per group and metric (the long layout of `_figure_list`)."""
    rows = []
    for metric in metric_names:
        for fig in grid.figures(metric, filters.unit, rounds, by):
            del fig["agg"]
            fig["metric"] = metric
            rows.append(fig)
    return rows


def employee_by_unit(grid: gate.Grid, filters: Filters, rounds: Sequence[Round]) -> pd.DataFrame:
    """Every employee item per unit over whole `rounds`, with whole units hidden together."""
    rows = hide_units_everywhere(employee_figures(grid, filters, EMPLOYEE_METRICS, ["unit"], rounds))
    return _frame(rows, FIGURE_COLUMNS, NUMBERS)


def index(figs: pd.DataFrame) -> dict[str, dict[str, dict]]:
    """{metric: {unit: figure row}} of a long figure frame, read once instead of filtered per metric."""
    out: dict[str, dict[str, dict]] = {}
    for row in figs.to_dict("records"):
        out.setdefault(row["metric"], {})[row["unit"]] = row
    return out


def lookup(figs: pd.DataFrame, metric: str) -> dict[str, dict]:
    """{unit: figure row} of one metric."""
    return index(figs).get(metric, {})


def shown(row: dict | None) -> bool:
    return row is not None and row.get("status") == STATUS_OK


# -- across units ---------------------------------------------------------------------

@dataclass(frozen=True)
class Fit:
    slope: float
    intercept: float


@dataclass
class Scatter:
    points: pd.DataFrame  # unit, x, x_low, x_high, x_n, y, y_low, y_high, y_n, quadrant
    left_out: dict[str, int]
    pearson: object | None = None
    spearman: object | None = None
    fit: Fit | None = None
    x_median: float | None = None
    y_median: float | None = None
    verdict: str = "too_few_units"


def left_out_reason(x_row: dict | None, y_row: dict | None) -> str | None:
    """Why a unit is not a point of the scatter (None: it is one). Employee reasons first."""
    if x_row is not None and x_row["status"] == STATUS_SUPPRESSED:
        return "confidential"
    if x_row is None or x_row["status"] == STATUS_NONE:
        return "no_employee"
    if y_row is None or y_row["n"] == 0:
        return "no_customer"
    if y_row["status"] != STATUS_OK:
        return "too_few_customers"
    return None


def _above(value: float, median: float, low: float | None, high: float | None) -> bool | None:
    """True when the figure is on or above the middle line, False below it, None (unclear) when its 95%
    interval has values on both sides of the line. Without an interval, the figure alone decides."""
    if low is not None and high is not None and low < median and high > median:
        return None
    return value >= median


def quadrant(x: float, y: float, x_median: float, y_median: float,
             x_interval: tuple[float, float] | None = None, y_interval: tuple[float, float] | None = None) -> str:
    """Which corner a unit is in. Units on a median count as strong on that side; a unit whose 95%
    interval (on either axis) crosses the middle line is "unclear": it could be on either side."""
    staff = _above(x, x_median, *(x_interval or (None, None)))
    customers = _above(y, y_median, *(y_interval or (None, None)))
    if staff is None or customers is None:
        return "unclear"
    if staff and customers:
        return "both_strong"
    if staff:
        return "staff_only"
    if customers:
        return "customers_only"
    return "both_weak"


def least_squares(x: Sequence[float], y: Sequence[float]) -> Fit | None:
    """y = intercept + slope * x by ordinary least squares; None when x does not vary."""
    if len(x) < 2:
        return None
    mx, my = statistics.fmean(x), statistics.fmean(y)
    sxx = sum((a - mx) ** 2 for a in x)
    if sxx == 0:
        return None
    slope = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True)) / sxx
    return Fit(slope, my - slope * mx)


def _finite(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def _side(corr) -> int:
    """+1 or -1 when the 95% interval excludes zero on that side (without an interval: when the exact
    permutation test rejects no link at 5%), else 0."""
    if corr is None:
        return 0
    if not (_finite(corr.low) and _finite(corr.high)):
        p_value = getattr(corr, "p_value", None)
        if p_value is None or not _finite(corr.r) or p_value >= 0.05:
            return 0
        return 1 if corr.r > 0 else -1
    return 1 if corr.low > 0 else -1 if corr.high < 0 else 0


def verdict(pearson, spearman, n_units: int) -> str:
    """What the page may say about the link across units.

    too_few_units: under MIN_UNITS units; positive / negative: both intervals
    exclude zero on the same side; fragile: only one of them does (a unit or two
    may carry the pattern), said as "cannot tell for sure"; cannot_tell otherwise.
    """
    if n_units < MIN_UNITS or pearson is None or spearman is None:
        return "too_few_units"
    sides = (_side(pearson), _side(spearman))
    if sides in ((1, 1), (-1, -1)):
        return "positive" if sides[0] > 0 else "negative"
    if sides[0] * sides[1] == 0 and sides != (0, 0):
        return "fragile"
    return "cannot_tell"


def scatter(employee: pd.DataFrame, customer: pd.DataFrame, employee_metric: str,
            customer_metric: str) -> Scatter:
    """Points, correlations, fitted line and quadrants of one employee item against one customer figure."""
    xs, ys = index(employee).get(employee_metric, {}), index(customer).get(customer_metric, {})
    left_out = {"confidential": 0, "no_employee": 0, "no_customer": 0, "too_few_customers": 0}
    rows = []
    for unit in sorted(set(xs) | set(ys)):
        reason = left_out_reason(xs.get(unit), ys.get(unit))
        if reason:
            left_out[reason] += 1
            continue
        x, y = xs[unit], ys[unit]
        rows.append({"unit": unit, "x": float(x["value"]), "x_low": float(x["low"]), "x_high": float(x["high"]),
                     "x_n": int(x["n"]), "y": float(y["value"]), "y_low": float(y["low"]),
                     "y_high": float(y["high"]), "y_n": int(y["n"])})
    points = pd.DataFrame(rows, columns=["unit", "x", "x_low", "x_high", "x_n", "y", "y_low", "y_high", "y_n"])
    result = Scatter(points.assign(quadrant=pd.Series(dtype="object")), left_out)
    if len(points) < 2:
        return result
    x, y = points["x"].tolist(), points["y"].tolist()
    result.x_median, result.y_median = statistics.median(x), statistics.median(y)
    result.points["quadrant"] = [quadrant(p["x"], p["y"], result.x_median, result.y_median, (p["x_low"], p["x_high"]),
                                          (p["y_low"], p["y_high"])) for p in rows]
    result.fit = least_squares(x, y)
    if len(points) >= 3:
        result.pearson, result.spearman = stats.pearson(x, y), stats.spearman(x, y)
    result.verdict = verdict(result.pearson, result.spearman, len(points))
    return result


# -- side by side ----------------------------------------------------------------------

def profile(employee: pd.DataFrame, customer: pd.DataFrame, sort: str = "gap_desc") -> pd.DataFrame:
    """Per unit: the employee environments and wellbeing, the customer dimensions, and the gap.

    `staff` and `customers` are the plain means of the unit's shown 1-5 figures on
    each side (None unless every figure of that side is shown); `gap` is staff
    minus customers, so a positive gap means the staff rate their environment
    higher than customers rate the service.
    """
    units = sorted(set(employee["unit"]) | set(customer["unit"]))
    sides = ((EMPLOYEE_SIDE, index(employee), "staff"), (CUSTOMER_SIDE, index(customer), "customers"))
    rows = []
    for unit in units:
        row: dict = {"unit": unit}
        for names, figs, side in sides:
            values = []
            for metric in names:
                fig = figs.get(metric, {}).get(unit)
                row[metric] = fig["value"] if shown(fig) else None
                row[f"{metric}__status"] = fig["status"] if fig else STATUS_NONE
                values.append(row[metric])
            row[side] = statistics.fmean(values) if all(v is not None for v in values) else None
        row["gap"] = row["staff"] - row["customers"] if None not in (row["staff"], row["customers"]) else None
        rows.append(row)
    return sort_units(pd.DataFrame(rows), sort)


def sort_units(table: pd.DataFrame, how: str) -> pd.DataFrame:
    """Order the profile rows; units without the sorting figure go last, by name."""
    if how not in SORTS:
        raise ValueError(f"sort must be one of {SORTS}")
    if table.empty or how == "name":
        return table.sort_values("unit", ignore_index=True) if not table.empty else table
    column, descending = {"gap_desc": ("gap", True), "gap_asc": ("gap", False),
                          "employee": ("staff", False), "customer": ("customers", False)}[how]
    key = table[column].astype(float)
    order = sorted(range(len(table)), key=lambda i: (math.isnan(key.iloc[i]),
                                                       -key.iloc[i] if descending else key.iloc[i],
                                                       table["unit"].iloc[i]))
    return table.iloc[order].reset_index(drop=True)


# -- from vision to customer -----------------------------------------------------------------

# How far below the other units a figure must be to matter, by kind of figure: with hundreds of
# answers a 0.1 difference on a 1-5 scale is statistically clear but not worth a workshop's time.
MATERIAL_GAP = {"mean": 0.3, "nps": 10.0, "share": 5.0}


def clearly_below_others(row: dict, others: Sequence[float], margin: float = 0.0) -> bool:
    """The unit's whole 95% interval lies below the median of the other units (needs two others),
    and the unit is at least `margin` below that median."""
    if len(others) < 2 or not _finite(row.get("high")):
        return False
    middle = statistics.median(others)
    return row["high"] < middle and row["value"] <= middle - margin


def _weak_step(rows: dict[str, dict], metric: str, unit: str, threshold: float | None) -> str | None:
    """"threshold", "below_others" or None for one unit and metric."""
    row = rows.get(unit)
    others = [r["value"] for u, r in rows.items() if u != unit and shown(r)]
    if threshold is not None and row["value"] < threshold:
        return "threshold"
    if clearly_below_others(row, others, MATERIAL_GAP[metrics.get(metric).kind]):
        return "below_others"
    return None


def chain(employee: pd.DataFrame, customer: pd.DataFrame) -> pd.DataFrame:
    """Per unit: the four steps, each "ok", "weak", "hidden" or "unknown", and where the chain breaks.

    Steps 1-3 (vision, role clarity, training) are weak below CHAIN_THRESHOLD or
    when clearly below the other units (whole interval under their median and at
    least MATERIAL_GAP under it); step 4 (customers notice) is weak when NPS, CES
    or FCR is clearly below the other units. The chain breaks at the
    first weak step; `break_reason` says which rule caught it.
    """
    emp_index, cus_index = index(employee), index(customer)
    emp = {m: emp_index.get(m, {}) for m in CHAIN_EMPLOYEE}
    cus = {m: cus_index.get(m, {}) for m in CHAIN_CUSTOMER}
    units = sorted(set(employee["unit"]) | set(customer["unit"]))
    rows = []
    for unit in units:
        row: dict = {"unit": unit}
        for metric in CHAIN_EMPLOYEE:
            fig = emp[metric].get(unit)
            row[metric] = fig["value"] if shown(fig) else None
            status = "hidden" if fig and fig["status"] == STATUS_SUPPRESSED else "unknown"
            reason = _weak_step(emp[metric], metric, unit, CHAIN_THRESHOLD) if shown(fig) else None
            row[f"{metric}__step"] = ("weak" if reason else "ok") if shown(fig) else status
            row[f"{metric}__reason"] = reason
        reasons = {m: _weak_step(cus[m], m, unit, None) for m in CHAIN_CUSTOMER if shown(cus[m].get(unit))}
        for metric in CHAIN_CUSTOMER:
            fig = cus[metric].get(unit)
            row[metric] = fig["value"] if shown(fig) else None
        weak_customer = [m for m, r in reasons.items() if r]
        row["customers__step"] = "weak" if weak_customer else ("ok" if reasons else "unknown")
        row["customers__reason"] = "below_others" if weak_customer else None
        row["customers__weak"] = tuple(weak_customer)
        row.update(_first_break(row))
        rows.append(row)
    frame = pd.DataFrame(rows)
    if rows:  # keep whole numbers and None, not floats and NaN
        frame["break_step"] = pd.Series([r["break_step"] for r in rows], dtype=object)
    return frame


STEPS = (*CHAIN_EMPLOYEE, "customers")


def _first_break(row: dict) -> dict:
    for i, step in enumerate(STEPS, start=1):
        state = row[f"{step}__step"]
        if state == "weak":
            return {"break_step": i, "break_reason": row[f"{step}__reason"], "chain": "breaks"}
        if state == "hidden":
            return {"break_step": None, "break_reason": None, "chain": "hidden"}
        if state == "unknown":
            return {"break_step": None, "break_reason": None, "chain": "unknown" if i < 4 else "holds_staff"}
    return {"break_step": None, "break_reason": None, "chain": "holds"}


def chain_sentence(row: dict, lang: str = "en") -> str:
    """Where the chain breaks for one unit, in plain words."""
    if row["chain"] != "breaks":
        return t(f"linkage.chain.{row['chain']}", lang, threshold=fmt_number(CHAIN_THRESHOLD, lang, 1))
    step = row["break_step"]
    why = t(f"linkage.why.{row['break_reason']}", lang, threshold=fmt_number(CHAIN_THRESHOLD, lang, 1))
    if step == 4:
        names = ", ".join(t(f"metric.{m}", lang) for m in row["customers__weak"])
        return t("linkage.chain.break4", lang, metrics=names)
    return t(f"linkage.chain.break{step}", lang, why=why)


# -- the page's one call ----------------------------------------------------------------------

@dataclass
class View:
    """Everything the page shows for one choice of metrics and lag."""

    customer_window: tuple[date | None, date | None]
    employee_window: tuple[date | None, date | None]
    employee_rounds: tuple[Round, ...]  # the whole survey rounds the employee window stands for
    employee_answers: int  # in the whole workspace, to tell "no employee survey" from "none in this window"
    employee: pd.DataFrame
    customer: pd.DataFrame
    scatter: Scatter
    profile: pd.DataFrame
    chain: pd.DataFrame
    hidden_units: tuple[str, ...] = field(default=())


def employee_filters(filters: Filters, lag: int) -> Filters:
    start, end = employee_window(filters.start, filters.end, lag)
    return filters.with_(start=start, end=end)


def count_employee_answers(grid: gate.Grid) -> int:
    return sum(r.answers for r in grid.rounds)


def view(cur, filters: Filters, customer_metric: str, employee_metric: str, lag: int,
         minimums: Minimums, sort: str = "gap_desc") -> View:
    """Two aggregate queries (customer and employee per unit) and everything derived from them."""
    if customer_metric not in CUSTOMER_CHOICES or employee_metric not in EMPLOYEE_CHOICES:
        raise ValueError("unknown metric for the linkage page")
    wanted = tuple(dict.fromkeys((customer_metric, *CUSTOMER_SIDE, *CHAIN_CUSTOMER)))
    customer = customer_by_unit(cur, filters, wanted, minimums)
    emp_filters = employee_filters(filters, lag)
    grid = gate.build(cur, minimums.confidentiality)
    rounds = grid.snap(emp_filters.start, emp_filters.end)
    employee = employee_by_unit(grid, filters, rounds)
    hidden = tuple(sorted(set(employee.loc[employee["status"] == STATUS_SUPPRESSED, "unit"])))
    return View(
        customer_window=(filters.start, filters.end),
        employee_window=(emp_filters.start, emp_filters.end),
        employee_rounds=rounds,
        employee_answers=count_employee_answers(grid),
        employee=employee, customer=customer,
        scatter=scatter(employee, customer, employee_metric, customer_metric),
        profile=profile(employee, customer, sort),
        chain=chain(employee, customer),
        hidden_units=hidden,
    )


# -- which driver weighs more ------------------------------------------------------------------

@dataclass(frozen=True)
class DriverComparison:
    """Relationship NPS's key drivers over the period, and every pair's difference of shares."""

    n: int  # complete relationship answers
    drivers: tuple  # stats.Driver, largest share first
    differences: tuple  # stats.DriverDifference, one per pair
    status: str = STATUS_OK


def driver_comparison(cur, filters: Filters, minimums: Minimums) -> DriverComparison:
    """The journey page's key drivers of relationship NPS (same groups, resamples and seed, so the same
    shares and intervals), plus each pair's difference from those resamples: "efficiency weighs more
    than ease" is a claim only when the difference's interval leaves out zero."""
    scoped, column = journey.outcome_filters(filters, "relationship_nps")
    count, total, cross = journey.driver_moments(cur, scoped, column)
    n = int(count.sum())
    _, varies = stats.moment_correlations(n, total.sum(axis=0), cross.sum(axis=0))
    if n < max(minimums.min_n, 3) or not varies.all():
        return DriverComparison(n, (), (), queries.STATUS_TOO_FEW)
    names = list(journey.DRIVERS)
    found = stats.key_drivers_from_moments(count, total, cross, names, n_boot=journey.DRIVER_RESAMPLES)
    pairs = stats.key_driver_differences_from_moments(count, total, cross, names, n_boot=journey.DRIVER_RESAMPLES)
    ranked = tuple(sorted(found, key=lambda d: -d.share))
    return DriverComparison(n, ranked, tuple(pairs))


def difference_sentence(pair, lang: str = "en") -> str:
    """"Efficiency weighs more than Emotion: 32.8 points (95% 28.6 … 36.7)", or "the data cannot tell which
    weighs more" when 0 is inside the interval; always said from the side of the larger share."""
    first, second = t(f"metric.{pair.first}", lang), t(f"metric.{pair.second}", lang)
    if pair.diff < 0:
        first, second = second, first
    sign = 1 if pair.diff >= 0 else -1  # said from the side of the larger share
    low, high = sorted((sign * pair.low, sign * pair.high))
    figures = t("linkage.drivers.points", lang, diff=fmt_number(abs(pair.diff), lang, 1),
                low=fmt_number(low, lang, 1), high=fmt_number(high, lang, 1))
    key = "linkage.drivers.more" if pair.clear else "linkage.drivers.cannot_tell"
    return t(key, lang, first=first, second=second, figures=figures)


# -- over time ------------------------------------------------------------------------------

def trend_window(filters: Filters, lag: int) -> tuple[date | None, date | None]:
    """TREND_QUARTERS whole quarters ending with the period's last quarter, stretched back to
    cover the employee window (so every quarter in a pooled figure is also in the series)."""
    if filters.end is None:
        return None, None
    start = shift_quarters(filters.end, 1 - TREND_QUARTERS)
    emp_start, _ = employee_window(filters.start, filters.end, lag)
    if emp_start is not None:
        start = min(start, emp_start)
    return start, quarter_end(filters.end)


@dataclass
class OverTime:
    employee: pd.DataFrame  # quarter, unit, n, value, low, high, status
    customer: pd.DataFrame
    window: tuple[date | None, date | None]


def _as_date(value) -> date:
    return pd.Timestamp(value).date()


def over_time(cur, filters: Filters, customer_metric: str, employee_metric: str, lag: int,
              minimums: Minimums) -> OverTime:
    """Quarterly figures of every unit (one query a side), so switching units costs nothing. The
    employee side counts the whole rounds whose middle answer falls in each quarter, from the gate."""
    start, end = trend_window(filters, lag)
    window = filters.with_(start=start, end=end)
    by = ["quarter", "unit"]
    columns = [*by, *NUMBERS, "status", "metric"]
    grid = gate.build(cur, minimums.confidentiality)
    emp = employee_figures(grid, filters, [employee_metric], by, grid.snap(start, end))
    cus = _figure_list(queries.aggregate(cur, window, [customer_metric], by), [customer_metric], by, minimums)
    for row in cus:
        row["quarter"] = _as_date(row["quarter"])
    return OverTime(_frame(emp, columns, NUMBERS), _frame(cus, columns), (start, end))


def unit_series(table: pd.DataFrame, unit: str) -> pd.DataFrame:
    """One unit's quarters as a trend table (`period` column) for figures.trend_chart."""
    rows = table[table["unit"] == unit].rename(columns={"quarter": "period"})
    return rows.drop(columns=["unit", "metric"], errors="ignore").reset_index(drop=True)


# -- words -----------------------------------------------------------------------------------

def correlation_text(corr, lang: str = "en") -> str:
    """"r = 0.62 (95% 0.21 … 0.85)" or a dash."""
    if corr is None or not _finite(corr.r):
        return "–"
    if not (_finite(corr.low) and _finite(corr.high)):
        if getattr(corr, "p_value", None) is not None:
            return t("linkage.r_permutation", lang, r=fmt_number(corr.r, lang, 2), n=corr.n,
                     p=fmt_number(corr.p_value, lang, 3))
        return t("linkage.r_only", lang, r=fmt_number(corr.r, lang, 2))
    return t("linkage.r", lang, r=fmt_number(corr.r, lang, 2), low=fmt_number(corr.low, lang, 2),
             high=fmt_number(corr.high, lang, 2))


def verdict_text(sc: Scatter, employee_metric: str, customer_metric: str, lang: str = "en") -> str:
    names = {"x": t(f"metric.{employee_metric}", lang), "y": t(f"metric.{customer_metric}", lang)}
    return t(f"linkage.verdict.{sc.verdict}", lang, n=len(sc.points), min=MIN_UNITS,
             r=correlation_text(sc.pearson, lang), rs=correlation_text(sc.spearman, lang), **names)


def left_out_text(sc: Scatter, minimums: Minimums, lang: str = "en") -> list[str]:
    """One sentence per reason a unit is missing from the scatter; counts only, no figures."""
    out = []
    for reason, count in sc.left_out.items():
        if count:
            out.append(t(f"linkage.left_out.{reason}", lang, count=count,
                         minimum=minimums.confidentiality, min_n=minimums.min_n))
    return out


def window_text(v: View, lag: int, lang: str = "en") -> str:
    """Which customer period and which employee quarters are compared, and the whole survey rounds counted."""
    (cs, ce), (es, ee) = v.customer_window, v.employee_window
    if None in (cs, ce, es, ee):
        return words.rounds_sentence(v.employee_rounds, lang)
    return " ".join((t(f"linkage.windows.lag{lag}", lang, start=fmt_date(cs, lang), end=fmt_date(ce, lang),
                       q_start=quarter_label(es, lang), q_end=quarter_label(quarter_start(ee), lang)),
                     words.rounds_sentence(v.employee_rounds, lang)))


def value_or_status(metric: str, row: dict | None, lang: str) -> str:
    if row is None:
        return "–"
    if row["status"] == STATUS_OK:
        return present.value_text(metric, row["value"], lang)
    if row["status"] == STATUS_NONE:
        return "–"
    return present.status_text(row["status"], lang)


def quadrant_lines(sc: Scatter, lang: str = "en") -> list[str]:
    """"Both weak: Oulu, Tampere" for each quadrant that holds a unit (unit names: show as plain text)."""
    lines = []
    for q in QUADRANTS:
        units = sorted(sc.points.loc[sc.points["quadrant"] == q, "unit"])
        if units:
            lines.append(f"{t(f'linkage.quadrant.{q}', lang)}: {', '.join(units)}")
    return lines


def points_table(sc: Scatter, employee_metric: str, customer_metric: str, lang: str = "en") -> pd.DataFrame:
    """The scatter's units as text cells: each figure with its 95% interval and n, and the quadrant."""
    out = {t("dim.unit", lang): list(sc.points["unit"])}
    for axis, metric in (("x", employee_metric), ("y", customer_metric)):
        name = t(f"metric.{metric}", lang)
        out[name] = [present.value_text(metric, v, lang) for v in sc.points[axis]]
        out[f"{name} · {t('figure.interval', lang)}"] = [
            present.interval_text(metric, lo, hi, lang)
            for lo, hi in zip(sc.points[f"{axis}_low"], sc.points[f"{axis}_high"], strict=True)]
        out[f"{name} · n"] = [fmt_number(n, lang) for n in sc.points[f"{axis}_n"]]
    out[t("linkage.quadrant", lang)] = [t(f"linkage.quadrant.{q}", lang) for q in sc.points["quadrant"]]
    return pd.DataFrame(out)


# -- the per-unit table and its download ---------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Text that a spreadsheet shows as text, not runs as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def unit_table(v: View, customer_metric: str, employee_metric: str, lang: str = "en") -> pd.DataFrame:
    """The per-unit table as text cells: exactly what the page may show, hidden figures as words."""
    cus_metrics = tuple(dict.fromkeys((customer_metric, *CHAIN_CUSTOMER, *CUSTOMER_SIDE)))
    emp_metrics = tuple(dict.fromkeys((employee_metric, *EMPLOYEE_SIDE, *CHAIN_EMPLOYEE)))
    cus_index, emp_index = index(v.customer), index(v.employee)
    cus = {m: cus_index.get(m, {}) for m in cus_metrics}
    emp = {m: emp_index.get(m, {}) for m in emp_metrics}
    quadrants = dict(zip(v.scatter.points["unit"], v.scatter.points["quadrant"], strict=True))
    chains = {r["unit"]: r for r in v.chain.to_dict("records")}
    rows = []
    for unit in v.profile["unit"]:
        row = {t("dim.unit", lang): unit}
        first_c = cus[customer_metric].get(unit)
        row[t("linkage.col.customer_n", lang)] = "–" if first_c is None else fmt_number(first_c["n"], lang)
        for m in cus_metrics:
            row[t(f"metric.{m}", lang)] = value_or_status(m, cus[m].get(unit), lang)
        first_e = emp[employee_metric].get(unit)
        row[t("linkage.col.employee_n", lang)] = (fmt_number(first_e["n"], lang) if shown(first_e) else
                                                  value_or_status(employee_metric, first_e, lang))
        for m in emp_metrics:
            row[t(f"metric.{m}", lang)] = value_or_status(m, emp[m].get(unit), lang)
        q = quadrants.get(unit)
        row[t("linkage.col.quadrant", lang)] = t(f"linkage.quadrant.{q}", lang) if isinstance(q, str) else "–"
        row[t("linkage.col.chain", lang)] = chain_sentence(chains[unit], lang) if unit in chains else "–"
        rows.append(row)
    return pd.DataFrame(rows)


def unit_table_csv(table: pd.DataFrame) -> bytes:
    """The per-unit table as UTF-8 CSV (with BOM, for spreadsheets), formula-safe."""
    safe = table.map(lambda c: spreadsheet_safe(c) if isinstance(c, str) else c)
    safe.columns = [spreadsheet_safe(str(c)) for c in safe.columns]
    return safe.to_csv(index=False).encode("utf-8-sig")


def unit_csv(v: View, customer_metric: str, employee_metric: str, lang: str = "en") -> bytes:
    """The per-unit download: `unit_table` as formula-safe CSV (built only when asked for)."""
    return unit_table_csv(unit_table(v, customer_metric, employee_metric, lang))
