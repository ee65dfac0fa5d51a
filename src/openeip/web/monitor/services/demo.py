"""Demo meters: synthetic, labelled as such (names end in "(demo)"), deterministic per seed.

For three companies of the demo park (the lead company first): two years of hourly
electricity, daily water and daily production (the driver), and a monthly electricity target;
a virtual meter of the park summing the three companies' electricity. The second company's
electricity meter has a 10-day gap in its second year (flagged on its page). The lead
company's first option that saves a metered flow (its grid electricity or its water) is
implemented at the start of the second year, that meter then reads less by the option's
evaluated share (3 to 25 %), and the option is verified by the meter (baseline: year one,
monthly, production as driver; reporting: year two).

The numbers are invented to show the method, not measured: each meter's yearly total is the
company's recorded flow (or a default), 30 % of electricity (20 % of water) a base load and
the rest in proportion to the day's production (on the 16 working hours), with noise.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import IO, Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openeip.core import monitor
from openeip.core.errors import DomainError, UnitError
from openeip.core.units import quantity, to_base
from openeip.web.base import workflow
from openeip.web.monitor.models import DailyTotal, Meter, OptionVerification, Target
from openeip.web.monitor.services.readings import store_intervals
from openeip.web.monitor.services.verify import verify_option
from openeip.web.recp.models import AssessmentOption, OptionStatus
from openeip.web.recp.services.company import refresh_snapshot
from openeip.web.registry.models import Company, Park, ResourceFlow

__all__ = ["seed_monitor_demo"]

TZ = "Asia/Ho_Chi_Minh"
COMPANIES = 3
GAP_DAYS = 10


def _years() -> tuple[int, int]:
    """The two complete years before the current one."""
    year = timezone.now().year
    return year - 2, year - 1


def _flow(company: Company, kind: str, source: str, default: str) -> tuple[str, float | None]:
    """The description of the company's main flow of ``kind`` from ``source`` and its yearly
    total in the base unit (MWh, m³), from its latest year; the default name and None when
    the company records none."""
    rows = ResourceFlow.objects.filter(company=company, kind=kind, source=source,
                                       direction="input")
    latest = rows.order_by("-period__year").first()
    if latest is None:
        return default, None
    try:
        total = sum(to_base(quantity(f.quantity, f.unit))[0] for f in rows.filter(
            description=latest.description, period__year=latest.period.year))
    except (UnitError, ValueError):
        return latest.description, None
    return latest.description, total


def _saving_option(company: Company, descriptions: set[str]) -> AssessmentOption | None:
    """The company's first option (in workflow order: furthest along first) that saves one of
    the metered flows, if the RECP demo made one."""
    rank: dict[str, int] = {OptionStatus.APPROVED: 0, OptionStatus.STUDIED: 1,
                            OptionStatus.IDENTIFIED: 2}
    options = [o for o in AssessmentOption.objects.filter(assessment__company=company)
               .order_by("pk") if o.status in rank or o.status in (
                   OptionStatus.IMPLEMENTED, OptionStatus.VERIFIED)
               if any(s.get("description") in descriptions for s in o.savings or [])]
    options.sort(key=lambda o: rank.get(o.status, -1))
    return options[0] if options else None


def _share(option: AssessmentOption | None, description: str, yearly: float | None) -> float:
    """The option's evaluated saving as a share of the flow's yearly total (3 to 25 %)."""
    if option is None or not yearly:
        return 0.0
    try:
        saved = sum(to_base(quantity(float(s.get("quantity") or 0), str(s.get("unit"))))[0]
                    for s in option.savings if s.get("description") == description)
    except (UnitError, ValueError):
        return 0.08
    return min(max(saved / yearly, 0.03), 0.25)


def _meter(company: Company | None, park: Park, code: str, name: str, resource: str, unit: str,
           **extra: Any) -> Meter:
    meter, _created = Meter.objects.get_or_create(
        park=park, code=code, defaults={"company": company, "name": name, "resource": resource,
                                        "unit": unit, "time_zone": TZ, **extra})
    return meter


def _daily_production(rng: random.Random, first: dt.date, days: int, scale: float
                      ) -> list[float]:
    out = []
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        season = 1 + 0.15 * math.sin(2 * math.pi * (day.timetuple().tm_yday - 80) / 365)
        working = 0.35 if day.weekday() == 6 else 1.0  # Sundays: a skeleton shift
        out.append(max(0.0, scale * season * working * rng.uniform(0.85, 1.15)))
    return out


def _seed_company(company: Company, index: int, rng: random.Random, lead: bool,
                  gap: bool) -> tuple[dict[str, Meter], AssessmentOption | None, int]:
    first_year, last_year = _years()
    zone = ZoneInfo(TZ)
    start_day = dt.date(first_year, 1, 1)
    days = (dt.date(last_year + 1, 1, 1) - start_day).days
    code = company.code
    el_name, el_mwh = _flow(company, "energy", "grid", "Grid electricity")
    wa_name, wa_m3 = _flow(company, "water", "supplier", "Tap water")
    meters = {
        "EL": _meter(company, company.park, code + "-EL", _("Main incomer (demo)"),
                     "electricity", "kWh", flow_kind="energy", flow_description=el_name),
        "WA": _meter(company, company.park, code + "-WA", _("Water main (demo)"), "water", "m³",
                     flow_kind="water", flow_description=wa_name),
        "PR": _meter(company, company.park, code + "-PR", _("Production (demo)"), "production",
                     "t")}
    option = _saving_option(company, {el_name, wa_name}) if lead else None
    if DailyTotal.objects.filter(meter=meters["EL"]).exists():
        return meters, option, 0
    saving_el = _share(option, el_name, el_mwh)
    saving_wa = _share(option, wa_name, wa_m3)
    tonnes = _daily_production(rng, start_day, days, 20.0 + 8 * index)
    mean = sum(tonnes) / len(tonnes)
    kwh_day = (el_mwh or 2000.0 + 500 * index) * 1000 / 365
    m3_day = (wa_m3 or 60000.0 + 15000 * index) / 365
    hourly, daily_water, daily_output = [], [], []
    gap_start = dt.date(last_year, 5, 10)
    for offset, made in enumerate(tonnes):
        day = start_day + dt.timedelta(days=offset)
        midnight = dt.datetime(day.year, day.month, day.day, tzinfo=zone)
        after = day.year == last_year
        relative = made / mean if mean else 1.0
        daily_output.append(monitor.Interval(midnight, midnight + dt.timedelta(days=1), made))
        water = m3_day * (0.2 + 0.8 * relative) * rng.uniform(0.95, 1.05)
        daily_water.append(monitor.Interval(midnight, midnight + dt.timedelta(days=1),
                                            round(water * (1 - saving_wa if after else 1), 2)))
        if gap and gap_start <= day < gap_start + dt.timedelta(days=GAP_DAYS):
            continue  # the logger was down: no readings, flagged as a gap
        energy = kwh_day * (1 - saving_el if after else 1)
        for hour in range(24):
            use = 0.3 * energy / 24 + (0.7 * energy * relative / 16 if 6 <= hour < 22 else 0)
            begin = midnight + dt.timedelta(hours=hour)
            hourly.append(monitor.Interval(begin, begin + dt.timedelta(hours=1),
                                           round(use * rng.uniform(0.95, 1.05), 3)))
    store_intervals(meters["EL"], hourly)
    store_intervals(meters["WA"], daily_water)
    store_intervals(meters["PR"], daily_output)
    year_one = sum(i.value for i in hourly if i.start.year == first_year)
    Target.objects.get_or_create(
        meter=meters["EL"], interval="month", defaults={
            "limit": round(year_one / 12 * 0.95, -2), "starts_on": dt.date(last_year, 1, 1),
            "note": _("5 % below the first year's monthly average (demo)")})
    return meters, option, len(hourly) + 2 * days


def _verify_lead(option: AssessmentOption | None, meters: dict[str, Meter]) -> str:
    if option is None:
        return _("no option of the lead company saves a metered flow")
    if OptionVerification.objects.filter(option=option).exists():
        return _("option already verified")
    names = {s.get("description") for s in option.savings or []}
    meter = next(m for m in (meters["EL"], meters["WA"]) if m.flow_description in names)
    for status in (OptionStatus.STUDIED, OptionStatus.APPROVED, OptionStatus.IMPLEMENTED):
        if status in AssessmentOption.workflow.allowed_next(option.status):
            workflow.transition(option, status, None, "cli")
    first_year, last_year = _years()
    try:
        verify_option(option, meter, (dt.date(first_year, 1, 1), dt.date(first_year, 12, 31)),
                      (dt.date(last_year, 1, 1), dt.date(last_year, 12, 31)), [meters["PR"]],
                      "month", None, "cli")
        option.refresh_from_db()
        if option.status != OptionStatus.VERIFIED:  # the meter's savings may have verified it
            workflow.transition(option, OptionStatus.VERIFIED, None, "cli")
    except DomainError as error:
        return str(error)
    return _("option {option} verified by meter {meter}").format(
        option=option.template_code or option.pk, meter=meter.code)


def seed_monitor_demo(park: Park, lead_company_code: str, stdout: IO[str] | None = None,
                      seed: int = 2024) -> None:
    """Meters, two years of readings, targets and one verified option (idempotent)."""
    rng = random.Random(seed)
    companies = list(Company.objects.filter(park=park).order_by("code"))
    lead = next((c for c in companies if c.code == lead_company_code), None)
    chosen = ([lead] if lead else []) + [c for c in companies if c is not lead]
    chosen = chosen[:COMPANIES]
    readings = 0
    electricity_meters = []
    result = ""
    with transaction.atomic():
        for index, company in enumerate(chosen):
            meters, option, made = _seed_company(company, index, rng, lead=index == 0,
                                                 gap=index == 1)
            readings += made
            electricity_meters.append(meters["EL"])
            if index == 0:
                result = _verify_lead(option, meters)
                # the option changed: its company's RECP figures follow (as a page would)
                refresh_snapshot(company, "AR5")
        _meter(None, park, "PARK-EL", _("Park electricity, three firms (demo)"), "electricity",
               "kWh", register="virtual",
               components=[{"meter": m.code, "sign": 1} for m in electricity_meters])
    if stdout is not None:
        stdout.write(_("Monitoring: {meters} meters, {readings} readings; {result}.").format(
            meters=Meter.objects.filter(park=park).count(), readings=readings,
            result=result) + "\n")
