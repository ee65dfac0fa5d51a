"""Run the matcher and the network optimiser over stored streams and persist opportunities.

``refresh_matches(park)`` matches every active, classified stream of every park (scope
``region``: same-park and cross-park pairs within each rule's maximum distance), keeps the
candidates with at least one side in ``park`` (all of them when ``park`` is None), chooses the
optimal network among those with :func:`openeip.core.symbiosis.optimise.optimise`, and writes
one :class:`~openeip.web.symbiosis.models.Opportunity` per candidate:

* an existing opportunity keeps its status, reveal flags and realised quantities; its score,
  parts, benefit and ranks are replaced by the new run's;
* an opportunity the run no longer finds is deleted while nobody has acted on it (identified,
  nobody revealed, nothing recorded), else kept with ``current = False``.

Score-part notes are stored in English and Vietnamese (one match table, its candidates built
in each language).
"""

from __future__ import annotations

import time
from dataclasses import asdict
from typing import Any

from django.db import transaction
from django.db.models import Q

from openeip.core.i18n import language as core_language
from openeip.web.registry.models import Park
from openeip.web.symbiosis.models import Opportunity, OpportunityStatus, Stream

LANGUAGES = ("en", "vi")
TOP_K = 10
# Size bands of Decree 80/2021/ND-CP, Art. 5 (industry and construction: micro ≤ 10, small
# ≤ 100, medium ≤ 200 employees with social insurance); above that, large.
SIZE_BANDS = ((10, "micro"), (100, "small"), (200, "medium"))


def size_band(employees: int | None) -> str:
    if employees is None:
        return ""
    for limit, band in SIZE_BANDS:
        if employees <= limit:
            return band
    return "large"


def core_stream(stream: Stream) -> Any:
    """The core :class:`~openeip.core.symbiosis.model.Stream` of a stored one."""
    from openeip.core.symbiosis.model import Direction
    from openeip.core.symbiosis.model import Stream as CoreStream

    company = stream.company
    park = company.park
    latitude = company.latitude if company.latitude is not None else park.latitude
    longitude = company.longitude if company.longitude is not None else park.longitude
    return CoreStream(
        id=str(stream.pk), company=str(company.pk), direction=Direction(stream.direction),
        description=stream.description, resource_class=stream.resource_class, park=park.slug,
        sector=company.vsic_code, quantity=stream.quantity, unit=stream.unit,
        latitude=latitude, longitude=longitude, hazardous=stream.hazardous,
        temperature_c=stream.temperature_c, months=frozenset(stream.months or ()),
        size_band=size_band(company.employees))


def _streams() -> list[Stream]:
    return list(Stream.objects.filter(active=True).exclude(resource_class="")
                .select_related("company__park"))


def _key(candidate: Any) -> tuple[int, int, str]:
    return int(candidate.supply_id), int(candidate.demand_id), candidate.rule_code


def _parts(by_language: dict[str, Any]) -> list[dict[str, Any]]:
    english = by_language["en"]
    vietnamese = by_language.get("vi") or english
    notes_vi = {part.name: part.note for part in vietnamese.parts}
    return [{"name": part.name, "weight": part.weight, "value": part.value,
             "note_en": part.note, "note_vi": notes_vi.get(part.name, part.note)}
            for part in english.parts]


def benefit_json(benefit: Any) -> dict[str, Any]:
    if benefit is None:
        return {}
    found = asdict(benefit)
    found["factor_versions"] = list(found.get("factor_versions") or ())
    found["net_vnd"] = benefit.net_vnd
    return found


def _optimal(candidates: list[Any], streams: dict[str, Any], rules: Any = None
             ) -> tuple[dict[tuple[int, int, str], float], str]:
    """{candidate key: quantity} of the optimal network, and the solver's status."""
    from openeip.core.errors import DomainError
    from openeip.core.symbiosis.optimise import optimise

    usable = [c for c in candidates if c.benefit is not None and c.matched_quantity]
    if not usable:
        return {}, "empty"
    supplies = {c.supply_id: streams[c.supply_id] for c in usable}
    demands = {c.demand_id: streams[c.demand_id] for c in usable}
    try:
        ratios = None if rules is None else {
            r.code: r.substitution_ratio for r in getattr(rules, "rules", rules)}
        result = optimise(usable, supplies, demands, ratios=ratios)
    except DomainError as error:
        return {}, str(error)
    chosen = {(int(s.supply_id), int(s.demand_id), s.rule_code): s.quantity
              for s in result.selected if s.quantity > 0}
    return chosen, str(result.status)


def refresh_matches(park: Park | None = None, *, top_k: int = TOP_K,
                    rules: Any = None) -> dict[str, Any]:
    """Match, optimise and persist; returns counts and timings for the caller to show.

    ``rules`` (a sequence of SynergyRule) replaces the shipped rule book, for tests.
    """
    from openeip.core.symbiosis.match import match_table
    from openeip.core.symbiosis.model import Direction, Scope

    started = time.perf_counter()
    stored = _streams()
    cores = {str(s.pk): core_stream(s) for s in stored}
    park_of = {str(s.pk): s.company.park_id for s in stored}
    supplies = [c for c in cores.values() if c.direction == Direction.SUPPLY]
    demands = [c for c in cores.values() if c.direction == Direction.DEMAND]
    table = match_table(supplies, demands, top_k=top_k, scope=Scope.REGION, rules=rules)
    runs = {}
    for language in LANGUAGES:
        with core_language(language):   # the score parts' notes are core messages
            runs[language] = table.candidates(language)
    matched_at = time.perf_counter()
    by_key: dict[tuple[int, int, str], dict[str, Any]] = {}
    for language, candidates in runs.items():
        for candidate in candidates:
            if park is None or park.pk in (park_of[candidate.supply_id],
                                           park_of[candidate.demand_id]):
                by_key.setdefault(_key(candidate), {})[language] = candidate
    english = [found["en"] for found in by_key.values() if "en" in found]
    chosen, status = _optimal(english, cores, rules)
    optimised_at = time.perf_counter()
    counts = _persist(park, by_key, chosen)
    return {**counts, "streams": len(stored), "candidates": len(by_key),
            "optimiser_status": status, "selected": len(chosen),
            "match_seconds": round(matched_at - started, 3),
            "optimise_seconds": round(optimised_at - matched_at, 3),
            "total_seconds": round(time.perf_counter() - started, 3)}


def touching(park: Park | None) -> Q:
    """Opportunities with a side in ``park`` (all when None)."""
    if park is None:
        return Q()
    return Q(supply__company__park=park) | Q(demand__company__park=park)


@transaction.atomic
def _persist(park: Park | None, by_key: dict[tuple[int, int, str], dict[str, Any]],
             chosen: dict[tuple[int, int, str], float]) -> dict[str, int]:
    existing = {(o.supply_id, o.demand_id, o.rule_code): o
                for o in Opportunity.objects.filter(touching(park)).select_for_update()}
    new: list[Opportunity] = []
    changed: list[Opportunity] = []
    for key, found in by_key.items():
        candidate = found.get("en") or found["vi"]
        opportunity = existing.pop(key, None)
        if opportunity is None:
            opportunity = Opportunity(supply_id=key[0], demand_id=key[1], rule_code=key[2])
            new.append(opportunity)
        else:
            changed.append(opportunity)
        opportunity.resource_class = candidate.resource_class
        opportunity.score = round(float(candidate.score), 6)
        opportunity.parts = _parts(found)
        opportunity.benefit = benefit_json(candidate.benefit)
        opportunity.distance_km = candidate.distance_km
        opportunity.matched_quantity = candidate.matched_quantity
        opportunity.unit = candidate.unit
        opportunity.rank_for_supply = candidate.rank_for_supply
        opportunity.rank_for_demand = candidate.rank_for_demand
        opportunity.selected = key in chosen
        opportunity.selected_quantity = chosen.get(key)
        opportunity.current = True
    Opportunity.objects.bulk_create(new, batch_size=500)
    Opportunity.objects.bulk_update(changed, [
        "resource_class", "score", "parts", "benefit", "distance_km", "matched_quantity", "unit",
        "rank_for_supply", "rank_for_demand", "selected", "selected_quantity", "current"],
        batch_size=500)
    untouched = [o.pk for o in existing.values()
                 if o.status == OpportunityStatus.IDENTIFIED and not o.supplier_revealed
                 and not o.receiver_revealed]
    removed, _detail = (Opportunity.objects.filter(pk__in=untouched)
                        .exclude(records__isnull=False).delete())
    stale = Opportunity.objects.filter(pk__in=[o.pk for o in existing.values()])
    kept = stale.update(current=False, selected=False, selected_quantity=None)
    return {"created": len(new), "updated": len(changed), "removed": removed,
            "kept_not_current": kept}
