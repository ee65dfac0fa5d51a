"""Serializers of the EIP API."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from openeip.web.base.api import as_validation_error
from openeip.web.eip.models import Evidence, ParkAssessment, PlanAction
from openeip.web.eip.services.plan import update_action
from openeip.web.registry.models import Park


class CategorySerializer(serializers.Serializer):
    code = serializers.CharField()
    name_en = serializers.CharField()
    name_vi = serializers.CharField()
    parent = serializers.CharField()  # type: ignore[assignment]


class CriterionSerializer(serializers.Serializer):
    id = serializers.CharField()
    category = serializers.CharField()
    subcategory = serializers.CharField()
    requirement = serializers.CharField()
    text_en = serializers.CharField()
    text_vi = serializers.CharField()
    measure = serializers.CharField()
    applies_to = serializers.CharField()
    threshold = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    comparison = serializers.CharField()
    unit = serializers.CharField()
    indicator = serializers.CharField()
    evidence_en = serializers.CharField()
    evidence_vi = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]
    clause = serializers.CharField()
    verification = serializers.CharField()
    note_en = serializers.CharField()
    note_vi = serializers.CharField()
    new_parks_only = serializers.BooleanField()


class EditionSummarySerializer(serializers.Serializer):
    id = serializers.CharField()
    title_en = serializers.CharField()
    title_vi = serializers.CharField()
    issuer = serializers.CharField()
    published = serializers.DateField()
    status = serializers.CharField()
    based_on = serializers.CharField()
    criteria_count = serializers.SerializerMethodField()

    def get_criteria_count(self, edition: Any) -> int:
        return len(edition.criteria)


class EditionSerializer(EditionSummarySerializer):
    source_url = serializers.CharField()
    notes_en = serializers.CharField()
    notes_vi = serializers.CharField()
    categories = CategorySerializer(many=True)
    criteria = CriterionSerializer(many=True)


class EvidenceSerializer(serializers.ModelSerializer):
    park: serializers.SlugRelatedField[Park] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True)
    park_slug = serializers.CharField(write_only=True, help_text=_("The park's identifier."))
    entered_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True,
                                              allow_null=True)

    class Meta:
        model = Evidence
        fields = ["id", "park", "park_slug", "edition_id", "criterion_id", "value_bool",
                  "value_number", "note", "file", "as_of", "target_year", "entered_by",
                  "entered_at"]
        read_only_fields = ["entered_at"]
        extra_kwargs = {"as_of": {"required": False}}


@extend_schema_serializer(component_name="EipAssessment")
class AssessmentSerializer(serializers.ModelSerializer):
    park: serializers.SlugRelatedField[Park] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True)
    created_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True,
                                              allow_null=True)

    class Meta:
        model = ParkAssessment
        fields = ["id", "park", "edition_id", "as_of", "target_year", "result",
                  "indicator_values", "created_by", "created_at"]
        read_only_fields = fields


class AssessRequestSerializer(serializers.Serializer):
    park_slug = serializers.CharField(help_text=_("The park's identifier."))
    edition_id = serializers.CharField()
    as_of = serializers.DateField(required=False)
    # the range every year of the platform keeps (ReportingPeriod: 1990–2100)
    target_year = serializers.IntegerField(required=False, allow_null=True, min_value=1990,
                                           max_value=2100)


class PlanRequestSerializer(serializers.Serializer):
    park_slug = serializers.CharField(help_text=_("The park's identifier."))
    edition_id = serializers.CharField()


class ActionSerializer(serializers.ModelSerializer):
    park: serializers.SlugRelatedField[Park] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True)

    class Meta:
        model = PlanAction
        fields = ["id", "park", "edition_id", "criterion_ids", "source", "ref", "title_en",
                  "title_vi", "owner", "deadline", "status", "cost_class", "months", "score",
                  "parts", "updated_at"]
        read_only_fields = ["park", "edition_id", "criterion_ids", "source", "ref", "title_en",
                            "title_vi", "cost_class", "months", "score", "parts", "updated_at"]

    def update(self, instance: PlanAction, validated_data: dict[str, Any]) -> PlanAction:
        """Owner and deadline audited, the status through the audited workflow."""
        with as_validation_error(("status",)):
            return update_action(instance, validated_data, self.context["request"].user, "api")
