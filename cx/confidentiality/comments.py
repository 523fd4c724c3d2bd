"""Employee comments: only for groups of at least COMMENT_MINIMUM answers, never for a small group.

Text identifies its writer far more easily than a number, so comments have their own, higher
minimum (ten, the common practice for open answers, or the confidentiality minimum if that is
higher). A group's comments are shown only when the group is a union of whole pools cut for
that higher minimum. Two such groups differ by whole pools of at least ten answers, so no set
difference of shown comments (this unit this year minus this unit this spring) isolates fewer
people. The pools for the higher minimum are unions of the figure pools (`blocks`), so a
group whose comments may be shown is also a group whose figure may be shown: comments never
stand beside a hidden group. Comments come without dates or roles, in alphabetical order.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cx.confidentiality import gate, setting
from cx.confidentiality.rounds import Round, index_of_days
from cx.sql import ident

COMMENT_MINIMUM = 10


def comment_minimum(minimum: int) -> int:
    """The fewest answers a group needs before its comments are shown."""
    return max(COMMENT_MINIMUM, setting.effective(minimum))


@dataclass(frozen=True)
class Comments:
    allowed: bool  # the group may show its comments
    texts: tuple[str, ...]
    minimum: int  # the comment minimum that applied


def allowed(grid: gate.Grid, units: Sequence[str], rounds: Sequence[Round]) -> bool:
    """The group (units x whole rounds) is a union of whole publishable pools of `grid`."""
    positions = grid.selection(units, rounds)
    publishable = np.array(grid.publishable, dtype=bool)[grid.cells["pool"].to_numpy()[positions].astype(int)] \
        if len(positions) else np.zeros(0, dtype=bool)
    return bool(publishable.any()) and grid.whole(positions, publishable)


def _rows(cur, units: Sequence[str], rounds: Sequence[Round]) -> list[tuple]:
    """(unit, role, day, comment) of the non-empty comments in these units and rounds (values bound)."""
    day = "CAST(" + ident("responded_at") + " AS DATE)"
    spans = " OR ".join("(" + day + " BETWEEN ? AND ?)" for _ in rounds)
    params: list = [d for r in rounds for d in (r.first, r.last)]
    sql = ("SELECT " + ident("unit") + ", " + ident("role") + ", " + day + ", " + ident("comment")
           + " FROM " + ident("employee_responses") + " WHERE trim(coalesce(" + ident("comment") + ", '')) <> ''"
           + " AND (" + spans + ")")
    if units:
        sql += " AND " + ident("unit") + " IN (" + ", ".join("?" for _ in units) + ")"
        params += list(units)
    return cur.execute(sql, params).fetchall()


def for_group(cur, units: Sequence[str], rounds: Sequence[Round], minimum: int) -> Comments:
    """The comments of units x whole rounds, when the group may show them (else none, allowed False)."""
    need = comment_minimum(minimum)
    grid = gate.build(cur, need)
    chosen = tuple(r for r in grid.rounds if r in set(rounds))
    if not len(grid.selection(units, chosen)):
        return Comments(True, (), need)  # no answers here: nothing to show, nothing to protect
    if not allowed(grid, units, chosen):
        return Comments(False, (), need)
    cells = grid.cells
    pool_ok = np.array(grid.publishable, dtype=bool)
    counted = {(int(r), u, role) for r, u, role, p in zip(cells["round"], cells["unit"], cells["role"],
                                                         cells["pool"], strict=True) if pool_ok[int(p)]}
    rows = _rows(cur, units, chosen)
    positions = index_of_days(grid.rounds, [d for _, _, d, _ in rows]) if rows else []
    texts = [text.strip() for (unit, role, _, text), r in zip(rows, positions, strict=True)
             if (r, unit, role) in counted]
    return Comments(True, tuple(sorted(texts, key=str.casefold)), need)


