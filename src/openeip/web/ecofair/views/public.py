"""Public pages (no login): a park's showcase as the park published it, its export for green
public procurement, and a product batch's page reached by QR code."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from openeip.web.ecofair.services import showcase as published
from openeip.web.ecofair.services.traceability import chain, public_batch, qr_svg
from openeip.web.registry.models import Park


def _showcase_park(slug: str) -> tuple[Park, object]:
    park = get_object_or_404(Park.objects.all(), slug=slug)
    showcase = published.published_showcase(park)
    if showcase is None:
        raise Http404
    return park, showcase


def showcase(request: HttpRequest, slug: str) -> HttpResponse:
    park, settings = _showcase_park(slug)
    return render(request, "ecofair/showcase.html", {
        "park": park, "showcase": settings, "today": timezone.localdate(),
        "products": published.published_products(park),
        "services": published.published_services(park)
        if settings.show_services else [],  # type: ignore[attr-defined]
        "eip": published.eip_status(park)
        if settings.show_eip_status else []})  # type: ignore[attr-defined]


def gpp_csv(request: HttpRequest, slug: str) -> HttpResponse:
    park, _settings = _showcase_park(slug)
    response = HttpResponse(published.gpp_csv(park), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gpp-{}.csv"'.format(park.slug)
    return response


def gpp_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    park, _settings = _showcase_park(slug)
    response = HttpResponse(published.gpp_xlsx(park), content_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    response["Content-Disposition"] = 'attachment; filename="gpp-{}.xlsx"'.format(park.slug)
    return response


def batch_page(request: HttpRequest, token: str) -> HttpResponse:
    batch = public_batch(token)
    if batch is None:
        raise Http404
    today = timezone.localdate()
    return render(request, "ecofair/batch.html", {
        "batch": batch, "product": batch.product, "chain": chain(batch),
        "certificates": [(c, c.status(today).value) for c in batch.product.certificates.all()]})


def batch_qr(request: HttpRequest, token: str) -> HttpResponse:
    batch = public_batch(token)
    if batch is None:
        raise Http404
    url = request.build_absolute_uri(reverse("ecofair:batch-public", args=[batch.token]))
    return HttpResponse(qr_svg(url), content_type="image/svg+xml")
