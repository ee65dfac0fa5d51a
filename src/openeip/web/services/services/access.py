"""Who may see and change the shared services of a park: the rules are declared on the models
(``access = Owner(...)``, :mod:`openeip.web.base.access`); these helpers name the query sets the
views use.

Park-level rows (assets, allocations, joint requests) follow the registry's rule for park data:
the park's managers (and admins). A tenant — whoever may see a company: its members, its
consultants with a grant in force — additionally sees the assets its company is connected to,
its own shares of their cost, its own service requests and pledges (those rows carry the company
and follow the registry's company rule), and the joint requests of its park that are collecting
or issued.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from openeip.web.registry.models import Company, Park
from openeip.web.services.models import (
    AllocationShare,
    CostAllocation,
    JointRequest,
    SharedAsset,
)


def visible_companies(user: Any, action: str = "view") -> QuerySet[Company]:
    return Company.objects.for_user(user, action)


def managed_parks(user: Any) -> QuerySet[Park]:
    return Park.objects.for_user(user, "change")


def visible_assets(user: Any) -> QuerySet[SharedAsset]:
    """Assets of the parks the user manages, and those a visible company is connected to
    (declared on :class:`SharedAsset`)."""
    return SharedAsset.objects.for_user(user)


def managed_assets(user: Any) -> QuerySet[SharedAsset]:
    return SharedAsset.objects.for_user(user, "change")


def may_manage_park(user: Any, park: Park) -> bool:
    return managed_parks(user).filter(pk=park.pk).exists()


def visible_joint_requests(user: Any) -> QuerySet[JointRequest]:
    """The managers' joint requests, and the collecting or issued ones of a visible company's
    park (declared on :class:`JointRequest`)."""
    return JointRequest.objects.for_user(user)


def allocation_for_tenant(user: Any, allocation_pk: int, company_pk: int
                          ) -> tuple[CostAllocation, Company]:
    """The allocation and tenant whose report the user may read: the tenant must have a share
    in it and be visible to the user (managers see every tenant of their park). 404 otherwise."""
    share = (AllocationShare.objects.for_user(user)
             .filter(allocation_id=allocation_pk, company_id=company_pk)
             .select_related("allocation__asset__park", "company").first())
    if share is None:
        raise Http404
    return share.allocation, share.company
