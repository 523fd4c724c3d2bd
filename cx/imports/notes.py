"""Notes and reasons of the import steps as catalogue codes with values (cx/i18n/catalog_imports.py),
so the wizard shows them in Finnish and the command line in English, from one place."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from cx.i18n import t
from cx.i18n.messages import _shown
from cx.imports.read import FileRejected


@dataclass(frozen=True)
class Note:
    """One thing an import step decided or found: `code` in catalog_imports, `values` to fill it."""

    code: str
    values: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        if self.code == WRITTEN:  # a sentence a step wrote in English: in Finnish by its shape
            return translate(str(self.values["text"]), lang)
        values = {k: v.text(lang) if isinstance(v, Note) else v for k, v in self.values.items()}
        return t(self.code, lang, **_shown(values, lang))

    def __str__(self) -> str:
        return self.text("en")


WRITTEN = "imports.note.as_written"


def note(code: str, **values) -> Note:
    return Note(code, values)


def written(text: str) -> Note:
    """A note a step wrote as an English sentence (the reader's, the check's), shown in either language."""
    return Note(WRITTEN, {"text": text})


class ImportRefused(FileRejected):
    """A file the pipeline will not load as it stands (a column it cannot read, say): a FileRejected
    (the command line exits 2) whose sentence is a catalogue code, shown in either language."""

    def __init__(self, code: str, **values):
        self.note = Note("imports.refused." + code, values)
        self.unreadable: list = []  # check.Unreadable per column, when that is why
        super().__init__(self.note.text("en"), code)

    def text(self, lang: str) -> str:
        return self.note.text(lang)


# -- the steps' English sentences in Finnish ------------------------------------------------------------
# The reader and the check write their notes and row reasons as English sentences (the command line,
# the import log and the contract's JSON carry them as they are). The wizard shows them in the user's
# language: each sentence shape is a catalogue entry, its parts filled from the English text.

_SHAPES: tuple[tuple[str, str], ...] = (
    (r"Detected delimiter (?P<delimiter>.+?) and decimal point\.", "imports.x.delimiter_point"),
    (r"Detected delimiter (?P<delimiter>.+?) and decimal comma\.", "imports.x.delimiter_comma"),
    (r"Detected decimal point\.", "imports.x.point"),
    (r"Detected decimal comma\.", "imports.x.comma"),
    (r"Read (?P<n>[\d,]+) JSON records as rows, one column per field\.", "imports.x.json"),
    (r"The header is on row (?P<row>\d+); the rows above it were skipped\.", "imports.x.header_row"),
    (r"Skipped (?P<rows>\d+) rows? after the header that belong to the header \(question text, ids or answer "
     r"labels\), not to the answers\.", "imports.x.skip_rows"),
    (r"The file is not UTF-8; read it as (?P<codec>.+)\.", "imports.x.not_utf8"),
    (r"The file mixes UTF-8 and Windows-1252 text: lines? (?P<lines>.+?) of the file (?:were|was) read as "
     r"Windows-1252, the rest as UTF-8\.", "imports.note.mixed_encoding"),
    (r"Named (?P<n>\d+) columns? from the second header row, where the first is blank: (?P<names>.+)\.",
     "imports.x.named_columns"),
    (r"(?P<n>[\d,]+) data lines? (?:are|is) empty \((?P<lines>.+)\)\.", "imports.x.empty_lines"),
    (r"Ignored (?P<n>\d+) empty columns? without a name at the right edge\.", "imports.x.empty_columns"),
    (r"Dates in (?P<column>\w+) read as (?P<format>.+)\.", "imports.x.date_format"),
    (r"(?P<rows>[\d,]+) rows? (?:were|was) imported before \(the same response ids; lines (?P<lines>.+)\): "
     r"skipped, not loaded twice\.", "imports.x.overlap"),
    (r"(?P<rows>[\d,]+) rows with an empty (?P<column>.+) are left out, as the profile says\.",
     "imports.note.required_empty"),
    (r"Column '(?P<header>.+)' is read as (?P<column>\w+) \((?P<how>.+)\)\.", "imports.x.column"),
    (r"(?P<label>.+?) must be a whole number (?P<range>[^,]*), got (?P<value>.+)", "imports.x.whole_number"),
    (r"(?P<label>.+?) must be a number (?P<range>[^,]*), got (?P<value>.+)", "imports.x.number"),
    (r"(?P<label>.+?) must be yes or no \(1/0\), got (?P<value>.+)", "imports.x.yes_no"),
    (r"(?P<label>.+?) must be (?P<choices>[\w ]+ or [\w ]+), got (?P<value>.+)", "imports.x.choice"),
    (r"(?P<label>.+?) (?P<value>'.*') is not a date in the column's format \((?P<format>.+)\)",
     "imports.x.not_a_date_in"),
    (r"(?P<label>.+?) (?P<value>'.*') is not a date", "imports.x.not_a_date"),
    (r"(?P<label>.+?) (?P<day>\d{4}-\d\d-\d\d) is before 1990", "imports.x.before_1990"),
    (r"(?P<label>.+?) (?P<day>\d{4}-\d\d-\d\d) is in the future", "imports.x.future"),
    (r"The touchpoint is missing \(needed for transaction answers\)", "imports.x.no_touchpoint"),
    (r"has no score \(needs at least one of (?P<names>.+)\)", "imports.x.no_score"),
    (r"(?P<label>.+?) (?P<value>'.*') appears twice in the file \(first on line (?P<line>\d+)\)",
     "imports.x.twice"),
    (r"(?P<label>.+?) (?P<value>'.*') already exists in the workspace \(import (?P<import_id>\d+)\)",
     "imports.x.exists"),
    (r"(?P<label>.+?) is missing", "imports.x.missing"),
    (r"has (?P<n>\d+) cells where the header has (?P<m>\d+)", "imports.x.cells"),
    (r"opens a quote that never closes; this line was read on its own and the lines after it as their own rows",
     "imports.x.unclosed_quote"),
    (r"contains a NUL \(zero\) byte", "imports.x.nul"),
    (r"a cell is longer than (?P<n>[\d,]+) characters", "imports.x.long_cell"),
    # whole-file refusals (FileRejected) the map step and the check write
    (r"The file has no touchpoint column, and every transaction answer needs one: .*", "imports.x.no_touchpoint_file"),
    (r"The file has no score column \((?P<names>.+?)\); .*", "imports.x.no_score_file"),
    (r"No column of the file could be matched to cx's columns; .*", "imports.x.no_column"),
    (r"The file has no column for (?P<names>.+?), which (?P<table>\w+) needs; .*", "imports.x.no_required"),
    (r"The column name '(?P<name>.+)' appears twice in the file, .*", "imports.x.duplicate_columns"),
    (r"The profile maps the column '(?P<name>.+)', which is not in the file\.", "imports.x.profile_column"),
    (r"The dates in column (?P<column>\w+) could be day-first or month-first \(is (?P<example>.+?) the .*",
     "imports.x.ambiguous_dates"),
    (r"The dates in column (?P<column>\w+) mix day-first \((?P<a>.+?)\) and month-first \((?P<b>.+?)\) .*",
     "imports.x.mixed_dates"),
    (r"This file was already imported on (?P<day>[\d-]+) as import (?P<import_id>\d+); .*",
     "imports.x.duplicate_file"),
)
_COMPILED = tuple((re.compile("^" + shape + "$"), key) for shape, key in _SHAPES)
LABELS_FI = {"The date": "Päivämäärä", "The response id": "Vastaustunnus", "The touchpoint": "Kosketuspiste",
             "First contact resolution": "Ensikontaktiratkaisu", "Role clarity": "Roolin selkeys",
             "The month": "Kuukausi", "Efficiency": "Sujuvuus", "Ease": "Helppous", "Emotion": "Tunne",
             "Wellbeing": "Hyvinvointi", "Culture": "Kulttuuri", "Technology": "Teknologia",
             "Physical": "Fyysinen työympäristö", "Vision": "Visio", "Training": "Koulutus", "Level": "Taso",
             "Method": "Menetelmä", "Stage": "Vaihe"}


def translate(text: str, lang: str) -> str:
    """A note or row reason of the import steps in `lang`; reasons joined with '; ' one by one.
    Sentences of no known shape (and every sentence in English) are returned as written."""
    if lang == "en":
        return text
    whole = _translate_one(text, lang)
    if whole is not None:
        return whole
    return "; ".join(_translate_one(part, lang) or part for part in text.split("; "))


def _translate_one(text: str, lang: str) -> str | None:
    for pattern, key in _COMPILED:
        found = pattern.match(text)
        if found:
            values = found.groupdict()
            if lang == "fi" and "label" in values:
                values["label"] = LABELS_FI.get(values["label"], values["label"])
            if lang == "fi" and "choices" in values:
                values["choices"] = values["choices"].replace(" or ", " tai ")
            return t(key, lang, **values)
    return None
