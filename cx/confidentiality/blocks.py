"""The reporting grid cut into pools: the rule that keeps small employee groups underivable.

The grid's cells are (survey round, unit, role). Each cell belongs to exactly one pool, and
every pool holds at least `minimum` answers (or is never shown at all). An employee figure
is published only for a group that is a union of whole pools, so whatever anyone adds or
subtracts, from any number of figures on any route, the result is a sum over whole pools:
no group smaller than the minimum can ever come out. (Proof and the route-by-route
reasoning: docs/confidentiality.md.)

How cells are pooled, round by round, smallest first (ties by name, so it is reproducible):
1. units: if any unit has fewer than `minimum` answers in the round, the smallest units
   (all of those under the minimum, and the next smallest until the pool reaches the
   minimum) form one pool; a round with fewer than `minimum` answers in all is one pool
   that is never shown;
2. roles, inside every other unit: the same rule on its roles; each remaining role is a
   pool of its own.

The pools for a higher minimum are unions of the pools for a lower one (each pool is a
prefix of the same size order, and a longer prefix for a higher minimum), so raising the
minimum never publishes a group that splits an earlier pool: figures seen before and
after a change of the minimum still add up to whole pools of the lower minimum.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Pools:
    """`block[i]` is the pool of cell i; `publishable[b]` says whether pool b may count in any figure."""

    block: tuple[int, ...]
    publishable: tuple[bool, ...]
    answers: tuple[int, ...]  # per pool


def _role_key(role) -> tuple:
    return (0, "") if role is None else (1, str(role))


def _prefix(sizes: Sequence[int], minimum: int) -> int:
    """How many of the (ascending) sizes form the pool: all under the minimum and then as few more
    as it takes to reach it; 0 when none is under the minimum."""
    under = sum(1 for s in sizes if s < minimum)
    if under == 0:
        return 0
    length, total = under, sum(sizes[:under])
    while total < minimum and length < len(sizes):
        total += sizes[length]
        length += 1
    return length


def _ordered(sizes: dict, key) -> list:
    return sorted(sizes, key=lambda name: (sizes[name], key(name)))


def partition(rounds: Sequence[int], units: Sequence[str], roles: Sequence[str | None],
              answers: Sequence[int], minimum: int) -> Pools:
    """The pools of the grid cells given as parallel sequences (one entry per round x unit x role cell)."""
    if minimum < 1:
        raise ValueError("the minimum must be at least 1")
    cells: dict[int, dict[str, dict]] = {}
    for i, (r, u, role) in enumerate(zip(rounds, units, roles, strict=True)):
        cells.setdefault(r, {}).setdefault(u, {})[role] = i
    block = [0] * len(answers)
    publishable: list[bool] = []
    sizes_out: list[int] = []

    def new_pool(members: list[int]) -> None:
        size = sum(int(answers[i]) for i in members)
        for i in members:
            block[i] = len(publishable)
        publishable.append(size >= minimum)
        sizes_out.append(size)

    for r in sorted(cells):
        by_unit = cells[r]
        unit_size = {u: sum(int(answers[i]) for i in roles_.values()) for u, roles_ in by_unit.items()}
        order = _ordered(unit_size, str)
        pooled = _prefix([unit_size[u] for u in order], minimum)
        if pooled:
            new_pool([i for u in order[:pooled] for i in by_unit[u].values()])
        for u in order[pooled:]:
            role_size = {role: int(answers[i]) for role, i in by_unit[u].items()}
            role_order = _ordered(role_size, _role_key)
            small = _prefix([role_size[x] for x in role_order], minimum)
            if small:
                new_pool([by_unit[u][x] for x in role_order[:small]])
            for x in role_order[small:]:
                new_pool([by_unit[u][x]])
    return Pools(tuple(block), tuple(publishable), tuple(sizes_out))
