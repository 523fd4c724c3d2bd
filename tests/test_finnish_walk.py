"""Whole Finnish (issue 16, point 5): every rendered text of every page, in Finnish, holds no English.

Walks every element AppTest renders (titles, captions, texts, alerts, widget labels and
options, metric tiles, table headers and cells, tab and expander labels, and the strings
inside every chart spec) and looks for English catalogue text and for the demo's English
names of stages, touchpoints, channels and segments, which have Finnish display labels.
Free text people wrote (customers' comments; the promise register's promise, problem and
proposer) is data and is left as written; so are the cells of an editable table, which hold the
stored values being edited (its headers and choices are labelled in the browser by column_config).
"""
from __future__ import annotations

import json
import re
import string

import pytest

from cx import demo, schema
from cx.i18n import catalogues
from cx.ui.frame import PAGES, ROOT

PAGE_NAMES = [file.split("/")[-1].removesuffix(".py") for _, file, _, _ in PAGES if (ROOT / file).exists()]
IGNORED = {"Language / Kieli"}  # the switch names itself in both languages on purpose
PROPER_NAMES = {"Pearson", "Spearman"}  # the correlations' names, the same in Finnish
WIDGETS = {"Selectbox", "Multiselect", "Radio", "ButtonGroup", "Slider", "SelectSlider", "NumberInput", "TextInput",
           "DateInput", "Checkbox", "Toggle"}  # their .value is the chosen code; people read .options


def _fragments(text: str) -> list[str]:
    """The literal parts of a catalogue text between its {placeholders}."""
    return [part for part, *_ in string.Formatter().parse(text) if part]


def english_only() -> tuple[set[str], set[str]]:
    """(phrases, words): English catalogue text not shared with Finnish, and the demo's English names."""
    cats = catalogues()
    finnish = set(cats["fi"].values())
    phrases, exact = set(), set()
    for key, text in cats["en"].items():
        if text == cats["fi"].get(key) or text in finnish:
            continue
        for part in _fragments(text):
            part = part.strip(" .,:;()·–-")
            if len(part) >= 14 and " " in part:
                phrases.add(part)
            elif len(part) >= 4 and part not in finnish and part not in PROPER_NAMES:
                exact.add(part)
    for kinds in demo.LABELS["fi"].values():
        exact |= {english for english, finnish_ in kinds.items() if english != finnish_}
    return phrases, exact


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


SHOWN_CHANNELS = ("x", "y", "text", "tooltip", "row", "column", "color", "shape", "facet")


def _shown_fields(spec) -> set[str]:
    """Data fields a chart draws as text: axes, marks' text, tooltips, legends and facet headers.

    Other fields (the code a click selects) are in the data but never on screen.
    """
    found: set[str] = set()
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("encoding", "facet") and isinstance(value, dict):
                for channel, encoded in value.items():
                    if channel in SHOWN_CHANNELS or key == "facet":
                        for item in encoded if isinstance(encoded, list) else [encoded]:
                            if not isinstance(item, dict) or not isinstance(item.get("field"), str):
                                continue
                            if channel in ("color", "shape") and "legend" in item and not item["legend"]:
                                continue  # a colour without a legend shows no text
                            found.add(item["field"])
            found |= _shown_fields(value)
    elif isinstance(spec, list):
        for item in spec:
            found |= _shown_fields(item)
    return found


def _without_data(spec):
    if isinstance(spec, dict):
        return {k: _without_data(v) for k, v in spec.items() if k not in ("data", "datasets", "config")}
    if isinstance(spec, list):
        return [_without_data(v) for v in spec]
    return spec


def _rows(spec):
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "data" and isinstance(value, dict):
                yield from value.get("values") or []
            elif key == "datasets" and isinstance(value, dict):
                for rows in value.values():
                    yield from rows
            else:
                yield from _rows(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from _rows(item)


def _chart_strings(node) -> list[str]:
    spec = getattr(getattr(node, "proto", None), "spec", "")
    if not spec:
        return []
    parsed = json.loads(spec)
    fields = _shown_fields(parsed)
    shown = [row[f] for row in _rows(parsed) if isinstance(row, dict) for f in fields if isinstance(row.get(f), str)]
    # Outside the data: titles and words; field names, types, colours and formats are Vega's vocabulary.
    words = [s for s in _strings(_without_data(parsed)) if " " in s and s not in fields]
    return shown + words


def shown_texts(at) -> list[str]:
    """Every text a person can read on the rendered page."""
    texts: list[str] = []

    def walk(node):
        kind = type(node).__name__
        if kind == "Markdown":
            if not str(node.value).lstrip().startswith("<style>"):  # the frame's own CSS is not shown
                texts.append(node.value)
        else:
            attrs = ("label", "help", "placeholder") if kind in WIDGETS else ("value", "label", "body", "help")
            texts.extend(v for attr in attrs
                         if isinstance(v := getattr(node, attr, None), str))
        if kind == "Metric":
            texts.extend([str(node.value), str(node.delta or "")])
        if kind in ("Selectbox", "Multiselect", "Radio", "ButtonGroup"):
            texts.extend(str(o) for o in getattr(node, "options", []))
        if kind == "Dataframe" and _editable(node):
            pass
        elif kind == "Dataframe":
            frame = node.value
            texts.extend(str(c) for c in frame.columns)
            for column in frame.columns:
                if column not in _COMMENT_COLUMNS:
                    texts.extend(v for v in frame[column].tolist() if isinstance(v, str))
        if kind == "UnknownElement":
            texts.extend(_chart_strings(node))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    written = _written_by_people()
    return [t for t in texts if t and t not in IGNORED and not any(w in t for w in written)]


def _editable(node) -> bool:
    """A data_editor (its cells are the stored values being edited), not a read-only table."""
    return bool(getattr(getattr(node, "proto", None), "editing_mode", 0))


def _written_by_people() -> set[str]:
    """The demo register's own words: promises, problems and who proposed them."""
    columns = schema.PROMISES.column_names
    texts = set()
    for row in demo.PROMISES:
        record = dict(zip(columns, row, strict=True))
        texts |= {str(record[k]) for k in ("promise", "problem", "proposed_by") if record.get(k)}
    return texts


_COMMENT_COLUMNS = {"Kommentti"}  # customers' own words, shown as written


def english_in(texts: list[str]) -> list[str]:
    phrases, exact = english_only()
    found = []
    for text in texts:
        hits = [p for p in phrases if p in text] + [w for w in exact if w == text.strip() or
                                                     re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
        found += [f"{h!r} in {text[:120]!r}" for h in hits]
    return sorted(set(found))


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_every_page_in_finnish_has_no_english_text(app, page):
    at = app(page, lang="fi", period="last_12m")
    assert not at.exception
    assert english_in(shown_texts(at)) == []


def test_the_journey_drill_down_in_finnish_has_no_english_text(app):
    at = app("journey", lang="fi", period="last_12m", tp="Complaint handling", dim="unit")
    assert not at.exception
    assert english_in(shown_texts(at)) == []


def test_the_simulator_results_in_finnish_have_no_english_text(app):
    at = app("simulator", lang="fi")
    at.button(key="sim_backtest").click()
    at.run()
    assert english_in(shown_texts(at)) == []


def test_the_walk_finds_english_where_there_is_some(app):
    """The check itself can fail: the English page is full of English catalogue text."""
    at = app("journey", lang="en")
    assert english_in(shown_texts(at))
