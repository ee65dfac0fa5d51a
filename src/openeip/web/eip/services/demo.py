"""EIP assessment of the demo park: DEMO evidence, assessments under two editions, a plan.

What it writes (every note starts with "DEMO", so nobody mistakes it for a real park's record):

* evidence for the criteria that platform data cannot compute, under the Vietnamese edition
  (Decree 35/2022 with Circular 05/2025) and the International EIP Framework v2.0 — a plausible
  mix of met and not-yet-met items for a park on its way, dated 1 January of last year; a few
  are answered again this year (the history then shows progress) and a few carry intended
  values for a target year three years ahead;
* an assessment of each edition as of 31 December last year and one as of today;
* the action plan of each edition, from the latest assessment.

Running it again changes nothing: evidence is found by its criterion, date and note, an
assessment is made only when the edition has none at that date, and the plan is built only when
the park has none for the edition.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import IO

from django.utils import timezone

from openeip.web.eip.models import Evidence, ParkAssessment, PlanAction
from openeip.web.eip.services.assessment import add_evidence, assess_park
from openeip.web.eip.services.editions import get_edition
from openeip.web.registry.models import Park

__all__ = ["DEMO_EDITIONS", "seed_eip_demo"]

VN35, INTL = "vn-decree-35-2022", "intl-eip-framework-2.0"
DEMO_EDITIONS = (VN35, INTL)
NOTE = "DEMO: made-up evidence for the demonstration park, not a real record."
NOTE_UPDATE = "DEMO: made-up update of this year, not a real record."
NOTE_TARGET = "DEMO: made-up target of the park's plan, not a real record."

Value = bool | Decimal
#: edition → criterion → value as of 1 January last year (made up for the demo)
BASELINE: dict[str, dict[str, Value]] = {
    VN35: {
        "VN35-37.1a": True, "VN35-37.1b": True, "VN35-37.1c": False,
        "VN35-A5-ENV.6": True, "VN35-A5-ENV.4": False,
        "VN35-A5-PM.1": True, "VN35-A5-PM.2": False, "VN35-A5-PM.3": True,
        "VN35-B5-SOC.1": Decimal("82"), "VN35-B5-SOC.2": Decimal("64"),
        "VN35-B5-SOC.4": Decimal("91"), "VN35-B5-SOC.6": Decimal("58"),
        "VN35-A5-SOC.3": True, "VN35-A5-SOC.5": False, "VN35-A5-SOC.7": True,
        "VN35-A5-ECO.1": True, "VN35-A5-ECO.2": True, "VN35-A5-ECO.3": False,
        "VN35-A5-ECO.4": True,
    },
    INTL: {
        "PM-1": True, "PM-2": True, "PM-3": False, "PM-4": True,
        "ENV-M-1": False, "ENV-M-2": False, "ENV-E-3": False, "ENV-W-2": True,
        "ENV-WM-1": True, "ENV-WM-3": False, "ENV-N-1": True, "ENV-N-2": False,
        "SOC-1": True, "SOC-2": True, "SOC-3": False, "SOC-4": True, "SOC-5": False,
        "ECO-1": True, "ECO-2": False,
    },
}
#: criteria answered again this year (the park made progress)
UPDATES: dict[str, dict[str, Value]] = {
    VN35: {"VN35-37.1c": True, "VN35-B5-SOC.2": Decimal("77")},
    INTL: {"ENV-M-1": True, "PM-3": True},
}
#: intended values, three years ahead
TARGETS: dict[str, dict[str, Value]] = {
    VN35: {"VN35-A5-ENV.4": True, "VN35-B5-SOC.6": Decimal("80"), "VN35-A5-PM.2": True},
    INTL: {"ENV-M-2": True, "SOC-3": True},
}


def _add(park: Park, edition_id: str, criterion_id: str, value: Value, as_of: dt.date,
         note: str, target_year: int | None = None) -> bool:
    """Add one piece of evidence unless it is there; True when it was added."""
    if Evidence.objects.filter(park=park, edition_id=edition_id, criterion_id=criterion_id,
                               as_of=as_of, note=note, target_year=target_year).exists():
        return False
    add_evidence(park, edition_id, criterion_id,
                 value_bool=value if isinstance(value, bool) else None,
                 value_number=None if isinstance(value, bool) else value,
                 note=note, as_of=as_of, target_year=target_year)
    return True


def seed_eip_demo(park: Park, stdout: IO[str] | None = None) -> None:
    today = timezone.localdate()
    baseline = dt.date(today.year - 1, 1, 1)
    year_end = dt.date(today.year - 1, 12, 31)
    update_day = min(today, dt.date(today.year, 1, 15))
    target_year = today.year + 3
    for edition_id in DEMO_EDITIONS:
        known = {criterion.id for criterion in get_edition(edition_id).criteria}
        added = 0
        for criterion_id, value in BASELINE[edition_id].items():
            if criterion_id in known:
                added += _add(park, edition_id, criterion_id, value, baseline, NOTE)
        for criterion_id, value in UPDATES[edition_id].items():
            if criterion_id in known:
                added += _add(park, edition_id, criterion_id, value, update_day, NOTE_UPDATE)
        for criterion_id, value in TARGETS[edition_id].items():
            if criterion_id in known:
                added += _add(park, edition_id, criterion_id, value, baseline, NOTE_TARGET,
                              target_year)
        made = 0
        for as_of in (year_end, today):
            if not ParkAssessment.objects.filter(park=park, edition_id=edition_id,
                                                 as_of=as_of).exists():
                assess_park(park, edition_id, as_of=as_of, target_year=target_year)
                made += 1
        planned = 0
        if not PlanAction.objects.filter(park=park, edition_id=edition_id).exists():
            from openeip.web.eip.services.plan import refresh_plan

            planned = len(refresh_plan(park, edition_id))
        if stdout is not None:
            stdout.write("EIP {}: {} evidence added, {} assessments made, {} actions planned\n"
                         .format(edition_id, added, made, planned))
