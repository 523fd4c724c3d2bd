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
