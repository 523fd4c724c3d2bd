"""A real Streamlit server and a real Chromium, for the tests a person would do.

The server runs `streamlit run app.py` on a free port against a temporary
CX_DATA_DIR holding a copy of the demo workspace. Chromium is Debian's
/usr/bin/chromium driven by Playwright's Python package (its own browser
download cannot work offline). Every request that would leave the machine is
blocked and recorded, so a test can assert that none was attempted.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "tests" / "_artifacts" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def _page_urls() -> list[str]:
    """Every page's URL path; the first page is the default, served at the root URL."""
    from cx.ui.frame import PAGES

    return ["" if i == 0 else url for i, (_, file, _, url) in enumerate(PAGES) if (ROOT / file).exists()]


PAGES_URLS_FROM_FRAME = _page_urls()


def pytest_collection_modifyitems(config, items):
    """Browser tests skip on a machine without Chromium, unless CI demands them."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CX_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError("CX_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing: install it "
                                "with 'apt-get install -y chromium'.")
    skip = pytest.mark.skip(reason="needs /usr/bin/chromium (apt-get install -y chromium)")
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(skip)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(folder: Path, env: dict | None = None, args: tuple[str, ...] = ()):
    """`streamlit run app.py` on a free port over the workspaces in `folder`; yields its base URL."""
    port = _free_port()
    env = {**os.environ, "CX_DATA_DIR": str(folder), "CX_WORKSPACE": "demo", **(env or {})}
    env = {k: str(v) for k, v in env.items()}
    log = open(folder / "server.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", *args],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(base + "/_stcore/health", timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("streamlit did not become healthy: " + (folder / "server.log").read_text()[-2000:])
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory, demo_file):
    """Base URL of a running app on a copy of the demo workspace."""
    yield from _serve(tmp_path_factory, demo_file)


@pytest.fixture(scope="session")
def full_server(tmp_path_factory, full_demo_file):
    """The app on the demo at its real size: the planted stories need its sample sizes."""
    yield from _serve(tmp_path_factory, full_demo_file)


def _serve(tmp_path_factory, demo_file):
    folder = tmp_path_factory.mktemp("browser-data")
    shutil.copyfile(demo_file, folder / "demo.duckdb")
    with running_app(folder) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"])
        yield b
        b.close()


class Session:
    """One browser page on the app, with the outside world blocked and recorded."""

    def __init__(self, browser, base: str, width: int = 1280, height: int = 800):
        self.base = base
        self.blocked: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)

    def _route(self, route):
        host = urlparse(route.request.url).hostname or ""
        if host in LOCAL_HOSTS or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def open(self, path: str = "", **query) -> None:
        from urllib.parse import urlencode

        url = f"{self.base}/{path}" + (f"?{urlencode(query, doseq=True)}" if query else "")
        self.page.goto(url)
        self.wait()

    def wait(self, timeout: float = 60) -> None:
        """Until the app has finished running (the status widget is gone) and painted."""
        page = self.page
        page.wait_for_selector('[data-testid="stApp"]', timeout=timeout * 1000)
        # The frame (app.py) has run when the sidebar holds the language switch (hidden in presentation mode).
        page.wait_for_selector('[data-testid="stSidebar"] >> text=Language / Kieli', timeout=timeout * 1000,
                               state="attached")
        page.wait_for_timeout(400)
        deadline = time.time() + timeout
        while time.time() < deadline:
            running = page.locator('[data-testid="stStatusWidget"]').count() + page.locator(
                '[data-test-script-state="running"]').count()
            skeleton = page.locator('[data-testid="stSkeleton"]').count()
            if not running and not skeleton:
                break
            page.wait_for_timeout(200)
        page.wait_for_timeout(600)

    def errors(self) -> list[str]:
        """Texts of error boxes and exceptions shown on the page."""
        boxes = self.page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
        texts = [boxes.nth(i).inner_text() for i in range(boxes.count())]
        dialogs = self.page.locator('[role="dialog"]')
        texts += [dialogs.nth(i).inner_text() for i in range(dialogs.count())
                  if "Page not found" in dialogs.nth(i).inner_text()]
        body = self.page.locator("body").inner_text()
        if "Traceback (most recent call last)" in body:
            texts.append("traceback in page text")
        return texts

    def click_map_point(self, touchpoint: str) -> None:
        """Click the journey map's dot of a touchpoint where it is drawn (a real mouse click on the chart)."""
        dot = self.page.locator("[data-testid='stVegaLiteChart'] path[aria-roledescription='point']"
                                f"[aria-label*='{touchpoint}']").first
        dot.wait_for(timeout=30_000)
        dot.scroll_into_view_if_needed()
        box = dot.bounding_box()
        self.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    def screenshot(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self):
        self.context.close()


@pytest.fixture
def session(browser, server):
    s = Session(browser, server)
    yield s
    s.close()
