"""The park's Eco-Fair overview for its managers: products and certificates (with expiry
alerts and certificates to verify), buyers' requests and matches, the trade it enabled, and what
it publishes on its showcase."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openeip.core.errors import DomainError
from openeip.web.ecofair.forms import ShowcaseForm, VerdictForm
from openeip.web.ecofair.models import (
    BuyerRequest,
    Certificate,
    CertifiedProduct,
    Match,
    Showcase,
)
from openeip.web.ecofair.services import access, brokerage
from openeip.web.ecofair.services.certificates import set_verdict
from openeip.web.ecofair.views._helpers import form_errors
from openeip.web.registry.models import Park


def _managed(request: HttpRequest, slug: str) -> Park:
    return get_object_or_404(Park.objects.for_user(request.user, "change"), slug=slug)


@login_required
def park_ecofair(request: HttpRequest, slug: str) -> HttpResponse:
    park = _managed(request, slug)
    today = timezone.localdate()
    certificates = list(Certificate.objects.filter(company__park=park)
                        .select_related("product", "company").order_by("valid_until"))
    showcase = Showcase.objects.filter(park=park).first()
    return render(request, "ecofair/park.html", {
        "park": park, "today": today,
        "products": CertifiedProduct.objects.filter(company__park=park).select_related(
            "company"),
        "certificates": certificates,
        "alerts": [c for c in certificates if c.alert or c.status(today).value == "expired"],
        "to_verify": [c for c in certificates if c.status(today).value == "pending"],
        "requests": BuyerRequest.objects.filter(company__park=park).select_related("company"),
        "matches": Match.objects.filter(seller__park=park).select_related(
            "request", "product", "buyer", "seller"),
        "volume": brokerage.trade_volume(park),
        "showcase": showcase,
        "showcase_form": ShowcaseForm(instance=showcase or Showcase(park=park)),
        "verdict_form": VerdictForm()})


@login_required
@require_POST
def showcase_settings(request: HttpRequest, slug: str) -> HttpResponse:
    park = _managed(request, slug)
    showcase = Showcase.objects.filter(park=park).first() or Showcase(park=park)
    form = ShowcaseForm(request.POST, instance=showcase)
    if form.is_valid():
        form.save()
        messages.success(request, _("Showcase saved."))
    else:
        form_errors(request, form)
    return redirect("ecofair:park", slug=park.slug)


@login_required
@require_POST
def certificate_verdict(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(Certificate.objects.for_user(request.user, "change")
                                    .select_related("product__company__park"), pk=pk)
    if not access.may_verify(request.user, certificate):
        return HttpResponse(status=403)
    form = VerdictForm(request.POST)
    if form.is_valid():
        try:
            set_verdict(certificate, form.cleaned_data["verdict"], request.user,
                        form.cleaned_data["note"])
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Certificate status saved."))
    else:
        form_errors(request, form)
    return redirect("ecofair:park", slug=certificate.product.company.park.slug)
