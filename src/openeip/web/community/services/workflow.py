"""The one place a grievance changes stage: allowed moves only, each one locked and audited.

received → acknowledged → investigating → resolved → closed (the complainant confirms, or a
handler closes it) or appealed (the case goes one level up and its clock starts again) →
investigating → …
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openeip.core.community import MAX_LEVEL
from openeip.core.errors import DomainError
from openeip.web.community.models import Escalation, Grievance, Stage
from openeip.web.community.services.schedule import refresh_due
from openeip.web.registry.models import AuditEntry
from openeip.web.registry.services import audit

__all__ = ["TRANSITIONS", "allowed_next", "audit_grievance", "describe", "transition"]

TRANSITIONS: dict[str, tuple[str, ...]] = {
    Stage.RECEIVED: (Stage.ACKNOWLEDGED,),
    Stage.ACKNOWLEDGED: (Stage.INVESTIGATING,),
    Stage.INVESTIGATING: (Stage.RESOLVED,),
    Stage.RESOLVED: (Stage.CLOSED, Stage.APPEALED),
    Stage.APPEALED: (Stage.INVESTIGATING,),
    Stage.CLOSED: (),
}


def allowed_next(stage: str) -> tuple[str, ...]:
    return TRANSITIONS.get(stage, ())


def describe(grievance: Grievance) -> str:
    """How the audit trail names a case: never its tracking code (the complainant's key)."""
    return "grievance #{} ({})".format(grievance.pk, grievance.park.slug)


def audit_grievance(grievance: Grievance, user: Any, via: str, action: str,
                    changes: dict[str, Any]) -> None:
    # company=None: the company audit page is shown to the company's members
    audit.entry(user=user, via=via, action=action, company=None, object_type="grievance",
                object_key=describe(grievance), changes=changes).save()


def _label(stage: str) -> str:
    return str(Stage(stage).label)


def _check(grievance: Grievance, to_stage: str, resolution: str) -> None:
    if to_stage not in Stage.values:
        raise DomainError(_("'{stage}' is not a grievance stage; use one of: {codes}.").format(
            stage=to_stage, codes=", ".join(Stage.values)), "stage")
    allowed = allowed_next(grievance.stage)
    if to_stage not in allowed:
        raise DomainError(
            _("A grievance that is {current} cannot become {target}; from {current} it may "
              "become: {allowed}.").format(
                current=_label(grievance.stage), target=_label(to_stage),
                allowed=", ".join(_label(s) for s in allowed) or _("nothing (it is closed)")),
            "stage")
    if to_stage == Stage.RESOLVED and not (resolution or grievance.resolution).strip():
        raise DomainError(_("Say how the grievance was resolved before marking it resolved."),
                          "resolution")


def transition(grievance: Grievance, to_stage: str, user: Any, via: str = "web", *,
               resolution: str = "", by_complainant: bool = False,
               now: Any = None) -> Grievance:
    """Move the case to ``to_stage`` or raise DomainError saying why not. An appeal (by the
    complainant) moves it one level up and restarts its clock; a confirmation closes it."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Grievance.objects.select_for_update().select_related("park").get(
            pk=grievance.pk)
        _check(locked, to_stage, resolution)
        if to_stage in (Stage.APPEALED,) and not by_complainant:
            raise DomainError(_("Only the complainant may appeal a resolution."), "stage")
        before = {"stage": locked.stage, "level": locked.level}
        locked.stage = to_stage
        if to_stage == Stage.ACKNOWLEDGED:
            locked.acknowledged_at = now
        elif to_stage == Stage.RESOLVED:
            if resolution:
                locked.resolution = resolution
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
        after = {"stage": locked.stage, "level": locked.level}
        changes = {key: [before[key], after[key]] for key in after if before[key] != after[key]}
        if to_stage == Stage.CLOSED:
            changes["confirmed_by_complainant"] = [False, by_complainant]
        audit_grievance(locked, None if by_complainant else user,
                        "public" if by_complainant else via, AuditEntry.Action.UPDATE, changes)
    grievance.refresh_from_db()
    return grievance
