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

from openeip.web.registry.models import Park
from openeip.web.registry.models.series import factor_settings_for, grid_override_of
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
    from openeip.core.domain import Direction
    from openeip.core.symbiosis.classify import with_readings_of
    from openeip.core.symbiosis.model import Classification
    from openeip.core.symbiosis.model import Stream as CoreStream
    from openeip.core.symbiosis.taxonomy import load_taxonomy

    company = stream.company
    park = company.park
    latitude = company.latitude if company.latitude is not None else park.latitude
    longitude = company.longitude if company.longitude is not None else park.longitude
    core = CoreStream(
        id=str(stream.pk), company=str(company.pk), direction=Direction(stream.direction),
        description=stream.description, resource_class=stream.resource_class, park=park.slug,
        sector=company.vsic_code, quantity=stream.quantity, unit=stream.unit,
        latitude=latitude, longitude=longitude, hazardous=stream.hazardous,
        temperature_c=stream.temperature_c, months=frozenset(stream.months or ()),
        size_band=size_band(company.employees))
    # the classifier's runner-ups, as stored, may read the description other ways
    found = Classification(stream.resource_class, stream.classification_confidence, (),
                           tuple((code, float(confidence))
                                 for code, confidence in stream.alternatives or ()),
                           corrected=stream.confirmed,
                           sector_classes=tuple(stream.sector_classes or ()))
    taxonomy = load_taxonomy()
    return with_readings_of(core, found, taxonomy)


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


def benefit_factors(park: Park | None) -> Any:
    """The benefit factors of the park's factor year (its own setting, else the platform's,
    else this year), with the grid factor set for that year if any; a grid factor of another
    year comes with its notice (``factors.notices``), never silently."""
    from openeip.core.symbiosis.factors import load_factors

    year = factor_settings_for(park).factor_year()
    return load_factors(year, grid_override=grid_override_of(park, year))


def refresh_matches(park: Park | None = None, *, top_k: int = TOP_K,
                    rules: Any = None) -> dict[str, Any]:
    """Match, optimise and persist; returns counts, timings and the factors' notices.

    ``rules`` (a sequence of SynergyRule) replaces the shipped rule book, for tests.
    """
    from openeip.core.domain import Direction
    from openeip.core.symbiosis.model import Scope
    from openeip.core.symbiosis.run import match_and_optimise

    started = time.perf_counter()
    stored = _streams()
    cores = {str(s.pk): core_stream(s) for s in stored}
    park_of = {str(s.pk): s.company.park_id for s in stored}
    run = match_and_optimise(
        [c for c in cores.values() if c.direction == Direction.SUPPLY],
        [c for c in cores.values() if c.direction == Direction.DEMAND],
        top_k=top_k, scope=Scope.REGION, languages=LANGUAGES, rules=rules,
        factors=benefit_factors(park), within=None if park is None else (
            lambda stream: park_of[stream.id] == park.pk))
    by_key: dict[tuple[int, int, str], dict[str, Any]] = {}
    for language, candidates in run.candidates.items():
        for candidate in candidates:
            by_key.setdefault(_key(candidate), {})[language] = candidate
    chosen = {} if run.network is None else {
        (int(s.supply_id), int(s.demand_id), s.rule_code): s.quantity
        for s in run.network.selected if s.quantity > 0}
    status = run.network_problem if run.network is None else str(run.network.status)
    counts = _persist(park, by_key, chosen)
    return {**counts, "streams": len(stored), "candidates": len(by_key),
            "optimiser_status": status, "selected": len(chosen),
            "notices": [notice.as_dict() for notice in run.notices],
            "match_seconds": round(run.match_seconds, 3),
            "optimise_seconds": round(run.optimise_seconds, 3),
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
