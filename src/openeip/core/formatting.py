"""Numbers and dates as the reader's language writes them, for every front (pages, PDFs, charts,
XLSX notes and the CLI): 1,234.5 and "6 Dec 2026" in English, 1.234,5 and 06/12/2026 in
Vietnamese; and the order a reader expects of a list of names (:func:`sort_key`). The language
is core's current one (:mod:`openeip.core.i18n`) unless named.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from typing import Any

from openeip.core.i18n import current_language

__all__ = ["date", "fixed", "number", "percent", "separators", "signed_percent", "sort_key"]

#: language -> (decimal separator, thousands separator)
_SEPARATORS = {"en": (".", ","), "vi": (",", ".")}
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NO_VALUE = "–"


def separators(language: str | None = None) -> tuple[str, str]:
    """(decimal, thousands) separators of ``language`` (default: the current one)."""
    return _SEPARATORS.get((language or current_language()).split("-")[0], _SEPARATORS["en"])


def fixed(value: Any, decimals: int = 0, language: str | None = None) -> str:
    """``value`` with exactly ``decimals`` decimals, grouped by threes; '–' for no value or one
    that is not finite (an IRR that does not exist, a payback never reached)."""
    if value is None or value == "":
        return NO_VALUE
    number_value = float(value)
    if not math.isfinite(number_value):
        return NO_VALUE
    decimal_sep, thousands_sep = separators(language)
    text = "{:,.{}f}".format(abs(round(number_value, decimals)), decimals)
    whole, _dot, fraction = text.partition(".")
    whole = whole.replace(",", thousands_sep)
    sign = "-" if number_value < 0 and round(number_value, decimals) != 0 else ""
    return sign + whole + (decimal_sep + fraction if fraction else "")


def _decimals_for(number_value: float) -> int:
    magnitude = abs(number_value)
    if magnitude >= 100 or number_value == round(number_value):
        return 0
    if magnitude >= 1:
        return 2
    return max(2, 2 - math.floor(math.log10(magnitude)))


def number(value: Any, language: str | None = None) -> str:
    """Just enough decimals for the size of the number: large numbers as whole units (2,000 kWh,
    not 2,000.00), small ones with three significant digits (0.004 t, not 0); '' for no value."""
    if value is None or value == "":
        return ""
    number_value = float(value)
    if not math.isfinite(number_value):
        return str(number_value)
    decimals = _decimals_for(number_value)
    text = fixed(number_value, decimals, language)
    if not decimals:
        return text
    text = text.rstrip("0")
    return text[:-1] if not text[-1].isdigit() else text


def percent(value: Any, decimals: int = 1, language: str | None = None) -> str:
    """A percentage as '60.0 %' / '60,0 %'; '–' for no value."""
    text = fixed(value, decimals, language)
    return text if text == NO_VALUE else "{} %".format(text)


def signed_percent(value: Any, decimals: int = 1, language: str | None = None) -> str:
    """A change as '+12.5 %' or '−3.0 %' (a true minus sign); '–' for no value."""
    if value is None or not math.isfinite(float(value)):
        return NO_VALUE
    text = fixed(abs(float(value)), decimals, language)
    sign = "+" if float(value) > 0 else ("−" if float(value) < 0 else "")
    return "{}{} %".format(sign, text)


def date(value: dt.date | None, language: str | None = None) -> str:
    """An unambiguous date: '6 Dec 2026' in English, '06/12/2026' in Vietnamese; '–' for none."""
    if value is None:
        return NO_VALUE
    if (language or current_language()).startswith("vi"):
        return "{:02d}/{:02d}/{:04d}".format(value.day, value.month, value.year)
    return "{} {} {:04d}".format(value.day, _MONTHS_EN[value.month - 1], value.year)


#: the Vietnamese alphabet (with the Latin letters it lacks in their Latin places): ă and â
#: after a, đ after d, ê after e, ô and ơ after o, ư after u
_VI_ORDER = {letter: rank for rank, letter in enumerate("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")}
#: a letter's shape marks (NFD): breve, circumflex, horn
_VI_SHAPES = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê",
              ("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}
#: tone marks, in dictionary order after the level tone: huyền, hỏi, ngã, sắc, nặng
_VI_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def sort_key(text: str, language: str | None = None) -> tuple[Any, ...]:
    """A key that orders names as a reader of ``language`` expects: in Vietnamese by its
    alphabet (Đá after Dầu, Ắc quy among the A's, Ủ among the U's), tones deciding only
    between otherwise equal names; elsewhere case-insensitively."""
    folded = text.casefold()
    if (language or current_language()) != "vi":
        return (folded,)
    letters: list[Any] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", folded):
        if char in _VI_TONES:
            if tones:
                tones[-1] = _VI_TONES[char]
        elif letters and (letters[-1][1], char) in _VI_SHAPES:
            letter = _VI_SHAPES[(letters[-1][1], char)]
            letters[-1] = (1, letter, _VI_ORDER[letter])
        elif unicodedata.combining(char):
            continue
        else:
            letter = "đ" if char == "\u0111" else char
            letters.append((1, letter, _VI_ORDER[letter]) if letter in _VI_ORDER
                           else (0, letter, ord(letter)))
            tones.append(0)
    return (tuple((kind, rank) for kind, _letter, rank in letters), tuple(tones))
