"""Aggregates in DuckDB, turned into figures with n, interval and minimums.

Every figure a page, the command line or an export shows comes from
`metric_table` (or the helpers built on it), so the numbers agree everywhere.
SQL text is built only from constants and `ident()`; filter values are bound.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from cx import metrics as m
from cx import periods, pooled, schema, stats
from cx.confidentiality import gate
from cx.filters import Filters, where_sql
from cx.sql import ident

TIME_GRAINS = ("month", "quarter")
GROUPABLE = ("touchpoint", "stage", "channel", "segment", "unit", "level", "method", "role") + TIME_GRAINS
STATUS_OK, STATUS_TOO_FEW, STATUS_SUPPRESSED = "ok", "too_few", "suppressed"


@dataclass(frozen=True)
class Minimums:
    """Below `min_n` a customer figure reads "too few answers"; below `confidentiality`
    an employee figure is not shown at all."""

    min_n: int = 30
    confidentiality: int = 5

    @classmethod
    def of(cls, workspace) -> Minimums:
        s = workspace.settings()
        return cls(int(s["min_n"]), int(s["confidentiality_min"]))


def group_sql(by: str, table: str) -> str:
    """SQL for a grouping column: a contract column, or a month/quarter of responded_at."""
    if by in TIME_GRAINS:
        return f"CAST(date_trunc('{by}', {ident('responded_at')}) AS DATE)"
    if by not in GROUPABLE or by not in schema.TABLES[table].column_names:
        raise ValueError(f"Cannot group {table} by '{by}'.")
    return ident(by)


def aggregate(cur, filters: Filters, metric_names: Sequence[str], by: Sequence[str] = (),
              ignore: Sequence[str] = ()) -> pd.DataFrame:
    """One query: per group, (n, a, b) of each metric (see `metrics.aggregate_sql`).

    Columns: the `by` names, then `<metric>__n`, `<metric>__a`, `<metric>__b`.
    """
    metric_list = [m.get(name) for name in metric_names]
    table = metric_list[0].table
    if any(x.table != table for x in metric_list):
        raise ValueError("Customer and employee metrics cannot be aggregated in one query.")
    if table == "employee_responses":
        raise ValueError("Employee figures come only through cx.confidentiality.gate.")
    groups = [group_sql(b, table) for b in by]
    select = [f"{g} AS {ident(b)}" for g, b in zip(groups, by, strict=True)]
    for metric in metric_list:
        n, a, b = m.aggregate_sql(metric)
        select += [f"{n} AS {metric.name}__n", f"{a} AS {metric.name}__a", f"{b} AS {metric.name}__b"]
    where, params = where_sql(filters, table, ignore=tuple(ignore))
    sql = "SELECT " + ", ".join(select) + " FROM " + ident(table) + " " + where
    if groups:
        positions = ", ".join(str(i + 1) for i in range(len(groups)))
        sql += " GROUP BY " + positions + " ORDER BY " + positions + " NULLS LAST"
    frame = cur.execute(sql, params).df()
    return frame


def _raw_figure(rec: dict, metric: m.Metric, by: Sequence[str]) -> dict:
    """One group's estimate from its (n, a, b), before any minimum is applied."""
    n, a, b = rec[f"{metric.name}__n"], rec[f"{metric.name}__a"], rec[f"{metric.name}__b"]
    est = m.estimate(metric, n, a, b)
    row = {key: rec[key] for key in by}
    row.update(n=est.n, value=est.value, low=est.low, high=est.high, status=STATUS_OK,
               agg=(est.n, m.as_number(a), m.as_number(b)))
    return row


def _hidden(rows: list[dict], metric: m.Metric, by: Sequence[str], minimums: Minimums) -> list[bool]:
    """Which customer groups read "too few answers" (employee figures never come here: see
    cx.confidentiality.gate)."""
    if metric.is_employee:
        raise ValueError("Employee figures come only through cx.confidentiality.gate.")
    return [row["n"] < minimums.min_n for row in rows]


def figure_records(records: Sequence[dict], metric_name: str, by: Sequence[str] = (),
                   minimums: Minimums = Minimums()) -> list[dict]:
    """`to_figures` as plain dicts (the same rules), for pages that derive many figures from one query
    and would otherwise pay pandas' overhead per metric."""
    metric = m.get(metric_name)
    rows = [_raw_figure(rec, metric, by) for rec in records]
    for row, hide in zip(rows, _hidden(rows, metric, by, minimums), strict=True):
        if hide:
            row.update(value=None, low=None, high=None, status=STATUS_TOO_FEW)
    return rows


def to_figures(agg: pd.DataFrame, metric_name: str, by: Sequence[str] = (),
               minimums: Minimums = Minimums()) -> pd.DataFrame:
    """Figures from `aggregate` output: n, value, low, high, status per group.

    Customer groups under `min_n` keep their n but lose the value (too_few).
    Employee figures are refused here: they come only through cx.confidentiality.gate.
    """
    metric = m.get(metric_name)
    rows = [_raw_figure(rec, metric, by) for rec in agg.to_dict("records")]
    frame = pd.DataFrame(rows, columns=[*by, "n", "value", "low", "high", "status", "agg"])
    hide = np.array(_hidden(rows, metric, by, minimums), dtype=bool)
    if not hide.any():
        return frame
    for col in ("value", "low", "high"):
        frame[col] = _blanked(frame[col], hide)
    status = frame["status"].to_numpy(dtype=object).copy()
    status[hide] = STATUS_TOO_FEW
    frame["status"] = status
    return frame


def _blanked(column: pd.Series, hide: np.ndarray) -> pd.Series:
    """`column` with the hidden rows missing, as `.loc[hide, col] = None` leaves them (numbers become float
    with NaN, anything else None), without the cost of a row-mask .loc (more than the rest of to_figures)."""
    values = column.to_numpy()
    if values.dtype.kind in "iuf":
        out = values.astype(float)
        out[hide] = np.nan
        return pd.Series(out, index=column.index, name=column.name)
    out = values.astype(object)
    out[hide] = None
    return pd.Series(out, index=column.index, name=column.name, dtype=object)


def metric_table(cur, filters: Filters, metric_name: str, by: Sequence[str] = (),
                 minimums: Minimums = Minimums(), ignore: Sequence[str] = ()) -> pd.DataFrame:
    """Figures of one metric, overall (one row) or per group. Employee metrics go through the
    confidentiality gate: whole survey rounds, whole pools of at least the minimum."""
    if m.get(metric_name).is_employee:
        return gate.metric_table(cur, filters, metric_name, by, minimums.confidentiality)
    agg = aggregate(cur, filters, [metric_name], by, ignore)
    return to_figures(agg, metric_name, by, minimums)


def touchpoint_volumes(cur) -> dict[str, float | None]:
    """Every touchpoint on the journey map with its contacts a month (None where the map has none)."""
    sql = "SELECT " + ident("touchpoint") + ", " + ident("volume") + " FROM " + ident("touchpoints")
    return {str(tp): (None if vol is None else float(vol)) for tp, vol in cur.execute(sql).fetchall()}


def _mapped(cur, filters: Filters) -> dict[str, float | None]:
    """The map's touchpoints that the filters' touchpoint and stage choices cover."""
    sql = "SELECT " + ", ".join(ident(c) for c in ("touchpoint", "stage", "volume")) + " FROM " + ident("touchpoints")
    return {str(tp): (None if vol is None else float(vol)) for tp, stage, vol in cur.execute(sql).fetchall()
            if (not filters.touchpoint or tp in filters.touchpoint) and (not filters.stage or stage in filters.stage)}


def _key(value):
    return None if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT else value


POOLED_COLUMNS = ["n", "value", "low", "high", "status", "agg", "weighted", "no_volume", "no_answers",
                  "touchpoints", "without_touchpoint", "pooled"]


def pooled_table(cur, filters: Filters, metric_name: str, by: Sequence[str] = (),
                 minimums: Minimums = Minimums()) -> pd.DataFrame:
    """`metric_table`, but each group's figure pooled across touchpoints weighted by contact volume (cx.pooled).

    Answers without a touchpoint (relationship answers) are left out of a figure that has
    touchpoint answers, and counted in `without_touchpoint`; a group with none has its plain
    figure. Grouped by touchpoint, every group is its touchpoint's plain figure.
    """
    metric = m.get(metric_name)
    if metric.is_employee or "touchpoint" in by:
        table = metric_table(cur, filters, metric_name, by, minimums)
        return table.assign(weighted=False, no_volume=[()] * len(table), no_answers=[()] * len(table),
                            touchpoints=1 if "touchpoint" in by else 0, without_touchpoint=0, pooled=None)
    agg = aggregate(cur, filters, [metric_name], [*by, "touchpoint"])
    volumes, mapped = touchpoint_volumes(cur), _mapped(cur, filters)
    groups: dict[tuple, list[pooled.Stratum]] = {}
    for rec in agg.to_dict("records"):
        tp = _key(rec["touchpoint"])
        groups.setdefault(tuple(_key(rec[b]) for b in by), []).append(pooled.Stratum(
            "" if tp is None else str(tp), int(m.as_number(rec[f"{metric_name}__n"])),
            m.as_number(rec[f"{metric_name}__a"]), m.as_number(rec[f"{metric_name}__b"]),
            None if tp is None else volumes.get(str(tp))))
    if not by and not groups:
        groups[()] = []  # overall and nothing matches: one row with n = 0, as metric_table gives
    rows = []
    for key, strata in groups.items():
        with_tp = [s for s in strata if s.touchpoint]
        without = sum(s.n for s in strata if not s.touchpoint) if with_tp else 0
        figure = pooled.pool(metric, with_tp or strata, mapped if with_tp else None)
        shown = figure.n >= minimums.min_n
        rows.append({**dict(zip(by, key, strict=True)), "n": figure.n,
                     "value": figure.value if shown else None, "low": figure.low if shown else None,
                     "high": figure.high if shown else None, "status": STATUS_OK if shown else STATUS_TOO_FEW,
                     "agg": figure.agg, "weighted": figure.weighted, "no_volume": figure.no_volume,
                     "no_answers": figure.no_answers, "touchpoints": sum(1 for s in with_tp or strata if s.n > 0),
                     "without_touchpoint": without, "pooled": figure})
    return pd.DataFrame(rows, columns=[*by, *POOLED_COLUMNS])


def flag_many(tables: Sequence[pd.DataFrame]) -> list[pd.DataFrame]:
    """The tables of one view with `significant` re-set by Benjamini-Hochberg at 5% over all their p-values.

    A view that flags several changes at once (contract: "Many comparisons at once")
    passes every table it shows here together; each change keeps its own interval.
    """
    p_values = [p for table in tables for p in (table["p_value"] if "p_value" in table.columns else [])]
    flags = iter(stats.benjamini_hochberg(p_values))
    return [table.assign(significant=[next(flags) for _ in range(len(table))]) if "p_value" in table.columns
            else table for table in tables]


def comparison_count(tables: Sequence[pd.DataFrame]) -> int:
    """How many changes with a p-value the tables of one view hold."""
    return stats.comparison_count([p for table in tables if "p_value" in table.columns for p in table["p_value"]])


CHANGE_COLUMNS = ("prev_n", "prev_value", "change", "change_low", "change_high", "p_value", "significant_alone",
                  "significant")


def compare_periods(cur, filters: Filters, metric_name: str, by: Sequence[str] = (),
                    comparison: Filters | None = None, minimums: Minimums = Minimums(),
                    weight: str | None = None) -> pd.DataFrame:
    """Current figures beside a comparison period (default: the previous period of equal length in whole months).

    Adds `prev_value`, `prev_n`, `change`, `change_low`, `change_high`, `p_value`,
    `significant_alone` (the change's own interval excludes 0) and `significant`
    (flagged by Benjamini-Hochberg over the table's changes: pass several tables of one
    view to `flag_many`). The change is only computed where both figures may be shown.
    `weight="volume"`: figures pooled across touchpoints weighted by contact volume.
    """
    metric = m.get(metric_name)
    weighted = weight == "volume"
    if weight not in (None, "volume"):
        raise ValueError("weight must be None or 'volume'")

    def table_of(f: Filters) -> pd.DataFrame:
        return pooled_table(cur, f, metric_name, by, minimums) if weighted else metric_table(cur, f, metric_name, by,
                                                                                          minimums)

    current = table_of(filters)
    comparison = comparison or periods.previous_period(filters)
    empty = dict.fromkeys(CHANGE_COLUMNS) | {"significant_alone": False, "significant": False}
    if comparison is None:
        return _without_pooled(current.assign(**empty))
    keyed = {tuple(_key(r[k]) for k in by): r for r in table_of(comparison).to_dict("records")}
    extra = []
    for row in current.to_dict("records"):
        prev = keyed.get(tuple(_key(row[k]) for k in by))
        out = dict(empty)
        if prev is not None and prev["status"] == STATUS_OK:
            out.update(prev_n=prev["n"], prev_value=prev["value"])
            if row["status"] == STATUS_OK:
                ch = _change(metric, prev, row, weighted)
                out.update(change=ch.diff, change_low=ch.low, change_high=ch.high, p_value=ch.p_value,
                           significant_alone=bool(ch.significant))
        extra.append(out)
    both = pd.concat([current.reset_index(drop=True), pd.DataFrame(extra, columns=list(empty))], axis=1)
    return _without_pooled(flag_many([both])[0])


def _change(metric: m.Metric, prev: dict, row: dict, weighted: bool) -> stats.Change:
    if weighted and prev.get("pooled") is not None and row.get("pooled") is not None:
        return pooled.change(metric, prev["pooled"], row["pooled"])
    ch = m.change(metric, prev["agg"], row["agg"])
    p = stats.change_p_value(metric.kind, prev["agg"], row["agg"]) if ch.low is not None else None
    return replace(ch, p_value=p)


def _without_pooled(table: pd.DataFrame) -> pd.DataFrame:
    return table.drop(columns=["pooled"]) if "pooled" in table.columns else table


def trend(cur, filters: Filters, metric_name: str, grain: str = "month", by: Sequence[str] = (),
          minimums: Minimums = Minimums(), weight: str | None = None) -> pd.DataFrame:
    """Figures per month or quarter (column `period`), optionally per group; `weight="volume"` pools
    touchpoints weighted by contact volume."""
    if grain not in TIME_GRAINS:
        raise ValueError(f"grain must be one of {TIME_GRAINS}")
    if weight == "volume":
        table = _without_pooled(pooled_table(cur, filters, metric_name, [grain, *by], minimums))
    else:
        table = metric_table(cur, filters, metric_name, [grain, *by], minimums)
    return table.rename(columns={grain: "period"})


def summary_rows(workspace, metric_name: str, by: str | None, filters: Filters,
                 weight: str | None = None) -> list[dict]:
    """The command line's `summary`: the same figures the pages show, as plain dicts.

    `weight="volume"`: each row pooled across touchpoints weighted by contact volume, with
    `weighted` (False: the plain figure, where a touchpoint with answers has no volume or
    one touchpoint is all there is), `no_volume`, `no_answers` and `without_touchpoint`
    (answers without a touchpoint, left out).
    """
    by_list = [by] if by else []
    minimums = Minimums.of(workspace)
    if weight == "volume":
        table = _without_pooled(pooled_table(workspace.cursor(), filters, metric_name, by_list, minimums))
    else:
        table = metric_table(workspace.cursor(), filters, metric_name, by_list, minimums)
    rows = []
    for rec in table.to_dict("records"):
        group = _group_label(rec[by], by) if by else "all"
        shown = rec["status"] == STATUS_OK
        row = {
            "group": None if pd.isna(group) else group,
            "n": None if rec["n"] is None else int(rec["n"]),
            "value": _round(rec["value"]) if shown else None,
            "low": _round(rec["low"]) if shown else None,
            "high": _round(rec["high"]) if shown else None,
            "suppressed": not shown,
        }
        if weight == "volume":
            row.update(weighted=bool(rec["weighted"]), no_volume=list(rec["no_volume"]),
                       no_answers=list(rec["no_answers"]), without_touchpoint=int(rec["without_touchpoint"]))
        rows.append(row)
    return rows


def _group_label(value, by: str):
    """Months as 2026-09 and quarters as 2026-Q3, so a script can read the group as people write it."""
    if value is None or not hasattr(value, "month"):
        return value
    if by == "month":
        return f"{value.year}-{value.month:02d}"
    if by == "quarter":
        return f"{value.year}-Q{(value.month - 1) // 3 + 1}"
    return value.isoformat()


def _round(x) -> float | None:
    return None if x is None or pd.isna(x) else round(float(x), 4)


def distinct_values(cur, table: str, column: str, filters: Filters | None = None) -> list[str]:
    """Choices for a filter widget, from the data."""
    where, params = where_sql(filters, table, ignore=(column,)) if filters else ("", [])
    col = ident(column)
    cond = (where + " AND " if where else "WHERE ") + f"{col} IS NOT NULL"
    sql = "SELECT DISTINCT " + col + " FROM " + ident(table) + " " + cond + " ORDER BY 1"
    return [r[0] for r in cur.execute(sql, params).fetchall()]


def date_span(cur, table: str = "customer_responses"):
    """(first, last) answer date in the table, or (None, None) when empty."""
    sql = "SELECT CAST(min(responded_at) AS DATE), CAST(max(responded_at) AS DATE) FROM " + ident(table)
    return tuple(cur.execute(sql).fetchone())
