"""The EIP indicators gathered from platform data, on the hand-checked park of eip_fixtures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from openeip.web.eip.services.indicators import compute, gather_inputs
from tests.web.eip_fixtures import make_eco_park

pytestmark = pytest.mark.django_db


@pytest.fixture
def eco():
    return make_eco_park()


def test_it_gathers_the_parks_figures_of_the_year(eco):
    inputs = gather_inputs(eco, 2024)
    assert inputs.firms == 4
    assert inputs.firms_reporting == 3                     # F3 reported nothing
    assert inputs.firms_with_recp_implemented == 1         # F1
    assert inputs.firms_with_recp_assessment == 2          # F1, F2
    assert inputs.operating_exchanges == 1
    assert inputs.firms_in_exchanges == 2                  # F1 and F2
    assert inputs.energy_mwh == Decimal("1000")            # 600 + 150 + 200 + 50
    assert inputs.renewable_energy_mwh == Decimal("200")   # rice husk 150 + rooftop solar 50
    assert inputs.water_m3 == Decimal("20000")             # 10,000 + 5,000 + 5,000
    assert inputs.wastewater_m3 == Decimal("10000")        # 8,000 + 2,000
    assert inputs.wastewater_reused_m3 == Decimal("2000")
    assert inputs.waste_t == Decimal("250")                # 40 + 60 + 100 + 50
    assert inputs.waste_recycled_t == Decimal("160")       # 60 + 100
    assert inputs.waste_landfilled_t == Decimal("40")
    assert inputs.area_ha == Decimal("200")
    assert (inputs.green_ha, inputs.roads_ha, inputs.shared_infra_ha) == (
        Decimal("30"), Decimal("20"), Decimal("10"))
    assert inputs.sales_bn_vnd == Decimal("80")            # 50 + 30 bn VND
    # grid 800 MWh × 0.6811 t/MWh (2024) = 544.88 t; rice husk 150 MWh = 0.54 TJ:
    # CH4 0.54 × 30 kg = 16.2 kg × 28 = 0.4536 t, N2O 0.54 × 4 kg = 2.16 kg × 265 = 0.5724 t
    # (its CO2 is biogenic, a memo item); solar on site has no emission → 545.906 t
    assert inputs.ghg_t == Decimal("545.906")


def test_each_computed_indicator_has_its_hand_worked_value(eco):
    year, values = compute(eco, 2024)
    assert year == 2024                                    # the year asked for, never guessed
    expected = {
        "recp_firms_share": "25.00",           # 1 / 4
        "recp_awareness_share": "50.00",       # 2 / 4
        "symbiosis_links": "1",
        "symbiosis_firms_share": "50.00",      # 2 / 4
        "wastewater_reused_share": "20.00",    # 2,000 / 10,000
        "renewable_energy_share": "20.00",     # 200 / 1,000
        "waste_recycled_share": "64.00",       # 160 / 250
        "waste_landfilled_share": "16.00",     # 40 / 250
        "green_space_share": "15.00",          # 30 / 200
        "green_roads_infra_share": "30.00",    # (30 + 20 + 10) / 200
        "energy_intensity_per_ha": "5.000",    # 1,000 MWh / 200 ha
        "water_intensity_per_ha": "100.000",   # 20,000 m³ / 200 ha
        "ghg_intensity_per_ha": "2.730",       # 545.906 / 200 = 2.72953
        "ghg_intensity_per_value": "6.824",    # 545.906 / 80 = 6.823825
        "firms_reporting_share": "75.00",      # 3 / 4
    }
    assert {code: str(values[code].value) for code in expected} == expected


def test_a_zero_is_a_zero_but_a_missing_denominator_is_no_value(world):
    from openeip.web.registry.models import Park

    # alpha reported only January 2024: 2 × 2 t of sludge landfilled, nothing recycled
    year, values = compute(world.alpha, 2024)
    assert year == 2024
    assert values["waste_recycled_share"].value == Decimal("0.00")
    assert values["waste_landfilled_share"].value == Decimal("100.00")
    empty = Park.objects.create(slug="empty", name_en="Empty", name_vi="Trống", province="Huế",
                                area_ha=50)
    inputs = gather_inputs(empty, 2024)
    assert inputs.energy_mwh is None and inputs.waste_t is None and inputs.firms == 0
    _year, values = compute(empty, 2024)
    assert values["waste_recycled_share"].value is None
    assert values["recp_firms_share"].value is None
    assert values["green_space_share"].value is None       # no green space registered


def test_a_companys_annual_rows_are_used_instead_of_its_months(world):
    from openeip.web.registry.models import ReportingPeriod, ResourceFlow

    # alpha: A1 and A2 reported January 2024 (2 t sludge landfilled each); A1 also reports the
    # whole year 2024: 30 t, of which 6 t recycled → A1 counts 30 t, A2 its 2 t of January
    year_2024, _created = ReportingPeriod.objects.get_or_create(year=2024, month=0)
    for fate, tonnes in (("landfill", 24), ("recycled", 6)):
        ResourceFlow.objects.create(
            company=world.a1, period=year_2024, direction="output", kind="waste",
            description="Sludge " + fate, quantity=tonnes, unit="t", base_quantity=tonnes,
            base_unit="t", fate=fate)
    inputs = gather_inputs(world.alpha, 2024)
    assert inputs.waste_t == Decimal("32")                 # 24 + 6 (A1, annual) + 2 (A2)
    assert inputs.waste_recycled_t == Decimal("6")
    assert inputs.energy_mwh == Decimal("1")               # A2's January 1,000 kWh only
    assert inputs.firms_reporting == 2
