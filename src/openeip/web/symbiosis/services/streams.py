"""A company's offers and needs, built from its resource flows and classified.

Which flows become streams:

* outputs of kind waste, by_product, heat or wastewater → **supplies** (offers);
* inputs of kind material, energy or water → **demands** (needs).

Quantities are the yearly totals of the latest year with data: the latest *full* year (a
whole-year record, or all twelve months) when there is one, else the latest year's months scaled
to twelve (``total × 12 / months with data``). They are converted to the class's base unit
(t, m3 or MWh) by :func:`openeip.core.symbiosis.stream_quantities.in_class_unit` (density,
net calorific value); when the class gives no way to convert, the quantity is left unknown (the
matcher treats an unknown quantity as neutral).

Each description is classified by the core classifier with the shared corrections
(:class:`~openeip.web.symbiosis.models.ClassificationCorrection` with no company and no park),
then the company's park's corrections and the company's own, which win in that order; another
company's corrections never apply. A stream whose class a person confirmed keeps it. Streams
built from flows that no longer exist are deactivated, never deleted
(opportunities in progress refer to them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Q

from openeip.web.registry.models import Company, ResourceFlow
from openeip.web.symbiosis.models import ClassificationCorrection, Stream, StreamDirection

SUPPLY_KINDS = ("waste", "by_product", "heat", "wastewater")
DEMAND_KINDS = ("material", "energy", "water")
_FLOW_BASE = {"t": "t", "m**3": "m3", "m3": "m3", "MWh": "MWh"}


def corrections() -> dict[str, str]:
    """{normalised text: class code} of the shared corrections (promoted by a curator)."""
    return dict(_shared().values_list("normalised_text", "resource_class"))


def _shared() -> Any:
    return ClassificationCorrection.objects.filter(company__isnull=True, park__isnull=True)


def scoped_corrections(company: Company) -> dict[str, str]:
    """{normalised text: class code} of the park's corrections, overridden by the company's."""
    rows = ClassificationCorrection.objects.filter(
        Q(company=company) | Q(company__isnull=True, park_id=company.park_id))
    found: dict[str, str] = {}
    for text, code, _own in sorted(rows.values_list("normalised_text", "resource_class",
                                                   "company_id"),
                                  key=lambda row: row[2] is not None):
        found[text] = code
    return found


_CLASSIFIER: dict[str, Any] = {}


def classifier() -> Any:
    """The core classifier with the shared corrections.

    Building its index takes a noticeable fraction of a second, so one is kept per process and
    rebuilt only when the corrections change (their count or latest time differs).
    """
    from openeip.core.symbiosis.classify import Classifier

    state = _shared().aggregate(n=Count("pk"), latest=Max("at"))
    key = "{}|{}".format(state["n"], state["latest"])
    if _CLASSIFIER.get("key") != key:
        _CLASSIFIER.update(key=key, classifier=Classifier(corrections=corrections()))
    return _CLASSIFIER["classifier"]


def classify_texts(texts: Iterable[str], direction: str,
                   company: Company | None = None) -> dict[str, Any]:
    """{text: Classification} for distinct ``texts`` of one direction; with ``company``, its
    sector (VSIC code and name) backs off weak readings and its park's and its own corrections
    decide the words they name."""
    from openeip.core.domain import Direction
    from openeip.core.symbiosis.classify import normalise
    from openeip.core.symbiosis.model import Classification

    distinct = sorted(set(texts))
    if not distinct:
        return {}
    sector = "" if company is None else "{} {}".format(company.vsic_code, company.vsic_name)
    found = dict(zip(distinct, classifier().classify_many(
        distinct, Direction(direction), [sector] * len(distinct)), strict=True))
    scoped = scoped_corrections(company) if company is not None else {}
    for text in distinct if scoped else ():
        code = scoped.get(str(normalise(text))[:250])
        if code is not None:
            found[text] = Classification(code, 1.0, (), (), corrected=True)
    return found


def _year_totals(company: Company) -> tuple[int | None, dict[tuple[str, str], dict[str, Any]]]:
    """(year, {(direction, description): totals}) of the company's latest year with flows."""
    flows = ResourceFlow.objects.filter(company=company, kind__in=SUPPLY_KINDS + DEMAND_KINDS)
    latest = flows.aggregate(year=Max("period__year"))["year"]
    if latest is None:
        return None, {}
    rows = list(flows.filter(period__year=latest).order_by("period__month", "pk").values(
        "pk", "period__month", "direction", "kind", "description", "base_quantity",
        "base_unit", "hazardous"))
    annual = [row for row in rows if row["period__month"] == 0]
    months = {row["period__month"] for row in rows if row["period__month"]}
    used = annual or rows
    scale = 1.0 if annual or not months else 12.0 / len(months)
    totals: dict[tuple[str, str], dict[str, Any]] = defaultdict(
        lambda: {"quantity": 0.0, "units": set(), "hazardous": False, "flow": None})
    for row in used:
        direction = _stream_direction(row["direction"], row["kind"])
        if direction is None:
            continue
        item = totals[(direction, row["description"])]
        item["quantity"] += row["base_quantity"] * scale
        item["units"].add(row["base_unit"])
        item["hazardous"] = item["hazardous"] or row["hazardous"]
        item["flow"] = row["pk"]
    return latest, dict(totals)


def _stream_direction(direction: str, kind: str) -> str | None:
    if direction == "output" and kind in SUPPLY_KINDS:
        return StreamDirection.SUPPLY
    if direction == "input" and kind in DEMAND_KINDS:
        return StreamDirection.DEMAND
    return None


def in_class_unit(amount: float, flow_unit: str, resource_class: Any) -> float | None:
    """``amount`` (in the flow's base unit) in the class's base unit, or None if unknown."""
    from openeip.core.errors import UnitError
    from openeip.core.symbiosis.stream_quantities import YearlyQuantity
    from openeip.core.symbiosis.stream_quantities import in_class_unit as convert

    unit = _FLOW_BASE.get(flow_unit)
    if unit is None:
        return None
    try:
        return float(convert(YearlyQuantity(amount, unit), resource_class))
    except UnitError:
        return None


def _taxonomy() -> Any:
    from openeip.core.symbiosis.taxonomy import load_taxonomy

    return load_taxonomy()


@transaction.atomic
def streams_from_flows(company: Company) -> list[Stream]:
    """Create or update the company's streams from its flows; returns the active ones."""
    year, totals = _year_totals(company)
    taxonomy = _taxonomy()
    by_direction: dict[str, list[str]] = defaultdict(list)
    for direction, description in totals:
        by_direction[direction].append(description)
    found = {direction: classify_texts(texts, direction, company)
             for direction, texts in by_direction.items()}
    existing = {(s.direction, s.description): s
                for s in Stream.objects.filter(company=company)}
    kept: list[Stream] = []
    for (direction, description), item in sorted(totals.items()):
        stream = existing.pop((direction, description), None) or Stream(
            company=company, direction=direction, description=description)
        if not stream.confirmed:
            apply_classification(stream, found[direction][description])
        resource_class = taxonomy.classes.get(stream.resource_class)
        flow_unit = next(iter(item["units"])) if len(item["units"]) == 1 else ""
        stream.quantity = (in_class_unit(item["quantity"], flow_unit, resource_class)
                           if resource_class is not None and flow_unit else None)
        stream.unit = resource_class.base_unit if resource_class is not None else ""
        stream.hazardous = item["hazardous"] or bool(resource_class and resource_class.hazardous)
        stream.source_flow_id = item["flow"]
        stream.year = year
        stream.active = True
        stream.save()
        kept.append(stream)
    gone = [s.pk for s in existing.values() if s.source_flow_id is not None or s.year]
    Stream.objects.filter(pk__in=gone).update(active=False)
    return kept


def apply_classification(stream: Stream, found: Any) -> None:
    """Copy a core Classification onto the stream (not saved)."""
    stream.resource_class = found.resource_class
    stream.classification_confidence = round(float(found.confidence), 4)
    stream.decisive_terms = list(found.decisive_terms)
    stream.alternatives = [[code, round(float(conf), 4)] for code, conf in found.alternatives]
    stream.sector_classes = list(found.sector_classes)
