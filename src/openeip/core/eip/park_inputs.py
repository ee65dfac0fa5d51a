"""The park's resource flows summed into the flow inputs of the EIP indicators.

:func:`flow_sums` adds up one park's flows of one year (the caller chooses the rows: a company's
annual rows, or its months when it has none) by the roles the catalogues give their codes, never
by codes written here:

==========================  ======================================================  ========
input                       flows summed                                            unit
==========================  ======================================================  ========
``wastewater_m3``           outputs of kind ``wastewater``                          m³
``wastewater_reused_m3``    … whose fate has the role ``recovered`` (fates.csv)     m³
``energy_mwh``              inputs of kind ``energy``                               MWh
``renewable_energy_mwh``    … of a biogenic fuel (fuel_factors.csv, column          MWh
                            biogenic), or electricity without a fuel code from a
                            source marked ``renewable_unfuelled`` (sources.csv)
``water_m3``                inputs of kind ``water``                                m³
``waste_t``                 outputs of kind ``waste``                               t
``waste_recycled_t``        … whose fate has the role ``recovered``                 t
``waste_landfilled_t``      … whose fate is marked ``landfilled`` (fates.csv)       t
==========================  ======================================================  ========

A flow is summed in the base unit of its dimension (``openeip.core.units.BASE_UNITS``): its
``base_quantity`` and ``base_unit`` are the plain, unit-named numbers the flow carries from its
pint quantity. A flow of a summed kind in another dimension (waste given in m³) cannot be added
to tonnes; it is counted in :attr:`FlowSums.left_out` and stays out of the sums.

:func:`park_inputs` puts the sums into an :class:`~openeip.core.eip.indicators.IndicatorInputs`
holding what is known otherwise (firms, land, GHG, sales); with no flow at all, every flow input
stays ``None`` (unknown), never 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from typing import Any, Protocol

from openeip.core.catalogues import fates_with_role, landfill_fates, renewable_unfuelled_sources
from openeip.core.eip.indicators import IndicatorInputs
from openeip.core.units import BASE_UNITS

__all__ = ["FlowRow", "FlowSums", "flow_sums", "park_inputs"]

_M3, _MWH, _T = BASE_UNITS["volume"], BASE_UNITS["energy"], BASE_UNITS["mass"]
#: the fuel code of bought or made electricity (no fuel code at all means the same)
_ELECTRICITY = ("", "electricity")


class FlowRow(Protocol):
    """What :func:`flow_sums` reads of a flow: a core ``ResourceFlow`` or a stored row."""

    @property
    def direction(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def fate(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def classification_code(self) -> str: ...
    @property
    def base_quantity(self) -> float: ...
    @property
    def base_unit(self) -> str: ...


@dataclass(frozen=True, slots=True)
class FlowSums:
    """The flow inputs of one park and year (plain numbers in the unit their name carries)."""

    flows: int = 0
    wastewater_m3: float = 0.0
    wastewater_reused_m3: float = 0.0
    energy_mwh: float = 0.0
    renewable_energy_mwh: float = 0.0
    water_m3: float = 0.0
    waste_t: float = 0.0
    waste_recycled_t: float = 0.0
    waste_landfilled_t: float = 0.0
    #: flows of a summed kind given in another dimension, left out of the sums
    left_out: int = 0


@cache
def _biogenic_fuels() -> frozenset[str]:
    from openeip.core.ghg import fuel_factors

    return frozenset(code for code, factor in fuel_factors().items() if factor.biogenic)


def _renewable(flow: FlowRow) -> bool:
    if flow.classification_code in _biogenic_fuels():
        return True
    return (flow.source in renewable_unfuelled_sources()
            and flow.classification_code in _ELECTRICITY)


#: the sums of :class:`FlowSums`, which are also the names of IndicatorInputs fields
_SUMS = tuple(name for name in FlowSums.__dataclass_fields__ if name not in ("flows", "left_out"))
#: (direction, kind) → (the base unit it is summed in, the input it adds to)
_SUMMED = {
    ("output", "wastewater"): (_M3, "wastewater_m3"),
    ("input", "energy"): (_MWH, "energy_mwh"),
    ("input", "water"): (_M3, "water_m3"),
    ("output", "waste"): (_T, "waste_t"),
}


def _parts(flow: FlowRow, total: str) -> tuple[str, ...]:
    """The inputs that, besides ``total``, count ``flow`` (by the roles of its codes)."""
    if total == "energy_mwh":
        return ("renewable_energy_mwh",) if _renewable(flow) else ()
    parts = []
    if flow.fate in fates_with_role("recovered"):
        parts.append({"wastewater_m3": "wastewater_reused_m3",
                      "waste_t": "waste_recycled_t"}.get(total))
    if total == "waste_t" and flow.fate in landfill_fates():
        parts.append("waste_landfilled_t")
    return tuple(part for part in parts if part)


def flow_sums(flows: Iterable[FlowRow]) -> FlowSums:
    """The sums of the module docstring over ``flows``."""
    totals = dict.fromkeys(_SUMS, 0.0)
    count = left_out = 0
    for flow in flows:
        count += 1
        summed = _SUMMED.get((str(flow.direction), str(flow.kind)))
        if summed is None:
            continue
        unit, total = summed
        if flow.base_unit != unit:
            left_out += 1
            continue
        for name in (total, *_parts(flow, total)):
            totals[name] += flow.base_quantity
    return FlowSums(flows=count, left_out=left_out, **totals)


def _decimal(value: float) -> Decimal:
    return Decimal(str(value))


def park_inputs(flows: Iterable[FlowRow], known: IndicatorInputs) -> IndicatorInputs:
    """``known`` with the flow inputs of ``flows`` filled in (left ``None`` without flows)."""
    sums = flow_sums(flows)
    if not sums.flows:
        return known
    changes: dict[str, Any] = {name: _decimal(getattr(sums, name)) for name in _SUMS}
    return replace(known, **changes)
