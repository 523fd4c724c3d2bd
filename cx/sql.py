"""Identifiers for SQL: only names from the contract (or cx's own tables) are allowed.

Values are always bound parameters; identifiers cannot be, so every table or
column name that goes into SQL text passes through `ident`, which refuses
anything that is not on the fixed list.
"""
from __future__ import annotations

from cx import schema

_OWN = {"cx_meta", "cx_settings", "cx_profiles", "cx_scenarios", "month", "quarter", "key",
        "value", "stage_order"}
ALLOWED = {c.name for t in schema.CONTRACT_TABLES for c in t.columns} | set(schema.TABLES) | _OWN


def ident(name: str) -> str:
    """Quote a contract identifier; raise ValueError for anything else."""
    if name not in ALLOWED:
        raise ValueError(f"not a known column or table: {name!r}")
    return '"' + name + '"'
