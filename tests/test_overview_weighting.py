"""The overview's transaction tiles pool touchpoints weighted by contact volume, and say so (issue 13, point 1)."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from cx import overview
from cx.filters import Filters
from cx.queries import Minimums

LOW = Minimums(min_n=5, confidentiality=5)
MARCH = Filters(workspace="test", start=date(2026, 3, 1), end=date(2026, 3, 31))


@pytest.fixture
def planted(workspace):
    shop = [10] * 6 + [8] * 2 + [3] * 2  # NPS 40
    desk = [9] * 2 + [7] * 2 + [2] * 6  # NPS -40
    rows = [(f"{tp}-{m}-{i}", datetime(2026, m, 1 + i), tp, s)
            for m in (2, 3) for tp, scores in (("Shop", shop), ("Desk", desk)) for i, s in enumerate(scores)]
    with workspace.write() as cur:
        cur.executemany("INSERT INTO touchpoints (touchpoint, stage, volume) VALUES (?, ?, ?)",
                        [("Shop", "Buy", 9000), ("Desk", "Complaints", 1000), ("Chat", "Service", 500)])
        cur.executemany("INSERT INTO customer_responses (response_id, responded_at, touchpoint, nps, level, method) "
                        "VALUES (?, ?, ?, ?, 'transaction', 'survey')", rows)
    return workspace


def _tile(tiles, key):
    return next(t for t in tiles if t["tile"] == key)


def test_transaction_nps_tile_is_weighted_by_contact_volume(planted):
    tiles = overview.headline(planted.cursor(), MARCH, LOW)
    row = _tile(tiles, "tile.transaction_nps")["row"]
    assert row["weighted"] and row["value"] == pytest.approx(0.9 * 40 + 0.1 * -40)
    assert overview.pooled_note(row, "en") == "weighted by contact volume"
    assert overview.pooled_note(row, "fi") == "painotettu kontaktimäärillä"


def test_the_overview_names_touchpoints_left_out_for_want_of_answers(planted):
    tiles = overview.headline(planted.cursor(), MARCH, LOW)
    assert ("tile.transaction_nps", ("Chat",)) in overview.left_out(tiles)


def test_a_touchpoint_without_volume_makes_the_tile_the_plain_figure_and_it_says_which(planted):
    with planted.write() as cur:
        cur.execute("UPDATE touchpoints SET volume = NULL WHERE touchpoint = 'Desk'")
    row = _tile(overview.headline(planted.cursor(), MARCH, LOW), "tile.transaction_nps")["row"]
    assert not row["weighted"] and row["value"] == pytest.approx(0.0)
    assert "Desk" in overview.pooled_note(row, "en")


def test_the_tiles_changes_are_one_view(planted):
    tiles = overview.headline(planted.cursor(), MARCH, LOW)
    # relationship NPS and eNPS have no answers: the transaction tile's change is the one comparison (no change)
    assert overview.comparisons(tiles) == 1
    assert _tile(tiles, "tile.transaction_nps")["row"]["change"] == pytest.approx(0.0)
