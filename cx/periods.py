"""Period presets, relative to the latest answer in the data (not to today).

A workshop often runs on an export that ended weeks ago; "last 3 months" should
mean the last three months that have data, so a shared URL shows the same view.
"""
from __future__ import annotations

from datetime import date, timedelta

PRESETS = ("last_month", "last_3m", "last_6m", "last_12m", "last_quarter", "ytd", "all", "custom")


def month_start(d: date) -> date:
    return d.replace(day=1)


def add_months(d: date, months: int) -> date:
    """First day of the month `months` after d's month (negative goes back)."""
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(d: date) -> date:
    return add_months(d, 1) - timedelta(days=1)


def bounds(preset: str, first: date | None, last: date | None,
           custom: tuple[date, date] | None = None) -> tuple[date | None, date | None]:
    """(start, end) inclusive for a preset, given the data's first and last dates."""
    if preset == "custom" and custom:
        return custom
    if last is None or preset in ("all", "custom"):
        return first, last
    months = {"last_month": 1, "last_3m": 3, "last_6m": 6, "last_12m": 12}.get(preset)
    if months:
        return add_months(last, 1 - months), month_end(last)
    if preset == "last_quarter":
        q_start = date(last.year, 3 * ((last.month - 1) // 3) + 1, 1)
        return q_start, month_end(add_months(q_start, 2))
    if preset == "ytd":
        return date(last.year, 1, 1), last
    raise ValueError(f"unknown period preset {preset!r}")


def whole_months(start: date, end: date) -> int | None:
    """How many calendar months [start, end] spans when it is whole months (first day to last day), else None."""
    if start.day != 1 or end != month_end(end):
        return None
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return months if months > 0 else None


def previous_period(filters):
    """The period just before the filters' one, of equal length: whole calendar months when the period is
    whole months (October -> September, not 31 days back to 31 August), else the same number of days.

    None without a closed period. `filters` is a `cx.filters.Filters`.
    """
    if filters.start is None or filters.end is None:
        return None
    months = whole_months(filters.start, filters.end)
    if months is None:
        return filters.previous_period()
    return filters.with_(start=add_months(filters.start, -months), end=filters.start - timedelta(days=1))
