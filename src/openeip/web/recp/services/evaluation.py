"""Feasibility of an option from the company's own data, stored with the versions it used.

``evaluate_option`` reads the option's savings against the company's flows of the baseline
year (:mod:`.savings`), prices each with the company's price book (its overrides, else the cost
recorded on its flows, else the shipped tariffs: :func:`openeip.core.prices.price_of`), counts
the GHG the saved flows would have emitted (:func:`openeip.core.ghg.inventory`, the
assessment's GWP set) and hands the case to :func:`openeip.core.finance.evaluate`. What went in
and what came out is stored on the option as ``results``; nothing is stored when a check fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from openeip.core import finance, ghg, prices
from openeip.core.domain import Direction, FlowKind, ReportingPeriod
from openeip.core.errors import DomainError
from openeip.core.i18n import to_json
from openeip.core.units import Quantity
from openeip.web.recp.models import Assessment, AssessmentOption, CompanyPrice
from openeip.web.recp.services import data
from openeip.web.recp.services.jsonable import price_json
from openeip.web.recp.services.savings import ResolvedSaving, resolve_savings
from openeip.web.registry.models import Company
from openeip.web.registry.models.series import grid_overrides_for, overrides_for

__all__ = ["CompanyContext", "check_price", "evaluate", "evaluate_option",
           "option_case", "price_book_for"]

#: (kind, direction) of a saved flow -> the environmental effect it adds to
_EFFECTS = {
    (FlowKind.ENERGY, Direction.INPUT): "energy",
    (FlowKind.WATER, Direction.INPUT): "water",
    (FlowKind.MATERIAL, Direction.INPUT): "materials",
    (FlowKind.WASTE, Direction.OUTPUT): "waste",
    (FlowKind.WASTEWATER, Direction.OUTPUT): "wastewater",
}


def price_book_for(company: Company) -> prices.PriceBook:
    """The shipped price book tailored to the company: its province's water tariff and its own
    prices (checked again here, so a price stored before a rule changed still fails loudly)."""
    overrides = [prices.PriceOverride(row.resource, row.price, row.unit, row.note)
                 for row in CompanyPrice.objects.filter(company=company)]
    return prices.default_price_book().with_overrides(
        overrides, province=company.park.province, park=company.park.slug,
        series_overrides=overrides_for(company.park))


def check_price(resource: str, price: Any, unit: str, note: str = "") -> str:
    """The price's key as the price book reads it; DomainError naming 'resource', 'unit' or
    'price' when the book would refuse it."""
    book = prices.default_price_book().with_overrides(
        [prices.PriceOverride(resource, price, unit, note)])
    return next(iter(book.overrides))


@dataclass
class CompanyContext:
    """What every option of one assessment is evaluated against, read once."""

    company: Company
    year: int
    flows: list[Any]
    book: prices.PriceBook

    @classmethod
    def of(cls, assessment: Assessment) -> CompanyContext:
        company = assessment.company
        year = (assessment.baseline_period.year if assessment.baseline_period is not None
                else data.latest_year(company))
        if year is None:
            raise DomainError(_("Company {code} has no flows yet; import its data before "
                                "evaluating options.").format(code=company.code), "savings")
        return cls(company, year, data.company_flows(company, _year(year)),
                   price_book_for(company))


def _year(year: int) -> ReportingPeriod:
    return ReportingPeriod(year)


@dataclass
class EvaluatedCase:
    case: finance.OptionCase
    savings: list[ResolvedSaving]
    prices: list[tuple[float, prices.Price]]
    effects: dict[str, float]
    factor_versions: dict[str, str]


def option_name(option: AssessmentOption) -> str:
    """Unique within an assessment (the MACC needs distinct names)."""
    return "#{} {}".format(option.pk, option.title_en or option.title_vi or option.template_code)


def _ghg_avoided(savings: list[ResolvedSaving], gwp: str, grid: dict[int, Any]
                 ) -> tuple[float, dict[str, str]]:
    saved = ghg.inventory([s.flow for s in savings if s.sign > 0], gwp=gwp, grid_overrides=grid)
    more = ghg.inventory([s.flow for s in savings if s.sign < 0], gwp=gwp, grid_overrides=grid)
    versions = {**more.factor_versions, **saved.factor_versions}
    return saved.totals.total_tco2e - more.totals.total_tco2e, versions


def option_case(option: AssessmentOption, context: CompanyContext) -> EvaluatedCase:
    """The finance case of ``option``; DomainError names the field of the first problem."""
    savings = resolve_savings(option.savings, context.flows, context.year)
    priced = []
    for saving in savings:
        try:
            priced.append(prices.price_of(saving.priced, context.book))
        except DomainError as error:
            raise DomainError(str(error), "{}.price".format(saving.field)) from None
    effects = dict.fromkeys(("energy", "water", "materials", "waste", "wastewater"), 0.0)
    for saving in savings:
        effect = _EFFECTS.get((saving.flow.kind, saving.flow.direction))
        if effect is not None:
            effects[effect] += saving.base_quantity
    avoided, versions = _ghg_avoided(savings, option.assessment.gwp_set,
                                     grid_overrides_for(context.company.park))
    effects["ghg"] = avoided
    case = finance.OptionCase(
        name=option_name(option), investment_vnd=float(
            _money(option.investment_vnd, "investment_vnd")),
        lifetime_years=option.lifetime_years,
        discount_rate=float(_money(option.discount_rate, "discount_rate")),
        extra_om_vnd=float(_money(option.extra_om_vnd, "extra_om_vnd")),
        savings=tuple(
            finance.Saving.per_base_unit(
                s.flow.description, finance_quantity(s), vnd,
                baseline=_base(s.baseline, s.base_unit))
            for s, (vnd, _price) in zip(savings, priced, strict=True)),
        energy_saved=_base(effects["energy"], "MWh"),
        water_saved=_base(effects["water"], "m**3"),
        waste_avoided=_base(effects["waste"], "t"),
        ghg_avoided=_base(avoided, "tCO2e"))
    return EvaluatedCase(case, savings, priced, effects, versions)


def _money(value: Any, name: str) -> Decimal:
    """A stored decimal (or the text a form left on an unsaved row) as a Decimal."""
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise DomainError(_("{field} must be a number, not '{value}'.").format(
            field=name, value=value), name) from None


def finance_quantity(saving: ResolvedSaving) -> Any:
    return _base(saving.base_quantity, saving.base_unit)


def _base(value: float, unit: str) -> Any:
    return Quantity(value, unit)


def _results(option: AssessmentOption, context: CompanyContext, evaluated: EvaluatedCase
             ) -> dict[str, Any]:
    result = finance.evaluate(evaluated.case)
    grid = finance.sensitivity(evaluated.case)
    return {
        "baseline_year": context.year,
        "gwp_set": option.assessment.gwp_set,
        "savings": [
            {"description": s.flow.description, "kind": s.flow.kind.value,
             "direction": s.flow.direction.value, "quantity": s.base_quantity,
             "unit": s.base_unit, "baseline": s.baseline, "baseline_months": s.months,
             "price_vnd_per_unit": vnd, "value_vnd": s.base_quantity * vnd,
             "price": price_json(price)}
            for s, (vnd, price) in zip(evaluated.savings, evaluated.prices, strict=True)],
        "effects": {
            "energy_mwh": evaluated.effects["energy"], "water_m3": evaluated.effects["water"],
            "materials_t": evaluated.effects["materials"], "waste_t": evaluated.effects["waste"],
            "wastewater_m3": evaluated.effects["wastewater"],
            "ghg_tco2e": evaluated.effects["ghg"]},
        "figures": {
            "annual_savings_vnd": result.annual_savings_vnd,
            "net_annual_benefit_vnd": result.net_annual_benefit_vnd,
            "simple_payback_years": result.simple_payback_years,
            "discounted_payback_years": result.discounted_payback_years,
            "npv_vnd": result.npv_vnd,
            "irr": result.irr,
            "irr_roots": list(result.irr_roots),
            "benefit_cost_ratio": result.benefit_cost_ratio,
            "retscreen_benefit_cost_ratio": result.retscreen_benefit_cost_ratio,
            "annual_life_cycle_savings_vnd": result.annual_life_cycle_savings_vnd,
            "levelised_cost_vnd_per_mwh": result.levelised_cost_vnd_per_mwh,
            "abatement_cost_vnd_per_tco2e": result.abatement_cost_vnd_per_tco2e,
            "cash_flows_vnd": list(result.cash_flows_vnd),
        },
        "reasons": {key: to_json(reason) for key, reason in result.reasons.items()},
        "sensitivity": [
            {"discount_rate": point.discount_rate, "price_factor": point.price_factor,
             "npv_vnd": point.npv_vnd, "simple_payback_years": point.simple_payback_years,
             "irr": point.irr}
            for point in grid.points],
        "factor_versions": evaluated.factor_versions,
        "price_versions": dict(context.book.versions),
    }


def evaluate(option: AssessmentOption, context: CompanyContext | None = None
             ) -> dict[str, Any]:
    """The results of ``option`` as stored; DomainError naming the field on bad input.

    Works on an unsaved option too, so a form or the API can check everything before writing.
    """
    context = context or CompanyContext.of(option.assessment)
    return _results(option, context, option_case(option, context))


def evaluate_option(option: AssessmentOption, context: CompanyContext | None = None
                    ) -> AssessmentOption:
    """Evaluate a stored option again (prices or data may have changed) and store the results;
    nothing is written when a check fails."""
    results = evaluate(option, context)
    option.results = results
    option.evaluated_at = timezone.now()
    AssessmentOption.objects.filter(pk=option.pk).update(results=results,
                                                         evaluated_at=option.evaluated_at)
    return option

