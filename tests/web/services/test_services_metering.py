"""Utilisation of a shared asset read from the tenants' meters (services reads the monitor's
meters through base.metering, never importing monitor).

Hand fixture: the plant 'cetp' (2,000 m³/day) of park alpha; A1's wastewater meter WA1 reads
10 m³ a day and A2's WA2 20 m³ a day, every day of March 2024 → (310 + 620) m³ / 31 days =
30 m³/day. In April WA2 reads only 18 of 30 days (60 %): nothing is read, and the error says so.
"""

from __future__ import annotations

import datetime as dt

import pytest

from openeip.core.errors import DomainError
from openeip.core.i18n import render
from tests.web.services.helpers import services_world

pytestmark = pytest.mark.django_db

METERS = ("meter,company,name,resource,unit,register\n"
          "WA1,A1,A1 effluent,wastewater,m3,interval\n"
          "WA2,A2,A2 effluent,wastewater,m3,interval\n")


def _readings() -> bytes:
    lines = ["meter,start,end,value"]
    day = dt.date(2024, 3, 1)
    while day < dt.date(2024, 5, 1):
        nxt = day + dt.timedelta(days=1)
        lines.append("WA1,{} 00:00,{} 00:00,10".format(day, nxt))
        if day.month == 3 or day.day <= 18:
            lines.append("WA2,{} 00:00,{} 00:00,20".format(day, nxt))
        day = nxt
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def metered_plant(world):
    from openeip.web.monitor.models import Meter
    from openeip.web.monitor.services.meters import import_meters
    from openeip.web.monitor.services.readings import import_file

    s = services_world(world)
    import_meters(METERS.encode(), "meters.csv", world.alpha)
    import_file(_readings(), "readings.csv", Meter.objects.filter(park=world.alpha))
    return world, s


def _link_both(s):
    from openeip.web.services.services.metering import link_meter

    for connection in s.asset.connections.select_related("company", "asset__park"):
        link_meter(connection, "W" + connection.company.code)


def test_a_month_is_read_from_every_tenants_meter(metered_plant):
    from openeip.web.services.services.metering import utilisation_from_meters

    _w, s = metered_plant
    _link_both(s)
    record = utilisation_from_meters(s.asset, dt.date(2024, 3, 15))
    assert record.period_start == dt.date(2024, 3, 1)
    assert record.used == pytest.approx(30.0, rel=1e-12)
    assert record.source == "meter"
    assert render(record.detail) == ("Read from meters WA1 (100.0 %), WA2 (100.0 %): 930 m³ over "
                                     "31 days.")


def test_a_poorly_covered_month_is_not_read(metered_plant):
    from openeip.web.services.services.metering import utilisation_from_meters

    _w, s = metered_plant
    _link_both(s)
    with pytest.raises(DomainError, match="WA2 covers only 60.0 % of 2024-04"):
        utilisation_from_meters(s.asset, dt.date(2024, 4, 1))
    assert not s.asset.utilisation.filter(period_start=dt.date(2024, 4, 1)).exists()


def test_a_tenant_without_meter_is_named(metered_plant):
    from openeip.web.services.services.metering import link_meter, utilisation_from_meters

    w, s = metered_plant
    link_meter(s.asset.connections.get(company=w.a1), "WA1")
    with pytest.raises(DomainError, match="Tenants without a meter: A2"):
        utilisation_from_meters(s.asset, dt.date(2024, 3, 1))


def test_a_tenant_may_name_only_its_own_or_the_parks_meter(metered_plant):
    from openeip.web.services.services.metering import link_meter, linkable_meters

    w, s = metered_plant
    mine = s.asset.connections.get(company=w.a1)
    assert [code for code, _label in linkable_meters(mine)] == ["WA1"]
    with pytest.raises(DomainError, match="not a meter of A1"):
        link_meter(mine, "WA2")


def test_pages_link_and_read_by_persona(metered_plant, client_as):
    w, s = metered_plant
    a1 = s.asset.connections.get(company=w.a1)
    a2 = s.asset.connections.get(company=w.a2)
    tenant = client_as("company_user")
    assert tenant.post("/services/connections/{}/meter/".format(a1.pk),
                       {"meter_code": "WA1"}).status_code == 302
    assert tenant.post("/services/connections/{}/meter/".format(a2.pk),
                       {"meter_code": "WA2"}).status_code == 404
    assert client_as("other_company_user").post(
        "/services/connections/{}/meter/".format(a1.pk), {"meter_code": ""}).status_code == 404
    manager = client_as("park_manager")
    assert manager.post("/services/connections/{}/meter/".format(a2.pk),
                        {"meter_code": "WA2"}).status_code == 302
    url = "/services/assets/{}/utilisation/from-meters/".format(s.asset.pk)
    assert manager.post(url, {"month": "2024-03"}).status_code == 302
    assert client_as("company_user").post(url, {"month": "2024-04"}).status_code == 404
    manager = client_as("park_manager")
    page = manager.get("/services/assets/{}/".format(s.asset.pk)).content.decode()
    assert "Read from meters WA1 (100.0 %), WA2 (100.0 %)" in page
    assert 'name="meter_code"' in page


def test_the_api_says_where_a_metered_month_comes_from(metered_plant, client_as):
    from openeip.web.services.services.metering import utilisation_from_meters

    _w, s = metered_plant
    _link_both(s)
    utilisation_from_meters(s.asset, dt.date(2024, 3, 1))
    body = client_as("park_manager").get("/api/services/assets/{}/".format(s.asset.pk)).json()
    march = [u for u in body["utilisation"] if u["period_start"] == "2024-03-01"][0]
    assert march["source"] == "meter" and march["used"] == 30.0
    assert march["detail"].startswith("Read from meters WA1 (100.0 %)")
    assert {c["meter_code"] for c in body["connections"]} == {"WA1", "WA2"}


def test_a_connection_is_offered_only_meters_in_a_unit_of_the_assets_capacity(metered_plant):
    """A1's electricity meter (kWh) is never offered for the wastewater plant (m³/day); the
    park's own water meter (m³) is."""
    from openeip.web.monitor.services.meters import import_meters
    from openeip.web.services.services.metering import link_meter, linkable_meters

    w, s = metered_plant
    import_meters(b"meter,company,name,resource,unit,register\n"
                  b"EL1,A1,A1 supply,electricity,kWh,interval\n"
                  b"PW,,Park water,water,m3,interval\n", "more.csv", w.alpha)
    mine = s.asset.connections.get(company=w.a1)
    assert [code for code, _label in linkable_meters(mine)] == ["PW", "WA1"]
    with pytest.raises(DomainError, match="not a meter of A1"):
        link_meter(mine, "EL1")
