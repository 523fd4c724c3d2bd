"""Allocation rules: whole numbers, exact totals, and optimal where they claim to be (checked by brute force)."""
from __future__ import annotations

import itertools

import numpy as np
import pytest

from cx import allocation, stats
from cx.allocation import AllocationError, allocate, largest_remainder

VAR = [0.70, 0.30, 0.55]
FIXED = [10, 40, 5]
VOLUME = [1500, 40000, 3000]


def splits(total: int, k: int):
    for cut in itertools.combinations(range(total + k - 1), k - 1):
        parts = np.diff((-1, *cut, total + k - 1)) - 1
        yield parts


def test_largest_remainder_hands_out_exactly_the_total():
    assert largest_remainder([1, 1, 1], 10).tolist() == [4, 3, 3]
    assert largest_remainder([0.5, 0.3, 0.2], 7).tolist() == [4, 2, 1]  # quotas 3.5, 2.1, 1.4


def test_minimax_matches_the_best_of_every_split_of_twelve():
    got = allocate("minimax_moe", 12, volume=VOLUME, variance=VAR, fixed=FIXED)
    best = min(allocation.worst_moe(VAR, np.add(FIXED, s)) for s in splits(12, 3))
    assert got.sum() == 12
    assert allocation.worst_moe(VAR, np.add(FIXED, got)) == pytest.approx(best)


def test_neyman_matches_the_best_of_every_split_of_twelve():
    w = np.array(VOLUME) / sum(VOLUME)

    def objective(n):
        return sum(wi ** 2 * vi / ni for wi, vi, ni in zip(w, VAR, n, strict=True))

    got = allocate("neyman", 12, volume=VOLUME, variance=VAR, fixed=FIXED)
    best = min(objective(np.add(FIXED, s)) for s in splits(12, 3))
    assert got.sum() == 12 and objective(np.add(FIXED, got)) == pytest.approx(best)


@pytest.mark.parametrize("rule", ["equal", "volume", "neyman", "problem_spots", "minimax_moe"])
def test_every_rule_adds_up_exactly_to_the_budget(rule):
    rng = np.random.default_rng(7)
    for _ in range(40):
        k = int(rng.integers(2, 9))
        budget = int(rng.integers(0, 500))
        got = allocate(rule, budget, volume=rng.integers(0, 10_000, k), variance=rng.uniform(0.05, 1, k),
                       fixed=rng.integers(0, 100, k), problem=rng.uniform(0, 30, k))
        assert got.sum() == budget and (got >= 0).all() and got.dtype.kind == "i"


def test_minimums_are_respected_and_the_rest_is_allocated():
    got = allocate("volume", 30, volume=[1, 1000, 1], variance=VAR, fixed=FIXED, minimum=5)
    assert (got >= 5).all() and got.sum() == 30


def test_minimums_above_the_budget_are_refused_with_a_sentence():
    with pytest.raises(AllocationError, match="minimum of 10 per touchpoint needs 30"):
        allocate("equal", 20, volume=VOLUME, variance=VAR, fixed=FIXED, minimum=10)


def test_a_euro_budget_is_never_exceeded_and_nothing_more_fits():
    costs = np.array([3.0, 3.0, 90.0])
    for rule in ("equal", "volume", "neyman", "minimax_moe", "problem_spots"):
        got = allocate(rule, 500.0, volume=VOLUME, variance=VAR, fixed=FIXED, costs=costs, budget_in="euros",
                       problem=[5, 1, 20])
        spent = float((got * costs).sum())
        assert spent <= 500.0
        if rule != "minimax_moe":
            assert 500.0 - spent < costs.min()


def test_fixed_measurement_never_moves():
    got = allocate("minimax_moe", 0, volume=VOLUME, variance=VAR, fixed=FIXED)
    assert got.tolist() == [0, 0, 0]


def test_a_hand_set_plan_over_budget_is_refused():
    with pytest.raises(AllocationError):
        allocate("manual", 10, volume=VOLUME, variance=VAR, fixed=FIXED, manual=[5, 5, 5])


def test_moving_the_pool_moves_all_of_it():
    assert allocation.move_pool([300, 15, 0], 0, 1).tolist() == [0, 315, 0]


def test_minimax_helps_the_worst_touchpoint_first():
    got = allocate("minimax_moe", 1, volume=VOLUME, variance=VAR, fixed=FIXED)
    worst = int(np.argmax([stats.margin_of_error(v, n) for v, n in zip(VAR, FIXED, strict=True)]))
    assert got[worst] == 1
