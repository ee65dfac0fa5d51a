"""Benefit and transport factors of symbiosis exchanges, read from cited, versioned data files.

* ``data/symbiosis/benefit_factors.csv`` — per resource class (or group): the price and the
  production (or combustion) emissions of the virgin input a receiver stops buying; per disposal
  fate (optionally narrowed to a class group): the fee and emissions the supplier avoids.
* ``data/symbiosis/transport_costs.csv`` — per transport mode and unit: cost per unit·km of road
  distance, handling per unit, emissions per unit·km, reach, road factor and pipe build cost.

Look-ups walk a class's ancestors (itself first), so a row for a group covers every descendant
without a row of its own. A firm's own prices override the defaults
(:meth:`BenefitFactors.overridden`); the override is then named in :meth:`versions`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any, Protocol

from openeip.core.catalogues.series import SeriesNotice
from openeip.core.catalogues.versioned import (
    VersionTag,
    number,
    read_versioned,
    verification_of,
)
from openeip.core.errors import CatalogueError, DomainError
from openeip.core.ghg import grid_factor
from openeip.core.i18n import gettext as _
from openeip.core.symbiosis.model import BASE_UNITS, Family, Form, ResourceClass

__all__ = [
    "BenefitFactors",
    "ClassFactor",
    "ClassTree",
    "FateFactor",
    "Override",
    "TransportFactor",
    "carrier_limits",
    "hard_max_km",
    "load_factors",
    "transport_mode",
]

_PACKAGE = "openeip.data.symbiosis"


class ClassTree(Protocol):
    """What the engines need of a taxonomy (``openeip.core.symbiosis.taxonomy.Taxonomy``)."""

    @property
    def classes(self) -> Mapping[str, ResourceClass]: ...

    def ancestors(self, code: str) -> tuple[str, ...]: ...

    def descendants(self, code: str) -> frozenset[str]: ...


@dataclass(frozen=True, slots=True)
class ClassFactor:
    """The virgin input of a class: its price and emissions per base unit."""

    code: str
    unit: str
    price_vnd_per_unit: float
    co2e_t_per_unit: float
    source: str
    verification: str


@dataclass(frozen=True, slots=True)
class FateFactor:
    """A disposal route: its fee and emissions per unit of waste (``unit``, usually t)."""

    fate: str
    class_code: str          # "" for the route's default
    unit: str
    fee_vnd_per_unit: float
    co2e_t_per_unit: float
    source: str
    verification: str


@dataclass(frozen=True, slots=True)
class TransportFactor:
    """One transport mode for one unit."""

    mode: str
    unit: str
    variable_vnd_per_unit_km: float
    handling_vnd_per_unit: float
    co2e_kg_per_unit_km: float
    road_factor: float
    max_distance_km: float
    pipeline_capex_vnd_per_km: float
    source: str
    verification: str


def transport_mode(resource: ResourceClass) -> str:
    """The mode that carries a class: by its form, water by pipe, services not at all."""
    if resource.family is Family.SERVICE or resource.form is Form.SERVICE:
        return "service"
    if resource.form is Form.LIQUID:
        return "pipe_water" if resource.family is Family.WATER else "road_liquid"
    return {
        Form.SOLID: "road_solid",
        Form.SLUDGE: "road_sludge",
        Form.GAS: "pipe_gas",
        Form.STEAM: "pipe_steam",
        Form.HEAT: "pipe_heat",
        Form.ELECTRICITY: "grid_electricity",
    }[resource.form]


_OVERRIDE = re.compile(r"override (price|fee) (\S+)=(\S+)$")


@dataclass(frozen=True, slots=True)
class Override:
    """A firm's own value recorded among the versions, as stored: "override price
    fly_ash=120000" (VND per base unit of the class's virgin input) or "override fee
    landfill=350000" (VND per t for the disposal fate)."""

    kind: str          # "price" or "fee"
    key: str           # the class code or the fate
    value: float

    def __str__(self) -> str:
        # the value in full ("{:g}" kept six digits: 1,234,567 VND was stored as 1.23457e+06)
        value = str(int(self.value)) if self.value.is_integer() else repr(self.value)
        return "override {} {}={}".format(self.kind, self.key, value)

    @classmethod
    def read(cls, text: str) -> Override | None:
        """The override ``text`` records, or None when it is not one."""
        found = _OVERRIDE.match(text)
        if found is None:
            return None
        kind, key, value = found.groups()
        try:
            return cls(kind, key, float(value))
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class BenefitFactors:
    """Every factor the benefit calculation needs, with the versions it came from."""

    classes: Mapping[str, ClassFactor]
    fates: Mapping[tuple[str, str], FateFactor]
    transport: Mapping[tuple[str, str], TransportFactor]
    table_versions: tuple[str, ...]
    overrides: tuple[str, ...] = ()
    #: the grid factor's year is not the benefits' year (catalogues.series policy)
    notices: tuple[SeriesNotice, ...] = ()

    def virgin(self, class_code: str, taxonomy: ClassTree) -> ClassFactor | None:
        """The factor of the nearest of ``class_code`` and its ancestors that has one."""
        for code in taxonomy.ancestors(class_code):
            found = self.classes.get(code)
            if found is not None:
                return found
        return None

    def disposal(self, fate: str, class_code: str, taxonomy: ClassTree) -> FateFactor | None:
        """The route's row for the nearest ancestor of ``class_code``, else its default row."""
        if not fate:
            return None
        for code in taxonomy.ancestors(class_code):
            found = self.fates.get((fate, code))
            if found is not None:
                return found
        return self.fates.get((fate, ""))

    def transport_for(self, mode: str, unit: str) -> TransportFactor:
        found = self.transport.get((mode, unit))
        if found is None:
            raise DomainError(
                _("No transport cost is known for mode {mode} in {unit}; add a row to "
                  "transport_costs.csv.").format(mode=mode, unit=unit), "transport")
        return found

    @property
    def road_factor(self) -> float:
        """The default road factor (road km per straight km) of road transport of solids."""
        return self.transport_for("road_solid", "t").road_factor

    def versions(self) -> tuple[str, ...]:
        """Versions of the tables used, then one entry per overridden value."""
        return self.table_versions + self.overrides

    def overridden(self, *, virgin_prices: Mapping[str, float] | None = None,
                   disposal_fees: Mapping[str, float] | None = None) -> BenefitFactors:
        """These factors with a firm's own prices: VND per base unit by class code (the
        class's virgin input), VND per t by disposal fate (for every class)."""
        classes = dict(self.classes)
        fates = dict(self.fates)
        notes = list(self.overrides)
        for code, price in sorted((virgin_prices or {}).items()):
            _check_price(price, code)
            base = classes.get(code)
            if base is None:
                raise DomainError(
                    _("No virgin-input factor exists for class {code}, so its price cannot be "
                      "overridden; name a class listed in benefit_factors.csv.").format(code=code),
                    "virgin_prices")
            classes[code] = replace(base, price_vnd_per_unit=float(price), source="override",
                                    verification="unverified")
            notes.append(str(Override("price", code, float(price))))
        for fate, fee in sorted((disposal_fees or {}).items()):
            _check_price(fee, fate)
            keys = [key for key in fates if key[0] == fate]
            if not keys:
                raise DomainError(
                    _("Unknown disposal fate {fate}: use one listed in benefit_factors.csv.")
                    .format(fate=fate), "disposal_fees")
            for key in keys:
                fates[key] = replace(fates[key], fee_vnd_per_unit=float(fee), source="override",
                                     verification="unverified")
            notes.append(str(Override("fee", fate, float(fee))))
        return replace(self, classes=classes, fates=fates, overrides=tuple(notes))


def _check_price(value: float, key: str) -> None:
    if not value >= 0:
        raise DomainError(
            _("The price or fee given for {key} is {value}; give zero or a positive amount in "
              "VND.").format(key=key, value=value), key)


def _unit(value: str, filename: str, key: str) -> str:
    if value not in BASE_UNITS:
        raise CatalogueError("{} {}: unit '{}' is not one of {}".format(
            filename, key, value, ", ".join(BASE_UNITS)))
    return value


def load_factors(year: int | None = None, *, grid_override: Any = None) -> BenefitFactors:
    """The shipped factors for benefits of ``year`` (this calendar year when None).

    Grid electricity is valued with the grid factor of that year under the series policy
    (:mod:`openeip.core.catalogues.series`): ``grid_override`` (a SeriesOverride or a quantity)
    when given, else the series' factor, else the latest one with a notice in ``notices``.
    """
    return _load_factors(date.today().year if year is None else year, grid_override)


@lru_cache(maxsize=8)
def _load_factors(year: int, grid_override: Any) -> BenefitFactors:
    grid = grid_factor(year, overrides=None if grid_override is None else {year: grid_override})
    grid_version = str(VersionTag("grid_factors", grid.version, grid.year))
    name = "benefit_factors.csv"
    table = read_versioned(_PACKAGE, name)
    versions = [table.tag]
    classes: dict[str, ClassFactor] = {}
    fates: dict[tuple[str, str], FateFactor] = {}
    for row in table.rows:
        key = "{} {} {}".format(row["kind"], row["code"], row["class_code"]).strip()
        verification = verification_of(row["verification"], name, key)
        unit = _unit(row["unit"], name, key)
        price = number(row["price_vnd_per_unit"], name, key)
        if row["co2e_t_per_unit"] == "grid":
            co2e = float(grid.value.magnitude)
            if grid_version not in versions:
                versions.append(grid_version)
        else:
            co2e = number(row["co2e_t_per_unit"], name, key)
        if row["kind"] == "class":
            if row["code"] in classes:
                raise CatalogueError("{}: class {} is listed twice".format(name, row["code"]))
            classes[row["code"]] = ClassFactor(row["code"], unit, price, co2e, row["source"],
                                               verification)
        elif row["kind"] == "fate":
            fate_key = (row["code"], row["class_code"])
            if fate_key in fates:
                raise CatalogueError("{}: {} is listed twice".format(name, key))
            fates[fate_key] = FateFactor(row["code"], row["class_code"], unit, price, co2e,
                                         row["source"], verification)
        else:
            raise CatalogueError("{} {}: kind must be class or fate".format(name, key))
    transport_table = read_versioned(_PACKAGE, "transport_costs.csv")
    versions.append(transport_table.tag)
    transport: dict[tuple[str, str], TransportFactor] = {}
    for row in transport_table.rows:
        tname, key = "transport_costs.csv", "{} {}".format(row["mode"], row["unit"])
        road_factor = number(row["road_factor"], tname, key)
        if road_factor < 1:
            raise CatalogueError("{} {}: road factor must be at least 1".format(tname, key))
        transport[(row["mode"], _unit(row["unit"], tname, key))] = TransportFactor(
            mode=row["mode"], unit=row["unit"],
            variable_vnd_per_unit_km=number(row["variable_vnd_per_unit_km"], tname, key),
            handling_vnd_per_unit=number(row["handling_vnd_per_unit"], tname, key),
            co2e_kg_per_unit_km=number(row["co2e_kg_per_unit_km"], tname, key),
            road_factor=road_factor,
            max_distance_km=number(row["max_distance_km"], tname, key),
            pipeline_capex_vnd_per_km=number(row["pipeline_capex_vnd_per_km"], tname, key),
            source=row["source"],
            verification=verification_of(row["verification"], tname, key),
        )
    return BenefitFactors(classes=classes, fates=fates, transport=transport,
                          table_versions=tuple(versions),
                          notices=() if grid.notice is None else (grid.notice,))


@lru_cache(maxsize=1)
def carrier_limits() -> dict[str, float]:
    """Hard maximum road km per transport mode (``data/symbiosis/carrier_limits.csv``)."""
    table = read_versioned(_PACKAGE, "carrier_limits.csv")
    return {row["mode"]: number(row["hard_max_km"], "carrier_limits.csv", row["mode"])
            for row in table.rows}


def hard_max_km(resource: ResourceClass, typical_km: float) -> float:
    """The distance beyond which ``resource`` cannot be delivered at all: the carrier's
    physical maximum, never below a rule's own stated reach ``typical_km``."""
    return max(typical_km, carrier_limits().get(transport_mode(resource), typical_km))
