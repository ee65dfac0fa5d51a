"""What the API shows and accepts. Writes are checked by core and stored by the writer service.

A period travels as text, '2024' for a year or '2024-03' for a month. A company is given by id and
must be one the user may change; any other id reads as 'no such company', so an outsider learns
nothing about which companies exist.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from openeip.core import domain
from openeip.core.errors import DomainError
from openeip.web.registry import adapters
from openeip.web.registry.models import (
    Company,
    ConsultantGrant,
    Park,
    Product,
    ReportingPeriod,
    ResourceFlow,
    SeriesValue,
)
from openeip.web.registry.models.flows import (
    DIRECTION_CHOICES,
    FATE_CHOICES,
    KIND_CHOICES,
    SOURCE_CHOICES,
)
from openeip.web.registry.services import writer


@extend_schema_field({"type": "string", "pattern": r"^\d{4}(-\d{1,2})?$", "example": "2024-01"})
class PeriodField(serializers.Field):
    """'2024' (a year) or '2024-03' (a month) in and out."""

    def to_representation(self, value: ReportingPeriod) -> str:
        return str(value)

    def to_internal_value(self, data: Any) -> domain.ReportingPeriod:
        try:
            return domain.ReportingPeriod.parse(str(data)).check_not_future()
        except DomainError as error:
            raise serializers.ValidationError(str(error)) from None


class StoredFloatField(serializers.FloatField):
    """A float that reads only finite numbers and shows a bad stored one (Infinity, NaN: JSON
    has neither) as null, so the row can still be listed, corrected and deleted."""

    def to_representation(self, value: Any) -> Any:
        number = float(value)
        return number if math.isfinite(number) else None

    def to_internal_value(self, data: Any) -> float:
        number = super().to_internal_value(data)
        if not math.isfinite(number):
            raise serializers.ValidationError(_("The quantity must be a finite number."))
        return float(number)


class ListedChoiceField(serializers.ChoiceField):
    """A choice whose error message lists the codes that are allowed."""

    def to_internal_value(self, data: Any) -> Any:
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError:
            codes = ", ".join(str(code) for code in self.choices if code != "")
            raise serializers.ValidationError(
                _("'{value}' is not allowed here; use one of: {codes}.").format(
                    value=data, codes=codes)) from None


class ChangeableCompanyField(serializers.PrimaryKeyRelatedField):
    """Id of a company the requesting user may change."""

    default_error_messages = {
        "does_not_exist": _("There is no company {pk_value} whose data you may change; use an "
                            "id listed by /api/companies/."),
    }

    def get_queryset(self) -> Any:
        return Company.objects.for_user(self.context["request"].user, "change")


class ParkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Park
        fields = ["slug", "name_en", "name_vi", "province", "area_ha", "industrial_land_ha",
                  "green_space_ha", "roads_ha", "shared_infrastructure_ha", "operator",
                  "latitude", "longitude", "boundary"]


class CompanySerializer(serializers.ModelSerializer):
    park: serializers.SlugRelatedField[Park] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True)

    class Meta:
        model = Company
        fields = ["id", "park", "code", "name_en", "name_vi", "vsic_code", "vsic_name",
                  "employees", "ownership", "latitude", "longitude"]


class PeriodSerializer(serializers.ModelSerializer):
    label = serializers.CharField(  # type: ignore[assignment]  # a field named like Field.label
                                  source="__str__", read_only=True,
                                  help_text=_("'2024' for a year, '2024-03' for a month."))

    class Meta:
        model = ReportingPeriod
        fields = ["id", "label", "year", "month", "start"]


class _DomainCheckedSerializer(serializers.ModelSerializer):
    """Shared by products and flows: merge, check through core, write through the writer."""

    serializer_field_mapping = {**serializers.ModelSerializer.serializer_field_mapping,
                                models.FloatField: StoredFloatField}

    company = ChangeableCompanyField(queryset=Company.objects.none())
    company_code = serializers.CharField(source="company.code", read_only=True)
    park = serializers.CharField(source="company.park.slug", read_only=True)
    period = PeriodField()

    #: builds the domain object: (company code, period, values) -> Product or ResourceFlow
    to_domain: Callable[[str, domain.ReportingPeriod, dict[str, Any]], Any]
    #: stores it: (domain object, company, user, via, instance=...) -> (row, created)
    store: Callable[..., tuple[Any, bool]]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        values = {**self._stored_values(), **attrs}
        company = values["company"]
        if self.instance is not None and company != self.instance.company:
            raise serializers.ValidationError({"company": [
                _("A row stays with its company; delete it and create it for the other "
                  "company instead.")]})
        try:
            checked = type(self).to_domain(company.code, values["period"], values)
        except DomainError as error:
            raise serializers.ValidationError({self._field_of(error): [str(error)]}) from None
        return {"company": company, "checked": checked}

    def create(self, validated_data: dict[str, Any]) -> Any:
        # An unsaved instance tells the writer to make a new row, never to overwrite one.
        return self._write(validated_data, self.Meta.model())  # type: ignore[misc]

    def update(self, instance: Any, validated_data: dict[str, Any]) -> Any:
        return self._write(validated_data, instance)

    def _write(self, validated_data: dict[str, Any], instance: Any) -> Any:
        user = self.context["request"].user
        try:
            row, _created = type(self).store(validated_data["checked"],
                                             validated_data["company"], user, "api",
                                             instance=instance)
        except DomainError as error:
            raise serializers.ValidationError({self._field_of(error): [str(error)]}) from None
        return row

    def _stored_values(self) -> dict[str, Any]:
        """The instance's values in the serializer's terms, so a PATCH is checked as a whole."""
        if self.instance is None:
            return {}
        values = {name: getattr(self.instance, name) for name in self.Meta.fields
                  if name in self.fields and not self.fields[name].read_only}
        values["period"] = adapters.period_to_domain(self.instance.period)
        return values

    def _field_of(self, error: DomainError) -> str:
        if error.field in ("year", "month"):
            return "period"
        if error.field is not None and error.field in self.fields:
            return error.field
        return api_settings.NON_FIELD_ERRORS_KEY


class ProductSerializer(_DomainCheckedSerializer):
    to_domain = staticmethod(adapters.product_from_values)
    store = staticmethod(writer.save_product)

    class Meta:
        model = Product
        fields = ["id", "company", "company_code", "park", "period", "name", "quantity", "unit",
                  "sales_value_vnd"]
        # The natural key is checked by the writer: the period arrives as text, not a row.
        validators: list[Any] = []


class FlowSerializer(_DomainCheckedSerializer):
    direction = ListedChoiceField(choices=DIRECTION_CHOICES)
    kind = ListedChoiceField(choices=KIND_CHOICES)
    fate = ListedChoiceField(choices=FATE_CHOICES, allow_blank=True, required=False)
    source = ListedChoiceField(  # type: ignore[assignment]  # a field named like Field.source
        choices=SOURCE_CHOICES, allow_blank=True, required=False)

    to_domain = staticmethod(adapters.flow_from_values)
    store = staticmethod(writer.save_flow)

    class Meta:
        model = ResourceFlow
        fields = ["id", "company", "company_code", "park", "period", "direction", "kind",
                  "description", "classification_code", "hazardous", "quantity", "unit",
                  "base_quantity", "base_unit", "cost_vnd", "fate", "source", "unit_operation",
                  "updated_at"]
        read_only_fields = ["base_quantity", "base_unit", "updated_at"]
        validators: list[Any] = []


class MeCompanySerializer(serializers.ModelSerializer):
    park: serializers.SlugRelatedField[Park] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True)

    class Meta:
        model = Company
        fields = ["id", "park", "code", "name_en", "name_vi"]


class MeGrantSerializer(serializers.ModelSerializer):
    company = MeCompanySerializer(read_only=True)

    class Meta:
        model = ConsultantGrant
        fields = ["company", "granted_at", "starts_on", "ends_on"]


class MeParkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Park
        fields = ["slug", "name_en", "name_vi"]


class MeSerializer(serializers.Serializer):
    """Who is asking, and what they may reach."""

    username = serializers.CharField()
    email = serializers.EmailField()
    is_superuser = serializers.BooleanField()
    parks = MeParkSerializer(many=True, help_text=_("Parks the user manages."))
    companies = MeCompanySerializer(
        many=True, help_text=_("Companies whose data the user may see and change."))
    grants = MeGrantSerializer(
        many=True, help_text=_("Companies that granted the user, as consultant, access."))


class SeriesValueSerializer(serializers.ModelSerializer):
    """A value set for one year of a series (grid_factors in t CO2e/MWh, electricity_tariffs in
    VND/kWh, water_tariffs in VND/m³), for the whole platform (park null: platform admins) or
    one park (its managers). It wins over the series' nearest year for data of that year."""

    park: serializers.SlugRelatedField[Park] = serializers.SlugRelatedField(
        slug_field="slug", queryset=Park.objects.all(),
                                        allow_null=True, required=False)
    created_by = serializers.CharField(source="created_by.username", read_only=True,
                                       default=None)
    updated_by = serializers.CharField(source="updated_by.username", read_only=True,
                                       default=None)

    class Meta:
        model = SeriesValue
        fields = ["id", "series", "year", "value", "source", "note", "park", "created_by",
                  "created_at", "updated_by", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
        validators: list[Any] = []  # uniqueness and rights are checked with clear messages

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        from openeip.web.registry.services import series_values

        values = {name: getattr(self.instance, name) for name in series_values.FIELDS
                  } if self.instance else {"note": "", "park": None}
        values.update(attrs)
        try:
            series_values.check(self.context["request"].user, values, self.instance)
        except DomainError as error:
            field = error.field if error.field is not None and error.field in self.fields else (
                api_settings.NON_FIELD_ERRORS_KEY)
            raise serializers.ValidationError({field: [str(error)]}) from None
        return values

    def create(self, validated_data: dict[str, Any]) -> Any:
        from openeip.web.registry.services import series_values

        return series_values.save(self.context["request"].user, "api", validated_data)

    def update(self, instance: Any, validated_data: dict[str, Any]) -> Any:
        from openeip.web.registry.services import series_values

        return series_values.save(self.context["request"].user, "api", validated_data, instance)
