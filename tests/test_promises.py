"""Customer promises: the register, the kept/broken/not-yet-known rule, drafts, and the demo's three promises."""
from __future__ import annotations

import math
from datetime import date, datetime

import pytest

from cx import schema, stats, store
from cx.commitments import drafts, keeping, register
from cx.commitments.register import Promise
from cx.filters import Filters
from cx.queries import Minimums


def _promise(**changes) -> Promise:
    base = dict(promise_id="P-9", promise="We answer fast.", problem="Queues", touchpoint="Shop", unit="A",
                metric="fcr", target=50.0, direction="at_least", valid_from=date(2026, 1, 1), proposed_by="Team A")
    return Promise(**{**base, **changes})


def _answers(ws, month: date, touchpoint: str, unit: str, fcr: list[bool]) -> None:
    with ws.write() as cur:
        cur.executemany("INSERT INTO customer_responses (response_id, responded_at, level, touchpoint, unit, method, "
                        "fcr) VALUES (?, ?, 'transaction', ?, ?, 'survey', ?)",
                        [[f"{touchpoint}-{unit}-{month}-{i}", datetime(month.year, month.month, 10), touchpoint, unit,
                          v] for i, v in enumerate(fcr)])


# --- the rule ---------------------------------------------------------------------------------

@pytest.mark.parametrize("low, high, direction, status", [
    (50.0, 70.0, "at_least", "kept"),  # touching the target from above: 50 itself keeps 'at least 50'
    (40.0, 50.0, "at_least", "unknown"),  # touching it from below: 50 is still possible, so not broken
    (40.0, 49.9, "at_least", "broken"),
    (50.1, 70.0, "at_least", "kept"),
    (30.0, 50.0, "at_most", "kept"),
    (50.0, 60.0, "at_most", "unknown"),
    (50.1, 60.0, "at_most", "broken"),
    (45.0, 55.0, "at_most", "unknown"),
])
def test_a_promise_is_decided_only_when_every_value_in_the_interval_agrees(low, high, direction, status):
    assert keeping.judge(low, high, 50.0, direction) == status


def test_a_month_under_the_minimum_is_not_yet_known_even_when_its_interval_would_decide(workspace):
    _answers(workspace, date(2026, 1, 1), "Shop", "A", [True] * 29)  # Wilson 88 ... 100: clear of 50, but n < 30
    (month,) = keeping.promise_months(workspace.cursor(), _promise(), date(2026, 1, 31), Minimums(min_n=30))
    assert (month.status, month.reason, month.n, month.value) == ("unknown", "too_few", 29, None)
    assert month.answers_needed == 30


def test_at_the_minimum_the_interval_decides(workspace):
    _answers(workspace, date(2026, 1, 1), "Shop", "A", [True] * 30)
    (month,) = keeping.promise_months(workspace.cursor(), _promise(), date(2026, 1, 31), Minimums(min_n=30))
    assert month.status == "kept" and month.low == pytest.approx(stats.wilson(30, 30).low)


def test_a_broken_month_has_its_whole_interval_below_the_target(workspace):
    _answers(workspace, date(2026, 2, 1), "Shop", "A", [True] * 8 + [False] * 32)  # 20 %, Wilson 10.5 ... 34.8
    (month,) = keeping.promise_months(workspace.cursor(), _promise(valid_from=date(2026, 2, 1)), date(2026, 2, 28))
    assert month.status == "broken" and month.high < 50


def test_not_yet_known_says_how_many_answers_a_month_would_decide_it(workspace):
    _answers(workspace, date(2026, 3, 1), "Shop", "A", [True] * 16 + [False] * 24)  # 40 % of 40: Wilson reaches 50
    (month,) = keeping.promise_months(workspace.cursor(), _promise(valid_from=date(2026, 3, 1)), date(2026, 3, 31))
    assert month.status == "unknown" and month.reason == "undecided"

    def wilson_high(n: int, p: float = 0.4, z: float = 1.96) -> float:  # written out again, by hand
        return (p + z * z / (2 * n) + z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)

    first_deciding = next(n for n in range(2, 10_000) if 100 * wilson_high(n) < 50)
    assert month.answers_needed == first_deciding


def test_answers_to_decide_an_nps_promise_with_no_passives_at_all():
    # 1 promoter and 9 detractors of 10 (NPS -80) against at least -70: scaled counts must still fit in n
    needed = keeping.answers_to_decide("nps", (10, 1, 9), -70.0, "at_least", 30)
    assert needed is not None and needed >= 30
    est = stats.nps(0.1 * needed, 0.9 * needed - 1e-9, needed)
    assert est.high < -70


def test_a_figure_exactly_on_the_target_cannot_be_decided_by_more_answers():
    assert keeping.answers_to_decide("fcr", (40, 20, 0), 50.0, "at_least", 30) is None


def test_a_promise_to_every_unit_is_judged_per_unit_and_for_all_units_together(workspace):
    _answers(workspace, date(2026, 1, 1), "Shop", "A", [True] * 40)
    _answers(workspace, date(2026, 1, 1), "Shop", "B", [False] * 40)
    months = keeping.promise_months(workspace.cursor(), _promise(unit=None), date(2026, 1, 31))
    assert {(m.unit, m.status) for m in months} == {("A", "kept"), ("B", "broken"), (None, "unknown")}


def test_an_outcome_promise_compares_the_month_count_as_it_is(workspace):
    with workspace.write() as cur:
        cur.execute("INSERT INTO outcomes (month, unit, segment, customers, churned, revenue, complaints) VALUES "
                    "('2026-01-01', 'A', 'x', 100, 1, 10.0, 20), ('2026-01-01', 'A', 'y', 100, 1, 10.0, 21)")
    promise = _promise(metric="complaints", target=40.0, direction="at_most", touchpoint=None)
    months = keeping.promise_months(workspace.cursor(), promise, date(2026, 1, 31))
    assert {(m.unit, m.value, m.status, m.n) for m in months} == {("A", 41.0, "broken", None)}


# --- the register -------------------------------------------------------------------------------

def test_the_promises_table_follows_the_contract(workspace):
    columns = workspace.cursor().execute("SELECT column_name, data_type FROM information_schema.columns WHERE "
                                         "table_name = 'promises' ORDER BY ordinal_position").fetchall()
    assert columns == [("promise_id", "VARCHAR"), ("promise", "VARCHAR"), ("problem", "VARCHAR"),
                       ("touchpoint", "VARCHAR"), ("unit", "VARCHAR"), ("metric", "VARCHAR"), ("target", "DOUBLE"),
                       ("direction", "VARCHAR"), ("valid_from", "DATE"), ("proposed_by", "VARCHAR")]


def test_an_old_workspace_gains_the_promises_table_when_opened(workspace):
    with workspace.write() as cur:
        cur.execute("DROP TABLE promises")
        cur.execute("UPDATE cx_meta SET value = '1' WHERE key = 'schema_version'")
    store.close_workspace("test")
    reopened = store.open_workspace("test")
    assert reopened.schema_version() == schema.SCHEMA_VERSION
    assert reopened.cursor().execute("SELECT count(*) FROM promises").fetchone() == (0,)


def test_rows_with_a_problem_are_left_out_with_a_reason_and_the_rest_load():
    rows = [
        {"promise_id": "A", "promise": "Fast", "metric": "FCR", "target": "80,5", "direction": "vähintään",
         "valid_from": "1.3.2026"},
        {"promise_id": "B", "promise": "Slow", "metric": "speed", "target": "x", "direction": "up",
         "valid_from": "03/04/2026"},
        {"promise_id": "A", "promise": "Again", "metric": "nps", "target": 10, "direction": "at_least",
         "valid_from": "2026-03"},
        {"promise_id": "C", "promise": "", "metric": "nps", "target": 120, "direction": "at_least",
         "valid_from": date(2026, 3, 5)},
        {},
    ]
    accepted, problems = register.check(rows)
    assert accepted == [Promise("A", "Fast", None, None, None, "fcr", 80.5, "at_least", date(2026, 3, 1), None)]
    assert {(p.line, p.code) for p in problems} == {
        (2, "promises.problem.metric"), (2, "promises.problem.number"), (2, "promises.problem.direction"),
        (2, "promises.problem.month"), (3, "promises.problem.duplicate_id"), (4, "promises.problem.missing"),
        (4, "promises.problem.target_range")}


def test_every_problem_reads_in_both_languages():
    from cx.commitments import wording

    _, problems = register.check([{"promise_id": "B", "metric": "speed", "target": "x", "direction": "up",
                                   "valid_from": "03/04/2026"}])
    for problem in problems:
        english, finnish = wording.problem_text(problem, "en"), wording.problem_text(problem, "fi")
        assert english != finnish and "promises." not in english + finnish


def test_the_csv_round_trip_gives_the_same_register(workspace):
    promises = [_promise(), _promise(promise_id="P-10", promise="=HYPERLINK(\"x\") and, =a comma; \"quotes\" +1",
                                     problem=None, touchpoint=None, unit=None, metric="nps", target=-12.5,
                                     direction="at_most", valid_from=date(2025, 11, 1))]
    register.save(workspace, promises)
    data = register.to_csv(register.load(workspace.cursor()))
    assert b"'=HYPERLINK" in data  # a spreadsheet keeps it text
    with workspace.write() as cur:
        cur.execute("DELETE FROM promises")
    accepted, problems = register.read_file(workspace, data, "promises.csv")
    assert problems == [] and sorted(accepted, key=lambda p: p.promise_id) == sorted(promises,
                                                                                      key=lambda p: p.promise_id)


def test_the_xlsx_round_trip_gives_the_same_register(workspace):
    promises = [_promise(), _promise(promise_id="P-2", target=4.5, metric="ces")]
    accepted, problems = register.read_file(workspace, register.to_xlsx(promises), "promises.xlsx")
    assert problems == [] and accepted == promises


def test_a_file_without_a_required_column_is_refused_whole(workspace):
    with pytest.raises(register.RegisterFileError) as refused:
        register.read_file(workspace, b"promise_id,promise\nP-1,Fast\n", "promises.csv")
    assert "metric" in refused.value.values["columns"]


def test_finnish_headers_are_understood(workspace):
    data = "tunnus;lupaus;mittari;tavoite;suunta;alkaen\nP-1;Nopea vastaus;fcr;70;vähintään;1.2.2026\n"
    accepted, problems = register.read_file(workspace, data.encode(), "lupaukset.csv")
    assert problems == [] and accepted[0].target == 70.0 and accepted[0].valid_from == date(2026, 2, 1)


def test_loading_replaces_a_promise_with_the_same_id_and_keeps_the_others(workspace):
    register.save(workspace, [_promise(), _promise(promise_id="P-2")])
    register.save(workspace, [_promise(target=60.0)])
    loaded = {p.promise_id: p.target for p in register.load(workspace.cursor())}
    assert loaded == {"P-9": 60.0, "P-2": 50.0}


# --- drafts -------------------------------------------------------------------------------------

def test_drafting_writes_nothing(demo_ws):
    before = demo_ws.version(), demo_ws.cursor().execute("SELECT count(*) FROM promises").fetchone()
    proposed = drafts.propose(demo_ws.cursor(), Filters(start=date(2026, 5, 1), end=date(2026, 10, 31)))
    assert proposed
    assert (demo_ws.version(), demo_ws.cursor().execute("SELECT count(*) FROM promises").fetchone()) == before


def test_drafts_cover_the_basics_with_evidence_and_fresh_ids(full_demo_ws):
    proposed = drafts.propose(full_demo_ws.cursor(), Filters(start=date(2026, 8, 1), end=date(2026, 10, 31)),
                              taken_ids=("P-1", "P-2", "P-3"))
    assert [d.basic for d in proposed] == ["fast_answers", "simple_purchase", "first_contact"]
    assert [d.promise.promise_id for d in proposed] == ["P-4", "P-5", "P-6"]
    purchase = proposed[1]
    assert purchase.promise.touchpoint == "Web shop" and purchase.promise.metric == "ces"
    assert purchase.evidence.rank is not None and len(purchase.evidence.comments) == drafts.COMMENTS_SHOWN
    first_contact = proposed[2]
    assert first_contact.promise.touchpoint == "Customer service phone"  # the most unresolved contacts a month
    assert first_contact.promise.target > first_contact.evidence.figures.iloc[0]["value"]
    assert register.check([{c: getattr(d.promise, c) for c in register.COLUMNS} for d in proposed])[1] == []


# --- the demo -----------------------------------------------------------------------------------

def test_the_demo_ships_one_kept_one_broken_and_one_not_yet_known_promise(full_demo_ws):
    promises = register.load(full_demo_ws.cursor())
    statuses = keeping.register_status(full_demo_ws.cursor(), promises, date(2026, 10, 31), Minimums())
    latest = {pid: {(s.unit, s.status) for s in keeping.latest(rows)} for pid, rows in statuses.items()}
    assert latest == {"P-1": {("Online team", "kept"), (None, "kept")},
                      "P-2": {("Tampere", "broken")},
                      "P-3": {("Oulu", "unknown")}}


def test_the_broken_promise_is_complaint_handling_in_tampere_since_the_system_change(full_demo_ws):
    from cx import demo

    (broken,) = [p for p in register.load(full_demo_ws.cursor()) if p.promise_id == "P-2"]
    assert (broken.touchpoint, broken.unit) == (demo.DIP_TOUCHPOINT, demo.DIP_UNIT)
    months = keeping.promise_months(full_demo_ws.cursor(), broken, date(2026, 10, 31))
    assert [m.month for m in months if m.status == "broken"][-3:] == [date(2026, 8, 1), date(2026, 9, 1),
                                                                     date(2026, 10, 1)]
    before = [m.status for m in months if m.month < date(2026, 8, 1)]
    assert before.count("broken") <= 1 < before.count("unknown")  # before the change it was rarely clear either way


def test_drafts_for_one_unit_weigh_touchpoints_by_that_units_share_of_their_contacts(full_demo_ws):
    cur, period = full_demo_ws.cursor(), Filters(start=date(2026, 8, 1), end=date(2026, 10, 31), unit=("Tampere",))
    counts = drafts._unit_volumes(cur, period, drafts._basics_counts(cur, period))
    answers = dict(cur.execute(
        "SELECT touchpoint, count(*) FILTER (WHERE unit = 'Tampere') / count(*) FROM customer_responses "
        "WHERE level = 'transaction' AND responded_at >= DATE '2026-08-01' AND responded_at < DATE '2026-11-01' "
        "AND touchpoint IS NOT NULL GROUP BY 1").fetchall())
    company = dict(cur.execute("SELECT touchpoint, volume FROM touchpoints").fetchall())
    for row in counts.to_dict("records"):
        assert row["volume"] == pytest.approx(company[row["touchpoint"]] * answers[row["touchpoint"]])
