"""What a user is shown of an opportunity: the brokerage's anonymity rule in one place.

A side of an exchange is **named** to a user who may see that side's company anyway (its own
firm, the park's managers, a granted consultant, an admin — decided by ``Company.objects.for_user``)
or once **both** firms have revealed themselves. Otherwise the user sees only the side's sector,
size band (Decree 80/2021/ND-CP), whether it is in the same park as the other side, the distance
band (also in place of the distance score part's note) and the resource class — never its name,
code, description, quantity or location. While a side is anonymised, the quantities, distance,
score parts and benefit shown are computed from bands only (:mod:`.anonymity`), so nothing
shown lets the other side's quantity, distance or location be worked out.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openeip.core.symbiosis.benefits import DISPOSAL, PURCHASE
from openeip.core.symbiosis.model import PART_LABELS
from openeip.core.symbiosis.scoring import is_weak
from openeip.web.base.labels import sector_label
from openeip.web.registry.models import Company
from openeip.web.symbiosis.models import Opportunity, OpportunityStatus
from openeip.web.symbiosis.services import anonymity
from openeip.web.symbiosis.services.ranking import benefit_group

SIZE_LABELS = {
    "micro": gettext_lazy("micro (≤ 10 staff)"),
    "small": gettext_lazy("small (11–100 staff)"),
    "medium": gettext_lazy("medium (101–200 staff)"),
    "large": gettext_lazy("large (> 200 staff)"),
    "": gettext_lazy("size not given"),
}
def distance_band(km: float | None) -> str:
    band = anonymity.distance_band_of(km)
    return _("distance unknown") if band is None else band[0]


#: what a benefit leaves out when one of its money terms has no price (``Benefit.unpriced``)
UNPRICED_TERMS = {
    PURCHASE: gettext_lazy("the receiver's avoided purchase (no virgin-input price for its "
                           "class)"),
    DISPOSAL: gettext_lazy("the supplier's avoided disposal (no fee for its disposal "
                           "route)"),
}


def unpriced_terms(benefit: dict[str, Any]) -> list[str]:
    """The money terms of a stored benefit that were counted as 0 for want of a price."""
    return [str(term) for term in benefit.get("unpriced") or ()]


def unpriced_note(terms: list[str]) -> str:
    if not terms:
        return ""
    return _("Price unknown, counted as 0: {terms}. The net benefit leaves them out.").format(
        terms="; ".join(str(UNPRICED_TERMS.get(term, term)) for term in terms))


def visible_company_ids(user: Any) -> set[int]:
    return set(Company.objects.for_user(user).values_list("pk", flat=True))


def rule(code: str) -> Any:
    """The rule of the knowledge base, the implicit direct-reuse ones (``REUSE:<class>``)
    included; None for a code the rule book does not know."""
    from openeip.core.symbiosis.rules import load_rules

    try:
        return load_rules().get(code)
    except Exception:  # noqa: BLE001 — a broken rule file must not take the pages down
        return None


def class_name(code: str, language: str) -> str:
    from openeip.core.symbiosis.taxonomy import load_taxonomy

    found = load_taxonomy().classes.get(code) if code else None
    return found.name(language) if found is not None else (code or _("unclassified"))


def use_text(code: str, language: str) -> str:
    found = rule(code)
    if found is None:
        return ""
    return (found.use_vi if language == "vi" and found.use_vi else found.use_en)


def _side(stream: Any, other: Any, named: bool, language: str,
          visible: set[int]) -> dict[str, Any]:
    company = stream.company
    same_park = company.park_id == other.company.park_id
    from openeip.web.symbiosis.services.matching import size_band

    shown: dict[str, Any] = {
        "named": named,
        "sector": sector_label(company.vsic_code, company.vsic_name),
        "size": str(SIZE_LABELS[size_band(company.employees)]),
        "same_park": same_park,
        "class_name": class_name(stream.resource_class, language),
        "resource_class": stream.resource_class,
    }
    if named:
        shown.update({
            "company_id": company.pk, "name": company.name, "code": company.code,
            "park": company.park.name, "description": stream.description,
            "quantity": stream.quantity, "unit": stream.unit,
            "url": (reverse("symbiosis:company", args=[company.pk])
                    if company.pk in visible else ""),
        })
    else:
        shown.update({
            "company_id": None, "name": _("A firm in {sector}, {size}").format(
                sector=shown["sector"], size=shown["size"]),
            "code": "", "park": _("same park") if same_park else _("another park"),
            "description": shown["class_name"], "quantity": None, "unit": stream.unit,
            "url": ""})
    return shown


def parts(opportunity: Opportunity, language: str, exact: bool = True) -> list[dict[str, Any]]:
    """The score parts with their notes in ``language``; unless ``exact``, the distance note
    (which names the kilometres) is replaced by the distance band."""
    key = "note_vi" if language == "vi" else "note_en"
    found = []
    for part in opportunity.parts or []:
        note = part.get(key) or part.get("note_en", "")
        if part["name"] == "distance" and not exact:
            note = distance_band(opportunity.distance_km)
        found.append({"name": part["name"], "label": part_label(part["name"]),
                      "weight": part["weight"], "value": part["value"],
                      "contribution": part["weight"] * part["value"], "note": note})
    return found


#: the score's parts as the core names them (its message ids, in the request's language here),
#: and the parts only the web shows
_PART_LABELS = {
    **{name: gettext_lazy(message) for name, message in PART_LABELS.items()},
    "benefit": gettext_lazy("benefit"),
    "evidence": gettext_lazy("evidence"),
    "hazard": gettext_lazy("hazard"),
}


def part_label(name: str) -> str:
    return str(_PART_LABELS.get(name, name.replace("_", " ")))


def present(opportunity: Opportunity, user: Any, language: str,
            visible: set[int] | None = None) -> dict[str, Any]:
    """Everything a page or the API shows of one opportunity to ``user``."""
    if visible is None:
        visible = visible_company_ids(user)
    supply, demand = opportunity.supply, opportunity.demand
    revealed = opportunity.revealed
    supplier = _side(supply, demand, revealed or supply.company_id in visible, language, visible)
    receiver = _side(demand, supply, revealed or demand.company_id in visible, language, visible)
    exact = supplier["named"] and receiver["named"]
    shown_parts = parts(opportunity, language, exact)
    if exact:
        score, benefit = opportunity.score, dict(opportunity.benefit or {})
        quantity = opportunity.selected_quantity or opportunity.matched_quantity
        placed = covered = None
    else:
        found = rule(opportunity.rule_code)
        shown_parts = anonymity.banded_parts(shown_parts, opportunity, found)
        score = anonymity.banded_score(shown_parts)
        quantity = anonymity.indicative_quantity(opportunity, found, supplier["named"],
                                                 receiver["named"])
        benefit = anonymity.indicative_benefit(opportunity, found, quantity)
        quantity = None if quantity is None else anonymity.two_figures(quantity)
        placed, covered = (anonymity.share_band(share)
                           for share in anonymity.shares(opportunity, found))
    unpriced = unpriced_terms(benefit)
    return {
        "id": opportunity.pk,
        "url": reverse("symbiosis:opportunity", args=[opportunity.pk]),
        "supplier": supplier, "receiver": receiver,
        "resource_class": opportunity.resource_class,
        "class_name": class_name(opportunity.resource_class, language),
        "rule_code": opportunity.rule_code, "use": use_text(opportunity.rule_code, language),
        "score": score, "parts": shown_parts, "indicative": not exact,
        # below it the precision samples found almost no candidate plausible
        "weak": score is not None and bool(is_weak(score)),
        "benefit": benefit, "net_vnd": benefit.get("net_vnd"),
        # the group of the stored estimate, as the lists are ordered (ranking.ranked): only its
        # sign and whether a price is missing, no figure of the hidden side
        "benefit_group": benefit_group(opportunity.benefit),
        "unpriced": unpriced, "price_unknown": bool(unpriced),
        "price_unknown_note": unpriced_note(unpriced),
        "distance_km": opportunity.distance_km if exact else None,
        "distance_band": distance_band(opportunity.distance_km),
        "matched_quantity": opportunity.matched_quantity if exact else None,
        "placed_band": placed[0] if placed else None,
        "covered_band": covered[0] if covered else None,
        "drawn_quantity": quantity, "unit": opportunity.unit,
        "rank_for_supply": opportunity.rank_for_supply,
        "rank_for_demand": opportunity.rank_for_demand,
        "status": opportunity.status,
        "status_label": str(OpportunityStatus(opportunity.status).label),
        "supplier_revealed": opportunity.supplier_revealed,
        "receiver_revealed": opportunity.receiver_revealed,
        "revealed": revealed, "selected": opportunity.selected,
        "selected_quantity": opportunity.selected_quantity if exact else None,
        "current": opportunity.current,
    }


def present_many(opportunities: Any, user: Any, language: str) -> list[dict[str, Any]]:
    visible = visible_company_ids(user)
    return [present(o, user, language, visible) for o in opportunities]


def with_sides(rows: Any) -> Any:
    """The query set with what :func:`present` reads, in one query."""
    return rows.select_related("supply__company__park", "demand__company__park")
