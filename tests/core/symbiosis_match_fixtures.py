"""A tiny taxonomy, rule book and factor set for the matcher and benefit tests.

Built with the real ``Taxonomy`` and ``RuleBook`` from hand-written classes and rules, so the
expected numbers can be worked out by hand and do not move when the shipped data grows.
"""

from __future__ import annotations

import random

from openeip.core.domain import Direction
from openeip.core.symbiosis.factors import (
    BenefitFactors,
    ClassFactor,
    FateFactor,
    TransportFactor,
)
from openeip.core.symbiosis.model import (
    Family,
    Form,
    ResourceClass,
    Stream,
    SynergyRule,
)
from openeip.core.symbiosis.rules import RuleBook
from openeip.core.symbiosis.taxonomy import Taxonomy

W, B, M, E, H2O = Family.WASTE, Family.BY_PRODUCT, Family.MATERIAL, Family.ENERGY, Family.WATER


def rc(code: str, parent: str, family: Family, form: Form, unit: str = "t", *,
       hazardous: bool = False, ncv: float | None = None,
       density: float | None = None) -> ResourceClass:
    return ResourceClass(code=code, parent=parent, family=family, form=form,
                         hazardous=hazardous, base_unit=unit, name_en=code.replace("_", " "),
                         name_vi="vi " + code, ncv_gj_per_t=ncv, density_t_per_m3=density)


CLASSES = (
    rc("ashes", "", B, Form.SOLID),
    rc("fly_ash", "ashes", B, Form.SOLID),
    rc("bottom_ash", "ashes", B, Form.SOLID),
    rc("minerals", "", M, Form.SOLID),
    rc("cement", "minerals", M, Form.SOLID),
    rc("sand", "minerals", M, Form.SOLID),
    rc("steam_lp", "", E, Form.STEAM, ncv=2.16),
    rc("used_oils", "", W, Form.LIQUID, hazardous=True, ncv=40.0),
    rc("fuel_oil", "", E, Form.LIQUID, ncv=40.4),
    rc("treated_effluent", "", H2O, Form.LIQUID, "m3"),
    rc("process_water", "", H2O, Form.LIQUID, "m3"),
    rc("rice_husk", "", B, Form.SOLID, ncv=14.4),
)
TAXONOMY = Taxonomy(CLASSES)


def rule(code: str, supply: str, demand: str, ratio: float, reach: float, *,
         evidence: str = "engineering_practice", fate: str = "landfill", cost: float = 0.0,
         min_temp: float | None = None, permit: bool = False) -> SynergyRule:
    return SynergyRule(code=code, supply_class=supply, demand_class=demand,
                       kind="by_product_exchange", use_en="use " + code, use_vi="dùng " + code,
                       substitution_ratio=ratio, processing_cost_vnd_per_unit=cost,
                       min_temperature_c=min_temp, requires_permit=permit, avoided_fate=fate,
                       max_distance_km=reach, source="fixture", evidence=evidence)


RULES = RuleBook((
    rule("SR-001", "fly_ash", "cement", 1.0, 300.0, evidence="cited", cost=50_000.0),
    rule("SR-002", "ashes", "minerals", 0.8, 200.0),
    rule("SR-003", "steam_lp", "steam_lp", 1.0, 5.0, fate="", min_temp=120.0),
    rule("SR-004", "used_oils", "fuel_oil", 0.8, 100.0, fate="incineration", permit=True),
    rule("SR-005", "treated_effluent", "process_water", 0.9, 30.0, fate="discharged"),
), TAXONOMY)


def _transport(mode: str, unit: str, per_km: float, handling: float, kg_per_km: float,
               reach: float) -> TransportFactor:
    return TransportFactor(mode, unit, per_km, handling, kg_per_km, 1.3, reach, 0.0, "fixture",
                           "unverified")


FACTORS = BenefitFactors(
    classes={
        "cement": ClassFactor("cement", "t", 1_500_000.0, 0.6, "fixture", "unverified"),
        "minerals": ClassFactor("minerals", "t", 200_000.0, 0.005, "fixture", "unverified"),
        "steam_lp": ClassFactor("steam_lp", "t", 400_000.0, 0.325, "fixture", "unverified"),
        "fuel_oil": ClassFactor("fuel_oil", "t", 17_000_000.0, 3.13, "fixture", "unverified"),
        "process_water": ClassFactor("process_water", "m3", 12_100.0, 0.0004, "fixture",
                                     "unverified"),
    },
    fates={
        ("landfill", ""): FateFactor("landfill", "", "t", 500_000.0, 0.0, "fixture",
                                     "unverified"),
        ("incineration", "used_oils"): FateFactor("incineration", "used_oils", "t",
                                                  5_000_000.0, 3.13, "fixture", "unverified"),
        ("discharged", ""): FateFactor("discharged", "", "m3", 3_000.0, 0.0, "fixture",
                                       "unverified"),
    },
    transport={
        ("road_solid", "t"): _transport("road_solid", "t", 2_500.0, 50_000.0, 0.1, 300.0),
        ("road_liquid", "t"): _transport("road_liquid", "t", 3_000.0, 30_000.0, 0.1, 100.0),
        ("pipe_steam", "t"): _transport("pipe_steam", "t", 1_400.0, 0.0, 0.0, 5.0),
        ("pipe_water", "m3"): _transport("pipe_water", "m3", 60.0, 0.0, 0.0001, 30.0),
    },
    table_versions=("fixture 1",),
)


def stream(id: str, direction: Direction, cls: str, *, company: str = "", park: str = "",
           qty: float | None = None, lat: float | None = None, lon: float | None = None,
           temp: float | None = None, months: frozenset[int] = frozenset(),
           hazardous: bool = False) -> Stream:
    unit = TAXONOMY.classes[cls].base_unit if cls in TAXONOMY.classes else ""
    return Stream(id=id, company=company or "firm " + id, direction=direction,
                  description=cls, resource_class=cls, park=park, quantity=qty, unit=unit,
                  latitude=lat, longitude=lon, hazardous=hazardous, temperature_c=temp,
                  months=months)


def supply(id: str, cls: str, **kw: object) -> Stream:
    return stream(id, Direction.SUPPLY, cls, **kw)  # type: ignore[arg-type]


def demand(id: str, cls: str, **kw: object) -> Stream:
    return stream(id, Direction.DEMAND, cls, **kw)  # type: ignore[arg-type]


def random_streams(seed: int, n: int):
    """n supplies and n demands of the fixture classes in 12 parks, drawn from ``seed``:
    missing coordinates, quantities (None, 0, any) and months included."""
    rng = random.Random(seed)
    parks = [("P{}".format(i), 10.0 + rng.random() * 3, 105.0 + rng.random() * 2)
             for i in range(12)]
    supply_classes = ["fly_ash", "bottom_ash", "steam_lp", "used_oils", "treated_effluent"]
    demand_classes = ["cement", "sand", "steam_lp", "fuel_oil", "process_water"]
    out = []
    for direction, classes, make in (("s", supply_classes, supply),
                                     ("d", demand_classes, demand)):
        for i in range(n):
            park, lat, lon = rng.choice(parks)
            has_xy = rng.random() > 0.1
            out.append(make(
                "{}{}".format(direction, i), rng.choice(classes), park=park,
                company="C{}".format(rng.randrange(n)),
                qty=rng.choice([None, 0.0, rng.uniform(1, 1000), rng.uniform(1, 1000),
                                round(rng.uniform(1, 5)) * 100.0]),
                lat=lat + rng.uniform(-0.02, 0.02) if has_xy else None,
                lon=lon + rng.uniform(-0.02, 0.02) if has_xy else None,
                temp=rng.choice([None, 100.0, 160.0]),
                months=frozenset(rng.sample(range(1, 13), rng.randrange(0, 12)))))
    return out[:n], out[n:]
