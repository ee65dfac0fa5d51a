"""Shapes of the symbiosis API. Opportunities are written by the presenter (anonymised sides),
so their serializers describe the schema and validate input; they never read a model directly."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from openeip.web.registry.models import Company
from openeip.web.symbiosis.models import ExchangeRecord, OpportunityStatus, Stream
from openeip.web.symbiosis.services.pipeline import SIDES
from openeip.web.symbiosis.services.presenting import UNPRICED_TERMS


class StreamSerializer(serializers.ModelSerializer[Stream]):
    company: serializers.PrimaryKeyRelatedField[Company] = serializers.PrimaryKeyRelatedField(
        read_only=True)

    class Meta:
        model = Stream
        fields = ["id", "company", "direction", "description", "resource_class",
                  "classification_confidence", "decisive_terms", "alternatives", "confirmed",
                  "quantity", "unit", "year", "temperature_c", "hazardous", "months",
                  "source_flow", "active", "updated_at"]
        read_only_fields = fields


class ClassSerializer(serializers.Serializer[Any]):
    resource_class = serializers.CharField(max_length=60)


class SideSerializer(serializers.Serializer[Any]):
    named = serializers.BooleanField()
    company_id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    code = serializers.CharField()
    park = serializers.CharField()
    sector = serializers.CharField()
    size = serializers.CharField()
    same_park = serializers.BooleanField()
    description = serializers.CharField()
    resource_class = serializers.CharField()
    quantity = serializers.FloatField(allow_null=True)
    unit = serializers.CharField()


class PartSerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    weight = serializers.FloatField()
    value = serializers.FloatField(allow_null=True)
    contribution = serializers.FloatField(allow_null=True)
    note = serializers.CharField()


class OpportunitySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    supplier = SideSerializer()
    receiver = SideSerializer()
    resource_class = serializers.CharField()
    class_name = serializers.CharField()
    rule_code = serializers.CharField()
    use = serializers.CharField()
    score = serializers.FloatField()
    parts = PartSerializer(many=True)
    indicative = serializers.BooleanField(
        help_text=_("True while a side is anonymised to you: the score, its parts and the "
                    "benefit are then computed from the share and distance bands only."))
    benefit = serializers.DictField()
    net_vnd = serializers.FloatField(allow_null=True)
    unpriced = serializers.ListField(
        child=serializers.ChoiceField(choices=list(UNPRICED_TERMS)),
        help_text=_("Money terms of the benefit counted as 0 because no factor prices them."))
    price_unknown = serializers.BooleanField(
        help_text=_("True when a money term of the net benefit could not be priced."))
    price_unknown_note = serializers.CharField()
    distance_km = serializers.FloatField(allow_null=True)
    distance_band = serializers.CharField()
    matched_quantity = serializers.FloatField(allow_null=True)
    placed_band = serializers.CharField(
        allow_null=True, help_text=_("Share of the supply placed, as a band (anonymised only)."))
    covered_band = serializers.CharField(
        allow_null=True, help_text=_("Share of the need covered, as a band (anonymised only)."))
    drawn_quantity = serializers.FloatField(
        allow_null=True, help_text=_("The quantity drawn in charts: exact, or from the bands "
                                     "while a side is anonymised."))
    unit = serializers.CharField()
    rank_for_supply = serializers.IntegerField()
    rank_for_demand = serializers.IntegerField()
    status = serializers.ChoiceField(choices=OpportunityStatus.choices)
    supplier_revealed = serializers.BooleanField()
    receiver_revealed = serializers.BooleanField()
    revealed = serializers.BooleanField()
    selected = serializers.BooleanField()
    selected_quantity = serializers.FloatField(allow_null=True)
    current = serializers.BooleanField()


@extend_schema_serializer(component_name="OpportunityTransition")
class TransitionSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=OpportunityStatus.choices)


class RevealSerializer(serializers.Serializer[Any]):
    side = serializers.ChoiceField(choices=[(s, s) for s in SIDES])
    revealed = serializers.BooleanField(default=True)


class RecordSerializer(serializers.ModelSerializer[ExchangeRecord]):
    class Meta:
        model = ExchangeRecord
        fields = ["id", "year", "month", "quantity", "unit", "note", "at"]
        read_only_fields = ["id", "unit", "at"]


class ParkSummarySerializer(serializers.Serializer[Any]):
    park = serializers.CharField()
    year = serializers.IntegerField()
    totals = serializers.DictField()
    statuses = serializers.DictField(child=serializers.IntegerField())
    opportunities = serializers.IntegerField()
    selected = serializers.IntegerField()


class NetworkSerializer(serializers.Serializer[Any]):
    park = serializers.CharField()
    exchanges = OpportunitySerializer(many=True)
    sankey = serializers.DictField()
