"""The overview's headline figures: six tiles and their monthly trends.

The transaction tiles pool answers across touchpoints, so they are weighted by contact
volume (cx.pooled); their changes are flagged after Benjamini-Hochberg over the tiles
(one view, six comparisons at most).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cx import periods, queries
from cx.filters import Filters
from cx.i18n import t
from cx.queries import Minimums


@dataclass(frozen=True)
class Tile:
    key: str  # i18n key of the label
    metric: str
    level: str | None  # forced level for the tile, or None to keep the filter's

    @property
    def weight(self) -> str | None:
        """Transaction figures pool touchpoints: weighted by contact volume."""
        return "volume" if self.level == "transaction" else None


TILES = (
    Tile("tile.relationship_nps", "nps", "relationship"),
    Tile("tile.transaction_nps", "nps", "transaction"),
    Tile("metric.ces", "ces", "transaction"),
    Tile("metric.csat", "csat", "transaction"),
    Tile("metric.fcr", "fcr", "transaction"),
    Tile("metric.enps", "enps", None),
)


def nothing_matches(tiles: list[dict]) -> bool:
    """True when the filters leave no customer answer in any tile."""
    customer = [t["row"] for t in tiles if t["metric"] != "enps"]
    return all(not row or not row.get("n") for row in customer)


def tile_filters(filters: Filters, tile: Tile) -> Filters:
    return filters.with_(level=(tile.level,)) if tile.level else filters


def headline(cur, filters: Filters, minimums: Minimums) -> list[dict]:
    """Each tile's figure beside the previous period of equal length, changes flagged over all tiles together."""
    tables = [queries.compare_periods(cur, tile_filters(filters, tile), tile.metric, (), None, minimums, tile.weight)
              for tile in TILES]
    tables = queries.flag_many(tables)
    count = queries.comparison_count(tables)
    return [{"tile": tile.key, "metric": tile.metric, "row": table.to_dict("records")[0] if len(table) else None,
             "comparisons": count} for tile, table in zip(TILES, tables, strict=True)]


def comparisons(tiles: list[dict]) -> int:
    """How many changes the tiles hold (the view the many-comparisons rule corrects over)."""
    return tiles[0]["comparisons"] if tiles else 0


def left_out(tiles: list[dict]) -> list[tuple[str, tuple[str, ...]]]:
    """Per weighted tile with answers: (its label key, the touchpoints left out of its weights for want of answers)."""
    return [(t["tile"], tuple(t["row"]["no_answers"])) for t in tiles
            if t["row"] and t["row"].get("weighted") and t["row"].get("no_answers")]


def pooled_note(row: dict | None, lang: str, name=None) -> str | None:
    """"weighted by contact volume", or why a pooled figure is the plain one; None for a figure that pools nothing.

    `name`: stored touchpoint -> its display label (default: as stored)."""
    if not row or "weighted" not in row or not row.get("n"):
        return None
    if row.get("weighted"):
        return t("pooled.weighted", lang)
    if row.get("no_volume"):
        label = name or str
        return t("pooled.plain", lang, touchpoints=", ".join(label(v) for v in row["no_volume"]))
    return None


def trend_window(filters: Filters, months: int = 12) -> Filters:
    """The `months` whole months ending with the filter's period, for small trend charts."""
    if filters.end is None:
        return filters
    return filters.with_(start=periods.add_months(filters.end, 1 - months), end=filters.end)


def tile_trend(cur, filters: Filters, tile_index: int, minimums: Minimums) -> pd.DataFrame:
    tile = TILES[tile_index]
    grain = "quarter" if tile.metric == "enps" else "month"
    return queries.trend(cur, trend_window(tile_filters(filters, tile)), tile.metric, grain, (), minimums,
                         tile.weight)


def holdings(workspace) -> dict:
    """What the workspace holds: rows per table, answer period, last import."""
    cur = workspace.cursor()
    first, last = queries.date_span(cur)
    return {"counts": workspace.counts(), "first": first, "last": last,
            "last_import": workspace.last_import()}
