"""Customers vs employees: windows, correlations, quadrants, the chain and confidentiality."""
from __future__ import annotations

import io
import math
from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats as sp

from cx import linkage, stats
from cx.filters import Filters
from cx.queries import Minimums

LOW = Minimums(min_n=10, confidentiality=5)
Q1_2026 = Filters(workspace="test", start=date(2026, 1, 1), end=date(2026, 3, 31))


# -- helpers -------------------------------------------------------------------------------------

def add_staff(ws, unit: str, when: datetime, answers: list[dict]) -> None:
    columns = ("enps", "wellbeing", "culture", "technology", "physical", "vision", "role_clarity", "training")
    rows = [(f"{unit}-{when:%Y%m%d}-{i}", when, unit, *[a.get(c, 4) for c in columns])
            for i, a in enumerate(answers)]
    with ws.write() as cur:
        cur.executemany("INSERT INTO employee_responses (response_id, responded_at, unit, enps, wellbeing, "
                        "culture, technology, physical, vision, role_clarity, training) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def add_customers(ws, unit: str, when: datetime, nps_scores: list[int], ease: int = 4) -> None:
    rows = [(f"c-{unit}-{when:%Y%m%d}-{i}", when, unit, s, ease, ease, ease, 5, True)
            for i, s in enumerate(nps_scores)]
    with ws.write() as cur:
        cur.executemany("INSERT INTO customer_responses (response_id, responded_at, unit, nps, efficiency, ease, "
                        "emotion, ces, fcr, touchpoint, level, method) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'Phone', 'transaction', 'survey')", rows)


def nps_scores(promoters: int, detractors: int, n: int = 10) -> list[int]:
    return [10] * promoters + [3] * detractors + [8] * (n - promoters - detractors)


def figure_rows(rows: list[tuple]) -> pd.DataFrame:
    """(unit, metric, value[, half-width][, status]) into the long figure frame the logic works on."""
    out = []
    for row in rows:
        unit, metric, value = row[:3]
        half = row[3] if len(row) > 3 else 0.2
        status = row[4] if len(row) > 4 else "ok"
        hidden = status != "ok"
        out.append({"unit": unit, "metric": metric, "n": None if hidden else 20,
                    "value": None if hidden else value, "low": None if hidden else value - half,
                    "high": None if hidden else value + half, "status": status})
    return pd.DataFrame(out, columns=linkage.FIGURE_COLUMNS)


# -- windows and the lag --------------------------------------------------------------------------

def test_same_quarter_pairs_the_whole_quarters_the_customer_period_touches():
    assert linkage.employee_window(date(2026, 3, 1), date(2026, 5, 31), 0) == (date(2026, 1, 1), date(2026, 6, 30))


def test_a_one_quarter_lead_moves_the_employee_quarters_one_back():
    assert linkage.employee_window(date(2026, 3, 1), date(2026, 5, 31), 1) == (date(2025, 10, 1), date(2026, 3, 31))


def test_a_two_quarter_lead_crosses_the_year_boundary():
    assert linkage.employee_window(date(2026, 1, 1), date(2026, 3, 31), 2) == (date(2025, 7, 1), date(2025, 9, 30))


def test_employee_quarter_q_is_compared_with_customer_quarter_q_plus_lag():
    assert linkage.paired_customer_quarter(date(2025, 10, 1), 1) == date(2026, 1, 1)
    assert linkage.paired_customer_quarter(date(2025, 10, 1), 2) == date(2026, 4, 1)


@given(st.dates(date(2000, 1, 1), date(2040, 12, 31)), st.integers(0, 8), st.sampled_from(linkage.LAGS))
def test_every_employee_quarter_in_the_window_pairs_with_a_customer_quarter_of_the_period(start, months, lag):
    end = linkage.quarter_end(linkage.shift_quarters(start, months // 3))
    first, last = linkage.employee_window(start, end, lag)
    q = first
    while q <= last:
        paired = linkage.paired_customer_quarter(q, lag)
        assert linkage.quarter_start(start) <= paired <= end
        q = linkage.shift_quarters(q, 1)
    assert linkage.paired_customer_quarter(q, lag) > end


def test_an_unknown_lag_is_refused():
    with pytest.raises(ValueError):
        linkage.employee_window(date(2026, 1, 1), date(2026, 3, 31), 3)


@pytest.fixture
def lagged(workspace):
    """Staff scored technology 2..4.5 in Q4 2025 but the reverse in Q1 2026; customers answered in Q1 2026."""
    units = ["A", "B", "C", "D", "E", "F"]
    for i, unit in enumerate(units):
        add_staff(workspace, unit, datetime(2025, 11, 10), [{"technology": 2 + (k < i)} for k in range(6)])
        add_staff(workspace, unit, datetime(2026, 2, 10), [{"technology": 5 - (k < i)} for k in range(6)])
        add_customers(workspace, unit, datetime(2026, 2, 20), nps_scores(i, 0))
    return workspace


def test_lag_one_compares_customers_with_the_previous_quarters_staff(lagged):
    sc = linkage.view(lagged.cursor(), Q1_2026, "nps", "technology", 1, LOW).scatter
    assert sc.points["x"].tolist() == pytest.approx([2 + i / 6 for i in range(6)])
    assert sc.pearson.r == pytest.approx(1.0)


def test_lag_zero_compares_customers_with_the_same_quarters_staff(lagged):
    sc = linkage.view(lagged.cursor(), Q1_2026, "nps", "technology", 0, LOW).scatter
    assert sc.points["x"].tolist() == pytest.approx([5 - i / 6 for i in range(6)])
    assert sc.pearson.r == pytest.approx(-1.0)


def test_a_lead_without_employee_answers_leaves_every_unit_out_for_that_reason(lagged):
    sc = linkage.view(lagged.cursor(), Q1_2026, "nps", "technology", 2, LOW).scatter
    assert sc.points.empty
    assert sc.left_out["no_employee"] == 6
    assert sc.verdict == "too_few_units"


# -- statistics of the scatter ----------------------------------------------------------------------

HAND_X = [1.0, 2.0, 3.0, 4.0, 5.0]
HAND_Y = [2.0, 4.0, 5.0, 4.0, 5.0]


def hand_scatter(xs=HAND_X, ys=HAND_Y, x_metric="technology", y_metric="ease", half=0.2):
    units = [f"U{i}" for i in range(len(xs))]
    return linkage.scatter(figure_rows([(u, x_metric, x, half) for u, x in zip(units, xs, strict=True)]),
                           figure_rows([(u, y_metric, y, half) for u, y in zip(units, ys, strict=True)]),
                           x_metric, y_metric)


def test_pearson_matches_the_hand_computed_value():
    # dx = -2..2, dy = -2, 0, 1, 0, 1: sum dx*dy = 6, sum dx^2 = 10, sum dy^2 = 6, r = 6 / sqrt(60)
    assert hand_scatter().pearson.r == pytest.approx(6 / math.sqrt(60))


def test_pearson_interval_is_fishers_and_matches_scipy():
    corr = hand_scatter().pearson
    z, se = math.atanh(6 / math.sqrt(60)), 1 / math.sqrt(len(HAND_X) - 3)
    assert (corr.low, corr.high) == pytest.approx((math.tanh(z - 1.959964 * se), math.tanh(z + 1.959964 * se)),
                                                  abs=1e-4)
    ci = sp.pearsonr(HAND_X, HAND_Y).confidence_interval(0.95)
    assert (corr.low, corr.high) == pytest.approx((ci.low, ci.high), abs=1e-4)


def test_spearman_matches_scipy_with_ties():
    corr = hand_scatter().spearman
    assert corr.r == pytest.approx(sp.spearmanr(HAND_X, HAND_Y).statistic)


def test_spearman_across_fewer_than_ten_units_has_no_interval_but_scipys_exact_permutation_p_value():
    corr = hand_scatter().spearman
    assert corr.low is None and corr.high is None
    ref = sp.permutation_test((HAND_Y,), lambda v: sp.spearmanr(HAND_X, v).statistic,
                              permutation_type="pairings", n_resamples=math.inf)
    assert corr.p_value == pytest.approx(ref.pvalue)
    assert "permutation" in linkage.correlation_text(corr) and "permutaatio" in linkage.correlation_text(corr, "fi")


def test_fitted_line_matches_scipy_least_squares():
    fit, ref = hand_scatter().fit, sp.linregress(HAND_X, HAND_Y)
    assert (fit.slope, fit.intercept) == pytest.approx((ref.slope, ref.intercept))
    assert (fit.slope, fit.intercept) == pytest.approx((0.6, 2.2))


def test_an_interval_spanning_zero_says_the_data_cannot_tell():
    sc = hand_scatter()
    assert sc.pearson.low < 0 < sc.pearson.high
    assert sc.verdict == "cannot_tell"


def test_fewer_than_five_units_say_the_data_cannot_tell_even_when_perfectly_lined_up():
    sc = hand_scatter([1, 2, 3, 4], [1, 2, 3, 4])
    assert sc.verdict == "too_few_units"


def test_a_clear_link_needs_pearsons_interval_and_spearmans_permutation_test_above_zero():
    xs = [2.1, 2.5, 2.9, 3.2, 3.6, 3.9, 4.1, 4.4]
    ys = [-10, 2, 8, 15, 19, 30, 28, 41]
    sc = hand_scatter(xs, ys, "technology", "nps")
    assert sc.pearson.low > 0 and sc.spearman.r > 0 and sc.spearman.p_value < 0.05
    assert sc.verdict == "positive"


def test_a_clear_link_across_ten_units_needs_both_intervals_above_zero():
    xs = [2.1, 2.5, 2.9, 3.2, 3.6, 3.9, 4.1, 4.4, 4.6, 4.8]
    ys = [-10, 2, 8, 15, 19, 30, 28, 41, 45, 44]
    sc = hand_scatter(xs, ys, "technology", "nps")
    assert sc.pearson.low > 0 and sc.spearman.low > 0
    assert sc.verdict == "positive"


def test_six_units_in_the_same_order_are_a_link_by_the_permutation_test_not_an_interval_of_one_point():
    sc = hand_scatter([1, 2, 3, 4, 5, 6], [3, 5, 8, 9, 12, 20], "technology", "nps")
    assert sc.spearman.r == 1.0 and sc.spearman.low is None
    assert sc.verdict == "positive"


def corr(low: float, high: float):
    from types import SimpleNamespace

    return SimpleNamespace(r=(low + high) / 2, low=low, high=high)


def test_a_link_only_one_correlation_supports_is_called_fragile_not_a_finding():
    assert linkage.verdict(corr(0.2, 0.9), corr(-0.1, 0.8), 10) == "fragile"
    assert linkage.verdict(corr(-0.1, 0.8), corr(0.2, 0.9), 10) == "fragile"


def test_intervals_on_opposite_sides_of_zero_cannot_tell():
    assert linkage.verdict(corr(0.2, 0.9), corr(-0.9, -0.1), 10) == "cannot_tell"


def test_a_clear_negative_link_needs_both_intervals_below_zero():
    assert linkage.verdict(corr(-0.9, -0.2), corr(-0.8, -0.1), 6) == "negative"


def test_the_verdict_sentence_names_both_figures_and_their_intervals():
    sc = hand_scatter()
    text = linkage.verdict_text(sc, "technology", "ease")
    assert text.startswith("The data cannot tell")
    assert "Technology" in text and "Ease" in text and "0.77" in text


def test_quadrants_split_at_the_medians_and_a_unit_on_a_median_counts_as_strong():
    sc = hand_scatter(half=0.0)
    assert (sc.x_median, sc.y_median) == (3.0, 4.0)
    assert dict(zip(sc.points["unit"], sc.points["quadrant"], strict=True)) == {
        "U0": "both_weak", "U1": "customers_only", "U2": "both_strong", "U3": "both_strong", "U4": "both_strong"}


def test_a_unit_whose_interval_crosses_a_middle_line_is_unclear():
    sc = hand_scatter(half=0.2)  # U2 sits on the staff median, U1 and U3 on the customer median
    assert dict(zip(sc.points["unit"], sc.points["quadrant"], strict=True)) == {
        "U0": "both_weak", "U1": "unclear", "U2": "unclear", "U3": "unclear", "U4": "both_strong"}


def test_a_wide_interval_makes_a_unit_unclear_even_far_from_the_line():
    assert linkage.quadrant(1.0, 1.0, 3.0, 2.0, (0.5, 1.5), (-1.0, 2.5)) == "unclear"
    assert linkage.quadrant(1.0, 1.0, 3.0, 2.0, (0.5, 1.5), (0.0, 1.9)) == "both_weak"


def test_the_unclear_quadrant_has_words_in_both_languages():
    assert linkage.quadrant_lines(hand_scatter(half=0.2), "en")[-1].startswith("Unclear")
    assert linkage.quadrant_lines(hand_scatter(half=0.2), "fi")[-1].startswith("Epäselvä")


def test_quadrant_names_each_combination():
    assert linkage.quadrant(4, 1, 3, 2) == "staff_only"
    assert linkage.quadrant(1, 4, 3, 2) == "customers_only"


def test_units_with_too_few_customer_answers_are_left_out_and_counted():
    employee = figure_rows([("A", "enps", 10), ("B", "enps", 20)])
    customer = figure_rows([("A", "nps", 30), ("B", "nps", 0, 0, "too_few")])
    sc = linkage.scatter(employee, customer, "enps", "nps")
    assert list(sc.points["unit"]) == ["A"]
    assert sc.left_out["too_few_customers"] == 1


def test_database_figures_give_the_same_correlation_as_scipy_on_the_unit_figures(workspace):
    techs = [[2, 2, 3, 3, 3, 2], [3, 3, 3, 2, 4, 3], [4, 3, 3, 4, 3, 3], [4, 4, 3, 4, 5, 4], [5, 4, 5, 4, 4, 5],
             [3, 3, 2, 2, 2, 3]]
    nps = [(2, 4), (3, 3), (4, 2), (6, 2), (6, 1), (3, 5)]
    for i, (tech, (p, d)) in enumerate(zip(techs, nps, strict=True)):
        add_staff(workspace, f"U{i}", datetime(2026, 2, 1), [{"technology": v} for v in tech])
        add_customers(workspace, f"U{i}", datetime(2026, 2, 3), nps_scores(p, d, 12))
    sc = linkage.view(workspace.cursor(), Q1_2026, "nps", "technology", 0, LOW).scatter
    x = [sum(v) / len(v) for v in techs]
    y = [100 * (p - d) / 12 for p, d in nps]
    assert sc.points["x"].tolist() == pytest.approx(x)
    assert sc.points["y"].tolist() == pytest.approx(y)
    assert sc.pearson.r == pytest.approx(sp.pearsonr(x, y).statistic)
    assert sc.spearman.r == pytest.approx(sp.spearmanr(x, y).statistic)


# -- confidentiality ------------------------------------------------------------------------------

@pytest.fixture
def small_groups(workspace):
    """North 12 and East 11 staff answers, South 9, Tiny 3; everyone has plenty of customers."""
    for unit, size in {"North": 12, "East": 11, "South": 9, "Tiny": 3}.items():
        add_staff(workspace, unit, datetime(2026, 2, 2), [{"enps": 9 if k % 2 else 5, "technology": 1 + k % 5}
                                                          for k in range(size)])
        add_customers(workspace, unit, datetime(2026, 2, 5), nps_scores(5, 2, 12))
    return workspace


def test_a_small_group_and_the_next_smallest_are_hidden_and_left_out_of_the_correlation(small_groups):
    v = linkage.view(small_groups.cursor(), Q1_2026, "nps", "enps", 0, LOW)
    assert v.hidden_units == ("South", "Tiny")
    assert sorted(v.scatter.points["unit"]) == ["East", "North"]
    assert v.scatter.left_out["confidential"] == 2


def test_hidden_units_carry_no_employee_number_for_any_item(small_groups):
    v = linkage.view(small_groups.cursor(), Q1_2026, "nps", "enps", 0, LOW)
    hidden = v.employee[v.employee["unit"].isin(["South", "Tiny"])]
    assert len(hidden) == 16
    assert hidden[["n", "value", "low", "high"]].isna().all().all()
    assert set(hidden["status"]) == {"suppressed"}


def test_a_unit_hidden_for_one_item_is_hidden_for_every_item(workspace):
    for unit, size in {"North": 12, "East": 11, "South": 10}.items():
        add_staff(workspace, unit, datetime(2026, 2, 2), [{"enps": 8} for _ in range(size)])
    with workspace.write() as cur:  # only four South staff answered the training item
        cur.execute("UPDATE employee_responses SET training = NULL WHERE unit = 'South' AND "
                    "response_id NOT IN ('South-20260202-0', 'South-20260202-1', 'South-20260202-2', "
                    "'South-20260202-3')")
    v = linkage.view(workspace.cursor(), Q1_2026, "nps", "enps", 0, LOW)
    assert "South" in v.hidden_units
    assert (v.employee.loc[v.employee["unit"] == "South", "status"] == "suppressed").all()


def test_the_left_out_sentence_gives_counts_and_the_minimum_but_no_figure(small_groups):
    v = linkage.view(small_groups.cursor(), Q1_2026, "nps", "enps", 0, LOW)
    text = " ".join(linkage.left_out_text(v.scatter, LOW))
    assert "2 units" in text and "5" in text
    assert "3" not in text and "9" not in text


def test_the_per_unit_table_and_its_csv_show_hidden_words_instead_of_employee_figures(small_groups):
    v = linkage.view(small_groups.cursor(), Q1_2026, "nps", "enps", 0, LOW)
    table = linkage.unit_table(v, "nps", "enps")
    csv = pd.read_csv(io.BytesIO(linkage.unit_table_csv(table)), encoding="utf-8-sig", dtype=str)
    for frame in (table, csv):
        tiny = frame[frame["Unit"] == "Tiny"].iloc[0]
        for column in ("Employee answers (n)", "eNPS", "Technology", "Trained for it"):
            assert tiny[column] == "hidden (confidential)"
        assert frame[frame["Unit"] == "North"].iloc[0]["Employee answers (n)"] == "12"


def test_csv_cells_that_a_spreadsheet_would_run_stay_text(workspace):
    add_staff(workspace, "=HYPERLINK(\"x\")", datetime(2026, 2, 2), [{"enps": 9}] * 6)
    v = linkage.view(workspace.cursor(), Q1_2026, "nps", "enps", 0, LOW)
    text = linkage.unit_table_csv(linkage.unit_table(v, "nps", "enps")).decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert "\n=HYPERLINK" not in text


def test_a_small_quarter_is_hidden_over_time_and_so_is_the_pooled_figure_that_holds_it(workspace):
    add_staff(workspace, "North", datetime(2026, 2, 2), [{"enps": 9}] * 4)
    add_staff(workspace, "North", datetime(2026, 5, 2), [{"enps": 9}] * 12)
    for unit in ("South", "East"):
        add_staff(workspace, unit, datetime(2026, 2, 2), [{"enps": 7}] * 9)
        add_staff(workspace, unit, datetime(2026, 5, 2), [{"enps": 7}] * 15)
    f = Filters(workspace="test", start=date(2026, 1, 1), end=date(2026, 6, 30))
    north = linkage.unit_series(linkage.over_time(workspace.cursor(), f, "nps", "enps", 0, LOW).employee, "North")
    assert list(north["status"]) == ["suppressed", "ok"]  # Q2's 12 answers are a pool of their own
    pooled = linkage.view(workspace.cursor(), f, "nps", "enps", 0, LOW)
    assert "North" in pooled.hidden_units  # Jan-Jun minus Q2 would otherwise give Q1's four


# -- side by side and the chain -------------------------------------------------------------------

def side_rows(unit: str, staff: float, customers: float) -> tuple[list, list]:
    return ([(unit, m, staff) for m in linkage.EMPLOYEE_SIDE], [(unit, m, customers) for m in linkage.CUSTOMER_SIDE])


def test_gap_is_staff_mean_minus_customer_mean_and_sorts_both_ways():
    emp, cus = [], []
    for unit, s, c in (("A", 4.0, 3.0), ("B", 3.0, 4.0), ("C", 3.5, 3.4)):
        e_rows, c_rows = side_rows(unit, s, c)
        emp += e_rows
        cus += c_rows
    emp += [("D", m, 0, 0, "suppressed") for m in linkage.EMPLOYEE_SIDE]
    cus += [("D", m, 4.0) for m in linkage.CUSTOMER_SIDE]
    prof = linkage.profile(figure_rows(emp), figure_rows(cus), "gap_desc")
    assert list(prof["unit"]) == ["A", "C", "B", "D"]
    assert prof.set_index("unit").loc["A", "gap"] == pytest.approx(1.0)
    assert list(linkage.sort_units(prof, "gap_asc")["unit"]) == ["B", "C", "A", "D"]
    assert list(linkage.sort_units(prof, "name")["unit"]) == ["A", "B", "C", "D"]


def chain_of(staff: dict[str, tuple], customers: dict[str, float], half: float = 0.2) -> dict[str, dict]:
    emp = [(u, m, v, half) for u, values in staff.items() for m, v in zip(linkage.CHAIN_EMPLOYEE, values, strict=True)]
    cus = [(u, m, v, 3) for u, v in customers.items() for m in linkage.CHAIN_CUSTOMER]
    return {r["unit"]: r for r in linkage.chain(figure_rows(emp), figure_rows(cus)).to_dict("records")}


def test_the_chain_breaks_at_the_first_step_below_the_threshold():
    rows = chain_of({"A": (3.2, 4.0, 4.0), "B": (4.0, 3.1, 3.0), "C": (4.0, 4.0, 3.3), "D": (4.0, 4.1, 4.2)},
                    {"A": 20, "B": 20, "C": 20, "D": 20})
    assert [rows[u]["break_step"] for u in "ABC"] == [1, 2, 3]
    assert rows["A"]["break_reason"] == "threshold"
    assert rows["D"]["chain"] == "holds"


def test_a_step_clearly_below_the_other_units_breaks_the_chain_even_above_the_threshold():
    rows = chain_of({"A": (3.7, 4.0, 4.0), "B": (4.5, 4.0, 4.0), "C": (4.6, 4.0, 4.0), "D": (4.4, 4.0, 4.0)},
                    {u: 20 for u in "ABCD"})
    assert rows["A"]["break_step"] == 1 and rows["A"]["break_reason"] == "below_others"


def test_a_small_difference_is_not_a_break_however_tight_its_interval():
    rows = chain_of({"A": (3.85, 4.0, 4.0), "B": (4.0, 4.0, 4.0), "C": (4.05, 4.0, 4.0), "D": (4.0, 4.0, 4.0)},
                    {u: 20 for u in "ABCD"}, half=0.02)
    assert rows["A"]["chain"] == "holds"


def test_the_chain_breaks_at_the_customer_when_staff_steps_hold_but_customers_lag_clearly():
    rows = chain_of({u: (4.0, 4.0, 4.0) for u in "ABCD"}, {"A": -15, "B": 25, "C": 30, "D": 28})
    assert rows["A"]["break_step"] == 4
    assert "NPS" in linkage.chain_sentence(rows["A"])
    assert rows["B"]["chain"] == "holds"


def test_a_hidden_unit_has_no_chain_only_the_word_hidden():
    emp = figure_rows([("A", m, 0, 0, "suppressed") for m in linkage.CHAIN_EMPLOYEE])
    cus = figure_rows([("A", m, 20) for m in linkage.CHAIN_CUSTOMER])
    row = linkage.chain(emp, cus).to_dict("records")[0]
    assert row["chain"] == "hidden"
    assert linkage.chain_sentence(row) == "Employee figures hidden (confidential)."


def test_chain_sentences_read_in_finnish_too():
    rows = chain_of({"A": (4.0, 3.1, 3.0), "B": (4.0, 4.0, 4.0)}, {"A": 20, "B": 20})
    assert "askeleella 2" in linkage.chain_sentence(rows["A"], "fi")


# -- the demo's story (b) ---------------------------------------------------------------------------

def test_demo_units_with_low_technology_and_wellbeing_stand_out_with_lower_customer_nps(demo_ws):
    from cx import periods, queries

    first, last = queries.date_span(demo_ws.cursor())
    start, end = periods.bounds("last_12m", first, last)
    f = Filters(workspace="demo", start=start, end=end)
    v = linkage.view(demo_ws.cursor(), f, "nps", "technology", 0, Minimums.of(demo_ws))
    prof = v.profile.set_index("unit")
    low_staff = set(prof["technology"].astype(float).nsmallest(2).index)
    assert low_staff == set(prof["wellbeing"].astype(float).nsmallest(2).index) == {"Tampere", "Oulu"}
    points = v.scatter.points.set_index("unit")
    assert set(points.index[points["quadrant"] == "both_weak"]) == low_staff
    assert points.loc[list(low_staff), "y"].max() < points.drop(index=list(low_staff))["y"].min()
    assert v.scatter.pearson.low > 0
    assert "95%" in linkage.verdict_text(v.scatter, "technology", "nps")


def test_demo_shows_no_employee_figure_under_the_minimum_in_any_period_or_lag(demo_ws):
    from cx import periods, queries

    mins = Minimums.of(demo_ws)
    first, last = queries.date_span(demo_ws.cursor())
    for preset in ("last_month", "last_quarter", "last_12m", "all"):
        start, end = periods.bounds(preset, first, last)
        for lag in linkage.LAGS:
            f = Filters(workspace="demo", start=start, end=end)
            v = linkage.view(demo_ws.cursor(), f, "nps", "enps", lag, mins)
            shown_n = v.employee.loc[v.employee["status"] == "ok", "n"]
            assert (shown_n >= mins.confidentiality).all()
            series = linkage.over_time(demo_ws.cursor(), f, "nps", "enps", lag, mins).employee
            assert (series.loc[series["status"] == "ok", "n"] >= mins.confidentiality).all()


# -- which driver weighs more -------------------------------------------------------------------------

def test_a_difference_whose_interval_holds_zero_is_said_as_cannot_tell():
    pair = stats.DriverDifference("efficiency", "ease", 5.06, -0.3, 10.4)
    assert linkage.difference_sentence(pair) == ("Efficiency or Ease: the data cannot tell which weighs more, "
                                                 "Efficiency ahead by 5.1 points (95% −0.3 … 10.4).")
    assert linkage.difference_sentence(pair, "fi").startswith("Tehokkuus vai Helppous: aineistosta ei voi päätellä")


def test_a_negative_difference_is_said_from_the_side_of_the_larger_share():
    pair = stats.DriverDifference("emotion", "ease", -27.7, -31.6, -23.9)
    assert linkage.difference_sentence(pair) == "Ease weighs more than Emotion: 27.7 points (95% 23.9 … 31.6)."


def test_the_driver_comparison_has_the_journeys_shares_and_every_pair(demo_ws):
    from cx import journey

    last_year = Filters(workspace="demo", start=date(2025, 11, 1), end=date(2026, 10, 31))
    comparison = linkage.driver_comparison(demo_ws.cursor(), last_year, Minimums())
    view = journey.drivers(demo_ws.cursor(), last_year, "relationship_nps", Minimums())
    assert [d.share for d in comparison.drivers] == pytest.approx(view.drivers["share"].tolist())
    assert [d.low for d in comparison.drivers] == pytest.approx(view.drivers["low"].tolist())
    assert [(p.first, p.second) for p in comparison.differences] == [
        ("efficiency", "ease"), ("efficiency", "emotion"), ("ease", "emotion")]


def test_six_units_in_reverse_order_are_a_negative_link_by_the_permutation_test():
    sc = hand_scatter([1, 2, 3, 4, 5, 6], [20, 12, 9, 8, 5, 3], "technology", "nps")
    assert sc.spearman.r == -1.0 and sc.spearman.p_value < 0.05
    assert sc.verdict == "negative"


def test_a_permutation_p_value_of_5_percent_or_more_supports_no_side():
    from types import SimpleNamespace

    pearson = SimpleNamespace(r=0.8, low=0.2, high=0.95, p_value=None)
    assert linkage.verdict(pearson, SimpleNamespace(r=0.7, low=None, high=None, p_value=0.05), 6) == "fragile"
    assert linkage.verdict(pearson, SimpleNamespace(r=0.9, low=None, high=None, p_value=0.01), 6) == "positive"
