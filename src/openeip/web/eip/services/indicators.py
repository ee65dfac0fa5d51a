"""A park's platform data gathered into core's ``IndicatorInputs`` for one year.

Where each figure comes from (all for the park's companies, flows of ``year``; a company that
reported the whole year (month 0) is counted from that row, otherwise from its months):

* firms — the park's companies; firms reporting — those with at least one flow in the year;
* RECP — firms with an option implemented or verified / with any RECP assessment (as stored now);
* symbiosis — ``openeip.web.symbiosis.services.park_totals(park, year)``: operating exchanges
  and the park's firms taking part in them;
* wastewater, energy, water, solid waste — summed by
  :func:`openeip.core.eip.park_inputs.park_inputs` by the roles the catalogues give fates and
  sources (``data/fates.csv``, ``data/sources.csv``);
* land — the park's area, green space, roads and shared infrastructure (ha) as registered;
* GHG — scope 1 + 2 of the year's flows by ``openeip.core.ghg.inventory`` with the park's GWP
  set (:func:`~openeip.web.registry.models.series.factor_settings_for`; None when a flow cannot
  be classified; the detail says why);
* sales — products' sales value, in billion VND;
* meters — where the monitor app lends its meters (``openeip.web.base.metering``; eip never
  imports monitor), a company's metered year replaces the declared flow a meter measures when
  its readings cover enough of the year, by the rule of :mod:`openeip.core.eip.metered`; each
  decision is added to the details of the indicators it feeds (energy, water, wastewater, GHG),
  so the page says which figure was used and why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from openeip.core import ghg
from openeip.core.domain import ResourceFlow as DomainFlow
from openeip.core.eip.indicators import IndicatorInputs, IndicatorValue, compute_indicators
from openeip.core.eip.metered import AFFECTS, Decision, apply_metered
from openeip.core.eip.park_inputs import park_inputs
from openeip.core.errors import DomainError
from openeip.core.i18n import Message, from_json, gettext_noop, message, to_json
from openeip.web.base.metering import meter_source
from openeip.web.recp.models import Assessment, AssessmentOption, OptionStatus
from openeip.web.registry import adapters
from openeip.web.registry.models import Company, Park, Product, ResourceFlow
from openeip.web.registry.models.series import factor_settings_for, grid_overrides_for
from openeip.web.symbiosis.services import park_totals

__all__ = ["compute", "gather", "gather_inputs", "latest_year", "register_inputs",
           "values_from_json", "values_to_json"]


#: figures other apps add to a park's inputs (training, grievances: issue 15). They register
#: from their AppConfig.ready(), so eip never imports the apps built above it.
InputsProvider = Callable[[Park, int], dict[str, Any]]
_PROVIDERS: dict[str, InputsProvider] = {}


def register_inputs(name: str, provider: InputsProvider) -> None:
    """Let ``provider(park, year)`` fill some :class:`IndicatorInputs` fields (by name)."""
    _PROVIDERS[name] = provider


def _provided(park: Park, year: int) -> dict[str, Any]:
    known = set(IndicatorInputs.__dataclass_fields__)
    found: dict[str, Any] = {}
    for name in sorted(_PROVIDERS):
        for field, value in _PROVIDERS[name](park, year).items():
            if field not in known or field in found:
                raise ValueError("inputs provider {} gives {!r}: not an input, or given twice"
                                 .format(name, field))
            found[field] = value
    return found


def _year_rows(model: Any, park: Park, year: int) -> list[Any]:
    """The park's rows of ``year``: a company's annual rows when it has any, else its months."""
    rows = list(model.objects.filter(company__park=park, period__year=year)
                .select_related("period", "company").order_by("company_id", "period__month", "pk"))
    annual = {row.company_id for row in rows if row.period.month == 0}
    return [row for row in rows if row.period.month == 0 or row.company_id not in annual]


def latest_year(park: Park, up_to: int | None = None) -> int | None:
    rows = ResourceFlow.objects.filter(company__park=park)
    if up_to is not None:
        rows = rows.filter(period__year__lte=up_to)
    year = rows.order_by("-period__year").values_list("period__year", flat=True).first()
    return int(year) if year is not None else None


def _dec(value: float | int | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _ghg_t(flows: list[Any], park: Park) -> tuple[Decimal | None, str]:
    """Scope 1 + 2 of stored rows or of core flows (the metered ones)."""
    try:
        inventory = ghg.inventory([row if isinstance(row, DomainFlow)
                                   else adapters.flow_to_domain(row, row.company.code)
                                   for row in flows], gwp=factor_settings_for(park).gwp,
                                  grid_overrides=grid_overrides_for(park))
    except DomainError as error:
        return None, str(error)
    return _dec(round(inventory.totals.total_tco2e, 6)), ""


def _metered(park: Park, year: int, flows: list[ResourceFlow]
             ) -> tuple[list[Any], list[Decision]]:
    """The year's flows with the meters' years put in (core.eip.metered), and the decisions;
    the stored rows unchanged when no meter feeds an input."""
    source = meter_source()
    uses = source.yearly_uses(park.pk, year) if source is not None else []
    if not uses:
        return list(flows), []
    domain = [adapters.flow_to_domain(row, row.company.code) for row in flows]
    return apply_metered(domain, uses, year, source.min_coverage_pct() if source else 90.0)


def gather_inputs(park: Park, year: int) -> IndicatorInputs:
    """The park's figures for ``year`` as core indicator inputs."""
    return gather(park, year)[0]


def gather(park: Park, year: int) -> tuple[IndicatorInputs, list[Decision]]:
    """The park's figures for ``year`` and the decisions between metered and declared figures."""
    stored = _year_rows(ResourceFlow, park, year)
    flows, decisions = _metered(park, year, stored)
    ghg_t, _why = _ghg_t([row for row in flows if str(row.kind) in ("energy", "heat",
                                                                     "air_emission")], park)
    sales = sum((row.sales_value_vnd for row in _year_rows(Product, park, year)
                 if row.sales_value_vnd is not None), Decimal(0))
    companies = Company.objects.filter(park=park)
    symbiosis = park_totals(park, year)
    recp_done = AssessmentOption.objects.filter(
        assessment__company__park=park,
        status__in=(OptionStatus.IMPLEMENTED, OptionStatus.VERIFIED),
    ).values("assessment__company_id").distinct().count()
    recp_any = Assessment.objects.filter(company__park=park).values("company_id").distinct()
    inputs = park_inputs(flows, IndicatorInputs(
        year=year,
        firms=companies.count(),
        firms_reporting=len({row.company_id for row in stored}),
        firms_with_recp_implemented=recp_done,
        firms_with_recp_assessment=recp_any.count(),
        firms_in_exchanges=int(symbiosis["firms_in_operating_exchanges"]),
        operating_exchanges=int(symbiosis["operating_exchanges"]),
        area_ha=_dec(park.area_ha),
        green_ha=_dec(park.green_space_ha),
        roads_ha=_dec(park.roads_ha),
        shared_infra_ha=_dec(park.shared_infrastructure_ha),
        ghg_t=ghg_t if flows else None,
        sales_bn_vnd=(sales / Decimal(10**9)) if sales else None,
        **_provided(park, year),
    ))
    return inputs, decisions


def _sources(decisions: list[Decision], kind: str) -> Message | None:
    mine = [d.reason for d in decisions if d.kind == kind]
    if not mine:
        return None
    return message(gettext_noop("Meters: {decisions}"), decisions=message(
        " ".join("{{d{}}}".format(i) for i in range(len(mine))),
        **{"d{}".format(i): reason for i, reason in enumerate(mine)}))


def with_sources(values: dict[str, IndicatorValue], decisions: list[Decision]
                 ) -> dict[str, IndicatorValue]:
    """The values whose inputs meters fed, their details followed by the decisions."""
    out = dict(values)
    for kind, codes in AFFECTS.items():
        note = _sources(decisions, kind)
        if note is None:
            continue
        for code in codes:
            if code in out:
                value = out[code]
                out[code] = replace(value, detail=message("{detail} {sources}",
                                                          detail=value.detail, sources=note))
    return out


def compute(park: Park, year: int) -> tuple[int, dict[str, IndicatorValue]]:
    """(``year``, the values computed from the park's data of that year). The year is chosen
    by the caller (:func:`openeip.web.eip.services.reporting.reporting_year`), never guessed."""
    inputs, decisions = gather(park, year)
    return year, with_sources(compute_indicators(inputs), decisions)


def values_to_json(values: dict[str, IndicatorValue]) -> dict[str, Any]:
    return {
        code: {"value": None if item.value is None else str(item.value), "unit": item.unit,
               "detail": to_json(item.detail)}
        for code, item in values.items()
    }


def values_from_json(data: dict[str, Any]) -> dict[str, IndicatorValue]:
    """:func:`values_to_json` read back (keys starting with '_' are the year's notes)."""
    return {
        code: IndicatorValue(code, None if item.get("value") is None else Decimal(item["value"]),
                             item.get("unit", ""), from_json(item.get("detail", "")))
        for code, item in (data or {}).items()
        if not code.startswith("_") and isinstance(item, dict)
    }
