"""The marginal abatement cost curve of an assessment, from its options as stored.

Each option that is not rejected and has been evaluated is turned into its finance case again
(today's data and prices, the assessment's GWP set) and :func:`openeip.core.finance.macc`
applies them in sequence against the company's yearly emissions in the baseline year
(scaled to twelve months when only some were reported, as savings are).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from openeip.core import finance, ghg
from openeip.core.errors import DomainError
from openeip.web.recp.models import Assessment, AssessmentOption, OptionStatus
from openeip.web.recp.services import library
from openeip.web.recp.services.evaluation import CompanyContext, option_case, option_name
from openeip.web.registry.models.series import grid_overrides_for

__all__ = ["MaccBar", "MaccCurve", "curve_for"]


@dataclass(frozen=True)
class MaccBar:
    option_id: int
    title: str
    position: int
    abatement_tco2e: float  # bar width, per year
    cumulative_tco2e: float
    cost_vnd_per_tco2e: float  # bar height; negative: abating saves money
    annual_cost_vnd: float
    scale: float  # share of the option's own effect left when it is applied
    capped: bool


@dataclass(frozen=True)
class MaccCurve:
    assessment_id: int
    baseline_year: int
    baseline_tco2e: float
    gwp_set: str
    steps: list[MaccBar]
    #: options not on the curve and why: [(option id, title, reason)]
    left_off: list[tuple[int, str, str]] = field(default_factory=list)
    factor_versions: dict[str, str] = field(default_factory=dict)

    def json(self) -> dict[str, Any]:
        return {
            "assessment": self.assessment_id, "baseline_year": self.baseline_year,
            "baseline_tco2e": self.baseline_tco2e, "gwp_set": self.gwp_set,
            "steps": [vars(step) for step in self.steps],
            "left_off": [{"option": pk, "title": title, "reason": reason}
                         for pk, title, reason in self.left_off],
            "factor_versions": self.factor_versions,
        }


def _baseline(context: CompanyContext, gwp: str) -> tuple[float, dict[str, str]]:
    """Yearly emissions of the baseline year: scaled to 12 months from the months reported."""
    emissions = ghg.inventory(context.flows, gwp=gwp,
                              grid_overrides=grid_overrides_for(context.company.park))
    months = {flow.period.month for flow in context.flows if flow.period.month}
    total = emissions.totals.total_tco2e
    return (total * 12 / len(months) if months else total), dict(emissions.factor_versions)


def curve_for(assessment: Assessment) -> MaccCurve:
    """The assessment's MACC; DomainError when the company has no emissions to abate."""
    context = CompanyContext.of(assessment)
    baseline, versions = _baseline(context, assessment.gwp_set)
    options = (AssessmentOption.objects.filter(assessment=assessment).select_related("assessment")
               .exclude(status=OptionStatus.REJECTED).order_by("pk"))
    cases: dict[str, tuple[AssessmentOption, finance.OptionCase]] = {}
    left_off = []
    for option in options:
        title = library.option_title(option)
        if not option.results:
            left_off.append((option.pk, title, _("not evaluated yet")))
            continue
        try:
            evaluated = option_case(option, context)
        except DomainError as error:
            left_off.append((option.pk, title, str(error)))
            continue
        versions.update(evaluated.factor_versions)
        if float(evaluated.case.ghg_avoided.to("tCO2e").magnitude) <= 0:
            left_off.append((option.pk, title, _("avoids no greenhouse gas")))
            continue
        cases[option_name(option)] = (option, evaluated.case)
    if not math.isfinite(baseline) or baseline <= 0:
        raise DomainError(_("Company {code} emitted no greenhouse gas in {year} by its data, so "
                            "there is nothing to abate.").format(
                                code=assessment.company.code, year=context.year),
                          "baseline_period")
    steps = finance.macc([case for _option, case in cases.values()], baseline)
    bars = []
    on_curve = set()
    for step in steps:
        option, _case = cases[step.name]
        on_curve.add(step.name)
        bars.append(MaccBar(
            option.pk, library.option_title(option), step.position,
            float(step.abatement.to("tCO2e").magnitude),
            float(step.cumulative_abatement.to("tCO2e").magnitude),
            step.cost_vnd_per_tco2e, step.annual_cost_vnd, step.scale, step.capped))
    for name, (option, _case) in cases.items():
        if name not in on_curve:
            left_off.append((option.pk, library.option_title(option),
                             _("nothing left to abate once the cheaper options are applied")))
    return MaccCurve(assessment.pk, context.year, baseline, assessment.gwp_set, bars,
                     sorted(left_off), versions)
