"""A connection's meter, and a month's utilisation read from the tenants' meters."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openeip.core.errors import DomainError
from openeip.web.services.models import AssetConnection
from openeip.web.services.services import access
from openeip.web.services.services.metering import link_meter, utilisation_from_meters


@login_required
@require_POST
def connection_meter(request: HttpRequest, pk: int) -> HttpResponse:
    """Name the meter of a connection (the tenant's people or the park's managers)."""
    connection = get_object_or_404(AssetConnection.objects.for_user(request.user, "change")
                                   .select_related("asset__park", "company"), pk=pk)
    try:
        link_meter(connection, request.POST.get("meter_code", ""), request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Meter of the connection saved."))
    return redirect("services:asset", pk=connection.asset_id)


@login_required
@require_POST
def utilisation_from_meter(request: HttpRequest, pk: int) -> HttpResponse:
    """Read a month's utilisation from the connected tenants' meters (park managers)."""
    asset = get_object_or_404(access.managed_assets(request.user).select_related("park"), pk=pk)
    text = request.POST.get("month", "").strip()
    try:
        month = dt.date.fromisoformat(text + "-01" if len(text) == 7 else text)
    except ValueError:
        messages.error(request, _("Give the month as 2025-03."))
        return redirect("services:asset", pk=asset.pk)
    try:
        record = utilisation_from_meters(asset, month, request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Utilisation of {month} read from the meters: {used} {unit}.")
                         .format(month=record.period_start.strftime("%Y-%m"),
                                 used=round(record.used, 3), unit=asset.capacity_unit))
    return redirect("services:asset", pk=asset.pk)
