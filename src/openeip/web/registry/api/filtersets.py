"""Query-string filters of the API. They only narrow rows the user may already see."""

from __future__ import annotations

from typing import Any

import django_filters as filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from openeip.core.domain import ReportingPeriod as PeriodValue
from openeip.core.errors import DomainError
from openeip.web.registry.models import Company, Product, ResourceFlow
from openeip.web.registry.models.flows import DIRECTION_CHOICES, KIND_CHOICES

#: what the database columns hold: a larger number is a 400, not an overflow in the query
ID_RANGE = {"min_value": 0, "max_value": 2**63 - 1}
_SMALL_RANGE = {"min_value": 0, "max_value": 32767}


def _valid_period(text: str) -> None:
    try:
        PeriodValue.parse(text)
    except DomainError as error:
        raise forms.ValidationError(str(error)) from None


class _PeriodFilterSet(filters.FilterSet):
    """Filters every table of company data shares: company, park and period."""

    company = filters.NumberFilter(field_name="company_id", **ID_RANGE,
                                   help_text=_("Company id."))
    park = filters.CharFilter(field_name="company__park__slug",
                              help_text=_("Park identifier, such as 'song-than-2'."))
    period = filters.CharFilter(
        method="filter_period", validators=[_valid_period],
        help_text=_("Exactly this period: '2024' for the whole year, '2024-03' for a month."))
    year = filters.NumberFilter(field_name="period__year", **_SMALL_RANGE,
                                help_text=_("Any period in this year, the year and its months."))
    month = filters.NumberFilter(field_name="period__month", **_SMALL_RANGE,
                                 help_text=_("Month 1–12, in any year."))

    def filter_period(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        period = PeriodValue.parse(value)
        return queryset.filter(period__year=period.year, period__month=period.month or 0)


class CompanyFilterSet(filters.FilterSet):
    park = filters.CharFilter(field_name="park__slug",
                              help_text=_("Park identifier, such as 'song-than-2'."))
    vsic_code = filters.CharFilter(field_name="vsic_code",
                                   help_text=_("VSIC 2018 code of the company's sector."))

    class Meta:
        model = Company
        fields = ["park", "vsic_code"]


class ProductFilterSet(_PeriodFilterSet):
    class Meta:
        model = Product
        fields = ["company", "park", "period", "year", "month"]


class FlowFilterSet(_PeriodFilterSet):
    kind = filters.ChoiceFilter(choices=KIND_CHOICES)
    direction = filters.ChoiceFilter(choices=DIRECTION_CHOICES)

    class Meta:
        model = ResourceFlow
        fields = ["company", "park", "period", "year", "month", "kind", "direction"]
