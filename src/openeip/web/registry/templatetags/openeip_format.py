"""How pages show numbers, units and catalogue labels, in the request's language."""

from __future__ import annotations

import math
from typing import Any

from django import template
from django.utils import numberformat
from django.utils.formats import get_format

from openeip.web.registry import labels
from openeip.web.registry.labels import (
    fate_label,
    kind_label,
    month_label,
    source_label,
    unit_display,
)

register = template.Library()


@register.filter
def num(value: Any) -> str:
    """A number with the language's thousands separator and just enough decimals.

    Large numbers are rounded to whole units (2,000 kWh, not 2,000.00); small ones keep three
    significant digits so 0.004 t does not become 0.
    """
    if value is None or value == "":
        return ""
    number = float(value)
    if not math.isfinite(number):
        return str(number)
    magnitude = abs(number)
    if magnitude >= 100 or number == round(number):
        decimals = 0
    elif magnitude >= 1:
        decimals = 2
    else:
        decimals = max(2, 2 - math.floor(math.log10(magnitude)))
    # Grouping by threes is forced: Django's Vietnamese formats name the separator ('.') but
    # set no grouping, which would print 2000000 instead of 2.000.000.
    text = numberformat.format(round(number, decimals), get_format("DECIMAL_SEPARATOR"),
                               decimal_pos=decimals, grouping=3,
                               thousand_sep=get_format("THOUSAND_SEPARATOR"), force_grouping=True)
    return _strip_trailing_zeros(text) if decimals else text


def _strip_trailing_zeros(text: str) -> str:
    digits_end = len(text.rstrip("0"))
    stripped = text[:digits_end]
    return stripped[:-1] if stripped and not stripped[-1].isdigit() else stripped


@register.filter
def percent(part: Any, whole: Any) -> str:
    """``part`` as a whole-number percentage of ``whole`` ('' when whole is 0)."""
    if not whole:
        return ""
    return "{} %".format(num(round(100 * float(part) / float(whole))))


register.filter("unit", unit_display)
register.filter("kind_label", kind_label)
register.filter("fate_label", fate_label)
register.filter("source_label", source_label)


@register.simple_tag(takes_context=True)
def page_url(context: Any, page_param: str, number: int) -> str:
    """The current query string with ``page_param`` set to ``number`` (filters kept)."""
    params = context["request"].GET.copy()
    params[page_param] = number
    return "?" + params.urlencode()


@register.filter
def sector_label(vsic_code: str, stored_name: str) -> str:
    """{{ company.vsic_code|sector_label:company.vsic_name }}: the sector in this language."""
    return labels.sector_label(vsic_code, stored_name)


@register.filter
def period_label(period: Any) -> str:
    """A ReportingPeriod as this language writes it: 'January 2024' / 'Tháng 1 2024', '2024'."""
    return month_label(period.year, period.month)
