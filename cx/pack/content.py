"""What goes into a workshop pack: the view's context, tables as text, and chart specs."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from cx import headlines, journey, overview, present
from cx.filters import Filters, where_sql
from cx.i18n import data_labels, fmt_date, fmt_number, t
from cx.pack import charts
from cx.queries import Minimums

DIMENSIONS = ("segment", "channel", "unit", "level", "method", "touchpoint", "stage")


@dataclass(frozen=True)
class Context:
    """What every slide and sheet states about the view."""

    workspace: str
    filters: str  # "Unit: Tampere · Channel: Phone" or "no filters"
    period: str  # "1.8.2026 – 31.10.2026"
    n: int  # customer answers in the view
    made: date
    lang: str

    def line(self) -> str:
        lang = self.lang
        return " · ".join([f"{t('pack.workspace', lang)}: {self.workspace}",
                           f"{t('pack.filters', lang)}: {self.filters}",
                           f"{t('pack.period', lang)}: {self.period}",
                           f"{t('pack.n', lang)} = {fmt_number(self.n, lang)}",
                           t("pack.made", lang, date=fmt_date(self.made, lang))])


@dataclass(frozen=True)
class Table:
    """A titled table of text cells (numbers already formatted for the language)."""

    title: str
    sheet: str
    header: list[str]
    rows: list[list[str]]
    chart: dict | None = None  # a Vega-Lite spec for the deck, if the table has one


@dataclass(frozen=True)
class Pack:
    context: Context
    title: str
    tables: list[Table] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the lead's sentences, for its own slide


def namer(settings: dict):
    labels = settings.get(data_labels.SETTING) or {}
    return lambda kind, value, lang: data_labels.label(labels, kind, value, lang)


def answers(cur, filters: Filters) -> int:
    where, params = where_sql(filters)
    return int(cur.execute("SELECT count(*) FROM customer_responses " + where, params).fetchone()[0])


def filter_text(filters: Filters, name, lang: str) -> str:
    parts = []
    for dim in DIMENSIONS:
        chosen = getattr(filters, dim)
        if chosen:
            shown = [t(f"{dim}.{v}", lang) if dim in ("level", "method") else name(dim, v, lang) for v in chosen]
            parts.append(f"{t(f'dim.{dim}', lang)}: {', '.join(shown)}")
    return " · ".join(parts) or t("pack.no_filters", lang)


def context(cur, filters: Filters, name, lang: str, made: date) -> Context:
    return Context(filters.workspace, filter_text(filters, name, lang),
                   f"{fmt_date(filters.start, lang)} – {fmt_date(filters.end, lang)}", answers(cur, filters), made, lang)


def _figure(metric: str, row: dict | None, lang: str) -> list[str]:
    if not row or row.get("status") != "ok":
        status = present.status_text((row or {}).get("status", "too_few"), lang) or "–"
        return [status, "–", fmt_number((row or {}).get("n") or 0, lang), "–", "–"]
    significant = row.get("significant")
    return [present.value_text(metric, row["value"], lang), present.interval_text(metric, row["low"], row["high"], lang),
            fmt_number(row["n"], lang), present.change_text(metric, row.get("change"), lang),
            t("figure.sig_yes" if significant else "figure.sig_no", lang)]


def _figure_header(lang: str) -> list[str]:
    return [t("figure.value", lang), t("figure.interval", lang), t("figure.n", lang), t("figure.change", lang),
            t("figure.significant", lang)]


def tiles_table(cur, filters: Filters, minimums: Minimums, lang: str) -> Table:
    rows = [[" · ".join(filter(None, [t(tile["tile"], lang), overview.pooled_note(tile["row"], lang)])),
             *_figure(tile["metric"], tile["row"], lang)] for tile in overview.headline(cur, filters, minimums)]
    return Table(t("pack.slide.tiles", lang), t("pack.sheet.tiles", lang), ["", *_figure_header(lang)], rows)


def journey_table(cur, filters: Filters, minimums: Minimums, name, lang: str, metric: str = "nps") -> Table:
    view = journey.journey_map(cur, filters, metric, "previous", minimums)
    table = view.table
    rows = [[name("stage", r["stage"], lang), name("touchpoint", r["touchpoint"], lang), t(f"method.{r['method']}", lang),
             *_figure(metric, r, lang)] for r in table.to_dict("records")]
    header = [t("dim.stage", lang), t("dim.touchpoint", lang), t("dim.method", lang), *_figure_header(lang)]
    return Table(t("pack.slide.journey", lang, metric=t(f"metric.{metric}", lang)), t("pack.sheet.journey", lang),
                 header, rows, charts.journey_dots(table, metric, name, lang))


def _share(share, low, high, n, lang: str) -> str:
    if not n:
        return t("journey.not_asked", lang)
    if share is None or pd.isna(share):
        return t("figure.too_few", lang)
    return f"{present.value_text('csat', share, lang)} ({present.interval_text('csat', low, high, lang)})"


def pain_table(cur, filters: Filters, minimums: Minimums, name, lang: str) -> Table:
    table = journey.pain_points(cur, filters, minimums)
    rows = [[name("touchpoint", r["touchpoint"], lang),
             "–" if r["unhappy"] is None or pd.isna(r["unhappy"]) else fmt_number(r["unhappy"], lang),
             "–" if r["volume"] is None or pd.isna(r["volume"]) else fmt_number(r["volume"], lang),
             _share(r["detractor_share"], r["detractor_low"], r["detractor_high"], r["n"], lang),
             "–" if not r["n"] else fmt_number(r["n"], lang)] for r in table.to_dict("records")]
    header = [t("dim.touchpoint", lang), t("journey.col.unhappy", lang), t("journey.col.volume", lang),
              t("journey.col.detractor_share", lang), t("figure.n", lang)]
    return Table(t("pack.slide.pain", lang), t("pack.sheet.pain", lang), header, rows)


def drivers_table(cur, filters: Filters, minimums: Minimums, lang: str) -> Table | None:
    view = journey.drivers(cur, filters, "relationship_nps", minimums)
    if view.status != "ok" or view.drivers.empty:
        return None
    rows = [[t(f"metric.{r['driver']}", lang), f"{fmt_number(r['share'], lang)} %",
             f"{fmt_number(r['low'], lang)} … {fmt_number(r['high'], lang)}",
             present.value_text("ease", r["mean"], lang), t(f"journey.quadrant.{r['quadrant']}", lang)]
            for r in view.drivers.to_dict("records")]
    header = [t("journey.driver", lang), t("journey.importance", lang), t("figure.interval", lang),
              t("journey.performance", lang), t("journey.quadrant", lang)]
    return Table(t("pack.slide.drivers", lang), t("pack.sheet.drivers", lang), header, rows)


def build(cur, settings: dict, filters: Filters, minimums: Minimums, lang: str, made: date | None = None) -> Pack:
    """Everything the deck and the workbook show for one view."""
    name = namer(settings)
    made = made or date.today()
    found = headlines.changes(cur, filters, minimums)
    lines = [headlines.change_sentence(f, name, lang) for f in found] or [t("headline.none", lang)]
    tables = [tiles_table(cur, filters, minimums, lang), journey_table(cur, filters, minimums, name, lang),
              pain_table(cur, filters, minimums, name, lang)]
    drivers = drivers_table(cur, filters, minimums, lang)
    if drivers:
        tables.append(drivers)
    return Pack(context(cur, filters, name, lang, made), f"cx · {filters.workspace}", tables, lines)
