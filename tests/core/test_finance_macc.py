"""The MACC: options applied in sequence, cheapest first, without double-counting.

All fixtures use a zero discount rate and a 10-year life, so CRF = 1/10 and an option's yearly
cost is investment/10 + O&M − savings: every number below is mental arithmetic.
"""

from __future__ import annotations

from typing import Any

import pytest

from openeip.core.errors import DomainError
from openeip.core.finance import OptionCase, macc
from openeip.core.units import quantity


def option(name: str, investment_vnd: float, savings_vnd: float = 0.0, *,
           share: float | None = None, tco2e: float = 0.0) -> OptionCase:
    return OptionCase(name=name, investment_vnd=investment_vnd, lifetime_years=10,
                      discount_rate=0.0, annual_savings_vnd=savings_vnd,
                      reduction_share=share, ghg_avoided=quantity(tco2e, "tCO2e"))


def summary(steps: list[Any]) -> list[tuple[str, float, float, float]]:
    return [(s.name, round(float(s.abatement.magnitude), 9),
             round(float(s.cumulative_abatement.magnitude), 9), round(s.cost_vnd_per_tco2e, 6))
            for s in steps]


def test_percentage_options_act_on_what_earlier_options_left() -> None:
    # A alone: 20 % of 100 t for 10e6/10 = 1e6 a year → 50,000 VND/t
    # B alone: 50 % of 100 t = 50 t for 10e6 − 4e6 = 6e6 a year → 120,000 VND/t
    # B after A: 50 % of 80 t = 40 t; its savings shrink to 0.8 × 4e6 → 6.8e6 / 40 = 170,000
    steps = macc([option("B", 100e6, 4e6, share=0.5), option("A", 10e6, share=0.2)],
                 quantity(100, "tCO2e"))
    assert summary(steps) == [("A", 20.0, 20.0, 50_000.0), ("B", 40.0, 60.0, 170_000.0)]
    assert [s.scale for s in steps] == pytest.approx([1.0, 0.8])
    assert [s.basis for s in steps] == ["percentage", "percentage"]
    assert float(steps[-1].remaining_emissions.magnitude) == pytest.approx(40.0)
    assert steps[1].annual_cost_vnd == pytest.approx(6.8e6)


def test_summing_the_same_options_alone_would_double_count() -> None:
    steps = macc([option("A", 10e6, share=0.2), option("B", 100e6, share=0.5)],
                 quantity(100, "tCO2e"))
    assert float(steps[-1].cumulative_abatement.magnitude) == pytest.approx(60.0)  # not 70


def test_an_absolute_option_is_capped_at_what_remains() -> None:
    # C: 25 t for 5e6/yr (200,000/t); D: 10 t for 3e6/yr (300,000/t) but only 5 t remain of 30
    steps = macc([option("D", 30e6, tco2e=10), option("C", 50e6, tco2e=25)],
                 quantity(30, "tCO2e"))
    assert summary(steps) == [("C", 25.0, 25.0, 200_000.0), ("D", 5.0, 30.0, 600_000.0)]
    assert [s.capped for s in steps] == [False, True]
    assert steps[1].scale == pytest.approx(0.5)


def test_options_are_re_ranked_after_each_step() -> None:
    # alone: X 0/t, Y 1e6/50 t = 20,000/t, Z 0.3e6/10 t = 30,000/t: order X, Y, Z
    # after X (50 t left) Y abates 25 t for 1e6 → 40,000/t, dearer than Z: order X, Z, Y
    # after Z (40 t left) Y abates 20 t → 50,000/t
    steps = macc([option("Y", 10e6, share=0.5), option("Z", 3e6, tco2e=10),
                  option("X", 0.0, tco2e=50)], quantity(100, "tCO2e"))
    assert summary(steps) == [("X", 50.0, 50.0, 0.0), ("Z", 10.0, 60.0, 30_000.0),
                              ("Y", 20.0, 80.0, 50_000.0)]
    costs = [s.cost_vnd_per_tco2e for s in steps]
    assert costs == sorted(costs)
    assert [s.position for s in steps] == [1, 2, 3]


def test_money_saving_options_come_first_with_negative_cost() -> None:
    # S saves 3e6 a year for 1e6 a year of capital: −2e6 / 10 t = −200,000 VND/t
    steps = macc([option("P", 10e6, tco2e=10), option("S", 10e6, 3e6, tco2e=10)],
                 quantity(100, "tCO2e"))
    assert summary(steps) == [("S", 10.0, 10.0, -200_000.0), ("P", 10.0, 20.0, 100_000.0)]


def test_options_without_ghg_effect_are_left_off_the_curve() -> None:
    steps = macc([option("water-only", 1e6), option("A", 10e6, share=0.2)], 100.0)
    assert [s.name for s in steps] == ["A"]


def test_options_that_find_nothing_left_are_left_off() -> None:
    steps = macc([option("all", 0.0, tco2e=100), option("late", 1e6, share=0.5)],
                 quantity(100, "tCO2e"))
    assert [s.name for s in steps] == ["all"]


def test_a_percentage_option_may_state_its_tco2e_if_it_agrees() -> None:
    steps = macc([option("A", 10e6, share=0.2, tco2e=20)], quantity(100, "tCO2e"))
    assert float(steps[0].abatement.magnitude) == pytest.approx(20.0)


def test_it_rejects_a_percentage_option_whose_tco2e_disagrees() -> None:
    with pytest.raises(DomainError, match="ghg_avoided = 30 tCO2e disagrees with "
                                          "reduction_share 0.2") as error:
        macc([option("ok", 1e6, tco2e=5), option("A", 10e6, share=0.2, tco2e=30)],
             quantity(100, "tCO2e"))
    assert error.value.field == "cases[1].ghg_avoided"


def test_it_rejects_two_options_with_the_same_name() -> None:
    with pytest.raises(DomainError, match="Two options are called A") as error:
        macc([option("A", 1e6, tco2e=5), option("A", 2e6, tco2e=5)], quantity(100, "tCO2e"))
    assert error.value.field == "cases[1].name"


@pytest.mark.parametrize("baseline", [0.0, -5.0, quantity(0, "tCO2e")])
def test_it_rejects_a_baseline_with_nothing_to_abate(baseline: Any) -> None:
    with pytest.raises(DomainError, match="leave nothing to abate") as error:
        macc([option("A", 1e6, tco2e=5)], baseline)
    assert error.value.field == "baseline_emissions_tco2e"


def test_it_rejects_a_baseline_that_is_not_co2e() -> None:
    with pytest.raises(DomainError, match="must be in tCO2e, not '100 MWh'"):
        macc([option("A", 1e6, tco2e=5)], quantity(100, "MWh"))


def test_a_baseline_in_kilograms_is_converted() -> None:
    steps = macc([option("A", 10e6, share=0.2)], quantity(100_000, "kgCO2e"))
    assert float(steps[0].abatement.magnitude) == pytest.approx(20.0)
