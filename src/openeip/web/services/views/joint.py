"""Joint procurement: the manager opens a call for needs; tenants state theirs; the park sees the
total and issues one joint request."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openeip.core.errors import DomainError
from openeip.web.services.forms import JointRequestForm, JointStatusForm, PledgeForm
from openeip.web.services.models import DemandPledge, JointRequest
from openeip.web.services.services import access, procurement


@login_required
def joint_new(request: HttpRequest, slug: str) -> HttpResponse:
    park = get_object_or_404(access.managed_parks(request.user), slug=slug)
    form = JointRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        joint = form.save(commit=False)
        joint.park = park
        joint.created_by = request.user
        joint.save()
        messages.success(request, _("Joint request opened: tenants can now state their needs."))
        return redirect("services:joint", pk=joint.pk)
    return render(request, "services/joint_form.html", {"park": park, "form": form})


def _pledge_form(request: HttpRequest, joint: JointRequest, data: Any = None) -> PledgeForm:
    form = PledgeForm(data)
    form.fields["company"].queryset = access.visible_companies(  # type: ignore[attr-defined]
        request.user, "change").filter(park=joint.park)
    return form


@login_required
def joint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    joint = get_object_or_404(access.visible_joint_requests(request.user)
                              .select_related("park"), pk=pk)
    manages = access.may_manage_park(request.user, joint.park)
    own = DemandPledge.objects.for_user(request.user).filter(joint_request=joint).select_related(
        "company")
    pledge_form = _pledge_form(request, joint)
    return render(request, "services/joint.html", {
        "joint": joint, "park": joint.park, "manages": manages,
        "totals": procurement.totals(joint), "pledges": own,
        "pledge_form": pledge_form if pledge_form.fields["company"].queryset.exists()  # type: ignore[attr-defined]
        and joint.status == "collecting" else None,
        "status_form": JointStatusForm(initial={"status": joint.status}) if manages else None})


@login_required
@require_POST
def joint_pledge(request: HttpRequest, pk: int) -> HttpResponse:
    joint = get_object_or_404(access.visible_joint_requests(request.user), pk=pk)
    form = _pledge_form(request, joint, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            procurement.pledge(joint, data["company"], data["quantity"], data["note"],
                               request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your need is recorded."))
    else:
        messages.error(request, "; ".join(" ".join(str(m) for m in e)
                                          for e in form.errors.values()))
    return redirect("services:joint", pk=joint.pk)


@login_required
@require_POST
def joint_status(request: HttpRequest, pk: int) -> HttpResponse:
    joint = get_object_or_404(JointRequest.objects.for_user(request.user, "change"), pk=pk)
    try:
        procurement.set_status(joint, request.POST.get("status", ""), request.user)
    except DomainError as error:
        messages.error(request, str(error))
    return redirect("services:joint", pk=joint.pk)
