"""Which of a company's stored rows make up a period: a month, or a year (its months, or the
year's own row when the company reports yearly)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from openeip.core import domain
from openeip.core.errors import DomainError
from openeip.web.registry.models import Company, ReportingPeriod, ResourceFlow
from openeip.web.registry.services.writer import period_row

__all__ = ["flows_in", "period_with_data", "periods_with_data"]


def flows_in(rows: QuerySet[Any], period: ReportingPeriod | domain.ReportingPeriod
             ) -> QuerySet[Any]:
    """The rows (flows or products) of ``period``: one month, or a whole year — its monthly
    rows if there are any, else the yearly row (never both, which would count twice)."""
    if period.month:
        return rows.filter(period__year=period.year, period__month=period.month)
    monthly = rows.filter(period__year=period.year, period__month__gt=0)
    if monthly.exists():
        return monthly
    return rows.filter(period__year=period.year, period__month=0)


def periods_with_data(company: Company) -> list[str]:
    """Labels of the years and months in which ``company`` reported flows, oldest first."""
    months = (ResourceFlow.objects.filter(company=company).order_by()
              .values_list("period__year", "period__month").distinct())
    labels = set()
    for year, month in months:
        labels.add(str(year))
        if month:
            labels.add("{}-{:02d}".format(year, month))
    return sorted(labels)


def period_with_data(company: Company, period: domain.ReportingPeriod,
                     field: str) -> ReportingPeriod:
    """The stored period ``period`` if ``company`` has flows in it; DomainError on ``field``
    listing the periods it does have otherwise."""
    if not flows_in(ResourceFlow.objects.filter(company=company), period).exists():
        available = periods_with_data(company)
        years = [label for label in available if "-" not in label]
        raise DomainError(
            _("Company {code} has no flows in {period}; choose a period with data, such as "
              "{periods}.").format(code=company.code, period=period.label(),
                                   periods=", ".join(years) or _("none yet — import its data "
                                                                 "first")),
            field)
    return period_row(period)
