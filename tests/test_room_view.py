"""The room view (issue 16, points 2 and 5): chart text by locale and readable, presentation mode, the lead."""
from __future__ import annotations

import re
from pathlib import Path

from cx.i18n import chart_locale
from cx.ui import figures

ROOT = Path(__file__).resolve().parents[1]


_contrast = chart_locale.contrast_on_white


def test_every_chart_goes_through_figures_chart():
    """A new page's chart gets the locale and the room typography only through figures.chart."""
    raw = [f"{path.relative_to(ROOT)}:{i}" for folder in ("cx", "pages") for path in (ROOT / folder).rglob("*.py")
           for i, line in enumerate(path.read_text().splitlines(), 1)
           if re.search(r"\.(vega_lite_chart|altair_chart)\(", line) and path.name != "figures.py"]
    assert raw == []


def test_chart_text_is_at_least_14_px_in_4_5_to_1_contrast():
    config = chart_locale.chart_config("en")
    for part in ("axis", "legend", "header"):
        assert config[part]["labelFontSize"] >= 14 and config[part]["titleFontSize"] >= 14
        assert _contrast(config[part]["labelColor"]) >= 4.5
    assert config["text"]["fontSize"] >= 14 and _contrast(chart_locale.MUTED) >= 4.5


def test_small_or_light_text_marks_are_raised_to_the_room_minimum():
    spec = {"layer": [{"mark": {"type": "text", "fontSize": 11, "color": "#9ca3af"}}]}
    mark = chart_locale.readable_text_marks(spec)["layer"][0]["mark"]
    assert mark["fontSize"] == 14 and _contrast(mark["color"]) >= 4.5


def test_text_in_a_pale_fixed_colour_is_darkened_and_not_faded():
    spec = {"mark": {"type": "text", "color": "#8c6bb1", "opacity": 0.8}}
    mark = chart_locale.readable_text_marks(spec)["mark"]
    assert _contrast(mark["color"]) >= 4.5 and "opacity" not in mark


def test_text_in_a_categorys_colour_is_drawn_in_the_text_colour():
    spec = {"mark": {"type": "text"}, "encoding": {"color": {"field": "unit", "type": "nominal"}}}
    assert chart_locale.readable_text_marks(spec)["encoding"]["color"] == {"value": chart_locale.TEXT}


def test_finnish_charts_format_numbers_and_months_the_finnish_way():
    locale = chart_locale.chart_config("fi")["locale"]
    assert locale["number"]["decimal"] == "," and locale["number"]["thousands"] == "\u00a0"
    assert locale["time"]["shortMonths"][0] == "tammi"
    assert chart_locale.chart_config("en")["locale"]["number"]["decimal"] == "."


def test_a_charts_own_config_wins_over_the_defaults():
    spec = chart_locale.with_config({"config": {"axis": {"labelLimit": 300}}}, "fi")
    assert spec["config"]["axis"]["labelLimit"] == 300 and spec["config"]["axis"]["labelFontSize"] == 14


def test_trend_axes_leave_month_names_to_the_locale():
    import pandas as pd

    table = pd.DataFrame({"period": [pd.Timestamp("2026-01-01")], "value": [10.0], "low": [5.0], "high": [15.0],
                          "n": [100], "status": ["ok"]})
    spec = figures.trend_chart(table, "nps", "fi")
    assert spec["encoding"]["x"]["axis"]["format"] == "%b %Y"


def test_presentation_mode_hides_the_sidebar_and_states_the_filters(app):
    at = app("journey", present="1", unit="Tampere", lang="fi")
    assert not at.exception
    css = " ".join(m.value for m in at.markdown)
    assert "stSidebar" in css and "display: none" in css
    line = at.caption[0].value
    assert "Työtila: demo" in line and "Yksikkö: Tampere" in line
    assert at.query_params["present"] == "1"


def test_presentation_mode_survives_a_page_switch_and_can_be_left(app):
    from conftest import page_file

    at = app(present="1")
    at.switch_page(page_file("linkage")).run()
    assert at.query_params["present"] == "1"
    at.button(key="present_stop").click().run()
    assert "present" not in at.query_params
    assert "display: none" not in " ".join(m.value for m in at.markdown)
