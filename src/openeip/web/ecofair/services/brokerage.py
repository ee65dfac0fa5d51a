"""Brokered contact: consent on a match, enquiries and purchase intentions (no payment), and the
volume of eco/fair trade the park enabled. Every change audited."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.web.ecofair.models import (
    CertifiedProduct,
    Enquiry,
    EnquiryKind,
    EnquiryStatus,
    Match,
)
from openeip.web.registry.models import AuditEntry, Company, Park
from openeip.web.registry.services import audit


def consent(match: Match, side: str, user: Any, via: str = "web") -> Match:
    if side not in ("buyer", "seller"):
        raise DomainError(_("Say which side agrees: buyer or seller."), "side")
    with transaction.atomic():
        locked = Match.objects.select_for_update().get(pk=match.pk)
        setattr(locked, side + "_consent", True)
        locked.save(update_fields=[side + "_consent"])
        company = locked.buyer if side == "buyer" else locked.seller
        audit.entry(user=user, via=via, action=AuditEntry.Action.UPDATE, company=company,
                    object_type="ecofair_match",
                    object_key="{} match #{}".format(company.code, locked.pk),
                    changes={side + "_consent": [False, True]}).save()
    return locked


def send_enquiry(product: CertifiedProduct, buyer: Company, *, kind: str,
                 quantity: float | None, value_vnd: Decimal | None, message: str,
                 user: Any, via: str = "web") -> Enquiry:
    if kind not in EnquiryKind.values:
        raise DomainError(_("Choose an enquiry or a purchase intention."), "kind")
    if buyer.pk == product.company_id:
        raise DomainError(_("A company cannot enquire about its own product."), "buyer")
    if quantity is not None and (not math.isfinite(quantity) or quantity < 0):
        raise DomainError(_("The quantity must be at least 0."), "quantity")
    if value_vnd is not None and value_vnd < 0:
        raise DomainError(_("The value must be at least 0."), "value_vnd")
    with transaction.atomic():
        row = Enquiry.objects.create(product=product, buyer=buyer, kind=kind, quantity=quantity,
                                     value_vnd=value_vnd, message=message, created_by=user)
        audit.entry(user=user, via=via, action=AuditEntry.Action.CREATE, company=buyer,
                    object_type="ecofair_enquiry",
                    object_key="{} enquiry #{}".format(buyer.code, row.pk),
                    changes={"kind": [None, kind], "product": [None, product.pk]}).save()
    return row


def answer_enquiry(enquiry: Enquiry, accept: bool, user: Any, via: str = "web") -> Enquiry:
    if enquiry.status != EnquiryStatus.SENT:
        raise DomainError(_("This enquiry has already been answered."), "status")
    with transaction.atomic():
        before = enquiry.status
        enquiry.status = EnquiryStatus.ACCEPTED if accept else EnquiryStatus.DECLINED
        enquiry.answered_by = user
        enquiry.save(update_fields=["status", "answered_by"])
        audit.entry(user=user, via=via, action=AuditEntry.Action.UPDATE,
                    company=enquiry.seller, object_type="ecofair_enquiry",
                    object_key="{} enquiry #{}".format(enquiry.buyer.code, enquiry.pk),
                    changes={"status": [before, enquiry.status]}).save()
    return enquiry


def trade_volume(park: Park) -> dict[str, Any]:
    """What the park's sellers agreed through the catalogue: accepted purchase intentions (their
    count and indicative value) and enquiries answered, all kinds of certified product."""
    rows = Enquiry.objects.filter(seller__park=park)
    intentions = rows.filter(kind=EnquiryKind.INTENTION, status=EnquiryStatus.ACCEPTED)
    totals = intentions.aggregate(n=Count("pk"), value=Sum("value_vnd"))
    return {"intentions": totals["n"] or 0, "value_vnd": totals["value"] or Decimal(0),
            "enquiries": rows.count(),
            "accepted": rows.filter(status=EnquiryStatus.ACCEPTED).count(),
            "matches_revealed": Match.objects.filter(seller__park=park, buyer_consent=True,
                                                     seller_consent=True).count()}
