"""Adding a certificate and verifying it with its issuer: each change audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.web.ecofair.models import Certificate
from openeip.web.registry.models import AuditEntry
from openeip.web.registry.services import audit

VERDICTS = ("verified", "revoked", "pending")


def _key(certificate: Certificate) -> str:
    return "{} certificate #{} {} {}".format(certificate.company.code, certificate.pk,
                                             certificate.scheme, certificate.number)


def record_added(certificate: Certificate, user: Any, via: str = "web") -> None:
    audit.entry(user=user, via=via, action=AuditEntry.Action.CREATE,
                company=certificate.company, object_type="ecofair_certificate",
                object_key=_key(certificate),
                changes={"valid_until": [None, str(certificate.valid_until)]}).save()


def set_verdict(certificate: Certificate, verdict: str, user: Any, note: str = "",
                via: str = "web") -> Certificate:
    """Mark a certificate checked with its issuer ('verified'), withdrawn ('revoked') or back to
    'pending'."""
    if verdict not in VERDICTS:
        raise DomainError(_("Use verified, revoked or pending."), "verdict")
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().select_related("company").get(
            pk=certificate.pk)
        before = locked.status().value
        locked.verified = verdict == "verified"
        locked.revoked = verdict == "revoked"
        locked.verified_by = user if verdict != "pending" else None
        locked.verified_at = timezone.now() if verdict != "pending" else None
        locked.note = note[:300]
        locked.save()
        audit.entry(user=user, via=via, action=AuditEntry.Action.UPDATE,
                    company=locked.company, object_type="ecofair_certificate",
                    object_key=_key(locked),
                    changes={"status": [before, locked.status().value]}).save()
    return locked
