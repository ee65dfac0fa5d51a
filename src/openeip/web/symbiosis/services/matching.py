"""Run the matcher and the network optimiser over stored streams and persist opportunities.

``refresh_matches(park)`` matches every active, classified stream of every park (scope
``region``: same-park and cross-park pairs within each rule's maximum distance), keeps the
candidates with at least one side in ``park`` (all of them when ``park`` is None), chooses the
optimal network among those with :func:`openeip.core.symbiosis.optimise.optimise`, and writes
one :class:`~openeip.web.symbiosis.models.Opportunity` per candidate:

* an existing opportunity keeps its status, reveal flags and realised quantities; its score,
  parts, benefit and ranks are replaced by the new run's (rows that did not change are not
  written; see :mod:`~openeip.web.symbiosis.services.persist` for why plain statements);
* an opportunity the run no longer finds is deleted while nobody has acted on it (identified,
  nobody revealed, nothing recorded), else kept with ``current = False``.

Score-part notes are stored in English and Vietnamese (one match table, its candidates built
in each language).
"""

from __future__ import annotations

import time
from dataclasses import fields
from typing import Any

from django.db import transaction
from django.db.models import Q

from openeip.core.i18n import language as core_language
from openeip.web.registry.models import Park
from openeip.web.symbiosis.models import Opportunity, OpportunityStatus, Stream
from openeip.web.symbiosis.services import persist

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
    return [{"name": part.name, "weight": float(part.weight), "value": float(part.value),
             "note_en": part.note, "note_vi": notes_vi.get(part.name, part.note)}
            for part in english.parts]


def _benefit_numbers() -> tuple[str, ...]:
    from openeip.core.symbiosis.model import Benefit

    return tuple(f.name for f in fields(Benefit)
                 if f.name not in ("factor_versions", "unpriced"))


_BENEFIT_NUMBERS = _benefit_numbers()


def benefit_json(benefit: Any) -> dict[str, Any]:
    if benefit is None:
        return {}
    found: dict[str, Any] = {name: float(getattr(benefit, name)) for name in _BENEFIT_NUMBERS}
    found["factor_versions"] = [str(v) for v in benefit.factor_versions or ()]
    found["net_vnd"] = float(benefit.net_vnd)
    # the money terms no factor prices (0 for want of a price, not a real 0)
    found["unpriced"] = [str(term) for term in benefit.unpriced]
    return found


def _optimal(candidates: list[Any], streams: dict[str, Any], rules: Any = None
             ) -> tuple[dict[tuple[int, int, str], float], str]:
    """{candidate key: quantity} of the optimal network, and the solver's status."""
    from openeip.core.errors import DomainError
    from openeip.core.symbiosis.network_costs import pipeline_fixed_costs
    from openeip.core.symbiosis.optimise import optimise

    usable = [c for c in candidates if c.benefit is not None and c.matched_quantity]
    if not usable:
        return {}, "empty"
    supplies = {c.supply_id: streams[c.supply_id] for c in usable}
    demands = {c.demand_id: streams[c.demand_id] for c in usable}
    try:
        ratios = None if rules is None else {
            r.code: r.substitution_ratio for r in getattr(rules, "rules", rules)}
        # pipes (steam, heat, water, gas) are built only where they pay for themselves
        fixed = pipeline_fixed_costs(usable, supplies)
        result = optimise(usable, supplies, demands, fixed, ratios=ratios)
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
    rows = None
    if park is not None:
        # objects (notes, benefits) only for the candidates touching the park, not for the
        # whole region's: the search stays in columns
        import numpy as np

        def inside(streams: list[Any]) -> Any:
            return np.array([park_of[s.id] == park.pk for s in streams], dtype=np.bool_)

        rows = np.flatnonzero(inside(supplies)[table.supply_index]
                              | inside(demands)[table.demand_index])
    runs = {}
    for language in LANGUAGES:
        with core_language(language):   # the score parts' notes are core messages
            runs[language] = table.candidates(language, rows)
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


def touching(park: Park | None, prefix: str = "") -> Q:
    """Opportunities (or, with ``prefix='opportunity__'``, their records) with a side in
    ``park``; all when None. Written with the park's stream ids as a subquery: PostgreSQL plans
    that several times faster than an OR across two joins when ordering a page of thousands."""
    if park is None:
        return Q()
    streams = Stream.objects.filter(company__park=park).values("pk")
    return (Q(**{prefix + "supply_id__in": streams})
            | Q(**{prefix + "demand_id__in": streams}))


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _row(key: tuple[int, int, str], found: dict[str, Any],
         chosen: dict[tuple[int, int, str], float]) -> dict[str, Any]:
    """The stored columns of one candidate (:data:`persist.FIELDS`)."""
    candidate = found.get("en") or found["vi"]
    return {
        "supply_id": key[0], "demand_id": key[1], "rule_code": key[2],
        "resource_class": candidate.resource_class,
        "score": round(float(candidate.score), 6), "parts": _parts(found),
        "benefit": benefit_json(candidate.benefit),
        "distance_km": _float(candidate.distance_km),
        "matched_quantity": _float(candidate.matched_quantity), "unit": candidate.unit,
        "rank_for_supply": int(candidate.rank_for_supply),
        "rank_for_demand": int(candidate.rank_for_demand),
        "selected": key in chosen, "selected_quantity": _float(chosen.get(key)),
        "current": True,
    }


@transaction.atomic
def _persist(park: Park | None, by_key: dict[tuple[int, int, str], dict[str, Any]],
             chosen: dict[tuple[int, int, str], float]) -> dict[str, int]:
    existing = {(row["supply_id"], row["demand_id"], row["rule_code"]): row
                for row in Opportunity.objects.filter(touching(park)).select_for_update()
                .values("id", "supply_id", "demand_id", "rule_code", "status",
                        "supplier_revealed", "receiver_revealed", *persist.FIELDS)}
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    same = 0
    for key, found in by_key.items():
        row = _row(key, found, chosen)
        before = existing.pop(key, None)
        if before is None:
            new.append(row)
        elif any(before[f] != row[f] for f in persist.FIELDS):
            changed.append({**row, "id": before["id"]})
        else:
            same += 1
    persist.insert(new)
    persist.update(changed)
    untouched = [row["id"] for row in existing.values()
                 if row["status"] == OpportunityStatus.IDENTIFIED
                 and not row["supplier_revealed"] and not row["receiver_revealed"]]
    removed, _detail = (Opportunity.objects.filter(pk__in=untouched)
                        .exclude(records__isnull=False).delete())
    stale = Opportunity.objects.filter(pk__in=[row["id"] for row in existing.values()])
    kept = stale.update(current=False, selected=False, selected_quantity=None)
    return {"created": len(new), "updated": len(changed), "unchanged": same,
            "removed": removed, "kept_not_current": kept}
