"""Planning under the alternative: the simulator's "smallest change you could see" and "chance of
catching a drop" use the variance after the drop, and the chance matches a seeded simulation of the
app's own flag (the contract's padded NPS difference, `stats.nps_change`) within 2 points."""
from __future__ import annotations

import numpy as np
import pytest

from cx import stats

# (promoters, detractors, answers in month 1, answers in month 2): many promoters, a middle, many
# detractors, small and large months, unequal months both ways
CASES = [(0.7, 0.05, 60, 60), (0.9, 0.02, 30, 30), (0.5, 0.2, 30, 30), (0.6, 0.1, 100, 100),
         (0.2, 0.5, 60, 60), (0.9, 0.02, 30, 120), (0.9, 0.02, 120, 30), (0.95, 0.01, 250, 250)]
SIMS = 6000  # Monte Carlo standard error at most 0.65 points


def flag_rate(p: float, d: float, n1: int, n2: int, drop: float, seed: int) -> float:
    """How often nps_change flags a fall between a month at (p, d) and a month after `drop`."""
    rng = np.random.default_rng(seed)
    q, r = stats.shares_after_drop(p, d, drop)
    first = rng.multinomial(n1, [p, 1 - p - d, d], size=SIMS)
    second = rng.multinomial(n2, [q, max(1 - q - r, 0.0), r], size=SIMS)
    flags = [stats.nps_change(int(a[0]), int(a[2]), n1, int(b[0]), int(b[2]), n2) for a, b in zip(first, second, strict=True)]
    return float(np.mean([c.significant and c.diff < 0 for c in flags]))


def test_a_drop_moves_half_its_points_from_promoters_to_detractors():
    assert stats.shares_after_drop(0.6, 0.1, 10) == pytest.approx((0.55, 0.15))


def test_when_the_promoters_run_out_passives_become_detractors_and_nps_still_falls_by_the_drop():
    p, d = stats.shares_after_drop(0.05, 0.2, 30)  # 10 points from promoters, 20 more from passives
    assert (p, d) == pytest.approx((0.0, 0.45))
    assert 100 * ((0.05 - 0.2) - (p - d)) == pytest.approx(30)


def test_a_rise_is_the_mirror_image_of_a_fall():
    assert stats.shares_after_drop(0.6, 0.1, -10) == pytest.approx((0.65, 0.05))


@pytest.mark.parametrize("drop", [10, 25])
@pytest.mark.parametrize(("p", "d", "n1", "n2"), CASES, ids=[f"{p}/{d}-n{a}-n{b}" for p, d, a, b in CASES])
def test_the_chance_of_catching_a_drop_matches_a_simulation_of_the_apps_flag_within_2_points(p, d, n1, n2, drop):
    computed = stats.nps_drop_power(p, d, n1, n2, drop)
    simulated = flag_rate(p, d, n1, n2, drop, seed=n1 * 1000 + n2 + drop)
    assert abs(computed - simulated) <= 0.02, (computed, simulated)


def test_the_detectable_change_is_the_contract_formula_with_the_variance_after_the_change():
    p, d, n = 0.7, 0.05, 60
    change = stats.detectable_drop(p, d, n, n)
    after = stats.nps_variance(*stats.shares_after_drop(p, d, change))
    assert change == pytest.approx(stats.min_detectable_change(stats.nps_variance(p, d), n, after, n), rel=1e-9)


@pytest.mark.parametrize(("p", "d", "n"), [(0.7, 0.05, 60), (0.9, 0.02, 30), (0.4, 0.2, 200), (0.2, 0.5, 60)])
def test_the_detectable_change_is_caught_about_four_times_in_five(p, d, n):
    change = stats.detectable_drop(p, d, n, n)
    assert 0.77 <= flag_rate(p, d, n, n, change, seed=n) <= 0.83


def test_the_variance_before_the_drop_over_promised_for_a_touchpoint_with_many_promoters():
    # the old planning figure: 80% power at 2.8016 x sqrt(2 V1 / n); real power at that change is far lower
    p, d, n = 0.7, 0.05, 60
    v = stats.nps_variance(p, d)
    old = stats.min_detectable_change(v, n, v, n)
    assert flag_rate(p, d, n, n, old, seed=1) < 0.70
    assert stats.detectable_drop(p, d, n, n) > old + 5


def test_a_touchpoint_where_everyone_is_a_promoter_still_has_a_finite_detectable_change():
    # before the fall the variance is 0; after it, not: the bisection finds the positive root
    change = stats.detectable_drop(1.0, 0.0, 100, 100)
    assert 10 < change < 25


def test_no_answers_means_no_chance_and_no_detectable_change():
    assert stats.nps_drop_power(0.5, 0.2, 0, 100, 10) == 0.0
    assert stats.detectable_drop(0.5, 0.2, 0, 100) == float("inf")
