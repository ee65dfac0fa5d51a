"""The default price book: tariff decisions, TOU windows, blended price, company overrides.

Hand check of the default blended price (Decision 1279/QĐ-BCT, 6 to < 22 kV, constant load):
peak 30 h, normal 96 h, off-peak 42 h of the week's 168;
(30 × 3,508 + 96 × 1,899 + 42 × 1,234) / 168 = 339,372 / 168 = 2,020.0714… VND/kWh.
"""

from __future__ import annotations

from datetime import date

import pytest

from openeip.core.errors import DomainError
from openeip.core.prices import (
    PriceOverride,
    TouSplit,
    default_price_book,
    electricity_decisions,
    tou_hours,
    water_tariffs,
)


def test_the_evn_windows_give_30_peak_96_normal_and_42_off_peak_hours_a_week():
    assert tou_hours() == {"peak": 30.0, "normal": 96.0, "off_peak": 42.0}


def test_the_default_blended_price_is_the_constant_load_mix_of_the_latest_decision():
    price = default_price_book().electricity()
    assert price.vnd_per_unit == pytest.approx(339_372 / 168, rel=1e-12)
    assert price.unit == "kWh"
    assert "1279/QĐ-BCT" in str(price.source)
    assert price.verification == "assumption"  # the split is an assumption
    assert [cell.vnd_per_unit for cell in price.components] == [3508, 1899, 1234]


@pytest.mark.parametrize(("day", "decision", "peak_110kv"), [
    (date(2024, 1, 1), "2941/QĐ-BCT", 2973),
    (date(2024, 10, 11), "2699/QĐ-BCT", 3116),
    (date(2025, 6, 1), "1279/QĐ-BCT", 3266),
])
def test_the_decision_in_force_on_a_day_is_used(day, decision, peak_110kv):
    book = default_price_book(day)
    assert book.decision.decision == decision
    assert book.tariff("peak", "kv110_up").vnd_per_unit == peak_110kv


def test_the_2023_tariffs_were_seen_in_a_source_and_the_later_ones_are_unverified():
    first, second, third = electricity_decisions()
    assert {cell.verification for cell in first.prices.values()} == {"secondary"}
    assert {cell.verification for cell in second.prices.values()} == {"unverified"}
    assert {cell.verification for cell in third.prices.values()} == {"unverified"}
    assert third.prices[("below_kv6", "off_peak")].vnd_per_unit == 1300


def test_a_day_before_the_first_decision_asks_for_the_companys_price():
    with pytest.raises(DomainError, match="2023-11-09") as error:
        default_price_book(date(2023, 1, 1))
    assert error.value.field == "as_of"


def test_voltage_level_of_the_company_changes_the_blend():
    # (30 × 3,398 + 96 × 1,833 + 42 × 1,190) / 168 = 327,888 / 168
    book = default_price_book().with_overrides(voltage_level="kv22_110")
    assert book.electricity().vnd_per_unit == pytest.approx(327_888 / 168, rel=1e-12)


def test_the_companys_own_tou_split_is_used_and_is_no_assumption():
    split = TouSplit(peak=0.2, normal=0.5, off_peak=0.3, source="company load profile")
    price = default_price_book().with_overrides(tou_split=split).electricity()
    assert price.vnd_per_unit == pytest.approx(0.2 * 3508 + 0.5 * 1899 + 0.3 * 1234, rel=1e-12)
    assert price.vnd_per_unit == pytest.approx(2021.3, rel=1e-12)
    assert price.verification == "unverified"


@pytest.mark.parametrize("shares", [(0.2, 0.5, 0.2), (-0.1, 0.8, 0.3)])
def test_it_rejects_a_tou_split_that_does_not_add_up_to_one(shares):
    with pytest.raises(DomainError, match="add up to 1") as error:
        TouSplit(*shares)
    assert error.value.field == "tou_split"


def test_it_rejects_an_unknown_voltage_level():
    with pytest.raises(DomainError, match="kv6_22") as error:
        default_price_book().with_overrides(voltage_level="35kV")
    assert error.value.field == "voltage_level"


def test_an_electricity_override_replaces_the_blend():
    book = default_price_book().with_overrides(
        [PriceOverride("electricity", 2100, "VND/kWh", note="invoice March 2025")])
    price = book.electricity()
    assert (price.vnd_per_unit, price.unit, price.verification, price.source) == (
        2100.0, "kWh", "user", "invoice March 2025")


def test_water_defaults_to_the_provinces_tariff_and_none_elsewhere():
    assert default_price_book().water() is None
    hanoi = default_price_book().with_overrides(province="Hà Nội").water()
    assert hanoi is not None and hanoi.vnd_per_unit == 11615 and hanoi.unit == "m³"
    assert default_price_book().with_overrides(province="Hải Phòng").water() is None
    assert water_tariffs()["Lạng Sơn"].verification == "secondary"


def test_overrides_accept_a_bare_fuel_code():
    book = default_price_book().with_overrides([PriceOverride("diesel", 20_000_000, "t")])
    assert book.overrides["fuel:diesel"].vnd_per_unit == 20_000_000


@pytest.mark.parametrize(("resource", "unit"), [("water", "VND/kWh"), ("electricity", "VND/t"),
                                                ("fuel:diesel", "VND/piece"),
                                                ("water", "VND/furlong")])
def test_it_rejects_a_price_in_an_impossible_unit(resource, unit):
    with pytest.raises(DomainError) as error:
        default_price_book().with_overrides([PriceOverride(resource, 1000, unit)])
    assert error.value.field == "unit"


def test_it_rejects_a_negative_price():
    with pytest.raises(DomainError, match="-5") as error:
        default_price_book().with_overrides([PriceOverride("water", -5, "m³")])
    assert error.value.field == "price"


@pytest.mark.parametrize("resource", ["steam", "fuel:peat", "material:", "gas"])
def test_it_rejects_an_unknown_price_key(resource):
    with pytest.raises(DomainError, match="no price key") as error:
        default_price_book().with_overrides([PriceOverride(resource, 1, "t")])
    assert error.value.field == "resource"


def test_the_book_records_its_table_versions():
    assert default_price_book().versions == {
        "electricity_tariffs": "2026.1", "tou_windows": "2026.1", "water_tariffs": "2026.1"}


def test_get_finds_the_companys_price_or_the_default_or_nothing():
    book = default_price_book().with_overrides([PriceOverride("lpg", 25_000, "VND/kg")],
                                               province="TP. Hồ Chí Minh")
    assert book.get("fuel:lpg").vnd_per_unit == 25_000
    assert book.get("lpg").unit == "kg"
    assert book.get("water").vnd_per_unit == 12100
    assert book.get("electricity").vnd_per_unit == pytest.approx(339_372 / 168, rel=1e-12)
    assert book.get("fuel:diesel") is None
    assert book.get("waste:hazardous") is None
