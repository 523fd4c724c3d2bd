"""The command line never hands the terminal a control sequence from the data (issue #18's attack).

A unit named `Tampere\\x1b[2J\\x1b[31m` cleared the screen and coloured the rest red when
`summary --by unit` printed it, and a refusal quoting a --where value did the same.
"""
from __future__ import annotations

import json

from cx.cli import main, shown

ESC_UNIT = "Tampere\x1b[2J\x1b[31m"
C1_UNIT = "Oulu\x9b31m"


def _import(capsys, tmp_path) -> None:
    path = tmp_path / "answers.csv"
    rows = ["Date,Touchpoint,Unit,NPS"] + [f"2026-03-{1 + i:02d},Web shop,{u},{i % 11}"
                                           for i, u in enumerate([ESC_UNIT, C1_UNIT] * 10)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["import", str(path), "--workspace", "t"]) == 0
    capsys.readouterr()


def test_summary_prints_names_with_control_characters_escaped(capsys, tmp_path):
    _import(capsys, tmp_path)
    assert main(["summary", "--workspace", "t", "--metric", "nps", "--by", "unit"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x9b" not in out
    assert "Tampere\\x1b[2J\\x1b[31m" in out and "Oulu\\x9b31m" in out


def test_a_refusal_quoting_the_data_is_escaped(capsys, tmp_path):
    _import(capsys, tmp_path)
    assert main(["summary", "--workspace", "t", "--metric", "nps", "--where", "\x1b[2Junit=x"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b[2J" in err


def test_json_output_escapes_c1_controls_and_keeps_the_value(capsys, tmp_path):
    _import(capsys, tmp_path)
    assert main(["summary", "--workspace", "t", "--metric", "nps", "--by", "unit", "--json"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x9b" not in out
    assert {r["group"] for r in json.loads(out)["rows"]} == {ESC_UNIT, C1_UNIT}


def test_plain_text_and_umlauts_are_untouched():
    assert shown("Jyväskylä – Online team") == "Jyväskylä – Online team"
