"""The shipped RECP option library and cause list: complete, bilingual, cited, consistent."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from openeip.core import catalogues
from openeip.core.recp import CATEGORIES, CAUSES, causes_for, option_library
from openeip.core.recp.options import cause_catalogue

# The sectors issue 3 §4 names, with the VSIC classes their options are filed under.
SECTORS = {
    "textile dyeing": {"1313"},
    "seafood": {"1020"},
    "food": {"1030", "1050", "1079"},
    "brewery and beverages": {"1103", "1104"},
    "pulp and paper": {"1701"},
    "metal finishing": {"2592"},
    "cement": {"2394"},
    "bricks and ceramics": {"2392"},
    "rubber": {"2211", "2219"},
    "cashew": {"1030"},
    "rice milling": {"1061"},
    "plastics": {"2220"},
}
# Cross-cutting utilities, by the code prefix their options carry in recp_options.csv.
UTILITIES = {"steam": "STM", "boilers": "BLR", "compressed air": "CAR", "motors and drives": "MOT",
             "lighting": "LGT", "cooling": "CLG"}
_VIETNAMESE_LETTER = re.compile("[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.IGNORECASE)


def test_the_library_loads_at_least_150_options():
    assert len(option_library()) >= 150


def test_all_eight_unep_unido_categories_have_options():
    assert len(CATEGORIES) == 8
    assert set(Counter(o.category for o in option_library().values())) == set(CATEGORIES)


@pytest.mark.parametrize("sector", sorted(SECTORS))
def test_every_sector_the_issue_names_has_its_own_options(sector):
    own = [o for o in option_library().values() if SECTORS[sector] & set(o.sectors)]
    assert len(own) >= 5, sector


@pytest.mark.parametrize("utility", sorted(UTILITIES))
def test_every_cross_cutting_utility_has_options_for_all_sectors(utility):
    own = [o for o in option_library().values() if o.code.startswith(UTILITIES[utility] + "-")]
    assert len(own) >= 5, utility
    assert all(o.cross_cutting for o in own)


def test_every_option_has_vietnamese_title_and_description():
    for option in option_library().values():
        for label in (option.title, option.description):
            assert label.vi and label.vi != label.en, option.code
            assert _VIETNAMESE_LETTER.search(label.vi), option.code


def test_every_cause_is_addressed_by_at_least_one_option():
    used = {code for option in option_library().values() for code in option.causes}
    assert set(CAUSES) - used == set()


def test_every_cause_is_labelled_in_both_languages_and_names_a_resource():
    for cause in CAUSES.values():
        assert cause.label.en and _VIETNAMESE_LETTER.search(cause.label.vi), cause.code
        assert cause.resource == "any" or cause.resource in catalogues.flow_kinds(), cause.code


def test_every_option_says_where_it_comes_from():
    for option in option_library().values():
        assert option.source.strip(), option.code


def test_every_effect_range_cites_recp_md_and_is_never_marked_primary():
    with_effect = [o for o in option_library().values() if o.effect is not None]
    assert len(with_effect) == 20
    for option in with_effect:
        assert option.effect is not None
        assert "recp.md §2." in option.effect.source, option.code
        assert option.effect.verification in {"secondary", "unverified"}, option.code
        assert option.resource != "any", option.code


def test_the_counter_current_rinsing_range_is_the_one_recp_md_gives():
    effect = option_library()["MET-02"].effect
    assert effect is not None
    assert (effect.low_pct, effect.high_pct, effect.midpoint_pct) == (50, 90, 70)
    assert effect.verification == "unverified"


def test_an_option_for_all_sectors_applies_to_any_vsic_class_and_a_sector_option_only_to_its_own():
    library = option_library()
    assert library["STM-01"].applies_to("2610")
    assert library["TEX-05"].applies_to("1313") and library["TEX-05"].applies_to("13130")
    assert not library["TEX-05"].applies_to("1020")


def test_rice_milling_is_a_known_sector():
    assert catalogues.vsic_sectors()["1061"].verification == "unverified"


def test_causes_for_a_resource_include_the_general_management_causes_on_request():
    water = causes_for("water")
    assert water[:5] == ("water_leaks", "rinsing_overuse", "cleaning_overuse", "no_water_reuse",
                         "high_liquor_ratio")
    assert "no_metering" in water and "steam_leaks" not in water
    assert "no_metering" not in causes_for("water", include_general=False)


def test_there_is_one_cause_list_shared_with_the_hotspot_engine():
    assert CAUSES is cause_catalogue()


def test_the_library_handed_out_is_a_copy_so_callers_cannot_change_the_shared_one():
    mine = option_library()
    mine.pop("STM-01")
    assert "STM-01" in option_library()
