"""An assessment's options: add one (from the library or the consultant's own), edit its inputs
(each save re-evaluates it), move it along the workflow, verify it with measured data.

Every save is all or nothing: the option is written and evaluated in one transaction, and when
the evaluation refuses an input (a saving larger than the flow it comes from, a price missing)
nothing is kept and the form shows the error on the field it names.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openeip.core import domain
from openeip.core.errors import DomainError
from openeip.web.base.labels import current_language
from openeip.web.recp.models import AssessmentOption
from openeip.web.recp.services import data
from openeip.web.recp.views import library
from openeip.web.recp.views._access import (
    visible_assessment,
    visible_company,
    visible_option,
)
from openeip.web.recp.views.forms import (
    OptionForm,
    SavingForm,
    TransitionForm,
    VerifyForm,
    add_domain_error,
    place_saving_error,
    saving_forms,
)

#: service field names -> option form field names
_RENAME = {"discount_rate": "discount_rate_percent", "lifetime": "lifetime_years",
           "investment": "investment_vnd", "extra_om": "extra_om_vnd"}


class _Refused(Exception):
    """The evaluation refused an input: roll the save back, show the form again."""


def _flow_names(company: Any, year: int | None) -> list[str]:
    """Descriptions of the company's flows in the baseline year: what a saving may name."""
    if year is None:
        return []
    flows = data.company_flows(company, domain.ReportingPeriod(year))
    return sorted({flow.description for flow in flows})


def _baseline_year(assessment: Any) -> int | None:
    if assessment.baseline_period_id:
        return int(assessment.baseline_period.year)
    return data.latest_year(assessment.company)


def _option_url(option: AssessmentOption) -> str:
    assessment = option.assessment
    return "{}#option-{}".format(
        reverse("recp:assessment", kwargs={"pk": assessment.company_id,
                                           "assessment": assessment.pk}), option.pk)


def _save(option: AssessmentOption, form: OptionForm, rows: list[SavingForm]) -> bool:
    """Write the form into ``option`` and evaluate it; False (nothing kept) when refused."""
    from openeip.web.recp.services.evaluation import evaluate_option
    from openeip.web.recp.services.library import check_option_text

    cleaned = form.cleaned_data
    for name in ("title_en", "title_vi", "category", "description"):
        if name in cleaned:
            setattr(option, name, cleaned[name])
    option.investment_vnd = cleaned["investment_vnd"]
    option.lifetime_years = cleaned["lifetime_years"]
    option.discount_rate = cleaned["discount_rate_percent"] / Decimal(100)
    option.extra_om_vnd = cleaned["extra_om_vnd"]
    entries = [(index, row.entry()) for index, row in enumerate(rows)]
    option.savings = [entry for _index, entry in entries if entry]
    row_of_saving = [index for index, entry in entries if entry]
    try:
        with transaction.atomic():
            try:
                check_option_text(option)
                option.save()
                evaluate_option(option)
            except DomainError as error:
                if not place_saving_error(error, rows, row_of_saving):
                    add_domain_error(form, error, _RENAME)
                raise _Refused from None
    except _Refused:
        return False
    return True


def _initial(option: AssessmentOption) -> dict[str, Any]:
    return {"title_en": option.title_en, "title_vi": option.title_vi,
            "category": option.category, "description": option.description,
            "investment_vnd": option.investment_vnd, "lifetime_years": option.lifetime_years,
            # '10', not '1E+1' (what Decimal.normalize() makes of 10.00)
            "discount_rate_percent": "{:f}".format((option.discount_rate * 100).normalize()),
            "extra_om_vnd": option.extra_om_vnd}


def _render_form(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    return render(request, "recp/pages/option_form.html", {**context, "tab": "assessments"})


@login_required
def option_new(request: HttpRequest, pk: int, assessment: int) -> HttpResponse:
    """Add an option: ``?template=CODE`` takes it from the library, otherwise it is the
    consultant's own (title, category and description given here)."""
    company = visible_company(request, pk, "change")
    record = visible_assessment(request, company, assessment, "change")
    code = request.GET.get("template") or request.POST.get("template") or ""
    template = library.template(code, current_language()) if code else None
    if code and template is None:
        messages.error(request, _("There is no option {code} in the library; choose one from "
                                  "the suggestions.").format(code=code))
        return redirect("recp:losses", pk=company.pk)
    own = template is None
    form = OptionForm(request.POST or None, categories=library.categories(), own=own)
    rows = saving_forms(request.POST or None, _flow_names(company, _baseline_year(record)), [])
    if request.method == "POST" and form.is_valid() and all(r.is_valid() for r in rows):
        option = AssessmentOption(assessment=record,
                                  created_by=request.user,  # type: ignore[misc]  # signed in
                                  template_code=template.code if template else "")
        if template is not None:
            option.category = template.category
        if _save(option, form, rows):
            messages.success(request, _("Option added and evaluated."))
            return redirect(_option_url(option))
    return _render_form(request, {"company": company, "assessment": record, "form": form,
                                  "rows": rows, "template": template, "option": None})


@login_required
def option_edit(request: HttpRequest, pk: int, assessment: int, option: int) -> HttpResponse:
    """The option's inputs; saving re-evaluates it. Viewing needs 'view', saving 'change'."""
    company = visible_company(request, pk, "change" if request.method == "POST" else "view")
    record = visible_assessment(request, company, assessment)
    item = visible_option(request, record, option,
                          "change" if request.method == "POST" else "view")
    template = library.template(item.template_code, current_language())
    form = OptionForm(request.POST or None, initial=_initial(item),
                      categories=library.categories(), own=template is None)
    rows = saving_forms(request.POST or None, _flow_names(company, _baseline_year(record)),
                        [dict(entry) for entry in item.savings if isinstance(entry, dict)])
    valid = request.method == "POST" and form.is_valid() and all(r.is_valid() for r in rows)
    if valid and _save(item, form, rows):
        messages.success(request, _("Option saved and evaluated again."))
        return redirect(_option_url(item))
    return _render_form(request, {"company": company, "assessment": record, "form": form,
                                  "rows": rows, "template": template, "option": item})


@require_POST
@login_required
def option_status(request: HttpRequest, pk: int, assessment: int, option: int) -> HttpResponse:
    """Move the option to the status asked for, if the workflow allows it."""
    from openeip.web.base.workflow import transition

    company = visible_company(request, pk, "change")
    record = visible_assessment(request, company, assessment, "change")
    item = visible_option(request, record, option, "change")
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Status: say which status the option moves to."))
        return redirect(_option_url(item))
    try:
        transition(item, form.cleaned_data["status"], request.user)
    except DomainError as error:
        messages.error(request, _("Status: {problem}").format(problem=error))
    else:
        messages.success(request, _("The option is now {status}.").format(
            status=item.get_status_display()))
    return redirect(_option_url(item))


@require_POST
@login_required
def option_verify(request: HttpRequest, pk: int, assessment: int, option: int) -> HttpResponse:
    """Compare the option's flows measured in a period before and one after implementation."""
    from openeip.web.recp.services.verification import verify

    company = visible_company(request, pk, "change")
    record = visible_assessment(request, company, assessment, "change")
    item = visible_option(request, record, option, "change")
    form = VerifyForm(request.POST, company=company)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, "{}: {}".format(label, " ".join(str(e) for e in errors)))
        return redirect(_option_url(item))
    try:
        verify(item, domain.ReportingPeriod.parse(form.cleaned_data["before"]),
               domain.ReportingPeriod.parse(form.cleaned_data["after"]), request.user)
    except DomainError as error:
        label = {"before": form.fields["before"].label,
                 "after": form.fields["after"].label}.get(error.field or "", _("Verification"))
        messages.error(request, "{}: {}".format(label, error))
    else:
        messages.success(request, _("Measured before and after; the results are below."))
    return redirect(_option_url(item))
