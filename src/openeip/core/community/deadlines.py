"""When each step of a grievance is due and when a missed deadline escalates the case.

A case moves received → acknowledged → investigating → resolved → closed (the complainant
confirms) or appealed (back to investigating). Its handling level is 0 (the park's handling
officer), 1 (the park management board) or 2 (the provincial authority).

Due dates (``d`` = :class:`~openeip.core.community.rules.Schedule`):

=====================================  ==============================================
situation                              due
=====================================  ==============================================
received, level 0                      received + d.acknowledge_days
acknowledged / investigating, level 0  received + d.resolve_days
appealed, or any open stage at level   clock start + d.resolve_days, where the clock
≥ 1                                    starts at the last escalation or appeal
resolved                               resolved + d.confirm_days (the complainant's
                                       time; never escalates)
closed                                 none
=====================================  ==============================================

A case in an escalable stage whose due date has passed moves one level up (at most to 2); the
clock then starts again at the moment of escalation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from openeip.core.community.rules import Schedule
from openeip.core.errors import DomainError

__all__ = ["ESCALABLE_STAGES", "LEVELS", "MAX_LEVEL", "STAGES", "CaseClock", "due_at",
           "escalation_due", "is_overdue"]

STAGES = ("received", "acknowledged", "investigating", "resolved", "appealed", "closed")
#: stages whose missed deadline is the handlers' (a resolution awaiting the complainant is not)
ESCALABLE_STAGES = ("received", "acknowledged", "investigating", "appealed")
LEVELS = ("officer", "park_board", "province")
MAX_LEVEL = len(LEVELS) - 1


@dataclass(frozen=True, slots=True)
class CaseClock:
    """What the deadlines of one case depend on (times are aware datetimes)."""

    stage: str
    level: int
    received_at: dt.datetime
    #: the last escalation or appeal; None when neither happened
    clock_started_at: dt.datetime | None = None
    resolved_at: dt.datetime | None = None

    def __post_init__(self) -> None:
        if self.stage not in STAGES:
            raise DomainError("unknown stage {!r}".format(self.stage), "stage")
        if not 0 <= self.level <= MAX_LEVEL:
            raise DomainError("level must lie in 0–{}".format(MAX_LEVEL), "level")
        if self.stage == "resolved" and self.resolved_at is None:
            raise DomainError("a resolved case needs its resolution time", "resolved_at")


def due_at(case: CaseClock, schedule: Schedule) -> dt.datetime | None:
    """When the case's current step is due; None for a closed case."""
    if case.stage == "closed":
        return None
    if case.stage == "resolved":
        assert case.resolved_at is not None  # checked by CaseClock
        return case.resolved_at + dt.timedelta(days=schedule.confirm_days)
    if case.clock_started_at is not None:
        return case.clock_started_at + dt.timedelta(days=schedule.resolve_days)
    if case.stage == "received":
        return case.received_at + dt.timedelta(days=schedule.acknowledge_days)
    return case.received_at + dt.timedelta(days=schedule.resolve_days)


def is_overdue(case: CaseClock, schedule: Schedule, now: dt.datetime) -> bool:
    """Has the handlers' deadline passed (a resolution awaiting the complainant never is)?"""
    due = due_at(case, schedule)
    return case.stage in ESCALABLE_STAGES and due is not None and now > due


def escalation_due(case: CaseClock, schedule: Schedule, now: dt.datetime) -> int | None:
    """The level the case must move to at ``now``, or None when it stays where it is (not
    overdue, not in an escalable stage, or already at the provincial authority)."""
    if case.level >= MAX_LEVEL or not is_overdue(case, schedule, now):
        return None
    return case.level + 1
