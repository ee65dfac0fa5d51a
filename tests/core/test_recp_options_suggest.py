"""Suggestions from hotspots: cause → option, sector filter, ranking exact on a tiny library.

Hand check (hotspot Steam: energy, 1,000,000,000 VND/yr; hotspot Water: water, 200,000,000):
  AAA-01 steam_leaks, energy 10–20 %, low     → Steam: 1e9 × 15 % = 150,000,000
  AAA-02 steam_leaks, energy 0–30 %, medium   → Steam: 1e9 × 15 % = 150,000,000 (after AAA-01: cost)
  AAA-06 no_metering, water 10–10 %, low      → Steam: other resource, no value; Water: 2e8 × 10 %
                                                = 20,000,000 (kept), Steam listed as other hotspot
  AAA-07 poor_insulation, no range, high      → unknown, hotspot 1e9
  AAA-03 water_leaks, no range, no cost       → unknown, hotspot 2e8
  AAA-04 water_leaks, no range, high          → unknown, hotspot 2e8 (after AAA-03: cost)
  AAA-05 steam_leaks, seafood (1020) only     → not for a dyeing company (1313)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import pytest

from openeip.core.errors import DomainError
from openeip.core.i18n import language
from openeip.core.recp import CAUSES, suggest
from openeip.core.recp.options import read_options

HEADER = ("code,category,title_en,title_vi,description_en,description_vi,causes,sectors,resource,"
          "effect_low_pct,effect_high_pct,effect_source,verification,cost_class,source")
ROWS = [
    "AAA-01,good_housekeeping,A,Á,a,á,steam_leaks,all,energy,10,20,recp.md §2 x,secondary,low,t",
    "AAA-02,equipment_modification,B,Bé,b,bé,poor_insulation;steam_leaks,1313,energy,0,30,"
    "recp.md §2 x,unverified,medium,t",
    "AAA-03,good_housekeeping,C,Cá,c,cá,water_leaks,all,water,,,,unverified,no,t",
    "AAA-04,technology_change,D,Đ,d,đ,water_leaks,all,water,,,,unverified,high,t",
    "AAA-05,good_housekeeping,E,Ê,e,ê,steam_leaks,1020,energy,40,60,recp.md §2 x,secondary,no,t",
    "AAA-06,good_housekeeping,F,Ép,f,ép,no_metering,all,water,10,10,recp.md §2 x,secondary,low,t",
    "AAA-07,equipment_modification,G,Gỗ,g,gỗ,poor_insulation,all,energy,,,,unverified,high,t",
]
LIBRARY = read_options("\n".join([HEADER, *ROWS]) + "\n", CAUSES)


@dataclass(frozen=True)
class Loss:
    key: str
    resource: str
    cost_vnd: Decimal | float | int
    causes: Sequence[str]


STEAM = Loss("Steam", "energy", Decimal(1_000_000_000),
             ("steam_leaks", "poor_insulation", "no_metering"))
WATER = Loss("Water", "water", 200_000_000, ("water_leaks", "no_metering"))


def _suggest(*hotspots: Loss, sector: str = "1313", limit: int = 10):
    return suggest(hotspots, sector, limit=limit, library=LIBRARY)


def test_suggestions_are_ranked_by_typical_saving_then_hotspot_then_cost_class():
    ranked = _suggest(STEAM, WATER)
    assert [(s.option.code, s.hotspot, s.causes, s.typical_saving_vnd) for s in ranked] == [
        ("AAA-01", "Steam", ("steam_leaks",), Decimal(150_000_000)),
        ("AAA-02", "Steam", ("steam_leaks", "poor_insulation"), Decimal(150_000_000)),
        ("AAA-06", "Water", ("no_metering",), Decimal(20_000_000)),
        ("AAA-07", "Steam", ("poor_insulation",), None),
        ("AAA-03", "Water", ("water_leaks",), None),
        ("AAA-04", "Water", ("water_leaks",), None),
    ]


def test_an_option_reached_from_two_hotspots_appears_once_and_names_the_other():
    by_code = {s.option.code: s for s in _suggest(STEAM, WATER)}
    assert by_code["AAA-06"].other_hotspots == ("Steam",)
    assert by_code["AAA-01"].other_hotspots == ()


def test_an_option_of_another_sector_is_not_suggested_but_one_of_the_company_sector_is():
    assert "AAA-05" not in {s.option.code for s in _suggest(STEAM)}
    assert "AAA-02" in {s.option.code for s in _suggest(STEAM, sector="13130")}
    seafood = {s.option.code: s for s in _suggest(STEAM, sector="1020")}
    assert "AAA-02" not in seafood
    assert seafood["AAA-05"].typical_saving_vnd == Decimal(500_000_000)


def test_the_limit_keeps_the_best_ranked():
    assert [s.option.code for s in _suggest(STEAM, WATER, limit=3)] == ["AAA-01", "AAA-02",
                                                                         "AAA-06"]


def test_a_range_for_another_resource_gives_no_typical_value_on_that_hotspot():
    only_steam = _suggest(STEAM)
    assert [(s.option.code, s.typical_saving_vnd) for s in only_steam][2] == ("AAA-06", None)


def test_a_cost_given_as_float_gives_the_same_numbers():
    ranked = _suggest(Loss("Steam", "energy", 1e9, STEAM.causes))
    assert ranked[0].typical_saving_vnd == Decimal(150_000_000)


def test_no_cause_in_common_means_no_suggestion():
    assert _suggest(Loss("Ash", "waste", 5_000_000, ("unsegregated_waste",))) == []


def test_the_explanation_names_hotspot_causes_and_says_typical_not_promise():
    first = _suggest(STEAM)[0]
    assert first.why() == (
        "Suggested for the hotspot Steam (Steam leaks and failed steam traps). Typical saving "
        "10–20 % of this resource, about 150,000,000 VND a year on this hotspot: typical, not a "
        "promise; confirm it by measurement."
    )
    with language("vi"):
        assert "Rò rỉ hơi và bẫy hơi hỏng" in first.why()


@pytest.mark.parametrize(
    ("hotspot", "sector", "limit", "field"),
    [
        (Loss("Steam", "energy", -1, ("steam_leaks",)), "1313", 10, "cost_vnd"),
        (Loss("Steam", "energy", float("nan"), ("steam_leaks",)), "1313", 10, "cost_vnd"),
        (Loss("Steam", "energy", 1, ("steam_leak",)), "1313", 10, "causes"),
        (STEAM, "13", 10, "sector_vsic"),
        (STEAM, "1313", 0, "limit"),
    ],
)
def test_bad_input_is_refused_naming_the_field(hotspot, sector, limit, field):
    with pytest.raises(DomainError) as error:
        _suggest(hotspot, sector=sector, limit=limit)
    assert error.value.field == field


def test_the_shipped_library_suggests_condensate_return_for_a_dye_house_steam_hotspot():
    loss = Loss("Steam", "energy", 2_000_000_000, ("no_condensate_return",))
    ranked = suggest([loss], "1313")
    codes = [s.option.code for s in ranked]
    assert codes[0] == "STM-07"  # the only one with a cited range: 0–25 % → 250,000,000 VND
    assert ranked[0].typical_saving_vnd == Decimal(250_000_000)
    assert {"STM-03", "STM-04", "CSH-03", "PAP-05"} & set(codes) == {"STM-03", "STM-04"}
