"""The customers-vs-employees page, headless: it opens, every choice reruns cleanly, gaps read as words."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from cx import linkage, store
from cx.filters import Filters
from cx.queries import Minimums

TAB_LABELS = ["Across units", "Side by side", "From vision to customer", "Over time", "Which driver weighs more"]


def chain_table(at):
    """The table of sentences saying where the chain breaks, per unit."""
    return next(d.value for d in at.dataframe if "Where the chain breaks" in d.value.columns)


def texts(at) -> str:
    """Everything the page wrote as text (markdown, captions, alerts), for reading like a person."""
    parts = [e.value for kind in ("title", "markdown", "caption", "info", "success", "warning", "text")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


@pytest.fixture
def page(app):
    at = app("linkage")
    assert not at.exception
    return at


def test_the_page_opens_on_the_demo_with_its_five_parts_and_a_plain_verdict(page):
    assert page.title[0].value == "Customers vs employees"
    assert [tab.label for tab in page.tabs] == TAB_LABELS
    verdict = " ".join(box.value for box in [*page.info, *page.success])
    assert "units" in verdict and "r = " in verdict


def test_every_customer_figure_can_be_chosen(page):
    for metric in linkage.CUSTOMER_CHOICES:
        page.selectbox(key="linkage_customer").set_value(metric).run()
        assert not page.exception, metric


def test_every_employee_figure_can_be_chosen(page):
    for metric in linkage.EMPLOYEE_CHOICES:
        page.selectbox(key="linkage_employee").set_value(metric).run()
        assert not page.exception, metric


def test_a_lead_moves_the_employee_quarters_back_and_says_so(page):
    page.selectbox(key="linkage_lag").set_value(1).run()
    assert not page.exception
    assert "one quarter earlier" in texts(page)
    page.selectbox(key="linkage_lag").set_value(2).run()
    assert not page.exception
    assert "two quarters earlier" in texts(page)


def test_units_can_be_ordered_every_way(page):
    for how in linkage.SORTS:
        page.selectbox(key="linkage_sort").set_value(how).run()
        assert not page.exception, how


def test_each_unit_can_be_followed_over_time(page):
    box = page.selectbox(key="linkage_unit")
    for unit in box.options[:3]:
        page.selectbox(key="linkage_unit").set_value(unit).run()
        assert not page.exception, unit
    assert "shared time axis" in texts(page)


def test_the_chain_says_in_words_where_it_breaks_for_each_unit(page):
    sentences = chain_table(page).iloc[:, 1].tolist()
    assert sentences and all(s.startswith(("Breaks", "Holds", "Staff steps", "Employee figures", "Not enough"))
                             for s in sentences)


def test_the_driver_tab_says_for_every_pair_whether_one_clearly_weighs_more(page):
    sentences = [m.value for m in page.markdown if m.value.startswith("- ")]
    assert len(sentences) == 3  # efficiency-ease, efficiency-emotion, ease-emotion
    assert all("points (95%" in s for s in sentences)
    assert any("weighs more than" in s for s in sentences)


def test_the_driver_tab_speaks_finnish(page):
    page.session_state["lang"] = "fi"
    at = page.run()
    assert "Mikä selittäjä painaa enemmän" in [tab.label for tab in at.tabs]
    assert any("pistettä (95 %" in m.value for m in at.markdown)


def test_the_page_speaks_finnish(page):
    page.session_state["lang"] = "fi"
    at = page.run()
    assert not at.exception
    assert at.title[0].value == "Asiakkaat ja henkilöstö"
    assert "Yksiköiden välillä" in [tab.label for tab in at.tabs]


def test_a_workspace_without_employee_answers_gets_a_sentence_and_a_next_step(app, monkeypatch):
    ws = store.create_workspace("shop")
    with ws.write() as cur:
        cur.executemany("INSERT INTO customer_responses (response_id, responded_at, unit, nps, touchpoint, level, "
                        "method) VALUES (?, ?, 'North', ?, 'Web', 'transaction', 'survey')",
                        [(f"c{i}", datetime(2026, 3, 1 + i % 20), i % 11) for i in range(60)])
    monkeypatch.setenv("CX_WORKSPACE", "shop")
    at = app("linkage", ws="shop")
    assert not at.exception
    said = texts(at)
    assert "no employee survey answers" in said
    assert "load the employee survey" in said
    assert not at.tabs


def small_units(monkeypatch, sizes: dict[str, int], column: str, answer) -> None:
    """Workspace "small" opened by the app: `sizes` staff per unit answering eNPS and `column` with
    answer(unit, i), all in February 2026, and 40 customers per unit."""
    ws = store.create_workspace("small")
    staff, customers = [], []
    for unit, size in sizes.items():
        staff += [(f"{unit}{i}", datetime(2026, 2, 3), unit, 9 if i % 2 else 6, answer(unit, i)) for i in range(size)]
        customers += [(f"c{unit}{i}", datetime(2026, 2, 4), unit, i % 11) for i in range(40)]
    with ws.write() as cur:
        cur.executemany("INSERT INTO employee_responses (response_id, responded_at, unit, enps, " + column + ") "
                        "VALUES (?, ?, ?, ?, ?)", staff)
        cur.executemany("INSERT INTO customer_responses (response_id, responded_at, unit, nps, touchpoint, level, "
                        "method) VALUES (?, ?, ?, ?, 'Web', 'transaction', 'survey')", customers)
    monkeypatch.setenv("CX_WORKSPACE", "small")


def test_a_small_group_is_left_out_with_a_count_and_shows_no_employee_figure(app, monkeypatch):
    small_units(monkeypatch, {"North": 12, "East": 11, "South": 9, "Tiny": 3}, "vision", lambda u, i: 2 + i % 3)
    at = app("linkage", ws="small")
    assert not at.exception
    said = texts(at)
    assert "Left out to protect employee confidentiality" in said and "2 units" in said
    assert "cannot tell" in said
    chain = chain_table(at).set_index("Unit").iloc[:, 0]
    assert chain["Tiny"] == chain["South"] == "Employee figures hidden (confidential)."
    points = at.dataframe[0].value
    assert set(points["Unit"]) == {"North", "East"}


def test_the_per_unit_table_is_offered_as_a_download_of_every_unit(page, demo_ws):
    assert "linkage_download" in {b.key for b in page.download_button}
    v = linkage.view(demo_ws.cursor(), Filters(workspace="demo", start=date(2026, 1, 1), end=date(2026, 6, 30)),
                     "nps", "enps", 0, Minimums.of(demo_ws))
    csv = linkage.unit_csv(v, "nps", "enps").decode("utf-8-sig").splitlines()
    assert csv[0].startswith("Unit,") and len(csv) == 1 + len(v.profile)


def test_staff_comments_of_a_big_enough_unit_are_listed_as_plain_text(page):
    page.selectbox(key="linkage_unit").set_value("Helsinki").run()
    assert not page.exception
    assert "What staff wrote" in [h.value for h in page.subheader]
    comments = next(d.value for d in page.dataframe if list(d.value.columns) == ["Comment"])
    assert len(comments) > 0 and comments["Comment"].map(lambda c: isinstance(c, str)).all()
    assert "at least 10 answers" in texts(page)


def test_the_comments_of_a_hidden_unit_stay_confidential(app, monkeypatch):
    small_units(monkeypatch, {"North": 14, "East": 12, "Tiny": 3}, "comment", lambda u, i: f"comment {u} {i}")
    at = app("linkage", ws="small")
    at.selectbox(key="linkage_unit").set_value("Tiny").run()
    assert not at.exception
    assert "comments stay confidential" in texts(at)
    assert "comment Tiny" not in str([d.value for d in at.dataframe])
