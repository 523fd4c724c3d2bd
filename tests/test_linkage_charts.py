"""The customers-vs-employees and simulator charts: plain Vega-Lite specs that keep every n and interval.

The pages draw these with st.vega_lite_chart; Altair is not involved. A spec must survive strict
JSON (a NaN would break the browser's parser), and what a person reads in a tooltip must still
carry the figure's 95% interval and n, hidden employee figures as words, never as numbers.
"""
from __future__ import annotations

import json
from datetime import date

import pandas as pd

from cx import linkage
from cx.ui import linkage_charts as charts
from cx.ui import simulator_widgets as sim

UNITS = ("North", "South", "East", "West", "Centre")


def long_figures(metric: str, values: dict[str, float | None], n: int = 40, half: float = 0.2) -> pd.DataFrame:
    """One metric per unit in the page's long figure layout; None means hidden (confidential)."""
    rows = []
    for unit, value in values.items():
        hidden = value is None
        rows.append({"unit": unit, "metric": metric, "n": None if hidden else n, "value": value,
                     "low": None if hidden else value - half, "high": None if hidden else value + half,
                     "status": "suppressed" if hidden else "ok"})
    return pd.DataFrame(rows, columns=linkage.FIGURE_COLUMNS)


def strict_json(spec: dict) -> dict:
    """The spec as the browser gets it: JSON without NaN or Infinity."""
    return json.loads(json.dumps(spec, allow_nan=False))


def layer_values(spec: dict) -> list[dict]:
    return spec["data"]["values"]


def a_scatter() -> linkage.Scatter:
    employee = long_figures("technology", dict(zip(UNITS, (2.5, 3.0, 3.5, 4.0, 4.5), strict=True)))
    customer = long_figures("nps", dict(zip(UNITS, (-10.0, 0.0, 12.0, 20.0, 31.0), strict=True)), half=8)
    return linkage.scatter(employee, customer, "technology", "nps")


def test_the_scatter_is_a_plain_spec_with_one_labelled_point_per_unit():
    spec = strict_json(charts.scatter_chart(a_scatter(), "technology", "nps", "en"))
    points = layer_values(spec)
    assert sorted(p["unit"] for p in points) == sorted(UNITS)
    label_layers = [layer for layer in spec["layer"] if layer.get("encoding", {}).get("text", {}).get("field") == "unit"]
    assert len(label_layers) == 2  # labels right of their point, or left where the right is taken


def test_every_scatter_tooltip_carries_the_95_percent_interval_and_n_of_both_figures():
    points = layer_values(charts.scatter_chart(a_scatter(), "technology", "nps", "en"))
    for point in points:
        for text in (point["x_text"], point["y_text"]):
            assert "(95% " in text and "n = 40" in text


def test_the_scatter_draws_the_fitted_line_and_the_median_split():
    spec = charts.scatter_chart(a_scatter(), "technology", "nps", "en")
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks.count("line") == 1
    assert sum(1 for layer in spec["layer"] if layer["mark"].get("strokeDash")) == 2


def test_a_hidden_employee_cell_reaches_the_side_by_side_chart_as_null_with_the_word_hidden():
    values = {"North": 4.0, "South": 3.0, "East": None}
    employee = pd.concat([long_figures(m, values) for m in linkage.EMPLOYEE_SIDE], ignore_index=True)
    customer = pd.concat([long_figures(m, {u: 3.5 for u in values}) for m in linkage.CUSTOMER_SIDE],
                         ignore_index=True)
    spec = strict_json(charts.profile_chart(linkage.profile(employee, customer), "en"))
    staff = layer_values(spec["hconcat"][0])
    east = [cell for cell in staff if cell["unit"] == "East"]
    assert east and all(cell["value"] is None and cell["text"] == "–" for cell in east)
    assert all(cell["note"] == "hidden (confidential)" for cell in east)
    gaps = {g["unit"]: g["text"] for g in layer_values(spec["hconcat"][2])}
    assert gaps == {"North": "+0.50", "South": "−0.50", "East": "–"}


def test_the_chain_chart_has_four_steps_for_every_unit():
    chain = linkage.chain(long_figures("vision", {"North": 4.0, "South": 3.0}),
                          long_figures("nps", {"North": 20.0, "South": 10.0}, half=5))
    cells = layer_values(strict_json(charts.chain_chart(chain, "en")))
    assert len(cells) == 2 * len(linkage.STEPS)


def quarters(values: list[float | None], n: int = 12) -> pd.DataFrame:
    rows = []
    for i, value in enumerate(values):
        hidden = value is None
        rows.append({"period": date(2026, 1 + 3 * i, 1), "n": None if hidden else n, "value": value,
                     "low": None if hidden else value - 5, "high": None if hidden else value + 5,
                     "status": "suppressed" if hidden else "ok"})
    return pd.DataFrame(rows)


def test_the_two_time_charts_share_one_time_axis_and_mark_hidden_quarters_without_a_figure():
    top, bottom = charts.over_time_charts(quarters([10.0, None, 14.0]), quarters([20.0, 22.0, 25.0], n=300),
                                          "enps", "nps", (date(2026, 1, 1), date(2026, 9, 30)), "en")
    top, bottom = strict_json(top), strict_json(bottom)
    assert top["layer"][0]["encoding"]["x"]["scale"] == bottom["layer"][0]["encoding"]["x"]["scale"]
    hidden = [q for q in layer_values(top) if q["status"] != "ok"]
    assert [(q["value"], q["shown"], q["n_text"]) for q in hidden] == [(None, "hidden (confidential)", "–")]
    shown = layer_values(bottom)
    assert [q["interval"] for q in shown] == ["15 … 25", "17 … 27", "20 … 30"]
    assert [q["n_text"] for q in shown] == ["300"] * 3


def test_the_simulator_chart_is_a_plain_spec_with_every_touchpoint_before_and_after():
    comparison = pd.DataFrame({"touchpoint": ["Web", "Phone"], "n_before": [600, 60], "n_after": [300, 360],
                               "moe_before": [6.0, 15.8], "moe_after": [8.5, 6.4]})
    comparison["moe_change"] = comparison["moe_after"] - comparison["moe_before"]
    spec = sim.moe_chart(comparison, "en")
    rows = {r["touchpoint"]: r for r in spec["data"]["values"]}
    assert rows["Web"]["change"] == "less precise" and rows["Web"]["after"] == 8.5
    assert rows["Phone"]["change"] == "more precise" and rows["Phone"]["n_after"] == 360
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rule", "point", "point"]
