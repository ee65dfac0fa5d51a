"""What the RECP API shows and accepts.

Companies and assessments are given by id and must be ones the user may change; any other id
reads as 'no such company/assessment'. Periods travel as text, '2024' or '2024-03'.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from openeip.core import domain
from openeip.web.recp.api.fields import as_validation_error
from openeip.web.recp.models import Assessment, FocusArea, GwpChoice
from openeip.web.recp.services import periods
from openeip.web.registry.api.serializers import (
    ChangeableCompanyField,
    ListedChoiceField,
    PeriodField,
)
from openeip.web.registry.models import Company


class AssessmentSerializer(serializers.ModelSerializer):
    company = ChangeableCompanyField(queryset=Company.objects.none())
    company_code = serializers.CharField(source="company.code", read_only=True)
    kind = ListedChoiceField(choices=Assessment.Kind.choices, required=False)
    status = ListedChoiceField(choices=Assessment.Status.choices, required=False)
    gwp_set = ListedChoiceField(choices=GwpChoice.choices, required=False)
    baseline_period = PeriodField(required=False, allow_null=True)
    focus_areas = serializers.ListField(child=ListedChoiceField(choices=FocusArea.choices),
                                        required=False, allow_empty=True)
    created_by = serializers.CharField(source="created_by.username", read_only=True,
                                       default=None)
    option_count = serializers.IntegerField(source="options.count", read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "company", "company_code", "kind", "title", "scope", "boundary", "team",
                  "baseline_period", "focus_areas", "gwp_set", "status", "option_count",
                  "created_by", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    def validate_focus_areas(self, value: list[str]) -> list[str]:
        # kept in the order of the focus-area list, each once
        return [code for code in FocusArea.values if code in value]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        company = attrs.get("company") or getattr(self.instance, "company", None)
        if self.instance is not None and company != self.instance.company:
            raise serializers.ValidationError({"company": [
                _("An assessment stays with its company; create a new one for the other "
                  "company instead.")]})
        baseline = attrs.get("baseline_period")
        if isinstance(baseline, domain.ReportingPeriod):
            with as_validation_error(self.fields):
                attrs["baseline_period"] = periods.period_with_data(company, baseline,
                                                                    "baseline_period")
        return attrs

    def create(self, validated_data: dict[str, Any]) -> Assessment:
        validated_data["created_by"] = self.context["request"].user
        return super().create(validated_data)
