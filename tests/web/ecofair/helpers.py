"""A small Eco-Fair world on top of tests/conftest.py's: A1 lists organic cashews (verified
organic certificate, expired Green Label), A2 publishes a towel on alpha's public showcase with a
traceable batch, B1 (park beta) asks for organic cashews and enquires about A1's."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.utils import timezone


def ecofair_world(w: SimpleNamespace) -> SimpleNamespace:
    from openeip.web.ecofair.models import (
        Batch,
        BuyerRequest,
        Certificate,
        CertifiedProduct,
        Showcase,
        TraceStep,
    )
    from openeip.web.ecofair.services.brokerage import send_enquiry
    from openeip.web.ecofair.services.matching import refresh_matches

    if hasattr(w, "ecofair"):
        return w.ecofair  # type: ignore[no-any-return]
    today = timezone.localdate()
    cashew = CertifiedProduct.objects.create(
        company=w.a1, name_en="Organic roasted cashew nuts", name_vi="Hạt điều rang hữu cơ",
        product_group="food", unit="t", quantity_per_year=40, listed=True, published=False)
    organic = Certificate.objects.create(
        product=cashew, scheme="organic", number="ORG-001", issuer="Control Union",
        valid_until=today + datetime.timedelta(days=60), verified=True)
    expired = Certificate.objects.create(
        product=cashew, scheme="vn_green_label", number="VGL-2021-7", issuer="VEA",
        valid_until=today - datetime.timedelta(days=10), verified=True)
    towel = CertifiedProduct.objects.create(
        company=w.a2, name_en="Cotton towel", name_vi="Khăn bông", product_group="textiles",
        unit="pcs", listed=True, published=True)
    towel_certificate = Certificate.objects.create(
        product=towel, scheme="eu_ecolabel", number="EU-TEX-42", issuer="Competent body",
        valid_until=today + datetime.timedelta(days=400), verified=True)
    batch = Batch.objects.create(product=towel, code="T-2026-01",
                                 produced_on=datetime.date(2026, 1, 5), quantity=500)
    TraceStep.objects.create(batch=batch, position=1, role="grower", actor="Cotton farm",
                             certificate_reference="Organic cotton cert 99")
    TraceStep.objects.create(batch=batch, position=2, role="processor", actor="Company A2",
                             certificate=towel_certificate)
    Showcase.objects.create(park=w.alpha, published=True, intro_en="Our park",
                            intro_vi="KCN của chúng tôi", show_services=True)
    request = BuyerRequest.objects.create(company=w.b1, title="Organic cashew nuts",
                                          schemes=["organic"], quantity=5, unit="t")
    refresh_matches(request)
    enquiry = send_enquiry(cashew, w.b1, kind="intention", quantity=2, value_vnd=300_000_000,
                           message="2 t a month", user=w.users["other_company_user"])
    w.ecofair = SimpleNamespace(cashew=cashew, organic=organic, expired=expired, towel=towel,
                                batch=batch, request=request, enquiry=enquiry,
                                match=request.matches.first())
    return w.ecofair
