"""Display labels for data values (touchpoints, stages, channels, segments, units, roles) per language.

A stored value such as the touchpoint "Complaint handling" is the code: it is what
filters, URLs, exports and the command line use, in every language. What a person
reads can differ by language, so a workspace may hold labels for its values in its
`display_labels` setting:

    {"fi": {"touchpoint": {"Complaint handling": "Reklamaatioiden käsittely"}, ...},
     "en": {"channel": {"web": "Web", ...}}}

A value without a label is shown as stored (uploaded text is never translated by
guessing). The setting is plain JSON in `cx_settings`: no contract table changes.
"""
from __future__ import annotations

from collections.abc import Mapping

SETTING = "display_labels"
KINDS = ("touchpoint", "stage", "channel", "segment", "unit", "role")


def label(labels: Mapping, kind: str, value, lang: str) -> str:
    """The label of a stored value in `lang`, or the value itself when the workspace has none."""
    if value is None:
        return "–"
    text = str(value)
    return str(labels.get(lang, {}).get(kind, {}).get(text, text))


def clean(labels: Mapping) -> dict:
    """Labels as plain strings in known kinds only (what `set_labels` stores)."""
    out: dict = {}
    for lang, kinds in (labels or {}).items():
        for kind, pairs in (kinds or {}).items():
            if kind in KINDS:
                out.setdefault(str(lang), {})[kind] = {str(k): str(v) for k, v in (pairs or {}).items()}
    return out


def merged(old: Mapping, new: Mapping) -> dict:
    """`old` with `new`'s labels added or replaced, kind by kind."""
    out = clean(old)
    for lang, kinds in clean(new).items():
        for kind, pairs in kinds.items():
            out.setdefault(lang, {}).setdefault(kind, {}).update(pairs)
    return out


def set_labels(ws, labels: Mapping) -> None:
    """Add display labels to a workspace (kept beside its data, bumped with its version)."""
    ws.set_setting(SETTING, merged(ws.settings().get(SETTING) or {}, labels))
