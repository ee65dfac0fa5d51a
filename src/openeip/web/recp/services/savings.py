"""An option's savings, read against the company's own flows.

An option stores what it saves per year as ``[{description, quantity, unit}]`` (optionally
``kind`` and ``direction`` when two flows share a description): the description names one of
the company's flows in the baseline year, so the saving inherits that flow's kind, fuel code,
source and fate — which is what prices it, converts it to MWh and counts its emissions. A
negative quantity means the option uses more of that flow (the biomass of a fuel switch).

The yearly consumption a saving is checked against is the flow's total over the baseline year,
scaled to twelve months when only some months were reported:

.. math::

    Q_{year} = \\frac{12}{m} \\sum_{months} q \\quad (m \\text{ months reported}), \\qquad
    Q_{year} = q_{year} \\text{ for a yearly row}
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from openeip.core import catalogues, domain
from openeip.core.errors import DomainError, UnitError
from openeip.core.units import Quantity, dimension_of, parse_unit, unit_symbol

__all__ = ["ResolvedSaving", "resolve_savings"]


@dataclass(frozen=True)
class ResolvedSaving:
    """One saving entry matched to the company's flow."""

    index: int
    flow: domain.ResourceFlow  # the amount saved per year as a flow (positive quantity)
    sign: int  # +1 the option saves it, -1 the option uses more of it
    baseline: float  # yearly consumption in the flow's base unit
    months: int  # months of data the baseline comes from (0: a yearly row)
    # the flow over the baseline year with the cost recorded on it (if any): what prices it
    priced: domain.ResourceFlow

    @property
    def base_quantity(self) -> float:
        """The signed yearly saving in the base unit (MWh, m³, t, tCO2e)."""
        return self.sign * self.flow.base_quantity

    @property
    def base_unit(self) -> str:
        return self.flow.base_unit

    @property
    def field(self) -> str:
        return "savings[{}]".format(self.index)


def _where(index: int, name: str) -> str:
    return "savings[{}].{}".format(index, name)


def _entry(index: int, entry: Any) -> tuple[str, float, Any, dict[str, str]]:
    if not isinstance(entry, dict):
        raise DomainError(_("Saving {number} must be an object with description, quantity and "
                            "unit, such as {{\"description\": \"Grid electricity\", "
                            "\"quantity\": 120, \"unit\": \"MWh\"}}.").format(number=index + 1),
                          "savings[{}]".format(index))
    description = str(entry.get("description") or "").strip()
    if not description:
        raise DomainError(_("Saving {number} needs the description of the company's flow it "
                            "saves, such as 'Grid electricity'.").format(number=index + 1),
                          _where(index, "description"))
    value = entry.get("quantity")
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise DomainError(_("The saving of {flow} needs a quantity per year as a number, not "
                            "'{value}'.").format(flow=description, value=value),
                          _where(index, "quantity"))
    try:
        unit = parse_unit(str(entry.get("unit") or ""))
    except UnitError as error:
        raise DomainError(_("The saving of {flow}: {problem}").format(
            flow=description, problem=error), _where(index, "unit")) from None
    narrowing = {key: str(entry[key]) for key in ("kind", "direction") if entry.get(key)}
    return description, float(value), unit, narrowing


def _matching(flows: Sequence[domain.ResourceFlow], description: str,
              narrowing: dict[str, str]) -> list[domain.ResourceFlow]:
    return [flow for flow in flows if flow.description == description
            and all(getattr(flow, key).value == value for key, value in narrowing.items())]


def _reference(index: int, description: str, matches: list[domain.ResourceFlow],
               flows: Sequence[domain.ResourceFlow], year: int) -> domain.ResourceFlow:
    """The one flow the saving is about; a clear error when there is none or it is ambiguous."""
    if not matches:
        known = sorted({flow.description for flow in flows})
        raise DomainError(_("The company has no flow '{flow}' in {year}; a saving must name one "
                            "of its flows: {known}.").format(
                                flow=description, year=year, known=", ".join(known) or "-"),
                          _where(index, "description"))
    keys = {(flow.direction, flow.kind) for flow in matches}
    if len(keys) > 1:
        raise DomainError(_("The company has several flows called '{flow}' ({kinds}); add kind "
                            "and direction to the saving.").format(
                                flow=description,
                                kinds=", ".join(sorted("{} {}".format(d.value, k.value)
                                                       for d, k in keys))),
                          _where(index, "kind"))
    return matches[-1]


def _check_dimension(index: int, reference: domain.ResourceFlow, unit: Any) -> None:
    """A saving is in the dimension the flow is summed in (MWh, m³, t …); only a fuel may also
    be given by mass or volume, converted by its net calorific value."""
    wanted = dimension_of(parse_unit(reference.base_unit))
    given = dimension_of(unit)
    is_fuel = reference.classification_code in catalogues.fuels()
    if given != wanted and not (is_fuel and given in ("mass", "volume")):
        raise DomainError(_("The saving of {flow} is in {unit}, but the company's {flow} is "
                            "counted in {base}; give the saving in a unit of the same kind, such "
                            "as {base}.").format(flow=reference.description,
                                                 unit=unit_symbol(unit),
                                                 base=unit_symbol(parse_unit(reference.base_unit))),
                          _where(index, "unit"))


def resolve_savings(entries: Any, flows: Sequence[domain.ResourceFlow], year: int
                    ) -> list[ResolvedSaving]:
    """Match every saving entry to one of ``flows`` (the company's flows of baseline ``year``).

    Raises DomainError naming ``savings[i].<part>``: not a list, a missing or unknown
    description, a quantity that is not a number, a unit that does not fit the flow.
    """
    if not isinstance(entries, list):
        raise DomainError(_("The savings must be a list of {description, quantity, unit}."),
                          "savings")
    resolved = []
    for index, entry in enumerate(entries):
        description, value, unit, narrowing = _entry(index, entry)
        matches = _matching(flows, description, narrowing)
        reference = _reference(index, description, matches, flows, year)
        _check_dimension(index, reference, unit)
        try:
            saved = domain.ResourceFlow(
                reference.company_code, domain.ReportingPeriod(year), reference.direction,
                reference.kind, reference.description, Quantity(abs(value), unit),
                classification_code=reference.classification_code,
                hazardous=reference.hazardous, fate=reference.fate, source=reference.source)
        except DomainError as error:
            raise DomainError(_("The saving of {flow}: {problem}").format(
                flow=description, problem=error), _where(index, "unit")) from None
        same = [flow for flow in flows
                if (flow.direction, flow.kind, flow.description)
                == (reference.direction, reference.kind, reference.description)]
        monthly = [flow for flow in same if flow.period.month]
        if monthly:
            months = len({flow.period.month for flow in monthly})
            baseline = math.fsum(flow.base_quantity for flow in monthly) * 12 / months
        else:
            months = 0
            baseline = math.fsum(flow.base_quantity for flow in same)
        resolved.append(ResolvedSaving(index, saved, -1 if value < 0 else 1, baseline, months,
                                       _priced(saved, same)))
    return resolved


def _priced(saved: domain.ResourceFlow, same: list[domain.ResourceFlow]) -> domain.ResourceFlow:
    """The baseline year's flows with a recorded cost, summed: their mean price is the
    company's own (``price_of`` prefers it to shipped tariffs, after the company's overrides)."""
    with_cost = [flow for flow in same if flow.cost_vnd is not None]
    if with_cost:
        amount = math.fsum(flow.base_quantity for flow in with_cost)
        cost = sum((flow.cost_vnd for flow in with_cost if flow.cost_vnd is not None),
                   Decimal(0))
    else:
        amount, cost = saved.base_quantity, None
    return domain.ResourceFlow(
        saved.company_code, saved.period, saved.direction, saved.kind, saved.description,
        Quantity(amount, saved.base_unit), classification_code=saved.classification_code,
        hazardous=saved.hazardous, fate=saved.fate, source=saved.source, cost_vnd=cost)
