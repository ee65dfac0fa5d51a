"""Symbiosis exchanges measured by a meter: the realised quantity of a month (or a whole year)
read from the meter and recorded through symbiosis' own service (monitor sits above symbiosis and
may import it; symbiosis never imports monitor).

A quantity is read only when the meter's readings cover at least ``min_coverage_pct``
(``data/monitor/quality.csv``, 90 %) of the period; it is converted from the meter's unit to the
exchange's unit, and the record's note names the meter and its coverage."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from openeip.core import monitor
from openeip.core.errors import DomainError
from openeip.core.units import parse_unit, quantity
from openeip.web.base import formatting
from openeip.web.monitor.models import ExchangeMeter, Meter
from openeip.web.monitor.services.wiring import MonitorMeters
from openeip.web.registry.models import AuditEntry
from openeip.web.registry.services import audit
from openeip.web.symbiosis.models import ExchangeRecord, Opportunity
from openeip.web.symbiosis.services import pipeline

__all__ = ["choices_for", "converts", "exchanges_for", "link_exchange", "record_from_meter"]


def exchanges_for(meter: Meter, user: Any) -> Any:
    """The exchanges the meter may measure: those of its company (either side), or of its park
    for a park meter, that the user may change."""
    rows = Opportunity.objects.for_user(user, "change").select_related(
        "supply__company", "demand__company")
    if meter.company_id:
        return (rows.filter(supply__company_id=meter.company_id)
                | rows.filter(demand__company_id=meter.company_id))
    return rows.filter(supply__company__park_id=meter.park_id)


def converts(meter: Meter, opportunity: Opportunity) -> bool:
    """Do the meter's readings convert to the exchange's unit (an exchange without one takes
    the meter's)?"""
    if not opportunity.unit:
        return True
    try:
        quantity(1.0, meter.unit).to(parse_unit(opportunity.unit))
    except Exception:  # noqa: BLE001 - pint's DimensionalityError, an unreadable unit
        return False
    return True


def choices_for(meter: Meter, user: Any) -> list[Opportunity]:
    """What the meter page offers to link: exchanges the meter may measure, in a unit its
    readings convert to, not linked to it yet."""
    linked = set(ExchangeMeter.objects.filter(meter=meter).values_list("opportunity_id",
                                                                        flat=True))
    return [row for row in exchanges_for(meter, user).order_by("pk")
            if row.pk not in linked and converts(meter, row)]


def link_exchange(meter: Meter, opportunity: Opportunity, user: Any = None,
                  via: str = "web") -> ExchangeMeter:
    if not exchanges_for(meter, user).filter(pk=opportunity.pk).exists():
        raise DomainError(_("Meter {code} cannot measure this exchange: neither firm of the "
                            "exchange owns it.").format(code=meter.code), "opportunity")
    if not converts(meter, opportunity):
        raise DomainError(_("Meter {code} reads in {unit}, which does not convert to the "
                            "exchange's unit {target}: link a meter of that kind of "
                            "quantity.").format(code=meter.code, unit=meter.unit,
                                                target=opportunity.unit), "opportunity")
    link, created = ExchangeMeter.objects.get_or_create(
        meter=meter, opportunity=opportunity,
        defaults={"created_by": user if user is not None and user.is_authenticated else None})
    if created:
        audit.entry(user=user, via=via, action=AuditEntry.Action.CREATE, company=meter.company,
                    object_type="meter_exchange",
                    object_key="{} {} → #{}".format(meter.park.slug, meter.code, opportunity.pk),
                    changes={"opportunity": [None, opportunity.pk]}).save()
    return link


def _span(year: int, month: int) -> tuple[dt.date, dt.date]:
    if month == 0:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def record_from_meter(link: ExchangeMeter, year: int, month: int, user: Any = None,
                      via: str = "web") -> ExchangeRecord:
    """The exchange's realised quantity of ``year``/``month`` (0: the whole year) read from the
    meter; DomainError when the readings do not cover enough of it or the units differ."""
    if not 1990 <= year <= 2100 or not 0 <= month <= 12:
        raise DomainError(_("Give the year as four digits and the month as 1–12, or 0 for the "
                            "whole year."), "year")
    meter, opportunity = link.meter, link.opportunity
    first, last = _span(year, month)
    read = MonitorMeters().quantity(meter.park_id, meter.code, first, last)
    assert read is not None
    minimum = monitor.setting("min_coverage_pct", "any").value
    period = "{}-{:02d}".format(year, month) if month else str(year)
    if read.covered_pct < minimum:
        raise DomainError(_("Meter {code} covers only {covered} % of {period} (at least "
                            "{minimum} % needed): no realised quantity is read.").format(
                                code=meter.code, covered=formatting.fixed(read.covered_pct, 1),
                                period=period, minimum=round(minimum)), "month")
    try:
        value = float(quantity(read.quantity, meter.unit).to(parse_unit(opportunity.unit))
                      .magnitude) if opportunity.unit else read.quantity
    except Exception:  # noqa: BLE001 - pint's DimensionalityError, an unreadable unit
        raise DomainError(_("Meter {code} reads in {unit}, which does not convert to the "
                            "exchange's unit {other}.").format(
                                code=meter.code, unit=meter.unit, other=opportunity.unit),
                          "unit") from None
    note = _("meter {code}, {covered} % of {period} covered").format(
        code=meter.code, covered=round(read.covered_pct, 1), period=period)
    return pipeline.record_quantity(opportunity, year, month, round(value, 6), user, via,
                                    note=note)
