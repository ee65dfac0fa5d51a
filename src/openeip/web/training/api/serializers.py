"""Training through the API: the catalogue and sessions (public facts), registrations (for
those who may see them)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from openeip.web.registry.models import Company, Park
from openeip.web.training.models import Course, Registration, Session


class CourseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Course
        fields = ["code", "topic", "title_vi", "title_en", "summary_vi", "summary_en", "hours",
                  "active"]
        read_only_fields = fields


class SessionSerializer(serializers.ModelSerializer):
    course: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True)
    park: serializers.SlugRelatedField[Park] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True)
    seats_left = serializers.IntegerField(read_only=True)

    class Meta:
        model = Session
        fields = ["id", "course", "park", "starts_at", "ends_at", "mode", "venue", "capacity",
                  "seats_left"]
        read_only_fields = fields


class RegistrationSerializer(serializers.ModelSerializer):
    company: serializers.SlugRelatedField[Company] = serializers.SlugRelatedField(
        slug_field="code", read_only=True)
    certificate: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True)

    class Meta:
        model = Registration
        fields = ["id", "session", "company", "name", "email", "gender", "job_title", "status",
                  "created_at", "attended", "attended_at", "attended_online", "checkin_method",
                  "certificate"]
        read_only_fields = fields
