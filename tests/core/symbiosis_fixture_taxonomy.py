"""A small hand-made taxonomy for the classifier tests (independent of the shipped CSV)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from openeip.core.symbiosis.model import Family, Form, ResourceClass


def rc(code: str, parent: str, family: Family, form: Form, name_en: str, name_vi: str,
       en: tuple[str, ...] = (), vi: tuple[str, ...] = (), unit: str = "t") -> ResourceClass:
    return ResourceClass(code=code, parent=parent, family=family, form=form, hazardous=False,
                         base_unit=unit, name_en=name_en, name_vi=name_vi,
                         synonyms_en=en, synonyms_vi=vi)


W, B, M, E, H2O = Family.WASTE, Family.BY_PRODUCT, Family.MATERIAL, Family.ENERGY, Family.WATER
S, L = Form.SOLID, Form.LIQUID

CLASSES = (
    rc("ash", "", B, S, "Ash", "Tro"),
    rc("fly_ash", "ash", B, S, "Fly ash", "Tro bay", en=("pulverised fuel ash", "PFA")),
    rc("bottom_ash", "ash", B, S, "Bottom ash", "Xỉ đáy lò", en=("boiler slag",),
       vi=("tro đáy",)),
    rc("plastic", "", M, S, "Plastic resin", "Hạt nhựa", en=("plastic",), vi=("nhựa",)),
    rc("plastic_waste", "", W, S, "Waste plastic", "Nhựa phế liệu", en=("plastic scrap",),
       vi=("nhựa thải",)),
    rc("spent_grain", "", B, S, "Brewer's spent grain", "Bã hèm bia", en=("spent grain",),
       vi=("bã hèm",)),
    rc("hot_water", "", E, Form.HEAT, "Hot water", "Nước nóng", unit="MWh"),
    rc("hot_water_lt60", "hot_water", E, Form.HEAT, "Hot water < 60 °C",
       "Nước nóng < 60 °C", unit="MWh"),
    rc("hot_water_60_90", "hot_water", E, Form.HEAT, "Hot water 60–90 °C",
       "Nước nóng 60–90 °C", unit="MWh"),
    rc("process_water", "", H2O, L, "Process water", "Nước cấp sản xuất", unit="m3"),
)


@dataclass(frozen=True)
class FixtureTaxonomy:
    classes: Mapping[str, ResourceClass]


TAXONOMY = FixtureTaxonomy({c.code: c for c in CLASSES})


STEAM_CLASSES = (
    rc("steam", "", E, Form.STEAM, "Steam", "Hơi nước"),
    rc("steam_lp", "steam", E, Form.STEAM, "Low-pressure steam (≤ 5 bar(g))",
       "Hơi nước áp suất thấp (≤ 5 bar)", vi=("hơi thấp áp",)),
    rc("steam_hp", "steam", E, Form.STEAM, "High-pressure steam (> 20 bar(g))",
       "Hơi nước áp suất cao (> 20 bar)", vi=("hơi cao áp",)),
    rc("household_refuse", "", W, S, "Household refuse", "Rác sinh hoạt"),
    rc("used_oil", "", W, L, "Used oil", "Dầu đã qua sử dụng", vi=("dầu nhớt thải",)),
    rc("lube_oil", "", M, L, "Lubricating oil", "Dầu nhớt"),
)
STEAM_TAXONOMY = FixtureTaxonomy({c.code: c for c in STEAM_CLASSES})

HEAT_CLASSES = (
    rc("heat", "", E, Form.HEAT, "Heat", "Nhiệt", unit="MWh"),
    rc("warm_water", "heat", E, Form.HEAT, "Warm water below 60 °C", "Nước ấm dưới 60 °C",
       unit="MWh"),
    rc("hot_water", "heat", E, Form.HEAT, "Hot water 60–90 °C", "Nước nóng 60–90 °C",
       unit="MWh"),
)
HEAT_TAXONOMY = FixtureTaxonomy({c.code: c for c in HEAT_CLASSES})
