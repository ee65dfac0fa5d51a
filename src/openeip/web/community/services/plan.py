"""Grievances that show a gap feed the park's EIP action plan: a category with at least
``recurring_cases_for_action`` cases received in the last 12 months (core.community.recurring)
becomes one plan action (source ``community``), once per category and edition."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from openeip.core.community import recurring
from openeip.web.base import workflow as shared
from openeip.web.community.models import Category, Grievance
from openeip.web.eip.models import PlanAction
from openeip.web.registry.models import Park

__all__ = ["OWNER", "recurring_categories", "propose_plan_actions"]

#: who answers a recurring complaint: the board that receives them (free text, so refreshing
#: the plan keeps the action)
OWNER = "park management board"


def recurring_categories(park: Park, today: dt.date | None = None) -> list[tuple[str, int]]:
    """(category, cases received in the last 365 days) of the categories that recur."""
    today = today or timezone.localdate()
    counts = dict(Grievance.objects.filter(
        park=park, received_at__date__gt=today - dt.timedelta(days=365))
        .order_by().values_list("category").annotate(n=Count("id")))
    return [(code, counts[code]) for code in recurring(counts)]


def _title(category: str, n: int, language: str) -> str:
    with translation.override(language):
        return _("Answer the recurring {category} complaints ({n} cases in 12 months)").format(
            category=Category(category).label, n=n)


def propose_plan_actions(park: Park, edition_id: str, user: Any,
                         today: dt.date | None = None) -> list[PlanAction]:
    """One plan action per recurring category not yet in the edition's plan; returns the new."""
    made = []
    year = (today or timezone.localdate()).year
    for category, n in recurring_categories(park, today):
        action, created = PlanAction.objects.get_or_create(
            park=park, edition_id=edition_id, source=PlanAction.Source.COMMUNITY,
            ref="grievances-{}-{}".format(category, year), defaults={
                "title_en": _title(category, n, "en"), "title_vi": _title(category, n, "vi"),
                "owner": OWNER})
        if created:
            shared.audit(action, user, "web", {"created_from": [None, "grievances"]})
            made.append(action)
    return made
