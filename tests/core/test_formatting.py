"""Numbers and dates as each language writes them (one module for pages, PDFs, charts, CLI)."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from openeip.core import formatting
from openeip.core.i18n import language


@pytest.mark.parametrize(("value", "decimals", "lang", "text"), [
    (1234.5, 1, "en", "1,234.5"), (1234.5, 1, "vi", "1.234,5"),
    (1234567, 0, "vi", "1.234.567"), (-1234.56, 2, "en", "-1,234.56"),
    (0.5, 1, "vi", "0,5"), (-0.04, 1, "en", "0.0"), (None, 0, "en", "–"),
    (math.inf, 1, "en", "–"),
])
def test_fixed_uses_the_languages_separators(value, decimals, lang, text):
    assert formatting.fixed(value, decimals, lang) == text


@pytest.mark.parametrize(("value", "lang", "text"), [
    (1, "vi", "1"), (1.0, "vi", "1"), (2000, "en", "2,000"), (15039.4, "vi", "15.039"),
    (0.333, "vi", "0,333"), (0.004, "en", "0.004"), (12.5, "vi", "12,5"), ("", "en", ""),
])
def test_number_keeps_just_enough_decimals_and_never_reads_as_a_thousand(value, lang, text):
    assert formatting.number(value, lang) == text


def test_percent_and_signed_percent_follow_the_current_language():
    with language("vi"):
        assert formatting.percent(60) == "60,0 %"
        assert formatting.signed_percent(-3) == "−3,0 %"
    with language("en"):
        assert formatting.percent(60) == "60.0 %"
        assert formatting.percent(None) == "–"


def test_dates_are_unambiguous_in_both_languages():
    day = dt.date(2026, 12, 6)
    assert formatting.date(day, "en") == "6 Dec 2026"
    assert formatting.date(day, "vi") == "06/12/2026"


def test_names_sort_as_a_reader_of_the_language_expects():
    from openeip.core.formatting import sort_key

    names = ["Điện dư", "Đá vôi", "Dầu FO", "Ắc quy chì", "Axit", "Ủ phân", "Xử lý", "Tấm pin",
             "Trấu", "Than", "bá", "bà", "ba", "Cao su", "Ống thép", "Oxy"]
    # Vietnamese: ă, â after a, đ after d, ô, ơ after o, ư after u; tones only break ties
    # (level, huyền, hỏi, ngã, sắc, nặng); byte order put Đ, Ắ, Ủ after X
    assert sorted(names, key=lambda name: sort_key(name, "vi")) == [
        "Axit", "Ắc quy chì", "ba", "bà", "bá", "Cao su", "Dầu FO", "Đá vôi", "Điện dư", "Oxy",
        "Ống thép", "Tấm pin", "Than", "Trấu", "Ủ phân", "Xử lý"]
    assert sorted(["b", "A", "c"], key=lambda name: sort_key(name, "en")) == ["A", "b", "c"]
