"""The attack suite: a curious manager with only the command line and the pages tries every route of
issue 14 on a workspace with planted small groups, and recovers nothing under the minimum.

Planted (tests/attacker.py): Aalto's two team leads in Q3 2026; Borg's Q3 2026 with roles of one
and two people; Dale with three people in Q3 2026; and small Castle and Elm throughout.
Every test ends in the same check: answers that no combination of the published figures can
tell apart come in classes of at least the minimum (see `Attacker.smallest_class`).
"""
from __future__ import annotations

import io
import itertools
import json
import zipfile
from datetime import date

import duckdb
import openpyxl
import pandas as pd
import pytest
from attacker import ROUND_DAYS, UNITS, Answer, Attacker, plant
from conftest import open_app
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cx import cli, linkage, schema
from cx.confidentiality import gate
from cx.filters import Filters
from cx.queries import Minimums

MINIMUM = 5
Q3_2026 = ("2026-07-01", "2026-09-30")


@pytest.fixture
def planted(workspace):
    return Attacker(plant(workspace))


def summary(capsys, *args) -> dict:
    """`python -m cx summary ... --json`, run by the command line's own code in this process (without
    closing the workspace after each call, which only costs time)."""
    parsed = cli._parser().parse_args(["summary", "--workspace", "test", "--metric", "enps", *args, "--json"])
    assert cli.cmd_summary(parsed) == 0
    return json.loads(capsys.readouterr().out)


def _key(answer_round: dict, by: str | None, answer: Answer) -> str | None:
    middle = date.fromisoformat(answer_round["middle"])
    return {None: "all", "unit": answer.unit, "role": answer.role, "month": f"{middle:%Y-%m}",
            "quarter": f"{middle.year}-Q{(middle.month - 1) // 3 + 1}"}[by]


def publish_summary(attacker: Attacker, out: dict, units: tuple[str, ...] = ()) -> None:
    """Every figure the command line showed, as the answers its stated rounds and group cover."""
    by = out["by"]
    for row in out["rows"]:
        if row["suppressed"]:
            continue
        members = set()
        for r in out["rounds"]:
            first, last = date.fromisoformat(r["first"]), date.fromisoformat(r["last"])
            members |= {a.response_id for a in attacker.answers
                        if first <= a.day <= last and (not units or a.unit in units) and _key(r, by, a) == row["group"]}
        attacker.publish(members, row["n"], row["value"])


def where(units: tuple[str, ...]) -> list[str]:
    return [arg for u in units for arg in ("--where", f"unit={u}")]


# -- across periods -------------------------------------------------------------------------------

def test_nested_periods_do_not_give_aaltos_two_q3_team_leads(planted, capsys):
    long = summary(capsys, "--by", "role", "--from", "2025-10-01", "--to", "2026-10-31", *where(("Aalto",)))
    short = summary(capsys, "--by", "role", "--from", "2025-10-01", "--to", "2026-06-30", *where(("Aalto",)))
    leads = [next(r for r in out["rows"] if r["group"] == "Team lead") for out in (long, short)]
    assert any(r["suppressed"] for r in leads)
    for out in (long, short):
        publish_summary(planted, out, ("Aalto",))
    assert planted.smallest_class() >= MINIMUM


def test_every_nested_pair_of_dates_on_the_command_line_reveals_no_small_group(planted, capsys):
    starts = ["2025-10-01", "2026-02-14", "2026-05-20"]  # before a round, and inside rounds
    ends = ["2025-11-15", "2026-03-31", "2026-05-20", "2026-06-30", "2026-08-15", "2026-10-31"]
    for unit in ("Aalto", "Borg", "Dale", None):  # the units with planted small groups, and all units
        units = (unit,) if unit else ()
        for by in ("role", "quarter"):
            for start, end in itertools.product(starts, ends):
                if start < end:
                    out = summary(capsys, "--by", by, "--from", start, "--to", end, *where(units))
                    publish_summary(planted, out, units)
    for by in ("unit", "month"):
        publish_summary(planted, summary(capsys, "--by", by))
    assert planted.smallest_class() >= MINIMUM


def test_a_date_range_snaps_to_whole_rounds_and_says_which(planted, capsys):
    whole = summary(capsys, "--from", "2026-08-01", "--to", "2026-08-31")
    assert [(r["first"][:7], r["last"][:7]) for r in whole["rounds"]] == [("2026-08", "2026-08")]
    cut = summary(capsys, "--from", "2026-08-14", "--to", "2026-10-31")  # starts in the middle of the round
    assert cut["rows"][0]["n"] in (0, whole["rows"][0]["n"])
    assert cli.main(["summary", "--workspace", "test", "--metric", "enps", "--from", "2026-08-01"]) == 0
    assert "whole survey rounds" in capsys.readouterr().out


# -- totals beside hidden groups --------------------------------------------------------------------

def test_borgs_total_minus_its_shown_roles_is_never_a_small_group(planted, capsys):
    roles = summary(capsys, "--by", "role", "--from", Q3_2026[0], "--to", Q3_2026[1], *where(("Borg",)))
    total = summary(capsys, "--from", Q3_2026[0], "--to", Q3_2026[1], *where(("Borg",)))["rows"][0]
    assert not total["suppressed"]
    left = total["n"] - sum(r["n"] for r in roles["rows"] if not r["suppressed"])
    assert left == 0 or left >= MINIMUM
    for out, units in ((roles, ("Borg",)), (summary(capsys, "--from", Q3_2026[0], "--to", Q3_2026[1]), ())):
        publish_summary(planted, out, units)
    assert planted.smallest_class() >= MINIMUM


# -- unit selections ---------------------------------------------------------------------------------

def test_every_selection_of_units_in_every_round_reveals_no_small_group(planted, workspace):
    grid = gate.build(workspace.cursor(), MINIMUM)
    for size in range(1, len(UNITS) + 1):
        for units in itertools.combinations(UNITS, size):
            for rounds in [grid.rounds[i:i + 1] for i in range(len(grid.rounds))] + [grid.rounds]:
                for by in ((), ("role",)):
                    for row in grid.figures("enps", units, rounds, by):
                        if row["status"] == "ok":
                            members = set().union(*[planted.members(units, (row["role"],) if by else None,
                                                                    r.first, r.last) for r in rounds])
                            planted.publish(members, row["n"], row["value"])
    assert planted.smallest_class() >= MINIMUM


def test_the_overview_tile_for_four_units_minus_three_does_not_give_dales_three_people(planted, monkeypatch):
    monkeypatch.setenv("CX_WORKSPACE", "test")
    shown = {}
    for units in (["Aalto", "Borg", "Castle", "Dale"], ["Aalto", "Borg", "Castle"]):
        at = open_app("overview", ws="test")
        at.multiselect(key="unit").set_value(units).run()
        assert not at.exception
        tile = next(m for m in at.metric if m.label == "eNPS")
        shown[len(units)] = tile.value != "–"
        assert any("whole survey rounds" in c.value for c in at.caption)
    assert not (shown[4] and shown[3])


# -- every page, its trends and downloads, recorded at the gate ---------------------------------------

@pytest.fixture
def recorded(planted, monkeypatch):
    """Every eNPS figure any page shows, recorded where the gate lets it out, with the answers it counts."""
    original = gate.Grid._figure

    def spy(self, spec, positions):
        out = original(self, spec, positions)
        if out["status"] == "ok" and spec.name == "enps":
            counted = positions[self.cells["enps__ok"].to_numpy()[positions].astype(bool)]
            cells = self.cells.loc[counted, ["round", "unit", "role"]]
            members = set().union(*[planted.members({u}, {role}, self.rounds[r].first, self.rounds[r].last)
                                    for r, u, role in cells.itertuples(index=False)])
            planted.publish(members, out["n"], out["value"])
        return out

    monkeypatch.setattr(gate.Grid, "_figure", spy)
    monkeypatch.setenv("CX_WORKSPACE", "test")
    return planted


def test_the_pages_trends_and_downloads_reveal_no_small_group(recorded):
    at = open_app("overview", ws="test")
    for period in ("last_3m", "last_12m", "all"):
        at.selectbox(key="period").set_value(period).run()
        for units in ([], ["Dale"], ["Dale", "Elm"], ["Aalto", "Borg", "Castle"]):
            at.multiselect(key="unit").set_value(units).run()
            assert not at.exception
    at = open_app("linkage", ws="test", period="last_12m")
    for lag in linkage.LAGS:
        at.selectbox(key="linkage_lag").set_value(lag).run()
        assert not at.exception
    for unit in at.selectbox(key="linkage_unit").options:
        at.selectbox(key="linkage_unit").set_value(unit).run()
        assert not at.exception
    assert len(recorded.seen) > 50
    assert recorded.smallest_class() >= MINIMUM


def test_the_per_unit_download_shows_only_what_the_gate_let_out(recorded, workspace):
    f = Filters(workspace="test", start=date(2026, 7, 1), end=date(2026, 9, 30))
    v = linkage.view(workspace.cursor(), f, "nps", "enps", 0, Minimums(30, MINIMUM))
    table = pd.read_csv(io.BytesIO(linkage.unit_csv(v, "nps", "enps")), encoding="utf-8-sig", dtype=str)
    cells = table.set_index("Unit")["Employee answers (n)"]
    assert cells["Dale"] == cells["Elm"] == "hidden (confidential)"  # pooled together in Q3
    assert recorded.smallest_class() >= MINIMUM


# -- raw rows and the minimum ----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["xlsx", "csv", "parquet"])
def test_no_employee_answer_leaves_through_the_apps_exports(planted, fmt):
    from cx.ui import downloads

    blob = downloads.export_bytes("test", fmt)
    names = (openpyxl.load_workbook(io.BytesIO(blob), read_only=True).sheetnames if fmt == "xlsx"
             else zipfile.ZipFile(io.BytesIO(blob)).namelist())
    assert not any("employee_responses" in n for n in names)
    assert any("employee_figures" in n for n in names)
    if fmt == "csv":
        text = zipfile.ZipFile(io.BytesIO(blob)).read("employee_figures.csv").decode()
        assert "Aalto-" not in text and "Team lead" not in text
        figures = pd.read_csv(io.StringIO(text))
        assert (figures.loc[figures["status"] == "ok", "n"] >= MINIMUM).all()


def test_the_command_line_export_says_employee_rows_are_personal_data(planted, tmp_path, capsys):
    assert cli.main(["export", "--workspace", "test", "--out", str(tmp_path / "x"), "--format", "csv"]) == 0
    assert "personal data" in capsys.readouterr().err
    assert (tmp_path / "x" / "employee_responses.csv").exists()  # the owner's own copy is whole


def test_the_app_cannot_lower_the_minimum_below_five(planted, monkeypatch, workspace):
    monkeypatch.setenv("CX_WORKSPACE", "test")
    at = open_app("data", ws="test")
    box = at.number_input(key="settings_confidentiality_min")
    assert box.min == 5
    at.session_state["settings_confidentiality_min"] = 3  # as a crafted request would
    at.button(key="settings_save").click().run()
    assert not at.exception
    assert workspace.settings()["confidentiality_min"] == 5


def test_the_command_line_sets_three_with_a_warning_and_refuses_two(planted, workspace, capsys):
    assert cli.main(["settings", "--workspace", "test", "--confidentiality-min", "3"]) == 0
    assert "Warning" in capsys.readouterr().err
    assert workspace.settings()["confidentiality_min"] == 3
    assert cli.main(["settings", "--workspace", "test", "--confidentiality-min", "2"]) == 2
    assert "floor is 3" in capsys.readouterr().err


# -- random workspaces ----------------------------------------------------------------------------------

def _grid_of(sizes: list[list[tuple[int, int]]], minimum: int) -> tuple[gate.Grid, Attacker]:
    """An in-memory employee table: sizes[round][unit] = (staff, team leads)."""
    con = duckdb.connect()
    con.execute(schema.ddl(schema.TABLES["employee_responses"]))
    rows, answers = [], []
    for r, per_unit in enumerate(sizes):
        day = ROUND_DAYS[r]
        for u, (staff, leads) in enumerate(per_unit):
            for k in range(staff + leads):
                role = "Team lead" if k < leads else "Staff"
                rid, enps = f"{r}-{u}-{k}", (r * 7 + u * 3 + k) % 11
                rows.append({"response_id": rid, "responded_at": pd.Timestamp(day), "unit": UNITS[u],
                             "role": role, "enps": enps})
                answers.append(Answer(rid, day, UNITS[u], role, enps))
    frame = pd.DataFrame(rows, columns=["response_id", "responded_at", "unit", "role", "enps"])
    con.register("planted", frame)
    con.execute("INSERT INTO employee_responses BY NAME SELECT * FROM planted")
    return gate.build(con, minimum), Attacker(answers)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 3)), min_size=3, max_size=4),
                min_size=1, max_size=3),
       st.sampled_from([3, 4, 5, 7]))
@example(sizes=[[(0, 0), (0, 0), (0, 0)], [(0, 0), (0, 0), (0, 1)], [(0, 0), (0, 0), (3, 0)]], minimum=3)
def test_no_small_group_is_derivable_for_any_unit_role_and_round_sizes(sizes, minimum):
    width = min(len(s) for s in sizes)
    grid, attacker = _grid_of([s[:width] for s in sizes], minimum)
    if not grid.rounds:
        return
    units = UNITS[:width]
    periods = [grid.rounds[i:j] for i in range(len(grid.rounds)) for j in range(i + 1, len(grid.rounds) + 1)]
    for size in range(1, width + 1):
        for chosen in itertools.combinations(units, size):
            for rounds in periods:
                for by in ((), ("role",), ("unit",)):
                    for row in grid.figures("enps", chosen, rounds, by):
                        if row["status"] != "ok":
                            continue
                        roles = (row["role"],) if "role" in by else None
                        group = (row["unit"],) if "unit" in by else chosen
                        # a round with fewer answers than the minimum in all never counts (docs/confidentiality.md)
                        members = set().union(*[attacker.members(group, roles, r.first, r.last) for r in rounds
                                                if r.answers >= minimum])
                        attacker.publish(members, row["n"], row["value"])
    smallest = attacker.smallest_class()
    assert smallest is None or smallest >= minimum
