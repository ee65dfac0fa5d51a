"""Template filters of the finance pages and dossier: shares, money and ratios in the reader's
language (through :mod:`openeip.core.formatting`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from openeip.core import formatting
from openeip.web.finance import labels

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


register.filter("verification_label", labels.verification_label)
register.filter("outcome_label", labels.outcome_label)
register.filter("status_label", labels.status_label)
register.filter("instrument_label", labels.instrument_label)
register.filter("unit_label", labels.unit_label)


@register.filter
def term_value(value: Any, unit: str) -> str:
    """A term's value with its unit: rates and shares as percentages."""
    if unit in ("share", "rate"):
        return share(value)
    text = formatting.number(value, get_language() or "en")
    word = labels.unit_label(unit)
    return "{} {}".format(text, word).strip()


@register.filter
def fact_label(code: str) -> str:
    from openeip.core.finance.lines import fact_catalogue

    fact = fact_catalogue().get(code)
    return fact.label()["vi" if (get_language() or "").startswith("vi") else "en"] if fact \
        else code
