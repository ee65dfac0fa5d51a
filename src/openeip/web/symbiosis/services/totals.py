"""What a park's operating exchanges achieved in a year (read by the EIP indicators).

For each exchange touching the park (either side's company in it) that is operating, or that
has realised quantities recorded in the year:

* realised quantity ``Q`` of a year = the sum of its monthly records of that year when there are
  any, else its whole-year record (month 0) — the two are never added together;
* its per-unit benefit = each Benefit field ÷ the benefit's ``quantity`` (the matched quantity it
  was computed for), so a realised quantity scales it linearly:
  ``net_benefit_vnd = Σ Q × net_vnd / quantity`` and likewise CO2e avoided and waste diverted;
* ``realised_t`` / ``realised_m3`` / ``realised_mwh`` add ``Q`` by the exchange's unit.

An exchange between two firms of the same park counts once; firms are counted once each, and
only those of this park.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Q

from openeip.web.symbiosis.models import ExchangeRecord, Opportunity, OpportunityStatus

TOTAL_KEYS = ("operating_exchanges", "firms_in_operating_exchanges", "realised_t",
              "realised_m3", "realised_mwh", "net_benefit_vnd", "co2e_avoided_t",
              "waste_diverted_t")
_UNIT_KEYS = {"t": "realised_t", "m3": "realised_m3", "MWh": "realised_mwh"}


def realised_by_opportunity(opportunity_ids: list[int], year: int) -> dict[int, float]:
    """{opportunity id: realised quantity in ``year``} (monthly records win over month 0)."""
    monthly: dict[int, float] = defaultdict(float)
    yearly: dict[int, float] = defaultdict(float)
    rows = ExchangeRecord.objects.filter(opportunity_id__in=opportunity_ids, year=year)
    for opp_id, month, quantity in rows.values_list("opportunity_id", "month", "quantity"):
        (monthly if month else yearly)[opp_id] += quantity
    return {opp_id: monthly[opp_id] if opp_id in monthly else yearly[opp_id]
            for opp_id in set(monthly) | set(yearly)}


def per_unit(benefit: dict[str, Any], name: str) -> float:
    """A benefit figure per unit of matched quantity (0 when it cannot be scaled)."""
    quantity = float(benefit.get("quantity") or 0.0)
    value = benefit.get(name)
    return float(value) / quantity if quantity > 0 and value is not None else 0.0


def park_totals(park: Any, year: int) -> dict[str, Any]:
    """Totals of the park's operating exchanges in ``year`` (keys :data:`TOTAL_KEYS`)."""
    from openeip.web.symbiosis.services.matching import touching

    recorded = ExchangeRecord.objects.filter(year=year).values("opportunity_id")
    rows = list(
        Opportunity.objects.filter(touching(park))
        .filter(Q(status=OpportunityStatus.OPERATING) | Q(pk__in=recorded))
        .values("pk", "unit", "benefit", "supply__company_id", "supply__company__park_id",
                "demand__company_id", "demand__company__park_id")
    )
    realised = realised_by_opportunity([row["pk"] for row in rows], year)
    totals: dict[str, Any] = dict.fromkeys(TOTAL_KEYS, 0.0)
    firms: set[int] = set()
    for row in rows:
        for side in ("supply", "demand"):
            # a key built from the side: the stubs know only literal keys of values() rows
            if row[side + "__company__park_id"] == park.pk:  # type: ignore[literal-required]
                firms.add(row[side + "__company_id"])  # type: ignore[literal-required]
        quantity = realised.get(row["pk"], 0.0)
        if row["unit"] in _UNIT_KEYS:
            totals[_UNIT_KEYS[row["unit"]]] += quantity
        benefit = row["benefit"] or {}
        totals["net_benefit_vnd"] += quantity * per_unit(benefit, "net_vnd")
        totals["co2e_avoided_t"] += quantity * per_unit(benefit, "co2e_avoided_t")
        totals["waste_diverted_t"] += quantity * per_unit(benefit, "waste_diverted_t")
    totals["operating_exchanges"] = len(rows)
    totals["firms_in_operating_exchanges"] = len(firms)
    return totals
