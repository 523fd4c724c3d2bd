"""Where the movable measurement pool goes: whole numbers, exact totals, optimal where claimed.

Fixed measurement never moves; it is only counted when judging where another
measurement helps (Neyman, minimax). Every rule returns the *movable*
measurements a month per touchpoint as an integer array.

Budgets:
- In measurements (`budget_in="count"`): the result adds up exactly to the
  budget. Proportional rules (equal, volume, problem_spots) use the
  largest-remainder (Hamilton) method; Neyman and minimax add one measurement
  at a time where it gains most (a priority queue), which is the exact integer
  optimum for a separable convex objective under one count constraint
  (Fox 1966; Ibaraki & Katoh 1988).
- In euros (`budget_in="euros"`, a unit cost per touchpoint): the total cost
  never exceeds the budget and no further whole measurement fits anywhere
  (budget - spent < the cheapest unit cost). Proportional rules share the
  *euros* in proportion to their weights, floor each share to whole
  measurements, then hand out the rest one measurement at a time to the
  touchpoint whose spending is furthest below its euro share, among those whose
  next measurement still fits. Minimax is exact in euros too (the lowest worst
  margin any affordable split reaches, then the leftover goes to the worst
  touchpoint that still fits). Neyman in euros adds where the gain per euro is
  largest: optimal when the unit costs are equal (the usual case inside one
  method), a standard heuristic otherwise (unequal costs make it a knapsack).

`minimum` is a floor on the *movable* measurements of every touchpoint (the
page's "minimum movable per touchpoint"), scalar or one per touchpoint.

Unknown inputs: a touchpoint without a variance (no recent answers) is planned
with V = 0.5 (UNKNOWN_VARIANCE, a typical NPS spread); a touchpoint without a
contact volume (NaN) gets the mean of the known volumes; when no volume is known
every touchpoint weighs the same (Neyman then allocates by the spread alone).
"""
from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from cx import stats
from cx.i18n.messages import CodedError

RULES = ("equal", "volume", "neyman", "problem_spots", "minimax_moe", "manual")
PROBLEMS = ("largest_drop", "lowest_score", "widest_interval")
BUDGET_UNITS = ("count", "euros")
UNKNOWN_VARIANCE = 0.5
_EPS = 1e-9


class AllocationError(CodedError, ValueError):
    """The inputs cannot be met: a catalogue code (str() is the English sentence, text(lang) any language)."""


# -- inputs ------------------------------------------------------------------------------

def _has(info, name: str) -> bool:
    return (hasattr(info, "columns") and name in info.columns) or (isinstance(info, Mapping) and name in info)


def _column(info, names: tuple[str, ...]) -> np.ndarray | None:
    """The first of `names` that `info` (a DataFrame or a mapping of arrays) has, as floats."""
    if info is None:
        return None
    for name in names:
        if _has(info, name):
            return np.asarray(info[name], float)
    return None


def _length(info) -> int:
    return len(info) if hasattr(info, "columns") else len(next(iter(info.values())))


def _volumes(volume: np.ndarray) -> np.ndarray:
    """Unknown volumes become the mean of the known ones; none known (or all zero) means equal weights."""
    v = np.where(np.isfinite(volume) & (volume >= 0), volume, np.nan)
    known = v[np.isfinite(v)]
    if known.size == 0 or known.sum() <= 0:
        return np.ones(len(v))
    return np.where(np.isfinite(v), v, known.mean())


def _variances(variance: np.ndarray) -> np.ndarray:
    v = np.where(np.isfinite(variance), variance, UNKNOWN_VARIANCE)
    if (v < 0).any() or (v > 1 + _EPS).any():
        raise AllocationError("alloc.variance_range")
    return v


def problem_scores(info, criterion: str) -> np.ndarray:
    """How much each touchpoint looks like a problem spot (0 = not at all), for `problem_spots`.

    - largest_drop: its largest recent month-on-month NPS fall, in points (rises count 0).
    - lowest_score: how far its recent NPS lies below the best touchpoint's, in points
      (the best gets 0; no recent NPS counts as 0).
    - widest_interval: its margin of error for one month at today's measurements a month
      (fixed + movable when known, else the answers received a month).
    """
    if criterion not in PROBLEMS:
        raise AllocationError("alloc.unknown_problem", criterion=criterion, choices=", ".join(PROBLEMS))
    k = _length(info)
    if criterion == "largest_drop":
        drop = _column(info, ("largest_drop",))
        return np.clip(np.nan_to_num(drop if drop is not None else np.zeros(k)), 0, None)
    if criterion == "lowest_score":
        score = _column(info, ("nps",))
        if score is None or not np.isfinite(score).any():
            return np.zeros(k)
        return np.nan_to_num(np.nanmax(score) - score)
    fixed, movable = _column(info, ("fixed", "fixed_per_month")), _column(info, ("movable", "movable_per_month"))
    if fixed is not None and movable is not None:
        n = np.nan_to_num(fixed) + np.nan_to_num(movable)
    else:
        answers = _column(info, ("answers_per_month",))
        n = np.nan_to_num(answers) if answers is not None else np.zeros(k)
    variance = _column(info, ("variance",))
    v = _variances(variance if variance is not None else np.full(k, np.nan))
    return np.array([stats.margin_of_error(vi, max(int(round(ni)), 1)) for vi, ni in zip(v, n, strict=True)])


# -- exact integer methods ------------------------------------------------------------------

def largest_remainder(weights: Sequence[float], total: int) -> np.ndarray:
    """`total` whole units in proportion to `weights` (Hamilton); all equal when the weights are all zero.

    Ties in the remainders go to the earlier touchpoint.
    """
    w = np.asarray(weights, float)
    w = np.where(np.isfinite(w) & (w > 0), w, 0.0)
    if total <= 0 or len(w) == 0:
        return np.zeros(len(w), np.int64)
    if w.sum() == 0:
        w = np.ones(len(w))
    quotas = total * w / w.sum()
    base = np.floor(quotas + _EPS).astype(np.int64)
    left = int(total - base.sum())
    order = np.lexsort((np.arange(len(w)), -(quotas - base)))  # biggest remainder first, then earlier
    base[order[:left]] += 1
    return base


def _euro_shares(weights: np.ndarray, budget: float, costs: np.ndarray) -> np.ndarray:
    """Euros in proportion to weights as whole measurements; the rest goes to the furthest-below share that fits."""
    w = np.where(np.isfinite(weights) & (weights > 0), weights, 0.0)
    w = np.ones(len(w)) if w.sum() == 0 else w
    target = budget * w / w.sum()
    counts = np.floor(target / costs + _EPS).astype(np.int64)
    spent = float((counts * costs).sum())
    while True:
        fits = np.flatnonzero(spent + costs <= budget + _EPS)
        if fits.size == 0:
            return counts
        shortfall = target[fits] - counts[fits] * costs[fits]
        pick = int(fits[np.argmax(shortfall)])  # argmax takes the earlier one on ties
        counts[pick] += 1
        spent += costs[pick]


def greedy(gain: Callable[[int, int], float], start: np.ndarray, total: int | None = None,
           costs: np.ndarray | None = None, budget: float | None = None) -> np.ndarray:
    """Add one unit at a time where `gain(i, n)` (the value of touchpoint i's (n+1)-th unit) is largest.

    With a count `total`: exactly `total` units. With `costs` and a euro `budget`: gain per euro, a
    unit only while it fits, until nothing more fits. Ties go to the earlier touchpoint.
    """
    k = len(start)
    extra = np.zeros(k, np.int64)
    per = costs if costs is not None else np.ones(k)
    heap = [(-gain(i, int(start[i])) / per[i], i) for i in range(k)]
    heapq.heapify(heap)
    spent, added = 0.0, 0
    while heap and (total is None or added < total):
        _, i = heapq.heappop(heap)
        if costs is not None:
            if spent + costs[i] > budget + _EPS:
                continue  # never fits again: the spend only grows
            spent += costs[i]
        extra[i] += 1
        added += 1
        heapq.heappush(heap, (-gain(i, int(start[i] + extra[i])) / per[i], i))
    return extra


def _moe_curve(v: float, start: int, most: int) -> np.ndarray:
    """Margin of error at start + 0..most measurements (infinite at zero)."""
    n = start + np.arange(most + 1, dtype=float)
    with np.errstate(divide="ignore"):
        return np.where(n > 0, stats.Z_CONTRACT * 100 * np.sqrt(v / np.where(n > 0, n, 1)), np.inf)


def minimax_exact(variance: np.ndarray, start: np.ndarray, costs: np.ndarray, budget: float) -> np.ndarray:
    """Extra measurements minimising the worst margin of error within a cost budget, then filled up.

    The optimum is found among the finitely many margins each touchpoint can reach: the
    lowest level whose cheapest way down (each touchpoint topped up to just reach it)
    is affordable. What is left then goes to the worst touchpoint whose next one fits.
    """
    k = len(start)
    most = np.floor(budget / costs + _EPS).astype(np.int64)
    curves = [_moe_curve(variance[i], int(start[i]), int(most[i])) for i in range(k)]
    levels = np.unique(np.concatenate(curves))
    levels = levels[np.isfinite(levels)] if np.isfinite(levels).any() else levels

    def needed(level: float) -> np.ndarray | None:
        out = np.zeros(k, np.int64)
        for i, curve in enumerate(curves):
            reach = np.flatnonzero(curve <= level * (1 + 1e-12))
            if reach.size == 0:
                return None
            out[i] = reach[0]
        return out if float((out * costs).sum()) <= budget + _EPS else None

    lo, hi, best = 0, len(levels) - 1, None
    while lo <= hi:  # the cost of reaching a level only falls as the level rises
        mid = (lo + hi) // 2
        got = needed(float(levels[mid]))
        if got is not None:
            best, hi = got, mid - 1
        else:
            lo = mid + 1
    extra = best if best is not None else np.zeros(k, np.int64)
    spent = float((extra * costs).sum())
    while True:
        fits = np.flatnonzero(spent + costs <= budget + _EPS)
        if fits.size == 0:
            return extra
        moe = np.array([stats.margin_of_error(variance[i], int(start[i] + extra[i])) for i in fits])
        pick = int(fits[np.argmax(moe)])
        extra[pick] += 1
        spent += costs[pick]


# -- the rules ---------------------------------------------------------------------------------

def _kind(budget_in: str) -> str:
    return "euros" if budget_in == "euros" else "count"


def _whole(value, what: str) -> int:
    if not np.isfinite(value) or abs(value - round(value)) > _EPS:
        raise AllocationError(f"alloc.not_whole.{what}")
    return int(round(value))


def _minimums(minimum, k: int) -> np.ndarray:
    m = np.broadcast_to(np.asarray(minimum, float), (k,))
    floor = np.array([_whole(x, "minimum") for x in m], np.int64)
    if (floor < 0).any():
        raise AllocationError("alloc.minimum_negative")
    return floor


def _neyman_gain(volume: np.ndarray, variance: np.ndarray) -> Callable[[int, int], float]:
    """The fall in sum W_h^2 V_h / n_h (the variance of the volume-weighted NPS) from one more answer."""
    w = volume / volume.sum()
    a = w ** 2 * variance

    def gain(i: int, n: int) -> float:
        if a[i] <= 0:
            return 0.0
        return math.inf if n == 0 else a[i] * (1 / n - 1 / (n + 1))
    return gain


def _moe_gain(variance: np.ndarray) -> Callable[[int, int], float]:
    """Minimax: always help the touchpoint whose margin of error is worst now."""
    return lambda i, n: stats.margin_of_error(variance[i], n)


def allocate(rule: str, budget: float, touchpoints_info=None, minimum_per_touchpoint=0,
             unit_costs: Sequence[float] | None = None, budget_in: str = "count",
             weights: Sequence[float] | None = None, *, problem: str | Sequence[float] = "largest_drop",
             volume=None, variance=None, fixed=None, minimum=None, costs=None, manual=None) -> np.ndarray:
    """Movable measurements a month per touchpoint under `rule` (see RULES and the module notes).

    `touchpoints_info`: a DataFrame or mapping with `variance` (NPS V), `volume` (contacts a
    month, NaN when unknown), `fixed` (fixed measurements a month; 0 when absent) and, for
    problem_spots, the columns `problem_scores` reads. `weights`: the hand-set counts for
    `manual`, or ready-made problem scores for `problem_spots` (else `problem` names the
    criterion). The keyword-only `volume=`, `variance=`, `fixed=`, `minimum=`, `costs=`,
    `manual=` and an array `problem=` are accepted instead of a frame.
    Raises AllocationError (a ValueError) with a sentence when the inputs cannot be met.
    """
    if rule not in RULES:
        raise AllocationError("alloc.unknown_rule", rule=rule, choices=", ".join(RULES))
    if budget_in not in BUDGET_UNITS:
        raise AllocationError("alloc.budget_kind")
    var_in = variance if variance is not None else _column(touchpoints_info, ("variance",))
    if var_in is None:
        raise AllocationError("alloc.needs_variance")
    v = _variances(np.asarray(var_in, float))
    k = len(v)
    vol_in = volume if volume is not None else _column(touchpoints_info, ("volume",))
    vol = _volumes(np.asarray(vol_in, float) if vol_in is not None else np.full(k, np.nan))
    fix_in = fixed if fixed is not None else _column(touchpoints_info, ("fixed", "fixed_per_month"))
    start_fixed = np.nan_to_num(np.asarray(fix_in, float)).astype(np.int64) if fix_in is not None else np.zeros(k, np.int64)
    floor = _minimums(minimum if minimum is not None else minimum_per_touchpoint, k)
    cost_in = costs if costs is not None else unit_costs
    cost = np.asarray(cost_in, float) if cost_in is not None else np.ones(k)
    if budget_in == "count":
        budget = _whole(float(budget), "budget")
        cost = np.ones(k)
    elif not (np.isfinite(cost).all() and (cost > 0).all()):
        raise AllocationError("alloc.needs_cost")
    if not np.isfinite(budget) or budget < 0:
        raise AllocationError("alloc.budget_negative")
    floor_cost = float((floor * cost).sum())
    if floor_cost > budget + _EPS:
        raise AllocationError(f"alloc.minimums_over_budget.{_kind(budget_in)}", need=round(floor_cost),
                              budget=round(budget))
    if rule == "manual":
        return _manual(manual if manual is not None else weights, budget, floor, cost, budget_in, k)
    rest = budget - floor_cost
    start = start_fixed + floor
    if rule in ("equal", "volume", "problem_spots"):
        share = {"equal": np.ones(k), "volume": vol}.get(rule)
        if share is None:
            share = _problem_weights(touchpoints_info, problem, weights, k)
        if budget_in == "euros":
            return floor + _euro_shares(share, rest, cost)
        return floor + largest_remainder(share, int(rest))
    if rule == "minimax_moe" and budget_in == "euros":
        return floor + minimax_exact(v, start, cost, rest)
    gain = _neyman_gain(vol, v) if rule == "neyman" else _moe_gain(v)
    if budget_in == "euros":
        return floor + greedy(gain, start, costs=cost, budget=rest)
    return floor + greedy(gain, start, total=int(rest))


def _problem_weights(info, problem, weights, k: int) -> np.ndarray:
    if weights is not None:
        scores = np.asarray(weights, float)
    elif isinstance(problem, str):
        if info is None:
            raise AllocationError("alloc.needs_figures")
        scores = problem_scores(info, problem)
    else:
        scores = np.asarray(problem, float)
    if len(scores) != k:
        raise AllocationError("alloc.problem_count")
    return np.clip(np.nan_to_num(scores), 0, None)


def _manual(values, budget: float, floor: np.ndarray, costs: np.ndarray, budget_in: str, k: int) -> np.ndarray:
    """Hand-set counts, accepted only when whole, at least the minimum and within the budget."""
    if values is None:
        raise AllocationError("alloc.manual_missing")
    raw = np.asarray(values, float)
    if raw.shape != (k,):
        raise AllocationError("alloc.manual_count", k=k)
    n = np.array([_whole(x, "manual") for x in raw], np.int64)
    if (n < floor).any():
        raise AllocationError("alloc.manual_below_minimum", minimum=int(floor.max()))
    total = float((n * costs).sum())
    if total > budget + _EPS:
        raise AllocationError(f"alloc.manual_over_budget.{_kind(budget_in)}", total=round(total), budget=round(budget))
    return n


def move_pool(current: Sequence[int], source: int, target: int) -> np.ndarray:
    """Today's movable measurement with all of `source`'s moved to `target` (the workshop's quick shift)."""
    out = np.asarray(current, np.int64).copy()
    if source != target:
        out[target] += out[source]
        out[source] = 0
    return out


def worst_moe(variance: Sequence[float], n: Sequence[int]) -> float:
    """The largest margin of error over touchpoints with `n` measurements each (the minimax objective)."""
    return max(stats.margin_of_error(v, int(x)) for v, x in zip(variance, n, strict=True))


def neyman_objective(volume: Sequence[float], variance: Sequence[float], n: Sequence[int]) -> float:
    """Sum W_h^2 V_h / n_h: the variance of the volume-weighted NPS share difference (Neyman's objective)."""
    w = _volumes(np.asarray(volume, float))
    w = w / w.sum()
    terms = [wi ** 2 * vi / ni if ni > 0 else (math.inf if wi ** 2 * vi > 0 else 0.0)
             for wi, vi, ni in zip(w, variance, n, strict=True)]
    return float(sum(terms))


def plan_cost(counts: Sequence[int], unit_costs: Sequence[float]) -> float:
    return float(np.dot(np.asarray(counts, float), np.asarray(unit_costs, float)))
