"""An implemented RECP option verified by A1's meter: the savings the meter shows go into the
option's measured change (through recp's service), the workflow may then mark it verified, and
the option sheet and the RECP report say so."""

from __future__ import annotations

import datetime as dt

import pytest

from openeip.core.errors import DomainError
from tests.web.monitor.helpers import PRODUCTION, electricity, metered


@pytest.fixture
def implemented(world):
    from openeip.web.recp.models import Assessment, AssessmentOption, OptionStatus

    m = metered(world)
    m.e1.flow_kind, m.e1.flow_description = "energy", "Grid electricity"
    m.e1.save()
    assessment = Assessment.objects.create(company=world.a1, title="A1 scan")
    option = AssessmentOption.objects.create(
        assessment=assessment, title_en="VSD on the compressor", category="technology_change",
        discount_rate="0.10",
        savings=[{"description": "Grid electricity", "quantity": 1.5, "unit": "MWh"}])
    AssessmentOption.objects.filter(pk=option.pk).update(status=OptionStatus.IMPLEMENTED)
    option.refresh_from_db()
    return world, m, option


def _verify(m, option):
    from openeip.web.monitor.services.verify import verify_option

    return verify_option(option, m.e1, (dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
                         (dt.date(2024, 1, 1), dt.date(2024, 12, 31)), [m.p1], "month")


def test_meter_savings_verify_the_option(implemented):
    from openeip.web.base.workflow import transition
    from openeip.web.recp.models import OptionStatus
    from openeip.web.recp.reports.options import option_lines

    world, m, option = implemented
    link = _verify(m, option)
    option.refresh_from_db()
    measured = option.measured_change
    assert measured["method"] == "metered"
    line = measured["lines"][0]
    actual = sum(electricity(i) for i in range(12, 24))
    assert line["after"] == pytest.approx(actual)
    assert line["change"] == pytest.approx(link.result["savings"])
    assert 0.09 < line["change"] / line["before"] < 0.11
    assert line["expected"] == pytest.approx(1500 * 366 / 365)  # 2024 has 366 days
    assert measured["ghg_tco2e"]["change"] > 0
    assert measured["meter"]["accepted"] is True
    option = transition(option, OptionStatus.VERIFIED, None)
    assert option.status == OptionStatus.VERIFIED
    notes = option_lines(option.assessment, "en")[0].notes
    assert any("Verified by meter E1" in n for n in notes)
    assert PRODUCTION  # the drivers the model used


def test_option_sheet_shows_the_meter(implemented, client_as):
    world, m, option = implemented
    _verify(m, option)
    body = client_as("company_user").get("/companies/{}/recp/assessments/{}/".format(
        world.a1.pk, option.assessment.pk)).content.decode()
    assert "Verified by meter E1" in body


def test_only_the_companys_meter_and_an_implemented_option(implemented):
    from openeip.web.monitor.models import Meter
    from openeip.web.recp.models import AssessmentOption, OptionStatus

    world, m, option = implemented
    foreign = Meter.objects.create(park=world.beta, company=world.b1, code="B-E", name="B",
                                   resource="electricity", unit="kWh")
    from openeip.web.monitor.services.verify import verify_option

    with pytest.raises(DomainError):
        verify_option(option, foreign, (dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
                      (dt.date(2024, 1, 1), dt.date(2024, 12, 31)), [], "month")
    AssessmentOption.objects.filter(pk=option.pk).update(status=OptionStatus.APPROVED)
    option.refresh_from_db()
    with pytest.raises(DomainError):
        _verify(m, option)


def test_the_meter_page_shows_a_verified_options_new_title(implemented, client_as):
    """The verified option's title is on the meter's cached page: renaming it raises the
    meter's version (a signal on the option), so the page shows the new title at once."""
    world, m, option = implemented
    _verify(m, option)
    client = client_as("company_user")
    url = "/monitor/meters/{}/".format(m.e1.pk)
    assert "VSD on the compressor" in client.get(url).content.decode()
    option.title_en = "Variable-speed drive on compressor 2"
    option.save()
    assert "Variable-speed drive on compressor 2" in client.get(url).content.decode()
