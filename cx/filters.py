"""The one filter object and the one function that turns it into SQL.

Every page, the command line and every export build a `Filters`, and every
aggregate query gets its WHERE clause from `where_sql`, with values as bound
parameters and identifiers through `cx.sql.ident`.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, timedelta

from cx import schema
from cx.sql import ident

# Filter fields that are lists of allowed values, in the order they appear in the UI.
DIMENSIONS = ("segment", "channel", "unit", "level", "method", "touchpoint", "stage")


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the data to. Empty tuples mean "all"."""

    workspace: str = "demo"
    start: date | None = None  # inclusive
    end: date | None = None  # inclusive
    segment: tuple[str, ...] = ()
    channel: tuple[str, ...] = ()
    unit: tuple[str, ...] = ()
    level: tuple[str, ...] = ()
    method: tuple[str, ...] = ()
    touchpoint: tuple[str, ...] = ()
    stage: tuple[str, ...] = ()

    def with_(self, **changes) -> Filters:
        """A copy with some fields changed; lists are turned into tuples."""
        clean = {k: tuple(v) if isinstance(v, (list, set)) else v for k, v in changes.items()}
        return replace(self, **clean)

    def period_days(self) -> int | None:
        if self.start is None or self.end is None:
            return None
        return (self.end - self.start).days + 1

    def previous_period(self) -> Filters | None:
        """The period of equal length just before this one (None without a closed period)."""
        days = self.period_days()
        if days is None:
            return None
        new_end = self.start - timedelta(days=1)
        return replace(self, start=new_end - timedelta(days=days - 1), end=new_end)

    def active(self) -> dict[str, object]:
        """The fields that narrow anything, for stating filters on exports."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name != "workspace" and value not in (None, ()):
                out[f.name] = value
        return out


def where_sql(filters: Filters, table: str = "customer_responses",
              ignore: tuple[str, ...] = (), alias: str = "") -> tuple[str, list]:
    """`WHERE ...` (or "") and its parameters for `table`.

    Filters on columns that `table` does not have are skipped (the employee
    survey has no channel or segment); names in `ignore` are skipped too, so a
    chart can show all touchpoints while the others filters hold.
    """
    columns = set(schema.TABLES[table].column_names)
    prefix = f"{alias}." if alias else ""
    clauses: list[str] = []
    params: list = []
    if filters.start is not None and "period" not in ignore:
        clauses.append(f"{prefix}{ident('responded_at')} >= ?")
        params.append(filters.start)
    if filters.end is not None and "period" not in ignore:
        clauses.append(f"{prefix}{ident('responded_at')} < ?")
        params.append(filters.end + timedelta(days=1))
    for dim in DIMENSIONS:
        values = getattr(filters, dim)
        if not values or dim in ignore or dim not in columns:
            continue
        marks = ", ".join("?" for _ in values)
        clauses.append(f"{prefix}{ident(dim)} IN ({marks})")
        params.extend(values)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params
