"""Data-quality flags of one meter's readings: gaps, overlaps, spikes, stuck and negative values.

Readings are flagged, never filled or dropped: a flag names the readings (or the hole between
them) so that a person decides. The limits are in ``data/monitor/quality.csv``.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from openeip.core.monitor._settings import setting
from openeip.core.monitor.readings import Interval

__all__ = ["Flag", "check", "interval_name", "overlaps"]

#: the flags a reading may carry, in the order the pages list them
KINDS = ("gap", "overlap", "spike", "stuck", "negative", "rollover", "replacement")


@dataclass(frozen=True, slots=True)
class Flag:
    """A problem between ``start`` and ``end``: ``kind`` one of KINDS; ``value`` the reading's
    value (spike, stuck, negative) or None (gap, overlap); ``count`` readings involved."""

    kind: str
    start: dt.datetime
    end: dt.datetime
    value: float | None = None
    count: int = 1


def interval_name(seconds: float) -> str:
    """'hour', 'day' or 'month' for a typical reading length in seconds."""
    if seconds <= 3600:
        return "hour"
    if seconds <= 86400:
        return "day"
    return "month"


def check(readings: Sequence[Interval]) -> list[Flag]:
    """Every flag of ``readings`` (one meter), sorted by start."""
    ordered = sorted(readings, key=lambda r: (r.start, r.end))
    flags: list[Flag] = []
    flags += _gaps_and_overlaps(ordered)
    flags += _spikes(ordered)
    flags += _stuck(ordered)
    flags += [Flag(kind, r.start, r.end, r.value) for r in ordered for kind in
              ("negative", "rollover", "replacement") if kind in r.flags
              or (kind == "negative" and r.value < 0)]
    return sorted(flags, key=lambda f: (f.start, KINDS.index(f.kind)))


def overlaps(readings: Sequence[Interval]) -> list[Flag]:
    """Only the overlaps (cheap: what the daily roll-up marks, since overlapping readings would
    be counted twice)."""
    ordered = sorted(readings, key=lambda r: (r.start, r.end))
    return [f for f in _gaps_and_overlaps(ordered) if f.kind == "overlap"]


def _gaps_and_overlaps(ordered: Sequence[Interval]) -> list[Flag]:
    flags = []
    reach: dt.datetime | None = None
    for reading in ordered:
        if reach is not None:
            if reading.start > reach:
                flags.append(Flag("gap", reach, reading.start, None, 0))
            elif reading.start < reach:
                flags.append(Flag("overlap", reading.start, min(reach, reading.end)))
        reach = reading.end if reach is None else max(reach, reading.end)
    return flags


def _spikes(ordered: Sequence[Interval]) -> list[Flag]:
    by_length: dict[float, list[Interval]] = {}
    for reading in ordered:
        by_length.setdefault(reading.seconds, []).append(reading)
    limit = setting("spike_mad").value
    flags = []
    for group in by_length.values():
        if len(group) < 5:
            continue
        values = [r.value for r in group]
        median = statistics.median(values)
        mad = statistics.median(abs(v - median) for v in values)
        if mad == 0:
            continue
        scale = 1.4826 * mad
        flags += [Flag("spike", r.start, r.end, r.value) for r in group
                  if abs(r.value - median) > limit * scale]
    return flags


def _stuck(ordered: Sequence[Interval]) -> list[Flag]:
    flags = []
    run: list[Interval] = []

    def close() -> None:
        if run and run[0].value != 0:
            need = setting("stuck_run", interval_name(run[0].seconds)).value
            if len(run) >= need:
                flags.append(Flag("stuck", run[0].start, run[-1].end, run[0].value, len(run)))

    for reading in ordered:
        if run and (reading.value != run[-1].value or reading.start != run[-1].end
                    or reading.seconds != run[-1].seconds):
            close()
            run = []
        run.append(reading)
    close()
    return flags
