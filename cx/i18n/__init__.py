"""Every user-facing string goes through `t(key, lang, **values)`.

Catalogues are modules in this package named `catalog_*.py`, each with two
dicts, `EN` and `FI`, so each area of the app keeps its own strings and a test
checks that every key exists in both languages.
"""
from __future__ import annotations

import importlib
import pkgutil
from datetime import date, datetime
from functools import cache

LANGUAGES = ("en", "fi")


@cache
def catalogues() -> dict[str, dict[str, str]]:
    """All catalogue modules merged: {"en": {...}, "fi": {...}}."""
    merged: dict[str, dict[str, str]] = {"en": {}, "fi": {}}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("catalog_"):
            module = importlib.import_module(f"{__name__}.{info.name}")
            merged["en"].update(module.EN)
            merged["fi"].update(module.FI)
    return merged


def t(key: str, lang: str = "en", **values) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled from `values`."""
    cats = catalogues()
    text = cats.get(lang, cats["en"]).get(key) or cats["en"].get(key) or key
    return text.format(**values) if values else text


def fmt_number(value: float | int | None, lang: str = "en", decimals: int = 0) -> str:
    """A number for people: thin-space thousands and a decimal comma in Finnish."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "fi":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text.replace("-", "−") if value < 0 else text


def fmt_signed(value: float | None, lang: str = "en", decimals: int = 0) -> str:
    if value is None:
        return "–"
    sign = "+" if value > 0 else ""
    return sign + fmt_number(value, lang, decimals)


def fmt_date(value: date | datetime | None, lang: str = "en") -> str:
    if value is None:
        return "–"
    if lang == "fi":
        return f"{value.day}.{value.month}.{value.year}"
    return value.strftime("%d %b %Y").lstrip("0")


def fmt_month(value: date | datetime, lang: str = "en") -> str:
    if lang == "fi":
        return f"{value.month}/{value.year}"
    return value.strftime("%b %Y")
