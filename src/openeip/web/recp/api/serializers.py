"""What the RECP API shows and accepts.

Companies and assessments are given by id and must be ones the user may change; any other id
reads as 'no such company/assessment'. Periods travel as text, '2024' or '2024-03'.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from openeip.core import domain
from openeip.web.base.api import as_validation_error
from openeip.web.base.workflow import approvable, moves_for
from openeip.web.recp.api.fields import ChangeableAssessmentField
from openeip.web.recp.models import (
    Assessment,
    AssessmentOption,
    CompanyPrice,
    FocusArea,
    GwpChoice,
    OptionStatus,
)
from openeip.web.recp.services import evaluation, library, periods
from openeip.web.registry.api.serializers import (
    ChangeableCompanyField,
    ListedChoiceField,
    PeriodField,
)
from openeip.web.registry.models import Company


@extend_schema_serializer(component_name="RecpAssessment")
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
                                       default=None, allow_null=True)
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
        if company is not None and isinstance(baseline, domain.ReportingPeriod):
            with as_validation_error(self.fields):
                attrs["baseline_period"] = periods.period_with_data(company, baseline,
                                                                    "baseline_period")
        return attrs

    def create(self, validated_data: dict[str, Any]) -> Assessment:
        validated_data["created_by"] = self.context["request"].user
        return super().create(validated_data)


class OptionSerializer(serializers.ModelSerializer):
    """An option with its inputs and, read-only, its evaluated results and workflow status.

    Every write is evaluated before anything is stored: a saving that names no flow of the
    company, a unit that does not fit, a missing price, a saving larger than the consumption it
    comes from, a lifetime under one year — each is a 400 naming the field.
    """

    assessment = ChangeableAssessmentField(queryset=Assessment.objects.none())
    company = serializers.IntegerField(source="assessment.company_id", read_only=True)
    company_code = serializers.CharField(source="assessment.company.code", read_only=True)
    title = serializers.SerializerMethodField(
        help_text=_("The option's title in the language of the request."))
    status = serializers.CharField(read_only=True)
    next_statuses = serializers.SerializerMethodField(
        help_text=_("The statuses the option may move to (POST …/transition/)."))
    # no min_value here: core's check names an impossible lifetime in words
    lifetime_years = serializers.IntegerField()
    savings = serializers.JSONField(
        help_text=_("List of {description, quantity, unit} per year, e.g. [{\"description\": "
                    "\"Grid electricity\", \"quantity\": 120, \"unit\": \"MWh\"}]."))
    verification_before = PeriodField(read_only=True)
    verification_after = PeriodField(read_only=True)
    created_by = serializers.CharField(source="created_by.username", read_only=True,
                                       default=None, allow_null=True)

    class Meta:
        model = AssessmentOption
        fields = ["id", "assessment", "company", "company_code", "template_code", "title",
                  "title_en", "title_vi", "category", "description", "status", "next_statuses",
                  "investment_vnd", "lifetime_years", "discount_rate", "extra_om_vnd",
                  "savings", "results", "evaluated_at", "verification_before",
                  "verification_after", "measured_change", "created_by", "created_at",
                  "updated_at"]
        read_only_fields = ["results", "evaluated_at", "measured_change", "created_at",
                            "updated_at"]

    @extend_schema_field(serializers.CharField())
    def get_title(self, option: AssessmentOption) -> str:
        return library.option_title(option)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_next_statuses(self, option: AssessmentOption) -> list[str]:
        user = self.context["request"].user
        page = self.parent
        if not isinstance(page, serializers.ListSerializer):
            return list(moves_for(option, user))
        keys = getattr(page, "approvable", None)
        if keys is None:  # one query for the whole page of options
            keys = approvable(page.instance or (), user)
            setattr(page, "approvable", keys)  # noqa: B010 (a list serializer has no such field)
        return list(moves_for(option, user, keys))

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        assessment = attrs.get("assessment") or getattr(self.instance, "assessment", None)
        if self.instance is not None and assessment != self.instance.assessment:
            raise serializers.ValidationError({"assessment": [
                _("An option stays with its assessment; create it again in the other "
                  "assessment instead.")]})
        values = {field.name: getattr(self.instance, field.name)
                  for field in AssessmentOption._meta.concrete_fields} if self.instance else {}
        values.update(attrs)
        option = AssessmentOption(**values)
        with as_validation_error(self.fields, rename=api_field):
            library.check_option_text(option)
            attrs["results"] = evaluation.evaluate(option)
        attrs["evaluated_at"] = timezone.now()
        return attrs

    def create(self, validated_data: dict[str, Any]) -> AssessmentOption:
        validated_data["created_by"] = self.context["request"].user
        return super().create(validated_data)


def api_field(core_field: str) -> str:
    """The API field that holds the part of an option core names: 'savings[0].price' and the
    like belong to 'savings', the case's name to the title."""
    if core_field.startswith("savings"):
        return "savings"
    return {"name": "title_en"}.get(core_field, core_field)


@extend_schema_serializer(component_name="OptionTransition")
class TransitionSerializer(serializers.Serializer):
    status = ListedChoiceField(choices=OptionStatus.choices,
                               help_text=_("The status to move the option to."))


class VerifySerializer(serializers.Serializer):
    before = PeriodField(help_text=_("A period before implementation: '2023' or '2023-06'."))
    after = PeriodField(help_text=_("The same length of period after implementation."))


class MaccStepSerializer(serializers.Serializer):
    option_id = serializers.IntegerField()
    title = serializers.CharField()
    position = serializers.IntegerField()
    abatement_tco2e = serializers.FloatField(help_text=_("Bar width: tCO2e avoided per year."))
    cumulative_tco2e = serializers.FloatField()
    cost_vnd_per_tco2e = serializers.FloatField(
        help_text=_("Bar height; negative when abating saves money."))
    annual_cost_vnd = serializers.FloatField()
    scale = serializers.FloatField(
        help_text=_("Share of the option's own effect left once cheaper options are applied."))
    capped = serializers.BooleanField()


class LeftOffSerializer(serializers.Serializer):
    option = serializers.IntegerField()
    title = serializers.CharField()
    reason = serializers.CharField()


class MaccSerializer(serializers.Serializer):
    """The marginal abatement cost curve: options applied in sequence, cheapest first."""

    assessment = serializers.IntegerField()
    baseline_year = serializers.IntegerField()
    baseline_tco2e = serializers.FloatField(help_text=_("The company's yearly emissions."))
    gwp_set = serializers.CharField()
    steps = MaccStepSerializer(many=True)
    left_off = LeftOffSerializer(many=True)
    factor_versions = serializers.DictField(child=serializers.CharField())


class CompanyPriceSerializer(serializers.ModelSerializer):
    """A company's own price, used before recorded costs and shipped tariffs. Checked by the
    price book: a known resource key, a unit that fits it (VND per kWh, m³, t …), not
    negative."""

    company = ChangeableCompanyField(queryset=Company.objects.none())
    company_code = serializers.CharField(source="company.code", read_only=True)

    class Meta:
        model = CompanyPrice
        fields = ["id", "company", "company_code", "resource", "price", "unit", "note",
                  "updated_at"]
        read_only_fields = ["updated_at"]
        # (company, resource) is checked below, with a message that says what to do
        validators: list[Any] = []

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        values = {name: getattr(self.instance, name) for name in ("company", "resource", "price",
                                                                   "unit", "note")
                  } if self.instance else {}
        values.update(attrs)
        if self.instance is not None and values["company"] != self.instance.company:
            raise serializers.ValidationError({"company": [
                _("A price stays with its company; enter it for the other company instead.")]})
        with as_validation_error(self.fields):
            checked = evaluation.check_price(values["resource"], _plain(values["price"]),
                                             values["unit"], values.get("note", ""))
        attrs["resource"] = checked
        taken = CompanyPrice.objects.filter(company=values["company"], resource=checked)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise serializers.ValidationError({"resource": [
                _("Company {code} already has a price for '{key}'; change that price "
                  "instead.").format(code=values["company"].code, key=checked)]})
        return attrs


def _plain(value: Decimal) -> Decimal:
    """-5.0000 as -5, so messages show the price as it was typed."""
    return Decimal("{:f}".format(value.normalize()))


class CompanyRecpSerializer(serializers.Serializer):
    """A company's RECP picture; each part is described in
    openeip.web.recp.services.company."""

    company = serializers.DictField()
    year = serializers.IntegerField(allow_null=True)
    gwp_set = serializers.CharField(help_text=_("The IPCC GWP set the GHG figures use."))
    indicators = serializers.DictField()
    changes = serializers.ListField(child=serializers.DictField())
    ghg = serializers.DictField()
    balances = serializers.DictField()
    losses = serializers.DictField()
    suggestions = serializers.ListField(child=serializers.DictField())
    sankey = serializers.DictField()
    peers = serializers.ListField(child=serializers.DictField())
    factor_versions = serializers.DictField(child=serializers.CharField())
    price_versions = serializers.DictField(child=serializers.CharField())
    computed_at = serializers.CharField()
