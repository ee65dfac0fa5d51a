"""The six RECP indicators of a small dye works, checked by hand.

Company C01 (all numbers as recorded):

=====================  ==============  ===============  =================================
figure                 2023 (a year)   2024-01          2024-02
=====================  ==============  ===============  =================================
energy                 120 MWh         12 MWh           8 MWh electricity + 2 MWh steam
materials              100 t           10 t (+ 50 L)    9 t
water                  12,000 m³       900 m³           1,000 m³
waste                  5 t             0.4 t            — (nothing recorded)
wastewater             10,000 m³       800 m³           850 m³
GHG (given)            100 tCO2e       9 tCO2e          8 tCO2e
products               fabric 80 t     fabric 9 t       fabric 8 t, yarn 1,000 kg,
                                                        masks 5,000 pcs
sales (VND)            8,000,000,000   900,000,000      yarn has none recorded
=====================  ==============  ===============  =================================
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from openeip.core.domain import FlowKind, Product, ReportingPeriod
from openeip.core.errors import DomainError
from openeip.core.recp import Gap, Indicator, change_against, company_indicators
from openeip.core.units import quantity
from tests.core.dye_house import IN, OUT, flow

Y2023, Y2024 = ReportingPeriod(2023), ReportingPeriod(2024)
JAN, FEB = ReportingPeriod(2024, 1), ReportingPeriod(2024, 2)


def record(period, energy, materials, water, waste, wastewater):
    flows = [
        flow(IN, FlowKind.ENERGY, "Grid electricity", energy, "MWh", period=period,
             company="C01", source="grid"),
        flow(IN, FlowKind.MATERIAL, "Grey fabric", materials, "t", period=period, company="C01"),
        flow(IN, FlowKind.WATER, "Tap water", water, "m³", period=period, company="C01"),
        flow(OUT, FlowKind.WASTEWATER, "Wastewater", wastewater, "m³", period=period,
             company="C01"),
    ]
    if waste is not None:
        flows.append(flow(OUT, FlowKind.WASTE, "Lint", waste, "t", period=period, company="C01"))
    return flows


def product(period, name, amount, unit, sales):
    return Product("C01", period, name, quantity(amount, unit),
                   None if sales is None else Decimal(sales))


FLOWS = (record(Y2023, 120, 100, 12000, 5, 10000) + record(JAN, 12, 10, 900, 0.4, 800)
         + record(FEB, 8, 9, 1000, None, 850) + [
             flow(IN, FlowKind.MATERIAL, "Dyeing chemicals", 50, "L", period=JAN,
                  company="C01"),
             flow(IN, FlowKind.HEAT, "Steam from the park", 2, "MWh", period=FEB,
                  company="C01"),
         ])
PRODUCTS = [
    product(Y2023, "Dyed fabric", 80, "t", 8_000_000_000),
    product(JAN, "Dyed fabric", 9, "t", 900_000_000),
    product(FEB, "Dyed fabric", 8, "t", 800_000_000),
    product(FEB, "Dyed yarn", 1000, "kg", None),
    product(FEB, "Face masks", 5000, "piece", 50_000_000),
]
GHG = {Y2023: quantity(100, "tCO2e"), JAN: quantity(9, "tCO2e"), FEB: quantity(8, "tCO2e")}


@pytest.fixture
def table():
    return company_indicators(FLOWS, PRODUCTS, GHG)


def test_the_table_covers_every_year_and_month_with_data(table):
    assert table.company_code == "C01"
    assert table.periods == (Y2023, Y2024, JAN, FEB)


@pytest.mark.parametrize(("indicator", "period", "expected", "unit"), [
    (Indicator.ENERGY, Y2023, 120, "MWh"),
    (Indicator.ENERGY, JAN, 12, "MWh"),
    (Indicator.ENERGY, FEB, 10, "MWh"),  # 8 MWh of electricity and 2 MWh of steam
    (Indicator.MATERIALS, JAN, 10, "t"),  # the 50 L of chemicals cannot be added to tonnes
    (Indicator.WATER, FEB, 1000, "m**3"),
    (Indicator.WASTE, JAN, 0.4, "t"),
    (Indicator.GHG, FEB, 8, "tCO2e"),
    (Indicator.WASTEWATER, Y2023, 10000, "m**3"),
])
def test_absolute_values_are_the_sums_of_the_periods_records(table, indicator, period, expected,
                                                              unit):
    amount = table.absolute(indicator, period)
    assert (amount.base, amount.unit) == (expected, unit)
    assert amount.quantity.to(unit).magnitude == expected


def test_a_month_without_a_record_has_no_value_instead_of_zero(table):
    amount = table.absolute(Indicator.WASTE, FEB)
    assert (amount.base, amount.gap, amount.missing_months) == (None, Gap.NOT_RECORDED, (2,))


def test_a_year_with_missing_months_reports_them_and_is_not_added_up(table):
    energy = table.absolute(Indicator.ENERGY, Y2024)
    assert (energy.base, energy.gap) == (None, Gap.MONTHS_MISSING)
    assert energy.missing_months == (3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
    assert table.absolute(Indicator.WASTE, Y2024).missing_months == tuple(range(2, 13))
    assert energy.message() == ("Months without records: 3, 4, 5, 6, 7, 8, 9, 10, 11, 12; the "
                                "year is not added up.")


def test_a_year_of_twelve_months_is_their_sum():
    flows = [flow(IN, FlowKind.ENERGY, "Grid electricity", 10, "MWh", company="C01",
                  period=ReportingPeriod(2024, month), source="grid") for month in range(1, 13)]
    products = [product(ReportingPeriod(2024, month), "Dyed fabric", 8, "t", None)
                for month in range(1, 13)]
    table = company_indicators(flows, products)
    assert table.absolute(Indicator.ENERGY, Y2024).base == 120
    assert table.intensity(Indicator.ENERGY, Y2024, "mass").to("MWh/t").magnitude == 1.25


def test_materials_given_as_a_volume_are_listed_as_excluded(table):
    assert [(e.indicator, e.description, e.period, e.unit) for e in table.excluded] == [
        (Indicator.MATERIALS, "Dyeing chemicals", JAN, "L")]


def test_outputs_are_grouped_by_dimension_and_name_their_products(table):
    assert [(d.key, d.unit, d.products) for d in table.denominators] == [
        ("count", "pcs", ("Face masks",)),
        ("mass", "t", ("Dyed fabric", "Dyed yarn")),  # t and kg: added up in the base unit
        ("value", "VND", ("Dyed fabric", "Dyed yarn", "Face masks")),
    ]
    assert table.output(FEB, "mass").base == 9  # 8 t + 1,000 kg
    assert table.output(FEB, "count").base == 5000


def test_a_single_product_unit_is_kept_as_recorded():
    products = [product(JAN, "Beer", 2000, "hL", 1)]
    flows = [flow(IN, FlowKind.WATER, "Tap water", 1000, "m³", company="C01", period=JAN)]
    table = company_indicators(flows, products)
    assert [(d.key, d.unit) for d in table.denominators] == [("volume", "hl"), ("value", "VND")]
    assert table.output(JAN, "volume").base == pytest.approx(2000)
    assert table.intensity(Indicator.WATER, JAN, "volume").to("m³/hL").magnitude == 0.5


def test_intensity_and_productivity_per_tonne_of_product(table):
    assert table.intensity(Indicator.ENERGY, Y2023, "mass").to("MWh/t").magnitude == 1.5
    assert table.productivity(Indicator.ENERGY, Y2023, "mass").to("t/MWh").magnitude == (
        pytest.approx(80 / 120))
    assert table.intensity(Indicator.WATER, JAN, "mass").to("m³/t").magnitude == 100
    assert table.intensity(Indicator.GHG, FEB, "mass").to("tCO2e/t").magnitude == (
        pytest.approx(8 / 9))


def test_intensity_per_piece_and_per_dong_of_sales(table):
    assert table.intensity(Indicator.WATER, FEB, "count").to("m³/pcs").magnitude == 0.2
    assert table.intensity(Indicator.ENERGY, Y2023, "value").to("MWh/VND").magnitude == (
        pytest.approx(1.5e-8))
    assert table.productivity(Indicator.WATER, JAN, "value").to("VND/m³").magnitude == 1_000_000


def test_sales_value_is_missing_when_one_product_of_the_period_has_none(table):
    value = table.output(FEB, "value")
    assert (value.base, value.gap, value.names) == (None, Gap.SALES_MISSING, ("Dyed yarn",))
    assert table.intensity(Indicator.ENERGY, FEB, "value") is None
    assert value.message() == "No sales value is recorded for: Dyed yarn."


def test_a_ratio_without_its_output_has_no_value(table):
    assert table.intensity(Indicator.ENERGY, JAN, "count") is None  # no pieces made in January
    assert table.productivity(Indicator.WASTE, FEB, "mass") is None  # no waste recorded


def test_rows_hold_every_indicator_per_period_and_denominator(table):
    rows = table.rows()
    assert len(rows) == 4 * 6 * 3
    row = next(r for r in rows if (r.indicator, r.period, r.denominator.key) == (
        Indicator.ENERGY, JAN, "mass"))
    assert (row.absolute.base, row.output.base) == (12, 9)
    assert row.intensity.to("MWh/t").magnitude == pytest.approx(12 / 9)
    assert row.productivity.to("t/MWh").magnitude == 0.75


def test_without_a_ghg_inventory_the_ghg_indicator_says_so():
    table = company_indicators(FLOWS, PRODUCTS)
    amount = table.absolute(Indicator.GHG, JAN)
    assert (amount.base, amount.gap) == (None, Gap.NOT_GIVEN)


def test_it_refuses_ghg_figures_not_in_co2_equivalent():
    with pytest.raises(DomainError) as error:
        company_indicators(FLOWS, PRODUCTS, {JAN: quantity(9, "MWh")})
    assert error.value.field == "ghg_by_period"
    assert "2024-01" in str(error.value)


def test_it_refuses_ghg_figures_for_a_year_and_its_months():
    with pytest.raises(DomainError) as error:
        company_indicators(FLOWS, PRODUCTS, {Y2024: quantity(9, "tCO2e"),
                                             JAN: quantity(9, "tCO2e")})
    assert error.value.field == "ghg_by_period"


def test_an_unknown_output_is_refused_with_the_known_ones(table):
    with pytest.raises(DomainError) as error:
        table.output(JAN, "volume")
    assert error.value.field == "denominator"
    assert "count, mass, value" in str(error.value)


def test_change_against_a_month_compares_the_other_months(table):
    changes = change_against(table, JAN)
    assert {change.period for change in changes} == {FEB}
    energy = next(c for c in changes if (c.indicator, c.form) == (Indicator.ENERGY, "absolute"))
    assert energy.delta.to("MWh").magnitude == -2
    assert energy.percent == pytest.approx(-100 / 6)
    assert energy.improved is True
    intensity = next(c for c in changes if (c.indicator, c.form, c.denominator) == (
        Indicator.ENERGY, "intensity", "mass"))
    assert intensity.percent == pytest.approx(-100 / 6)  # 12/9 → 10/9 MWh/t
    assert intensity.improved is True
    productivity = next(c for c in changes if (c.indicator, c.form, c.denominator) == (
        Indicator.ENERGY, "productivity", "mass"))
    assert productivity.before.to("t/MWh").magnitude == 0.75
    assert productivity.after.to("t/MWh").magnitude == 0.9
    assert productivity.percent == pytest.approx(20)
    assert productivity.improved is True


def test_a_rise_in_use_is_not_an_improvement(table):
    water = next(c for c in change_against(table, JAN)
                 if (c.indicator, c.form) == (Indicator.WATER, "absolute"))
    assert (water.delta.to("m³").magnitude, water.percent, water.improved) == (
        100, pytest.approx(100 / 9), False)


def test_a_change_with_a_missing_figure_has_no_value(table):
    waste = next(c for c in change_against(table, JAN)
                 if (c.indicator, c.form) == (Indicator.WASTE, "absolute"))
    assert (waste.before.to("t").magnitude, waste.after, waste.delta, waste.percent,
            waste.improved) == (0.4, None, None, None, None)
    yearly = change_against(table, Y2023)
    assert {c.period for c in yearly} == {Y2024}
    assert all(c.delta is None for c in yearly)  # 2024 has only two months


def test_it_refuses_a_baseline_that_is_not_a_period_of_the_company(table):
    with pytest.raises(DomainError) as error:
        change_against(table, ReportingPeriod(2022))
    assert error.value.field == "baseline_period"
    assert "2023, 2024, 2024-01, 2024-02" in str(error.value)

