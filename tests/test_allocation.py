"""Allocation rules: whole numbers, exact totals, and optimal where they claim to be (checked by brute force)."""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from cx import allocation, stats
from cx.allocation import AllocationError, allocate, largest_remainder

VAR = [0.70, 0.30, 0.55]
FIXED = [10, 40, 5]
VOLUME = [1500, 40000, 3000]
INFO = pd.DataFrame({"touchpoint": ["Complaints", "Web", "Shop"], "variance": VAR, "volume": VOLUME,
                     "fixed": FIXED, "largest_drop": [25.0, 0.0, 5.0], "nps": [-10.0, 40.0, 20.0]})
RULES = ("equal", "volume", "neyman", "problem_spots", "minimax_moe")


def splits(total: int, k: int):
    """Every way to split `total` whole measurements over k touchpoints."""
    for cut in itertools.combinations(range(total + k - 1), k - 1):
        yield np.diff((-1, *cut, total + k - 1)) - 1


def affordable(budget: float, costs):
    """Every whole-measurement split whose cost stays within the budget."""
    ranges = [range(int(budget // c) + 1) for c in costs]
    for split in itertools.product(*ranges):
        if np.dot(split, costs) <= budget:
            yield np.array(split)


def random_inputs(rng, k):
    return dict(volume=rng.integers(0, 10_000, k).astype(float), variance=rng.uniform(0.05, 1, k),
                fixed=rng.integers(0, 100, k), problem=rng.uniform(0, 30, k))


def test_largest_remainder_gives_the_leftover_units_to_the_largest_remainders():
    assert largest_remainder([0.5, 0.3, 0.2], 7).tolist() == [4, 2, 1]  # quotas 3.5, 2.1, 1.4


def test_largest_remainder_breaks_a_tie_towards_the_earlier_touchpoint():
    assert largest_remainder([1, 1, 1], 10).tolist() == [4, 3, 3]


def test_minimax_reaches_the_best_worst_margin_of_every_split_of_twelve():
    got = allocate("minimax_moe", 12, INFO)
    best = min(allocation.worst_moe(VAR, np.add(FIXED, s)) for s in splits(12, 3))
    assert got.sum() == 12
    assert allocation.worst_moe(VAR, np.add(FIXED, got)) == pytest.approx(best, rel=1e-12)


def test_neyman_reaches_the_smallest_weighted_variance_of_every_split_of_twelve():
    got = allocate("neyman", 12, INFO)
    best = min(allocation.neyman_objective(VOLUME, VAR, np.add(FIXED, s)) for s in splits(12, 3))
    assert got.sum() == 12
    assert allocation.neyman_objective(VOLUME, VAR, np.add(FIXED, got)) == pytest.approx(best, rel=1e-12)


@pytest.mark.parametrize("budget", [1, 7, 25])
def test_minimax_and_neyman_stay_optimal_for_other_budgets_and_four_touchpoints(budget):
    var, fixed, volume = [0.9, 0.2, 0.5, 0.6], [0, 30, 3, 12], [500, 9000, 2000, 0]
    for rule, objective in (("minimax_moe", lambda n: allocation.worst_moe(var, n)),
                            ("neyman", lambda n: allocation.neyman_objective(volume, var, n))):
        got = allocate(rule, budget, volume=volume, variance=var, fixed=fixed)
        best = min(objective(np.add(fixed, s)) for s in splits(budget, 4))
        assert objective(np.add(fixed, got)) == pytest.approx(best, rel=1e-12), rule


def test_neyman_without_fixed_measurement_is_proportional_to_volume_times_spread():
    # N*S = 1000*0.8 and 4000*0.4: a 1:2 split of 30
    got = allocate("neyman", 30, volume=[1000, 4000], variance=[0.64, 0.16], fixed=[0, 0])
    assert got.tolist() == [10, 20]


def test_neyman_without_any_volume_follows_the_spread_alone():
    got = allocate("neyman", 30, volume=[np.nan, np.nan], variance=[0.64, 0.16], fixed=[0, 0])
    assert got.tolist() == [20, 10]  # S = 0.8 and 0.4


def test_a_touchpoint_with_unknown_volume_counts_as_the_average_volume():
    got = allocate("volume", 30, volume=[1000, np.nan, 2000], variance=VAR, fixed=FIXED)
    assert got.tolist() == [7, 10, 13]  # 1000 : 1500 : 2000, quotas 6.67, 10, 13.33


def test_every_rule_adds_up_exactly_to_a_count_budget_over_many_random_inputs():
    rng = np.random.default_rng(7)
    for _ in range(60):
        k = int(rng.integers(1, 9))
        budget, minimum = int(rng.integers(0, 400)), int(rng.integers(0, 5))
        if minimum * k > budget:
            continue
        for rule in RULES:
            got = allocate(rule, budget, minimum=minimum, **random_inputs(rng, k))
            assert got.sum() == budget and got.dtype.kind == "i" and (got >= minimum).all(), rule


def test_a_euro_budget_is_never_exceeded_and_no_further_measurement_fits():
    rng = np.random.default_rng(11)
    for _ in range(40):
        k = int(rng.integers(1, 7))
        costs = rng.choice([3.0, 2.5, 50.0, 80.0], k)
        budget = float(rng.uniform(0, 3000))
        for rule in RULES:
            got = allocate(rule, budget, costs=costs, budget_in="euros", **random_inputs(rng, k))
            spent = float(got @ costs)
            assert spent <= budget + 1e-9 and budget - spent < costs.min(), rule


def test_equal_in_euros_shares_the_euros_then_spends_what_is_left_where_it_still_fits():
    # 150 € each: 50 surveys and 1 mystery shop; the 70 € left buys 23 more surveys, not a second shop
    got = allocate("equal", 300.0, volume=[1, 1], variance=[0.5, 0.5], fixed=[0, 0], costs=[3.0, 80.0],
                   budget_in="euros")
    assert got.tolist() == [73, 1]


def test_minimax_in_euros_reaches_the_best_worst_margin_of_every_affordable_split():
    costs, fixed = [3.0, 5.0, 7.0], [0, 2, 1]
    for budget in (10.0, 40.0, 61.5):
        got = allocate("minimax_moe", budget, volume=VOLUME, variance=VAR, fixed=fixed, costs=costs,
                       budget_in="euros")
        best = min(allocation.worst_moe(VAR, np.add(fixed, s)) for s in affordable(budget, costs))
        assert allocation.worst_moe(VAR, np.add(fixed, got)) == pytest.approx(best, rel=1e-12)


def test_neyman_in_euros_with_one_unit_cost_equals_the_count_budget_it_buys():
    euros = allocate("neyman", 100.0, INFO, unit_costs=[3.0, 3.0, 3.0], budget_in="euros")
    count = allocate("neyman", 33, INFO)
    assert euros.tolist() == count.tolist()


def test_minimums_are_kept_and_the_rest_follows_the_rule():
    got = allocate("volume", 30, volume=[1, 1000, 1], variance=VAR, fixed=FIXED, minimum=5)
    assert got.tolist() == [5, 20, 5]


def test_a_minimum_may_differ_per_touchpoint():
    got = allocate("equal", 12, INFO, minimum_per_touchpoint=[0, 6, 0])
    assert got.tolist() == [2, 8, 2]


def test_minimums_above_a_count_budget_are_refused_with_a_sentence():
    with pytest.raises(ValueError, match=r"The minimums need 30 measurements, more than the budget of 20"):
        allocate("equal", 20, INFO, minimum_per_touchpoint=10)


def test_minimums_above_a_euro_budget_are_refused_with_a_sentence():
    with pytest.raises(ValueError, match=r"The minimums need 180 €, more than the budget of 100"):
        allocate("minimax_moe", 100.0, INFO, minimum_per_touchpoint=20, unit_costs=[3, 3, 3], budget_in="euros")


def test_fixed_measurement_stays_where_it_is_and_is_only_counted():
    # Web already has 40 fixed answers: minimax tops up the others first and never takes from Web.
    got = allocate("minimax_moe", 20, INFO)
    assert got[1] == 0 and got.sum() == 20
    assert INFO["fixed"].tolist() == FIXED


def test_a_count_budget_must_be_whole():
    with pytest.raises(AllocationError, match="whole number"):
        allocate("equal", 10.5, INFO)


def test_an_unknown_rule_is_refused():
    with pytest.raises(ValueError, match="Unknown rule"):
        allocate("biggest_boss", 10, INFO)


def test_problem_spots_share_in_proportion_to_the_largest_recent_drop():
    got = allocate("problem_spots", 30, INFO, problem="largest_drop")
    assert got.tolist() == [25, 0, 5]  # drops 25, 0, 5


def test_problem_spots_on_the_lowest_score_measure_the_gap_to_the_best_touchpoint():
    got = allocate("problem_spots", 30, INFO, problem="lowest_score")
    assert got.tolist() == [21, 0, 9]  # 50 and 20 points below the best: quotas 21.4, 0, 8.6


def test_problem_spots_take_ready_made_scores_as_weights():
    assert allocate("problem_spots", 10, INFO, weights=[0, 1, 1]).tolist() == [0, 5, 5]


def test_the_widest_interval_score_is_the_margin_of_error_at_todays_measurements():
    frame = INFO.assign(movable=[10, 0, 5])
    scores = allocation.problem_scores(frame, "widest_interval")
    assert scores[0] == pytest.approx(stats.margin_of_error(0.70, 20))


def test_a_hand_set_plan_within_the_budget_is_taken_as_it_is():
    assert allocate("manual", 10, INFO, weights=[2, 3, 4]).tolist() == [2, 3, 4]


def test_a_hand_set_plan_over_the_budget_is_refused():
    with pytest.raises(AllocationError, match="uses 15 measurements, more than the budget of 10"):
        allocate("manual", 10, INFO, weights=[5, 5, 5])


def test_a_hand_set_plan_below_the_minimum_is_refused():
    with pytest.raises(AllocationError, match="at least its minimum"):
        allocate("manual", 10, INFO, minimum_per_touchpoint=2, weights=[1, 3, 3])


def test_a_hand_set_plan_needs_whole_numbers():
    with pytest.raises(AllocationError, match="whole number"):
        allocate("manual", 10, INFO, weights=[1.5, 3, 3])


def test_a_hand_set_plan_in_euros_is_costed():
    with pytest.raises(AllocationError, match="uses 240 €"):
        allocate("manual", 200.0, INFO, weights=[0, 0, 3], unit_costs=[3, 3, 80], budget_in="euros")


def test_moving_the_pool_moves_all_of_it():
    assert allocation.move_pool([300, 15, 0], 0, 1).tolist() == [0, 315, 0]


def test_minimax_helps_the_worst_touchpoint_first():
    got = allocate("minimax_moe", 1, INFO)
    worst = int(np.argmax([stats.margin_of_error(v, n) for v, n in zip(VAR, FIXED, strict=True)]))
    assert got.tolist() == [1 if i == worst else 0 for i in range(3)]
