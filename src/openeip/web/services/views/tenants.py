"""A tenant's shared services: its connections, its cost shares, its service requests (with a
form to open one) and the joint procurements of its park; one request's page."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openeip.core.errors import DomainError
from openeip.web.services.forms import RequestStatusForm, ServiceRequestForm
from openeip.web.services.models import (
    AllocationShare,
    AssetConnection,
    JointStatus,
    RequestStatus,
    ServiceRequest,
    SharedAsset,
)
from openeip.web.services.services import access, requests


def _request_form(company: Any, data: Any = None) -> ServiceRequestForm:
    form = ServiceRequestForm(data)
    form.fields["asset"].queryset = SharedAsset.objects.filter(  # type: ignore[attr-defined]
        connections__company=company)
    return form


@login_required
def company_services(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_object_or_404(access.visible_companies(request.user).select_related("park"),
                                pk=pk)
    may_change = access.visible_companies(request.user, "change").filter(pk=pk).exists()
    today = datetime.date.today()
    rows: list[Any] = list(ServiceRequest.objects.filter(company=company)
                           .select_related("asset"))
    for row in rows:
        row.overdue = row.is_overdue(today)
    shares = [s for s in AllocationShare.objects.filter(company=company)
              .select_related("allocation__asset") if s.method == s.allocation.method]
    return render(request, "services/company.html", {
        "company": company, "may_change": may_change,
        "connections": AssetConnection.objects.filter(company=company).select_related("asset"),
        "shares": shares, "requests": rows,
        "joint_requests": access.visible_joint_requests(request.user).filter(
            park=company.park, status=JointStatus.COLLECTING),
        "form": _request_form(company) if may_change else None})


@login_required
@require_POST
def request_new(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_object_or_404(access.visible_companies(request.user, "change"), pk=pk)
    form = _request_form(company, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            row = requests.open_request(company, data["asset"], title=data["title"],
                                        deadline=data["deadline"],
                                        description=data["description"], user=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Request sent to the operator."))
            return redirect("services:request", pk=row.pk)
    else:
        messages.error(request, "; ".join(" ".join(str(m) for m in e)
                                          for e in form.errors.values()))
    return redirect("services:company", pk=company.pk)


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(ServiceRequest.objects.for_user(request.user)
                            .select_related("company", "asset__park"), pk=pk)
    allowed = requests.moves_for(row, request.user)
    manages = access.may_manage_park(request.user, row.asset.park)
    form = RequestStatusForm()
    form.fields["status"].choices = [  # type: ignore[attr-defined]
        (code, label) for code, label in form.fields["status"].choices  # type: ignore[attr-defined]
        if code in allowed]
    return render(request, "services/request.html", {
        "row": row, "manages": manages, "form": form if manages else None,
        "overdue": row.is_overdue(datetime.date.today()),
        "history": [(entry, _changes_in_words(entry.changes))
                    for entry in requests.history(row)]})


def _changes_in_words(changes: dict[str, Any]) -> list[tuple[str, str, str]]:
    """An audit entry's changes of a request as (field, before, after) in the reader's words."""
    fields = {"status": _("status"), "deadline": _("deadline"), "note": _("note")}
    statuses = dict(RequestStatus.choices)
    rows = []
    for name, value in changes.items():
        before, after = value if isinstance(value, list) and len(value) == 2 else (None, value)
        if name == "status":
            before, after = (statuses.get(str(before), before),
                             statuses.get(str(after), after))
        rows.append((str(fields.get(name, name)), str(before or "—"), str(after or "—")))
    return rows


@login_required
@require_POST
def request_status(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(ServiceRequest.objects.for_user(request.user, "change")
                            .select_related("asset__park"), pk=pk)
    if not ServiceRequest.objects.for_user(request.user, "approve").filter(pk=pk).exists():
        return HttpResponse(status=403)
    try:
        requests.transition(row, request.POST.get("status", ""), request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Status changed."))
    return redirect("services:request", pk=row.pk)
