"""Readings into PostgreSQL in bulk: the same promises as the row path (services.readings), in
a handful of SQL statements whatever the number of rows.

1. the meters of the file are locked (two imports of one meter queue instead of racing);
2. the rows go by binary ``COPY`` (built with numpy, no Python loop per row) into a temporary
   staging table that disappears at commit;
3. one ``INSERT … SELECT … ON CONFLICT (meter, start, end) DO UPDATE … WHERE the value or the
   flags differ`` merges them: a row already stored with the same value changes nothing, with
   another value it is a correction; ``RETURNING`` counts new and corrected rows per meter (a
   meter with nothing stored over the staged span takes a plain ``INSERT``: nothing to clash
   with);
4. cumulative registers: the reads are merged the same way, then for each register that changed
   the intervals between consecutive reads are derived again (core.monitor.columns, the array
   form of core.monitor.register_intervals) over the span from the read before the first new
   one to the read after the last, and stored intervals inside that span that are no longer
   derived are deleted;
5. the daily totals of the days touched are computed again by one SQL aggregation, with the
   rules of core.monitor.rollup: a reading over several local days shared in proportion to
   time, covered seconds, the readings' flags, ``negative`` and ``overlap``;
6. one audit entry per meter that changed.

All inside the caller's transaction: all or nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from django.db import connection

from openeip.core.monitor.columns import EPOCH, Columns, register_interval_arrays
from openeip.web.monitor.models import Meter, RegisterChange
from openeip.web.monitor.services import versions
from openeip.web.registry.models import AuditEntry
from openeip.web.registry.services import audit

__all__ = ["store_columns"]

#: microseconds from 1970-01-01 to PostgreSQL's epoch 2000-01-01 (binary COPY's timestamps)
PG_EPOCH_US = 946_684_800_000_000
_HEADER = b"PGCOPY\n\xff\r\n\x00" + b"\x00\x00\x00\x00" + b"\x00\x00\x00\x00"
_TRAILER = b"\xff\xff"
_CHUNK = 1 << 23
_INTERVAL_ROW = np.dtype([
    ("fields", ">i2"), ("l0", ">i4"), ("meter", ">i4"), ("l1", ">i4"), ("start", ">i8"),
    ("l2", ">i4"), ("end", ">i8"), ("l3", ">i4"), ("value", ">f8"), ("l4", ">i4"),
    ("flags", ">i2")])
_READ_ROW = np.dtype([
    ("fields", ">i2"), ("l0", ">i4"), ("meter", ">i4"), ("l1", ">i4"), ("time", ">i8"),
    ("l2", ">i4"), ("value", ">f8")])
_FLAGS_SQL = ("concat_ws(',', CASE WHEN s.flags & 1 <> 0 THEN 'negative' END, "
              "CASE WHEN s.flags & 2 <> 0 THEN 'replacement' END, "
              "CASE WHEN s.flags & 4 <> 0 THEN 'rollover' END)")


def _copy(cursor: Any, table: str, rows: np.ndarray) -> None:
    payload = memoryview(_HEADER + rows.tobytes() + _TRAILER)
    with cursor.copy("COPY {} FROM STDIN (FORMAT binary)".format(table)) as copy:
        for offset in range(0, len(payload), _CHUNK):
            copy.write(payload[offset:offset + _CHUNK])


def _interval_rows(meter_ids: np.ndarray, start: np.ndarray, end: np.ndarray,
                   value: np.ndarray, flags: np.ndarray) -> np.ndarray:
    """Rows for binary COPY, in the order of the readings' index (meter, start, end): a file
    written hour by hour for many meters is then stored meter by meter, so that the index
    grows at a few places and one meter's year lies in few table pages."""
    order = np.lexsort((end, start, meter_ids))
    meter_ids, start, end, value, flags = (meter_ids[order], start[order], end[order],
                                           value[order], flags[order])
    rows = np.empty(len(start), _INTERVAL_ROW)
    rows["fields"] = 5
    rows["l0"], rows["l1"], rows["l2"], rows["l3"], rows["l4"] = 4, 8, 8, 8, 2
    rows["meter"] = meter_ids
    rows["start"] = start - PG_EPOCH_US
    rows["end"] = end - PG_EPOCH_US
    rows["value"] = value
    rows["flags"] = flags
    return rows


def _stage_intervals(cursor: Any, meter_ids: np.ndarray, start: np.ndarray, end: np.ndarray,
                     value: np.ndarray, flags: np.ndarray) -> dict[int, tuple[int, int, int]]:
    """The rows into the staging table; {meter id: (rows, first start, last start)}."""
    cursor.execute("CREATE TEMPORARY TABLE IF NOT EXISTS monitor_stage (meter_id integer, "
                   'start timestamptz, "end" timestamptz, value float8, flags smallint) '
                   "ON COMMIT DROP")
    cursor.execute("TRUNCATE monitor_stage")
    _copy(cursor, "monitor_stage", _interval_rows(meter_ids, start, end, value, flags))
    rows = np.bincount(np.searchsorted(np.unique(meter_ids), meter_ids))
    spans = _spans(meter_ids, start, start)
    return {int(m): (int(n), *spans[int(m)]) for m, n in zip(np.unique(meter_ids), rows,
                                                             strict=True)}


def _merge_intervals(cursor: Any, staged: dict[int, tuple[int, int, int]]
                     ) -> dict[int, tuple[int, int]]:
    """Staged intervals into the readings: {meter id: (new, corrected)}.

    A meter with nothing stored between its first and last staged start cannot clash with a
    stored row: its rows go in by a plain INSERT (the unique index still guards them); the
    others are merged (ON CONFLICT … DO UPDATE where the value or flags differ)."""
    ids = list(staged)
    cursor.execute(
        "SELECT m.id FROM unnest(%s::integer[], %s::timestamptz[], %s::timestamptz[]) "
        "AS m(id, lo, hi) WHERE EXISTS (SELECT 1 FROM monitor_reading r WHERE "
        "r.meter_id = m.id AND r.start >= m.lo AND r.start <= m.hi)",
        [ids, [_moment(staged[m][1]) for m in ids], [_moment(staged[m][2]) for m in ids]])
    stored = sorted(row[0] for row in cursor.fetchall())
    fresh = sorted(set(ids) - set(stored))
    counts = {m: (staged[m][0], 0) for m in fresh}
    if fresh:
        cursor.execute(
            "INSERT INTO monitor_reading (meter_id, start, \"end\", value, flags) "
            "SELECT s.meter_id, s.start, s.\"end\", s.value, {flags} FROM monitor_stage s "
            "WHERE s.meter_id = ANY(%s)".format(flags=_FLAGS_SQL), [fresh])
    if stored:
        cursor.execute(
            "WITH merged AS (INSERT INTO monitor_reading (meter_id, start, \"end\", value, "
            "flags) SELECT s.meter_id, s.start, s.\"end\", s.value, {flags} "
            "FROM monitor_stage s WHERE s.meter_id = ANY(%s) "
            "ON CONFLICT (meter_id, start, \"end\") DO UPDATE SET value = EXCLUDED.value, "
            "flags = EXCLUDED.flags WHERE monitor_reading.value <> EXCLUDED.value "
            "OR monitor_reading.flags <> EXCLUDED.flags "
            "RETURNING meter_id, xmax = 0 AS fresh) "
            "SELECT meter_id, count(*) FILTER (WHERE fresh), count(*) FILTER (WHERE NOT fresh) "
            "FROM merged GROUP BY meter_id".format(flags=_FLAGS_SQL), [stored])
        counts.update({m: (new, corrected) for m, new, corrected in cursor.fetchall()})
    return counts


def _spans(meter: np.ndarray, low: np.ndarray, high: np.ndarray
           ) -> dict[int, tuple[int, int]]:
    """{meter (index or id): (lowest ``low``, highest ``high``)}."""
    if not len(meter):
        return {}
    order = np.argsort(meter, kind="stable")
    ordered = meter[order]
    cuts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    lows = np.minimum.reduceat(low[order], cuts)
    highs = np.maximum.reduceat(high[order], cuts)
    return {int(ordered[c]): (int(lo), int(hi)) for c, lo, hi in zip(cuts, lows, highs,
                                                                      strict=True)}


def _moment(microseconds: int) -> dt.datetime:
    return EPOCH + dt.timedelta(microseconds=microseconds)


def store_columns(columns: Columns, found: dict[str, Meter], user: Any, via: str
                  ) -> tuple[dict[str, tuple[int, int, int]], list[str]]:
    """Store checked readings (PostgreSQL): {meter ID: (new, corrected, unchanged)} and the
    meter IDs in the order reported. Call inside ``transaction.atomic``."""
    codes = columns.codes
    used = sorted({codes[i] for i in np.unique(columns.meter).tolist()}
                  | {codes[i] for i in np.unique(columns.read_meter).tolist()})
    locked = {m.pk: m for m in Meter.objects.select_for_update(of=("self",)).filter(
        pk__in=[found[c].pk for c in used]).select_related("park", "company").order_by("pk")}
    ids = np.array([found[c].pk if c in found else 0 for c in codes], np.int64)
    counts: dict[str, tuple[int, int, int]] = {}
    days: dict[int, tuple[int, int]] = {}  # meter id: span of days to roll up again (µs)

    def widen(meter_id: int, low: int, high: int) -> None:
        old = days.get(meter_id)
        days[meter_id] = (low, high) if old is None else (min(old[0], low), max(old[1], high))

    with connection.cursor() as cursor:
        # a few large statements: compiling them (JIT) costs more than it saves, and their
        # sorts should stay in memory
        cursor.execute("SET LOCAL jit = off")
        cursor.execute("SET LOCAL work_mem = '64MB'")
        if len(columns.meter):
            staged = _stage_intervals(cursor, ids[columns.meter], columns.start, columns.end,
                                      columns.value, np.zeros(len(columns.meter), np.int16))
            merged = _merge_intervals(cursor, staged)
            totals = np.bincount(columns.meter, minlength=len(codes))
            spans = _spans(columns.meter, columns.start, columns.end)
            for index, (low, high) in spans.items():
                new, corrected = merged.get(int(ids[index]), (0, 0))
                counts[codes[index]] = (new, corrected, int(totals[index]) - new - corrected)
                if new or corrected:
                    widen(int(ids[index]), low, high)
        if len(columns.read_meter):
            for index, (new, corrected, unchanged, span) in _store_reads(
                    cursor, columns, ids, locked).items():
                counts[codes[index]] = (new, corrected, unchanged)
                if span is not None:
                    widen(int(ids[index]), *span)
        if days:
            _roll_up_days(cursor, days, locked)
    for code in used:
        meter = locked[found[code].pk]
        new, corrected, _unchanged = counts[code]
        if new or corrected:
            audit.entry(user=user, via=via, action=AuditEntry.Action.IMPORT,
                        company=meter.company, object_type="meter_readings",
                        object_key="{} {}".format(meter.park.slug, meter.code),
                        changes={"readings_added": [None, new],
                                 "readings_corrected": [None, corrected]}).save()
    return counts, used


def _store_reads(cursor: Any, columns: Columns, ids: np.ndarray, locked: dict[int, Meter]
                 ) -> dict[int, tuple[int, int, int, tuple[int, int] | None]]:
    """Merge register reads, derive the intervals of the registers that changed: {meter index:
    (new, corrected, unchanged, span of the derived intervals or None)}."""
    rows = np.empty(len(columns.read_meter), _READ_ROW)
    rows["fields"] = 3
    rows["l0"], rows["l1"], rows["l2"] = 4, 8, 8
    rows["meter"] = ids[columns.read_meter]
    rows["time"] = columns.read_time - PG_EPOCH_US
    rows["value"] = columns.read_value
    cursor.execute("CREATE TEMPORARY TABLE IF NOT EXISTS monitor_stage_reads (meter_id integer, "
                   "timestamp timestamptz, value float8) ON COMMIT DROP")
    cursor.execute("TRUNCATE monitor_stage_reads")
    _copy(cursor, "monitor_stage_reads", rows)
    cursor.execute(
        "WITH merged AS (INSERT INTO monitor_registerread (meter_id, timestamp, value) "
        "SELECT meter_id, timestamp, value FROM monitor_stage_reads "
        "ON CONFLICT (meter_id, timestamp) DO UPDATE SET value = EXCLUDED.value "
        "WHERE monitor_registerread.value <> EXCLUDED.value "
        "RETURNING meter_id, xmax = 0 AS fresh) "
        "SELECT meter_id, count(*) FILTER (WHERE fresh), count(*) FILTER (WHERE NOT fresh) "
        "FROM merged GROUP BY meter_id")
    merged = {meter: (new, corrected) for meter, new, corrected in cursor.fetchall()}
    totals = np.bincount(columns.read_meter, minlength=len(columns.codes))
    out: dict[int, tuple[int, int, int, tuple[int, int] | None]] = {}
    for index, (first, last) in _spans(columns.read_meter, columns.read_time,
                                       columns.read_time).items():
        meter_id = int(ids[index])
        new, corrected = merged.get(meter_id, (0, 0))
        span = None
        if new or corrected:
            span = _derive(cursor, locked[meter_id], first, last)
        out[index] = (new, corrected, int(totals[index]) - new - corrected, span)
    return out


def _microseconds(cursor: Any, sql: str, params: Iterable[Any]) -> list[tuple[Any, ...]]:
    cursor.execute(sql, list(params))
    return list(cursor.fetchall())


def _derive(cursor: Any, meter: Meter, first: int, last: int) -> tuple[int, int] | None:
    """The register's intervals from the read before ``first`` to the read after ``last``,
    stored in place of the ones there; the span (µs) or None when there is none."""
    us = "(extract(epoch FROM timestamp) * 1000000)::bigint"
    (low,), = _microseconds(cursor, "SELECT coalesce(max({us}), %s) FROM monitor_registerread "
                            "WHERE meter_id = %s AND timestamp < %s".format(us=us),
                            [first, meter.pk, _moment(first)])
    (high,), = _microseconds(cursor, "SELECT coalesce(min({us}), %s) FROM monitor_registerread "
                             "WHERE meter_id = %s AND timestamp > %s".format(us=us),
                             [last, meter.pk, _moment(last)])
    reads = _microseconds(cursor, "SELECT {us}, value FROM monitor_registerread WHERE "
                          "meter_id = %s AND timestamp >= %s AND timestamp <= %s "
                          "ORDER BY timestamp".format(us=us),
                          [meter.pk, _moment(low), _moment(high)])
    times = np.array([r[0] for r in reads], np.int64)
    values = np.array([r[1] for r in reads], np.float64)
    changes = [(int((c.timestamp - EPOCH) // dt.timedelta(microseconds=1)), c.old_final,
                c.new_initial) for c in RegisterChange.objects.filter(meter=meter).order_by("pk")]
    start, end, value, bits = register_interval_arrays(times, values, meter.rollover, changes)
    if not len(start):
        return None
    staged = _stage_intervals(cursor, np.full(len(start), meter.pk), start, end, value, bits)
    # stored intervals of the span that are no longer derived (a read arrived in between)
    cursor.execute('DELETE FROM monitor_reading r WHERE r.meter_id = %s AND r.start >= %s AND '
                   'r."end" <= %s AND NOT EXISTS (SELECT 1 FROM monitor_stage s WHERE '
                   's.meter_id = r.meter_id AND s.start = r.start AND s."end" = r."end")',
                   [meter.pk, _moment(low), _moment(high)])
    _merge_intervals(cursor, staged)
    return int(min(low, start[0])), int(max(high, end[-1]))


def _roll_up_days(cursor: Any, spans: dict[int, tuple[int, int]],
                  meters: dict[int, Meter]) -> None:
    """Compute again the daily totals of each meter's local days over its span (µs)."""
    rows = []
    for meter_id, (low, high) in spans.items():
        zone = meters[meter_id].time_zone
        first = _moment(low).astimezone(ZoneInfo(zone)).date()
        last = (_moment(high) - dt.timedelta(microseconds=1)).astimezone(ZoneInfo(zone)).date()
        rows.append((meter_id, zone, first, last))
    cursor.execute("CREATE TEMPORARY TABLE IF NOT EXISTS monitor_stage_days (meter_id integer, "
                   "tz text, first_day date, last_day date) ON COMMIT DROP")
    cursor.execute("TRUNCATE monitor_stage_days")
    cursor.executemany("INSERT INTO monitor_stage_days VALUES (%s, %s, %s, %s)", rows)
    cursor.execute("ANALYZE monitor_stage_days")  # a few rows: the readings by their index
    cursor.execute("DELETE FROM monitor_dailytotal d USING monitor_stage_days s "
                   "WHERE d.meter_id = s.meter_id AND d.day BETWEEN s.first_day AND s.last_day")
    cursor.execute(_DAYS_SQL)
    versions.changed(spans)


# One row per reading and local day it covers (the days of the span only); the share of the
# reading in the day is in proportion to time; flags: the reading's, 'negative', and
# 'overlap' where the reading starts before an earlier one (by start, end) has ended and the
# overlap reaches into the day (core.monitor.quality.overlaps). A reading within one local day
# (nearly all) is that day's whole: its share is its length and it overlaps the day when it
# overlaps at all; only readings over several days are cut at local midnights. The meters are
# read in order and each one's readings by the index (meter, start, end), so the window needs
# only a sort per meter; the sums are hashed by (meter, day), adding in that order (a day that
# also holds a reading over several days may differ from the row path in the last bits).
_DAYS_SQL = """
INSERT INTO monitor_dailytotal (meter_id, day, value, covered_seconds, flags)
WITH s AS (
    SELECT meter_id, tz, first_day, last_day,
           first_day::timestamp AT TIME ZONE tz AS lo,
           (last_day + 1)::timestamp AT TIME ZONE tz AS hi
    FROM monitor_stage_days ORDER BY meter_id),
r AS MATERIALIZED (
    SELECT r.meter_id, s.tz, s.first_day, s.last_day, r.start, r."end", r.value, r.flags,
           max(r."end") OVER (PARTITION BY r.meter_id ORDER BY r.start, r."end"
                              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach,
           date_part('epoch', r."end" - r.start) AS length,
           (r.start AT TIME ZONE s.tz)::date AS d0,
           ((r."end" - interval '1 microsecond') AT TIME ZONE s.tz)::date AS d1
    FROM monitor_reading r JOIN s ON r.meter_id = s.meter_id AND r.start < s.hi
                                  AND r."end" > s.lo),
q AS (
    SELECT meter_id, d0 AS day, start, "end", value, length, length AS share,
           concat_ws(',', nullif(flags, ''), CASE WHEN value < 0 THEN 'negative' END,
                     CASE WHEN start < reach THEN 'overlap' END) AS piece_flags
    FROM r WHERE d0 = d1
    UNION ALL
    SELECT meter_id, day, start, "end", value, length,
           date_part('epoch', least("end", day_hi) - greatest(start, day_lo)),
           concat_ws(',', nullif(flags, ''), CASE WHEN value < 0 THEN 'negative' END,
                     CASE WHEN start < reach AND day_lo < least(reach, "end")
                          THEN 'overlap' END)
    FROM (SELECT r.*, day, day::timestamp AT TIME ZONE r.tz AS day_lo,
                 (day + 1)::timestamp AT TIME ZONE r.tz AS day_hi
          FROM r CROSS JOIN LATERAL generate_series(greatest(r.d0, r.first_day),
                                                    least(r.d1, r.last_day),
                                                    interval '1 day') AS g(moment),
               LATERAL (SELECT g.moment::date AS day) AS named
          WHERE r.d0 < r.d1) AS cut)
SELECT meter_id, day, sum(value * share / length), sum(share),
       coalesce(array_to_string(ARRAY(
           SELECT DISTINCT f COLLATE "C" FROM unnest(string_to_array(
               string_agg(nullif(piece_flags, ''), ','), ',')) AS f ORDER BY 1), ','), '')
FROM q WHERE share > 0 AND length > 0
GROUP BY meter_id, day
"""
