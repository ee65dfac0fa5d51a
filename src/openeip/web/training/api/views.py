"""Training API: courses and sessions for everyone signed in; registrations through
``Registration.objects.for_user`` (the session's trainers and park managers, the person's
company, whoever registered them)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import viewsets

from openeip.web.base.api import Pages, Restricted
from openeip.web.training.api import serializers
from openeip.web.training.models import Course, Registration, Session


class CourseViewSet(viewsets.ReadOnlyModelViewSet):
    """The course catalogue (both languages)."""

    queryset = Course.objects.all()
    serializer_class = serializers.CourseSerializer
    pagination_class = Pages
    lookup_field = "code"
    filterset_fields = ["topic", "active"]


class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    """Sessions with their seats left (filters: park, course)."""

    queryset = Session.objects.select_related("course", "park")
    serializer_class = serializers.SessionSerializer
    pagination_class = Pages

    def get_queryset(self) -> QuerySet[Any]:
        rows = super().get_queryset()
        if self.request.query_params.get("park"):
            rows = rows.filter(park__slug=self.request.query_params["park"])
        if self.request.query_params.get("course"):
            rows = rows.filter(course__code=self.request.query_params["course"])
        return rows


class RegistrationViewSet(Restricted, viewsets.ReadOnlyModelViewSet):
    """Registrations the user may see (filters: session, company)."""

    queryset = Registration.objects.none()
    serializer_class = serializers.RegistrationSerializer
    pagination_class = Pages
    filterset_fields = ["session", "status", "attended"]

    def restricted(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        return rows.select_related("company", "certificate")
