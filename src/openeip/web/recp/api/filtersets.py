"""Query-string filters of the RECP API. They only narrow rows the user may already see."""

from __future__ import annotations

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from openeip.web.recp.models import Assessment, AssessmentOption, CompanyPrice, OptionStatus
from openeip.web.registry.api.filtersets import ID_RANGE as _ID_RANGE


class AssessmentFilterSet(filters.FilterSet):
    company = filters.NumberFilter(field_name="company_id", **_ID_RANGE,
                                   help_text=_("Company id."))
    kind = filters.ChoiceFilter(choices=Assessment.Kind.choices)
    status = filters.ChoiceFilter(choices=Assessment.Status.choices)

    class Meta:
        model = Assessment
        fields = ["company", "kind", "status"]


class OptionFilterSet(filters.FilterSet):
    assessment = filters.NumberFilter(field_name="assessment_id", **_ID_RANGE,
                                      help_text=_("Assessment id."))
    company = filters.NumberFilter(field_name="assessment__company_id", **_ID_RANGE,
                                   help_text=_("Company id."))
    status = filters.ChoiceFilter(choices=OptionStatus.choices)

    class Meta:
        model = AssessmentOption
        fields = ["assessment", "company", "status"]


class CompanyPriceFilterSet(filters.FilterSet):
    company = filters.NumberFilter(field_name="company_id", **_ID_RANGE,
                                   help_text=_("Company id."))

    class Meta:
        model = CompanyPrice
        fields = ["company"]
