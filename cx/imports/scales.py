"""Text answer scales in English and Finnish, read as the numbers they stand for (part of the map step).

Choice-text exports write "Strongly agree", "10 - Extremely likely" or "Täysin samaa mieltä"
where a numeric export writes 5, 10 or 5. A column's labels are matched as a whole against one
scale (so "Agree" is 4 on a five-point scale and 6 on a seven-point one); a label that starts
with its number ("0 - Not at all likely") is that number. A scale's end points are answers like
any other point, never rejections. "Don't know" labels are read as not answered, and said so:
on some Finnish scales "en osaa sanoa" is the midpoint 3, which the user can map instead.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_PLAIN_NUMBER = re.compile(r"^\s*[+-]?\d+(?:[.,]\d+)?\s*$")
_NUMBERED = re.compile(r"^\s*(\d{1,2})\s*(?:[-–—:=.)]|\s)\s*\D")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text)).strip().lower()
    text = re.sub(r"[\s_]+", " ", text)
    return text.strip(" .!")


# Each scale: its points in order, each with the labels (EN and FI) people write for it.
SCALES: dict[str, tuple[tuple[str, ...], ...]] = {
    "agree_5": (
        ("strongly disagree", "completely disagree", "täysin eri mieltä", "täysin erimieltä"),
        ("disagree", "somewhat disagree", "jokseenkin eri mieltä", "eri mieltä", "osittain eri mieltä"),
        ("neither agree nor disagree", "neutral", "ei samaa eikä eri mieltä", "en samaa enkä eri mieltä"),
        ("agree", "somewhat agree", "jokseenkin samaa mieltä", "samaa mieltä", "osittain samaa mieltä"),
        ("strongly agree", "completely agree", "täysin samaa mieltä"),
    ),
    "agree_7": (
        ("strongly disagree", "täysin eri mieltä"),
        ("disagree", "eri mieltä"),
        ("somewhat disagree", "jokseenkin eri mieltä", "osittain eri mieltä"),
        ("neither agree nor disagree", "neutral", "ei samaa eikä eri mieltä", "en samaa enkä eri mieltä"),
        ("somewhat agree", "jokseenkin samaa mieltä", "osittain samaa mieltä"),
        ("agree", "samaa mieltä"),
        ("strongly agree", "täysin samaa mieltä"),
    ),
    "satisfied_5": (
        ("very dissatisfied", "extremely dissatisfied", "erittäin tyytymätön", "hyvin tyytymätön"),
        ("dissatisfied", "somewhat dissatisfied", "tyytymätön", "melko tyytymätön", "jokseenkin tyytymätön"),
        ("neither satisfied nor dissatisfied", "neutral", "ei tyytyväinen eikä tyytymätön"),
        ("satisfied", "somewhat satisfied", "tyytyväinen", "melko tyytyväinen", "jokseenkin tyytyväinen"),
        ("very satisfied", "extremely satisfied", "erittäin tyytyväinen", "hyvin tyytyväinen"),
    ),
    "easy_7": (
        ("very difficult", "extremely difficult", "erittäin vaikeaa", "erittäin vaikea"),
        ("difficult", "vaikeaa", "vaikea"),
        ("somewhat difficult", "melko vaikeaa", "melko vaikea"),
        ("neither easy nor difficult", "ei helppoa eikä vaikeaa", "ei helppo eikä vaikea"),
        ("somewhat easy", "melko helppoa", "melko helppo"),
        ("easy", "helppoa", "helppo"),
        ("very easy", "extremely easy", "erittäin helppoa", "erittäin helppo"),
    ),
    "easy_5": (
        ("very difficult", "erittäin vaikeaa", "erittäin vaikea"),
        ("difficult", "somewhat difficult", "vaikeaa", "melko vaikeaa"),
        ("neither easy nor difficult", "ei helppoa eikä vaikeaa"),
        ("easy", "somewhat easy", "helppoa", "melko helppoa"),
        ("very easy", "erittäin helppoa", "erittäin helppo"),
    ),
    "likely_11_ends": (  # only the ends carry words on a 0-10 likelihood scale
        ("not at all likely", "not likely at all", "extremely unlikely", "en lainkaan todennäköisesti",
         "erittäin epätodennäköisesti", "en todennäköisesti lainkaan", "erittäin epätodennäköistä"),
        *(() for _ in range(9)),
        ("extremely likely", "very likely", "erittäin todennäköisesti", "erittäin todennäköistä"),
    ),
}
SCALE_LOW = {"likely_11_ends": 0}
DONT_KNOW = ("don't know", "do not know", "dont know", "not applicable", "n/a", "na", "en osaa sanoa", "eos",
             "ei koske minua", "ei sovellu", "prefer not to say", "en halua vastata", "-oth-")


@dataclass(frozen=True)
class ScaleReading:
    """How one column's labels read: label -> number (None: not answered), and the scale's ends."""

    name: str | None
    values: dict[str, int | None]
    low: int | None
    high: int | None
    dont_know: tuple[str, ...] = ()


def read_labels(labels: list[str], points: int | None = None) -> ScaleReading | None:
    """The numbers a column's non-numeric labels stand for, or None when they form no known scale.
    `points`: the column's own number of points (7 for CES), preferred when labels fit several."""
    texts = [t for t in labels if t.strip() and not _PLAIN_NUMBER.match(t)]
    if not texts:
        return None
    values: dict[str, int | None] = {}
    rest = []
    dont_know = []
    for text in texts:
        key = _norm(text)
        numbered = _NUMBERED.match(text)
        if numbered:
            values[text] = int(numbered.group(1))
        elif key in DONT_KNOW:
            values[text] = None
            dont_know.append(text)
        else:
            rest.append(text)
    name = None
    if rest:
        name = _best_scale([_norm(t) for t in rest], points)
        if name is None:
            return None
        points = SCALES[name]
        start = SCALE_LOW.get(name, 1)
        for text in rest:
            values[text] = next(start + i for i, words in enumerate(points) if _norm(text) in words)
    numbers = [v for v in values.values() if v is not None]
    if name:
        low, high = SCALE_LOW.get(name, 1), SCALE_LOW.get(name, 1) + len(SCALES[name]) - 1
    else:
        low, high = (min(numbers), max(numbers)) if numbers else (None, None)
    return ScaleReading(name, values, low, high, tuple(dont_know))


def _best_scale(keys: list[str], points_wanted: int | None) -> str | None:
    """The scale that reads every label on distinct points (so 'somewhat agree' next to 'agree'
    means the seven-point scale); among several, the one with the column's own number of points,
    then the shorter."""
    fits = []
    for name, points in SCALES.items():
        where = []
        for key in keys:
            hit = [i for i, words in enumerate(points) if key in words]
            if not hit:
                break
            where.append(hit[0])
        else:
            fits.append((len(set(where)) == len(set(keys)), len(points) == points_wanted, -len(points), name))
    if not fits:
        return None
    return max(fits)[3]
