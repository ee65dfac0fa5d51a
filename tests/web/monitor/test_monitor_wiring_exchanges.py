"""A symbiosis exchange's realised quantity read from a meter (monitor imports symbiosis' service;
symbiosis never imports monitor).

Hand fixture: A1 → A2 (tests/web/symbiosis_helpers.py, unit t) made operating and revealed; A1's
meter SX (kg) reads 100 kg every day of March 2024 → 3,100 kg = 3.1 t recorded for 2024-03, its
note naming the meter and its coverage. April has 12 of 30 days (40 %): nothing is recorded.
"""

from __future__ import annotations

import datetime as dt

import pytest

from openeip.core.errors import DomainError
from tests.web.symbiosis_helpers import exchanges

pytestmark = pytest.mark.django_db


@pytest.fixture
def measured(world):
    from openeip.web.monitor.models import Meter
    from openeip.web.monitor.services.meters import import_meters
    from openeip.web.monitor.services.readings import import_file
    from openeip.web.symbiosis.models import Opportunity

    ex = exchanges(world)
    Opportunity.objects.filter(pk=ex.a1_a2.pk).update(status="operating", supplier_revealed=True,
                                                      receiver_revealed=True)
    import_meters(b"meter,company,name,resource,unit,register\n"
                  b"SX,A1,Offcuts to A2,other,kg,interval\n", "m.csv", world.alpha)
    lines = ["meter,start,end,value"]
    day = dt.date(2024, 3, 1)
    while day <= dt.date(2024, 4, 12):
        lines.append("SX,{} 00:00,{} 00:00,100".format(day, day + dt.timedelta(days=1)))
        day += dt.timedelta(days=1)
    import_file(("\n".join(lines) + "\n").encode(), "r.csv", Meter.objects.all())
    return world, ex, Meter.objects.get(code="SX")


def test_a_months_realised_quantity_is_read_from_the_meter(measured):
    from openeip.web.monitor.services.exchanges import link_exchange, record_from_meter
    from openeip.web.symbiosis.models import Opportunity

    world, ex, meter = measured
    admin = world.users["admin"]
    link = link_exchange(meter, Opportunity.objects.get(pk=ex.a1_a2.pk), admin)
    record = record_from_meter(link, 2024, 3, admin)
    assert (record.year, record.month, record.quantity, record.unit) == (2024, 3, 3.1, "t")
    assert record.note == "meter SX, 100.0 % of 2024-03 covered"
    with pytest.raises(DomainError, match="covers only 40.0 % of 2024-04"):
        record_from_meter(link, 2024, 4, admin)
    with pytest.raises(DomainError, match=r"covers only 11\.7 % of 2024"):
        record_from_meter(link, 2024, 0, admin)   # 43 of 366 days


def test_a_meter_links_only_to_an_exchange_of_its_firm(measured):
    from openeip.web.monitor.services.exchanges import link_exchange
    from openeip.web.symbiosis.models import Opportunity

    world, ex, meter = measured
    with pytest.raises(DomainError, match="neither firm"):
        link_exchange(meter, Opportunity.objects.get(pk=ex.b1_a2.pk), world.users["admin"])


def test_pages_link_and_record_by_persona(measured, client_as):
    from openeip.web.monitor.models import ExchangeMeter
    from openeip.web.symbiosis.models import ExchangeRecord

    _world, ex, meter = measured
    url = "/monitor/meters/{}/exchanges/".format(meter.pk)
    assert client_as("other_company_user").post(url, {"opportunity": ex.a1_a2.pk}
                                                ).status_code == 404
    assert client_as("other_company_user").get(url).status_code == 404
    assert not ExchangeMeter.objects.exists()
    user = client_as("company_user")
    page = user.get("/monitor/meters/{}/".format(meter.pk)).content.decode()
    assert url in page  # the meter page links to the page that offers the exchanges
    assert 'name="opportunity"' in user.get(url).content.decode()
    assert user.post(url, {"opportunity": ex.a1_a2.pk}).status_code == 302
    link = ExchangeMeter.objects.get()
    record_url = "/monitor/exchange-meters/{}/record/".format(link.pk)
    assert user.post(record_url, {"year": "2024", "month": "3"}).status_code == 302
    assert ExchangeRecord.objects.get(opportunity_id=ex.a1_a2.pk).quantity == 3.1
    assert client_as("other_company_user").post(record_url, {"year": "2024", "month": "4"}
                                                ).status_code == 404
    page = client_as("company_user").get("/monitor/meters/{}/".format(meter.pk)).content.decode()
    assert "Record the realised quantity from this meter" in page
    assert "Coal fly ash · #" in page and "fly_ash" not in page   # the class's name, not code
    vi = client_as("company_user")
    vi.cookies["django_language"] = "vi"
    assert "Tro bay · #" in vi.get("/monitor/meters/{}/".format(meter.pk),
                                   HTTP_ACCEPT_LANGUAGE="vi").content.decode()


def test_the_page_offers_only_exchanges_in_a_unit_the_meter_converts_to_and_not_yet_linked(
        measured):
    from openeip.web.monitor.models import Meter
    from openeip.web.monitor.services.exchanges import choices_for, link_exchange
    from openeip.web.monitor.services.meters import import_meters
    from openeip.web.symbiosis.models import Opportunity

    world, ex, meter = measured
    admin = world.users["admin"]
    a1_a2 = Opportunity.objects.get(pk=ex.a1_a2.pk)
    assert a1_a2.pk in [row.pk for row in choices_for(meter, admin)]  # kg → t converts
    link_exchange(meter, a1_a2, admin)
    assert a1_a2.pk not in [row.pk for row in choices_for(meter, admin)]  # linked already
    import_meters(b"meter,company,name,resource,unit,register\n"
                  b"EL,A1,Main supply,electricity,kWh,interval\n", "m.csv", world.alpha)
    electricity = Meter.objects.get(code="EL")
    assert choices_for(electricity, admin) == []
    with pytest.raises(DomainError, match="reads in kWh, which does not convert to the "
                                          "exchange's unit t"):
        link_exchange(electricity, a1_a2, admin)
