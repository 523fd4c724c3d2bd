"""Sign-in for a team, in a real browser against a local OpenID Connect provider the test starts.

The provider is `oidc-provider-mock` on a free local port (no network): its sign-in form takes
any user id, which becomes the e-mail claim. The app runs with an `[auth]` secrets file and an
access list (outside the data folder): alice is admin of `demo`, bob its viewer, carol an
analyst of `other` only.
"""
from __future__ import annotations

import shutil
import time

import pytest

from tests.browser.conftest import Session, running_app

pytestmark = pytest.mark.browser

ACCESS = """
[workspaces.demo]
admin = ["alice@example.com"]
viewer = ["bob@example.com"]

[workspaces.other]
analyst = ["carol@example.com"]
"""


@pytest.fixture(scope="module")
def provider():
    pytest.importorskip("authlib")
    mock = pytest.importorskip("oidc_provider_mock")
    with mock.run_server_in_thread(port=0) as server:
        yield f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def team_server(tmp_path_factory, demo_file, provider):
    """The app with sign-in on, two workspaces and an access list; yields (base URL, data folder)."""
    folder = tmp_path_factory.mktemp("team")
    data = folder / "workspaces"
    data.mkdir()
    shutil.copyfile(demo_file, data / "demo.duckdb")
    shutil.copyfile(demo_file, data / "other.duckdb")
    (folder / "access.toml").write_text(ACCESS)
    (folder / "secrets.toml").write_text(  # Streamlit fills in {port} itself
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "a-test-cookie-secret-that-is-long-enough"\n'
        'client_id = "cx-test"\nclient_secret = "cx-test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n')
    env = {"CX_ACCESS_FILE": folder / "access.toml"}
    with running_app(data, env, ("--secrets.files", str(folder / "secrets.toml"))) as base:
        yield base


class TeamSession(Session):
    """A browser session that signs in first; the provider is local, so its address is allowed."""

    def __init__(self, browser, base: str, provider: str):
        self.provider_host = provider.split("//")[1].split(":")[0]
        super().__init__(browser, base)

    def wait(self, timeout: float = 60) -> None:
        page = self.page
        page.wait_for_selector('[data-testid="stApp"]', timeout=timeout * 1000)
        page.wait_for_timeout(600)
        deadline = time.time() + timeout
        while time.time() < deadline and page.locator('[data-testid="stStatusWidget"]').count():
            page.wait_for_timeout(200)
        page.wait_for_timeout(600)

    def sign_in(self, user: str) -> None:
        self.open()
        self.page.get_by_text("Sign in to cx").wait_for(timeout=30000)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_selector("input[name=sub]", timeout=30000)
        self.page.fill("input[name=sub]", user)
        self.page.get_by_role("button", name="Authorize").click()
        self.page.get_by_text(f"Signed in as {user}").wait_for(timeout=30000)
        self.wait()

    def sidebar_workspace(self) -> str:
        box = self.page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first
        return box.locator("input").input_value()


@pytest.fixture
def team(browser, team_server, provider):
    sessions = []

    def make() -> TeamSession:
        s = TeamSession(browser, team_server, provider)
        sessions.append(s)
        return s

    yield make
    for s in sessions:
        s.close()


def test_a_visitor_must_sign_in_and_then_sees_who_they_are(team):
    s = team()
    s.open()
    s.page.get_by_text("Sign in to cx").wait_for(timeout=30000)
    assert s.page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').count() == 0
    s.sign_in("alice@example.com")
    assert s.sidebar_workspace() == "demo"
    assert not s.errors()


def test_a_viewer_is_refused_every_admin_action(team):
    s = team()
    s.sign_in("bob@example.com")
    s.open("data")
    body = s.page.locator("body").inner_text()
    assert "Audit trail" not in body
    s.page.get_by_role("tab", name="Workspaces and settings").click()
    s.wait()
    for forbidden in ("Rename", "Delete…", "Save settings", "Create"):
        assert s.page.get_by_role("button", name=forbidden, exact=True).count() == 0, forbidden
    s.page.get_by_role("tab", name="Upload").click()
    assert s.page.get_by_text("Your role in this workspace: viewer").count() == 1
    assert not s.errors()


def test_a_user_cannot_open_a_workspace_they_are_not_on_by_url(team):
    s = team()
    s.sign_in("carol@example.com")
    s.open("data", ws="demo")
    s.page.get_by_text("bring in survey exports").wait_for(timeout=30000)
    assert s.sidebar_workspace() == "other"
    assert "other" in s.page.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    s.page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    options = s.page.get_by_role("option").all_inner_texts()
    assert options == ["other"]


def test_an_admin_change_is_written_to_the_audit_trail_with_who_did_it(team):
    s = team()
    s.sign_in("alice@example.com")
    s.open("data")
    s.page.get_by_role("tab", name="Workspaces and settings").click()
    s.wait()
    field = s.page.get_by_role("spinbutton", name="Fewest answers for a customer figure")
    field.fill("31")
    field.press("Enter")
    s.wait()
    s.page.get_by_role("button", name="Save settings").click()
    s.wait()
    s.page.get_by_role("tab", name="Audit trail").click()
    s.wait()
    grid = s.page.locator('[data-testid="stDataFrame"]').last
    table = " ".join(grid.locator('[role="gridcell"]').all_text_contents())
    s.screenshot("team-audit-trail-en")
    assert "alice@example.com" in table and "settings" in table
