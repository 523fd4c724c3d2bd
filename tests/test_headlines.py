"""What the overview leads with (issue 16, point 3): flagged changes by contacts touched, and the moves."""
from __future__ import annotations

import pandas as pd

from cx import headlines, measurement, periods, queries
from cx.filters import Filters
from cx.queries import Minimums


def _last_3m(ws) -> Filters:
    first, last = queries.date_span(ws.cursor())
    start, end = periods.bounds("last_3m", first, last)
    return Filters("demo", start, end)


def test_the_complaint_handling_drop_is_among_the_changes_that_matter(full_demo_ws):
    found = headlines.changes(full_demo_ws.cursor(), _last_3m(full_demo_ws), Minimums.of(full_demo_ws))
    drops = [f for f in found if f.values["touchpoint"] == "Complaint handling" and f.values["change"] < 0]
    assert drops and drops[0].page == "journey" and drops[0].query["tp"] == "Complaint handling"


def test_changes_are_ranked_by_contacts_touched(full_demo_ws):
    found = headlines.changes(full_demo_ws.cursor(), _last_3m(full_demo_ws), Minimums.of(full_demo_ws))
    contacts = [f.contacts for f in found]
    assert contacts == sorted(contacts, reverse=True)


def test_only_flagged_changes_lead(full_demo_ws):
    cur, filters, mins = full_demo_ws.cursor(), _last_3m(full_demo_ws), Minimums.of(full_demo_ws)
    from cx.journey import transactions

    table = queries.compare_periods(cur, transactions(filters), "nps", ["touchpoint"], None, mins)
    flagged = set(table.loc[table["significant"].astype(bool), "touchpoint"])
    for finding in headlines.changes(cur, filters, mins, metrics=("nps",)):
        if finding.values["unit"] is None:
            assert finding.values["touchpoint"] in flagged


def test_a_unit_line_that_is_the_whole_touchpoint_is_not_repeated(full_demo_ws):
    filters = _last_3m(full_demo_ws).with_(unit=("Tampere",))
    found = headlines.changes(full_demo_ws.cursor(), filters, Minimums.of(full_demo_ws))
    assert all(f.values["unit"] is None for f in found)


def test_the_measurement_move_goes_from_the_biggest_pool_to_the_clearest_drop(full_demo_ws):
    frame = measurement.simulation_frame(full_demo_ws.cursor(), _last_3m(full_demo_ws), "survey")
    move = headlines.measurement(frame)
    assert move.query == {"rule": "move", "move_from": "Web self-service", "move_to": "Complaint handling"}
    assert move.values["worst_moe"] > move.values["best_moe"]


def test_no_move_without_a_recent_drop():
    frame = pd.DataFrame({"touchpoint": ["a", "b"], "fixed": [10, 10], "movable": [5, 50],
                          "variance": [0.5, 0.5], "drop_z": [0.0, 0.0]})
    assert headlines.measurement(frame) is None


def test_sentences_use_the_workspaces_labels():
    finding = headlines.Finding("headline.change", {"touchpoint": "Web shop", "unit": "Oulu", "metric": "nps",
                                                    "value": 12.0, "low": 5.0, "high": 19.0, "n": 300,
                                                    "change": -9.0, "previous": 21.0}, "journey", {}, 1234.0)
    labels = {"touchpoint": {"Web shop": "Verkkokauppa"}}
    text = headlines.change_sentence(finding, lambda kind, v, lang: labels.get(kind, {}).get(v, v), "fi")
    assert text.startswith("Verkkokauppa · Oulu: NPS 12 (95 % 5 … 19), −9 pist.")
    assert "1\u00a0230 kontaktia" in text


def test_the_company_wide_customer_service_rise_no_longer_leads(full_demo_ws):
    """The demo plants no change at the customer-service phone; its +11-point rise (p about 0.008) passed its
    own interval but not the correction over the lead's comparisons."""
    cur, filters, mins = full_demo_ws.cursor(), _last_3m(full_demo_ws), Minimums.of(full_demo_ws)
    tables = {(metric, by): table for metric, by, table in headlines.lead_tables(cur, filters, mins)}
    phone = tables[("nps", ("touchpoint",))].set_index("touchpoint").loc["Customer service phone"]
    assert phone["significant_alone"] and not phone["significant"]
    found = headlines.changes(cur, filters, mins, limit=50)
    assert not [f for f in found if f.values["touchpoint"] == "Customer service phone" and f.values["unit"] is None]


def test_the_lead_says_how_many_comparisons_it_corrects_over(full_demo_ws):
    cur, filters, mins = full_demo_ws.cursor(), _last_3m(full_demo_ws), Minimums.of(full_demo_ws)
    assert headlines.comparisons(cur, filters, mins) > 40
