"""Every CSV cx writes stays text in a spreadsheet, whatever list separator the reader's locale uses.

The attack: a comment `ok;=cmd|' /C calc'!A0;` in a CSV written with `,` becomes a formula cell
in a Finnish Excel, which splits on `;`. Read each file back the way such a reader would (with
the csv module and, for readers that ignore quotes, by plain splitting) and look at every cell.
"""
from __future__ import annotations

import csv
import io

import pytest

from cx import export
from cx.team import access, actions
from cx.ui.downloads import csv_bytes

ATTACKS = ["ok;=cmd|' /C calc'!A0;", "a,=1+1", "x\t@SUM(A1)", "y|+1", "z; -2+3", "=HYPERLINK(\"http://x\")",
           "w\n=1", "\t=tab"]
SEPARATORS = [",", ";", "\t", "|"]
RISKY = ("=", "+", "-", "@")


def _cells(text: str, sep: str) -> list[str]:
    """Every cell a spreadsheet with list separator `sep` would make, honouring quotes or not."""
    honoured = [c for row in csv.reader(io.StringIO(text), delimiter=sep) for c in row]
    naive = [c for line in text.splitlines() for c in line.split(sep)]
    return honoured + naive


def _formulas(text: str) -> list[tuple[str, str]]:
    found = []
    for sep in SEPARATORS:
        for cell in _cells(text, sep):
            stripped = cell.lstrip(" \t\r\"")
            if stripped.startswith(RISKY) and not stripped[1:2].isdigit():
                found.append((sep, cell))
    return found


def test_the_attack_fails_in_the_rejected_rows_download():
    text = csv_bytes(["line", "reason"], [(i, a) for i, a in enumerate(ATTACKS)]).decode("utf-8-sig")
    assert _formulas(text) == []


def test_the_attack_fails_in_the_workspace_csv_export(workspace, tmp_path):
    quoted = [a.replace('"', '""') for a in ATTACKS]
    lines = ["Date,Touchpoint,NPS,Comment"] + [f'2026-01-0{i + 1},Web shop,9,"{c}"' for i, c in enumerate(quoted)]
    result = actions.import_file(workspace, access.LOCAL, ("\n".join(lines) + "\n").encode(), "h.csv")
    assert result.rows_loaded == len(ATTACKS)
    export.export_workspace(workspace, tmp_path / "csv", "csv")
    text = (tmp_path / "csv" / "customer_responses.csv").read_text(encoding="utf-8")
    assert _formulas(text) == []


@pytest.mark.parametrize("attack", ATTACKS)
def test_the_text_itself_is_kept_after_the_apostrophes(attack):
    assert export.csv_safe(attack).replace("'", "") == attack.replace("'", "")


def test_numbers_stay_numbers():
    assert export.csv_safe(-2) == -2 and export.csv_safe(3.5) == 3.5
