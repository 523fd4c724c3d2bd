"""What a person does to a workspace, checked against their role and written to the audit trail.

The one path for pages and the command line: each function first asks `access.require`,
then acts through the store or the importer, then records who, when and what. An import
holds the workspace while it runs, so a rename or delete in another session is refused
with a sentence instead of pulling the file from under it.
"""
from __future__ import annotations

from pathlib import Path

from cx import store
from cx.team import access, audit
from cx.team.access import User

MIN_N_LIMITS = (1, 10_000)


def import_file(ws: store.Workspace, user: User, data: bytes, file_name: str, **options):
    """`importer.import_file` for `user` (analyst or admin), recorded in the audit trail."""
    from cx import importer

    access.require(user, ws.name, "import")
    with ws.hold():
        result = importer.import_file(ws, data, file_name, **options)
    audit.record(ws, user, "import", file_name, import_id=result.import_id, kind=result.kind,
                 status=result.status, rows_loaded=result.rows_loaded, rows_rejected=result.rows_rejected)
    return result


def undo(ws: store.Workspace, user: User, import_id: int) -> int:
    """Undo one import: an analyst their own, an admin any; recorded."""
    from cx import importer

    owner = audit.import_owner(ws, import_id)
    access.require(user, ws.name, "undo", owner=owner, import_id=import_id)
    with ws.hold():
        removed = importer.undo(ws, import_id)
    audit.record(ws, user, "undo", f"import {import_id}", import_id=import_id, rows_removed=removed)
    return removed


def change_time_zone(ws: store.Workspace, user: User, zone: str) -> None:
    """Set the zone the workspace's times are kept in (imports convert a file's own zone to it); recorded.

    Only IANA zone names (Europe/Helsinki, UTC) are accepted, so an import's conversion never meets
    a zone DuckDB cannot read."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

    access.require(user, ws.name, "settings")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ""
    if zone not in available_timezones() | {"UTC"}:
        raise store.WorkspaceError(code="settings.time_zone_unknown")
    before = ws.settings().get("time_zone")
    if before != zone:
        ws.set_setting("time_zone", zone)
        audit.record(ws, user, "settings", "time_zone", time_zone=[before, zone])


def change_settings(ws: store.Workspace, user: User, changes: dict[str, int], via: str = "app") -> str | None:
    """Save the settings that changed (admin); recorded. Returns a warning code, if any.

    The confidentiality minimum goes through cx.confidentiality.setting: never below the
    contract's floor, and in the app never below its own floor (`via`); an unchanged value is
    left alone, so a minimum set lower on the command line survives saving the other settings.
    """
    from cx.confidentiality import setting

    access.require(user, ws.name, "settings")
    before = ws.settings()
    changed = {k: int(v) for k, v in changes.items() if int(before.get(k, -1)) != int(v)}
    warning = None
    try:
        for key, value in changed.items():
            if key == setting.KEY:
                warning = setting.check(value, via)
            elif key == "min_n" and not MIN_N_LIMITS[0] <= value <= MIN_N_LIMITS[1]:
                raise ValueError(f"min_n must be between {MIN_N_LIMITS[0]} and {MIN_N_LIMITS[1]}")
    except setting.MinimumRefused as exc:
        raise store.WorkspaceError(code=exc.code, **exc.values) from None
    for key, value in changed.items():
        if key == setting.KEY:
            setting.set_minimum(ws, value, via)
        else:
            ws.set_setting(key, value)
    if changed:
        audit.record(ws, user, "settings", ", ".join(changed),
                     **{k: [before.get(k), v] for k, v in changed.items()})
    return warning


def create(user: User, name: str) -> store.Workspace:
    """A new empty workspace (server admins; anyone in single-user mode); its creator becomes its admin."""
    if not access.may_create(user):
        raise access.AccessDenied(code="access.denied", workspace=name, role="viewer", action="create")
    ws = store.create_workspace(name)
    if not user.local:
        access.set_role(name, user.id, "admin")
    audit.record(ws, user, "create", name)
    return ws


def rename(user: User, old: str, new: str) -> None:
    """Rename (admin): atomic, never over an existing name; the access list follows the name."""
    access.require(user, old, "rename")
    store.check_name(new)
    store.rename_workspace(old, new, before=lambda ws: audit.record(ws, user, "rename", f"{old} -> {new}",
                                                                    old=old, new=new))
    access.move_workspace(old, new)


def delete(user: User, name: str) -> Path:
    """Delete (admin): the file moves to deleted/ with the delete as the last row of its audit trail."""
    access.require(user, name, "delete")
    kept = store.delete_workspace(name, before=lambda ws: audit.record(ws, user, "delete", name))
    access.move_workspace(name, None)
    return kept


def export(ws: store.Workspace, user: User, out: Path, fmt: str = "xlsx", filters=None, **options) -> list[Path]:
    """Write the workspace's tables (any member), recorded; `options` as export.export_workspace takes them."""
    from cx import export as exporter

    access.require(user, ws.name, "export")
    written = exporter.export_workspace(ws, out, fmt, filters, **options)
    record_export(ws, user, f"{ws.name}.{fmt}")
    return written


def record_export(ws: store.Workspace, user: User, what: str, **detail) -> None:
    """Record a download built elsewhere (per-unit files, the workshop pack)."""
    audit.record(ws, user, "export", what, **detail)


def set_member(ws: store.Workspace, user: User, member: str, role: str | None) -> None:
    """Put someone on the workspace with a role, or take them off (admin); recorded."""
    access.require(user, ws.name, "manage_access")
    access.set_role(ws.name, member, role)
    audit.record(ws, user, "access", member, role=role)
