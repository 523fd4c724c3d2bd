"""A curious manager with the command line and the pages: what can be worked out from published figures.

The attacker adds and subtracts published figures. Whatever the combination, the result is a
linear combination of the published groups' member vectors (one column per employee answer).
Two answers that fall in exactly the same published groups (identical columns) can never be
told apart by any such combination; so if every class of answers with identical columns holds
at least the minimum, no group under the minimum can be derived, by any sum or difference of
any number of the figures. `smallest_class` returns the smallest such class; the tests demand
it be at least the minimum. Coverage is checked too: each figure must equal the plain figure
of the answers it claims to cover (so a figure cannot hide what it really counts).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from cx import stats

ITEMS = ("enps", "wellbeing", "culture", "technology", "physical", "vision", "role_clarity", "training")


@dataclass(frozen=True)
class Answer:
    response_id: str
    day: date
    unit: str
    role: str | None
    enps: int


@dataclass
class Attacker:
    """Everything published so far: one member set of answer ids per shown figure."""

    answers: list[Answer]
    seen: list[frozenset[str]] = field(default_factory=list)

    def publish(self, members: set[str] | frozenset[str], n: int, value: float) -> None:
        """A figure shown with n and value; it must be the plain eNPS of exactly `members`."""
        chosen = [a for a in self.answers if a.response_id in members]
        assert len(chosen) == n, f"a figure says n = {n} but covers {len(chosen)} answers"
        promoters = sum(a.enps >= 9 for a in chosen)
        detractors = sum(a.enps <= 6 for a in chosen)
        assert math.isclose(value, stats.nps(promoters, detractors, n).value, abs_tol=1e-3)
        self.seen.append(frozenset(members))

    def smallest_class(self) -> int | None:
        """The fewest answers that every published group either holds together or leaves together
        (None when nothing was published)."""
        if not self.seen:
            return None
        ids = [a.response_id for a in self.answers]
        matrix = np.zeros((len(ids), len(self.seen)), dtype=bool)
        position = {rid: i for i, rid in enumerate(ids)}
        for j, members in enumerate(self.seen):
            for rid in members:
                matrix[position[rid], j] = True
        in_any = matrix.any(axis=1)
        _, sizes = np.unique(np.packbits(matrix[in_any], axis=1), axis=0, return_counts=True)
        return int(sizes.min())

    def members(self, units=None, roles=None, first: date | None = None, last: date | None = None) -> set[str]:
        return {a.response_id for a in self.answers
                if (units is None or a.unit in units) and (roles is None or a.role in roles)
                and (first is None or a.day >= first) and (last is None or a.day <= last)}


# -- a workspace with planted small groups ---------------------------------------------------------

ROUND_DAYS = (date(2025, 11, 10), date(2026, 2, 9), date(2026, 5, 11), date(2026, 8, 10))
UNITS = ("Aalto", "Borg", "Castle", "Dale", "Elm", "Fjord")
# answers per round and unit, by role: (Customer service, Sales, Team lead)
PLANTED = {
    "Aalto": [(12, 5, 3), (11, 6, 3), (12, 5, 4), (13, 5, 2)],   # Q3 2026: two team leads
    "Borg": [(9, 4, 2), (9, 3, 2), (10, 3, 2), (9, 1, 2)],       # Q3 2026: Sales 1 + Team lead 2
    "Castle": [(6, 2, 1), (7, 2, 1), (6, 2, 1), (6, 3, 1)],
    "Dale": [(4, 2, 0), (5, 1, 0), (4, 2, 1), (2, 1, 0)],        # Q3 2026: three people
    "Elm": [(5, 2, 1), (4, 2, 1), (5, 1, 1), (5, 2, 1)],
    "Fjord": [(14, 6, 2), (15, 6, 2), (14, 7, 2), (15, 6, 2)],
}
LOW_TECH = ("Castle", "Dale")  # their staff rate technology low and their customers are less happy
ROLES = ("Customer service", "Sales", "Team lead")


def plant(ws, seed: int = 14) -> list[Answer]:
    """Employee answers as PLANTED (every item answered) and customers whose NPS is lower where
    technology is rated low; returns the employee answers."""
    rng = np.random.default_rng(seed)
    answers, staff = [], []
    for unit in UNITS:
        for r, start in enumerate(ROUND_DAYS):
            for role, count in zip(ROLES, PLANTED[unit][r], strict=True):
                for k in range(count):
                    day = start + timedelta(days=int(rng.integers(0, 12)))
                    rid = f"{unit}-{r}-{role[:2]}-{k}"
                    tech = int(rng.integers(1, 3) if unit in LOW_TECH else rng.integers(3, 6))
                    enps = int(rng.integers(0, 11))
                    items = [enps, *[int(rng.integers(1, 6)) for _ in range(6)], tech]
                    staff.append((rid, datetime(day.year, day.month, day.day, 12), unit, role, *items))
                    answers.append(Answer(rid, day, unit, role, enps))
    customers = []
    month = date(2025, 11, 1)
    while month <= date(2026, 10, 1):
        for unit in UNITS:
            for k in range(40):
                low = unit in LOW_TECH
                score = int(rng.choice(11, p=_nps_shape(low)))
                when = datetime(month.year, month.month, 1 + k % 27, 10)
                customers.append((f"c-{unit}-{month:%Y%m}-{k}", when, unit, score, 4 - low, 4 - low, 4, 5 - 2 * low,
                                  not low))
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    staff_frame = pd.DataFrame(staff, columns=["response_id", "responded_at", "unit", "role", "enps", "wellbeing",
                                               "culture", "physical", "vision", "role_clarity", "training",
                                               "technology"])
    customer_frame = pd.DataFrame(customers, columns=["response_id", "responded_at", "unit", "nps", "efficiency",
                                                      "ease", "emotion", "ces", "fcr"])
    customer_frame = customer_frame.assign(touchpoint="Phone", level="transaction", method="survey")
    with ws.write() as cur:
        for table, frame in (("employee_responses", staff_frame), ("customer_responses", customer_frame)):
            cur.register("planted", frame)
            cur.execute("INSERT INTO " + table + " BY NAME SELECT * FROM planted")
            cur.unregister("planted")
    return answers


def _nps_shape(low: bool) -> list[float]:
    weights = np.array([1, 1, 1, 1, 1, 2, 2, 4, 6, 6, 4] if low else [0.2] * 6 + [1, 3, 6, 10, 10], float)
    return list(weights / weights.sum())
