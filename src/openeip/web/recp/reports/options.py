"""The report's option list: each option of the assessment with its stored feasibility figures.

The figures are those :func:`openeip.web.recp.services.evaluation.evaluate_option` stored on the
option (``results``), computed by :mod:`openeip.core.finance`; nothing is recomputed here.
Ranking: evaluated options by net present value, highest first (ties: shorter simple payback),
then the options not evaluated yet, in the order they were recorded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from openeip.core.i18n import render
from openeip.core.recp import CATEGORIES, option_library
from openeip.web.recp.models import Assessment, AssessmentOption, OptionStatus


@dataclass(frozen=True)
class OptionLine:
    rank: int
    pk: int
    title: str
    category: str
    status: str
    evaluated: bool
    investment_vnd: float
    annual_savings_vnd: float | None = None
    simple_payback_years: float | None = None
    discounted_payback_years: float | None = None
    npv_vnd: float | None = None
    irr_percent: float | None = None
    benefit_cost_ratio: float | None = None
    abatement_cost_vnd_per_tco2e: float | None = None
    ghg_tco2e: float | None = None
    energy_mwh: float | None = None
    water_m3: float | None = None
    waste_t: float | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


def _finite(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def option_title(option: AssessmentOption, language: str) -> str:
    """The option's own title in ``language``, else the library's, else any title it has."""
    own = option.title_vi if language == "vi" else option.title_en
    template = option_library().get(option.template_code) if option.template_code else None
    library = template.title.text(language) if template else ""
    return own or library or option.title_en or option.title_vi or option.template_code


def category_label(option: AssessmentOption, language: str) -> str:
    """The UNEP/UNIDO category of the option (its own, else its library option's)."""
    template = option_library().get(option.template_code) if option.template_code else None
    code = option.category or (template.category if template else "")
    label = CATEGORIES.get(code)
    return label.text(language) if label else (code or _("not given"))


def _line(rank: int, option: AssessmentOption, language: str) -> OptionLine:
    results = option.results or {}
    figures = results.get("figures", {})
    effects = results.get("effects", {})
    irr = _finite(figures.get("irr"))
    return OptionLine(
        rank=rank, pk=option.pk, title=option_title(option, language),
        category=category_label(option, language),
        status=str(OptionStatus(option.status).label), evaluated=bool(figures),
        investment_vnd=float(option.investment_vnd),
        annual_savings_vnd=_finite(figures.get("annual_savings_vnd")),
        simple_payback_years=_finite(figures.get("simple_payback_years")),
        discounted_payback_years=_finite(figures.get("discounted_payback_years")),
        npv_vnd=_finite(figures.get("npv_vnd")),
        irr_percent=None if irr is None else 100 * irr,
        benefit_cost_ratio=_finite(figures.get("benefit_cost_ratio")),
        abatement_cost_vnd_per_tco2e=_finite(figures.get("abatement_cost_vnd_per_tco2e")),
        ghg_tco2e=_finite(effects.get("ghg_tco2e")),
        energy_mwh=_finite(effects.get("energy_mwh")),
        water_m3=_finite(effects.get("water_m3")),
        waste_t=_finite(effects.get("waste_t")),
        notes=_notes(results.get("reasons", {})),
    )


def _notes(reasons: dict[str, Any]) -> tuple[str, ...]:
    """Why a figure the table shows has no value, in the report's language (the reasons are
    stored as message ids with parameters; older rows as English catalogue entries)."""
    shown = {"simple_payback_years": _("Payback"), "irr": "IRR",
             "benefit_cost_ratio": _("B/C"),
             "abatement_cost_vnd_per_tco2e": _("Abatement cost")}
    return tuple("{}: {}".format(label, render(reasons[key]))
                 for key, label in shown.items() if reasons.get(key))


def _order(option: AssessmentOption) -> tuple[int, float, float, int]:
    figures = (option.results or {}).get("figures", {})
    if not figures:
        return (1, 0.0, 0.0, option.pk)
    npv = _finite(figures.get("npv_vnd")) or 0.0
    payback = _finite(figures.get("simple_payback_years"))
    return (0, -npv, payback if payback is not None else math.inf, option.pk)


def option_lines(assessment: Assessment, language: str) -> list[OptionLine]:
    """The assessment's options, ranked as the module docstring says."""
    options = sorted(AssessmentOption.objects.filter(assessment=assessment), key=_order)
    return [_line(rank, option, language) for rank, option in enumerate(options, start=1)]


@dataclass(frozen=True)
class MaccSection:
    """The assessment's marginal abatement cost curve as the report shows it."""

    baseline_year: int | None = None
    baseline_tco2e: float | None = None
    gwp_set: str = ""
    bars: tuple[Any, ...] = ()  # openeip.web.recp.services.macc.MaccBar
    left_off: tuple[tuple[int, str, str], ...] = ()
    chart: str = ""  # data URI of the SVG chart; '' when there is no bar to draw
    problem: str = ""  # why there is no curve (e.g. no emissions in the baseline year)


def macc_section(assessment: Assessment) -> MaccSection:
    """The curve from :func:`openeip.web.recp.services.macc.curve_for`, with its chart."""
    from openeip.core.errors import DomainError
    from openeip.web.base import formatting, pdf
    from openeip.web.base.charts import svg as charts
    from openeip.web.recp.services.macc import curve_for

    try:
        curve = curve_for(assessment)
    except DomainError as error:
        return MaccSection(problem=str(error))
    chart = ""
    if curve.steps:
        chart = pdf.image_uri(charts.macc_chart(
            [charts.MaccBar(str(bar.position), bar.abatement_tco2e, bar.cost_vnd_per_tco2e)
             for bar in curve.steps],
            abatement_label=_("GHG avoided, tCO2e per year (options applied in sequence)"),
            cost_label=_("Cost, VND per tCO2e"), number=formatting.number))
    return MaccSection(curve.baseline_year, curve.baseline_tco2e, curve.gwp_set,
                       tuple(curve.steps), tuple(curve.left_off), chart)
