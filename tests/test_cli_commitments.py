"""`python -m cx promises` and `python -m cx signals` print what the pages show."""
from __future__ import annotations

import json
from datetime import date

from cx.cli import main
from cx.commitments import keeping, register, signals


def run(capsys, *args) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_promises_json_has_every_promise_with_its_statuses_per_unit_and_month(capsys, demo_ws):
    page = keeping.register_status(demo_ws.cursor(), register.load(demo_ws.cursor()), date(2026, 10, 31))
    code, out = run(capsys, "promises", "--workspace", "demo", "--json")  # closes the workspace when done
    shown = json.loads(out)
    assert code == 0 and shown["as_of"] == "2026-10-31"
    assert [p["promise_id"] for p in shown["promises"]] == ["P-1", "P-2", "P-3"]
    for promise in shown["promises"]:
        assert promise["statuses"] == [s.as_dict() for s in page[promise["promise_id"]]]


def test_promises_text_names_each_status(capsys, demo_ws):
    code, out = run(capsys, "promises", "--workspace", "demo")
    assert code == 0 and "P-2  We sort out your complaint on the first contact." in out
    assert "answers that would decide" in out


def test_signals_json_has_the_rule_the_list_and_the_backtest(capsys, demo_ws):
    page = signals.watch(demo_ws.cursor(), date(2026, 10, 31))
    code, out = run(capsys, "signals", "--workspace", "demo", "--json", "--to", "2026-10-31")
    shown = json.loads(out)
    assert code == 0 and shown["watched"] == page.watched
    assert shown["signals"] == [s.as_dict() for s in page.signals]
    assert shown["rule"]["arl0_months"] == 12 * page.watched
    assert {"false_alarms", "false_alarms_a_year", "allowed_a_year", "changes"} <= set(shown["backtest"])


def test_an_empty_workspace_has_no_promises_and_nothing_to_watch(capsys, workspace):
    assert run(capsys, "promises", "--workspace", "test")[1].strip() == "No promises in this workspace."
    code, out = run(capsys, "signals", "--workspace", "test", "--json")
    assert code == 0 and json.loads(out)["signals"] == []
