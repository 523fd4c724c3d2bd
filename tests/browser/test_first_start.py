"""First start on a fresh server (issue #16 point 7 and #18's startup races), in a real browser.

The demo is built by one background thread per server process into a temporary file that is put in
place only when whole: several first visits at once wait for the same build, a browser closed
during the build does not roll it back, and an empty (half-built) demo left by an older cx is built
again.
"""
from __future__ import annotations

import re

import pytest

from cx import store
from tests.browser.conftest import Session, running_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]
BUILDING = "The demo workspace is being built"


def _overview_has_figures(s: Session) -> bool:
    """The overview shows the demo's figures: an n in the thousands, not an empty workspace."""
    main = s.page.locator('[data-testid="stMain"]').inner_text()
    return re.search(r"n = \d{1,3}(,\d{3})+", main) is not None


def _wait_for_demo(s: Session, timeout_ms: int = 180_000) -> None:
    s.page.get_by_text("Overview").first.wait_for(timeout=timeout_ms)
    s.page.locator('[data-testid="stMetric"]').first.wait_for(timeout=timeout_ms)
    s.wait()


def test_several_first_visits_at_once_all_get_the_demo_and_no_error(browser, data_dir):
    with running_app(data_dir) as base:
        sessions = [Session(browser, base) for _ in range(4)]
        try:
            for s in sessions:  # all four ask before any build has finished
                s.page.goto(base, wait_until="commit")
            for s in sessions:
                _wait_for_demo(s)
                assert s.errors() == [], s.errors()
                assert _overview_has_figures(s)
        finally:
            for s in sessions:
                s.close()
    assert store.list_workspaces() == ["demo"]


def test_closing_the_browser_during_the_build_does_not_roll_it_back(browser, data_dir):
    with running_app(data_dir) as base:
        first = Session(browser, base)
        first.page.goto(base, wait_until="commit")
        first.page.get_by_text(BUILDING).first.wait_for(timeout=60_000)
        first.close()  # the visitor leaves while the demo is half built
        second = Session(browser, base)
        try:
            second.page.goto(base, wait_until="commit")
            _wait_for_demo(second)
            assert second.errors() == [] and _overview_has_figures(second)
        finally:
            second.close()
    ws = store.open_workspace("demo")
    assert ws.counts()["customer_responses"] > 40_000


def test_an_empty_demo_left_half_built_is_built_again(browser, data_dir):
    store.create_workspace("demo")  # what an interrupted first start of an older cx left behind
    store.close_all()
    with running_app(data_dir) as base:
        s = Session(browser, base)
        try:
            s.page.goto(base, wait_until="commit")
            _wait_for_demo(s)
            assert s.errors() == [] and _overview_has_figures(s)
        finally:
            s.close()
    assert store.open_workspace("demo").counts()["customer_responses"] > 40_000
    assert len(list((data_dir / "deleted").glob("demo-*.duckdb"))) == 1  # the empty one, kept
