"""A company's Eco-Fair page: its products, certificates (status, alerts), label readiness from
its RECP data, batches and their chain, the matches and enquiries about its products."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from openeip.core.ecofair.readiness import labels
from openeip.web.base.labels import current_language
from openeip.web.ecofair.forms import BatchForm, CertificateForm, ProductForm, StepForm
from openeip.web.ecofair.models import (
    Batch,
    Certificate,
    CertifiedProduct,
    Enquiry,
    Match,
    scheme_label,
)
from openeip.web.ecofair.services import access
from openeip.web.ecofair.services.certificates import record_added
from openeip.web.ecofair.services.readiness import company_readiness
from openeip.web.ecofair.views._helpers import form_errors
from openeip.web.registry.models import Company

#: the product groups of the label criteria, in words
GROUPS = {"textiles": _lazy("textiles"), "all": _lazy("all product groups")}


def _company(request: HttpRequest, pk: int, action: str = "view") -> Company:
    return get_object_or_404(access.visible_companies(request.user, action)
                             .select_related("park"), pk=pk)


@login_required
def company_ecofair(request: HttpRequest, pk: int) -> HttpResponse:
    company = _company(request, pk)
    may_change = access.visible_companies(request.user, "change").filter(pk=pk).exists()
    known = labels()
    asked = request.GET.get("label", "")
    label, group = next((pair for pair in known if ":".join(pair) == asked
                         or (pair[0] == asked and request.GET.get("group", pair[1]) == pair[1])),
                        known[0])
    products = list(CertifiedProduct.objects.filter(company=company)
                    .prefetch_related("certificates", "batches__steps"))
    ready = company_readiness(company, label, group)
    language = current_language()
    return render(request, "ecofair/company.html", {
        "company": company, "may_change": may_change, "products": products,
        "labels": [(code, product_group, "{} · {}".format(
            scheme_label(code), GROUPS.get(product_group, product_group)))
            for code, product_group in known],
        "label": label, "group": group, "readiness": ready,
        "readiness_rows": [(r, r.criterion.title(language)) for r in ready["results"]],
        "matches": Match.objects.filter(seller=company).select_related("request", "product"),
        "enquiries": Enquiry.objects.filter(seller=company).select_related("product"),
        "sent": Enquiry.objects.filter(buyer=company).select_related("product"),
        "product_form": ProductForm() if may_change else None,
        "certificate_form": CertificateForm(company=company) if may_change and products
        else None,
        "batch_form": BatchForm(company=company) if may_change and products else None,
        "step_form": StepForm(company=company) if may_change and Batch.objects.filter(
            company=company).exists() else None})


@login_required
@require_POST
def product_new(request: HttpRequest, pk: int) -> HttpResponse:
    company = _company(request, pk, "change")
    form = ProductForm(request.POST)
    if form.is_valid():
        product = form.save(commit=False)
        product.company = company
        product.save()
        messages.success(request, _("Product added."))
    else:
        form_errors(request, form)
    return redirect("ecofair:company", pk=company.pk)


@login_required
@require_POST
def certificate_new(request: HttpRequest, pk: int) -> HttpResponse:
    company = _company(request, pk, "change")
    form = CertificateForm(request.POST, request.FILES, company=company)
    if form.is_valid():
        certificate = form.save(commit=False)
        if certificate.evidence:
            certificate.evidence_name = certificate.evidence.name[:200]
        certificate.save()
        record_added(certificate, request.user)
        messages.success(request, _("Certificate added; the park will check it with its "
                                    "issuer before it shows as verified."))
    else:
        form_errors(request, form)
    return redirect("ecofair:company", pk=company.pk)


@login_required
def certificate_evidence(request: HttpRequest, pk: int) -> FileResponse:
    certificate = get_object_or_404(Certificate.objects.for_user(request.user, "change"), pk=pk)
    if not certificate.evidence:
        raise Http404
    return FileResponse(certificate.evidence.open("rb"), as_attachment=True,
                        filename=certificate.evidence_name.rsplit("/", 1)[-1] or "evidence")


@login_required
@require_POST
def batch_new(request: HttpRequest, pk: int) -> HttpResponse:
    company = _company(request, pk, "change")
    form = BatchForm(request.POST, company=company)
    if form.is_valid():
        try:
            form.save()
        except IntegrityError:
            messages.error(request, _("This product already has a batch with this code."))
        else:
            messages.success(request, _("Batch added."))
    else:
        form_errors(request, form)
    return redirect("ecofair:company", pk=company.pk)


@login_required
@require_POST
def step_new(request: HttpRequest, pk: int) -> HttpResponse:
    company = _company(request, pk, "change")
    form = StepForm(request.POST, company=company)
    if form.is_valid():
        form.save()
        messages.success(request, _("Step added to the chain."))
    else:
        form_errors(request, form)
    return redirect("ecofair:company", pk=company.pk)
