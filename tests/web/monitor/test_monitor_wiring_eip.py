"""Meters feed the EIP indicators (through base.metering; eip never imports monitor).

World (tests/conftest.py): park alpha (100 ha), A1 and A2 each declare grid electricity 1,000 kWh
and tap water 50 m³ for January 2024. A1's meter E1 (helpers: 24 monthly readings 2023–2024)
names the flow 'Grid electricity' and covers all of 2024: its 2024 sum (Σ electricity(12..23))
replaces A1's declared 1,000 kWh; A2 keeps its declared figure; the park's water meter PW (one day)
is named and not added. 2027 has no reading: the declared figures stay, and the details say so.
"""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from openeip.core.i18n import language, render
from tests.web.monitor.helpers import electricity, metered

pytestmark = pytest.mark.django_db

METERED_2024_KWH = math.fsum(electricity(i) for i in range(12, 24))


@pytest.fixture
def wired(world):
    m = metered(world)
    m.e1.flow_description = "Grid electricity"
    m.e1.save()
    return world, m


def test_metered_year_replaces_the_declared_flow_and_says_so(wired):
    from openeip.web.eip.services.indicators import compute, gather

    world, _m = wired
    inputs, decisions = gather(world.alpha, 2024)
    assert inputs.energy_mwh == pytest.approx(Decimal(str((METERED_2024_KWH + 1000) / 1000)))
    assert inputs.water_m3 == Decimal("100.0")            # PW is not added
    used = {d.meters: d.used for d in decisions}
    assert used == {("E1",): "metered", ("PW",): "none"}
    _year, values = compute(world.alpha, 2024)
    detail = render(values["energy_intensity_per_ha"].detail)
    assert "meter(s) E1, 100 % of 2024 covered" in detail
    assert "instead of the declared 1,000 kWh" in detail
    assert "Park meter PW" in render(values["water_intensity_per_ha"].detail)
    assert values["energy_intensity_per_ha"].value == (
        Decimal(str((METERED_2024_KWH + 1000) / 1000)) / 100).quantize(Decimal("0.001"))


def test_ghg_follows_the_metered_electricity(wired):
    from openeip.web.eip.services.indicators import gather_inputs
    from openeip.web.monitor.models import Meter

    w, m = wired
    linked = gather_inputs(w.alpha, 2024)
    m.e1.flow_description = ""
    m.e1.save()
    unlinked = gather_inputs(w.alpha, 2024)
    Meter.objects.all().delete()
    declared = gather_inputs(w.alpha, 2024)
    assert declared.energy_mwh == Decimal("2.0")
    assert linked.ghg_t > declared.ghg_t
    # all of it is grid electricity: GHG scales with the energy (one grid factor)
    assert float(linked.ghg_t) / float(linked.energy_mwh) == pytest.approx(
        float(declared.ghg_t) / float(declared.energy_mwh), rel=1e-6)
    # E1 naming no flow adds its year as grid electricity beside the declared one
    assert unlinked.energy_mwh == pytest.approx(
        Decimal(str((METERED_2024_KWH + 2000) / 1000)))


def test_a_year_without_readings_is_explained_not_an_error(wired):
    from openeip.web.eip.services.indicators import compute

    world, _m = wired
    _year, values = compute(world.alpha, 2027)
    energy = values["energy_intensity_per_ha"]
    assert energy.value is None
    text = render(energy.detail)
    assert "E1 cover only 0 % of 2027" in text and "not counted" in text
    with language("vi"):
        assert "E1" in render(energy.detail)


def test_no_meter_leaves_the_declared_path_unchanged(world):
    from openeip.web.eip.services.indicators import gather

    inputs, decisions = gather(world.alpha, 2024)
    assert decisions == []
    assert inputs.energy_mwh == Decimal("2.0")


def test_the_sources_page_names_meters_and_coverage(wired, client_as):
    client = client_as("park_manager")
    page = client.get("/parks/alpha/eip/sources/?year=2024").content.decode()
    assert "E1" in page and "the metered 1" in page and "100 % of 2024 covered" in page
    assert "2 firms, 2 declared flows for this year and 1 have meters" in page
    later = client.get("/parks/alpha/eip/sources/?year=2027")
    assert later.status_code == 200
    assert "cover only 0 % of 2027" in later.content.decode()
    assert client_as("company_user").get("/parks/alpha/eip/sources/").status_code == 404
