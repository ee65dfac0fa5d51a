"""Service requests: a tenant opens one (audited); the park's managers move it through the
workflow declared on :class:`ServiceRequest` (``openeip.web.base.workflow``: locked, checked,
audited; only the park's managers hold the right to move it).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.web.base.workflow import moves_for, transition
from openeip.web.registry.models import AuditEntry, Company
from openeip.web.registry.services import audit
from openeip.web.services.models import ServiceRequest, SharedAsset

__all__ = ["history", "moves_for", "open_request", "transition"]


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
                    object_type="service_request", object_key=row.describe(),
                    changes={"status": [None, row.status], "deadline": [None, str(deadline)]}
                    ).save()
    return row


def history(row: ServiceRequest) -> Any:
    """The request's audit entries, oldest first."""
    return (AuditEntry.objects.filter(object_type="service_request", company=row.company,
                                      object_key__startswith="{} request #{} ".format(
                                          row.company.code, row.pk))
            .select_related("user").order_by("at", "id"))
