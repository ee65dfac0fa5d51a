"""Metered yearly use put beside the declared flows of the EIP inputs: which figure is used, and
why, for every company's flow a meter measures.

A meter feeds the EIP inputs when it measures a use the inputs sum: a flow kind ``energy``
(electricity, fuel, gas, steam), ``water`` (an input) or ``wastewater`` (an output). Its year is
the sum of its readings in the year, and its **coverage** the share of the year's seconds its
readings cover (days with negative or overlapping readings count as not covered). The rule, per
company and flow (a meter names the declared flow it measures by its description; several meters
on one flow are added and the least covered sets the coverage):

==================================  ===========================================================
case                                figure used
==================================  ===========================================================
coverage ≥ the minimum, declared    the **metered** year, in the declared flow's unit (its codes,
flow of the year exists             source and fate kept, so renewables and GHG follow the flow)
coverage ≥ the minimum, no          electricity, water and wastewater: a flow made from the meter
declared flow                       (electricity taken as from the grid, said so); a fuel, gas,
                                    steam or heat meter: not counted (no fuel code to convert or
                                    to give its emissions)
coverage below the minimum          the **declared** flow (when there is one); the meter's
                                    partial year is never scaled up
meter unit does not convert to the  the declared flow
flow's unit
==================================  ===========================================================

The minimum is the ``min_coverage_pct`` of ``data/monitor/quality.csv`` (90 %: CalTRACK's
sufficiency share, applied to the year). Every case gives a :class:`Decision` with a
:class:`~openeip.core.i18n.Message` that the indicators' details show; nothing is switched
silently. A park's own meters (no company) are not added: what they measure (an intake, the
central treatment plant) overlaps the companies' own figures; they are named as left out.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openeip.core.domain import Direction, FlowKind, ReportingPeriod, ResourceFlow
from openeip.core.errors import DomainError
from openeip.core.i18n import Message, gettext_noop, message

__all__ = ["AFFECTS", "Decision", "MeteredUse", "apply_metered", "flow_kind_of"]

#: the flow kind a meter's resource feeds when the meter does not name one
_RESOURCE_KINDS = {"electricity": "energy", "fuel": "energy", "gas": "energy",
                   "steam": "energy", "water": "water", "wastewater": "wastewater"}
_DIRECTIONS = {"energy": Direction.INPUT, "water": Direction.INPUT,
               "wastewater": Direction.OUTPUT}
#: the indicators whose inputs a flow kind feeds (their details carry the decisions)
AFFECTS: dict[str, tuple[str, ...]] = {
    "energy": ("energy_intensity_per_ha", "renewable_energy_share", "ghg_intensity_per_ha",
               "ghg_intensity_per_value"),
    "water": ("water_intensity_per_ha",),
    "wastewater": ("wastewater_reused_share",),
}


def flow_kind_of(resource: str, flow_kind: str = "") -> str:
    """The EIP flow kind a meter feeds ('' when none): its own flow kind, else its resource's."""
    kind = flow_kind or _RESOURCE_KINDS.get(resource, "")
    return kind if kind in _DIRECTIONS else ""


@dataclass(frozen=True, slots=True)
class MeteredUse:
    """One meter's use over a year (the sum of its readings) and how much of the year they
    cover."""

    company_code: str          # '' for a meter of the park itself
    meter: str                 # the meter's ID
    resource: str              # electricity, water, fuel …
    kind: str                  # the flow kind it feeds (flow_kind_of)
    description: str           # the declared flow it measures ('' none named)
    quantity: Any              # pint Quantity: what the readings sum to
    covered_pct: float


@dataclass(frozen=True, slots=True)
class Decision:
    company_code: str
    kind: str
    description: str
    meters: tuple[str, ...]
    covered_pct: float
    #: 'metered', 'declared' or 'none' (neither counted)
    used: str
    reason: Message


def _key(company: str, kind: str, description: str) -> tuple[str, str, str]:
    return company, kind, " ".join(description.split()).casefold()


def _number(value: float) -> float:
    return round(float(value), 1)


def _unit(unit: Any) -> str:
    return format(unit, "~P")


def _meters(uses: Sequence[MeteredUse]) -> str:
    return ", ".join(u.meter for u in uses)


def _total(uses: Sequence[MeteredUse], unit: Any) -> Any:
    total = 0 * unit
    for use in uses:
        total = total + use.quantity.to(unit)
    return total


def _sum_declared(rows: Sequence[ResourceFlow]) -> Any:
    unit = rows[0].quantity.units
    total = 0 * unit
    for row in rows:
        total = total + row.quantity.to(unit)
    return total


def _new_flow(first: MeteredUse, uses: Sequence[MeteredUse], year: int
              ) -> tuple[ResourceFlow | None, Message | None]:
    kind = first.kind
    try:
        if kind == "energy":
            if any(u.resource != "electricity" for u in uses):
                return None, message(gettext_noop(
                    "{company}: meter(s) {meters} measure {resource}, which no declared flow of "
                    "{year} names: not counted (without a fuel code its energy and emissions "
                    "are unknown)."), company=first.company_code, meters=_meters(uses),
                    resource=first.resource, year=year)
            total = _total(uses, first.quantity.units)
            flow = ResourceFlow(first.company_code, ReportingPeriod(year), Direction.INPUT,
                                FlowKind.ENERGY, first.description or first.meter, total,
                                classification_code="electricity", source="grid")
        else:
            total = _total(uses, first.quantity.units)
            flow = ResourceFlow(first.company_code, ReportingPeriod(year), _DIRECTIONS[kind],
                                FlowKind(kind), first.description or first.meter, total)
    except DomainError as error:
        return None, message(gettext_noop(
            "{company}: meter(s) {meters} not counted: {error}"), company=first.company_code,
            meters=_meters(uses), error=str(error))
    return flow, None


def apply_metered(flows: Sequence[ResourceFlow], uses: Iterable[MeteredUse], year: int,
                  min_coverage_pct: float) -> tuple[list[ResourceFlow], list[Decision]]:
    """The flows with the metered years put in (the module's table) and every decision."""
    groups: dict[tuple[str, str, str], list[MeteredUse]] = defaultdict(list)
    decisions: list[Decision] = []
    for use in uses:
        if not use.kind:
            continue
        if not use.company_code:
            decisions.append(Decision("", use.kind, use.description, (use.meter,),
                                      use.covered_pct, "none", message(gettext_noop(
                                          "Park meter {meter} is not added to the companies' "
                                          "figures: what it measures may overlap them."),
                                          meter=use.meter)))
            continue
        groups[_key(use.company_code, use.kind, use.description)].append(use)
    declared: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for index, flow in enumerate(flows):
        declared[_key(flow.company_code, flow.kind.value, flow.description)].append(index)
    replaced: dict[int, ResourceFlow | None] = {}
    added: list[ResourceFlow] = []
    for key, group in sorted(groups.items()):
        first = group[0]
        covered = min(u.covered_pct for u in group)
        rows = [flows[i] for i in declared.get(key, [])] if first.description else []
        meters = tuple(u.meter for u in group)
        base = {"company": first.company_code, "meters": _meters(group),
                "covered": _number(covered), "year": year, "minimum": _number(min_coverage_pct),
                "flow": rows[0].description if rows else (first.description or "–")}
        if covered < min_coverage_pct:
            if rows:
                decisions.append(Decision(first.company_code, first.kind, first.description,
                                          meters, covered, "declared", message(gettext_noop(
                    "{company} '{flow}': the declared {declared} {unit} is used; meter(s) "
                    "{meters} cover only {covered} % of {year} (at least {minimum} % needed; a "
                    "partial year is never scaled up)."), declared=_number(
                        _sum_declared(rows).magnitude), unit=_unit(rows[0].quantity.units),
                    **base)))
            else:
                decisions.append(Decision(first.company_code, first.kind, first.description,
                                          meters, covered, "none", message(gettext_noop(
                    "{company}: meter(s) {meters} cover only {covered} % of {year} (at least "
                    "{minimum} % needed) and no declared flow '{flow}' exists: not counted."),
                    **base)))
            continue
        if rows:
            unit = rows[0].quantity.units
            try:
                metered = _total(group, unit)
            except Exception:  # noqa: BLE001 - pint's DimensionalityError and kin
                decisions.append(Decision(first.company_code, first.kind, first.description,
                                          meters, covered, "declared", message(gettext_noop(
                    "{company} '{flow}': meter(s) {meters} read in {meter_unit}, which does not "
                    "convert to the flow's {unit}: the declared figure is used."),
                    meter_unit=_unit(first.quantity.units), unit=_unit(unit), **base)))
                continue
            before = _sum_declared(rows)
            replacement = dataclasses.replace(rows[0], period=ReportingPeriod(year),
                                              quantity=metered)
            indexes = declared[key]
            replaced[indexes[0]] = replacement
            for other in indexes[1:]:
                replaced[other] = None
            decisions.append(Decision(first.company_code, first.kind, first.description, meters,
                                      covered, "metered", message(gettext_noop(
                "{company} '{flow}': the metered {metered} {unit} (meter(s) {meters}, {covered} % "
                "of {year} covered) is used instead of the declared {declared} {unit}: measured "
                "use is preferred when meters cover at least {minimum} % of the year."),
                metered=_number(metered.magnitude), declared=_number(before.magnitude),
                unit=_unit(unit), **base)))
            continue
        made, why = _new_flow(first, group, year)
        if made is None:
            assert why is not None
            decisions.append(Decision(first.company_code, first.kind, first.description, meters,
                                      covered, "none", why))
            continue
        added.append(made)
        note = gettext_noop(
            "{company}: meter(s) {meters} ({covered} % of {year} covered) add {metered} {unit}; "
            "no declared flow '{flow}' exists.")
        if made.kind is FlowKind.ENERGY:
            note = gettext_noop(
                "{company}: meter(s) {meters} ({covered} % of {year} covered) add {metered} "
                "{unit} of electricity, taken as bought from the grid (no declared flow '{flow}' "
                "names its source).")
        decisions.append(Decision(first.company_code, first.kind, first.description, meters,
                                  covered, "metered", message(
                                      note, metered=_number(made.quantity.magnitude),
                                      unit=_unit(made.quantity.units), **base)))
    out: list[ResourceFlow | None] = [replaced.get(i, flow)
                                      for i, flow in enumerate(flows)]
    return [f for f in out if f is not None] + added, decisions
