"""Meter readings: times, interval rows, cumulative registers.

* A time without an offset is read in the meter's time zone, ``Asia/Ho_Chi_Minh`` unless given.
* An **interval** reading carries its start and end and the quantity used between them; the end
  must come after the start and the quantity may not be negative.
* A **cumulative** register gives a running total at a timestamp; consecutive reads become
  intervals ``(t1, t2, v2 - v1)``. A fall of the register is explained, in this order, by a meter
  replacement recorded between the two reads (the old meter's last value and the new one's first
  value are known), or by a rollover of a register that wraps at ``rollover`` (the value after
  ``rollover - 1`` is 0, so the interval is ``v2 + rollover - v1``) when that wrapped interval
  is under half the register's range (a larger one is more likely an error). A fall that
  nothing explains is kept as a negative interval with the flag ``negative``: never dropped,
  never filled.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

from openeip.core.errors import CellError
from openeip.core.i18n import gettext as _
from openeip.core.numbers import parse_number

__all__ = [
    "DEFAULT_TZ",
    "Interval",
    "RegisterChange",
    "RegisterRead",
    "check_interval",
    "parse_time",
    "parse_value",
    "register_intervals",
]

#: the time zone of a time written without an offset
DEFAULT_TZ = "Asia/Ho_Chi_Minh"

_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
            "%Y-%m-%d", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y")


@dataclass(frozen=True, slots=True)
class Interval:
    """A quantity used between ``start`` and ``end`` (aware datetimes), with its flags."""

    start: dt.datetime
    end: dt.datetime
    value: float
    flags: frozenset[str] = field(default_factory=frozenset)

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()


@dataclass(frozen=True, slots=True)
class RegisterRead:
    """A cumulative register's value at ``timestamp``."""

    timestamp: dt.datetime
    value: float


@dataclass(frozen=True, slots=True)
class RegisterChange:
    """A meter replaced at ``timestamp``: the old register's last value, the new one's first."""

    timestamp: dt.datetime
    old_final: float
    new_initial: float


def parse_time(text: object, tz: str = DEFAULT_TZ) -> dt.datetime:
    """An aware datetime from ISO 8601 text (with or without offset), ``dd/mm/yyyy [HH:MM]``,
    or a datetime/date object; a naive time is taken in ``tz``. ValueError when unreadable."""
    if isinstance(text, str):
        return _parse_cached(text, tz)
    return _parse(text, tz)


@lru_cache(maxsize=200_000)
def _parse_cached(text: str, tz: str) -> dt.datetime:
    # a file of many meters repeats each time once per meter (and an interval's end is the
    # next one's start): parsed once
    return _parse(text, tz)


def _parse(text: object, tz: str) -> dt.datetime:
    zone = ZoneInfo(tz)
    if isinstance(text, dt.datetime):
        value = text
    elif isinstance(text, dt.date):
        value = dt.datetime(text.year, text.month, text.day)
    else:
        raw = str(text).strip()
        if not raw:
            raise ValueError(_("the time is empty"))
        value = _parse_text(raw)
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value


#: dd/mm/yyyy [HH:MM[:SS]] with two-digit fields: what strptime would read, read directly
_DAY_FIRST = re.compile(r"(\d\d)/(\d\d)/(\d{4})(?: (\d\d):(\d\d)(?::(\d\d))?)?")


def _parse_text(raw: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        pass
    found = _DAY_FIRST.fullmatch(raw)
    if found is not None:
        day, month, year, hour, minute, second = found.groups()
        try:
            return dt.datetime(int(year), int(month), int(day), int(hour or 0),
                               int(minute or 0), int(second or 0))
        except ValueError:
            pass  # 31/02/2025 and the like: the formats below word the problem
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(raw, fmt)
        except ValueError:
            continue
    raise ValueError(_("'{text}' is not a time; write it as 2025-01-31 14:00 (ISO 8601, "
                       "optionally with an offset such as +07:00)").format(text=raw))


def parse_value(text: object) -> float:
    """A finite number from a cell, read by the project's one number rule
    (:func:`openeip.core.numbers.parse_number`: spaces between thousands dropped, a comma refused
    because ``1,234`` is 1234 in English and 1.234 in Vietnamese); ValueError saying how to
    write it otherwise. Numbers a gateway sends as JSON numbers are taken as they are."""
    if isinstance(text, bool):
        raise ValueError(_("'{text}' is not a number").format(text=text))
    if isinstance(text, int | float):
        number = float(text)
    else:
        try:
            number = float(parse_number(str(text)))
        except CellError as error:
            raise ValueError(str(error)) from None
    if not math.isfinite(number):
        raise ValueError(_("'{text}' is not a finite number").format(text=text))
    return number


def check_interval(start: dt.datetime, end: dt.datetime, value: float) -> list[tuple[str, str]]:
    """The problems of one interval reading as (column, message); empty when it is sound."""
    problems: list[tuple[str, str]] = []
    if end <= start:
        problems.append(("end", _("the end ({end}) is not after the start ({start})").format(
            end=end.isoformat(), start=start.isoformat())))
    if value < 0:
        problems.append(("value", _("an interval reading may not be negative ({value}); a "
                                    "meter that runs backwards needs checking").format(
                                        value=value)))
    return problems


def register_intervals(reads: Iterable[RegisterRead], rollover: float | None = None,
                       changes: Sequence[RegisterChange] = ()) -> list[Interval]:
    """Intervals between consecutive register reads (sorted by time; equal times refused).

    Flags: ``rollover`` (wrapped register), ``replacement`` (a meter change in between),
    ``negative`` (a fall nothing explains; the value stays negative).
    """
    ordered = sorted(reads, key=lambda r: r.timestamp)
    out: list[Interval] = []
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.timestamp == before.timestamp:
            raise ValueError(_("two register reads at {time}").format(
                time=after.timestamp.isoformat()))
        change = next((c for c in changes if before.timestamp < c.timestamp <= after.timestamp),
                      None)
        if change is not None:
            value = (change.old_final - before.value) + (after.value - change.new_initial)
            flags = {"replacement"}
        else:
            value = after.value - before.value
            flags = set()
            if (value < 0 and rollover is not None and before.value < rollover
                    and value + rollover < rollover / 2):
                value += rollover
                flags.add("rollover")
        if value < 0:
            flags.add("negative")
        out.append(Interval(before.timestamp, after.timestamp, value, frozenset(flags)))
    return out
