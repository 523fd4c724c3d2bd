"""Figures as text for people: one place that formats values, intervals and changes.

Pages, tiles, tables and exports all call these, so "NPS 23 (95% 17 to 29), n = 412"
reads the same everywhere and in both languages.
"""
from __future__ import annotations

import math

from cx import metrics as m
from cx.i18n import fmt_number, fmt_signed, t


def decimals(metric: str) -> int:
    return 0 if m.get(metric).kind in ("nps", "share") else 2


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def value_text(metric: str, value, lang: str = "en") -> str:
    """"23", "81 %", "5,42" — the figure alone, with its unit for shares."""
    if _missing(value):
        return "–"
    text = fmt_number(value, lang, decimals(metric))
    return text + (" %" if m.get(metric).kind == "share" else "")


def interval_text(metric: str, low, high, lang: str = "en") -> str:
    if _missing(low) or _missing(high):
        return "–"
    d = decimals(metric)
    return f"{fmt_number(low, lang, d)} … {fmt_number(high, lang, d)}"


def change_text(metric: str, change, lang: str = "en") -> str:
    if _missing(change):
        return "–"
    unit = t("unit.points", lang) if m.get(metric).kind in ("nps", "share") else ""
    d = decimals(metric)
    shown = fmt_number(0, lang, d) if round(change, d) == 0 else fmt_signed(change, lang, d)  # never "−0"
    return f"{shown} {unit}".strip()


def status_text(status: str, lang: str = "en") -> str:
    return {"too_few": t("figure.too_few", lang), "suppressed": t("figure.suppressed", lang),
            "none": t("conf.none", lang)}.get(status, "")


def figure_sentence(metric: str, row: dict, lang: str = "en") -> str:
    """One line with value, interval and n, or the reason there is no value."""
    if row.get("status") != "ok":
        n = row.get("n")
        reason = status_text(row.get("status", ""), lang)
        return reason if n is None else f"{reason} (n = {fmt_number(n, lang)})"
    return t("figure.sentence", lang, value=value_text(metric, row["value"], lang),
             interval=interval_text(metric, row["low"], row["high"], lang), n=fmt_number(row["n"], lang))


def change_style(change, significant: bool, higher_is_better: bool = True) -> tuple[str, str]:
    """(colour, arrow) for a change badge. Chosen from the number, not the text: the text uses a
    typographic minus, which Streamlit would read as a rise. Higher is better for every metric in
    the contract (CES 7 = very easy), so a significant rise is green and a significant fall red;
    for costs and margins of error lower is better. A change within noise is grey with no arrow."""
    if not significant or _missing(change) or change == 0:
        return "gray", "off"
    arrow = "up" if change > 0 else "down"
    return ("green" if (change > 0) == higher_is_better else "red"), arrow
