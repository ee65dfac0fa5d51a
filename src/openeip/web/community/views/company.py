"""A company named in a grievance: the cases a handler shared with it, without anything about
who complained, and its answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from openeip.web.community.forms import AnswerForm
from openeip.web.community.models import CompanyAnswer, Grievance
from openeip.web.community.services import workflow
from openeip.web.registry.models import AuditEntry, Company


def _cases(request: HttpRequest, company: Company) -> QuerySet[Grievance]:
    """Cases shared with the company, for its members; every case naming it, for its park's
    handlers (who may also see it from the park's pages)."""
    handled = Grievance.objects.for_user(request.user).filter(company=company)
    if handled.exists() or request.user.is_superuser:
        return handled.filter(shared_at__isnull=False)
    return Grievance.objects.shared_with_companies(request.user).filter(company=company)


@login_required
def company_grievances(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_object_or_404(Company.objects.for_user(request.user), pk=pk)
    rows = _cases(request, company).order_by("-shared_at")
    return render(request, "community/company_grievances.html", {
        "company": company, "rows": rows})


@login_required
def company_grievance(request: HttpRequest, pk: int, gid: int) -> HttpResponse:
    company = get_object_or_404(Company.objects.for_user(request.user), pk=pk)
    grievance = _cases(request, company).filter(pk=gid).first()
    if grievance is None:
        raise Http404
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        CompanyAnswer.objects.create(grievance=grievance, company=company,
                                     text=form.cleaned_data["text"],
                                     author=request.user)  # type: ignore[misc]  # signed in
        workflow.audit_grievance(grievance, request.user, "web", AuditEntry.Action.UPDATE,
                                 {"company_answer": [None, company.code]})
        messages.success(request, _("Your answer is sent to the park's handlers."))
        return redirect("community:company-grievance", pk=pk, gid=gid)
    return render(request, "community/company_grievance.html", {
        "company": company, "grievance": grievance, "form": form,
        "answers": grievance.answers.filter(company=company)})
