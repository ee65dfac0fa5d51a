"""Utilisation of a shared asset read from the tenants' meters.

A connection names the meter whose readings are what its tenant sends to the asset
(``AssetConnection.meter_code``: a meter of the tenant, or of the park). The meters are the
monitor app's, which sits beside services: they are read through ``openeip.web.base.metering``
(monitor registers its source from its ``ready()``), never by importing monitor.

A month's utilisation is the sum of every connected tenant's metered quantity over the month,
in the asset's capacity unit (a rate such as m³/day is the quantity over the month's days). It
is read only when every connection has a meter and each meter's readings cover at least the
monitor's minimum share of the month (90 %, ``data/monitor/quality.csv``); otherwise nothing is
written and the error says which tenant or meter is missing. The record keeps its source
(``meter``) and a detail naming every meter with its coverage.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.core.i18n import gettext_noop, message, to_json
from openeip.core.units import quantity, ureg
from openeip.web.base.metering import MeterQuantity, meter_source
from openeip.web.registry.models import AuditEntry
from openeip.web.registry.services import audit
from openeip.web.services.models import AssetConnection, SharedAsset, UtilisationRecord

__all__ = ["link_meter", "linkable_meters", "utilisation_from_meters"]


def _source() -> Any:
    source = meter_source()
    if source is None:
        raise DomainError(_("Meters are not available: the monitoring app is not installed."),
                          "meter")
    return source


def linkable_meters(connection: AssetConnection) -> list[tuple[str, str]]:
    """(code, label) of the meters the connection may name: its tenant's and the park's own,
    reading in a unit that converts to the asset's capacity unit (as a total or per day)."""
    source = meter_source()
    if source is None:
        return []
    return [(code, label) for code, label, unit in source.meters_of(
        connection.asset.park_id, [connection.company_id])
        if _converts(unit, connection.asset.capacity_unit)]


def _converts(unit: str, capacity_unit: str) -> bool:
    try:
        _in_capacity_unit(ureg.Quantity(1.0, ureg(unit).units), 30, capacity_unit)
    except Exception:  # noqa: BLE001 - an unreadable unit or one of another kind
        return False
    return True


def link_meter(connection: AssetConnection, code: str, user: Any = None,
               via: str = "web") -> AssetConnection:
    """Name (or, with '', clear) the meter of a connection."""
    code = code.strip()
    if code and code not in {c for c, _label in linkable_meters(connection)}:
        raise DomainError(_("Meter '{code}' is not a meter of {company} or of the park.").format(
            code=code, company=connection.company.code), "meter_code")
    before = connection.meter_code
    if before == code:
        return connection
    connection.meter_code = code
    connection.save(update_fields=["meter_code"])
    audit.entry(user=user, via=via, action=AuditEntry.Action.UPDATE, company=connection.company,
                object_type="asset_connection",
                object_key="{} {} {}".format(connection.asset.park.slug, connection.asset.code,
                                             connection.company.code),
                changes={"meter_code": [before, code]}).save()
    return connection


def _month(start: dt.date) -> tuple[dt.date, dt.date, int]:
    first = start.replace(day=1)
    days = calendar.monthrange(first.year, first.month)[1]
    return first, first.replace(day=days), days


def _in_capacity_unit(total: Any, days: int, unit: str) -> float:
    try:
        target = ureg(unit).units
    except Exception:  # noqa: BLE001 - pint raises several kinds for an unreadable unit
        raise DomainError(_("The asset's capacity unit '{unit}' cannot be read.").format(
            unit=unit), "capacity_unit") from None
    for candidate in (total / (days * ureg.day), total):
        try:
            return float(candidate.to(target).magnitude)
        except Exception:  # noqa: BLE001, S112 - DimensionalityError: try the other form
            continue
    raise DomainError(_("The meters read in {unit}, which does not convert to the asset's "
                        "capacity unit {capacity}.").format(unit=format(total.units, "~P"),
                                                            capacity=unit), "capacity_unit")


def utilisation_from_meters(asset: SharedAsset, month: dt.date, user: Any = None,
                            via: str = "web") -> UtilisationRecord:
    """The month's utilisation of ``asset`` read from its tenants' meters (the module's rule);
    DomainError saying what is missing otherwise."""
    source = _source()
    first, last, days = _month(month)
    connections = list(AssetConnection.objects.filter(asset=asset).select_related("company"))
    if not connections:
        raise DomainError(_("No tenant is connected to this asset."), "meter_code")
    unmetered = [c.company.code for c in connections if not c.meter_code]
    if unmetered:
        raise DomainError(_("Tenants without a meter: {codes}. Link their meters, or record "
                            "the utilisation by hand.").format(codes=", ".join(unmetered)),
                          "meter_code")
    minimum = source.min_coverage_pct()
    read: list[MeterQuantity] = []
    for connection in connections:
        found = source.quantity(asset.park_id, connection.meter_code, first, last)
        if found is None:
            raise DomainError(_("Meter '{code}' of {company} no longer exists.").format(
                code=connection.meter_code, company=connection.company.code), "meter_code")
        if found.covered_pct < minimum:
            raise DomainError(_("Meter {code} covers only {covered} % of {month} (at least "
                                "{minimum} % needed): nothing is read.").format(
                                    code=found.code, covered=round(found.covered_pct, 1),
                                    month=first.strftime("%Y-%m"), minimum=round(minimum)),
                              "period_start")
        read.append(found)
    total = quantity(0, read[0].unit)
    for found in read:
        try:
            total = total + quantity(found.quantity, found.unit).to(total.units)
        except Exception:  # noqa: BLE001 - meters in units that do not add up
            raise DomainError(_("Meter {code} reads in {unit}, which does not add to {other}.")
                              .format(code=found.code, unit=found.unit, other=read[0].unit),
                              "meter_code") from None
    used = _in_capacity_unit(total, days, asset.capacity_unit)
    detail = message(gettext_noop("Read from meters {meters}: {total} {unit} over {days} days."),
                     meters=", ".join("{} ({} %)".format(f.code, round(f.covered_pct, 1))
                                      for f in read),
                     total=round(float(total.magnitude), 3), unit=format(total.units, "~P"),
                     days=days)
    record, _created = UtilisationRecord.objects.update_or_create(
        asset=asset, period_start=first,
        defaults={"used": round(used, 6), "source": UtilisationRecord.Source.METER,
                  "park": asset.park, "detail": to_json(detail)})
    audit.entry(user=user, via=via, action=AuditEntry.Action.UPDATE, company=None,
                object_type="asset_utilisation",
                object_key="{} {} {}".format(asset.park.slug, asset.code, first.isoformat()),
                changes={"used": [None, record.used], "source": [None, "meter"]}).save()
    return record
