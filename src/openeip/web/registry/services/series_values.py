"""Setting, changing and removing a value for one year of a series, with its audit entry.

Platform-wide values (no park) are for platform admins; a park's values for its managers (and
admins). The value is checked by the core policy (:class:`SeriesOverride`): a known series, a
source, not negative, a grid factor between 0 and 2.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openeip.core.catalogues.series import SeriesOverride
from openeip.core.errors import DomainError
from openeip.web.base.access import can_manage_park
from openeip.web.registry.models import AuditEntry, Park, SeriesValue
from openeip.web.registry.services import audit

__all__ = ["FIELDS", "check", "may_set", "remove", "save"]

FIELDS = ("series", "year", "value", "source", "note", "park")
MIN_YEAR, MAX_YEAR = 1990, 2100


def may_set(user: Any, park: Park | None) -> bool:
    """May ``user`` set values for ``park`` (the whole platform when None)?"""
    if user is None or not user.is_authenticated:
        return False
    if park is None:
        return bool(user.is_superuser)
    return can_manage_park(user, park)


def check(user: Any, values: dict[str, Any], instance: SeriesValue | None = None) -> None:
    """DomainError naming the field when the value may not be stored as given."""
    park = values.get("park")
    if not may_set(user, park):
        raise DomainError(
            _("Only a platform administrator sets values for the whole platform; a park's "
              "manager sets them for the park.") if park is None else
            _("You do not manage this park."), "park")
    year = int(values["year"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DomainError(_("The year must lie between {first} and {last}.").format(
            first=MIN_YEAR, last=MAX_YEAR), "year")
    SeriesOverride(values["series"], year, float(values["value"]), str(values["source"]),
                   str(values.get("note", "")))
    taken = SeriesValue.objects.filter(series=values["series"], year=year, park=park)
    if instance is not None:
        taken = taken.exclude(pk=instance.pk)
    if taken.exists():
        raise DomainError(_("A value for this series and year is already set here; change "
                            "that one instead."), "year")


def _plain(row: SeriesValue) -> dict[str, Any]:
    return {"series": row.series, "year": row.year, "value": str(Decimal(row.value)),
            "source": row.source, "note": row.note, "park": row.park.slug if row.park else ""}


def save(user: Any, via: str, values: dict[str, Any], instance: SeriesValue | None = None
         ) -> SeriesValue:
    """Store (create or change) after :func:`check`; the audit trail records who and what."""
    if instance is not None and not may_set(user, instance.park):
        raise DomainError(_("You do not manage this park."), "park")
    check(user, values, instance)
    before = _plain(instance) if instance is not None else {}
    row = instance or SeriesValue(created_by=user)
    for name in FIELDS:
        if name in values:
            setattr(row, name, values[name])
    row.updated_by = user
    with transaction.atomic():
        row.save()
        audit.entry(user=user, via=via,
                    action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
                    company=None, object_type="series_value", object_key=str(row),
                    changes=audit.diff(before, _plain(row))).save()
    return row


def remove(user: Any, via: str, row: SeriesValue) -> None:
    if not may_set(user, row.park):
        raise DomainError(_("You do not manage this park."), "park")
    with transaction.atomic():
        audit.entry(user=user, via=via, action=AuditEntry.Action.DELETE, company=None,
                    object_type="series_value", object_key=str(row),
                    changes=audit.diff(_plain(row), {})).save()
        row.delete()
