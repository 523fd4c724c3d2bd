"""Names from the data are plain text on every page: the markdown attack, in a real browser.

The attack (issue #18): a touchpoint named with markdown turned the simulator's "By hand" slider
labels into remote images, links, colours, icons and LaTeX. Here every name a page can show
(touchpoint, stage, unit, segment, channel) carries all of them; every page is opened, with the
browser recording each request that would leave the machine, and the page must show the
characters as typed: no image, no link, no formula, no coloured text from the data.
"""
from __future__ import annotations

import shutil
import subprocess
import sys

import duckdb
import pytest

from tests.browser.conftest import PAGES_URLS_FROM_FRAME, Session, running_app

pytestmark = pytest.mark.browser

EVIL = "evil.example"
MARKS = {
    "image": f"![i](http://{EVIL}/i.png)",
    "link": f"[l](http://{EVIL}/l)",
    "colour": ":red[R]",
    "icon": ":material/home:",
    "latex": "$x^2$",
    "html": f"<img src=http://{EVIL}/h.png>",
}
HOSTILE = " ".join(MARKS.values())
RENAMES = {  # (table, column, old value) -> the old value with the hostile text after it
    ("touchpoints", "touchpoint", "Web self-service"), ("customer_responses", "touchpoint", "Web self-service"),
    ("measurement_plan", "touchpoint", "Web self-service"), ("touchpoints", "stage", "Use and service"),
    ("customer_responses", "stage", "Use and service"), ("customer_responses", "unit", "Tampere"),
    ("employee_responses", "unit", "Tampere"), ("outcomes", "unit", "Tampere"),
    ("customer_responses", "segment", "Premium"), ("customer_responses", "channel", "chat"),
    ("touchpoints", "channel", "chat"),
}


def _hostile_copy(demo_file, folder) -> None:
    target = folder / "demo.duckdb"
    shutil.copyfile(demo_file, target)
    con = duckdb.connect(str(target))
    for table, column, old in sorted(RENAMES):
        has = con.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = ?",
                          [table, column]).fetchone()[0]
        if has:
            # test fixture: table and column names are the constants above, never user text
            con.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE "{column}" = ?', [f"{old} {HOSTILE}", old])
    con.close()


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, demo_file):
    folder = tmp_path_factory.mktemp("hostile")
    _hostile_copy(demo_file, folder)
    with running_app(folder) as base:
        yield base


@pytest.fixture
def hostile(browser, hostile_server):
    s = Session(browser, hostile_server)
    yield s
    s.close()


def _rendered_markup(page) -> list[str]:
    """Markup that only exists if a name from the data was rendered as markdown or HTML."""
    found = []
    # A link *to* the evil host; the overview's own links to a view may carry a name as a URL parameter.
    to_evil = ", ".join(f'a[href^="{scheme}{EVIL}"]' for scheme in ("http://", "https://", "//", "www."))
    for selector, what in ((f'img[src*="{EVIL}"]', "image"), (to_evil, "link"),
                           (".katex", "latex"), ('[data-testid="stIconMaterial"]:text("home")', "icon")):
        if page.locator(selector).count():
            found.append(what)
    coloured = page.locator('span[style*="color"]:text-is("R")').count()
    if coloured:
        found.append("colour")
    return found


@pytest.mark.parametrize("url", PAGES_URLS_FROM_FRAME)
def test_every_page_shows_hostile_names_as_plain_text(hostile, url):
    hostile.open(url, unit=f"Tampere {HOSTILE}")
    assert hostile.errors() == []
    assert _rendered_markup(hostile.page) == []
    assert hostile.blocked == []


def test_the_simulator_by_hand_sliders_show_a_hostile_touchpoint_as_text(hostile):
    hostile.open("simulator")
    hostile.page.get_by_label("How to place the movable pool").first.click()
    hostile.page.get_by_role("option", name="By hand").click()
    hostile.wait()
    labels = [label.replace("\u2060", "") for label in  # the invisible joiner plain() puts after : . @
              hostile.page.locator('[data-testid="stSlider"] [data-testid="stWidgetLabel"]').all_inner_texts()]
    hostile.screenshot("simulator-hostile-names")
    assert any(MARKS["image"] in label and MARKS["colour"] in label for label in labels), labels
    assert _rendered_markup(hostile.page) == []
    assert hostile.blocked == []


def test_the_journey_touchpoint_picker_lists_a_hostile_name_as_text(hostile):
    hostile.open("journey")
    assert _rendered_markup(hostile.page) == []
    assert hostile.blocked == []


if __name__ == "__main__":  # pragma: no cover - a look by hand: python tests/browser/test_hostile_names.py
    sys.exit(subprocess.call([sys.executable, "-m", "pytest", "-q", __file__]))
