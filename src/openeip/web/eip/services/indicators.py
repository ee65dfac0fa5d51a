"""A park's platform data gathered into core's ``IndicatorInputs`` for one year.

Where each figure comes from (all for the park's companies, flows of ``year``; a company that
reported the whole year (month 0) is counted from that row, otherwise from its months):

* firms — the park's companies; firms reporting — those with at least one flow in the year;
* RECP — firms with an option implemented or verified / with any RECP assessment (as stored now);
* symbiosis — ``openeip.web.symbiosis.services.park_totals(park, year)``: operating exchanges
  and the park's firms taking part in them;
* wastewater — outputs of kind ``wastewater`` in m³; reused = fate ``reused_on_site`` or
  ``recycled``;
* energy — inputs of kind ``energy`` in MWh; renewable = biomass fuels (the fuel factors mark
  them biogenic: wood, other solid biomass, charcoal) and electricity produced on site
  (source ``on_site`` without a fuel code: rooftop solar and the like);
* water — inputs of kind ``water`` in m³;
* solid waste — outputs of kind ``waste`` in t, recycled = fate ``recycled`` or
  ``reused_on_site``, landfilled = fate ``landfill``;
* land — the park's area, green space, roads and shared infrastructure (ha) as registered;
* GHG — scope 1 + 2 of the year's flows by ``openeip.core.ghg.inventory`` with :data:`GWP_SET`
  (None when a flow cannot be classified; the detail says why);
* sales — products' sales value, in billion VND.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from openeip.core import ghg
from openeip.core.eip.indicators import IndicatorInputs, IndicatorValue, compute_indicators
from openeip.core.errors import DomainError
from openeip.core.i18n import to_json
from openeip.web.recp.models import Assessment, AssessmentOption, OptionStatus
from openeip.web.registry import adapters
from openeip.web.registry.models import Company, Park, Product, ResourceFlow
from openeip.web.registry.models.series import grid_overrides_for
from openeip.web.symbiosis.services import park_totals

__all__ = ["GWP_SET", "compute", "gather_inputs", "latest_year", "register_inputs",
           "values_to_json"]

#: the GWP set of the park's GHG intensity (named, never implied: IPCC AR5 GWP100, as the
#: Vietnamese MRV rules of Decree 06/2022 use it)
GWP_SET = "AR5"
REUSED_FATES = ("reused_on_site", "recycled")
RECYCLED_FATES = ("recycled", "reused_on_site")
OWN_SOURCES = ("on_site",)


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


def _biogenic_fuels() -> set[str]:
    return {code for code, factor in ghg.fuel_factors().items() if factor.biogenic}


def _dec(value: float | int | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _ghg_t(flows: list[ResourceFlow], park: Park) -> tuple[Decimal | None, str]:
    try:
        inventory = ghg.inventory([adapters.flow_to_domain(row, row.company.code)
                                   for row in flows], gwp=GWP_SET,
                                  grid_overrides=grid_overrides_for(park))
    except DomainError as error:
        return None, str(error)
    return _dec(round(inventory.totals.total_tco2e, 6)), ""


def gather_inputs(park: Park, year: int) -> IndicatorInputs:
    """The park's figures for ``year`` as core indicator inputs."""
    flows = _year_rows(ResourceFlow, park, year)
    biogenic = _biogenic_fuels()
    sums: dict[str, float] = defaultdict(float)
    for row in flows:
        if row.direction == "output" and row.kind == "wastewater" and row.base_unit == "m**3":
            sums["wastewater"] += row.base_quantity
            if row.fate in REUSED_FATES:
                sums["wastewater_reused"] += row.base_quantity
        elif row.direction == "input" and row.kind == "energy" and row.base_unit == "MWh":
            sums["energy"] += row.base_quantity
            own_power = row.source in OWN_SOURCES and row.classification_code in ("",
                                                                                   "electricity")
            if row.classification_code in biogenic or own_power:
                sums["energy_renewable"] += row.base_quantity
        elif row.direction == "input" and row.kind == "water" and row.base_unit == "m**3":
            sums["water"] += row.base_quantity
        elif row.direction == "output" and row.kind == "waste" and row.base_unit == "t":
            sums["waste"] += row.base_quantity
            if row.fate in RECYCLED_FATES:
                sums["waste_recycled"] += row.base_quantity
            elif row.fate == "landfill":
                sums["waste_landfilled"] += row.base_quantity
    ghg_t, _why = _ghg_t([row for row in flows if row.kind in ("energy", "heat", "air_emission")],
                         park)
    sales = sum((row.sales_value_vnd for row in _year_rows(Product, park, year)
                 if row.sales_value_vnd is not None), Decimal(0))
    companies = Company.objects.filter(park=park)
    symbiosis = park_totals(park, year)
    recp_done = AssessmentOption.objects.filter(
        assessment__company__park=park,
        status__in=(OptionStatus.IMPLEMENTED, OptionStatus.VERIFIED),
    ).values("assessment__company_id").distinct().count()
    recp_any = Assessment.objects.filter(company__park=park).values("company_id").distinct()
    has_flows = bool(flows)
    return IndicatorInputs(
        year=year,
        firms=companies.count(),
        firms_reporting=len({row.company_id for row in flows}),
        firms_with_recp_implemented=recp_done,
        firms_with_recp_assessment=recp_any.count(),
        firms_in_exchanges=int(symbiosis["firms_in_operating_exchanges"]),
        operating_exchanges=int(symbiosis["operating_exchanges"]),
        wastewater_m3=_dec(sums["wastewater"]) if has_flows else None,
        wastewater_reused_m3=_dec(sums["wastewater_reused"]) if has_flows else None,
        energy_mwh=_dec(sums["energy"]) if has_flows else None,
        renewable_energy_mwh=_dec(sums["energy_renewable"]) if has_flows else None,
        water_m3=_dec(sums["water"]) if has_flows else None,
        waste_t=_dec(sums["waste"]) if has_flows else None,
        waste_recycled_t=_dec(sums["waste_recycled"]) if has_flows else None,
        waste_landfilled_t=_dec(sums["waste_landfilled"]) if has_flows else None,
        area_ha=_dec(park.area_ha),
        green_ha=_dec(park.green_space_ha),
        roads_ha=_dec(park.roads_ha),
        shared_infra_ha=_dec(park.shared_infrastructure_ha),
        ghg_t=ghg_t if has_flows else None,
        sales_bn_vnd=(sales / Decimal(10**9)) if sales else None,
        **_provided(park, year),
    )


def compute(park: Park, year: int) -> tuple[int, dict[str, IndicatorValue]]:
    """(``year``, the values computed from the park's data of that year). The year is chosen
    by the caller (:func:`openeip.web.eip.services.reporting.reporting_year`), never guessed."""
    return year, compute_indicators(gather_inputs(park, year))


def values_to_json(values: dict[str, IndicatorValue]) -> dict[str, Any]:
    return {
        code: {"value": None if item.value is None else str(item.value), "unit": item.unit,
               "detail": to_json(item.detail)}
        for code, item in values.items()
    }
