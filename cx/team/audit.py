"""The audit trail: who did what and when, in the workspace itself (table `cx_audit`).

Written at the entry points that act for a person (pages, command line) through
`cx.team.actions`, never deep inside the import pipeline. A row is small and
written without bumping the workspace's data version, so recording an export does
not throw away every cached figure.
"""
from __future__ import annotations

import json
from datetime import datetime

import pandas as pd

from cx import store

COLUMNS = ("audit_id", "done_at", "actor", "action", "target", "detail")  # the table: store._migrate creates it


def record(ws: store.Workspace, actor, action: str, target: str = "", **detail) -> int:
    """Append one row; returns its id. `actor` is a User or an id; `detail` is kept as JSON."""
    with ws.write(bump=False) as cur:
        next_id = cur.execute("SELECT coalesce(max(audit_id), 0) + 1 FROM cx_audit").fetchone()[0]
        cur.execute("INSERT INTO cx_audit VALUES (?, ?, ?, ?, ?, ?)",
                    [next_id, datetime.now().replace(microsecond=0), str(actor), action, str(target),
                     json.dumps(detail, ensure_ascii=False, default=str, sort_keys=True)])
    return int(next_id)


def trail(ws: store.Workspace, limit: int = 1000) -> pd.DataFrame:
    """The newest `limit` rows, newest first (an empty frame with the columns when none)."""
    cur = ws.cursor()
    try:
        return cur.execute("SELECT audit_id, done_at, actor, action, target, detail FROM cx_audit "
                           "ORDER BY audit_id DESC LIMIT ?", [limit]).df()
    finally:
        cur.close()


def import_owner(ws: store.Workspace, import_id: int) -> str | None:
    """Who made import `import_id` (None for imports made before the trail, such as the demo build)."""
    cur = ws.cursor()
    try:
        row = cur.execute("SELECT actor FROM cx_audit WHERE action = 'import' AND "
                          "json_extract_string(detail, '$.import_id') = ? ORDER BY audit_id LIMIT 1",
                          [str(import_id)]).fetchone()
        return row[0] if row else None
    finally:
        cur.close()
