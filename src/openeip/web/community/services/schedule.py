"""A case's time limits: the park's settings (else the data file's) through core's rules."""

from __future__ import annotations

from openeip.core.community import CaseClock, Schedule, default_schedule, due_at
from openeip.web.community.models import Grievance, GrievanceSettings
from openeip.web.registry.models import Park

__all__ = ["clock_of", "refresh_due", "schedule_for"]


def schedule_for(park: Park) -> Schedule:
    row = GrievanceSettings.objects.filter(park=park).first()
    if row is None:
        return default_schedule()
    return Schedule(row.acknowledge_days, row.resolve_days, row.confirm_days)


def clock_of(grievance: Grievance) -> CaseClock:
    return CaseClock(stage=grievance.stage, level=grievance.level,
                     received_at=grievance.received_at,
                     clock_started_at=grievance.clock_started_at,
                     resolved_at=grievance.resolved_at)


def refresh_due(grievance: Grievance, schedule: Schedule | None = None) -> None:
    """Set ``due_at`` from the case's stage (not saved)."""
    grievance.due_at = due_at(clock_of(grievance), schedule or schedule_for(grievance.park))
