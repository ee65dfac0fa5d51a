"""A READINGS CSV read column by column (pyarrow) and checked with array operations (numpy),
for files of millions of rows.

It keeps every promise of the row-by-row reader (core.monitor.table.parse_readings) and gives
the same answers: the same rows accepted with the same numbers, and the same problems worded
the same way by row and column. It gets there by doing the common case in bulk and handing
anything unusual to the row reader:

* times: each distinct text is parsed once (a file of many meters repeats every hour once per
  meter), by ``parse_time`` itself, and the results are spread over the rows;
* values: cells that look like plain decimals are converted in bulk; any other cell is read by
  ``parse_value`` (the project's number rule: a comma refused, saying how to write it);
* checks in bulk: unknown or virtual meter, missing or unreadable value or time, end not after
  start, negative interval, unit that cannot be converted, the same interval or read twice;
* every row a bulk check suspects is read again by the row reader, in row order, which words its
  problems; should the row reader find nothing wrong with a suspected row (the two disagree),
  the answer is None and the caller reads the whole file row by row.

None is also the answer for a file the bulk reader does not take: XLSX, a line break inside a
quoted cell, blank lines, rows of another length than the header, a missing column, no rows.
Times come out as microseconds since 1970-01-01 UTC (int64).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from openeip.core.errors import Problem, UnitError
from openeip.core.monitor.readings import parse_time, parse_value
from openeip.core.monitor.table import MeterInfo, ParsedReadings, _factor, _reading

__all__ = ["FLAG_BITS", "Columns", "flags_text", "read_columns", "register_interval_arrays",
           "to_microseconds"]

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
ONE_US = dt.timedelta(microseconds=1)
#: quality flags of a reading as bits (the flags column holds their names, comma-separated)
FLAG_BITS = {"negative": 1, "replacement": 2, "rollover": 4}
_DECIMAL = r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
_BAD = np.iinfo(np.int64).min  # a time that is missing or unreadable


def to_microseconds(moment: dt.datetime) -> int:
    """An aware datetime as microseconds since 1970-01-01 UTC (exact)."""
    return (moment - EPOCH) // ONE_US


def flags_text(bits: int) -> str:
    """The flags column of a reading from its bits: names sorted, comma-separated."""
    return ",".join(name for name in sorted(FLAG_BITS) if bits & FLAG_BITS[name])


@dataclass
class Columns:
    """Readings of a file as arrays; ``codes[i]`` is the meter of index i."""

    codes: list[str]
    meter: np.ndarray  # interval rows: meter index (int32)
    start: np.ndarray  # µs UTC (int64)
    end: np.ndarray
    value: np.ndarray  # float64, in the meter's unit
    read_meter: np.ndarray  # cumulative registers: meter index, time (µs UTC), value
    read_time: np.ndarray
    read_value: np.ndarray
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def from_parsed(cls, parsed: ParsedReadings) -> Columns:
        """The arrays of readings read row by row (the push API, the row reader's files)."""
        codes = sorted(set(parsed.intervals) | set(parsed.register_reads))
        index = {code: i for i, code in enumerate(codes)}
        meter, start, end, value = [], [], [], []
        for code, intervals in parsed.intervals.items():
            for interval in intervals:
                meter.append(index[code])
                start.append(to_microseconds(interval.start))
                end.append(to_microseconds(interval.end))
                value.append(interval.value)
        read_meter, read_time, read_value = [], [], []
        for code, reads in parsed.register_reads.items():
            for read in reads:
                read_meter.append(index[code])
                read_time.append(to_microseconds(read.timestamp))
                read_value.append(read.value)
        return cls(codes, np.array(meter, np.int32), np.array(start, np.int64),
                   np.array(end, np.int64), np.array(value, np.float64),
                   np.array(read_meter, np.int32), np.array(read_time, np.int64),
                   np.array(read_value, np.float64), parsed.rows, list(parsed.problems))


def _header(data: bytes) -> list[str] | None:
    line = data.split(b"\n", 1)[0].rstrip(b"\r")
    try:
        return [h.strip().lower() for h in next(csv.reader([line.decode("utf-8")]), [])]
    except UnicodeDecodeError:
        return None


def read_columns(content: bytes, meters: Mapping[str, MeterInfo], sheet: str = "READINGS",
                 most_problems: int = 1000) -> Columns | None:
    """The readings of a CSV file as arrays with every problem, or None when the file is one
    for the row reader (see the module's note)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv as pacsv

    data = content[3:] if content.startswith(b"\xef\xbb\xbf") else content
    if b"\n\n" in data or b"\n\r\n" in data or data.startswith((b"\n", b"\r")):
        return None
    header = _header(data)
    if not header or len(set(header)) != len(header) or "" in header:
        return None
    have = set(header)
    if not ({"meter", "value"} <= have and ({"start", "end"} <= have or "timestamp" in have)):
        return None
    names = ["c{}".format(i) for i in range(len(header))]
    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(skip_rows=1, column_names=names,
                                           block_size=1 << 24),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names}, strings_can_be_null=False,
                quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if table.num_rows == 0 or table.num_rows != lines - 1:  # a quoted cell held a line break
        return None
    cells = {h: pc.utf8_trim_whitespace(table.column(n)) for h, n in zip(header, names,
                                                                           strict=True)}
    empty = np.ones(table.num_rows, bool)
    for column in cells.values():
        empty &= pc.equal(pc.binary_length(column), 0).to_numpy(zero_copy_only=False)
    if empty.any():
        keep = pa.array(~empty)
        cells = {h: pc.filter(c, keep) for h, c in cells.items()}
    row_numbers = np.arange(2, table.num_rows + 2, dtype=np.int64)[~empty]
    n = len(row_numbers)
    if n == 0:
        return None

    # meters: 0 not usable, 1 interval, 2 cumulative
    encoded = pc.dictionary_encode(cells["meter"]).combine_chunks()
    codes = encoded.dictionary.to_pylist()
    code_of_row = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    kinds = np.array([0 if (info := meters.get(c)) is None or info.register == "virtual"
                      else 2 if info.register == "cumulative" else 1 for c in codes], np.int8)
    zones = sorted({meters[c].time_zone for c, k in zip(codes, kinds, strict=True) if k})
    zone_of_code = np.array([zones.index(meters[c].time_zone) if k else 0
                             for c, k in zip(codes, kinds, strict=True)], np.int32)
    kind = kinds[code_of_row]
    suspect = kind == 0

    value, bad_value = _values(cells["value"])
    if "unit" in cells:
        value, bad_unit = _units(cells["unit"], code_of_row, codes, kinds, meters, value)
        suspect |= bad_unit & ~bad_value
    suspect |= bad_value

    zone_of_row = zone_of_code[code_of_row]
    interval = kind == 1
    cumulative = kind == 2
    start = end = stamp = np.full(n, _BAD, np.int64)
    if "start" in cells and "end" in cells:
        start = _times(cells["start"], zone_of_row, zones)
        end = _times(cells["end"], zone_of_row, zones)
        suspect |= interval & ((start == _BAD) | (end == _BAD))
    else:
        suspect |= interval
    if "timestamp" in cells:
        stamp = _times(cells["timestamp"], zone_of_row, zones)
        suspect |= cumulative & (stamp == _BAD)
    else:
        suspect |= cumulative
    complete = interval & (start != _BAD) & (end != _BAD) & ~bad_value
    suspect |= complete & ((end <= start) | (value < 0))
    first_of_key = np.full(n, -1, np.int64)  # a repeated key: the row index of its first
    _repeats(complete, code_of_row, start, end, first_of_key)
    read_complete = cumulative & (stamp != _BAD)  # the row reader keys a read by its time
    _repeats(read_complete, code_of_row, stamp, np.zeros(n, np.int64), first_of_key)
    suspect |= first_of_key >= 0

    out = Columns(
        codes=codes,
        meter=code_of_row[interval], start=start[interval], end=end[interval],
        value=value[interval],
        read_meter=code_of_row[cumulative], read_time=stamp[cumulative],
        read_value=value[cumulative], rows=n)
    if not suspect.any():
        return out
    problems = _problems(np.flatnonzero(suspect), first_of_key, row_numbers, cells, codes,
                         code_of_row, start, end, stamp, meters, sheet, most_problems)
    if problems is None:
        return None
    out.problems = problems
    return out


def _values(column: Any) -> tuple[np.ndarray, np.ndarray]:
    import pyarrow as pa
    import pyarrow.compute as pc

    plain = pc.match_substring_regex(column, _DECIMAL).to_numpy(zero_copy_only=False)
    value = pc.cast(pc.if_else(pa.array(plain), column, "0"), pa.float64()).to_numpy(
        zero_copy_only=False).copy()
    bad = ~plain
    for index in np.flatnonzero(~plain):  # '1 234', a comma…: the row reader's rule and words
        try:
            value[index] = parse_value(column[int(index)].as_py())
            bad[index] = False
        except ValueError:
            value[index] = 0.0
    infinite = ~np.isfinite(value)
    if infinite.any():
        bad |= infinite
        value[infinite] = 0.0
    return value, bad


def _units(column: Any, code_of_row: np.ndarray, codes: list[str], kinds: np.ndarray,
           meters: Mapping[str, MeterInfo], value: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(column).combine_chunks()
    units = encoded.dictionary.to_pylist()
    unit_of_row = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    bad = np.zeros(len(value), bool)
    given = np.array([bool(u) for u in units], bool)[unit_of_row]
    if not given.any():
        return value, bad
    pairs, inverse = np.unique(unit_of_row * len(codes) + code_of_row, return_inverse=True)
    factor = np.ones(len(pairs))
    failed = np.zeros(len(pairs), bool)
    cache: dict[tuple[str, str], float] = {}
    for i, pair in enumerate(pairs):
        unit, code = units[int(pair) // len(codes)], int(pair) % len(codes)
        if unit and kinds[code]:
            try:
                factor[i] = _factor(unit, meters[codes[code]].unit, cache)
            except UnitError:
                failed[i] = True
    return value * factor[inverse], failed[inverse]


def _times(column: Any, zone_of_row: np.ndarray, zones: list[str]) -> np.ndarray:
    """Microseconds UTC of each cell, each distinct (text, zone) parsed once; _BAD if not."""
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(column).combine_chunks()
    texts = encoded.dictionary.to_pylist()
    text_of_row = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    width = max(1, len(zones))
    pairs, inverse = np.unique(text_of_row * width + zone_of_row, return_inverse=True)
    moments = np.empty(len(pairs), np.int64)
    for i, pair in enumerate(pairs):
        text = texts[int(pair) // width]
        if not text:
            moments[i] = _BAD
            continue
        try:
            moments[i] = to_microseconds(parse_time(text, zones[int(pair) % width]
                                                    if zones else "UTC"))
        except (ValueError, OverflowError):
            moments[i] = _BAD
    return moments[inverse]


def _repeats(mask: np.ndarray, meter: np.ndarray, first: np.ndarray, second: np.ndarray,
             first_of_key: np.ndarray) -> None:
    """Mark rows (within ``mask``) whose key was on an earlier row: the earlier row's index."""
    rows = np.flatnonzero(mask)
    if len(rows) < 2:
        return
    order = rows[np.lexsort((rows, second[rows], first[rows], meter[rows]))]
    same = ((meter[order][1:] == meter[order][:-1]) & (first[order][1:] == first[order][:-1])
            & (second[order][1:] == second[order][:-1]))
    if not same.any():
        return
    # the first row of each run of equal keys
    starts = np.flatnonzero(np.concatenate(([True], ~same)))
    run = np.cumsum(np.concatenate(([True], ~same))) - 1
    heads = order[starts][run]
    repeated = np.concatenate(([False], same))
    first_of_key[order[repeated]] = heads[repeated]


def _problems(suspects: np.ndarray, first_of_key: np.ndarray, row_numbers: np.ndarray,
              cells: dict[str, Any], codes: list[str], code_of_row: np.ndarray,
              start: np.ndarray, end: np.ndarray, stamp: np.ndarray,
              meters: Mapping[str, MeterInfo], sheet: str, most_problems: int
              ) -> list[Problem] | None:
    """The row reader's words for the suspected rows, or None when it finds one sound."""
    suspected = set(suspects.tolist())
    seen: dict[Any, int] = {}
    heads = set(first_of_key[first_of_key >= 0].tolist()) - suspected
    for head in heads:  # sound rows whose key comes again later: as the row reader saw them
        code = codes[int(code_of_row[head])]
        zone = meters[code].time_zone
        if meters[code].register == "cumulative":
            key: Any = (code, _moment(int(stamp[head]), zone), None)
        else:
            key = (code, _moment(int(start[head]), zone), _moment(int(end[head]), zone))
        seen[key] = int(row_numbers[head])
    problems: list[Problem] = []
    scratch = ParsedReadings()
    factors: dict[tuple[str, str], float] = {}
    zones: dict[str, Any] = {}
    for index in suspects.tolist():
        if len(problems) >= most_problems:
            break
        row = {h: c[index].as_py() for h, c in cells.items()}
        found = _reading(int(row_numbers[index]), row, meters, factors, zones, scratch, seen,
                         sheet)
        if not found:
            return None
        problems += found
    return problems


def _moment(microseconds: int, zone: str) -> dt.datetime:
    from zoneinfo import ZoneInfo

    return (EPOCH + dt.timedelta(microseconds=microseconds)).astimezone(ZoneInfo(zone))


def register_interval_arrays(times: np.ndarray, values: np.ndarray, rollover: float | None,
                             changes: list[tuple[int, float, float]]
                             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """core.monitor.register_intervals on arrays: reads sorted by time (µs UTC), distinct;
    ``changes`` as (time µs, old meter's last value, new meter's first value) in the order
    the row version takes them. (start, end, value, flag bits) of each interval."""
    before_t, after_t = times[:-1], times[1:]
    before_v, after_v = values[:-1], values[1:]
    value = after_v - before_v
    bits = np.zeros(len(value), np.int16)
    replaced = np.zeros(len(value), bool)
    for when, old_final, new_initial in reversed(changes):  # the first change listed wins
        hit = (before_t < when) & (when <= after_t)
        value = np.where(hit, (old_final - before_v) + (after_v - new_initial), value)
        replaced |= hit
    # a change applied earlier in the loop but overridden later still counts as a change
    bits[replaced] |= FLAG_BITS["replacement"]
    if rollover is not None:
        wrap = (~replaced & (value < 0) & (before_v < rollover)
                & (value + rollover < rollover / 2))
        value = np.where(wrap, value + rollover, value)
        bits[wrap] |= FLAG_BITS["rollover"]
    bits[value < 0] |= FLAG_BITS["negative"]
    return before_t, after_t, value, bits
