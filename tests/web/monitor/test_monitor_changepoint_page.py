"""The meter page's baseline form asks for change-point models over a temperature meter, and the
stored model is shown with its balance point in the reader's language.

Fixture as tests/cli/test_monitor_cli_wiring.py: 2023 month k has a mean temperature
T_k = 8 + 2k °C (one reading a day) and a use y_k = 100 + 5·(T_k − 20)⁺ ± 0.5: the 3PC wins."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest

pytestmark = pytest.mark.django_db

TEMPS = [8.0 + 2 * k for k in range(1, 13)]
USE = [100 + 5 * max(t - 20, 0) + (-0.5 if k % 2 else 0.5)
       for k, t in zip(range(1, 13), TEMPS, strict=True)]


@pytest.fixture
def chiller(world):
    from openeip.web.monitor.models import Meter
    from openeip.web.monitor.services.meters import import_meters
    from openeip.web.monitor.services.readings import import_file

    import_meters(b"meter,company,name,resource,unit,register\n"
                  b"E3,A1,Chiller plant,electricity,kWh,interval\n"
                  b"T1,A1,Outdoor temperature,temperature,degC,interval\n", "m.csv", world.alpha)
    lines = ["meter,start,end,value"]
    for k in range(1, 13):
        first = dt.date(2023, k, 1)
        after = dt.date(2023 + k // 12, k % 12 + 1, 1)
        lines.append("E3,{} 00:00,{} 00:00,{!r}".format(first, after, USE[k - 1]))
        for day in range(calendar.monthrange(2023, k)[1]):
            start = first + dt.timedelta(days=day)
            lines.append("T1,{} 00:00,{} 00:00,{!r}".format(
                start, start + dt.timedelta(days=1), TEMPS[k - 1]))
    import_file(("\n".join(lines) + "\n").encode(), "r.csv", Meter.objects.all())
    return Meter.objects.get(code="E3"), Meter.objects.get(code="T1")


def test_the_form_fits_change_points_and_the_page_names_the_balance_point(chiller, client_as):
    from openeip.web.monitor.models import Baseline

    e3, t1 = chiller
    client = client_as("company_user")
    response = client.post("/monitor/meters/{}/baseline/".format(e3.pk), {
        "start": "2023-01-01", "end": "2023-12-31", "interval": "month",
        "drivers": [t1.pk], "change_point": t1.pk})
    assert response.status_code == 302
    stored = Baseline.objects.get(meter=e3)
    assert stored.model["kind"] == "3PC" and stored.accepted
    point = stored.model["balance_points"]["cooling"]
    page = client.get("/monitor/meters/{}/".format(e3.pk)).content.decode()
    assert "change-point model 3PC: intercept + T1 above {:g} (cooling)".format(point) in page
    vi = client_as("company_user")
    vi.cookies["django_language"] = "vi"
    assert "mô hình điểm chuyển 3PC" in vi.get("/monitor/meters/{}/".format(e3.pk),
                                                 HTTP_ACCEPT_LANGUAGE="vi").content.decode()
