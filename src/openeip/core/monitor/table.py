"""The files of meters and readings: CSV or XLSX rows checked cell by cell.

* METERS: ``meter,company,name,resource,unit,register`` (optional ``flow_kind``, ``flow``,
  ``time_zone``, ``rollover``);
* READINGS: ``meter,start,end,value`` for interval meters, ``meter,timestamp,value`` for
  cumulative registers (optional ``unit``: converted to the meter's unit when it can be,
  refused when it cannot). Both layouts may be mixed in one file when it has all the columns.

Every problem names its row (the header is row 1) and column; nothing is written while one
remains (the caller's rule: all or nothing).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from openeip.core.errors import Problem, UnitError
from openeip.core.i18n import gettext as _
from openeip.core.monitor.readings import (
    DEFAULT_TZ,
    Interval,
    RegisterRead,
    check_interval,
    parse_time,
    parse_value,
)
from openeip.core.units import Quantity, parse_unit, ureg

__all__ = ["MeterInfo", "MeterRow", "ParsedReadings", "check_unit", "iter_rows",
           "parse_meters", "parse_readings"]

RESOURCES = ("electricity", "water", "steam", "fuel", "gas", "wastewater", "heat", "production",
             "occupancy", "degree_days", "temperature", "other")
DRIVER_RESOURCES = frozenset({"production", "occupancy", "degree_days", "temperature"})
REGISTERS = ("interval", "cumulative", "manual", "virtual")
METER_COLUMNS = ("meter", "company", "name", "resource", "unit", "register")


def iter_rows(content: bytes, filename: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, {lower-case header: cell text}) for each non-empty row after the header of
    a CSV (UTF-8, optional BOM) or the first sheet of an XLSX."""
    if filename.lower().endswith(".xlsx"):
        yield from _xlsx_rows(content)
        return
    text = io.StringIO(content.decode("utf-8-sig"))
    reader = csv.reader(text)
    header = [h.strip().lower() for h in next(reader, [])]
    for number, cells in enumerate(reader, start=2):
        if any(c.strip() for c in cells):
            yield number, {h: (cells[i].strip() if i < len(cells) else "")
                           for i, h in enumerate(header) if h}


def _xlsx_rows(content: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(h).strip().lower() if h is not None else "" for h in next(rows, ())]
        for number, cells in enumerate(rows, start=2):
            if any(c not in (None, "") for c in cells):
                yield number, {h: _cell(cells[i] if i < len(cells) else None)
                               for i, h in enumerate(header) if h}
    finally:
        book.close()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return repr(value)
    return str(value).strip()


def header_problems(sheet: str, header: Iterable[str], required: Iterable[str]) -> list[Problem]:
    have = set(header)
    return [Problem(sheet, 1, column, _("the column '{column}' is missing").format(
        column=column)) for column in required if column not in have]


@dataclass(frozen=True, slots=True)
class MeterRow:
    row: int
    code: str
    company: str
    name: str
    resource: str
    unit: str
    register: str
    flow_kind: str
    flow: str
    time_zone: str
    rollover: float | None


def check_unit(text: str, resource: str) -> str:
    """The unit's symbol as stored, or UnitError: resources take OpenEIP's units (mass, volume,
    energy, count); drivers any unit pint reads (degree days, °C, persons)."""
    if resource in DRIVER_RESOURCES:
        try:
            return "{:~C}".format(ureg.parse_units(" ".join(text.split())))
        except Exception:  # noqa: BLE001 - pint raises many kinds
            raise UnitError(_("Unknown unit '{unit}'.").format(unit=text)) from None
    unit = parse_unit(text)
    return "{:~C}".format(unit).replace("**3", "³").replace("**2", "²")


def parse_meters(rows: Iterable[tuple[int, dict[str, str]]], sheet: str = "METERS"
                 ) -> tuple[list[MeterRow], list[Problem]]:
    """The meter rows and every problem (row, column) of a METERS file."""
    out: list[MeterRow] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    first = True
    for number, cells in rows:
        if first:
            problems += header_problems(sheet, cells, METER_COLUMNS)
            first = False
            if problems:
                return [], problems

        def bad(column: str, message: str, number: int = number,
                found: list[Problem] = problems) -> None:
            found.append(Problem(sheet, number, column, message))

        code = cells.get("meter", "")
        if not code:
            bad("meter", _("give the meter's ID"))
        elif code in seen:
            bad("meter", _("meter '{code}' is already on row {row}").format(
                code=code, row=seen[code]))
        seen.setdefault(code, number)
        if not cells.get("name", ""):
            bad("name", _("give the meter's name"))
        resource = cells.get("resource", "").lower()
        if resource not in RESOURCES:
            bad("resource", _("'{value}' is not a resource; use one of: {codes}").format(
                value=resource, codes=", ".join(RESOURCES)))
        register = (cells.get("register", "") or "interval").lower()
        if register not in REGISTERS:
            bad("register", _("'{value}' is not a register; use interval or cumulative")
                .format(value=register))
        unit = cells.get("unit", "")
        try:
            unit = check_unit(unit, resource)
        except UnitError as error:
            bad("unit", str(error))
        zone = cells.get("time_zone", "") or DEFAULT_TZ
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            bad("time_zone", _("'{zone}' is not a time zone; write it as Asia/Ho_Chi_Minh")
                .format(zone=zone))
        rollover: float | None = None
        if cells.get("rollover", ""):
            try:
                rollover = parse_value(cells["rollover"])
            except ValueError as error:
                bad("rollover", str(error))
        out.append(MeterRow(number, code, cells.get("company", ""), cells.get("name", ""),
                            resource, unit, register, cells.get("flow_kind", ""),
                            cells.get("flow", ""), zone, rollover))
    if first:
        problems.append(Problem(sheet, 1, None, _("the file has no rows")))
    return out, problems


@dataclass(frozen=True, slots=True)
class MeterInfo:
    """What the reader needs of a stored meter."""

    register: str
    unit: str
    time_zone: str = DEFAULT_TZ


@dataclass
class ParsedReadings:
    intervals: dict[str, list[Interval]] = field(default_factory=dict)
    register_reads: dict[str, list[RegisterRead]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0


def _factor(given: str, meter_unit: str, cache: dict[tuple[str, str], float]) -> float:
    key = (given, meter_unit)
    if key not in cache:
        try:
            cache[key] = float(Quantity(1.0, ureg.parse_units(given)).to(meter_unit).magnitude)
        except Exception:  # noqa: BLE001 - pint raises many kinds
            raise UnitError(_("'{given}' cannot be converted to the meter's unit {unit}").format(
                given=given, unit=meter_unit)) from None
    return cache[key]


def parse_readings(rows: Iterable[tuple[int, dict[str, str]]], meters: Mapping[str, MeterInfo],
                   sheet: str = "READINGS", most_problems: int = 1000) -> ParsedReadings:
    """Readings by meter and every problem by row and column (at most ``most_problems``)."""
    out = ParsedReadings()
    factors: dict[tuple[str, str], float] = {}
    zones: dict[str, ZoneInfo] = {}
    first = True
    seen: dict[tuple[str, dt.datetime, dt.datetime | None], int] = {}
    for number, cells in rows:
        out.rows += 1
        if first:
            first = False
            header = set(cells)
            missing = [c for c in ("meter", "value") if c not in header]
            if not ({"start", "end"} <= header or "timestamp" in header):
                missing.append("start, end (or timestamp)")
            if missing:
                out.problems += [Problem(sheet, 1, c, _("the column '{column}' is missing")
                                         .format(column=c)) for c in missing]
                return out
        if len(out.problems) >= most_problems:
            continue
        row_problems = _reading(number, cells, meters, factors, zones, out, seen, sheet)
        out.problems += row_problems
    if first:
        out.problems.append(Problem(sheet, 1, None, _("the file has no rows")))
    return out


def _reading(number: int, cells: dict[str, str], meters: Mapping[str, MeterInfo],
             factors: dict[tuple[str, str], float], zones: dict[str, ZoneInfo],
             out: ParsedReadings, seen: dict[tuple[str, dt.datetime, dt.datetime | None], int],
             sheet: str) -> list[Problem]:
    problems: list[Problem] = []

    def bad(column: str, message: str) -> None:
        problems.append(Problem(sheet, number, column, message))

    code = cells.get("meter", "")
    meter = meters.get(code)
    if meter is None:
        bad("meter", _("there is no meter '{code}'; add it with `openeip monitor meters` "
                       "first").format(code=code))
        return problems
    if meter.register == "virtual":
        bad("meter", _("meter '{code}' is virtual: it is computed from other meters and takes "
                       "no readings").format(code=code))
        return problems
    try:
        value = parse_value(cells.get("value", ""))
    except ValueError as error:
        bad("value", str(error))
        value = None
    given = cells.get("unit", "")
    if given and value is not None:
        try:
            value *= _factor(given, meter.unit, factors)
        except UnitError as error:
            bad("unit", str(error))
    zone = meter.time_zone
    if meter.register == "cumulative":
        if not cells.get("timestamp", ""):
            bad("timestamp", _("meter '{code}' is a cumulative register: give the time of the "
                               "read in 'timestamp'").format(code=code))
            return problems
        try:
            stamp = parse_time(cells["timestamp"], zone)
        except ValueError as error:
            bad("timestamp", str(error))
            return problems
        key: tuple[str, dt.datetime, dt.datetime | None] = (code, stamp, None)
        if key in seen:
            bad("timestamp", _("the same read is already on row {row}").format(row=seen[key]))
        seen.setdefault(key, number)
        if not problems and value is not None:
            out.register_reads.setdefault(code, []).append(RegisterRead(stamp, value))
        return problems
    start = end = None
    for column in ("start", "end"):
        if not cells.get(column, ""):
            bad(column, _("meter '{code}' records intervals: give the '{column}' time").format(
                code=code, column=column))
            continue
        try:
            moment = parse_time(cells[column], zone)
        except ValueError as error:
            bad(column, str(error))
            continue
        if column == "start":
            start = moment
        else:
            end = moment
    if start is not None and end is not None and value is not None:
        for column, message in check_interval(start, end, value):
            bad(column, message)
        key = (code, start, end)
        if key in seen:
            bad("start", _("the same interval is already on row {row}").format(row=seen[key]))
        seen.setdefault(key, number)
        if not problems:
            out.intervals.setdefault(code, []).append(Interval(start, end, value))
    return problems
