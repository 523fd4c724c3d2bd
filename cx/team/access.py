"""Who may do what in which workspace: roles from the server's access list.

The access list is a TOML file beside the server's Streamlit configuration (by default
`.streamlit/cx-access.toml`, or `$CX_ACCESS_FILE`), never inside a workspace, so nobody
who can read or download a workspace can read or change who is on it:

    admins = ["lead@example.com"]          # admin of every workspace; may create workspaces

    [workspaces.client-a]
    admin = ["anna@example.com"]
    analyst = ["bo@example.com"]
    viewer = ["carl@example.com", "*@client-a.fi"]   # "*@domain": everyone signed in from it

Roles grow: a viewer reads and downloads, an analyst also imports, undoes their own imports
and saves scenarios, promises and profiles, an admin also changes settings, renames,
deletes, undoes anyone's import, manages access and reads the audit trail.

Without sign-in configured cx is a single-user app: the one `LOCAL` user is admin of
everything (the pages say so). The command line runs as the machine's user, who can read
the workspace files anyway, with the same rights.
"""
from __future__ import annotations

import getpass
import json
import os
import re
import tempfile
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path

from cx import store

ROLES = ("viewer", "analyst", "admin")
ACTIONS = {
    "read": "viewer", "export": "viewer",
    "import": "analyst", "undo": "analyst", "save_scenario": "analyst", "save_promise": "analyst",
    "save_profile": "analyst",
    "settings": "admin", "rename": "admin", "delete": "admin", "manage_access": "admin", "audit": "admin",
}
USER_RE = re.compile(r"(\*|[^\s@*]+)@[^\s@*]+")
_file_lock = threading.Lock()


@dataclass(frozen=True)
class User:
    """Who is acting: an e-mail address from sign-in, or the local user of a single-user app."""

    id: str
    name: str = ""
    local: bool = False

    def __str__(self) -> str:
        return self.id


LOCAL = User("local", "local user", local=True)


def cli_user() -> User:
    """The machine's user, for the command line (recorded as cli:NAME in the audit trail)."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "unknown"
    return User(f"cli:{name}", name, local=True)


class AccessDenied(store.WorkspaceError):
    """A user may not do this; str() is the English sentence, code and values for t()."""

    def __init__(self, *, code: str, **values):
        super().__init__(sentence_for(code, values, "en"), code=code, **values)


def sentence_for(code: str, values: dict, lang: str) -> str:
    """A refusal in `lang`, with role and action names translated too."""
    from cx.i18n import t

    shown = dict(values)
    if "role" in shown:
        shown["role"] = t(f"role.{shown['role']}", lang)
    if "action" in shown:
        shown["action"] = t(f"access.action.{shown['action']}", lang)
    return t(code, lang, **shown)


def sentence(exc: BaseException, lang: str) -> str:
    """What to tell a person about a refusal from cx (a workspace or access problem), in `lang`."""
    code = getattr(exc, "code", None)
    return sentence_for(code, getattr(exc, "values", {}), lang) if code else str(exc)


def access_file() -> Path:
    env = os.environ.get("CX_ACCESS_FILE")
    return Path(env) if env else Path.cwd() / ".streamlit" / "cx-access.toml"


def _normal(user_id: str) -> str:
    return user_id.strip().lower()


@dataclass(frozen=True)
class AccessList:
    """The parsed access list: server admins and, per workspace, role -> users."""

    admins: tuple[str, ...] = ()
    workspaces: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = ()

    def members(self, workspace: str) -> dict[str, str]:
        """user (or *@domain) -> role on `workspace` (the highest if listed twice)."""
        out: dict[str, str] = {}
        for name, roles in self.workspaces:
            if name != workspace:
                continue
            for role, users in roles:
                for user in users:
                    if user not in out or ROLES.index(role) > ROLES.index(out[user]):
                        out[user] = role
        return out

    def role(self, user: User, workspace: str) -> str | None:
        """The user's role on `workspace`, or None when they are not on it."""
        if user.local:
            return "admin"
        uid = _normal(user.id)
        if uid in self.admins:
            return "admin"
        domain = "*@" + uid.partition("@")[2] if "@" in uid else None
        found = None
        for member, role in self.members(workspace).items():
            if member == uid or (domain and member == domain):
                if found is None or ROLES.index(role) > ROLES.index(found):
                    found = role
        return found


def parse(text: str) -> AccessList:
    """An access list from TOML text; raises ValueError with a sentence when it is malformed."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"not valid TOML ({exc})") from None
    admins = raw.get("admins", [])
    if not isinstance(admins, list) or not all(isinstance(a, str) for a in admins):
        raise ValueError("'admins' must be a list of e-mail addresses")
    sections = raw.get("workspaces", {})
    if not isinstance(sections, dict):
        raise ValueError("'workspaces' must be a table of workspaces")
    workspaces = []
    for name, roles in sorted(sections.items()):
        if not store.is_valid_name(name) or not isinstance(roles, dict):
            raise ValueError(f"[workspaces.{name}] is not a workspace name with roles")
        entries = []
        for role, users in roles.items():
            if role not in ROLES or not isinstance(users, list) or not all(isinstance(u, str) for u in users):
                raise ValueError(f"[workspaces.{name}] {role} must be one of {', '.join(ROLES)} with a list of users")
            entries.append((role, tuple(_normal(u) for u in users)))
        workspaces.append((name, tuple(entries)))
    return AccessList(tuple(_normal(a) for a in admins), tuple(workspaces))


def load(path: Path | None = None) -> AccessList:
    """The access list on disk (an empty one when the file does not exist)."""
    path = path or access_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return AccessList()
    return parse(text)


def role(user: User, workspace: str, rules: AccessList | None = None) -> str | None:
    if user.local:
        return "admin"
    return (rules or load()).role(user, workspace)


def allowed(user: User, workspace: str, action: str, rules: AccessList | None = None) -> bool:
    """May `user` do `action` on `workspace`?"""
    held = role(user, workspace, rules)
    return held is not None and ROLES.index(held) >= ROLES.index(ACTIONS[action])


def require(user: User, workspace: str, action: str, rules: AccessList | None = None, *,
            owner: str | None = None, import_id: int | None = None) -> str:
    """Return the user's role if they may do `action`, else raise AccessDenied with a sentence.

    `owner`: for undo, who made the import; an analyst may undo only their own.
    """
    held = role(user, workspace, rules)
    if held is None:
        raise AccessDenied(code="access.not_member", workspace=workspace)
    if ROLES.index(held) < ROLES.index(ACTIONS[action]):
        raise AccessDenied(code="access.denied", workspace=workspace, role=held, action=action)
    if action == "undo" and held != "admin" and (owner or "") != user.id:
        raise AccessDenied(code="access.not_own_import", id=import_id, owner=owner or "cx")
    return held


def visible(user: User, names: list[str], rules: AccessList | None = None) -> list[str]:
    """The workspaces among `names` that `user` is on."""
    if user.local:
        return list(names)
    rules = rules or load()
    return [n for n in names if rules.role(user, n) is not None]


def may_create(user: User, rules: AccessList | None = None) -> bool:
    return user.local or _normal(user.id) in (rules or load()).admins


# ----------------------------------------------------------------------------- changing the list

def _dump(rules: AccessList) -> str:
    """TOML text for an access list (strings quoted as JSON, which TOML reads the same)."""
    lines = ["# Who may use which cx workspace (see README: Running it for a team).",
             "admins = [" + ", ".join(json.dumps(a) for a in rules.admins) + "]", ""]
    for name, roles in rules.workspaces:
        if not roles:
            continue
        lines.append(f"[workspaces.{name}]")
        lines += [f"{role} = [" + ", ".join(json.dumps(u) for u in users) + "]" for role, users in roles if users]
        lines.append("")
    return "\n".join(lines)


def _save(rules: AccessList, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                     prefix=".cx-access-", suffix=".toml") as tmp:
        tmp.write(_dump(rules))
    os.replace(tmp.name, path)


def _with_members(rules: AccessList, workspace: str, members: dict[str, str] | None) -> AccessList:
    others = tuple((n, r) for n, r in rules.workspaces if n != workspace)
    if members:
        roles = tuple((role, tuple(sorted(u for u, r in members.items() if r == role))) for role in ROLES)
        others += ((workspace, tuple((r, u) for r, u in roles if u)),)
    return AccessList(rules.admins, tuple(sorted(others)))


def set_role(workspace: str, user_id: str, new_role: str | None, path: Path | None = None) -> None:
    """Put `user_id` on `workspace` as `new_role` (None: take them off). Keeps at least one admin."""
    user_id = _normal(user_id)
    if new_role is not None and new_role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if not USER_RE.fullmatch(user_id):
        raise store.WorkspaceError(code="access.bad_user")
    path = path or access_file()
    with _file_lock:
        rules = load(path)
        members = rules.members(workspace)
        if new_role is None:
            members.pop(user_id, None)
        else:
            members[user_id] = new_role
        had_admin = "admin" in rules.members(workspace).values()
        if had_admin and "admin" not in members.values():
            raise store.WorkspaceError(code="access.last_admin")
        _save(_with_members(rules, workspace, members), path)


def move_workspace(old: str, new: str | None, path: Path | None = None) -> None:
    """Carry a workspace's members to its new name (None: the workspace was deleted)."""
    path = path or access_file()
    with _file_lock:
        rules = load(path)
        if not path.exists():
            return
        members = rules.members(old)
        rules = _with_members(rules, old, None)
        if new is not None and members:
            rules = _with_members(rules, new, members)
        _save(rules, path)
