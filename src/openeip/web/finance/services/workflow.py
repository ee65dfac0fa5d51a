"""The one place a finance project's stage changes: allowed moves by allowed people, each one
audited; entering appraisal starts the line's deadline; verification sets the refund tier.

Who moves what (admins everything): the company's members and its consultant prepare; only the
company's members submit; an officer of a lender the dossier is shared with appraises, approves,
rejects, disburses and pays the refund; the company or its consultant reports the installation
and the consultant verifies; park managers follow.
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
from openeip.web.finance.models import FinanceProject, LenderOfficer, Stage
from openeip.web.finance.services.facts import ex_post
from openeip.web.finance.services.lines import get_line
from openeip.web.registry.models import AuditEntry, CompanyMembership, ConsultantGrant
from openeip.web.registry.services import audit

__all__ = ["TRANSITIONS", "allowed_next", "roles_of", "transition"]

S = Stage
#: stage → {next stage: the roles that may make the move}
TRANSITIONS: dict[str, dict[str, tuple[str, ...]]] = {
    S.IDEA: {S.PREPARED: ("member", "consultant"), S.REJECTED: ("member", "consultant")},
    S.PREPARED: {S.SUBMITTED: ("member",), S.IDEA: ("member", "consultant")},
    S.SUBMITTED: {S.APPRAISAL: ("lender",), S.REJECTED: ("lender",)},
    S.APPRAISAL: {S.APPROVED: ("lender",), S.REJECTED: ("lender",)},
    S.APPROVED: {S.DISBURSED: ("lender",), S.REJECTED: ("lender",)},
    S.DISBURSED: {S.INSTALLED: ("member", "consultant")},
    S.INSTALLED: {S.VERIFIED: ("consultant",)},
    S.VERIFIED: {S.REFUND_PAID: ("lender",), S.CLOSED: ("lender", "member")},
    S.REFUND_PAID: {S.CLOSED: ("lender", "member")},
    S.CLOSED: {},
    S.REJECTED: {S.IDEA: ("member", "consultant")},
}
#: the stages at which the dossier must already be shared with a lender
NEEDS_SHARE = (S.SUBMITTED,)


def roles_of(user: Any, project: FinanceProject) -> set[str]:
    """'admin', 'member', 'consultant', 'lender' — what ``user`` is for this project."""
    if user is None or not user.is_authenticated:
        return set()
    if user.is_superuser:
        return {"admin", "member", "consultant", "lender"}
    roles = set()
    if CompanyMembership.objects.filter(user=user, company=project.company_id).exists():
        roles.add("member")
    if ConsultantGrant.objects.active().filter(consultant=user,
                                               company=project.company_id).exists():
        roles.add("consultant")
    officer = LenderOfficer.objects.filter(user=user).first()
    if officer and project.shares.filter(institution=officer.institution_id).exists():
        roles.add("lender")
    return roles


def allowed_next(project: FinanceProject, user: Any) -> list[str]:
    """The stages ``user`` may move ``project`` to now."""
    roles = roles_of(user, project)
    return [stage for stage, who in TRANSITIONS.get(project.stage, {}).items()
            if "admin" in roles or roles & set(who)]


def _label(stage: str) -> str:
    return str(Stage(stage).label)


def _check(project: FinanceProject, to_stage: str, user: Any) -> None:
    if to_stage not in Stage.values:
        raise DomainError(_("'{stage}' is not a stage; use one of: {codes}.").format(
            stage=to_stage, codes=", ".join(Stage.values)), "stage")
    possible = TRANSITIONS.get(project.stage, {})
    if to_stage not in possible:
        raise DomainError(_("A project that is {current} cannot become {target}; from {current} "
                            "it may become: {allowed}.").format(
            current=_label(project.stage), target=_label(to_stage),
            allowed=", ".join(_label(s) for s in possible) or _("nothing (it is final)")),
            "stage")
    if to_stage not in allowed_next(project, user):
        raise DomainError(_("You may not move this project to {target}: that step belongs to "
                            "{roles}.").format(target=_label(to_stage),
                                               roles=", ".join(_role(r) for r in
                                                               possible[to_stage])), "stage")
    if to_stage == S.SUBMITTED and not project.line_id:
        raise DomainError(_("Choose the finance line before submitting."), "line_id")
    if to_stage == S.SUBMITTED and not project.shares.exists():
        raise DomainError(_("Share the dossier with the lender before submitting."), "shares")


def _role(role: str) -> str:
    return {"member": _("the company"), "consultant": _("the company's consultant"),
            "lender": _("the lender")}.get(role, role)


def _appraisal_deadline(project: FinanceProject) -> dt.date | None:
    line = get_line(project.line_id)
    if line is None:
        return None
    days = next((step.deadline_days for step in line.steps
                 if "appraisal" in step.id and step.deadline_days), None)
    return timezone.localdate() + dt.timedelta(days=days) if days else None


def _verify(project: FinanceProject) -> dict[str, Any]:
    measured = ex_post(project)
    best = measured.get("improvement_any") if measured else None
    if best is None:
        raise DomainError(_("Verify the improvement first: measure the linked RECP options "
                            "before and after installation."), "stage")
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
    """Move ``project`` to ``to_stage`` or raise DomainError (field 'stage') saying why not."""
    with transaction.atomic():
        locked = (FinanceProject.objects.select_for_update().select_related("company")
                  .get(pk=project.pk))
        _check(locked, to_stage, user)
        before = locked.stage
        changes: dict[str, Any] = {"stage": [before, to_stage]}
        locked.stage = to_stage
        locked.stage_changed_at = timezone.now()
        fields = ["stage", "stage_changed_at", "updated_at"]
        if to_stage == S.APPRAISAL:
            locked.appraisal_deadline = _appraisal_deadline(locked)
            changes["appraisal_deadline"] = (locked.appraisal_deadline.isoformat()
                                             if locked.appraisal_deadline else None)
            fields.append("appraisal_deadline")
        if to_stage == S.VERIFIED:
            changes.update(_verify(locked))
            fields += ["verified_improvement", "refund_tier", "refund_vnd"]
        locked.save(update_fields=fields)
        audit.entry(user=user, via=via, action=AuditEntry.Action.UPDATE,
                    company=locked.company, object_type="finance_project",
                    object_key="{} #{} {}".format(locked.company.code, locked.pk, locked.title),
                    changes=changes).save()
    for name in ("stage", "stage_changed_at", "appraisal_deadline", "verified_improvement",
                 "refund_tier", "refund_vnd", "updated_at"):
        setattr(project, name, getattr(locked, name))
    return project


def deadline_days_left(project: FinanceProject, today: dt.date | None = None) -> int | None:
    """Days left before the appraisal deadline (negative: overdue); None without one."""
    if project.stage != S.APPRAISAL or project.appraisal_deadline is None:
        return None
    return (project.appraisal_deadline - (today or timezone.localdate())).days
