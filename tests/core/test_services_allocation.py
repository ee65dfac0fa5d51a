"""Cost allocation of a shared facility: hand-checked games and the properties of each method.

The hand game (million VND per year; three tenants A, B, C of a common effluent plant)::

    c(A) = 100   c(B) = 150   c(C) = 200
    c(AB) = 220  c(AC) = 270  c(BC) = 310   c(ABC) = 360

Shapley by hand, marginal cost of each tenant in the six orders
(ABC, ACB, BAC, BCA, CAB, CBA):

    A: 100, 100, 220−150=70, 360−310=50, 270−200=70, 50        → 440 / 6 = 73 1/3
    B: 220−100=120, 360−270=90, 150, 150, 90, 310−200=110      → 710 / 6 = 118 1/3
    C: 360−220=140, 270−100=170, 140, 310−150=160, 200, 200    → 1010 / 6 = 168 1/3
    total 2160 / 6 = 360 ✓

SCRB by hand (Young, Okada & Hashimoto 1982's procedure):

    SC_A = 360 − 310 = 50,  SC_B = 360 − 270 = 90,  SC_C = 360 − 220 = 140;  Σ SC = 280
    NSC  = 360 − 280 = 80
    RB_A = 100 − 50 = 50,   RB_B = 150 − 90 = 60,   RB_C = 200 − 140 = 60;   Σ RB = 170
    x_A = 50 + 80·50/170 = 1250/17 = 73.5294…
    x_B = 90 + 80·60/170 = 2010/17 = 118.2352…
    x_C = 140 + 80·60/170 = 2860/17 = 168.2352…      Σ = 6120/17 = 360 ✓

Loads 2, 3, 5 (kg COD/day): x = 360 × (0.2, 0.3, 0.5) = (72, 108, 180).
"""

from __future__ import annotations

import itertools
import math

import pytest

from openeip.core.errors import DomainError
from openeip.core.services import (
    CoalitionTable,
    Method,
    PooledLoad,
    allocate,
    allocate_by_load,
    allocate_scrb,
    allocate_shapley,
    blocking_coalitions,
    compare,
    power_law_cost,
    rounded_to_whole_vnd,
)


def _table(costs: dict[str, float], loads: dict[str, float] | None = None) -> CoalitionTable:
    return CoalitionTable({frozenset(key.split("+")): value for key, value in costs.items()},
                          loads)


HAND = {"A": 100, "B": 150, "C": 200, "A+B": 220, "A+C": 270, "B+C": 310, "A+B+C": 360}


def test_shapley_matches_the_hand_computed_game():
    result = allocate_shapley(_table(HAND)).by_participant()
    assert result["A"] == pytest.approx(440 / 6, rel=1e-12)
    assert result["B"] == pytest.approx(710 / 6, rel=1e-12)
    assert result["C"] == pytest.approx(1010 / 6, rel=1e-12)


def test_scrb_matches_the_hand_computed_game():
    allocation = allocate_scrb(_table(HAND))
    result = allocation.by_participant()
    assert result["A"] == pytest.approx(1250 / 17, rel=1e-12)
    assert result["B"] == pytest.approx(2010 / 17, rel=1e-12)
    assert result["C"] == pytest.approx(2860 / 17, rel=1e-12)
    a = allocation.share_of("A")
    assert a.term("separable_cost_vnd") == 50
    assert a.term("remaining_benefit_vnd") == 50
    assert dict(allocation.terms)["non_separable_cost_vnd"] == 80


def test_load_shares_the_full_cost_in_proportion_to_the_meters():
    result = allocate_by_load(_table(HAND), {"A": 2, "B": 3, "C": 5}).by_participant()
    assert result == pytest.approx({"A": 72, "B": 108, "C": 180})


@pytest.mark.parametrize("method", list(Method))
def test_every_method_recovers_the_grand_coalitions_full_cost(method):
    game = _table({"A": 1e9, "B": 3.3e9, "C": 7.1e9, "D": 2.2e9, "A+B+C+D": 9.7e9,
                   "A+B": 3.9e9, "C+D": 8.0e9}, {"A": 1.5, "B": 4, "C": 9.25, "D": 3})
    allocation = allocate(game, method)
    assert math.fsum(allocation.by_participant().values()) == 9.7e9


def test_shapley_gives_symmetric_players_the_same_share():
    game = _table({"A": 100, "B": 100, "C": 80, "A+B": 150, "A+C": 140, "B+C": 140,
                   "A+B+C": 190})
    result = allocate_shapley(game).by_participant()
    assert result["A"] == pytest.approx(result["B"], rel=1e-12)


def test_shapley_charges_a_dummy_exactly_its_stand_alone_cost():
    # D adds 40 to every coalition: a dummy player
    base = {"A": 100, "B": 150, "A+B": 200}
    costs = dict(base)
    for members, value in base.items():
        costs[members + "+D"] = value + 40
    costs["D"] = 40
    result = allocate_shapley(_table(costs)).by_participant()
    assert result["D"] == pytest.approx(40, rel=1e-12)
    assert result["A"] + result["B"] == pytest.approx(200, rel=1e-12)


def test_scrb_charges_a_dummy_exactly_its_stand_alone_cost():
    costs = {"A": 100, "B": 150, "A+B": 200, "D": 40, "A+D": 140, "B+D": 190, "A+B+D": 240}
    assert allocate_scrb(_table(costs)).by_participant()["D"] == pytest.approx(40)


def test_an_unstated_coalition_costs_its_cheapest_cover_by_stated_ones():
    game = _table({"A": 100, "B": 150, "C": 200, "A+B": 220, "A+B+C": 360})
    a, b, c = (1 << k for k in range(3))
    assert game.cost(a | c) == 300      # A and C each alone
    assert game.cost(b | c) == 350
    assert game.cost(a | b) == 220      # stated


def test_the_exact_shapley_agrees_with_the_average_over_all_orders():
    costs = {"A": 5, "B": 7, "C": 11, "D": 3, "A+B": 10, "C+D": 12, "A+C": 14,
             "A+B+C+D": 21}
    game = _table(costs)
    names = game.participants
    totals = dict.fromkeys(names, 0.0)
    orders = list(itertools.permutations(range(len(names))))
    for order in orders:
        mask = 0
        for k in order:
            totals[names[k]] += game.cost(mask | 1 << k) - game.cost(mask)
            mask |= 1 << k
    exact = allocate_shapley(game).by_participant()
    for name in names:
        assert exact[name] == pytest.approx(totals[name] / len(orders), rel=1e-12)


def test_the_sampled_shapley_states_an_error_that_covers_the_exact_value():
    loads = {"T{:02d}".format(k): 1.0 + k % 5 for k in range(10)}
    game = PooledLoad(loads, power_law_cost(1e9, 10.0, 0.6))
    exact = allocate_shapley(game).by_participant()
    sampled = allocate_shapley(game, exact_limit=5, samples=3000, seed=7)
    assert not sampled.exact and sampled.samples == 3000
    assert math.fsum(sampled.by_participant().values()) == pytest.approx(
        game.cost((1 << 10) - 1), rel=1e-12)
    for share in sampled.shares:
        assert share.standard_error_vnd is not None and share.standard_error_vnd > 0
        assert abs(share.allocated_vnd - exact[share.participant]) < 5 * share.standard_error_vnd


def test_sampling_beyond_fifteen_participants_is_reproducible():
    loads = {"T{:02d}".format(k): float(1 + k) for k in range(20)}
    game = PooledLoad(loads, power_law_cost(5e9, 100.0, 0.7))
    first = allocate_shapley(game, samples=200, seed=3)
    again = allocate_shapley(game, samples=200, seed=3)
    assert not first.exact
    assert first.by_participant() == again.by_participant()
    assert sum(first.by_participant().values()) == pytest.approx(game.cost((1 << 20) - 1))


def test_blocking_coalitions_are_those_charged_more_than_alone():
    game = _table(HAND, {"A": 1, "B": 1, "C": 8})
    by_load = allocate_by_load(game)   # A, B pay 36 each, C 288 > its 200 alone
    blocking = {b.members for b in blocking_coalitions(game, by_load)}
    assert "C" in blocking
    assert blocking_coalitions(game, allocate_shapley(game)) == []


def test_compare_gives_the_three_methods_when_loads_are_known():
    methods = [a.method for a in compare(_table(HAND, {"A": 2, "B": 3, "C": 5}))]
    assert methods == [Method.LOAD, Method.SCRB, Method.SHAPLEY]
    assert [a.method for a in compare(_table(HAND))] == [Method.SCRB, Method.SHAPLEY]


def test_rounding_to_whole_vnd_keeps_the_total():
    rounded = rounded_to_whole_vnd(allocate_shapley(_table(HAND)))
    exact = allocate_shapley(_table(HAND)).by_participant()
    for share in rounded.shares:
        assert share.allocated_vnd.is_integer()
        assert abs(share.allocated_vnd - exact[share.participant]) < 1
    assert sum(s.allocated_vnd for s in rounded.shares) == 360


@pytest.mark.parametrize("costs, words", [
    ({"A": 1, "A+B": 2}, "stand-alone cost of B"),
    ({"A": 1, "B": 2}, r"grand coalition A\+B"),
    ({"A": 1, "B": -2, "A+B": 2}, "at least 0"),
])
def test_it_refuses_an_incomplete_or_negative_game(costs, words):
    with pytest.raises(DomainError, match=words):
        _table(costs)


def test_the_load_method_refuses_a_game_without_loads():
    with pytest.raises(DomainError, match="metered load"):
        allocate_by_load(_table(HAND))


def test_scrb_splits_the_joint_cost_equally_when_no_one_has_remaining_benefit():
    # sharing brings nothing: c(AB) = c(A) + c(B) + 10, SC_i ≥ c(i) for both
    allocation = allocate_scrb(_table({"A": 10, "B": 20, "A+B": 40}))
    assert allocation.notes == ("equal_split_of_joint_cost",)
    assert sum(allocation.by_participant().values()) == 40


def test_shared_vs_individual_costs_the_connection_like_the_network_optimiser():
    from openeip.core.services.connection import shared_vs_individual

    # 1 km straight × road factor 1.3; HDPE pipe 1.5e9 VND/km; CRF(10 %, 20 y) = 0.117459625;
    # pumping 60 VND per m³·km × 1.3 km × 36,500 m³ = 2,847,000
    result = shared_vs_individual("wastewater_treatment", individual_vnd=900e6,
                                  allocated_vnd=500e6, straight_km=1.0,
                                  quantity_per_year=36_500)
    crf = 0.1 * 1.1 ** 20 / (1.1 ** 20 - 1)
    assert result.road_km == pytest.approx(1.3)
    assert result.connection_capital_vnd == pytest.approx(1.5e9 * 1.3 * crf)
    assert result.connection_running_vnd == pytest.approx(2_847_000)
    assert result.saving_vnd == pytest.approx(900e6 - 500e6 - 1.5e9 * 1.3 * crf - 2_847_000)
    assert result.shared_is_cheaper


def test_a_service_without_a_physical_connection_costs_only_its_share():
    from openeip.core.services.connection import shared_vs_individual

    result = shared_vs_individual("laboratory", individual_vnd=100, allocated_vnd=60,
                                  straight_km=2.0)
    assert result.shared_vnd == 60 and result.road_km is None
