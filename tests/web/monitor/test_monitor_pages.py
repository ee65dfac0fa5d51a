"""Monitor pages per persona: the meter page shows the series, the baseline's statistics and
CUSUM; the POST actions (baseline, adjustment, target) only for those who may change A1."""

from __future__ import annotations

import pytest

from tests.conftest import PERSONAS, SEES_A1
from tests.web.monitor.helpers import baseline, metered


@pytest.fixture
def meters(world):
    return metered(world)


def test_meter_page_shows_series_baseline_and_cusum(world, meters, client_as):
    baseline(world)
    response = client_as("company_user").get("/monitor/meters/{}/".format(meters.e1.pk))
    assert response.status_code == 200
    body = response.content.decode()
    assert "meter-series-config" in body and "meter-cusum-config" in body
    assert "intercept + P1" in body
    page = response.context["page"]
    assert len(page.chart.periods) == 24
    # CUSUM over 2024: falling, as 10 % less is used than predicted
    assert page.cusum.series[0].values[-1] < 0


def test_meter_page_follows_new_readings_and_a_new_baseline(world, meters, client_as):
    """The series part of the page is cached under the data versions of the meters it reads:
    an import (row by row on SQLite, through COPY on PostgreSQL) and a new baseline show at
    once."""
    from openeip.web.monitor.models import Meter
    from openeip.web.monitor.services.readings import import_file

    client = client_as("company_user")
    url = "/monitor/meters/{}/".format(meters.e1.pk)
    page = client.get(url).context["page"]
    assert len(page.chart.periods) == 24 and page.cusum is None
    version = Meter.objects.get(pk=meters.e1.pk).data_version
    import_file(b"meter,start,end,value\nE1,2025-01-01 00:00,2025-01-02 00:00,40\n", "r.csv",
                Meter.objects.all())
    assert Meter.objects.get(pk=meters.e1.pk).data_version > version
    page = client.get(url).context["page"]
    assert len(page.chart.periods) == 25 and page.chart.series[0].values[-1] == 40
    baseline(world)
    assert client.get(url).context["page"].cusum is not None


def test_what_the_page_shows_raises_the_meters_version(world, meters, client_as):
    """The page's body is cached under the meter's version: a new adjustment shows at once, and
    new readings of a driver raise the version of the meter whose baseline takes it."""
    import datetime as dt

    from openeip.web.monitor.models import Meter, NonRoutineAdjustment
    from openeip.web.monitor.services.readings import import_file

    client = client_as("company_user")
    url = "/monitor/meters/{}/".format(meters.e1.pk)
    assert "New dyeing line" not in client.get(url).content.decode()
    NonRoutineAdjustment.objects.create(meter=meters.e1, start=dt.date(2024, 1, 1),
                                        end=dt.date(2024, 6, 30), quantity=500,
                                        note="New dyeing line")
    assert "New dyeing line" in client.get(url).content.decode()
    baseline(world)                                  # E1's baseline takes P1 as its driver
    before = Meter.objects.get(pk=meters.e1.pk).data_version
    import_file(b"meter,start,end,value\nP1,2025-01-01 00:00,2025-02-01 00:00,90\n", "p.csv",
                Meter.objects.all())
    assert Meter.objects.get(pk=meters.e1.pk).data_version > before
    assert Meter.objects.get(pk=meters.pw.pk).data_version == 1   # PW reads neither


def test_the_baseline_form_has_a_page_and_says_what_is_wrong_there(world, meters, client_as):
    client = client_as("company_user")
    url = "/monitor/meters/{}/baseline/".format(meters.e1.pk)
    assert 'name="drivers"' in client.get(url).content.decode()
    response = client.post(url, {"start": "2023-01-01", "end": "2022-12-31",
                                 "interval": "fortnight"})
    assert response.status_code == 200  # the form again, with its errors beside the fields
    assert "fortnight is not one of the available choices" in response.content.decode()


def test_meter_page_in_vietnamese(world, meters, client_as):
    client = client_as("company_user")
    client.cookies["django_language"] = "vi"
    response = client.get("/monitor/meters/{}/?interval=day&start=2024-01-01&end=2024-01-31"
                          .format(meters.e1.pk), HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert len(response.context["page"].chart.periods) == 31


def test_hourly_view_is_capped(world, meters, client_as):
    response = client_as("company_user").get(
        "/monitor/meters/{}/?interval=hour".format(meters.e1.pk))
    assert response.status_code == 200
    assert len(response.context["page"].chart.periods) <= 31 * 24


@pytest.mark.parametrize("persona", PERSONAS)
def test_fit_baseline_only_for_those_who_may_change(world, meters, client_as, persona):
    from openeip.web.monitor.models import Baseline

    response = client_as(persona).post(
        "/monitor/meters/{}/baseline/".format(meters.e1.pk),
        {"start": "2023-01-01", "end": "2023-12-31", "interval": "month",
         "drivers": [meters.p1.pk]})
    if persona in SEES_A1:
        assert response.status_code == 302
        row = Baseline.objects.get(meter=meters.e1)
        assert row.accepted and row.model["label"] == "intercept + P1"
    elif persona == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    else:
        assert response.status_code == 404
        assert not Baseline.objects.exists()


def test_baseline_with_too_little_data_says_why(world, meters, client_as):
    client = client_as("company_user")
    response = client.post("/monitor/meters/{}/baseline/".format(meters.e1.pk),
                           {"start": "2023-01-01", "end": "2023-03-31", "interval": "month"},
                           follow=True)
    assert "needs at least 12" in response.content.decode()


@pytest.mark.parametrize("persona", ["company_user", "other_company_user", "park_manager"])
def test_adjustment_and_target_are_audited(world, meters, client_as, persona):
    from openeip.web.monitor.models import NonRoutineAdjustment, Target
    from openeip.web.registry.models import AuditEntry

    client = client_as(persona)
    adjustment = client.post("/monitor/meters/{}/adjustments/".format(meters.e1.pk), {
        "start": "2024-01-01", "end": "2024-06-30", "quantity": "500",
        "note": "New dyeing line", "evidence": "Board minutes 2023-12"})
    target = client.post("/monitor/meters/{}/targets/".format(meters.e1.pk), {
        "interval": "month", "limit": "1300", "starts_on": "2024-01-01"})
    if persona == "other_company_user":
        assert adjustment.status_code == target.status_code == 404
        assert not NonRoutineAdjustment.objects.exists() and not Target.objects.exists()
        return
    assert adjustment.status_code == target.status_code == 302
    assert NonRoutineAdjustment.objects.get().note == "New dyeing line"
    assert AuditEntry.objects.filter(object_type="meter_adjustment").count() == 1
    assert Target.objects.get().limit == 1300


def test_target_light_on_the_meter_page(world, meters, client_as):
    import datetime as dt

    from openeip.web.monitor.models import Target
    from openeip.web.monitor.services.presenting import target_lights

    target = Target.objects.create(meter=meters.e1, interval="month", limit=1200,
                                   starts_on=dt.date(2023, 1, 1))
    lights = target_lights(target, dt.date(2023, 3, 15), periods=2)
    # January 2023: 1000 + 250 + 12 = 1262 > 1200 → red; February: 1000 + 275 − 8 = 1267 → red
    assert [round(light.kpi or 0) for _s, light in lights] == [1262, 1267]
    assert {light.colour for _s, light in lights} == {"red"}
    intensity = Target.objects.create(meter=meters.e1, per_driver=meters.p1, interval="month",
                                      limit=13.0, starts_on=dt.date(2023, 1, 1))
    (_start, light), = target_lights(intensity, dt.date(2023, 2, 10))
    assert light.kpi == pytest.approx(1262 / 100) and light.colour == "green"


@pytest.mark.parametrize("persona", ["company_user", "consultant_without_grant"])
def test_upload_readings_page(world, meters, client_as, persona):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from openeip.web.monitor.models import Reading

    before = Reading.objects.count()
    good = SimpleUploadedFile("r.csv", b"meter,start,end,value\n"
                                       b"E1,2025-01-01 00:00,2025-01-01 01:00,12\n")
    response = client_as(persona).post("/monitor/upload/", {"file": good})
    assert response.status_code == 200
    if persona == "company_user":
        assert response.context["result"].inserted == 1
        assert Reading.objects.count() == before + 1
    else:  # E1 is not a meter this persona may write: an unknown meter, by row
        assert "row 2, column meter" in " ".join(response.context["problems"])
        assert Reading.objects.count() == before


def test_park_page_lists_the_parks_own_meter(world, meters, client_as):
    import datetime as dt

    from openeip.web.monitor.models import Target

    Target.objects.create(meter=meters.e1, interval="month", limit=1200,
                          starts_on=dt.date(2023, 1, 1))
    response = client_as("park_manager").get("/parks/alpha/monitor/")
    body = response.content.decode()
    assert "PW" in body and "E1" in body
    e1 = next(row for row in response.context["rows"] if row.meter.code == "E1")
    assert e1.light is not None and e1.light.colour == "grey"  # no readings last month
    company = client_as("company_user").get("/companies/{}/monitor/".format(world.a1.pk))
    assert "PW" not in company.content.decode()


def test_the_meter_page_names_its_park_and_gives_every_form_field_its_own_id(world, meters,
                                                                            client_as):
    import re
    from collections import Counter

    body = client_as("park_manager").get("/monitor/meters/{}/".format(meters.e1.pk)
                                         ).content.decode()
    assert 'href="/parks/alpha/"' in body  # the breadcrumb starts at the park
    ids = Counter(re.findall(r'\sid="([^"]+)"', body))
    assert [name for name, count in ids.items() if count > 1] == []
    assert "change-point" not in body  # no temperature meter in the park: nothing to offer


def test_importing_the_same_readings_again_changes_nothing_not_even_the_version(world, meters):
    from openeip.web.monitor.models import DailyTotal, Meter
    from openeip.web.monitor.services.readings import import_file
    from tests.web.monitor.helpers import readings_csv

    before = Meter.objects.get(pk=meters.e1.pk).data_version
    days = list(DailyTotal.objects.filter(meter=meters.e1).values_list("day", "value"))
    result = import_file(readings_csv(), "again.csv", Meter.objects.all())
    assert result.inserted == result.updated == 0 and result.unchanged == result.rows
    assert Meter.objects.get(pk=meters.e1.pk).data_version == before   # cached pages stay
    assert list(DailyTotal.objects.filter(meter=meters.e1).values_list("day", "value")) == days


def test_a_period_without_readings_or_backwards_says_so(world, meters, client_as):
    client = client_as("company_user")
    url = "/monitor/meters/{}/".format(meters.e1.pk)
    empty = client.get(url + "?start=2030-01-01&end=2030-12-31").content.decode()
    assert ("No readings from 1 Jan 2030 to 31 Dec 2030: this meter's readings run from "
            "1 Jan 2023 to 31 Dec 2024.") in empty
    backwards = client.get(url + "?start=2024-12-31&end=2024-01-01").content.decode()
    assert "The end comes before the start." in backwards
    vi = client_as("company_user")
    vi.cookies["django_language"] = "vi"
    assert "Không có số đọc từ" in vi.get(url + "?start=2030-01-01&end=2030-12-31",
                                          HTTP_ACCEPT_LANGUAGE="vi").content.decode()
