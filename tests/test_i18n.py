"""Every user-facing string exists in English and Finnish; numbers follow the language."""
from datetime import date

from cx.i18n import catalogues, fmt_date, fmt_number, t


def test_every_key_exists_in_both_languages():
    cats = catalogues()
    assert set(cats["en"]) == set(cats["fi"]), set(cats["en"]) ^ set(cats["fi"])


def test_no_translation_is_empty():
    for lang, cat in catalogues().items():
        assert all(text.strip() for text in cat.values()), lang


def test_placeholders_match_between_languages():
    import string

    cats = catalogues()
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
    for key, text in cats["en"].items():
        assert fields(text) == fields(cats["fi"][key]), key


def test_finnish_numbers_use_a_decimal_comma():
    assert fmt_number(1234.5, "fi", 1) == "1\u00a0234,5"
    assert fmt_number(1234.5, "en", 1) == "1,234.5"


def test_negative_numbers_use_a_real_minus_sign():
    assert fmt_number(-12, "en") == "−12"


def test_dates_follow_the_language():
    assert fmt_date(date(2026, 3, 9), "fi") == "9.3.2026"
    assert fmt_date(date(2026, 3, 9), "en") == "9 Mar 2026"


def test_unknown_keys_fall_back_to_english_then_the_key():
    assert t("page.overview", "sv") == "Overview"
    assert t("no.such.key", "fi") == "no.such.key"


def test_a_change_that_rounds_to_zero_reads_zero_not_minus_zero():
    from cx.present import change_text

    assert change_text("nps", -0.4, "fi") == "0 pist."
    assert change_text("nps", 2.6, "en") == "+3 pts"
