"""The factor tables: fuel combustion factors, Vietnam's grid factor by year and GWP sets.

Each table is read once from ``openeip/data/ghg``; each value keeps its source, year and
verification, and the table's version travels with every result that used it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from typing import Any

from openeip.core.catalogues import fuels
from openeip.core.catalogues.series import (
    SeriesNotice,
    SeriesOverride,
    nearest_year,
    override_notice,
)
from openeip.core.catalogues.versioned import number, read_versioned, verification_of
from openeip.core.errors import CatalogueError, DomainError
from openeip.core.i18n import gettext as _
from openeip.core.units import Quantity, unit_symbol

__all__ = [
    "FactorReference",
    "FuelFactor",
    "GridFactor",
    "Gwp",
    "GwpSet",
    "fuel_factors",
    "grid_factor",
    "grid_factors",
    "gwp_values",
    "table_versions",
]

_PACKAGE = "openeip.data.ghg"
GRID_FACTOR_UNIT = "tCO2e/MWh"
_GRID_DIMENSIONALITY = Quantity(1, GRID_FACTOR_UNIT).dimensionality


class GwpSet(StrEnum):
    """The IPCC assessment report whose 100-year GWPs convert CH4 and N2O to CO2e."""

    AR5 = "AR5"
    AR6 = "AR6"

    @classmethod
    def named(cls, value: GwpSet | str) -> GwpSet:
        """The set called ``value`` ('AR5' or 'AR6'), or DomainError saying which exist."""
        try:
            return cls(str(value).strip().upper())
        except ValueError:
            raise DomainError(
                _("Unknown GWP set '{value}'; name one of: {sets}.").format(
                    value=value, sets=", ".join(member.value for member in cls)),
                "gwp",
            ) from None


@dataclass(frozen=True, slots=True)
class FactorReference:
    """Which factor a result used: table and version, key, value, source, year, verification."""

    table: str
    version: str
    key: str
    value: str
    source: str
    year: str
    verification: str


@dataclass(frozen=True, slots=True)
class FuelFactor:
    """CO2, CH4 and N2O emitted per TJ of a fuel burnt (net calorific value basis)."""

    fuel_code: str
    co2: Any
    ch4: Any
    n2o: Any
    biogenic: bool
    co2_source: str
    co2_verification: str
    ch4_n2o_source: str
    ch4_n2o_verification: str
    year: int
    note: str
    version: str

    def references(self) -> tuple[FactorReference, ...]:
        table, year = "fuel_factors", str(self.year)
        return (
            FactorReference(table, self.version, "{} CO2".format(self.fuel_code),
                            "{:g} kg/TJ".format(self.co2.magnitude), self.co2_source, year,
                            self.co2_verification),
            FactorReference(table, self.version, "{} CH4".format(self.fuel_code),
                            "{:g} kg/TJ".format(self.ch4.magnitude), self.ch4_n2o_source, year,
                            self.ch4_n2o_verification),
            FactorReference(table, self.version, "{} N2O".format(self.fuel_code),
                            "{:g} kg/TJ".format(self.n2o.magnitude), self.ch4_n2o_source, year,
                            self.ch4_n2o_verification),
        )


@dataclass(frozen=True, slots=True)
class GridFactor:
    """Vietnam's grid emission factor for one year, in t CO2e per MWh taken from the grid."""

    year: int
    value: Any
    source: str
    official: bool
    verification: str
    note: str
    version: str
    #: set when the value is not the series' own for the data's year (policy: catalogues.series)
    notice: SeriesNotice | None = None

    def reference(self) -> FactorReference:
        return FactorReference("grid_factors", self.version, str(self.year),
                               "{:g} {}".format(self.value.magnitude, GRID_FACTOR_UNIT),
                               self.source, str(self.year), self.verification)


@dataclass(frozen=True, slots=True)
class Gwp:
    """The 100-year GWP of one gas (of one origin) in one set: kg CO2e per kg of gas."""

    gwp_set: GwpSet
    gas: str
    origin: str
    value: float
    source: str
    year: int
    verification: str
    version: str

    def reference(self) -> FactorReference:
        key = "{} {}".format(self.gwp_set.value, self.gas)
        if self.origin != "any":
            key = "{} ({})".format(key, self.origin.replace("_", "-"))
        return FactorReference("gwp", self.version, key, "{:g}".format(self.value),
                               self.source, str(self.year), self.verification)


def _flag(value: str, filename: str, key: str) -> bool:
    if value not in ("true", "false"):
        raise CatalogueError("{} {}: '{}' must be true or false".format(filename, key, value))
    return value == "true"


@lru_cache(maxsize=1)
def fuel_factors() -> dict[str, FuelFactor]:
    """Combustion factors by fuel code; every fuel of ``fuels.csv`` has one."""
    table = read_versioned(_PACKAGE, "fuel_factors.csv")
    factors = {}
    for row in table.rows:
        code, name = row["code"], "fuel_factors.csv"
        factors[code] = FuelFactor(
            fuel_code=code,
            co2=Quantity(number(row["co2_kg_per_tj"], name, code), "kg/TJ"),
            ch4=Quantity(number(row["ch4_kg_per_tj"], name, code), "kg/TJ"),
            n2o=Quantity(number(row["n2o_kg_per_tj"], name, code), "kg/TJ"),
            biogenic=_flag(row["biogenic"], name, code),
            co2_source=row["co2_source"],
            co2_verification=verification_of(row["co2_verification"], name, code),
            ch4_n2o_source=row["ch4_n2o_source"],
            ch4_n2o_verification=verification_of(row["ch4_n2o_verification"], name, code),
            year=int(row["year"]),
            note=row["note"],
            version=table.version,
        )
    missing = sorted(set(fuels()) - set(factors))
    if missing:
        raise CatalogueError("fuel_factors.csv: no factors for fuels {}".format(", ".join(missing)))
    return factors


@lru_cache(maxsize=1)
def grid_factors() -> dict[int, GridFactor]:
    """The published series, by year."""
    table = read_versioned(_PACKAGE, "grid_factors.csv")
    name = "grid_factors.csv"
    return {
        int(row["year"]): GridFactor(
            year=int(row["year"]),
            value=Quantity(number(row["tco2e_per_mwh"], name, row["year"]), GRID_FACTOR_UNIT),
            source=row["source"],
            official=_flag(row["official"], name, row["year"]),
            verification=verification_of(row["verification"], name, row["year"]),
            note=row["note"],
            version=table.version,
        )
        for row in table.rows
    }


@lru_cache(maxsize=2)
def gwp_values(gwp_set: GwpSet) -> dict[tuple[str, str], Gwp]:
    """GWPs of ``gwp_set`` keyed by (gas, origin); origin is 'any', 'fossil' or 'non_fossil'."""
    table = read_versioned(_PACKAGE, "gwp.csv")
    values = {
        (row["gas"], row["origin"]): Gwp(
            gwp_set=gwp_set, gas=row["gas"], origin=row["origin"],
            value=number(row["gwp100"], "gwp.csv", row["gas"]), source=row["source"],
            year=int(row["year"]),
            verification=verification_of(row["verification"], "gwp.csv", row["gas"]),
            version=table.version,
        )
        for row in table.rows if row["set"] == gwp_set.value
    }
    if not values:
        raise CatalogueError("gwp.csv: no values for the set {}".format(gwp_set.value))
    return values


def gwp_of(gwp_set: GwpSet, gas: str, origin: str) -> Gwp:
    """The GWP of ``gas`` of ``origin`` ('fossil'/'non_fossil'), or the set's single value."""
    values = gwp_values(gwp_set)
    found = values.get((gas, origin)) or values.get((gas, "any"))
    if found is None:
        raise CatalogueError("gwp.csv: no {} value for {} in {}".format(origin, gas, gwp_set.value))
    return found


@lru_cache(maxsize=1)
def table_versions() -> dict[str, str]:
    """Version of each factor table as shipped: {'fuel_factors': …, 'grid_factors': …, 'gwp': …}."""
    return {name: read_versioned(_PACKAGE, name + ".csv").version
            for name in ("fuel_factors", "grid_factors", "gwp")}


def override_factor(year: int, value: Any) -> GridFactor:
    """A grid factor set for ``year``: a :class:`SeriesOverride` (platform or park, with its
    source) or a pint quantity in t CO2e/MWh or convertible."""
    if isinstance(value, SeriesOverride):
        checked = Quantity(value.value, GRID_FACTOR_UNIT)
        return GridFactor(year=year, value=checked, source=value.source, official=False,
                          verification="user", note=value.note, version="override",
                          notice=override_notice(value, year))
    if not hasattr(value, "units") or value.dimensionality != _GRID_DIMENSIONALITY:
        shown = unit_symbol(value.units) if hasattr(value, "units") else "a bare number"
        raise DomainError(
            _("The grid emission factor override for {year} must be in t CO2e per MWh, not "
              "{unit}.").format(year=year, unit=shown),
            "grid_factor",
        )
    converted = value.to(GRID_FACTOR_UNIT)
    if not 0 <= converted.magnitude <= 2:
        raise DomainError(
            _("The grid emission factor override for {year} is {value} t CO2e/MWh; a grid "
              "factor lies between 0 and 2.").format(year=year, value=converted.magnitude),
            "grid_factor",
        )
    return GridFactor(year=year, value=converted, source=_("entered by the user"), official=False,
                      verification="unverified", note="", version="override")


def grid_factor(year: int, *, overrides: Mapping[int, Any] | None = None) -> GridFactor:
    """Grid factor for data of ``year``: the override if given, else the published series.

    A year the series does not hold gets the nearest year's value (the latest for a later
    year) with a ``notice`` naming the year used (:mod:`openeip.core.catalogues.series`).
    """
    if overrides and year in overrides:
        return override_factor(year, overrides[year])
    series = grid_factors()
    used, notice = nearest_year(series, year, "grid_factors")
    return series[used] if notice is None else replace(series[used], notice=notice)
