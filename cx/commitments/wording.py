"""Promises, their statuses and signals as text, in either language: pages and the command line share it."""
from __future__ import annotations

from collections.abc import Mapping

from cx import present, schema
from cx.commitments.keeping import STATUSES, MonthStatus
from cx.commitments.register import Problem, Promise
from cx.commitments.signals import Signal
from cx.i18n import fmt_month, fmt_number, t
from cx.i18n.data_labels import label

# `labels` below are a workspace's display labels (cx.i18n.data_labels): stored names read in the
# page's language. The command line passes none and prints names as stored.


def metric_name(metric: str, lang: str) -> str:
    return t(f"metric.{metric}", lang)


def value_text(metric: str, value, lang: str) -> str:
    if metric in schema.OUTCOME_COLUMNS:
        return fmt_number(value, lang, 0)
    return present.value_text(metric, value, lang)


def target_text(promise: Promise, lang: str) -> str:
    return t("promises.target_text", lang, direction=t(f"promises.direction.{promise.direction}", lang),
             target=value_text(promise.metric, promise.target, lang))


def where_text(touchpoint: str | None, unit: str | None, lang: str, labels: Mapping | None = None) -> str:
    place = label(labels or {}, "touchpoint", touchpoint, lang) if touchpoint else t("promises.whole_journey", lang)
    return f"{place} · {label(labels or {}, 'unit', unit, lang) if unit else t('promises.every_unit', lang)}"


def unit_text(unit: str | None, lang: str, labels: Mapping | None = None) -> str:
    return label(labels or {}, "unit", unit, lang) if unit is not None else t("promises.all_units", lang)


def status_cell(s: MonthStatus, lang: str) -> str:
    """A grid cell: 'kept', 'broken', 'not yet known · 87', 'too few (12) · 30', 'no answers'."""
    if s.reason == "no_answers":
        return t("promises.cell.no_answers", lang)
    if s.reason == "too_few":
        return t("promises.cell.too_few", lang, n=fmt_number(s.n, lang), needed=fmt_number(s.answers_needed, lang))
    if s.status == "unknown":
        if s.answers_needed is None:
            return t("promises.cell.unknown_open", lang)
        return t("promises.cell.unknown", lang, needed=fmt_number(s.answers_needed, lang))
    return t(f"promises.status.{s.status}", lang)


def figure_text(promise: Promise, s: MonthStatus, lang: str) -> str:
    """The figure behind a status: value with its interval and n, a count, or why there is none."""
    if promise.metric in schema.OUTCOME_COLUMNS:
        return t("promises.count_figure", lang, value=value_text(promise.metric, s.value, lang))
    if s.value is None:
        return t("promises.cell.no_answers", lang) if s.reason == "no_answers" else \
            f"{present.status_text('too_few', lang)} (n = {fmt_number(s.n, lang)})"
    return present.figure_sentence(promise.metric, {"status": "ok", "value": s.value, "low": s.low, "high": s.high,
                                                    "n": s.n}, lang)


def needed_text(s: MonthStatus, lang: str) -> str:
    if s.status != "unknown" or s.reason == "no_answers":
        return "–"
    return fmt_number(s.answers_needed, lang) if s.answers_needed is not None else t("promises.needed_never", lang)


def counts_text(statuses: list[MonthStatus], lang: str) -> str:
    """'2 kept · 1 broken': the statuses that occur, in the order kept, broken, not yet known."""
    counts = [(sum(1 for s in statuses if s.status == k), k) for k in STATUSES]
    return " · ".join(f"{n} {t('promises.status.' + k, lang)}" for n, k in counts if n)


def latest_text(statuses: list[MonthStatus], lang: str) -> str:
    """The latest month in a word or three: its month and the statuses of its units."""
    if not statuses:
        return "–"
    month = fmt_month(statuses[0].month, lang)
    if len(statuses) == 1:
        return f"{month}: {t('promises.status.' + statuses[0].status, lang)}"
    return f"{month}: {counts_text(statuses, lang)}"


def problem_text(problem: Problem, lang: str) -> str:
    values = dict(problem.values)
    if "column" in values:
        values["column"] = t(f"promises.col.{values['column']}", lang)
    return t(problem.code, lang, **values)


def signal_where(s: Signal, lang: str, labels: Mapping | None = None) -> str:
    unit = label(labels or {}, "unit", s.unit, lang) if s.unit else t("signals.all_units", lang)
    return f"{label(labels or {}, 'touchpoint', s.touchpoint, lang)} · {unit}"


def signal_change(s: Signal, lang: str) -> str:
    if s.change is None:
        return "–"
    interval = present.interval_text(s.metric, s.change_low, s.change_high, lang)
    return f"{present.change_text(s.metric, s.change, lang)} ({interval})"


def early_text(s: Signal, lang: str) -> str:
    """Whether an effort or first-contact signal came before NPS at the same place."""
    if not s.early:
        return t("signals.early.none", lang)
    if s.nps_since is None:
        return t("signals.early.not_yet", lang)
    if s.nps_since > s.since:
        return t("signals.early.before", lang, month=fmt_month(s.nps_since, lang))
    if s.nps_since == s.since:
        return t("signals.early.same", lang)
    return t("signals.early.after", lang, month=fmt_month(s.nps_since, lang))


def window_text(window, lang: str) -> str:
    return f"{fmt_month(window[0], lang)} – {fmt_month(window[1], lang)}" if window else "–"
