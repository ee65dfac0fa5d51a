"""The resource taxonomy loads, answers tree questions exactly, and rejects malformed files."""

from __future__ import annotations

import csv
import re
import unicodedata
from importlib import resources
from pathlib import Path

import pytest

from openeip.core.errors import DomainError, IntakeError
from openeip.core.symbiosis.model import BASE_UNITS, Family, Form, ResourceClass
from openeip.core.symbiosis.rules import RULE_COLUMNS
from openeip.core.symbiosis.taxonomy import (
    CLASS_COLUMNS,
    Taxonomy,
    load_taxonomy,
    parse_taxonomy,
)

HEADER = ",".join(CLASS_COLUMNS)


def row(code, parent="", unit="t", hazardous="no", family="waste", form="solid", extra=""):
    # 18 cells: code,parent,family,form,hazardous,base_unit,name_en,name_vi,synonyms_en,
    # synonyms_vi,ewc,vn,density,ncv,moisture,source,verified,year
    return ",".join([code, parent, family, form, hazardous, unit, code.title(), "Tên " + code,
                     extra, "", "", "", "", "", "", "test", "no", "2026"])


# ash (group) ─┬─ fly_ash
#              └─ slag (group) ── bf_slag
# steam (top leaf)
FIXTURE = "\n".join([
    "# a comment line counts as a line",
    HEADER,
    row("ash"),
    row("fly_ash", "ash", extra="fly ash;pfa"),
    row("slag", "ash"),
    row("bf_slag", "slag"),
    row("steam", unit="t", family="energy", form="steam"),
])


def test_it_reads_the_fixture_into_classes_with_their_fields():
    taxonomy = parse_taxonomy(FIXTURE, "fixture.csv")
    assert len(taxonomy) == 5
    fly_ash = taxonomy.get("fly_ash")
    assert fly_ash.parent == "ash"
    assert fly_ash.family is Family.WASTE and fly_ash.form is Form.SOLID
    assert fly_ash.synonyms_en == ("fly ash", "pfa")
    assert fly_ash.density_t_per_m3 is None and fly_ash.verified is False
    assert [rc.code for rc in taxonomy] == ["ash", "fly_ash", "slag", "bf_slag", "steam"]


def test_descendants_include_the_class_itself_and_every_level_below():
    taxonomy = parse_taxonomy(FIXTURE)
    assert taxonomy.descendants("ash") == {"ash", "fly_ash", "slag", "bf_slag"}
    assert taxonomy.descendants("slag") == {"slag", "bf_slag"}
    assert taxonomy.descendants("bf_slag") == {"bf_slag"}


def test_ancestors_start_with_the_class_and_end_at_the_top_group():
    taxonomy = parse_taxonomy(FIXTURE)
    assert taxonomy.ancestors("bf_slag") == ("bf_slag", "slag", "ash")
    assert taxonomy.ancestors("steam") == ("steam",)
    assert taxonomy.is_a("bf_slag", "ash") and not taxonomy.is_a("ash", "bf_slag")


def test_leaves_are_the_classes_nobody_names_as_parent():
    taxonomy = parse_taxonomy(FIXTURE)
    assert taxonomy.leaves() == {"fly_ash", "bf_slag", "steam"}
    assert taxonomy.children("ash") == ("fly_ash", "slag")


def test_an_unknown_code_is_a_domain_error_naming_it():
    with pytest.raises(DomainError, match="'no_such_class'"):
        parse_taxonomy(FIXTURE).get("no_such_class")


def problems_of(text):
    with pytest.raises(IntakeError) as caught:
        parse_taxonomy(text, "bad.csv")
    return [(p.row, p.column) for p in caught.value.problems], caught.value.problems


def test_it_reports_a_duplicate_code_on_the_second_line_with_the_first_line():
    found, problems = problems_of("\n".join([HEADER, row("ash"), row("ash")]))
    assert found == [(3, "code")]
    assert "line 2" in problems[0].message


def test_it_reports_an_unknown_parent_and_a_bad_base_unit_with_their_lines():
    found, _ = problems_of("\n".join([HEADER, row("ash", "nowhere"), row("steam", unit="kWh")]))
    assert found == [(2, "parent"), (3, "base_unit")]


def test_it_reports_a_cycle_of_parents():
    found, problems = problems_of("\n".join([HEADER, row("aa", "bb"), row("bb", "aa")]))
    assert found == [(2, "parent"), (3, "parent")]
    assert "cycle" in problems[0].message


def test_it_reports_bad_cells_by_line_and_column_and_skips_comment_lines():
    text = "\n".join(["# comment", HEADER, row("Fly-Ash", hazardous="maybe", family="rubbish")])
    found, _ = problems_of(text)
    assert found == [(3, "family"), (3, "hazardous"), (3, "code")]


def test_it_rejects_a_file_whose_header_is_not_the_contract():
    found, _ = problems_of("code,parent\nash,")
    assert found == [(1, None)]


def test_a_taxonomy_built_from_objects_is_checked_too():
    good = ResourceClass("ash", "", Family.WASTE, Form.SOLID, False, "t", "Ash", "Tro")
    orphan = ResourceClass("fly_ash", "nowhere", Family.WASTE, Form.SOLID, False, "t", "", "")
    assert len(Taxonomy([good])) == 1
    with pytest.raises(IntakeError):
        Taxonomy([good, orphan])


# ---------------------------------------------------------------- the shipped file
def test_the_shipped_taxonomy_has_at_least_150_classes_and_every_kind_of_resource():
    taxonomy = load_taxonomy()
    assert len(taxonomy) >= 150
    families = {rc.family for rc in taxonomy}
    assert families == set(Family)
    assert {rc.base_unit for rc in taxonomy} == set(BASE_UNITS)


def test_every_shipped_class_is_bilingual_and_says_where_its_facts_come_from():
    taxonomy = load_taxonomy()
    for rc in taxonomy:
        assert rc.name_en and rc.name_vi and rc.source, rc.code
        assert rc.verified is False, rc.code   # nothing was checked against the primary texts
        if rc.code in taxonomy.leaves():
            assert rc.synonyms_en and rc.synonyms_vi, rc.code
        for code in rc.ewc_codes:
            assert re.fullmatch(r"\d\d \d\d \d\d\*?", code), (rc.code, code)
        for code in rc.vn_codes:
            assert re.fullmatch(r"\d\d \d\d \d\d", code), (rc.code, code)
        if rc.ncv_gj_per_t is not None or rc.density_t_per_m3 is not None:
            assert rc.source != "OpenEIP taxonomy group", rc.code


def test_hazardous_leaves_carry_a_hazardous_waste_code_or_say_none_is_known():
    taxonomy = load_taxonomy()
    for code in taxonomy.leaves():
        rc = taxonomy.get(code)
        if rc.hazardous:
            assert rc.vn_codes or any(c.endswith("*") for c in rc.ewc_codes) \
                or "no waste code" in rc.source, code


def test_steam_is_in_tonnes_and_heat_in_megawatt_hours():
    taxonomy = load_taxonomy()
    assert {taxonomy.get(c).base_unit for c in taxonomy.descendants("steam")} == {"t"}
    assert {taxonomy.get(c).base_unit for c in taxonomy.descendants("heat")} == {"MWh"}
    # latent heat of condensation at 3 bar(a) is 2163 kJ/kg (steam tables)
    assert taxonomy.get("steam_lp").ncv_gj_per_t == 2.16


# ------------------------------------------- every demo-park description has a sensible class
def fold(text):
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def longest_name_match(taxonomy, description):
    """The leaf whose name or synonym is the longest whole-word phrase of the description.

    A stand-in for the classifier: it shows the taxonomy carries the words firms write.
    """
    text = " {} ".format(fold(description))
    best = ("", 0, 0)
    for code in sorted(taxonomy.leaves()):
        rc = taxonomy.get(code)
        for phrase in (rc.name_en, rc.name_vi, *rc.synonyms_en, *rc.synonyms_vi):
            folded = fold(phrase)
            if folded and " {} ".format(folded) in text and len(folded) > best[1]:
                best = (code, len(folded), 1)
            elif folded and " {} ".format(folded) in text and len(folded) == best[1] \
                    and code != best[0]:
                best = (best[0], best[1], best[2] + 1)
    return best[0] if best[2] == 1 else "tie"


DEMO_PARK = {
    "Grey fabric": "fabric_grey", "Dyes and auxiliary chemicals": "dyes_auxiliaries",
    "Grid electricity": "electricity_grid", "Coal for the boiler": "coal_anthracite",
    "Coal bottom ash": "bottom_ash", "Rice husk for the boiler": "rice_husk",
    "Rice husk ash": "rice_husk_ash", "Fuel oil (FO) for the boiler": "fuel_oil",
    "Water from the park network": "process_water",
    "Wastewater to the park treatment plant": "wastewater_industrial",
    "Hazardous wastewater treatment sludge": "sludge_hazardous",
    "Fabric trimmings and yarn waste": "textile_scraps", "Used lubricating oil": "used_lube_oil",
    "Contaminated rags and chemical containers": "contaminated_packaging_rags",
    "Live pangasius": "live_fish", "Diesel for standby generators": "diesel",
    "Fish heads, bones and skin": "fish_residues", "Wastewater treatment sludge": "sludge_bio",
    "Cardboard and plastic packaging waste": "mixed_packaging",
    "Malt and rice adjunct": "cereals_malt", "Brewer's spent grain": "spent_grain",
    "Surplus brewer's yeast": "spent_yeast", "Broken glass": "glass_cullet",
    "Kieselguhr filter sludge": "kieselguhr_sludge", "Recovered paper (OCC)": "recovered_paper",
    "Starch and chemicals": "starch", "Wood chips for the boiler": "wood_chips",
    "Wood ash": "wood_ash", "Paper sludge": "paper_sludge",
    "Pulper rejects (plastics and wire)": "pulper_rejects", "Zinc ingots": "zinc_ingot",
    "Hydrochloric acid (32 %)": "hydrochloric_acid",
    "Flux (zinc ammonium chloride)": "flux_chemicals", "LPG for the zinc kettle": "lpg",
    "Fuel oil (FO) for the zinc kettle": "fuel_oil", "Spent pickling acid": "spent_pickling_acid",
    "Zinc ash": "zinc_ash", "Zinc dross (hard zinc)": "zinc_dross", "Limestone": "limestone",
    "Clay and corrective materials": "clay", "Gypsum": "gypsum",
    "Fly ash and slag additives": "pozzolan_additive", "Coal for the kiln": "kiln_fuel",
    "Cement kiln dust": "cement_kiln_dust", "Used refractory bricks": "used_refractory",
    "Clay": "clay", "Broken and under-fired bricks": "brick_ceramic_rejects",
    "Coal slag": "bottom_ash", "Natural rubber latex (dry rubber)": "natural_rubber",
    "Compounding chemicals and acid": "rubber_chemicals", "Diesel (DO) for the boiler": "diesel",
    "Rubber scraps and rejects": "rubber_scraps", "Raw cashew nuts": "raw_cashew",
    "Cashew shells burned in the boiler": "cashew_shells", "Cashew nut shells": "cashew_shells",
    "Cashew testa (kernel skins)": "cashew_testa", "Boiler ash": "wood_ash",
    "Polypropylene and polyethylene resin": "resin_pp",
    "Masterbatch and additives": "masterbatch", "Diesel for forklifts": "diesel",
    "Plastic runners and rejects": "plastic_production_scrap",
    "Used hydraulic oil": "used_hydraulic_oil",
    "Bare boards and electronic components": "electronic_components",
    "Solder paste and flux": "solder", "Solder dross and flux residues": "solder_dross",
    "Defective boards and components": "weee", "Wheat flour": "flour", "Palm oil": "vegetable_oil",
    "Seasonings and packaging": "sugar_ingredients",
    "Broken noodles and trimmings": "food_processing_residues",
    "Used frying oil": "fats_oils_grease", "Packaging film waste": "waste_pe_film",
    "Raw milk": "raw_milk", "Sugar and milk powder": "sugar_ingredients",
    "LPG for the boiler": "lpg", "Whey and rejected milk": "whey",
}
STREAM_KINDS = {("output", "waste"), ("output", "by_product"), ("output", "wastewater"),
                ("output", "heat"), ("input", "material"), ("input", "energy"),
                ("input", "water")}


def demo_park_descriptions():
    text = (resources.files("openeip.data") / "sector_profiles.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return {r["description"] for r in csv.DictReader(lines)
            if r["item"] == "flow" and (r["direction"], r["kind"]) in STREAM_KINDS}


def test_every_demo_park_stream_description_is_mapped_here():
    assert demo_park_descriptions() == set(DEMO_PARK)


@pytest.mark.parametrize("description", sorted(DEMO_PARK))
def test_the_taxonomy_carries_the_words_of_each_demo_park_stream(description):
    taxonomy = load_taxonomy()
    assert DEMO_PARK[description] in taxonomy.leaves()
    assert longest_name_match(taxonomy, description) == DEMO_PARK[description]


@pytest.mark.parametrize(("description", "expected"), [
    ("Tro bay lò hơi", "fly_ash"), ("xỉ đáy lò than", "bottom_ash"), ("bã hèm bia", "spent_grain"),
    ("Bùn thải trạm xử lý nước thải", "sludge_bio"), ("dầu nhớt thải", "used_lube_oil"),
    ("hơi nước thừa", "steam_lp"), ("vo trau", "rice_husk"), ("Nước ngưng hồi lò", "condensate"),
    ("thùng carton cũ", "waste_cardboard"), ("sắt vụn", "scrap_steel"),
])
def test_the_taxonomy_carries_vietnamese_words_with_or_without_diacritics(description, expected):
    assert longest_name_match(load_taxonomy(), description) == expected


def test_the_data_document_describes_every_column_of_both_files():
    text = (Path(__file__).resolve().parents[2] / "docs" / "symbiosis-data.md").read_text(
        encoding="utf-8")
    for column in (*CLASS_COLUMNS, *RULE_COLUMNS):
        assert "`{}`".format(column) in text, column
