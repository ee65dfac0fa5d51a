"""OptionCase: savings = Σ Δquantity × price, and every bad input named with its field and value."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from openeip.core.errors import DomainError
from openeip.core.finance import OptionCase, Saving
from openeip.core.units import Quantity, quantity


def case(**changes: Any) -> OptionCase:
    fields: dict[str, Any] = {"name": "LED-01", "investment_vnd": 100e6, "lifetime_years": 5,
                              "discount_rate": 0.10, "annual_savings_vnd": 30e6}
    fields.update(changes)
    return OptionCase(**fields)


def electricity(saved: float = 120, price: Any = "1833 VND/kWh", baseline: Any = None) -> Saving:
    priced = Quantity(price) if isinstance(price, str) else price
    return Saving("electricity", quantity(saved, "MWh"), priced, baseline)


def test_savings_are_quantity_times_price_summed_with_the_given_savings() -> None:
    option = case(annual_savings_vnd=5e6, savings=(
        electricity(),  # 120 MWh × 1,833 VND/kWh = 219,960,000
        Saving("water", quantity(5000, "m³"), Quantity(12100, "VND/m**3")),  # 60,500,000
    ))
    assert option.first_year_savings_vnd == pytest.approx(5e6 + 219_960_000 + 60_500_000,
                                                          abs=1e-6)


def test_a_negative_saving_is_extra_consumption_that_costs() -> None:
    option = case(annual_savings_vnd=0.0, savings=(
        Saving("coal", quantity(100, "t"), Quantity(2_500_000, "VND/t")),
        Saving("rice husk", quantity(-150, "t"), Quantity(800_000, "VND/t")),
    ))
    assert option.first_year_savings_vnd == pytest.approx(250e6 - 120e6, abs=1e-6)


def test_a_saving_priced_per_base_unit_takes_the_price_book_form() -> None:
    saving = Saving.per_base_unit("electricity", quantity(120_000, "kWh"), 1_833_000)
    assert str(saving.price.units) == "VND / megawatt_hour"
    assert saving.value_vnd() == pytest.approx(219_960_000, abs=1e-6)


def test_money_given_as_decimal_or_int_is_accepted() -> None:
    option = case(investment_vnd=Decimal("100000000"), annual_savings_vnd=30_000_000)
    assert option.investment_vnd == 100e6
    assert isinstance(option.investment_vnd, float)


@pytest.mark.parametrize("years", [-2, 0])
def test_it_rejects_a_lifetime_below_one_year(years: int) -> None:
    with pytest.raises(DomainError, match="lifetime of {} years".format(years)) as error:
        case(lifetime_years=years)
    assert error.value.field == "lifetime_years"


def test_it_rejects_a_fractional_lifetime() -> None:
    with pytest.raises(DomainError, match="whole number of years, not '7.5'") as error:
        case(lifetime_years=7.5)
    assert error.value.field == "lifetime_years"


def test_it_rejects_a_negative_investment() -> None:
    with pytest.raises(DomainError, match=r"investment_vnd cannot be negative \(-5e\+06\)") as e:
        case(investment_vnd=-5e6)
    assert e.value.field == "investment_vnd"


@pytest.mark.parametrize("name", ["annual_savings_vnd", "extra_om_vnd", "residual_value_vnd"])
def test_it_rejects_other_negative_money(name: str) -> None:
    with pytest.raises(DomainError, match="{} cannot be negative".format(name)) as error:
        case(**{name: -1.0})
    assert error.value.field == name


@pytest.mark.parametrize("rate", [-1.0, -1.5])
def test_it_rejects_a_discount_rate_of_minus_100_percent_or_less(rate: float) -> None:
    with pytest.raises(DomainError, match="discount_rate = {:g} is -100 %".format(rate)) as e:
        case(discount_rate=rate)
    assert e.value.field == "discount_rate"


def test_it_rejects_a_discount_rate_written_as_a_percentage() -> None:
    with pytest.raises(DomainError, match="discount_rate = 10 means more than 100 %.*0.10") as e:
        case(discount_rate=10)
    assert e.value.field == "discount_rate"


def test_it_accepts_a_discount_rate_of_exactly_100_percent() -> None:
    assert case(discount_rate=1.0).discount_rate == 1.0


def test_it_rejects_an_absurd_escalation_rate() -> None:
    with pytest.raises(DomainError) as error:
        case(escalation_rate=2.0)
    assert error.value.field == "escalation_rate"


def test_it_rejects_a_number_that_is_not_finite() -> None:
    with pytest.raises(DomainError, match="finite") as error:
        case(investment_vnd=float("nan"))
    assert error.value.field == "investment_vnd"


def test_it_rejects_a_missing_price_naming_the_resource_and_the_unit_to_use() -> None:
    with pytest.raises(DomainError, match="price of electricity is missing; give it in "
                                          "VND/MWh") as error:
        case(savings=(electricity(price=None),))
    assert error.value.field == "savings[0].price"


def test_it_rejects_a_price_in_an_impossible_unit() -> None:
    with pytest.raises(DomainError, match="price of electricity is in VND/m³, which does not "
                                          "fit a saving in MWh") as error:
        case(savings=(electricity(price=Quantity(12100, "VND/m**3")),))
    assert error.value.field == "savings[0].price"


def test_it_rejects_a_price_in_no_currency() -> None:
    with pytest.raises(DomainError, match="is in kWh") as error:
        case(savings=(electricity(price=Quantity(1833, "kWh")),))
    assert error.value.field == "savings[0].price"


def test_it_rejects_a_price_without_unit() -> None:
    with pytest.raises(DomainError, match=r"\('1833'\) needs its unit") as error:
        case(savings=(electricity(price=1833),))
    assert error.value.field == "savings[0].price"


def test_it_rejects_a_negative_price() -> None:
    with pytest.raises(DomainError, match="must be zero or more") as error:
        case(savings=(electricity(price=Quantity(-1833, "VND/kWh")),))
    assert error.value.field == "savings[0].price"


def test_it_rejects_a_saving_without_unit() -> None:
    with pytest.raises(DomainError, match="saving of water must be a quantity") as error:
        case(savings=(electricity(), Saving("water", 5000, Quantity(12100, "VND/m**3"))))
    assert error.value.field == "savings[1].quantity"


def test_it_rejects_a_saving_larger_than_the_consumption_it_comes_from() -> None:
    with pytest.raises(DomainError, match="saving of 150 MWh of electricity is larger than the "
                                          "100 MWh consumed") as error:
        case(savings=(electricity(saved=150, baseline=quantity(100, "MWh")),))
    assert error.value.field == "savings[0].quantity"


def test_it_compares_saving_and_baseline_across_units() -> None:
    ok = case(savings=(electricity(saved=100, baseline=quantity(100_000, "kWh")),))
    assert ok.savings[0].baseline == quantity(100_000, "kWh")
    with pytest.raises(DomainError, match="larger than"):
        case(savings=(electricity(saved=100.001, baseline=quantity(100_000, "kWh")),))


def test_it_rejects_a_baseline_in_another_dimension() -> None:
    with pytest.raises(DomainError, match="baseline consumption of electricity") as error:
        case(savings=(electricity(baseline=quantity(100, "t")),))
    assert error.value.field == "savings[0].baseline"


def test_it_rejects_an_environmental_effect_in_the_wrong_dimension() -> None:
    with pytest.raises(DomainError, match="energy_saved = '5 m³' must be a quantity in MWh") as e:
        case(energy_saved=quantity(5, "m³"))
    assert e.value.field == "energy_saved"


@pytest.mark.parametrize("share", [0.0, 1.5, -0.2])
def test_it_rejects_a_reduction_share_outside_zero_to_one(share: float) -> None:
    with pytest.raises(DomainError) as error:
        case(reduction_share=share)
    assert error.value.field == "reduction_share"


def test_it_rejects_an_option_without_name() -> None:
    with pytest.raises(DomainError) as error:
        case(name="  ")
    assert error.value.field == "name"
