"""The catalogue signed-in buyers browse, a product's page with the enquiry form, enquiries and
their answer, buyers' requests with their matches, and consent to contact."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openeip.core.ecofair.certificates import schemes
from openeip.core.errors import DomainError
from openeip.web.ecofair.forms import EnquiryForm, RequestForm
from openeip.web.ecofair.models import (
    BuyerRequest,
    EnquiryStatus,
    scheme_choices,
    scheme_label,
)
from openeip.web.ecofair.services import access, brokerage
from openeip.web.ecofair.services.matching import refresh_matches
from openeip.web.ecofair.views._helpers import form_errors


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = (access.visible_products(request.user).filter(listed=True)
            .select_related("company__park").prefetch_related("certificates")
            .order_by("name_en"))
    text = request.GET.get("q", "").strip()[:100]
    if text:
        rows = rows.filter(Q(name_en__icontains=text) | Q(name_vi__icontains=text)
                           | Q(description__icontains=text))
    scheme = request.GET.get("scheme", "")
    products = list(rows[:200])
    if scheme in schemes():
        products = [p for p in products if any(
            c.scheme == scheme and c.status(today).value == "verified"
            for c in p.certificates.all())]
    access.seller_names(request.user, products)
    return render(request, "ecofair/catalogue.html", {
        "products": products, "q": text, "scheme": scheme,
        "schemes": scheme_choices()})


def _enquiry_form(request: HttpRequest, product: Any, data: Any = None) -> EnquiryForm:
    form = EnquiryForm(data)
    form.fields["buyer"].queryset = access.visible_companies(  # type: ignore[attr-defined]
        request.user, "change").exclude(pk=product.company_id)
    return form


@login_required
def product_detail(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(access.visible_products(request.user)
                                .select_related("company__park"), pk=pk)
    form = _enquiry_form(request, product)
    access.seller_names(request.user, [product])
    return render(request, "ecofair/product.html", {
        "product": product, "certificates": product.certificates.all(),
        "batches": product.batches.filter(published=True),
        "form": form if form.fields["buyer"].queryset.exists() else None})  # type: ignore[attr-defined]


@login_required
@require_POST
def enquiry_new(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(access.visible_products(request.user).filter(listed=True),
                                pk=pk)
    form = _enquiry_form(request, product, request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("ecofair:product", pk=product.pk)
    data = form.cleaned_data
    try:
        row = brokerage.send_enquiry(product, data["buyer"], kind=data["kind"],
                                     quantity=data["quantity"], value_vnd=data["value_vnd"],
                                     message=data["message"], user=request.user)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("ecofair:product", pk=product.pk)
    messages.success(request, _("Sent. The seller sees your message without your contact "
                                "details until it accepts."))
    return redirect("ecofair:enquiry", pk=row.pk)


@login_required
def enquiry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(access.visible_enquiries(request.user)
                            .select_related("product__company__park", "buyer", "seller"), pk=pk)
    sides = access.sides(request.user, row)
    access.seller_names(request.user, [row.product])
    return render(request, "ecofair/enquiry.html", {
        "row": row, "sides": sides, "revealed": row.status == EnquiryStatus.ACCEPTED,
        "may_answer": "seller" in access.sides(request.user, row, "change")
        and row.status == EnquiryStatus.SENT})


@login_required
@require_POST
def enquiry_answer(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(access.visible_enquiries(request.user)
                            .select_related("buyer", "seller"), pk=pk)
    if "seller" not in access.sides(request.user, row, "change"):
        return HttpResponse(status=403)
    try:
        brokerage.answer_enquiry(row, request.POST.get("answer") == "accept", request.user)
    except DomainError as error:
        messages.error(request, str(error))
    return redirect("ecofair:enquiry", pk=row.pk)


@login_required
def requests_page(request: HttpRequest) -> HttpResponse:
    companies = access.visible_companies(request.user, "change")
    form = RequestForm(request.POST or None, companies=companies)
    if request.method == "POST" and form.is_valid():
        row = form.save(commit=False)
        row.created_by = request.user
        row.save()
        found = refresh_matches(row)
        messages.success(request, _("Request saved: {count} product(s) proposed.").format(
            count=found))
        return redirect("ecofair:request", pk=row.pk)
    rows = BuyerRequest.objects.for_user(request.user).select_related("company")
    return render(request, "ecofair/requests.html", {
        "rows": rows, "form": form if companies.exists() else None})


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(BuyerRequest.objects.for_user(request.user)
                            .select_related("company"), pk=pk)
    matches = list(row.matches.select_related("product", "seller"))
    return render(request, "ecofair/request.html", {
        "row": row, "matches": matches,
        "may_consent": access.visible_companies(request.user, "change").filter(
            pk=row.company_id).exists(),
        "scheme_labels": [scheme_label(c) for c in row.schemes if c in schemes()]})


@login_required
@require_POST
def match_consent(request: HttpRequest, pk: int) -> HttpResponse:
    match = get_object_or_404(access.visible_matches(request.user), pk=pk)
    side = request.POST.get("side", "")
    if side not in access.sides(request.user, match, "change"):
        return HttpResponse(status=403)
    brokerage.consent(match, side, request.user)
    messages.success(request, _("Consent recorded; contact details are shared once both sides "
                                "agree."))
    if side == "buyer":
        return redirect("ecofair:request", pk=match.request_id)
    return redirect("ecofair:company", pk=match.seller_id)
