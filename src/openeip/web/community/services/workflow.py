"""A grievance's stage changes through the shared audited workflow (``openeip.web.base.
workflow``: lock, allowed moves, check, audit); this module adds what a move sets besides the
stage — its times, the resolution, an appeal's level and restarted clock, the next due date.

received → acknowledged → investigating → resolved → closed (the complainant confirms, or a
handler closes it) or appealed (by the complainant only: the case goes one level up and its
clock starts again) → investigating → …
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openeip.core.community import MAX_LEVEL
from openeip.core.errors import DomainError
from openeip.web.base import workflow as shared
from openeip.web.community.models import TRANSITIONS, Escalation, Grievance, Stage, describe
from openeip.web.community.services.schedule import refresh_due

__all__ = ["TRANSITIONS", "allowed_next", "audit_grievance", "describe", "transition"]


def allowed_next(stage: str) -> tuple[str, ...]:
    return TRANSITIONS.get(stage, ())


def audit_grievance(grievance: Grievance, user: Any, via: str, action: str,
                    changes: dict[str, Any]) -> None:
    """An audited change of a case besides its stage (never tied to a company: the company
    audit page is shown to the company's members)."""
    from openeip.web.registry.models import AuditEntry

    AuditEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None, via=via,
        action=action, company=None, object_type="grievance",
        object_key=describe(grievance)[:300], changes=changes)


def transition(grievance: Grievance, to_stage: str, user: Any, via: str = "web", *,
               resolution: str = "", by_complainant: bool = False,
               now: Any = None) -> Grievance:
    """Move the case to ``to_stage`` or raise DomainError saying why not."""
    if to_stage == Stage.APPEALED and not by_complainant:
        raise DomainError(_("Only the complainant may appeal a resolution."), "stage")
    now = now or timezone.now()
    who, how = (None, "public") if by_complainant else (user, via)
    with transaction.atomic():
        if resolution.strip() and to_stage == Stage.RESOLVED:
            Grievance.objects.filter(pk=grievance.pk).update(resolution=resolution.strip())
        shared.transition(grievance, to_stage, who, how)
        locked = Grievance.objects.select_for_update(of=("self",)).select_related("park").get(
            pk=grievance.pk)
        level = locked.level
        if to_stage == Stage.ACKNOWLEDGED:
            locked.acknowledged_at = now
        elif to_stage == Stage.RESOLVED:
            locked.resolved_in_time = locked.due_at is None or now <= locked.due_at
            locked.resolved_at = now
        elif to_stage == Stage.CLOSED:
            locked.closed_at = now
            locked.confirmed_by_complainant = by_complainant
        elif to_stage == Stage.APPEALED:
            locked.clock_started_at = now
            locked.resolved_at = None
            locked.resolved_in_time = None
            if locked.level < MAX_LEVEL:
                Escalation.objects.create(grievance=locked, from_level=locked.level,
                                          to_level=locked.level + 1,
                                          reason=Escalation.Reason.APPEAL, at=now)
                locked.level += 1
        refresh_due(locked)
        locked.save()
        extra: dict[str, Any] = {}
        if locked.level != level:
            extra["level"] = [level, locked.level]
        if to_stage == Stage.CLOSED:
            extra["confirmed_by_complainant"] = [False, by_complainant]
        if extra:
            shared.audit(locked, who, how, extra)
    grievance.refresh_from_db()
    return grievance
