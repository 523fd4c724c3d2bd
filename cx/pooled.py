"""Figures pooled across touchpoints, weighted by contact volume (contract: "Pooled across touchpoints").

A headline "transaction NPS" pools answers from several touchpoints. Counted answer by
answer it describes where the measurement happened to be, not the customers: moving
300 answers a month from Web self-service to Complaint handling would move it with no
change in experience. Weighted by each touchpoint's contacts a month it estimates the
experience of the contacts, and moving measurement leaves its expected value alone.

The rule, for the touchpoints h with answers (each with a `touchpoints.volume`):
w_h = volume_h / sum of those volumes; estimate = sum w_h x figure_h (each raw);
95% interval = estimate +/- 1.96 x sqrt(sum w_h^2 x var_h), where var_h is one
touchpoint's variance of its figure, padded so that it never collapses:
- NPS: the adjusted Wald V~_h / n~_h (n~ = n + 3, 0.75 added to promoters and detractors);
- shares: p~(1 - p~) / n with the padded share p~ = (k + 1.96^2/2) / (n + 1.96^2) (Agresti-Coull's
  padding; divided by n, not n + 1.96^2, because the interval is centred on the raw share: so it keeps
  95% at p = 0.5 and n = 30, and never collapses at 0% or 100%);
- means: s_h^2 / n_h, s_h^2 from the answers and half a pseudo-answer at each end of the scale, so
  answers piled at one end (or a single answer) never give a zero-width interval.
Seeded simulation (tests/test_pooled.py): 93-97% for n >= 30 where answers are not piled at one
end; above that (conservative) where they are.
Scaled to points, percent or the scale. n is the number of answers.

When a touchpoint with answers has no volume the figure is the plain pooled one and
says so (`weighted` False, `no_volume` names them); touchpoints on the map with a
volume but no answers are left out of the weights (`no_answers`). With answers from
one touchpoint nothing is pooled: the figure is that touchpoint's own (plain) figure.
A change between two weighted figures is their difference, its variance the sum of
theirs. Pure functions: the SQL that feeds them is in cx.queries.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cx import metrics as m
from cx import stats

Z = stats.Z_CONTRACT


@dataclass(frozen=True)
class Stratum:
    """One touchpoint's aggregates (n, a, b) as `cx.metrics.aggregate_sql` defines them, and its volume."""

    touchpoint: str
    n: int
    a: float
    b: float
    volume: float | None = None


@dataclass(frozen=True)
class Pooled:
    value: float | None
    low: float | None
    high: float | None
    n: int
    variance: float | None  # of the estimate, in the figure's own units squared
    weighted: bool  # True: weighted by contact volume; False: the plain pooled figure
    agg: tuple  # the summed (n, a, b) of every pooled answer, for the plain figure and its change
    weights: Mapping[str, float] = field(default_factory=dict)
    no_volume: tuple[str, ...] = ()  # touchpoints with answers but no volume (why it is not weighted)
    no_answers: tuple[str, ...] = ()  # touchpoints with a volume but no answers (left out of the weights)


def raw_figure(kind: str, n: int, a: float, b: float) -> float | None:
    """The raw figure of one group: NPS in points, a share in percent, a mean on its scale."""
    if n <= 0:
        return None
    if kind == "nps":
        return 100.0 * (a - b) / n
    if kind == "share":
        return 100.0 * a / n
    return a / n


def figure_variance(metric: m.Metric, n: int, a: float, b: float) -> float:
    """The padded variance of one touchpoint's figure (units squared), as the module note defines it."""
    if metric.kind == "nps":
        nt = n + 3
        pp, pd = (a + 0.75) / nt, (b + 0.75) / nt
        return 100.0 ** 2 * (pp + pd - (pp - pd) ** 2) / nt
    if metric.kind == "share":
        p = (a + Z * Z / 2) / (n + Z * Z)
        return 100.0 ** 2 * p * (1 - p) / n
    total, squares, count = a + (metric.low + metric.high) / 2, b + (metric.low ** 2 + metric.high ** 2) / 2, n + 1
    mean = total / count
    return max((squares - count * mean * mean) / (count - 1), 0.0) / n


def _has_volume(volume) -> bool:
    return volume is not None and not (isinstance(volume, float) and math.isnan(volume)) and volume > 0


def pool(metric: m.Metric, strata: Sequence[Stratum], mapped: Mapping[str, float | None] | None = None) -> Pooled:
    """The volume-weighted figure of `strata`, or the plain one when a touchpoint with answers has no volume.

    `mapped`: every touchpoint on the journey map that the view covers, with its volume,
    so those with a volume but no answers can be named as left out.
    """
    answered = [s for s in strata if s.n > 0]
    total = (sum(s.n for s in answered), sum(s.a for s in answered), sum(s.b for s in answered))
    names = {s.touchpoint for s in answered}
    no_answers = tuple(sorted(tp for tp, vol in (mapped or {}).items() if tp not in names and _has_volume(vol)))
    no_volume = tuple(sorted(s.touchpoint for s in answered if not _has_volume(s.volume)))
    if len(answered) < 2 or no_volume:
        est = m.estimate(metric, *total)
        return Pooled(est.value, est.low, est.high, est.n, None, False, total, {}, no_volume, no_answers)
    volume_sum = sum(float(s.volume) for s in answered)
    weights = {s.touchpoint: float(s.volume) / volume_sum for s in answered}
    value = sum(weights[s.touchpoint] * raw_figure(metric.kind, s.n, s.a, s.b) for s in answered)
    variance = sum(weights[s.touchpoint] ** 2 * figure_variance(metric, s.n, s.a, s.b) for s in answered)
    half = Z * math.sqrt(variance)
    low, high = max(metric.low, value - half), min(metric.high, value + half)
    return Pooled(value, low, high, total[0], variance, True, total, weights, (), no_answers)


def change(metric: m.Metric, before: Pooled, after: Pooled) -> stats.Change:
    """After minus before: for two weighted figures their difference, variance the sum of theirs;
    otherwise the contract's plain change of the pooled answers. Carries its two-sided p-value."""
    if before.weighted and after.weighted:
        diff = after.value - before.value
        variance = before.variance + after.variance
        half = Z * math.sqrt(variance)
        span = metric.high - metric.low
        low, high = max(-span, diff - half), min(span, diff + half)
        return stats.Change(diff, low, high, bool(low > 0 or high < 0), before.n, after.n,
                            stats.z_change_p_value(diff, variance))
    plain = m.change(metric, before.agg, after.agg)
    p = stats.change_p_value(metric.kind, before.agg, after.agg) if plain.diff is not None else None
    return stats.Change(plain.diff, plain.low, plain.high, plain.significant, plain.n_a, plain.n_b, p)
