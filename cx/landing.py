"""Where an import lands: the view that shows it, and what a newcomer must know on arriving there.

After an upload the wizard opens the page that shows the new answers (the journey for customer
answers, customers vs employees for staff answers) filtered to them. This module works out that
view from the rows the import wrote (their touchpoints, units and dates), whether every figure
there will read "too few answers" (so the user is told why, and where the minimum is set), and
which touchpoints sit on no journey stage (so the journey-map template can be offered, pre-filled).
Pure queries on a cursor: no streamlit.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from cx import schema
from cx.confidentiality import gate
from cx.export import is_risky
from cx.journey import DEFAULT_STAGES
from cx.sql import ident

PAGE_OF = {"customer_responses": "journey", "employee_responses": "linkage"}


@dataclass(frozen=True)
class Landing:
    """The view that shows one import, and what to say on arriving there."""

    import_id: int
    kind: str
    rows: int
    first: date | None = None
    last: date | None = None
    touchpoints: tuple[str, ...] = ()
    unit: str | None = None          # the one unit of every row, when there is one
    largest_n: int = 0               # the most answers any figure of the view counts
    minimum: int = 30                # the workspace minimum that figure is held to
    unstaged: tuple[str, ...] = field(default=())  # touchpoints on no journey stage

    @property
    def page(self) -> str | None:
        return PAGE_OF.get(self.kind)

    @property
    def all_below_minimum(self) -> bool:
        """Every figure the view shows has fewer answers than the minimum: all "too few answers"."""
        return self.rows > 0 and self.largest_n < self.minimum

    @property
    def touchpoint(self) -> str | None:
        """The touchpoint to open on the journey: only when the import is about exactly one."""
        return self.touchpoints[0] if len(self.touchpoints) == 1 else None

    def query_params(self) -> dict[str, str | list[str]]:
        """The URL codes of the view (cx.ui.state): period and dates always, tp and unit when one."""
        params: dict[str, str | list[str]] = {}
        if self.first and self.last:
            params["period"] = "custom"
            params["dates"] = [self.first.isoformat(), self.last.isoformat()]
        if self.kind == "customer_responses" and self.touchpoint:
            params["tp"] = self.touchpoint
        if self.unit:
            params["unit"] = self.unit
        return params


def landing(cur, kind: str, import_id: int, minimum: int) -> Landing:
    """The landing of import `import_id` into table `kind` (nothing to show for the other tables)."""
    if kind == "customer_responses":
        return _customer_landing(cur, import_id, minimum)
    if kind == "employee_responses":
        return _staff_landing(cur, import_id, minimum)
    return Landing(import_id, kind, 0, minimum=minimum)


def _staff_landing(cur, import_id: int, minimum: int) -> Landing:
    """Staff answers are read only through the confidentiality gate: the extent of the import, and the
    largest figure per unit the gate would show there (none shown: every group is under the minimum)."""
    rows, first, last, units = gate.import_extent(cur, import_id)
    largest = gate.largest_shown_n(cur, units, first, last, minimum) if rows else 0
    unit = units[0] if len(units) == 1 and units[0] is not None else None
    return Landing(import_id, "employee_responses", rows, first, last, (), unit, largest, minimum)


def _customer_landing(cur, import_id: int, minimum: int) -> Landing:
    table, iid, tp = ident("customer_responses"), ident("import_id"), ident("touchpoint")
    day = "CAST(" + ident("responded_at") + " AS DATE)"
    rows, first, last, units = cur.execute(
        "SELECT count(*), min(" + day + "), max(" + day + "), count(DISTINCT " + ident("unit") + ") FROM " + table
        + " WHERE " + iid + " = ?", [import_id]).fetchone()
    unit = None
    if units == 1 and not _has_empty(cur, table, "unit", import_id):
        sql = "SELECT any_value(" + ident("unit") + ") FROM " + table + " WHERE " + iid + " = ?"
        unit = cur.execute(sql, [import_id]).fetchone()[0]
    of_import = "SELECT DISTINCT " + tp + " FROM " + table + " WHERE " + iid + " = ? AND " + tp + " IS NOT NULL"
    touchpoints = tuple(r[0] for r in cur.execute(of_import + " ORDER BY 1", [import_id]).fetchall())
    unstaged = tuple(r[0] for r in cur.execute(of_import + " AND " + ident("stage") + " IS NULL ORDER BY 1",
                                               [import_id]).fetchall())
    largest = _largest_n(cur, import_id, first, last, unit)
    return Landing(import_id, "customer_responses", int(rows), first, last, touchpoints, unit, largest, minimum,
                   unstaged)


def _has_empty(cur, table: str, column: str, import_id: int) -> bool:
    sql = "SELECT count(*) FROM " + table + " WHERE " + ident("import_id") + " = ? AND " + ident(column) + " IS NULL"
    return cur.execute(sql, [import_id]).fetchone()[0] > 0


def _largest_n(cur, import_id: int, first, last, unit) -> int:
    """The most answers any one customer figure of the landing view counts.

    The view holds every answer of the period (other imports too) at the import's touchpoints,
    transaction and relationship apart, so a figure's n is counted there, per metric, and the
    largest is returned.
    """
    if first is None:
        return 0
    counts = ", ".join("count(" + ident(m) + ")" for m in schema.CUSTOMER_METRICS)
    level, tp = ident("level"), ident("touchpoint")
    groups = level + ", CASE WHEN " + level + " = 'transaction' THEN " + tp + " END"
    scope = ("(" + level + " <> 'transaction' OR " + tp + " IN (SELECT " + tp + " FROM customer_responses WHERE "
             + ident("import_id") + " = ?))")
    where = "CAST(" + ident("responded_at") + " AS DATE) BETWEEN ? AND ? AND " + scope
    params = [first, last, import_id]
    if unit is not None:
        where += " AND " + ident("unit") + " = ?"
        params.append(unit)
    sql = "SELECT greatest(" + counts + ") FROM " + ident("customer_responses") + " WHERE " + where + " GROUP BY " + groups
    return int(max((r[0] for r in cur.execute(sql, params).fetchall()), default=0))


def stages_of(cur) -> list[str]:
    """The journey's stages for placing a new touchpoint: the workspace's own in order, then the default journey."""
    own = [r[0] for r in cur.execute(
        "SELECT stage FROM (SELECT stage, min(stage_order) AS o FROM touchpoints WHERE stage IS NOT NULL GROUP BY 1 "
        "UNION ALL SELECT stage, NULL FROM customer_responses WHERE stage IS NOT NULL GROUP BY 1) "
        "GROUP BY stage ORDER BY min(o) NULLS LAST, stage").fetchall()]
    return own + [s for s in DEFAULT_STAGES if s not in own]


def journey_touchpoints(cur) -> list[tuple[str, str | None]]:
    """(touchpoint, stage) of the workspace's journey map and of the answers it holds, each once."""
    sql = ("SELECT touchpoint, any_value(stage) FROM (SELECT touchpoint, stage FROM touchpoints "
           "UNION ALL SELECT touchpoint, stage FROM customer_responses WHERE touchpoint IS NOT NULL "
           "GROUP BY touchpoint, stage) GROUP BY touchpoint ORDER BY touchpoint")
    return [(r[0], r[1]) for r in cur.execute(sql).fetchall()]


def journey_map_template(touchpoints: list[str], stages: list[str] | None = None) -> bytes:
    """The journey-map workbook to fill in: one row per touchpoint, its stage picked from a list.

    One visible sheet, `touchpoints`, so that loaded back through the upload page it is read as
    the journey map; the stages to choose from sit on a hidden sheet behind the stage column's
    drop-down. The answers already loaded take their stage from it. Names stay text (formula-safe).
    """
    stages = list(stages or DEFAULT_STAGES)
    columns = [c.name for c in schema.TABLES["touchpoints"].columns if c.name != "import_id"]
    book = Workbook()
    sheet = book.active
    sheet.title = "touchpoints"
    for j, name in enumerate(columns, start=1):
        _text(sheet.cell(1, j), name).font = Font(bold=True)
    for i, touchpoint in enumerate(touchpoints, start=2):
        _text(sheet.cell(i, 1 + columns.index("touchpoint")), touchpoint)
    listed = book.create_sheet("stages")
    for i, stage in enumerate(stages, start=1):
        _text(listed.cell(i, 1), stage)
        listed.cell(i, 2, i)
    listed.sheet_state = "hidden"
    column = get_column_letter(1 + columns.index("stage"))
    choice = DataValidation(type="list", formula1=f"=stages!$A$1:$A${len(stages)}", allow_blank=True)
    choice.add(f"{column}2:{column}{max(len(touchpoints), 1) + 200}")
    sheet.add_data_validation(choice)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text(cell, value: str):
    """A cell that is always text, never a formula."""
    cell.value = value
    cell.data_type = "s"
    if is_risky(value):
        cell.quotePrefix = True
    return cell
