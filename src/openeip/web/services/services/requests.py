"""The one place a service request's status changes: allowed moves only, each one audited.

A tenant (who may change its company's data) opens a request; the park's managers move it
(acknowledged → in progress → resolved, or rejected); a closed request may be opened again.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.web.registry.models import AuditEntry, Company
from openeip.web.registry.services import audit
from openeip.web.services.models import (
    REQUEST_TRANSITIONS,
    RequestStatus,
    ServiceRequest,
    SharedAsset,
)

__all__ = ["allowed_next", "open_request", "transition"]


def allowed_next(status: str) -> tuple[str, ...]:
    return tuple(REQUEST_TRANSITIONS.get(status, ()))


def _label(status: str) -> str:
    return str(RequestStatus(status).label)


def describe(row: ServiceRequest) -> str:
    return "{} request #{} {}".format(row.company.code, row.pk, row.title)


def open_request(company: Company, asset: SharedAsset, *, title: str, deadline: datetime.date,
                 description: str, user: Any, via: str = "web") -> ServiceRequest:
    if asset.park_id != company.park_id:
        raise DomainError(_("The asset belongs to another park."), "asset")
    if not title.strip():
        raise DomainError(_("Say what you need."), "title")
    with transaction.atomic():
        row = ServiceRequest.objects.create(company=company, asset=asset, title=title.strip(),
                                            deadline=deadline, description=description,
                                            created_by=user)
        audit.entry(user=user, via=via, action=AuditEntry.Action.CREATE, company=company,
                    object_type="service_request", object_key=describe(row),
                    changes={"status": [None, row.status], "deadline": [None, str(deadline)]}
                    ).save()
    return row


def transition(request_row: ServiceRequest, to_status: str, user: Any,
               via: str = "web") -> ServiceRequest:
    """Move the request to ``to_status`` or raise DomainError(field 'status') saying why not."""
    if to_status not in RequestStatus.values:
        raise DomainError(_("'{status}' is not a request status; use one of: {codes}.").format(
            status=to_status, codes=", ".join(RequestStatus.values)), "status")
    with transaction.atomic():
        locked = (ServiceRequest.objects.select_for_update().select_related("company")
                  .get(pk=request_row.pk))
        allowed = allowed_next(locked.status)
        if to_status not in allowed:
            raise DomainError(_(
                "A request that is {current} cannot become {target}; from {current} it may "
                "become: {allowed}.").format(
                current=_label(locked.status), target=_label(to_status),
                allowed=", ".join(_label(s) for s in allowed)), "status")
        before = locked.status
        locked.status = to_status
        locked.save(update_fields=["status", "updated_at"])
        audit.entry(user=user, via=via, action=AuditEntry.Action.UPDATE,
                    company=locked.company, object_type="service_request",
                    object_key=describe(locked), changes={"status": [before, to_status]}).save()
    request_row.status = locked.status
    return request_row


def history(row: ServiceRequest) -> Any:
    """The request's audit entries, oldest first."""
    return (AuditEntry.objects.filter(object_type="service_request", company=row.company,
                                      object_key__startswith="{} request #{} ".format(
                                          row.company.code, row.pk))
            .select_related("user").order_by("at", "id"))
