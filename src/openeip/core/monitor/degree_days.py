"""Mean temperatures by period and degree days computed from them.

A temperature meter's readings are mean temperatures over their intervals, so its period value
is the time-weighted mean :math:`\\bar T = \\sum_i T_i s_i / \\sum_i s_i` (:math:`s_i`: seconds
of reading :math:`i` inside the period), never a sum. A day's degree days, for a base
temperature :math:`T_b` (``data/monitor/degree_days.csv``, with its source and verification):

.. math::  HDD = (T_b - \\bar T)^+, \\qquad CDD = (\\bar T - T_b)^+

A day whose readings cover less than ``min_coverage_pct`` (quality.csv) gets no degree days:
it stays a gap, never filled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from openeip.core.catalogues._table import read_table
from openeip.core.errors import CatalogueError
from openeip.core.monitor._settings import setting
from openeip.core.monitor.readings import DEFAULT_TZ, Interval
from openeip.core.monitor.rollup import Period, period_bounds, rollup

__all__ = ["BaseTemperature", "base_temperature", "base_temperatures", "degree_days", "means"]

KINDS = ("heating", "cooling")


@dataclass(frozen=True, slots=True)
class BaseTemperature:
    name: str
    kind: str
    base_c: float
    source: str
    year: int
    verification: str


@lru_cache(maxsize=1)
def base_temperatures() -> tuple[BaseTemperature, ...]:
    """Every base of ``data/monitor/degree_days.csv``."""
    return tuple(BaseTemperature(r["base"], r["kind"], float(r["base_c"]), r["source"],
                                 int(r["year"]), r["verification"])
                 for r in read_table("monitor/degree_days.csv").rows)


def base_temperature(name: str, kind: str) -> BaseTemperature:
    """The base ``name`` for ``kind`` (heating or cooling) degree days."""
    for row in base_temperatures():
        if row.name == name and row.kind == kind:
            return row
    known = sorted({"{} ({})".format(r.name, r.kind) for r in base_temperatures()})
    raise CatalogueError("no base temperature '{}' for {} degree days in degree_days.csv; it "
                         "has {}".format(name, kind, ", ".join(known)))


def means(readings: Sequence[Interval], interval: str, tz: str = DEFAULT_TZ,
          start: dt.datetime | None = None, end: dt.datetime | None = None) -> list[Period]:
    """The readings' time-weighted mean by ``interval`` (value = mean; periods without a
    reading keep 0 with nothing covered)."""
    weighted = [Interval(r.start, r.end, r.value * r.seconds, r.flags) for r in readings]
    periods = rollup(weighted, interval, tz, start=start, end=end)
    for period in periods:
        period.value = period.value / period.covered_seconds if period.covered_seconds else 0.0
    return periods


def degree_days(days: Sequence[Period], base_c: float, kind: str
                ) -> list[tuple[dt.date, float | None]]:
    """Each day's heating or cooling degree days from its mean temperature (``days``: the
    daily :func:`means`); None for a day not covered enough."""
    if kind not in KINDS:
        raise ValueError("degree days are heating or cooling, not {!r}".format(kind))
    minimum = setting("min_coverage_pct", "day").value / 100
    out: list[tuple[dt.date, float | None]] = []
    for day in days:
        if day.coverage < minimum:
            out.append((day.start.date(), None))
            continue
        gap = base_c - day.value if kind == "heating" else day.value - base_c
        out.append((day.start.date(), max(gap, 0.0)))
    return out


def day_bounds(first: dt.date, last: dt.date, tz: str = DEFAULT_TZ
               ) -> list[tuple[dt.datetime, dt.datetime]]:
    """The local days from ``first`` to ``last`` (both included)."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(tz)
    start = dt.datetime(first.year, first.month, first.day, tzinfo=zone)
    end = dt.datetime(last.year, last.month, last.day, tzinfo=zone) + dt.timedelta(days=1)
    return period_bounds(start, end, "day", tz)
