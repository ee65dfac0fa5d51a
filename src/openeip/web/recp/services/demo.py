"""RECP for the demo park: every company gets its indicators and a quick scan with options.

For each company, from its own data of the latest year:

1. its snapshot (indicators, GHG, balances, cost of losses, suggestions) is computed;
2. a quick-scan assessment is opened with, as options, the first suggestions whose typical
   effect is known (the library's range applied to the hotspot, as :func:`suggest` ranks
   them), completed when there are fewer than two by library options of the sector with a known
   effect on the company's costliest flow of their resource;
3. each option is evaluated; the first is moved to *studied* (to *approved* for the company
   the demo accounts belong to).

The options' figures are DEMO figures and say so in their description: the yearly saving is
the midpoint of the library's typical range applied to the whole flow (typical, never a
promise); the investment and lifetime are assumed from the option's cost class
(:data:`ASSUMED_BY_COST_CLASS`); the discount rate is the 10 % nominal proposed in the research
notes (shared/reference/recp.md §3.3, background knowledge). A consultant replaces them with the
company's quotes and measurements.

Running it again changes nothing: rows are found by company, title and library code, options
are evaluated and moved only when they have not been yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openeip.core import catalogues, domain, prices, recp
from openeip.core.errors import DomainError
from openeip.web.base import workflow
from openeip.web.recp.models import Assessment, AssessmentOption, OptionStatus
from openeip.web.recp.services import data, evaluation
from openeip.web.recp.services.company import refresh_snapshot
from openeip.web.recp.services.picture import RecpPicture
from openeip.web.registry.models import Company, Park
from openeip.web.registry.models.series import factor_settings_for
from openeip.web.registry.services.writer import period_row

__all__ = ["ASSUMED_BY_COST_CLASS", "seed_recp_demo"]

#: ASSUMPTION for demo options only: (simple payback in years, lifetime in years) by cost class
ASSUMED_BY_COST_CLASS: dict[str, tuple[Decimal, int]] = {
    "no": (Decimal(0), 3), "low": (Decimal("0.5"), 3), "medium": (Decimal(2), 10),
    "high": (Decimal(4), 15)}
#: ASSUMPTION: 10 % nominal VND, shared/reference/recp.md §3.3 [K]
DISCOUNT_RATE = Decimal("0.10")
OPTIONS_PER_COMPANY = 3
MIN_OPTIONS = 2
TITLE = "RECP quick scan {year}"
#: the flow kinds whose savings an assessment's focus area names
_FOCUS = {"energy": "energy", "water": "water", "material": "materials", "waste": "waste",
          "wastewater": "wastewater"}


@dataclass(frozen=True)
class _Candidate:
    template: recp.OptionTemplate
    flow: domain.ResourceFlow  # the company's flow the effect applies to (one month of it)
    yearly: float  # the flow's total over the year, base unit


def _yearly(flows: list[domain.ResourceFlow]) -> dict[tuple[Any, ...], float]:
    totals: dict[tuple[Any, ...], float] = {}
    for flow in flows:
        key = (flow.direction, flow.kind, flow.description)
        totals[key] = totals.get(key, 0.0) + flow.base_quantity
    return totals


def _price(flow: domain.ResourceFlow, book: prices.PriceBook) -> float | None:
    """VND per base unit, or None when there is no price (an option on it cannot be costed)."""
    try:
        return prices.price_of(flow, book)[0]
    except DomainError:
        return None


def _costliest(flows: dict[str, domain.ResourceFlow], totals: dict[tuple[Any, ...], float],
               book: prices.PriceBook) -> dict[str, domain.ResourceFlow]:
    """The company's costliest priced flow of each kind over the year."""
    best: dict[str, tuple[float, domain.ResourceFlow]] = {}
    for flow in flows.values():
        price = _price(flow, book)
        if price is None:
            continue
        cost = price * totals[(flow.direction, flow.kind, flow.description)]
        if cost > best.get(flow.kind.value, (-1.0, flow))[0]:
            best[flow.kind.value] = (cost, flow)
    return {kind: flow for kind, (_cost, flow) in best.items()}


def _target(template: recp.OptionTemplate, flows: Iterable[domain.ResourceFlow],
            book: prices.PriceBook) -> domain.ResourceFlow | None:
    """ASSUMPTION for the demo: a cross-cutting energy option acts on the fuel burned when it is
    about steam (STM-…), on grid electricity otherwise (compressed air, pumps, fans)."""
    if not (template.cross_cutting and template.resource == "energy"):
        return None
    fuels = catalogues.fuels()
    wanted = [flow for flow in flows if flow.kind is domain.FlowKind.ENERGY
              and flow.direction is domain.Direction.INPUT
              and (flow.classification_code in fuels) == template.code.startswith("STM")
              and _price(flow, book) is not None]
    return max(wanted, key=lambda flow: flow.base_quantity, default=None)


def _candidates(company: Company, picture: RecpPicture, flows: list[domain.ResourceFlow],
                book: prices.PriceBook) -> list[_Candidate]:
    """Suggested options with a known effect on a costed hotspot, then the sector's library
    options with a known effect on the company's costliest flow of their resource."""
    totals = _yearly(flows)
    by_description = {flow.description: flow for flow in flows
                      if flow.direction is domain.Direction.INPUT
                      or flow.kind.value in ("waste", "wastewater")}
    library = recp.option_library()
    found: dict[str, _Candidate] = {}
    for suggestion in picture.suggestions:
        flow = by_description.get(suggestion["hotspot"])
        if (suggestion["typical_saving_vnd"] and flow is not None
                and flow.kind.value == suggestion["resource"]
                and _price(flow, book) is not None):
            found.setdefault(suggestion["code"], _Candidate(
                library[suggestion["code"]], flow,
                totals[(flow.direction, flow.kind, flow.description)]))
    costliest = _costliest(by_description, totals, book)
    # the sector's own options before the cross-cutting ones
    fitting = sorted((t for t in library.values() if t.applies_to(company.vsic_code)),
                     key=lambda t: (t.cross_cutting, t.code))
    for template in fitting:
        if len(found) >= MIN_OPTIONS:
            break
        code = template.code
        flow = _target(template, by_description.values(), book) or costliest.get(
            template.resource)
        if code not in found and template.effect is not None and flow is not None:
            found[code] = _Candidate(template, flow,
                                     totals[(flow.direction, flow.kind, flow.description)])
    return list(found.values())[:OPTIONS_PER_COMPANY]


def _description(candidate: _Candidate, payback: Decimal, lifetime: int) -> str:
    effect = candidate.template.effect
    assert effect is not None
    return _(
        "Demo figures: the yearly saving is the midpoint of the library's typical range "
        "({low}–{high} %, {source}) applied to all of '{flow}' — typical, not a promise; the "
        "investment (a simple payback of {payback} years) and the lifetime ({lifetime} years) are "
        "assumed from the cost class. Replace them with the company's quotes and measurements."
    ).format(low=effect.low_pct, high=effect.high_pct, source=recp.citation(effect.source),
             flow=candidate.flow.description, payback=payback, lifetime=lifetime)


def _option(assessment: Assessment, candidate: _Candidate,
            context: evaluation.CompanyContext) -> tuple[AssessmentOption, bool]:
    template = candidate.template
    existing = AssessmentOption.objects.filter(assessment=assessment,
                                               template_code=template.code).first()
    if existing is not None:
        return existing, False
    assert template.effect is not None
    payback, lifetime = ASSUMED_BY_COST_CLASS[template.cost_class]
    saved = candidate.yearly * float(template.effect.midpoint_pct) / 100
    option = AssessmentOption(
        assessment=assessment, template_code=template.code, lifetime_years=lifetime,
        discount_rate=DISCOUNT_RATE, investment_vnd=Decimal(0), extra_om_vnd=Decimal(0),
        description=_description(candidate, payback, lifetime),
        savings=[{"description": candidate.flow.description, "quantity": saved,
                  "unit": candidate.flow.base_unit.replace("**3", "³"),
                  "kind": candidate.flow.kind.value,
                  "direction": candidate.flow.direction.value}])
    yearly_vnd = evaluation.option_case(option, context).case.first_year_savings_vnd
    option.investment_vnd = (payback * Decimal(str(yearly_vnd))).quantize(Decimal(1))
    option.results = evaluation.evaluate(option, context)
    option.evaluated_at = timezone.now()
    option.save()
    return option, True


def _assessment(company: Company, year: int, candidates: Iterable[_Candidate]) -> Assessment:
    focus = sorted({_FOCUS[c.flow.kind.value] for c in candidates if c.flow.kind.value in _FOCUS}
                   | {"ghg"})
    assessment, _created = Assessment.objects.get_or_create(
        company=company, title=TITLE.format(year=year),
        defaults={"kind": Assessment.Kind.QUICK_SCAN, "status": Assessment.Status.IN_PROGRESS,
                  "scope": "Whole site: all processes and products (demo)",
                  "boundary": "Factory gate to gate, utilities included",
                  "team": "RECP consultant (lead), plant manager, maintenance head",
                  "baseline_period": period_row(domain.ReportingPeriod(year)),
                  "focus_areas": focus})
    return assessment


@transaction.atomic
def _seed_company(company: Company, lead: bool) -> tuple[int, int]:
    """(options created, moves made) for one company."""
    picture = RecpPicture.read(
        refresh_snapshot(company, factor_settings_for(company.park).gwp.value).payload)
    year = picture.year
    if year is None:
        return 0, 0
    flows = data.company_flows(company, domain.ReportingPeriod(year))
    book = evaluation.price_book_for(company)
    candidates = _candidates(company, picture, flows, book)
    if len(candidates) < MIN_OPTIONS:
        raise RuntimeError("demo company {} has only {} quantifiable options".format(
            company.code, len(candidates)))
    assessment = _assessment(company, year, candidates)
    # what CompanyContext.of(assessment) would read again: the baseline year's flows and book
    context = evaluation.CompanyContext(company, year, flows, book)
    created = moves = 0
    options = []
    for candidate in candidates:
        option, new = _option(assessment, candidate, context)
        options.append(option)
        created += new
    first = options[0]
    for status in ((OptionStatus.STUDIED, OptionStatus.APPROVED) if lead
                   else (OptionStatus.STUDIED,)):
        if status in AssessmentOption.workflow.allowed_next(first.status):
            workflow.transition(first, status, None, "cli")
            moves += 1
    return created, moves


def seed_recp_demo(park: Park, lead_company_code: str, stdout: IO[str] | None = None) -> None:
    """Indicators and a quick-scan assessment with evaluated options for every company of
    ``park``; the lead company's first option goes as far as approved."""
    created = moves = 0
    companies = list(Company.objects.filter(park=park).select_related("park").order_by("code"))
    for company in companies:
        made, moved = _seed_company(company, company.code == lead_company_code)
        created += made
        moves += moved
    if stdout is not None:
        stdout.write(_("RECP: {companies} companies with indicators and a quick scan; {options} "
                       "options created, {moves} moved along the workflow.").format(
                           companies=len(companies), options=created, moves=moves) + "\n")
