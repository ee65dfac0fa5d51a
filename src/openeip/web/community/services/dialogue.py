"""Community dialogue: a commitment becomes an action of the park's EIP plan; follow-up."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.web.base import workflow as shared
from openeip.web.community.models import Commitment, FollowUp
from openeip.web.eip.models import PlanAction
from openeip.web.eip.services.plan import update_action

__all__ = ["PLAN_STATUS", "follow_up", "make_plan_action"]

#: a commitment's status as the plan action's
PLAN_STATUS: dict[str, str] = {Commitment.Status.OPEN: PlanAction.Status.PLANNED,
               Commitment.Status.IN_PROGRESS: PlanAction.Status.IN_PROGRESS,
               Commitment.Status.DONE: PlanAction.Status.DONE,
               Commitment.Status.DROPPED: PlanAction.Status.DROPPED}


def make_plan_action(commitment: Commitment, edition_id: str, user: Any,
                     criterion_ids: list[str] | None = None) -> PlanAction:
    """The commitment as an action of the park's plan under ``edition_id`` (once). Its owner and
    deadline are the commitment's, so refreshing the plan keeps it."""
    if commitment.plan_action_id is not None:
        raise DomainError(_("This commitment is already an action of the plan."), "plan_action")
    with transaction.atomic():
        action = PlanAction.objects.create(
            park=commitment.meeting.park, edition_id=edition_id,
            criterion_ids=list(criterion_ids or []), source=PlanAction.Source.COMMUNITY,
            ref="commitment-{}".format(commitment.pk),
            title_en=commitment.text_en or commitment.text_vi, title_vi=commitment.text_vi,
            owner=commitment.owner[:100], deadline=commitment.due,
            status=PLAN_STATUS[commitment.status])
        commitment.plan_action = action
        commitment.save(update_fields=["plan_action"])
        shared.audit(commitment, user, "web", {"plan_action": [None, action.pk]})
    return action


def follow_up(commitment: Commitment, date: dt.date, note: str, status: str,
              user: Any) -> FollowUp:
    """Record what was done; the commitment (and its plan action) move to the new status
    through the shared workflow (a move it does not allow raises DomainError, nothing saved)."""
    if status not in Commitment.Status.values:
        raise DomainError(_("'{status}' is not a commitment status.").format(status=status),
                          "status")
    with transaction.atomic():
        row = FollowUp.objects.create(commitment=commitment, date=date, note=note,
                                      status=status, author=user)
        if status != commitment.status:
            shared.transition(commitment, status, user, note=note)
            action = commitment.plan_action
            if action is not None and action.status != PLAN_STATUS[status]:
                update_action(action, {"status": PLAN_STATUS[status]}, user)
    return row
