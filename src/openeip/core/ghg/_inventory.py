"""Scope 1 and 2 inventory of a set of resource flows. Equations: see the package docstring."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from openeip.core.catalogues import fuels, sources_with_role
from openeip.core.catalogues.series import SeriesNotice
from openeip.core.domain import Direction, FlowKind, ReportingPeriod, ResourceFlow
from openeip.core.errors import DomainError
from openeip.core.ghg._factors import (
    FactorReference,
    GridFactor,
    GwpSet,
    fuel_factors,
    grid_factor,
    gwp_of,
    table_versions,
)
from openeip.core.ghg._results import GhgInventory, GhgLine, GhgTotals, LineCategory, NotCounted
from openeip.core.i18n import gettext as _
from openeip.core.units import BASE_UNITS

__all__ = ["inventory"]

_TJ_PER_MWH = 0.0036
_T_PER_KG = 0.001


@dataclass(frozen=True, slots=True)
class _FuelRates:
    """Emissions per MWh of one fuel under one GWP set (t of gas, tCO2e), and their sources."""

    gas_t: tuple[float, float, float]  # CO2, CH4, N2O
    co2e_tco2e: float
    biogenic_tco2e: float
    references: tuple[FactorReference, ...]


@lru_cache(maxsize=2)
def _fuel_rates(gwp_set: GwpSet) -> dict[str, _FuelRates]:
    rates = {}
    for code, factor in fuel_factors().items():
        origin = "non_fossil" if factor.biogenic else "fossil"
        gwp_ch4, gwp_n2o = gwp_of(gwp_set, "CH4", origin), gwp_of(gwp_set, "N2O", origin)
        per_mwh = _TJ_PER_MWH * _T_PER_KG
        co2 = factor.co2.to("kg/TJ").magnitude * per_mwh
        ch4 = factor.ch4.to("kg/TJ").magnitude * per_mwh
        n2o = factor.n2o.to("kg/TJ").magnitude * per_mwh
        counted = ch4 * gwp_ch4.value + n2o * gwp_n2o.value + (0.0 if factor.biogenic else co2)
        rates[code] = _FuelRates((co2, ch4, n2o), counted, co2 if factor.biogenic else 0.0,
                                 factor.references() + (gwp_ch4.reference(), gwp_n2o.reference()))
    return rates


def _where(flow: ResourceFlow) -> dict[str, str]:
    return {"description": flow.description, "company": flow.company_code,
            "period": flow.period.label()}


def _unknown_code(flow: ResourceFlow) -> DomainError:
    return DomainError(
        _("The energy input '{description}' of {company} in {period} has the code '{code}', "
          "which is no fuel OpenEIP knows. Use one of: {codes}; or 'electricity' for electricity "
          "from the grid.").format(code=flow.classification_code,
                                   codes=", ".join(sorted(fuels())), **_where(flow)),
        "classification_code",
    )


def _unclassified(flow: ResourceFlow) -> DomainError:
    return DomainError(
        _("The energy input '{description}' of {company} in {period} has no fuel code and does "
          "not come from the grid, so its emissions cannot be counted. Write its fuel code (such "
          "as diesel) in classification_code, or 'electricity' for grid electricity, or set its "
          "source to on_site if it is made on site.").format(**_where(flow)),
        "classification_code",
    )


class _GridFactors:
    """Grid factors looked up once per year; records which overrides were used."""

    def __init__(self, overrides: Mapping[int, Any] | None) -> None:
        self.overrides = overrides
        self.by_year: dict[int, tuple[float, tuple[FactorReference, ...]]] = {}
        self.used_overrides: dict[int, GridFactor] = {}
        self.notices: list[SeriesNotice] = []

    def __call__(self, year: int) -> tuple[float, tuple[FactorReference, ...]]:
        found = self.by_year.get(year)
        if found is None:
            factor = grid_factor(year, overrides=self.overrides)
            if factor.version == "override":
                self.used_overrides[year] = factor
            if factor.notice is not None:
                self.notices.append(factor.notice)
            found = (float(factor.value.magnitude), (factor.reference(),))
            self.by_year[year] = found
        return found


class _Classifier:
    """Turns one energy, heat or air-emission flow into its line, or notes why it has none."""

    def __init__(self, gwp_set: GwpSet, grid_overrides: Mapping[int, Any] | None) -> None:
        self.rates = _fuel_rates(gwp_set)
        self.grid = _GridFactors(grid_overrides)
        self.not_counted: list[NotCounted] = []

    def line(self, flow: ResourceFlow) -> GhgLine | None:
        if flow.kind is FlowKind.AIR_EMISSION:
            if flow.base_unit != BASE_UNITS["co2e"]:
                return None  # a pollutant in kg or t (SO2, dust): not a greenhouse gas here
            return GhgLine(flow, LineCategory.REPORTED, flow.base_quantity, ())
        if flow.direction is not Direction.INPUT:
            if flow.kind is FlowKind.ENERGY:
                self.not_counted.append(NotCounted(flow, "energy_output"))
            return None
        if flow.kind is FlowKind.HEAT:
            self.not_counted.append(NotCounted(flow, "purchased_heat"))
            return None
        code = flow.classification_code
        fuel = self.rates.get(code) if code else None
        if fuel is not None:
            mwh = flow.base_quantity
            return GhgLine(flow, LineCategory.FUEL_COMBUSTION, mwh * fuel.co2e_tco2e,
                           fuel.references, fuel.gas_t, mwh * fuel.biogenic_tco2e)
        if code and code != "electricity":
            raise _unknown_code(flow)
        # energy the company makes or recovers itself, burning nothing it recorded as a fuel
        if flow.source in sources_with_role("own"):
            self.not_counted.append(NotCounted(flow, "own_energy"))
            return None
        if code or flow.source in sources_with_role("grid"):
            factor, references = self.grid(flow.period.year)
            return GhgLine(flow, LineCategory.GRID_ELECTRICITY, flow.base_quantity * factor,
                           references)
        raise _unclassified(flow)


def inventory(flows: Iterable[ResourceFlow], *, gwp: GwpSet | str,
              grid_overrides: Mapping[int, Any] | None = None) -> GhgInventory:
    """Scope 1 and 2 emissions of ``flows`` with the GWP set ``gwp`` ('AR5' or 'AR6').

    ``grid_overrides`` maps a year to the grid factor set for it (a quantity in t CO2e/MWh or a
    :class:`~openeip.core.catalogues.series.SeriesOverride`); it is used instead of the shipped
    series for that year and recorded in ``factor_versions``. A year the series does not cover
    uses the nearest year's factor and adds a notice to ``notices``.
    """
    gwp_set = GwpSet.named(gwp)
    classifier = _Classifier(gwp_set, grid_overrides)
    lines: list[GhgLine] = []
    sums: dict[ReportingPeriod, list[float]] = {}
    period: ReportingPeriod | None = None
    period_sums = [0.0, 0.0, 0.0]
    energy, air, heat, grid = (FlowKind.ENERGY, FlowKind.AIR_EMISSION, FlowKind.HEAT,
                               LineCategory.GRID_ELECTRICITY)
    # Speed matters (40,000 companies × 24 months in seconds): most flows are skipped on their
    # kind alone, and consecutive flows of one period share its sums without a dict look-up.
    for flow in flows:
        kind = flow.kind
        if kind is not energy and kind is not air and kind is not heat:
            continue
        line = classifier.line(flow)
        if line is None:
            continue
        lines.append(line)
        if flow.period is not period:
            period = flow.period
            period_sums = sums.setdefault(period, [0.0, 0.0, 0.0])
        period_sums[1 if line.category is grid else 0] += line.co2e_tco2e
        period_sums[2] += line.biogenic_co2_tco2e
    return GhgInventory(
        gwp=gwp_set,
        lines=tuple(lines),
        factor_versions=_versions(lines, classifier.grid, gwp_set),
        not_counted=tuple(classifier.not_counted),
        periods={key: GhgTotals(*values) for key, values in sums.items()},
        notices=tuple(classifier.grid.notices),
    )


def _versions(lines: list[GhgLine], grid: _GridFactors, gwp_set: GwpSet) -> dict[str, str]:
    """Version of each table the result used; grid overrides are spelled out."""
    shipped = table_versions()
    used = {"gwp": shipped["gwp"], "gwp_set": gwp_set.value}
    categories = {line.category for line in lines}
    if LineCategory.FUEL_COMBUSTION in categories:
        used["fuel_factors"] = shipped["fuel_factors"]
    if LineCategory.GRID_ELECTRICITY in categories:
        version = shipped["grid_factors"]
        if grid.used_overrides:
            version += " + override " + ", ".join(
                "{}={:g}".format(year, factor.value.magnitude)
                for year, factor in sorted(grid.used_overrides.items()))
        used["grid_factors"] = version
    return used
