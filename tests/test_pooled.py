"""Figures pooled across touchpoints, weighted by contact volume (contract: "Pooled across touchpoints").

Hand-computed values, the command line on planted counts, and seeded simulation: moving
measurement between touchpoints leaves the weighted figure where it was, and its
interval covers about 95%.
"""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

from cx import metrics as m
from cx import pooled, stats
from cx.cli import main

NPS, CSAT, CES = m.get("nps"), m.get("csat"), m.get("ces")


def _adjusted(p: int, d: int, n: int) -> float:
    """V~/n~ of the contract's adjusted Wald interval (shares, not points)."""
    nt = n + 3
    pp, pd = (p + 0.75) / nt, (d + 0.75) / nt
    return (pp + pd - (pp - pd) ** 2) / nt


# --- the formula, by hand ------------------------------------------------------------

def test_weighted_nps_is_the_volume_weighted_sum_of_raw_touchpoint_nps():
    # A: 100 answers, 50 promoters, 20 detractors (NPS 30), volume 3000
    # B:  50 answers, 10 promoters, 30 detractors (NPS -40), volume 1000
    # w = 0.75, 0.25: estimate 0.75 * 30 + 0.25 * -40 = 12.5
    strata = [pooled.Stratum("A", 100, 50, 20, 3000), pooled.Stratum("B", 50, 10, 30, 1000)]
    figure = pooled.pool(NPS, strata)
    half = 1.96 * 100 * math.sqrt(0.75 ** 2 * _adjusted(50, 20, 100) + 0.25 ** 2 * _adjusted(10, 30, 50))
    assert figure.weighted and figure.n == 150
    assert figure.value == pytest.approx(12.5)
    assert (figure.low, figure.high) == pytest.approx((12.5 - half, 12.5 + half))
    assert figure.weights == pytest.approx({"A": 0.75, "B": 0.25})


def test_weights_count_only_touchpoints_with_answers_and_name_the_others():
    strata = [pooled.Stratum("A", 100, 50, 20, 3000), pooled.Stratum("B", 50, 10, 30, 1000)]
    figure = pooled.pool(NPS, strata, {"A": 3000, "B": 1000, "C": 6000})
    assert figure.value == pytest.approx(12.5)  # C's volume is not in the sum of volumes
    assert figure.no_answers == ("C",)


def test_a_share_pools_with_the_padded_share_over_n():
    # CSAT: A 80 of 100 (80 %), B 20 of 50 (40 %), volumes 1:1 -> 60 %
    strata = [pooled.Stratum("A", 100, 80, 0, 500), pooled.Stratum("B", 50, 20, 0, 500)]
    z2 = 1.96 ** 2

    def var(k, n):
        p = (k + z2 / 2) / (n + z2)
        return p * (1 - p) / n

    half = 1.96 * 100 * math.sqrt(0.25 * var(80, 100) + 0.25 * var(20, 50))
    figure = pooled.pool(CSAT, strata)
    assert figure.value == pytest.approx(60.0)
    assert (figure.low, figure.high) == pytest.approx((60 - half, 60 + half))


def test_a_mean_pools_with_each_touchpoints_variance_padded_by_half_an_answer_at_each_end():
    # CES 1-7: A answers 4, 6 (mean 5), B answers 2, 2, 5 (mean 3); volumes 1 : 3 -> 0.25*5 + 0.75*3 = 3.5
    # A's padded answers 4, 6 and halves of 1 and 7: sum 14, squares 52 + 25 = 77, count 3, mean 14/3
    var_a = (77 - 3 * (14 / 3) ** 2) / 2 / 2
    # B's: sum 9 + 4 = 13, squares 33 + 25 = 58, count 4
    var_b = (58 - 4 * (13 / 4) ** 2) / 3 / 3
    strata = [pooled.Stratum("A", 2, 10, 52, 100), pooled.Stratum("B", 3, 9, 33, 300)]
    figure = pooled.pool(CES, strata)
    half = 1.96 * math.sqrt(0.25 ** 2 * var_a + 0.75 ** 2 * var_b)
    assert figure.value == pytest.approx(3.5)
    assert (figure.low, figure.high) == pytest.approx((3.5 - half, 3.5 + half))


def test_a_mean_of_identical_answers_still_has_an_interval():
    strata = [pooled.Stratum("A", 40, 280, 1960, 100), pooled.Stratum("B", 40, 280, 1960, 300)]  # every answer 7
    figure = pooled.pool(CES, strata)
    assert figure.high - figure.low > 0


@pytest.mark.parametrize(("metric", "draw"), [
    ("share", lambda rng, n, k: (rng.binomial(n, (0.5, 0.2)[k]), 0)),
    ("mean", lambda rng, n, k: _answers(rng.choice(np.arange(1, 8), n, p=_CES_SHAPES[k]))),
], ids=["share", "mean"])
def test_pooled_shares_and_means_cover_about_95_percent_at_30_answers(metric, draw):
    rng = np.random.default_rng(3)
    spec = {"share": CSAT, "mean": CES}[metric]
    truth = {"share": 100 * (0.8 * 0.5 + 0.2 * 0.2),
             "mean": 0.8 * (np.arange(1, 8) @ _CES_SHAPES[0]) + 0.2 * (np.arange(1, 8) @ _CES_SHAPES[1])}[metric]
    runs, covered = 3000, 0
    for _ in range(runs):
        strata = [pooled.Stratum(str(k), n, *draw(rng, n, k), v) for k, (n, v) in enumerate(((30, 4000), (300, 1000)))]
        figure = pooled.pool(spec, strata)
        covered += figure.low <= truth <= figure.high
    assert 0.93 <= covered / runs <= 0.97


_CES_SHAPES = (np.array([0.02, 0.02, 0.03, 0.05, 0.13, 0.25, 0.5]), np.array([0.3, 0.2, 0.15, 0.1, 0.1, 0.1, 0.05]))


def _answers(x) -> tuple[float, float]:
    return float(x.sum()), float((x * x).sum())


def test_without_a_volume_for_a_touchpoint_with_answers_the_figure_is_the_plain_one_and_says_why():
    strata = [pooled.Stratum("A", 100, 50, 20, 3000), pooled.Stratum("B", 50, 10, 30, None)]
    figure = pooled.pool(NPS, strata)
    plain = stats.nps(60, 50, 150)
    assert not figure.weighted and figure.no_volume == ("B",)
    assert (figure.value, figure.low, figure.high) == (plain.value, plain.low, plain.high)


def test_one_touchpoint_is_its_own_plain_figure():
    figure = pooled.pool(NPS, [pooled.Stratum("A", 100, 50, 20, 3000)])
    assert not figure.weighted and (figure.value, figure.low) == (30.0, stats.nps(50, 20, 100).low)


def test_a_change_of_weighted_figures_is_their_difference_with_the_variances_added():
    before = pooled.pool(NPS, [pooled.Stratum("A", 100, 50, 20, 3000), pooled.Stratum("B", 50, 10, 30, 1000)])
    after = pooled.pool(NPS, [pooled.Stratum("A", 90, 30, 30, 3000), pooled.Stratum("B", 60, 20, 20, 1000)])
    change = pooled.change(NPS, before, after)
    se = math.sqrt(before.variance + after.variance)
    assert change.diff == pytest.approx(after.value - before.value)
    assert (change.low, change.high) == pytest.approx((change.diff - 1.96 * se, change.diff + 1.96 * se))
    assert change.p_value == pytest.approx(math.erfc(abs(change.diff) / se / math.sqrt(2)))


# --- moving measurement -------------------------------------------------------------------

# Two touchpoints like the demo's: Web self-service (40,000 contacts a month, NPS +40) and
# Complaint handling (1,500 contacts, NPS -50). The simulator's default shift moves 300 of
# Web self-service's 600 answers a month to Complaint handling's 60.
TRUE = {"web": (0.55, 0.30, 0.15), "complaints": (0.15, 0.20, 0.65)}  # promoters, passives, detractors
VOLUME = {"web": 40000, "complaints": 1500}
BEFORE, AFTER = {"web": 600, "complaints": 60}, {"web": 300, "complaints": 360}


def _expected_strata(answers: dict) -> list[pooled.Stratum]:
    return [pooled.Stratum(tp, n, n * TRUE[tp][0], n * TRUE[tp][2], VOLUME[tp]) for tp, n in answers.items()]


def _plain_nps(strata) -> float:
    return 100 * sum(s.a - s.b for s in strata) / sum(s.n for s in strata)


def test_the_default_shift_moves_the_plain_headline_but_not_the_weighted_one():
    before, after = _expected_strata(BEFORE), _expected_strata(AFTER)
    # plain: (600 * 0.40 + 60 * -0.50) / 660 = +31.8  ->  (300 * 0.40 + 360 * -0.50) / 660 = -9.1
    assert _plain_nps(before) == pytest.approx(31.82, abs=0.01)
    assert _plain_nps(after) == pytest.approx(-9.09, abs=0.01)
    # weighted: (40000 * 40 + 1500 * -50) / 41500 = +36.7, before and after
    assert pooled.pool(NPS, before).value == pytest.approx(36.75, abs=0.01)
    assert pooled.pool(NPS, after).value == pytest.approx(pooled.pool(NPS, before).value)


def _draw(rng, answers: dict) -> list[pooled.Stratum]:
    out = []
    for tp, n in answers.items():
        p, _, d = rng.multinomial(n, TRUE[tp])
        out.append(pooled.Stratum(tp, n, p, d, VOLUME[tp]))
    return out


@pytest.mark.parametrize("answers", [BEFORE, AFTER], ids=["before_the_shift", "after_the_shift"])
def test_the_weighted_figure_is_unbiased_and_covers_about_95_percent_wherever_the_measurement_is(answers):
    rng = np.random.default_rng(13)
    truth = sum(VOLUME[tp] * 100 * (TRUE[tp][0] - TRUE[tp][2]) for tp in TRUE) / sum(VOLUME.values())
    runs = 4000
    values, covered = np.empty(runs), 0
    for i in range(runs):
        figure = pooled.pool(NPS, _draw(rng, answers))
        values[i] = figure.value
        covered += figure.low <= truth <= figure.high
    assert abs(values.mean() - truth) < 3 * values.std() / math.sqrt(runs)
    assert 0.93 <= covered / runs <= 0.97


def test_a_weighted_change_after_a_shift_is_not_flagged_more_than_5_percent_of_the_time():
    rng = np.random.default_rng(5)
    runs = 2000
    flagged = sum(pooled.change(NPS, pooled.pool(NPS, _draw(rng, BEFORE)),
                                pooled.pool(NPS, _draw(rng, AFTER))).significant for _ in range(runs))
    assert flagged / runs <= 0.05 + 2 * math.sqrt(0.05 * 0.95 / runs)


# --- the command line ------------------------------------------------------------------------

def _planted(tmp_path, capsys) -> None:
    """Two touchpoints with planted counts, the journey map's volumes, and a minimum of 5."""
    answers = tmp_path / "answers.csv"
    scores = {"Web shop": [10] * 6 + [8] * 2 + [3] * 2, "Complaints": [9] * 2 + [7] * 2 + [2] * 6}
    rows = ["Date,Touchpoint,Unit,NPS"]
    rows += [f"2026-03-{1 + i:02d},{tp},North,{s}" for tp, ss in scores.items() for i, s in enumerate(ss)]
    answers.write_text("\n".join(rows) + "\n")
    journey = tmp_path / "touchpoints.csv"
    journey.write_text("touchpoint,stage,stage_order,volume\nWeb shop,Purchase,1,9000\nComplaints,Complaints,2,1000\n")
    assert main(["import", str(answers), "--workspace", "planted"]) == 0
    assert main(["import", str(journey), "--workspace", "planted", "--kind", "touchpoints"]) == 0
    from cx import store

    store.open_workspace("planted").set_setting("min_n", 5)
    store.close_all()
    capsys.readouterr()


def test_summary_weight_volume_json_equals_the_contract_formula(tmp_path, capsys):
    _planted(tmp_path, capsys)
    assert main(["summary", "--workspace", "planted", "--metric", "nps", "--weight", "volume", "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    # Web shop: 6 promoters, 2 detractors of 10 (NPS 40), w 0.9; Complaints: 2 and 6 of 10 (NPS -40), w 0.1
    value = 0.9 * 40 + 0.1 * -40
    half = 1.96 * 100 * math.sqrt(0.81 * _adjusted(6, 2, 10) + 0.01 * _adjusted(2, 6, 10))
    row = body["rows"][0]
    assert body["weight"] == "volume" and row["weighted"] is True and row["n"] == 20
    assert row["value"] == pytest.approx(value, abs=1e-4)
    assert (row["low"], row["high"]) == pytest.approx((value - half, value + half), abs=1e-4)


def test_summary_weight_volume_by_touchpoint_gives_each_touchpoint_its_plain_figure(tmp_path, capsys):
    _planted(tmp_path, capsys)
    main(["summary", "--workspace", "planted", "--metric", "nps", "--by", "touchpoint", "--weight", "volume",
          "--json"])
    rows = {r["group"]: r for r in json.loads(capsys.readouterr().out)["rows"]}
    plain = stats.nps(6, 2, 10)
    assert rows["Web shop"]["weighted"] is False
    assert (rows["Web shop"]["value"], rows["Web shop"]["low"]) == pytest.approx((plain.value, plain.low), abs=1e-4)


def test_summary_says_it_weighted_by_contact_volume(tmp_path, capsys):
    _planted(tmp_path, capsys)
    main(["summary", "--workspace", "planted", "--metric", "nps", "--weight", "volume"])
    assert "weighted by contact volume" in capsys.readouterr().out


def test_on_the_demo_the_simulators_default_shift_moves_the_plain_headline_not_the_weighted_one(full_demo_ws):
    """Web self-service's movable pool (300 of its 600 a month) to Complaint handling (60 a month), with each
    touchpoint's answers scaled to its new count at its current shares (what the shift would buy on average)."""
    from cx import periods, queries
    from cx.filters import Filters

    cur = full_demo_ws.cursor()
    start, end = periods.bounds("last_3m", *queries.date_span(cur))
    filters = Filters(workspace="demo", start=start, end=end, level=("transaction",))
    plan = dict(cur.execute("SELECT touchpoint, sum(fixed_per_month + movable_per_month) FROM measurement_plan "
                            "WHERE method = 'survey' GROUP BY 1").fetchall())
    moved = cur.execute("SELECT movable_per_month FROM measurement_plan WHERE touchpoint = 'Web self-service' "
                        "AND method = 'survey'").fetchone()[0]
    factor = {"Web self-service": (plan["Web self-service"] - moved) / plan["Web self-service"],
              "Complaint handling": (plan["Complaint handling"] + moved) / plan["Complaint handling"]}
    volumes = queries.touchpoint_volumes(cur)
    agg = queries.aggregate(cur, filters, ["nps"], ["touchpoint"]).to_dict("records")
    before = [pooled.Stratum(r["touchpoint"], int(r["nps__n"]), r["nps__a"], r["nps__b"], volumes[r["touchpoint"]])
              for r in agg]
    after = [pooled.Stratum(s.touchpoint, round(s.n * factor.get(s.touchpoint, 1)), s.a * factor.get(s.touchpoint, 1),
                            s.b * factor.get(s.touchpoint, 1), s.volume) for s in before]
    assert _plain_nps(before) - _plain_nps(after) > 15  # about +17 to about -1
    assert pooled.pool(NPS, after).value == pytest.approx(pooled.pool(NPS, before).value, abs=0.5)


def test_summary_weight_volume_with_nothing_matching_is_one_suppressed_row(tmp_path, capsys):
    _planted(tmp_path, capsys)
    main(["summary", "--workspace", "planted", "--metric", "nps", "--weight", "volume", "--from", "2020-01-01",
          "--to", "2020-01-31", "--json"])
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert len(rows) == 1 and rows[0]["n"] == 0 and rows[0]["suppressed"] and rows[0]["value"] is None
