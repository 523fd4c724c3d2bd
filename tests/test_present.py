"""How figures read: change badges take their direction from the number, not from the text."""
from __future__ import annotations

import pytest

from cx import present


def test_a_significant_drop_is_red_and_points_down():
    assert present.change_style(-7.2, True) == ("red", "down")


def test_a_significant_rise_is_green_and_points_up():
    assert present.change_style(3.1, True) == ("green", "up")


@pytest.mark.parametrize("change", [-7.2, 0.0, 4.0, None, float("nan")])
def test_a_change_within_noise_is_grey_without_arrow(change):
    assert present.change_style(change, False) == ("gray", "off")


def test_a_drop_is_written_with_a_typographic_minus():
    """The reason change_style exists: Streamlit reads only an ASCII '-' as a fall."""
    assert present.change_text("nps", -7.0).startswith("−")


def test_where_lower_is_better_a_fall_is_green_and_still_points_down():
    """Costs and margins of error: a smaller figure is the good news."""
    assert present.change_style(-5.0, True, higher_is_better=False) == ("green", "down")
