"""The one policy for a series that runs out, on every year-indexed series.

Data of 2026 (no series goes that far as shipped): the latest value is used with a notice naming
its year; an override for 2026 wins and is noticed as such; a year the series holds gives no
notice. Shipped values: grid 2024 = 0.6811 t/MWh; the latest tariff decision 1279/QĐ-BCT is of
2025; Hà Nội water 11,615 VND/m³ of 2015.
"""

from __future__ import annotations

import pytest

from openeip.core import ghg
from openeip.core.catalogues.series import (
    SERIES,
    SeriesNotice,
    SeriesOverride,
    nearest_year,
    notices_from,
    pick_override,
)
from openeip.core.domain import Direction, FlowKind, ReportingPeriod, ResourceFlow
from openeip.core.errors import DomainError
from openeip.core.i18n import language
from openeip.core.prices import default_price_book, price_of
from openeip.core.symbiosis.factors import load_factors
from openeip.core.units import quantity


def grid_flow(year: int, kwh: float = 1000) -> ResourceFlow:
    return ResourceFlow("A1", ReportingPeriod(year, 1), Direction.INPUT, FlowKind.ENERGY,
                        "Grid electricity", quantity(kwh, "kWh"), source="grid")


def water_flow(year: int) -> ResourceFlow:
    return ResourceFlow("A1", ReportingPeriod(year, 1), Direction.INPUT, FlowKind.WATER,
                        "Tap water", quantity(10, "m**3"))


def test_every_year_indexed_series_is_under_the_policy():
    assert set(SERIES) == {"grid_factors", "electricity_tariffs", "water_tariffs"}


def test_nearest_year_takes_the_latest_for_a_later_year_and_names_it():
    assert nearest_year([2014, 2024], 2024, "grid_factors") == (2024, None)
    assert nearest_year([2014, 2024], 2026, "grid_factors") == (
        2024, SeriesNotice("latest_used", "grid_factors", 2026, 2024))
    assert nearest_year([2014, 2024], 2020, "grid_factors")[0] == 2014
    assert nearest_year([2014, 2024], 2010, "grid_factors") == (
        2014, SeriesNotice("earliest_used", "grid_factors", 2010, 2014))


def test_grid_factor_of_2026_is_the_2024_one_with_a_notice():
    factor = ghg.grid_factor(2026)
    assert factor.year == 2024 and factor.value.magnitude == 0.6811
    assert factor.notice == SeriesNotice("latest_used", "grid_factors", 2026, 2024)
    assert ghg.grid_factor(2024).notice is None


def test_a_2026_inventory_counts_with_the_2024_factor_and_says_so():
    result = ghg.inventory([grid_flow(2026), grid_flow(2024)], gwp="AR5")
    assert result.totals.scope2_tco2e == pytest.approx(2 * 0.6811)
    assert result.notices == (SeriesNotice("latest_used", "grid_factors", 2026, 2024),)


def test_a_grid_override_for_2026_wins_and_is_noticed():
    override = SeriesOverride("grid_factors", 2026, 0.7, "DCC letter 2026", park="alpha")
    result = ghg.inventory([grid_flow(2026)], gwp="AR5", grid_overrides={2026: override})
    assert result.totals.scope2_tco2e == pytest.approx(0.7)
    assert result.notices[0].code == "override_used"
    assert result.notices[0].source == "DCC letter 2026"


def test_electricity_tariff_for_2026_is_the_2025_decision_with_a_notice():
    per_mwh_2026, price = price_of(grid_flow(2026), default_price_book())
    per_mwh_2025, same = price_of(grid_flow(2025), default_price_book())
    assert per_mwh_2026 == per_mwh_2025 and "1279/QĐ-BCT" in str(price.source)
    assert price.notice == SeriesNotice("latest_used", "electricity_tariffs", 2026, 2025)
    assert same.notice is None


def test_an_electricity_override_for_2026_is_used_for_that_year_only():
    book = default_price_book().with_overrides(series_overrides=[
        SeriesOverride("electricity_tariffs", 2026, 2000, "EVN notice")])
    per_mwh, price = price_of(grid_flow(2026), book)
    assert per_mwh == pytest.approx(2_000_000) and price.notice.code == "override_used"
    assert price_of(grid_flow(2025), book)[1].notice is None


def test_water_tariff_for_2026_is_the_2015_hanoi_one_with_a_notice():
    book = default_price_book().with_overrides(province="Hà Nội")
    per_m3, price = price_of(water_flow(2026), book)
    assert per_m3 == 11615
    assert price.notice == SeriesNotice("latest_used", "water_tariffs", 2026, 2015)


def test_a_parks_water_override_wins_over_the_platforms():
    book = default_price_book().with_overrides(province="Hà Nội", park="alpha", series_overrides=[
        SeriesOverride("water_tariffs", 2026, 15000, "platform"),
        SeriesOverride("water_tariffs", 2026, 18000, "park contract", park="alpha")])
    assert price_of(water_flow(2026), book)[0] == 18000
    other = book.with_overrides(park="beta")
    assert price_of(water_flow(2026), other)[0] == 15000


def test_symbiosis_values_electricity_with_the_benefit_years_grid_factor():
    factors = load_factors(2026)
    assert factors.notices == (SeriesNotice("latest_used", "grid_factors", 2026, 2024),)
    assert "grid_factors 2026.1 (2024)" in factors.versions()
    assert load_factors(2024).notices == ()
    with_override = load_factors(2026, grid_override=SeriesOverride(
        "grid_factors", 2026, 0.5, "DCC"))
    assert with_override.notices[0].code == "override_used"


@pytest.mark.parametrize("gwp", ["AR5", "AR6"])
def test_gwp_sets_and_fuel_factors_do_not_depend_on_the_year_so_never_run_out(gwp):
    diesel = ResourceFlow("A1", ReportingPeriod(2026, 1), Direction.INPUT, FlowKind.ENERGY,
                          "Diesel", quantity(1, "MWh"), classification_code="diesel")
    result = ghg.inventory([diesel], gwp=gwp)
    assert result.totals.scope1_tco2e > 0 and result.notices == ()


def test_the_notice_is_worded_at_display_time_in_the_readers_language():
    notice = SeriesNotice("latest_used", "grid_factors", 2026, 2024)
    stored = notice.as_dict()
    assert notices_from([stored, stored]) == [notice]
    with language("en"):
        english = notice.message()
    with language("vi"):
        vietnamese = notice.message()
    assert "2026" in english and "2024" in english and "Vietnam grid" in english
    assert "2024" in vietnamese and vietnamese != english


def test_an_override_needs_a_source_and_a_sensible_value():
    with pytest.raises(DomainError, match="comes from"):
        SeriesOverride("grid_factors", 2026, 0.7, " ")
    with pytest.raises(DomainError, match="between 0 and 2"):
        SeriesOverride("grid_factors", 2026, 7, "x")
    with pytest.raises(DomainError, match="Unknown series"):
        SeriesOverride("gwp", 2026, 1, "x")
    assert pick_override([], "grid_factors", 2026) is None
