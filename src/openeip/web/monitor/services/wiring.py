"""The monitor's meters lent to the apps that may not import it (``openeip.web.base.metering``):
the yearly use of every meter feeding an EIP input (eip), a meter's quantity over some days
(services' utilisation, symbiosis' realised quantities), the meters of some companies.

A period's quantity is the sum of its daily totals; its coverage the seconds they cover over the
period's seconds; a day holding a negative or overlapping reading counts neither (as in the
baselines: ``core.monitor.rollup.BLOCKING``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Q

from openeip.core import monitor
from openeip.core.eip.metered import MeteredUse, flow_kind_of
from openeip.core.monitor.rollup import BLOCKING
from openeip.core.units import quantity as make_quantity
from openeip.web.base.metering import MeterQuantity
from openeip.web.monitor.models import DRIVER_RESOURCES, DailyTotal, Meter
from openeip.web.monitor.services.analysis import local_span, series

__all__ = ["MonitorMeters", "span_totals"]


def _blocked(flags: str) -> bool:
    return bool(set(flags.split(",")) & BLOCKING) if flags else False


def span_totals(meter_ids: Sequence[int], first: dt.date, last: dt.date
                ) -> dict[int, tuple[float, float]]:
    """(quantity, seconds covered) of each meter over the local days ``first`` to ``last``."""
    totals: dict[int, tuple[float, float]] = dict.fromkeys(meter_ids, (0.0, 0.0))
    rows = DailyTotal.objects.filter(meter_id__in=list(meter_ids), day__gte=first,
                                     day__lte=last).values_list(
        "meter_id", "value", "covered_seconds", "flags")
    for pk, value, covered, flags in rows.iterator(chunk_size=5000):
        if _blocked(flags):
            continue
        total, seconds = totals[pk]
        totals[pk] = (total + value, seconds + covered)
    return totals


def _span_seconds(first: dt.date, last: dt.date) -> float:
    return ((last - first).days + 1) * 86400.0


class MonitorMeters:
    """The :class:`openeip.web.base.metering.MeterSource` of the monitor app."""

    def min_coverage_pct(self) -> float:
        return monitor.setting("min_coverage_pct", "any").value

    def yearly_uses(self, park_id: int, year: int) -> list[Any]:
        meters = [m for m in Meter.objects.filter(park_id=park_id).exclude(
            register="virtual").exclude(resource__in=DRIVER_RESOURCES).select_related(
                "company").order_by("code") if flow_kind_of(m.resource, m.flow_kind)]
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        totals = span_totals([m.pk for m in meters], first, last)
        seconds = _span_seconds(first, last)
        out = []
        for meter in meters:
            value, covered = totals[meter.pk]
            out.append(MeteredUse(
                meter.company.code if meter.company else "", meter.code, meter.resource,
                flow_kind_of(meter.resource, meter.flow_kind), meter.flow_description,
                make_quantity(value, meter.unit), round(min(100.0, covered / seconds * 100), 3)))
        return out

    def quantity(self, park_id: int, code: str, first: dt.date, last: dt.date
                 ) -> MeterQuantity | None:
        meter = Meter.objects.filter(park_id=park_id, code=code).first()
        if meter is None:
            return None
        if meter.register == "virtual":
            start, end = local_span(meter, first, last)
            periods = series(meter, "day", start, end)
            kept = [p for p in periods if not (p.flags & BLOCKING)]
            value = sum(p.value for p in kept)
            covered = sum(p.covered_seconds for p in kept)
        else:
            value, covered = span_totals([meter.pk], first, last)[meter.pk]
        pct = min(100.0, covered / _span_seconds(first, last) * 100)
        return MeterQuantity(meter.pk, meter.code, meter.name, meter.unit, value,
                             round(pct, 3), first, last)

    def meters_of(self, park_id: int, company_ids: Sequence[int]
                  ) -> list[tuple[str, str, str]]:
        # a virtual meter sums others: named for one connection it would count them twice
        rows = Meter.objects.filter(park_id=park_id).filter(
            Q(company_id__in=list(company_ids)) | Q(company__isnull=True)).exclude(
                resource__in=DRIVER_RESOURCES).exclude(register="virtual").order_by("code")
        return [(m.code, "{} {} ({})".format(m.code, m.name, m.unit), m.unit) for m in rows]
