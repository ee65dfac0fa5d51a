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
