"""Period presets count back from the last answer in the data."""
from datetime import date

from cx.periods import bounds


def test_last_three_months_are_whole_months_ending_with_the_latest_data():
    assert bounds("last_3m", date(2024, 11, 1), date(2026, 10, 17)) == (date(2026, 8, 1), date(2026, 10, 31))


def test_last_quarter_is_the_quarter_holding_the_latest_answer():
    assert bounds("last_quarter", None, date(2026, 11, 5)) == (date(2026, 10, 1), date(2026, 12, 31))


def test_all_spans_the_data():
    assert bounds("all", date(2025, 1, 3), date(2026, 2, 1)) == (date(2025, 1, 3), date(2026, 2, 1))


def test_custom_range_is_taken_as_given():
    assert bounds("custom", None, None, (date(2026, 1, 1), date(2026, 1, 31))) == (date(2026, 1, 1), date(2026, 1, 31))


def test_year_to_date_starts_in_january():
    assert bounds("ytd", None, date(2026, 3, 9)) == (date(2026, 1, 1), date(2026, 3, 9))


def _previous(start: date, end: date) -> tuple:
    from cx.filters import Filters
    from cx.periods import previous_period

    prev = previous_period(Filters(start=start, end=end))
    return prev.start, prev.end


def test_the_month_before_october_is_september_not_31_days_back():
    assert _previous(date(2026, 10, 1), date(2026, 10, 31)) == (date(2026, 9, 1), date(2026, 9, 30))


def test_the_month_before_march_is_the_whole_of_february():
    assert _previous(date(2026, 3, 1), date(2026, 3, 31)) == (date(2026, 2, 1), date(2026, 2, 28))


def test_two_whole_months_compare_with_the_two_whole_months_before():
    assert _previous(date(2026, 9, 1), date(2026, 10, 31)) == (date(2026, 7, 1), date(2026, 8, 31))


def test_a_period_of_part_months_compares_with_as_many_days_before():
    assert _previous(date(2026, 3, 10), date(2026, 3, 19)) == (date(2026, 2, 28), date(2026, 3, 9))
