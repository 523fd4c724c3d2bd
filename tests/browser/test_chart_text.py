"""Chart text a room can read (issue 16, point 2): every text in every chart at least 14 px and 4.5:1 on white."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

TEXTS = """[...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg text')]
  .filter(t => t.textContent.trim())
  .map(t => { const s = getComputedStyle(t); return [t.textContent, parseFloat(s.fontSize), s.fill, s.opacity]; })"""


def _contrast_on_white(rgb: str) -> float:
    parts = [int(float(x)) for x in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]

    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in parts)
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


@pytest.mark.parametrize("url", ["", "journey", "linkage", "simulator"])
def test_chart_text_is_at_least_14_px_and_dark_enough(session, url):
    session.open(url, lang="fi")
    texts = session.page.evaluate(TEXTS)
    assert texts, "no chart text found"
    small = [(t, size) for t, size, _, _ in texts if size < 14]
    # White labels sit only on the heatmap's dark cells (journey_charts.dark_cells); every other text is on white.
    faint = [(t, fill) for t, _, fill, _ in texts
             if fill.startswith("rgb") and fill != "rgb(255, 255, 255)" and _contrast_on_white(fill) < 4.5]
    assert small == [] and faint == []
