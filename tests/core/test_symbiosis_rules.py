"""The synergy knowledge base loads, indexes rules by class exactly, and rejects bad rules."""

from __future__ import annotations

import re

import pytest

from openeip.core.errors import DomainError, IntakeError
from openeip.core.symbiosis.rules import RULE_COLUMNS, load_rules, parse_rules
from openeip.core.symbiosis.taxonomy import CLASS_COLUMNS, load_taxonomy, parse_taxonomy


def class_row(code, parent="", hazardous="no", unit="t"):
    return ",".join([code, parent, "waste", "solid", hazardous, unit, code, code, "", "", "", "",
                     "", "", "", "test", "no", "2026"])


# ash ─┬─ fly_ash          materials ─┬─ clay
#      └─ bottom_ash                  └─ cement
# used_oil (hazardous), fuel_oil
TAXONOMY = parse_taxonomy("\n".join([
    ",".join(CLASS_COLUMNS),
    class_row("ash"), class_row("fly_ash", "ash"), class_row("bottom_ash", "ash"),
    class_row("materials"), class_row("clay", "materials"), class_row("cement", "materials"),
    class_row("used_oil", hazardous="yes"), class_row("fuel_oil"),
]))


def rule_row(code, supply, demand, ratio="1", evidence="cited", permit="no", fate="landfill",
             source="Example (2000)", kind="by_product_exchange", distance="100"):
    return ",".join([code, supply, demand, kind, "use", "dùng", ratio, "", "", "20000", "", "",
                     "", permit, fate, distance, source, evidence, "2026"])


HEADER = ",".join(RULE_COLUMNS)
RULES = "\n".join([
    "# comment",
    HEADER,
    rule_row("SR-001", "ash", "clay", ratio="0.7"),          # group supply
    rule_row("SR-002", "fly_ash", "cement"),                  # leaf supply
    rule_row("SR-003", "fly_ash", "materials", ratio="0.5"),  # group demand
    rule_row("SR-004", "used_oil", "fuel_oil", ratio="0.8", permit="yes", fate="treatment"),
])


def test_it_reads_rules_with_their_numbers():
    book = parse_rules(RULES, TAXONOMY, "fixture.csv")
    assert len(book) == 4
    rule = book.get("SR-001")
    assert rule.substitution_ratio == 0.7 and rule.processing_cost_vnd_per_unit == 20000
    assert rule.min_temperature_c is None and rule.max_distance_km == 100
    assert book.get("SR-004").requires_permit is True


def test_for_supply_finds_the_class_rules_first_then_its_groups():
    book = parse_rules(RULES, TAXONOMY)
    assert [r.code for r in book.for_supply("fly_ash")] == ["SR-002", "SR-003", "SR-001"]
    assert [r.code for r in book.for_supply("bottom_ash")] == ["SR-001"]
    assert book.for_supply("clay") == ()


def test_for_demand_walks_the_demand_class_ancestors():
    book = parse_rules(RULES, TAXONOMY)
    assert [r.code for r in book.for_demand("clay")] == ["SR-001", "SR-003"]
    assert [r.code for r in book.for_demand("cement")] == ["SR-002", "SR-003"]


def test_for_pair_keeps_the_rules_that_connect_both_classes():
    book = parse_rules(RULES, TAXONOMY)
    assert [r.code for r in book.for_pair("fly_ash", "clay")] == ["SR-003", "SR-001"]
    assert [r.code for r in book.for_pair("bottom_ash", "cement")] == []


def test_demand_classes_for_gives_every_reachable_leaf():
    book = parse_rules(RULES, TAXONOMY)
    assert book.demand_classes_for("fly_ash") == {"clay", "cement"}
    assert book.demand_classes_for("bottom_ash") == {"clay"}
    assert book.demand_classes_for("used_oil") == {"fuel_oil"}
    assert book.demand_classes_for("cement") == frozenset()


def test_an_unknown_rule_code_is_a_domain_error():
    with pytest.raises(DomainError, match="SR-999"):
        parse_rules(RULES, TAXONOMY).get("SR-999")


def problems_of(*rows):
    with pytest.raises(IntakeError) as caught:
        parse_rules("\n".join([HEADER, *rows]), TAXONOMY, "bad.csv")
    return [(p.row, p.column) for p in caught.value.problems]


def test_it_reports_an_unknown_class_a_zero_ratio_and_a_bad_evidence_value():
    assert problems_of(
        rule_row("SR-001", "fly_ash", "nowhere"),
        rule_row("SR-002", "fly_ash", "clay", ratio="0"),
        rule_row("SR-003", "fly_ash", "clay", evidence="hearsay"),
    ) == [(2, "demand_class"), (3, "substitution_ratio"), (4, "evidence")]


def test_it_demands_a_permit_for_hazardous_supplies_and_a_known_fate():
    assert problems_of(
        rule_row("SR-001", "used_oil", "fuel_oil", permit="no"),
        rule_row("SR-002", "fly_ash", "clay", fate="buried"),
    ) == [(2, "requires_permit"), (3, "avoided_fate")]


def test_it_reports_duplicate_codes_bad_codes_kinds_distances_and_missing_sources():
    assert problems_of(
        rule_row("SR-001", "fly_ash", "clay"),
        rule_row("SR-001", "fly_ash", "clay"),
        rule_row("R1", "fly_ash", "clay", kind="swap", distance="0", source=""),
    ) == [(3, "code"), (4, "code"), (4, "kind"), (4, "max_distance_km"), (4, "source")]


# ---------------------------------------------------------------- the shipped knowledge base
def test_the_shipped_rule_book_has_at_least_200_rules_of_every_kind():
    book = load_rules()
    assert len(book) >= 200
    assert {r.kind for r in book} == {"by_product_exchange", "utility_sharing", "joint_service"}
    assert load_rules() is book   # cached


def test_every_shipped_rule_is_bilingual_and_cited_rules_name_a_dated_reference():
    for rule in load_rules():
        assert rule.use_en and rule.use_vi, rule.code
        assert bool(rule.processing_en) == bool(rule.processing_vi), rule.code
        assert bool(rule.conditions_en) == bool(rule.conditions_vi), rule.code
        if rule.evidence == "cited":
            assert re.search(r"\(\d{4}\)|\b\d{4}\b|ASTM [A-Z]\d+|EN \d+|Decree \d+/\d{4}|"
                             r"documented_exchanges\.csv", rule.source), rule.code
        else:
            assert "engineering practice" in rule.source, rule.code


def test_steam_and_heat_travel_at_most_five_kilometres():
    book, taxonomy = load_rules(), load_taxonomy()
    for rule in book:
        form = taxonomy.get(rule.supply_class).form.value
        if form in ("steam", "heat"):
            assert rule.max_distance_km <= 5, rule.code


def test_hazardous_supplies_always_need_a_permit():
    book, taxonomy = load_rules(), load_taxonomy()
    for rule in book:
        for code in taxonomy.descendants(rule.supply_class):
            if taxonomy.get(code).hazardous and rule.supply_class == code:
                assert rule.requires_permit, rule.code


def test_steam_replacing_boiler_fuel_is_worked_out_from_the_enthalpy():
    book = load_rules()
    (rule,) = [r for r in book.for_pair("steam_lp", "fuel_oil") if r.supply_class == "steam"]
    # 2.65 GJ per t of steam / (0.85 boiler efficiency × 40.4 GJ/t) = 0.0772 t FO per t steam
    assert rule.substitution_ratio == 0.077
    (rule,) = [r for r in book.for_pair("rice_husk", "coal_anthracite")
               if r.demand_class == "coal"]
    # NCV 11.6 / 25.8 GJ/t = 0.4496
    assert rule.substitution_ratio == 0.45


# the demo park's supplies must reach its demands
@pytest.mark.parametrize(("supply", "demand"), [
    ("bottom_ash", "clay"), ("bottom_ash", "pozzolan_additive"),
    ("rice_husk_ash", "pozzolan_additive"),
    ("wood_ash", "clay"), ("paper_sludge", "clay"), ("paper_sludge", "coal_bituminous"),
    ("pulper_rejects", "kiln_fuel"), ("kieselguhr_sludge", "clay"),
    ("used_lube_oil", "fuel_oil"), ("used_hydraulic_oil", "kiln_fuel"),
    ("mixed_packaging", "recovered_paper"), ("waste_pe_film", "resin_pe"),
    ("plastic_production_scrap", "resin_pp"), ("zinc_dross", "zinc_ingot"),
    ("zinc_ash", "zinc_ingot"), ("zinc_ash", "rubber_chemicals"),
    ("spent_pickling_acid", "hydrochloric_acid"), ("cement_kiln_dust", "limestone"),
    ("used_refractory", "clay"), ("brick_ceramic_rejects", "clay"),
    ("cashew_shells", "coal_anthracite"), ("cashew_shells", "fuel_oil"),
    ("rice_husk", "rice_husk"), ("treated_effluent", "process_water"),
    ("wastewater_industrial", "shared_wwtp"), ("sludge_hazardous", "kiln_fuel"),
    ("contaminated_packaging_rags", "kiln_fuel"), ("textile_scraps", "fabric_grey"),
    ("rubber_scraps", "natural_rubber"), ("solder_dross", "solder"),
    ("fats_oils_grease", "diesel"), ("fish_residues", "fishmeal"),
    ("spent_grain", "animal_feed"), ("spent_yeast", "animal_feed"), ("whey", "animal_feed"),
    ("food_processing_residues", "animal_feed"), ("sludge_bio", "organic_fertiliser"),
    ("glass_cullet", "glass_batch"), ("weee", "copper_metal"),
])
def test_demo_park_supplies_reach_demo_park_demands(supply, demand):
    book = load_rules()
    assert demand in book.demand_classes_for(supply)
    assert book.for_pair(supply, demand)


def test_every_class_a_rule_covers_shares_one_base_unit_so_the_ratio_means_one_thing():
    book, taxonomy = load_rules(), load_taxonomy()
    for rule in book:
        for side in (rule.supply_class, rule.demand_class):
            units = {taxonomy.get(code).base_unit for code in taxonomy.descendants(side)}
            assert len(units) == 1, (rule.code, side, units)


@pytest.mark.parametrize(("code", "supply", "demand"), [
    ("SR-001", "fly_ash", "pozzolan_additive"), ("SR-021", "fgd_gypsum", "gypsum"),
    ("SR-065", "spent_grain", "animal_feed"), ("SR-332", "steam", "steam"),
    ("SR-334", "fuel_gases", "lpg"), ("SR-346", "fuel_gases", "natural_gas"),
])
def test_rule_codes_keep_their_meaning_because_opportunities_store_them(code, supply, demand):
    rule = load_rules().get(code)
    assert (rule.supply_class, rule.demand_class) == (supply, demand)


def test_hazardous_waste_is_burned_only_in_kilns_never_in_an_ordinary_boiler():
    book, taxonomy = load_rules(), load_taxonomy()
    boiler_coal = taxonomy.descendants("coal")
    for rule in book:
        if any(taxonomy.get(c).hazardous for c in taxonomy.ancestors(rule.supply_class)):
            assert rule.demand_class not in boiler_coal, rule.code
    assert "kiln_fuel" not in boiler_coal


def test_retired_rule_codes_stay_unused():
    book = load_rules()
    codes = [rule.code for rule in book]
    with pytest.raises(DomainError):
        book.get("SR-179")   # solder dross is recovered for metal, never burned in a kiln
    assert codes == sorted(codes)   # new rules are appended, never slotted in
