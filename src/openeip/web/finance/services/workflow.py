"""What a move of a finance project checks and sets besides the stage.

The moves, and who may take each (``MOVERS``, ``roles_of``), are the model's
:data:`~openeip.web.finance.models.WORKFLOW`, made by the shared
:func:`openeip.web.base.workflow.transition` (row lock, allowed moves, the ``approve`` right for
submitting, the role of the move, the audit entry). This module adds, around it:

* the checks of :func:`check_move`: a line chosen and the dossier shared before submitting, a
  measured improvement before verifying;
* entering appraisal starts the line's deadline (its appraisal step's days, e.g. GCTF 15);
  verifying sets the refund tier from the measured improvement; both audited.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.core.finance.lines import refund_of, refund_tier
from openeip.web.base import workflow as base_workflow
from openeip.web.finance.models import FinanceProject, Stage
from openeip.web.finance.services.facts import ex_post
from openeip.web.finance.services.lines import get_line

__all__ = ["allowed_next", "check_move", "deadline_days_left", "transition"]

S = Stage


def allowed_next(project: FinanceProject, user: Any) -> list[str]:
    """The stages ``user`` may move ``project`` to now (the buttons a page offers)."""
    return list(base_workflow.moves_for(project, user))


def check_move(project: FinanceProject, to_stage: str) -> None:
    """The model's own checks (run by the shared transition under the row lock)."""
    if to_stage == S.SUBMITTED and not project.line_id:
        raise DomainError(_("Choose the finance line before submitting."), "stage")
    if to_stage == S.SUBMITTED and not project.shares.exists():
        raise DomainError(_("Share the dossier with the lender before submitting."), "stage")
    if to_stage == S.VERIFIED:
        measured = ex_post(project)
        if not measured or measured.get("improvement_any") is None:
            raise DomainError(_("Verify the improvement first: measure the linked RECP options "
                                "before and after installation."), "stage")


def _appraisal_deadline(project: FinanceProject) -> dt.date | None:
    line = get_line(project.line_id)
    if line is None:
        return None
    days = next((step.deadline_days for step in line.steps
                 if "appraisal" in step.id and step.deadline_days), None)
    return timezone.localdate() + dt.timedelta(days=days) if days else None


def _verified(project: FinanceProject) -> dict[str, Any]:
    measured = ex_post(project) or {}
    best = measured.get("improvement_any")
    line = get_line(project.line_id)
    tier = refund_tier(line, best) if line else None
    refund = refund_of(tier, float(project.investment_vnd))
    project.verified_improvement = best
    project.refund_tier = tier.improvement_min if tier else None
    project.refund_vnd = Decimal(round(refund)) if refund is not None else None
    return {"verified_improvement": best, "refund_tier": project.refund_tier,
            "refund_vnd": refund}


def transition(project: FinanceProject, to_stage: str, user: Any,
               via: str = "web") -> FinanceProject:
    """Move ``project`` to ``to_stage`` or raise DomainError (field 'stage') saying why not;
    ``user=None`` is the system (demo, command line): no role is checked."""
    with transaction.atomic():
        base_workflow.transition(project, to_stage, user, via, check=check_move)
        extra: dict[str, Any] = {}
        fields = ["stage_changed_at"]
        project.stage_changed_at = timezone.now()
        if to_stage == S.APPRAISAL:
            project.appraisal_deadline = _appraisal_deadline(project)
            extra["appraisal_deadline"] = (project.appraisal_deadline.isoformat()
                                           if project.appraisal_deadline else None)
            fields.append("appraisal_deadline")
        if to_stage == S.VERIFIED:
            extra.update(_verified(project))
            fields += ["verified_improvement", "refund_tier", "refund_vnd"]
        FinanceProject.objects.filter(pk=project.pk).update(
            **{name: getattr(project, name) for name in fields})
        if extra:
            base_workflow.audit(project, user, via, extra)
    return project


def deadline_days_left(project: FinanceProject, today: dt.date | None = None) -> int | None:
    """Days left before the appraisal deadline (negative: overdue); None without one."""
    if project.stage != S.APPRAISAL or project.appraisal_deadline is None:
        return None
    return (project.appraisal_deadline - (today or timezone.localdate())).days
