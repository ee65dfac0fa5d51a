from __future__ import annotations

from rest_framework import serializers

from openeip.web.monitor.models import Baseline, Meter, Reading
from openeip.web.registry.models import Company, Park


class MeterSerializer(serializers.ModelSerializer):
    park: serializers.SlugRelatedField[Park] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True)
    company: serializers.SlugRelatedField[Company] = serializers.SlugRelatedField(
        slug_field="code", read_only=True)

    class Meta:
        model = Meter
        fields = ["id", "park", "company", "code", "name", "resource", "unit", "register",
                  "flow_kind", "flow_description", "time_zone", "rollover", "components"]


class ReadingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reading
        fields = ["start", "end", "value", "flags"]


class BaselineSerializer(serializers.ModelSerializer):
    meter: serializers.SlugRelatedField[Meter] = serializers.SlugRelatedField(
        slug_field="code", read_only=True)

    class Meta:
        model = Baseline
        fields = ["id", "meter", "interval", "start", "end", "drivers", "model", "candidates",
                  "explanation", "accepted", "created_at"]


class PushReadingSerializer(serializers.Serializer):
    meter = serializers.CharField(max_length=60)
    start = serializers.CharField(required=False, allow_blank=True)
    end = serializers.CharField(required=False, allow_blank=True)
    timestamp = serializers.CharField(required=False, allow_blank=True)
    value = serializers.CharField()
    unit = serializers.CharField(required=False, allow_blank=True)


class PushSerializer(serializers.Serializer):
    readings = PushReadingSerializer(many=True)


class PushResultSerializer(serializers.Serializer):
    rows = serializers.IntegerField()
    inserted = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    meters = serializers.ListField(child=serializers.CharField())
