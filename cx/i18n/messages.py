"""Errors and notes from `cx/` modules as catalogue codes with values, rendered in either language.

A module raises `CodedError("alloc.budget_negative")` instead of an English sentence:
str() is the English text (the command line and logs read it as before) and
`text(exc, lang)` renders it for the page in the user's language. Numbers among the
values are formatted for the language there (2 000 in Finnish, 2,000 in English).
"""
from __future__ import annotations

from numbers import Number

from cx.i18n import fmt_number, t


def _shown(values: dict, lang: str) -> dict:
    return {k: fmt_number(v, lang) if isinstance(v, Number) and not isinstance(v, bool) else v
            for k, v in values.items()}


class CodedError(Exception):
    """An error whose sentence is a catalogue code with values."""

    def __init__(self, code: str, **values):
        self.code = code
        self.values = values
        super().__init__(t(code, "en", **_shown(values, "en")))

    def text(self, lang: str) -> str:
        return t(self.code, lang, **_shown(self.values, lang))


def text(exc: BaseException, lang: str) -> str:
    """The error's sentence in `lang` when it carries a code; its own words otherwise."""
    return exc.text(lang) if isinstance(exc, CodedError) else str(exc)
