r"""The six enterprise-level RECP indicators, absolute and per unit of output, by month and year.

After the UNEP/UNIDO enterprise-level indicators (shared/reference/recp.md §1.2): energy,
materials and water (resource use), waste, greenhouse gases and wastewater (pollution). For a
period :math:`p` (a month, or a year):

.. math::

    A_{energy}(p) = \sum E_i \qquad A_{materials}(p) = \sum m_i \qquad A_{water}(p) = \sum V_i

    A_{waste}(p) = \sum m_o \qquad A_{ghg}(p) = G(p) \qquad A_{wastewater}(p) = \sum V_o

    Y_d(p) = \sum_{j \in d} q_j \qquad Y_{value}(p) = \sum_j s_j

    P_{k,d}(p) = Y_d(p) / A_k(p) \qquad I_{k,d}(p) = A_k(p) / Y_d(p)

==========  =============================================================  ===============
symbol      meaning                                                        unit
==========  =============================================================  ===============
E_i         energy and heat inputs; fuels by net calorific value           MWh
m_i         material inputs given as a mass                                t
V_i         water inputs                                                   m³
m_o         waste outputs given as a mass (by-products are not waste)      t
G           GHG inventory of the period (``openeip.core.ghg``), given       tCO2e
V_o         wastewater outputs                                             m³
Y_d         output of denominator d: the products of one dimension         t, m³, m², piece
            (``mass``, ``volume``, ``area``, ``count``, ``energy``), in
            their common unit, or the base unit when they differ
Y_value     sales value of the products (product records)                  VND
s_j         a product's ``sales_value_vnd``                                VND
A_k         absolute value of indicator k                                  its unit
P_{k,d}     productivity of k per denominator d (higher is better)         Y unit / A unit
I_{k,d}     intensity of k per denominator d (lower is better)             A unit / Y unit
==========  =============================================================  ===============

Months and years follow :mod:`openeip.core.recp._amounts`: a month without any record of an
indicator has no value for it, and a year has a value only when all twelve months (or a record
for the whole year) are there — missing months are listed, never counted as zero. Materials or
wastes given as a volume cannot be added to tonnes without a density; they are listed in
``IndicatorTable.excluded``. A ratio whose divisor is zero or missing has no value.

:func:`change_against` compares each period with a baseline period of the same length:
:math:`\Delta = X(p) - X(b)` and :math:`\Delta\% = 100\,\Delta / X(b)`, for the absolute values,
productivities and intensities; ``improved`` says whether the change goes the right way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from openeip.core.domain import Direction, FlowKind, Product, ReportingPeriod, ResourceFlow
from openeip.core.errors import DomainError, UnitError
from openeip.core.flows import base_of, check_periods, company_of, product_outputs
from openeip.core.i18n import gettext as _
from openeip.core.recp._amounts import Amount, Gap, PeriodSums
from openeip.core.units import BASE_UNITS, Quantity, to_base, unit_symbol, ureg

__all__ = [
    "INDICATOR_UNITS",
    "VALUE",
    "Amount",
    "Change",
    "Denominator",
    "ExcludedFlow",
    "Gap",
    "Indicator",
    "IndicatorRow",
    "IndicatorTable",
    "change_against",
    "company_indicators",
]


class Indicator(StrEnum):
    ENERGY = "energy"
    MATERIALS = "materials"
    WATER = "water"
    WASTE = "waste"
    GHG = "ghg"
    WASTEWATER = "wastewater"


INDICATOR_UNITS: dict[Indicator, str] = {
    Indicator.ENERGY: BASE_UNITS["energy"], Indicator.MATERIALS: BASE_UNITS["mass"],
    Indicator.WATER: BASE_UNITS["volume"], Indicator.WASTE: BASE_UNITS["mass"],
    Indicator.GHG: BASE_UNITS["co2e"], Indicator.WASTEWATER: BASE_UNITS["volume"],
}
_FROM_FLOWS: dict[tuple[Direction, FlowKind], Indicator] = {
    (Direction.INPUT, FlowKind.ENERGY): Indicator.ENERGY,
    (Direction.INPUT, FlowKind.HEAT): Indicator.ENERGY,
    (Direction.INPUT, FlowKind.MATERIAL): Indicator.MATERIALS,
    (Direction.INPUT, FlowKind.WATER): Indicator.WATER,
    (Direction.OUTPUT, FlowKind.WASTE): Indicator.WASTE,
    (Direction.OUTPUT, FlowKind.WASTEWATER): Indicator.WASTEWATER,
}
#: the key of the sales-value denominator; the physical ones are named by their dimension
VALUE = "value"
_DIMENSION_OF_BASE = {unit: dimension for dimension, unit in BASE_UNITS.items()}


@cache
def _ratio_unit(numerator: str, denominator: str) -> Any:
    return ureg.Unit(numerator) / ureg.Unit(denominator)


@dataclass(frozen=True, slots=True)
class Denominator:
    """A measure of output: ``value`` (VND of sales) or the products of one dimension."""

    key: str
    unit: str
    products: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ExcludedFlow:
    """A flow an indicator cannot add up: its unit is not in the indicator's dimension."""

    indicator: Indicator
    description: str
    period: ReportingPeriod
    unit: str


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    indicator: Indicator
    period: ReportingPeriod
    absolute: Amount
    denominator: Denominator | None
    output: Amount | None
    productivity: Any  # Quantity or None
    intensity: Any  # Quantity or None


def _divide(numerator: Amount, denominator: Amount) -> Any:
    if numerator.base is None or denominator.base is None or denominator.base == 0:
        return None
    return Quantity(numerator.base / denominator.base,
                    _ratio_unit(numerator.unit, denominator.unit))


class IndicatorTable:
    """One company's indicators and outputs, by period; ratios are computed when asked for."""

    def __init__(self, company_code: str, periods: tuple[ReportingPeriod, ...],
                 indicators: PeriodSums, outputs: PeriodSums,
                 denominators: tuple[Denominator, ...], scales: Mapping[str, float],
                 sales_missing: Mapping[tuple[int, int | None], frozenset[str]],
                 excluded: tuple[ExcludedFlow, ...], ghg_given: bool) -> None:
        self.company_code = company_code
        self.periods = periods
        self.denominators = denominators
        self.excluded = excluded
        self._indicators = indicators
        self._outputs = outputs
        self._scales = scales
        self._sales_missing = sales_missing
        self._ghg_given = ghg_given
        self._by_key = {denominator.key: denominator for denominator in denominators}

    def denominator(self, key: str) -> Denominator:
        if key not in self._by_key:
            raise DomainError(
                _("There is no output '{key}' for this company; use one of: {keys}.").format(
                    key=key, keys=", ".join(self._by_key) or "—"),
                "denominator",
            )
        return self._by_key[key]

    def absolute(self, indicator: Indicator, period: ReportingPeriod) -> Amount:
        unit = INDICATOR_UNITS[indicator]
        if indicator is Indicator.GHG and not self._ghg_given:
            return Amount(None, unit, Gap.NOT_GIVEN)
        return self._indicators.amount(indicator, period, unit)

    def output(self, period: ReportingPeriod, key: str) -> Amount:
        denominator = self.denominator(key)
        if key == VALUE:
            months = [period.month] if period.month is not None else [None, *range(1, 13)]
            names = frozenset().union(
                *(self._sales_missing.get((period.year, month), frozenset()) for month in months))
            if names:
                return Amount(None, denominator.unit, Gap.SALES_MISSING, names=tuple(sorted(names)))
        return self._outputs.amount(key, period, denominator.unit, self._scales[key])

    def productivity(self, indicator: Indicator, period: ReportingPeriod, key: str) -> Any:
        """Output per unit of the indicator (Quantity), or None without both figures."""
        return _divide(self.output(period, key), self.absolute(indicator, period))

    def intensity(self, indicator: Indicator, period: ReportingPeriod, key: str) -> Any:
        """The indicator per unit of output (Quantity), or None without both figures."""
        return _divide(self.absolute(indicator, period), self.output(period, key))

    def rows(self, periods: Sequence[ReportingPeriod] | None = None) -> list[IndicatorRow]:
        """Every indicator in every period (or those given), once per denominator."""
        rows = []
        for period in self.periods if periods is None else periods:
            for indicator in Indicator:
                absolute = self.absolute(indicator, period)
                if not self.denominators:
                    rows.append(IndicatorRow(indicator, period, absolute, None, None, None, None))
                for denominator in self.denominators:
                    output = self.output(period, denominator.key)
                    rows.append(IndicatorRow(indicator, period, absolute, denominator, output,
                                             _divide(output, absolute), _divide(absolute, output)))
        return rows


def _sort_key(period: ReportingPeriod) -> tuple[int, int]:
    return (period.year, period.month or 0)


def _ghg_tonnes(value: Any, period: ReportingPeriod) -> float:
    try:
        base_quantity, base_unit = to_base(value)
    except (UnitError, AttributeError):
        base_unit = ""
    if base_unit != BASE_UNITS["co2e"]:
        raise DomainError(
            _("The GHG figure of {period} must be a quantity in tCO2e.").format(period=period),
            "ghg_by_period",
        )
    return base_quantity


@cache
def _dimension_and_symbol(unit: Any) -> tuple[str, str]:
    return _DIMENSION_OF_BASE[base_of(unit)[1]], unit_symbol(unit)


def _output_units(flows: Sequence[ResourceFlow],
                  products: Sequence[Product]) -> dict[str, set[str]]:
    """The units each dimension's products are recorded in."""
    units: dict[str, set[str]] = {}
    recorded = {p.quantity.units for p in products} | {
        f.quantity.units for f in flows if f.kind is FlowKind.PRODUCT}
    for unit in recorded:
        dimension, symbol = _dimension_and_symbol(unit)
        units.setdefault(dimension, set()).add(symbol)
    return units


def company_indicators(flows: Sequence[ResourceFlow], products: Sequence[Product] = (),
                       ghg_by_period: Mapping[ReportingPeriod, Any] | None = None
                       ) -> IndicatorTable:
    """The indicator table of one company from its flows, products and GHG inventory.

    ``ghg_by_period`` maps periods to tCO2e quantities, as produced by
    :func:`openeip.core.ghg.inventory` (``{p: t.total for p, t in inv.by_period().items()}``);
    without it the GHG indicator has no values.
    """
    company = company_of(flows, products)
    check_periods(flows, products)
    periods: set[ReportingPeriod] = set()
    indicators = PeriodSums()
    excluded = []
    for flow in flows:
        indicator = _FROM_FLOWS.get((flow.direction, flow.kind))
        if indicator is None:
            continue
        periods.add(flow.period)
        if flow.base_unit != INDICATOR_UNITS[indicator]:
            excluded.append(ExcludedFlow(indicator, flow.description, flow.period,
                                         unit_symbol(flow.quantity.units)))
            continue
        indicators.add(indicator, flow.period, flow.base_quantity)
    ghg = dict(ghg_by_period or {})
    years_by_month = {period.year for period in ghg if period.month is not None}
    for period, value in ghg.items():
        if period.month is None and period.year in years_by_month:
            raise DomainError(
                _("GHG figures are given both for {year} and for months of it; give one or the "
                  "other.").format(year=period.year),
                "ghg_by_period",
            )
        periods.add(period)
        indicators.add(Indicator.GHG, period, _ghg_tonnes(value, period))

    outputs = PeriodSums()
    names: dict[str, list[str]] = {}
    for made in product_outputs(flows, products):
        dimension = _DIMENSION_OF_BASE[made.base_unit]
        outputs.add(dimension, made.period, made.base_quantity)
        names.setdefault(dimension, [])
        if made.name not in names[dimension]:
            names[dimension].append(made.name)
        periods.add(made.period)
    sales_missing: dict[tuple[int, int | None], set[str]] = {}
    for product in products:
        if product.sales_value_vnd is None:
            sales_missing.setdefault((product.period.year, product.period.month),
                                     set()).add(product.name)
        else:
            outputs.add(VALUE, product.period, float(product.sales_value_vnd))

    denominators = []
    scales = {VALUE: 1.0}
    for dimension, units in sorted(_output_units(flows, products).items()):
        # one unit for all the dimension's products is shown as is; several, in the base unit
        base = BASE_UNITS[dimension]
        unit = next(iter(units)) if len(units) == 1 else unit_symbol(ureg.Unit(base))
        scales[dimension] = float(Quantity(1.0, base).to(unit).magnitude)
        denominators.append(Denominator(dimension, unit, tuple(names.get(dimension, ()))))
    if products:
        denominators.append(Denominator(VALUE, "VND", tuple(dict.fromkeys(
            product.name for product in products))))

    periods |= {ReportingPeriod(period.year) for period in periods}
    return IndicatorTable(
        company, tuple(sorted(periods, key=_sort_key)), indicators, outputs, tuple(denominators),
        scales, {key: frozenset(value) for key, value in sales_missing.items()}, tuple(excluded),
        ghg_by_period is not None,
    )


@dataclass(frozen=True, slots=True)
class Change:
    """How one figure moved from the baseline period to ``period``."""

    indicator: Indicator
    form: str  # 'absolute', 'productivity' or 'intensity'
    denominator: str | None
    period: ReportingPeriod
    baseline: ReportingPeriod
    before: Any  # Quantity or None
    after: Any
    delta: Any
    percent: float | None
    improved: bool | None


def _change(indicator: Indicator, form: str, denominator: str | None, period: ReportingPeriod,
            baseline: ReportingPeriod, before: Any, after: Any) -> Change:
    if before is None or after is None:
        return Change(indicator, form, denominator, period, baseline, before, after, None, None,
                      None)
    delta = after - before.to(after.units)
    percent = None if before.magnitude == 0 else 100.0 * delta.magnitude / before.to(
        after.units).magnitude
    # productivity should rise; absolute use and intensity should fall
    improved = delta.magnitude > 0 if form == "productivity" else delta.magnitude < 0
    return Change(indicator, form, denominator, period, baseline, before, after, delta, percent,
                  improved)


def change_against(table: IndicatorTable, baseline_period: ReportingPeriod) -> list[Change]:
    """Every figure of every period as long as the baseline's, against the baseline."""
    if baseline_period not in table.periods:
        raise DomainError(
            _("The baseline {period} is not among the company's periods; choose one of: "
              "{periods}.").format(period=baseline_period,
                                   periods=", ".join(p.label() for p in table.periods)),
            "baseline_period",
        )
    monthly = baseline_period.month is not None
    changes = []
    for period in table.periods:
        if period == baseline_period or (period.month is not None) != monthly:
            continue
        for indicator in Indicator:
            changes.append(_change(indicator, "absolute", None, period, baseline_period,
                                   table.absolute(indicator, baseline_period).quantity,
                                   table.absolute(indicator, period).quantity))
            for denominator in table.denominators:
                for form, ratio in (("productivity", table.productivity),
                                    ("intensity", table.intensity)):
                    changes.append(_change(
                        indicator, form, denominator.key, period, baseline_period,
                        ratio(indicator, baseline_period, denominator.key),
                        ratio(indicator, period, denominator.key)))
    return changes
