"""Display labels for stored values (issue 16, point 5): the value stays the code, its label follows the language."""
from __future__ import annotations

from cx.i18n import data_labels


def test_a_value_without_a_label_is_shown_as_stored():
    assert data_labels.label({}, "touchpoint", "Web shop", "fi") == "Web shop"


def test_a_label_is_used_in_its_language_only():
    labels = {"fi": {"touchpoint": {"Web shop": "Verkkokauppa"}}}
    assert data_labels.label(labels, "touchpoint", "Web shop", "fi") == "Verkkokauppa"
    assert data_labels.label(labels, "touchpoint", "Web shop", "en") == "Web shop"


def test_unknown_kinds_are_not_stored():
    assert data_labels.clean({"fi": {"comment": {"a": "b"}, "unit": {"Online team": "Verkkotiimi"}}}) == {
        "fi": {"unit": {"Online team": "Verkkotiimi"}}}


def test_new_labels_are_added_to_the_old_ones(workspace):
    data_labels.set_labels(workspace, {"fi": {"stage": {"Onboarding": "Käyttöönotto"}}})
    data_labels.set_labels(workspace, {"fi": {"stage": {"Complaints": "Reklamaatiot"}}})
    stored = workspace.settings()[data_labels.SETTING]
    assert stored == {"fi": {"stage": {"Onboarding": "Käyttöönotto", "Complaints": "Reklamaatiot"}}}


def test_the_demo_names_its_stages_touchpoints_and_channels_in_finnish(demo_ws):
    labels = demo_ws.settings()[data_labels.SETTING]
    stages = {r[0] for r in demo_ws.cursor().execute("SELECT DISTINCT stage FROM touchpoints").fetchall()}
    touchpoints = {r[0] for r in demo_ws.cursor().execute("SELECT touchpoint FROM touchpoints").fetchall()}
    channels = {r[0] for r in demo_ws.cursor().execute("SELECT DISTINCT channel FROM customer_responses "
                                                        "WHERE channel IS NOT NULL").fetchall()}
    assert stages <= set(labels["fi"]["stage"]) and touchpoints <= set(labels["fi"]["touchpoint"])
    assert channels <= set(labels["fi"]["channel"]) and channels <= set(labels["en"]["channel"])
