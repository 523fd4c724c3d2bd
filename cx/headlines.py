"""What the overview leads with: what changed and matters, each pointing at the view that shows it.

A workshop starts with "what should we look at?". These are computed from any
workspace, not written for the demo:
- `changes`: touchpoint figures (overall and per unit) whose change against the previous
  period is flagged after Benjamini–Hochberg over every change the lead looks at (one
  view), ranked by the customer contacts they touch a month;
- `measurement`: where the plan measures least precisely against where it measures most;
- and the pages' own verdicts (customer vs employee link, key drivers), which the UI reads
  from the cached page figures.
Each finding carries the page and the URL codes of the view that shows it, so it is one
click away; the sentences are catalogue codes with values, rendered by the UI.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cx import present, queries, stats
from cx.filters import Filters
from cx.i18n import fmt_number, t
from cx.journey import transactions
from cx.queries import Minimums

CHANGE_METRICS = ("nps", "ces", "fcr")
MAX_CHANGES = 3  # the lead and the page verdicts fit the first screen at 1280x800


@dataclass(frozen=True)
class Finding:
    """One line of the overview's lead: a sentence code with values, and the view that shows it."""

    code: str
    values: dict
    page: str
    query: dict = field(default_factory=dict)
    contacts: float = 0.0  # customer contacts a month the finding touches (the ranking)


def _volumes(cur) -> dict[str, float]:
    rows = cur.execute("SELECT touchpoint, volume FROM touchpoints WHERE volume IS NOT NULL").fetchall()
    return {str(tp): float(v) for tp, v in rows}


def _usable(table: pd.DataFrame) -> pd.DataFrame:
    if table.empty or "significant" not in table.columns:
        return table.iloc[0:0]
    return table[table["touchpoint"].notna() & (table["status"] == "ok") & table["change"].notna()]


def lead_tables(cur, filters: Filters, minimums: Minimums = Minimums(),
                metrics=CHANGE_METRICS) -> list[tuple[str, tuple[str, ...], pd.DataFrame]]:
    """Every comparison the lead looks at, (metric, grouping, table), flagged together: the lead is one view,
    so Benjamini-Hochberg runs over all its touchpoint and touchpoint-by-unit changes at once."""
    found = [(metric, by, queries.compare_periods(cur, transactions(filters), metric, by, None, minimums))
             for metric in metrics for by in (("touchpoint",), ("touchpoint", "unit"))]
    flagged = queries.flag_many([table for _, _, table in found])
    return [(metric, by, table) for (metric, by, _), table in zip(found, flagged, strict=True)]


def comparisons(cur, filters: Filters, minimums: Minimums = Minimums(), metrics=CHANGE_METRICS) -> int:
    """How many changes the lead corrects over."""
    return lead(cur, filters, minimums, metrics)[1]


def changes(cur, filters: Filters, minimums: Minimums = Minimums(), metrics=CHANGE_METRICS,
            limit: int = MAX_CHANGES) -> list[Finding]:
    """Flagged changes per touchpoint and per touchpoint and unit, most contacts touched first."""
    return lead(cur, filters, minimums, metrics, limit)[0]


def lead(cur, filters: Filters, minimums: Minimums = Minimums(), metrics=CHANGE_METRICS,
         limit: int = MAX_CHANGES) -> tuple[list[Finding], int]:
    """The lead's flagged changes and how many comparisons it corrected over (one pass over the data).

    Contacts touched: the touchpoint's monthly volume (from the journey map), times the
    unit's share of the touchpoint's answers for a unit row. Touchpoints without a
    volume count their answers instead, so a workspace without a map still ranks.
    """
    volumes = _volumes(cur)
    tables = lead_tables(cur, filters, minimums, metrics)
    found: list[Finding] = []
    for metric, by, table in tables:
        overall = next(tb for mt, b, tb in tables if mt == metric and b == ("touchpoint",))
        answers = {str(r["touchpoint"]): float(r["n"] or 0) for r in overall.to_dict("records")}
        usable = _usable(table)
        for r in usable[usable["significant"].astype(bool)].to_dict("records"):
            tp = str(r["touchpoint"])
            share = float(r["n"]) / answers[tp] if by[-1] == "unit" and answers.get(tp) else 1.0
            contacts = volumes.get(tp, float(r["n"])) * share
            unit = r.get("unit") if by[-1] == "unit" else None
            if by[-1] == "unit" and (unit is None or pd.isna(unit) or share >= 1.0):
                continue  # no unit, or the unit is all of the touchpoint's answers (its own line says it)
            query = {"tp": tp, "metric": metric, **({"unit": str(unit)} if unit is not None else {})}
            found.append(Finding("headline.change", {
                "touchpoint": tp, "unit": None if unit is None else str(unit), "metric": metric,
                "value": r["value"], "low": r["low"], "high": r["high"], "n": int(r["n"]),
                "change": float(r["change"]), "previous": r.get("prev_value")}, "journey", query, contacts))
    found.sort(key=lambda f: (-f.contacts, f.values["touchpoint"], f.values["unit"] or ""))
    return _without_repeats(found)[:limit], queries.comparison_count([table for _, _, table in tables])


def _without_repeats(found: list[Finding]) -> list[Finding]:
    """One line per touchpoint and unit: its biggest-contact metric (the others are one click away)."""
    seen: set[tuple] = set()
    out = []
    for f in found:
        key = (f.values["touchpoint"], f.values["unit"])
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def measurement(frame: pd.DataFrame) -> Finding | None:
    """Where a problem has just appeared beside where the movable pool sits (the changing-measurement idea).

    `frame` is `measurement.simulation_frame`: the touchpoint with the clearest recent
    drop and the one with the biggest movable pool, each with its answers a month and
    NPS margin of error. The link opens the simulator with that move, the simulator's
    own default, so what the overview says is what the page shows.
    """
    if frame is None or frame.empty or float(frame["drop_z"].max()) <= 0:
        return None
    n = (frame["fixed"] + frame["movable"]).to_numpy()
    to, source = int(np.argmax(frame["drop_z"])), int(np.argmax(frame["movable"]))
    if to == source:
        return None
    names = list(frame["touchpoint"])

    def moe(i: int) -> float:
        return float(stats.margin_of_error(float(frame["variance"].iloc[i]), int(n[i])))

    return Finding("headline.measurement", {
        "worst": names[to], "worst_moe": moe(to), "worst_n": int(n[to]),
        "best": names[source], "best_moe": moe(source), "best_n": int(n[source])},
        "simulator", {"rule": "move", "move_from": names[source], "move_to": names[to]})


# --- sentences (the UI and the workshop pack say the same thing) ----------------------------

Namer = Callable[[str, object, str], str]  # (kind, stored value, lang) -> label


def change_sentence(finding: Finding, name: Namer, lang: str) -> str:
    v = finding.values
    metric = v["metric"]
    where = name("touchpoint", v["touchpoint"], lang)
    if v["unit"]:
        where += " · " + name("unit", v["unit"], lang)
    return t("headline.change", lang, where=where, metric=t(f"metric.{metric}", lang),
             value=present.value_text(metric, v["value"], lang),
             interval=present.interval_text(metric, v["low"], v["high"], lang),
             change=present.change_text(metric, v["change"], lang), n=fmt_number(v["n"], lang),
             contacts=fmt_number(round(finding.contacts, -1), lang))


def measurement_sentence(finding: Finding, name: Namer, lang: str) -> str:
    v = finding.values
    return t("headline.measurement", lang, worst=name("touchpoint", v["worst"], lang),
             best=name("touchpoint", v["best"], lang),
             worst_n=fmt_number(v["worst_n"], lang), best_n=fmt_number(v["best_n"], lang),
             worst_moe=fmt_number(v["worst_moe"], lang), best_moe=fmt_number(v["best_moe"], lang))


def driver_sentence(drivers: pd.DataFrame, lang: str) -> str:
    ranked = drivers.sort_values("share", ascending=False)
    shares = ", ".join(f"{t(f'metric.{d}', lang)} {fmt_number(s, lang)} % ({fmt_number(lo, lang)} … "
                       f"{fmt_number(hi, lang)})" for d, s, lo, hi in
                       zip(ranked["driver"], ranked["share"], ranked["low"], ranked["high"], strict=True))
    return t("headline.drivers", lang, shares=shares)
