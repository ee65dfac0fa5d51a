"""The park's grievance and dialogue figures for the EIP indicators (registered with eip in
apps.py).

For ``year`` (dates in the platform's time zone, settings.TIME_ZONE = Asia/Ho_Chi_Minh):
grievances received that year, grievances resolved that year (their last resolution) and of
those the ones resolved before their deadline; community dialogue meetings dated that year,
already held (not after today) and with the community present (residents or mass
organisations/NGOs: :func:`openeip.core.community.with_community`). A figure is None when the
park has no record of that kind *for that year* — records of another year say nothing about
this one (not known ≠ 0).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from openeip.core.community import with_community
from openeip.web.community.models import Grievance, Meeting
from openeip.web.registry.models import Park

__all__ = ["community_inputs"]


def community_inputs(park: Park, year: int) -> dict[str, Any]:
    cases = Grievance.objects.filter(park=park).order_by()
    received = cases.filter(received_at__year=year).count()
    resolved = cases.filter(resolved_at__year=year)
    closed = resolved.count()
    meetings = sum(1 for participants in Meeting.objects.filter(
        park=park, date__year=year, date__lte=timezone.localdate()).order_by()
        .values_list("participants", flat=True) if with_community(participants or {}))
    figures: dict[str, Any] = {"dialogue_meetings": meetings or None}
    if not received and not closed:
        return {**figures, "grievances_received": None, "grievances_closed": None,
                "grievances_closed_in_time": None}
    return {**figures, "grievances_received": received, "grievances_closed": closed,
            "grievances_closed_in_time": resolved.filter(resolved_in_time=True).count()}
