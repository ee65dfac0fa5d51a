"""Numbers as the report's language writes them: 1,234.5 in English, 1.234,5 in Vietnamese."""

from __future__ import annotations

import math
from typing import Any

from django.utils import numberformat
from django.utils.formats import get_format

from openeip.web.registry.templatetags.openeip_format import num

__all__ = ["fixed", "number", "signed_percent"]


def number(value: Any) -> str:
    """Just enough decimals for the size of the number (the pages' rule); '' for no value."""
    return num(value)


def fixed(value: Any, decimals: int = 0) -> str:
    """``value`` with exactly ``decimals`` decimals and the language's separators; '–' for no
    value or one that is not finite (an IRR that does not exist, a payback never reached)."""
    if value is None or value == "":
        return "–"
    number_value = float(value)
    if not math.isfinite(number_value):
        return "–"
    # Grouping by threes is forced: Django's Vietnamese formats set none.
    return numberformat.format(round(number_value, decimals), get_format("DECIMAL_SEPARATOR"),
                               decimal_pos=decimals, grouping=3,
                               thousand_sep=get_format("THOUSAND_SEPARATOR"),
                               force_grouping=True)


def signed_percent(value: Any, decimals: int = 1) -> str:
    """A change as '+12.5 %' or '−3.0 %' (a true minus sign); '–' for no value."""
    if value is None or not math.isfinite(float(value)):
        return "–"
    text = fixed(abs(float(value)), decimals)
    sign = "+" if float(value) > 0 else ("−" if float(value) < 0 else "")
    return "{}{} %".format(sign, text)
