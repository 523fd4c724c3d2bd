"""Import profiles: the contract's JSON object, checked key by key, saved by name in a workspace."""
from __future__ import annotations

import json

import pytest

from cx.profiles import ImportProfile, ProfileError, delete_profile, list_profiles, load_profile, save_profile

FULL = {"kind": "customer_responses", "sheet": "Vastaukset", "header_row": 1, "skip_rows": 0,
        "delimiter": ";", "decimal": ",", "encoding": "utf-8", "date_format": "%d.%m.%Y",
        "missing": ["", "NA", "-", "EOS"], "columns": {"Vastauspäivä": "responded_at", "Suositteluhalukkuus": "nps"},
        "constants": {"level": "transaction", "method": "survey"}, "exclude": {"Status": ["1", "Survey Preview"]},
        "values": {"nps": {"0 - Not at all likely": 0, "10 - Extremely likely": 10},
                   "*": {"EOS": None, "En osaa sanoa": None}},
        "wide": {"value_columns": ["Verkkokauppa", "Asiakaspalvelu"], "into": "touchpoint", "metric": "csat",
                 "missing_values": [0]}}


def test_the_contract_example_survives_a_json_round_trip():
    assert json.loads(ImportProfile.from_dict(FULL).to_json()) == FULL


def test_wide_value_columns_may_map_codes_to_touchpoint_names():
    raw = {"kind": "customer_responses", "wide": {"value_columns": {"Q3_1": "Web shop"}, "into": "touchpoint",
                                                  "metric": "csat", "missing_values": [6]}}
    profile = ImportProfile.from_json(json.dumps(raw))
    assert profile.wide.value_columns == {"Q3_1": "Web shop"}
    assert json.loads(profile.to_json()) == raw


def test_only_kind_is_required():
    assert ImportProfile.from_json('{"kind": "touchpoints"}').to_dict() == {"kind": "touchpoints"}


def test_tab_may_be_written_as_a_word():
    assert ImportProfile.from_dict({"kind": "customer_responses", "delimiter": "tab"}).delimiter == "\t"


@pytest.mark.parametrize("raw, words", [
    ({"kind": "answers"}, "kind must be one of"),
    ({"kind": "customer_responses", "colums": {}}, "keys cx does not know: colums"),
    ({"kind": "customer_responses", "columns": {"X": "net_promoter"}}, "'net_promoter', which is not a column"),
    ({"kind": "customer_responses", "columns": {"A": "nps", "B": "nps"}}, "two source columns to nps"),
    ({"kind": "customer_responses", "columns": {"A": "import_id"}}, "not a column"),
    ({"kind": "customer_responses", "header_row": 0}, "header_row"),
    ({"kind": "customer_responses", "header_row": True}, "header_row"),
    ({"kind": "customer_responses", "skip_rows": -1}, "skip_rows"),
    ({"kind": "customer_responses", "delimiter": ";;"}, "one character"),
    ({"kind": "customer_responses", "decimal": ";"}, "'decimal' must be"),
    ({"kind": "customer_responses", "encoding": "utf-9"}, "text encoding"),
    ({"kind": "customer_responses", "date_format": "%Q.%m.%Y"}, "not a valid format"),
    ({"kind": "customer_responses", "date_format": "%d.%m."}, "no year"),
    ({"kind": "customer_responses", "missing": "NA"}, "'missing' must be a list"),
    ({"kind": "customer_responses", "constants": {"colour": "red"}}, "not a column"),
    ({"kind": "customer_responses", "values": {"nps": {"ten": [10]}}}, "must be text, a number"),
    ({"kind": "customer_responses", "values": {"nps": 10}}, "'values' must map"),
    ({"kind": "customer_responses", "exclude": {"Status": [{"a": 1}]}}, "must list cell texts"),
    ({"kind": "customer_responses", "wide": {"value_columns": ["A"]}}, "needs 'value_columns' and 'metric'"),
    ({"kind": "customer_responses", "wide": {"value_columns": [], "metric": "csat"}}, "non-empty"),
    ({"kind": "customer_responses", "wide": {"value_columns": ["A"], "metric": "comment"}}, "score column"),
    ({"kind": "customer_responses", "columns": {"T": "touchpoint"},
      "wide": {"value_columns": ["A"], "metric": "csat"}}, "which the wide layout fills"),
])
def test_a_bad_profile_is_refused_with_one_sentence(raw, words):
    with pytest.raises(ProfileError, match=words) as caught:
        ImportProfile.from_dict(raw)
    sentence = str(caught.value)
    assert sentence.endswith(".") and "\n" not in sentence


def test_text_that_is_not_json_is_refused_with_a_sentence():
    with pytest.raises(ProfileError, match="not valid JSON"):
        ImportProfile.from_json("{kind: customer_responses")


def test_a_json_list_is_not_a_profile():
    with pytest.raises(ProfileError, match="JSON object"):
        ImportProfile.from_json("[]")


def test_profiles_are_saved_and_loaded_by_name(workspace):
    save_profile(workspace, "Monthly Webropol", ImportProfile.from_dict(FULL))
    assert list_profiles(workspace) == ["Monthly Webropol"]
    assert load_profile(workspace, "Monthly Webropol").to_dict() == FULL
    stored = workspace.cursor().execute("SELECT kind FROM cx_profiles").fetchone()[0]
    assert stored == "customer_responses"


def test_saving_under_the_same_name_replaces_the_profile(workspace):
    save_profile(workspace, "p", ImportProfile.from_dict({"kind": "customer_responses"}))
    save_profile(workspace, "p", ImportProfile.from_dict({"kind": "touchpoints"}))
    assert load_profile(workspace, "p").kind == "touchpoints"
    assert list_profiles(workspace) == ["p"]


def test_a_deleted_profile_is_gone(workspace):
    save_profile(workspace, "p", ImportProfile.from_dict({"kind": "customer_responses"}))
    delete_profile(workspace, "p")
    with pytest.raises(ProfileError, match="no saved profile called 'p'"):
        load_profile(workspace, "p")


def test_a_profile_needs_a_name(workspace):
    with pytest.raises(ProfileError, match="name"):
        save_profile(workspace, "  ", ImportProfile.from_dict({"kind": "customer_responses"}))
