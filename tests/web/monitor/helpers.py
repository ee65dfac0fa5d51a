"""Meters of the conftest world: A1's electricity E1 (hourly for two days and monthly for two
years), A1's production P1, and the park's own water meter PW (no company)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

NOISE = [12.0, -8.0, 5.0, -15.0, 9.0, -3.0, 14.0, -11.0, 6.0, -9.0, 2.0, -2.0]
PRODUCTION = [100.0 + 10 * (i % 12) + (7 if i >= 12 else 0) for i in range(24)]


def electricity(i: int) -> float:
    return (1000 + 2.5 * PRODUCTION[i] + NOISE[i % 12]) * (0.9 if i >= 12 else 1.0)


def month(i: int) -> tuple[str, str]:
    year, number = 2023 + i // 12, i % 12 + 1
    nxt = (year + 1, 1) if number == 12 else (year, number + 1)
    return "{}-{:02d}-01 00:00".format(year, number), "{}-{:02d}-01 00:00".format(*nxt)


METERS = ("meter,company,name,resource,unit,register\n"
          "E1,A1,Main incomer,electricity,kWh,interval\n"
          "P1,A1,Dyed fabric,production,t,interval\n"
          "PW,,Park water intake,water,m3,interval\n")


def readings_csv() -> bytes:
    lines = ["meter,start,end,value"]
    for i in range(24):
        start, end = month(i)
        lines.append("E1,{},{},{!r}".format(start, end, electricity(i)))
        lines.append("P1,{},{},{!r}".format(start, end, PRODUCTION[i]))
    lines.append("PW,2024-01-01 00:00,2024-01-02 00:00,55")
    return ("\n".join(lines) + "\n").encode()


def metered(w: SimpleNamespace) -> Any:
    """The meters (made on first use); returns a namespace with e1, p1, pw."""
    if hasattr(w, "monitor"):
        return w.monitor
    from openeip.web.monitor.models import Meter
    from openeip.web.monitor.services.meters import import_meters
    from openeip.web.monitor.services.readings import import_file

    import_meters(METERS.encode(), "meters.csv", w.alpha)
    import_file(readings_csv(), "readings.csv", Meter.objects.all())
    w.monitor = SimpleNamespace(e1=Meter.objects.get(code="E1"), p1=Meter.objects.get(code="P1"),
                                pw=Meter.objects.get(code="PW"))
    return w.monitor


def baseline(w: SimpleNamespace) -> Any:
    import datetime as dt

    from openeip.web.monitor.models import Baseline
    from openeip.web.monitor.services import analysis, baselines

    m = metered(w)
    row = Baseline.objects.filter(meter=m.e1).first()
    if row is None:
        fit = analysis.fit_baseline(m.e1, dt.date(2023, 1, 1), dt.date(2023, 12, 31), [m.p1],
                                    "month")
        row = baselines.store(fit)
    return row
