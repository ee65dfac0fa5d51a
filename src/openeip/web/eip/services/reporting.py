"""The reporting year of a park's EIP assessment: stated, or the latest year whose data are
complete enough (:mod:`openeip.core.eip.reporting_year`), with its coverage."""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone

from openeip.core.eip.reporting_year import (
    ReportingYear,
    YearCoverage,
    check_stated_year,
    choose_reporting_year,
    year_coverage,
)
from openeip.web.registry.models import Company, Park, ResourceFlow

__all__ = ["park_coverage", "reporting_year"]


def park_coverage(park: Park) -> dict[int, YearCoverage]:
    """Coverage of every year the park's firms reported flows for."""
    months: dict[tuple[str, int], set[int]] = defaultdict(set)
    rows = (ResourceFlow.objects.filter(company__park=park)
            .values_list("company_id", "period__year", "period__month").distinct().order_by())
    for company_id, year, month in rows:
        months[(str(company_id), int(year))].add(int(month or 0))
    return year_coverage(months, Company.objects.filter(park=park).count())


def reporting_year(park: Park, stated: int | None = None, up_to: int | None = None
                   ) -> ReportingYear:
    """The stated year (checked), else the default by coverage up to ``up_to`` (this year by
    default); a park without data gets ``up_to`` with no coverage."""
    last = timezone.localdate().year
    if stated is not None:
        check_stated_year(stated, last)
    coverage = park_coverage(park)
    chosen = choose_reporting_year(coverage, stated=stated, up_to=up_to or last)
    if chosen is None:
        year = up_to or last
        firms = Company.objects.filter(park=park).count()
        return ReportingYear(year, YearCoverage(year, 0, firms, 0), stated=False)
    return chosen
