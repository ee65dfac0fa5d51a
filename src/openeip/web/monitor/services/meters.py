"""Meters from a METERS file (``openeip monitor meters``, the upload page): all or nothing;
a meter already there (same park and ID) is updated, so importing the same file twice changes
nothing."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from openeip.core.errors import IntakeError, Problem
from openeip.core.i18n import gettext as _
from openeip.core.monitor.table import iter_rows, parse_meters
from openeip.web.monitor.models import Meter
from openeip.web.registry.models import AuditEntry, Company, Park
from openeip.web.registry.services import audit

__all__ = ["import_meters"]

FIELDS = ("company_id", "name", "resource", "unit", "register", "flow_kind",
          "flow_description", "time_zone", "rollover")
#: the fields the audit trail records (codes such as the resource are left out: the trail
#: shows values as stored, and a code would show untranslated)
AUDITED = ("name", "unit", "flow_description", "rollover")


def import_meters(content: bytes, filename: str, park: Park, user: Any = None,
                  via: str = "cli") -> dict[str, int]:
    """{'created': n, 'updated': n, 'unchanged': n} or IntakeError with every problem."""
    sheet = filename.rsplit("/", 1)[-1]
    rows, problems = parse_meters(iter_rows(content, filename), sheet)
    companies = {c.code: c for c in Company.objects.filter(park=park)}
    for row in rows:
        if row.company and row.company not in companies:
            problems.append(Problem(sheet, row.row, "company", _(
                "park '{park}' has no company '{code}'; leave it empty for a meter of the park "
                "itself").format(park=park.slug, code=row.company)))
    if problems:
        raise IntakeError(sorted(problems, key=lambda p: (p.row or 0)))
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        existing = {m.code: m for m in Meter.objects.select_for_update().filter(park=park)}
        for row in rows:
            values = {"company_id": companies[row.company].pk if row.company else None,
                      "name": row.name, "resource": row.resource, "unit": row.unit,
                      "register": row.register, "flow_kind": row.flow_kind,
                      "flow_description": row.flow, "time_zone": row.time_zone,
                      "rollover": row.rollover}
            meter = existing.get(row.code)
            if meter is None:
                meter = Meter.objects.create(park=park, code=row.code, **values)
                counts["created"] += 1
                changes = {k: [None, values[k]] for k in AUDITED}
            else:
                before = {k: getattr(meter, k) for k in FIELDS}
                if not audit.diff(before, values):
                    counts["unchanged"] += 1
                    continue
                changes = audit.diff({k: before[k] for k in AUDITED},
                                     {k: values[k] for k in AUDITED})
                for name, value in values.items():
                    setattr(meter, name, value)
                meter.save()
                counts["updated"] += 1
            action = (AuditEntry.Action.CREATE if changes.get("name", [None])[0] is None
                      and row.code not in existing else AuditEntry.Action.UPDATE)
            audit.entry(user=user, via=via, action=action,
                        company=meter.company, object_type="meter",
                        object_key="{} {}".format(park.slug, meter.code),
                        changes=changes).save()
    return counts
