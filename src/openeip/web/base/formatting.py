"""Numbers as the report's language writes them, 1,234.5 in English, 1.234,5 in Vietnamese:
the web's names for :mod:`openeip.core.formatting`, in the language Django renders."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language

from openeip.core import formatting

__all__ = ["date", "fixed", "number", "signed_percent"]


def number(value: Any) -> str:
    """Just enough decimals for the size of the number (the pages' rule); '' for no value."""
    return formatting.number(value, get_language() or "en")


def fixed(value: Any, decimals: int = 0) -> str:
    """``value`` with exactly ``decimals`` decimals and the language's separators; '–' for no
    value or one that is not finite (an IRR that does not exist, a payback never reached)."""
    return formatting.fixed(value, decimals, get_language() or "en")


def signed_percent(value: Any, decimals: int = 1) -> str:
    """A change as '+12.5 %' or '−3.0 %' (a true minus sign); '–' for no value."""
    return formatting.signed_percent(value, decimals, get_language() or "en")


def date(value: Any) -> str:
    """An unambiguous date: '6 Dec 2026' / '06/12/2026'; '–' for none."""
    return formatting.date(value, get_language() or "en")
