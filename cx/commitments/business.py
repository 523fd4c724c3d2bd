"""The business case: churn and revenue per unit against its NPS (or detractor share) months before.

Why it looks like this:
- One row per unit and month: the unit's transaction NPS from its survey answers (all touchpoints
  pooled as answered, months with fewer answers than the workspace minimum left out), lagged,
  beside the month's churn rate (churned / customers) and revenue per customer from `outcomes`.
- With at least PANEL_UNITS units of PANEL_MONTHS months each, a panel model with unit effects:
  each unit's better and worse months against its own average, so a unit that is simply bigger or
  rural is not read as an effect of NPS. With fewer, one line through all unit-months (simpler,
  and it says so). Below MIN_ROWS unit-months it cannot tell, and says that.
- Ordinary least squares with HC3 standard errors (units differ in size, so in noise) and t
  intervals; churn and revenue share one design, so their covariance carries through to the worth
  of a gain. Months are taken as independent given the unit: an association, not proof.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from cx import periods, stats
from cx.queries import Minimums
from cx.sql import ident

DRIVERS = ("nps", "detractors")
LAGS = (0, 1, 2, 3)
GAIN_POINTS = 10.0
MIN_ROWS = 18  # unit-months with both sides: fewer and it cannot tell
PANEL_UNITS, PANEL_MONTHS = 3, 6  # units with this many months each: the panel model
YEAR = 12


@dataclass(frozen=True)
class Association:
    """Change in an outcome per point of the driver, with its 95% interval."""

    slope: float
    low: float
    high: float
    se: float


@dataclass(frozen=True)
class Fit:
    model: str  # panel | pooled | none
    reason: str  # why none: too_few | no_variation; '' otherwise
    driver: str
    lag: int
    rows: int
    units: int
    first: date | None
    last: date | None
    churn: Association | None = None  # churn rate, in percentage points a month
    revenue: Association | None = None  # revenue per customer, euros a month
    covariance: float = 0.0  # of the two slopes
    df: int = 0
    data: pd.DataFrame | None = None  # the unit-months used


def unit_months(cur, driver: str, lag: int, end: date | None, minimums: Minimums = Minimums()) -> pd.DataFrame:
    """Unit-months with the driver `lag` months before the outcome: unit, month, n, x, customers,
    churn (percentage points), revenue (euros per customer)."""
    if driver not in DRIVERS or lag not in LAGS:
        raise ValueError(f"driver must be one of {DRIVERS} and lag one of {LAGS}")
    last = periods.month_start(end) if end else date(9999, 12, 1)
    share = "count_if(nps <= 6)" if driver == "detractors" else "(count_if(nps >= 9) - count_if(nps <= 6))"
    answers = cur.execute(
        "SELECT unit, CAST(date_trunc('month', responded_at) AS DATE) AS m, count(nps) AS n, 100.0 * " + share
        + " / count(nps) AS x FROM " + ident("customer_responses") + " WHERE level = 'transaction' AND method = "
        "'survey' AND unit IS NOT NULL AND nps IS NOT NULL GROUP BY 1, 2 HAVING count(nps) >= ?",
        [minimums.min_n]).df()
    results = cur.execute(
        "SELECT unit, " + ident("month") + " AS m, sum(customers) AS customers, 100.0 * sum(churned) / sum(customers) "
        "AS churn, sum(revenue) / sum(customers) AS revenue FROM " + ident("outcomes") + " WHERE unit IS NOT NULL "
        "AND " + ident("month") + " <= ? GROUP BY 1, 2 HAVING sum(customers) > 0", [last]).df()
    if answers.empty or results.empty:
        return pd.DataFrame(columns=["unit", "month", "n", "x", "customers", "churn", "revenue"])
    answers["m"] = [periods.add_months(pd.Timestamp(m).date(), lag) for m in answers["m"]]
    results["m"] = [pd.Timestamp(m).date() for m in results["m"]]
    joined = results.merge(answers, on=["unit", "m"]).dropna(subset=["churn", "revenue", "x"])
    return joined.rename(columns={"m": "month"})[["unit", "month", "n", "x", "customers", "churn", "revenue"]] \
        .sort_values(["unit", "month"]).reset_index(drop=True)


def _design(x: np.ndarray, codes: np.ndarray | None) -> np.ndarray:
    """The driver, then one column per unit (panel: `codes` numbers the units) or an intercept."""
    if codes is None:
        return np.column_stack([x, np.ones_like(x)])
    return np.column_stack([x, np.eye(codes.max() + 1)[codes]])


def _hc3(X: np.ndarray, ys: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, int]:
    """Slopes of the first column for each y, their HC3 covariance matrix, and residual df."""
    inv = np.linalg.pinv(X.T @ X)
    hat = np.einsum("ij,jk,ik->i", X, inv, X)
    bread = inv @ X.T  # row 0 maps y (and residuals) to the slope
    betas, resid = [], []
    for y in ys:
        b = bread @ y
        betas.append(b[0])
        resid.append((y - X @ b) / np.maximum(1 - hat, 1e-9))
    cov = np.array([[float(np.sum(bread[0] ** 2 * ri * rj)) for rj in resid] for ri in resid])
    return np.array(betas), cov, X.shape[0] - np.linalg.matrix_rank(X)


def fit(data: pd.DataFrame, driver: str, lag: int) -> Fit:
    """The association of churn and revenue with the driver, by the model the data allows."""
    units, codes = np.unique(data["unit"].to_numpy(object).astype(str), return_inverse=True)
    months = np.bincount(codes, minlength=len(units)) if len(data) else np.zeros(0, int)
    base = dict(driver=driver, lag=lag, rows=len(data), units=len(units), data=data,
                first=min(data["month"]) if len(data) else None, last=max(data["month"]) if len(data) else None)
    if len(data) < MIN_ROWS:
        return Fit("none", "too_few", **base)
    panel = int((months >= PANEL_MONTHS).sum()) >= PANEL_UNITS
    if panel and (months < PANEL_MONTHS).any():
        keep = months[codes] >= PANEL_MONTHS
        data = data[keep].reset_index(drop=True)
        units, codes = np.unique(codes[keep], return_inverse=True)
        base.update(rows=len(data), units=len(units), data=data)
    x = data["x"].to_numpy(float)
    group = codes if panel else np.zeros(len(x), int)
    within = x - (np.bincount(group, x) / np.bincount(group))[group]
    if float(np.var(within)) < 1e-9:
        return Fit("none", "no_variation", **base)
    X = _design(x, codes if panel else None)
    (churn, revenue), cov, df = _hc3(X, [data["churn"].to_numpy(float), data["revenue"].to_numpy(float)])
    if df < 5:
        return Fit("none", "too_few", **base)
    q = stats.t_ppf(0.975, df)

    def association(slope: float, var: float) -> Association:
        se = math.sqrt(max(var, 0.0))
        return Association(float(slope), float(slope - q * se), float(slope + q * se), se)

    return Fit("panel" if panel else "pooled", "", churn=association(churn, cov[0, 0]),
               revenue=association(revenue, cov[1, 1]), covariance=float(cov[0, 1]), df=int(df), **base)


def touchpoint_shares(cur, touchpoint: str, end: date | None, months: int = YEAR) -> dict[str, float]:
    """Each unit's share of its survey NPS answers that were given at `touchpoint`, over the last `months`:
    how far a gain there moves the unit's NPS as the business case measures it."""
    last = periods.month_end(end) if end else date(9999, 12, 31)
    first = periods.add_months(last, 1 - months)
    rows = cur.execute("SELECT unit, count_if(touchpoint = ?) / count(*) FROM " + ident("customer_responses")
                       + " WHERE level = 'transaction' AND method = 'survey' AND unit IS NOT NULL AND nps IS NOT NULL "
                       "AND responded_at >= ? AND responded_at < ? + INTERVAL 1 DAY GROUP BY 1",
                       [touchpoint, first, last]).fetchall()
    return {unit: float(share) for unit, share in rows}


def worth(result: Fit, shares: dict[str, float], gain: float = GAIN_POINTS) -> pd.DataFrame:
    """Per unit, a year of a `gain`-point better driver at the touchpoint (NPS up, or detractors down):
    customers kept (churn) and euros (kept customers' year of revenue plus revenue per customer), each
    with its 95% interval carried from the slopes (and their covariance)."""
    columns = ["unit", "share", "customers", "revenue_per_customer", "kept", "kept_low", "kept_high", "euros",
               "euros_low", "euros_high"]
    if result.model == "none":
        return pd.DataFrame(columns=columns)
    d = result.data
    recent = np.array([m > periods.add_months(result.last, -YEAR) for m in d["month"]])
    units, codes = np.unique(d["unit"].to_numpy(object)[recent].astype(str), return_inverse=True)
    count = np.bincount(codes)
    customers = np.bincount(codes, d["customers"].to_numpy(float)[recent]) / count
    revenue = np.bincount(codes, d["revenue"].to_numpy(float)[recent]) / count
    share = np.array([shares.get(u, 0.0) for u in units])
    q = stats.t_ppf(0.975, result.df)
    sign = 1.0 if result.driver == "nps" else -1.0
    b_c, b_r = result.churn.slope / 100, result.revenue.slope  # churn slope as a rate, not points
    v_c, v_r, cov = (result.churn.se / 100) ** 2, result.revenue.se ** 2, result.covariance / 100
    scale = YEAR * customers * sign * gain * share  # customer-months times the driver points the unit moves
    kept, kept_se = -scale * b_c, np.abs(scale) * math.sqrt(v_c)
    year_revenue = YEAR * revenue
    euros = scale * (-b_c * year_revenue + b_r)
    euros_se = np.abs(scale) * np.sqrt(np.maximum(year_revenue ** 2 * v_c + v_r - 2 * year_revenue * cov, 0.0))
    return pd.DataFrame({"unit": units, "share": share, "customers": customers, "revenue_per_customer": revenue,
                         "kept": kept, "kept_low": kept - q * kept_se, "kept_high": kept + q * kept_se,
                         "euros": euros, "euros_low": euros - q * euros_se, "euros_high": euros + q * euros_se},
                        columns=columns)


def business_case(cur, driver: str, lag: int, touchpoint: str | None, end: date | None,
                  minimums: Minimums = Minimums()) -> tuple[Fit, pd.DataFrame]:
    """The fit and, for a touchpoint, the per-unit worth of a gain there (the page's one call)."""
    result = fit(unit_months(cur, driver, lag, end, minimums), driver, lag)
    shares = touchpoint_shares(cur, touchpoint, end) if touchpoint else {}
    return result, worth(result, shares) if touchpoint else pd.DataFrame()
