"""The daily roll-up kept by every import: a day filled by two imports, a correction, a bill
reaching over the imported span, and a register read arriving between two others."""

from __future__ import annotations

import pytest


@pytest.fixture
def meter(world):
    from openeip.web.monitor.models import Meter

    return Meter.objects.create(park=world.alpha, company=world.a1, code="E9", name="E9",
                                resource="electricity", unit="kWh")


def _import(meter, lines):
    from openeip.web.monitor.services.readings import import_file

    content = ("meter,start,end,value\n" + "\n".join(lines) + "\n").encode()
    return import_file(content, "r.csv", [meter])


def _days(meter):
    from openeip.web.monitor.models import DailyTotal

    return {str(d): v for d, v in DailyTotal.objects.filter(meter=meter).values_list(
        "day", "value")}


def test_a_day_filled_by_two_imports_then_corrected(meter):
    _import(meter, ["E9,2024-03-01 {:02d}:00,2024-03-01 {:02d}:00,1".format(h, h + 1)
                    for h in range(12)])
    assert _days(meter) == {"2024-03-01": 12.0}
    _import(meter, ["E9,2024-03-01 {:02d}:00,2024-03-01 {:02d}:00,2".format(h, h + 1)
                    for h in range(12, 23)] + ["E9,2024-03-01 23:00,2024-03-02 00:00,2"])
    assert _days(meter) == {"2024-03-01": 36.0}
    result = _import(meter, ["E9,2024-03-01 05:00,2024-03-01 06:00,10"])
    assert (result.inserted, result.updated) == (0, 1)
    assert _days(meter) == {"2024-03-01": 45.0}


def test_a_stored_bill_reaching_over_the_import_is_counted(meter):
    _import(meter, ["E9,2024-03-01 00:00,2024-03-03 00:00,48"])  # two days, 24 each
    _import(meter, ["E9,2024-03-02 10:00,2024-03-02 11:00,5"])  # overlaps the bill: flagged
    assert _days(meter) == {"2024-03-01": 24.0, "2024-03-02": 29.0}
    from openeip.web.monitor.models import DailyTotal

    flags = dict(DailyTotal.objects.filter(meter=meter).values_list("day__day", "flags"))
    assert flags == {1: "", 2: "overlap"}


def _rolled_up(meter):
    """The daily totals worked out again from the stored readings by core.monitor.rollup."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from openeip.core import monitor
    from openeip.core.monitor.quality import overlaps
    from openeip.web.monitor.models import Reading

    readings = [monitor.Interval(s, e, v, frozenset(f.split(",")) if f else frozenset())
                for s, e, v, f in Reading.objects.filter(meter=meter).values_list(
                    "start", "end", "value", "flags")]
    zone = ZoneInfo(meter.time_zone)
    first = min(r.start for r in readings).astimezone(zone).date()
    last = max(r.end for r in readings).astimezone(zone).date()
    days = monitor.rollup(readings, "day", meter.time_zone,
                          start=dt.datetime(first.year, first.month, first.day, tzinfo=zone),
                          end=dt.datetime(last.year, last.month, last.day, tzinfo=zone)
                          + dt.timedelta(days=1))
    for overlap in overlaps(readings):
        for day in days:
            if day.start < overlap.end and overlap.start < day.end:
                day.flags.add("overlap")
    return {str(p.start.date()): (pytest.approx(p.value, rel=1e-12), p.covered_seconds,
                                  ",".join(sorted(p.flags)))
            for p in days if p.covered_seconds > 0}


def test_daily_totals_agree_with_the_core_roll_up(meter):
    """Readings over midnight, a three-day bill, an overlap, two imports: the stored daily
    totals (SQL on PostgreSQL, Python on SQLite) are core.monitor.rollup's."""
    from openeip.web.monitor.models import DailyTotal
    from openeip.web.registry.models import AuditEntry

    _import(meter, ["E9,2024-03-01 22:30,2024-03-02 00:00,3",
                    "E9,2024-03-02 00:00,2024-03-02 01:30,4.5",
                    "E9,2024-03-02 23:00,2024-03-03 01:00,6",
                    "E9,2024-03-05 12:00,2024-03-08 12:00,72"])
    _import(meter, ["E9,2024-03-06 06:00,2024-03-06 07:00,2",       # inside the bill: overlap
                    "E9,2024-03-03 01:00,2024-03-03 02:00,1"])
    stored = {str(d): (v, c, f) for d, v, c, f in DailyTotal.objects.filter(
        meter=meter).values_list("day", "value", "covered_seconds", "flags")}
    assert stored == _rolled_up(meter)
    # hand-checked: 22:30–24:00 is all of 3 on the 1st; the 2nd has 4.5·(1/1.5)·1.5 = 4.5
    # plus half of 6; the bill gives 12 to the 5th, 24 to the 6th (+2, overlap) and 7th
    assert stored["2024-03-01"][0] == 3.0 and stored["2024-03-02"][0] == 4.5 + 3.0
    assert stored["2024-03-06"] == (26.0, 86400.0 + 3600.0, "overlap")
    assert AuditEntry.objects.filter(object_type="meter_readings").count() == 2
    again = _import(meter, ["E9,2024-03-06 06:00,2024-03-06 07:00,2"])
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 1)
    assert AuditEntry.objects.filter(object_type="meter_readings").count() == 2
