"""Domain objects: parks, companies, reporting periods, products and resource flows.

Every physical quantity is a pint quantity; every rule a value must keep is checked when the
object is built and broken rules raise :class:`DomainError` naming the field.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from openeip.core import catalogues
from openeip.core.errors import DomainError, UnitError
from openeip.core.i18n import current_language, gettext_noop
from openeip.core.i18n import gettext as _
from openeip.core.units import dimension_of, fuel_energy, to_base, unit_symbol
from openeip.core.units._registry import fuel as catalogued_fuel

__all__ = [
    "Company",
    "Direction",
    "FlowKind",
    "LandUse",
    "Location",
    "Park",
    "Product",
    "ReportingPeriod",
    "ResourceFlow",
]


class Direction(StrEnum):
    """Which way a resource crosses a company's boundary: the one direction of core.

    Symbiosis speaks of the same two ways as offers and needs: a *supply* is something that
    leaves a firm (an output: a waste, a by-product, a surplus), a *demand* something a firm
    takes in (an input). ``SUPPLY`` and ``DEMAND`` are those names for ``OUTPUT`` and ``INPUT``
    (the same members), and ``Direction('supply')`` reads symbiosis' files and tables.
    """

    INPUT = "input"
    OUTPUT = "output"
    SUPPLY = "output"
    DEMAND = "input"

    @classmethod
    def _missing_(cls, value: object) -> Direction | None:
        return {"supply": cls.OUTPUT, "demand": cls.INPUT}.get(str(value).strip().lower())

    @property
    def side(self) -> str:
        """The symbiosis word for this direction: 'supply' (an offer) or 'demand' (a need)."""
        return "supply" if self is Direction.OUTPUT else "demand"


class FlowKind(StrEnum):
    MATERIAL = "material"
    ENERGY = "energy"
    WATER = "water"
    WASTE = "waste"
    WASTEWATER = "wastewater"
    AIR_EMISSION = "air_emission"
    BY_PRODUCT = "by_product"
    HEAT = "heat"
    PRODUCT = "product"


# Names of dimensions and directions as messages show them, translated when a message is built.
_DIMENSION_NAMES = {
    "mass": gettext_noop("mass"),
    "volume": gettext_noop("volume"),
    "energy": gettext_noop("energy"),
    "co2e": gettext_noop("CO2 equivalent"),
    "count": gettext_noop("count"),
    "area": gettext_noop("area"),
}
_DIRECTION_NAMES = {"input": gettext_noop("input"), "output": gettext_noop("output")}


def _kind_name(kind: str) -> str:
    return catalogues.flow_kinds()[kind].label.text(current_language()).lower()


def _names(codes: Iterable[str], names: dict[str, str]) -> str:
    return ", ".join(_(names[code]) for code in codes)


#: longest unit-operation name a flow may carry (the database column has the same length)
UNIT_OPERATION_MAX_LENGTH = 100

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_VSIC = re.compile(r"^\d{4,5}$")


@dataclass(frozen=True, slots=True, order=True)
class ReportingPeriod:
    """A calendar year, or one month of it when ``month`` is given."""

    year: int
    month: int | None = None

    def __post_init__(self) -> None:
        if not 1990 <= self.year <= 2100:
            raise DomainError(
                _("The year {year} is outside 1990–2100.").format(year=self.year), "year"
            )
        if self.month is not None and not 1 <= self.month <= 12:
            raise DomainError(
                _("The month {month} is not between 1 and 12.").format(month=self.month), "month"
            )

    @classmethod
    def parse(cls, text: str) -> ReportingPeriod:
        """Read '2024' or '2024-03'."""
        match = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2}))?\s*", str(text))
        if not match:
            raise DomainError(
                _("'{text}' is not a period; write a year (2024) or a month (2024-03).")
                .format(text=text),
                "period",
            )
        month = int(match.group(2)) if match.group(2) else None
        return cls(int(match.group(1)), month)

    def label(self) -> str:
        return "{}-{:02d}".format(self.year, self.month) if self.month else str(self.year)

    def check_not_future(self, today: datetime.date | None = None) -> ReportingPeriod:
        """This period, or DomainError when it starts after the month of ``today``: measured data
        describe the past (a plan is not recorded as a flow)."""
        today = today or datetime.date.today()
        if (self.year, self.month or 1) > (today.year, today.month):
            raise DomainError(
                _("The period {period} has not begun yet (it is now {now}); record what was "
                  "measured, in a past or the current period.").format(
                    period=self.label(), now="{}-{:02d}".format(today.year, today.month)),
                "period",
            )
        return self

    def __str__(self) -> str:
        return self.label()


@dataclass(frozen=True, slots=True)
class Location:
    latitude: float
    longitude: float

    def __post_init__(self) -> None:
        if not -90 <= self.latitude <= 90:
            raise DomainError(_("Latitude must be between -90 and 90."), "latitude")
        if not -180 <= self.longitude <= 180:
            raise DomainError(_("Longitude must be between -180 and 180."), "longitude")


def _area(value: Any, name: str) -> Any:
    if dimension_of(value.units) != "area":
        raise DomainError(_("{name} must be an area, such as ha.").format(name=name), name)
    if value.magnitude < 0:
        raise DomainError(_("{name} cannot be negative.").format(name=name), name)
    return value.to("ha")


@dataclass(frozen=True, slots=True)
class LandUse:
    """How a park's land is used; each part is an area."""

    industrial: Any
    green_space: Any
    roads: Any
    shared_infrastructure: Any

    def __post_init__(self) -> None:
        for name in ("industrial", "green_space", "roads", "shared_infrastructure"):
            object.__setattr__(self, name, _area(getattr(self, name), name))

    def total(self) -> Any:
        return self.industrial + self.green_space + self.roads + self.shared_infrastructure


@dataclass(frozen=True, slots=True)
class Park:
    slug: str
    name_en: str
    name_vi: str
    province: str
    area: Any
    operator: str = ""
    land_use: LandUse | None = None
    location: Location | None = None
    boundary: tuple[tuple[float, float], ...] = ()

    def __post_init__(self) -> None:
        if not _SLUG.match(self.slug):
            raise DomainError(
                _("The park identifier '{slug}' may hold only lower-case letters, digits and "
                  "hyphens, such as 'song-than-2'.").format(slug=self.slug),
                "slug",
            )
        if not self.name_en.strip() and not self.name_vi.strip():
            raise DomainError(_("A park needs a name in English or Vietnamese."), "name_en")
        object.__setattr__(self, "area", _area(self.area, "area"))
        if self.land_use is not None and self.land_use.total() > self.area * 1.0001:
            raise DomainError(
                _("The land-use areas add up to more than the park's area."), "land_use"
            )

    def name(self, language: str) -> str:
        return (self.name_vi if language == "vi" else self.name_en) or self.name_en or self.name_vi


@dataclass(frozen=True, slots=True)
class Company:
    code: str
    name_en: str
    name_vi: str
    vsic_code: str
    vsic_name: str = ""
    employees: int | None = None
    ownership: str = ""
    location: Location | None = None
    park_slug: str = ""

    def __post_init__(self) -> None:
        if not self.code.strip():
            raise DomainError(_("A company needs a code."), "code")
        if not self.name_en.strip() and not self.name_vi.strip():
            raise DomainError(_("A company needs a name in English or Vietnamese."), "name_en")
        if not _VSIC.match(self.vsic_code):
            raise DomainError(
                _("'{code}' is not a VSIC 2018 code; write its 4 or 5 digits, such as 1313.")
                .format(code=self.vsic_code),
                "vsic_code",
            )
        if not self.vsic_name:
            sector = catalogues.vsic_sectors().get(self.vsic_code[:4])
            if sector is None:
                raise DomainError(
                    _("The VSIC code {code} is not in OpenEIP's sector list; give the sector "
                      "name too.").format(code=self.vsic_code),
                    "vsic_name",
                )
            object.__setattr__(self, "vsic_name", sector.label.en)
        if self.employees is not None and self.employees < 0:
            raise DomainError(_("The number of employees cannot be negative."), "employees")
        if self.ownership and self.ownership not in catalogues.ownerships():
            raise DomainError(
                _("Unknown ownership '{value}'; use one of: {codes}.").format(
                    value=self.ownership, codes=", ".join(catalogues.ownerships())
                ),
                "ownership",
            )


def _check_plausible(quantity: Any, base_quantity: float, base_unit: str) -> None:
    """A finite quantity within the plausible range of its base unit (quantity_ranges.csv)."""
    if not math.isfinite(base_quantity):
        raise DomainError(_("The quantity must be a finite number."), "quantity")
    allowed = catalogues.quantity_ranges().get(base_unit)
    if allowed is None or base_quantity == 0:
        return
    if not allowed.smallest <= base_quantity <= allowed.largest:
        raise DomainError(
            _("{quantity} is not a plausible quantity for one row: in {unit} it must lie between "
              "{smallest:g} and {largest:g}. Check the number and its unit.").format(
                quantity="{:g} {}".format(float(quantity.magnitude), unit_symbol(quantity.units)),
                unit=base_unit.replace("**3", "³"), smallest=allowed.smallest,
                largest=allowed.largest),
            "quantity",
        )


#: money is stored with 20 digits before the decimal point; 10^20 VND is no real amount anyway
_MONEY_LIMIT = Decimal(10) ** 20


def _non_negative_money(value: Decimal | None, name: str) -> None:
    if value is not None and value < 0:
        raise DomainError(_("{name} cannot be negative.").format(name=name), name)
    if value is not None and not (Decimal(value).is_finite() and value < _MONEY_LIMIT):
        raise DomainError(_("{name} must be a finite amount below 10^20 VND.").format(name=name),
                          name)


@dataclass(frozen=True, slots=True)
class Product:
    company_code: str
    period: ReportingPeriod
    name: str
    quantity: Any
    sales_value_vnd: Decimal | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise DomainError(_("A product needs a name."), "name")
        # area: fabric, tiles and panels are sold by the square metre
        if dimension_of(self.quantity.units) not in ("mass", "volume", "area", "count", "energy"):
            raise DomainError(
                _("A product quantity must be a mass, a volume, an area, an energy or a count."),
                "unit",
            )
        if self.quantity.magnitude < 0:
            raise DomainError(_("The quantity cannot be negative."), "quantity")
        if not math.isfinite(self.quantity.magnitude):
            raise DomainError(_("The quantity must be a finite number."), "quantity")
        _check_plausible(self.quantity, *to_base(self.quantity))
        _non_negative_money(self.sales_value_vnd, "sales_value_vnd")

    def key(self) -> tuple[str, ReportingPeriod, str]:
        return (self.company_code, self.period, self.name)


@dataclass(frozen=True, slots=True)
class ResourceFlow:
    """One measured flow of a company in one period: what, which way, how much, where to."""

    company_code: str
    period: ReportingPeriod
    direction: Direction
    kind: FlowKind
    description: str
    quantity: Any
    classification_code: str = ""
    hazardous: bool = False
    cost_vnd: Decimal | None = None
    fate: str = ""
    source: str = ""
    #: where in the plant the flow enters or leaves (such as 'Dyeing'); not part of the key
    unit_operation: str = ""
    base_quantity: float = field(init=False, compare=False)
    base_unit: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        info = catalogues.flow_kinds()[self.kind.value]
        if self.direction.value not in info.directions:
            raise DomainError(
                _("A {kind} flow cannot be an {direction}; it must be: {allowed}.").format(
                    kind=_kind_name(self.kind.value),
                    direction=_(_DIRECTION_NAMES[self.direction.value]),
                    allowed=_names(sorted(info.directions), _DIRECTION_NAMES),
                ),
                "direction",
            )
        if not self.description.strip():
            raise DomainError(_("A flow needs a description."), "description")
        if self.quantity.magnitude < 0:
            raise DomainError(
                _("The quantity cannot be negative; record an output as a positive output flow."),
                "quantity",
            )
        _non_negative_money(self.cost_vnd, "cost_vnd")
        if self.fate and self.direction is Direction.INPUT:
            raise DomainError(_("Only outputs have a fate; leave it empty for inputs."), "fate")
        if self.fate and self.fate not in catalogues.fates():
            raise DomainError(
                _("Unknown fate '{value}'; use one of: {codes}.").format(
                    value=self.fate, codes=", ".join(catalogues.fates())
                ),
                "fate",
            )
        if self.source and self.direction is Direction.OUTPUT:
            raise DomainError(_("Only inputs have a source; leave it empty for outputs."), "source")
        if self.source and self.source not in catalogues.sources():
            raise DomainError(
                _("Unknown source '{value}'; use one of: {codes}.").format(
                    value=self.source, codes=", ".join(catalogues.sources())
                ),
                "source",
            )
        self._check_unit_operation()
        if not math.isfinite(self.quantity.magnitude):
            raise DomainError(_("The quantity must be a finite number."), "quantity")
        base_quantity, base_unit = self._in_base_unit(info.dimensions)
        _check_plausible(self.quantity, base_quantity, base_unit)
        object.__setattr__(self, "base_quantity", base_quantity)
        object.__setattr__(self, "base_unit", base_unit)

    def _check_unit_operation(self) -> None:
        # Spacing is normalised so that 'Dyeing' and ' Dyeing ' name the same operation.
        name = " ".join(self.unit_operation.split())
        if len(name) > UNIT_OPERATION_MAX_LENGTH:
            raise DomainError(
                _("The unit operation name is {length} characters long; shorten it to at most "
                  "{limit}.").format(length=len(name), limit=UNIT_OPERATION_MAX_LENGTH),
                "unit_operation",
            )
        object.__setattr__(self, "unit_operation", name)

    def _in_base_unit(self, allowed: tuple[str, ...]) -> tuple[float, str]:
        dimension = dimension_of(self.quantity.units)
        if dimension not in allowed:
            raise DomainError(
                _("'{unit}' does not fit a {kind} flow; use a unit of {allowed}.").format(
                    unit=unit_symbol(self.quantity.units),
                    kind=_kind_name(self.kind.value),
                    allowed=_names(allowed, _DIMENSION_NAMES),
                ),
                "unit",
            )
        if self.kind is FlowKind.ENERGY and dimension in ("mass", "volume"):
            if not self.classification_code:
                raise DomainError(
                    _("An energy flow in {unit} needs a fuel code in classification_code "
                      "(such as diesel or anthracite) to be converted to energy.")
                    .format(unit=unit_symbol(self.quantity.units)),
                    "classification_code",
                )
            try:
                energy = fuel_energy(self.quantity, catalogued_fuel(self.classification_code))
            except UnitError as error:
                raise DomainError(str(error), "classification_code") from None
            return float(energy.magnitude), "MWh"
        return to_base(self.quantity)

    def key(self) -> tuple[str, ReportingPeriod, str, str, str]:
        return (
            self.company_code,
            self.period,
            self.direction.value,
            self.kind.value,
            self.description,
        )
