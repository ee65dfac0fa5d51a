"""The API's view of grievances (no identity of the complainant, no tracking code) and of
dialogue meetings with their commitments."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from openeip.web.community.models import Commitment, Escalation, Grievance, Meeting
from openeip.web.registry.models import Company, Park


class EscalationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Escalation
        fields = ["from_level", "to_level", "reason", "missed_due_at", "at"]


class GrievanceSerializer(serializers.ModelSerializer):
    park: serializers.SlugRelatedField[Park] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True)
    company: serializers.SlugRelatedField[Company] = serializers.SlugRelatedField(
        slug_field="code", read_only=True)
    escalations = EscalationSerializer(many=True, read_only=True)

    class Meta:
        model = Grievance
        fields = ["id", "park", "kind", "category", "severity", "description", "company",
                  "company_named", "location", "latitude", "longitude", "channel", "anonymous",
                  "stage", "level", "received_at", "acknowledged_at", "clock_started_at",
                  "resolved_at", "closed_at", "due_at", "resolved_in_time",
                  "confirmed_by_complainant", "resolution", "retaliation", "shared_at",
                  "escalations"]
        read_only_fields = fields


class CommitmentSerializer(serializers.ModelSerializer):
    plan_action: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True)

    class Meta:
        model = Commitment
        fields = ["id", "text_vi", "text_en", "owner", "due", "status", "plan_action"]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    park: serializers.SlugRelatedField[Park] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True)
    commitments = CommitmentSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "park", "date", "title", "place", "participants", "women", "minutes",
                  "commitments"]
        read_only_fields = fields
