"""Vega-Lite `config` for cx charts: numbers and dates by locale, and type a room can read.

Vega formats axis numbers and dates itself (d3-format, d3-time-format), in US English
unless told otherwise: a Finnish page showed `2,000.0` and `Jan 2026` on its axes. Its
`config.locale` takes the locale's definitions as data, so this works offline, with no
locale file fetched. The same config sets chart text to at least 14 px in a colour with
at least 4.5:1 contrast on white (a projector washes out the 11 px light grey default).
Also used for the workshop pack's images (vl-convert), so a slide reads like the screen.
"""
from __future__ import annotations

TEXT = "#1b1f24"  # the theme's text colour: 16:1 on white
MUTED = "#4b5563"  # secondary text: 7.6:1 on white
MIN_FONT = 14

_MONTHS_FI = ["tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu", "heinäkuu", "elokuu",
              "syyskuu", "lokakuu", "marraskuu", "joulukuu"]
_SHORT_MONTHS_FI = ["tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka",
                    "marras", "joulu"]
_DAYS_FI = ["sunnuntai", "maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai"]

LOCALES = {
    "en": {
        "number": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""], "minus": "−"},
        "time": {"dateTime": "%a %e %b %Y %X", "date": "%d/%m/%Y", "time": "%H:%M:%S", "periods": ["AM", "PM"],
                 "days": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
                 "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
                 "months": ["January", "February", "March", "April", "May", "June", "July", "August",
                            "September", "October", "November", "December"],
                 "shortMonths": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                                 "Dec"]},
    },
    "fi": {
        "number": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0€"],
                   "minus": "−"},
        "time": {"dateTime": "%A %-d. %Bta %Y klo %X", "date": "%-d.%-m.%Y", "time": "%H:%M:%S",
                 "periods": ["a.m.", "p.m."], "days": _DAYS_FI, "shortDays": ["su", "ma", "ti", "ke", "to", "pe", "la"],
                 "months": _MONTHS_FI, "shortMonths": _SHORT_MONTHS_FI},
    },
}
MONTH_AXIS_FORMAT = "%b %Y"  # "Jan 2026" / "tammi 2026"


def chart_config(lang: str, scale: float = 1.0) -> dict:
    """The `config` block for a chart in `lang`; `scale` enlarges the type (presentation mode, slides)."""
    size = round(MIN_FONT * scale)
    title = round(16 * scale)
    axis = {"labelFontSize": size, "titleFontSize": size, "labelColor": TEXT, "titleColor": TEXT,
            "titleFontWeight": "normal", "tickColor": MUTED, "domainColor": MUTED}
    return {
        "locale": LOCALES.get(lang, LOCALES["en"]),
        "font": "sans-serif",
        "axis": axis,
        "legend": {"labelFontSize": size, "titleFontSize": size, "labelColor": TEXT, "titleColor": TEXT},
        "header": {"labelFontSize": size, "titleFontSize": size, "labelColor": TEXT, "titleColor": TEXT},
        "title": {"fontSize": title, "color": TEXT, "subtitleColor": MUTED, "anchor": "start"},
        "text": {"fontSize": size, "color": TEXT},
    }


def with_config(spec: dict, lang: str, scale: float = 1.0) -> dict:
    """The spec with the locale and room typography; a chart's own config keys win."""
    own = spec.get("config") or {}
    merged = chart_config(lang, scale)
    for key, value in own.items():
        merged[key] = {**merged.get(key, {}), **value} if isinstance(value, dict) else value
    return {**spec, "config": merged}


def readable_text_marks(spec):
    """Text marks below MIN_FONT raised to it, and light greys darkened to MUTED (walks layers and facets)."""
    if isinstance(spec, list):
        return [readable_text_marks(s) for s in spec]
    if not isinstance(spec, dict):
        return spec
    out = {k: readable_text_marks(v) for k, v in spec.items()}
    mark = out.get("mark")
    if mark == "text" or (isinstance(mark, dict) and mark.get("type") == "text"):
        colour = (out.get("encoding") or {}).get("color")
        if isinstance(colour, dict) and "field" in colour:  # text in a category's colour: often below 4.5:1
            out["encoding"] = {**out["encoding"], "color": {"value": TEXT}}
    if isinstance(mark, dict) and mark.get("type") == "text":
        if mark.get("fontSize", MIN_FONT) < MIN_FONT:
            mark = {**mark, "fontSize": MIN_FONT}
        colour = str(mark.get("color", TEXT)).lower()
        if colour in _LIGHT or (colour.startswith("#") and len(colour) == 7 and contrast_on_white(colour) < 4.5):
            mark = {**mark, "color": MUTED}
        if mark.get("opacity", 1) < 1:  # faded text loses its contrast
            mark = {k: v for k, v in mark.items() if k != "opacity"}
        out["mark"] = mark
    for key in ("labelFontSize", "titleFontSize"):
        if isinstance(out.get(key), int | float) and out[key] < MIN_FONT:
            out[key] = MIN_FONT
    return out


_LIGHT = {"#888", "#999", "#aaa", "gray", "grey"}


def contrast_on_white(hex_colour: str) -> float:
    """WCAG contrast ratio of a #rrggbb colour against white."""
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(hex_colour[i:i + 2], 16)) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)
