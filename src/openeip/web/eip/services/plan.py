"""A park's EIP action plan: core.eip.plan's candidates and priorities, stored as PlanActions.

Candidates come from three places: the action library (core), the park's firms' RECP options
not yet implemented (identified, studied, approved) — they raise the share of firms applying
RECP — and the park's symbiosis opportunities under way (identified … agreed) — they add
operating exchanges. Refreshing keeps what people entered on an existing action (owner,
deadline, status) and updates its score; actions no longer proposed are kept unless still
untouched (planned, no owner, no deadline), which are removed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openeip.core.eip import plan as core_plan
from openeip.web.base import workflow
from openeip.web.eip.models import ParkProfile, PlanAction
from openeip.web.eip.services.assessment import assess_park, latest_assessment, stored_result
from openeip.web.recp.models import AssessmentOption, OptionStatus
from openeip.web.registry.models import Park
from openeip.web.symbiosis.models import Opportunity, OpportunityStatus

__all__ = ["OWNER_LABELS", "external_actions", "park_roadmap", "refresh_plan"]

OWNER_LABELS = {"operator": _("park operator"), "firms": _("firms"),
                "authority": _("authority")}
OPEN_RECP = (OptionStatus.IDENTIFIED, OptionStatus.STUDIED, OptionStatus.APPROVED)
OPEN_SYMBIOSIS = (OpportunityStatus.IDENTIFIED, OpportunityStatus.CONTACTED,
                  OpportunityStatus.FEASIBILITY, OpportunityStatus.AGREED)
#: ASSUMPTION (engineering practice): months to implement when a source gives none
RECP_MONTHS = 6
SYMBIOSIS_MONTHS = 12
MAX_EXTERNAL = 25


def external_actions(park: Park) -> list[Any]:
    """The park's open RECP options and symbiosis opportunities as core ExternalActions."""
    found: list[Any] = []
    options = (AssessmentOption.objects.filter(assessment__company__park=park,
                                               status__in=OPEN_RECP)
               .select_related("assessment__company").order_by("pk")[:MAX_EXTERNAL])
    for option in options:
        company = option.assessment.company
        found.append(core_plan.ExternalAction(
            kind="recp", ref=str(option.pk),
            title_en="{}: {}".format(company.code, option.title_en or option.template_code),
            title_vi="{}: {}".format(company.code, option.title_vi or option.title_en
                                     or option.template_code),
            indicator="recp_firms_share", cost_vnd=Decimal(option.investment_vnd),
            months=RECP_MONTHS))
    touching = Q(supply__company__park=park) | Q(demand__company__park=park)
    opportunities = (Opportunity.objects.filter(touching, status__in=OPEN_SYMBIOSIS)
                     .select_related("supply__company", "demand__company")
                     .order_by("-score", "pk")[:MAX_EXTERNAL])
    for opportunity in opportunities:
        title = "{} → {}: {}".format(opportunity.supply.company.code,
                                     opportunity.demand.company.code,
                                     opportunity.resource_class)
        found.append(core_plan.ExternalAction(
            kind="symbiosis", ref=str(opportunity.pk), title_en=title, title_vi=title,
            indicator="symbiosis_links", cost_vnd=None, months=SYMBIOSIS_MONTHS))
    return found


@transaction.atomic
def refresh_plan(park: Park, edition_id: str, user: Any = None) -> list[PlanAction]:
    """Candidates for the latest assessment (made now if there is none), prioritised."""
    saved = latest_assessment(park, edition_id)
    if saved is None:
        result, saved = assess_park(park, edition_id, user=user)
    else:
        result = stored_result(saved)
    ranked = core_plan.prioritise(core_plan.candidate_actions(
        result, core_plan.action_library(), external_actions(park)))
    kept: list[PlanAction] = []
    seen: set[tuple[str, str]] = set()
    for item in ranked:
        action = item.action
        seen.add((action.source, action.ref))
        row, created = PlanAction.objects.update_or_create(
            park=park, edition_id=edition_id, source=action.source, ref=action.ref,
            defaults={"criterion_ids": list(action.criteria), "title_en": action.title_en,
                      "title_vi": action.title_vi, "cost_class": action.cost_class,
                      "months": action.months, "score": item.score,
                      "parts": dict(item.parts)})
        if created:
            row.owner = action.owner
            row.save(update_fields=["owner"])
        kept.append(row)
    untouched = PlanAction.objects.filter(park=park, edition_id=edition_id,
                                          status=PlanAction.Status.PLANNED,
                                          owner__in=list(OWNER_LABELS) + [""],
                                          deadline__isnull=True)
    for row in untouched:
        if (row.source, row.ref) not in seen:
            row.delete()
    return kept


def update_action(action: PlanAction, changes: dict[str, Any], user: Any,
                  via: str = "web") -> PlanAction:
    """Change a plan action's owner, deadline and status: the status through the audited
    workflow (allowed moves only), the other fields audited in the same transaction."""
    with transaction.atomic():
        plain = {name: changes[name] for name in ("owner", "deadline") if name in changes}
        before = {name: getattr(action, name) for name in plain}
        moved: dict[str, Any] = {name: [str(before[name]) if before[name] else before[name],
                        str(value) if value else value]
                 for name, value in plain.items() if before[name] != value}
        if moved:
            for name in plain:
                setattr(action, name, plain[name])
            action.save(update_fields=[*plain, "updated_at"])
            workflow.audit(action, user, via, moved)
        status = changes.get("status")
        if status and status != action.status:
            workflow.transition(action, status, user, via)
    return action


def expected_date(action: PlanAction, start: dt.date) -> tuple[dt.date | None, bool]:
    """(the date the action is expected done, whether it is estimated): its deadline, else
    ``start`` + its typical months (an estimate, shown as such); None without either."""
    if action.deadline is not None:
        return action.deadline, False
    if action.months:
        months = start.month - 1 + action.months
        day = min(start.day, 28)
        return dt.date(start.year + months // 12, months % 12 + 1, day), True
    return None, False


def _planned(action: PlanAction, start: dt.date) -> Any:
    fractions = {item["id"]: Decimal(item["fraction"])
                 for item in action.parts.get("criteria", []) if "fraction" in item}
    status = "done" if action.status == PlanAction.Status.DONE else action.status
    when, _estimated = expected_date(action, start)
    return core_plan.PlannedAction(str(action.pk), when, tuple(action.criterion_ids),
                                   fractions, status)


def park_roadmap(park: Park, edition_id: str, start: dt.date | None = None) -> dict[str, Any]:
    """core.eip.plan.roadmap over the park's actions (deadline, else start + typical months)
    from its latest saved assessment, or one computed now when none is saved."""
    start = start or timezone.localdate()
    saved = latest_assessment(park, edition_id)
    result = stored_result(saved) if saved else assess_park(park, edition_id, save=False)[0]
    profile = ParkProfile.objects.filter(park=park).first()
    actions = list(PlanAction.objects.filter(park=park, edition_id=edition_id))
    road = core_plan.roadmap([_planned(row, start) for row in actions], start,
                             profile.established if profile else None,
                             bool(profile and profile.new_eip), result=result)
    return {"roadmap": road, "profile": profile, "result": result, "saved": saved,
            "estimated": [row for row in actions if row.deadline is None and row.months]}
