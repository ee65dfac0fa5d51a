"""Issue 12 §1: compatibility through the class hierarchy (implicit direct-reuse rules, streams
described only by a group) on the fixture taxonomy and rules."""

from __future__ import annotations

import pytest

from openeip.core.symbiosis.match import all_pairs_baseline, match, match_table
from openeip.core.symbiosis.rules import direct_reuse_rules, is_direct_reuse, load_rules
from openeip.core.symbiosis.taxonomy import load_taxonomy
from tests.core.symbiosis_match_fixtures import FACTORS, RULES, TAXONOMY, demand, supply

KW = {"taxonomy": TAXONOMY, "rules": RULES, "factors": FACTORS}


def by_pair(candidates):
    return {(c.supply_id, c.demand_id): c for c in candidates}


def parts(candidate):
    return {p.name: p.value for p in candidate.parts}


def test_the_same_class_on_both_sides_is_direct_reuse_without_a_rule_in_the_file():
    [c] = match([supply("S", "fly_ash", park="P", qty=100.0)],
                [demand("D", "fly_ash", park="P", qty=40.0)], **KW)
    assert c.rule_code == "REUSE:fly_ash"
    # engineering practice, no level between the streams and the rule: 1 × 0.9
    assert parts(c)["class_fit"] == pytest.approx(0.9)
    assert c.matched_quantity == 40.0          # substitution 1:1
    assert "direct reuse: the same resource on both sides" in c.explanation()
    assert "substitution 1:1" in c.explanation()


def test_a_need_described_by_its_group_is_served_by_a_class_below_it():
    found = by_pair(match([supply("S", "fly_ash", park="P")],
                          [demand("ash", "ashes", park="P"), demand("min", "minerals", park="P")],
                          **KW))
    # "ashes" (group) ← fly ash: direct reuse one level up: (1 − 0.1) × 0.9
    assert found["S", "ash"].rule_code == "REUSE:fly_ash"
    assert parts(found["S", "ash"])["class_fit"] == pytest.approx(0.81)
    assert "need described only as the group ashes" in found["S", "ash"].explanation()
    # "minerals" (group) reaches SR-001 (fly ash → cement, below minerals, cited): 1 − 0.1,
    # before SR-002 (ashes → minerals: the supply one level up, engineering practice)
    assert found["S", "min"].rule_code == "SR-001"
    assert parts(found["S", "min"])["class_fit"] == pytest.approx(0.9)


def test_direct_reuse_never_reaches_a_sibling_or_a_class_below():
    assert match([supply("S", "fly_ash", park="P")], [demand("D", "bottom_ash", park="P")],
                 **KW) == []


def test_hazardous_direct_reuse_needs_a_permit():
    [c] = match([supply("S", "used_oils", park="P")], [demand("D", "used_oils", park="P")],
                **KW)
    assert c.rule_code == "REUSE:used_oils"
    assert parts(c)["quality"] == pytest.approx(0.8)
    assert "hazardous-waste permit" in c.explanation()


def test_the_pruned_search_equals_all_pairs_with_implicit_rules(pruned_search):
    supplies = [supply("S{}".format(i), code, park="P{}".format(i % 3), qty=10.0 * (i + 1),
                       lat=10.0 + 0.01 * i, lon=106.0)
                for i, code in enumerate(["fly_ash", "ashes", "bottom_ash", "steam_lp",
                                          "used_oils", "fly_ash", "minerals"])]
    demands = [demand("D{}".format(i), code, park="P{}".format(i % 2), qty=7.0 * (i + 2),
                      lat=10.02 + 0.013 * i, lon=106.01)
               for i, code in enumerate(["fly_ash", "ashes", "minerals", "cement", "steam_lp",
                                         "used_oils", "bottom_ash", "sand"])]
    fast = match_table(supplies, demands, top_k=2, **KW)
    slow = all_pairs_baseline(supplies, demands, top_k=2, **KW)
    assert sorted(zip(fast.supply_index.tolist(), fast.demand_index.tolist(),
                      fast.score.round(12).tolist(), strict=True)) == sorted(
        zip(slow.supply_index.tolist(), slow.demand_index.tolist(),
            slow.score.round(12).tolist(), strict=True))


def test_every_shipped_class_has_a_bilingual_direct_reuse_rule_with_a_permit_when_hazardous():
    taxonomy = load_taxonomy()
    rules = direct_reuse_rules(taxonomy)
    assert len(rules) == len(taxonomy)
    assert all(is_direct_reuse(r) and r.use_en and r.use_vi and r.substitution_ratio == 1.0
               for r in rules)
    for r in rules:
        if any(taxonomy.get(a).hazardous for a in taxonomy.ancestors(r.supply_class)):
            assert r.requires_permit, r.code
    assert load_rules().get("REUSE:steam_mp").supply_class == "steam_mp"
