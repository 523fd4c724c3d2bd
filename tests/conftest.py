"""Shared fixtures: every test gets its own empty CX_DATA_DIR; the demo is built once."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cx import store

ROOT = Path(__file__).resolve().parent.parent
DEMO_SCALE = 0.2  # about 10,000 customer answers: enough for every page, fast to build


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Isolate workspaces per test and close every connection afterwards."""
    path = tmp_path / "workspaces"
    path.mkdir()
    monkeypatch.setenv("CX_DATA_DIR", str(path))
    monkeypatch.setenv("CX_WORKSPACE", "demo")
    yield path
    store.close_all()


@pytest.fixture
def workspace():
    return store.create_workspace("test")


def _built_demo(folder: Path, scale: float) -> Path:
    """Build the demo into `folder` (outside any test's CX_DATA_DIR) and return its file."""
    from cx import demo

    old = os.environ.get("CX_DATA_DIR")
    os.environ["CX_DATA_DIR"] = str(folder)
    try:
        demo.build_demo("demo", scale=scale)
        store.close_all()
    finally:
        if old is None:
            os.environ.pop("CX_DATA_DIR", None)
        else:
            os.environ["CX_DATA_DIR"] = old
    return folder / "demo.duckdb"


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    """The demo workspace at DEMO_SCALE, built once per test worker."""
    return _built_demo(tmp_path_factory.mktemp("demo-cache"), DEMO_SCALE)


@pytest.fixture(scope="session")
def full_demo_file(tmp_path_factory) -> Path:
    """The demo at its real size (scale 1), for checks of the planted stories that need its sample sizes."""
    return _built_demo(tmp_path_factory.mktemp("demo-full"), 1.0)


@pytest.fixture
def full_demo_ws(data_dir, full_demo_file):
    shutil.copyfile(full_demo_file, data_dir / "demo.duckdb")
    return store.open_workspace("demo")


@pytest.fixture
def demo_ws(data_dir, demo_file):
    """A private copy of the demo workspace in this test's CX_DATA_DIR."""
    shutil.copyfile(demo_file, data_dir / "demo.duckdb")
    return store.open_workspace("demo")


HARNESS = ROOT / "tests" / "harness" / "app.py"  # app.py, run from a folder without pages/ (see there)


def page_file(page: str) -> str:
    """The page's file for AppTest.switch_page: at.switch_page(page_file("journey"))."""
    return str(ROOT / "pages" / f"{page}.py")


def open_app(page: str = "overview", **query):
    """The app headless on a page, after its first run (query parameters as in a shared URL)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(HARNESS), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    if page != "overview":
        at.switch_page(page_file(page))
    at.run()
    return at


@pytest.fixture
def page(workspace, monkeypatch):
    """The Data page on an empty workspace 'test' (no demo needed), after its first run."""
    monkeypatch.setenv("CX_WORKSPACE", "test")
    at = open_app("data")
    assert not at.exception
    return at


@pytest.fixture
def app(demo_ws):
    """Open the app headless on a page: app("journey", unit="Tampere") -> AppTest after its first run."""
    return open_app
