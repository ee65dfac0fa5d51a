"""evaluate(): every figure of an option, by hand and against published worked examples."""

from __future__ import annotations

from typing import Any

import pytest

from openeip.core.finance import (
    OptionCase,
    Saving,
    abatement_cost,
    cash_flows,
    evaluate,
    irr,
    levelised_cost_of_saved_energy,
)
from openeip.core.units import Quantity, quantity

# (1 − 1.1^-5) / 0.1: present value of 1 VND a year for 5 years at 10 %
ANNUITY_10_5 = (1 - 1.1**-5) / 0.1
# 0.1 × 1.1^5 / (1.1^5 − 1)
CRF_10_5 = 0.1 * 1.61051 / 0.61051


def case(**changes: Any) -> OptionCase:
    fields: dict[str, Any] = {"name": "VSD-01", "investment_vnd": 100e6, "lifetime_years": 5,
                              "discount_rate": 0.10, "annual_savings_vnd": 30e6}
    fields.update(changes)
    return OptionCase(**fields)


def test_the_hand_example_100_million_saving_30_million_for_5_years_at_10_percent() -> None:
    result = evaluate(case())
    assert result.cash_flows_vnd == (-100e6, 30e6, 30e6, 30e6, 30e6, 30e6)
    assert result.simple_payback_years == pytest.approx(3.3333333333333, abs=1e-12)
    assert result.discounted_payback_years == pytest.approx(4.2632666666667, abs=1e-12)
    assert result.npv_vnd == pytest.approx(13_723_603.08, abs=0.005)
    assert result.npv_vnd == pytest.approx(30e6 * ANNUITY_10_5 - 100e6, rel=1e-12)
    assert result.irr == pytest.approx(0.1523823711663, abs=1e-12)
    assert result.benefit_cost_ratio == pytest.approx(1.1372360308, abs=1e-10)
    assert result.retscreen_benefit_cost_ratio == pytest.approx(1.1372360308, abs=1e-10)
    assert result.annual_life_cycle_savings_vnd == pytest.approx(
        (30e6 * ANNUITY_10_5 - 100e6) * CRF_10_5, rel=1e-12)
    assert result.annual_life_cycle_savings_vnd == pytest.approx(3_620_251.92, abs=0.005)
    assert result.reasons.keys() == {"levelised_cost_vnd_per_mwh",
                                     "abatement_cost_vnd_per_tco2e"}


def test_extra_om_and_residual_value_enter_the_cash_flows() -> None:
    flows = cash_flows(case(extra_om_vnd=5e6, residual_value_vnd=20e6))
    assert flows == (-100e6, 25e6, 25e6, 25e6, 25e6, 45e6)
    result = evaluate(case(extra_om_vnd=5e6, residual_value_vnd=20e6))
    assert result.net_annual_benefit_vnd == 25e6
    assert result.simple_payback_years == 4.0
    # PV(benefits) = 30e6·A + 20e6/1.1^5; PV(costs) = 100e6 + 5e6·A
    benefits = 30e6 * ANNUITY_10_5 + 20e6 / 1.61051
    costs = 100e6 + 5e6 * ANNUITY_10_5
    assert result.benefit_cost_ratio == pytest.approx(benefits / costs, rel=1e-12)
    assert result.npv_vnd == pytest.approx(benefits - costs, rel=1e-12)


def test_escalation_raises_savings_from_year_one() -> None:
    flows = cash_flows(case(escalation_rate=0.05, lifetime_years=2))
    assert flows == pytest.approx((-100e6, 31.5e6, 33.075e6), rel=1e-15)
    # simple payback stays on first-year, un-escalated values (RETScreen's definition)
    assert evaluate(case(escalation_rate=0.05)).simple_payback_years == pytest.approx(10 / 3)


def test_savings_computed_from_resource_deltas_and_prices() -> None:
    result = evaluate(case(annual_savings_vnd=0.0, savings=(
        Saving("electricity", quantity(120, "MWh"), Quantity(1833, "VND/kWh")),)))
    assert result.annual_savings_vnd == pytest.approx(219_960_000, abs=1e-6)
    assert result.simple_payback_years == pytest.approx(100 / 219.96, rel=1e-12)


def test_levelised_cost_of_saved_energy_at_zero_discount_rate() -> None:
    # CRF(0, 10) = 1/10: (100e6/10 + 2e6) / 40 MWh = 300,000 VND/MWh
    option = case(lifetime_years=10, discount_rate=0.0, extra_om_vnd=2e6,
                  energy_saved=quantity(40, "MWh"))
    assert levelised_cost_of_saved_energy(option) == pytest.approx(300_000, rel=1e-12)
    # a residual value of 20e6 lowers the capital to recover: ((100 − 20)/10 + 2) / 40 MWh
    option = case(lifetime_years=10, discount_rate=0.0, extra_om_vnd=2e6,
                  residual_value_vnd=20e6, energy_saved=quantity(40_000, "kWh"))
    assert levelised_cost_of_saved_energy(option) == pytest.approx(250_000, rel=1e-12)


def test_levelised_cost_of_saved_energy_at_10_percent() -> None:
    option = case(energy_saved=quantity(50, "MWh"))
    assert levelised_cost_of_saved_energy(option) == pytest.approx(100e6 * CRF_10_5 / 50,
                                                                   rel=1e-12)
    assert levelised_cost_of_saved_energy(option) == pytest.approx(527_594.96, abs=0.01)


def test_abatement_cost_is_negative_when_abating_saves_money() -> None:
    option = case(ghg_avoided=quantity(10, "tCO2e"))
    assert abatement_cost(option) == pytest.approx(-362_025.19, abs=0.01)


def test_abatement_cost_is_the_yearly_net_cost_per_tonne() -> None:
    # CRF(0, 10) = 0.1: ALCS = −100e6 × 0.1 + 5e6 = −5e6 a year; 5e6 / 20 t = 250,000 VND/t
    option = case(lifetime_years=10, discount_rate=0.0, annual_savings_vnd=5e6,
                  ghg_avoided=quantity(20_000, "kgCO2e"))
    assert abatement_cost(option) == pytest.approx(250_000, rel=1e-12)


def test_figures_that_do_not_exist_are_none_with_their_reason() -> None:
    result = evaluate(case(annual_savings_vnd=1e6, extra_om_vnd=1e6))
    assert result.simple_payback_years is None
    assert result.discounted_payback_years is None
    assert result.irr is None
    assert str(result.reasons["simple_payback_years"]).startswith("never paid back")
    assert "within the lifetime of 5 years" in str(result.reasons["discounted_payback_years"])
    assert str(result.reasons["irr"]).startswith("no root")


def test_an_option_that_costs_nothing_pays_back_at_once_and_has_no_ratio() -> None:
    result = evaluate(case(investment_vnd=0.0))
    assert result.simple_payback_years == 0.0
    assert result.discounted_payback_years == 0.0
    assert result.benefit_cost_ratio is None
    assert result.retscreen_benefit_cost_ratio is None
    assert result.irr is None


def test_environmental_effect_is_reported_in_base_units() -> None:
    result = evaluate(case(energy_saved=quantity(120_000, "kWh"),
                           water_saved=quantity(5_000_000, "L"),
                           waste_avoided=quantity(2_500, "kg"),
                           ghg_avoided=quantity(81.7, "tCO2e")))
    assert result.energy_saved.magnitude == pytest.approx(120)
    assert result.water_saved.magnitude == pytest.approx(5000)
    assert result.waste_avoided.magnitude == pytest.approx(2.5)
    assert result.ghg_avoided.magnitude == pytest.approx(81.7)


def test_published_retscreen_example_gas_saving_all_equity() -> None:
    """RETScreen International, "RETScreen Version 4 Overview" (G. J. Leng and U. T. Ziegler),
    slide 5 "Financing Options": natural gas 1,000,000 m³/yr at $0.40/m³, 25 % energy
    reduction, capital cost $300,000, 2 % inflation, 20-year project life. The "Cash" column
    states pre-tax IRR (equity and assets) 35.9 % and simple payback 3 years.
    Transcript: https://cupdf.com/document/introduction-to-retscreen.html (page 5; mirror
    https://documents.pub/document/introduction-to-retscreen.html).

    The arithmetic is currency-free, so dollars go in the *_vnd fields unchanged. RETScreen
    escalates savings from year 1 (year-1 saving = $100,000 × 1.02); the other reading, no
    escalation in year 1, would give 35.2 % and fail here.
    """
    gas_saved_usd = 1_000_000 * 0.25 * 0.40  # $100,000 a year
    option = OptionCase(name="retscreen-cash", investment_vnd=300_000, lifetime_years=20,
                        discount_rate=0.10, annual_savings_vnd=gas_saved_usd,
                        escalation_rate=0.02)
    result = evaluate(option)
    assert result.simple_payback_years == 3.0
    assert result.irr is not None
    assert round(result.irr * 100, 1) == 35.9


def test_published_textbook_example_premium_air_conditioner() -> None:
    """G. M. Masters, *Renewable and Efficient Electric Power Systems* (Wiley, 2004), §5
    "Energy economics", p. 245, continuing Example 5.6: a premium air conditioner costs $1,000
    more and saves $200/yr, so P/A = 5 years; "With a lifetime of 10 years, Table 5.4 suggests
    that it would have an IRR of just over 15%. If it lasts 20 years, its IRR would be between
    19% and 21%." https://www.studmed.ru/view/masters-gm-renewable-and-efficient-electric-power-systems_dd9f768afa6.html?page=27
    """
    ten = evaluate(OptionCase("ac-10", 1_000, 10, 0.10, annual_savings_vnd=200))
    twenty = evaluate(OptionCase("ac-20", 1_000, 20, 0.10, annual_savings_vnd=200))
    assert ten.irr is not None and twenty.irr is not None
    assert 0.15 < ten.irr < 0.155
    assert 0.19 < twenty.irr < 0.21
    assert ten.simple_payback_years == 5.0


def test_published_gitman_irr_example() -> None:
    """L. J. Gitman, *Principles of Managerial Finance, Brief*, 3rd ed. (Addison-Wesley, 2003),
    p. 348, as quoted in NumPy's irr documentation: invest 100, receive 39, 59, 55, 20;
    IRR = 0.28095 (to 5 decimals). https://numpy.org/doc/1.16/reference/generated/numpy.irr.html
    """
    result = irr([-100.0, 39.0, 59.0, 55.0, 20.0])
    assert result.rate is not None
    assert round(result.rate, 5) == 0.28095
