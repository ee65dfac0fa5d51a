"""Joint procurement: tenants state what they need, the park sums it and issues one request."""

from __future__ import annotations

import math
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.web.registry.models import AuditEntry, Company
from openeip.web.registry.services import audit
from openeip.web.services.models import DemandPledge, JointRequest, JointStatus


def pledge(joint: JointRequest, company: Company, quantity: float, note: str, user: Any,
           via: str = "web") -> DemandPledge | None:
    """Record (or change, or with 0 withdraw) a tenant's need for a joint request."""
    if joint.status != JointStatus.COLLECTING:
        raise DomainError(_("This joint request no longer collects needs."), "status")
    if company.park_id != joint.park_id:
        raise DomainError(_("Only tenants of the park can take part."), "company")
    if not math.isfinite(quantity) or quantity < 0:
        raise DomainError(_("Give the quantity you need, at least 0."), "quantity")
    with transaction.atomic():
        before = DemandPledge.objects.filter(joint_request=joint, company=company).first()
        old = before.quantity if before else None
        if quantity == 0:
            if before:
                before.delete()
            row = None
        else:
            row, _created = DemandPledge.objects.update_or_create(
                joint_request=joint, company=company,
                defaults={"quantity": quantity, "note": note[:300]})
        audit.entry(user=user, via=via, action=AuditEntry.Action.UPDATE, company=company,
                    object_type="joint_need",
                    object_key="{} joint #{} {}".format(company.code, joint.pk, joint.title_en),
                    changes={"quantity": [old, quantity or None]}).save()
    return row


def totals(joint: JointRequest) -> dict[str, Any]:
    rows = list(joint.pledges.all())
    return {"tenants": len(rows), "quantity": math.fsum(r.quantity for r in rows),
            "unit": joint.unit}


def set_status(joint: JointRequest, status: str, user: Any, via: str = "web") -> None:
    if status not in JointStatus.values:
        raise DomainError(_("Unknown status."), "status")
    before = joint.status
    joint.status = status
    joint.save(update_fields=["status"])
    audit.entry(user=user, via=via, action=AuditEntry.Action.UPDATE, company=None,
                object_type="joint_request",
                object_key="{} joint #{} {}".format(joint.park.slug, joint.pk, joint.title_en),
                changes={"status": [before, status]}).save()
