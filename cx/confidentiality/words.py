"""Sentences that say which survey rounds an employee figure counts (every route says so)."""
from __future__ import annotations

from collections.abc import Sequence

from cx.confidentiality.rounds import Round
from cx.i18n import fmt_date, t


def round_text(r: Round, lang: str = "en") -> str:
    """"10 Aug 2026 – 24 Aug 2026", or one date for a one-day round."""
    if r.first == r.last:
        return fmt_date(r.first, lang)
    return t("conf.round", lang, first=fmt_date(r.first, lang), last=fmt_date(r.last, lang))


def rounds_list(rounds: Sequence[Round], lang: str = "en") -> str:
    return "; ".join(round_text(r, lang) for r in rounds)


def rounds_sentence(rounds: Sequence[Round], lang: str = "en") -> str:
    """Which whole rounds the employee figures count, or that the period holds none."""
    if not rounds:
        return t("conf.no_round", lang)
    return t("conf.rounds", lang, rounds=rounds_list(rounds, lang))


def round_dict(r: Round) -> dict:
    """A round for JSON output (ISO dates)."""
    return {"first": r.first.isoformat(), "last": r.last.isoformat(), "middle": r.middle.isoformat()}
