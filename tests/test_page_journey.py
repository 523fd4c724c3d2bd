"""The journey explorer, headless: every widget by key, the list twin and the chart-click sync."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from cx.ui import journey_charts as jc


@pytest.fixture
def journey(app):
    return lambda **query: app("journey", **query)


def test_journey_opens_on_the_demo_without_errors(journey):
    at = journey()
    assert not at.exception
    assert at.title[0].value == "Journey explorer"


def test_journey_shows_relationship_nps_above_the_map(journey):
    at = journey()
    assert at.metric[0].label.startswith("Relationship NPS")


def test_every_metric_renders(journey):
    at = journey()
    for metric in ("ces", "csat", "fcr", "efficiency", "ease", "emotion", "nps"):
        at.selectbox(key="metric").set_value(metric).run()
        assert not at.exception, metric


def test_comparing_with_a_year_earlier_renders(journey):
    at = journey()
    at.selectbox(key="compare").set_value("year").run()
    assert not at.exception


@pytest.mark.parametrize("dimension", ["channel", "segment", "unit", "level", "method"])
def test_every_heatmap_dimension_renders(journey, dimension):
    at = journey()
    at.selectbox(key="dim").set_value(dimension).run()
    assert not at.exception


def test_quarterly_trends_and_chosen_multiples_render(journey):
    at = journey()
    at.selectbox(key="grain").set_value("quarter").run()
    at.multiselect(key="journey_multiples").set_value(["Web shop", "Chat advice"]).run()
    assert not at.exception
    assert at.multiselect(key="journey_multiples").value == ["Web shop", "Chat advice"]


def test_small_multiples_start_with_the_three_worst(journey):
    at = journey()
    assert len(at.multiselect(key="journey_multiples").value) == 3
    assert "Complaint handling" in at.multiselect(key="journey_multiples").value


def test_choosing_a_touchpoint_in_the_list_narrows_the_page(journey):
    at = journey()
    frames_before = len(at.dataframe)
    at.selectbox(key="tp").set_value("Complaint handling").run()
    assert not at.exception
    assert len(at.dataframe) > frames_before
    assert at.text_input(key="journey_search") is not None


def test_comment_search_and_paging_work(journey):
    at = journey()
    at.selectbox(key="tp").set_value("Customer service phone").run()
    at.text_input(key="journey_search").set_value("system").run()
    assert not at.exception
    at.text_input(key="journey_search").set_value("").run()
    at.number_input(key="journey_page").set_value(2).run()
    assert not at.exception
    assert at.number_input(key="journey_page").value == 2


def test_a_search_with_markup_is_shown_as_plain_cells(journey):
    at = journey()
    at.selectbox(key="tp").set_value("Customer service phone").run()
    at.text_input(key="journey_search").set_value("example.com").run()
    assert not at.exception
    assert not any("example.com" in md.value for md in at.markdown)
    assert not any("example.com" in c.value for c in at.caption)


def test_every_outcome_renders(journey):
    at = journey()
    for outcome in ("transaction_nps", "csat", "ces", "relationship_nps"):
        at.selectbox(key="outcome").set_value(outcome).run()
        assert not at.exception, outcome


def test_finnish_page_has_finnish_title(journey):
    at = journey()
    at.segmented_control(key="lang").set_value("fi").run()
    assert not at.exception
    assert at.title[0].value == "Asiakaspolku"


def test_a_filter_from_the_url_still_renders(journey):
    at = journey(unit="Tampere")
    assert not at.exception


def test_a_map_click_sets_the_list_twin(monkeypatch):
    state = {jc.MAP_CHART_KEY: SimpleNamespace(selection={"tp": [{"touchpoint": "Web shop"}]})}
    monkeypatch.setattr(jc.st, "session_state", state)
    jc.on_map_click()
    assert state[jc.TOUCHPOINT_KEY] == "Web shop"
    assert state[jc.PAGE_KEY] == 1


def test_clearing_the_map_selection_widens_the_page(monkeypatch):
    state = {jc.MAP_CHART_KEY: SimpleNamespace(selection={"tp": []}), jc.TOUCHPOINT_KEY: "Web shop"}
    monkeypatch.setattr(jc.st, "session_state", state)
    jc.on_map_click()
    assert state[jc.TOUCHPOINT_KEY] == jc.ALL


def test_a_heatmap_click_sets_touchpoint_and_cell(monkeypatch):
    state = {jc.HEAT_CHART_KEY: SimpleNamespace(selection={"cell": [{"touchpoint": "Complaint handling",
                                                                     "cell": "Tampere"}]}),
             "dim": "unit"}
    monkeypatch.setattr(jc.st, "session_state", state)
    jc.on_heat_click()
    assert state[jc.TOUCHPOINT_KEY] == "Complaint handling"
    assert state[jc.CELL_KEY] == ("unit", "Tampere")


def test_a_heatmap_cell_in_session_state_narrows_the_drill_down(journey):
    at = journey()
    at.session_state[jc.TOUCHPOINT_KEY] = "Complaint handling"
    at.session_state[jc.CELL_KEY] = ("unit", "Tampere")
    at.run()
    assert not at.exception
    assert at.selectbox(key="tp").value == "Complaint handling"


# --- the charts are plain Vega-Lite specs ---------------------------------------------------------

@pytest.fixture
def demo_views(demo_ws):
    from cx import journey
    from cx.filters import Filters

    cur, filters = demo_ws.cursor(), Filters(workspace="demo")
    return SimpleNamespace(map=journey.journey_map(cur, filters, "nps"),
                           heat=journey.heatmap(cur, filters, "nps", "unit"),
                           drivers=journey.drivers(cur, filters, n_boot=50))


def _strict_json(spec: dict) -> dict:
    """The spec as the browser gets it: JSON without NaN (which JSON does not have)."""
    return json.loads(json.dumps(spec, allow_nan=False))


def test_the_map_spec_selects_a_touchpoint_with_a_click_on_a_dot(demo_views):
    spec = _strict_json(jc.map_chart(demo_views.map.table, "nps", "en"))
    (param,) = spec["params"]
    assert param["name"] == "tp" and param["select"]["fields"] == ["touchpoint"]
    dots = [layer for layer in spec["spec"]["layer"] if layer.get("name") in param["views"]]
    assert [d["mark"]["type"] for d in dots] == ["point"]


def test_the_map_spec_carries_each_figures_n_interval_and_change(demo_views):
    spec = _strict_json(jc.map_chart(demo_views.map.table, "nps", "en"))
    assert len(spec["data"]["values"]) == len(demo_views.map.table)
    assert all({"n_text", "interval", "change_text", "reading"} <= set(v) for v in spec["data"]["values"])
    tooltip = {t["field"] for layer in spec["spec"]["layer"] for t in layer["encoding"].get("tooltip", [])}
    assert {"n_text", "interval", "change_text"} <= tooltip


def test_the_heatmap_spec_selects_a_touchpoint_and_group_and_labels_each_cell_with_n(demo_views):
    spec = _strict_json(jc.heatmap_chart(demo_views.heat, "nps", "en"))
    (param,) = spec["params"]
    assert param["name"] == "cell" and param["select"]["fields"] == ["touchpoint", "cell"]
    assert all(" · n " in v["label"] for v in spec["data"]["values"])
    assert any(not v["ok"] for v in spec["data"]["values"])  # small cells are there, marked, without a value


def test_the_driver_spec_draws_each_drivers_bootstrap_interval(demo_views):
    spec = _strict_json(jc.driver_chart(demo_views.drivers.drivers, "en"))
    assert len(spec["data"]["values"]) == 3
    assert all(v["low"] <= v["share"] <= v["high"] for v in spec["data"]["values"])
    assert any(layer["encoding"].get("y2") == {"field": "high"} for layer in spec["layer"])


def test_small_multiples_fall_back_to_the_three_worst_when_the_filters_drop_every_pick(journey, demo_ws):
    sql = ("SELECT DISTINCT unit FROM customer_responses WHERE unit IS NOT NULL AND unit NOT IN "
           "(SELECT unit FROM customer_responses WHERE touchpoint = 'Web shop' AND unit IS NOT NULL) ORDER BY 1")
    unit = demo_ws.cursor().execute(sql).fetchone()[0]  # a unit that never served the web shop
    at = journey()
    at.multiselect(key="journey_multiples").set_value(["Web shop"]).run()
    at.session_state["unit"] = [unit]
    at.run()
    assert not at.exception
    picked = at.multiselect(key="journey_multiples").value
    assert picked and "Web shop" not in picked  # the worst the filter still shows (up to three)


def test_small_multiples_keep_the_picks_the_filters_still_show(journey):
    at = journey()
    at.multiselect(key="journey_multiples").set_value(["Web shop", "Chat advice"]).run()
    at.session_state["unit"] = ["Online team"]
    at.run()
    assert not at.exception
    assert set(at.multiselect(key="journey_multiples").value) <= {"Web shop", "Chat advice"}
    assert at.multiselect(key="journey_multiples").value


def test_inlined_rows_reach_every_layer_and_stay_strict_json(demo_views):
    from cx.ui import figures

    spec = _strict_json(figures.inline_rows(jc.heatmap_chart(demo_views.heat, "nps", "en")))
    assert "data" not in spec
    assert all(len(layer["data"]["values"]) == len(demo_views.heat) for layer in spec["layer"])
    drivers = figures.inline_rows(jc.driver_chart(demo_views.drivers.drivers, "en"))
    assert [len(layer["data"]["values"]) for layer in drivers["layer"]][-3:] == [3, 3, 3]  # cuts and words keep theirs
    facet = jc.map_chart(demo_views.map.table, "nps", "en")
    assert figures.inline_rows(facet) is facet  # a facet needs its rows on top


def test_the_map_table_shows_flagged_drops_first_and_too_few_last():
    import pandas as pd

    table = pd.DataFrame({"touchpoint": ["a", "b", "c", "d"], "direction": ["same", "down", "none", "up"],
                          "status": ["ok", "ok", "too_few", "ok"], "value": [10.0, 30.0, None, 50.0]})
    assert list(jc.rows_that_matter_first(table)["touchpoint"]) == ["b", "d", "a", "c"]


def test_heatmap_labels_turn_white_only_on_the_dark_ends_of_the_fixed_scale():
    import pandas as pd

    # NPS: the darkest fifth of -100..100 at either end is below -60 and above +60, whatever cells are shown
    values = pd.Series([-90.0, -70.0, -50.0, 0.0, 50.0, 70.0, 90.0, None])
    assert jc.dark_cells(values, "nps") == [True, True, False, False, False, True, True, False]
    assert jc.dark_cells(pd.Series([6.0, 8.0]), "nps") == [False, False]


def test_heatmap_colours_nps_on_a_fixed_scale_centred_on_zero():
    import pandas as pd

    table = pd.DataFrame({"touchpoint": ["a", "b"], "stage": ["s", "s"], "cell": ["x", "x"], "value": [2.0, 6.0],
                          "low": [0.0, 1.0], "high": [4.0, 9.0], "n": [100, 100], "status": ["ok", "ok"]})
    scale = jc.heatmap_chart(table, "nps", "en")["layer"][0]["encoding"]["color"]["condition"]["scale"]
    assert scale["domain"] == [-100.0, 100.0] and scale["domainMid"] == 0.0


@pytest.mark.parametrize(("metric", "domain"), [("csat", [0.0, 100.0]), ("ces", [1.0, 7.0]), ("ease", [1.0, 5.0])])
def test_heatmap_colours_other_metrics_on_their_own_fixed_scale(metric, domain):
    assert list(jc.colour_domain(metric)[:2]) == domain


def test_journey_page_compares_units_like_with_like_and_counts_its_comparisons_in_both_languages(app):
    for lang, title, count in (("en", "Units compared like with like", "comparisons; flagged after correcting"),
                               ("fi", "Yksiköt verrattuina samalla tavalla", "vertailua; merkitsevät korjattu")):
        at = app("journey", lang=lang)
        assert not at.exception
        assert title in [h.value for h in at.subheader]
        assert sum(count in c.value for c in at.caption) >= 3  # map, units table, heatmap


def test_pain_points_under_a_unit_filter_say_they_are_scaled_to_the_units_share(app):
    at = app("journey", unit="Tampere")
    assert not at.exception
    assert any("scaled by the share of its answers" in c.value for c in at.caption)
