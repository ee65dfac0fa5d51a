"""Template filters of the finance pages and dossier: shares, money and ratios in the reader's
language (through :mod:`openeip.core.formatting`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from openeip.core import formatting

register = template.Library()


@register.filter
def share(value: Any, decimals: int = 1) -> str:
    """A fraction as a percentage: 0.1234 → '12.3 %' ('12,3 %' in Vietnamese); '–' for None."""
    if value is None or value == "":
        return formatting.NO_VALUE
    return formatting.percent(float(value) * 100, decimals, get_language() or "en")


@register.filter
def vnd(value: Any) -> str:
    """Whole VND with the language's separators; '–' for None."""
    if value is None or value == "":
        return formatting.NO_VALUE
    return formatting.fixed(float(value), 0, get_language() or "en")


@register.filter
def ratio(value: Any, decimals: int = 2) -> str:
    if value is None or value == "":
        return formatting.NO_VALUE
    return formatting.fixed(float(value), decimals, get_language() or "en")
