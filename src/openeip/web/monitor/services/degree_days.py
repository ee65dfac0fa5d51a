"""Degree days of a day computed from a temperature meter's readings and stored as the daily
readings of a degree-days meter, so that a baseline can use them as a driver
(``openeip.core.monitor.degree_days``: time-weighted daily means, the cited base temperatures)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openeip.core import monitor
from openeip.core.errors import CatalogueError, DomainError
from openeip.web.monitor.models import Meter, Resource
from openeip.web.monitor.services.analysis import local_span, series
from openeip.web.monitor.services.readings import store_intervals
from openeip.web.registry.models import AuditEntry
from openeip.web.registry.services import audit

__all__ = ["DegreeDays", "compute_degree_days"]


@dataclass
class DegreeDays:
    days: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    base_c: float = 0.0
    base_source: str = ""
    #: local days without enough temperature readings: no degree days stored for them
    gaps: list[dt.date] = field(default_factory=list)


def _base(name: str, value: float | None, kind: str) -> tuple[float, str]:
    if value is not None:
        return value, _("given by the user")
    try:
        row = monitor.base_temperature(name, kind)
    except CatalogueError as error:
        raise DomainError(str(error), "base") from None
    return row.base_c, "{} ({}, {}, {})".format(row.name, row.source, row.year, row.verification)


def compute_degree_days(temperature: Meter, target: Meter, first: dt.date, last: dt.date,
                        kind: str, base: str = "ashrae_65f", base_c: float | None = None,
                        user: Any = None, via: str = "web") -> DegreeDays:
    """Heating or cooling degree days of every local day from ``first`` to ``last`` from
    ``temperature``'s readings, stored as ``target``'s daily readings (idempotent; a day not
    covered enough is left as a gap, never filled)."""
    if temperature.resource != Resource.TEMPERATURE:
        raise DomainError(_("Meter {code} does not measure temperature.").format(
            code=temperature.code), "temperature")
    if target.resource != Resource.DEGREE_DAYS or target.register == "virtual":
        raise DomainError(_("Meter {code} is not a degree-days meter with readings.").format(
            code=target.code), "meter")
    if kind not in ("heating", "cooling"):
        raise DomainError(_("Degree days are heating or cooling."), "kind")
    value, source = _base(base, base_c, kind)
    start, end = local_span(temperature, first, last)
    means = series(temperature, "day", start, end)
    days = monitor.degree_days(means, value, kind)
    out = DegreeDays(days=len(days), base_c=value, base_source=source)
    intervals = []
    for period, (day, amount) in zip(means, days, strict=True):
        if amount is None:
            out.gaps.append(day)
            continue
        intervals.append(monitor.Interval(period.start, period.end, amount))
    with transaction.atomic():
        locked = Meter.objects.select_for_update().get(pk=target.pk)
        out.inserted, out.updated, out.unchanged = store_intervals(locked, intervals)
        if out.inserted or out.updated:
            audit.entry(user=user, via=via, action=AuditEntry.Action.IMPORT,
                        company=target.company, object_type="meter_readings",
                        object_key="{} {}".format(target.park.slug, target.code),
                        changes={"degree_days_from": [None, temperature.code],
                                 "base_c": [None, value], "kind": [None, kind],
                                 "readings_added": [None, out.inserted],
                                 "readings_corrected": [None, out.updated]}).save()
    return out
