"""The eco-enterprise check of a park's firms (Decree 35/2022 Art. 37(2)) from platform data.

What each firm is checked on, and how its result follows, is core's business
(``openeip.core.eip.enterprise``, items in ``data/eip/enterprise_items.csv``); this module
gathers the platform's facts per firm for the year and hands them over:

* RECP — options of the firm's RECP assessments with status implemented or verified (the firm
  *applies* cleaner production and resource efficiency), and whether it has any RECP assessment;
* industrial symbiosis — exchanges the firm takes part in (either side) that are operating, or
  that have realised quantities recorded in the year: the same rule as
  ``openeip.web.symbiosis.services.park_totals`` (Circular 05/2025 Art. 2(1)(a));
* workers — the registry's head count (B5 items apply to firms with more than 100 workers).

The B5 social items (grievance rules, disclosure, gender equality, anti-harassment) have no
per-firm record on the platform yet: they are reported as "no data" (or "not applicable" for a
firm with at most 100 workers), never as met; they do not decide the result.

:func:`enterprise_checks` is what the EIP pages call; :func:`enterprise_lines` turns the results
into the report rows of the dossier and the annual report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openeip.core.eip.enterprise import (
    EnterpriseResult,
    FirmFacts,
    ItemResult,
    check_enterprises,
)
from openeip.core.eip.model import Status
from openeip.web.eip.services.content import EnterpriseItem, EnterpriseLine
from openeip.web.recp.models import Assessment, AssessmentOption, OptionStatus
from openeip.web.registry.models import Company, Park
from openeip.web.symbiosis.models import ExchangeRecord, Opportunity, OpportunityStatus

__all__ = ["enterprise_checks", "enterprise_lines", "firm_facts"]


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


def firm_facts(park: Park, year: int, language: str = "en") -> list[FirmFacts]:
    """The facts of every firm of the park (by code) the eco-enterprise check reads."""
    implemented, _assessed = _recp_counts(park)
    exchanges = _exchange_counts(park, year)
    return [FirmFacts(
        code=company.code,
        name=company.name_vi if language == "vi" and company.name_vi else company.name_en,
        recp_options_implemented=implemented.get(company.pk, 0),
        operating_exchanges=exchanges.get(company.pk, 0),
        employees=company.employees,
    ) for company in Company.objects.filter(park=park).order_by("code")]


def enterprise_checks(park: Park, year: int, language: str = "en",
                      ) -> tuple[EnterpriseResult, ...]:
    """The eco-enterprise check of every firm of the park for ``year`` (access: the caller's)."""
    return check_enterprises(firm_facts(park, year, language))


def _detail(result: ItemResult) -> str:
    if result.item.code == "recp" and isinstance(result.value, int):
        return ngettext("{count} option implemented", "{count} options implemented",
                        result.value).format(count=result.value)
    if result.item.code == "symbiosis" and isinstance(result.value, int):
        return ngettext("{count} operating exchange", "{count} operating exchanges",
                        result.value).format(count=result.value)
    if result.status is Status.NOT_APPLICABLE:
        return _("100 workers or fewer")
    return ""


def enterprise_lines(results: Sequence[EnterpriseResult], employees: dict[str, int | None],
                     language: str) -> tuple[EnterpriseLine, ...]:
    """The results as report rows (call inside the report's language)."""
    return tuple(EnterpriseLine(
        code=result.code, name=result.name, employees=employees.get(result.code),
        items=tuple(EnterpriseItem(
            code=item.item.code, label=item.item.text(language), status=item.status,
            detail=_detail(item), verification=item.item.verification,
            required=item.item.required) for item in result.items),
        status=result.status) for result in results)
