"""A company's RECP assessments: the list with a form to start one, and one assessment with its
option sheets, its marginal abatement cost curve and the link to the PDF report."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.web.base import workflow
from openeip.web.base.charts import chartjs as charts
from openeip.web.base.labels import current_language
from openeip.web.recp.models import Assessment, FocusArea
from openeip.web.recp.views import sheets
from openeip.web.recp.views._access import may_change, visible_assessment, visible_company
from openeip.web.recp.views.forms import AssessmentForm, VerifyForm


@login_required
def assessment_list(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the company's assessments; POST: start a new one (for those who may change it)."""
    company = visible_company(request, pk, "change" if request.method == "POST" else "view")
    form = AssessmentForm(request.POST or None, company=company)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            assessment = form.save(commit=False)
            assessment.created_by = request.user  # type: ignore[assignment]  # signed in
            assessment.save()
        messages.success(request, _("Assessment “{title}” started.").format(
            title=assessment.title))
        return redirect("recp:assessment", pk=company.pk, assessment=assessment.pk)
    assessments = (Assessment.objects.for_user(request.user).filter(company=company)
                   .select_related("baseline_period").annotate(option_count=Count("options")))
    return render(request, "recp/pages/assessment_list.html", {
        "company": company, "assessments": assessments, "form": form,
        "may_change": may_change(request, company), "tab": "assessments"})


@login_required
def assessment_detail(request: HttpRequest, pk: int, assessment: int) -> HttpResponse:
    company = visible_company(request, pk)
    record = visible_assessment(request, company, assessment)
    options = list(record.options.select_related("verification_before", "verification_after")
                   .order_by("id"))
    language = current_language()
    approvable = workflow.approvable(options, request.user)
    option_sheets = [sheets.option_sheet(option, language, request.user, approvable)
                     for option in options]
    curve, macc, macc_problem = _macc(record)
    focus = dict(FocusArea.choices)
    context: dict[str, Any] = {
        "company": company, "assessment": record, "sheets": option_sheets,
        "focus_labels": [str(focus[code]) for code in record.focus_areas if code in focus],
        "curve": curve, "macc": macc, "macc_problem": macc_problem,
        "macc_config": macc.chartjs(language) if macc else None,
        "macc_config_id": "macc-chart-config",
        "verify_form": VerifyForm(company=company),
        "may_change": may_change(request, company), "tab": "assessments",
    }
    return render(request, "recp/pages/assessment_detail.html", context)


def _macc(assessment: Assessment) -> tuple[Any, charts.MaccChart | None, str]:
    """The assessment's curve from the service, its chart, or why there is none."""
    from openeip.web.recp.services.macc import curve_for

    try:
        curve = curve_for(assessment)
    except DomainError as error:
        return None, None, str(error)
    if not curve.steps:
        return curve, None, _("No evaluated option avoids greenhouse gases yet, so there is no "
                              "curve to draw.")
    return curve, charts.macc_chart(curve), ""

