"""A consultant's portfolio: the companies whose grants are in force, each with its key figures
and its grant's days, and where the client switcher leads.

Everything goes through ``Company.objects.for_user`` and ``ConsultantGrant.objects.active``, so
a grant that has not started, has ended or was revoked shows nothing of its company.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Sum
from django.urls import Resolver404, resolve

from openeip.web.registry.models import Company, ConsultantGrant, ResourceFlow

#: (direction, kind, base unit) of the key figures, in the order shown
KEY_FIGURES = (("input", "energy", "MWh"), ("input", "water", "m3"), ("output", "waste", "t"))
#: how a flow's stored base unit may spell the key figures' units
_UNIT_SPELLINGS = {"m**3": "m3", "m³": "m3", "megawatt_hour": "MWh", "tonne": "t"}


@dataclass
class ClientFigures:
    company: Company
    grant: ConsultantGrant
    year: int | None = None
    months: int = 0
    totals: dict[str, float | None] = field(default_factory=dict)


def grants_in_force(user: Any) -> list[ConsultantGrant]:
    """The user's grants in force today, one per company (the longest-running), by company."""
    if user is None or not user.is_authenticated:
        return []
    best: dict[int, ConsultantGrant] = {}
    for grant in (ConsultantGrant.objects.active().filter(consultant=user)
                  .select_related("company__park").order_by("company__name_en", "-ends_on")):
        best.setdefault(grant.company_id, grant)
    return list(best.values())


def not_in_force_counts(user: Any) -> dict[str, int]:
    """How many of the user's grants have not started yet / have ended (never their companies:
    outside its days a grant shows nothing)."""
    from django.utils import timezone

    today = timezone.localdate()
    grants = ConsultantGrant.objects.filter(consultant=user, revoked_at__isnull=True)
    return {"upcoming": grants.filter(starts_on__gt=today).count(),
            "ended": grants.filter(ends_on__lt=today).count()}


def figures(user: Any) -> list[ClientFigures]:
    """Each granted company's latest year with flows, months reported in it and its energy in,
    water in and waste out (base units), read through the user's own access."""
    rows = []
    for grant in grants_in_force(user):
        flows = ResourceFlow.objects.for_user(user).filter(company_id=grant.company_id)
        year = flows.aggregate(year=Max("period__year"))["year"]
        found = ClientFigures(company=grant.company, grant=grant, year=year)
        if year is not None:
            in_year = flows.filter(period__year=year)
            found.months = in_year.exclude(period__month=0).values("period__month").distinct(
            ).count() or (12 if in_year.filter(period__month=0).exists() else 0)
            sums: dict[tuple[str, str, str], float] = {}
            for direction, kind, unit, total in (
                    in_year.values_list("direction", "kind", "base_unit")
                    .annotate(total=Sum("base_quantity"))
                    .values_list("direction", "kind", "base_unit", "total")):
                key = (direction, kind, _UNIT_SPELLINGS.get(unit, unit))
                sums[key] = sums.get(key, 0.0) + float(total)
            found.totals = {kind: sums.get((direction, kind, unit))
                            for direction, kind, unit in KEY_FIGURES}
        rows.append(found)
    return rows


_COMPANY_PATH = re.compile(r"^/companies/(\d+)/(.*)$")


def switch_target(path: str, company_id: int) -> str:
    """The same section of ``path`` for company ``company_id``: /companies/<a>/recp/losses/ →
    /companies/<b>/recp/losses/; a path into one object (an assessment, an option) keeps the
    section before the object's id; any other page leads to the company's page."""
    home = "/companies/{}/".format(company_id)
    found = _COMPANY_PATH.match(path or "")
    if not found:
        return home
    kept = []
    for part in found.group(2).split("/"):
        if not part or part.isdigit() or "." in part:
            break
        kept.append(part)
    target = home + "".join(part + "/" for part in kept)
    try:
        resolve(target)
    except Resolver404:
        return home
    return target


def switchable(user: Any) -> list[Company]:
    """The companies the client switcher offers: those of the user's grants in force."""
    return [grant.company for grant in grants_in_force(user)]
