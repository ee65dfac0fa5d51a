"""Who sees the park's grievances and dialogue records.

Grievances and dialogue meetings are the park's own records: its managers and the platform
admin see and change them, nobody else — in particular not the members of a company a grievance
names (they see only what a handler shares with them, through :func:`shared_with_companies`,
never the complainant's identity). The complainant follows a case with its tracking code alone.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from openeip.web.registry.access import ACTIONS
from openeip.web.registry.models import CompanyMembership, ParkManager


def managed_park_ids(user: Any) -> Any:
    return ParkManager.objects.filter(user=user).values("park_id")


def member_company_ids(user: Any) -> Any:
    return CompanyMembership.objects.filter(user=user).values("company_id")


class ParkRecordQuerySet(models.QuerySet[Any]):
    """``for_user``: a platform admin all rows, a park manager the rows of their parks."""

    park_path = "park"

    def for_user(self, user: Any, action: str = "view") -> ParkRecordQuerySet:
        if action not in ACTIONS:
            raise ValueError("Unknown action {!r}".format(action))
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(Q(**{self.park_path + "_id__in": managed_park_ids(user)}))


class GrievanceQuerySet(ParkRecordQuerySet):
    def shared_with_companies(self, user: Any) -> GrievanceQuerySet:
        """Cases a handler shared with a company the user belongs to (to answer them)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(company_id__in=member_company_ids(user), shared_at__isnull=False)


class ViaGrievanceQuerySet(ParkRecordQuerySet):
    park_path = "grievance__park"


class ViaMeetingQuerySet(ParkRecordQuerySet):
    park_path = "meeting__park"


class ViaCommitmentQuerySet(ParkRecordQuerySet):
    park_path = "commitment__meeting__park"
