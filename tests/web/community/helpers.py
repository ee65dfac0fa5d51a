"""A grievance of park alpha naming company A1, filed by a named complainant."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.utils import timezone

COMPLAINANT = "Nguyễn Thị Lan"
PHONE = "0912 345 678"
T0 = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))


def a1_case(world: SimpleNamespace, *, received_at: Any = T0, shared: bool = True,
            **extra: Any) -> Any:
    from openeip.web.community.services.intake import file_grievance

    case = {"park": world.alpha, "kind": "community", "category": "odour", "severity": "high",
            "description": "Strong smell of solvent every night near gate 2.",
            "company_named": "", "location": "Gate 2", "latitude": 10.95,
            "longitude": 106.85, "anonymous": False, **extra}
    grievance = file_grievance(case, {"name": COMPLAINANT, "phone": PHONE},
                               received_at=received_at)
    grievance.company = world.a1
    if shared:
        grievance.summary_for_company = "Solvent odour at night near gate 2."
        grievance.shared_at = received_at
    grievance.save()
    return grievance
