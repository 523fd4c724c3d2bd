"""Where the movable measurement pool goes: whole numbers that add up exactly to the budget.

Proportional rules use the largest-remainder (Hamilton) method; the Neyman and
minimax rules add one measurement at a time where it helps most, which is the
exact integer optimum for these separable convex objectives. Fixed measurement
never moves: it is only counted when judging where another measurement helps.
"""
from __future__ import annotations

import heapq
import math
from collections.abc import Sequence

import numpy as np

from cx import stats

RULES = ("equal", "volume", "neyman", "problem_spots", "minimax_moe", "manual")
PROBLEMS = ("largest_drop", "lowest_score", "widest_interval")


class AllocationError(ValueError):
    """The inputs cannot be met; str() is one sentence for the user."""


def largest_remainder(weights: Sequence[float], total: int) -> np.ndarray:
    """`total` whole units in proportion to `weights` (all equal when the weights are all zero)."""
    w = np.asarray(weights, float)
    w = np.where(np.isfinite(w) & (w > 0), w, 0.0)
    if total <= 0 or len(w) == 0:
        return np.zeros(len(w), int)
    if w.sum() == 0:
        w = np.ones(len(w))
    quotas = total * w / w.sum()
    base = np.floor(quotas).astype(int)
    left = total - base.sum()
    order = np.lexsort((np.arange(len(w)), -(quotas - base)))  # biggest remainder first, then earlier
    base[order[:left]] += 1
    return base


def _greedy(total: int, value, start: np.ndarray, costs: np.ndarray | None = None,
            budget_euros: float | None = None) -> np.ndarray:
    """Add one unit at a time where `value(i, n)` (the gain of the n+1-th unit) is largest.

    With costs, the gain is per euro and a unit is added only while it fits the euro budget.
    """
    extra = np.zeros(len(start), int)
    heap = []
    for i in range(len(start)):
        gain = value(i, start[i])
        heapq.heappush(heap, (-(gain / costs[i] if costs is not None else gain), i))
    spent, added = 0.0, 0
    while heap:
        if costs is None and added >= total:
            break
        _, i = heapq.heappop(heap)
        if costs is not None:
            if spent + costs[i] > budget_euros + 1e-9:
                continue  # this one no longer fits; cheaper ones may
            spent += costs[i]
        extra[i] += 1
        added += 1
        gain = value(i, start[i] + extra[i])
        heapq.heappush(heap, (-(gain / costs[i] if costs is not None else gain), i))
    return extra


def _euros_proportional(weights: np.ndarray, budget: float, costs: np.ndarray) -> np.ndarray:
    """Euros in proportion to weights, as whole measurements; leftovers go where they fit best."""
    w = np.where(weights > 0, weights, 0.0)
    w = np.ones(len(w)) if w.sum() == 0 else w
    target = budget * w / w.sum()
    counts = np.floor(target / costs).astype(int)
    spent = float((counts * costs).sum())
    while True:
        shortfall = target - counts * costs
        fits = [i for i in np.argsort(-shortfall, kind="stable") if spent + costs[i] <= budget + 1e-9]
        if not fits:
            return counts
        counts[fits[0]] += 1
        spent += costs[fits[0]]


def allocate(rule: str, budget: float, *, volume: Sequence[float], variance: Sequence[float],
             fixed: Sequence[int], problem: Sequence[float] | None = None, minimum: int = 0,
             costs: Sequence[float] | None = None, budget_in: str = "count",
             manual: Sequence[int] | None = None) -> np.ndarray:
    """Movable measurements per touchpoint for one rule (see RULES)."""
    if rule not in RULES:
        raise AllocationError(f"Unknown rule '{rule}'.")
    k = len(fixed)
    fixed_a = np.asarray(fixed, int)
    cost_a = np.asarray(costs, float) if costs is not None else np.ones(k)
    if budget_in == "euros" and (cost_a <= 0).any():
        raise AllocationError("Every touchpoint needs a unit cost above zero for a budget in euros.")
    floor = np.full(k, int(minimum))
    floor_cost = float((floor * cost_a).sum()) if budget_in == "euros" else float(floor.sum())
    if floor_cost > budget + 1e-9:
        unit = "€" if budget_in == "euros" else "measurements"
        raise AllocationError(f"The minimum of {minimum} per touchpoint needs {floor_cost:,.0f} {unit}, more than "
                              f"the budget of {budget:,.0f}. Lower the minimum or raise the budget.")
    if rule == "manual":
        return _manual(manual, budget, floor, cost_a, budget_in)
    rest = budget - floor_cost
    start = fixed_a + floor
    v = np.asarray(variance, float)
    if rule in ("equal", "volume", "problem_spots"):
        weights = {"equal": np.ones(k), "volume": np.asarray(volume, float),
                   "problem_spots": np.asarray(problem if problem is not None else np.ones(k), float)}[rule]
        if budget_in == "euros":
            return floor + _euros_proportional(weights, rest, cost_a)
        return floor + largest_remainder(weights, int(round(rest)))
    if rule == "neyman":
        w = np.asarray(volume, float)
        w = w / w.sum() if w.sum() > 0 else np.ones(k) / k

        def value(i, n):  # drop in the weighted variance of the overall estimate
            return (w[i] ** 2) * v[i] * (1 / max(n, 1) - 1 / (n + 1)) if n > 0 else math.inf
    else:  # minimax_moe: always help the touchpoint whose margin of error is worst now

        def value(i, n):
            return stats.margin_of_error(v[i], n) if n > 0 else math.inf
    if budget_in == "euros":
        if rule == "minimax_moe":
            return floor + _minimax_euros(v, start, cost_a, rest)
        return floor + _greedy(0, value, start, cost_a, rest)
    return floor + _greedy(int(round(rest)), value, start)


def _minimax_euros(v: np.ndarray, start: np.ndarray, costs: np.ndarray, budget: float) -> np.ndarray:
    """Water-filling in euros: add to the worst touchpoint while its next measurement fits."""
    extra = np.zeros(len(start), int)
    spent = 0.0
    while True:
        moe = np.array([stats.margin_of_error(v[i], start[i] + extra[i]) for i in range(len(start))])
        worst = int(np.argmax(moe))
        if spent + costs[worst] > budget + 1e-9:
            return extra
        extra[worst] += 1
        spent += costs[worst]


def _manual(manual, budget, floor, costs, budget_in) -> np.ndarray:
    if manual is None:
        raise AllocationError("Set the measurements for each touchpoint.")
    n = np.asarray(manual, int)
    if (n < floor).any():
        raise AllocationError("Each touchpoint needs at least the minimum.")
    total = float((n * costs).sum()) if budget_in == "euros" else float(n.sum())
    if total > budget + 1e-9:
        raise AllocationError(f"The hand-set plan uses {total:,.0f}, more than the budget of {budget:,.0f}.")
    return n


def move_pool(current: Sequence[int], source: int, target: int) -> np.ndarray:
    """Today's movable measurement with all of `source`'s moved to `target` (the workshop's quick shift)."""
    out = np.asarray(current, int).copy()
    if source != target:
        out[target] += out[source]
        out[source] = 0
    return out


def worst_moe(variance: Sequence[float], n: Sequence[int]) -> float:
    return max(stats.margin_of_error(v, int(x)) for v, x in zip(variance, n, strict=True))
