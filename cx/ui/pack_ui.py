"""Download buttons for the workshop pack: this view's deck and workbook, and one deck per unit."""
from __future__ import annotations

from datetime import date

import streamlit as st

from cx.filters import Filters
from cx.i18n import t
from cx.pack import content, deck, workbook
from cx.team import actions
from cx.ui import auth, data

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def build(filters: Filters, lang: str) -> content.Pack:
    ws = data.workspace(filters.workspace)
    return content.build(ws.cursor(), ws.settings(), filters, data.minimums(filters.workspace), lang, date.today())


def unit_decks(filters: Filters, lang: str) -> bytes:
    """One deck per unit (the chosen units, or every unit), from the same template."""
    units = list(filters.unit) or data.choices(filters.workspace, "customer_responses", "unit")
    return deck.decks_zip(units, lambda unit: deck.deck_bytes(build(filters.with_(unit=(unit,)), lang)))


def _recorded(make, filters: Filters, user, what: str):
    """`make()`, with the download recorded in the workspace's audit trail as it is built."""
    def built() -> bytes:
        content_ = make()
        actions.record_export(data.workspace(filters.workspace), user, what, **{
            k: str(v) for k, v in filters.active().items()})
        return content_
    return built


def render(filters: Filters, lang: str) -> None:
    """Built when clicked (a deck takes about a second), so the page itself stays fast."""
    if not auth.can(filters.workspace, "export"):
        return
    st.caption(t("pack.help", lang))
    name = f"cx-{filters.workspace}"
    user = auth.actor()  # the file is built when the button is pressed, outside this run: who pressed it is fixed now
    st.download_button(t("pack.deck", lang), _recorded(lambda: deck.deck_bytes(build(filters, lang)), filters, user,
                                                       f"{name}.pptx"), f"{name}.pptx", PPTX,
                       on_click="ignore", key="pack_deck", icon=":material/slideshow:")
    st.download_button(t("pack.workbook", lang), _recorded(lambda: workbook.workbook_bytes(build(filters, lang)),
                                                           filters, user, f"{name}.xlsx"),
                       f"{name}.xlsx", XLSX, on_click="ignore", key="pack_workbook", icon=":material/table:")
    st.download_button(t("pack.per_unit", lang), _recorded(lambda: unit_decks(filters, lang), filters, user,
                                                           f"{name}-units.zip"), f"{name}-units.zip",
                       "application/zip", on_click="ignore", key="pack_units", icon=":material/folder_zip:")
