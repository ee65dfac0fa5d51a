"""What an opportunity shows while one of its sides is anonymised: bands, and figures computed
from the bands only.

Before both firms reveal themselves, a user who may see only one side must not be able to work
out the other side's yearly quantity, the road distance, its location or the transport cost —
not even with the published formulas (score parts, benefit factors). So every number such a
user is shown is computed from three things only:

* the **bands**: the share of the supply placed and of the need covered (:data:`SHARE_BANDS`)
  and the distance band (:data:`DISTANCE_BANDS`), each replaced by its representative value;
* the viewer's **own** stream (its quantity);
* **public** data: the taxonomy, the synergy rule, the score weights and the benefit factors.

The distance, quantity-fit and timing parts are recomputed at the band representatives, the score
is the weighted mean of the parts shown, and the benefit is the core's per-unit benefit at the
representative quantity and distance, rounded to two significant figures. Two counterparts in
the same bands therefore give the same page and the same API answer, byte for byte
(``tests/web/test_symbiosis_anonymity.py`` checks exactly that). What a park's managers see of
their own park, and everything after both firms reveal, stays exact.
"""

from __future__ import annotations

import math
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: (upper bound, label, representative) of the shares of a stream an exchange takes
SHARE_BANDS = ((0.10, "< 10 %", 0.05), (0.25, "10–25 %", 0.175), (0.50, "25–50 %", 0.375),
               (0.75, "50–75 %", 0.625), (1.0, "75–100 %", 0.875))
FULL_SHARE = ("100 %", 1.0)
#: (upper bound km, label, representative km) of the distance bands shown instead of a location
DISTANCE_BANDS = ((1.0, "< 1 km", 0.5), (5.0, "1–5 km", 3.0), (20.0, "5–20 km", 12.5),
                  (50.0, "20–50 km", 35.0), (100.0, "50–100 km", 75.0))
BEYOND = ("> 100 km", 150.0)
#: (lower bound of months in common ÷ months in either, representative) of the timing bands
TIMING_BANDS = ((1.0, 1.0), (0.5, 0.75), (1e-9, 0.25), (0.0, 0.0))
_TIMING_NOTES = {
    1.0: gettext_lazy("available in the same months"),
    0.75: gettext_lazy("most months in common"),
    0.25: gettext_lazy("a few months in common"),
    0.0: gettext_lazy("no month in common: the supply must be stored"),
}


def share_band(share: float | None) -> tuple[str, float] | None:
    """(label, representative) of a share in [0, 1]; None when unknown."""
    if share is None or not math.isfinite(share):
        return None
    if share >= 1.0 - 1e-9:
        return FULL_SHARE
    for limit, label, representative in SHARE_BANDS:
        if share < limit:
            return label, representative
    return FULL_SHARE


def distance_band_of(km: float | None) -> tuple[str, float] | None:
    """(label, representative km) of a road distance; None when unknown."""
    if km is None:
        return None
    for limit, label, representative in DISTANCE_BANDS:
        if km < limit:
            return label, representative
    return BEYOND


def _ratio(rule: Any) -> float:
    return float(rule.substitution_ratio) if rule is not None else 1.0


def shares(opportunity: Any, rule: Any) -> tuple[float | None, float | None]:
    """(share of the supply placed, share of the need covered) by the matched quantity."""
    matched = opportunity.matched_quantity
    supplied, needed = opportunity.supply.quantity, opportunity.demand.quantity
    if matched is None:
        return None, None
    placed = matched / supplied if supplied else None
    covered = matched * _ratio(rule) / needed if needed else None
    return placed, covered


def indicative_quantity(opportunity: Any, rule: Any, supplier_named: bool,
                        receiver_named: bool) -> float | None:
    """The matched quantity (supply units per year) as far as the bands and the named side's own
    quantity tell; None when they do not."""
    placed, covered = (share_band(s) for s in shares(opportunity, rule))
    if supplier_named and placed is not None and opportunity.supply.quantity:
        return placed[1] * float(opportunity.supply.quantity)
    if receiver_named and covered is not None and opportunity.demand.quantity:
        return covered[1] * float(opportunity.demand.quantity) / _ratio(rule)
    return None


def _distance_part(part: dict[str, Any], opportunity: Any, rule: Any) -> tuple[Any, str]:
    band = distance_band_of(opportunity.distance_km)
    if band is None:   # unknown distance: the stored neutral value says nothing hidden
        return part["value"], part["note"]
    if rule is None:
        return None, band[0]
    from openeip.core.symbiosis.scoring import distance_value

    return float(distance_value(band[1], float(rule.max_distance_km))), band[0]


def _quantity_part(part: dict[str, Any], opportunity: Any, rule: Any) -> tuple[Any, str]:
    placed, covered = shares(opportunity, rule)
    if not (opportunity.supply.quantity and opportunity.demand.quantity) or (
            placed is None or covered is None):
        return part["value"], part["note"]   # a quantity unknown or zero: nothing to band
    placed_band, covered_band = share_band(placed), share_band(covered)
    assert placed_band is not None and covered_band is not None
    return ((placed_band[1] + covered_band[1]) / 2,
            _("places {placed} of the supply and covers {covered} of the need").format(
                placed=placed_band[0], covered=covered_band[0]))


def _timing_part(part: dict[str, Any]) -> tuple[Any, str]:
    for lower, representative in TIMING_BANDS:
        if float(part["value"]) >= lower:
            return representative, str(_TIMING_NOTES[representative])
    return 0.0, str(_TIMING_NOTES[0.0])


def _quality_part(part: dict[str, Any], opportunity: Any, rule: Any) -> tuple[Any, str]:
    """The stored value (it tells only whether the temperature is known and the hazard, both
    shown anyway); the note without the supply's temperature."""
    from openeip.core.symbiosis.taxonomy import load_taxonomy

    notes = []
    supply = opportunity.supply
    if rule is not None and rule.min_temperature_c is not None:
        minimum = "{:g}".format(rule.min_temperature_c)
        if supply.temperature_c is None:
            notes.append(_("temperature unknown; the rule needs at least {minimum} °C").format(
                minimum=minimum))
        else:
            notes.append(_("the temperature meets the minimum of {minimum} °C").format(
                minimum=minimum))
    found = load_taxonomy().classes.get(supply.resource_class)
    if supply.hazardous or (rule is not None and rule.requires_permit) or (
            found is not None and found.hazardous):
        notes.append(_("hazardous: the receiver needs a hazardous-waste permit"))
    return part["value"], "; ".join(notes)


def banded_parts(exact_parts: list[dict[str, Any]], opportunity: Any,
                 rule: Any) -> list[dict[str, Any]]:
    """The score parts with every value and note that could betray a hidden figure replaced by
    its band's (see the module doc); the others as stored."""
    shown = []
    for part in exact_parts:
        value, note = part["value"], part["note"]
        if part["name"] == "distance":
            value, note = _distance_part(part, opportunity, rule)
        elif part["name"] == "quantity_fit":
            value, note = _quantity_part(part, opportunity, rule)
        elif part["name"] == "timing":
            value, note = _timing_part(part)
        elif part["name"] == "quality":
            value, note = _quality_part(part, opportunity, rule)
        shown.append({**part, "value": value, "note": note,
                      "contribution": None if value is None else part["weight"] * value})
    return shown


def banded_score(parts: list[dict[str, Any]]) -> float:
    """The weighted mean of the parts shown (those with a value)."""
    known = [p for p in parts if p["value"] is not None]
    total = sum(p["weight"] for p in known)
    return round(sum(p["weight"] * p["value"] for p in known) / total, 6) if total else 0.0


def two_figures(value: float) -> float:
    if value == 0 or not math.isfinite(value):
        return 0.0
    return round(value, 1 - int(math.floor(math.log10(abs(value)))))


def indicative_benefit(opportunity: Any, rule: Any, quantity: float | None) -> dict[str, Any]:
    """The yearly benefit of ``quantity`` sent over the distance band's representative, from the
    core's per-unit benefit; {} when the quantity or the rule is unknown."""
    if quantity is None or rule is None:
        return {}
    from openeip.core.errors import DomainError
    from openeip.core.symbiosis.benefits import unit_benefit
    from openeip.core.symbiosis.factors import load_factors
    from openeip.core.symbiosis.taxonomy import load_taxonomy
    from openeip.web.symbiosis.services.matching import benefit_json

    band = distance_band_of(opportunity.distance_km)
    try:
        per_unit = unit_benefit(opportunity.supply.resource_class,
                                opportunity.demand.resource_class, rule, load_factors(),
                                load_taxonomy())
    except (DomainError, KeyError):
        return {}
    found = benefit_json(per_unit.at(quantity, band[1] if band else None))
    for key, value in found.items():
        if isinstance(value, float):
            found[key] = two_figures(value)
    found["indicative"] = True
    return found
