"""The gate: every employee figure that any page, the command line, a download or an export
shows is computed here, from the workspace's protected grid, and nowhere else.

`build(cur, minimum)` reads `employee_responses` once (answers and per-item sums per unit,
role and answer day), finds the survey rounds and cuts the round x unit x role grid into
pools of at least the minimum (`cx.confidentiality.blocks`). A figure is then asked for a
selection (units, whole rounds) and an optional grouping; each group's figure is shown only
when the group is a union of whole pools, and it counts only the pools that may be
published for that item (a pool with fewer than the minimum answers to an item, though
enough people, is left out of that item's figures; a round with fewer answers than the
minimum is left out of every figure). The grid is built from the whole table, never from a
filtered part, so all views cut the same pools.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from cx import metrics as m
from cx import schema
from cx.confidentiality import blocks, setting
from cx.confidentiality.rounds import Round, find_rounds, snap
from cx.sql import ident

ITEMS = schema.EMPLOYEE_METRICS
GROUPABLE = ("unit", "role", "month", "quarter", "round")
STATUS_OK, STATUS_SUPPRESSED, STATUS_NONE = "ok", "suppressed", "none"
FIGURE_COLUMNS = ("n", "value", "low", "high", "status", "agg")


ANSWER_DAY = "CAST(" + ident("responded_at") + " AS DATE)"


def _day_sql() -> str:
    """Answers per answer day, to find the survey rounds."""
    return "SELECT " + ANSWER_DAY + ", count(*) FROM " + ident("employee_responses") + " GROUP BY 1 ORDER BY 1"


def _cell_sql(rounds: int) -> str:
    """Answers and per-item (n, a, b) per round, unit and role: the only read of employee answers for
    figures. The round of each answer day comes from bound round ends; identifiers through `ident`."""
    which = "CASE " + " ".join("WHEN " + ANSWER_DAY + " <= ? THEN ?" for _ in range(rounds)) + " END"
    parts = [which + " AS round", ident("unit"), ident("role"), "count(*) AS answers"]
    for item in ITEMS:
        n, a, b = m.aggregate_sql(m.get(item))
        parts += [f"{n} AS {item}__n", f"coalesce({a}, 0) AS {item}__a", f"coalesce({b}, 0) AS {item}__b"]
    return ("SELECT " + ", ".join(parts) + " FROM " + ident("employee_responses")
            + " GROUP BY ALL ORDER BY 1, 2, 3")


@dataclass(frozen=True)
class Grid:
    """The protected reporting grid of one workspace at one confidentiality minimum.

    `cells` has one row per round x unit x role cell: round (position in `rounds`), unit, role,
    answers, pool, and per item `<item>__n`, `__a`, `__b` (its sums) and `__ok` (its pool may
    count in that item's figures)."""

    minimum: int
    rounds: tuple[Round, ...]
    cells: pd.DataFrame
    pool_cells: np.ndarray  # how many cells each pool has
    publishable: tuple[bool, ...]  # per pool: may count in a figure at all

    def snap(self, start: date | None, end: date | None) -> tuple[Round, ...]:
        """The whole rounds a date range stands for (see `rounds.snap`)."""
        return snap(self.rounds, start, end)

    def figures(self, metric: str, units: Sequence[str] = (), rounds: Sequence[Round] | None = None,
                by: Sequence[str] = ()) -> list[dict]:
        """One figure of `metric` per group of the selection (all rounds when `rounds` is None).

        Each row: the `by` keys, n, value, low, high, status (ok, suppressed, none) and agg
        (n, a, b) for changes; a suppressed row carries no number at all, not even n.
        """
        spec = m.get(metric)
        if not spec.is_employee:
            raise ValueError(f"{metric} is not an employee figure")
        for key in by:
            if key not in GROUPABLE:
                raise ValueError(f"Cannot group employee_responses by '{key}'.")
        positions = self._selected(units, rounds)
        groups: dict[tuple, list[int]] = {}
        for position, key in zip(positions, self._keys(positions, by), strict=True):
            groups.setdefault(key, []).append(position)
        if not by and not groups:
            groups[()] = []
        rows = []
        for key in sorted(groups, key=_sort_key):
            row = dict(zip(by, key, strict=True))
            row.update(self._figure(spec, np.array(groups[key], dtype=int)))
            rows.append(row)
        return rows

    def table(self, metric: str, units: Sequence[str] = (), rounds: Sequence[Round] | None = None,
              by: Sequence[str] = ()) -> pd.DataFrame:
        """`figures` as a frame with the columns of `cx.queries.to_figures`."""
        rows = self.figures(metric, units, rounds, by)
        return pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=object) for c in [*by, *FIGURE_COLUMNS]})

    def whole(self, positions: np.ndarray, counted: np.ndarray | None = None) -> bool:
        """The cells at `positions` (those of them `counted`) hold every cell of each pool they touch."""
        pools = self._column("pool")[positions]
        if counted is not None:
            pools = pools[counted]
        if not len(pools):
            return True
        touched, counts = np.unique(pools, return_counts=True)
        return bool(np.all(self.pool_cells[touched] == counts))

    def selection(self, units: Sequence[str] = (), rounds: Sequence[Round] | None = None) -> np.ndarray:
        """Positions of the cells of these units (all when empty) in these rounds (all when None)."""
        return np.array(self._selected(units, rounds), dtype=int)

    # -- inside ---------------------------------------------------------------------------------

    def _column(self, name: str) -> np.ndarray:
        return self.cells[name].to_numpy()

    def _selected(self, units: Sequence[str], rounds: Sequence[Round] | None) -> list[int]:
        keep = np.ones(len(self.cells), dtype=bool)
        if rounds is not None:
            wanted = set(rounds)
            chosen = [i for i, r in enumerate(self.rounds) if r in wanted]
            keep &= np.isin(self._column("round"), chosen)
        if units:
            keep &= np.isin(self._column("unit"), list(units))
        return np.flatnonzero(keep).tolist()

    def _keys(self, positions: list[int], by: Sequence[str]) -> list[tuple]:
        if not by:
            return [() for _ in positions]
        columns = []
        for key in by:
            if key in ("unit", "role"):
                values = self._column(key)
                columns.append([values[i] for i in positions])
            else:
                rounds = self._column("round")
                columns.append([self.rounds[rounds[i]].key(key) for i in positions])
        return list(zip(*columns, strict=True))

    def _figure(self, spec: m.Metric, positions: np.ndarray) -> dict:
        """The figure of the cells at `positions`: shown only when its counted cells are whole pools."""
        name = spec.name
        hidden = {"n": None, "value": None, "low": None, "high": None, "status": STATUS_SUPPRESSED, "agg": None}
        item_n = self._column(f"{name}__n")[positions]
        if item_n.sum() == 0:
            return {**hidden, "n": 0, "status": STATUS_NONE} if self.whole(positions) else hidden
        counted = self._column(f"{name}__ok")[positions]
        n = int(item_n[counted].sum())
        if n == 0 or not self.whole(positions, counted):
            return hidden
        a = float(self._column(f"{name}__a")[positions][counted].sum())
        b = float(self._column(f"{name}__b")[positions][counted].sum())
        est = m.estimate(spec, n, a, b)
        return {"n": n, "value": est.value, "low": est.low, "high": est.high, "status": STATUS_OK,
                "agg": (n, a, b)}


def _sort_key(key: tuple) -> tuple:
    """Groups in order, missing values last (as SQL's NULLS LAST)."""
    return tuple((1, "") if v is None else (0, v) for v in key)


def build(cur, minimum: int) -> Grid:
    """The protected grid of the workspace behind `cur` at confidentiality minimum `minimum`
    (never below the contract's floor). Two queries: answers per day (for the rounds), then the cells."""
    minimum = setting.effective(minimum)
    found = survey_rounds(cur)
    if not found:
        return Grid(minimum, (), _empty_cells(), np.zeros(0, dtype=int), ())
    params = [value for i, r in enumerate(found) for value in (r.last, i)]
    cells = cur.execute(_cell_sql(len(found)), params).df()
    cells["unit"] = _objects(cells["unit"])
    cells["role"] = _objects(cells["role"])
    pools = blocks.partition(cells["round"].tolist(), cells["unit"].tolist(), cells["role"].tolist(),
                             cells["answers"].astype(int).tolist(), minimum)
    pool = np.array(pools.block, dtype=int)
    publishable = np.array(pools.publishable, dtype=bool)
    extra = {"pool": pool}
    for item in ITEMS:
        item_n = np.bincount(pool, weights=cells[f"{item}__n"].to_numpy(dtype=float), minlength=len(publishable))
        extra[f"{item}__ok"] = (publishable & ((item_n == 0) | (item_n >= minimum)))[pool]
    cells = pd.concat([cells, pd.DataFrame(extra, index=cells.index)], axis=1)
    return Grid(minimum, found, cells, np.bincount(pool, minlength=len(publishable)), pools.publishable)


def _objects(column: pd.Series) -> pd.Series:
    """Text as Python objects with None for missing (pandas would make missing text NaN)."""
    return pd.Series([None if pd.isna(v) else str(v) for v in column], index=column.index, dtype=object)


def _empty_cells() -> pd.DataFrame:
    columns = ["round", "unit", "role", "answers", "pool"]
    for item in ITEMS:
        columns += [f"{item}__n", f"{item}__a", f"{item}__b", f"{item}__ok"]
    return pd.DataFrame(columns=columns)


# -- the figures every route asks for ------------------------------------------------------------

def metric_table(cur, filters, metric: str, by: Sequence[str] = (), minimum: int = setting.DEFAULT,
                 grid: Grid | None = None) -> pd.DataFrame:
    """Figures of one employee metric for `filters` (its units; its period snapped to whole rounds)."""
    grid = grid or build(cur, minimum)
    return grid.table(metric, filters.unit, grid.snap(filters.start, filters.end), by)


def survey_rounds(cur) -> tuple[Round, ...]:
    """Every survey round in the workspace (they do not depend on the minimum)."""
    return find_rounds(cur.execute(_day_sql()).fetchall())


def rounds_in(cur, filters) -> tuple[Round, ...]:
    """The whole survey rounds that a filter's period stands for (for the sentence that says so)."""
    return snap(survey_rounds(cur), filters.start, filters.end)


def import_extent(cur, import_id: int) -> tuple[int, date | None, date | None, tuple[str, ...]]:
    """How many staff answers one import wrote, their first and last day and their units: where the
    upload lands (cx.landing), counts and names only, never what anyone answered."""
    table, iid = ident("employee_responses"), ident("import_id")
    day = "CAST(" + ident("responded_at") + " AS DATE)"
    rows, first, last = cur.execute("SELECT count(*), min(" + day + "), max(" + day + ") FROM " + table
                                    + " WHERE " + iid + " = ?", [import_id]).fetchone()
    units = tuple(r[0] for r in cur.execute("SELECT DISTINCT " + ident("unit") + " FROM " + table + " WHERE " + iid
                                            + " = ? ORDER BY 1", [import_id]).fetchall())
    return int(rows), first, last, units


def largest_shown_n(cur, units: Sequence[str], start: date | None, end: date | None, minimum: int) -> int:
    """The most answers any employee figure per unit of these units counts over the period's whole
    rounds, among the figures the gate shows (0 when it shows none)."""
    grid = build(cur, minimum)
    rounds = grid.snap(start, end)
    found = [row["n"] for item in ITEMS for row in grid.figures(item, units, rounds, ("unit",))
             if row["status"] == "ok"]
    return int(max(found, default=0))


def published_grid(grid: Grid) -> pd.DataFrame:
    """Every round x unit figure of every item, and each round's total over all units, as the app's
    exports hand them out: the same gate, the same pools (never a row of answers)."""
    frames = []
    for item in ITEMS:
        per_unit = grid.table(item, by=["round", "unit"])
        total = grid.table(item, by=["round"]).assign(unit=None)
        frames.append(pd.concat([per_unit, total], ignore_index=True).assign(metric=item))
    if not frames:
        return pd.DataFrame(columns=["round_first", "round_last", "unit", "metric", "n", "value", "low", "high",
                                     "status"])
    out = pd.concat(frames, ignore_index=True)
    last = {r.first: r.last for r in grid.rounds}
    out["round_last"] = [last[d] for d in out["round"]]
    out = out.rename(columns={"round": "round_first"})
    return out[["round_first", "round_last", "unit", "metric", "n", "value", "low", "high", "status"]]
