"""The RECP assessment report of one company, as PDF: what the web download and the CLI share.

:func:`recp_report_pdf` gathers what the RECP services computed (indicators, GHG, balances,
losses, flows, options, MACC), draws the charts and renders ``recp/reports/recp_report.html`` in the
chosen language. Access is the caller's business: the web view asks ``for_user`` first, the CLI
runs with the database owner's rights like ``openeip export``.
"""

from __future__ import annotations

from typing import Any

from django.db import DatabaseError
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openeip.core import domain
from openeip.core.catalogues.series import notices_from
from openeip.core.errors import DomainError
from openeip.core.i18n import language as core_language
from openeip.web.base import pdf
from openeip.web.recp.models import Assessment, FocusArea
from openeip.web.recp.reports import assumptions, indicators, losses
from openeip.web.recp.reports.facts import company_facts
from openeip.web.recp.reports.options import macc_section, option_lines
from openeip.web.recp.services import data
from openeip.web.recp.services.company import company_recp
from openeip.web.recp.services.evaluation import price_book_for
from openeip.web.recp.services.picture import RecpPicture
from openeip.web.registry.models import Company
from openeip.web.registry.models.series import grid_overrides_for
from openeip.web.reports.services.builders import ReportError

__all__ = ["ReportError", "chosen_assessment", "company_by_reference", "recp_report_pdf",
           "report_filename"]

TEMPLATE = "recp/reports/recp_report.html"


def company_by_reference(reference: str) -> Company:
    """The company named by its number in OpenEIP ('12', as in /companies/12/) or by
    'park/code' ('rach-may/DYE-01')."""
    text = reference.strip()
    try:
        if text.isdigit():
            company = Company.objects.select_related("park").filter(pk=int(text)).first()
        elif "/" in text:
            slug, code = text.split("/", 1)
            company = (Company.objects.select_related("park")
                       .filter(park__slug=slug.strip(), code=code.strip()).first())
        else:
            raise ReportError(_("'{reference}' names no company: give its number in OpenEIP "
                                "(as in /companies/12/) or park/code, such as "
                                "rach-may/DYE-01.").format(reference=reference))
    except DatabaseError:
        raise ReportError(_("The database is not set up yet; run `openeip manage migrate` or "
                            "import a file first.")) from None
    if company is None:
        raise ReportError(_("There is no company '{reference}'; the company list at "
                            "/companies/ shows their numbers, `openeip parks` the parks.")
                          .format(reference=reference))
    return company


def report_filename(company: Company, language: str) -> str:
    code = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in company.code)
    return "recp-report-{}-{}.pdf".format(code, language)


def chosen_assessment(company: Company, user: Any, assessment_id: Any) -> Assessment | None:
    """The assessment asked for, else the company's latest; None when it has none."""
    assessments = (Assessment.objects.for_user(user) if user is not None
                   else Assessment.objects.all()).filter(company=company)
    if assessment_id in (None, ""):
        return assessments.select_related("baseline_period").first()
    found = None
    if str(assessment_id).isdigit():
        found = assessments.select_related("baseline_period").filter(pk=int(assessment_id)).first()
    if found is None:
        raise ReportError(_("Company {code} has no assessment {number}; leave the assessment "
                            "out to report the latest.").format(code=company.code,
                                                                number=assessment_id))
    return found


def _assessment_view(assessment: Assessment) -> dict[str, Any]:
    focus = ", ".join(str(FocusArea(code).label) for code in assessment.focus_areas
                      if code in FocusArea.values)
    return {
        "title": assessment.title,
        "kind": assessment.get_kind_display(),
        "status": assessment.get_status_display(),
        "team": assessment.team,
        "scope": assessment.scope,
        "boundary": assessment.boundary,
        "baseline": str(assessment.baseline_period) if assessment.baseline_period_id else "",
        "focus_areas": focus,
        "gwp_set": assessment.gwp_set,
    }


def _baseline(assessment: Assessment | None) -> domain.ReportingPeriod | None:
    period = assessment.baseline_period if assessment is not None else None
    if period is None:
        return None
    return domain.ReportingPeriod(period.year, period.month or None)


def _engines(company: Company, language: str, assessment: Assessment | None) -> dict[str, Any]:
    """Indicators, GHG, balances, losses, flows and what they assume, from the RECP services."""
    baseline = _baseline(assessment)
    # an assessment names its GWP set; without one, the park's (else the platform's) is used
    gwp = assessment.gwp_set if assessment else None
    try:
        payload = RecpPicture.read(company_recp(company, gwp, baseline=baseline))
        year = payload.year
        year_flows = data.company_flows(company, domain.ReportingPeriod(year)) if year else []
        ghg = indicators.ghg_section(payload, year_flows, language,
                                     grid_overrides_for(company.park))
        book = price_book_for(company)
        prices, unpriced = assumptions.price_assumptions(year_flows, book)
        notices = [*payload.notices, *assumptions.price_notices(year_flows, book)]
    except DomainError as error:
        raise ReportError(_("The RECP figures of {code} cannot be computed: {problem}")
                          .format(code=company.code, problem=error)) from None
    period = indicators.report_period(payload.indicators.raw)
    balances = losses.balance_rows(payload)
    return {
        "year": year,
        "period": indicators.period_label(period),
        "baseline": indicators.period_label(baseline.label()) if baseline else "",
        "baseline_is_period": baseline is not None and baseline.label() == period,
        "indicator_lines": indicators.indicator_lines(payload, period, language),
        "denominators": indicators.denominator_labels(payload),
        "trend_chart": indicators.trend_chart(payload, baseline.label() if baseline else ""),
        "ghg": ghg,
        "balances": balances,
        "unmetered_energy": any(row.outputs_unmetered for row in balances),
        "losses": losses.loss_section(payload, language),
        "flow_chart": losses.flow_chart(payload, company.name),
        "suggestions": losses.suggestion_lines(payload, language),
        "assumption_tables": [
            (_("Greenhouse-gas factors"), assumptions.factor_assumptions(ghg.factors)),
            (_("Prices the losses and options are valued at"), prices),
            (_("Assessment settings"), assumptions.threshold_assumptions()),
        ],
        "unpriced": unpriced,
        "series_notices": [n.message() for n in notices_from(notices)],
    }


def _context(company: Company, language: str, assessment: Assessment | None) -> dict[str, Any]:
    return {
        "facts": company_facts(company),
        "assessment": _assessment_view(assessment) if assessment else None,
        "report_date": date_format(timezone.localdate(), "DATE_FORMAT"),
        "page_word": _("Page"),
        "options": option_lines(assessment, language) if assessment else [],
        "macc": macc_section(assessment) if assessment else None,
        **_engines(company, language, assessment),
    }


def series_notices_of(company: Company, language: str) -> list[str]:
    """The report's notices of factors and prices of another year, worded in ``language``
    (what the CLI prints beside the file it wrote)."""
    with translation.override(language), core_language(language):
        payload = RecpPicture.read(company_recp(company))
        year = payload.year
        year_flows = data.company_flows(company, domain.ReportingPeriod(year)) if year else []
        notices = [*payload.notices,
                   *assumptions.price_notices(year_flows, price_book_for(company))]
        return [notice.message() for notice in notices_from(notices)]


def recp_report_pdf(company: Company, language: str, *, user: Any = None,
                    assessment_id: Any = None) -> bytes:
    """The report of ``company`` in ``language`` ('vi' or 'en') as PDF bytes.

    ``user``: when given, only the assessments this user may see are considered (the web);
    ``assessment_id``: which assessment to report (default: the latest).
    """
    with translation.override(language), core_language(language):
        assessment = chosen_assessment(company, user, assessment_id)
        context = _context(company, language, assessment)
    return pdf.render_pdf(TEMPLATE, context, language)
