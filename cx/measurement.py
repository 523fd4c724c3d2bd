"""The measurement simulator's figures: today's plan, what a shift buys, backtests, scenarios.

All counting happens in DuckDB through the one filter path; Python gets one
row per touchpoint (and per month for backtests), never raw answers.
"""
from __future__ import annotations

import io
import json
from datetime import datetime

import numpy as np
import pandas as pd

from cx import alarms, allocation, export, periods, stats
from cx.filters import Filters, where_sql

DEFAULT_COSTS = {"survey": 3.0, "mystery_shopping": 80.0, "interview": 50.0}
PLAN_COLUMNS = ["touchpoint", "method", "fixed", "movable", "unit_cost", "monthly_cost", "assumed"]


def current_plan(cur, filters: Filters) -> pd.DataFrame:
    """Per touchpoint and method: fixed and movable measurements a month and their cost.

    From `measurement_plan`; where it is empty, from the answers actually received
    (their monthly average over the filter's period, all counted as movable) with
    default unit costs, marked as assumed.
    """
    plan = cur.execute("SELECT touchpoint, method, coalesce(fixed_per_month, 0), coalesce(movable_per_month, 0), "
                       "unit_cost FROM measurement_plan ORDER BY touchpoint, method").df()
    plan.columns = PLAN_COLUMNS[:5]
    assumed = False
    if plan.empty:
        where, params = where_sql(filters.with_(level=("transaction",)))
        sql = ("SELECT touchpoint, method, 0, round(count(*) / greatest(count(DISTINCT date_trunc('month', "
               "responded_at)), 1)) AS movable, NULL FROM customer_responses " + where
               + (" AND " if where else " WHERE ") + "touchpoint IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2")
        plan = cur.execute(sql, params).df()
        plan.columns = PLAN_COLUMNS[:5]
        assumed = True
    plan["unit_cost"] = pd.to_numeric(plan["unit_cost"], errors="coerce").astype(float)
    missing_cost = plan["unit_cost"].isna()
    defaults = plan["method"].map(DEFAULT_COSTS).astype(float).fillna(3.0)
    plan["unit_cost"] = plan["unit_cost"].where(~missing_cost, defaults)
    plan["fixed"] = plan["fixed"].astype(int)
    plan["movable"] = plan["movable"].astype(int)
    plan["monthly_cost"] = (plan["fixed"] + plan["movable"]) * plan["unit_cost"]
    plan["assumed"] = assumed | missing_cost
    return plan[PLAN_COLUMNS]


def touchpoint_stats(cur, filters: Filters, months: int = 3) -> pd.DataFrame:
    """Per touchpoint, over the last `months` months of the filter: NPS shares, variance and score,
    and the drop against the `months` before (in points and in standard errors), with contact volume."""
    end = filters.end
    recent_start = periods.add_months(end, 1 - months) if end else None
    window = filters.with_(start=periods.add_months(end, 1 - 2 * months), end=end) if end else filters
    where, params = where_sql(window.with_(level=("transaction",)))
    recent_sql = "responded_at >= ?" if recent_start else "TRUE"
    sql = ("SELECT touchpoint, " + recent_sql + " AS recent, count(nps) AS n, count_if(nps >= 9) AS p, "
           "count_if(nps <= 6) AS d FROM customer_responses " + where + (" AND " if where else " WHERE ")
           + "touchpoint IS NOT NULL GROUP BY 1, 2")
    counts = cur.execute(sql, ([recent_start] if recent_start else []) + params).df()
    journey = cur.execute("SELECT touchpoint, stage, stage_order, coalesce(volume, 0) AS volume FROM touchpoints").df()
    rows = []
    for tp, g in counts.groupby("touchpoint", sort=False):
        now = g[g["recent"]].sum(numeric_only=True)
        before = g[~g["recent"]].sum(numeric_only=True)
        n, p, d = int(now.get("n", 0)), int(now.get("p", 0)), int(now.get("d", 0))
        pp, pd_ = (p / n, d / n) if n else (0.0, 0.0)
        change = stats.nps_change(int(before.get("p", 0)), int(before.get("d", 0)), int(before.get("n", 0)), p, d, n)
        drop = max(0.0, -(change.diff or 0.0))
        half_width = (change.high - change.low) / 2 if change.low is not None else None
        rows.append({"touchpoint": tp, "n_recent": n, "answers_per_month": n / months,
                     "p_promoters": pp, "p_detractors": pd_,
                     "variance": max(stats.nps_variance(pp, pd_), 0.05) if n else 0.5,
                     "nps": 100 * (pp - pd_) if n else None, "largest_drop": drop,
                     "drop_z": drop / (half_width / 1.96) if half_width else 0.0})
    out = pd.DataFrame(rows, columns=["touchpoint", "n_recent", "answers_per_month", "p_promoters", "p_detractors",
                                      "variance", "nps", "largest_drop", "drop_z"])
    out = out.merge(journey, on="touchpoint", how="left")
    out["volume"] = out["volume"].fillna(0)
    return out.sort_values(["stage_order", "touchpoint"], na_position="last").reset_index(drop=True)


def compare_plans(frame: pd.DataFrame, before: np.ndarray, after: np.ndarray, costs: np.ndarray,
                  drop_points: float = 10.0) -> pd.DataFrame:
    """Before and after, per touchpoint: measurements, margin of error, detectable change, power, cost."""
    out = frame[["touchpoint", "stage"]].copy()
    v = frame["variance"].to_numpy(float)
    shares = planning_shares(frame)
    for label, n in (("before", before), ("after", after)):
        out[f"n_{label}"] = n.astype(int)
        out[f"moe_{label}"] = [stats.margin_of_error(vi, int(x)) for vi, x in zip(v, n, strict=True)]
        # a month against the next at the same plan, the second month after the fall (its own variance)
        out[f"mdc_{label}"] = [stats.detectable_drop(p, d, int(x), int(x)) for (p, d), x in zip(shares, n, strict=True)]
        out[f"power_{label}"] = [stats.nps_drop_power(p, d, int(x), int(x), drop_points)
                                 for (p, d), x in zip(shares, n, strict=True)]
        out[f"cost_{label}"] = n * costs
    out["moe_change"] = out["moe_after"] - out["moe_before"]
    return out


def planning_shares(frame: pd.DataFrame) -> list[tuple[float, float]]:
    """Each touchpoint's recent (promoter, detractor) shares, or stats.UNKNOWN_SHARES without recent answers."""
    known = frame["n_recent"].fillna(0).to_numpy(float) > 0 if "n_recent" in frame else np.ones(len(frame), bool)
    return [(float(p), float(d)) if k and pd.notna(p) and pd.notna(d) else stats.UNKNOWN_SHARES
            for p, d, k in zip(frame["p_promoters"], frame["p_detractors"], known, strict=True)]


def simulated_power(frame: pd.DataFrame, n: np.ndarray, drop_points: float, sims: int = 400) -> dict[str, float]:
    """Per touchpoint, the share of `sims` simulated month pairs (seeded) in which the app's change flag
    catches the fall: the check beside the computed chance, drawn under the same planning model."""
    out = {}
    for i, ((p, d), x, tp) in enumerate(zip(planning_shares(frame), n, frame["touchpoint"], strict=True)):
        out[tp] = stats.simulate_drop_flags(p, d, int(x), int(x), drop_points, sims=sims, seed=i)
    return out


def monthly_counts(cur, filters: Filters, touchpoint: str) -> tuple[list, np.ndarray]:
    """Months and (promoters, passives, detractors) per month for one touchpoint, all history up to the filter's end."""
    where, params = where_sql(filters.with_(start=None, touchpoint=(touchpoint,), level=("transaction",)))
    sql = ("SELECT CAST(date_trunc('month', responded_at) AS DATE), count_if(nps >= 9), count_if(nps BETWEEN 7 AND 8), "
           "count_if(nps <= 6) FROM customer_responses " + where + " GROUP BY 1 ORDER BY 1")
    rows = cur.execute(sql, params).fetchall()
    return [r[0] for r in rows], np.array([r[1:] for r in rows], float).reshape(-1, 3)


RECENT_MONTHS = 3  # the latest months, where a new fall would be, stay out of the in-control model
REPLAY_ARL0 = 100.0  # the replay's rule allows one false alarm in 100 months at the touchpoint


def touchpoint_model(cur, filters: Filters, touchpoint: str) -> dict | None:
    """The replay's model of one touchpoint's NPS history, or None with too little history.

    In control: the months before the latest RECENT_MONTHS, less any month far from the rest
    (alarms.fit_baseline): their pooled promoter, passive and detractor shares and the variance of
    a month's true NPS around its level. `recent_drop`: how far the latest months sit below it.
    """
    months, counts = monthly_counts(cur, filters, touchpoint)
    reference = counts[:-RECENT_MONTHS]
    n = reference.sum(axis=1)
    base = alarms.fit_baseline("nps", n, reference[:, 0], reference[:, 2])
    if base is None:
        return None
    kept = n > 0
    kept[list(base.left_out)] = False
    shares = reference[kept].sum(axis=0) / reference[kept].sum()
    recent = counts[-RECENT_MONTHS:].sum(axis=0)
    recent_nps = 100 * (recent[0] - recent[2]) / recent.sum() if recent.sum() else None
    return {"months": months, "reference": (months[0], months[len(reference) - 1]), "reference_months": base.months,
            "shares": tuple(float(x) for x in shares), "level": base.level, "between_var": max(base.between_var, 0.0),
            "recent_drop": None if recent_nps is None else base.level - recent_nps}


def compare_replays(cur, filters: Filters, touchpoint: str, n_before: int, n_after: int, rule: str = "ewma",
                    drop_points: float = 25.0, sims: int = 400) -> dict:
    """Replay one touchpoint's model under today's plan and under the new one (alarms.replay)."""
    model = touchpoint_model(cur, filters, touchpoint)
    if model is None:
        return {"model": None, "before": None, "after": None}
    runs = {label: alarms.replay(model["shares"], model["between_var"], max(n, 1), drop_points, rule, REPLAY_ARL0,
                                 model["reference_months"], sims=sims, seed=seed)
            for seed, (label, n) in enumerate((("before", n_before), ("after", n_after)))}
    return {"model": model, **runs}


# -- scenarios ----------------------------------------------------------------------------

def save_scenario(ws, name: str, scenario: dict) -> None:
    name = name.strip()
    if not name:
        raise allocation.AllocationError("scenario.needs_name")
    with ws.write() as cur:
        cur.execute("INSERT OR REPLACE INTO cx_scenarios VALUES (?, ?, ?)",
                    [name, json.dumps(scenario, ensure_ascii=False, default=str), datetime.now()])


def list_scenarios(ws) -> list[str]:
    return [r[0] for r in ws.cursor().execute("SELECT name FROM cx_scenarios ORDER BY saved_at DESC").fetchall()]


def load_scenario(ws, name: str) -> dict:
    row = ws.cursor().execute("SELECT body FROM cx_scenarios WHERE name = ?", [name]).fetchone()
    if row is None:
        raise allocation.AllocationError("scenario.missing", name=name)
    return json.loads(row[0])


def delete_scenario(ws, name: str) -> None:
    with ws.write() as cur:
        cur.execute("DELETE FROM cx_scenarios WHERE name = ?", [name])


def scenario_workbook(scenario: dict, comparison: pd.DataFrame, filters_active: dict, assumptions: dict) -> bytes:
    """An XLSX for the steering group: the allocation and its assumptions and filters, formula-safe."""
    facts = [("scenario", scenario.get("name", ""))] + [(k, str(v)) for k, v in assumptions.items()]
    facts += [(f"filter: {k}", ", ".join(map(str, v)) if isinstance(v, tuple) else str(v))
              for k, v in filters_active.items()]
    table = comparison.round(2)
    buffer = io.BytesIO()
    export.write_xlsx({"Allocation": (list(table.columns), table.itertuples(index=False, name=None)),
                       "Assumptions": (["item", "value"], facts)}, buffer)
    return buffer.getvalue()


def simulation_frame(cur, filters: Filters, method: str = "survey") -> pd.DataFrame:
    """One row per touchpoint measured by `method`: today's plan beside its recent figures."""
    plan = current_plan(cur, filters)
    plan = plan[plan["method"] == method]
    if plan.empty:
        return pd.DataFrame()
    recent = touchpoint_stats(cur, filters)
    frame = plan.merge(recent, on="touchpoint", how="left")
    frame["variance"] = frame["variance"].fillna(0.5)
    frame["volume"] = frame["volume"].fillna(0)
    frame["largest_drop"] = frame["largest_drop"].fillna(0)
    frame["drop_z"] = frame["drop_z"].fillna(0)
    frame["stage"] = frame["stage"].fillna("")
    return frame.sort_values(["stage_order", "touchpoint"], na_position="last").reset_index(drop=True)
