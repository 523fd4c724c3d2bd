"""Roles per workspace from the server's access list, and the audit trail the actions write."""
from __future__ import annotations

import pytest

from cx import store
from cx.team import access, actions, audit
from cx.team.access import User

ANNA, BO, CARL, DORA = (User(f"{n}@example.com") for n in ("anna", "bo", "carl", "dora"))
ANSWERS = b"Date,Touchpoint,NPS\n2026-03-01,Web shop,9\n2026-03-02,Web shop,3\n"


@pytest.fixture
def access_file(tmp_path, monkeypatch):
    path = tmp_path / "config" / "cx-access.toml"
    path.parent.mkdir()
    path.write_text('admins = ["lead@example.com"]\n\n[workspaces.test]\nadmin = ["anna@example.com"]\n'
                    'analyst = ["bo@example.com", "dora@example.com"]\nviewer = ["*@client.fi"]\n')
    monkeypatch.setenv("CX_ACCESS_FILE", str(path))
    return path


def test_roles_come_from_the_access_list(access_file):
    rules = access.load()
    assert rules.role(ANNA, "test") == "admin"
    assert rules.role(BO, "test") == "analyst"
    assert rules.role(User("eve@client.fi"), "test") == "viewer"
    assert rules.role(User("lead@example.com"), "anything") == "admin"
    assert rules.role(CARL, "test") is None


def test_a_viewer_is_refused_an_admin_action_with_a_sentence(access_file, workspace):
    viewer = User("eve@client.fi")
    with pytest.raises(access.AccessDenied) as refused:
        actions.change_settings(workspace, viewer, {"min_n": 10})
    assert "As viewer of 'test' you cannot change its settings" in str(refused.value)
    assert access.sentence(refused.value, "fi").startswith("Työtilan 'test' roolilla katselija")
    assert workspace.settings()["min_n"] == 30


def test_a_user_not_on_a_workspace_is_refused_even_reading(access_file, workspace):
    with pytest.raises(access.AccessDenied, match="not on the workspace 'test'"):
        access.require(CARL, "test", "read")
    assert access.visible(CARL, ["test", "other"]) == []


def test_an_analyst_undoes_their_own_import_but_not_anothers(access_file, workspace):
    mine = actions.import_file(workspace, BO, ANSWERS, "a.csv")
    theirs = actions.import_file(workspace, DORA, ANSWERS.replace(b"Web shop", b"Chat"), "b.csv")
    with pytest.raises(access.AccessDenied, match="was made by dora@example.com"):
        actions.undo(workspace, BO, theirs.import_id)
    assert actions.undo(workspace, BO, mine.import_id) == 2
    assert actions.undo(workspace, ANNA, theirs.import_id) == 2


def test_an_admin_cannot_lower_the_confidentiality_minimum_below_the_floor(access_file, workspace):
    with pytest.raises(store.WorkspaceError) as refused:
        actions.change_settings(workspace, ANNA, {"confidentiality_min": 3}, via="app")
    assert refused.value.code == "conf.setting.range_app"
    with pytest.raises(store.WorkspaceError):
        actions.change_settings(workspace, ANNA, {"confidentiality_min": 2}, via="cli")
    assert workspace.settings()["confidentiality_min"] == 5


def test_every_action_is_in_the_audit_trail_with_who_and_what(access_file, workspace, tmp_path):
    result = actions.import_file(workspace, BO, ANSWERS, "answers.csv")
    actions.undo(workspace, ANNA, result.import_id)
    actions.change_settings(workspace, ANNA, {"min_n": 10})
    actions.export(workspace, User("eve@client.fi"), tmp_path / "x.xlsx")
    trail = audit.trail(workspace)
    assert list(trail["action"]) == ["export", "settings", "undo", "import"]
    assert list(trail["actor"]) == ["eve@client.fi", "anna@example.com", "anna@example.com", "bo@example.com"]
    assert audit.import_owner(workspace, result.import_id) == "bo@example.com"


def test_recording_an_export_keeps_cached_figures_valid(access_file, workspace, tmp_path):
    key = workspace.cache_key()
    actions.export(workspace, ANNA, tmp_path / "x.xlsx")
    assert workspace.cache_key() == key


def test_rename_and_delete_carry_the_access_list_and_leave_a_last_audit_row(access_file, workspace, data_dir):
    actions.rename(ANNA, "test", "renamed")
    assert access.load().role(ANNA, "renamed") == "admin" and access.load().role(ANNA, "test") is None
    assert audit.trail(store.open_workspace("renamed"))["action"].iloc[0] == "rename"
    kept = actions.delete(ANNA, "renamed")
    assert access.load().role(ANNA, "renamed") is None
    assert kept.parent == data_dir / "deleted" and kept.exists()


def test_the_access_list_keeps_one_admin_and_lives_outside_the_data_folder(access_file, data_dir):
    with pytest.raises(store.WorkspaceError, match="at least one admin"):
        access.set_role("test", "anna@example.com", None)
    access.set_role("test", "carl@example.com", "viewer")
    assert access.load().role(CARL, "test") == "viewer"
    assert data_dir not in access_file.parents


def test_a_malformed_access_list_is_a_sentence():
    with pytest.raises(ValueError, match="must be one of viewer, analyst, admin"):
        access.parse('[workspaces.test]\nowner = ["a@b.c"]\n')


def test_without_sign_in_the_local_user_may_do_everything(workspace):
    assert access.allowed(access.LOCAL, "test", "delete")
    assert access.allowed(access.cli_user(), "test", "manage_access")


def test_the_command_line_manages_the_access_list_and_records_it(access_file, workspace, capsys):
    from cx.cli import main

    assert main(["access", "--workspace", "test", "--set", "carl@example.com=analyst"]) == 0
    assert "carl@example.com" in capsys.readouterr().out
    assert access.load().role(CARL, "test") == "analyst"
    assert main(["access", "--workspace", "test", "--set", "carl@example.com=owner"]) == 2
    trail = audit.trail(store.open_workspace("test"))
    assert trail["action"].iloc[0] == "access" and trail["actor"].iloc[0].startswith("cli:")
