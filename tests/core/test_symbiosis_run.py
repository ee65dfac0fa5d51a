"""One symbiosis run (match → pipes' fixed costs → network), as the CLI and the web use it.

A1 offers 24 t/yr of fly ash; B1 and C1 each need clay (120 t and 60 t). One rule, fly ash →
clay at ratio 1, so each demand gets one candidate and the network can place at most the 24 t
the supply has.
"""

from __future__ import annotations

from openeip.core.domain import Direction
from openeip.core.symbiosis.model import Stream, SynergyRule
from openeip.core.symbiosis.run import match_and_optimise

RULES = (SynergyRule(code="SR-T1", supply_class="fly_ash", demand_class="clay",
                     kind="by_product_exchange", use_en="clay substitute in bricks",
                     use_vi="thay đất sét trong gạch", substitution_ratio=1.0,
                     avoided_fate="landfill", max_distance_km=300.0),)
ASH = Stream("S1", "A1", Direction.SUPPLY, "Fly ash", "fly_ash", park="p", quantity=24.0,
             unit="t", latitude=10.80, longitude=106.70)
CLAY = [Stream(sid, firm, Direction.DEMAND, "Clay", "clay", park="p", quantity=amount,
               unit="t", latitude=10.81, longitude=106.71)
        for sid, firm, amount in (("D1", "B1", 120.0), ("D2", "C1", 60.0))]


def test_it_matches_in_each_language_and_places_no_more_than_the_supply():
    run = match_and_optimise([ASH], CLAY, rules=RULES, languages=("en", "vi"))
    assert {(c.supply_id, c.demand_id) for c in run.candidates["en"]} == {("S1", "D1"),
                                                                         ("S1", "D2")}
    assert [c.demand_id for c in run.candidates["vi"]] == [c.demand_id
                                                           for c in run.candidates["en"]]
    assert run.network is not None and run.network_problem == ""
    assert 0 < sum(s.quantity for s in run.network.selected) <= 24.0 + 1e-9


def test_the_network_sees_only_the_candidates_kept():
    run = match_and_optimise([ASH], CLAY, rules=RULES, keep=lambda c: c.demand_id == "D2")
    assert [c.demand_id for c in run.candidates["en"]] == ["D2"]
    assert run.network is not None
    assert {s.demand_id for s in run.network.selected} <= {"D2"}


def test_without_a_network_it_only_matches():
    run = match_and_optimise([ASH], CLAY, rules=RULES, network=False)
    assert run.network is None and run.network_problem == "" and len(run.candidates["en"]) == 2
