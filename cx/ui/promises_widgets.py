"""The promises page's parts: register, one promise's statuses and evidence, editing, files, drafts.

Promise text is data: it reaches the screen only as dataframe cells, st.text or captions built from
the catalogue with the text as a value, never as markdown labels.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from cx import export, present, schema
from cx.commitments import drafts, keeping, register, wording
from cx.commitments.register import Promise
from cx.filters import Filters
from cx.i18n import fmt_date, fmt_month, t
from cx.queries import Minimums
from cx.readers import FileRejected
from cx.team import audit
from cx.ui import auth, data, figures, state

STATUS_COLOURS = {"kept": "#d7ecd9", "broken": "#f6d5d1", "unknown": "#eeeeee"}


def register_table(promises: list[Promise], statuses: dict, lang: str) -> None:
    rows = [{t("promises.col.promise_id", lang): p.promise_id,
             t("promises.col.latest", lang): wording.latest_text(keeping.latest(statuses[p.promise_id]), lang),
             t("promises.col.promise", lang): p.promise,
             t("promises.col.where", lang): wording.where_text(p.touchpoint, p.unit, lang, state.display_labels()),
             t("promises.col.target", lang): f"{wording.metric_name(p.metric, lang)} {wording.target_text(p, lang)}"}
            for p in promises]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def pick(promises: list[Promise], statuses: dict, lang: str) -> Promise:
    """The promise to look at; at first the first one broken in its latest month (the one to talk about)."""
    ids = [p.promise_id for p in promises]
    texts = {p.promise_id: p.promise for p in promises}
    broken = [i for i in ids if any(s.status == "broken" for s in keeping.latest(statuses[i]))]
    chosen = state.bound(st.selectbox, t("promises.pick", lang), ids, key="pr_promise",
                         default=broken[0] if broken else ids[0], name=lambda i, _lang: f"{i} · {texts[i]}")
    return promises[ids.index(chosen)]


def _grid(statuses: list[keeping.MonthStatus], lang: str):
    """Months down, units across (all units last); each cell its status in words, coloured."""
    units = list(dict.fromkeys(s.unit for s in sorted(statuses, key=lambda s: (s.unit is None, str(s.unit)))))
    months = sorted({s.month for s in statuses}, reverse=True)
    cell = {(s.unit, s.month): s for s in statuses}
    text = pd.DataFrame([[wording.status_cell(cell[u, m], lang) if (u, m) in cell else "–" for u in units]
                         for m in months], index=[fmt_month(m, lang) for m in months],
                        columns=[wording.unit_text(u, lang, state.display_labels()) for u in units])
    colour = pd.DataFrame([[f"background-color: {STATUS_COLOURS[cell[u, m].status]}" if (u, m) in cell else ""
                            for u in units] for m in months], index=text.index, columns=text.columns)
    return text.style.apply(lambda _: colour, axis=None)


def promise_status(promise: Promise, statuses: list[keeping.MonthStatus], minimums: Minimums, lang: str) -> None:
    st.subheader(t("promises.status_title", lang))
    if not statuses:
        st.info(t("promises.no_months", lang, start=fmt_month(promise.valid_from, lang)))
        return
    st.dataframe(_grid(statuses, lang), width="stretch")
    st.caption(t("promises.status_help", lang, min_n=minimums.min_n))
    last = keeping.latest(statuses)
    st.caption(t("promises.latest_title", lang, month=fmt_month(last[0].month, lang)))
    st.dataframe(pd.DataFrame([{t("promises.col.unit", lang): wording.unit_text(s.unit, lang, state.display_labels()),
                                t("promises.col.status", lang): t(f"promises.status.{s.status}", lang),
                                t("promises.figure", lang): wording.figure_text(promise, s, lang),
                                t("promises.needed", lang): wording.needed_text(s, lang)} for s in last]),
                 hide_index=True, width="stretch")


def evidence_panel(proof: drafts.Evidence, lang: str) -> None:
    """Pain-point rank, figures and the newest comments (plain cells), and a link to see more."""
    where = wording.where_text(proof.touchpoint, proof.unit, lang, state.display_labels())
    start, end = fmt_date(proof.start, lang), fmt_date(proof.end, lang)
    st.text(t("promises.evidence_scope", lang, where=where, start=start, end=end, rank=proof.rank, ranked=proof.ranked)
            if proof.rank else t("promises.evidence_unranked", lang, where=where, start=start, end=end))
    for row in proof.figures.to_dict("records"):
        st.text(f"{wording.metric_name(row['metric'], lang)}: {present.figure_sentence(row['metric'], row, lang)}")
    if len(proof.comments):
        st.caption(t("promises.evidence_comments", lang))
        st.dataframe(proof.comments[["comment"]].rename(columns={"comment": t("promises.evidence_comments", lang)}),
                     hide_index=True, width="stretch")
    if proof.touchpoint and figures.page_exists("journey"):
        st.page_link(figures.page_path("journey"), label=t("promises.to_journey", lang),
                     query_params=proof.journey_link())


def simulator_link(promise: Promise, lang: str) -> None:
    """One click to the simulator with the promise's touchpoint as the destination of the shift."""
    if promise.touchpoint and figures.page_exists("simulator"):
        st.page_link(figures.page_path("simulator"), label=t("promises.to_simulator", lang),
                     query_params={"rule": "move", "move_to": promise.touchpoint})  # the label is markdown: no data in it


def _problems(problems: list[register.Problem], lang: str) -> None:
    st.dataframe(pd.DataFrame({t("promises.line", lang): [p.line for p in problems],
                               t("promises.reason", lang): [wording.problem_text(p, lang) for p in problems]}),
                 hide_index=True, width="stretch")


def _editor_frame(promises: list[Promise]) -> pd.DataFrame:
    frame = pd.DataFrame([p.row() for p in promises], columns=list(register.COLUMNS))
    frame["valid_from"] = pd.to_datetime(frame["valid_from"])
    return frame


def _editor_columns(workspace: str, promises: list[Promise], lang: str) -> dict:
    def known(column: str) -> list[str]:
        listed = data.choices(workspace, "customer_responses", column)
        return sorted(set(listed) | {getattr(p, column) for p in promises if getattr(p, column)})

    label = {c: t(f"promises.col.{c}", lang) for c in register.COLUMNS}
    return {
        "promise_id": st.column_config.TextColumn(label["promise_id"], required=True),
        "promise": st.column_config.TextColumn(label["promise"], required=True, width="large"),
        "problem": st.column_config.TextColumn(label["problem"], width="medium"),
        "touchpoint": st.column_config.SelectboxColumn(label["touchpoint"], options=known("touchpoint"),
                                                       format_func=lambda v: data.display_label(workspace, "touchpoint", v, lang)),
        "unit": st.column_config.SelectboxColumn(label["unit"], options=known("unit"),
                                                 format_func=lambda v: data.display_label(workspace, "unit", v, lang)),
        "metric": st.column_config.SelectboxColumn(label["metric"], options=schema.PROMISE_METRICS, required=True,
                                                   format_func=lambda m: wording.metric_name(m, lang)),
        "target": st.column_config.NumberColumn(label["target"], required=True),
        "direction": st.column_config.SelectboxColumn(label["direction"], options=schema.DIRECTIONS, required=True,
                                                      format_func=lambda d: t(f"promises.direction.{d}", lang)),
        "valid_from": st.column_config.DateColumn(label["valid_from"], required=True, format="YYYY-MM"),
        "proposed_by": st.column_config.TextColumn(label["proposed_by"]),
    }


def editor(ws, promises: list[Promise], lang: str) -> None:
    """The register as an editable table; saved whole, or not at all while a row has a problem."""
    st.caption(t("promises.edit_help", lang))
    edited = st.data_editor(_editor_frame(promises), num_rows="dynamic", hide_index=True, width="stretch",
                            column_config=_editor_columns(ws.name, promises, lang), key=f"pr_editor_{ws.version()}")
    if st.button(t("promises.save", lang), key="pr_save", disabled=not _may_save(ws)) and \
            (accepted := _checked(edited, lang)) is not None:
        _save(ws, accepted, "edit", replace=True)
        st.toast(t("promises.saved", lang, count=len(accepted)))
        st.rerun()


def _may_save(ws) -> bool:
    return auth.can(ws.name, "save_promise")  # analysts and admins (cx.team.access)


def _save(ws, promises: list[Promise], how: str, replace: bool = False) -> None:
    """The one place the page writes the register: for a user who may, recorded in the audit trail."""
    auth.check(ws.name, "save_promise")
    register.save(ws, promises, replace=replace)
    audit.record(ws, auth.actor(), "save_promise", how, promises=[p.promise_id for p in promises], replace=replace)


def _checked(edited: pd.DataFrame, lang: str) -> list[Promise] | None:
    """The edited rows as promises, or None after showing why not (then nothing is written)."""
    rows = [{k: (v.date() if isinstance(v, pd.Timestamp) else v) for k, v in row.items()}
            for row in edited.to_dict("records")]
    accepted, problems = register.check(rows)
    if problems:
        st.error(t("promises.not_saved", lang))
        _problems(problems, lang)
        return None
    return accepted


def files(ws, promises: list[Promise], lang: str) -> None:
    """Download the register (CSV, XLSX, template); load a file: checked rows first, written on a click."""
    left, mid, right = st.columns(3)
    left.download_button(t("promises.download_csv", lang), register.to_csv(promises), file_name="cx-promises.csv",
                         mime="text/csv", key="pr_csv")
    mid.download_button(t("promises.download_xlsx", lang), register.to_xlsx(promises), file_name="cx-promises.xlsx",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="pr_xlsx")
    right.download_button(t("promises.download_template", lang), lambda: export.template_workbook("promises"),
                          file_name="cx-promises-template.xlsx", key="pr_template",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    upload = st.file_uploader(t("promises.upload", lang), type=["csv", "xlsx", "txt"], key="pr_upload",
                              help=t("promises.upload_help", lang))
    if upload is None:
        return
    try:
        accepted, problems = register.read_file(ws, upload.getvalue(), upload.name)
    except FileRejected as exc:  # its sentence may quote the file: plain text only
        st.error(t("promises.file.unreadable", lang))
        st.text(str(exc))
        return
    except register.RegisterFileError as exc:
        st.error(t(exc.code, lang, **exc.values))
        return
    if not accepted:
        st.error(t("promises.file_none", lang))
    elif problems:
        st.warning(t("promises.file_some", lang, count=len(accepted), bad=len({p.line for p in problems})))
    else:
        st.success(t("promises.file_ok", lang, count=len(accepted)))
    if problems:
        _problems(problems, lang)
    if accepted and st.button(t("promises.load", lang, count=len(accepted)), key="pr_load",
                              disabled=not _may_save(ws)):
        _save(ws, accepted, upload.name)
        st.toast(t("promises.loaded", lang, count=len(accepted)))
        st.rerun()


def draft_panel(ws, filters: Filters, promises: list[Promise], minimums: Minimums, lang: str) -> None:
    """Drafts live in the session until accepted; only accepting writes (register.save)."""
    st.caption(t("promises.drafts_help", lang))
    if st.button(t("promises.propose", lang), key="pr_propose"):
        st.session_state["pr_drafts"] = data.cached(drafts.propose, filters.workspace, filters,
                                                    tuple(p.promise_id for p in promises), minimums, lang)
    proposed: list[drafts.Draft] = st.session_state.get("pr_drafts") or []
    if "pr_drafts" in st.session_state and not proposed:
        st.info(t("promises.no_drafts", lang))
    if not proposed:
        return
    frame = _editor_frame([d.promise for d in proposed])
    frame.insert(0, "accept", False)
    columns = _editor_columns(ws.name, [d.promise for d in proposed], lang)
    columns["accept"] = st.column_config.CheckboxColumn(t("promises.accept_col", lang))
    edited = st.data_editor(frame, hide_index=True, width="stretch", column_config=columns, key="pr_draft_editor")
    for d in proposed:
        with st.expander(f"{t('promises.draft_evidence', lang)}: {t('promises.draft.' + d.basic, lang)}"):
            evidence_panel(d.evidence, lang)
    if st.button(t("promises.accept", lang), key="pr_accept", disabled=not _may_save(ws)):
        _accept(ws, edited, lang)


def _accept(ws, edited: pd.DataFrame, lang: str) -> None:
    ticked = edited[edited["accept"].astype(bool)].drop(columns=["accept"])
    if ticked.empty:
        st.warning(t("promises.nothing_ticked", lang))
        return
    accepted = _checked(ticked, lang)
    if accepted is None:
        return
    _save(ws, accepted, "drafts")
    st.session_state.pop("pr_drafts", None)
    st.toast(t("promises.accepted", lang, count=len(accepted)))
    st.rerun()
