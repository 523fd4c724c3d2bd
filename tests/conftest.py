"""Shared fixtures: every test gets its own empty CX_DATA_DIR."""
from __future__ import annotations

import pytest

from cx import store


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Isolate workspaces per test and close every connection afterwards."""
    path = tmp_path / "workspaces"
    monkeypatch.setenv("CX_DATA_DIR", str(path))
    yield path
    store.close_all()


@pytest.fixture
def workspace():
    return store.create_workspace("test")
