"""docs/demo-tour.md, claim by claim, re-read from the demo workspace it describes (scale 1).

Each test computes a figure the way the pages and the command line do and checks that the tour
states it as computed (the formatted text must appear in the tour). A change to the data or to a
statistic that moves a figure the tour quotes fails here, so the tour is corrected with it.
"""
from __future__ import annotations

import contextlib
import io
import json
import re
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from cx import cli, journey, linkage, measurement, store
from cx.commitments import business
from cx.filters import Filters
from cx.queries import Minimums

TOUR = (Path(__file__).resolve().parents[1] / "docs" / "demo-tour.md").read_text(encoding="utf-8")
TEXT = " ".join(TOUR.split())  # the tour's line breaks are not part of a claim
LAST_3 = ("2026-08-01", "2026-10-31")
LAST_12 = ("2025-11-01", "2026-10-31")


def says(*claims: str) -> None:
    """Every claim is in the tour, word for word (line breaks aside)."""
    for claim in claims:
        assert " ".join(claim.split()) in TEXT, f"the tour does not say {claim!r}"


def cx_json(*argv: str) -> dict:
    """`python -m cx ... --json` in this process, on the test's copy of the demo."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main([*argv, "--workspace", "demo", "--json"]) == 0
    return json.loads(out.getvalue())


def summary(metric: str, *where: str, period=LAST_3, by: str | None = None) -> list[dict]:
    argv = ["summary", "--metric", metric, "--from", period[0], "--to", period[1]]
    argv += [x for w in where for x in ("--where", w)] + (["--by", by] if by else [])
    return cx_json(*argv)["rows"]


def signed(x: float, decimals: int = 1) -> str:
    return f"{x:+.{decimals}f}".replace("-", "−")


def plain(x: float, decimals: int = 1) -> str:
    return f"{x:.{decimals}f}".replace("-", "−")


@pytest.fixture
def ws(full_demo_ws):
    return full_demo_ws


def period(which=LAST_3) -> Filters:
    return Filters(workspace="demo", start=date.fromisoformat(which[0]), end=date.fromisoformat(which[1]))


# -- what it holds ------------------------------------------------------------------------------------

def test_the_answer_counts_are_as_the_tour_says(ws):
    cur = store.open_workspace("demo").cursor()
    total = cur.execute("SELECT count(*) FROM customer_responses").fetchone()[0]
    by_method = dict(cur.execute("SELECT method, count(*) FROM customer_responses GROUP BY 1").fetchall())
    touchpoints = cur.execute("SELECT count(DISTINCT touchpoint) FROM customer_responses").fetchone()[0]
    relationship_a_month = cur.execute("SELECT count(*) / 24 FROM customer_responses WHERE level = 'relationship'"
                                       ).fetchone()[0]
    says(f"**{total:,} customer answers**", f"at {touchpoints} touchpoints",
         f"mystery shopping ({by_method['mystery_shopping']:,} answers)", f"interviews ({by_method['interview']:,})")
    assert 270 <= relationship_a_month <= 330  # "about 300 relationship answers a month"


def test_mystery_shopping_and_interviews_are_where_the_tour_puts_them(ws):
    cur = store.open_workspace("demo").cursor()
    where = {m: sorted(r[0] for r in cur.execute("SELECT DISTINCT touchpoint FROM customer_responses WHERE method = ?",
                                                 [m]).fetchall()) for m in ("mystery_shopping", "interview")}
    assert where == {"mystery_shopping": ["Customer service phone", "Sales call", "Web shop"],
                     "interview": ["Installation visit", "Renewal and follow-up"]}


def test_units_segments_channels_and_the_comment_share_are_as_the_tour_says(ws):
    cur = store.open_workspace("demo").cursor()
    values = {c: {r[0] for r in cur.execute(f"SELECT DISTINCT {c} FROM customer_responses WHERE {c} IS NOT NULL"
                                            ).fetchall()} for c in ("unit", "segment", "channel")}
    assert values["unit"] == {"Helsinki", "Tampere", "Turku", "Oulu", "Jyväskylä", "Online team"}
    assert values["segment"] == {"Consumer", "Small business", "Premium"}
    assert values["channel"] == {"web", "chat", "phone", "email", "field"}
    share = cur.execute("SELECT avg(CASE WHEN comment IS NULL THEN 0 ELSE 1 END) FROM customer_responses").fetchone()[0]
    says(f"**Comments** on about {round(100 * share)}% of answers")


def test_the_employee_survey_runs_quarterly_with_11_to_40_answers_per_unit(ws):
    cur = store.open_workspace("demo").cursor()
    months = {r[0] for r in cur.execute("SELECT DISTINCT month(responded_at) FROM employee_responses").fetchall()}
    sizes = [r[0] for r in cur.execute("SELECT count(*) FROM employee_responses GROUP BY unit, "
                                       "date_trunc('quarter', responded_at)").fetchall()]
    assert months == {2, 5, 8, 11}
    says(f"{min(sizes)}–{max(sizes)} answers per unit and quarter")


def test_the_measurement_plan_table_is_the_workspaces(ws):
    cur = store.open_workspace("demo").cursor()
    plan = cur.execute("SELECT p.touchpoint, p.method, p.fixed_per_month, p.movable_per_month, p.unit_cost, "
                       "t.volume FROM measurement_plan p JOIN touchpoints t USING (touchpoint)").fetchall()
    for tp, method, fixed, movable, _cost, volume in plan:
        row = next(line for line in TOUR.splitlines() if line.startswith("|") and f"| {tp} |" in line)
        assert f"{volume:,}" in row, tp
        if method == "survey":
            assert re.search(rf"\**{fixed} \+ {movable}\**", row), tp
        else:
            assert str(fixed + movable) in row, (tp, method)
    costs = {m: c for _, m, _, _, c, _ in plan}
    says(f"surveys €{costs['survey']:g}", f"mystery shops €{costs['mystery_shopping']:g}",
         f"interviews €{costs['interview']:g}")


# -- the headline ---------------------------------------------------------------------------------------

def test_the_headline_figures_of_the_last_three_months(ws):
    from cx import overview

    tiles = {t["tile"]: t["row"] for t in overview.headline(store.open_workspace("demo").cursor(), period(),
                                                             Minimums())}
    rel, tx, enps = tiles["tile.relationship_nps"], tiles["tile.transaction_nps"], tiles["metric.enps"]
    says(f"relationship NPS {signed(rel['value'])} (95% {plain(rel['low'])} to {plain(rel['high'])}, "
         f"n = {rel['n']:,})",
         f"transaction NPS {signed(tx['value'])} ({plain(tx['low'])} to {plain(tx['high'])}, n = {tx['n']:,})",
         f"CES {plain(tiles['metric.ces']['value'])}", f"CSAT {round(tiles['metric.csat']['value'])}%",
         f"FCR {round(tiles['metric.fcr']['value'])}%",
         f"eNPS {signed(enps['value'])} ({plain(enps['low'])} to {plain(enps['high'])}, n = {enps['n']:,})")
    assert not any(row["significant"] for row in tiles.values())
    says("None of the changes against May–Jul is significant")


# -- (a) complaint handling in Tampere ------------------------------------------------------------------

def test_story_a_complaint_handling_in_tampere_month_by_month(ws):
    rows = summary("nps", "touchpoint=Complaint handling", "unit=Tampere", period=("2026-05-01", "2026-10-31"),
                   by="month")
    before, after = [round(r["value"]) for r in rows[:3]], [round(r["value"]) for r in rows[3:]]
    says("(" + ", ".join(plain(v, 0) for v in before) + " in May–July)",
         "**" + ", ".join(plain(v, 0) for v in after[:2]) + f" and {plain(after[2], 0)}**")
    ces = summary("ces", "touchpoint=Complaint handling", "unit=Tampere", period=("2026-05-01", "2026-10-31"),
                  by="month")
    fcr = summary("fcr", "touchpoint=Complaint handling", "unit=Tampere", period=("2026-05-01", "2026-10-31"),
                  by="month")
    assert np.mean([r["value"] for r in ces[:3]]) == pytest.approx(4.0, abs=0.25)  # "about 4.0"
    assert np.mean([r["value"] for r in ces[3:]]) == pytest.approx(1.5, abs=0.1)  # "to 1.5"
    assert np.mean([r["value"] for r in fcr[:3]]) == pytest.approx(55, abs=5)  # "about 55%"
    assert max(r["value"] for r in fcr[3:]) < 15  # "under 15%"


def test_story_a_the_journey_map_flags_complaint_handling(ws):
    table = journey.journey_map(store.open_workspace("demo").cursor(), period(), "nps").table
    row = table[(table["touchpoint"] == "Complaint handling") & (table["method"] == "survey")].iloc[0]
    says(f"{plain(row['value'])} ({plain(row['low'])} to {plain(row['high'])}, n = {row['n']})",
         f"{plain(-row['change'])} points below May–Jul")
    assert row["significant"]


def test_story_a_tampere_complaints_double_and_churn_hardly_moves(ws):
    cur = store.open_workspace("demo").cursor()
    complaints = dict(cur.execute("SELECT month >= DATE '2026-08-01', avg(c) FROM (SELECT month, sum(complaints) AS c "
                                  "FROM outcomes WHERE unit = 'Tampere' AND month >= DATE '2026-05-01' GROUP BY 1) "
                                  "GROUP BY 1").fetchall())
    assert complaints[False] == pytest.approx(130, rel=0.15) and complaints[True] == pytest.approx(260, rel=0.15)


# -- (b) staff tools and customer NPS ---------------------------------------------------------------------

def test_story_b_staff_ratings_and_customer_nps_per_unit(ws):
    tech = {r["group"]: r["value"] for r in summary("technology", period=LAST_12, by="unit")}
    well = {r["group"]: r["value"] for r in summary("wellbeing", period=LAST_12, by="unit")}
    nps = {r["group"]: r["value"] for r in summary("nps", period=LAST_12, by="unit")}
    weak = ("Tampere", "Oulu")
    others = [u for u in tech if u not in weak]
    assert {round(tech[u], 1) for u in weak} <= {2.3, 2.4, 2.5} and {round(well[u], 1) for u in weak} == {2.9}
    assert 3.5 <= round(min(tech[u] for u in others), 1) and round(max(tech[u] for u in others), 1) <= 4.1
    assert 3.6 <= round(min(well[u] for u in others), 1) and round(max(well[u] for u in others), 1) <= 4.0
    weak_tech = sorted(round(tech[u], 1) for u in weak)
    others_tech = sorted(round(tech[u], 1) for u in others)
    others_well = sorted(round(well[u], 1) for u in others)
    says(f"rate technology {weak_tech[0]}–{weak_tech[-1]} and wellbeing {round(well['Tampere'], 1)}",
         f"rate technology {others_tech[0]}–{others_tech[-1]} and wellbeing {others_well[0]}–{others_well[-1]}")
    says(f"{plain(nps['Tampere'])} (Tampere) and {plain(nps['Oulu'])} (Oulu)",
         f"+{round(min(nps[u] for u in others))} to +{round(max(nps[u] for u in others))} elsewhere")


def test_story_b_the_correlations_across_units(ws):
    view = linkage.view(store.open_workspace("demo").cursor(), period(LAST_12), "nps", "technology", 0, Minimums())
    sc = view.scatter
    says(f"Pearson r = {sc.pearson.r:.2f} (95% {sc.pearson.low:.2f} to {sc.pearson.high:.2f})",
         f"Spearman r = {sc.spearman.r:.2f}", f"permutation test p = {sc.spearman.p_value:.2f}")
    assert sc.verdict == "fragile" and "the data cannot tell for sure" in TEXT
    corner = dict(zip(sc.points["unit"], sc.points["quadrant"], strict=True))

    def units(q: str) -> str:
        names = sorted(u for u, c in corner.items() if c == q)
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    says(f"{units('both_weak')} sit together in the weak–weak corner, {units('both_strong')} in the strong–strong "
         f"one, and {units('unclear')} are “unclear”")
    assert not {"staff_only", "customers_only"} & set(corner.values())


def test_story_b_the_chain_breaks_where_the_tour_says(ws):
    chain = linkage.view(store.open_workspace("demo").cursor(), period(LAST_12), "nps", "technology", 0,
                         Minimums()).chain
    step = dict(zip(chain["unit"], chain["break_step"], strict=True))
    assert step["Oulu"] == 1 and step["Tampere"] == 2 and step["Online team"] == 2 and step["Turku"] == 3
    customers = dict(zip(chain["unit"], chain["customers__step"], strict=True))
    assert {u for u, s in customers.items() if s == "weak"} == {"Oulu", "Tampere"}


# -- (c) measurement in the wrong place --------------------------------------------------------------------

def test_story_c_web_self_service_is_stable_and_over_measured(ws):
    months = [r["value"] for r in summary("nps", "touchpoint=Web self-service", period=("2024-11-01", "2026-10-31"),
                                          by="month")]
    says(f"NPS between {round(min(months))} and {round(max(months))} every month")


def test_story_c_the_margins_before_and_after_the_shift(ws):
    cur = store.open_workspace("demo").cursor()
    frame = measurement.simulation_frame(cur, period())
    names = list(frame["touchpoint"])
    web, complaints = names.index("Web self-service"), names.index("Complaint handling")
    before = (frame["fixed"] + frame["movable"]).to_numpy()
    after = frame["fixed"].to_numpy() + measurement.allocation.move_pool(frame["movable"], web, complaints)
    table = measurement.compare_plans(frame, before, after, frame["unit_cost"].to_numpy())
    says(f"its margin of error at 95% is about ±{round(table['moe_before'][complaints])} points against "
         f"±{round(table['moe_before'][web])}",
         f"its margin falls to about ±{table['moe_after'][complaints]:.1f}",
         f"widens only to about ±{table['moe_after'][web]:.1f}")


def test_story_c_the_replay_figures(ws):
    cur = store.open_workspace("demo").cursor()
    model = measurement.touchpoint_model(cur, period(), "Complaint handling")
    says(f"from its {model['reference_months']} months before the dip", f"NPS {plain(model['level'])}",
         f"by ±{model['between_var'] ** 0.5:.1f} points beyond sampling",
         f"sit {round(model['recent_drop'])} points below")
    runs = {drop: measurement.compare_replays(cur, period(), "Complaint handling", 60, 360, "ewma", drop)
            for drop in (35.0, 25.0)}
    big, small = runs[35.0], runs[25.0]
    says(f"at 60 answers a month a 35-point fall is caught in its first month in "
         f"{round(100 * big['before'].flagged_by[0])}% of replays ({round(100 * big['before'].flagged_by[1])}% by "
         f"the second), at 360 in {round(100 * big['after'].flagged_by[0])}%",
         f"a 25-point fall in its first month in {round(100 * small['before'].flagged_by[0])}% of replays at 60 "
         f"answers ({round(100 * small['before'].flagged_by[1])}% by the second) and in "
         f"{round(100 * small['after'].flagged_by[0])}% at 360",
         f"({100 * small['before'].false_alarm_rate:.2f}% and {100 * small['after'].false_alarm_rate:.2f}% a month "
         f"in the replay, {100 * small['before'].rule.false_alarms_per_month:.2f}% stated)")


# -- (d) drivers and pain points ----------------------------------------------------------------------------

def test_story_d_the_driver_shares_and_their_paired_differences(ws):
    comparison = linkage.driver_comparison(store.open_workspace("demo").cursor(), period(LAST_12), Minimums())
    shares = {d.name: d for d in comparison.drivers}
    says(f"(n = {comparison.n:,})", *(f"{name} {round(d.share)}% ({round(d.low)}–{round(d.high)})"
                                      for name, d in shares.items()))
    view = journey.drivers(store.open_workspace("demo").cursor(), period(LAST_12), "relationship_nps", Minimums())
    says(f"(R² = {view.r_squared:.2f})")
    quadrant = dict(zip(view.drivers["driver"], view.drivers["quadrant"], strict=True))
    assert quadrant["efficiency"] == quadrant["ease"] == "fix" and quadrant["emotion"] != "fix"
    pairs = {(p.first, p.second): p for p in comparison.differences}
    ee = pairs[("efficiency", "ease")]
    assert not ee.clear  # the tour: efficiency and ease cannot be told apart
    says(f"efficiency ahead by {ee.diff:.1f} points (95% {plain(ee.low)} to {plain(ee.high)})")
    for other in ("efficiency", "ease"):
        pair = pairs[(other, "emotion")]
        assert pair.clear and pair.low > 0
        says(f"{other} ahead of emotion by {pair.diff:.1f} points ({plain(pair.low)} to {plain(pair.high)})")


def test_story_d_the_pain_points(ws):
    pain = journey.pain_points(store.open_workspace("demo").cursor(), period())
    first, second = pain.iloc[0], pain.iloc[1]
    assert (first["touchpoint"], second["touchpoint"]) == ("Web self-service", "Customer service phone")
    says(f"about {round(first['unhappy'], -2):,.0f} unhappy customers a month from a "
         f"{round(first['detractor_share'])}% detractor share of {first['volume']:,.0f} contacts",
         f"where {round(second['low_ces_share'])}% report high effort and {round(second['fcr_miss_share'])}% of first "
         f"contacts do not resolve")


# -- (e) early signals ----------------------------------------------------------------------------------------

def test_story_e_the_signals_and_the_backtest(ws):
    found = cx_json("signals")
    says(f"({found['watched']} series; {found['not_watched']} more")
    by = {(s["touchpoint"], s["unit"], s["metric"]): s for s in found["signals"]}
    ces = by[("Complaint handling", "Tampere", "ces")]
    says(f"({ces['value'] - ces['change']:.2f} → {ces['value']:.2f}, change {plain(ces['change'], 2)}, 95% "
         f"{plain(ces['change_low'], 2)} to {plain(ces['change_high'], 2)})")
    nps = by[("Complaint handling", "Tampere", "nps")]
    says(f"(NPS {plain(nps['value'] - nps['change'], 0)} → {plain(nps['value'], 0)}, {plain(nps['change'], 0)} "
         f"points, {plain(nps['change_low'], 0)} to {plain(nps['change_high'], 0)}, n = {nps['n_since']})")
    watch = by[("Customer service phone", "Turku", "nps")]
    assert watch["sure"] == "watch" and ces["sure"] == nps["sure"] == "clear" and ces["early_indicator"]
    says(f"its change ({plain(watch['change'], 0)} points, {plain(watch['change_low'], 0)} to "
         f"{plain(watch['change_high'], 0)})")
    back = found["backtest"]
    says(f"the {back['stable_series']} stable series gave {back['false_alarms']} false alarms in "
         f"{back['stable_series_months']} series-months, where the rule allows {back['expected_false_alarms']:.1f} "
         f"(chance alone gives {back['chance_range'][0]} to {back['chance_range'][1]})")


# -- (f) promises ----------------------------------------------------------------------------------------------

def test_story_f_the_three_promises(ws):
    found = {p["promise_id"]: p for p in cx_json("promises")["promises"]}

    def latest(pid: str, unit: str | None) -> dict:
        return max((s for s in found[pid]["statuses"] if s["unit"] == unit), key=lambda s: s["month"])

    p1, p2, p3 = latest("P-1", None), latest("P-2", "Tampere"), latest("P-3", "Oulu")
    assert (p1["status"], p2["status"], p3["status"]) == ("kept", "broken", "unknown")
    says(f"(October {p1['value']:.2f}, 95% {p1['low']:.2f} to {p1['high']:.2f}, n = {p1['n']})",
         f"(October {round(p2['value'])}%, {round(p2['low'])} to {round(p2['high'])}, n = {p2['n']})",
         f"(October {round(p3['value'])}, {plain(round(p3['low']), 0)} to {round(p3['high'])}, n = {p3['n']})",
         f"about {round(p3['answers_needed'], -1):,.0f} answers a month would decide it")


# -- (g) business case -------------------------------------------------------------------------------------------

def test_story_g_the_business_case(ws):
    cur = store.open_workspace("demo").cursor()
    result, worth = business.business_case(cur, "nps", 1, "Complaint handling", date(2026, 10, 31))
    says(f"({result.units} units, {result.rows} unit-months)",
         f"churn {plain(result.churn.slope, 3)} (95% {plain(result.churn.low, 3)} to {plain(result.churn.high, 3)})",
         f"revenue {signed(result.revenue.slope, 3)} ({signed(result.revenue.low, 3)} to "
         f"{signed(result.revenue.high, 3)})")
    same_month, _ = business.business_case(cur, "nps", 0, None, date(2026, 10, 31))
    says(f"({plain(same_month.churn.slope, 3)})")


def test_story_a_the_customer_service_rise_passes_alone_but_not_among_the_maps_comparisons(ws):
    view = journey.journey_map(store.open_workspace("demo").cursor(), period(), "nps")
    table = view.table
    assert set(table[table["significant"]]["touchpoint"]) == {"Complaint handling"}
    rise = table[(table["touchpoint"] == "Customer service phone") & (table["method"] == "survey")].iloc[0]
    assert rise["significant_alone"] and not rise["significant"]
    says(f"a rise of about {round(rise['change'])} points", f"one view of {view.comparisons} comparisons")


def test_story_e_effort_signals_first_and_nps_follows_a_month_later(ws):
    by = {s["metric"]: s for s in cx_json("signals")["signals"] if s["unit"] == "Tampere"}
    assert (by["ces"]["since"], by["nps"]["since"], by["fcr"]["since"]) == ("2026-08", "2026-09", "2026-09")
    says("customer effort signalled in **August 2026**", "NPS and first-contact resolution followed in **September**")


def test_story_f_the_promises_month_by_month(ws):
    found = {p["promise_id"]: p for p in cx_json("promises")["promises"]}
    p1 = [s for s in found["P-1"]["statuses"] if s["unit"] is None and s["month"].startswith("2026")]
    p2 = {s["month"]: s["status"] for s in found["P-2"]["statuses"] if s["unit"] == "Tampere"}
    assert p1 and all(s["status"] == "kept" for s in p1)
    assert [p2[m] for m in ("2026-08", "2026-09", "2026-10")] == ["broken"] * 3
    before = [p2[m] for m in p2 if m < "2026-08"]
    assert before.count("unknown") > len(before) / 2  # "mostly not yet known"


def test_story_g_what_a_better_complaint_line_is_worth_in_tampere(ws):
    _, worth = business.business_case(store.open_workspace("demo").cursor(), "nps", 1, "Complaint handling",
                                      date(2026, 10, 31))
    tampere = worth[worth["unit"] == "Tampere"].iloc[0]
    says(f"({round(100 * tampere['share'])}% of Tampere's answers)",
         f"about {round(tampere['kept'])} Tampere customers a year ({round(tampere['kept_low'])} to "
         f"{round(tampere['kept_high'])})",
         f"worth about {round(tampere['euros'], -2):,.0f} € a year ({round(tampere['euros_low'], -2):,.0f} to "
         f"{round(tampere['euros_high'], -2):,.0f})")


def test_story_g_fewer_detractors_at_the_customer_service_phone_in_tampere(ws):
    _, worth = business.business_case(store.open_workspace("demo").cursor(), "detractors", 1,
                                      "Customer service phone", date(2026, 10, 31))
    tampere = worth[worth["unit"] == "Tampere"].iloc[0]
    says(f"({round(100 * tampere['share'])}% of Tampere's answers)",
         f"would keep about {round(tampere['kept'], -2):,.0f} Tampere customers a year "
         f"({round(tampere['kept_low'], -1):,.0f} to {round(tampere['kept_high'], -1):,.0f})")


def test_story_a_with_unit_tampere_the_fall_is_steeper_still(ws):
    cur = store.open_workspace("demo").cursor()
    every = journey.journey_map(cur, period(), "nps").table
    tampere = journey.journey_map(cur, period().with_(unit=("Tampere",)), "nps").table

    def fall(table) -> float:
        return float(table[(table["touchpoint"] == "Complaint handling") & (table["method"] == "survey")]["change"].iloc[0])

    assert fall(tampere) < fall(every) < 0
    assert "the fall is steeper still" in TEXT


def test_story_f_the_drafts_are_the_three_the_tour_names(ws):
    from cx.commitments import drafts

    found = [(d.basic, d.promise.touchpoint) for d in drafts.propose(store.open_workspace("demo").cursor(), period())]
    assert found == [("fast_answers", "Web self-service"), ("simple_purchase", "Web shop"),
                     ("first_contact", "Customer service phone")]
    says("a fast-answers promise for Web self-service, a simple-purchase promise for the Web shop and a "
         "first-contact promise for the Customer service phone")


def test_confidentiality_hides_the_team_leads_company_wide(ws):
    rows = {r["group"]: r for r in summary("enps", period=LAST_12, by="role")}
    assert set(rows) == {"Customer service", "Sales", "Field technician", "Team lead"}
    assert all(r["suppressed"] for r in rows.values())  # team leads pooled in their units: no role total shows
    says("company-wide role figures stay hidden")


def test_story_a_tampere_staff_rate_technology_lower_in_the_august_2026_survey(ws):
    rows = summary("technology", "unit=Tampere", period=("2026-02-01", "2026-08-31"), by="quarter")
    by_quarter = {r["group"]: r["value"] for r in rows if not r["suppressed"]}
    assert by_quarter["2026-Q3"] < min(v for q, v in by_quarter.items() if q != "2026-Q3")
    says("Tampere's staff rate technology lower in the August 2026 survey")



def test_the_journey_table_has_the_workspaces_stages_channels_and_owners(ws):
    cur = store.open_workspace("demo").cursor()
    for tp, stage, order, channel, owner in cur.execute(
            "SELECT touchpoint, stage, stage_order, channel, owner_unit FROM touchpoints").fetchall():
        says(f"| {order} {stage} | {tp} | {channel} | {owner} |")


def test_about_one_employee_answer_in_four_has_a_comment(ws):
    share = store.open_workspace("demo").cursor().execute(
        "SELECT avg(CASE WHEN comment IS NULL THEN 0 ELSE 1 END) FROM employee_responses").fetchone()[0]
    assert share == pytest.approx(0.25, abs=0.04)
    says("a short comment on about one answer in four")


def test_story_a_the_units_ranked_at_complaint_handling_put_tampere_first_and_alone(ws):
    scoped = period().with_(touchpoint=("Complaint handling",))
    ranked = journey.units_ranked(store.open_workspace("demo").cursor(), scoped, "nps")
    shown = ranked[ranked["status"] == "ok"]
    assert list(shown["unit"]) == ["Tampere"] and ranked["unit"].iloc[0] == "Tampere"
    says(f"(Tampere at the top with {plain(shown['value'].iloc[0], 0)}; the other units have too few answers")


def test_story_a_the_comments_blame_the_new_system(ws):
    cur = store.open_workspace("demo").cursor()
    for quote in ("Uusi järjestelmä hukkasi valitukseni.", "The new system lost my complaint, had to start over."):
        found = cur.execute("SELECT count(*) FROM customer_responses WHERE touchpoint = 'Complaint handling' AND "
                            "unit = 'Tampere' AND responded_at >= DATE '2026-08-01' AND comment = ?", [quote]).fetchone()
        assert found[0] > 0, quote
        says(f'"{quote}"')


def test_story_a_tampere_churn_hardly_moves(ws):
    rates = dict(store.open_workspace("demo").cursor().execute(
        "SELECT month >= DATE '2026-08-01', 100 * sum(churned) / sum(customers) FROM outcomes WHERE unit = 'Tampere' "
        "AND month >= DATE '2026-05-01' GROUP BY 1").fetchall())
    says(f"({rates[True]:.2f}% a month in August–October against {rates[False]:.2f}% in May–July")


def test_story_e_the_backtest_finds_only_the_dip_in_its_first_or_second_month(ws):
    back = cx_json("signals")["backtest"]
    first = {c["metric"]: c["first_signal"] for c in back["changes"]}
    assert {(c["touchpoint"], c["unit"]) for c in back["changes"]} == {("Complaint handling", "Tampere")}
    assert first == {"nps": "2026-09", "ces": "2026-08", "fcr": "2026-09"}
    says("NPS, effort and FCR, first signalled in Sep, Aug and Sep 2026")


def test_story_g_the_planted_relation_is_the_demos(ws):
    from cx import demo

    says(f"{plain(100 * demo.CHURN_PER_POINT, 2)} percentage points of monthly churn and "
         f"{signed(demo.REVENUE_PER_POINT, 2)} € of monthly revenue per customer for each NPS point")


def test_story_f_complaint_handling_in_tampere_had_about_35_answers_a_month_before_the_change(ws):
    rows = summary("fcr", "touchpoint=Complaint handling", "unit=Tampere", period=("2025-11-01", "2026-07-31"),
                   by="month")
    assert np.mean([r["n"] for r in rows]) == pytest.approx(35, abs=5)
    says("about 35 answers a month cannot tell 50% from 55%")
