"""What an inventory returns: lines per flow, totals per period and year, flows not counted."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from openeip.core.catalogues.series import SeriesNotice
from openeip.core.domain import ReportingPeriod, ResourceFlow
from openeip.core.ghg._factors import FactorReference, GwpSet
from openeip.core.i18n import gettext as _
from openeip.core.i18n import gettext_noop
from openeip.core.units import Quantity, ureg

__all__ = ["GhgInventory", "GhgLine", "GhgTotals", "LineCategory", "NotCounted"]

_TCO2E = ureg.Unit("tCO2e")
_T = ureg.Unit("t")


class LineCategory(StrEnum):
    FUEL_COMBUSTION = "fuel_combustion"  # scope 1
    REPORTED = "reported"  # scope 1: process emissions reported by the company in tCO2e
    GRID_ELECTRICITY = "grid_electricity"  # scope 2


_SCOPES = {LineCategory.FUEL_COMBUSTION: 1, LineCategory.REPORTED: 1,
           LineCategory.GRID_ELECTRICITY: 2}


class GhgLine:
    """The emissions of one flow, with the factors that gave them.

    The ``*_t`` / ``*_tco2e`` attributes hold the numbers in the unit their name says (kept as
    floats for speed, like ``ResourceFlow.base_quantity``); the properties give pint quantities.
    """

    __slots__ = ("biogenic_co2_tco2e", "category", "co2e_tco2e", "factors", "flow", "gas_rates")

    def __init__(self, flow: ResourceFlow, category: LineCategory, co2e_tco2e: float,
                 factors: tuple[FactorReference, ...],
                 gas_rates: tuple[float, float, float] | None = None,
                 biogenic_co2_tco2e: float = 0.0) -> None:
        self.flow = flow
        self.category = category
        self.co2e_tco2e = co2e_tco2e
        self.biogenic_co2_tco2e = biogenic_co2_tco2e
        self.factors = factors
        #: t of CO2, CH4 and N2O per MWh of a fuel line; the masses are worked out when asked
        self.gas_rates = gas_rates

    def _gas_t(self, index: int) -> float | None:
        rates = self.gas_rates
        return None if rates is None else self.flow.base_quantity * rates[index]

    @property
    def co2_t(self) -> float | None:
        return self._gas_t(0)

    @property
    def ch4_t(self) -> float | None:
        return self._gas_t(1)

    @property
    def n2o_t(self) -> float | None:
        return self._gas_t(2)

    @property
    def scope(self) -> int:
        return _SCOPES[self.category]

    @property
    def activity(self) -> Any:
        """The flow's amount in its base unit: MWh of fuel or electricity, or tCO2e reported."""
        return Quantity(self.flow.base_quantity, self.flow.base_unit)

    @property
    def co2e(self) -> Any:
        """Counted emissions (biogenic CO2 excluded)."""
        return Quantity(self.co2e_tco2e, _TCO2E)

    @property
    def biogenic_co2(self) -> Any:
        """Memo item: CO2 from burning biomass, reported but not counted."""
        return Quantity(self.biogenic_co2_tco2e, _TCO2E)

    def gas(self, name: str) -> Any | None:
        """Mass of 'CO2', 'CH4' or 'N2O' emitted by a fuel line (None for other lines)."""
        value = {"CO2": self.co2_t, "CH4": self.ch4_t, "N2O": self.n2o_t}[name]
        return None if value is None else Quantity(value, _T)

    def __repr__(self) -> str:
        return "GhgLine({} {} {}: {:.6g} tCO2e)".format(
            self.flow.company_code, self.flow.period, self.flow.description, self.co2e_tco2e)


@dataclass(frozen=True, slots=True)
class GhgTotals:
    """Scope 1, scope 2 and the biogenic memo of one period or year, in tCO2e."""

    scope1_tco2e: float
    scope2_tco2e: float
    biogenic_co2_tco2e: float

    @property
    def scope1(self) -> Any:
        return Quantity(self.scope1_tco2e, _TCO2E)

    @property
    def scope2(self) -> Any:
        return Quantity(self.scope2_tco2e, _TCO2E)

    @property
    def biogenic_co2(self) -> Any:
        return Quantity(self.biogenic_co2_tco2e, _TCO2E)

    @property
    def total_tco2e(self) -> float:
        return self.scope1_tco2e + self.scope2_tco2e

    @property
    def total(self) -> Any:
        return Quantity(self.total_tco2e, _TCO2E)


_REASONS = {
    "energy_output": gettext_noop("energy sold or passed on: its emissions are counted where the "
                                  "fuel that made it is recorded, not netted"),
    "own_energy": gettext_noop("energy produced on site or recovered: no emission of its own; "
                               "record the fuels that produce it"),
    "purchased_heat": gettext_noop("heat or steam: OpenEIP has no emission factor for bought heat "
                                   "yet"),
}


@dataclass(frozen=True, slots=True)
class NotCounted:
    """An energy or heat flow that adds no emissions, and why."""

    flow: ResourceFlow
    reason_code: str

    def reason(self) -> str:
        return _(_REASONS[self.reason_code])


@dataclass(frozen=True)
class GhgInventory:
    """Scope 1 and 2 emissions of the flows given, with every factor and table version used."""

    gwp: GwpSet
    lines: tuple[GhgLine, ...]
    factor_versions: dict[str, str]
    not_counted: tuple[NotCounted, ...]
    periods: dict[ReportingPeriod, GhgTotals]
    #: a factor of a year its series does not hold was used (catalogues.series policy)
    notices: tuple[SeriesNotice, ...] = ()

    @property
    def totals(self) -> GhgTotals:
        return _sum(self.periods.values())

    @property
    def scope1(self) -> Any:
        return self.totals.scope1

    @property
    def scope2(self) -> Any:
        return self.totals.scope2

    @property
    def biogenic_co2(self) -> Any:
        return self.totals.biogenic_co2

    @property
    def total(self) -> Any:
        return self.totals.total

    def by_period(self) -> dict[ReportingPeriod, GhgTotals]:
        """Totals of each reporting period (month or year, as the flows were recorded)."""
        return dict(sorted(self.periods.items()))

    def total_by_period(self) -> dict[ReportingPeriod, Any]:
        """Scope 1 + 2 of each period as a tCO2e quantity (the form indicators take)."""
        return {period: Quantity(totals.scope1_tco2e + totals.scope2_tco2e, _TCO2E)
                for period, totals in sorted(self.periods.items())}

    def by_year(self) -> dict[int, GhgTotals]:
        """Totals of each calendar year, over all its periods."""
        years: dict[int, list[GhgTotals]] = {}
        for period, totals in self.periods.items():
            years.setdefault(period.year, []).append(totals)
        return {year: _sum(parts) for year, parts in sorted(years.items())}


def _sum(parts: Iterable[GhgTotals]) -> GhgTotals:
    scope1 = scope2 = biogenic = 0.0
    for part in parts:
        scope1 += part.scope1_tco2e
        scope2 += part.scope2_tco2e
        biogenic += part.biogenic_co2_tco2e
    return GhgTotals(scope1, scope2, biogenic)
