"""The column reader of READINGS files (core.monitor.columns) against the row reader
(core.monitor.table.parse_readings): the same readings, the same problems word for word, and the
files it leaves to the row reader."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from openeip.core import monitor
from openeip.core.monitor.columns import (
    FLAG_BITS,
    flags_text,
    read_columns,
    register_interval_arrays,
    to_microseconds,
)
from openeip.core.monitor.table import MeterInfo, iter_rows, parse_readings

METERS = {
    "E1": MeterInfo("interval", "kWh"),
    "E2": MeterInfo("manual", "kWh", "Asia/Bangkok"),
    "W1": MeterInfo("cumulative", "m³"),
    "V1": MeterInfo("virtual", "kWh"),
}

GOOD = (
    "Meter , start,end,timestamp,value,unit\n"
    "E1,2024-03-01 00:00,2024-03-01 01:00,,12.5,\n"
    "E1,2024-03-01T01:00:00,2024-03-01T02:00:00,,1e1,\n"
    "E1,01/03/2024 02:00,01/03/2024 03:00,,\"1 234.5\",\n"          # a thousands space
    "E1,2024-03-01T03:00:00+07:00,2024-02-29T21:00:00Z,,0.002,MWh\n"  # offset, UTC, MWh
    ",,,,,\n"                                                         # empty: skipped, counted
    "E2, 2024-03-01 00:00 ,2024-03-02,, 7 ,\n"                        # another zone, spaces
    "W1,,,2024-03-01 00:00,9990,\n"
    "W1,,,2024-03-02 00:00,10005.25,m3\n"
)


def _as_arrays(parsed):
    intervals = sorted((code, to_microseconds(i.start),
                        to_microseconds(i.end), i.value)
                       for code, rows in parsed.intervals.items() for i in rows)
    reads = sorted((code, to_microseconds(r.timestamp), r.value)
                   for code, rows in parsed.register_reads.items() for r in rows)
    return intervals, reads


def _columns_arrays(columns):
    intervals = sorted((columns.codes[m], int(s), int(e), float(v)) for m, s, e, v in zip(
        columns.meter, columns.start, columns.end, columns.value, strict=True))
    reads = sorted((columns.codes[m], int(t), float(v)) for m, t, v in zip(
        columns.read_meter, columns.read_time, columns.read_value, strict=True))
    return intervals, reads


def _both(text: str):
    content = text.encode()
    return (read_columns(content, METERS, sheet="r.csv"),
            parse_readings(iter_rows(content, "r.csv"), METERS, sheet="r.csv"))


def test_sound_file_gives_the_row_readers_readings():
    columns, parsed = _both(GOOD)
    assert columns is not None and not columns.problems and not parsed.problems
    assert columns.rows == parsed.rows == 7
    assert _columns_arrays(columns) == _as_arrays(parsed)
    intervals, reads = _columns_arrays(columns)
    # hand-checked: 1 234.5 is 1234.5; 0.002 MWh is 2 kWh; E2's day is Bangkok's (UTC+7 too)
    assert [i[3] for i in intervals] == [12.5, 10.0, 1234.5, 2.0, 7.0]
    assert intervals[0][1] == to_microseconds(dt.datetime(2024, 2, 29, 17, tzinfo=dt.UTC))
    assert reads[1][2] == 10005.25


BAD = (
    "meter,start,end,timestamp,value,unit\n"
    "E1,2024-03-01 00:00,2024-03-01 01:00,,5,\n"        # 2 sound, repeated on 9
    "E1,2024-03-01 02:00,2024-03-01 01:00,,5,\n"        # 3 end before start
    "E1,2024-03-01 03:00,2024-03-01 04:00,,-1,\n"       # 4 negative
    "X9,2024-03-01 03:00,2024-03-01 04:00,,1,\n"        # 5 unknown meter
    "V1,2024-03-01 03:00,2024-03-01 04:00,,1,\n"        # 6 virtual meter
    "E1,2024-03-01 05:00,2024-03-01 06:00,,five,\n"     # 7 not a number
    "E1,2024-03-01 06:00,2024-03-01 07:00,,1e999,\n"    # 8 not finite
    "E1,2024-03-01 00:00,2024-03-01 01:00,,6,\n"        # 9 same interval as row 2
    "E1,tomorrow,2024-03-01 08:00,,1,\n"                # 10 not a time
    "E1,2024-03-01 08:00,2024-03-01 09:00,,1,m3\n"      # 11 unit mismatch
    "W1,,,,4,\n"                                        # 12 register without its time
    "E1,,2024-03-01 10:00,,1,\n"                        # 13 interval without its start
    "E1,2024-03-01 03:00,2024-03-01 04:00,,2,\n"        # 14 same interval as bad row 4
    "W1,,,2024-03-05 00:00,x,\n"                        # 15 not a number (read keyed)
    "W1,,,2024-03-05 00:00,3,\n"                        # 16 same read as row 15
    "E1,2024-03-01 11:00,2024-03-01 12:00,,\"1234,5\",\n"  # 17 a comma: 1234.5 or 1.2345?
)


def test_bad_file_gives_the_row_readers_problems_word_for_word():
    columns, parsed = _both(BAD)
    assert columns is not None
    assert [(p.sheet, p.row, p.column, p.message) for p in columns.problems] == [
        (p.sheet, p.row, p.column, p.message) for p in parsed.problems]
    assert [(p.row, p.column) for p in columns.problems] == [
        (3, "end"), (4, "value"), (5, "meter"), (6, "meter"), (7, "value"), (8, "value"),
        (9, "start"), (10, "start"), (11, "unit"), (12, "timestamp"), (13, "start"),
        (14, "start"), (15, "value"), (16, "timestamp"), (17, "value")]


def test_problems_stop_where_the_row_reader_stops():
    text = "meter,start,end,value\n" + "".join(
        "E1,2024-03-01 00:00,2024-03-01 01:00,bad{}\n".format(i) for i in range(30))
    content = text.encode()
    columns = read_columns(content, METERS, most_problems=10)
    parsed = parse_readings(iter_rows(content, "r.csv"), METERS, sheet="READINGS",
                            most_problems=10)
    assert columns is not None
    assert [str(p) for p in columns.problems] == [str(p) for p in parsed.problems]
    assert len(columns.problems) == 10


@pytest.mark.parametrize("text", [
    "meter,start,end,value\nE1,2024-03-01 00:00,2024-03-01 01:00,1\n\nE1,2024-03-01 01:00,"
    "2024-03-01 02:00,1\n",                                       # a blank line
    "meter,start,end,value\nE1,2024-03-01 00:00,2024-03-01 01:00,\"1\n\"\n",  # quoted break
    "meter,start,end,value\nE1,2024-03-01 00:00,2024-03-01 01:00\n",          # short row
    "meter,value\nE1,1\n",                                        # no times
    "meter,start,end,value\n",                                    # no rows
])
def test_files_left_to_the_row_reader(text):
    assert read_columns(text.encode(), METERS) is None


def test_register_arrays_agree_with_register_intervals():
    zone = dt.UTC
    times = [dt.datetime(2024, 1, 1, h, tzinfo=zone) for h in range(7)]
    values = [9990.0, 5.0, 30.0, 20.0, 8.0, 12.0, 1.0]
    changes = [monitor.RegisterChange(times[4] - dt.timedelta(minutes=30), 25.0, 3.0),
               monitor.RegisterChange(times[4] - dt.timedelta(minutes=10), 99.0, 99.0)]
    expected = monitor.register_intervals(
        [monitor.RegisterRead(t, v) for t, v in zip(times, values, strict=True)], 10000.0,
        changes)
    start, end, value, bits = register_interval_arrays(
        np.array([to_microseconds(t) for t in times]), np.array(values), 10000.0,
        [(to_microseconds(c.timestamp), c.old_final, c.new_initial) for c in changes])
    assert [(to_microseconds(i.start), to_microseconds(i.end), i.value,
             ",".join(sorted(i.flags))) for i in expected] == [
        (int(s), int(e), float(v), flags_text(int(b)))
        for s, e, v, b in zip(start, end, value, bits, strict=True)]
    # hand-checked: a rollover (10000 - 9990 + 5), plain, a fall nothing explains, the first
    # of two changes ((25 - 20) + (8 - 3)), plain, an unexplained fall again
    assert [float(v) for v in value] == [15.0, 25.0, -10.0, 10.0, 4.0, -11.0]
    assert [flags_text(int(b)) for b in bits] == ["rollover", "", "negative", "replacement",
                                                  "", "negative"]
    assert set(FLAG_BITS) == {"negative", "replacement", "rollover"}
