"""The frame on every page: a bad CX_WORKSPACE is a sentence, and single-user mode says so."""
from __future__ import annotations

import pytest

from cx.i18n import t
from tests.conftest import open_app

PAGES = ("overview", "journey", "linkage", "simulator", "data")


@pytest.mark.parametrize("page", PAGES)
def test_a_bad_cx_workspace_is_a_sentence_on_every_page(demo_ws, monkeypatch, page):
    monkeypatch.setenv("CX_WORKSPACE", "Client A!\n")
    at = open_app(page)
    assert not at.exception
    errors = [e.value for e in at.error]
    assert t("ws.bad_start_name", "en", name="Client A!\\n") in errors


def test_without_sign_in_the_sidebar_says_it_is_a_single_user_app(app):
    at = app("overview")
    assert not at.exception
    assert t("auth.local_mode") in [c.value for c in at.sidebar.caption]
