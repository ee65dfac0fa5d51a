"""A company's finance projects, one project (figures, eligibility, pipeline, sharing,
evidence), its dossier, and the lender's stable link."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openeip.core.errors import DomainError
from openeip.core.i18n import render as render_text
from openeip.web.base.labels import current_language
from openeip.web.finance.models import (
    WORKFLOW,
    DossierShare,
    Evidence,
    FinanceProject,
    LenderOfficer,
    company_roles,
)
from openeip.web.finance.reports.dossier import dossier_pdf, dossier_xlsx
from openeip.web.finance.services import workflow
from openeip.web.finance.services.evaluation import checks, project_result
from openeip.web.finance.services.projects import save_project, share
from openeip.web.finance.views._access import visible_company, visible_project
from openeip.web.finance.views.forms import EvidenceForm, ProjectForm, ShareForm
from openeip.web.registry.models import Company

_FIELD = {"name": None, "id": None}


def may_prepare(user: Any, company: Company) -> bool:
    """Admins, the company's members and its consultant prepare projects."""
    return bool(company_roles(user, company.pk) & {"member", "consultant"})


@login_required
def company_projects(request: HttpRequest, pk: int) -> HttpResponse:
    company = visible_company(request, pk)
    projects = list(FinanceProject.objects.for_user(request.user).filter(company=company))
    return render(request, "finance/company.html", {
        "company": company, "projects": projects,
        "may_prepare": may_prepare(request.user, company)})


def _form_page(request: HttpRequest, company: Company, project: FinanceProject,
               template: str) -> HttpResponse:
    language = current_language()
    form = ProjectForm(request.POST or None, instance=project, company=company,
                       language=language)
    if request.method == "POST" and form.is_valid():
        project = form.save(commit=False)
        project.company = company
        project.facts = form.stated_facts()
        try:
            save_project(project, request.user, form.cleaned_data["options"],
                         form.cleaned_data["exchanges"])
        except DomainError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, str(error))
        else:
            messages.success(request, _("The project is saved."))
            return redirect("finance:project", pk=project.pk)
    return render(request, template, {"company": company, "form": form, "project": project})


@login_required
def project_new(request: HttpRequest, pk: int) -> HttpResponse:
    company = visible_company(request, pk)
    if not may_prepare(request.user, company):
        raise PermissionDenied
    return _form_page(request, company, FinanceProject(company=company, lifetime_years=10,
                                                       discount_rate=0.10, tax_rate=0.20),
                      "finance/project_form.html")


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = visible_project(request, pk, "change")
    if not may_prepare(request.user, project.company):
        raise PermissionDenied
    return _form_page(request, project.company, project, "finance/project_form.html")


def _project_page(request: HttpRequest, project: FinanceProject) -> HttpResponse:
    language = current_language()
    try:
        result = project_result(project)
        error = None
    except DomainError as problem:
        result, error = None, str(problem)
    line_checks, facts, origin = checks(project)
    officer = LenderOfficer.objects.filter(user_id=request.user.pk or 0).first()
    return render(request, "finance/project.html", {
        "project": project, "company": project.company, "result": result, "error": error,
        "reasons": {k: render_text(v) for k, v in (result.reasons if result else {}).items()},
        "checks": line_checks, "facts": facts, "origin": origin, "language": language,
        "next_stages": [(s, WORKFLOW.label(s)) for s in workflow.allowed_next(project,
                                                                              request.user)],
        "days_left": workflow.deadline_days_left(project),
        "shares": list(project.shares.select_related("institution")),
        "may_prepare": may_prepare(request.user, project.company),
        "share_form": ShareForm(), "evidence_form": EvidenceForm(language=language),
        "evidence": list(project.evidence.all()),
        "is_lender": officer is not None,
    })


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _project_page(request, visible_project(request, pk))


@login_required
def shared_link(request: HttpRequest, token: str) -> HttpResponse:
    """The lender's stable link to a shared dossier: the project page, for those who may see
    it (the lender's officers, the company's side); 404 otherwise."""
    row = get_object_or_404(DossierShare, token=token)
    return _project_page(request, visible_project(request, row.project_id))


@login_required
@require_POST
def project_stage(request: HttpRequest, pk: int) -> HttpResponse:
    project = visible_project(request, pk, "change")
    try:
        workflow.transition(project, request.POST.get("stage", ""), request.user, "web")
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The project is now {stage}.").format(
            stage=project.get_stage_display()))
    return redirect("finance:project", pk=pk)


@login_required
@require_POST
def project_share(request: HttpRequest, pk: int) -> HttpResponse:
    project = visible_project(request, pk, "change")
    if not may_prepare(request.user, project.company):
        raise PermissionDenied
    form = ShareForm(request.POST)
    if form.is_valid():
        try:
            share(project, form.cleaned_data["institution"], request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The dossier is shared with {lender}.").format(
                lender=form.cleaned_data["institution"].name(current_language())))
    return redirect("finance:project", pk=pk)


@login_required
@require_POST
def project_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    project = visible_project(request, pk, "change")
    if not may_prepare(request.user, project.company):
        raise PermissionDenied
    form = EvidenceForm(request.POST, request.FILES, language=current_language())
    if form.is_valid():
        Evidence.objects.create(project=project, fact=form.cleaned_data["fact"],
                                file=form.cleaned_data["file"],
                                note=form.cleaned_data["note"],
                                uploaded_by=cast(Any, request.user))
        messages.success(request, _("The evidence is attached."))
    else:
        messages.error(request, _("Choose the fact and the file."))
    return redirect("finance:project", pk=pk)


@login_required
def evidence_file(request: HttpRequest, pk: int, evidence: int) -> FileResponse:
    project = visible_project(request, pk)
    row = get_object_or_404(Evidence, project=project, pk=evidence)
    if not row.file:
        raise Http404("no file")
    return FileResponse(row.file.open("rb"), as_attachment=True,
                        filename=(row.file.name or "").rsplit("/", 1)[-1])


def _language(request: HttpRequest) -> str:
    lang = request.GET.get("lang") or current_language()
    return lang if lang in ("vi", "en") else "en"


@login_required
def dossier_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    project = visible_project(request, pk)
    lang = _language(request)
    try:
        content = dossier_pdf(project, lang)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("finance:project", pk=pk)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="finance-dossier-{}-{}.pdf"'.format(
        project.pk, lang)
    return response


@login_required
def dossier_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    project = visible_project(request, pk)
    lang = _language(request)
    try:
        content = dossier_xlsx(project, lang)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("finance:project", pk=pk)
    response = HttpResponse(content, content_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    response["Content-Disposition"] = (
        'attachment; filename="finance-dossier-{}-{}.xlsx"'.format(project.pk, lang))
    return response
