"""Each survey tool's export (tests/files/tools/) loads exactly with only what no file says (--set), and a
profile saved from cx's proposal loads the very same rows (issue 15 points 1 and 2)."""
from __future__ import annotations

import json

import pytest

from cx import store
from cx.cli import main
from cx.imports import pipeline
from tests.tool_files import TOOL_FILES, figures, rows

IDS = [f.name for f in TOOL_FILES]


def cli_import(capsys, workspace: str, *args) -> tuple[int, dict]:
    code = main(["import", *args, "--workspace", workspace, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else {}


@pytest.mark.parametrize("tool_file", TOOL_FILES, ids=IDS)
def test_the_command_line_loads_each_tools_export_with_only_set(capsys, tool_file):
    code, body = cli_import(capsys, "bare", str(tool_file.path), *tool_file.set_args())
    assert code == 0, body
    counts = (body["rows_read"], body["rows_loaded"], body["rows_skipped"], body["rows_rejected"])
    assert counts == (tool_file.read, tool_file.loaded, tool_file.skipped, tool_file.rejected), body["rejections"]
    assert body["tool"] == tool_file.tool
    ws = store.open_workspace("bare")
    assert figures(ws, tool_file.kind, tool_file.figures) == tool_file.figures


@pytest.mark.parametrize("tool_file", TOOL_FILES, ids=IDS)
def test_a_profile_saved_from_the_proposal_loads_the_same_rows(capsys, tmp_path, tool_file):
    cli_import(capsys, "by-set", str(tool_file.path), *tool_file.set_args())
    scratch = store.create_workspace("scratch")
    proposal = pipeline.propose(scratch, tool_file.path.read_bytes(), tool_file.name)
    profile = pipeline.profile_for(proposal, pipeline.Answers(constants=dict(tool_file.sets)))
    saved = tmp_path / "profile.json"
    saved.write_text(profile.to_json(), encoding="utf-8")
    code, body = cli_import(capsys, "by-profile", str(tool_file.path), "--profile", str(saved))
    assert code == 0, body
    assert rows(store.open_workspace("by-profile"), tool_file.kind) == rows(store.open_workspace("by-set"),
                                                                           tool_file.kind)


@pytest.mark.parametrize("tool_file", TOOL_FILES, ids=IDS)
def test_the_proposal_names_the_tool_and_says_so_in_both_languages(tool_file):
    proposal = pipeline.propose(store.create_workspace("p"), tool_file.path.read_bytes(), tool_file.name)
    assert proposal.tool == tool_file.tool and proposal.kind == tool_file.kind
    said = proposal.decisions[0]
    assert proposal.tool_name in said.text("en") and proposal.tool_name in said.text("fi")
    assert said.text("en") != said.text("fi")
    evidence = said.values["evidence"]
    assert evidence.text("en") in said.text("en") and evidence.text("fi") in said.text("fi")
    assert evidence.text("fi") != evidence.text("en")  # what in the file said so, in Finnish too


def test_without_a_touchpoint_a_customer_export_asks_for_one_first():
    ws = store.create_workspace("asks")
    proposal = pipeline.propose(ws, TOOL_FILES[0].path.read_bytes(), TOOL_FILES[0].name)
    required = [a.code for a in proposal.asks if a.required]
    assert required == ["level", "touchpoint"] and proposal.preview is None


def test_the_command_line_without_a_touchpoint_exits_2_saying_how_to_give_one(capsys):
    code = main(["import", str(TOOL_FILES[0].path), "--workspace", "none"])
    err = capsys.readouterr().err
    assert code == 2 and "--set touchpoint=" in err


def test_set_refuses_a_column_the_table_does_not_have(capsys):
    code = main(["import", str(TOOL_FILES[0].path), "--workspace", "w", "--set", "touchpoint=Web", "--set",
                 "wellbeing=3"])
    assert code == 2 and "wellbeing" in capsys.readouterr().err


def test_qualtrics_times_are_converted_from_the_exports_zone_to_the_workspaces(capsys):
    """The ImportId row says America/Denver; the workspace keeps Helsinki time (9 hours later in November)."""
    cli_import(capsys, "zones", str(TOOL_FILES[0].path), "--set", "touchpoint=Web shop")
    first = store.open_workspace("zones").cursor().execute(
        "SELECT responded_at FROM customer_responses WHERE response_id = 'R_002aB3c'").fetchone()[0]
    assert str(first) == "2026-11-06 18:14:41"
