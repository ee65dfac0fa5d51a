"""Yearly stream quantities from what firms write: '120 t/yr', '35 m3/day', '2 t/h', '90 MWh/yr'.

A stream quantity is a rate. Its unit is written as ``AMOUNT/TIME``: the amount is any mass,
volume or energy unit OpenEIP reads (``t``, ``kg``, ``tấn``, ``m3``, ``khối``, ``L``, ``kWh``,
``MWh``, ``GJ`` …; :func:`openeip.core.units.parse_unit`); the time is one of

=====================================  ==========================
time words                              periods per year
=====================================  ==========================
``yr``, ``y``, ``year``, ``a``, ``năm``  1
``month``, ``mo``, ``tháng``             12
``week``, ``wk``, ``tuần``               days_per_year / 7
``day``, ``d``, ``ngày``                 days_per_year (365 by default)
``h``, ``hr``, ``hour``, ``giờ``         hours_per_year (8,760 by default: all year round)
=====================================  ==========================

so ``Q per year = q × periods per year``. The amount is then expressed in the resource class's
base unit (t, m3 or MWh): mass ↔ volume through the class's density (t/m³), mass → energy
through its net calorific value (MWh = t × NCV[GJ/t] / 3.6), volume → energy through both.

Counted items and phased volumes (:func:`class_amount`, ``data/symbiosis/unit_conversions.csv``):
``pieces`` (``pcs``, ``items``, ``cái``, ``chiếc``) of a class with a mass per piece ("500
pieces/month" of wooden pallets), and ``m3 liquid`` / ``m3 gas`` (``lỏng`` / ``khí``) of a class
with a density per phase (LPG) become tonnes per year.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from openeip.core.errors import UnitError
from openeip.core.i18n import current_language
from openeip.core.i18n import gettext as _
from openeip.core.symbiosis.model import ResourceClass
from openeip.core.units import dimension_of, parse_unit, to_base

__all__ = ["YearlyQuantity", "class_amount", "counts_items", "in_class_unit", "yearly_quantity"]

_GJ_PER_MWH = 3.6
_BASE_OF_DIMENSION = {"mass": "t", "volume": "m3", "energy": "MWh"}
_PER_YEAR = ("yr", "y", "year", "years", "a", "annum", "nam")
_PER_MONTH = ("month", "months", "mo", "mth", "thang")
_PER_WEEK = ("week", "weeks", "wk", "tuan")
_PER_DAY = ("day", "days", "d", "ngay")
_PER_HOUR = ("h", "hr", "hrs", "hour", "hours", "gio")


@dataclass(frozen=True, slots=True)
class YearlyQuantity:
    """An amount per year in the base unit of its own dimension (t, m3 or MWh)."""

    value: float
    unit: str


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.strip().lower().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _periods_per_year(time_word: str, hours_per_year: float, days_per_year: float) -> float:
    word = _folded(time_word)
    if word.startswith("1 "):
        word = word[2:].strip()
    if word in _PER_YEAR:
        return 1.0
    if word in _PER_MONTH:
        return 12.0
    if word in _PER_WEEK:
        return days_per_year / 7.0
    if word in _PER_DAY:
        return days_per_year
    if word in _PER_HOUR:
        return hours_per_year
    raise UnitError(_(
        "'{time}' is not a time unit OpenEIP reads; write the quantity per yr, month, week, day "
        "or h (năm, tháng, tuần, ngày, giờ), such as t/yr or m3/day.").format(time=time_word))


def yearly_quantity(value: float, unit: str, *, hours_per_year: float = 8760.0,
                    days_per_year: float = 365.0) -> YearlyQuantity:
    """``value`` ``unit`` (a rate such as 't/h') as a yearly amount in t, m3 or MWh."""
    factor, base = _per_year_factor(" ".join(unit.split()), hours_per_year, days_per_year)
    return YearlyQuantity(value * factor, base)


@lru_cache(maxsize=1024)
def _per_year_factor(text: str, hours_per_year: float, days_per_year: float) -> tuple[float, str]:
    """Base units per year in one ``text`` (cached: pint is slow, files repeat few units)."""
    amount_text, slash, time_text = text.rpartition("/")
    if slash and not amount_text.strip():
        raise UnitError(_(
            "The unit '{unit}' has no amount; write a mass, volume or energy unit before the "
            "'/', such as t/yr, m3/day or MWh/yr.").format(unit=text))
    if not slash:
        raise UnitError(_(
            "The unit '{unit}' has no time: a stream is a flow, so write it per year, month, "
            "day or hour, such as {unit}/yr or {unit}/day.").format(unit=text or "t"))
    per_year = _periods_per_year(time_text, hours_per_year, days_per_year)
    amount_unit = parse_unit(amount_text.strip())
    dimension = dimension_of(amount_unit)
    if dimension not in _BASE_OF_DIMENSION:
        raise UnitError(_(
            "A stream is measured in mass, volume or energy (t, m3, MWh), not in '{unit}'.")
            .format(unit=amount_text.strip()))
    magnitude, _base = to_base(1.0 * amount_unit)
    return magnitude * per_year, _BASE_OF_DIMENSION[dimension]


def in_class_unit(quantity: YearlyQuantity, resource_class: ResourceClass) -> float:
    """``quantity`` in ``resource_class``'s base unit, through its density and NCV if needed."""
    source, target = quantity.unit, resource_class.base_unit
    if source == target:
        return quantity.value
    density = resource_class.density_t_per_m3
    ncv = resource_class.ncv_gj_per_t
    if (source, target) == ("m3", "t") and density:
        return quantity.value * density
    if (source, target) == ("t", "m3") and density:
        return quantity.value / density
    if (source, target) == ("t", "MWh") and ncv:
        return quantity.value * ncv / _GJ_PER_MWH
    if (source, target) == ("m3", "MWh") and ncv and density:
        return quantity.value * density * ncv / _GJ_PER_MWH
    if (source, target) == ("MWh", "t") and ncv:
        return quantity.value * _GJ_PER_MWH / ncv
    raise UnitError(_(
        "'{name}' is measured in {target}, and no density or calorific value is known to "
        "convert {source} into it; give the quantity in {target} per year.").format(
            name=resource_class.name(current_language()), target=target, source=source))


_PIECES = ("piece", "pieces", "pcs", "pc", "item", "items", "unit", "units", "cai", "chiec")
_LIQUID = ("liquid", "long", "liq")
_GAS = ("gas", "khi", "vapour", "vapor")


@lru_cache(maxsize=1)
def _conversions() -> dict[tuple[str, str], float]:
    from openeip.core.catalogues.versioned import number, read_versioned

    table = read_versioned("openeip.data.symbiosis", "unit_conversions.csv")
    return {(row["class_code"], row["amount"]): number(
        row["t_per_amount"], "unit_conversions.csv", row["class_code"]) for row in table.rows}


@lru_cache(maxsize=1024)
def _amount_kind(amount_text: str) -> str | None:
    words = _folded(amount_text).replace("³", "3").split()
    if len(words) == 1 and words[0] in _PIECES:
        return "piece"
    if len(words) == 2 and words[0] in ("m3", "khoi"):
        if words[1] in _LIQUID:
            return "m3 liquid"
        if words[1] in _GAS:
            return "m3 gas"
    return None


@lru_cache(maxsize=1024)
def _counted(unit: str) -> tuple[str | None, str, str]:
    """The kind of counted amount in a rate ``unit`` (None when it is not one), its amount
    and its time."""
    amount_text, slash, time_text = " ".join(unit.split()).rpartition("/")
    return (_amount_kind(amount_text) if slash else None), amount_text, time_text


def counts_items(unit: str) -> bool:
    """Whether ``unit`` is counted pieces or a phased volume per time ("pieces/month", "m3
    liquid/day"): the amounts only :func:`class_amount` reads, through a class."""
    return _counted(unit)[0] is not None


def class_amount(value: float, unit: str, classes: tuple[ResourceClass, ...], *,
                 hours_per_year: float = 8760.0, days_per_year: float = 365.0
                 ) -> float | None:
    """``value`` ``unit`` in t per year when the amount is counted pieces or a phased volume
    ("pieces/month", "m3 liquid/day") and ``classes`` (the stream's class, then its ancestors)
    has a row in ``unit_conversions.csv``; None when the amount is not of that kind.
    Raises :class:`UnitError` for such an amount when no class has a conversion."""
    kind, amount_text, time_text = _counted(unit)
    if kind is None:
        return None
    per_year = _periods_per_year(time_text, hours_per_year, days_per_year)
    for rc in classes:
        mass = _conversions().get((rc.code, kind))
        if mass is not None:
            return value * mass * per_year
    raise UnitError(_(
        "No mass is known for one '{amount}' of '{name}'; give the quantity in t, m3 or MWh "
        "per year.").format(amount=amount_text.strip(),
                            name=classes[0].name(current_language()) if classes else "?"))
