"""Alerts by e-mail (Django's mail backend): a meter that stopped sending readings (a data gap)
and a target breached in the last complete period. Each alert is sent once per meter, kind and
period (``Alert`` keeps what was sent); the recipients are the meter's company's members and
the park's managers who have an e-mail address. Run by ``openeip manage monitor_alerts`` (a cron
job or the task queue's schedule)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from openeip.core import monitor
from openeip.web.monitor.models import Alert, Meter, Reading, Target
from openeip.web.monitor.services.presenting import target_lights
from openeip.web.registry.models import CompanyMembership, ParkManager

__all__ = ["check_alerts", "recipients"]


def recipients(meter: Meter) -> list[str]:
    users = [m.user for m in ParkManager.objects.filter(park=meter.park).select_related("user")]
    if meter.company_id:
        users += [m.user for m in CompanyMembership.objects.filter(
            company_id=meter.company_id).select_related("user")]
    return sorted({u.email for u in users if u.email and u.is_active})


def _send(meter: Meter, kind: str, start: dt.datetime, end: dt.datetime,
          detail: dict[str, Any], subject: str, body: str) -> Alert | None:
    to = recipients(meter)
    try:
        with transaction.atomic():
            alert = Alert.objects.create(meter=meter, kind=kind, start=start, end=end,
                                         detail=detail, recipients=to)
    except IntegrityError:
        return None  # sent before
    if to:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    return alert


def _gap(meter: Meter, now: dt.datetime, language: str) -> Alert | None:
    last = Reading.objects.filter(meter=meter).aggregate(last=Max("end"))["last"]
    if last is None:
        return None
    hours = monitor.setting("alert_gap_hours").value
    if now - last <= dt.timedelta(hours=hours):
        return None
    with override(language):
        subject = _("OpenEIP: no readings from meter {code} since {time}").format(
            code=meter.code, time=last.astimezone(ZoneInfo(meter.time_zone)).strftime(
                "%Y-%m-%d %H:%M"))
        body = _("Meter {code} ({name}) of {owner} has sent no reading since {time} "
                 "({hours:.0f} hours). Check the meter, its logger and its gateway; the gap "
                 "is flagged on the meter's page and left out of baselines, never filled.").format(
            code=meter.code, name=meter.name,
            owner=meter.company.name if meter.company else meter.park.name,
            time=last.astimezone(ZoneInfo(meter.time_zone)).strftime("%Y-%m-%d %H:%M"),
            hours=(now - last).total_seconds() / 3600)
    return _send(meter, Alert.Kind.GAP, last, now, {"hours": (now - last).total_seconds() / 3600},
                 subject, body)


def _breaches(meter: Meter, today: dt.date, language: str) -> list[Alert]:
    sent = []
    for target in Target.objects.filter(meter=meter).select_related("per_driver"):
        for start, light in target_lights(target, today):
            if light.colour != "red":
                continue
            with override(language):
                subject = _("OpenEIP: meter {code} above its target").format(code=meter.code)
                body = _("Meter {code} ({name}): {kpi:.2f} against a limit of {limit:.2f} "
                         "{unit}{per} for the {interval} from {start}.").format(
                    code=meter.code, name=meter.name, kpi=light.kpi, limit=light.limit,
                    unit=meter.unit, per=" / " + target.per_driver.unit if target.per_driver
                    else "", interval=target.interval, start=start.date().isoformat())
            alert = _send(meter, Alert.Kind.TARGET, start, start, {
                "kpi": light.kpi, "limit": light.limit, "target": target.pk}, subject, body)
            if alert:
                sent.append(alert)
    return sent


def check_alerts(now: dt.datetime | None = None, language: str = "vi") -> list[Alert]:
    """Send every alert due now; the alerts sent."""
    now = now or timezone.now()
    sent: list[Alert] = []
    for meter in Meter.objects.exclude(register="virtual").select_related("park", "company"):
        alert = _gap(meter, now, language)
        if alert:
            sent.append(alert)
        sent += _breaches(meter, now.astimezone(ZoneInfo(meter.time_zone)).date(), language)
    return sent
