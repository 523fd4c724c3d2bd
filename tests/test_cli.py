"""`python -m cx`: exit codes, JSON summaries, the same figures as the pages."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cx import stats, store
from cx.cli import main

FILES = Path(__file__).parent / "files"


@pytest.fixture
def answers_csv(tmp_path) -> Path:
    path = tmp_path / "answers.csv"
    rows = ["Date,Touchpoint,Unit,NPS"]
    rows += [f"2026-03-{1 + i:02d},Web shop,North,{s}" for i, s in enumerate([10, 10, 9, 9, 9, 8, 7, 5, 3, 0])]
    path.write_text("\n".join(rows) + "\n")
    return path


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_import_exits_0_and_prints_the_contract_json(capsys, answers_csv):
    code, out, _ = run(capsys, "import", str(answers_csv), "--workspace", "cli", "--json")
    body = json.loads(out)
    assert code == 0
    assert {k: body[k] for k in ("kind", "rows_read", "rows_loaded", "rows_rejected", "rows_skipped")} == {
        "kind": "customer_responses", "rows_read": 10, "rows_loaded": 10, "rows_rejected": 0, "rows_skipped": 0}
    assert body["rejections"] == [] and isinstance(body["import_id"], int)


def test_rejected_rows_are_listed_with_line_and_reason(capsys, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("Date,Touchpoint,NPS\n2026-01-02,Web,9\n2026-01-02,Web,12\n")
    code, out, _ = run(capsys, "import", str(path), "--workspace", "cli", "--json")
    assert code == 0
    assert json.loads(out)["rejections"] == [{"line": 2, "reason": "NPS must be a whole number 0–10, got 12"}]


def test_an_unreadable_file_exits_2_with_one_sentence(capsys):
    code, _, err = run(capsys, "import", str(FILES / "garbage.csv"), "--workspace", "cli")
    assert code == 2
    assert err.startswith("cx: ") and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_profile_file_is_used(capsys, tmp_path):
    data = tmp_path / "fi.csv"
    data.write_text("Pvm;Paikka;Suositus\n5.1.2026;Verkkokauppa;9\n", encoding="utf-8")
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"kind": "customer_responses", "delimiter": ";", "date_format": "%d.%m.%Y",
                                   "columns": {"Pvm": "responded_at", "Paikka": "touchpoint", "Suositus": "nps"}}))
    code, out, _ = run(capsys, "import", str(data), "--workspace", "cli", "--profile", str(profile), "--json")
    assert code == 0 and json.loads(out)["rows_loaded"] == 1


def test_undo_removes_the_import(capsys, answers_csv):
    run(capsys, "import", str(answers_csv), "--workspace", "cli", "--json")
    code, out, _ = run(capsys, "undo", "1", "--workspace", "cli")
    assert code == 0 and "10 rows removed" in out


def test_summary_json_matches_the_hand_computed_nps(capsys, answers_csv):
    run(capsys, "import", str(answers_csv), "--workspace", "cli")
    from cx import store

    store.open_workspace("cli").set_setting("min_n", 5)
    store.close_all()
    code, out, _ = run(capsys, "summary", "--workspace", "cli", "--metric", "nps", "--json")
    body = json.loads(out)
    expected = stats.nps(5, 3, 10)  # 5 promoters, 3 detractors of 10: NPS 20
    assert code == 0 and body["metric"] == "nps" and body["by"] is None
    row = body["rows"][0]
    assert (row["n"], row["value"], row["suppressed"]) == (10, 20.0, False)
    assert row["low"] == pytest.approx(expected.low, abs=1e-3) and row["high"] == pytest.approx(expected.high, abs=1e-3)


def test_summary_marks_too_few_answers_with_null_values(capsys, answers_csv):
    run(capsys, "import", str(answers_csv), "--workspace", "cli")
    code, out, _ = run(capsys, "summary", "--workspace", "cli", "--metric", "nps", "--by", "unit", "--json")
    row = json.loads(out)["rows"][0]
    assert row == {"group": "North", "n": 10, "value": None, "low": None, "high": None, "suppressed": True}


def test_summary_filters_with_where_and_dates(capsys, answers_csv):
    run(capsys, "import", str(answers_csv), "--workspace", "cli")
    code, out, _ = run(capsys, "summary", "--workspace", "cli", "--metric", "nps", "--from", "2026-03-01",
                       "--to", "2026-03-05", "--where", "unit=North", "--json")
    assert json.loads(out)["rows"][0]["n"] == 5


def test_summary_of_an_unknown_workspace_exits_2(capsys):
    code, _, err = run(capsys, "summary", "--workspace", "nope", "--metric", "nps")
    assert code == 2 and "no workspace" in err


def test_demo_is_deterministic_and_listed(capsys):
    assert run(capsys, "demo", "--workspace", "d1", "--months", "3", "--scale", "0.1")[0] == 0
    code, out, _ = run(capsys, "workspaces")
    assert code == 0 and "d1" in out


def test_export_writes_every_table(capsys, answers_csv, tmp_path):
    run(capsys, "import", str(answers_csv), "--workspace", "cli")
    code, _, _ = run(capsys, "export", "--workspace", "cli", "--out", str(tmp_path / "out"), "--format", "csv")
    assert code == 0
    assert {p.stem for p in (tmp_path / "out").glob("*.csv")} >= {"customer_responses", "employee_responses",
                                                                  "touchpoints", "measurement_plan", "outcomes",
                                                                  "imports"}


def test_summary_by_month_names_the_month_as_year_and_month(capsys, answers_csv):
    run(capsys, "import", str(answers_csv), "--workspace", "cli")
    code, out, _ = run(capsys, "summary", "--workspace", "cli", "--metric", "nps", "--by", "month", "--json")
    assert [r["group"] for r in json.loads(out)["rows"]] == ["2026-03"]


def test_summary_by_quarter_names_the_quarter(capsys, answers_csv):
    run(capsys, "import", str(answers_csv), "--workspace", "cli")
    code, out, _ = run(capsys, "summary", "--workspace", "cli", "--metric", "nps", "--by", "quarter", "--json")
    assert [r["group"] for r in json.loads(out)["rows"]] == ["2026-Q1"]


def test_settings_sets_the_time_zone_imports_convert_to_and_records_it(capsys, workspace):
    assert main(["settings", "--workspace", workspace.name, "--time-zone", "UTC", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["time_zone"] == "UTC"
    reopened = store.open_workspace(workspace.name)  # the command closes what it opened
    trail = reopened.cursor().execute("SELECT target FROM cx_audit WHERE action = 'settings'").fetchall()
    assert ("time_zone",) in trail


def test_settings_refuses_a_time_zone_it_does_not_know(capsys, workspace):
    assert main(["settings", "--workspace", workspace.name, "--time-zone", "Mars/Olympus"]) == 2
    assert "time zone" in capsys.readouterr().err
    assert "time_zone" not in store.open_workspace(workspace.name).settings()
