"""Yearly fixed costs of the pipes an exchange needs (the MILP's build decisions)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pytest

from openeip.core.domain import Direction
from openeip.core.symbiosis.factors import BenefitFactors, TransportFactor
from openeip.core.symbiosis.model import (
    Candidate,
    Family,
    Form,
    ResourceClass,
    Stream,
)
from openeip.core.symbiosis.network_costs import (
    NetworkAssumptions,
    capital_recovery_factor,
    load_network_assumptions,
    pipeline_fixed_costs,
)

STEAM = ResourceClass("steam_lp", "steam", Family.ENERGY, Form.STEAM, False, "t", "LP steam",
                      "Hơi thấp áp")
ASH = ResourceClass("fly_ash", "ash", Family.BY_PRODUCT, Form.SOLID, False, "t", "Fly ash",
                    "Tro bay")


@dataclass(frozen=True)
class _Taxonomy:
    classes: Mapping[str, ResourceClass]


def _transport(mode: str, capex: float) -> TransportFactor:
    return TransportFactor(mode, "t", 1000.0, 0.0, 0.0, 1.3, 5.0, capex, "test", "unverified")


FACTORS = BenefitFactors(classes={}, fates={}, transport={
    ("pipe_steam", "t"): _transport("pipe_steam", 6e9),
    ("road_solid", "t"): _transport("road_solid", 0.0)}, table_versions=())
TAXONOMY = _Taxonomy({"steam_lp": STEAM, "fly_ash": ASH})
SUPPLIES = {
    "S1": Stream("S1", "A", Direction.SUPPLY, "steam", "steam_lp", quantity=1000.0, unit="t"),
    "S2": Stream("S2", "B", Direction.SUPPLY, "ash", "fly_ash", quantity=1000.0, unit="t"),
}


def _candidate(supply: str, demand: str, distance: float | None, rule: str = "R1") -> Candidate:
    return Candidate(supply, demand, rule, "x", "", distance, 10.0, "t", 0.5, (), None)


def test_the_capital_recovery_factor_matches_the_annuity_formula() -> None:
    # 1.1^20 = 6.727500; 0.1 × 6.727500 / 5.727500 = 0.117460
    assert capital_recovery_factor(0.10, 20) == pytest.approx(0.117460, abs=1e-6)
    assert capital_recovery_factor(0.0, 20) == pytest.approx(0.05)


def test_a_pipe_exchange_costs_its_annualised_build_cost_and_a_truck_one_nothing() -> None:
    # 6e9 VND/km × 2 km road = 12e9 VND; × CRF(10 %, 20 yr) 0.1174596 = 1,409,515,497 VND/yr
    assumptions = NetworkAssumptions(0.10, 20.0, "test")
    costs = pipeline_fixed_costs(
        [_candidate("S1", "D1", 2.0), _candidate("S1", "D1", 1.0, "R2"),
         _candidate("S1", "D2", None), _candidate("S2", "D3", 2.0)],
        SUPPLIES, taxonomy=TAXONOMY, factors=FACTORS, assumptions=assumptions)
    assert list(costs) == [("S1", "D1")]       # no distance, or by truck: no fixed cost
    assert costs[("S1", "D1")] == pytest.approx(12e9 * 0.11745962477, rel=1e-9)


def test_the_shipped_assumptions_are_ten_percent_over_twenty_years() -> None:
    shipped = load_network_assumptions()
    assert (shipped.discount_rate, shipped.pipe_lifetime_years) == (0.10, 20.0)
    assert shipped.version == "network_assumptions 2026.1"
