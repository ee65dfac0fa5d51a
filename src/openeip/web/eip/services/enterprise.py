"""The eco-enterprise check of a park's firms (Decree 35/2022 Art. 37(2)) from platform data.

What each firm is checked on is core's business (``openeip.core.eip.enterprise``); this module
only gathers the platform's facts per firm for the year:

* RECP — options of the firm's RECP assessments with status implemented or verified (the firm
  *applies* cleaner production and resource efficiency), and whether it has any RECP assessment;
* industrial symbiosis — exchanges the firm takes part in (either side) that are operating, or
  that have realised quantities recorded in the year: the same rule as
  ``openeip.web.symbiosis.services.park_totals`` (Circular 05/2025 Art. 2(1)(a));
* workers — the registry's head count (B5 items apply to firms with more than 100 workers).

The B5 social items (grievance rules, disclosure, gender equality, anti-harassment) have no
per-firm data on the platform: they are reported as "no data", never as met.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Q

from openeip.web.recp.models import Assessment, AssessmentOption, OptionStatus
from openeip.web.registry.models import Company, Park
from openeip.web.symbiosis.models import ExchangeRecord, Opportunity, OpportunityStatus

__all__ = ["firm_facts"]


def _recp_counts(park: Park) -> tuple[Counter[int], set[int]]:
    implemented = Counter(AssessmentOption.objects.filter(
        assessment__company__park=park,
        status__in=(OptionStatus.IMPLEMENTED, OptionStatus.VERIFIED),
    ).values_list("assessment__company_id", flat=True))
    assessed = set(Assessment.objects.filter(company__park=park)
                   .values_list("company_id", flat=True))
    return implemented, assessed


def _exchange_counts(park: Park, year: int) -> Counter[int]:
    """{company id: operating exchanges it takes part in} for the park's companies."""
    touching = Q(supply__company__park=park) | Q(demand__company__park=park)
    recorded = ExchangeRecord.objects.filter(year=year).values("opportunity_id")
    rows = (Opportunity.objects.filter(touching)
            .filter(Q(status=OpportunityStatus.OPERATING) | Q(pk__in=recorded))
            .values_list("supply__company_id", "supply__company__park_id",
                         "demand__company_id", "demand__company__park_id"))
    counts: Counter[int] = Counter()
    for supplier, supplier_park, receiver, receiver_park in rows:
        for company, company_park in ((supplier, supplier_park), (receiver, receiver_park)):
            if company_park == park.pk:
                counts[company] += 1
    return counts


def firm_facts(park: Park, year: int) -> list[dict[str, Any]]:
    """Per firm of the park (by code): the facts the eco-enterprise check reads."""
    implemented, assessed = _recp_counts(park)
    exchanges = _exchange_counts(park, year)
    return [{
        "company": company,
        "recp_options_implemented": implemented.get(company.pk, 0),
        "recp_assessed": company.pk in assessed,
        "operating_exchanges": exchanges.get(company.pk, 0),
        "employees": company.employees,
    } for company in Company.objects.filter(park=park).order_by("code")]
