"""Hand-made symbiosis data on the shared two-park world (no matcher involved).

* A1 (alpha) offers 24 t/yr of fly ash;
* A2 (alpha) needs 100 t/yr of clay; B1 (beta) needs 60 t/yr of clay and offers 10 t of fly ash;
* opportunities: A1→A2 (same park, 1.2 km), A1→B1 (cross-park, 35 km), B1→A2 (A1 not a side).

Each benefit is given for its matched quantity, so per tonne: A1→A2 net 100,000 VND, CO2e
0.2 t, waste diverted 1 t.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from openeip.web.symbiosis.models import Opportunity, Stream

PARTS = [
    {"name": "class_fit", "weight": 0.4, "value": 1.0, "note_en": "rule SR-X",
     "note_vi": "quy tắc SR-X"},
    {"name": "distance", "weight": 0.3, "value": 0.5, "note_en": "1.2 km", "note_vi": "1,2 km"},
    {"name": "quantity_fit", "weight": 0.3, "value": 0.8, "note_en": "24 of 100 t",
     "note_vi": "24 trên 100 t"},
]


def benefit(quantity: float, net_per_unit: float) -> dict[str, Any]:
    return {"quantity": quantity, "avoided_purchase_vnd": quantity * net_per_unit,
            "avoided_disposal_vnd": 0.0, "transport_vnd": 0.0, "processing_vnd": 0.0,
            "co2e_avoided_t": quantity * 0.2, "waste_diverted_t": quantity * 1.0,
            "water_saved_m3": 0.0, "energy_recovered_mwh": 0.0, "factor_versions": ["demo"],
            "net_vnd": quantity * net_per_unit, "unpriced": []}


def price_unknown(opportunity: Opportunity) -> None:
    """Store ``opportunity``'s benefit as if no factor priced the receiver's purchase."""
    found = dict(opportunity.benefit)
    found["net_vnd"] -= found["avoided_purchase_vnd"]
    found.update(avoided_purchase_vnd=0.0, unpriced=["avoided_purchase_vnd"])
    Opportunity.objects.filter(pk=opportunity.pk).update(benefit=found)


def stream(company: Any, direction: str, description: str, code: str,
           quantity: float) -> Stream:
    return Stream.objects.create(company=company, direction=direction, description=description,
                                 resource_class=code, classification_confidence=0.9,
                                 decisive_terms=[description.lower()], quantity=quantity,
                                 unit="t")


def opportunity(supply: Stream, demand: Stream, quantity: float, km: float,
                score: float, net_per_unit: float = 100_000.0) -> Opportunity:
    return Opportunity.objects.create(
        supply=supply, demand=demand, rule_code="SR-X", resource_class=supply.resource_class,
        score=score, parts=PARTS, benefit=benefit(quantity, net_per_unit), distance_km=km,
        matched_quantity=quantity, unit="t", rank_for_supply=1, rank_for_demand=1)


def exchanges(world: SimpleNamespace) -> SimpleNamespace:
    a1_ash = stream(world.a1, "supply", "Fly ash from boiler", "fly_ash", 24)
    a2_clay = stream(world.a2, "demand", "Clay", "clay", 100)
    b1_clay = stream(world.b1, "demand", "Clay for bricks", "clay", 60)
    b1_ash = stream(world.b1, "supply", "Boiler ash", "fly_ash", 10)
    return SimpleNamespace(
        a1_ash=a1_ash, a2_clay=a2_clay, b1_clay=b1_clay, b1_ash=b1_ash,
        a1_a2=opportunity(a1_ash, a2_clay, 24, 1.2, 0.82),
        a1_b1=opportunity(a1_ash, b1_clay, 24, 35.0, 0.61),
        b1_a2=opportunity(b1_ash, a2_clay, 10, 35.0, 0.55),
    )
