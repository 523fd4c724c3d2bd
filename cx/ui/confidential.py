"""Page pieces of employee confidentiality: which survey rounds a figure counts, and staff comments."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from cx.confidentiality import comments, gate, words
from cx.confidentiality.rounds import Round
from cx.filters import Filters
from cx.i18n import fmt_number, t
from cx.ui import data
from cx.ui.plain import plain


def rounds_caption(container, filters: Filters, lang: str) -> None:
    """Under an employee figure: the whole survey rounds it counts (a date range snaps to them)."""
    rounds = data.cached(gate.rounds_in, filters.workspace, filters)
    container.caption(words.rounds_sentence(rounds, lang), help=t("conf.rounds_rule", lang))


def staff_comments(workspace: str, unit: str | None, rounds: Sequence[Round], shown: bool, lang: str) -> None:
    """The unit's comments in these whole rounds, only where the group is big enough and its figures shown."""
    if unit is None or not rounds:
        return
    st.subheader(t("conf.comments.title", lang))
    minimum = data.minimums(workspace).confidentiality
    found = data.cached(comments.for_group, workspace, (unit,), tuple(rounds), minimum)
    name = plain(unit)  # a unit name from the data inside markdown: shown as typed, never rendered
    if not (shown and found.allowed):
        st.info(t("conf.comments.withheld", lang, minimum=comments.comment_minimum(minimum), unit=name))
        return
    if not found.texts:
        st.caption(t("conf.comments.none", lang, unit=name))
        return
    st.caption(t("conf.comments.caption", lang, unit=name, rounds=words.rounds_list(rounds, lang),
                 count=fmt_number(len(found.texts), lang), minimum=found.minimum))
    st.dataframe(pd.DataFrame({t("conf.comments.column", lang): list(found.texts)}), hide_index=True,
                 width="stretch", key="staff_comments")
