"""The monitor demo on the conftest world (the whole demo is seeded once, in the demo tests):
meters with two years of readings, one meter with a gap, an implemented option verified by its
meter; loading again changes nothing."""

from __future__ import annotations

import pytest


@pytest.fixture
def seeded(world):
    from openeip.web.monitor.services.demo import seed_monitor_demo
    from openeip.web.recp.models import Assessment, AssessmentOption, OptionStatus

    assessment = Assessment.objects.create(company=world.a1, title="A1 scan")
    option = AssessmentOption.objects.create(
        assessment=assessment, title_en="Compressed-air leaks", category="good_housekeeping",
        discount_rate="0.10", results={"figures": {"npv_vnd": 1}},
        savings=[{"description": "Grid electricity", "quantity": 100, "unit": "MWh"}])
    AssessmentOption.objects.filter(pk=option.pk).update(status=OptionStatus.APPROVED)
    seed_monitor_demo(world.alpha, "A1", seed=7)
    option.refresh_from_db()
    world.option = option
    return world


def test_demo_meters_readings_gap_and_verified_option(seeded):
    from openeip.core import monitor
    from openeip.web.monitor.models import Meter, OptionVerification, Reading
    from openeip.web.monitor.services.demo import GAP_DAYS, _years
    from openeip.web.recp.models import OptionStatus

    codes = set(Meter.objects.filter(park=seeded.alpha).values_list("code", flat=True))
    assert {"A1-EL", "A1-WA", "A1-PR", "A2-EL", "A2-WA", "A2-PR", "PARK-EL"} <= codes
    first, last = _years()
    days = 365 + 365 + (1 if first % 4 == 0 else 0) + (1 if last % 4 == 0 else 0)
    assert Reading.objects.filter(meter__code="A1-EL").count() == days * 24
    assert Reading.objects.filter(meter__code="A2-EL").count() == (days - GAP_DAYS) * 24
    a2 = Meter.objects.get(code="A2-EL")
    readings = [monitor.Interval(s, e, v) for s, e, v in Reading.objects.filter(
        meter=a2).values_list("start", "end", "value")]
    gaps = [f for f in monitor.check(readings) if f.kind == "gap"]
    assert len(gaps) == 1 and (gaps[0].end - gaps[0].start).days == GAP_DAYS
    assert seeded.option.status == OptionStatus.VERIFIED
    link = OptionVerification.objects.get(option=seeded.option)
    assert link.meter.code == "A1-EL"
    assert 0 < link.result["savings_pct"] < 30
    assert seeded.option.measured_change["meter"]["accepted"] is True


def test_demo_again_changes_nothing(seeded):
    from openeip.web.monitor.models import Baseline, Meter, Reading
    from openeip.web.monitor.services.demo import seed_monitor_demo
    from openeip.web.registry.models import AuditEntry

    before = (Meter.objects.count(), Reading.objects.count(), Baseline.objects.count(),
              AuditEntry.objects.count())
    seed_monitor_demo(seeded.alpha, "A1", seed=7)
    assert (Meter.objects.count(), Reading.objects.count(), Baseline.objects.count(),
            AuditEntry.objects.count()) == before


def test_demo_meter_page_and_virtual_meter(seeded, client_as):
    from openeip.web.monitor.models import Meter

    park_meter = Meter.objects.get(code="PARK-EL")
    response = client_as("park_manager").get("/monitor/meters/{}/".format(park_meter.pk))
    assert response.status_code == 200
    assert len(response.context["page"].chart.periods) == 24
    lead = Meter.objects.get(code="A1-EL")
    page = client_as("company_user").get("/monitor/meters/{}/".format(lead.pk)).context["page"]
    assert page.cusum is not None and page.cusum.series[0].values[-1] < 0
