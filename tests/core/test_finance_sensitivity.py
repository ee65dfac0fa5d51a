"""sensitivity(): NPV and paybacks over discount rates × price factors."""

from __future__ import annotations

import pytest

from openeip.core.errors import DomainError
from openeip.core.finance import OptionCase, Saving, evaluate, sensitivity
from openeip.core.units import Quantity, quantity


def vsd() -> OptionCase:
    return OptionCase("VSD-01", 100e6, 5, 0.10, annual_savings_vnd=30e6)


def test_the_default_grid_is_three_rates_by_three_price_factors() -> None:
    grid = sensitivity(vsd())
    assert grid.discount_rates == (0.06, 0.10, 0.14)
    assert grid.price_factors == (0.8, 1.0, 1.2)
    assert [(p.discount_rate, p.price_factor) for p in grid.points][:4] == [
        (0.06, 0.8), (0.06, 1.0), (0.06, 1.2), (0.10, 0.8)]


def test_the_centre_of_the_grid_is_the_option_itself() -> None:
    point = sensitivity(vsd()).at(0.10, 1.0)
    result = evaluate(vsd())
    assert point.npv_vnd == result.npv_vnd
    assert point.irr == result.irr


def test_prices_20_percent_lower_turn_the_npv_negative_at_10_percent() -> None:
    point = sensitivity(vsd()).at(0.10, 0.8)
    # 24e6 × (1 − 1.1^-5)/0.1 − 100e6
    assert point.npv_vnd == pytest.approx(-9_021_117.53, abs=0.01)
    assert point.simple_payback_years == pytest.approx(100 / 24)
    assert point.discounted_payback_years is None


def test_a_lower_rate_raises_the_npv() -> None:
    grid = sensitivity(vsd(), discount_rates=(0.0, 0.10), price_factors=(1.0,))
    assert grid.at(0.0, 1.0).npv_vnd == pytest.approx(50e6)
    assert grid.at(0.0, 1.0).npv_vnd > grid.at(0.10, 1.0).npv_vnd


def test_price_factors_scale_resource_prices_too() -> None:
    option = OptionCase("LED", 50e6, 5, 0.0, savings=(
        Saving("electricity", quantity(10, "MWh"), Quantity(2000, "VND/kWh")),))  # 20e6/yr
    grid = sensitivity(option, discount_rates=(0.0,), price_factors=(0.5, 1.5))
    assert grid.at(0.0, 0.5).npv_vnd == pytest.approx(0.0, abs=1e-6)
    assert grid.at(0.0, 1.5).npv_vnd == pytest.approx(100e6, abs=1e-6)


def test_it_rejects_a_negative_price_factor() -> None:
    with pytest.raises(DomainError, match="price factor of -0.2") as error:
        sensitivity(vsd(), price_factors=(1.0, -0.2))
    assert error.value.field == "price_factors"


def test_it_rejects_an_absurd_discount_rate_in_the_grid() -> None:
    with pytest.raises(DomainError) as error:
        sensitivity(vsd(), discount_rates=(0.1, 12))
    assert error.value.field == "discount_rate"
