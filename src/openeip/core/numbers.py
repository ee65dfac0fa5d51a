"""The one reader of a number a person typed into a cell (workbook, CSV, option or stream file).

Read exactly (as a :class:`~decimal.Decimal`) so that 0.1 stays 0.1 until the engine converts
it once at its entrance. The rules, and why:

* spaces people or locales put between thousands (normal, no-break, thin) are dropped;
* a comma is refused, because ``1,234`` means 1234 in English and 1.234 in Vietnamese: a
  number that looks like a decimal comma (``12,5``) gets its own message with the dotted form;
* infinity, NaN and magnitudes beyond what a float can hold are refused.

Every refusal is a :class:`~openeip.core.errors.CellError` saying how to write the number.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal, InvalidOperation

from openeip.core.errors import CellError
from openeip.core.i18n import gettext as _

__all__ = ["check_storable", "parse_float", "parse_number"]

#: spaces people (or locales) put between thousands
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d{1,2}$|^[+-]?\d+,\d{4,}$|^[+-]?0,\d+$")
#: digits with at most one decimal point: read by ``float`` directly (the same double as
#: through Decimal, both correctly rounded; too short to overflow)
_PLAIN = re.compile(r"[+-]?\d{1,30}(?:\.\d{1,30})?")
#: the largest magnitude a quantity can be stored with (a float)
_LARGEST = Decimal(sys.float_info.max)


def check_storable(value: float | int | Decimal, column: str | None = None) -> None:
    """CellError when ``value`` would become infinity as a float."""
    if abs(Decimal(value)) > _LARGEST:
        raise CellError(_("This number is too large to be stored (it would become infinity); "
                          "check it."), column)


def parse_number(text: str, column: str | None = None) -> Decimal:
    """The finite number written in ``text`` (see the module docstring), or CellError naming
    ``column`` when given."""
    written = text.strip()
    cleaned = written.translate(_SPACES)
    if _DECIMAL_COMMA.match(cleaned):
        raise CellError(
            _("'{value}' is written with a decimal comma; write it with a dot for decimals, "
              "such as {dotted}.").format(value=written, dotted=cleaned.replace(",", ".")),
            column)
    if "," in cleaned:
        raise CellError(
            _("'{value}' is not a number OpenEIP can read safely: write it with a dot for "
              "decimals and no thousands separators, such as 1234.5.").format(value=written),
            column)
    try:
        parsed = Decimal(cleaned)
    except InvalidOperation:
        parsed = None
    if parsed is None or not parsed.is_finite():
        raise CellError(
            _("'{value}' is not a number; write digits with a dot for decimals, such as 1234.5.")
            .format(value=written), column)
    check_storable(parsed, column)
    return parsed


def parse_float(text: str, column: str | None = None) -> float:
    """:func:`parse_number` as a float — for files of many numbers: a plain decimal (digits,
    at most one point) is read without the checks it cannot fail."""
    if _PLAIN.fullmatch(text):
        return float(text)
    return float(parse_number(text, column))
