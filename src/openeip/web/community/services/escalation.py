"""Escalate every open case whose deadline has passed, one level (officer → park management
board → provincial authority); run by ``openeip manage escalate_grievances`` (daily)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from openeip.core.community import ESCALABLE_STAGES, escalation_due
from openeip.web.base import workflow as shared
from openeip.web.community.models import Escalation, Grievance, Level
from openeip.web.community.services.schedule import clock_of, refresh_due, schedule_for
from openeip.web.registry.models import ParkManager

__all__ = ["escalate_overdue"]


def escalate_overdue(now: dt.datetime | None = None) -> list[Escalation]:
    """Every escalation made at ``now`` (default: the present), one per overdue case."""
    now = now or timezone.now()
    made: list[Escalation] = []
    candidates = (Grievance.objects.filter(stage__in=ESCALABLE_STAGES, due_at__lt=now)
                  .select_related("park").order_by("pk"))
    schedules: dict[int, Any] = {}
    for grievance in candidates:
        schedule = schedules.setdefault(grievance.park_id, schedule_for(grievance.park))
        with transaction.atomic():
            locked = Grievance.objects.select_for_update().select_related("park").get(
                pk=grievance.pk)
            level = escalation_due(clock_of(locked), schedule, now)
            if level is None:
                continue
            row = Escalation.objects.create(grievance=locked, from_level=locked.level,
                                            to_level=level, reason=Escalation.Reason.DEADLINE,
                                            missed_due_at=locked.due_at, at=now)
            before = locked.level
            locked.level = level
            locked.clock_started_at = now
            refresh_due(locked, schedule)
            locked.save(update_fields=["level", "clock_started_at", "due_at", "updated_at"])
            shared.audit(locked, None, "task", {"level": [before, level]})
            made.append(row)
        _notify(locked, row)
    return made


def _notify(grievance: Grievance, row: Escalation) -> None:
    """Tell the park's managers (in Vietnamese: the board's working language)."""
    emails = [email for email in ParkManager.objects.filter(park=grievance.park)
              .values_list("user__email", flat=True) if email]
    if not emails:
        return
    with override("vi"):
        subject = _("Grievance #{id} escalated to the {level}").format(
            id=grievance.pk, level=Level(row.to_level).label)
        body = _("The deadline of grievance #{id} ({park}) passed without a resolution; it is "
                 "now handled by the {level}.").format(
                     id=grievance.pk, park=grievance.park.name, level=Level(row.to_level).label)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails, fail_silently=True)
