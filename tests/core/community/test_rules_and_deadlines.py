"""Grievance time limits and escalation, on dates a person can check by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from openeip.core.community import (
    CaseClock,
    Schedule,
    default_schedule,
    due_at,
    escalation_due,
    is_overdue,
    rules,
)
from openeip.core.errors import DomainError

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
S = Schedule(acknowledge_days=10, resolve_days=30, confirm_days=15)


def test_every_rule_says_where_it_comes_from():
    for rule in rules().values():
        assert rule.source and rule.year and rule.verification in ("unverified", "platform",
                                                                   "secondary", "primary")
    assert default_schedule() == S


def test_a_park_may_not_take_more_than_thirty_days():
    with pytest.raises(DomainError) as raised:
        Schedule(10, 31, 15)
    assert raised.value.field == "resolve_days"
    with pytest.raises(DomainError):
        Schedule(20, 15, 15)          # acknowledging later than resolving
    with pytest.raises(DomainError):
        Schedule(0, 15, 15)


@pytest.mark.parametrize(("case", "due"), [
    (CaseClock("received", 0, T0), T0 + 10 * DAY),
    (CaseClock("acknowledged", 0, T0), T0 + 30 * DAY),
    (CaseClock("investigating", 0, T0), T0 + 30 * DAY),
    (CaseClock("received", 1, T0, clock_started_at=T0 + 11 * DAY), T0 + 41 * DAY),
    (CaseClock("appealed", 1, T0, clock_started_at=T0 + 50 * DAY), T0 + 80 * DAY),
    (CaseClock("resolved", 0, T0, resolved_at=T0 + 20 * DAY), T0 + 35 * DAY),
    (CaseClock("closed", 0, T0), None),
])
def test_when_each_step_is_due(case, due):
    assert due_at(case, S) == due


def test_a_missed_deadline_moves_the_case_one_level_up_until_the_province():
    case = CaseClock("received", 0, T0)
    assert escalation_due(case, S, T0 + 10 * DAY) is None       # due now: not missed yet
    assert escalation_due(case, S, T0 + 10 * DAY + dt.timedelta(seconds=1)) == 1
    board = CaseClock("received", 1, T0, clock_started_at=T0 + 11 * DAY)
    assert escalation_due(board, S, T0 + 42 * DAY) == 2
    province = CaseClock("investigating", 2, T0, clock_started_at=T0 + 42 * DAY)
    assert escalation_due(province, S, T0 + 400 * DAY) is None
    assert is_overdue(province, S, T0 + 400 * DAY)


def test_a_resolution_awaiting_the_complainant_never_escalates():
    case = CaseClock("resolved", 0, T0, resolved_at=T0 + DAY)
    assert not is_overdue(case, S, T0 + 100 * DAY)
    assert escalation_due(case, S, T0 + 100 * DAY) is None


def test_a_clock_checks_its_stage_and_level():
    with pytest.raises(DomainError):
        CaseClock("lost", 0, T0)
    with pytest.raises(DomainError):
        CaseClock("received", 3, T0)
    with pytest.raises(DomainError):
        CaseClock("resolved", 0, T0)
