"""Roll-ups of readings (hour → day → month, or billing periods between read dates) and the
sufficiency check before a model is fitted.

A reading that straddles a period boundary is shared between the periods in proportion to
time (a bill from 15 Jan to 14 Feb gives 17/31 of its quantity to January). Periods are cut
in the meter's time zone. Each period keeps how much of it the readings cover and the flags of
the readings in it, so that a period with a hole is seen as such, not as a low month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from openeip.core.i18n import gettext as _
from openeip.core.monitor._settings import setting
from openeip.core.monitor.readings import DEFAULT_TZ, Interval

__all__ = ["Period", "Sufficiency", "billing_periods", "period_bounds", "rollup", "sufficiency"]

INTERVALS = ("hour", "day", "month")


@dataclass(slots=True)
class Period:
    start: dt.datetime
    end: dt.datetime
    value: float = 0.0
    covered_seconds: float = 0.0
    flags: set[str] = field(default_factory=set)

    @property
    def coverage(self) -> float:
        """Share of the period covered by readings, 0 to 1."""
        total = (self.end - self.start).total_seconds()
        return min(1.0, self.covered_seconds / total) if total > 0 else 0.0


def _floor(moment: dt.datetime, interval: str, zone: ZoneInfo) -> dt.datetime:
    local = moment.astimezone(zone)
    if interval == "hour":
        return local.replace(minute=0, second=0, microsecond=0)
    if interval == "day":
        return local.replace(hour=0, minute=0, second=0, microsecond=0)
    if interval == "month":
        return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    raise ValueError(_("'{interval}' is not an interval; use hour, day or month").format(
        interval=interval))


def _next(start: dt.datetime, interval: str) -> dt.datetime:
    if interval == "hour":
        # in UTC, so a daylight-saving zone still gives 60-minute hours
        return (start.astimezone(dt.UTC) + dt.timedelta(hours=1)).astimezone(start.tzinfo)
    if interval == "day":
        nxt = start.date() + dt.timedelta(days=1)
    else:
        nxt = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return dt.datetime(nxt.year, nxt.month, nxt.day, tzinfo=start.tzinfo)


def period_bounds(first: dt.datetime, last: dt.datetime, interval: str,
                  tz: str = DEFAULT_TZ) -> list[tuple[dt.datetime, dt.datetime]]:
    """The consecutive periods of ``interval`` from the one holding ``first`` to the one
    holding the instant just before ``last``."""
    zone = ZoneInfo(tz)
    start = _floor(first, interval, zone)
    bounds = []
    while start < last:
        end = _next(start, interval)
        bounds.append((start, end))
        start = end
    return bounds


def _spread(readings: Sequence[Interval], bounds: Sequence[tuple[dt.datetime, dt.datetime]]
            ) -> list[Period]:
    periods = [Period(s, e) for s, e in bounds]
    if not periods:
        return periods
    ordered = sorted(readings, key=lambda r: r.start)
    index = 0
    for reading in ordered:
        while index < len(periods) and periods[index].end <= reading.start:
            index += 1
        length = reading.seconds
        position = index
        while position < len(periods) and periods[position].start < reading.end:
            period = periods[position]
            lo, hi = max(period.start, reading.start), min(period.end, reading.end)
            share = (hi - lo).total_seconds()
            if share > 0 and length > 0:
                period.value += reading.value * share / length
                period.covered_seconds += share
                period.flags |= reading.flags
                if reading.value < 0:
                    period.flags.add("negative")
            position += 1
    return periods


def rollup(readings: Sequence[Interval], interval: str, tz: str = DEFAULT_TZ,
           start: dt.datetime | None = None, end: dt.datetime | None = None) -> list[Period]:
    """The readings summed by ``interval`` (hour, day or month) from ``start`` (default: the
    first reading) to ``end`` (default: the last reading's end), empty periods included."""
    if interval not in INTERVALS:
        raise ValueError(_("'{interval}' is not an interval; use hour, day or month").format(
            interval=interval))
    if not readings and (start is None or end is None):
        return []
    first = start or min(r.start for r in readings)
    last = end or max(r.end for r in readings)
    return _spread(readings, period_bounds(first, last, interval, tz))


def billing_periods(readings: Sequence[Interval], read_dates: Sequence[dt.datetime]
                    ) -> list[Period]:
    """The readings summed between consecutive read dates (billing periods by read date)."""
    dates = sorted(read_dates)
    return _spread(readings, list(zip(dates, dates[1:], strict=False)))


@dataclass(frozen=True, slots=True)
class Sufficiency:
    """Whether the periods are enough to fit a model on, and why not."""

    ok: bool
    usable: int
    required: int
    #: the periods left out (coverage below the minimum, or a flag that makes them unusable)
    excluded: tuple[dt.datetime, ...]
    reasons: tuple[str, ...]


#: a period with one of these flags is not used to fit a model
BLOCKING = frozenset({"negative", "overlap"})


def sufficiency(periods: Sequence[Period], interval: str, parameters: int) -> Sufficiency:
    """Enough covered periods for a model of ``parameters`` fitted parameters?

    A period counts when readings cover ``min_coverage_pct`` of it and none of its readings is
    negative or overlapping; the model needs ``min_periods`` of them and at least p + 2.
    """
    minimum = setting("min_coverage_pct", interval).value / 100
    required = max(int(setting("min_periods", interval).value), parameters + 2)
    excluded = tuple(p.start for p in periods
                     if p.coverage < minimum or (p.flags & BLOCKING))
    usable = len(periods) - len(excluded)
    reasons = []
    if excluded:
        reasons.append(_("{count} period(s) left out: readings cover less than {pct:.0f} % of "
                         "them, or they hold negative or overlapping readings").format(
                             count=len(excluded), pct=minimum * 100))
    if usable < required:
        reasons.append(_("{usable} usable period(s); a model by {interval} needs at least "
                         "{required}").format(usable=usable, interval=interval,
                                              required=required))
    return Sufficiency(usable >= required, usable, required, excluded, tuple(reasons))
