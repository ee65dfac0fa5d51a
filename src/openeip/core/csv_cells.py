"""Text cells of the CSV files OpenEIP writes, made safe to open in a spreadsheet.

A cell starting with =, +, -, @, a tab or a carriage return is read by Excel and LibreOffice as a
formula (CSV injection, OWASP). :func:`guard` puts an apostrophe in front of such text, which
spreadsheets show as plain text; :func:`unguard` removes it again when OpenEIP reads its own
file back, so an export → import round trip returns the very same text. Text that already starts
with apostrophes before such a character gets one more, so the two stay exact inverses.
Numbers are written as numbers: -5 is a value, not a formula.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _looks_like_formula(text: str) -> bool:
    return text.lstrip("'").startswith(FORMULA_STARTS)


#: the first characters of a text that may be read as a formula (after apostrophes)
_FIRST = frozenset((*(start[0] for start in FORMULA_STARTS), "'"))


def guard(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in _FIRST and _looks_like_formula(text) else text


def unguard(text: str) -> str:
    """The text :func:`guard` was given."""
    return text[1:] if text.startswith("'") and _looks_like_formula(text) else text
