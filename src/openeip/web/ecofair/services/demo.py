"""Eco-Fair for the demo park: certified products (one certificate expired), a traceable batch,
the park's public showcase, a buyer's request with a brokered (consented) match and an accepted
purchase intention. Certificate numbers start with DEMO: they are not real certificates.
Running it again changes nothing."""

from __future__ import annotations

import datetime
from typing import IO

from django.utils import timezone
from django.utils.translation import gettext as _

from openeip.web.ecofair.models import (
    Batch,
    BuyerRequest,
    Certificate,
    CertifiedProduct,
    Enquiry,
    Showcase,
    TraceStep,
)
from openeip.web.ecofair.services import brokerage
from openeip.web.ecofair.services.matching import refresh_matches
from openeip.web.registry.models import Company, Park


def _company(park: Park, code: str) -> Company | None:
    return Company.objects.filter(park=park, code=code).first()


def _product(company: Company, name_en: str, **fields: object) -> CertifiedProduct:
    product, _created = CertifiedProduct.objects.get_or_create(company=company, name_en=name_en,
                                                               defaults=fields)
    return product


def _certificate(product: CertifiedProduct, number: str, **fields: object) -> Certificate:
    found = Certificate.objects.filter(product=product, number=number).first()
    if found is None:
        found = Certificate(product=product, number=number, **fields)
        found.save()
    return found


def seed_ecofair_demo(park: Park, stdout: IO[str] | None = None) -> None:
    dye, cashew, buyer, buyer2 = (_company(park, code) for code in
                                  ("DYE-01", "CASH-01", "FOOD-01", "FOOD-03"))
    if not (dye and cashew and buyer and buyer2):
        return
    today = timezone.localdate()
    fabric = _product(dye, "Reactive-dyed cotton fabric", name_vi="Vải cotton nhuộm hoạt tính",
                      product_group="textiles", unit="m", quantity_per_year=1_200_000,
                      description="DEMO product", listed=True, published=True)
    _certificate(fabric, "DEMO-EU-TEX-0001", scheme="eu_ecolabel", issuer="DEMO competent body",
                 scope="DEMO: woven cotton fabric", valid_until=today + datetime.timedelta(
                     days=700), verified=True, note="DEMO")
    # the expired one: a Green Label of three years that ran out
    _certificate(fabric, "DEMO-VGL-2022-01", scheme="vn_green_label",
                 issuer="DEMO Vietnam Environment Administration", scope="DEMO",
                 valid_from=today - datetime.timedelta(days=3 * 365 + 20),
                 valid_until=today - datetime.timedelta(days=20), verified=True, note="DEMO")
    kernels = _product(cashew, "Organic cashew kernels W320", name_vi="Nhân điều hữu cơ W320",
                       product_group="food", unit="t", quantity_per_year=120,
                       description="DEMO product", listed=True, published=True)
    organic = _certificate(kernels, "DEMO-ORG-0042", scheme="organic",
                           issuer="DEMO organic certification body", scope="DEMO: processing",
                           valid_until=today + datetime.timedelta(days=300), verified=True,
                           note="DEMO")
    _certificate(kernels, "DEMO-FT-0007", scheme="fairtrade", issuer="DEMO Fairtrade certifier",
                 valid_until=today + datetime.timedelta(days=500))  # not yet verified
    batch, created = Batch.objects.get_or_create(
        product=kernels, code="DEMO-2026-001",
        defaults={"produced_on": today - datetime.timedelta(days=30), "quantity": 18})
    if created:
        TraceStep.objects.create(batch=batch, position=1, role="grower",
                                 actor="DEMO cashew growers' group", location="Bình Phước",
                                 certificate_reference="DEMO PGS group certificate")
        TraceStep.objects.create(batch=batch, position=2, role="processor", actor=cashew.name_en,
                                 location=park.name_en, certificate=organic)
        TraceStep.objects.create(batch=batch, position=3, role="buyer", actor=buyer.name_en,
                                 location=park.province)
    Showcase.objects.get_or_create(park=park, defaults={
        "published": True, "show_services": True, "show_eip_status": True,
        "intro_en": "DEMO showcase: certified products and shared services of the park.",
        "intro_vi": "Trang giới thiệu minh họa: sản phẩm được chứng nhận và dịch vụ dùng chung "
                    "của khu công nghiệp."})
    request, created = BuyerRequest.objects.get_or_create(
        company=buyer, title="Organic cashew kernels for snack bars", defaults={
            "description": "DEMO request: W320 or W240", "schemes": ["organic"],
            "quantity": 5, "unit": "t/month"})
    if created:
        refresh_matches(request)
        for match in request.matches.filter(product=kernels):
            brokerage.consent(match, "buyer", None, via="cli")
            brokerage.consent(match, "seller", None, via="cli")
    if not Enquiry.objects.filter(product=kernels, buyer=buyer2).exists():
        intention = brokerage.send_enquiry(kernels, buyer2, kind="intention", quantity=3,
                                           value_vnd=None, message="DEMO purchase intention",
                                           user=None, via="cli")
        brokerage.answer_enquiry(intention, True, None, via="cli")
    if stdout is not None:
        stdout.write(_("Eco-Fair: certified products, a showcase and a brokered match.") + "\n")
