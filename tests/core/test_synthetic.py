"""The synthetic demo park and the national-scale generator."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from decimal import Decimal

import pytest

from openeip.core import catalogues
from openeip.core.domain import Direction, FlowKind, ReportingPeriod
from openeip.core.errors import DomainError
from openeip.core.intake import Dataset
from openeip.core.synthetic import DEMO_PARK_SLUG, demo_park, generate, sector_profiles
from openeip.core.units import parse_unit


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return demo_park()


def _months(year_from: int, month_from: int, count: int) -> list[ReportingPeriod]:
    first = year_from * 12 + month_from - 1
    return [ReportingPeriod(i // 12, i % 12 + 1) for i in range(first, first + count)]


def test_the_same_seed_gives_the_same_park() -> None:
    assert demo_park(7) == demo_park(7)


def test_a_different_seed_gives_a_different_park() -> None:
    first, second = demo_park(7), demo_park(8)
    assert [c.name_en for c in first.companies] != [c.name_en for c in second.companies]
    assert first.flows != second.flows


def test_the_demo_park_is_rach_may_in_dong_nai(demo: Dataset) -> None:
    assert demo.park is not None
    assert demo.park.slug == DEMO_PARK_SLUG == "rach-may"
    assert demo.park.province == "Đồng Nai"
    assert demo.park.area.magnitude == 320
    assert demo.park.land_use is not None
    assert demo.park.land_use.total().magnitude == 230 + 35 + 38 + 12


def test_the_demo_park_has_40_companies_in_13_sectors(demo: Dataset) -> None:
    assert Counter(company.vsic_code for company in demo.companies) == {
        "1313": 5, "1020": 4, "1103": 2, "1701": 3, "2592": 4, "2394": 1, "2392": 2,
        "2219": 3, "1030": 4, "2220": 4, "2610": 4, "1079": 3, "1050": 1,
    }
    assert len({company.code for company in demo.companies}) == 40
    assert demo.companies[0].code == "DYE-01"


def test_company_names_are_bilingual_and_unique(demo: Dataset) -> None:
    dyer = demo.companies[0]
    stem = dyer.name_vi.removeprefix("Dệt nhuộm ")
    assert dyer.name_en.endswith(" Dyeing") and stem != dyer.name_vi
    assert len({company.name_vi for company in demo.companies}) == 40
    assert all(company.name_en.isascii() for company in demo.companies)


def test_the_demo_covers_the_24_months_of_2023_and_2024(demo: Dataset) -> None:
    assert sorted({product.period for product in demo.products}) == _months(2023, 1, 24)
    assert sorted({flow.period for flow in demo.flows}) == _months(2023, 1, 24)


def test_five_demo_companies_miss_months_and_one_misses_water_readings(demo: Dataset) -> None:
    months = Counter(product.company_code for product in demo.products)
    assert len([code for code, count in months.items() if count < 24]) == 5
    assert len(months) == 40
    water_months = Counter(flow.company_code for flow in demo.flows
                           if flow.kind is FlowKind.WATER)
    short_of_water = [code for code, count in water_months.items() if count < months[code]]
    assert len(short_of_water) == 1


def test_every_reported_month_has_the_product_and_flows(demo: Dataset) -> None:
    product_months = {(p.company_code, p.period) for p in demo.products}
    flow_months = {(f.company_code, f.period) for f in demo.flows}
    assert product_months == flow_months
    assert len(demo.products) == len(product_months)


def test_rows_are_numbered_from_2_like_a_sheet(demo: Dataset) -> None:
    assert demo.company_rows == list(range(2, 42))
    assert demo.product_rows == list(range(2, 2 + len(demo.products)))
    assert demo.flow_rows == list(range(2, 2 + len(demo.flows)))


def test_plants_stand_inside_the_park(demo: Dataset) -> None:
    assert demo.park is not None
    lats = [lat for lat, _ in demo.park.boundary]
    lons = [lon for _, lon in demo.park.boundary]
    for company in demo.companies:
        assert company.location is not None
        assert min(lats) < company.location.latitude < max(lats)
        assert min(lons) < company.location.longitude < max(lons)
        assert company.park_slug == "rach-may"


def _ratios(dataset: Dataset) -> dict[tuple[str, str], float]:
    """(company, flow description) → total flow ÷ total product over the months it reported."""
    output = {(p.company_code, p.period): float(p.quantity.magnitude) for p in dataset.products}
    flow_total: dict[tuple[str, str], float] = defaultdict(float)
    product_total: dict[tuple[str, str], float] = defaultdict(float)
    for flow in dataset.flows:
        key = (flow.company_code, flow.description)
        flow_total[key] += float(flow.quantity.magnitude)
        product_total[key] += output[(flow.company_code, flow.period)]
    return {key: total / product_total[key] for key, total in flow_total.items()}


@pytest.mark.parametrize("sector", list(sector_profiles()))
def test_every_flow_stays_within_its_sector_profile(demo: Dataset, sector: str) -> None:
    profile = sector_profiles()[sector]
    ratios = _ratios(demo)
    codes = [c.code for c in demo.companies if c.code.startswith(profile.short_code + "-")]
    assert len(codes) == profile.demo_companies
    checked = 0
    for (code, description), ratio in ratios.items():
        if code in codes:
            flow = profile.flow(description)
            # the monthly noise is 3 %; over 15 to 24 months it averages to well under 3 %
            assert flow.low * 0.97 <= ratio <= flow.high * 1.03, (code, description)
            checked += 1
    assert checked >= 7 * len(codes)


def test_a_brewery_uses_four_to_seven_hectolitres_of_water_per_hectolitre_of_beer(
        demo: Dataset) -> None:
    beer = {(p.company_code, p.period): p for p in demo.products if p.company_code[:4] == "BREW"}
    waters = [f for f in demo.flows if (f.company_code, f.period) in beer
              and f.kind is FlowKind.WATER]
    assert len(waters) >= 40
    for water in waters:
        product = beer[(water.company_code, water.period)]
        assert str(product.quantity.units) == "hectoliter"
        hectolitres_of_water = water.quantity.to("hL").magnitude
        assert 4 * 0.88 <= hectolitres_of_water / product.quantity.magnitude <= 7 * 1.12


def test_electricity_in_the_first_month_costs_1900_dong_a_kwh(demo: Dataset) -> None:
    bills = [f for f in demo.flows
             if f.description == "Grid electricity" and f.period == ReportingPeriod(2023, 1)]
    assert len(bills) >= 35
    for bill in bills:
        assert bill.cost_vnd == Decimal(round(bill.quantity.magnitude * 1900, -3))
        assert bill.source == "grid"


def test_fuels_in_tonnes_carry_a_fuel_code(demo: Dataset) -> None:
    fuels = [f for f in demo.flows
             if f.kind is FlowKind.ENERGY and str(f.quantity.units) == "metric_ton"]
    assert fuels
    assert {f.classification_code for f in fuels} <= set(catalogues.fuels())
    assert {f.base_unit for f in fuels} == {"MWh"}


def test_cashew_plants_burn_their_own_shells_and_sell_the_rest(demo: Dataset) -> None:
    burned = [f for f in demo.flows if f.description == "Cashew shells burned in the boiler"]
    sold = [f for f in demo.flows if f.description == "Cashew nut shells"]
    assert {f.source for f in burned} == {"on_site"}
    assert {f.classification_code for f in burned} == {"biomass_other"}
    assert {f.fate for f in sold} == {"sold"} and {f.kind for f in sold} == {FlowKind.BY_PRODUCT}
    assert len(burned) == len(sold) > 0


def test_hazardous_sludge_is_flagged_with_its_code(demo: Dataset) -> None:
    sludge = [f for f in demo.flows if f.classification_code == "12 06 05"]
    assert sludge and all(f.hazardous and f.fate == "treatment" for f in sludge)
    assert not any(f.hazardous for f in demo.flows if f.kind is FlowKind.WATER)


def test_cement_reports_process_co2_in_tonnes_of_co2e(demo: Dataset) -> None:
    co2 = [f for f in demo.flows if f.description == "Process CO2 from calcination"]
    assert co2 and {f.base_unit for f in co2} == {"tCO2e"}
    assert {f.direction for f in co2} == {Direction.OUTPUT}


def test_products_are_in_parseable_units_with_a_sales_value(demo: Dataset) -> None:
    units = {str(p.quantity.units) for p in demo.products}
    assert units == {"metric_ton", "hectoliter", "piece"}
    for unit in ("t", "hL", "piece"):
        parse_unit(unit)
    assert all(p.sales_value_vnd and p.sales_value_vnd > 0 for p in demo.products)


def test_every_plant_slows_down_for_tet_in_february(demo: Dataset) -> None:
    output = {(p.company_code, p.period): p.quantity.magnitude for p in demo.products}
    february, march = ReportingPeriod(2024, 2), ReportingPeriod(2024, 3)
    compared = 0
    for company in demo.companies:
        if (company.code, february) in output and (company.code, march) in output:
            assert output[(company.code, february)] < output[(company.code, march)]
            compared += 1
    assert compared >= 35


def test_generate_splits_companies_over_parks_exactly() -> None:
    parks = list(generate(7, 100, 2, seed=3))
    assert len(parks) == 7
    assert sum(len(park.companies) for park in parks) == 100
    assert min(len(park.companies) for park in parks) >= 1
    assert len({park.park.slug for park in parks if park.park}) == 7


def test_generate_leaves_parks_empty_only_when_companies_are_fewer_than_parks() -> None:
    sizes = [len(park.companies) for park in generate(5, 3, 1, seed=3)]
    assert sum(sizes) == 3 and len(sizes) == 5


def test_generate_covers_exactly_the_months_asked_for() -> None:
    park = next(generate(1, 4, 14, seed=1))
    assert sorted({p.period for p in park.products}) <= _months(2023, 1, 14)
    assert max(p.period for p in park.products) <= ReportingPeriod(2024, 2)
    assert len({p.period for p in park.products}) == 14


def test_generate_streams_and_a_park_does_not_depend_on_what_follows() -> None:
    stream = generate(3, 30, 2, seed=5)
    assert isinstance(stream, Iterator)
    first_alone = next(stream)
    assert first_alone == list(generate(3, 30, 2, seed=5))[0]
    assert first_alone != next(generate(3, 30, 2, seed=6))


def test_generated_slugs_stay_unique_beyond_the_list_of_names() -> None:
    slugs = [park.park.slug for park in generate(60, 60, 1, seed=1) if park.park]
    assert len(set(slugs)) == 60
    assert slugs[0] == "dong-sen-001"


def test_generated_parks_keep_their_land_use_within_their_area() -> None:
    for park in generate(10, 200, 1, seed=9):
        assert park.park is not None and park.park.land_use is not None
        assert park.park.land_use.total() <= park.park.area


@pytest.mark.parametrize(("parks", "companies", "months"), [(0, 1, 1), (1, -1, 1), (1, 1, 0)])
def test_generate_rejects_impossible_sizes(parks: int, companies: int, months: int) -> None:
    with pytest.raises(DomainError):
        generate(parks, companies, months, seed=1)
