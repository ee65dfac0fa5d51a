"""A meter's series by hour, day or month, its baseline and its savings: the stored readings
and daily totals handed to ``openeip.core.monitor`` (which holds every rule)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from openeip.core import monitor
from openeip.core.errors import DomainError
from openeip.core.monitor.rollup import BLOCKING, Period, period_bounds
from openeip.web.monitor.models import DailyTotal, Meter, NonRoutineAdjustment, Reading

__all__ = ["Fit", "SavingsResult", "fit_baseline", "local_span", "series", "verify_savings"]

INTERVALS = ("hour", "day", "month")


def local_span(meter: Meter, first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """From the start of ``first`` to the end of ``last`` (whole local days)."""
    zone = ZoneInfo(meter.time_zone)
    start = dt.datetime(first.year, first.month, first.day, tzinfo=zone)
    end = dt.datetime(last.year, last.month, last.day, tzinfo=zone) + dt.timedelta(days=1)
    return start, end


def _from_days(meter: Meter, interval: str, start: dt.datetime, end: dt.datetime
               ) -> list[Period]:
    periods = [Period(s, e) for s, e in period_bounds(start, end, interval, meter.time_zone)]
    if not periods:
        return periods
    rows = DailyTotal.objects.filter(meter=meter, day__gte=start.date(),
                                     day__lt=end.date()).values_list(
        "day", "value", "covered_seconds", "flags").order_by("day")
    index = 0
    for day, value, covered, flags in rows:
        moment = dt.datetime(day.year, day.month, day.day, tzinfo=start.tzinfo)
        while index < len(periods) and periods[index].end <= moment:
            index += 1
        if index == len(periods):
            break
        period = periods[index]
        period.value += value
        period.covered_seconds += covered
        if flags:
            period.flags |= set(flags.split(","))
    return periods


def _from_readings(meter: Meter, start: dt.datetime, end: dt.datetime) -> list[Period]:
    readings = [monitor.Interval(s, e, v, frozenset(f.split(",")) if f else frozenset())
                for s, e, v, f in Reading.objects.filter(
                    meter=meter, start__lt=end, end__gt=start).values_list(
                        "start", "end", "value", "flags")]
    return monitor.rollup(readings, "hour", meter.time_zone, start=start, end=end)


def _means(meter: Meter, interval: str, start: dt.datetime, end: dt.datetime) -> list[Period]:
    readings = [monitor.Interval(s, e, v, frozenset(f.split(",")) if f else frozenset())
                for s, e, v, f in Reading.objects.filter(
                    meter=meter, start__lt=end, end__gt=start).values_list(
                        "start", "end", "value", "flags")]
    return monitor.means(readings, interval, meter.time_zone, start=start, end=end)


def series(meter: Meter, interval: str, start: dt.datetime, end: dt.datetime) -> list[Period]:
    """The meter's periods from ``start`` to ``end`` (virtual meters: the signed sum of their
    components; a period is covered as far as its least covered component). A temperature
    meter's period is the time-weighted mean of its readings, never their sum."""
    if interval not in INTERVALS:
        raise DomainError(_("'{interval}' is not an interval; use hour, day or month").format(
            interval=interval), "interval")
    if meter.resource == "temperature" and meter.register != "virtual":
        return _means(meter, interval, start, end)
    if meter.register == "virtual":
        return _virtual(meter, interval, start, end)
    if interval == "hour":
        return _from_readings(meter, start, end)
    return _from_days(meter, interval, start, end)


def _virtual(meter: Meter, interval: str, start: dt.datetime, end: dt.datetime
             ) -> list[Period]:
    parts = []
    for component in meter.components or []:
        other = Meter.objects.filter(park=meter.park, code=component.get("meter")).first()
        if other is None or other.register == "virtual":
            raise DomainError(_("Virtual meter {code}: its component '{part}' is not a stored "
                                "meter of the park.").format(code=meter.code,
                                                             part=component.get("meter")),
                              "components")
        parts.append((float(component.get("sign", 1)), series(other, interval, start, end)))
    if not parts:
        raise DomainError(_("Virtual meter {code} has no components.").format(code=meter.code),
                          "components")
    out = []
    for index, first in enumerate(parts[0][1]):
        period = Period(first.start, first.end)
        period.covered_seconds = min(p[index].covered_seconds for _s, p in parts)
        period.value = math.fsum(sign * p[index].value for sign, p in parts)
        for _s, p in parts:
            period.flags |= p[index].flags
        out.append(period)
    return out


def _usable(periods: Sequence[Period], interval: str) -> list[bool]:
    minimum = monitor.setting("min_coverage_pct", interval).value / 100
    return [p.coverage >= minimum and not (p.flags & BLOCKING) for p in periods]


@dataclass
class Fit:
    meter: Meter
    interval: str
    start: dt.datetime
    end: dt.datetime
    drivers: list[Meter]
    selection: monitor.Selection
    sufficiency: monitor.Sufficiency
    periods: list[Period]
    x: dict[str, list[float]]
    used: list[bool]

    def as_dict(self) -> dict[str, Any]:
        model = self.selection.chosen
        out = model.as_dict()
        out.update(meter=self.meter.code, unit=self.meter.unit, explanation=self.selection
                   .explanation, acceptance={"max_cv_rmse_pct": self.selection.criteria
                                             .max_cv_rmse_pct,
                                             "max_abs_nmbe_pct": self.selection.criteria
                                             .max_abs_nmbe_pct,
                                             "source": self.selection.criteria.source},
                   left_out=len(self.periods) - sum(self.used),
                   candidates=[{"model": m.label(), "r2": m.r2, "cv_rmse_pct": m.cv_rmse_pct,
                                "nmbe_pct": m.nmbe_pct, "p": m.p, "accepted": m.accepted,
                                "significant": m.significant, "kind": m.kind}
                               for m in self.selection.models])
        return out


def _aligned(meter: Meter, drivers: Sequence[Meter], interval: str, start: dt.datetime,
             end: dt.datetime) -> tuple[list[Period], dict[str, list[float]], list[bool]]:
    periods = series(meter, interval, start, end)
    usable = _usable(periods, interval)
    x: dict[str, list[float]] = {}
    for driver in drivers:
        if driver.time_zone != meter.time_zone:
            raise DomainError(_("Driver {driver} keeps time in {tz}, the meter in {own}: give "
                                "them one time zone.").format(driver=driver.code,
                                                              tz=driver.time_zone,
                                                              own=meter.time_zone), "driver")
        values = series(driver, interval, start, end)
        x[driver.code] = [p.value for p in values]
        usable = [u and ok for u, ok in zip(usable, _usable(values, interval), strict=True)]
    return periods, x, usable


def fit_baseline(meter: Meter, first: dt.date, last: dt.date, drivers: Sequence[Meter],
                 interval: str, change_point: Meter | None = None) -> Fit:
    """The baseline over every combination of ``drivers`` on the covered periods (with
    ``change_point``, one of the drivers measuring temperature, the change-point models over it
    too); DomainError ('from') when the data are not sufficient, saying why."""
    if change_point is not None and change_point.code not in {d.code for d in drivers}:
        drivers = [*drivers, change_point]
    if change_point is not None and change_point.resource != "temperature":
        raise DomainError(_("Change-point models need a temperature driver; {code} measures "
                            "{resource}.").format(code=change_point.code,
                                                  resource=change_point.get_resource_display()),
                          "change_point")
    start, end = local_span(meter, first, last)
    periods, x, usable = _aligned(meter, drivers, interval, start, end)
    checked = [Period(p.start, p.end, p.value, p.covered_seconds if ok else 0.0,
                      set(p.flags)) for p, ok in zip(periods, usable, strict=True)]
    enough = monitor.sufficiency(checked, interval, parameters=1 + len(drivers)
                                 if change_point is None else max(5, 1 + len(drivers)))
    if not enough.ok:
        raise DomainError(_("Not enough data to fit a baseline of {meter} from {first} to "
                            "{last}: {reasons}.").format(meter=meter.code, first=first,
                                                         last=last,
                                                         reasons="; ".join(enough.reasons)),
                          "from")
    y = [p.value for p, ok in zip(periods, usable, strict=True) if ok]
    xs = {code: [v for v, ok in zip(values, usable, strict=True) if ok]
          for code, values in x.items()}
    try:
        selection = monitor.fit_all(y, xs, interval, change_point=change_point.code
                                    if change_point is not None else None)
    except ValueError as error:
        raise DomainError(str(error), "driver") from None
    return Fit(meter, interval, start, end, list(drivers), selection, enough, periods, x,
               usable)


@dataclass
class SavingsResult:
    fit: Fit
    savings: monitor.Savings
    periods: list[Period]
    used: list[bool]
    start: dt.datetime
    end: dt.datetime

    def as_dict(self) -> dict[str, Any]:
        out = self.savings.as_dict()
        out.update(meter=self.fit.meter.code, unit=self.fit.meter.unit,
                   interval=self.fit.interval, model=self.fit.selection.chosen.label(),
                   accepted=self.fit.selection.chosen.accepted,
                   baseline={"from": self.fit.start.date().isoformat(),
                             "to": (self.fit.end - dt.timedelta(days=1)).date().isoformat()},
                   reporting={"from": self.start.date().isoformat(),
                              "to": (self.end - dt.timedelta(days=1)).date().isoformat()},
                   left_out=len(self.periods) - sum(self.used))
        return out


def _adjustments(meter: Meter, periods: Sequence[Period]) -> list[float]:
    """Each non-routine adjustment spread over its days, pro rata, into the periods."""
    out = [0.0] * len(periods)
    zone = ZoneInfo(meter.time_zone)
    for row in NonRoutineAdjustment.objects.filter(meter=meter):
        a_start = dt.datetime(row.start.year, row.start.month, row.start.day, tzinfo=zone)
        a_end = dt.datetime(row.end.year, row.end.month, row.end.day,
                            tzinfo=zone) + dt.timedelta(days=1)
        length = (a_end - a_start).total_seconds()
        for index, period in enumerate(periods):
            share = (min(a_end, period.end) - max(a_start, period.start)).total_seconds()
            if share > 0 and length > 0:
                out[index] += row.quantity * share / length
    return out


def verify_savings(meter: Meter, baseline: tuple[dt.date, dt.date],
                   reporting: tuple[dt.date, dt.date], drivers: Sequence[Meter], interval: str,
                   confidence: float = 0.68) -> SavingsResult:
    """Savings over the reporting period predicted by the baseline chosen on the baseline
    period, with the meter's non-routine adjustments; periods not covered are left out of both
    sums (and counted)."""
    fit = fit_baseline(meter, baseline[0], baseline[1], drivers, interval)
    start, end = local_span(meter, reporting[0], reporting[1])
    if start < fit.end:
        raise DomainError(_("The reporting period must start after the baseline period ends."),
                          "from")
    periods, x, usable = _aligned(meter, drivers, interval, start, end)
    if not any(usable):
        raise DomainError(_("No period of {meter} from {first} to {last} is covered by "
                            "readings.").format(meter=meter.code, first=reporting[0],
                                                last=reporting[1]), "to")
    adjustments = _adjustments(meter, periods)
    kept = [i for i, ok in enumerate(usable) if ok]
    result = monitor.savings(
        fit.selection.chosen, [periods[i].value for i in kept],
        {code: [values[i] for i in kept] for code, values in x.items()}, confidence=confidence,
        adjustments=[adjustments[i] for i in kept])
    return SavingsResult(fit, result, periods, usable, start, end)
