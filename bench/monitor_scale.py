"""Benchmark: meter readings at scale on PostgreSQL (issue 13, "Scale").

Scaled down to run in a few minutes on the 2-core machine: ``--meters`` (default 200) hourly
meters over two years (17,544 readings each; 3.5 M readings), plus two daily driver series.

* **ingest**: the readings go through the import path (``import_file``: CSV parse, per-cell
  checks, per-meter lock, diff against stored rows, COPY into the indexed table, daily roll-up)
  in files of 10 meters; baseline in the same run: ``COPY`` of the same rows into an unindexed
  table with no check at all. Reported: readings/s of each and the ratio.
* **baselines**: a monthly baseline of every meter over its first year, over every combination
  of the two drivers (7 OLS fits each) with the sufficiency check; seconds per meter and total,
  extrapolated linearly to 2,000 meters (the fits are independent; the cost is per meter).
* **one meter-year read**: the rows of one meter's year from the indexed table, p50/p95 over 20
  meters, against the same query on the unindexed copy (a full scan).

    python -m bench.monitor_scale [--meters 200] [--years 2]

A database recreated for the run: ``BENCH_PG_DATABASE`` (default ``openeip_bench_monitor``) on
``BENCH_PG_URL`` (default ``postgres://postgres@127.0.0.1:5432/``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import math
import os
import random
import statistics
import time
from zoneinfo import ZoneInfo

PG = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/")
PG_DATABASE = os.environ.get("BENCH_PG_DATABASE", "openeip_bench_monitor")
PER_FILE = 10
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _recreate() -> None:
    import psycopg

    with psycopg.connect(PG + "postgres", autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS {} WITH (FORCE)".format(PG_DATABASE))
        connection.execute("CREATE DATABASE {}".format(PG_DATABASE))


def _setup() -> None:
    os.environ["DATABASE_URL"] = PG + PG_DATABASE
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openeip.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _drivers(days: int, first: dt.date) -> tuple[list[float], list[float]]:
    rng = random.Random(13)
    production, cdd = [], []
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        season = math.sin(2 * math.pi * (day.timetuple().tm_yday - 80) / 365)
        production.append(round(max(0.0, 40 * (1 + 0.2 * season) * rng.uniform(0.8, 1.2)
                                    * (0.3 if day.weekday() == 6 else 1)), 3))
        cdd.append(round(max(0.0, 6 + 5 * season + rng.uniform(-2, 2)), 3))
    return production, cdd


def _csv(codes: list[str], first: dt.date, days: int, production: list[float],
         cdd: list[float], seed: int) -> bytes:
    rng = random.Random(seed)
    out = io.StringIO()
    out.write("meter,start,end,value\n")
    for index, code in enumerate(codes):
        base, per_t, per_cdd = 50 + index % 7 * 10, 2.0 + index % 5, 3.0 + index % 3
        for offset in range(days):
            day = first + dt.timedelta(days=offset)
            for hour in range(24):
                start = dt.datetime(day.year, day.month, day.day, hour)
                end = start + dt.timedelta(hours=1)
                shift = 1.0 if 6 <= hour < 22 else 0.0
                value = (base + shift * (per_t * production[offset] + per_cdd * cdd[offset])
                         / 16) * rng.uniform(0.95, 1.05)
                out.write("{},{:%Y-%m-%d %H:%M},{:%Y-%m-%d %H:%M},{:.3f}\n".format(
                    code, start, end, value))
    return out.getvalue().encode()


def _plain_copy(chunks: list[tuple[list[int], bytes]]) -> tuple[float, int]:
    """COPY the same rows (meter id, start, end, value) into an unindexed table, no checks."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute('CREATE UNLOGGED TABLE IF NOT EXISTS bench_plain '
                       '(meter_id integer, start timestamptz, "end" timestamptz, value float8)')
        cursor.execute("TRUNCATE bench_plain")
    rows = 0
    started = time.perf_counter()
    for ids_by_code, content in chunks:
        lines = content.decode().splitlines()[1:]
        buffer = io.StringIO()
        for line in lines:
            code, start, end, value = line.split(",")
            buffer.write("{}\t{}+07\t{}+07\t{}\n".format(ids_by_code[int(code[1:]) % PER_FILE],
                                                        start, end, value))
        rows += len(lines)
        with connection.cursor() as cursor, cursor.copy(
                'COPY bench_plain (meter_id, start, "end", value) FROM STDIN') as copy:
            copy.write(buffer.getvalue())
    return time.perf_counter() - started, rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--meters", type=int, default=200)
    parser.add_argument("--years", type=int, default=2)
    args = parser.parse_args()
    load_before = os.getloadavg()
    _recreate()
    _setup()
    from django.db import connection

    from openeip.core import monitor
    from openeip.web.monitor.models import DailyTotal, Meter, Reading
    from openeip.web.monitor.services import analysis
    from openeip.web.monitor.services.readings import import_file, store_intervals
    from openeip.web.registry.models import Park

    first = dt.date(2023, 1, 1)
    days = (dt.date(first.year + args.years, 1, 1) - first).days
    park = Park.objects.create(slug="bench-monitor", name_en="Bench", name_vi="Bench",
                               province="Đồng Nai", area_ha=100)
    meters = [Meter(park=park, code="M{:05d}".format(i), name="meter {}".format(i),
                    resource="electricity", unit="kWh") for i in range(args.meters)]
    Meter.objects.bulk_create(meters)
    meters = list(Meter.objects.filter(park=park).order_by("code"))
    production, cdd = _drivers(days, first)
    drivers = []
    for code, values in (("PROD", production), ("CDD", cdd)):
        driver = Meter.objects.create(park=park, code=code, name=code,
                                      resource="production" if code == "PROD" else "degree_days",
                                      unit="t" if code == "PROD" else "K·d")
        store_intervals(driver, [monitor.Interval(
            dt.datetime(d.year, d.month, d.day, tzinfo=TZ),
            dt.datetime(d.year, d.month, d.day, tzinfo=TZ) + dt.timedelta(days=1), v)
            for d, v in ((first + dt.timedelta(days=i), v) for i, v in enumerate(values))])
        drivers.append(driver)

    # ingest through the import path, files of PER_FILE meters
    chunks = []
    generate_s = 0.0
    import_s = import_cpu_s = 0.0
    rows = 0
    for start in range(0, len(meters), PER_FILE):
        group = meters[start:start + PER_FILE]
        began = time.perf_counter()
        content = _csv([m.code for m in group], first, days, production, cdd, seed=start)
        generate_s += time.perf_counter() - began
        chunks.append(([m.pk for m in group], content))
        began, cpu = time.perf_counter(), time.process_time()
        result = import_file(content, "readings.csv", group, via="bench")
        import_s += time.perf_counter() - began
        import_cpu_s += time.process_time() - cpu
        rows += result.inserted
    plain_s, plain_rows = _plain_copy(chunks)
    assert plain_rows == rows, (plain_rows, rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE monitor_reading")
        cursor.execute("ANALYZE bench_plain")
        cursor.execute("SELECT pg_total_relation_size('monitor_reading'), "
                       "pg_total_relation_size('bench_plain'), "
                       "pg_relation_size('monitor_reading_start_brin')")
        table_bytes, plain_bytes, brin_bytes = cursor.fetchone()

    # monthly baselines over the first year, every combination of the two drivers
    fits = []
    began, cpu = time.perf_counter(), time.process_time()
    accepted = 0
    for meter in meters:
        one = time.perf_counter()
        fit = analysis.fit_baseline(meter, first, dt.date(first.year, 12, 31), drivers, "month")
        fits.append(time.perf_counter() - one)
        accepted += fit.selection.chosen.accepted
    fit_s = time.perf_counter() - began
    fit_cpu_s = time.process_time() - cpu

    # one meter-year read: indexed table vs the unindexed copy
    year = (dt.datetime(first.year, 1, 1, tzinfo=TZ), dt.datetime(first.year + 1, 1, 1, tzinfo=TZ))
    indexed, plain, raw, server, server_plain = [], [], [], [], []
    sample = meters[:: max(1, len(meters) // 20)][:20]
    for meter in sample:
        began = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("SELECT extract(epoch FROM start)::float8, value FROM monitor_reading "
                           "WHERE meter_id = %s AND start >= %s AND start < %s",
                           [meter.pk, *year])
            assert len(cursor.fetchall()) == 8760
        raw.append(time.perf_counter() - began)
        for table, into in (("monitor_reading", server), ("bench_plain", server_plain)):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) SELECT start, value FROM {} "
                               "WHERE meter_id = %s AND start >= %s AND start < %s".format(table),
                               [meter.pk, *year])
                plan = cursor.fetchone()[0]
                plan = json.loads(plan) if isinstance(plan, str) else plan
                into.append(plan[0]["Execution Time"] / 1000)
        began = time.perf_counter()
        got = list(Reading.objects.filter(meter=meter, start__gte=year[0], start__lt=year[1])
                   .values_list("start", "end", "value"))
        indexed.append(time.perf_counter() - began)
        assert len(got) == 8760
        began = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute('SELECT start, "end", value FROM bench_plain WHERE meter_id = %s '
                           "AND start >= %s AND start < %s", [meter.pk, *year])
            assert len(cursor.fetchall()) == 8760
        plain.append(time.perf_counter() - began)

    def pct(values: list[float], q: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]

    per_fit = fit_s / len(meters)
    print(json.dumps({
        "meters": len(meters), "readings": rows, "years": args.years,
        "load_average_1min_before_after": [round(load_before[0], 1),
                                           round(os.getloadavg()[0], 1)], "cpus": os.cpu_count(),
        "daily_totals": DailyTotal.objects.count(),
        "ingest": {
            "import_path_s": round(import_s, 2),
            "import_path_readings_per_s": round(rows / import_s),
            "import_path_python_cpu_s": round(import_cpu_s, 2),
            "readings_per_python_cpu_s": round(rows / import_cpu_s),
            "plain_copy_unindexed_s": round(plain_s, 2),
            "plain_copy_readings_per_s": round(rows / plain_s),
            "ratio_import_to_plain_time": round(import_s / plain_s, 2),
            "csv_generation_s_not_counted": round(generate_s, 2),
            "table_mib": round(table_bytes / 2 ** 20, 1),
            "plain_table_mib": round(plain_bytes / 2 ** 20, 1),
            "brin_index_kib": round(brin_bytes / 1024, 1),
            "target": ">= 100,000 readings/s through the import path",
        },
        "baselines": {
            "meters": len(meters), "total_s": round(fit_s, 2),
            "per_meter_ms": round(per_fit * 1000, 1),
            "python_cpu_per_meter_ms": round(fit_cpu_s / len(meters) * 1000, 1),
            "p95_per_meter_ms": round(pct(fits, 0.95) * 1000, 1),
            "models_per_meter": 7, "accepted": accepted,
            "extrapolated_2000_meters_s": round(per_fit * 2000, 1),
            "target": "2,000 monthly baselines over all driver combinations <= 60 s",
        },
        "meter_year_read": {
            "server_execution_p50_ms": round(statistics.median(server) * 1000, 1),
            "server_execution_unindexed_p50_ms": round(statistics.median(server_plain) * 1000, 1),
            "raw_epoch_floats_p50_ms": round(statistics.median(raw) * 1000, 1),
            "raw_epoch_floats_p95_ms": round(pct(raw, 0.95) * 1000, 1),
            "orm_datetimes_p50_ms": round(statistics.median(indexed) * 1000, 1),
            "orm_datetimes_p95_ms": round(pct(indexed, 0.95) * 1000, 1),
            "unindexed_datetimes_p50_ms": round(statistics.median(plain) * 1000, 1),
            "ratio_server_unindexed_to_indexed_p50": round(
                statistics.median(server_plain) / statistics.median(server), 1),
            "target": "one meter-year <= 50 ms",
        },
    }, indent=2))


if __name__ == "__main__":
    main()
