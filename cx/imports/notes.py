"""Notes and reasons of the import steps as catalogue codes with values (cx/i18n/catalog_imports.py),
so the wizard shows them in Finnish and the command line in English, from one place."""
from __future__ import annotations

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
        values = {k: v.text(lang) if isinstance(v, Note) else v for k, v in self.values.items()}
        return t(self.code, lang, **_shown(values, lang))

    def __str__(self) -> str:
        return self.text("en")


def note(code: str, **values) -> Note:
    return Note(code, values)


class ImportRefused(FileRejected):
    """A file the pipeline will not load as it stands (a column it cannot read, say): a FileRejected
    (the command line exits 2) whose sentence is a catalogue code, shown in either language."""

    def __init__(self, code: str, **values):
        self.note = Note("imports." + code, values)
        super().__init__(self.note.text("en"), code)

    def text(self, lang: str) -> str:
        return self.note.text(lang)
