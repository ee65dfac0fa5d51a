"""The park's register of shared assets, one asset's page, and their forms (park managers)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openeip.core.i18n import render as render_text
from openeip.web.registry.models import Park
from openeip.web.services.forms import AssetForm, UtilisationForm
from openeip.web.services.models import (
    CLOSED_STATUSES,
    AllocationShare,
    AssetConnection,
    JointRequest,
    ServiceRequest,
    SharedAsset,
)
from openeip.web.services.services import access
from openeip.web.services.services.metering import linkable_meters


def _managed_park(request: HttpRequest, slug: str) -> Park:
    return get_object_or_404(access.managed_parks(request.user), slug=slug)


@login_required
def park_services(request: HttpRequest, slug: str) -> HttpResponse:
    park = _managed_park(request, slug)
    assets: list[Any] = list(SharedAsset.objects.filter(park=park).prefetch_related(
        "connections", "utilisation"))
    for asset in assets:
        records = list(asset.utilisation.all())
        asset.latest = records[-1] if records else None
    today = datetime.date.today()
    open_requests: list[Any] = list(ServiceRequest.objects.for_user(request.user)
                         .filter(asset__park=park).exclude(status__in=CLOSED_STATUSES)
                         .select_related("company", "asset"))
    for row in open_requests:
        row.overdue = row.is_overdue(today)
    return render(request, "services/park.html", {
        "park": park, "assets": assets, "requests": open_requests,
        "joint_requests": JointRequest.objects.filter(park=park)})


@login_required
def asset_new(request: HttpRequest, slug: str) -> HttpResponse:
    park = _managed_park(request, slug)
    form = AssetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        asset = form.save(commit=False)
        asset.park = park
        try:
            asset.save()
        except IntegrityError:
            form.add_error("code", _("This park already has an asset with this code."))
        else:
            messages.success(request, _("Shared asset added."))
            return redirect("services:asset", pk=asset.pk)
    return render(request, "services/asset_form.html", {"park": park, "form": form})


@login_required
def asset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    asset = get_object_or_404(access.visible_assets(request.user).select_related("park"), pk=pk)
    manages = access.may_manage_park(request.user, asset.park)
    records: list[Any] = list(asset.utilisation.all())
    for record in records:
        record.detail_text = render_text(record.detail) if record.detail else ""
    connections = list(AssetConnection.objects.for_user(request.user).filter(
        asset=asset).select_related("company", "asset"))
    changeable = set(AssetConnection.objects.for_user(request.user, "change").filter(
        asset=asset).values_list("pk", flat=True))
    for connection in connections:
        connection.meters = linkable_meters(connection) if connection.pk in changeable else []
    shares = (AllocationShare.objects.for_user(request.user)
              .filter(allocation__asset=asset).select_related("allocation", "company"))
    applied = [s for s in shares if s.method == s.allocation.method]
    return render(request, "services/asset.html", {
        "asset": asset, "park": asset.park, "manages": manages, "records": records,
        "connections": connections, "shares": applied,
        "allocations": asset.allocations.all() if manages else [],
        "requests": ServiceRequest.objects.for_user(request.user).filter(asset=asset)
        .select_related("company"),
        "utilisation_form": UtilisationForm() if manages else None,
        "peak": max((r.used for r in records), default=0.0)})


@login_required
@require_POST
def utilisation_add(request: HttpRequest, pk: int) -> HttpResponse:
    asset = get_object_or_404(access.managed_assets(request.user), pk=pk)
    form = UtilisationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        asset.utilisation.update_or_create(
            period_start=data["period_start"].replace(day=1),
            defaults={"used": data["used"], "source": data["source"], "park": asset.park})
        messages.success(request, _("Utilisation recorded."))
    else:
        messages.error(request, "; ".join(" ".join(str(m) for m in errors)
                                          for errors in form.errors.values()))
    return redirect("services:asset", pk=asset.pk)
