"""Filing a grievance: from the public form (no account) or entered by the park's staff."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from openeip.web.community.models import Channel, Complainant, Grievance
from openeip.web.community.services.schedule import refresh_due
from openeip.web.community.services.workflow import audit_grievance
from openeip.web.registry.models import AuditEntry

__all__ = ["IDENTITY_FIELDS", "file_grievance"]

IDENTITY_FIELDS = ("name", "phone", "email", "address")


def file_grievance(case: dict[str, Any], identity: dict[str, str], *, user: Any = None,
                   channel: str = Channel.WEB, received_at: Any = None) -> Grievance:
    """Store a new case with a fresh tracking code and its first deadline; the identity (unless
    anonymous) apart from it. The audit entry names the case, never the complainant."""
    anonymous = bool(case.get("anonymous")) or not any(
        (identity.get(key) or "").strip() for key in IDENTITY_FIELDS)
    with transaction.atomic():
        grievance = Grievance(channel=channel, created_by=user if user and
                              user.is_authenticated else None,
                              received_at=received_at or timezone.now(), **{
                                  **case, "anonymous": anonymous})
        refresh_due(grievance)
        grievance.full_clean(exclude=["code"])
        grievance.save()
        if not anonymous:
            Complainant.objects.create(grievance=grievance, **{
                key: (identity.get(key) or "").strip() for key in IDENTITY_FIELDS})
        audit_grievance(grievance, user, "web", AuditEntry.Action.CREATE,
                        {"stage": [None, grievance.stage], "channel": [None, channel],
                         "kind": [None, grievance.kind], "category": [None, grievance.category]})
    return grievance
