"""The one path from filters to SQL: bound values, whitelisted identifiers."""
from __future__ import annotations

from datetime import date

import pytest

from cx.filters import Filters, where_sql
from cx.sql import ident


def test_no_filters_give_no_where():
    assert where_sql(Filters()) == ("", [])


def test_values_are_bound_never_inlined():
    hostile = "x'); DROP TABLE customer_responses; --"
    sql, params = where_sql(Filters(unit=(hostile,)))
    assert hostile not in sql
    assert params == [hostile]


def test_period_end_is_inclusive():
    sql, params = where_sql(Filters(start=date(2026, 1, 1), end=date(2026, 1, 31)))
    assert params == [date(2026, 1, 1), date(2026, 2, 1)]
    assert '"responded_at" >= ?' in sql and '"responded_at" < ?' in sql


def test_filters_on_columns_the_table_lacks_are_skipped():
    sql, params = where_sql(Filters(channel=("phone",), unit=("North",)), table="employee_responses")
    assert "channel" not in sql
    assert params == ["North"]


def test_ignored_dimensions_are_skipped():
    sql, params = where_sql(Filters(touchpoint=("Web",), unit=("A",)), ignore=("touchpoint",))
    assert params == ["A"]


def test_previous_period_has_equal_length():
    f = Filters(start=date(2026, 4, 1), end=date(2026, 6, 30))
    prev = f.previous_period()
    assert prev.end == date(2026, 3, 31)
    assert prev.period_days() == f.period_days()


def test_unknown_identifiers_are_refused():
    with pytest.raises(ValueError):
        ident("nps; DROP TABLE x")
