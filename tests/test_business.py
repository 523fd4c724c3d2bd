"""The business case: the panel model recovers a planted relation, and its intervals cover by simulation."""
from __future__ import annotations

import functools
from datetime import date

import numpy as np
import pandas as pd
import pytest

from cx import demo
from cx.commitments import business

END = date(2026, 10, 31)


MONTHS = [date(2024 + m // 12, m % 12 + 1, 1) for m in range(36)]


def _panel(rng, units: int = 6, months: int = 24, churn_slope: float = -0.02, revenue_slope: float = 0.03,
           answers=(60, 300), customers=(5000, 40000)) -> pd.DataFrame:
    """Unit-months as the page builds them: each unit's sampled NPS of the month before (its own level,
    a real wobble and sampling noise), then its churn (binomial, per cent) and revenue per customer."""
    n = rng.integers(*answers, units)[:, None].repeat(months, axis=1)
    size = rng.integers(*customers, units)[:, None].repeat(months, axis=1)
    true = np.clip(rng.normal(10, 15, (units, 1)) + rng.normal(0, 4, (units, months)), -60, 60)
    counts = rng.multinomial(n, np.stack([0.4 + true / 200, np.full_like(true, 0.2), 0.4 - true / 200], axis=-1))
    x = 100 * (counts[..., 0] - counts[..., 2]) / n
    churn_rate = (rng.uniform(1.5, 2.5, (units, 1)) + churn_slope * x) / 100
    churn = 100 * rng.binomial(size, churn_rate) / size
    revenue = rng.uniform(40, 90, (units, 1)) + revenue_slope * x + rng.normal(0, 0.4, (units, months))
    return pd.DataFrame({"unit": np.repeat([f"U{u}" for u in range(units)], months), "month": MONTHS[:months] * units,
                         "n": n.ravel(), "x": x.ravel(), "customers": size.ravel(), "churn": churn.ravel(),
                         "revenue": revenue.ravel()})


def test_the_demo_business_case_recovers_the_planted_relation(full_demo_ws):
    result, _ = business.business_case(full_demo_ws.cursor(), "nps", 1, None, END)
    assert result.model == "panel" and result.units == 6
    assert result.churn.low <= 100 * demo.CHURN_PER_POINT <= result.churn.high  # percentage points per NPS point
    assert result.revenue.low <= demo.REVENUE_PER_POINT <= result.revenue.high
    assert result.churn.high < 0 < result.revenue.low  # and both are clear of zero


def test_the_relation_is_planted_at_a_one_month_lag_not_the_same_month(full_demo_ws):
    same_month, _ = business.business_case(full_demo_ws.cursor(), "nps", 0, None, END)
    lagged, _ = business.business_case(full_demo_ws.cursor(), "nps", 1, None, END)
    assert abs(same_month.churn.slope) < abs(lagged.churn.slope) / 3


TRUTH = {"churn": -0.02, "revenue": 0.03}


@functools.cache
def _coverage(sims: int = 1000) -> dict[str, float]:
    """Share of 1,000 synthetic panels whose 95% intervals hold the true churn slope, revenue slope and
    the true worth of a 10-point gain at a touchpoint with a fifth of unit U0's answers (seeded)."""
    rng = np.random.default_rng(2026)
    covered = {"churn": 0, "revenue": 0, "worth": 0}
    for _ in range(sims):
        data = _panel(rng, churn_slope=TRUTH["churn"], revenue_slope=TRUTH["revenue"])
        result = business.fit(data, "nps", 1)
        for outcome in ("churn", "revenue"):
            fitted = getattr(result, outcome)
            covered[outcome] += fitted.low <= TRUTH[outcome] <= fitted.high
        row = business.worth(result, {"U0": 0.2}).iloc[0]  # U0
        true_worth = 12 * row["customers"] * 10 * 0.2 * (-TRUTH["churn"] / 100 * 12 * row["revenue_per_customer"]
                                                         + TRUTH["revenue"])
        covered["worth"] += row["euros_low"] <= true_worth <= row["euros_high"]
    return {k: v / sims for k, v in covered.items()}


@pytest.mark.parametrize("outcome", ["churn", "revenue", "worth"])
def test_the_intervals_cover_93_to_97_percent_on_synthetic_panels(outcome):
    assert 0.93 <= _coverage()[outcome] <= 0.97


def test_below_the_minimum_it_says_it_cannot_tell():
    data = _panel(np.random.default_rng(1), units=1, months=business.MIN_ROWS - 1)
    result = business.fit(data, "nps", 1)
    assert (result.model, result.reason) == ("none", "too_few")
    assert business.worth(result, {"U0": 0.5}).empty


def test_with_few_units_it_uses_the_simpler_pooled_model_and_says_so():
    data = _panel(np.random.default_rng(3), units=2, months=12)
    assert business.fit(data, "nps", 1).model == "pooled"


def test_a_driver_that_never_moves_within_units_cannot_tell():
    data = _panel(np.random.default_rng(4))
    data["x"] = data.groupby("unit")["x"].transform("mean")
    assert business.fit(data, "nps", 1).reason == "no_variation"


def test_a_gain_is_worth_nothing_where_the_touchpoint_has_no_answers(full_demo_ws):
    _, worth = business.business_case(full_demo_ws.cursor(), "nps", 1, "Complaint handling", END)
    online = worth[worth["unit"] == "Online team"].iloc[0]
    tampere = worth[worth["unit"] == "Tampere"].iloc[0]
    assert online["share"] == 0 and online["euros"] == 0
    assert tampere["kept_low"] > 0 and tampere["euros_low"] > 0  # fewer detractors there keep customers
