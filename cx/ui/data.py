"""The workspace connection and cached figures for pages.

One DuckDB connection per workspace per process (st.cache_resource), a fresh
cursor per call. Figures are cached by workspace name, data version and
filters, so a filter change recomputes only what changed and an import
invalidates everything at once.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from cx import queries, store
from cx.filters import Filters
from cx.i18n import data_labels
from cx.queries import Minimums


@st.cache_resource(show_spinner=False)
def _workspace(name: str) -> store.Workspace:
    return store.open_workspace(name)


def workspace(name: str) -> store.Workspace:
    """The shared Workspace; reopened if it was closed (rename, delete, tests).

    Only for a user on it: a URL or a stale session naming another workspace gets a refusal.
    """
    from cx.ui import auth

    auth.check(name, "read")
    ws = _workspace(name)
    if ws.closed:
        _workspace.clear()
        ws = _workspace(name)
    return ws


def forget_workspace() -> None:
    """Drop cached connections and figures (after rename or delete)."""
    _workspace.clear()
    st.cache_data.clear()


def cursor(filters: Filters):
    return workspace(filters.workspace).cursor()


def version(name: str) -> str:
    """The cache key of the workspace's data: a new one after every import, undo or rebuild."""
    return workspace(name).cache_key()


def minimums(name: str) -> Minimums:
    return Minimums.of(workspace(name))


@st.cache_data(show_spinner=False, max_entries=512)
def _metric_table(name: str, version_: str, filters: Filters, metric: str, by: tuple,
                  ignore: tuple) -> pd.DataFrame:
    ws = workspace(name)
    return queries.metric_table(ws.cursor(), filters, metric, by, Minimums.of(ws), ignore)


def metric_table(filters: Filters, metric: str, by: Sequence[str] = (),
                 ignore: Sequence[str] = ()) -> pd.DataFrame:
    """Cached `queries.metric_table` for the filters' workspace."""
    name = filters.workspace
    return _metric_table(name, version(name), filters, metric, tuple(by), tuple(ignore))


@st.cache_data(show_spinner=False, max_entries=512)
def _compare(name: str, version_: str, filters: Filters, metric: str, by: tuple,
             comparison: Filters | None) -> pd.DataFrame:
    ws = workspace(name)
    return queries.compare_periods(ws.cursor(), filters, metric, by, comparison, Minimums.of(ws))


def compare_periods(filters: Filters, metric: str, by: Sequence[str] = (),
                    comparison: Filters | None = None) -> pd.DataFrame:
    name = filters.workspace
    return _compare(name, version(name), filters, metric, tuple(by), comparison)


@st.cache_data(show_spinner=False, max_entries=512)
def _trend(name: str, version_: str, filters: Filters, metric: str, grain: str, by: tuple) -> pd.DataFrame:
    ws = workspace(name)
    return queries.trend(ws.cursor(), filters, metric, grain, by, Minimums.of(ws))


def trend(filters: Filters, metric: str, grain: str = "month", by: Sequence[str] = ()) -> pd.DataFrame:
    name = filters.workspace
    return _trend(name, version(name), filters, metric, grain, tuple(by))


@st.cache_data(show_spinner=False, max_entries=256)
def _choices(name: str, version_: str, table: str, column: str) -> list[str]:
    return queries.distinct_values(workspace(name).cursor(), table, column)


def choices(name: str, table: str, column: str) -> list[str]:
    """Distinct values of a column, for filter widgets."""
    return _choices(name, version(name), table, column)


@st.cache_data(show_spinner=False, max_entries=64)
def _span(name: str, version_: str, table: str):
    return queries.date_span(workspace(name).cursor(), table)


def date_span(name: str, table: str = "customer_responses"):
    return _span(name, version(name), table)


def cached(func, name: str, *args):
    """Run `func(cursor, *args)` cached by workspace, data version and arguments.

    For page-specific cx functions (journey, linkage, simulator): the arguments
    must be hashable (Filters is).
    """
    return _cached_call(func.__module__, func.__qualname__, name, version(name), args)


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached_call(module: str, qualname: str, name: str, version_: str, args: tuple):
    import importlib

    func = importlib.import_module(module)
    for part in qualname.split("."):
        func = getattr(func, part)
    return func(workspace(name).cursor(), *args)


def display_labels(name: str) -> dict:
    """The workspace's display labels per language (see cx.i18n.data_labels); {} when it has none."""
    if not store.exists(name):
        return {}
    return workspace(name).settings().get(data_labels.SETTING) or {}


def display_label(name: str, kind: str, value, lang: str) -> str:
    """How a stored value (a touchpoint, stage, channel, ...) reads in `lang` in this workspace."""
    return data_labels.label(display_labels(name), kind, value, lang)
