"""Reading one cell: a raw value from a workbook, CSV or JSON file → a typed value, or a message.

Each reader function takes the raw value (never empty: the caller handles blanks) and returns
the typed value or raises :class:`CellError` whose message says what is wrong and how to fix it.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Any

from openeip.core.domain import ReportingPeriod
from openeip.core.errors import CellError, DomainError, UnitError
from openeip.core.i18n import gettext as _
from openeip.core.intake._columns import choices
from openeip.core.numbers import check_storable, parse_number
from openeip.core.units import parse_unit

#: what a spreadsheet shows instead of a value when a formula fails
FORMULA_ERRORS = frozenset({
    "#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!",
    "#SPILL!", "#CALC!", "#GETTING_DATA",
})

_TRUE = frozenset({"yes", "y", "true", "1", "x", "có", "co", "đúng"})
_FALSE = frozenset({"no", "n", "false", "0", "không", "khong", "sai"})


_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d*)?$")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    if isinstance(value, str):
        cleaned = value.strip()
        # Keys such as descriptions must match however the text was typed (macOS writes NFD).
        if cleaned.isascii() or unicodedata.is_normalized("NFC", cleaned):
            return cleaned
        return unicodedata.normalize("NFC", cleaned)
    if isinstance(value, bool):
        raise CellError(_("Write text here, not TRUE or FALSE."))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return str(int(value)) if value == int(value) else str(value)
    raise CellError(_("Write text here, not a date or a list."))


def number(value: Any) -> float | int | Decimal:
    """A finite number: ints and floats as they are, text read exactly as a Decimal.

    Finite means finite as stored, too: 1e309 is a finite Decimal but an infinite float.
    """
    if isinstance(value, bool):
        raise CellError(_("Write a number here, not TRUE or FALSE."))
    if isinstance(value, int):
        check_storable(value)
        return value
    if isinstance(value, float | Decimal):
        if not math.isfinite(value):
            raise CellError(_("Write a finite number here."))
        check_storable(value)
        return value
    if not isinstance(value, str):
        raise CellError(_("Write a number here, not a date or a list."))
    return parse_number(value)


def integer(value: Any) -> int:
    parsed = number(value)
    if parsed != int(parsed):
        raise CellError(_("Write a whole number here, such as 120."))
    return int(parsed)


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        folded = value.strip().casefold()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
    raise CellError(
        _("'{value}' is not yes or no; write yes (có) or no (không), or leave it empty for no.")
        .format(value=value)
    )


@lru_cache(maxsize=1024)
def _period_from_text(value: str) -> ReportingPeriod:
    return ReportingPeriod.parse(value)


def period(value: Any) -> ReportingPeriod:
    """A past or the current period (:meth:`ReportingPeriod.check_not_future`)."""
    try:
        return _any_period(value).check_not_future()
    except DomainError as error:
        raise CellError(str(error)) from None


def _any_period(value: Any) -> ReportingPeriod:
    if isinstance(value, datetime.date):
        # Spreadsheets turn a typed '2024-03' into a date; the month is what was meant.
        return ReportingPeriod(value.year, value.month)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        if not math.isfinite(value) or value != int(value):
            raise CellError(_("Write a year (2024) or a month (2024-03)."))
        return ReportingPeriod(int(value))
    if isinstance(value, str):
        return _period_from_text(value)
    raise CellError(_("Write a year (2024) or a month (2024-03)."))


def unit(value: Any) -> Any:
    if not isinstance(value, str):
        raise CellError(_("Write a unit such as t, kg, m³, kWh or GJ, not a number."))
    if _NUMBER.match(value.strip()):
        # '1,5' in a comma-separated file splits into a quantity of 1 and a 'unit' of 5
        raise CellError(_("'{value}' is a number, not a unit. If the quantity was written with a "
                          "decimal comma (1,5), the comma split it into two cells: write 1.5 "
                          "and put the unit here.").format(value=value.strip()))
    try:
        return parse_unit(value)
    except UnitError as error:
        raise CellError(str(error)) from None


def points(value: Any) -> tuple[tuple[float, float], ...]:
    """Boundary corners: 'lat lon; lat lon; …' (or, in JSON, a list of [lat, lon] pairs)."""
    if isinstance(value, str):
        pairs: list[Any] = [part.split() for part in value.split(";") if part.strip()]
    elif isinstance(value, list | tuple):
        pairs = list(value)
    else:
        raise CellError(_("Write the boundary as 'latitude longitude' pairs separated by "
                          "semicolons, such as '10.92 106.72; 10.94 106.72; 10.94 106.74'."))
    corners = []
    for pair in pairs:
        try:
            latitude, longitude = (float(number(part)) for part in pair)
        except (CellError, ValueError, TypeError):
            raise CellError(
                _("'{pair}' is not a 'latitude longitude' pair; write the boundary as pairs "
                  "separated by semicolons, such as '10.92 106.72; 10.94 106.72'.")
                .format(pair=" ".join(str(part) for part in pair))
            ) from None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise CellError(
                _("The corner '{latitude} {longitude}' is not on Earth; latitude comes first "
                  "(-90 to 90), then longitude (-180 to 180).")
                .format(latitude=latitude, longitude=longitude)
            )
        corners.append((latitude, longitude))
    return tuple(corners)


@lru_cache(maxsize=16)
def _choice_lookup(catalogue: str) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for code, label in choices(catalogue).items():
        lookup[label.en.casefold()] = code
        lookup[label.vi.casefold()] = code
    lookup.update({code.casefold(): code for code in choices(catalogue)})
    return lookup


def choice(catalogue: str) -> Callable[[Any], str]:
    def read(value: Any) -> str:
        code = _choice_lookup(catalogue).get(str(value).strip().casefold())
        if code is None:
            raise CellError(
                _("'{value}' is not one of the allowed values; use one of: {codes}.").format(
                    value=value, codes=", ".join(choices(catalogue))
                )
            )
        return code

    return read


def reader(column_type: str) -> Callable[[Any], Any]:
    """The function that reads a column of ``column_type`` (a type from intake_columns.csv)."""
    if column_type.startswith("choice:"):
        return choice(column_type.split(":", 1)[1])
    return {
        "text": text,
        "number": number,
        "integer": integer,
        "boolean": boolean,
        "period": period,
        "unit": unit,
        "points": points,
    }[column_type]


def as_decimal(value: float | int | Decimal) -> Decimal:
    """Money as an exact Decimal; a float keeps the digits it shows (its shortest repr)."""
    if isinstance(value, Decimal):
        return value
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
