"""The committed files that imitate each survey tool's export (tests/files/tools/) and the figures each
must give, shared by every way of loading them: the command line with only --set, a saved profile,
and the upload wizard. Figures are worked out by hand from make_tool_files.py.

`figures(ws, kind)` and `rows(ws, kind)` read what a workspace holds, the same way for every path.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

TOOLS = Path(__file__).parent / "files" / "tools"
WEB_SHOP = {"touchpoint": "Web shop", "level": "transaction"}
NPS_TYPE = ("nps", "enps")
SHARES = {"csat": "{c} >= 4", "fcr": "{c}"}


@dataclass(frozen=True)
class ToolFile:
    name: str
    tool: str
    kind: str
    sets: dict[str, str]              # what the user states (--set); nothing else is given
    read: int
    loaded: int
    skipped: int
    figures: dict[str, tuple[int, float]] = field(default_factory=dict)  # metric -> (n, value)
    rejected: int = 0

    @property
    def path(self) -> Path:
        return TOOLS / self.name

    def set_args(self) -> list[str]:
        return [arg for column, value in self.sets.items() for arg in ("--set", f"{column}={value}")]


QUALTRICS = {"nps": (5, 0.0), "csat": (5, 40.0), "ces": (5, 4.2)}
TOOL_FILES = [
    ToolFile("qualtrics_numeric.csv", "qualtrics", "customer_responses", WEB_SHOP, 7, 5, 2, QUALTRICS),
    ToolFile("qualtrics_choice_text.csv", "qualtrics", "customer_responses", WEB_SHOP, 7, 5, 2, QUALTRICS),
    ToolFile("qualtrics_utf16.tsv", "qualtrics", "customer_responses", WEB_SHOP, 7, 5, 2, QUALTRICS),
    ToolFile("qualtrics.xlsx", "qualtrics", "customer_responses", WEB_SHOP, 7, 5, 2, QUALTRICS),
    ToolFile("surveymonkey.csv", "surveymonkey", "customer_responses", WEB_SHOP, 5, 5, 0,
             {"nps": (5, 40.0), "csat": (5, 60.0), "ces": (5, 4.6)}),
    ToolFile("google_forms.csv", "google_forms", "customer_responses", WEB_SHOP, 4, 4, 0, {"nps": (4, 25.0)}),
    ToolFile("microsoft_forms.xlsx", "microsoft_forms", "customer_responses", WEB_SHOP, 4, 4, 0,
             {"nps": (4, 25.0), "csat": (4, 50.0)}),
    ToolFile("webropol.csv", "webropol", "customer_responses", WEB_SHOP, 5, 5, 0,
             {"nps": (5, 20.0), "csat": (4, 50.0), "fcr": (5, 60.0)}),
    ToolFile("limesurvey.csv", "limesurvey", "customer_responses", WEB_SHOP, 5, 4, 1,
             {"nps": (4, 25.0), "csat": (3, 66.67)}),
    ToolFile("typeform.csv", "typeform", "customer_responses", WEB_SHOP, 5, 4, 1, {"nps": (4, 50.0), "fcr": (4, 75.0)}),
    ToolFile("questback.csv", "questback", "customer_responses", WEB_SHOP, 6, 5, 1,
             {"nps": (5, 20.0), "csat": (4, 50.0)}),
    ToolFile("zendesk.csv", "zendesk", "customer_responses", WEB_SHOP, 6, 4, 2, {"csat": (4, 75.0)}),
    ToolFile("peakon.csv", "peakon", "employee_responses", {}, 4, 4, 0, {"enps": (4, 25.0), "wellbeing": (3, 3.0)}),
    ToolFile("peakon.json", "peakon", "employee_responses", {}, 4, 4, 0, {"enps": (4, 25.0), "wellbeing": (3, 3.0)}),
    ToolFile("culture_amp.xlsx", "culture_amp", "employee_responses", {}, 4, 4, 0,
             {"enps": (4, 25.0), "wellbeing": (4, 3.5), "technology": (4, 3.5)}),
]
BY_NAME = {f.name: f for f in TOOL_FILES}


def figures(ws, kind: str, metrics=None) -> dict[str, tuple[int, float]]:
    """(n, value) per metric over the whole table: NPS-type in points, shares in percent, means; 2 decimals."""
    from cx import schema
    from cx.sql import ident

    names = metrics or (schema.CUSTOMER_METRICS if kind == "customer_responses" else schema.EMPLOYEE_METRICS)
    out = {}
    cur = ws.cursor()
    for metric in names:
        c = ident(metric)
        if metric in NPS_TYPE:
            value = f"100.0 * (count(*) FILTER (WHERE {c} >= 9) - count(*) FILTER (WHERE {c} <= 6)) / count({c})"
        elif metric in SHARES:
            value = f"100.0 * count(*) FILTER (WHERE {SHARES[metric].format(c=c)}) / count({c})"
        else:
            value = f"avg({c})"
        n, result = cur.execute(f"SELECT count({c}), {value} FROM {ident(kind)}").fetchone()
        if n:
            out[metric] = (int(n), round(float(result), 2))
    return out


def rows(ws, kind: str) -> list[tuple]:
    """Every loaded row without its import id, in a fixed order: what two ways of loading must agree on."""
    from cx import schema
    from cx.sql import ident

    names = [c.name for c in schema.TABLES[kind].columns if c.name != "import_id"]
    sql = "SELECT " + ", ".join(ident(n) for n in names) + " FROM " + ident(kind) + " ORDER BY ALL"
    return ws.cursor().execute(sql).fetchall()
