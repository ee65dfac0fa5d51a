"""The park's grievance figures for the EIP indicators (registered with eip in apps.py)."""

from __future__ import annotations

from typing import Any

from openeip.web.community.models import Grievance
from openeip.web.registry.models import Park

__all__ = ["grievance_inputs"]


def grievance_inputs(park: Park, year: int) -> dict[str, Any]:
    """Cases resolved in ``year`` (their last resolution) and those resolved before their
    deadline; both None when the park recorded no grievance at all (not known ≠ 0)."""
    cases = Grievance.objects.filter(park=park)
    if not cases.exists():
        return {"grievances_closed": None, "grievances_closed_in_time": None}
    resolved = cases.filter(resolved_at__year=year)
    return {"grievances_closed": resolved.count(),
            "grievances_closed_in_time": resolved.filter(resolved_in_time=True).count()}
