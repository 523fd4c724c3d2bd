"""The overview's lead: what changed and matters, and the page verdicts, each one click from its view.

Sentences hold data (touchpoint and unit names), so they are drawn with `st.text`
(never markdown); the link beside each carries the view's URL codes.
"""
from __future__ import annotations

import streamlit as st

from cx import headlines, journey, linkage, measurement
from cx.i18n import t
from cx.ui import data, figures

EMPLOYEE_CANDIDATES = linkage.EMPLOYEE_CHOICES  # the lead names the one most clearly tied to NPS


def _namer(workspace: str) -> headlines.Namer:
    return lambda kind, value, lang: data.display_label(workspace, kind, value, lang)


def strongest_link(filters, minimums) -> tuple[str, linkage.View] | None:
    """The employee measure whose unit figures move most closely with customer NPS (largest |Pearson r|).

    Stated with the page's own verdict, which says when six units cannot confirm a link.
    """
    best = None
    for employee in EMPLOYEE_CANDIDATES:
        view = data.cached(linkage.view, filters.workspace, filters, "nps", employee, 0, minimums)
        r = getattr(view.scatter.pearson, "r", None)
        if r is not None and r == r and (best is None or abs(r) > abs(best[1].scatter.pearson.r)):
            best = (employee, view)
    return best


def linkage_sentence(employee: str, view: linkage.View, workspace: str, lang: str) -> str:
    sc = view.scatter
    weak = [data.display_label(workspace, "unit", u, lang)
            for u, q in zip(sc.points["unit"], sc.points["quadrant"], strict=True) if q == "both_weak"]
    return t("headline.linkage", lang, employee=t(f"metric.{employee}", lang), n=len(sc.points),
             r=linkage.correlation_text(sc.pearson, lang), verdict=t(f"headline.verdict.{sc.verdict}", lang),
             weak=", ".join(weak) or "–")


def _line(text: str, page: str, query: dict, lang: str) -> None:
    left, right = st.columns([7, 1], vertical_alignment="center")
    left.text(text)
    if figures.page_exists(page):
        right.page_link(figures.page_path(page), label=t("headline.open", lang), icon=":material/arrow_forward:",
                        query_params=query)


def render(filters, lang: str) -> None:
    """Changes first (most contacts touched), then the link, measurement and driver verdicts."""
    minimums = data.minimums(filters.workspace)
    ws = filters.workspace
    st.subheader(t("headline.title", lang))
    st.caption(t("headline.help", lang))
    found, count = data.cached(headlines.lead, ws, filters, minimums)
    figures.comparisons_caption(st, count, lang)
    if not found:
        st.text(t("headline.none", lang))
    for finding in found:
        _line(headlines.change_sentence(finding, _namer(ws), lang), finding.page, finding.query, lang)
    st.subheader(t("headline.stories", lang))
    link = strongest_link(filters, minimums)
    if link:
        employee, view = link
        _line(linkage_sentence(employee, view, ws, lang), "linkage", {"linkage_employee": employee}, lang)
    frame = data.cached(measurement.simulation_frame, ws, filters, "survey")
    moved = headlines.measurement(frame)
    if moved:
        _line(headlines.measurement_sentence(moved, _namer(ws), lang), "simulator", moved.query, lang)
    drivers = data.cached(journey.drivers, ws, filters, "relationship_nps", minimums)
    if drivers.status == "ok" and len(drivers.drivers):
        _line(headlines.driver_sentence(drivers.drivers, lang), "journey", {"outcome": "relationship_nps"}, lang)
