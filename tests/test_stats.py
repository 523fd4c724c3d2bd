"""cx.stats against values worked out by hand (small n, arithmetic written out) or by scipy.

Each test states one rule from the contract's "Metric definitions" or from the
statistical method a function names. scipy is used here only as an independent oracle.
"""
from __future__ import annotations

import math
from itertools import combinations, permutations

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

from cx import stats

Z = 1.96  # the contract's multiplier


# --- NPS (adjusted Wald) --------------------------------------------------------

def test_nps_point_is_raw_and_interval_is_adjusted_wald_on_n_plus_3():
    # 10 answers: 5 promoters, 2 detractors -> raw NPS 100 * (5 - 2) / 10 = 30
    # n~ = 13, p~P = 5.75 / 13, p~D = 2.75 / 13, d~ = 3 / 13
    nt = 13
    pp, pd = 5.75 / nt, 2.75 / nt
    d = pp - pd
    half = Z * math.sqrt((pp + pd - d * d) / nt)  # sqrt((0.65385 - 0.05325) / 13) = 0.21494
    est = stats.nps(5, 2, 10)
    assert est.value == pytest.approx(30.0)
    assert est.low == pytest.approx(100 * (d - half))
    assert est.high == pytest.approx(100 * (d + half))
    assert (est.low, est.high) == pytest.approx((-19.0514, 65.2052), abs=1e-4)
    assert est.n == 10


def test_nps_of_no_answers_is_all_none():
    assert stats.nps(0, 0, 0) == stats.Estimate(None, None, None, 0)


def test_nps_all_promoters_clips_the_high_end_at_100():
    # 10 of 10 promoters: n~ = 13, p~P = 10.75/13, p~D = 0.75/13, d~ = 10/13
    # V = 11.5/13 - (10/13)^2 = 0.29290; half = 1.96 * sqrt(0.29290 / 13) = 0.29420
    # interval 100 * (0.76923 +/- 0.29420) = (47.503, 106.34) -> high clipped to 100
    est = stats.nps(10, 0, 10)
    assert est.value == pytest.approx(100.0)
    assert est.low == pytest.approx(47.503, abs=1e-3)
    assert est.high == 100


def test_nps_all_detractors_clips_the_low_end_at_minus_100():
    est = stats.nps(0, 10, 10)
    assert est.value == pytest.approx(-100.0)
    assert est.low == -100
    assert est.high == pytest.approx(-47.503, abs=1e-3)


def test_nps_of_one_promoter_has_a_wide_interval_that_need_not_hold_the_raw_point():
    # n~ = 4, p~P = 1.75/4 = 0.4375, p~D = 0.75/4 = 0.1875, d~ = 0.25
    # V = 0.625 - 0.0625 = 0.5625, half = 1.96 * sqrt(0.5625 / 4) = 1.96 * 0.375 = 0.735
    est = stats.nps(1, 0, 1)
    assert est.value == pytest.approx(100.0)
    assert est.low == pytest.approx(100 * (0.25 - 0.735))  # -48.5
    assert est.high == pytest.approx(100 * (0.25 + 0.735))  # 98.5


@pytest.mark.parametrize(("promoters", "detractors", "n"), [(-1, 0, 5), (3, 3, 5), (0, 0, -1)])
def test_nps_refuses_counts_that_do_not_fit_in_n(promoters, detractors, n):
    with pytest.raises(ValueError):
        stats.nps(promoters, detractors, n)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 5000).flatmap(
    lambda n: st.tuples(st.just(n), st.integers(0, n)).flatmap(
        lambda t: st.tuples(st.just(t[0]), st.just(t[1]), st.integers(0, t[0] - t[1])))))
def test_nps_interval_is_ordered_inside_minus_100_to_100_and_mirrors_when_promoters_and_detractors_swap(case):
    n, promoters, detractors = case
    est, mirror = stats.nps(promoters, detractors, n), stats.nps(detractors, promoters, n)
    assert -100 <= est.low <= est.high <= 100
    assert (mirror.value, mirror.low, mirror.high) == pytest.approx((-est.value, -est.high, -est.low))


# --- NPS change -------------------------------------------------------------------

def test_nps_change_pads_each_side_with_0375_075_0375_and_uses_n_plus_1_5():
    # a: 20 answers, 10 promoters, 4 detractors (NPS 30); b: 20 answers, 6 / 8 (NPS -10)
    nt = 20 + 1.5
    pa_p, pa_d = 10.375 / nt, 4.375 / nt
    pb_p, pb_d = 6.375 / nt, 8.375 / nt
    da, db = pa_p - pa_d, pb_p - pb_d  # 6/21.5, -2/21.5
    va, vb = pa_p + pa_d - da ** 2, pb_p + pb_d - db ** 2  # 0.60817, 0.67739
    half = Z * math.sqrt(va / nt + vb / nt)  # 1.96 * 0.24453 = 0.47928
    change = stats.nps_change(10, 4, 20, 6, 8, 20)
    assert change.diff == pytest.approx(-40.0)  # raw NPS_b - NPS_a
    assert change.low == pytest.approx(100 * (db - da - half))
    assert change.high == pytest.approx(100 * (db - da + half))
    assert (change.low, change.high) == pytest.approx((-85.137, 10.718), abs=1e-3)
    assert (change.n_a, change.n_b) == (20, 20)


def test_nps_change_is_not_significant_when_its_interval_holds_zero():
    change = stats.nps_change(10, 4, 20, 6, 8, 20)
    assert change.low < 0 < change.high
    assert change.significant is False


def test_nps_change_is_significant_when_its_interval_excludes_zero():
    # 400 answers each: NPS 30 -> NPS 10; half-width about 1.96 * 100 * sqrt(2 * 0.6 / 401) = 10.7
    change = stats.nps_change(200, 80, 400, 160, 120, 400)
    assert change.diff == pytest.approx(-20.0)
    assert change.high < 0
    assert change.significant is True


def test_nps_change_interval_is_clipped_to_the_possible_minus_200_to_200():
    # one detractor, then one promoter: n~ = 2.5 each side
    # b: p~P = 1.375 / 2.5 = 0.55, p~D = 0.375 / 2.5 = 0.15, d~ = 0.4, V = 0.7 - 0.16 = 0.54; a mirrored: d~ = -0.4
    # half = 1.96 * sqrt(2 * 0.54 / 2.5) = 1.96 * 0.65727 = 1.28824 -> 100 * (0.8 +/- 1.28824) = (-48.82, 208.82)
    change = stats.nps_change(0, 1, 1, 1, 0, 1)
    assert change.diff == pytest.approx(200.0)
    assert change.low == pytest.approx(100 * (0.8 - 1.96 * math.sqrt(2 * 0.54 / 2.5)))
    assert change.high == 200


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 2000), st.integers(1, 2000), st.data())
def test_nps_change_from_b_to_a_is_the_mirror_of_a_to_b(n_a, n_b, data):
    p_a, p_b = data.draw(st.integers(0, n_a)), data.draw(st.integers(0, n_b))
    d_a, d_b = data.draw(st.integers(0, n_a - p_a)), data.draw(st.integers(0, n_b - p_b))
    forward, back = stats.nps_change(p_a, d_a, n_a, p_b, d_b, n_b), stats.nps_change(p_b, d_b, n_b, p_a, d_a, n_a)
    assert (back.diff, back.low, back.high) == pytest.approx((-forward.diff, -forward.high, -forward.low))
    assert back.significant == forward.significant


def test_nps_change_with_an_empty_side_has_no_figure():
    change = stats.nps_change(0, 0, 0, 5, 2, 10)
    assert (change.diff, change.low, change.high, change.significant) == (None, None, None, False)


# --- Wilson and share change ---------------------------------------------------------

def test_wilson_hand_value_for_8_of_10():
    # p = 0.8, z^2 = 3.8416; centre = (0.8 + 3.8416/20) / (1 + 3.8416/10) = 0.99208 / 1.38416
    # half = 1.96 * sqrt(0.8 * 0.2 / 10 + 3.8416 / 400) / 1.38416
    z2 = Z * Z
    centre = (0.8 + z2 / 20) / (1 + z2 / 10)
    half = Z * math.sqrt(0.016 + z2 / 400) / (1 + z2 / 10)
    est = stats.wilson(8, 10)
    assert est.value == pytest.approx(80.0)
    assert est.low == pytest.approx(100 * (centre - half))
    assert est.high == pytest.approx(100 * (centre + half))
    assert (est.low, est.high) == pytest.approx((49.016, 94.332), abs=1e-3)


def test_wilson_at_zero_successes_runs_from_0_to_z2_over_n_plus_z2():
    est = stats.wilson(0, 10)
    assert est.low == pytest.approx(0.0, abs=1e-12)
    assert est.high == pytest.approx(100 * Z * Z / (10 + Z * Z))  # 27.754


def test_wilson_at_all_successes_runs_from_n_over_n_plus_z2_to_100():
    est = stats.wilson(10, 10)
    assert est.low == pytest.approx(100 * 10 / (10 + Z * Z))  # 72.246
    assert est.high == pytest.approx(100.0)


def test_wilson_of_no_answers_is_all_none():
    assert stats.wilson(0, 0) == stats.Estimate(None, None, None, 0)


def test_wilson_refuses_more_successes_than_answers():
    with pytest.raises(ValueError):
        stats.wilson(11, 10)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 10_000).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))))
def test_wilson_interval_holds_the_observed_share_and_stays_inside_0_to_100(case):
    n, k = case
    est = stats.wilson(k, n)
    assert 0 <= est.low <= est.value + 1e-9 and est.value - 1e-9 <= est.high <= 100


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 2000), st.integers(1, 2000), st.data())
def test_share_change_interval_holds_its_own_difference(n_a, n_b, data):
    k_a, k_b = data.draw(st.integers(0, n_a)), data.draw(st.integers(0, n_b))
    change = stats.share_change(k_a, n_a, k_b, n_b)
    assert change.low - 1e-9 <= change.diff <= change.high + 1e-9
    assert -100 <= change.low and change.high <= 100


def test_share_change_of_equal_shares_holds_zero_and_is_not_significant():
    change = stats.share_change(30, 100, 30, 100)
    assert change.diff == pytest.approx(0.0)
    assert change.low < 0 < change.high
    assert change.significant is False


def test_share_change_is_newcombe_hybrid_score_from_the_two_wilson_intervals():
    # 30/100 -> 50/100: low = d - sqrt((pb - lb)^2 + (ua - pa)^2), high = d + sqrt((ub - pb)^2 + (pa - la)^2)
    a, b = stats.wilson(30, 100), stats.wilson(50, 100)
    low = 20 - math.hypot(50 - b.low, a.high - 30)
    high = 20 + math.hypot(b.high - 50, 30 - a.low)
    change = stats.share_change(30, 100, 50, 100)
    assert change.diff == pytest.approx(20.0)
    assert (change.low, change.high) == pytest.approx((low, high))
    assert change.significant is True


# --- means ----------------------------------------------------------------------------

@pytest.mark.parametrize(("df", "quantile"), [(1, 12.706), (5, 2.5706), (30, 2.0423)])
def test_t_quantile_matches_the_printed_table(df, quantile):
    assert stats.t_ppf(0.975, df) == pytest.approx(quantile, abs=1e-3)


def test_t_quantile_matches_scipy():
    for df in (1, 2, 3.5, 7, 29, 120, 1000, 100_000):
        for p in (0.6, 0.9, 0.975, 0.995, 0.025):
            assert stats.t_ppf(p, df) == pytest.approx(scipy.stats.t.ppf(p, df), abs=1e-8)


@pytest.mark.parametrize("df", [1.3, 2.5, 3, 4.7, 10, 333.3, 5000, 20_000, 1e7, 1e12])
def test_t_quantile_matches_scipy_in_the_tails_and_at_welch_fractional_df(df):
    for p in (1e-9, 1e-6, 0.4999, 0.5001, 0.999999, 1 - 1e-9):
        assert stats.t_ppf(p, df) == pytest.approx(scipy.stats.t.ppf(p, df), rel=1e-9)


def test_t_cdf_matches_scipy():
    for df in (1, 2.5, 30, 5000):
        for t in (-40.0, -2.0, 0.0, 0.3, 1.96, 12.0):
            assert stats.t_cdf(t, df) == pytest.approx(scipy.stats.t.cdf(t, df), rel=1e-10, abs=1e-15)


@pytest.mark.parametrize(("p", "df"), [(0.0, 5), (1.0, 5), (0.975, 0), (0.975, -2)])
def test_t_quantile_refuses_impossible_arguments(p, df):
    with pytest.raises(ValueError):
        stats.t_ppf(p, df)


def test_mean_t_hand_value_from_sum_and_sum_of_squares():
    # answers 1..6: n = 6, sum = 21, sum of squares = 91, mean 3.5
    # s^2 = (91 - 6 * 3.5^2) / 5 = 17.5 / 5 = 3.5; se = sqrt(3.5 / 6) = 0.76376; t(0.975, 5) = 2.5706
    half = 2.570582 * math.sqrt(3.5 / 6)  # 1.96333
    est = stats.mean_t(6, 21, 91)
    assert est.value == pytest.approx(3.5)
    assert (est.low, est.high) == pytest.approx((3.5 - half, 3.5 + half), abs=1e-5)


def test_mean_t_of_two_answers_uses_t_with_one_degree_of_freedom():
    # answers 1 and 3: mean 2, s^2 = 2, se = sqrt(2 / 2) = 1 -> half-width t(0.975, 1) = 12.706
    est = stats.mean_t(2, 4, 10)
    assert (est.low, est.high) == pytest.approx((2 - 12.7062, 2 + 12.7062), abs=1e-3)


def test_mean_t_of_one_answer_has_no_interval():
    assert stats.mean_t(1, 4, 16) == stats.Estimate(4.0, None, None, 1)


def test_mean_t_of_no_answers_is_all_none():
    assert stats.mean_t(0, 0, 0) == stats.Estimate(None, None, None, 0)


def test_mean_change_is_welchs_interval_as_in_scipy():
    rng = np.random.default_rng(7)
    a = rng.integers(1, 6, 25).astype(float)
    b = rng.integers(2, 6, 40).astype(float)
    change = stats.mean_change(len(a), a.sum(), (a ** 2).sum(), len(b), b.sum(), (b ** 2).sum())
    ci = scipy.stats.ttest_ind(b, a, equal_var=False).confidence_interval(0.95)
    assert change.diff == pytest.approx(b.mean() - a.mean())
    assert (change.low, change.high) == pytest.approx((ci.low, ci.high), abs=1e-8)


def test_mean_change_with_one_answer_on_a_side_has_no_interval():
    change = stats.mean_change(1, 3, 9, 4, 10, 30)
    assert change.diff == pytest.approx(10 / 4 - 3)
    assert (change.low, change.high, change.significant) == (None, None, False)


# --- planning -------------------------------------------------------------------------

def test_nps_variance_is_pp_plus_pd_minus_squared_difference():
    # 50% promoters, 20% detractors: 0.7 - 0.3^2 = 0.61
    assert stats.nps_variance(0.5, 0.2) == pytest.approx(0.61)


def test_margin_of_error_hand_value():
    # V = 0.5, n = 100: 1.96 * 100 * sqrt(0.005) = 13.859
    assert stats.margin_of_error(0.5, 100) == pytest.approx(1.96 * 100 * math.sqrt(0.5 / 100))
    assert stats.margin_of_error(0.5, 100) == pytest.approx(13.859, abs=1e-3)


def test_min_detectable_change_hand_value():
    # V = 0.5 both months, 100 answers each: 2.8016 * 100 * sqrt(0.005 + 0.005) = 28.016
    assert stats.min_detectable_change(0.5, 100, 0.5, 100) == pytest.approx(28.016)


def test_power_at_the_min_detectable_change_is_80_percent():
    mdc = stats.min_detectable_change(0.61, 250, 0.5, 180)
    assert stats.power_to_detect(mdc, 0.61, 250, 0.5, 180) == pytest.approx(0.80, abs=1e-3)


def test_power_of_no_change_is_the_false_alarm_rate():
    assert stats.power_to_detect(0.0, 0.5, 100, 0.5, 100) == pytest.approx(0.05, abs=1e-9)


def test_sample_size_for_drop_hand_value():
    # ((1.95996 + 0.84162) * 100)^2 * 2 * 0.5 / 10^2 = 784.89 -> 785 answers a month
    assert stats.sample_size_for_drop(10, 0.5) == 785


def test_sample_size_round_trip_reaches_the_power_and_one_fewer_does_not():
    n = stats.sample_size_for_drop(7, 0.61)
    assert stats.power_to_detect(7, 0.61, n, 0.61, n) >= 0.80
    assert stats.power_to_detect(7, 0.61, n - 1, 0.61, n - 1) < 0.80


def test_sample_size_for_no_drop_is_refused():
    with pytest.raises(ValueError):
        stats.sample_size_for_drop(0, 0.5)


# --- distributions ----------------------------------------------------------------------

def test_normal_ppf_matches_scipy_to_1e_8():
    ps = np.concatenate([[1e-12, 1e-10, 1e-6, 0.001, 0.02425, 0.025], np.linspace(0.03, 0.97, 95),
                         [0.975, 0.97575, 0.999, 1 - 1e-6, 1 - 1e-10]])
    for p in ps:
        assert stats.normal_ppf(float(p)) == pytest.approx(scipy.stats.norm.ppf(p), abs=1e-8), p


def test_normal_ppf_refuses_0_and_1():
    for p in (0.0, 1.0):
        with pytest.raises(ValueError):
            stats.normal_ppf(p)


def test_normal_cdf_matches_scipy():
    for x in (-8, -3.3, -1.96, 0, 0.5, 1.96, 4):
        assert stats.normal_cdf(x) == pytest.approx(scipy.stats.norm.cdf(x), rel=1e-12, abs=1e-300)


# --- correlation --------------------------------------------------------------------------

def _pair_with_r(r: float, n: int, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """x and y whose sample correlation is exactly r (noise made orthogonal to x)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    e = rng.normal(size=n)
    x = (x - x.mean()) / x.std()
    e = e - e.mean()
    e = e - (e @ x) / (x @ x) * x
    e = e / e.std()
    return x, r * x + math.sqrt(1 - r * r) * e


def test_pearson_r_matches_scipy():
    rng = np.random.default_rng(11)
    x = rng.normal(size=50)
    y = 0.4 * x + rng.normal(size=50)
    assert stats.pearson(x, y).r == pytest.approx(scipy.stats.pearsonr(x, y).statistic, abs=1e-12)


def test_pearson_interval_is_fisher_z_with_variance_one_over_n_minus_3():
    # r = 0.5, n = 28: atanh(0.5) = 0.549306, half = 1.96 / sqrt(25) = 0.392
    # interval tanh(0.157306), tanh(0.941306) = (0.15602, 0.73582)
    x, y = _pair_with_r(0.5, 28)
    corr = stats.pearson(x, y)
    assert corr.r == pytest.approx(0.5, abs=1e-12)
    assert corr.low == pytest.approx(math.tanh(math.atanh(0.5) - 0.392))
    assert corr.high == pytest.approx(math.tanh(math.atanh(0.5) + 0.392))
    assert (corr.low, corr.high) == pytest.approx((0.15602, 0.73582), abs=1e-5)


def test_pearson_of_a_constant_input_has_no_r():
    corr = stats.pearson([3, 3, 3, 3, 3], [1, 2, 3, 4, 5])
    assert (corr.r, corr.low, corr.high) == (None, None, None)


def test_pearson_below_4_pairs_has_r_but_no_interval():
    corr = stats.pearson([1, 2, 3], [1, 3, 2])
    assert corr.r == pytest.approx(0.5)
    assert (corr.low, corr.high) == (None, None)


def test_spearman_rho_matches_scipy_with_ties():
    rng = np.random.default_rng(5)
    x = rng.integers(0, 11, 60)
    y = x + rng.integers(-4, 5, 60)
    assert stats.spearman(x, y).r == pytest.approx(scipy.stats.spearmanr(x, y).statistic, abs=1e-12)


def test_spearman_interval_uses_bonett_wright_variance():
    # half-width in z units: 1.96 * sqrt((1 + rho^2 / 2) / (n - 3)), n = 40
    rng = np.random.default_rng(9)
    x = rng.normal(size=40)
    y = x + 1.5 * rng.normal(size=40)
    corr = stats.spearman(x, y)
    half = 1.96 * math.sqrt((1 + corr.r ** 2 / 2) / (40 - 3))
    assert corr.low == pytest.approx(math.tanh(math.atanh(corr.r) - half))
    assert corr.high == pytest.approx(math.tanh(math.atanh(corr.r) + half))


def test_spearman_of_a_constant_input_has_no_rho():
    assert stats.spearman([1, 1, 1, 1], [4, 3, 2, 1]).r is None


def test_spearman_below_4_pairs_has_no_interval():
    corr = stats.spearman([1, 2, 3], [3, 2, 1])
    assert corr.r == pytest.approx(-1.0)
    assert (corr.low, corr.high) == (None, None)


def test_ranks_give_ties_their_average_rank():
    assert stats.ranks([10, 20, 20, 5]).tolist() == [2.0, 3.5, 3.5, 1.0]


def test_ranks_match_scipy_on_many_tied_values():
    values = np.random.default_rng(2).integers(0, 11, 5000)
    assert stats.ranks(values) == pytest.approx(scipy.stats.rankdata(values))


def test_correlations_leave_out_pairs_with_a_missing_value():
    x, y = [1, 2, np.nan, 4, 5, 6], [2, 1, 3, np.nan, 7, 5]
    for func in (stats.pearson, stats.spearman):
        assert func(x, y) == func([1, 2, 5, 6], [2, 1, 7, 5])
        assert func(x, y).n == 4


def test_correlations_refuse_inputs_of_different_lengths():
    for func in (stats.pearson, stats.spearman):
        with pytest.raises(ValueError):
            func([1, 2, 3, 4], [1, 2, 3])


def test_pearson_of_a_perfect_line_is_1_with_a_point_interval():
    corr = stats.pearson([1, 2, 3, 4, 5], [3, 5, 7, 9, 11])
    assert (corr.r, corr.low, corr.high) == pytest.approx((1.0, 1.0, 1.0))


# --- key drivers ---------------------------------------------------------------------------

def _drivers_data(n: int = 300, seed: int = 1, mixing: float = 0.6):
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(n, 3))
    X = base.copy()
    X[:, 1] = mixing * base[:, 0] + math.sqrt(1 - mixing ** 2) * base[:, 1]
    y = 0.5 * X[:, 0] + 0.3 * X[:, 1] + 0.2 * X[:, 2] + rng.normal(size=n)
    return X, y


def _ols_r2(X: np.ndarray, y: np.ndarray) -> float:
    """R^2 of y on X with an intercept, by numpy least squares."""
    if X.shape[1] == 0:
        return 0.0
    design = np.column_stack([np.ones(len(y)), X])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    resid = y - design @ coef
    return 1 - resid @ resid / ((y - y.mean()) @ (y - y.mean()))


def test_r_squared_matches_the_squared_correlation_for_one_predictor():
    X, y = _drivers_data()
    assert stats.r_squared(X[:, 0], y) == pytest.approx(np.corrcoef(X[:, 0], y)[0, 1] ** 2)


def test_r_squared_matches_least_squares_with_several_predictors():
    X, y = _drivers_data()
    assert stats.r_squared(X, y) == pytest.approx(_ols_r2(X, y), abs=1e-12)


def test_relative_weights_sum_to_r_squared():
    X, y = _drivers_data()
    assert stats.relative_weights(X, y).sum() == pytest.approx(stats.r_squared(X, y), abs=1e-10)


def test_relative_weights_match_johnsons_orthogonal_twin_built_from_an_eigendecomposition():
    # Johnson (2000): with standardised X, X'X = Q diag(l) Q'; the orthogonal twin is
    # Z = X Q diag(1/sqrt(l)) Q'. Regress y on Z (beta) and each X_j on Z (lambda_jk);
    # weight_j = sum_k lambda_jk^2 beta_k^2.
    X, y = _drivers_data()
    n = len(y)
    Xs = (X - X.mean(0)) / X.std(0)
    ys = (y - y.mean()) / y.std()
    evals, Q = np.linalg.eigh(Xs.T @ Xs / n)
    Zs = Xs @ Q @ np.diag(evals ** -0.5) @ Q.T
    beta = np.linalg.lstsq(Zs, ys, rcond=None)[0]
    lam = np.linalg.lstsq(Zs, Xs, rcond=None)[0]  # column j: X_j on Z
    expected = (lam.T ** 2) @ (beta ** 2)
    assert stats.relative_weights(X, y) == pytest.approx(expected, abs=1e-10)


def test_shapley_r2_matches_brute_force_over_all_orderings():
    X, y = _drivers_data()
    k = X.shape[1]
    expected = np.zeros(k)
    orders = list(permutations(range(k)))
    for order in orders:
        for pos, j in enumerate(order):
            before = list(order[:pos])
            expected[j] += _ols_r2(X[:, before + [j]], y) - _ols_r2(X[:, before], y)
    expected /= len(orders)
    assert stats.shapley_r2(X, y) == pytest.approx(expected, abs=1e-12)


def test_shapley_r2_matches_the_subset_formula_for_five_correlated_drivers():
    # phi_j = sum over subsets S without j of |S|! (k - |S| - 1)! / k! * (R2(S + j) - R2(S))
    rng = np.random.default_rng(8)
    X = rng.normal(size=(400, 5)) @ rng.normal(size=(5, 5))
    y = X @ np.array([0.4, -0.2, 0.3, 0.0, 0.1]) + rng.normal(size=400)
    k = 5
    expected = np.zeros(k)
    for j in range(k):
        others = [i for i in range(k) if i != j]
        for size in range(k):
            factor = math.factorial(size) * math.factorial(k - size - 1) / math.factorial(k)
            for subset in combinations(others, size):
                expected[j] += factor * (_ols_r2(X[:, [*subset, j]], y) - _ols_r2(X[:, list(subset)], y))
    assert stats.shapley_r2(X, y) == pytest.approx(expected, abs=1e-10)


def test_shapley_r2_sums_to_r_squared():
    X, y = _drivers_data()
    assert stats.shapley_r2(X, y).sum() == pytest.approx(stats.r_squared(X, y), abs=1e-12)


def test_relative_weights_and_shapley_agree_on_nearly_uncorrelated_predictors():
    X, y = _drivers_data(n=2000, mixing=0.0)
    assert stats.relative_weights(X, y) == pytest.approx(stats.shapley_r2(X, y), abs=2e-3)


def test_a_driver_that_never_varies_explains_nothing():
    X, y = _drivers_data()
    X[:, 2] = 4.0
    for decompose in (stats.relative_weights, stats.shapley_r2):
        weights = decompose(X, y)
        assert weights[2] == 0
        assert weights.sum() == pytest.approx(stats.r_squared(X[:, :2], y), abs=1e-10)


def test_perfectly_collinear_drivers_split_their_share_equally():
    X, y = _drivers_data()
    X = np.column_stack([X, X[:, 0]])  # the first driver asked twice
    for decompose in (stats.relative_weights, stats.shapley_r2):
        weights = decompose(X, y)
        assert weights[0] == pytest.approx(weights[3], abs=1e-10)
        assert weights.sum() == pytest.approx(stats.r_squared(X[:, :3], y), abs=1e-10)


def test_key_drivers_survive_resamples_in_which_a_1_to_5_item_is_constant():
    # 30 answers in which one item differs only once: about a third of resamples miss that answer
    rng = np.random.default_rng(0)
    X = rng.integers(1, 6, (30, 3)).astype(float)
    X[:, 2] = 3.0
    X[0, 2] = 4.0
    y = X @ np.array([1.0, 0.5, 0.2]) + rng.normal(size=30)
    for method in ("relative_weights", "shapley"):
        drivers = stats.key_drivers(X, y, ["a", "b", "c"], n_boot=60, method=method)
        assert all(np.isfinite([d.share, d.low, d.high]).all() for d in drivers)
        assert sum(d.share for d in drivers) == pytest.approx(100.0)


def test_an_outcome_that_never_varies_has_no_drivers():
    X, _ = _drivers_data()
    assert stats.relative_weights(X, np.full(len(X), 7.0)).tolist() == [0.0, 0.0, 0.0]
    assert [d.share for d in stats.key_drivers(X, np.full(len(X), 7.0), ["a", "b", "c"], n_boot=5)] == [0, 0, 0]


def test_key_drivers_refuse_an_unknown_method_missing_values_and_wrong_names():
    X, y = _drivers_data()
    with pytest.raises(ValueError):
        stats.key_drivers(X, y, ["a", "b", "c"], method="dominance")
    with pytest.raises(ValueError):
        stats.key_drivers(X, y, ["a", "b"])
    X[0, 0] = np.nan
    with pytest.raises(ValueError):
        stats.key_drivers(X, y, ["a", "b", "c"])


def test_key_drivers_are_deterministic_for_a_seed():
    X, y = _drivers_data()
    first = stats.key_drivers(X, y, ["a", "b", "c"], n_boot=40, seed=4)
    again = stats.key_drivers(X, y, ["a", "b", "c"], n_boot=40, seed=4)
    assert first == again


def test_key_driver_shares_sum_to_100():
    X, y = _drivers_data()
    for method in ("relative_weights", "shapley"):
        drivers = stats.key_drivers(X, y, ["a", "b", "c"], n_boot=40, method=method)
        assert sum(d.share for d in drivers) == pytest.approx(100.0)


def test_key_driver_interval_holds_its_share():
    X, y = _drivers_data()
    for d in stats.key_drivers(X, y, ["a", "b", "c"], n_boot=100, seed=2):
        assert d.low <= d.share <= d.high


# --- key drivers from grouped moments ----------------------------------------------------------

def _survey_answers(n: int, seed: int = 7) -> np.ndarray:
    """Outcome 0-10 then three 1-5 items, the first two correlated: (n, 4) like the journey's rows."""
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(n, 3))
    base[:, 1] = 0.6 * base[:, 0] + 0.8 * base[:, 1]
    items = np.clip(np.round(3 + base), 1, 5)
    outcome = np.clip(np.round(5 + 1.2 * base[:, 0] + 0.8 * base[:, 1] + 0.3 * base[:, 2]
                               + 1.5 * rng.normal(size=n)), 0, 10)
    return np.column_stack([outcome, items])


def test_group_moments_hold_each_groups_count_sums_and_cross_products():
    data = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    count, total, cross = stats.group_moments(data, ["b", "a", "b"])
    assert count.tolist() == [1, 2]
    assert total.tolist() == [[3, 4], [6, 8]]
    assert cross[1].tolist() == [[1 + 25, 2 + 30], [2 + 30, 4 + 36]]


def test_moment_correlations_equal_numpys_and_mark_a_constant_column():
    data = _survey_answers(500)
    data[:, 3] = 4.0
    count, total, cross = stats.group_moments(data, np.zeros(len(data)))
    corr, varies = stats.moment_correlations(count[0], total[0], cross[0])
    assert varies.tolist() == [True, True, True, False]
    assert corr[:3, :3] == pytest.approx(np.corrcoef(data[:, :3].T), abs=1e-12)
    assert corr[3].tolist() == [0, 0, 0, 1]


def test_grouped_key_drivers_with_one_answer_per_group_are_the_row_bootstrap():
    X, y = _drivers_data()
    moments = stats.group_moments(np.column_stack([y, X]), np.arange(len(y)))
    for method in ("relative_weights", "shapley"):
        rows = stats.key_drivers(X, y, ["a", "b", "c"], n_boot=50, seed=3, method=method)
        grouped = stats.key_drivers_from_moments(*moments, ["a", "b", "c"], n_boot=50, seed=3, method=method)
        for r, g in zip(rows, grouped, strict=True):
            assert (g.share, g.low, g.high, g.weight) == pytest.approx((r.share, r.low, r.high, r.weight), abs=1e-9)


def test_grouped_key_drivers_point_estimate_and_r_squared_equal_the_row_analysis():
    data = _survey_answers(2000)
    groups = np.random.default_rng(0).integers(0, 200, len(data))
    count, total, cross = stats.group_moments(data, groups)
    grouped = stats.key_drivers_from_moments(count, total, cross, ["a", "b", "c"], n_boot=0)
    rows = stats.key_drivers(data[:, 1:], data[:, 0], ["a", "b", "c"], n_boot=0)
    assert [g.share for g in grouped] == pytest.approx([r.share for r in rows], abs=1e-9)
    assert stats.r_squared_from_moments(count.sum(), total.sum(0), cross.sum(0)) == pytest.approx(
        stats.r_squared(data[:, 1:], data[:, 0]), abs=1e-12)


def test_grouped_bootstrap_intervals_match_the_row_bootstrap_within_monte_carlo_error():
    # 5,000 survey-like answers in 200 random groups against the row bootstrap, 1,000 resamples each.
    # The group bootstrap estimates the spread from 200 groups (about 1/sqrt(400) = 5% error in a
    # width) and each percentile carries Monte Carlo error (a few %), so widths agree within 25%
    # (about four standard errors) and the intervals' centres within a tenth of a width.
    data = _survey_answers(5000)
    rows = stats.key_drivers(data[:, 1:], data[:, 0], ["a", "b", "c"], n_boot=1000, seed=1)
    groups = np.random.default_rng(2).integers(0, 200, len(data))
    grouped = stats.key_drivers_from_moments(*stats.group_moments(data, groups), ["a", "b", "c"],
                                             n_boot=1000, seed=1)
    for r, g in zip(rows, grouped, strict=True):
        width = r.high - r.low
        assert 0.75 < (g.high - g.low) / width < 1.33
        assert abs((g.high + g.low) - (r.high + r.low)) / 2 < 0.1 * width


def test_grouped_key_drivers_refuse_mismatched_moments_and_names():
    count, total, cross = stats.group_moments(_survey_answers(100), np.arange(100) % 10)
    with pytest.raises(ValueError):
        stats.key_drivers_from_moments(count[:5], total, cross, ["a", "b", "c"])
    with pytest.raises(ValueError):
        stats.key_drivers_from_moments(count, total, cross, ["a", "b"])


def test_grouped_key_drivers_are_deterministic_for_a_seed():
    moments = stats.group_moments(_survey_answers(1000), np.arange(1000) % 50)
    first = stats.key_drivers_from_moments(*moments, ["a", "b", "c"], n_boot=100, seed=5)
    assert first == stats.key_drivers_from_moments(*moments, ["a", "b", "c"], n_boot=100, seed=5)
