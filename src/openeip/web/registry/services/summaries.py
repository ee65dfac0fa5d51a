"""Recompute the totals pages read, for a whole park or some of its periods."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Sum
from django.db.models.signals import post_delete
from django.dispatch import receiver

from openeip.web.registry.models import (
    Company,
    CompanyPeriodTotal,
    Park,
    ParkPeriodTotal,
    ResourceFlow,
)

_LARGEST = sys.float_info.max


@transaction.atomic
def refresh_park(park: Park, period_ids: Iterable[int] | None = None) -> None:
    flows = ResourceFlow.objects.filter(company__park=park)
    park_totals = ParkPeriodTotal.objects.filter(park=park)
    company_totals = CompanyPeriodTotal.objects.filter(park=park)
    if period_ids is not None:
        ids = list(period_ids)
        flows = flows.filter(period_id__in=ids)
        park_totals = park_totals.filter(period_id__in=ids)
        company_totals = company_totals.filter(period_id__in=ids)
    park_totals.delete()
    company_totals.delete()
    # A row holding a bad value (Infinity or NaN, stored before core refused them; NaN sorts above
    # every number in PostgreSQL) would poison its total: it is left out of the sums.
    finite = flows.filter(base_quantity__gt=-_LARGEST, base_quantity__lt=_LARGEST)
    ParkPeriodTotal.objects.bulk_create(
        ParkPeriodTotal(park=park, **row)
        for row in finite.order_by()
        .values("period_id", "direction", "kind", "base_unit")
        .annotate(total=Sum("base_quantity"), companies=Count("company_id", distinct=True))
    )
    CompanyPeriodTotal.objects.bulk_create(
        (
            CompanyPeriodTotal(park=park, **row)
            for row in flows.order_by().values("company_id", "period_id").annotate(rows=Count("id"))
        ),
        batch_size=5000,
    )
    Park.objects.filter(pk=park.pk).update(data_version=F("data_version") + 1)


@receiver(post_delete, sender=Company, dispatch_uid="openeip-refresh-park-on-tenant-delete")
def _tenant_deleted(sender: type[Company], instance: Company, **kwargs: Any) -> None:
    """A deleted tenant's flows are gone: recompute the park's totals (raises its version).
    Connected when the registry app is ready (:meth:`RegistryConfig.ready`)."""
    park = Park.objects.filter(pk=instance.park_id).first()
    if park is not None:
        refresh_park(park)
