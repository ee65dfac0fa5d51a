"""The exchange-network MILP on networks small enough to solve by hand."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from openeip.core.domain import Direction
from openeip.core.errors import DomainError
from openeip.core.symbiosis.model import Benefit, Candidate, Stream
from openeip.core.symbiosis.optimise import optimise

RATIOS = {"R1": 1.0, "R2": 0.5}


def _stream(stream_id: str, direction: Direction, quantity: float | None) -> Stream:
    return Stream(id=stream_id, company="C-" + stream_id, direction=direction,
                  description=stream_id, resource_class="x", quantity=quantity, unit="t")


def _candidate(supply: str, demand: str, rule: str, net_per_t: float,
               matched: float | None = 10.0, valued: bool = True) -> Candidate:
    # a benefit valued at 10 t: net_vnd = 10 × net_per_t, so v = net_vnd / quantity = net_per_t
    benefit = Benefit(quantity=10.0, avoided_purchase_vnd=10.0 * net_per_t,
                      avoided_disposal_vnd=0.0, transport_vnd=0.0, processing_vnd=0.0,
                      co2e_avoided_t=0.0, waste_diverted_t=0.0, water_saved_m3=0.0,
                      energy_recovered_mwh=0.0) if valued else None
    return Candidate(supply_id=supply, demand_id=demand, rule_code=rule, resource_class="x",
                     use="", distance_km=1.0, matched_quantity=matched, unit="t", score=0.5,
                     parts=(), benefit=benefit)


# Two supplies (S1 100 t, S2 50 t) and two demands (D1 needs 120 t, D2 needs 60 t). Rule R1
# replaces 1 t per t, R2 0.5 t per t.  v: S1→D1 100, S1→D2 80, S2→D1 90, S2→D2 30 VND/t.
SUPPLIES = {"S1": _stream("S1", Direction.SUPPLY, 100.0),
            "S2": _stream("S2", Direction.SUPPLY, 50.0)}
DEMANDS = {"D1": _stream("D1", Direction.DEMAND, 120.0),
           "D2": _stream("D2", Direction.DEMAND, 60.0)}
CANDIDATES = [
    _candidate("S1", "D1", "R1", 100.0),
    _candidate("S1", "D2", "R2", 80.0),
    _candidate("S2", "D1", "R1", 90.0),
    _candidate("S2", "D2", "R2", 30.0),
]


def _by_pair(result) -> dict[tuple[str, str], float]:  # type: ignore[no-untyped-def]
    return {(s.supply_id, s.demand_id): s.quantity for s in result.selected}


def _report(result, name: str):  # type: ignore[no-untyped-def]
    return next(report for report in result.constraints if report.name == name)


def test_it_gives_the_scarce_demand_to_the_supply_that_loses_most_elsewhere() -> None:
    # D1 (120 t) cannot take all 150 t. S2 loses 90 − 30 = 60 VND/t going to D2, S1 only
    # 100 − 80 = 20, so D1 takes S2's 50 t and S1's 70 t; S1's other 30 t go to D2 (15 t there).
    # Objective 100·70 + 80·30 + 90·50 = 7,000 + 2,400 + 4,500 = 13,900 VND.
    result = optimise(CANDIDATES, SUPPLIES, DEMANDS, ratios=RATIOS)
    assert result.status == "optimal"
    assert result.objective_vnd == pytest.approx(13_900.0)
    assert _by_pair(result) == pytest.approx({("S1", "D1"): 70.0, ("S1", "D2"): 30.0,
                                              ("S2", "D1"): 50.0})
    assert sum(s.net_vnd for s in result.selected) == pytest.approx(13_900.0)
    assert result.mip_gap == 0.0


def test_it_reports_binding_limits_and_the_value_of_one_more_unit() -> None:
    # Duals from the basic columns: S1→D2: π_S1 + 0.5·π_D2 = 80 with D2 slack (π_D2 = 0), so
    # π_S1 = 80; S1→D1: π_S1 + π_D1 = 100, π_D1 = 20; S2→D1: π_S2 + π_D1 = 90, π_S2 = 70.
    # Check S2: one more t goes to D1 and pushes 1 t of S1 to D2: +90 − 100 + 80 = 70.
    result = optimise(CANDIDATES, SUPPLIES, DEMANDS, ratios=RATIOS)
    s1, s2 = _report(result, "supply[S1]"), _report(result, "supply[S2]")
    d1, d2 = _report(result, "demand[D1]"), _report(result, "demand[D2]")
    assert (s1.used, s1.available, s1.binding) == (pytest.approx(100.0), 100.0, True)
    assert (d1.used, d1.binding) == (pytest.approx(120.0), True)
    assert (d2.used, d2.available, d2.binding) == (pytest.approx(15.0), 60.0, False)
    assert s1.shadow_price_vnd_per_unit == pytest.approx(80.0)
    assert s2.shadow_price_vnd_per_unit == pytest.approx(70.0)
    assert d1.shadow_price_vnd_per_unit == pytest.approx(20.0)
    assert d2.shadow_price_vnd_per_unit == pytest.approx(0.0)
    assert (s2.kind, d1.kind, d1.stream_id) == ("supply", "demand", "D1")


def test_a_fixed_cost_larger_than_its_gain_leaves_the_pipe_unbuilt() -> None:
    # S2→D1 costs 3,000 VND/yr fixed. Built: 13,900 − 3,000 = 10,900. Not built: S1 fills
    # D1 with 100 t (10,000) and S2 sends 50 t to D2 (1,500): 11,500 — better.
    result = optimise(CANDIDATES, SUPPLIES, DEMANDS, {("S2", "D1"): 3_000.0}, ratios=RATIOS)
    assert result.objective_vnd == pytest.approx(11_500.0)
    assert _by_pair(result) == pytest.approx({("S1", "D1"): 100.0, ("S2", "D2"): 50.0})
    assert result.built_investments == ()
    # with the pipe left out: one more t of S1 is worth 100 (D1 has room), of S2 30 (to D2)
    assert _report(result, "supply[S1]").shadow_price_vnd_per_unit == pytest.approx(100.0)
    assert _report(result, "supply[S2]").shadow_price_vnd_per_unit == pytest.approx(30.0)
    assert _report(result, "demand[D1]").binding is False


def test_a_fixed_cost_smaller_than_its_gain_builds_the_pipe_and_charges_it() -> None:
    # Built: 13,900 − 1,000 = 12,900 > 11,500 unbuilt. S2→D1 carries 50 t: 4,500 − 1,000.
    result = optimise(CANDIDATES, SUPPLIES, DEMANDS, {("S2", "D1"): 1_000.0}, ratios=RATIOS)
    assert result.objective_vnd == pytest.approx(12_900.0)
    assert result.built_investments == (("S2", "D1"),)
    pipe = next(s for s in result.selected if (s.supply_id, s.demand_id) == ("S2", "D1"))
    assert pipe.net_vnd == pytest.approx(3_500.0)
    assert sum(s.net_vnd for s in result.selected) == pytest.approx(12_900.0)


def test_a_loss_making_candidate_is_never_selected() -> None:
    candidates = [_candidate("S1", "D1", "R1", -5.0), _candidate("S2", "D2", "R2", 0.0)]
    result = optimise(candidates, SUPPLIES, DEMANDS, ratios=RATIOS)
    assert (result.status, result.selected, result.objective_vnd) == ("empty", (), 0.0)
    assert result.unprofitable == 2
    mixed = optimise([*candidates, _candidate("S1", "D2", "R2", 1.0)], SUPPLIES, DEMANDS,
                     ratios=RATIOS)
    # S1 → D2 at 1 VND/t: D2's 60 t need takes 120 t at ratio 0.5, S1 has 100: 100 VND
    assert (mixed.unprofitable, mixed.objective_vnd) == (2, pytest.approx(100.0))
    assert _report(mixed, "supply[S1]").binding is True


def test_a_pipe_that_can_never_pay_is_left_out_before_solving() -> None:
    # S2 → D1 gains at most 90 VND/t × 50 t = 4,500 VND: a fixed cost of 4,500 can never pay
    # (left out, same optimum as unbuilt: 11,500); at 4,499 it stays in the model, unbuilt.
    hopeless = optimise(CANDIDATES, SUPPLIES, DEMANDS, {("S2", "D1"): 4_500.0}, ratios=RATIOS)
    kept = optimise(CANDIDATES, SUPPLIES, DEMANDS, {("S2", "D1"): 4_499.0}, ratios=RATIOS)
    assert (hopeless.unprofitable, kept.unprofitable) == (1, 0)
    assert hopeless.objective_vnd == pytest.approx(11_500.0)
    assert kept.objective_vnd == pytest.approx(11_500.0)
    assert kept.built_investments == ()


def test_unknown_quantities_fall_back_to_the_matched_quantity_or_leave_the_candidate_out() -> None:
    # S3 and D3 have no quantity: the first candidate is bounded by its matched 7 t (7 × 50 =
    # 350); the second has nothing to bound it and cannot be weighed; the third has no benefit.
    supplies = {**SUPPLIES, "S3": _stream("S3", Direction.SUPPLY, None)}
    demands = {**DEMANDS, "D3": _stream("D3", Direction.DEMAND, None)}
    candidates = [_candidate("S3", "D3", "R1", 50.0, matched=7.0),
                  _candidate("S3", "D3", "R2", 60.0, matched=None),
                  _candidate("S1", "D1", "R1", 100.0, valued=False)]
    result = optimise(candidates, supplies, demands, ratios=RATIOS)
    assert result.left_out == 2
    assert result.objective_vnd == pytest.approx(350.0)
    assert _by_pair(result) == pytest.approx({("S3", "D3"): 7.0})
    assert result.constraints == ()


def test_an_unknown_supply_only_limits_through_the_demand() -> None:
    # S3 unknown, D1 needs 120 t at ratio 0.5: up to 240 t of S3, 240 × 10 = 2,400 VND.
    supplies = {"S3": _stream("S3", Direction.SUPPLY, None)}
    result = optimise([_candidate("S3", "D1", "R2", 10.0, matched=None)], supplies, DEMANDS,
                      ratios=RATIOS)
    assert result.objective_vnd == pytest.approx(2_400.0)
    assert _report(result, "demand[D1]").shadow_price_vnd_per_unit == pytest.approx(20.0)


def test_no_candidates_is_an_empty_network() -> None:
    result = optimise([], SUPPLIES, DEMANDS, ratios=RATIOS)
    assert (result.status, result.selected, result.objective_vnd) == ("empty", (), 0.0)


def test_it_rejects_a_negative_fixed_cost_and_unknown_streams_or_rules() -> None:
    with pytest.raises(DomainError, match="fixed cost"):
        optimise(CANDIDATES, SUPPLIES, DEMANDS, {("S1", "D1"): -1.0}, ratios=RATIOS)
    with pytest.raises(DomainError, match="S9"):
        optimise([_candidate("S9", "D1", "R1", 1.0)], SUPPLIES, DEMANDS, ratios=RATIOS)
    with pytest.raises(DomainError, match="R7"):
        optimise([_candidate("S1", "D1", "R7", 1.0)], SUPPLIES, DEMANDS, ratios=RATIOS)


def test_a_larger_network_matches_a_greedy_bound_and_respects_every_limit() -> None:
    # Regression: 30 supplies × 30 demands, all pairs, v = (i·7 + j·11) mod 23 − 5, ratio 1.
    supplies = {"S{}".format(i): _stream("S{}".format(i), Direction.SUPPLY, 10.0 + i)
                for i in range(30)}
    demands = {"D{}".format(j): _stream("D{}".format(j), Direction.DEMAND, 15.0 + j % 7)
               for j in range(30)}
    candidates = [_candidate("S{}".format(i), "D{}".format(j), "R1",
                             float((i * 7 + j * 11) % 23 - 5))
                  for i in range(30) for j in range(30)]
    fixed = {("S{}".format(i), "D{}".format(i)): 40.0 for i in range(30)}
    result = optimise(candidates, supplies, demands, fixed, ratios=RATIOS)
    assert result.status == "optimal"
    for report in result.constraints:
        assert report.used <= report.available + 1e-6
    assert all(s.net_vnd > -1e-6 or (s.supply_id[1:] == s.demand_id[1:])
               for s in result.selected)
    # every supply of 10+i t could earn at most 17 VND/t: Σ 17·(10+i) = 17 · 735 = 12,495
    assert 0 < result.objective_vnd <= 12_495.0
    assert result.objective_vnd == pytest.approx(
        sum(s.net_vnd for s in result.selected))


def test_solving_prints_nothing_on_standard_output() -> None:
    # HiGHS prints its licence banner from C++ when a solver object is built (once per process),
    # before output_flag can be set; a fresh process shows whether it reaches file descriptor 1.
    script = ("from tests.core.test_symbiosis_optimise import CANDIDATES, DEMANDS, RATIOS, "
              "SUPPLIES\nfrom openeip.core.symbiosis.optimise import optimise\n"
              "assert optimise(CANDIDATES, SUPPLIES, DEMANDS, ratios=RATIOS).status == 'optimal'")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).resolve().parents[2])
    assert done.stdout == ""


def test_a_direct_reuse_candidate_is_optimised_with_its_shipped_ratio_of_one() -> None:
    # REUSE:fly_ash is no row of the rule file but an implicit rule: ratio 1, so S1's 100 t
    # fill 100 of D1's 120 t; objective 100 t × 100 VND/t
    result = optimise([_candidate("S1", "D1", "REUSE:fly_ash", 100.0)], SUPPLIES, DEMANDS)
    assert result.status == "optimal"
    assert _by_pair(result) == pytest.approx({("S1", "D1"): 100.0})
    assert result.objective_vnd == pytest.approx(10_000.0)
