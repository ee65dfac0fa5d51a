"""The park's training figures for the EIP indicators (registered with eip in apps.py).

For ``year``: the attendances of sessions starting that year (in the platform's time zone,
Asia/Ho_Chi_Minh), of people from the park's companies or, without a company, at the park's own
sessions. ``firms_trained`` = distinct companies among them; women / men = distinct people (by
e-mail) of that gender. All None when the park has no registration for a session of that year —
records of another year say nothing about this one (not known ≠ 0); a session of the year that
nobody attended is a recorded 0.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from openeip.web.registry.models import Park
from openeip.web.training.models import Registration

__all__ = ["training_inputs"]


def training_inputs(park: Park, year: int) -> dict[str, Any]:
    ours = Q(company__park=park) | Q(company__isnull=True, session__park=park)
    # order_by(): the model's ordering must not enter the DISTINCT
    of_year = Registration.objects.filter(ours, session__starts_at__year=year).order_by()
    if not of_year.exists():
        return {"firms_trained": None, "people_trained_women": None,
                "people_trained_men": None}
    attended = of_year.filter(attended=True)
    return {
        "firms_trained": attended.filter(company__park=park).values("company_id")
        .distinct().count(),
        "people_trained_women": attended.filter(gender=Registration.Gender.FEMALE)
        .values("email").distinct().count(),
        "people_trained_men": attended.filter(gender=Registration.Gender.MALE)
        .values("email").distinct().count(),
    }
