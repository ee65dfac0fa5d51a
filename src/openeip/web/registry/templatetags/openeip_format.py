"""How pages show numbers, units and catalogue labels, in the request's language."""

from __future__ import annotations

import math
from typing import Any

from django import template
from django.utils.formats import number_format

from openeip.web.registry.labels import fate_label, kind_label, source_label, unit_display

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
    text = number_format(round(number, decimals), decimal_pos=decimals, use_l10n=True,
                         force_grouping=True)
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
