"""The workspace contract (../shared/contract.md) as data.

One source of truth for the tables: the DDL, the importer's validation, the
upload templates and the exports all read these definitions, so a column is
described exactly once.
"""
from __future__ import annotations

from dataclasses import dataclass, field

SCHEMA_VERSION = 2  # 2: the promises table (old workspaces gain it when opened)

CUSTOMER_METRICS = ("nps", "ces", "csat", "fcr", "efficiency", "ease", "emotion")
EMPLOYEE_METRICS = ("enps", "wellbeing", "culture", "technology", "physical", "vision",
                    "role_clarity", "training")
LEVELS = ("transaction", "relationship")
METHODS = ("survey", "mystery_shopping", "interview")


@dataclass(frozen=True)
class Column:
    """One contract column: its SQL type and the rule a value must meet."""

    name: str
    sql_type: str
    kind: str  # text, int, float, bool, timestamp, date, choice
    low: float | None = None
    high: float | None = None
    required: bool = False
    choices: tuple[str, ...] = ()
    default: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Table:
    """One contract table; `needs_one_of` lists columns of which a row needs at least one."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    needs_one_of: tuple[str, ...] = ()
    importable: bool = True
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def _score(name: str, low: int, high: int, note: str) -> Column:
    return Column(name, "SMALLINT", "int", low, high, note=note)


CUSTOMER_RESPONSES = Table(
    "customer_responses",
    (
        Column("response_id", "VARCHAR", "text", note="Unique answer id; generated when empty"),
        Column("responded_at", "TIMESTAMP", "timestamp", required=True,
               note="When the customer answered; not in the future, not before 1990"),
        Column("level", "VARCHAR", "choice", choices=LEVELS, default="transaction",
               note="transaction (default) or relationship"),
        Column("touchpoint", "VARCHAR", "text",
               note="Journey touchpoint; required when level is transaction"),
        Column("stage", "VARCHAR", "text", note="Journey stage; taken from the journey map when empty"),
        Column("channel", "VARCHAR", "text", note="phone, chat, email, web, store, field ..."),
        Column("segment", "VARCHAR", "text", note="Customer segment"),
        Column("unit", "VARCHAR", "text", note="Team or unit that served the customer"),
        Column("customer_id", "VARCHAR", "text", note="Pseudonymous customer id"),
        Column("method", "VARCHAR", "choice", choices=METHODS, default="survey",
               note="survey (default), mystery_shopping or interview"),
        _score("nps", 0, 10, "Likelihood to recommend, 0-10"),
        _score("ces", 1, 7, "Customer effort, 1-7 (7 = very easy)"),
        _score("csat", 1, 5, "Satisfaction, 1-5"),
        Column("fcr", "BOOLEAN", "bool", note="First contact resolution: yes/no"),
        _score("efficiency", 1, 5, "Efficiency, 1-5"),
        _score("ease", 1, 5, "Ease, 1-5"),
        _score("emotion", 1, 5, "Emotion, 1-5"),
        Column("comment", "VARCHAR", "text", note="Free text, stored as given"),
        Column("import_id", "INTEGER", "int", note="Filled by cx"),
    ),
    key=("response_id",),
    needs_one_of=CUSTOMER_METRICS,
    note="One row per answered customer survey, mystery shop or interview",
)

EMPLOYEE_RESPONSES = Table(
    "employee_responses",
    (
        Column("response_id", "VARCHAR", "text", note="Unique answer id; generated when empty"),
        Column("responded_at", "TIMESTAMP", "timestamp", required=True,
               note="When the employee answered; not in the future, not before 1990"),
        Column("unit", "VARCHAR", "text", required=True,
               note="Unit, with the same names as in customer answers"),
        Column("role", "VARCHAR", "text", note="Role"),
        _score("enps", 0, 10, "Would recommend as a workplace, 0-10"),
        _score("wellbeing", 1, 5, "Wellbeing at work, 1-5"),
        _score("culture", 1, 5, "Organisational culture, 1-5"),
        _score("technology", 1, 5, "Tools and systems, 1-5"),
        _score("physical", 1, 5, "Physical workplace, 1-5"),
        _score("vision", 1, 5, "I understand our customer-experience vision, 1-5"),
        _score("role_clarity", 1, 5, "I know what the vision means in my own work, 1-5"),
        _score("training", 1, 5, "I have had training concrete enough for my role, 1-5"),
        Column("comment", "VARCHAR", "text", note="Free text"),
        Column("import_id", "INTEGER", "int", note="Filled by cx"),
    ),
    key=("response_id",),
    needs_one_of=EMPLOYEE_METRICS,
    note="One row per answered employee survey",
)

TOUCHPOINTS = Table(
    "touchpoints",
    (
        Column("touchpoint", "VARCHAR", "text", required=True, note="Touchpoint name (unique)"),
        Column("stage", "VARCHAR", "text", required=True, note="Journey stage"),
        Column("stage_order", "INTEGER", "int", 1, 1000, note="Order of the stage, 1 first"),
        Column("channel", "VARCHAR", "text", note="Channel"),
        Column("owner_unit", "VARCHAR", "text", note="Unit responsible"),
        Column("volume", "INTEGER", "int", 0, 1e12, note="Customer contacts per month"),
        Column("import_id", "INTEGER", "int", note="Filled by cx"),
    ),
    key=("touchpoint",),
    note="The journey map",
)

MEASUREMENT_PLAN = Table(
    "measurement_plan",
    (
        Column("touchpoint", "VARCHAR", "text", required=True, note="Touchpoint"),
        Column("method", "VARCHAR", "choice", choices=METHODS, default="survey",
               note="survey, mystery_shopping or interview"),
        Column("fixed_per_month", "INTEGER", "int", 0, 1e9, note="Permanent measurements a month"),
        Column("movable_per_month", "INTEGER", "int", 0, 1e9, note="Movable measurements a month"),
        Column("unit_cost", "DOUBLE", "float", 0, 1e9, note="Euros per measurement"),
        Column("import_id", "INTEGER", "int", note="Filled by cx"),
    ),
    note="What is measured where, per month",
)

OUTCOMES = Table(
    "outcomes",
    (
        Column("month", "DATE", "date", required=True, note="First day of the month"),
        Column("unit", "VARCHAR", "text", note="Unit"),
        Column("segment", "VARCHAR", "text", note="Segment (optional)"),
        Column("customers", "INTEGER", "int", 0, 1e12, note="Active customers at month start"),
        Column("churned", "INTEGER", "int", 0, 1e12, note="Customers lost in the month"),
        Column("revenue", "DOUBLE", "float", -1e15, 1e15, note="Euros"),
        Column("complaints", "INTEGER", "int", 0, 1e12, note="Complaints"),
        Column("import_id", "INTEGER", "int", note="Filled by cx"),
    ),
    note="Business results per month and unit",
)

OUTCOME_COLUMNS = ("customers", "churned", "revenue", "complaints")
PROMISE_METRICS = CUSTOMER_METRICS + OUTCOME_COLUMNS
DIRECTIONS = ("at_least", "at_most")

PROMISES = Table(
    "promises",
    (
        Column("promise_id", "VARCHAR", "text", required=True, note="Unique id of the promise"),
        Column("promise", "VARCHAR", "text", required=True, note="The promise as customers and staff read it"),
        Column("problem", "VARCHAR", "text", note="The real customer problem it answers"),
        Column("touchpoint", "VARCHAR", "text", note="Where it is kept; empty for the whole journey"),
        Column("unit", "VARCHAR", "text", note="Empty for every unit"),
        Column("metric", "VARCHAR", "text", required=True, choices=PROMISE_METRICS,
               note="A customer metric of summary (nps, ces, csat, fcr, efficiency, ease, emotion) or an outcomes "
                    "column (customers, churned, revenue, complaints)"),
        Column("target", "DOUBLE", "float", required=True, note="The level management set, on the metric's scale"),
        Column("direction", "VARCHAR", "text", required=True, choices=DIRECTIONS, note="at_least or at_most"),
        Column("valid_from", "DATE", "date", required=True, note="First month it applies"),
        Column("proposed_by", "VARCHAR", "text", note="The staff or unit that proposed it"),
    ),
    key=("promise_id",),
    importable=False,
    note="Customer promises and their target levels (edited and imported on the Promises page)",
)

IMPORTS = Table(
    "imports",
    (
        Column("import_id", "INTEGER", "int"),
        Column("kind", "VARCHAR", "text"),
        Column("file_name", "VARCHAR", "text"),
        Column("sha256", "VARCHAR", "text"),
        Column("rows_read", "INTEGER", "int"),
        Column("rows_loaded", "INTEGER", "int"),
        Column("rows_rejected", "INTEGER", "int"),
        Column("status", "VARCHAR", "text"),
        Column("imported_at", "TIMESTAMP", "timestamp"),
        Column("rows_skipped", "INTEGER", "int"),
    ),
    key=("import_id",),
    importable=False,
    note="One row per import attempt",
)

DATA_TABLES = (CUSTOMER_RESPONSES, EMPLOYEE_RESPONSES, TOUCHPOINTS, MEASUREMENT_PLAN, OUTCOMES)
CONTRACT_TABLES = DATA_TABLES + (PROMISES, IMPORTS)
TABLES = {t.name: t for t in CONTRACT_TABLES}
IMPORTABLE = tuple(t.name for t in DATA_TABLES)


def ddl(table: Table) -> str:
    """CREATE TABLE statement for a contract table (identifiers are our own constants)."""
    cols = [f'"{c.name}" {c.sql_type}' for c in table.columns]
    if table.key and table.name in ("touchpoints", "imports", "promises"):
        cols.append(f'PRIMARY KEY ({", ".join(table.key)})')
    return f'CREATE TABLE IF NOT EXISTS "{table.name}" ({", ".join(cols)})'
