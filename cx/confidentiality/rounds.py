"""Survey rounds: the time axis of every employee figure, found in the answer dates.

An employee survey is run in rounds (a quarterly survey is open two or three weeks a
quarter). Figures for arbitrary date ranges would let anyone subtract two nested ranges
and read the few people who answered in between, so employee figures are only ever
computed over whole rounds: a date range takes the rounds whose middle answer falls in
it, and the page says which rounds those are.

A round is a run of answer days without a gap of more than GAP_DAYS days. A survey that
never pauses (a continuous pulse) would be one endless run, so a run longer than
LONGEST_ROUND_DAYS is cut at the calendar quarters. Rounds are found from the whole
table, never from a filtered part of it, so every view cuts time in the same places.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

GAP_DAYS = 14
LONGEST_ROUND_DAYS = 92
GRAINS = ("month", "quarter", "round")


@dataclass(frozen=True)
class Round:
    """One survey round: its first and last answer day, the day of its middle answer, its answers."""

    first: date
    last: date
    middle: date
    answers: int

    def key(self, grain: str) -> date:
        """The round's place on a time axis: the month or quarter of its middle answer, or its first day."""
        if grain == "round":
            return self.first
        if grain == "month":
            return self.middle.replace(day=1)
        if grain == "quarter":
            return date(self.middle.year, 3 * ((self.middle.month - 1) // 3) + 1, 1)
        raise ValueError(f"grain must be one of {GRAINS}")


def _quarter(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3


def _runs(days: Sequence[tuple[date, int]]) -> list[list[tuple[date, int]]]:
    """Answer days split where no one answered for more than GAP_DAYS days."""
    runs: list[list[tuple[date, int]]] = []
    for day, count in days:
        if runs and (day - runs[-1][-1][0]).days <= GAP_DAYS:
            runs[-1].append((day, count))
        else:
            runs.append([(day, count)])
    return runs


def _cut_long(run: list[tuple[date, int]]) -> list[list[tuple[date, int]]]:
    """A run longer than LONGEST_ROUND_DAYS (a survey that never pauses) cut at calendar quarters."""
    if (run[-1][0] - run[0][0]).days < LONGEST_ROUND_DAYS:
        return [run]
    pieces: dict[tuple[int, int], list[tuple[date, int]]] = {}
    for day, count in run:
        pieces.setdefault(_quarter(day), []).append((day, count))
    return list(pieces.values())


def _round(days: list[tuple[date, int]]) -> Round:
    total = sum(count for _, count in days)
    half, seen = (total + 1) // 2, 0
    middle = days[-1][0]
    for day, count in days:
        seen += count
        if seen >= half:
            middle = day
            break
    return Round(days[0][0], days[-1][0], middle, total)


def find_rounds(day_counts: Iterable[tuple[date, int]]) -> tuple[Round, ...]:
    """The survey rounds of (answer day, answers that day) pairs, in time order."""
    merged: dict[date, int] = {}
    for day, count in day_counts:
        if count > 0:
            merged[day] = merged.get(day, 0) + int(count)
    days = sorted(merged.items())
    return tuple(_round(piece) for run in _runs(days) for piece in _cut_long(run))


def snap(rounds: Sequence[Round], start: date | None, end: date | None) -> tuple[Round, ...]:
    """The whole rounds a date range stands for: those whose middle answer lies in [start, end]."""
    return tuple(r for r in rounds if (start is None or r.middle >= start) and (end is None or r.middle <= end))


def index_of_days(rounds: Sequence[Round], days: Sequence[date]) -> list[int]:
    """For each answer day, the position in `rounds` of the round it belongs to."""
    result = [0] * len(days)
    position = 0
    for i in sorted(range(len(days)), key=lambda k: days[k]):
        while days[i] > rounds[position].last:
            position += 1
        result[i] = position
    return result
