"""The matcher on the fixture taxonomy and rules: exact scores, hard conditions, top-k, scale."""

from __future__ import annotations

import numpy as np
import pytest

from openeip.core.errors import DomainError
from openeip.core.symbiosis import _search
from openeip.core.symbiosis import match as match_module
from openeip.core.symbiosis.match import all_pairs_baseline, match, match_table
from openeip.core.symbiosis.model import Scope
from tests.core.symbiosis_match_fixtures import (
    FACTORS,
    RULES,
    TAXONOMY,
    demand,
    random_streams,
    supply,
)

KW = {"taxonomy": TAXONOMY, "rules": RULES, "factors": FACTORS}


def run(supplies, demands, **kw):
    return match(supplies, demands, **{**KW, **kw})


def by_pair(candidates):
    return {(c.supply_id, c.demand_id): c for c in candidates}


def parts(candidate):
    return {p.name: p.value for p in candidate.parts}


def test_fly_ash_to_cement_scores_exactly_by_hand():
    # 0.1° of latitude = 6371.0088 × π/180 × 0.1 = 11.1195078 km straight, × 1.3 = 14.4553602 km
    # class_fit   1.0 (SR-001 names both classes and is cited)
    # distance    1 / (1 + 14.4553602 / (300 / 4)) = 0.8384074
    # quantity    offered 1,000 × 1.0, needed 800: (800/1000 + 800/800) / 2 = 0.9
    # timing 1.0 (all year), quality 1.0
    # score = 0.20 × 1 + 0.30 × 0.8384074 + 0.25 × 0.9 + 0.10 + 0.15 = 0.9265222
    [c] = run([supply("S1", "fly_ash", park="P1", qty=1000.0, lat=10.0, lon=106.0)],
              [demand("D1", "cement", park="P1", qty=800.0, lat=10.1, lon=106.0)])
    assert (c.supply_id, c.demand_id, c.rule_code, c.resource_class) == (
        "S1", "D1", "SR-001", "fly_ash")
    assert c.distance_km == pytest.approx(14.4553602, rel=1e-7)
    assert parts(c) == pytest.approx({"class_fit": 1.0, "distance": 0.8384074,
                                      "quantity_fit": 0.9, "timing": 1.0, "quality": 1.0},
                                     rel=1e-6)
    assert [p.weight for p in c.parts] == [0.2, 0.3, 0.25, 0.1, 0.15]
    assert c.score == pytest.approx(0.9265222, rel=1e-6)
    assert c.score == pytest.approx(sum(p.weight * p.value for p in c.parts))
    assert c.matched_quantity == 800.0 and c.unit == "t"
    assert (c.rank_for_supply, c.rank_for_demand) == (1, 1)
    assert c.use == "use SR-001"
    # benefit at 800 t, 14.4553602 km: see test_symbiosis_benefits (1,491,089,280 VND)
    assert c.benefit is not None
    assert c.benefit.net_vnd == pytest.approx(1_491_089_280, rel=1e-8)
    assert "14.5 km by road" in c.explanation()
    assert "places 80 % of the supply and covers 100 % of the need" in c.explanation()


def test_the_most_specific_rule_decides_and_a_group_rule_fits_less():
    # bottom ash → cement only through SR-002 (ashes → minerals): one level on each side,
    # engineering practice: (1 − 0.1 × 2) × 0.9 = 0.72
    found = by_pair(run([supply("S1", "fly_ash", park="P"), supply("S2", "bottom_ash", park="P")],
                        [demand("D1", "cement", park="P")]))
    assert found["S1", "D1"].rule_code == "SR-001"
    assert found["S2", "D1"].rule_code == "SR-002"
    assert parts(found["S2", "D1"])["class_fit"] == pytest.approx(0.72)


def test_classes_without_a_rule_never_meet():
    assert run([supply("S1", "rice_husk", park="P")], [demand("D1", "cement", park="P")]) == []
    assert run([supply("S1", "unknown_class", park="P")], [demand("D1", "cement")]) == []


def test_beyond_the_rules_reach_steam_scores_lower_and_only_the_carriers_limit_is_a_wall():
    # steam's typical reach is 5 km, its physical limit 20 km (carrier_limits.csv):
    # 0.02° = 2.2239016 km × 1.3 = 2.891 km; 0.05° → 7.228 km (beyond the reach: lower score);
    # 0.14° → 20.239 km (beyond the carrier's limit: refused)
    found = by_pair(run(
        [supply("S", "steam_lp", temp=150.0, lat=10.0, lon=106.0)],
        [demand("near", "steam_lp", lat=10.02, lon=106.0),
         demand("seven_km", "steam_lp", lat=10.05, lon=106.0),
         demand("too_far", "steam_lp", lat=10.14, lon=106.0)]))
    assert set(found) == {("S", "near"), ("S", "seven_km")}
    # distance part 1 / (1 + d / (5 / 4)): 0.30186 at 2.891 km, 0.14741 at 7.228 km
    assert parts(found["S", "near"])["distance"] == pytest.approx(
        1 / (1 + 2.2239016 * 1.3 / 1.25), rel=1e-6)
    assert parts(found["S", "seven_km"])["distance"] == pytest.approx(
        1 / (1 + 5.5597540 * 1.3 / 1.25), rel=1e-6)
    assert found["S", "near"].score > found["S", "seven_km"].score


def test_the_supplys_temperature_must_reach_the_rules_minimum():
    found = by_pair(run(
        [supply("hot", "steam_lp", park="P", temp=150.0),
         supply("cool", "steam_lp", park="P", temp=100.0),
         supply("unknown", "steam_lp", park="P")],
        [demand("D", "steam_lp", park="P")]))
    assert set(found) == {("hot", "D"), ("unknown", "D")}
    assert parts(found["hot", "D"])["quality"] == 1.0
    assert parts(found["unknown", "D"])["quality"] == 0.5
    assert "150 °C meets the minimum of 120 °C" in found["hot", "D"].explanation()
    assert "temperature unknown" in found["unknown", "D"].explanation()


def test_timing_is_months_in_common_over_months_in_either_and_steam_cannot_wait():
    found = by_pair(run(
        [supply("steam_q1", "steam_lp", park="P", temp=150.0, months=frozenset({1, 2, 3})),
         supply("ash_h1", "fly_ash", park="P", months=frozenset(range(1, 7))),
         supply("ash_feb", "fly_ash", park="P", months=frozenset({2}))],
        [demand("steam_apr", "steam_lp", park="P", months=frozenset({4, 5})),
         demand("steam_mar", "steam_lp", park="P", months=frozenset({3, 4})),
         demand("cement_jul", "cement", park="P", months=frozenset({7}))]))
    assert ("steam_q1", "steam_apr") not in found          # no common month, not storable
    assert parts(found["steam_q1", "steam_mar"])["timing"] == pytest.approx(1 / 4)
    assert parts(found["ash_h1", "cement_jul"])["timing"] == 0.0   # solids can be stored
    assert "must be stored" in found["ash_feb", "cement_jul"].explanation()


def test_hazardous_supplies_carry_a_permit_note_and_a_lower_quality():
    [c] = run([supply("oil", "used_oils", park="P", qty=10.0)],
              [demand("boiler", "fuel_oil", park="P", qty=100.0)])
    assert parts(c)["quality"] == pytest.approx(0.8)
    assert "hazardous-waste permit" in c.explanation()


def test_a_firm_is_never_matched_with_itself():
    assert run([supply("S", "fly_ash", company="A", park="P")],
               [demand("D", "cement", company="A", park="P")]) == []


def test_scope_park_cross_park_and_region():
    supplies = [supply("S", "fly_ash", park="P1", lat=10.0, lon=106.0)]
    demands = [demand("same", "cement", park="P1", lat=10.0, lon=106.01),
               demand("other", "cement", park="P2", lat=10.1, lon=106.0)]
    assert set(by_pair(run(supplies, demands, scope=Scope.PARK))) == {("S", "same")}
    assert set(by_pair(run(supplies, demands, scope=Scope.CROSS_PARK))) == {("S", "other")}
    assert set(by_pair(run(supplies, demands, scope="region"))) == {("S", "same"),
                                                                    ("S", "other")}


def test_missing_coordinates_same_park_is_2_km_elsewhere_unknown():
    found = by_pair(run([supply("S", "fly_ash", park="P1")],
                        [demand("same", "cement", park="P1"),
                         demand("other", "cement", park="P2")]))
    assert found["S", "same"].distance_km == 2.0
    assert parts(found["S", "same"])["distance"] == pytest.approx(1 / (1 + 2 / 75))
    assert "2 km assumed" in found["S", "same"].explanation()
    assert found["S", "other"].distance_km is None
    assert parts(found["S", "other"])["distance"] == 0.5
    assert "distance unknown" in found["S", "other"].explanation()


def test_a_stream_without_coordinates_is_placed_at_its_parks_location():
    """P1's location is its located supply's, P2's its demand's; P3 has no located stream."""
    from openeip.core.symbiosis.factors import load_factors

    found = by_pair(run([supply("S", "fly_ash", park="P1"),
                         supply("S2", "fly_ash", park="P1", lat=10.0, lon=106.0)],
                        [demand("same", "cement", park="P1"),
                         demand("other", "cement", park="P2", lat=10.1, lon=106.0),
                         demand("nowhere", "cement", park="P3")]))
    # 0.1° of latitude = 6371.0088 km × π / 1800 = 11.1195 km in a straight line
    road = 11.1195 * load_factors().road_factor
    assert found["S", "other"].distance_km == pytest.approx(road, rel=1e-4)
    assert parts(found["S", "other"])["distance"] == pytest.approx(1 / (1 + road / 75),
                                                                   rel=1e-4)
    assert "from the park's location" in found["S", "other"].explanation()
    assert found["S", "same"].distance_km == found["S2", "same"].distance_km == 2.0
    assert "2 km assumed" in found["S2", "same"].explanation()
    assert found["S", "nowhere"].distance_km is None
    assert "distance unknown" in found["S", "nowhere"].explanation()


def test_unknown_quantities_are_neutral_and_the_known_side_is_matched():
    found = by_pair(run([supply("S", "fly_ash", park="P", qty=50.0), supply("T", "fly_ash",
                                                                           park="P")],
                        [demand("D", "cement", park="P")]))
    assert parts(found["S", "D"])["quantity_fit"] == 0.5
    assert found["S", "D"].matched_quantity == 50.0
    assert "all of the supply is assumed taken" in found["S", "D"].explanation()
    assert found["T", "D"].matched_quantity is None and found["T", "D"].benefit is None


def test_top_k_keeps_the_best_per_supply_and_per_demand():
    # S has three demands; with k = 2 it keeps its two nearest. D3's only supply is S, so the
    # pair stays for D3's sake: rank 1 for the demand, 0 (outside the top 2) for the supply.
    s = supply("S", "fly_ash", park="P1", qty=100.0, lat=10.0, lon=106.0)
    demands = [demand("D{}".format(i), "cement", park="P1", qty=100.0, lat=10.0 + 0.1 * i,
                      lon=106.0) for i in (1, 2, 3)]
    other = supply("S2", "fly_ash", park="P1", qty=100.0, lat=10.1, lon=106.0)
    found = by_pair(run([s, other], demands, top_k=2))
    assert (found["S", "D1"].rank_for_supply, found["S", "D2"].rank_for_supply) == (1, 2)
    assert found["S", "D3"].rank_for_supply == 0
    assert found["S", "D3"].rank_for_demand == 2
    assert found["S2", "D3"].rank_for_demand == 1
    # every kept candidate is in one side's top 2
    assert all(c.rank_for_supply or c.rank_for_demand for c in found.values())
    assert all(c.rank_for_supply <= 2 and c.rank_for_demand <= 2 for c in found.values())


def test_candidates_come_best_first_per_supply():
    s = supply("S", "fly_ash", park="P1", qty=100.0, lat=10.0, lon=106.0)
    demands = [demand("D{}".format(i), "cement", park="P1", qty=100.0, lat=10.0 + 0.2 * i,
                      lon=106.0) for i in (3, 1, 2)]
    assert [c.demand_id for c in run([s], demands)] == ["D1", "D2", "D3"]


def test_weights_can_be_changed_but_not_invented():
    [c] = run([supply("S", "fly_ash", park="P")], [demand("D", "cement", park="P")],
              weights={"distance": 0.0, "quantity_fit": 0.0})
    # (0.2 × 1 + 0.1 × 1 + 0.15 × 1) / 0.45 = 1
    assert c.score == pytest.approx(1.0)
    with pytest.raises(DomainError, match="Unknown score part"):
        run([], [], weights={"price": 1.0})
    with pytest.raises(DomainError, match="zero or positive"):
        run([], [], weights={"timing": -1.0})
    with pytest.raises(DomainError, match="top_k"):
        run([], [], top_k=0)


def test_the_use_text_follows_the_language():
    [c] = run([supply("S", "fly_ash", park="P")], [demand("D", "cement", park="P")],
              language="vi")
    assert c.use == "dùng SR-001"
    assert "vi fly_ash" in c.explanation()


def _top(table, side):
    index = table.supply_index if side == "s" else table.demand_index
    ranks = table.rank_for_supply if side == "s" else table.rank_for_demand
    tops: dict[int, list[float]] = {}
    for i in np.flatnonzero(ranks > 0):
        tops.setdefault(int(index[i]), []).append(round(float(table.scores.score[i]), 9))
    return {key: sorted(values) for key, values in tops.items()}


@pytest.mark.parametrize(("scope", "top_k", "seed"), [
    (Scope.REGION, 5, 7), (Scope.PARK, 5, 8), (Scope.CROSS_PARK, 5, 9), (Scope.REGION, 1, 10),
    (Scope.REGION, 3, 11), (Scope.REGION, 10, 12)])
@pytest.mark.parametrize("small_block", [0, 250_000])
def test_the_pruned_search_finds_the_same_top_k_as_scoring_every_pair(scope, top_k, seed,
                                                                      small_block,
                                                                      monkeypatch,
                                                                      pruned_search):
    # small_block 0: every block goes through the distance rounds and quantity bands
    monkeypatch.setattr(_search, "SMALL_BLOCK_PAIRS", small_block)
    supplies, demands = random_streams(seed, 300)
    fast = match_table(supplies, demands, top_k=top_k, scope=scope, **KW)
    slow = all_pairs_baseline(supplies, demands, top_k=top_k, scope=scope, **KW)
    assert len(fast) > 30
    assert _top(fast, "s") == _top(slow, "s")
    assert _top(fast, "d") == _top(slow, "d")
    assert fast.stats["pairs_scored"] < slow.stats["pairs_scored"]


def test_a_small_run_scores_every_pair_and_finds_what_the_search_finds(monkeypatch):
    supplies, demands = random_streams(7, 300)
    every = match_table(supplies, demands, top_k=5, **KW)
    # every pair was scored: no rounds of a search
    assert every.stats["pairs_scored"] == len(supplies) * len(demands)
    assert "rounds" not in every.stats
    monkeypatch.setattr(match_module, "EVERY_PAIR_MAX_PAIRS", len(supplies) * len(demands) - 1)
    searched = match_table(supplies, demands, top_k=5, **KW)
    assert searched.stats["rounds"] and searched.stats["pairs_scored"] < every.stats[
        "pairs_scored"]
    assert len(every) > 30
    assert _top(every, "s") == _top(searched, "s")
    assert _top(every, "d") == _top(searched, "d")
    assert every.candidates() == searched.candidates()


def test_the_table_builds_the_same_candidates_as_match():
    supplies, demands = random_streams(3, 60)
    table = match_table(supplies, demands, top_k=3, **KW)
    listed = run(supplies, demands, top_k=3)
    assert table.candidates() == listed
    assert table.score == pytest.approx(table.scores.score, abs=1e-12)
    assert table.stats["candidates"] == len(listed)


@pytest.mark.parametrize("weights", [{"quantity_fit": 0.0}, {"distance": 0.0, "timing": 0.0},
                                     {"class_fit": 1.0, "quality": 0.0}])
def test_the_pruned_search_is_exact_under_other_weights(weights, monkeypatch, pruned_search):
    monkeypatch.setattr(_search, "SMALL_BLOCK_PAIRS", 0)
    supplies, demands = random_streams(21, 200)
    fast = match_table(supplies, demands, top_k=3, weights=weights, **KW)
    slow = all_pairs_baseline(supplies, demands, top_k=3, weights=weights, **KW)
    assert _top(fast, "s") == _top(slow, "s")
    assert _top(fast, "d") == _top(slow, "d")


def test_the_shipped_knowledge_base_sends_fly_ash_to_a_cement_plant_with_a_benefit():
    # defaults: the shipped taxonomy, rules and factors
    supplies = [supply("ash", "fly_ash", park="P1", qty=5000.0, lat=20.95, lon=106.70)]
    demands = [demand("kiln", "cement", park="P1", qty=20000.0, lat=20.96, lon=106.70),
               demand("brewery", "animal_feed", park="P1", qty=100.0, lat=20.95, lon=106.71)]
    found = by_pair(match(supplies, demands))
    assert set(found) == {("ash", "kiln")}
    c = found["ash", "kiln"]
    assert c.matched_quantity == 5000.0 and c.unit == "t"
    assert c.benefit is not None and c.benefit.avoided_purchase_vnd > 0
    assert c.benefit.waste_diverted_t in (0.0, 5000.0)
    assert any(v.startswith("benefit_factors ") for v in c.benefit.factor_versions)
