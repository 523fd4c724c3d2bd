"""The "Many comparisons" section of cx.stats: p-values that match the intervals, and Benjamini-Hochberg.

statsmodels and scipy are independent oracles here; the simulation is the check the
issue asks for: on a page of 66 null comparisons the false discovery rate stays at 5%.
"""
from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep

from cx import stats

# --- p-values match the statistics of the intervals -------------------------------

NPS_CASES = [(40, 20, 100, 50, 15, 100), (5, 5, 20, 12, 2, 25), (300, 100, 800, 280, 130, 790), (0, 10, 10, 10, 0, 10)]


@pytest.mark.parametrize("case", NPS_CASES)
def test_nps_p_value_is_the_z_of_the_padded_difference(case):
    p_a, d_a, n_a, p_b, d_b, n_b = case
    # by hand: pad 0.375 promoters, 0.375 detractors (and 0.75 passives), n~ = n + 1.5
    def side(p, d, n):
        nt = n + 1.5
        pp, pd = (p + 0.375) / nt, (d + 0.375) / nt
        return pp - pd, (pp + pd - (pp - pd) ** 2) / nt
    (da, qa), (db, qb) = side(p_a, d_a, n_a), side(p_b, d_b, n_b)
    expected = 2 * scipy.stats.norm.sf(abs(db - da) / math.sqrt(qa + qb))
    assert stats.nps_change_p_value(*case) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("case", NPS_CASES)
def test_nps_p_value_is_below_five_percent_exactly_when_the_interval_excludes_zero(case):
    p_a, d_a, n_a, p_b, d_b, n_b = case
    change = stats.nps_change(p_a, d_a, n_a, p_b, d_b, n_b)
    assert (stats.nps_change_p_value(*case) < 0.05) == change.significant


SHARE_CASES = [(30, 100, 45, 100), (3, 40, 12, 38), (0, 25, 6, 30), (70, 80, 60, 90), (500, 1000, 540, 1000)]


@pytest.mark.parametrize("case", SHARE_CASES)
def test_share_p_value_puts_zero_on_the_edge_of_statsmodels_newcombe_interval(case):
    k_a, n_a, k_b, n_b = case
    p = stats.share_change_p_value(*case)
    low, high = confint_proportions_2indep(k_b, n_b, k_a, n_a, method="newcomb", compare="diff", alpha=p)
    edge = low if k_b / n_b > k_a / n_a else high
    assert edge == pytest.approx(0.0, abs=1e-7)


@pytest.mark.parametrize("case", SHARE_CASES)
def test_share_p_value_agrees_with_the_wilson_newcombe_interval_shown(case):
    change = stats.share_change(*case)
    assert (stats.share_change_p_value(*case) < 0.05) == change.significant


def test_share_p_value_of_no_change_is_one():
    assert stats.share_change_p_value(20, 50, 40, 100) == 1.0


MEAN_SAMPLES = [([4, 5, 3, 4, 4, 5, 2, 4], [3, 3, 2, 4, 3, 2, 3]), ([1, 7, 6, 5, 7, 7, 2, 3, 6], [5, 6, 6, 7, 7, 6])]


@pytest.mark.parametrize("sample", MEAN_SAMPLES)
def test_mean_p_value_is_welch_as_scipy_computes_it(sample):
    a, b = (np.asarray(x, float) for x in sample)
    expected = scipy.stats.ttest_ind(b, a, equal_var=False).pvalue
    got = stats.mean_change_p_value(len(a), a.sum(), (a * a).sum(), len(b), b.sum(), (b * b).sum())
    assert got == pytest.approx(expected, rel=1e-8)


def test_change_p_value_dispatches_on_the_metric_kind():
    assert stats.change_p_value("nps", (100, 40, 20), (100, 50, 15)) == stats.nps_change_p_value(40, 20, 100, 50, 15,
                                                                                                 100)
    assert stats.change_p_value("share", (100, 30, 0), (100, 45, 0)) == stats.share_change_p_value(30, 100, 45, 100)


def test_no_p_value_without_answers_on_both_sides():
    assert stats.nps_change_p_value(0, 0, 0, 3, 1, 10) is None
    assert stats.share_change_p_value(1, 5, 0, 0) is None
    assert stats.mean_change_p_value(1, 4.0, 16.0, 5, 20.0, 90.0) is None


# --- Benjamini-Hochberg -------------------------------------------------------------

def test_benjamini_hochberg_by_hand():
    # sorted p: 0.01 0.03 0.04 0.2 against 0.05 * k / 4 = 0.0125 0.025 0.0375 0.05: only the first passes
    assert stats.benjamini_hochberg([0.04, 0.01, 0.2, 0.03]) == [False, True, False, False]


def test_benjamini_hochberg_steps_up_past_a_p_value_that_misses_its_own_threshold():
    # sorted: 0.01 (<= 0.0125), 0.03 (> 0.025), 0.036 (<= 0.0375): the largest passing rank is 3, so all three pass
    assert stats.benjamini_hochberg([0.036, 0.03, 0.01, 0.9]) == [True, True, True, False]


def test_missing_p_values_are_not_comparisons():
    assert stats.benjamini_hochberg([0.02, None, float("nan")]) == [True, False, False]
    assert stats.comparison_count([0.02, None, float("nan"), 0.5]) == 2


def test_benjamini_hochberg_matches_statsmodels():
    rng = np.random.default_rng(7)
    for _ in range(20):
        p = np.concatenate([rng.uniform(size=50), rng.uniform(0, 0.002, size=rng.integers(0, 10))])
        reject, q, _, _ = multipletests(p, alpha=0.05, method="fdr_bh")
        assert stats.benjamini_hochberg(list(p)) == list(reject)
        assert stats.bh_adjusted(list(p)) == pytest.approx(list(q), rel=1e-12)


def test_false_discovery_rate_stays_at_five_percent_on_a_null_page_of_66_comparisons():
    """An 11 x 6 heatmap of NPS changes where nothing changed: without the correction about three cells
    light up per page; with it, a page with any flag at all (FDR = FWER under the full null) is about 5%."""
    rng = np.random.default_rng(2026)
    pages, cells, n = 400, 66, 120
    probs = [0.45, 0.25, 0.30]  # promoters, passives, detractors, the same in both periods
    any_flag = raw_flags = 0
    for _ in range(pages):
        before = rng.multinomial(n, probs, size=cells)
        after = rng.multinomial(n, probs, size=cells)
        p = [stats.nps_change_p_value(int(a[0]), int(a[2]), n, int(b[0]), int(b[2]), n)
             for a, b in zip(before, after, strict=True)]
        any_flag += any(stats.benjamini_hochberg(p))
        raw_flags += sum(x < 0.05 for x in p)
    fdr = any_flag / pages
    assert fdr <= 0.05 + 2 * math.sqrt(0.05 * 0.95 / pages)  # within Monte Carlo error of 5%
    assert raw_flags / pages > 2.5  # what the page flagged before the correction


def test_benjamini_hochberg_still_finds_real_changes_among_nulls():
    """Power is kept where the change is real: 6 cells with a 30-point NPS fall among 60 null cells."""
    rng = np.random.default_rng(11)
    found = []
    for _ in range(100):
        p = []
        for cell in range(66):
            after_probs = [0.30, 0.25, 0.45] if cell < 6 else [0.45, 0.25, 0.30]
            a, b = rng.multinomial(300, [0.45, 0.25, 0.30]), rng.multinomial(300, after_probs)
            p.append(stats.nps_change_p_value(int(a[0]), int(a[2]), 300, int(b[0]), int(b[2]), 300))
        found.append(sum(stats.benjamini_hochberg(p)[:6]))
    assert np.mean(found) / 6 > 0.8
