"""What each metric is: its table, its kind of figure, and how SQL aggregates it.

Three kinds of figure, per the contract:
- "nps": % promoters (9-10) minus % detractors (0-6), adjusted Wald interval;
- "share": CSAT top-2-box (4-5) or FCR true, Wilson interval, in percent;
- "mean": CES and the 1-5 items, on their own scale, with the contract's t interval, or the
  bounded-scale interval within a few answers of an end of the scale, where the t interval
  runs short or collapses (stats.scale_mean).
Every kind is aggregated in SQL into three numbers (n, a, b) so one query can
serve many metrics and no raw answers ever leave DuckDB.
"""
from __future__ import annotations

from dataclasses import dataclass

from cx import stats
from cx.schema import CUSTOMER_METRICS, EMPLOYEE_METRICS
from cx.sql import ident


@dataclass(frozen=True)
class Metric:
    name: str
    table: str
    kind: str  # nps | share | mean
    low: float  # axis range of the figure
    high: float

    @property
    def is_employee(self) -> bool:
        return self.table == "employee_responses"

    @property
    def unit(self) -> str:
        return {"nps": "points", "share": "%"}.get(self.kind, f"{self.low:g}–{self.high:g}")


def _metric(name: str) -> Metric:
    table = "employee_responses" if name in EMPLOYEE_METRICS else "customer_responses"
    if name in ("nps", "enps"):
        return Metric(name, table, "nps", -100, 100)
    if name in ("csat", "fcr"):
        return Metric(name, table, "share", 0, 100)
    if name == "ces":
        return Metric(name, table, "mean", 1, 7)
    return Metric(name, table, "mean", 1, 5)


METRICS: dict[str, Metric] = {m: _metric(m) for m in CUSTOMER_METRICS + EMPLOYEE_METRICS}


def get(name: str) -> Metric:
    """The metric called `name`, or a ValueError that lists the valid names."""
    try:
        return METRICS[name]
    except KeyError:
        raise ValueError(f"Unknown metric '{name}'. Choose one of: {', '.join(METRICS)}.") from None


def aggregate_sql(metric: Metric) -> tuple[str, str, str]:
    """SQL expressions for (n, a, b) of `metric`.

    nps: answers, promoters, detractors; share: answers, successes, 0;
    mean: answers, sum, sum of squares.
    """
    col = ident(metric.name)
    if metric.kind == "nps":
        return (f"count({col})", f"count_if({col} >= 9)", f"count_if({col} <= 6)")
    if metric.kind == "share":
        success = f"{col}" if metric.name == "fcr" else f"{col} >= 4"
        return (f"count({col})", f"count_if({success})", "0")
    as_double = f"CAST({col} AS DOUBLE)"
    return (f"count({col})", f"sum({as_double})", f"sum({as_double} * {as_double})")


def as_number(x) -> float:
    """SQL aggregates of no rows come back as NULL/NaN: count them as 0."""
    return 0.0 if x is None or x != x else float(x)


def estimate(metric: Metric, n: int, a: float, b: float) -> stats.Estimate:
    """The figure and its 95% interval from the aggregates (n, a, b)."""
    n, a, b = int(as_number(n)), as_number(a), as_number(b)
    if metric.kind == "nps":
        return (stats.enps if metric.name == "enps" else stats.nps)(int(a), int(b), n)
    if metric.kind == "share":
        return stats.wilson(int(a), n)
    return stats.scale_mean(n, a, b, metric.low, metric.high)


def change(metric: Metric, before: tuple, after: tuple) -> stats.Change:
    """Change from `before` to `after`, each an (n, a, b) tuple, with its interval."""
    (n1, a1, b1), (n2, a2, b2) = before, after
    if metric.kind == "nps":
        return stats.nps_change(int(a1), int(b1), int(n1), int(a2), int(b2), int(n2))
    if metric.kind == "share":
        return stats.share_change(int(a1), int(n1), int(a2), int(n2))
    return stats.mean_change(int(n1), float(a1), float(b1), int(n2), float(a2), float(b2), (metric.low, metric.high))
