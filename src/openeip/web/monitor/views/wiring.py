"""What a meter feeds beyond its own page: the symbiosis exchanges it measures (link it, read a
month's realised quantity into the exchange)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openeip.core.errors import DomainError
from openeip.web.base import formatting
from openeip.web.base.labels import current_language
from openeip.web.monitor.models import ExchangeMeter, Meter
from openeip.web.monitor.services.exchanges import (
    choices_for,
    exchanges_for,
    link_exchange,
    record_from_meter,
)
from openeip.web.symbiosis.services.presenting import class_name


def _back(meter_id: int) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("monitor:meter", args=[meter_id]) + "#exchanges")


@login_required
def meter_exchange(request: HttpRequest, pk: int) -> HttpResponse:
    """Link the meter to an exchange of its firm (who may change the meter and the exchange):
    a page listing the exchanges it may measure, in a unit its readings convert to."""
    meter = get_object_or_404(Meter.objects.for_user(request.user, "change")
                              .select_related("park", "company"), pk=pk)
    if request.method == "POST":
        text = request.POST.get("opportunity", "")
        opportunity = exchanges_for(meter, request.user).filter(
            pk=int(text) if text.isdigit() else 0).first()
        if opportunity is None:
            messages.error(request, _("Choose one of the exchanges listed."))
            return HttpResponseRedirect(reverse("monitor:meter-exchange", args=[meter.pk]))
        link_exchange(meter, opportunity, request.user)
        messages.success(request, _("The meter now measures this exchange."))
        return _back(meter.pk)
    language = current_language()
    return render(request, "monitor/meter_exchange.html", {
        "park": meter.park, "company": meter.company, "meter": meter,
        "choices": [(row.pk, class_name(row.resource_class, language),
                     row.get_status_display()) for row in choices_for(meter, request.user)]})


@login_required
@require_POST
def exchange_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Read the realised quantity of a month (0: the year) from the meter into the exchange."""
    link = get_object_or_404(ExchangeMeter.objects.for_user(request.user, "change")
                             .select_related("meter__park", "opportunity"), pk=pk)
    if not exchanges_for(link.meter, request.user).filter(pk=link.opportunity_id).exists():
        messages.error(request, _("You may not record quantities of this exchange."))
        return _back(link.meter_id)
    try:
        year = int(request.POST.get("year", ""))
        month = int(request.POST.get("month", "0") or 0)
    except ValueError:
        messages.error(request, _("Give a year, and a month (0 for the whole year), as numbers."))
        return _back(link.meter_id)
    try:
        record = record_from_meter(link, year, month, request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Realised quantity recorded: {quantity} {unit} ({note}).")
                         .format(quantity=formatting.number(record.quantity), unit=record.unit,
                                 note=record.note))
    return _back(link.meter_id)
