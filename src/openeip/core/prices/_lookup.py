"""The price of a flow in VND per its base unit, and the Price record it came from."""

from __future__ import annotations

from functools import lru_cache

from openeip.core import formatting
from openeip.core.catalogues import fuels
from openeip.core.domain import Direction, FlowKind, ResourceFlow
from openeip.core.errors import DomainError, UnitError
from openeip.core.i18n import gettext as _
from openeip.core.i18n import gettext_noop, message
from openeip.core.prices._book import PriceBook
from openeip.core.prices._price import Price
from openeip.core.prices._tables import waste_fee_references
from openeip.core.units import Quantity, dimension_of, fuel_energy, parse_unit, to_base

__all__ = ["price_keys", "price_of"]


def price_keys(flow: ResourceFlow) -> tuple[str, ...]:
    """Override keys that can price ``flow``, most specific first."""
    kind = flow.kind.value
    code = flow.classification_code
    keys = ["{}:{}".format(kind, flow.description)]
    if flow.kind is FlowKind.ENERGY and flow.direction is Direction.INPUT:
        if code in fuels():
            keys.append("fuel:" + code)
        elif code == "electricity" or (not code and flow.source == "grid"):
            keys.append("electricity")
    elif flow.kind is FlowKind.WATER:
        keys.append("water")
    elif flow.kind is FlowKind.WASTEWATER:
        keys.append("wastewater")
    elif flow.kind is FlowKind.WASTE:
        if code:
            keys.append("waste:" + code)
        keys.append("waste:hazardous" if flow.hazardous else "waste:non_hazardous")
    return tuple(keys)


@lru_cache(maxsize=1024)
def _base_units_per_unit(unit: str, base_unit: str, fuel_code: str) -> float | None:
    """How many of the flow's base unit one ``unit`` of the priced resource is (None: no fit)."""
    one = Quantity(1.0, parse_unit(unit))
    dimension = dimension_of(one.units)
    if base_unit == "MWh" and fuel_code and dimension in ("mass", "volume"):
        return float(fuel_energy(one, fuels()[fuel_code]).magnitude)
    magnitude, base = to_base(one)
    return magnitude if base == base_unit else None


def _per_base_unit(flow: ResourceFlow, price: Price) -> float:
    fuel_code = flow.classification_code if flow.classification_code in fuels() else ""
    try:
        factor = _base_units_per_unit(price.unit, flow.base_unit, fuel_code)
    except UnitError as error:  # a fuel without a known density priced per volume
        factor, problem = None, str(error)
    else:
        problem = ""
    if factor is None:
        raise DomainError(
            _("The price of '{description}' is per {unit}, which cannot be applied to a flow "
              "measured in {base}. {problem}Give the price per unit of the flow.").format(
                description=flow.description, unit=price.unit, base=flow.base_unit,
                problem=problem + " " if problem else ""),
            "unit",
        )
    return price.vnd_per_unit / factor


def _recorded(flow: ResourceFlow) -> Price | None:
    if flow.cost_vnd is None or flow.base_quantity <= 0:
        return None
    return Price(resource="{}:{}".format(flow.kind.value, flow.description),
                 vnd_per_unit=float(flow.cost_vnd) / flow.base_quantity, unit=flow.base_unit,
                 source=message(gettext_noop("cost recorded on the flow for {period}"),
                                period=str(flow.period)),
                 year=flow.period.year, verification="recorded", version="recorded")


def _default(flow: ResourceFlow, book: PriceBook, keys: tuple[str, ...]) -> Price | None:
    if "electricity" in keys:
        return book.electricity(flow.period.year)
    if "water" in keys:
        return book.water(flow.period.year)
    return None


def price_of(flow: ResourceFlow, book: PriceBook) -> tuple[float, Price]:
    """VND per base unit of ``flow`` (per MWh, t, m³ …) and the Price it came from.

    Order: the company's override for the flow's most specific key; else the cost recorded on
    the flow; else the shipped default (electricity from the grid, water of the province);
    else DomainError saying what is missing and how to give it.
    """
    keys = price_keys(flow)
    price = next((book.overrides[key] for key in keys if key in book.overrides), None)
    price = price or _recorded(flow) or _default(flow, book, keys)
    if price is None:
        raise _missing(flow, keys, book)
    if price.version == "recorded":
        return price.vnd_per_unit, price
    return _per_base_unit(flow, price), price


def _missing(flow: ResourceFlow, keys: tuple[str, ...], book: PriceBook) -> DomainError:
    message = _("No price for '{description}' of {company} in {period}. Record its cost on the "
                "flow, or enter a price for '{key}' in the company's prices.").format(
        description=flow.description, company=flow.company_code, period=flow.period,
        key=keys[-1])
    if "water" in keys:
        message += " " + _("OpenEIP has no default water tariff for the province '{province}'.")\
            .format(province=book.province)
    if flow.kind is FlowKind.WASTE and flow.hazardous:
        guides = "; ".join(
            _("{low}–{high} VND/t in {place} in {year}").format(
                low=formatting.fixed(item.low_vnd_per_t),
                high=formatting.fixed(item.high_vnd_per_t), place=item.place,
                year=item.year)
            for item in waste_fee_references() if item.waste == "hazardous")
        message += " " + _("No current public list of waste fees exists; as a historic guide "
                           "only: {guides}.").format(guides=guides)
    return DomainError(message, "price")
